"""Paper that cannot clip: with every setting at its longest allowed value,
each printed side keeps its whole text inside the sheet, and its foot reads
back whole: the page's address, the review line, the sign-off line, the
clinic and its phone, and "Page N of M" (the handout: its page count at the
top, the address on its front).

The limits are in patient_site/settings.py; the values below are as wide as
plausible text gets (capitals, W and M), printed with the widest common
fallback font. Pages are signed with other aftercare times, so the longest
sign-off line, "Changed since <reviewer> checked it", is the one printed.
"""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest

from conftest import clean_environment, copy_sources, mkdocs_build, sign
from patient_site import settings as limits
from print_pdf import PAPERS, print_pdf
from site_server import serve


def _exactly(text: str, length: int) -> str:
    assert len(text) >= length, (text, length)
    return text[:length].rstrip() + "W" * (length - len(text[:length].rstrip()))


def _widest_address(text: str) -> str:
    """The longest start of this address that the settings check accepts."""
    for length in range(min(len(text), limits.MAX_SITE_URL - 1), 0, -1):
        if not limits.check_site_url(text[:length] + "/")[1]:
            return text[:length] + "/"
    raise AssertionError("no address accepted")


LONGEST = {
    # Few break points: the footer may break an address only after / . and -.
    "SITE_URL": _widest_address("https://www.mwmharborsidedermatologyandlaserclinic.co.uk/aftercare/after-your-infini-"
                                "treatment/patient-information-leaflets/breakouts-and-spots-after-microneedling"),
    "CLINIC_NAME": _exactly("NORTH HARBORSIDE DERMATOLOGY AND MEDICAL LASER CLINIC OF ST WILHELMINA " * 2,
                            limits.MAX_PRINTED_NAME),
    "CLINIC_PHONE": "+44 (0) 20 7123 4567 8 9".ljust(limits.MAX_PHONE, "0")[:limits.MAX_PHONE],
    "CLINIC_AFTER_HOURS_PHONE": "+44 (0) 20 7123 9999 8 7",
    "CLINIC_EMAIL": "appointments.and.aftercare.team@" + "m" * 40 + ".example",
    "CLINIC_ADDRESS": _exactly("Unit 14, North Harborside Medical Centre, 221 Long Harbour Road, " * 4, limits.MAX_ADDRESS),
    "CLINIC_WEBSITE": "https://www.north-harborside-dermatology-and-medical-laser-clinic.example/clinic/",
    "EMERGENCY_NUMBER": "112",
    "REVIEWER_NAME": _exactly("Dr Wilhelmina Montgomery-Worthington MMW " * 3, limits.MAX_REVIEWER_NAME),
    "REVIEWER_ROLE": _exactly("Consultant Dermatologist and Medical Director, " * 2, limits.MAX_NAME),
    "REVIEWER_REGISTRATION": "GMC 1234567",
    "REVIEWER_NAME_ES": _exactly("Dra. María Wilhelmina Montgomery-Worthington " * 3, limits.MAX_REVIEWER_NAME),
    "REVIEWER_ROLE_ES": "Dermatóloga",
    "NO_MAKEUP_HOURS": "336", "NO_SWEAT_HOURS": "336", "PAUSE_ACTIVES_DAYS": "90", "SUN_PROTECTION_WEEKS": "52",
}
SIGNED_WITH = {**LONGEST, "NO_MAKEUP_HOURS": "24", "NO_SWEAT_HOURS": "48"}
PAGES = ["handout/", "questions/", "es/handout/", "es/questions/"]
WORDS = {  # overrides/partials/words.html, as printed
    "en": {"clinic": "Clinic: ", "phone": "Phone: ", "reviewed": "Last reviewed: ",
           "changed": "Changed since {name} checked it", "page": "Page {n} of {m}", "name": "REVIEWER_NAME"},
    "es": {"clinic": "Clínica: ", "phone": "Teléfono: ", "reviewed": "Revisada: ",
           "changed": "Cambió desde que {name} la aprobó", "page": "Página {n} de {m}", "name": "REVIEWER_NAME_ES"},
}


