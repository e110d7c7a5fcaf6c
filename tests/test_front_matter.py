"""Bad front matter stops the build, and the message names the file and the field."""

import datetime as dt
import re

import pytest

from conftest import PAGE_FILES, front_matter, mkdocs_build

GOOD = """---
title: When to get help
description: Which signs need your clinic, and which need help today.
last_reviewed: 2026-11-23
next_review: 2027-05-23
---

Text.
"""


def with_field(field: str, value: str | None, source: str = GOOD) -> str:
    """GOOD with one field's line replaced, or removed when value is None."""
    line = re.compile(rf"^{field}:.*\n", re.M)
    return line.sub("" if value is None else f"{field}: {value}\n", source)


def test_good_front_matter_passes_and_dates_become_dates():
    meta, problems = front_matter.check_page("docs/x.md", GOOD)
    assert problems == []
    assert meta["last_reviewed"] == dt.date(2026, 11, 23)
    assert meta["next_review"] == dt.date(2027, 5, 23)


def test_quoted_dates_are_accepted():
    source = with_field("last_reviewed", '"2026-11-23"')
    assert front_matter.check_page("docs/x.md", source)[1] == []


@pytest.mark.parametrize("field", front_matter.REQUIRED_FIELDS)
def test_missing_field_is_named(field):
    _, problems = front_matter.check_page("docs/x.md", with_field(field, None))
    assert problems == [f"docs/x.md: front matter field '{field}' is missing or empty"]


@pytest.mark.parametrize("field", front_matter.REQUIRED_FIELDS)
def test_empty_field_is_named(field):
    _, problems = front_matter.check_page("docs/x.md", with_field(field, '""'))
    assert len(problems) == 1 and f"'{field}'" in problems[0]


@pytest.mark.parametrize("field", front_matter.DATE_FIELDS)
@pytest.mark.parametrize("value", ["2026-13-45", "2026-02-30", "2026-1-5", "23/11/2026", "soon", "2026"])
def test_malformed_date_is_named(field, value):
    _, problems = front_matter.check_page("docs/x.md", with_field(field, value))
    assert any(p.startswith("docs/x.md:") and f"'{field}'" in p and "YYYY-MM-DD" in p for p in problems), problems


def test_next_review_must_come_after_last_review():
    _, problems = front_matter.check_page("docs/x.md", with_field("next_review", "2026-11-23"))
    assert problems and "'next_review'" in problems[0] and "after" in problems[0]


def test_long_description_is_named():
    _, problems = front_matter.check_page("docs/x.md", with_field("description", "word " * 40))
    assert problems and "'description'" in problems[0] and "160" in problems[0]


def test_title_must_be_text():
    _, problems = front_matter.check_page("docs/x.md", with_field("title", "[a, list]"))
    assert problems == ["docs/x.md: front matter field 'title' must be text"]


def test_invalid_yaml_is_reported_not_dropped():
    _, problems = front_matter.check_page("docs/x.md", with_field("title", "[unclosed"))
    assert len(problems) == 1 and problems[0].startswith("docs/x.md: front matter is not valid YAML")


def test_page_without_front_matter_is_reported():
    _, problems = front_matter.check_page("docs/x.md", "# Just a heading\n")
    assert len(problems) == 1 and "no front matter" in problems[0]


def test_every_page_in_docs_passes_the_check():
    for path in PAGE_FILES.values():
        _, problems = front_matter.check_page(str(path), path.read_text(encoding="utf-8"))
        assert problems == []


# --- The real build, on a copy of the project -------------------------------

def _break_page(project, page, field, value):
    path = project / "docs" / page
    path.write_text(with_field(field, value, path.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.mark.parametrize(
    "page, field, value",
    [
        ("when-to-get-help.md", "last_reviewed", None),
        ("why-breakouts-happen.md", "next_review", "2027-02-30"),
        ("index.md", "description", None),
    ],
)
def test_build_stops_and_names_file_and_field(project_copy, tmp_path, page, field, value):
    _break_page(project_copy, page, field, value)
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0, "the build should stop"
    assert f"docs/{page}" in result.stderr and f"'{field}'" in result.stderr, result.stderr


def test_build_stops_on_a_description_used_twice(project_copy, tmp_path):
    home = (project_copy / "docs/index.md").read_text(encoding="utf-8")
    description = re.search(r"^description: (.*)$", home, re.M).group(1)
    _break_page(project_copy, "about.md", "description", description)
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "docs/about.md" in result.stderr and "docs/index.md" in result.stderr, result.stderr


# Fields Material reads: one wrote every page's menu unescaped (a refresh to another
# site reached every page), others stopped the build with a stack (a fresh probe).
@pytest.mark.parametrize("extra, expected", [
    ("status: 'x\"><meta http-equiv=\"refresh\" content=\"0;url=https://elsewhere.example/\">'",
     "front matter field 'status' is not one the site reads; remove it"),
    ("hide: 5", "front matter field 'hide' is not one the site reads"),
    ("icon: [1]", "front matter field 'icon' is not one the site reads"),
    ("template: page.html", "front matter field 'template' is not one the site reads"),
    ("search: 7", "front matter field 'search' must be 'search:' with 'exclude: true'"),
    ("search: {exclude: maybe}", "front matter field 'search' must be"),
    ("search: {boost: high}", "front matter field 'search' must be"),
], ids=["status", "hide", "icon", "template", "search-number", "search-not-yes-or-no", "boost-not-a-number"])
def test_only_the_sites_own_fields_pass(extra, expected):
    _, problems = front_matter.check_page("docs/x.md", GOOD.replace("next_review:", f"{extra}\nnext_review:"))
    assert len(problems) == 1 and problems[0].startswith(f"docs/x.md: {expected}"), problems


@pytest.mark.parametrize("search", ["search:\n  exclude: true", "search:\n  boost: 2"])
def test_leaving_a_page_out_of_search_or_ranking_it_higher_passes(search):
    _, problems = front_matter.check_page("docs/x.md", GOOD.replace("next_review:", f"{search}\nnext_review:"))
    assert problems == []
