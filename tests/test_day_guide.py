"""The day guide, "What is normal on your day?" (includes/day-guide.md and
docs/assets/javascripts/day-guide.js), on the home and what-to-expect pages.

What each day should show is worked out here from the built page itself:
the stages' data-days, the data-after-day lines and the help cards' lines.
So a change to the page text changes what is expected, and the script
cannot pass by carrying its own copy. The browser's clock is fixed, so no
test depends on today's date.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo
from urllib.parse import urlparse

import pytest

from axe_check import axe_violations
from conftest import DESKTOP, LIGHTHOUSE_PHONE, SMALL_PHONE, mkdocs_build, open_page, page_id, ROOT, tab_to
from printout import read_pdf
from print_pdf import print_pdf
from site_server import serve

GUIDE_PAGES = ["", "what-to-expect/"]
# The browser's "now": 10:00 on 15 June 2026 in the browser's time zone
# (UTC unless a test sets another).
NOW = datetime(2026, 6, 15, 10, 0)
TODAY = NOW.date()

DATE = "#day-guide-date"
AGO = "#day-guide-ago"
STATUS = "[data-day-status]"
RESULT = "[data-day-result]"
REMEMBER = "[data-day-remember]"


def squeeze(text: str) -> str:
    """Text without any white space: the browser and the HTML parser space sup links differently."""
    return re.sub(r"\s+", "", text)


def days_of(element) -> tuple[int, float]:
    """data-days as (first day, last day): "4-7", "7-" (no end) or "0"; none means every day."""
    value = element.get("data-days", "0-")
    first, dash, last = value.partition("-")
    return int(first), (float("inf") if dash and not last else int(last or first))


# --- What the page says, read from the built HTML ---------------------------------

def stages(page) -> list:
    return page.select(".day-guide .timeline li[data-days]")


def stage_words(stage) -> str:
    return stage.find("strong").get_text().rstrip(":")


def expected_for(page, day: int) -> dict[str, list[str]]:
    """What the guide must show on this day, from the page's own text."""
    [stage] = [each for each in stages(page) if days_of(each)[0] <= day <= days_of(each)[1]]
    now = squeeze(stage.get_text()).removeprefix(squeeze(stage.find("strong").get_text()))
    def lines(selector, keep):
        return [squeeze(line.get_text()) for line in page.select(selector) if keep(line)]
    covers = lambda line: days_of(line)[0] <= day <= days_of(line)[1]
    return {
        "stage": [stage_words(stage)],
        "now": [now],
        "settled": lines("[data-after-day]", lambda line: day > int(line["data-after-day"])),
        "emergency": lines(".care-card--emergency li", covers),
        "urgent": lines(".care-card--urgent li", covers),
        "non-urgent": lines(".care-card--nonurgent li", covers),
    }


SHOWN = """() => {
    const texts = nodes => Array.from(nodes, node => node.textContent.replace(/\\s+/g, ""))
    const result = document.querySelector("[data-day-result]")
    const settled = result.querySelector("[data-day-settled-block]")
    return {
        stage: texts(document.querySelectorAll(".timeline li[aria-current]"))
            .map(text => text.split(":")[0]),
        now: texts([result.querySelector("[data-day-now]")]),
        settled: settled.hidden ? [] : texts(settled.querySelectorAll("li")),
        emergency: texts(result.querySelectorAll('[data-day-signs="emergency"] li')),
        urgent: texts(result.querySelectorAll('[data-day-signs="urgent"] li')),
        "non-urgent": texts(result.querySelectorAll('[data-day-signs="non-urgent"] li')),
        hidden: result.hidden,
        status: document.querySelector("[data-day-status]").textContent,
    }
}"""


