"""No sheet for patients with a local address: `make handout` and `make
review-pack` refuse one unless DRAFT=1 asks for a draft, and a draft says so
on every sheet (read back from the PDF).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from conftest import ROOT, clean_environment, mkdocs_build
from patient_site.paper import DRAFT_MARK, DRAFT_MARKS, draft_requested, local_address


def run_tool(script: str, *arguments: str, **settings: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "tools" / script), *arguments], cwd=ROOT,
                          env={**clean_environment(), **settings, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)


def pdf_pages(path: Path) -> list[str]:
    with pdfplumber.open(path) as document:
        return [page.extract_text() or "" for page in document.pages]


def assert_one_clear_line(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode != 0
    message = result.stderr.strip()
    assert "Traceback" not in message and len(message.splitlines()) == 1, message
    for word in words:
        assert word in message, f"the message lacks {word!r}: {message}"


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8000/", "http://localhost:8000/", "http://[::1]/", "http://0.0.0.0:8000/",
    "http://10.0.0.5/", "http://172.16.4.1/aftercare/", "http://192.168.1.20:8000/", "http://169.254.1.1/",
    "http://clinic-pc.local/", "http://preview.localhost/", "http://intranet.internal/", "http://[fd00::1]/",
    # A one-word name, and the IPv4 shorthands browsers open as addresses.
    "http://intranet/", "https://10.1/", "https://127.1/", "https://2130706433/", "https://0x7f.1/",
])
def test_local_addresses_are_recognised(url):
    assert local_address(url)


@pytest.mark.parametrize("url", [
    "https://harbor-skin.example/after-infini/", "https://www.example.com/", "http://93.184.216.34/",
    "https://local-clinic.com/", "https://localhostclinic.com/", "https://8.8.8.8/", "https://clinic.co.uk/a/",
])
def test_public_addresses_are_not_local(url):
    assert local_address(url) is None


@pytest.mark.parametrize("value, draft", [("", False), ("0", False), ("1", True), (" 1 ", True)])
def test_draft_setting(value, draft):
    assert draft_requested({"DRAFT": value}) == (draft, "")


def test_a_draft_setting_that_cannot_be_read_is_refused():
    assert "DRAFT=1" in draft_requested({"DRAFT": "yes"})[1]


def test_handout_of_a_local_build_is_refused(site_dir, site_url, tmp_path):
    assert local_address(site_url), "the default build is for the local address of `make serve`"
    result = run_tool("print_pdf.py", str(site_dir), "--page", "handout/", "--out", str(tmp_path))
    assert_one_clear_line(result, site_url + "handout/", "SITE_URL=", "DRAFT=1", "make handout")
    assert not list(tmp_path.iterdir()), "a refused handout still wrote a file"


def test_draft_handout_says_draft_on_every_sheet(site_dir, tmp_path):
    result = run_tool("print_pdf.py", str(site_dir), "--page", "handout/", "--out", str(tmp_path), DRAFT="1")
    assert result.returncode == 0, result.stderr
    for paper in ("a4", "letter"):
        sheets = pdf_pages(tmp_path / f"handout-{paper}.pdf")
        assert sheets and all(DRAFT_MARK in text for text in sheets), f"a {paper} sheet lacks '{DRAFT_MARK}'"


def test_a_spanish_draft_handout_says_so_in_spanish(whole_site, tmp_path):
    result = run_tool("print_pdf.py", str(whole_site), "--page", "es/handout/", "--out", str(tmp_path), DRAFT="1")
    assert result.returncode == 0, result.stderr
    sheets = pdf_pages(tmp_path / "es-handout-a4.pdf")
    assert sheets and all(DRAFT_MARKS["es"] in text for text in sheets)
    assert not any(DRAFT_MARKS["en"] in text for text in sheets)


def test_clinic_handout_prints_without_a_draft_mark(harbor_site, tmp_path):
    result = run_tool("print_pdf.py", str(harbor_site), "--page", "handout/", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    # The file says which clinic's handout it is.
    assert sorted(path.name for path in tmp_path.iterdir()) == ["harbor-skin-clinic-handout-a4.pdf",
                                                                 "harbor-skin-clinic-handout-letter.pdf"]
    assert not any(DRAFT_MARK in text for text in pdf_pages(tmp_path / "harbor-skin-clinic-handout-a4.pdf"))


def test_draft_of_a_build_made_without_draft_is_refused(harbor_site, tmp_path):
    """DRAFT=1 at print time cannot mark a sheet that was built unmarked."""
    result = run_tool("print_pdf.py", str(harbor_site), "--page", "handout/", "--out", str(tmp_path), DRAFT="1")
    assert_one_clear_line(result, "DRAFT=1 make handout")


def test_build_refuses_a_draft_setting_it_cannot_read(project_copy):
    result = mkdocs_build(project_copy, project_copy / "site", {"DRAFT": "yes"})
    assert result.returncode != 0 and "environment variable DRAFT is 'yes'" in result.stderr
    assert "Traceback" not in result.stderr


def test_review_pack_of_a_local_build_is_refused(site_dir, tmp_path):
    out = tmp_path / "review-pack.pdf"
    result = run_tool("review_pack.py", str(site_dir), "--out", str(out))
    assert_one_clear_line(result, "http://127.0.0.1:8000/", "DRAFT=1 make review-pack")
    assert not out.exists()


@pytest.mark.parametrize("name, expected", [("Harbor Skin Clinic", "harbor-skin-clinic"),
                                            ("Clínica Sol & Piel", "clinica-sol-piel"), ("", ""),
                                            ("<script>", "script"), ("../../etc", "etc")])
def test_a_handout_file_is_named_for_its_clinic(name, expected):
    from print_pdf import clinic_slug, pdf_name
    assert clinic_slug(name) == expected
    assert pdf_name("es/handout/", "A4", name) == (f"{expected}-" if expected else "") + "es-handout-a4.pdf"
