"""A clinician's sign-off covers the exact text they read, and is shown only while that text is unchanged.

Most checks read the pages' text as the build does (tools/edition.py,
patient_site/sign_off.py) in a copy of the sources, which needs no build;
one clinic's edition is built to see the result in the browser's HTML, on
paper (the print footer), in the JSON-LD and in `make reviews`.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from urllib.parse import parse_qs, unquote, urlsplit

import pdfplumber
import pytest
from bs4 import BeautifulSoup

from conftest import (BUILD_VARIABLES, HARBOR, PAGE_FILES, ROOT, SIGNED_ON, clean_environment, copy_sources,
                      mkdocs_build, page_meta, sign)
from edition import load_edition
from printout import print_pages
from site_server import serve
from patient_site import sign_off
from patient_site.front_matter import check_page
from patient_site.translations import english_sources

CARD = "includes/cards/clinic-closed.md"


def texts(project, config="mkdocs.yml") -> dict[str, str]:
    edition = load_edition(config, project)
    return {page: edition.reader.text(page) for page in edition.pages}


def changed_pages(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {page for page in before if before[page] != after[page]}


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- What a sign-off covers -----------------------------------------------------

def test_a_card_change_changes_exactly_the_pages_that_show_the_card(project_copy):
    before = texts(project_copy)
    card = project_copy / CARD
    card.write_text(card.read_text(encoding="utf-8") + "\nA new line on the card.\n", encoding="utf-8")
    showing = {page for page in before if CARD in english_sources(project_copy, page)}
    assert showing and len(showing) < len(before), "pick a card some pages show and some do not"
    assert changed_pages(before, texts(project_copy)) == showing


def test_a_sources_supports_note_counts_as_a_change(project_copy):
    before = texts(project_copy)
    edit(project_copy / "sources.bib", "supports = {How RF microneedling works:",
         "supports = {How radiofrequency microneedling works:")
    citing = {page for page in before
              if any(re.search(r"\[@shauly2023\b|\[@\*\]", (project_copy / source).read_text(encoding="utf-8"))
                     for source in english_sources(project_copy, page))}
    assert citing and len(citing) < len(before)
    assert changed_pages(before, texts(project_copy)) == citing


def test_a_setting_counts_as_a_change_and_the_site_address_does_not(project_copy, monkeypatch):
    for name in ("NO_MAKEUP_HOURS", "SITE_URL"):
        monkeypatch.delenv(name, raising=False)
    before = texts(project_copy)
    monkeypatch.setenv("SITE_URL", "https://harbor-skin.example/after-infini/")
    assert changed_pages(before, texts(project_copy)) == set()
    monkeypatch.setenv("NO_MAKEUP_HOURS", "36")
    changed = changed_pages(before, texts(project_copy))
    assert "docs/caring-for-your-skin.md" in changed and "docs/serious-problems.md" not in changed


def test_review_dates_are_not_part_of_what_is_signed(project_copy):
    before = texts(project_copy)
    edit(project_copy / "docs" / "about.md", "next_review: ", "next_review: 2099-01-01\nold_next_review: ")
    assert changed_pages(before, texts(project_copy)) == set()


# --- Records ------------------------------------------------------------------------

def test_the_spanish_sign_off_is_separate_from_the_english(project_copy):
    output = sign(project_copy, {"REVIEWER_NAME": "Dr Ann Lee"}, "docs/handout.md")
    assert "docs/handout.md: signed by Dr Ann Lee on 2026-12-01" in output
    records, problems = sign_off.read_records(project_copy)
    assert not problems and list(records) == ["docs/handout.md"]
    spanish = load_edition("mkdocs.es.yml", project_copy).reader.text("docs/es/handout.md")
    assert sign_off.status("docs/es/handout.md", spanish, records.get("docs/es/handout.md")).state == "unchecked"
    english = load_edition("mkdocs.yml", project_copy).reader.text("docs/handout.md")
    assert sign_off.status("docs/handout.md", english, records["docs/handout.md"]).state == "checked"


def test_signing_the_spanish_needs_a_spanish_reviewer(project_copy):
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "signed.py"), "docs/es/handout.md",
                             "--root", str(project_copy)],
                            env={**clean_environment(), "REVIEWER_NAME": "Dr Ann Lee"}, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert 'docs/es/handout.md: no reviewer; give REVIEWER="Dr ..." or set REVIEWER_NAME_ES' in result.stderr
    assert not (project_copy / "sign-offs").exists()


def test_a_pack_signs_only_the_text_it_printed(project_copy, tmp_path):
    edition = load_edition("mkdocs.yml", project_copy)
    pack = tmp_path / "review-pack-versions.txt"
    pack.write_text("# made by make review-pack\n" + "".join(
        f"{page} {sign_off.fingerprint(edition.reader.text(page))}\n"
        for page in ("docs/about.md", "docs/when-to-get-help.md")), encoding="utf-8")
    edit(project_copy / CARD, "\n", "\nA line added after the pack was printed.\n")
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "signed.py"), "--pack", str(pack),
                             "--root", str(project_copy), "--reviewer", "Dr Ann Lee"],
                            env=clean_environment(), capture_output=True, text=True)
    assert result.returncode == 1
    assert "docs/about.md: signed by Dr Ann Lee" in result.stdout
    assert re.search(r"docs/when-to-get-help.md: changed since the review pack was printed \(pack [0-9a-f]{16}, "
                     r"now [0-9a-f]{16}\); print a new pack", result.stderr), result.stderr
    assert sorted(sign_off.read_records(project_copy)[0]) == ["docs/about.md"]


@pytest.mark.parametrize("damage, message", [
    (lambda text: text.replace("  Title: ", "  Title: Edited ", 1),
     "field 'text' no longer matches its fingerprint, so it was edited after signing"),
    (lambda text: text.replace("page: docs/about.md", "page: docs/index.md"),
     "field 'page' is 'docs/index.md', but the file is the record of docs/about.md"),
    (lambda text: text.replace("name: Dr Ann Lee", "name: ''"), "field 'name' string should have at least 1 character"),
    (lambda text: text.replace("date: '2026-12-01'", "date: '2026-13-01'"), "field 'date' input should be a valid date"),
    (lambda text: text.replace("page: docs/about.md", "page: [docs/about.md"), "(line 3): not a readable sign-off record"),
    (lambda text: text.replace("name: Dr Ann Lee", "name: Dr Ann\u200bLee"), "field 'name' contains"),
])
def test_a_broken_record_stops_the_build_with_one_line(project_copy, damage, message):
    sign(project_copy, {"REVIEWER_NAME": "Dr Ann Lee"}, "docs/about.md")
    record = project_copy / "sign-offs" / "docs" / "about.md.yml"
    record.write_text(damage(record.read_text(encoding="utf-8")), encoding="utf-8")
    _, problems = sign_off.read_records(project_copy)
    assert len(problems) == 1 and problems[0].startswith("sign-offs/docs/about.md.yml") and message in problems[0], \
        problems
    assert "make signed PAGE=docs/about.md" in problems[0]


def test_a_record_for_a_page_that_is_gone_is_named(project_copy):
    sign(project_copy, {"REVIEWER_NAME": "Dr Ann Lee"}, "docs/about.md")
    (project_copy / "sign-offs" / "docs" / "about.md.yml").rename(project_copy / "sign-offs" / "docs" / "old.md.yml")
    edit(project_copy / "sign-offs" / "docs" / "old.md.yml", "page: docs/about.md", "page: docs/old.md")
    assert sign_off.read_records(project_copy)[1] == [
        "sign-offs/docs/old.md.yml: docs/old.md does not exist; delete the record, or restore the page"]


def test_a_page_cannot_sign_itself_in_its_front_matter():
    text = PAGE_FILES["about/"].read_text(encoding="utf-8").replace(
        "---\n", "---\nsign_off:\n  state: checked\n  name: Dr Nobody\n", 1)
    _, problems = check_page("docs/about.md", text)
    assert problems == ["docs/about.md: front matter field 'sign_off' is written by the build from sign-offs/; "
                        "remove it, and record a clinician's check with `make signed PAGE=docs/about.md`"]


# --- A clinic signs its edition, changes one card, and sees exactly those pages marked --

@pytest.fixture(scope="module")
def clinic(tmp_path_factory):
    """Harbor's English edition, all signed, then one card edited; built, and `make reviews` run."""
    settings = {**HARBOR, "REPORT_EMAIL": "editors@publisher.example"}
    project = copy_sources(tmp_path_factory.mktemp("signed-sources"))
    sign(project, settings, "docs")
    before = texts_with(project, settings)
    card = project / CARD
    card.write_text(card.read_text(encoding="utf-8") + "\nCall the clinic's new night line.\n", encoding="utf-8")
    site = tmp_path_factory.mktemp("signed-site")
    result = mkdocs_build(project, site, settings)
    assert result.returncode == 0, result.stderr
    reviews = subprocess.run([sys.executable, str(ROOT / "tools" / "reviews.py"), str(project / "docs"),
                              "--today", SIGNED_ON], env={**clean_environment(), **settings},
                             capture_output=True, text=True)
    showing = {page for page in before if CARD in english_sources(project, page)}
    return {"project": project, "settings": settings, "site": site, "reviews": reviews, "showing": showing,
            "versions": {page: sign_off.fingerprint(text) for page, text in texts_with(project, settings).items()}}


