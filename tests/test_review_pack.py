"""`make review-pack`: the A4 PDF a clinic's medical lead checks, read back from paper."""

from __future__ import annotations

import re
import subprocess
import sys

import pdfplumber
import pytest

from patient_site.paper import DRAFT_MARK, DRAFT_MARKS
from conftest import ROOT, clean_environment
from readability import article
from review_pack import nav_pages

A4 = (595, 842)  # points


def make_pack(site, out, *options: str, **settings: str) -> tuple[set, list[str]]:
    """`make review-pack` for one edition, read back: the sheet sizes and each sheet's text."""
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "review_pack.py"), str(site), "--out", str(out),
                             "--today", "2027-01-15", *options], cwd=ROOT,
                            env={**clean_environment(), "NO_MKDOCS_2_WARNING": "1", "DRAFT": "1", **settings},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out) as document:
        sizes = {(round(page.width), round(page.height)) for page in document.pages}
        texts = [page.extract_text() or "" for page in document.pages]
    return sizes, texts


@pytest.fixture(scope="module")
def pack(site_dir, tmp_path_factory):
    return make_pack(site_dir, tmp_path_factory.mktemp("pack") / "review-pack.pdf")


def test_a_draft_pack_says_so_on_every_sheet(pack):
    """The default build's address is local: the pack is printed as a draft."""
    _, texts = pack
    assert all(DRAFT_MARK in text for text in texts)


def test_the_pack_is_a4(pack):
    sizes, _ = pack
    assert sizes == {A4}


def test_the_cover_gives_version_date_and_settings(pack):
    _, texts = pack
    cover = texts[0]
    commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    assert commit and commit in cover
    assert "2027-01-15" in cover
    for line in ("No makeup (hours) 24", "No sweat, heat, pools (hours) 48", "Pause actives (days) 7",
                 "Sun protection (weeks) 4", "Clinic (not set)", "Reviewer (not set)"):
        assert line in cover, f"the cover lacks '{line}'"


def test_the_pack_leaves_out_words_only_screen_readers_hear(pack):
    _, texts = pack
    assert not [index for index, text in enumerate(texts) if "left blank to fill in" in text]


def test_each_warning_sign_says_which_days_the_day_guide_shows_it(pack):
    text = " ".join(" ".join(pack[1]).split())
    for days in ("[Day guide shows it: every day]", "[Day guide shows it: day 0]",
                 "[Day guide shows it: days 1 to 7]", "[Day guide shows it: from day 7]"):
        assert days in text, f"the pack never says '{days}'"


def test_every_page_is_in_the_pack_with_a_sign_off(pack, pages):
    _, texts = pack
    text = "\n".join(texts[1:])
    for label, url, _ in nav_pages(ROOT / "mkdocs.yml"):
        title = " ".join(article(pages[url]).find("h1").get_text().split())
        assert title in " ".join(text.split()), f"the pack lacks the page '{title}'"
    assert text.count("Sign-off for this page") == len(nav_pages(ROOT / "mkdocs.yml"))


def sources_not_in(texts: list[str], soup) -> list[str]:
    """The start of each of a page's full references that the pack's text lacks."""
    flat = re.sub(r"\s+", "", "".join(texts))  # lines wrap anywhere on paper
    references = (re.sub(r"\s+", "", item.select_one(".references__full").get_text())[:60]
                  for item in article(soup).select("ol.references > li"))
    return [reference for reference in references if reference not in flat]


def test_every_cited_source_is_in_the_pack_in_full(pack, pages):
    _, texts = pack
    for url, soup in pages.items():
        assert not sources_not_in(texts, soup), f"/{url}: not in the pack: {sources_not_in(texts, soup)}"


# --- The Spanish edition's pack, in Spanish --------------------------------------

@pytest.fixture(scope="module")
def es_pack(es_site_dir, tmp_path_factory):
    """Built with only the English reviewer set: that reviewer has not checked the Spanish."""
    return make_pack(es_site_dir, tmp_path_factory.mktemp("pack-es") / "review-pack-es.pdf",
                     "--config", str(ROOT / "mkdocs.es.yml"), REVIEWER_NAME="Dr Ann Lee")


def test_the_spanish_pack_is_a4_and_a_spanish_draft_on_every_sheet(es_pack):
    sizes, texts = es_pack
    assert sizes == {A4}
    assert all(DRAFT_MARKS["es"] in text for text in texts)
    assert not any(DRAFT_MARKS["en"] in text for text in texts)
    assert all(re.search(r"Página \d+ de \d+", text) for text in texts)


def test_the_spanish_cover_gives_the_spanish_address_and_settings(es_pack):
    cover = " ".join(es_pack[1][0].split())
    assert "Paquete de revisión" in cover and "2027-01-15" in cover
    assert "http://127.0.0.1:8000/es/" in cover
    for line in ("Sin maquillaje (horas) 24", "Pausa de activos (días) 7", "Revisor(a) (sin definir)"):
        assert line in cover, f"the Spanish cover lacks '{line}'"
    assert "Ann Lee" not in cover, "the English reviewer is shown as the Spanish one's"


def test_every_spanish_page_is_in_the_spanish_pack_with_its_sources(es_pack, es_pages):
    _, texts = es_pack
    text = " ".join("\n".join(texts[1:]).split())
    for label, url, _ in nav_pages(ROOT / "mkdocs.es.yml"):
        title = " ".join(article(es_pages[url]).find("h1").get_text().split())
        assert title in text, f"the Spanish pack lacks the page '{title}'"
        missing = sources_not_in(texts, es_pages[url])
        assert not missing, f"/es/{url}: not in the Spanish pack: {missing}"
    assert text.count("Firma para esta página") == len(nav_pages(ROOT / "mkdocs.es.yml"))
