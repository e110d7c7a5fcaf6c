"""Readability of the built pages, measured the way the content brief defines it.

Prose is the article's paragraphs, list items and table cells; headings,
code, citation numbers and reference lists are left out, and each block is
ended with a full stop, so that a list item without one still counts as a
sentence. Scores come from textstat 0.7.4.

Run it on a built site to print the table for a review or an issue note:

    python tests/readability.py site
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import textstat
from bs4 import BeautifulSoup, NavigableString, Tag

from patient_site.page_map import built_pages

PROSE_TAGS = ("p", "li", "td", "th")
SKIPPED_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "pre", "code", "script", "style", "sup")
# Reference lists (patient_site/citations.py) are citations, not prose.
SKIPPED_CLASS = "references"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’\-][A-Za-z0-9]+)*")


@dataclass
class PageScore:
    url: str
    words: int
    fkgl: float
    smog: float
    longest_sentence: str

    @property
    def longest_sentence_words(self) -> int:
        return word_count(self.longest_sentence)


def word_count(sentence: str) -> int:
    """Words in a sentence; "fragrance-free" and "don't" count as one."""
    return len(_WORD.findall(sentence))


def article(soup: BeautifulSoup) -> Tag:
    """The page's article: Material puts the page text in this element."""
    found = soup.select_one("article.md-content__inner")
    if found is None:
        raise ValueError("no <article class='md-content__inner'> in page")
    return found


def prose_blocks(soup: BeautifulSoup) -> list[str]:
    """Text of each paragraph, list item and table cell, ending in a full stop.

    A list item's own text is taken without its nested lists, which are
    blocks of their own, so nothing is counted twice.
    """
    blocks = []
    for element in article(soup).find_all(PROSE_TAGS):
        if element.find_parent(SKIPPED_TAGS) or element.find_parent(class_=SKIPPED_CLASS):
            continue
        text = " ".join(_own_text(element).split())
        if not text:
            continue
        if text[-1] not in ".!?":
            text += "."
        blocks.append(text)
    return blocks


def _own_text(element: Tag) -> str:
    parts = []
    for child in element.children:
        if isinstance(child, NavigableString):
            parts.append(str(child))
        elif child.name in PROSE_TAGS or child.name in ("ul", "ol", "table"):
            continue
        elif child.name not in SKIPPED_TAGS:
            parts.append(_own_text(child))
    return " ".join(parts)


def sentences(blocks: list[str]) -> list[str]:
    return [s for block in blocks for s in _SENTENCE_END.split(block) if s.strip()]


def score(url: str, soup: BeautifulSoup) -> PageScore:
    blocks = prose_blocks(soup)
    text = " ".join(blocks)
    all_sentences = sentences(blocks)
    longest = max(all_sentences, key=word_count, default="")
    return PageScore(
        url=url,
        words=textstat.lexicon_count(text),
        fkgl=textstat.flesch_kincaid_grade(text),
        smog=textstat.smog_index(text),
        longest_sentence=longest,
    )


def main(site_dir: str) -> None:
    rows = []
    for url, path in built_pages(Path(site_dir)).items():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        rows.append(score(url, soup))
    print("| Page | Words | FKGL | SMOG | Longest sentence (words) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(f"| /{row.url} | {row.words} | {row.fkgl} | {row.smog} | {row.longest_sentence_words} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "site")
