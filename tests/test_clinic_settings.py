"""Clinic settings: checked before a build, escaped, and used everywhere.

A clinic builds its own copy with environment variables (README,
"Clinic settings"). These tests build with a full set and check that the
footer of every page, the care page, the help cards, the About page, the
review line, the printed foot of each sheet and the handout (its QR code
included) all follow; that with nothing set the pages use plain words and
no made-up number; and that a wrong value stops the build with a message
that names the setting.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

from axe_check import axe_violations
from patient_site.paper import DRAFT_MARK
from conftest import (HARBOR, PAGE_FILES, ROOT, SETTING_VARIABLES, clinic_settings, copy_sources, mkdocs_build,
                      open_page, sign)
from print_pdf import PAPERS
from print_pdf import print_pdf
from printout import print_pages, read_pdf
from site_server import serve

DEFAULTS = {"no_makeup_hours": 24, "no_sweat_hours": 48, "pause_actives_days": 7, "sun_protection_weeks": 4}



def extra(**changes) -> dict:
    """The 'extra' section of mkdocs.yml as MkDocs reads it: text, in quotes."""
    settings = {
        "clinic": {"name": "", "phone": "", "after_hours_phone": "", "email": "", "address": "",
                   "website": "", "emergency_number": "", "region": ""},
        "reviewer": {"name": "", "role": "", "registration": ""},
        "aftercare": {key: str(value) for key, value in DEFAULTS.items()},
        "publishing": {"report_email": "", "require_sign_off": "no", "spanish_edition": "yes",
                       "hsts_include_subdomains": "no"},
    }
    for dotted, value in changes.items():
        group, key = dotted.split("__")
        settings[group][key] = value
    return settings


def test_the_environment_is_written_into_a_config_for_zensical():
    """with_environment: what a MkDocs hook reads from the environment, written into the config as typed."""
    config = {"site_url": "http://127.0.0.1:8000/", "extra": extra(),
              "markdown_extensions": ["abbr", {"patient_site.qr_code": {"url": "http://127.0.0.1:8000/"}},
                                      {"patient_site.page_variables": {"site_url": "http://127.0.0.1:8000/"}}]}
    environ = {"CLINIC_NAME": "Harbor Skin", "NO_SWEAT_HOURS": "36", "CLINIC_PHONE": "",
               "SITE_URL": "https://harbor.example/"}
    written = clinic_settings.with_environment(config, environ)
    assert written["extra"]["clinic"]["name"] == "Harbor Skin"
    assert written["extra"]["aftercare"]["no_sweat_hours"] == "36"  # as typed: the extension checks it
    assert written["extra"]["clinic"]["phone"] == extra()["clinic"]["phone"], "an empty variable must not win"
    assert written["site_url"] == "https://harbor.example/"
    assert written["markdown_extensions"][1]["patient_site.qr_code"]["url"] == "https://harbor.example/"
    assert written["markdown_extensions"][2]["patient_site.page_variables"]["site_url"] == "https://harbor.example/"


def test_site_url_reaches_the_extensions_of_the_real_mkdocs_yml():
    """mkdocs.yml lists its extensions as a mapping: Zensical's QR code must open SITE_URL too."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    written = clinic_settings.with_environment(config, {"SITE_URL": "https://harbor.example/"})
    assert written["markdown_extensions"]["patient_site.qr_code"]["url"] == "https://harbor.example/"


# --- Checking ------------------------------------------------------------------

def test_defaults_are_valid():
    checked, problems = clinic_settings.check_settings(extra())
    assert not problems
    assert checked["aftercare"] == DEFAULTS
    assert checked["clinic"]["name"] == ""


def test_values_from_the_environment_are_cleaned():
    checked, problems = clinic_settings.check_settings(
        extra(clinic__phone=" +44 20 7946 0000 ", aftercare__no_makeup_hours="36"))
    assert not problems
    assert checked["clinic"]["phone"] == "+44 20 7946 0000"
    assert checked["clinic"]["phone_href"] == "tel:+442079460000"
    assert checked["aftercare"]["no_makeup_hours"] == 36


