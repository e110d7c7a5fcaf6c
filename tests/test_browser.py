"""The built site in Chromium: accessibility, keyboard, small screens, privacy.

axe-core (shipped in axe-playwright-python) checks every page in the light
and the dark palette, and with the search open and showing results, against
WCAG 2.0/2.1/2.2 A and AA and axe's best practices. The keyboard, screen
width and privacy checks are our own.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from axe_check import axe_violations
from conftest import DESKTOP, PAGE_FILES, SMALL_PHONE, open_page, page_id, tab_to
from site_search import QUERY_BOX, RESULT_LINKS, search

# Every content page, and the page a missing address gets.
URLS = list(PAGE_FILES) + ["404.html"]


# --- axe: zero findings -------------------------------------------------------

# Touch-target size (WCAG 2.5.8, axe "target-size") matters most on a phone.
STATES = {"light": ("light", DESKTOP), "dark": ("dark", DESKTOP), "phone": ("light", SMALL_PHONE)}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("url", URLS, ids=page_id)
def test_axe_finds_nothing(browser, base_url, url, state):
    scheme, viewport = STATES[state]
    page = browser.new_page(color_scheme=scheme, viewport=viewport)
    open_page(page, base_url + url)
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    found = axe_violations(page)
    page.close()
    assert not found, f"/{url} ({state}): {found}"


@pytest.mark.parametrize("viewport", [DESKTOP, SMALL_PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_search_open(browser, base_url, scheme, viewport):
    page = browser.new_page(color_scheme=scheme, viewport=viewport)
    open_page(page, base_url)
    assert search(page, base_url, "spots"), "the search showed no results"
    found = axe_violations(page)
    page.close()
    assert not found, f"search open ({scheme}, {viewport['width']} px): {found}"


# --- Keyboard -----------------------------------------------------------------

@pytest.mark.parametrize("url", URLS, ids=page_id)
def test_skip_link_is_first_and_lands_on_the_heading(browser, base_url, url):
    page = browser.new_page(viewport=DESKTOP)
    open_page(page, base_url + url)
    page.keyboard.press("Tab")
    skip = page.evaluate("""() => { const e = document.activeElement; const r = e.getBoundingClientRect();
        return [e.className, e.textContent.trim(), r.width > 0 && r.top >= 0, e.getAttribute('href')]; }""")
    assert "md-skip" in skip[0] and skip[1] == "Skip to content" and skip[2], f"/{url}: first Tab stop is {skip}"
    page.keyboard.press("Enter")
    target = page.evaluate("document.querySelector(location.hash)?.tagName")
    page.close()
    assert target == "H1", f"/{url}: the skip link goes to {skip[3]} ({target})"


FOCUS_CHECK = """() => {
    const e = document.activeElement;
    // Material's palette switch is a hidden radio button; its label shows the focus.
    const shown = e.matches('input.md-option') ? e.nextElementSibling : e;
    const r = shown.getBoundingClientRect();
    const s = getComputedStyle(shown);
    return {name: (e.getAttribute('aria-label') || e.textContent || e.tagName).trim().slice(0, 40),
            body: e === document.body,
            visible: r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth
                     && r.bottom > 0 && r.top < innerHeight && s.visibility === 'visible',
            ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2};
}"""


@pytest.mark.parametrize("viewport", [DESKTOP, SMALL_PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("url", ["", "when-to-get-help/", "handout/", "404.html"], ids=page_id)
def test_every_tab_stop_is_on_screen_with_a_visible_ring(browser, base_url, url, viewport):
    page = browser.new_page(viewport=viewport)
    open_page(page, base_url + url)
    problems = []
    for stop in range(1, 61):
        page.keyboard.press("Tab")
        page.wait_for_timeout(30)  # let Material's search box finish opening
        focus = page.evaluate(FOCUS_CHECK)
        if focus["body"]:
            break
        if not focus["visible"]:
            problems.append(f"stop {stop} '{focus['name']}' is off screen or hidden")
        elif not focus["ring"]:
            problems.append(f"stop {stop} '{focus['name']}' has no 2 px focus ring")
    page.close()
    assert not problems, f"/{url} at {viewport['width']} px: {problems}"


def test_search_opened_used_and_left_by_keyboard_alone(browser, base_url):
    page = browser.new_page(viewport=DESKTOP)
    open_page(page, base_url + "what-to-expect/")
    # Tab to the search box, type, step into the results, open one.
    assert tab_to(page, QUERY_BOX, limit=10), "Tab never reaches the search box"
    page.keyboard.type("cold sore")
    page.wait_for_selector(RESULT_LINKS)
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.closest('.md-search-result__item') !== null")
    assert focused, "ArrowDown does not move into the results"
    page.keyboard.press("Enter")
    page.wait_for_url("**/when-to-get-help/**", wait_until="networkidle")
    # Open it again with its shortcut key and leave with Escape.
    search_open = "document.getElementById('__search').checked"
    page.keyboard.press("/")
    page.wait_for_function(search_open, timeout=5000)
    page.keyboard.press("Escape")
    page.wait_for_function(f"!{search_open}", timeout=5000)
    page.close()


# --- Material's colour switch --------------------------------------------------

SWITCH = "form.md-header__option label:not([hidden])"


def _scheme_and_switch(page) -> tuple[str, str]:
    return page.evaluate("document.body.dataset.mdColorScheme"), page.locator(SWITCH).get_attribute("title")


def test_the_switch_changes_the_scheme_and_the_choice_is_kept(browser, base_url):
    context = browser.new_context(color_scheme="light", viewport=DESKTOP)
    page = context.new_page()
    open_page(page, base_url)
    header = page.locator("[data-md-component=header]")
    light_header = header.evaluate("e => getComputedStyle(e).backgroundColor")
    page.locator(SWITCH).click()
    assert _scheme_and_switch(page) == ("slate", "Switch to light mode")
    theme = page.locator("meta[name=theme-color]").get_attribute("content")
    dark_header = header.evaluate("e => getComputedStyle(e).backgroundColor")
    # Material writes the theme colour as #rrggbb; the computed style reads rgb(r, g, b).
    as_rgb = "rgb({}, {}, {})".format(*(int(theme[i:i + 2], 16) for i in (1, 3, 5)))
    assert dark_header != light_header and as_rgb == dark_header, (theme, dark_header)
    # The next page opens dark although the device is light.
    open_page(page, base_url + "questions/")
    assert _scheme_and_switch(page) == ("slate", "Switch to light mode")
    context.close()


def test_the_switch_works_from_the_keyboard(browser, base_url):
    page = browser.new_page(color_scheme="dark", viewport=DESKTOP)
    open_page(page, base_url)
    assert tab_to(page, "input.md-option"), "Tab never reaches the colour switch"
    page.keyboard.press("Enter")
    assert _scheme_and_switch(page) == ("default", "Switch to dark mode")
    page.keyboard.press("Enter")
    assert _scheme_and_switch(page) == ("slate", "Switch to light mode")
    page.close()


# --- Material's own features -------------------------------------------------

# Material mounts its content parts (search highlighting, back-to-top button,
# header title) when DOMContentLoaded fires; these fail if they never start.

def test_a_page_opened_from_search_highlights_the_words(browser, base_url):
    # Search results link to pages with ?h=<the words>; Material marks them.
    page = browser.new_page(viewport=DESKTOP)
    open_page(page, base_url + "when-to-get-help/?h=cold+sore")
    marked = page.locator("article mark[data-md-highlight]")
    marked.first.wait_for(timeout=5000)
    words = {text.lower() for text in marked.all_inner_texts()}
    page.close()
    assert any("cold" in text or "sore" in text for text in words), words


def test_back_to_top_and_header_title_follow_scrolling(browser, base_url):
    page = browser.new_page(viewport=DESKTOP)
    open_page(page, base_url + "questions/")
    # Material shows and hides the button with its `hidden` attribute (and a
    # fade). Selectors, not JavaScript strings: the page's policy forbids eval.
    offered = "[data-md-component=top]:not([hidden])"
    assert page.locator(offered).count() == 0
    page.mouse.wheel(0, 2000)
    page.wait_for_selector(".md-header__title--active", timeout=5000)  # page title shows in the header
    page.mouse.wheel(0, -300)  # scrolling back up offers the button
    page.locator(offered).click(timeout=5000)
    for _ in range(50):  # the scroll may be smooth: give it up to 5 s
        scrolled = page.evaluate("scrollY")
        if scrolled == 0:
            break
        page.wait_for_timeout(100)
    page.close()
    assert scrolled == 0, f"back to top left the page at {scrolled} px"


# --- Small screens -----------------------------------------------------------------

@pytest.mark.parametrize("url", URLS, ids=page_id)
def test_no_sideways_scrolling_at_320_px(browser, base_url, url):
    page = browser.new_page(viewport=SMALL_PHONE)
    open_page(page, base_url + url)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.close()
    assert width <= SMALL_PHONE["width"], f"/{url} is {width} px wide at {SMALL_PHONE['width']} px"


PHONE_FIRST_SCREEN = {"width": 360, "height": 640}


@pytest.mark.parametrize("url", PAGE_FILES, ids=page_id)
def test_on_a_phone_the_heading_and_main_message_are_on_the_first_screen(browser, base_url, url):
    """The print button sits beside the heading: it does not push the page's message down."""
    page = browser.new_page(viewport=PHONE_FIRST_SCREEN)
    open_page(page, base_url + url)
    heading = page.locator("article h1").bounding_box()
    button = page.get_by_role("button", name="Print this page").bounding_box()
    lead = page.locator("article .lead").first.bounding_box()
    page.close()
    assert button["y"] + button["height"] > heading["y"], f"/{url}: the print button sits above the heading"
    assert lead["y"] + lead["height"] <= PHONE_FIRST_SCREEN["height"], \
        f"/{url}: the main message ends at {lead['y'] + lead['height']:.0f} px, below the first screen"

