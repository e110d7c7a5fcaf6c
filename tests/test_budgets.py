"""Budgets that do not need a clock: page weight and layout shift.

Weight: for every built page, the gzip size of its HTML plus every CSS, JS
and image it references on first view (tools/page_weight.py) is at most
75 KiB. Speed itself is measured by `make bench` (Lighthouse), never here.
"""

from __future__ import annotations

import pytest

from conftest import open_page, page_id
from page_weight import BUDGET_KIB, first_view, page_urls

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 412, "height": 823}  # Lighthouse's mobile screen


@pytest.fixture(scope="module")
def urls(site_dir) -> list[str]:
    return page_urls(site_dir)


def test_every_page_is_measured(urls):
    assert len(urls) == 10 and "404.html" in urls and "" in urls


def test_first_view_is_within_budget_on_every_page(site_dir, urls):
    over = {}
    for url in urls:
        sizes = first_view(site_dir, url)
        total = sum(sizes.values())
        assert any("bundle." in name for name in sizes), f"/{url}: Material's script not counted"
        if total > BUDGET_KIB * 1024:
            heaviest = sorted(sizes.items(), key=lambda item: -item[1])[:4]
            over[f"/{url}"] = f"{total / 1024:.1f} KiB (heaviest: " + ", ".join(
                f"{name} {size / 1024:.1f}" for name, size in heaviest) + ")"
    assert not over, f"first view over {BUDGET_KIB} KiB: {over}"


def test_the_measure_counts_every_referenced_file(site_dir):
    """The stylesheets (print.css too), scripts (also those started after load) and icon."""
    names = set(first_view(site_dir, "about/"))
    for expected in ("about/", "assets/stylesheets/content.css", "assets/stylesheets/print.css",
                     "assets/stylesheets/palette.css", "assets/javascripts/after-load.js",
                     "assets/javascripts/print-button.js", "assets/images/favicon.svg"):
        assert expected in names, f"{expected} not counted: {sorted(names)}"
    assert any(name.startswith("assets/stylesheets/main.") for name in names)


@pytest.mark.parametrize("url", ["", "what-to-expect/", "when-to-get-help/", "handout/", "404.html"], ids=page_id)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_nothing_moves_while_the_page_loads(browser, base_url, url, scheme, viewport):
    """CLS 0: no layout shift, also when Material's scripts start after load."""
    page = browser.new_page(viewport=viewport, color_scheme=scheme)
    page.add_init_script("""window.__shifts = [];
        new PerformanceObserver(list => { for (const e of list.getEntries()) window.__shifts.push(e.value); })
            .observe({type: "layout-shift", buffered: true});""")
    open_page(page, base_url + url)
    page.wait_for_load_state("networkidle")
    shifts = page.evaluate("window.__shifts")
    page.close()
    assert sum(shifts) == 0, f"/{url}: layout shifts {shifts}"