@pytest.mark.parametrize("typed, link", [
    ("+44 (0)20 7123 4567", "tel:+442071234567"),
    ("+353 (0) 1 234 5678", "tel:+35312345678"),
    ("020 7123 4567", "tel:02071234567"),
    ("(03) 9123 4567", "tel:0391234567"),
    ("+1 (555) 0100", "tel:+15550100"),
])
def test_a_phone_link_dials_the_number_from_abroad_without_the_trunk_zero(typed, link):
    checked, problems = clinic_settings.check_settings(extra(clinic__phone=typed, clinic__after_hours_phone=typed))
    assert not problems
    assert checked["clinic"]["phone_href"] == checked["clinic"]["after_hours_phone_href"] == link


@pytest.mark.parametrize("setting, value, variable", [
    ("clinic__phone", "call us", "CLINIC_PHONE"),
    ("clinic__phone", "12", "CLINIC_PHONE"),
    ("clinic__after_hours_phone", "555-CLINIC", "CLINIC_AFTER_HOURS_PHONE"),
    ("clinic__emergency_number", "9-1-1", "EMERGENCY_NUMBER"),
    ("clinic__name", "Harbor\nSkin", "CLINIC_NAME"),
    ("clinic__name", "x" * 81, "CLINIC_NAME"),
    ("clinic__email", "care at harbor", "CLINIC_EMAIL"),
    ("clinic__email", "care@harbor", "CLINIC_EMAIL"),
    ("clinic__email", "<care@harbor.example>", "CLINIC_EMAIL"),
    ("clinic__website", "harbor-skin.example", "CLINIC_WEBSITE"),
    ("clinic__website", "javascript:alert(1)", "CLINIC_WEBSITE"),
    ("clinic__website", "https://harbor skin.example/", "CLINIC_WEBSITE"),
    ("clinic__website", "https://harbor-skin.example:99999/", "CLINIC_WEBSITE"),
    ("clinic__address", "1 Harbor Road\nPortland", "CLINIC_ADDRESS"),
    ("clinic__address", "x" * 201, "CLINIC_ADDRESS"),
    ("reviewer__name", "Dr\tLee", "REVIEWER_NAME"),
    ("reviewer__role", "y" * 81, "REVIEWER_ROLE"),
    ("reviewer__registration", "GMC\n1234567", "REVIEWER_REGISTRATION"),
    ("publishing__report_email", "editors at publisher", "REPORT_EMAIL"),
    ("publishing__require_sign_off", "maybe", "REQUIRE_SIGN_OFF"),
    ("publishing__require_sign_off", "", "REQUIRE_SIGN_OFF"),
    ("aftercare__no_makeup_hours", "a day", "NO_MAKEUP_HOURS"),
    ("aftercare__no_sweat_hours", "0", "NO_SWEAT_HOURS"),
    ("aftercare__pause_actives_days", "-3", "PAUSE_ACTIVES_DAYS"),
    ("aftercare__sun_protection_weeks", "", "SUN_PROTECTION_WEEKS"),
    ("aftercare__sun_protection_weeks", True, "SUN_PROTECTION_WEEKS"),
    ("aftercare__no_makeup_hours", 20, "NO_MAKEUP_HOURS"),  # what YAML makes of an unquoted 024
    ("clinic__phone", 283457911, "CLINIC_PHONE"),           # ... and of an unquoted 02071234567
    ("clinic__name", "Harbor \u202e Skin", "CLINIC_NAME"),
])
def test_a_wrong_value_is_named(setting, value, variable):
    _, problems = clinic_settings.check_settings(extra(**{setting: value}))
    group, key = setting.split("__")
    assert len(problems) == 1, problems
    assert f"extra.{group}.{key} ({variable})" in problems[0]


def test_good_contact_details_are_accepted():
    checked, problems = clinic_settings.check_settings(extra(
        clinic__email="care_team@harbor-skin.example", clinic__website="https://harbor-skin.example/care?x=1",
        clinic__address="1 Harbor Road, Portland, ME 04101", reviewer__name="Dr Jane Lee",
        reviewer__role="Consultant dermatologist", reviewer__registration="GMC 1234567"))
    assert not problems
    assert checked["clinic"]["email_href"] == "mailto:care_team@harbor-skin.example"
    assert checked["reviewer"] == {"name": "Dr Jane Lee", "role": "Consultant dermatologist",
                                  "registration": "GMC 1234567"}


