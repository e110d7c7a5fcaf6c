"""Print pages of the built site to PDF with the system's headless Chromium.

`make handout` runs this to write the handout in A4 and US Letter:

    python tools/print_pdf.py site --page handout/ --out dist

The tests use the same functions, so what they check is what clinics get.
Chromium comes from Debian (/usr/bin/chromium); Playwright only drives it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import unicodedata
from pathlib import Path

import pypdfium2
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from patient_site.page_map import built_file
from patient_site.paper import DRAFT_MARKS, draft_requested, refusal
from site_server import serve

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# No background traffic: the machine has no internet, and the site must
# make no request to another host anyway.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Chromium still asks Google's hosts (autofill, sign-in, updates) while
    # printing. Every host but this machine goes to a proxy port that refuses,
    # and no name is looked up: printing works offline and tells nobody.
    "--proxy-server=http://127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
PAPERS = ("A4", "Letter")


def launch_chromium(playwright: Playwright) -> Browser:
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package "
                                "(apt-get install chromium) or set CHROMIUM to its path")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def print_pdf(page: Page, url: str, paper: str, headers_and_footers: bool = False) -> bytes:
    """Open url and print it as the browser's print dialog would.

    No margins or page size are passed: print.css sets the margins, and the
    paper size is the one given, as a clinic's printer would choose it.
    Backgrounds are off, as in the print dialog by default. Chrome's dialog
    also ticks "Headers and footers" by default: ``headers_and_footers``
    prints as it does, with the browser's own date, title and address.
    """
    # Material's scripts fetch the search index: let them finish before printing.
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
    return page.pdf(format=paper, print_background=False, prefer_css_page_size=False,
                    display_header_footer=headers_and_footers)


def pdf_name(url_path: str, paper: str, clinic: str = "") -> str:
    """"handout-a4.pdf"; with the clinic's name first when the page names one: "harbor-skin-clinic-handout-a4.pdf"."""
    stem = url_path.strip("/").replace("/", "-") or "home"
    return f"{clinic_slug(clinic) + '-' if clinic_slug(clinic) else ''}{stem}-{paper.lower()}.pdf"


def clinic_slug(name: str) -> str:
    """A clinic's name as letters, digits and hyphens, for a file name: "Clínica Sol & Piel" -> "clinica-sol-piel"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-")


def built_for(html: str) -> str:
    """The clinic a built page names as its publisher (its JSON-LD), or ""."""
    data = BeautifulSoup(html, "html.parser").find("script", type="application/ld+json")
    graph = json.loads(data.string).get("@graph", []) if data and data.string else []
    publishers = [node.get("publisher", {}) for node in graph if isinstance(node, dict)]
    return next((p.get("name", "") for p in publishers if p.get("@type") == "MedicalClinic"), "")


def refuse_local_sheets(site: Path, url_paths: list[str]) -> None:
    """Stop before printing a sheet whose address (and QR code) only this machine can open.

    The address is read from the built page, as it prints; with DRAFT=1 the
    page must carry the draft mark (built for a local address, or with DRAFT=1).
    """
    for url_path in url_paths:
        built = built_file(site, url_path.lstrip("/"))
        if not built.is_file():
            raise SystemExit(f"{built}: no such page in the built site; give a page's URL path, as in handout/")
        html = built.read_text(encoding="utf-8")
        address = BeautifulSoup(html, "html.parser").find("link", rel="canonical")["href"]
        if problem := refusal(f"{pdf_name(url_path, 'A4')} and {pdf_name(url_path, 'Letter')}",
                              "make handout", address, os.environ):
            raise SystemExit(f"handout: {problem}")
        if draft_requested(os.environ)[0] and not any(mark in html for mark in DRAFT_MARKS.values()):
            raise SystemExit(f"handout: {built} was built without DRAFT=1, so it would print unmarked; "
                             "run DRAFT=1 make handout, which builds it again")


def sides(pdf: bytes) -> int:
    """How many sides a printed PDF has."""
    return len(pypdfium2.PdfDocument(pdf))


def cannot_write(error: OSError, folder: Path) -> str:
    """One line for a PDF that could not be written (a read-only or full dist/), not a stack."""
    return (f"{error.filename or folder}: cannot write it ({error.strerror}); make {folder}/ writable, "
            f"or print into another folder")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="the built site folder")
    parser.add_argument("--page", action="append", required=True, help="URL path of a page, e.g. handout/")
    parser.add_argument("--out", type=Path, default=Path("dist"), help="folder for the PDFs")
    args = parser.parse_args()
    refuse_local_sheets(args.site, args.page)
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SystemExit(f"handout: {cannot_write(error, args.out)}") from None
    with serve(args.site) as base_url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        spilled = []
        for url_path in args.page:
            clinic = built_for(built_file(args.site, url_path.lstrip("/")).read_text(encoding="utf-8"))
            for paper in PAPERS:
                target = args.out / pdf_name(url_path, paper, clinic)
                pdf = print_pdf(page, base_url + url_path.lstrip("/"), paper)
                try:
                    target.write_bytes(pdf)
                except OSError as error:
                    browser.close()
                    raise SystemExit(f"handout: {cannot_write(error, args.out)}") from None
                print(f"wrote {target}")
                # The handout is one sheet, both sides: a clinic's long details can push it over.
                if url_path.strip("/").endswith("handout") and (count := sides(pdf)) > 2:
                    spilled.append(f"{target} has {count} sides, not one sheet: the clinic's details "
                                   f"make its front too long on {paper}; check it before you print, and tell "
                                   f"the site's editors which settings did it")
        browser.close()
    if spilled:
        raise SystemExit("handout: " + "\n  ".join(spilled))


if __name__ == "__main__":
    main()
