"""`make review-pack`: the A4 PDF a clinic's medical lead checks, read back from paper."""

from __future__ import annotations

import re
import subprocess
import sys

import pdfplumber
import pytest

from patient_site.paper import DRAFT_MARK
from conftest import ROOT, clean_environment
from readability import article
from review_pack import nav_pages

A4 = (595, 842)  # points


@pytest.fixture(scope="module")
def pack(site_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("pack") / "review-pack.pdf"
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "review_pack.py"), str(site_dir), "--out", str(out),
                             "--today", "2027-01-15"], cwd=ROOT, env={**clean_environment(), "NO_MKDOCS_2_WARNING": "1", "DRAFT": "1"},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out) as document:
        sizes = {(round(page.width), round(page.height)) for page in document.pages}
        texts = [page.extract_text() or "" for page in document.pages]
    return sizes, texts


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


def test_every_page_is_in_the_pack_with_a_sign_off(pack, pages):
    _, texts = pack
    text = "\n".join(texts[1:])
    for label, url in nav_pages(ROOT / "mkdocs.yml"):
        title = " ".join(article(pages[url]).find("h1").get_text().split())
        assert title in " ".join(text.split()), f"the pack lacks the page '{title}'"
    assert text.count("Sign-off for this page") == len(nav_pages(ROOT / "mkdocs.yml"))


def test_every_cited_source_is_in_the_pack_in_full(pack, pages):
    _, texts = pack
    flat = re.sub(r"\s+", "", "".join(texts))  # lines wrap anywhere on paper
    for url, soup in pages.items():
        for item in article(soup).select("ol.references > li"):
            reference = re.sub(r"\s+", "", item.select_one(".references__full").get_text())[:60]
            assert reference in flat, f"/{url}: '{reference}' not in the pack"
