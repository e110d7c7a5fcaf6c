"""Make the handout's QR code from site_url at build time.

The code is drawn by segno (pure Python, no network) into a scalable SVG and
added to the site as assets/images/site-qr.svg. A clinic that builds with its
own SITE_URL gets a code that opens its own copy of the site.
"""

from __future__ import annotations

import io

import segno
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

QR_CODE_PATH = "assets/images/site-qr.svg"


def qr_code_svg(url: str) -> bytes:
    # Level M survives a fold or a smudge on paper; border 4 is the quiet
    # zone that phone cameras need around the code.
    code = segno.make(url, error="m")
    out = io.BytesIO()
    code.save(out, kind="svg", border=4, xmldecl=False, omitsize=True, dark="#000", light="#fff")
    return out.getvalue()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    files.append(File.generated(config, QR_CODE_PATH, content=qr_code_svg(config.site_url)))
    return files