def test_a_reviewer_role_needs_a_name():
    _, problems = clinic_settings.check_settings(extra(reviewer__role="Dermatologist"))
    assert len(problems) == 1 and "REVIEWER_NAME" in problems[0] and "REVIEWER_ROLE" in problems[0], problems


@pytest.mark.parametrize("environ, expected", [
    ({"REVIEWER_NAME_ES": "Dra. Ana \u202eLópez"},
     "environment variable REVIEWER_NAME_ES: setting 'extra.reviewer.name (REVIEWER_NAME_ES)' contains"),
    ({"REVIEWER_NAME_ES": "A" * 81}, "environment variable REVIEWER_NAME_ES: setting 'extra.reviewer.name "
                                     "(REVIEWER_NAME_ES)' is 81 characters long"),
    ({"REVIEWER_ROLE_ES": "Dermatóloga"}, "environment variable REVIEWER_ROLE_ES: setting 'extra.reviewer.role "
                                           "(REVIEWER_ROLE_ES)' is set, but 'extra.reviewer.name (REVIEWER_NAME_ES)'"),
], ids=["hidden character", "too long", "role without a name"])
def test_a_spanish_reviewer_mistake_names_the_spanish_variable(environ, expected):
    """The Spanish edition reads REVIEWER_NAME_ES: its message says so, not REVIEWER_NAME."""
    seen = clinic_settings.edition_environment(environ, "es")
    _, problems = clinic_settings.check_settings(extra(), seen, "es", "mkdocs.es.yml")
    assert len(problems) == 1 and problems[0].startswith(expected), problems


def test_a_spanish_settings_mistake_in_the_file_names_mkdocs_es_yml():
    _, problems = clinic_settings.check_settings(extra(reviewer__rol="x"), {}, "es", "mkdocs.es.yml")
    assert problems == ["mkdocs.es.yml: setting 'extra.reviewer.rol' is not a known setting; did you mean 'role'?"]


@pytest.mark.parametrize("site_url", ["ftp://harbor-skin.example/", "harbor-skin.example", "",
                                      "https://harbor-skin.example/?page=1", "https://harbor-skin.example/#top",
                                      "https://harbor-skin.example/\u202e/"])
def test_a_wrong_site_url_is_named(site_url):
    _, problems = clinic_settings.check_site_url(site_url)
    assert len(problems) == 1 and "site_url (SITE_URL)" in problems[0], problems


def test_site_url_from_the_environment_gets_its_slash():
    assert clinic_settings.check_site_url("http://127.0.0.1:8000/", {"SITE_URL": "https://harbor.example/care"}) == (
        "https://harbor.example/care/", [])
    assert clinic_settings.check_site_url("http://127.0.0.1:8000/", {"SITE_URL": ""}) == ("http://127.0.0.1:8000/", [])


def test_an_unknown_or_missing_setting_is_named():
    settings = extra()
    settings["clinic"]["phon"] = "+1 555 0100"
    del settings["aftercare"]["no_sweat_hours"]
    _, problems = clinic_settings.check_settings(settings)
    assert any("'extra.clinic.phon' is not a known setting" in p for p in problems), problems
    assert any("'extra.aftercare.no_sweat_hours (NO_SWEAT_HOURS)' is missing" in p for p in problems), problems


def test_a_bad_setting_stops_the_build(tmp_path):
    result = mkdocs_build(ROOT, tmp_path / "site", {
        "CLINIC_PHONE": "ring us", "NO_MAKEUP_HOURS": "soon", "CLINIC_EMAIL": "care(at)harbor",
        "CLINIC_WEBSITE": "www.harbor-skin.example", "EMERGENCY_NUMBER": "nine one one"})
    assert result.returncode != 0
    for name in ("extra.clinic.phone (CLINIC_PHONE)", "extra.aftercare.no_makeup_hours (NO_MAKEUP_HOURS)",
                 "extra.clinic.email (CLINIC_EMAIL)", "extra.clinic.website (CLINIC_WEBSITE)",
                 "extra.clinic.emergency_number (EMERGENCY_NUMBER)"):
        assert name in result.stderr
    assert not (tmp_path / "site" / "index.html").exists(), "a page was built although a setting is wrong"