def test_each_stage_covers_the_days_its_words_say(pages):
    """'Days 4 to 7' is data-days="4-7": the words a reader sees and the days the script uses agree,
    and the stages follow on from day 0 with no gap or overlap."""
    words_to_days = [(r"^Day (\d+)\b", lambda m: (int(m[1]), int(m[1]))),
                     (r"^Days (\d+) to (\d+)$", lambda m: (int(m[1]), int(m[2]))),
                     (r"^Week (\d+)$", lambda m: (7 * int(m[1]) - 6, 7 * int(m[1])))]
    for url in GUIDE_PAGES:
        # The script reads list items only (patient_site/day_guide.py moves a loose item's days up).
        marked = pages[url].select("[data-days], [data-after-day]")
        assert marked and all(element.name == "li" for element in marked), \
            f"/{url}: days on {[element.name for element in marked if element.name != 'li']}"
        next_day = 0
        for stage in stages(pages[url]):
            first, last = days_of(stage)
            assert first == next_day, f"/{url}: '{stage_words(stage)}' starts on day {first}, not {next_day}"
            for pattern, said in words_to_days:
                match = re.match(pattern, stage_words(stage))
                if match:
                    assert said(match) == (first, last), \
                        f"/{url}: '{stage_words(stage)}' has data-days {stage['data-days']}"
            next_day = last + 1
        # The message for later dates says "12 weeks": the last stage ends there.
        weeks = re.search(r"(\d+) weeks", pages[url].select_one("[data-say-late]")["data-say-late"])
        assert next_day - 1 == 7 * int(weeks[1]), f"/{url}: the stages end on day {next_day - 1}"


@pytest.fixture
def guide(browser):
    """A page with the browser's clock fixed at NOW (UTC)."""
    context = browser.new_context(viewport=DESKTOP, timezone_id="UTC")
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    yield page
    context.close()


def choose(page, day: date) -> None:
    page.fill(DATE, day.isoformat())


@pytest.mark.parametrize("url", GUIDE_PAGES, ids=page_id)
def test_each_day_from_0_to_30_shows_its_stage_and_signs(guide, pages, base_url, url):
    open_page(guide, base_url + url)
    wrong = []
    for day in range(31):
        choose(guide, TODAY - timedelta(days=day))
        shown = guide.evaluate(SHOWN)
        expected = expected_for(pages[url], day)
        if shown["hidden"]:
            wrong.append(f"day {day}: no answer ({shown['status']})")
            continue
        for part, lines in expected.items():
            want = [squeeze(line) for line in lines] if part == "stage" else lines
            if shown[part] != want:
                wrong.append(f"day {day} {part}: shows {shown[part]}, the page says {want}")
        if not shown["status"].startswith(f"Day {day} after your treatment"):
            wrong.append(f"day {day}: status reads {shown['status']!r}")
    assert not wrong, f"/{url}:\n" + "\n".join(wrong)


def test_the_days_ago_box_and_buttons_give_the_same_day(guide, base_url):
    open_page(guide, base_url)
    guide.fill(AGO, "5")
    guide.press(AGO, "Enter")
    assert guide.input_value(DATE) == (TODAY - timedelta(days=5)).isoformat()
    assert guide.inner_text(STATUS).startswith("Day 5 after your treatment")
    guide.get_by_role("button", name="Yesterday").click()
    assert guide.input_value(DATE) == (TODAY - timedelta(days=1)).isoformat()
    assert guide.input_value(AGO) == "1"
    guide.get_by_role("button", name="Today").click()
    assert guide.inner_text(STATUS).startswith("Day 0 after your treatment")


# --- Edge cases: a plain message, never a wrong stage ----------------------------

def _no_stage(page) -> bool:
    return page.evaluate("""() => document.querySelector("[data-day-result]").hidden
        && !document.querySelector(".timeline li[aria-current]")""")


@pytest.mark.parametrize("enter, message", [
    (lambda page: choose(page, TODAY + timedelta(days=1)), "data-say-future"),
    (lambda page: (page.fill(AGO, "-3"), page.press(AGO, "Enter")), "data-say-future"),
    (lambda page: choose(page, TODAY - timedelta(days=85)), "data-say-late"),
    (lambda page: (page.fill(AGO, "200"), page.press(AGO, "Enter")), "data-say-late"),
    (lambda page: (page.click(AGO), page.keyboard.type("1e"), page.keyboard.press("Tab")), "data-say-not-a-date"),
    (lambda page: (page.fill(DATE, ""), page.focus(DATE), page.keyboard.type("06"), page.locator(DATE).blur()),
     "data-say-not-a-date"),
], ids=["tomorrow", "minus 3 days", "85 days ago", "200 days ago", "1e days", "half a date"])
def test_a_day_outside_the_guide_gets_a_plain_message(guide, pages, base_url, enter, message):
    open_page(guide, base_url)
    choose(guide, TODAY - timedelta(days=4))   # a stage marked first: it must go
    enter(guide)
    assert guide.inner_text(STATUS) == pages[""].select_one(f"[{message}]")[message]
    assert _no_stage(guide), "a stage is still shown"


