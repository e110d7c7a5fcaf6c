"""Read a printed PDF the way a checker would read the paper.

Text comes from pdfplumber (pdfminer), sizes in points; the QR code is
decoded with zxing-cpp from the page drawn at 150 dpi by pdfium.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pdfplumber
import zxingcpp
from playwright.sync_api import Browser

from print_pdf import PAPERS, print_pdf


@dataclass
class Sheet:
    text: str
    # (size in pt, character) for every character printed
    chars: list[tuple[float, str]]
    colours: set[tuple[float, ...]]
    qr_codes: list[str]
    # The left half of the sheet, then the right: how a two-column sheet reads.
    columns_text: str = ""

    @property
    def read_both_ways(self) -> str:
        """Read across, then column by column: full-width rows and each column's lines both read whole."""
        return " ".join((self.text + " " + self.columns_text).split())

    @property
    def flat_text(self) -> str:
        """The text with all white space (and the footer's break points) removed, so wrapped addresses match."""
        return re.sub(r"[\s\u200b]+", "", self.text)


def printed_address(url: str) -> str:
    """A page's address as the foot of its sheets prints it: without https:// (overrides/partials/print-footer.html)."""
    return re.sub(r"^https?://", "", url)


def read_pdf(pdf: bytes, qr: bool = False) -> list[Sheet]:
    sheets = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            codes = []
            if qr:
                image = page.to_image(resolution=150).original
                codes = [result.text for result in zxingcpp.read_barcodes(image)]
            sheets.append(Sheet(
                text=page.extract_text(),
                chars=[(round(c["size"], 2), c["text"]) for c in page.chars],
                colours={tuple(c["non_stroking_color"] or ()) for c in page.chars},
                qr_codes=codes,
                columns_text="\n".join(page.crop(box).extract_text() or "" for box in (
                    (0, 0, page.width / 2, page.height), (page.width / 2, 0, page.width, page.height))),
            ))
    return sheets


def print_pages(browser: Browser, base_url: str, urls) -> dict[tuple[str, str], list[Sheet]]:
    """Print each page in each paper size and read it back, by (url, paper).

    The handout's QR code is decoded too; other pages have none.
    """
    page = browser.new_page()
    printed = {(url, paper): read_pdf(print_pdf(page, base_url + url, paper), qr=url == "handout/")
               for url in urls for paper in PAPERS}
    page.close()
    return printed