def test_a_number_in_mkdocs_yml_must_be_in_quotes():
    _, problems = clinic_settings.check_settings(extra(aftercare__no_makeup_hours=20))
    assert problems == ["mkdocs.yml: setting 'extra.aftercare.no_makeup_hours (NO_MAKEUP_HOURS)' is 20, not text: "
                        "YAML has read it as a number or a list, so it may not be what was typed; write it in "
                        "quotes, as in \"24\" or \"+1 555 0100\""]


def test_the_environment_wins_unless_it_is_empty():
    checked, problems = clinic_settings.check_settings(
        extra(clinic__name="Default Clinic"), {"CLINIC_NAME": "Harbor Skin Clinic", "CLINIC_PHONE": "",
                                               "NO_MAKEUP_HOURS": "36"})
    assert not problems
    assert checked["clinic"]["name"] == "Harbor Skin Clinic"
    assert checked["clinic"]["phone"] == ""
    assert checked["aftercare"]["no_makeup_hours"] == 36


def test_every_setting_is_in_mkdocs_yml_and_the_readme():
    """Each setting's variable is named beside it in mkdocs.yml (or, for the Spanish, mkdocs.es.yml);
    none is read through YAML's !ENV."""
    config = "\n".join((ROOT / name).read_text(encoding="utf-8") for name in ("mkdocs.yml", "mkdocs.es.yml"))
    assert "!ENV" not in config, "settings are read as typed by clinic_settings.py, not through YAML"
    in_config = re.findall(r"#\s*([A-Z][A-Z_]+)\b", config)
    assert sorted(set(in_config) & set(SETTING_VARIABLES)) == sorted(SETTING_VARIABLES)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert not [v for v in SETTING_VARIABLES if f"`{v}`" not in readme], "settings missing from the README"


# --- A clinic's own build --------------------------------------------------------

def html(site, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_aftercare_times_follow_the_settings_everywhere(harbor_site):
    care = html(harbor_site, "caring-for-your-skin")
    for text in ("the first 48 hours", "the first 72 hours", "14 days", "for at least 6 weeks: shade from the start"):
        assert text in care, f"care page lacks '{text}'"
    assert "24 hours" not in care and "4 weeks" not in care
    assert "Not for the first 48 hours" in html(harbor_site, "questions")
    handout = html(harbor_site, "handout")
    for text in ("No makeup for the first 48 hours", "the sea for the first 72 hours", "for 14 days, until",
                 "for at least 6 weeks, until"):
        assert text in handout, f"handout lacks '{text}'"
    assert "24 hours" not in handout and "4 weeks" not in handout


def all_pages(site) -> dict[str, str]:
    """Every built page's HTML (the 404 page too), by file."""
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in site.rglob("*.html")}


CONTACT_LINKS = ('<a href="tel:+15550100">+1 555 0100</a>', '<a href="tel:+15550199">+1 555 0199</a>',
                 '<a href="mailto:care_team@harbor-skin.example">care_team@harbor-skin.example</a>',
                 "1 Harbor Road, Portland, ME 04101",
                 '<a href="https://harbor-skin.example/">https://harbor-skin.example/</a>')


def footer(page: str) -> str:
    return page[page.index('<footer class="md-footer">'):]


def test_every_page_footer_shows_the_clinic(harbor_site):
    pages = all_pages(harbor_site)
    assert "404.html" in pages and "handout/index.html" in pages
    for name, page in pages.items():
        assert "Contact Harbor Skin Clinic." in footer(page), f"{name}: no clinic name in the footer"
        for text in CONTACT_LINKS:
            assert text in footer(page), f"{name}: footer lacks {text}"