def texts_with(project, settings) -> dict[str, str]:
    """The pages' text as a build with these settings reads it ("" is an unset variable)."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in {**dict.fromkeys(BUILD_VARIABLES, ""), **settings}.items():
            patch.setenv(name, value)
        return texts(project)


# Each English page's file as sign-offs name it ("docs/about.md"), by address.
PAGE_PATHS = {url: path.relative_to(ROOT).as_posix() for url, path in PAGE_FILES.items()}


def built(site, page: str) -> str:
    url = next(url for url, path in PAGE_PATHS.items() if path == page)
    return (site / url / "index.html").read_text(encoding="utf-8")


def json_ld(html: str) -> dict:
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(block)["@graph"][0]


def test_changed_pages_say_so_everywhere_and_the_others_stay_checked(clinic):
    assert clinic["showing"], "the card is shown by some pages"
    for url, page in PAGE_PATHS.items():
        html = built(clinic["site"], page)
        footer = BeautifulSoup(html, "html.parser").select_one(".page-review__checked").get_text()
        paper = re.search(r"@bottom-left\s*\{[^}]*\}", html).group(0)
        data = json_ld(html)
        if page in clinic["showing"]:
            assert footer == ("Dr Jane Lee, Consultant dermatologist, checked this page on 1 December 2026. It has "
                              "changed since then. No doctor or nurse has checked the change yet."), page
            assert "Changed since Dr Jane Lee checked it" in paper, page
            assert "reviewedBy" not in data and data["lastReviewed"] == page_meta(url)["last_reviewed"].isoformat()
        else:
            assert footer == "Checked by Dr Jane Lee, Consultant dermatologist, on 1 December 2026.", page
            assert "Checked by Dr Jane Lee" in paper, page
            assert data["reviewedBy"] == {"@type": "Person", "name": "Dr Jane Lee",
                                          "jobTitle": "Consultant dermatologist"} and data["lastReviewed"] == SIGNED_ON
    about = BeautifulSoup(built(clinic["site"], "docs/about.md"), "html.parser")
    rows = {row.select("td")[0].get_text(): row.select("td")[1].get_text() for row in about.select("#review-status ~ table tr")
            if row.select("td")}
    changed = {title for title, check in rows.items()
               if check == "No. Dr Jane Lee, Consultant dermatologist, checked it on 1 December 2026, but it has changed "
                           "since then."}
    assert changed == {page_meta(url)["title"] for url, page in PAGE_PATHS.items() if page in clinic["showing"]}


def test_make_reviews_lists_the_changed_pages_with_what_changed(clinic):
    output = clinic["reviews"].stdout
    assert clinic["reviews"].returncode == 0, clinic["reviews"].stderr  # changes are news, not a failure
    listed = set(re.findall(r"^(docs/\S+) changed since Dr Jane Lee signed it off on 2026-12-01", output, re.M))
    assert listed == clinic["showing"], output
    assert output.count("    +Call the clinic's new night line.") == len(clinic["showing"]), output
    total = len(PAGE_FILES)
    assert (f"Sign-offs: {total - len(listed)} pages checked and unchanged, {len(listed)} changed since signed, "
            f"{len(load_edition('mkdocs.es.yml', clinic['project']).pages)} never signed.") in output


def test_the_strict_setting_refuses_each_changed_page(clinic, tmp_path):
    result = mkdocs_build(clinic["project"], tmp_path, {**clinic["settings"], "REQUIRE_SIGN_OFF": "yes"})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    refused = set(re.findall(r"(docs/\S+) changed after Dr Jane Lee signed it off on 2026-12-01; have it checked "
                             r"again and run `make signed PAGE=\1`", result.stderr))
    assert refused == clinic["showing"], result.stderr
    assert "Pages changed since their clinician signed them, and REQUIRE_SIGN_OFF is yes:" in result.stderr


def test_report_a_mistake_is_an_email_with_the_page_filled_in(clinic):
    for url, page in PAGE_PATHS.items():
        soup = BeautifulSoup(built(clinic["site"], page), "html.parser")
        [link] = soup.select(".page-review__report a")
        assert link.get_text() == "Report a mistake on this page" and set(link.attrs) == {"href", "data-to"}
        parts = urlsplit(link["href"])
        assert parts.scheme == "mailto"
        assert unquote(parts.path) == "care_team@harbor-skin.example,editors@publisher.example"
        query = parse_qs(parts.query)
        assert query["subject"] == [f"Mistake on the page: {page_meta(url)['title']}"]
        canonical = soup.find("link", rel="canonical")["href"]
        assert query["body"] == [f"Page: {canonical}\nVersion: {clinic['versions'][page]}\n\nWhat is wrong:\n"]
        # print.css writes these out on paper, where a link cannot be followed (test_the_report_address_prints).
        assert link["data-to"] == "care_team@harbor-skin.example, editors@publisher.example"
        # Material's own forms (search, colour scheme) send nothing: no form has somewhere to send to.
        assert not soup.select("form[action], form[method]"), f"{page} has a form that sends"


def test_without_an_address_the_page_says_whom_to_tell(pages):
    for url, page in pages.items():
        report = page.select_one(".page-review__report")
        assert report and not report.select("a"), f"/{url}: a report link with no address to send to"
        assert report.get_text().strip() == "If a clinic gave you this site, tell them of any mistake."


def test_paper_says_where_to_report_and_that_the_page_changed(clinic, browser):
    with serve(clinic["site"]) as base_url:
        printed = print_pages(browser, base_url, ["when-to-get-help/"])
    for (_, paper), sheets in printed.items():
        text = " ".join(" ".join(sheet.text.split()) for sheet in sheets)
        assert ("Report a mistake on this page: care_team@harbor-skin.example, editors@publisher.example." in text
                ), f"{paper}: no address to report to on paper"
        assert all("Changed since Dr Jane Lee checked it" in " ".join(sheet.text.split()) for sheet in sheets), paper


def test_the_review_pack_marks_the_pages_that_need_a_new_signature(clinic, tmp_path):
    out = tmp_path / "review-pack.pdf"
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "review_pack.py"), str(clinic["site"]), "--out",
                             str(out), "--config", str(clinic["project"] / "mkdocs.yml")],
                            env={**clean_environment(), **clinic["settings"], "NO_MKDOCS_2_WARNING": "1"},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out) as document:
        text = " ".join(" ".join((page.extract_text() or "").split()) for page in document.pages)
    needing = re.findall(r"Needs a new signature: changed since it was signed by Dr Jane Lee, Consultant "
                         r"dermatologist, on 2026-12-01\.", text)
    assert len(needing) == len(clinic["showing"]), text[:2000]
    assert text.count("+Call the clinic's new night line.") == len(clinic["showing"])
    assert text.count("Signed by Dr Jane Lee, Consultant dermatologist, on 2026-12-01, and unchanged since.") == (
        len(PAGE_FILES) - len(clinic["showing"]))
    # Beside the pack, each page and the version of its text: what `make signed PACK=` records.
    versions = (tmp_path / "review-pack-versions.txt").read_text(encoding="utf-8")
    listed = dict(line.split() for line in versions.splitlines() if line and not line.startswith("#"))
    assert listed == clinic["versions"]