def test_the_last_day_of_the_guide_still_has_a_stage(guide, base_url):
    open_page(guide, base_url)
    choose(guide, TODAY - timedelta(days=84))
    assert guide.inner_text(STATUS).startswith("Day 84 after your treatment")


@pytest.mark.parametrize("zone, now, treated, day", [
    # 08:00 on 1 July in Auckland is still 30 June in UTC: the reader's date counts.
    ("Pacific/Auckland", datetime(2026, 6, 30, 20, 0, tzinfo=timezone.utc), date(2026, 7, 1), 0),
    ("Pacific/Auckland", datetime(2026, 6, 30, 20, 0, tzinfo=timezone.utc), date(2026, 6, 30), 1),
    # 23:30 on 1 July in Honolulu is 2 July in UTC.
    ("Pacific/Honolulu", datetime(2026, 7, 2, 9, 30, tzinfo=timezone.utc), date(2026, 7, 1), 0),
    # Across the clock change in London (29 March 2026): 00:30 on the 30th is 2 days after the 28th.
    ("Europe/London", datetime(2026, 3, 29, 23, 30, tzinfo=timezone.utc), date(2026, 3, 28), 2),
])
def test_days_follow_the_readers_time_zone(browser, base_url, zone, now, treated, day):
    context = browser.new_context(viewport=DESKTOP, timezone_id=zone)
    page = context.new_page()
    page.clock.set_fixed_time(now)
    open_page(page, base_url)
    choose(page, treated)
    status = page.inner_text(STATUS)
    page.get_by_role("button", name="Today").click()
    today_is = page.input_value(DATE)
    context.close()
    assert status.startswith(f"Day {day} after your treatment"), status
    local_today = now.astimezone(ZoneInfo(zone)).date()
    assert today_is == local_today.isoformat()


# --- Your dates, for several clinic settings ---------------------------------------

def long_date(day: date) -> str:
    """As the browser writes it for English: "Tuesday, June 16, 2026"."""
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


@pytest.fixture(scope="module")
def odd_times_site(tmp_path_factory):
    """Times that are not whole days: 30 hours ends on day 1, 6 hours after the treatment time."""
    site = tmp_path_factory.mktemp("odd-times")
    settings = {"NO_MAKEUP_HOURS": "30", "NO_SWEAT_HOURS": "12", "PAUSE_ACTIVES_DAYS": "3",
                "SUN_PROTECTION_WEEKS": "12"}
    result = mkdocs_build(ROOT, site, settings)
    assert result.returncode == 0, result.stderr
    return site, settings


def _dates_shown(browser, site, url: str, treated: date) -> list[str]:
    with serve(site) as base:
        context = browser.new_context(viewport=DESKTOP, timezone_id="UTC")
        page = context.new_page()
        page.clock.set_fixed_time(NOW)
        open_page(page, base + url)
        choose(page, treated)
        shown = page.locator(".day-guide .your-dates li").all_inner_texts()
        context.close()
    return shown