def test_without_settings_pages_use_plain_words(pages):
    for url, page in pages.items():
        assert "Contact the clinic that treated you." in page.select_one(".md-footer .clinic-contact").text
        assert not page.select('a[href^="tel:"], a[href^="mailto:"]'), f"/{url}/ has a phone or e-mail link"
        review = page.select_one(".page-review__checked")
        if review:
            assert review.text == "No doctor or nurse has checked it yet."
    contacts = [p.text for p in pages["when-to-get-help/"].select(".care-card__contact")]
    assert contacts == ["Contact the clinic that treated you."] * 2
    assert "Until a doctor or nurse has checked a page, use it as a general guide." in pages["about/"].text


def test_clinic_details_reach_the_cards_and_about_page(harbor_site):
    help_page = html(harbor_site, "when-to-get-help")
    call = ('Call Harbor Skin Clinic on <a href="tel:+15550100">+1 555 0100</a>. '
            'After hours, call <a href="tel:+15550199">+1 555 0199</a>.')
    assert help_page.count(call) == 2, "the non-urgent and urgent cards should each say who to call"
    about = html(harbor_site, "about")
    assert "Harbor Skin Clinic publishes this version for its patients." in about
    for text in CONTACT_LINKS:
        assert text in about[:about.index('<footer class="md-footer">')], f"About lacks {text}"
    assert about.count("Yes. Dr Jane Lee, Consultant dermatologist, checked it on 1 December 2026.") == len(PAGE_FILES), \
        "the About page should list each signed page"


def test_the_reviewer_is_named_on_every_page_they_signed(harbor_site):
    for name, page in all_pages(harbor_site).items():
        if "page-review" in page:
            assert "Checked by Dr Jane Lee, Consultant dermatologist, on 1 December 2026." in page, name
            assert "No doctor or nurse" not in page and "Changed since" not in page, name


