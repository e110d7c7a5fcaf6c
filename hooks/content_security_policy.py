"""A Content-Security-Policy <meta> on every built page.

The policy lets pages load scripts, styles, images and data only from the
site itself, and inline scripts only by the SHA-256 hash of their text:
there is no 'unsafe-inline' in script-src. The pages hold three small
inline scripts (Material's scope and storage helpers and its tabbed-content
script, and our colour switch). They are learnt from the 404 page, which
MkDocs renders from the templates alone before any page: an inline script
on a page that the 404 page does not have came from the page itself (its
text or front matter), so it stops the build instead of being trusted.

Every page gets the same policy (the hashes of all pages together), so a
web server can send it as one header. deploy/nginx.conf and docs/_headers
hold a copy; tests/test_security.py fails if they drift from a build.
JSON data blocks (<script type="application/json"> and JSON-LD) are not
run by the browser, so they need no hash.

Styles: style-src keeps 'unsafe-inline'. The foot of each printed sheet is
an inline <style> whose text differs per page and per clinic (page address,
review date, clinic name), so hashes would differ between builds. Styles
cannot run code.

`mkdocs serve` gets no policy: its live reload injects an inline script
that changes on every reload.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.content_security_policy")

# Directive: sources. Script hashes are added to script-src.
DIRECTIVES: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],  # Material draws icons with data: SVGs in CSS
    "font-src": ["'self'"],
    "connect-src": ["'self'"],       # the search index
    "worker-src": ["'self'"],        # the search worker
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],       # the 404 page's search form
}
# Browsers ignore these in a <meta>; servers send them as headers.
HEADER_ONLY = "frame-ancestors 'none'"

PLACEHOLDER = "@@content-security-policy@@"
_META = f'<meta http-equiv="Content-Security-Policy" content="{PLACEHOLDER}">'
_CHARSET = '<meta charset="utf-8">'
_SCRIPT = re.compile(r"<script\b(?P<attributes>[^>]*)>(?P<text>.*?)</script\s*>", re.S | re.I)
_SCRIPT_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_RUNNABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}

_hashes: set[str] = set()
# The inline scripts the templates write, learnt from the 404 page.
_TEMPLATE_PAGE = "404.html"
_known: set[str] = set()
_serving = False


def inline_script_hashes(html: str) -> set[str]:
    """CSP sources ('sha256-...') for every inline script a browser would run."""
    found = set()
    for script in _SCRIPT.finditer(html):
        attributes = script.group("attributes")
        if re.search(r"\bsrc\s*=", attributes, re.I):
            continue
        kind = _SCRIPT_TYPE.search(attributes)
        if (kind.group(1).lower() if kind else "") not in _RUNNABLE_TYPES:
            continue  # JSON, JSON-LD: data, not code
        digest = hashlib.sha256(script.group("text").encode("utf-8")).digest()
        found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return found


def policy(hashes: set[str]) -> str:
    """The policy text for pages whose inline scripts have these hashes."""
    parts = []
    for directive, sources in DIRECTIVES.items():
        if directive == "script-src":
            sources = sources + sorted(hashes)
        parts.append(" ".join([directive, *sources]))
    return "; ".join(parts)


def header_policy(hashes: set[str]) -> str:
    """The same policy plus what only a header can carry."""
    return f"{policy(hashes)}; {HEADER_ONLY}"


def _add_meta(html: str, where: str) -> str:
    if _serving:
        return html
    if _CHARSET not in html:
        raise PluginError(f"{where}: no {_CHARSET} to put the Content-Security-Policy after")
    _hashes.update(inline_script_hashes(html))
    return html.replace(_CHARSET, _CHARSET + _META, 1)


def check_page_scripts(html: str, where: str) -> None:
    """Stop the build if a page has an inline script the templates did not write."""
    if not _known:
        raise PluginError(f"{where}: the theme's inline scripts are not known yet: MkDocs did not build "
                          f"{_TEMPLATE_PAGE} before the pages (has the theme changed?)")
    if inline_script_hashes(html) - _known:
        raise PluginError(f"{where}: the page holds an inline <script> that the theme does not write; "
                          f"pages may not run scripts of their own (put code in docs/assets/javascripts/ "
                          f"and list it under extra_javascript in mkdocs.yml)")


def on_startup(command: str, **_) -> None:
    global _serving
    _serving = command == "serve"
    if _serving:
        log.info("mkdocs serve: no Content-Security-Policy, so live reload can run")


def on_pre_build(config: MkDocsConfig) -> None:
    _hashes.clear()
    _known.clear()


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    check_page_scripts(output, f"docs/{page.file.src_uri}")
    return _add_meta(output, page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name == _TEMPLATE_PAGE:
        _known.update(inline_script_hashes(output_content))
    if template_name.endswith(".html"):
        return _add_meta(output_content, template_name)
    return output_content


def on_post_build(config: MkDocsConfig) -> None:
    """Fill in one policy, made from every page's scripts, on every page."""
    if _serving:
        return
    text = policy(_hashes)
    for path in Path(config.site_dir).rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if PLACEHOLDER in html:
            path.write_text(html.replace(PLACEHOLDER, text), encoding="utf-8")