@pytest.mark.parametrize("which", ["default", "harbor", "odd times"])
def test_your_dates_follow_the_clinic_settings(browser, site_dir, harbor_site, odd_times_site, which):
    from conftest import HARBOR
    site, settings = {"default": (site_dir, {"NO_MAKEUP_HOURS": "24", "NO_SWEAT_HOURS": "48",
                                             "PAUSE_ACTIVES_DAYS": "7", "SUN_PROTECTION_WEEKS": "4"}),
                      "harbor": (harbor_site, HARBOR), "odd times": odd_times_site}[which]
    treated = TODAY - timedelta(days=2)
    def hours(variable: str) -> tuple[int, str]:
        """The date's day, and the time of day it ends at."""
        whole, left = divmod(int(settings[variable]), 24)
        return whole, "at your treatment time" if not left else f"{left} hour{'s' * (left > 1)} after your treatment time"
    after = {
        "No makeup": hours("NO_MAKEUP_HOURS"),
        "Avoid sweating": hours("NO_SWEAT_HOURS"),
        "Pause acne creams": (int(settings["PAUSE_ACTIVES_DAYS"]), ""),
        "Shade": (7 * int(settings["SUN_PROTECTION_WEEKS"]), ""),
    }
    for url in GUIDE_PAGES:
        shown = _dates_shown(browser, site, url, treated)
        assert len(shown) == len(after), shown
        for line, (starts, (days, time)) in zip(shown, after.items()):
            assert line.strip().startswith(starts), line
            expected = long_date(treated + timedelta(days=days)) + (f", {time}" if time else "")
            assert expected in line, f"/{url} {which}: {expected!r} not in {line!r}"


# --- Private by design --------------------------------------------------------------

def test_the_date_is_kept_only_when_asked_and_can_be_forgotten(guide, base_url):
    treated = (TODAY - timedelta(days=3)).isoformat()
    # Material keeps the colour scheme in localStorage too: only the guide's own keys count.
    stored = """() => Object.keys(localStorage).filter(k => k.startsWith("day-guide"))
        .map(k => [k, localStorage.getItem(k)])"""
    open_page(guide, base_url)
    choose(guide, TODAY - timedelta(days=3))
    assert guide.evaluate(stored) == [], "kept without being asked"
    guide.check(REMEMBER)
    assert [value for _, value in guide.evaluate(stored)] == [treated]
    # The other guide page opens on the same day.
    open_page(guide, base_url + "what-to-expect/")
    assert guide.input_value(DATE) == treated
    assert guide.inner_text(STATUS).startswith("Day 3 after your treatment")
    assert guide.is_checked(REMEMBER)
    guide.get_by_role("button", name="Forget my date").click()
    assert guide.evaluate(stored) == []
    assert guide.input_value(DATE) == "" and _no_stage(guide)
    open_page(guide, base_url)
    assert guide.input_value(DATE) == "" and _no_stage(guide) and not guide.is_checked(REMEMBER)
    # Unticking forgets too.
    guide.check(REMEMBER)
    choose(guide, TODAY - timedelta(days=1))
    assert guide.evaluate(stored) != []
    guide.uncheck(REMEMBER)
    assert guide.evaluate(stored) == []
    assert guide.context.cookies() == [] and guide.evaluate("document.cookie") == ""


# A stored value the script never writes (a month 00 or 13, a two-digit year)
# would roll over to a real date: it is ignored instead.
@pytest.mark.parametrize("stored", ["2026-00-12", "2026-13-01", "0026-06-12"])
def test_a_remembered_value_that_is_not_a_real_date_is_ignored(guide, base_url, stored):
    guide.add_init_script(f"localStorage.setItem('day-guide:treatment-date', '{stored}')")
    open_page(guide, base_url)
    assert guide.inner_text(STATUS) == "" and _no_stage(guide), guide.inner_text(STATUS)
    assert not guide.is_checked(REMEMBER)


def test_a_date_the_guide_does_not_cover_replaces_the_remembered_one(guide, base_url):
    open_page(guide, base_url)
    guide.check(REMEMBER)
    guide.get_by_role("button", name="Yesterday").click()
    assert guide.inner_text(STATUS).startswith("Day 1 after your treatment")
    choose(guide, TODAY - timedelta(days=160))
    open_page(guide, base_url)
    assert not guide.inner_text(STATUS).startswith("Day 1"), "the stale date came back"
    assert guide.evaluate("localStorage.getItem('day-guide:treatment-date')") is None


