"""Every page printed to PDF in A4 and US Letter, and the paper checked.

Pages are printed by the same code as `make handout` (tools/print_pdf.py):
Chromium's own print layout, print.css, backgrounds off as in the print
dialog. The PDFs are then read back as text, sizes and colours.
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from patient_site.paper import DRAFT_MARK
from conftest import PAGE_FILES, open_page, page_id, page_meta, tab_to
from print_pdf import CHROMIUM, CHROMIUM_ARGS, PAPERS, print_pdf
from printout import Sheet, print_pages, printed_address, read_pdf

MIN_POINTS = 12
# Words that only screen controls carry. None of them is in the page text.
SCREEN_ONLY_WORDS = ["Skip to content", "Back to top", "Print this page", "Switch to dark mode",
                     "Switch to light mode", "Type to start searching"]
# Screen controls, by the selectors Material and our templates give them.
SCREEN_CONTROLS = [".md-header", ".md-search", ".md-sidebar", ".md-footer", ".md-top", ".md-skip",
                   "[data-print-button]", ".md-typeset .md-button"]

PRINTOUTS = [(url, paper) for url in PAGE_FILES for paper in PAPERS]


@pytest.fixture(scope="session")
def printouts(browser, base_url) -> dict[tuple[str, str], list[Sheet]]:
    """Every page in every paper size, printed once per test session."""
    return print_pages(browser, base_url, PAGE_FILES)


@pytest.fixture
def print_view(browser, base_url):
    """A tab showing pages as the printer sees them (print media)."""
    page = browser.new_page()
    page.emulate_media(media="print")
    yield page
    page.close()


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


# --- The foot of every sheet ---------------------------------------------------

@pytest.mark.parametrize("url, paper", PRINTOUTS, ids=page_id)
def test_every_sheet_gives_address_review_date_and_clinic(printouts, site_url, url, paper):
    reviewed = f"Last reviewed: {long_date(page_meta(url)['last_reviewed'])}"
    address = site_url + url
    sheets = printouts[url, paper]
    for number, sheet in enumerate(sheets, start=1):
        where = f"/{url} on {paper}, sheet {number} of {len(sheets)}"
        if url == "handout/":  # its foot has no room: the front gives the site's address
            assert number > 1 or site_url in sheet.text, f"{where}: no web address {site_url}"
        else:
            assert printed_address(address) in sheet.flat_text, f"{where}: no web address {address}"
        # A draft handout's top holds the draft mark in place of the review date
        # (a clinic's handout has it: tests/test_paper_limits.py).
        assert reviewed in sheet.text or url == "handout/", f"{where}: no '{reviewed}'"
        # No clinic is set in the default build: lines to write on.
        assert "Clinic: ____" in sheet.text and "Phone: ____" in sheet.text, f"{where}: no clinic lines"
        assert f"Page {number} of {len(sheets)}" in sheet.text, f"{where}: no page number"
        # Built for the local address of `make serve`: not for patients.
        assert DRAFT_MARK in sheet.text, f"{where}: no '{DRAFT_MARK}'"


# --- Type, colour, screen controls ---------------------------------------------

@pytest.mark.parametrize("url, paper", PRINTOUTS, ids=page_id)
def test_all_printed_text_is_at_least_12_point(printouts, url, paper):
    small = {}
    for sheet in printouts[url, paper]:
        for size, char in sheet.chars:
            if size < MIN_POINTS - 0.05:
                small.setdefault(size, "")
                small[size] += char
    assert not small, f"/{url} on {paper}: text under {MIN_POINTS} pt: " + \
        "; ".join(f"{size} pt: {text[:40]!r}" for size, text in sorted(small.items()))


@pytest.mark.parametrize("url, paper", PRINTOUTS, ids=page_id)
def test_all_printed_text_is_black(printouts, url, paper):
    colours = set().union(*(sheet.colours for sheet in printouts[url, paper]))
    assert colours <= {(0.0, 0.0, 0.0), (0.0,), (0,), ()}, f"/{url} on {paper}: text colours {colours}"


@pytest.mark.parametrize("url, paper", PRINTOUTS, ids=page_id)
def test_no_screen_controls_on_paper(printouts, url, paper):
    text = " ".join(sheet.text for sheet in printouts[url, paper])
    found = [words for words in SCREEN_ONLY_WORDS if words in text]
    assert not found, f"/{url} on {paper} prints screen controls: {found}"


@pytest.mark.parametrize("url", PAGE_FILES, ids=page_id)
def test_screen_controls_are_not_laid_out_in_print(print_view, base_url, url):
    open_page(print_view, base_url + url)
    shown = print_view.evaluate(
        """selectors => selectors.filter(s => [...document.querySelectorAll(s)]
             .some(e => e.getClientRects().length > 0))""",
        SCREEN_CONTROLS,
    )
    assert not shown, f"/{url}: shown in print: {shown}"


def test_dark_mode_prints_black_on_white(browser, base_url):
    page = browser.new_page(color_scheme="dark")
    open_page(page, base_url + "when-to-get-help/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate", "dark mode did not switch on"
    sheets = read_pdf(print_pdf(page, base_url + "when-to-get-help/", "A4"))
    page.emulate_media(media="print")
    colours = page.evaluate("""() => ['body', 'article', '.care-card--emergency', '.care-card--emergency h2']
        .map(s => { const style = getComputedStyle(document.querySelector(s));
                    return [s, style.color, style.backgroundColor]; })""")
    page.close()
    for selector, colour, background in colours:
        assert colour == "rgb(0, 0, 0)", f"{selector} prints in {colour}"
        assert background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), f"{selector} prints on {background}"
    assert set().union(*(s.colours for s in sheets)) <= {(0.0, 0.0, 0.0)}


# --- Links, cards, collapsed blocks --------------------------------------------

@pytest.mark.parametrize("url", PAGE_FILES, ids=page_id)
def test_outside_links_print_their_address(pages, printouts, url):
    text = "".join(sheet.flat_text for sheet in printouts[url, "A4"])
    article = pages[url].find("article")
    links = [a["href"] for a in article.find_all("a", href=True)
             if a["href"].startswith("http") and "url-shown" not in a.get("class", [])
             # The handout leaves its source list off paper and points to the site.
             and not (url == "handout/" and a.find_parent(class_="references"))]
    missing = [href for href in links if f"({href})" not in text]
    assert not missing, f"/{url}: printed without their address: {missing}"


CARD_BORDERS = {"care-card--normal": "2px", "care-card--nonurgent": "4px", "care-card--urgent": "6px",
                "care-card--emergency": "8px"}


@pytest.mark.parametrize("url", ["", "when-to-get-help/", "handout/"], ids=page_id)
def test_help_cards_print_thick_black_borders(print_view, base_url, url):
    open_page(print_view, base_url + url)
    cards = print_view.evaluate("""() => [...document.querySelectorAll('.care-card')].map(card => {
        const style = getComputedStyle(card);
        return [card.className, style.borderTopWidth, style.borderTopColor, style.breakInside,
                card.querySelector('h2').textContent.trim()]; })""")
    assert cards
    for classes, width, colour, break_inside, heading in cards:
        level = next(c for c in classes.split() if c in CARD_BORDERS)
        assert width == CARD_BORDERS[level] and colour == "rgb(0, 0, 0)", f"/{url} {level}: {width} {colour}"
        assert break_inside == "avoid", f"/{url} {level} may split across sheets"
        assert heading.split(":")[0] in ("Normal in the first days", "Non-urgent", "Urgent", "Emergency"), heading


@pytest.mark.parametrize("url, paper", [(u, p) for u in ("", "when-to-get-help/", "handout/") for p in PAPERS],
                         ids=page_id)
def test_help_cards_are_not_split_across_sheets(pages, printouts, url, paper):
    sheets = printouts[url, paper]
    for card in pages[url].select(".care-card"):
        card = BeautifulSoup(str(card), "html.parser")
        for mark in card.select("sup.citation"):
            mark.decompose()  # printed as "[2]", or not at all on the handout
        # The whole heading: "Which card is yours?" names each level in words too.
        first = " ".join(card.find("h2").get_text().split())
        last = " ".join(card.find_all("li")[-1].get_text().split()[-4:])
        def read(sheet) -> str:
            """The sheet's words, across and in column order (the handout has both), citation marks left out."""
            text = sheet.text + " " + sheet.columns_text if url == "handout/" else sheet.text
            return re.sub(r"\s*\[\d+(?:, \d+)*\]", "", text)
        on = [n for n, sheet in enumerate(sheets) if first in " ".join(read(sheet).split())]
        # Every word of its last line on the same sheet (a card in columns is read out of order).
        assert on and set(last.split()) <= set(read(sheets[on[0]]).split()), f"/{url} on {paper}: '{first}…' is split"


