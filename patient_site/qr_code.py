"""A QR code for the site's address, drawn into the page: ``![Alt text](qr:site)``.

A Python-Markdown extension, so MkDocs and Zensical both run it. segno
draws the code (pure Python, no network) as an SVG, which goes into the
image's address as a data: URI: no file to generate, and the page's
Content-Security-Policy already allows data: images. The address comes from
the extension's ``url`` setting in mkdocs.yml (the same value as site_url);
under MkDocs, hooks/qr_code.py passes the checked site_url (SITE_URL wins),
so a clinic that builds with its own address gets a code that opens its copy.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

import segno
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from patient_site.errors import BuildStop

SOURCE = "qr:site"


def data_uri(url: str) -> str:
    # Level M survives a fold or a smudge on paper; border 4 is the quiet
    # zone that phone cameras need around the code.
    try:
        code = segno.make(url, error="m")
    except segno.DataOverflowError:
        raise BuildStop(f"setting 'site_url (SITE_URL)' is {len(url)} characters long, too long for the handout's "
                        f"QR code; use a shorter address for the site") from None
    return code.svg_data_uri(border=4, xmldecl=False, omitsize=True, dark="#000", light="#fff")


class _DrawCodes(Treeprocessor):
    def __init__(self, md: Markdown, url: str) -> None:
        super().__init__(md)
        self.url = url

    def run(self, root: etree.Element) -> None:
        for image in root.iter("img"):
            if image.get("src") == SOURCE:
                image.set("src", data_uri(self.url))


class QrCodeExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {"url": ["", "The address the code opens (the site's site_url)."]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After attr_list (priority 8) has read the image's { ... }.
        md.treeprocessors.register(_DrawCodes(md, self.getConfig("url")), "qr_code", 5)


def makeExtension(**kwargs) -> QrCodeExtension:
    return QrCodeExtension(**kwargs)
