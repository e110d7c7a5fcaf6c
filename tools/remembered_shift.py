"""Layout shift when a page opens with a remembered treatment date, with and without the partial that prevents it.

Part of `make bench`. Lighthouse always opens a page with empty storage, so
it never sees the day guide drawing a remembered day; this does. "Without"
serves each page with overrides/partials/day-guide-remembered.html's script
taken out, which is what the site would be without that partial.
"""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Route, sync_playwright

from print_pdf import CHROMIUM, CHROMIUM_ARGS

VIEWPORTS = {"phone": {"width": 412, "height": 823}, "desktop": {"width": 1280, "height": 800}}
PARTIAL_SCRIPT = re.compile(r'<script>[^<]*day-guide-remembered[^<]*</script>')
# Every shift not caused by the reader, summed: Lighthouse's CLS for a page this short.
SHIFTS = """window.__shift = 0;
    new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value })
        .observe({type: "layout-shift", buffered: true});"""


def _without_partial(route: Route) -> None:
    response = route.fetch()
    html = response.text()
    if not PARTIAL_SCRIPT.search(html):
        raise SystemExit(f"{route.request.url}: the remembered-day script was not found; update tools/remembered_shift.py")
    route.fulfill(response=response, body=PARTIAL_SCRIPT.sub("", html))


def shift(browser: Browser, address: str, viewport: dict, with_partial: bool) -> float:
    context = browser.new_context(viewport=viewport, ignore_https_errors=True)  # the bench serves HTTPS, self-signed
    page = context.new_page()
    page.goto(address)
    # As a reader does: tick "Remember my date", then give a day (3 days ago).
    page.check("[data-day-remember]")
    page.fill("[data-day-ago]", "3")
    page.press("[data-day-ago]", "Enter")
    if not with_partial:
        page.route(address, _without_partial)
    page.add_init_script(SHIFTS)
    # A phone's slower CPU, as Lighthouse has it: the later the script runs, the more the text has drawn.
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(address, wait_until="networkidle")
    page.wait_for_timeout(1500)  # past the partial's 1 s limit
    value = page.evaluate("window.__shift")
    context.close()
    return value


def remembered_shifts(base_url: str, urls: list[str]) -> list[tuple[str, str, float, float]]:
    """(page, viewport, CLS with the partial, CLS without it) for each page and viewport."""
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for url in urls:
            for name, viewport in VIEWPORTS.items():
                rows.append((url, name, shift(browser, base_url + url, viewport, True),
                             shift(browser, base_url + url, viewport, False)))
        browser.close()
    return rows