def test_using_the_guide_sends_nothing_and_breaks_no_policy(guide, base_url):
    site = urlparse(base_url).netloc
    requests = []
    guide.on("request", lambda request: requests.append(request.url))
    guide.add_init_script("""window.__violations = [];
        document.addEventListener("securitypolicyviolation", e => window.__violations.push(e.violatedDirective))""")
    for url in GUIDE_PAGES:
        open_page(guide, base_url + url)
        guide.wait_for_load_state("networkidle")
        before = len(requests)
        choose(guide, TODAY - timedelta(days=6))
        guide.check(REMEMBER)
        guide.get_by_role("button", name="Yesterday").click()
        guide.get_by_role("button", name="Forget my date").click()
        guide.wait_for_timeout(200)
        assert len(requests) == before, f"/{url}: the guide made requests: {requests[before:]}"
        assert guide.evaluate("window.__violations") == [], f"/{url}: policy violations"
    assert all(urlparse(url).netloc == site for url in requests if url.startswith("http")), requests


def test_only_the_pages_with_the_guide_load_its_script_and_style(pages):
    """Other pages would fetch files they never use, and weigh more than stock Material."""
    with_guide = {url for url, soup in pages.items() if soup.select_one("form[data-day-guide]")}
    assert with_guide
    for tag, attribute, name in (("script", "src", "day-guide.js"), ("link", "href", "day-guide.css")):
        loading = {url for url, soup in pages.items() if soup.find(tag, attrs={attribute: re.compile(re.escape(name) + "$")})}
        assert loading == with_guide, f"{name} is loaded by {sorted(loading)}"


# --- Without scripts, on paper ---------------------------------------------------

@pytest.mark.parametrize("url", GUIDE_PAGES, ids=page_id)
def test_without_scripts_the_full_timeline_shows_and_no_form(browser, pages, base_url, url):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + url)
    form_shown = page.locator(".day-guide__needs-js").evaluate_all("els => els.map(e => e.offsetHeight > 0)")
    stages_shown = page.locator(".day-guide .timeline ol > li").evaluate_all("els => els.map(e => e.offsetHeight > 0)")
    write_ins = page.locator(".day-guide .your-dates .write-in").count()
    context.close()
    assert form_shown and not any(form_shown), "the form shows, but cannot work without scripts"
    assert len(stages_shown) == len(stages(pages[url])) and all(stages_shown)
    assert write_ins == len(pages[url].select(".day-guide .your-dates li")), "each date needs a line to write on"


def test_printed_with_a_day_the_sheet_says_the_day_and_the_dates(guide, pages, base_url):
    open_page(guide, base_url + "what-to-expect/")
    treated = TODAY - timedelta(days=5)
    choose(guide, treated)
    text = "".join(sheet.flat_text for sheet in read_pdf(guide.pdf(format="A4")))
    assert squeeze("Day 5 after your treatment") in text
    assert squeeze("When was your treatment?") not in text and squeeze("Remember my date") not in text
    for stage in stages(pages["what-to-expect/"]):
        assert squeeze(stage_words(stage)) in text, f"the printed timeline lacks '{stage_words(stage)}'"
    assert squeeze(long_date(treated + timedelta(days=7))) in text


def test_the_printed_handout_has_a_line_for_each_date(pages, base_url, browser):
    page = browser.new_page()
    sheets = read_pdf(print_pdf(page, base_url + "handout/", "A4"))
    page.close()
    text = "".join(squeeze(sheet.columns_text) for sheet in sheets)
    for line in pages["handout/"].select(".your-dates li"):
        start = squeeze(" ".join(line.get_text().split()[:3]))
        assert start in text, f"the handout lacks '{start}'"
    assert len(pages["handout/"].select(".your-dates .write-in")) == len(pages["handout/"].select(".your-dates li"))


# --- Accessible --------------------------------------------------------------------

@pytest.mark.parametrize("url", GUIDE_PAGES, ids=page_id)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_a_day_shown(browser, base_url, url, scheme):
    context = browser.new_context(viewport=DESKTOP, color_scheme=scheme, timezone_id="UTC")
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    open_page(page, base_url + url)
    choose(page, TODAY - timedelta(days=9))
    violations = axe_violations(page)
    context.close()
    assert not violations, f"/{url} ({scheme}): {violations}"