def test_the_longest_settings_are_the_limits():
    for variable, limit in (("CLINIC_NAME", limits.MAX_PRINTED_NAME),
                            ("CLINIC_PHONE", limits.MAX_PHONE), ("REVIEWER_NAME", limits.MAX_REVIEWER_NAME),
                            ("REVIEWER_NAME_ES", limits.MAX_REVIEWER_NAME), ("CLINIC_ADDRESS", limits.MAX_ADDRESS)):
        assert len(LONGEST[variable]) == limit, variable


@pytest.fixture(scope="module")
def printed(tmp_path_factory, browser) -> dict[tuple[str, str], bytes]:
    project = copy_sources(tmp_path_factory.mktemp("longest-sources"))
    sign(project, SIGNED_WITH, "docs", "docs/es")
    site = tmp_path_factory.mktemp("longest")
    for config, folder in (("mkdocs.yml", site), ("mkdocs.es.yml", site / "es")):
        result = mkdocs_build(project, folder, {**LONGEST, "DRAFT": ""}, config=config)
        assert result.returncode == 0, result.stderr
    page = browser.new_page()
    with serve(site) as url:
        pdfs = {(path, paper): print_pdf(page, url + path, paper) for path in PAGES for paper in PAPERS}
    page.close()
    return pdfs


def _flat(text: str) -> str:
    return re.sub(r"[\s\u200b]+", "", text or "")  # the footer's address may break after / . and -


def _foot(sheet, handout: bool) -> tuple[str, str, str]:
    """The left and right boxes at the foot, and the top: each box read on its own."""
    side = (8 if handout else 12) * 72 / 25.4
    split = side + (0.45 if handout else 0.60) * (sheet.width - 2 * side)
    foot = sheet.height - (19 if handout else 30) * 72 / 25.4
    top = (7 if handout else 10) * 72 / 25.4
    return tuple(_flat(sheet.crop(box).extract_text()) for box in (
        (0, foot, split, sheet.height), (split, foot, sheet.width, sheet.height), (0, 0, sheet.width, top)))


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("path", PAGES)
def test_every_sheet_keeps_its_whole_text_and_foot_at_the_longest_settings(printed, path, paper):
    language = "es" if path.startswith("es/") else "en"
    words, handout = WORDS[language], path.endswith("handout/")
    name = LONGEST[words["name"]]
    with pdfplumber.open(io.BytesIO(printed[path, paper])) as document:
        sheets = document.pages
        if handout:
            front = _flat(sheets[0].extract_text())
            for shown in (LONGEST["SITE_URL"], LONGEST["CLINIC_AFTER_HOURS_PHONE"]):
                assert _flat(shown) in front, f"the {paper} handout's front lacks {shown}"
        for number, sheet in enumerate(sheets, start=1):
            where = f"/{path} {paper} side {number}"
            outside = "".join(c["text"] for c in sheet.chars if c["x0"] < -0.5 or c["top"] < -0.5
                              or c["x1"] > sheet.width + 0.5 or c["bottom"] > sheet.height + 0.5)
            assert not outside, f"{where}: printed off the sheet: {outside!r}"
            left, right, top = _foot(sheet, handout)
            assert _flat(words["reviewed"]) in (top if handout else left), f"{where}: no review date"
            assert _flat(words["changed"].format(name=name)) in left, f"{where}: the sign-off line is not whole: {left}"
            assert _flat(words["clinic"] + LONGEST["CLINIC_NAME"]) in right, f"{where}: {right}"
            assert _flat(words["phone"] + LONGEST["CLINIC_PHONE"]) in right, f"{where}: {right}"
            count = _flat(words["page"].format(n=number, m=len(sheets)))
            assert count in top, f"{where}: no '{count}'"
            if not handout:
                address = (LONGEST["SITE_URL"] + path).split("//", 1)[1]  # printed without https://
                assert left.startswith(_flat(address)), f"{where}: the address is not whole: {left}"
