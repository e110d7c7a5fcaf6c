"""Every page reads at US grade 6 or below, in short sentences and short paragraphs.

Limits come from the content brief. Prose is measured as the brief defines it
(see readability.py), on the built HTML, so text from shared snippets and
templates is measured too.
"""

import pytest

from conftest import PAGE_FILES
from readability import article, prose_blocks, score, sentences, word_count

MAX_GRADE = 6.0            # Flesch-Kincaid grade level
MAX_SMOG = 9.0
MAX_SENTENCE_WORDS = 20    # the brief's rule; the hard limit is 25
MAX_PARAGRAPH_SENTENCES = 3
MAX_LIST_ITEMS = 7
MAX_DESCRIPTION = 160


@pytest.mark.parametrize("url", PAGE_FILES)
def test_reading_level(pages, url):
    result = score(url, pages[url])
    assert result.fkgl <= MAX_GRADE, f"/{url}: Flesch-Kincaid grade {result.fkgl} > {MAX_GRADE}"
    assert result.smog <= MAX_SMOG, f"/{url}: SMOG {result.smog} > {MAX_SMOG}"


@pytest.mark.parametrize("url", PAGE_FILES)
def test_sentences_are_short(pages, url):
    too_long = [s for s in sentences(prose_blocks(pages[url])) if word_count(s) > MAX_SENTENCE_WORDS]
    assert not too_long, f"/{url}: sentences over {MAX_SENTENCE_WORDS} words:\n" + "\n".join(too_long)


@pytest.mark.parametrize("url", PAGE_FILES)
def test_paragraphs_are_short(pages, url):
    too_long = []
    for paragraph in article(pages[url]).find_all("p"):
        text = " ".join(paragraph.get_text(" ").split())
        if text and len(sentences([text])) > MAX_PARAGRAPH_SENTENCES:
            too_long.append(text)
    assert not too_long, f"/{url}: paragraphs over {MAX_PARAGRAPH_SENTENCES} sentences:\n" + "\n".join(too_long)


@pytest.mark.parametrize("url", PAGE_FILES)
def test_lists_are_short(pages, url):
    for listing in article(pages[url]).find_all(["ul", "ol"]):
        if "references" in listing.get("class", []):
            continue  # a source list is as long as the sources a page cites
        items = listing.find_all("li", recursive=False)
        assert len(items) <= MAX_LIST_ITEMS, f"/{url}: a list has {len(items)} items: {items[0].get_text()[:60]}..."


@pytest.mark.parametrize("url", PAGE_FILES)
def test_meta_description(pages, url):
    tag = pages[url].find("meta", attrs={"name": "description"})
    assert tag and tag.get("content", "").strip(), f"/{url}: no meta description"
    assert len(tag["content"]) <= MAX_DESCRIPTION, f"/{url}: description is {len(tag['content'])} characters"


def test_meta_descriptions_are_unique(pages):
    by_description = {}
    for url, soup in pages.items():
        description = soup.find("meta", attrs={"name": "description"})["content"]
        by_description.setdefault(description, []).append(f"/{url}")
    shared = {d: urls for d, urls in by_description.items() if len(urls) > 1}
    assert not shared, shared