def test_the_answer_is_announced_politely(pages):
    for url in GUIDE_PAGES:
        status = pages[url].select_one("[data-day-status]")
        assert status["role"] == "status", f"/{url}: the day's answer is not announced"
        for input_id in ("day-guide-date", "day-guide-ago"):
            assert pages[url].select_one(f'label[for="{input_id}"]'), f"/{url}: #{input_id} has no label"
        assert pages[url].select_one(f"#day-guide-date")["type"] == "date", "use the browser's own date input"


def test_keyboard_alone_gives_the_day(guide, base_url):
    open_page(guide, base_url + "what-to-expect/")
    assert tab_to(guide, AGO, limit=60), "Tab never reaches the days-ago box"
    guide.keyboard.type("2")
    guide.keyboard.press("Enter")
    assert guide.inner_text(STATUS).startswith("Day 2 after your treatment")
    assert tab_to(guide, "button[data-days-ago='1']", limit=3)
    guide.keyboard.press("Enter")
    assert guide.inner_text(STATUS).startswith("Day 1 after your treatment")


@pytest.mark.parametrize("url", GUIDE_PAGES, ids=page_id)
def test_at_320_px_the_answer_fits_the_width(browser, base_url, url):
    context = browser.new_context(viewport=SMALL_PHONE, timezone_id="UTC")
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    open_page(page, base_url + url)
    choose(page, TODAY - timedelta(days=20))
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= SMALL_PHONE["width"], f"/{url} is {width} px wide at 320 px with a day shown"


SHIFTS = """window.__shifts = [];
    new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput)
        window.__shifts.push([e.value, e.sources.map(s => s.node ? (s.node.className || s.node.nodeName) : "?")]) })
        .observe({type: "layout-shift", buffered: true});"""


@pytest.mark.parametrize("url", GUIDE_PAGES, ids=page_id)
def test_on_a_phone_the_answer_starts_on_the_screen_and_nothing_shifts(browser, base_url, url):
    """After a day is chosen the phone's screen shows the day, what is normal and the start of
    when to get help (the emergency signs first); no layout shift comes without the reader's input."""
    context = browser.new_context(viewport=LIGHTHOUSE_PHONE, timezone_id="UTC")
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    page.add_init_script(SHIFTS)
    open_page(page, base_url + url)
    # Typed, as a reader does: a shift right after a key press is the reader's doing, not a layout shift.
    page.locator(AGO).scroll_into_view_if_needed()
    page.focus(AGO)
    page.keyboard.type("4")
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    on_screen = page.evaluate("""() => ["[data-day-status]", "[data-day-now]", ".day-guide__emergency",
            '[data-day-signs="emergency"] li'].map(s => {
        const box = document.querySelector(s).getBoundingClientRect()
        return box.top >= 0 && box.bottom <= innerHeight })""")
    shifts = page.evaluate("window.__shifts")
    context.close()
    assert all(on_screen), f"/{url}: not all of the day's answer starts on the screen: {on_screen}"
    assert not shifts, f"/{url}: layout shifts without input: {shifts}"


@pytest.mark.parametrize("url", GUIDE_PAGES, ids=page_id)
@pytest.mark.parametrize("viewport", [LIGHTHOUSE_PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_remembered_day_shows_on_load_without_a_layout_shift(browser, base_url, url, viewport):
    context = browser.new_context(viewport=viewport, timezone_id="UTC")
    page = context.new_page()
    page.clock.set_fixed_time(NOW)
    open_page(page, base_url + url)
    page.check(REMEMBER)
    choose(page, TODAY - timedelta(days=3))
    page.add_init_script(SHIFTS)
    open_page(page, base_url + url)
    page.wait_for_load_state("networkidle")
    status = page.inner_text(STATUS)
    shifts = page.evaluate("window.__shifts")
    context.close()
    assert status.startswith("Day 3 after your treatment"), status
    assert not shifts, f"/{url}: the remembered day moved the page as it appeared: {shifts}"