def test_collapsed_blocks_print_open_even_without_javascript(browser, base_url):
    """A closed <details> prints its contents (Material's script is not relied on)."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    url = base_url + "questions/"

    def add_closed_block(route):
        html = route.fetch().text().replace(
            "</article>", "<details><summary>More</summary><p>Words inside a closed block</p></details></article>")
        route.fulfill(body=html, content_type="text/html")

    page.route(url, add_closed_block)
    sheets = read_pdf(print_pdf(page, url, "A4"))
    context.close()
    assert "Words inside a closed block" in " ".join(" ".join(s.text.split()) for s in sheets)


# --- The handout (one sheet, both sides) ------------------------------------------------------

@pytest.mark.parametrize("paper", PAPERS)
def test_handout_fits_one_sheet_both_sides(printouts, paper):
    """What is normal, care at home and who to call on the front; the three warning cards on the back."""
    sides = printouts["handout/", paper]
    assert len(sides) == 2, f"the handout prints on {len(sides)} sides of {paper}"
    front, back = sides[0].read_both_ways, " ".join(sides[1].text.split())
    assert "Normal in the first days" in front and "What to do" in front and "After hours:" in front
    assert "Emergency:" not in front and "Non-urgent:" not in front
    for card in ("Emergency:", "Urgent:", "Non-urgent:", "Clinic closed?", "Clinic:"):
        assert card in back, f"the back of the {paper} handout lacks '{card}'"


@pytest.mark.parametrize("paper", PAPERS)
def test_handout_qr_code_opens_the_site(printouts, site_url, paper):
    sheet = printouts["handout/", paper][0]
    assert sheet.qr_codes == [site_url], f"QR codes on the {paper} handout: {sheet.qr_codes}"
    assert site_url in sheet.text, "the site's address is not printed as text beside the code"


def test_handout_has_every_part(printouts):
    front, back = printouts["handout/", "A4"]
    text = front.read_both_ways + " " + " ".join(back.text.split())
    for part in ("Normal in the first days", "day 0", "Treatment day", "Days 1 to 7", "What to do", "On treatment day",
                 "Avoid, or as your clinic says", "Your dates", "Serious problems", "warning cards",
                 "Non-urgent:", "Urgent:", "Emergency:", "Clinic closed?", "Clinic:", "Phone:", "After hours:",
                 "does not replace"):
        assert part in text, f"the printed handout lacks '{part}'"


# --- The print button ------------------------------------------------------------

@pytest.fixture
def screen(browser):
    page = browser.new_page()
    # Count calls instead of opening a print dialog.
    page.add_init_script("window.print = () => { window.printCalls = (window.printCalls || 0) + 1 }")
    yield page
    page.close()


@pytest.mark.parametrize("key", ["Enter", " "], ids=["Enter", "Space"])
def test_print_button_works_from_the_keyboard(screen, base_url, key):
    open_page(screen, base_url + "handout/")
    assert tab_to(screen, "[data-print-button]"), "Tab never reaches the print button"
    assert screen.evaluate("document.activeElement.textContent.trim()") == "Print this page"
    screen.keyboard.press(key)
    assert screen.evaluate("window.printCalls") == 1


def test_print_button_is_hidden_when_scripts_are_off(browser, base_url):
    """Without JavaScript the button could not work, so it must not show."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "handout/")
    visible = page.get_by_role("button", name="Print this page").is_visible()
    context.close()
    assert not visible