def test_a_public_build_names_each_edition_by_its_full_address(harbor_site):
    """Lighthouse's SEO check refuses relative hreflang addresses; a local build keeps stock's relative ones."""
    for name, page in all_pages(harbor_site).items():
        links = set(re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="([a-z]+)">', page))
        assert links == {(HARBOR["SITE_URL"], "en"), (HARBOR["SITE_URL"] + "es/", "es")}, f"{name}: {links}"


def test_clinic_details_reach_the_handout_and_cards(harbor_site):
    handout = html(harbor_site, "handout")
    for text in ("Clinic: Harbor Skin Clinic", 'Phone: <a href="tel:+15550100">+1 555 0100</a>',
                 'After hours: <a href="tel:+15550199">+1 555 0199</a>', "Emergency number: 911"):
        assert text in handout, f"handout lacks '{text}'"
    contact = handout[handout.index('<div class="handout-contact">'):]
    details = [line for line in contact[:contact.index("</div>")].splitlines() if "handout-day-0" not in line]
    # The treatment day is the patient's own date, so it stays a line to write on.
    assert 'class="write-in"' not in "".join(details), "a clinic detail that is set prints as a blank"
    help_page = html(harbor_site, "when-to-get-help")
    assert "Emergency: call 911 now" in help_page
    assert "999 in the" not in help_page, "the list of countries' numbers is shown although the clinic set its own"


@pytest.fixture(scope="module")
def harbor_printouts(browser, harbor_site):
    with serve(harbor_site) as base_url:
        return print_pages(browser, base_url, ["handout/", "caring-for-your-skin/"])


@pytest.mark.parametrize("paper", PAPERS)
def test_clinic_handout_prints_on_one_sheet_with_its_details(harbor_printouts, paper):
    sheets = harbor_printouts["handout/", paper]
    assert len(sheets) == 2, f"{len(sheets)} sides of {paper}: the handout is one sheet, both sides"
    text = sheets[0].text + sheets[1].text
    assert sheets[0].qr_codes == [HARBOR["SITE_URL"]]
    # The front gives the site's address; the foot of each side, the clinic and its phone.
    for expected in (HARBOR["SITE_URL"], "Clinic: Harbor Skin Clinic", "Phone: +1 555 0100", "48 hours"):
        assert expected in text, f"the {paper} handout lacks '{expected}'"
    assert DRAFT_MARK not in text, "a clinic's own address printed as a draft"


@pytest.mark.parametrize("paper", PAPERS)
def test_the_handout_printed_from_the_browsers_own_dialog_fits_one_sheet(browser, harbor_site, paper):
    """A clinic on Windows or macOS prints the handout page from Chrome's Print command, headers and footers on."""
    page = browser.new_page()
    with serve(harbor_site) as base_url:
        sheets = read_pdf(print_pdf(page, base_url + "handout/", paper, headers_and_footers=True))
    page.close()
    assert len(sheets) == 2, f"{len(sheets)} sides of {paper} from the print dialog: the handout is one sheet"
    text = sheets[0].text + sheets[1].text
    for expected in ("Clinic: Harbor Skin Clinic", "Phone: +1 555 0100", "Emergency: call"):
        assert expected in text, f"the {paper} handout printed from the dialog lacks '{expected}'"


def test_clinic_details_are_at_the_foot_of_every_sheet(harbor_printouts):
    for sheet in harbor_printouts["caring-for-your-skin/", "A4"]:
        assert "Clinic: Harbor Skin Clinic" in sheet.text and "Phone: +1 555 0100" in sheet.text
        assert "____" not in sheet.text


def test_markup_in_a_setting_is_shown_as_text(tmp_path):
    name = '</style> <script>alert(1)</script> & "Co"'
    result = mkdocs_build(ROOT, tmp_path, {"CLINIC_NAME": name})
    assert result.returncode == 0, result.stderr
    for name, page in all_pages(tmp_path).items():
        assert "<script>alert" not in page and "</style><script>" not in page, f"{name} lets markup through"
        assert "Contact &lt;/style&gt; &lt;script&gt;alert(1)&lt;/script&gt; &amp; " in footer(page), name
    assert "Clinic: &lt;/style&gt; &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;" in html(tmp_path, "handout")


def test_markup_in_every_text_setting_is_escaped(tmp_path):
    settings = {"CLINIC_NAME": "<b>Harbor</b>", "CLINIC_ADDRESS": "<img src=x onerror=alert(1)>, Portland",
                "REVIEWER_NAME": "<i>Dr Lee</i>", "REVIEWER_ROLE": "<script>x()</script>", "CLINIC_PHONE": "+1 555 0100"}
    project = copy_sources(tmp_path / "sources")
    sign(project, settings, "docs/about.md")
    result = mkdocs_build(project, tmp_path / "site", settings)
    assert result.returncode == 0, result.stderr
    for name, page in all_pages(tmp_path / "site").items():
        for markup in ("<b>Harbor", "<img src=x", "<i>Dr Lee", "<script>x()"):
            assert markup not in page, f"{name} lets {markup!r} through"
    about = html(tmp_path / "site", "about")
    assert "&lt;img src=x onerror=alert(1)&gt;, Portland" in about
    assert "Checked by &lt;i&gt;Dr Lee&lt;/i&gt;, &lt;script&gt;x()&lt;/script&gt;, on" in about


def test_json_ld_names_the_clinic_and_the_reviewer(harbor_site):
    for name, page in all_pages(harbor_site).items():
        if name == "404.html":
            continue
        [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        web_page = json.loads(block)["@graph"][0]
        assert web_page["reviewedBy"] == {"@type": "Person", "name": "Dr Jane Lee",
                                          "jobTitle": "Consultant dermatologist"}, name
        assert web_page["publisher"] == {
            "@type": "MedicalClinic", "name": "Harbor Skin Clinic", "telephone": "+1 555 0100",
            "email": "care_team@harbor-skin.example", "url": "https://harbor-skin.example/",
            "address": "1 Harbor Road, Portland, ME 04101"}, name
        assert web_page["url"].startswith(HARBOR["SITE_URL"]), name


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_clinic_footer_passes_axe(browser, harbor_site, scheme):
    """The footer's contact links are new text on a dark background."""
    with serve(harbor_site) as base_url:
        page = browser.new_page(color_scheme=scheme, viewport={"width": 1280, "height": 800})
        open_page(page, base_url + "when-to-get-help/")
        found = axe_violations(page)
        page.close()
    assert not found, found


def test_an_internationalised_address_gets_the_form_browsers_send():
    """'https://clínica-harbor.example/' is a web address; the message gives its xn-- form, not 'not a web address'."""
    _, problems = clinic_settings.check_site_url("", {"SITE_URL": "https://clínica-harbor.example/"})
    assert len(problems) == 1 and "'https://xn--clnica-harbor-xib.example/'" in problems[0], problems
    assert "not a web address" not in problems[0]


# The foot of every printed sheet holds these at their longest
# (tests/test_paper_limits.py prints them); one character more is refused.
@pytest.mark.parametrize("setting, variable, longest", [
    ("clinic__name", "CLINIC_NAME", ("North Harborside Dermatology and Laser Clinic of St Catherine "
                                     * 2)[:clinic_settings.MAX_PRINTED_NAME]),
    ("reviewer__name", "REVIEWER_NAME", "Dr Maria de la Fuente-Rodriguez Montgomery"[:clinic_settings.MAX_REVIEWER_NAME]),
    ("clinic__phone", "CLINIC_PHONE", "+44 (0) 20 7123 4567 8".ljust(clinic_settings.MAX_PHONE - 1) + "9"),
    ("clinic__after_hours_phone", "CLINIC_AFTER_HOURS_PHONE", "+1 555 0100".ljust(clinic_settings.MAX_PHONE - 1) + "9"),
])
def test_a_setting_printed_on_every_sheet_has_a_length_that_fits(setting, variable, longest):
    assert len(longest) == {"CLINIC_NAME": clinic_settings.MAX_PRINTED_NAME,
                            "REVIEWER_NAME": clinic_settings.MAX_REVIEWER_NAME}.get(variable, clinic_settings.MAX_PHONE)
    assert not clinic_settings.check_settings(extra(**{setting: longest}))[1]
    _, problems = clinic_settings.check_settings(extra(**{setting: longest[:-1] + " " + longest[-1]}))
    assert len(problems) == 1 and f"({variable})' is {len(longest) + 1} characters long; the limit is {len(longest)}" \
        in problems[0] and "prints whole at the foot of every printed sheet" in problems[0], problems


def test_a_site_address_that_would_not_print_whole_is_refused():
    longest = ("https://www.harborsidedermatologyandlaserclinic.co.uk/aftercare/after-your-infini-treatment/"
               [:clinic_settings.MAX_SITE_URL - 1] + "/")
    assert clinic_settings.check_site_url(longest) == (longest, [])
    _, problems = clinic_settings.check_site_url(longest[:-1] + "x/")
    assert len(problems) == 1 and f"is {clinic_settings.MAX_SITE_URL + 1} characters long; the limit is " \
        f"{clinic_settings.MAX_SITE_URL}, so it prints whole" in problems[0], problems


# Measured, not counted (patient_site/paper_fit.py): the widest letters, or a word
# too long for a line, would run off the sheet or push the phone off it (a fresh probe's cases).
@pytest.mark.parametrize("setting, value", [
    ("clinic__name", "W" * 60),
    ("clinic__name", "WWWWWWWWW WWWWWWWWW WWWWWWWWW WWWWWWWWW WWWWWWWWW WWWWWWWWWW"),
    ("reviewer__name", "W" * 40),
])
def test_a_value_too_wide_to_print_whole_is_refused(setting, value):
    _, problems = clinic_settings.check_settings(extra(**{setting: value}))
    assert len(problems) == 1 and "is too wide to print whole at the foot of every printed sheet" in problems[0], problems


def test_an_address_too_wide_to_print_whole_is_refused():
    _, problems = clinic_settings.check_site_url("https://" + "w" * 60 + ".example/")
    assert len(problems) == 1 and "is too wide to print whole" in problems[0], problems


def test_a_site_address_with_a_port_no_site_can_have_is_refused():
    _, problems = clinic_settings.check_site_url("https://harbor-skin.example:99999/")
    assert len(problems) == 1 and "a port number no site can have" in problems[0], problems