# --- Privacy ----------------------------------------------------------------------

def test_no_request_leaves_the_site_and_no_cookies(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    site = urlparse(base_url).netloc
    requests = []
    page.on("request", lambda request: requests.append((request.url, request.resource_type)))
    for url in URLS:
        open_page(page, base_url + url)
        page.wait_for_load_state("networkidle")
    search(page, base_url, "cold sore")
    page.locator(RESULT_LINKS).first.click()
    page.wait_for_load_state("networkidle")
    cookies = context.cookies()
    document_cookie = page.evaluate("document.cookie")
    context.close()
    elsewhere = [u for u, _ in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
                 and urlparse(u).netloc != site]
    assert not elsewhere, f"requests to other hosts: {elsewhere}"
    assert not [u for u, kind in requests if kind == "font"], "a web font was loaded; the site uses system fonts"
    assert not cookies and not document_cookie, f"cookies: {cookies} {document_cookie!r}"
    assert len(requests) > len(URLS), "no requests were recorded"


# --- The page for a missing address --------------------------------------------

def test_missing_address_gets_a_helpful_404(browser, base_url):
    page = browser.new_page(viewport=DESKTOP)
    response = open_page(page, base_url + "no-such-page/at-all/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    links = page.locator("article a").evaluate_all("links => links.map(a => a.pathname)")
    for key_page in ("/when-to-get-help/", "/what-to-expect/", "/caring-for-your-skin/", "/questions/"):
        assert key_page in links, f"the 404 page does not link to {key_page}"
    # Its search box runs the site search.
    page.get_by_label("Search this site").fill("cold sore")
    page.keyboard.press("Enter")
    page.wait_for_selector(RESULT_LINKS)
    first = page.locator(RESULT_LINKS).first.get_attribute("href")
    page.close()
    assert "/when-to-get-help/" in first, first
