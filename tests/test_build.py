"""The strict build passes, builds every page, and asks no other host for anything."""

import re

from conftest import PAGE_FILES

# Elements that make the browser fetch something as the page loads.
FETCHING = {"link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}


def test_strict_build_passes_without_warnings(build):
    result, _ = build
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


def test_every_page_in_docs_is_built(pages):
    assert set(pages) == set(PAGE_FILES)


def test_pages_load_nothing_from_other_hosts(pages):
    """No fonts, scripts or styles from a CDN or Google Fonts: patients' visits stay private."""
    offenders = []
    for url, soup in pages.items():
        for tag, attribute in FETCHING.items():
            for element in soup.find_all(tag):
                target = element.get(attribute, "")
                if tag == "link" and not {"stylesheet", "icon", "preload", "modulepreload", "preconnect"} & set(element.get("rel", [])):
                    continue
                if re.match(r"^(https?:)?//", target):
                    offenders.append(f"/{url}: <{tag} {attribute}={target}>")
    assert not offenders, "\n".join(offenders)


def test_stylesheets_load_no_web_fonts(site_dir):
    for css in site_dir.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, css
