"""Patients' own words, typed into the real search box, find the right page.

The queries and the pages that answer them are in tests/search_queries.txt.
Each is typed into Material's search box in Chromium against the built site;
one of its pages must be among the first 3 results.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import open_page
from site_search import load_queries, search

QUERIES_FILE = Path(__file__).with_name("search_queries.txt")
TOP = 3


QUERIES = load_queries(QUERIES_FILE)


def test_there_are_at_least_40_queries():
    assert len(QUERIES) >= 40
    assert len({q for q, _ in QUERIES}) == len(QUERIES), "a query is listed twice"


@pytest.fixture(scope="module")
def search_page(browser, base_url):
    page = browser.new_page()
    open_page(page, base_url)
    yield page
    page.close()


@pytest.mark.parametrize("query, answers", QUERIES, ids=[q for q, _ in QUERIES])
def test_query_finds_a_right_page_in_the_top_3(search_page, base_url, pages, query, answers):
    assert all(a in pages for a in answers), f"{answers}: not all are pages of the site"
    found = search(search_page, base_url, query)
    assert set(found[:TOP]) & set(answers), f"'{query}': top {TOP} are {found[:TOP]}, expected one of {answers}"
