"""Use the site's own search box in Chromium, as a patient would.

`search(page, query)` types the query into Material's search box on an
open page and returns the pages of the results, best first (URL paths
such as "caring-for-your-skin/"; "" is the home page). Sections of the same
page count once, at the rank of their first appearance.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Page

QUERY_BOX = "input[data-md-component=search-query]"
RESULT_LINKS = ".md-search-result__item > .md-search-result__link"
META = ".md-search-result__meta"
# The count line once results are in: "3 matching documents", "3 documentos encontrados", "No se encontraron documentos".
COUNTED = "matching|encontr"


def open_search(page: Page) -> None:
    """Open the search box: on wide screens it is in the header, on phones
    behind the magnifier button."""
    box = page.locator(QUERY_BOX)
    if not box.is_visible():
        page.locator("label[for=__search]").first.click()
        box.wait_for(state="visible")
    box.focus()


def _results(page: Page, base_url: str) -> list[str]:
    hrefs = page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")
    pages = []
    for href in hrefs:
        path = urlparse(href).path.removeprefix(urlparse(base_url).path)
        if path not in pages:
            pages.append(path)
    return pages


def search(page: Page, base_url: str, query: str) -> list[str]:
    box = page.locator(QUERY_BOX)
    open_search(page)
    # Empty the box first, so that the count line goes back to its prompt
    # and any count shown afterwards answers this query, not the last one.
    box.fill("")
    box.press("End")
    page.wait_for_function(
        "([sel, counted]) => !new RegExp(counted, 'i').test(document.querySelector(sel).textContent)",
        arg=[META, COUNTED])
    # Material searches on each key released. Entering the whole query and
    # then one key makes exactly one search, so the next count answers it.
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        "([sel, counted]) => new RegExp(counted, 'i').test(document.querySelector(sel).textContent)",
        arg=[META, COUNTED])
    # The list is drawn from the worker's answer; wait until it settles.
    previous = None
    for _ in range(30):
        current = _results(page, base_url)
        if current == previous:
            return current
        previous = current
        page.wait_for_timeout(150)
    return previous or []


def load_queries(path: Path) -> list[tuple[str, list[str]]]:
    """A query list: "what a patient types -> page, page" per line, # for notes.

    Pages are URL paths from the edition's home ("/" is the home page).
    """
    queries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        query, _, answers = line.partition("->")
        pages = [a.strip().strip("/") for a in answers.split(",")]
        queries.append((query.strip(), [f"{p}/" if p else "" for p in pages]))
    return queries
