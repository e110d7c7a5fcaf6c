"""The pages cover what the content brief asks for, and say it the way it asks.

These tests check structure and key facts on the built HTML. They do not
judge whether the writing is good; reviewers do that.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment

from conftest import PAGE_FILES, ROOT, page_id, page_meta
from patient_site import bibliography
from readability import article, prose_blocks

SEED_DIR = Path(os.environ.get("SEED_DIR", ROOT.parent / "shared" / "seed"))


def headings(soup, level="h2") -> list[str]:
    return [" ".join(h.get_text(" ").split()) for h in article(soup).find_all(level)]


def text_of(soup) -> str:
    return " ".join(article(soup).get_text(" ").split())


# --- The seed article's four topics each have a page with the brief's sections

SEED_TOPICS = {
    # seed topic: (page, [patterns its h2 headings must include])
    "The healing process": (
        "what-to-expect/",
        [r"^Day 0", r"^Days 1 to 3", r"^Days 4 to 7", r"^Week 2", r"weeks .*after"],
    ),
    "Why breakouts occur": (
        "why-breakouts-happen/",
        [r"barrier", r"sweat", r"pore-clogging", r"milia", r"purging", r"not known"],
    ),
    "Managing breakouts": (
        "caring-for-your-skin/",
        [r"^The first days", r"routine", r"^Times", r"checklist", r"^Actives", r"acne products.*restart", r"^Sun"],
    ),
    "When to seek professional help": (
        "when-to-get-help/",
        [r"^Non-urgent:", r"^Urgent:", r"^Emergency:", r"cold sores"],
    ),
}


@pytest.mark.parametrize("topic", SEED_TOPICS)
def test_seed_topic_has_its_page_and_sections(pages, topic):
    url, required = SEED_TOPICS[topic]
    assert url in pages, f"{topic}: no page /{url}"
    found = headings(pages[url])
    missing = [p for p in required if not any(re.search(p, h, re.I) for h in found)]
    assert not missing, f"/{url} lacks sections matching {missing}; it has {found}"


# --- Home: the answer first, warning signs one tap away ------------------------

def test_home_leads_with_the_main_message(pages):
    body = article(pages[""])
    first = body.find("p")
    assert "lead" in first.get("class", []), "the first paragraph should be the main message"
    message = first.get_text(" ").lower()
    assert "first days" in message and "common" in message and "settle" in message
    assert "clinics say" in message, "how long spots last is what clinics say, not a measured fact"


def test_home_has_warning_signs_one_tap_away(pages):
    body = article(pages[""])
    jump = body.find("a", href="#warning-signs")
    assert jump is not None, "a link near the top should jump to the warning signs"
    paragraphs_before_jump = [p for p in jump.find_all_previous("p") if p.find_parent("article")]
    assert len(paragraphs_before_jump) <= 3, "the jump link should be on the first screen"
    assert body.select_one(".care-card--urgent") and body.select_one(".care-card--emergency")


# --- When to get help: three cards, the level in words ------------------------

def test_help_cards_carry_their_level_in_words(pages):
    cards = article(pages["when-to-get-help/"]).select(".care-card")
    titles = [" ".join(card.find("h2").get_text(" ").split()) for card in cards]
    assert titles == [  # the most urgent first, then what is normal
        "Emergency: call your emergency number now if you have:",
        "Urgent: contact your clinic or a doctor today if you have:",
        "Non-urgent: contact your clinic within a few days if you have:",
        "Normal in the first days: these usually get better day by day",
    ]
    for card in cards:
        assert card.find("ul"), "each card lists the signs it is for"


def test_emergency_card_gives_numbers_for_several_countries(pages):
    card = article(pages["when-to-get-help/"]).select_one(".care-card--emergency")
    text = card.get_text(" ")
    for number in ("911", "999", "112", "000"):
        assert number in text


# --- What to expect: a visual timeline with the same information in text -------

@pytest.mark.parametrize("url", ["", "what-to-expect/"], ids=page_id)
def test_healing_timeline(pages, url):
    figure = article(pages[url]).select_one("figure.timeline")
    assert figure is not None and figure.find("figcaption"), "timeline needs a caption"
    stages = figure.find("ol").find_all("li", recursive=False)
    labels = [stage.find("strong").get_text() for stage in stages]
    assert labels == [
        "Day 0, treatment day:",
        "Days 1 to 3:",
        "Days 4 to 7:",
        "Week 2:",
        "The months after:",
    ]
    for stage in stages:
        # Its "More about ..." link: the last link of its own words, after
        # their citations (the normal signs of its days may follow in a list).
        words = stage.find("p") or stage
        link = words.find_all("a")[-1]["href"]
        target = link.split("#")[1] if "#" in link else ""
        assert link.split("#")[0] in ("./", "what-to-expect/", "../what-to-expect/") and target, \
            f"/{url}: stage {stage.find('strong').get_text()} should link to its section, not {link}"
        assert pages["what-to-expect/"].find(id=target), f"{link} has no target"


# --- Words we use: the plain word first, the medical word in brackets ---------

@pytest.mark.parametrize(
    "plain, medical",
    [
        ("Redness", "erythema"),
        ("Swelling", "oedema, edema"),
        ("Tiny white bumps", "milia"),
        ("Pore-clogging", "comedogenic"),
        ("Dark marks", "post-inflammatory hyperpigmentation"),
        ("Cold sores", "herpes simplex"),
        ("Lumps under the skin", "granulomas"),
        ("Germs", "bacteria"),
    ],
)
def test_glossary_gives_plain_then_medical_word(pages, plain, medical):
    entries = headings(pages["words-we-use/"], "h3")
    assert any(h.startswith(plain) and f"({medical}" in h for h in entries), entries


# --- Facts from each area of the brief -----------------------------------------

FACTS = [
    # (page, pattern, what the brief says)
    ("questions/", r"made by a company called Lutronic", "Infini is made by Lutronic"),
    ("why-breakouts-happen/", r"Fine needles make tiny channels .* send heat below the surface", "RF microneedling: needles and heat"),
    ("why-breakouts-happen/", r"Plain microneedling uses needles alone", "plain microneedling uses needles alone"),
    ("why-breakouts-happen/", r"tiny channels close within minutes", "the channels close within minutes (DermNet)"),
    ("questions/", r"even 6 months after treatment", "results continue to improve even 6 months after"),
    ("what-to-expect/", r"often much better by day 3", "redness and swelling settle within about 72 hours (clinics say, for RF)"),
    ("what-to-expect/", r"within about 7 days", "short-term effects last up to about 7 days"),
    ("why-breakouts-happen/", r"one small study of RF microneedling, the barrier was at its weakest in days 1 to 3. In those 20 Chinese adults, it was back to normal by about day 7", "barrier weakest days 1-3, normal by day 7, 20 people"),
    ("why-breakouts-happen/", r"We found no study that says how often spots happen after RF microneedling", "no published rate for RF microneedling"),
    ("why-breakouts-happen/", r"In one small study, 18 people with acne", "one small study, not 'studies'"),
    ("why-breakouts-happen/", r"no good evidence that microneedling causes purging", "purging explained honestly"),
    ("why-breakouts-happen/", r"we found no study that measured it", "breakout duration not measured"),
    ("questions/", r"still there after 2 weeks, or getting worse", "the two-week rule, with both halves"),
    ("caring-for-your-skin/", r"the first 24 hours", "no makeup for 24 hours"),
    ("caring-for-your-skin/", r"the first 48 hours", "no sweat or heat for 48 hours"),
    ("caring-for-your-skin/", r"7 days", "pause actives 7 days"),
    ("caring-for-your-skin/", r"SPF (\(sun protection factor\) )?30 or higher", "mineral SPF 30+"),
    ("caring-for-your-skin/", r"for at least 4 weeks: shade from the start", "sun protection 4 weeks"),
    ("caring-for-your-skin/", r"follow your own clinic's instructions", "always follow the clinic's instructions"),
    ("caring-for-your-skin/", r"pillowcase", "clean pillowcase, hands and phone"),
    ("caring-for-your-skin/", r"lumps under the skin \(granulomas\)", "products pushed into the skin cause granulomas"),
    ("caring-for-your-skin/", r"We found no study on when it is safe to restart them", "no study on restarting acne products"),
    ("when-to-get-help/", r"antiviral medicine", "antiviral medicine before treatment"),
    ("when-to-get-help/", r"more likely on brown and black skin", "dark marks more likely on brown and black skin"),
    ("when-to-get-help/", r"low risk of them after RF treatments on brown and black skin, RF microneedling included. The evidence is weak", "Syder 2023's reassurance, and its weak evidence"),
    ("when-to-get-help/", r"NHS 111", "what to do when the clinic is closed"),
    ("serious-problems/", r"On 15 October 2025, the US Food and Drug Administration", "the FDA safety communication"),
    ("serious-problems/", r"burns, scars, fat loss, disfigurement .* nerve damage", "the problems the FDA reports"),
    ("serious-problems/", r"MedWatch", "reporting in the US"),
    ("serious-problems/", r"Yellow Card", "reporting in the UK"),
    ("serious-problems/", r"get care first", "reporting is not getting care"),
]

# What the corrected brief withdrew or says the sources do not support.
WITHDRAWN = [
    (r"46 in 100|46 ?%", "crusting 'up to 46%': no verified source"),
    (r"3 of 40", "grid marks '3 of 40': no verified source"),
    (r"13 in 100|13 ?%", "acne flares 'up to 13%': no verified source"),
    (r"up to 6 months", "Tan 2021 says 'even 6 months after'"),
    (r"found none", "the review of 58 studies covered scars, not RF devices"),
    (r"58 studies", "the review of 58 studies covered scars, not RF devices"),
    (r"channels are (still )?open|open channels|into the holes", "the channels close within minutes"),
    (r"1 to 2 days later", "no timing for cold sores in Vaghela 2021"),
    (r"In studies[^.]*acne did not get worse", "one study of 18 people, not 'studies'"),
    (r"pus, yellow crusts or oozing, which can mean an infection", "whiteheads and tiny scabs are normal"),
]


@pytest.mark.parametrize("url", PAGE_FILES)
@pytest.mark.parametrize("pattern, why", WITHDRAWN, ids=[w[1] for w in WITHDRAWN])
def test_withdrawn_claims_are_gone(pages, url, pattern, why):
    found = re.search(pattern, text_of(pages[url]), re.I)
    assert not found, f"/{url} says '{found.group(0)}': {why}"


@pytest.mark.parametrize("url, pattern, fact", FACTS, ids=[f[2] for f in FACTS])
def test_fact_from_the_brief_is_on_the_site(pages, url, pattern, fact):
    assert re.search(pattern, text_of(pages[url]), re.I), f"/{url} should say: {fact}"


# --- Trust: sources, review status, dates ------------------------------------

PEER_REVIEWED = re.compile(r"^https://(doi\.org/10\.|pubmed\.ncbi\.nlm\.nih\.gov/\d|pmc\.ncbi\.nlm\.nih\.gov/articles/PMC)")


def test_about_lists_every_source_with_at_least_eight_peer_reviewed(pages):
    listings = article(pages["about/"]).select("#sources ~ .all-sources ul.references")
    assert listings, "About has no generated list of all sources"
    links = {a["href"] for listing in listings for a in listing.find_all("a", href=PEER_REVIEWED)}
    assert len(links) >= 8, sorted(links)
    items = [li for listing in listings for li in listing.find_all("li", recursive=False)]
    assert len(items) == len(bibliography.parse(ROOT / "sources.bib"))
    assert len(article(pages["about/"]).select(".all-sources > h3")) >= 3, "the full list is not grouped"


# About holds the whole bibliography instead of citing sentences.
@pytest.mark.parametrize("url", [u for u in PAGE_FILES if u != "about/"])
def test_page_cites_its_sources_at_the_sentence(pages, url):
    body = article(pages[url])
    cited = body.select("sup.citation a")
    assert cited, f"/{url} has medical content but cites no source"
    heading = body.find("h2", id="sources")
    assert heading and heading.get_text() == "Sources for this page", f"/{url}: no generated source list"
    listing = heading.find_next_sibling("ol", class_="references")
    items = listing.find_all("li", recursive=False)
    targets = {a["href"].lstrip("#") for a in cited}
    assert {item["id"] for item in items} == targets, f"/{url}: list and citations differ"
    numbers = [int(a.get_text()) for a in cited]
    first_seen = list(dict.fromkeys(numbers))
    assert first_seen == list(range(1, len(items) + 1)), f"/{url}: sources not numbered in order of first citation"
    for item in items:
        assert item.find("a", href=re.compile(r"^https://")), f"/{url}: {item['id']} has no link to follow"


def test_handout_points_to_its_sources(pages, site_url):
    closing = article(pages["handout/"]).find(string=re.compile("with sources"))
    assert closing, "the handout does not say where its sources are"
    assert closing.find_next("a")["href"] == site_url


def test_about_states_review_status_and_policies(pages):
    text = text_of(pages["about/"])
    assert "Until a doctor or nurse has checked a page, use it as a general guide." in text
    # No page is signed in this build: the About table says so for every page.
    rows = [row.select("td") for row in pages["about/"].select("#review-status ~ table tr") if row.select("td")]
    assert len(rows) == len(PAGE_FILES) and {cells[1].get_text() for cells in rows} == {"Not yet."}
    assert "no advertising" in text.lower()
    assert "no tracking" in text.lower()
    assert "does not replace advice" in text


@pytest.mark.parametrize("url", PAGE_FILES)
def test_review_dates_shown_under_the_text(pages, url):
    box = article(pages[url]).select_one("footer.page-review")
    assert box, f"/{url}: no review dates"
    meta = page_meta(url)
    for label, field in (("Page last reviewed", "last_reviewed"), ("Next review due", "next_review")):
        date = meta[field].isoformat()
        assert label in box.get_text() and box.find("time", datetime=date), f"/{url}: {label} {date} not shown"


@pytest.mark.parametrize("url", PAGE_FILES)
def test_every_page_says_it_does_not_replace_advice(pages, url):
    footer = pages[url].select_one(".md-footer-meta").get_text(" ")
    assert "does not replace advice" in footer and "no advertising and no tracking" in footer


# --- Wording rules -----------------------------------------------------------

# An abbreviation is two or more capitals, perhaps with a plural "s".
_ACRONYM = re.compile(r"\b[A-Z]{2,}s?\b")


@pytest.mark.parametrize("url", PAGE_FILES)
def test_abbreviations_have_tooltips(pages, url):
    """Every abbreviation in the text has a tooltip (includes/abbreviations.md).

    Link text, code and the reference list are left out: reference lists are
    full of author initials and journal abbreviations by convention.
    """
    bare = []
    for node in article(pages[url]).find_all(string=_ACRONYM):
        if isinstance(node, Comment) or node.find_parent(["abbr", "a", "code"]):
            continue
        if node.find_parent(class_="references"):
            continue
        bare += [f"{word} in '{node.strip()[:60]}'" for word in _ACRONYM.findall(node)]
    assert not bare, f"/{url}: abbreviations without a tooltip: {bare}"


@pytest.mark.parametrize("url", PAGE_FILES)
def test_skin_colour_wording(pages, url):
    """The brief: say 'brown and black skin' and 'white skin', not 'dark/light skin'."""
    found = re.findall(r"\b(?:dark|darker|light|lighter|fair) skin\b", text_of(pages[url]), re.I)
    assert not found, f"/{url}: {found}"


def _shingles(text: str, size: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


@pytest.mark.skipif(not SEED_DIR.is_dir(), reason=f"seed article not found at {SEED_DIR} (set SEED_DIR)")
def test_no_wording_copied_from_the_seed(pages):
    """No run of 8 words in a row is shared with the seed article."""
    seed = _shingles(" ".join(p.read_text(encoding="utf-8") for p in SEED_DIR.glob("*.txt")))
    for url, soup in pages.items():
        shared = seed & _shingles(" ".join(prose_blocks(soup)))
        assert not shared, f"/{url} repeats the seed: {[' '.join(s) for s in shared]}"


# --- One place for each piece of advice ------------------------------------------

# A phrase that only the shared snippet says, and the snippet itself. Where
# the phrase appears on a page, the whole snippet must be there: a page that
# words the advice its own way would drift from the others.
SHARED_ADVICE = {
    "first-days": (r"nothing on your skin but what|only products your clinic gave", "advice/first-days.md"),
    "which spots need help": (r"Check your spots against these signs", "advice/spots-signs.md"),
    "serious problems, one way": (r"How often they happen is not known", "advice/serious-rare.md"),
    "routine and sun": (r"SPF( \(sun protection factor\))? 30", "advice/routine.md"),
    "times to wait": (r"how long to wait after treatment", "advice/times.md"),
    "redness on brown and black skin": (r"redness can be hard to see", "signs/redness-on-all-skin.md"),
}
SNIPPETS = ROOT / "includes"


def snippet_sentences(name: str) -> list[re.Pattern]:
    """Each sentence of a snippet as a pattern; a setting matches any "24 hours"."""
    source = (SNIPPETS / name).read_text(encoding="utf-8")
    source = re.sub(r"\{##.*?##\}", "", source, flags=re.S)
    source = re.sub(r"\{\{ (?!aftercare)[^}]*\}\}", "", source)  # warning signs and other page-text calls
    source = re.sub(r"<[^<>]+>", "", source)                          # tags: their words stay
    source = re.sub(r"\s*\[@[^\]]+\]", "", source)
    source = re.sub(r"^\{:? *\.[\w-]+ *\}$", "", source, flags=re.M)   # attribute lists
    source = re.sub(r"!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?\s*", "", source)  # pictures
    source = re.sub(r"\{\{ aftercare\.\w+ \| plural\(\"\w+\"\) \}\}", "SETTING", source)
    source = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", source)          # links: their text
    source = re.sub(r"^\|[-| ]+\|$", "", source, flags=re.M)           # a table's rule
    source = re.sub(r"^\| | \|$", "", source, flags=re.M).replace(" | ", " ")  # cells: their text
    source = re.sub(r"\*\*|^\s*(?:[-*]|\d+\.)\s+", " ", source, flags=re.M)
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(source.split()))
    return [re.compile(re.escape(s.strip()).replace("SETTING", r"\d+ \w+")) for s in sentences if s.strip()]


def text_without_citations(soup) -> str:
    body = BeautifulSoup(str(article(soup)), "html.parser")
    # Citations, and the source lists whose notes say what each source supports.
    for mark in body.select("sup.citation, .references, .all-sources"):
        mark.decompose()
    return re.sub(r"\s+([.,;:])", r"\1", " ".join(body.get_text(" ").split()))


@pytest.mark.parametrize("advice", SHARED_ADVICE)
def test_shared_advice_comes_from_its_snippet(pages, advice):
    phrase, snippet = SHARED_ADVICE[advice]
    used = []
    for url, soup in pages.items():
        text = text_without_citations(soup)
        if not re.search(phrase, text):
            continue
        for sentence in snippet_sentences(snippet):
            assert sentence.search(text), (f"/{url} gives the '{advice}' advice, but not in the words of "
                                           f"includes/{snippet}: missing '{sentence.pattern}'")
        used.append(url)
    assert len(used) >= 2, f"'{advice}' is on {used} only: a snippet is for advice that two pages give"


@pytest.mark.parametrize("url", [u for u in PAGE_FILES if u not in ("about/", "handout/", "when-to-get-help/")])
def test_warning_signs_are_linked_from_the_first_screen(pages, url):
    """Every page links to the warning signs within its first three paragraphs."""
    body = article(pages[url])
    first = [p for p in body.find_all("p") if not p.find_parent(class_="care-card")][:3]
    links = [a for p in first for a in p.find_all("a", href=True)]
    assert any(re.search(r"when-to-get-help|#warning-signs", a["href"]) for a in links), f"/{url}: no link to the warning signs"


@pytest.mark.parametrize("url", ["", "when-to-get-help/"])
def test_rare_serious_problems_are_linked(pages, url):
    assert article(pages[url]).find("a", href=re.compile(r"serious-problems")), f"/{url} does not link to them"


def test_handout_names_the_rare_serious_problems(pages):
    line = article(pages["handout/"]).select_one(".handout-rare")
    assert line and "burns" in line.get_text() and "report" in line.get_text()


@pytest.mark.parametrize("url", [u for u in PAGE_FILES if u != "about/"])
def test_redness_as_a_sign_comes_with_brown_and_black_skin(pages, url):
    """The brief: describe signs for all skin tones wherever redness is a sign."""
    text = text_of(pages[url])
    if re.search(r"\bredness\b", text, re.I):
        assert "brown and black skin" in text, f"/{url} names redness but not how it looks on brown and black skin"
