"""`make reviews`: pages whose next review has passed or falls in the next 60 days.

Every test passes a fixed "today", so the results do not change with the date.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, page_meta
from patient_site.page_map import page_url
from reviews import main, pages_due, report

TODAY = dt.date(2027, 3, 1)


def write_page(docs: Path, name: str, next_review: str, last_reviewed: str = "2026-09-01") -> None:
    (docs / f"{name}.md").write_text(
        f"---\ntitle: Page {name}\ndescription: About {name}.\n"
        f"last_reviewed: {last_reviewed}\nnext_review: {next_review}\n---\n\nText.\n", encoding="utf-8")


@pytest.fixture
def docs(tmp_path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    write_page(folder, "overdue", "2027-02-01")
    write_page(folder, "today", "2027-03-01")
    write_page(folder, "soon", "2027-03-31")
    write_page(folder, "edge", "2027-04-30")       # exactly 60 days on: listed
    write_page(folder, "later", "2027-05-01")      # 61 days on: not listed
    return folder


def test_lists_overdue_and_soon_due_pages_soonest_first(docs):
    due, problems = pages_due(docs, TODAY, 60)
    assert not problems
    assert [page.path for page in due] == ["docs/overdue.md", "docs/today.md", "docs/soon.md", "docs/edge.md"]
    assert [page.status(TODAY) for page in due] == ["OVERDUE by 28 days", "DUE today", "due in 30 days",
                                                    "due in 60 days"]


def test_report_names_each_page_and_its_dates(docs):
    text = report(pages_due(docs, TODAY, 60)[0], TODAY, 60)
    assert text.startswith("4 pages due for review by 2027-04-30 (60 days from 2027-03-01):")
    assert "docs/overdue.md" in text and "next review 2027-02-01" in text and "last reviewed 2026-09-01" in text
    assert "later" not in text


def test_says_so_when_nothing_is_due(docs):
    assert report(pages_due(docs, dt.date(2026, 10, 1), 60)[0], dt.date(2026, 10, 1), 60) == (
        "No page is due for review by 2026-11-30 (60 days from 2026-10-01).")


def test_bad_front_matter_is_reported_with_the_file(docs, capsys):
    write_page(docs, "broken", "2027-02-30")
    assert main([str(docs), "--today", TODAY.isoformat()]) == 1
    assert "docs/broken.md: front matter field 'next_review' is '2027-02-30'" in capsys.readouterr().err


def test_the_sites_own_pages_are_all_read():
    """Every page's dates are read; each page is listed exactly from 60 days before its own next review."""
    pages = sorted(ROOT.joinpath("docs").glob("*.md"))
    for path in pages:
        meta = page_meta(page_url(path.name))
        due_day = meta["next_review"]
        listed_on = {page.path for page in pages_due(ROOT / "docs", due_day - dt.timedelta(days=60), 60)[0]}
        not_yet = {page.path for page in pages_due(ROOT / "docs", due_day - dt.timedelta(days=61), 60)[0]}
        name = f"docs/{path.name}"
        assert name in listed_on and name not in not_yet, name


def test_make_reviews_prints_the_report_for_the_day_given():
    today = dt.date(2027, 6, 1)
    result = subprocess.run(["make", "--no-print-directory", "reviews", f"TODAY={today}",
                             f"BIN={Path(sys.executable).parent}"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert report(pages_due(ROOT / "docs", today, 60)[0], today, 60).strip() in result.stdout
