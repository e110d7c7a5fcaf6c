"""Each Spanish page records the English it translates; a later English change is reported.

The check is patient_site/translations.py: a fingerprint of the English page
and every block it shows, and the commit it was in. `make test` runs it here,
and `make reviews` lists the out-of-date pages.
"""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT
from patient_site.translations import english_sources, mark, report, translations


def test_every_spanish_page_is_in_step_with_its_english():
    found, problems = translations(ROOT)
    assert not problems, "\n".join(problems)
    stale = [t for t in found if not t.up_to_date]
    assert not stale, "\n" + report(ROOT, stale)


def _git(folder, *args):
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


def test_an_english_edit_after_translation_names_the_spanish_pages_and_the_change(project_copy):
    _git(project_copy, "init", "-q")
    _git(project_copy, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    _git(project_copy, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    for page in sorted((project_copy / "docs" / "es").glob("*.md")):
        mark(project_copy, page.relative_to(project_copy).as_posix())
    found, problems = translations(project_copy)
    assert not problems and all(t.up_to_date for t in found)

    card = project_copy / "includes" / "cards" / "clinic-closed.md"
    card.write_text(card.read_text(encoding="utf-8").replace("Do not wait.", "Do not wait, even at night."),
                    encoding="utf-8")
    found, _ = translations(project_copy)
    stale = {t.spanish: t for t in found if not t.up_to_date}
    assert "docs/es/when-to-get-help.md" in stale, "a page showing the urgent card is not reported"
    assert "docs/es/about.md" not in stale, "a page without the urgent card is reported"
    message = report(project_copy, [stale["docs/es/when-to-get-help.md"]])
    assert "includes/cards/clinic-closed.md" in message and "even at night" in message, message

    # A sign's words live in warning-signs.yml: an edit there names the pages that show signs.
    mark(project_copy, "docs/es/when-to-get-help.md")
    signs = project_copy / "warning-signs.yml"
    signs.write_text(signs.read_text(encoding="utf-8").replace("en: a hot, painful lump", "en: a hot, sore lump"),
                     encoding="utf-8")
    found, _ = translations(project_copy)
    stale = {t.spanish for t in found if not t.up_to_date}
    assert "docs/es/when-to-get-help.md" in stale and "docs/es/about.md" not in stale, stale

    listed = subprocess.run([sys.executable, str(ROOT / "tools" / "reviews.py"), str(project_copy / "docs"),
                             "--today", "2026-12-01"], cwd=project_copy,
                            capture_output=True, text=True)
    assert "docs/es/when-to-get-help.md" in listed.stdout + listed.stderr, listed.stdout + listed.stderr
    # `make reviews` shows what changed, in words, not only that a fingerprint differs.
    assert "warning-signs.yml" in listed.stdout and "+    en: a hot, sore lump" in listed.stdout, listed.stdout
    assert not re.search(r"\b[0-9a-f]{12}, now [0-9a-f]{12}\b", listed.stdout), "fingerprints instead of words"


def test_every_form_of_block_line_is_followed_and_the_note_names_the_whole_path(project_copy):
    """A block included with single quotes, or a part of a file, is in the English a Spanish page translates."""
    _git(project_copy, "init", "-q")
    _git(project_copy, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    _git(project_copy, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    page = project_copy / "docs" / "caring-for-your-skin.md"
    page.write_text(page.read_text(encoding="utf-8").replace('--8<-- "advice/times.md"', "--8<-- 'advice/times.md:1:400'"),
                    encoding="utf-8")
    assert "includes/advice/times.md" in english_sources(project_copy, "docs/caring-for-your-skin.md")
    # Recorded with the English page not committed: the note names it whole ("docs/...", not "ocs/...").
    said = mark(project_copy, "docs/es/caring-for-your-skin.md")
    assert "note: docs/caring-for-your-skin.md not committed yet" in said, said


def test_a_spanish_page_behind_its_english_says_so_and_links_to_it(project_copy):
    """Built and published anyway, the Spanish page says it may be out of date, first, with its English twin."""
    from bs4 import BeautifulSoup
    from conftest import mkdocs_build
    page = project_copy / "docs" / "es" / "serious-problems.md"
    text = page.read_text(encoding="utf-8")
    recorded = text.split("english_version: ")[1][:12]
    page.write_text(text.replace(f"english_version: {recorded}", "english_version: abcdefabcdef"), encoding="utf-8")
    result = mkdocs_build(project_copy, project_copy / "site" / "es", config="mkdocs.es.yml")
    assert result.returncode == 0, result.stderr
    behind = BeautifulSoup((project_copy / "site" / "es" / "serious-problems" / "index.html").read_text("utf-8"),
                           "html.parser").select_one("article .translation-behind")
    assert behind is not None, "the Spanish page behind its English does not say so"
    assert behind.get_text(" ", strip=True).startswith("Esta traducción puede estar atrasada.")
    assert behind.a["href"] == "../../serious-problems/" and behind.a["hreflang"] == "en"
    others = [path for path in (project_copy / "site" / "es").rglob("index.html")
              if path.parent.name != "serious-problems" and "translation-behind" in path.read_text("utf-8")]
    assert not others, f"pages in step say they are behind: {others}"
