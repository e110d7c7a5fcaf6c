"""SPANISH_EDITION: a clinic can leave out the Spanish edition.

One English build with SPANISH_EDITION=no: no page links to a Spanish page,
has the language menu or names a Spanish twin; the Spanish build refuses in
one line; and what `make build`, `make serve` and the Pages workflow build
(tools/edition.py) is the English alone.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT, clean_environment, mkdocs_build

HOME = "https://liffey-skin.example/aftercare/"
# A link into the site's own Spanish edition, however it is written.
_SPANISH_LINK = re.compile(r'(?:href|src)="(?:(?:\.\./)*|/|' + re.escape(HOME) + r')es/')


@pytest.fixture(scope="module")
def english_alone(tmp_path_factory):
    site = tmp_path_factory.mktemp("english-alone")
    result = mkdocs_build(ROOT, site, {"SPANISH_EDITION": "no", "SITE_URL": HOME})
    assert result.returncode == 0, result.stderr
    return site


def test_no_page_leads_to_a_spanish_edition_that_is_left_out(english_alone):
    pages = sorted(english_alone.rglob("*.html"))
    assert pages
    linking = [path.relative_to(english_alone).as_posix() for path in pages
               if _SPANISH_LINK.search(path.read_text("utf-8"))]
    assert not linking, f"pages link to the Spanish edition that was left out: {linking}"
    for path in pages:
        html = path.read_text("utf-8")
        assert 'hreflang="es"' not in html and "md-select__list" not in html, f"{path.name} offers Spanish"
    about = (english_alone / "about" / "index.html").read_text("utf-8")
    assert 'id="spanish"' not in about


def test_the_spanish_build_refuses_in_one_line(tmp_path):
    result = mkdocs_build(ROOT, tmp_path / "es", {"SPANISH_EDITION": "no"}, config="mkdocs.es.yml")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "mkdocs.es.yml: SPANISH_EDITION is 'no', so the Spanish edition is left out" in result.stderr


@pytest.mark.parametrize("setting, expected", [("no", "mkdocs.yml"), ("yes", "mkdocs.yml mkdocs.es.yml"),
                                               ("", "mkdocs.yml mkdocs.es.yml")])
def test_the_commands_build_the_editions_the_settings_keep(setting, expected):
    """`make build`, `make serve`, `make handout`, `make review-pack` and the Pages workflow ask tools/edition.py."""
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "edition.py"), "--configs"], cwd=ROOT,
                            env={**clean_environment(), "SPANISH_EDITION": setting}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == expected.split()
