"""Spanish patients' words, typed into the Spanish pages' search, find Spanish pages.

The Spanish edition is its own MkDocs build (mkdocs.es.yml) with its own
index and Spanish word rules. The queries are in tests/search_queries_es.txt;
one right page must be among the first 3 results, and every result must be
a Spanish page. An English reader's search must find no Spanish pages.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import open_page
from site_search import RESULT_LINKS, load_queries, search

QUERIES = load_queries(Path(__file__).with_name("search_queries_es.txt"))
TOP = 3


def test_there_are_at_least_40_spanish_queries():
    assert len(QUERIES) >= 40
    assert len({q for q, _ in QUERIES}) == len(QUERIES), "a query is listed twice"


@pytest.fixture(scope="module")
def es_search_page(browser, es_base_url):
    page = browser.new_page()
    open_page(page, es_base_url)
    yield page
    page.close()


def _result_paths(page) -> list[str]:
    return [urlparse(href).path for href in
            page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")]


@pytest.mark.parametrize("query, answers", QUERIES, ids=[q for q, _ in QUERIES])
def test_spanish_query_finds_a_right_spanish_page_in_the_top_3(es_search_page, es_base_url, es_pages,
                                                              query, answers):
    assert all(a in es_pages for a in answers), f"{answers}: not all are Spanish pages"
    found = search(es_search_page, es_base_url, query)
    assert set(found[:TOP]) & set(answers), f"'{query}': top {TOP} are {found[:TOP]}, expected one of {answers}"
    english = [path for path in _result_paths(es_search_page) if not path.startswith("/es/")]
    assert not english, f"'{query}': the Spanish search found English pages {english}"


@pytest.mark.parametrize("query", ["granitos", "maquillaje", "herpes labial"])
def test_an_english_readers_search_finds_no_spanish_pages(browser, whole_url, query):
    page = browser.new_page()
    open_page(page, whole_url)
    search(page, whole_url, query)
    spanish = [path for path in _result_paths(page) if path.startswith("/es/")]
    page.close()
    assert not spanish, f"'{query}' on the English pages found Spanish pages {spanish}"