@pytest.mark.parametrize("url", PAGE_FILES, ids=page_id)
def test_every_page_has_a_visible_print_button(screen, base_url, url):
    open_page(screen, base_url + url)
    button = screen.get_by_role("button", name="Print this page")
    assert button.is_visible()
    box = button.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, f"/{url}: button is {box['width']}x{box['height']} px"


def test_printing_looks_up_no_name_and_reaches_no_other_host(browser, base_url, tmp_path):
    """Chromium's own network log of printing the handout: no DNS lookup at all,
    and every connection to this machine (the test's server, or the refusing proxy)."""
    log = tmp_path / "net-log.json"
    # A Chromium of its own, with the same arguments, to write the log.
    chromium = browser.browser_type.launch(executable_path=CHROMIUM, headless=True,
                                           args=CHROMIUM_ARGS + [f"--log-net-log={log}"])
    page = chromium.new_page()
    for paper in PAPERS:
        print_pdf(page, base_url + "handout/", paper)
    page.wait_for_timeout(2000)  # Chromium's background requests start after the page
    chromium.close()
    net_log = json.loads(log.read_text(encoding="utf-8"))
    names = {number: name for name, number in net_log["constants"]["logEventTypes"].items()}
    events = [(names[event["type"]], event.get("params") or {}) for event in net_log["events"]]
    lookups = sorted({params["host"] for name, params in events if name == "HOST_RESOLVER_MANAGER_JOB" and "host" in params})
    assert not lookups, f"printing looked up {lookups}"
    addresses = {address.rsplit(":", 1)[0] for name, params in events if name == "TCP_CONNECT"
                 for address in params.get("address_list", [])}
    assert addresses == {"127.0.0.1"}, f"printing connected to {addresses}"
