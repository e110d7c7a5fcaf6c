"""Clinic settings: checked before a build, escaped, and used everywhere.

A clinic builds its own copy with environment variables (README,
"Clinic settings"). These tests build with a full set and check that the
care page, the help cards, the printed foot of each sheet and the handout
(its QR code included) all follow; and that a wrong value stops the build
with a message that names the setting.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, SETTING_VARIABLES, clinic_settings, mkdocs_build
from print_pdf import PAPERS
from printout import print_pages
from site_server import serve

DEFAULTS = {"no_makeup_hours": 24, "no_sweat_hours": 48, "pause_actives_days": 7, "sun_protection_weeks": 4}

HARBOR = {
    "SITE_URL": "https://harbor-skin.example/after-infini/",
    "CLINIC_NAME": "Harbor Skin Clinic",
    "CLINIC_PHONE": "+1 555 0100",
    "CLINIC_AFTER_HOURS_PHONE": "+1 555 0199",
    "EMERGENCY_NUMBER": "911",
    "NO_MAKEUP_HOURS": "48",
    "NO_SWEAT_HOURS": "72",
    "PAUSE_ACTIVES_DAYS": "14",
    "SUN_PROTECTION_WEEKS": "6",
}


def extra(**changes) -> dict:
    """The 'extra' section of mkdocs.yml as MkDocs reads it with nothing set."""
    settings = {
        "clinic": {"name": "", "phone": "", "after_hours_phone": "", "emergency_number": ""},
        "aftercare": dict(DEFAULTS),
    }
    for dotted, value in changes.items():
        group, key = dotted.split("__")
        settings[group][key] = value
    return settings


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


@pytest.mark.parametrize("setting, value, variable", [
    ("clinic__phone", "call us", "CLINIC_PHONE"),
    ("clinic__phone", "12", "CLINIC_PHONE"),
    ("clinic__after_hours_phone", "555-CLINIC", "CLINIC_AFTER_HOURS_PHONE"),
    ("clinic__emergency_number", "9-1-1", "EMERGENCY_NUMBER"),
    ("clinic__name", "Harbor\nSkin", "CLINIC_NAME"),
    ("clinic__name", "x" * 81, "CLINIC_NAME"),
    ("aftercare__no_makeup_hours", "a day", "NO_MAKEUP_HOURS"),
    ("aftercare__no_sweat_hours", "0", "NO_SWEAT_HOURS"),
    ("aftercare__pause_actives_days", "-3", "PAUSE_ACTIVES_DAYS"),
    ("aftercare__sun_protection_weeks", "", "SUN_PROTECTION_WEEKS"),
    ("aftercare__sun_protection_weeks", True, "SUN_PROTECTION_WEEKS"),
])
def test_a_wrong_value_is_named(setting, value, variable):
    _, problems = clinic_settings.check_settings(extra(**{setting: value}))
    group, key = setting.split("__")
    assert len(problems) == 1, problems
    assert f"extra.{group}.{key} ({variable})" in problems[0]


def test_an_unknown_or_missing_setting_is_named():
    settings = extra()
    settings["clinic"]["phon"] = "+1 555 0100"
    del settings["aftercare"]["no_sweat_hours"]
    _, problems = clinic_settings.check_settings(settings)
    assert any("'extra.clinic.phon' is not a known setting" in p for p in problems), problems
    assert any("'extra.aftercare.no_sweat_hours (NO_SWEAT_HOURS)' is missing" in p for p in problems), problems


def test_a_bad_setting_stops_the_build(tmp_path):
    result = mkdocs_build(ROOT, tmp_path / "site", {"CLINIC_PHONE": "ring us", "NO_MAKEUP_HOURS": "soon"})
    assert result.returncode != 0
    assert "extra.clinic.phone (CLINIC_PHONE)" in result.stderr
    assert "extra.aftercare.no_makeup_hours (NO_MAKEUP_HOURS)" in result.stderr


def test_every_setting_is_in_mkdocs_yml_and_the_readme():
    in_config = re.findall(r"!ENV \[(\w+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert sorted(in_config) == sorted(SETTING_VARIABLES)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert not [v for v in SETTING_VARIABLES if f"`{v}`" not in readme], "settings missing from the README"


# --- A clinic's own build --------------------------------------------------------

@pytest.fixture(scope="module")
def harbor_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("harbor")
    result = mkdocs_build(ROOT, site, HARBOR)
    assert result.returncode == 0, result.stderr
    return site


def html(site, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_aftercare_times_follow_the_settings_everywhere(harbor_site):
    care = html(harbor_site, "caring-for-your-skin")
    for text in ("the first 48 hours", "the first 72 hours", "14 days", "protect your skin for 6 weeks"):
        assert text in care, f"care page lacks '{text}'"
    assert "24 hours" not in care and "4 weeks" not in care
    assert "Not for the first 48 hours" in html(harbor_site, "questions")
    handout = html(harbor_site, "handout")
    for text in ("No makeup for 48 hours", "for 72 hours", "vitamin C for 14 days", "shade for 6 weeks"):
        assert text in handout, f"handout lacks '{text}'"


def test_clinic_details_reach_the_handout_and_cards(harbor_site):
    handout = html(harbor_site, "handout")
    for text in ("Clinic: Harbor Skin Clinic", 'Phone: <a href="tel:+15550100">+1 555 0100</a>',
                 'After hours: <a href="tel:+15550199">+1 555 0199</a>', "Emergency: 911"):
        assert text in handout, f"handout lacks '{text}'"
    assert 'class="write-in"' not in handout
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
    assert len(sheets) == 1, f"{len(sheets)} sheets of {paper}"
    text = sheets[0].text
    assert sheets[0].qr_codes == [HARBOR["SITE_URL"]]
    for expected in (HARBOR["SITE_URL"] + "handout/", "Clinic: Harbor Skin Clinic", "Phone: +1 555 0100", "48 hours"):
        assert expected in text, f"the {paper} handout lacks '{expected}'"


def test_clinic_details_are_at_the_foot_of_every_sheet(harbor_printouts):
    for sheet in harbor_printouts["caring-for-your-skin/", "A4"]:
        assert "Clinic: Harbor Skin Clinic" in sheet.text and "Phone: +1 555 0100" in sheet.text
        assert "____" not in sheet.text


def test_markup_in_a_setting_is_shown_as_text(tmp_path):
    name = '</style><script>alert(1)</script> & "Co"'
    result = mkdocs_build(ROOT, tmp_path, {"CLINIC_NAME": name})
    assert result.returncode == 0, result.stderr
    for url in ("handout", "questions"):
        page = html(tmp_path, url)
        assert "<script>alert" not in page and "</style><script>" not in page, f"/{url}/ lets markup through"
    assert "Clinic: &lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;" in html(tmp_path, "handout")
