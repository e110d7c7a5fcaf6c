"""REGION: a UK build and a US build of the same pages differ only in the country's words and numbers.

Two English builds with the same clinic, one with REGION=UK and one with
REGION=US. Every sentence of every page is compared (citation numbers left
out: they follow the order sources are first cited). Each UK sentence,
with the table of country words below put in its US form, must be a US
sentence, and the other way round; every row of the table must be used.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, clinic_settings, mkdocs_build
from patient_site import regions
from test_clinic_settings import extra

CLINIC = {"CLINIC_NAME": "Harbor Skin Clinic", "CLINIC_PHONE": "+44 (0)20 7123 4567",
          "CLINIC_AFTER_HOURS_PHONE": "+44 (0)20 7123 9999", "SITE_URL": "https://harbor-skin.example/"}

# Every difference between the two builds: (UK, US). Longer rows first, as applied.
DIFFERENCES = [
    ("Call your GP's out-of-hours service or NHS 111.", "Call your doctor's after-hours line, or go to urgent care."),
    ("report them: yellowcard.mhra.gov.uk.", "report them: www.fda.gov/medwatch."),
    ("Out of hours", "After hours"),
    ("out-of-hours line", "after-hours line"),
    ("Moisturise (moisturize)", "Moisturize (moisturise)"),
    ("moisturiser (moisturizer)", "moisturizer (moisturiser)"),
    ("worries me out of hours?", "worries me after hours?"),
    ("Emergency: call 999 now", "Emergency: call 911 now"),
    ("Emergency number: 999", "Emergency number: 911"),
]
# The UK's closed-clinic line cites NHS 111's page: every page with the urgent card lists it.
UK_ONLY = ["North East Ambulance Service NHS Foundation Trust.", "111.", "Web page (neas.nhs.uk).",
           "That NHS 111 is a free service you can call day or night when you need medical help that is not a "
           "life-threatening emergency."]
# The handout cites only the region's regulator, so its list of sources differs too.
HANDOUT_SOURCES = [
    ("Medicines and Healthcare products Regulatory Agency.", "US Food and Drug Administration."),
    ("How to report a problem with a medical device in the UK.",
     "How to report a problem with a medical device in the US."),
    ("Yellow Card: medical devices.", "MedWatch: the FDA safety information and adverse event reporting program."),
    ("Web page (yellowcard.mhra.gov.uk).", "Web page (fda.gov)."),
]


@pytest.fixture(scope="module")
def region_sites(tmp_path_factory):
    sites = {}
    for region in ("UK", "US"):
        site = tmp_path_factory.mktemp(f"region-{region}")
        result = mkdocs_build(ROOT, site, {**CLINIC, "REGION": region})
        assert result.returncode == 0, result.stderr
        sites[region] = site
    return sites


def sentences(page) -> Counter:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for hidden in soup.select("script, style, sup.citation, .md-search, .md-source-file"):
        hidden.decompose()
    text = " ".join(soup.get_text(" ").split())
    text = re.sub(r"\s+([.,;:)'])", r"\1", text).replace("( ", "(")
    return Counter(part.strip() for part in re.split(r"(?<=[.!?])\s+", text) if part.strip())


def test_a_uk_and_a_us_build_differ_only_in_the_country_words(region_sites):
    used = set()
    unexplained = []
    for uk_page in sorted(region_sites["UK"].rglob("*.html")):
        us_page = region_sites["US"] / uk_page.relative_to(region_sites["UK"])
        uk, us = sentences(uk_page), sentences(us_page)
        page = uk_page.relative_to(region_sites["UK"]).as_posix()
        # And each country's words are used everywhere: none of the other's is left behind.
        unexplained += [f"{page}: the UK build says {us_form!r}" for _, us_form in DIFFERENCES if us_form in " ".join(uk)]
        unexplained += [f"{page}: the US build says {uk_form!r}" for uk_form, _ in DIFFERENCES if uk_form in " ".join(us)]
        rows = DIFFERENCES + (HANDOUT_SOURCES if uk_page.parent.name == "handout" else [])
        as_us = Counter()
        for sentence, count in uk.items():
            if sentence in UK_ONLY and sentence not in us:
                used.add(sentence)
                continue
            for row in rows:
                if row[0] in sentence:
                    used.add(row)
                    sentence = sentence.replace(*row)
            as_us[sentence] += count
        if as_us != us:
            unexplained += [f"{page}: UK only: {s}" for s in (as_us - us)]
            unexplained += [f"{page}: US only: {s}" for s in (us - as_us)]
    assert not unexplained, "\n".join(unexplained[:30])
    every_row = set(DIFFERENCES + HANDOUT_SOURCES + UK_ONLY)
    assert used == every_row, f"rows no page needs: {every_row - used}"


def test_the_regions_own_regulator_is_listed_first(region_sites):
    for region, first in (("UK", "In the UK:"), ("US", "In the US:")):
        page = BeautifulSoup((region_sites[region] / "serious-problems" / "index.html").read_text("utf-8"),
                             "html.parser")
        report = page.find(id="report").find_next("ul")
        assert report.li.get_text().startswith(first)


def test_a_uk_number_written_with_its_trunk_zero_dials_from_anywhere(region_sites):
    page = BeautifulSoup((region_sites["UK"] / "handout" / "index.html").read_text("utf-8"), "html.parser")
    links = {a.get_text(): a["href"] for a in page.select('a[href^="tel:"]')}
    assert links["+44 (0)20 7123 4567"] == "tel:+442071234567"
    assert links["+44 (0)20 7123 9999"] == "tel:+442071239999"


@pytest.mark.parametrize("typed, code", [("UK", "UK"), ("uk", "UK"), ("GB", "UK"), ("ie", "IE"), ("", "")])
def test_a_region_is_read_as_its_code(typed, code):
    checked, problems = clinic_settings.check_settings(extra(clinic__region=typed))
    assert not problems
    assert checked["clinic"]["region"] == code
    assert checked["region"] == regions.words(code)


def test_an_unknown_region_is_named_with_the_choices():
    _, problems = clinic_settings.check_settings(extra(clinic__region="England"))
    assert problems == ["mkdocs.yml: setting 'extra.clinic.region (REGION)' is not a country this site has words "
                        "for: use one of US, CA, UK, IE, AU; it is 'England'"]


def test_a_set_emergency_number_wins_over_the_regions():
    checked, _ = clinic_settings.check_settings(extra(clinic__region="UK", clinic__emergency_number="112"))
    assert checked["clinic"]["emergency_number"] == "112"
    checked, _ = clinic_settings.check_settings(extra(clinic__region="AU"))
    assert checked["clinic"]["emergency_number"] == "000"

