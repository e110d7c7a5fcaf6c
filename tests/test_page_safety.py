"""What a page, a block, a warning sign or a picture may not do (the fifth bad-input probe's cases).

Each case is checked through the function the build runs (patient_site/page_check.py,
warning_signs.py), and the ones that used to print a stack through a real build or tool.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, clean_environment, mkdocs_build
from patient_site import warning_signs
from patient_site.page_check import check_folder, check_own_code, check_paragraph_length
from test_editor_mistakes import edit, line_with, stopped


def refusals(tmp_path: Path, name: str, text: str) -> list[str]:
    path = tmp_path / name
    path.write_text(text if name.endswith(".svg") else f"---\ntitle: T\n---\n\n{text}\n", encoding="utf-8")
    return check_own_code([path], tmp_path)


@pytest.mark.parametrize("text", [
    '<img src="\\\\evil.example\\a.png" alt="a">',         # browsers read \\ as //
    '<img src="/\\evil.example/b.png" alt="b">',
    '<img src="https:evil.example/d.png" alt="d">',        # a scheme without //
    "![x](https:evil.example/e.png)",
    "[ref link][r1]\n\n[r1]: javascript:alert(document.domain)",
    '<svg><a><animate attributeName="href" values="javascript:alert(7)"/><text y="15">x</text></a></svg>',
], ids=["backslashes", "slash-backslash", "scheme only", "markdown picture", "reference link", "svg animate"])
def test_another_sites_picture_or_a_script_address_is_refused(tmp_path, text):
    assert refusals(tmp_path, "page.md", text), f"not refused: {text}"


@pytest.mark.parametrize("text", [
    "<div hidden markdown>\n\n{{ signs(\"collapse\") }}\n\n</div>",
    '{{ signs("dent-scar") }}\n{ hidden }',
    "<p style=\"background-image:image-set('https://evil.example/i.png' 1x)\">x</p>",
    '<p style="background:u\\72l(https://evil.example/esc.png)">x</p>',
    '{{ signs("dent-scar") }}\n{ style="display:none" }',
], ids=["hidden div", "hidden attribute list", "style image-set", "style escaped url", "style attribute list"])
def test_markup_that_could_hide_a_warning_sign_is_refused(tmp_path, text):
    [problem] = refusals(tmp_path, "page.md", text)
    assert "would hide or restyle what it marks" in problem


def test_the_sites_own_pages_blocks_and_pictures_pass():
    """The same checks find nothing in what the site ships (the day guide's result starts hidden, by design)."""
    paths = [*sorted((ROOT / "docs").rglob("*.md")), *sorted((ROOT / "includes").rglob("*.md")),
             *sorted((ROOT / "docs").rglob("*.svg"))]
    assert check_own_code(paths, ROOT) == []
    assert check_paragraph_length(paths, ROOT) == []


def test_a_picture_that_loads_another_site_is_refused(tmp_path):
    [problem] = refusals(tmp_path, "evil.svg", '<svg xmlns="http://www.w3.org/2000/svg">'
                                                '<image href="https://evil.example/s.png"/></svg>')
    assert problem.startswith("evil.svg line 1: 'href=\"https:'")
    assert refusals(tmp_path, "fine.svg", '<svg xmlns="http://www.w3.org/2000/svg"><use href="#a"/></svg>') == []


def test_files_the_build_would_publish_unchecked_are_named(tmp_path):
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "notes.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (docs / "our-clinic.MD").write_text("# Our clinic", encoding="utf-8")
    (docs / "assets" / "etcdir").symlink_to("/etc")
    (docs / "assets" / "notes.txt").symlink_to("/etc/hostname")
    (docs / "inside.md").symlink_to(docs / "our-clinic.MD")
    assert sorted(check_folder(docs, tmp_path)) == [
        "docs/assets/etcdir is a link to /etc, outside the project: the build would publish what it points to; "
        "copy the file in instead, or remove the link",
        "docs/assets/notes.txt is a link to /etc/hostname, outside the project: the build would publish what it "
        "points to; copy the file in instead, or remove the link",
        "docs/notes.html is a web page file: MkDocs would publish it as it is, unchecked; write the page in "
        "Markdown (.md) instead, or remove it",
        "docs/our-clinic.MD ends in '.MD': MkDocs publishes it as a plain file and never builds it; rename it "
        "to end in '.md'"]


def test_a_link_to_a_folder_outside_the_project_stops_the_build_in_one_line(project_copy):
    """It used to copy part of /etc into site/, then stop with a stack."""
    (project_copy / "docs" / "assets" / "etcdir").symlink_to("/etc")
    line_with(stopped(project_copy), "docs/assets/etcdir is a link to /etc, outside the project")
    assert not (project_copy / "site" / "assets" / "etcdir").exists()


def test_brackets_nested_too_deep_stop_the_build_in_one_line(project_copy):
    edit(project_copy / "docs" / "about.md", "[@*]", "[@*]\n\nA tip: {{ " + "(" * 100 + "1" + ")" * 100 + " }}")
    line_with(stopped(project_copy), "docs/about.md: the page text's", "nests brackets or blocks too deeply")


def test_a_paragraph_too_long_to_build_is_refused(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: T\n---\n\nShort.\n\n" + "[@chu2021; " * 2000 + "\n", encoding="utf-8")
    [problem] = check_paragraph_length([page], tmp_path)
    assert problem.startswith("page.md line 7: a paragraph of 22001 characters")


@pytest.mark.parametrize("words", ['a fit <img src="//evil.example/t.png"> or',
                                   'a fit <a href="javascript:alert(2)">or</a> trouble',
                                   "a fit [or](https://evil.example/) trouble"])
def test_a_warning_sign_holds_plain_words_only(tmp_path, words):
    text = (ROOT / "warning-signs.yml").read_text(encoding="utf-8")
    assert "en: an uneven heartbeat, a fit" in text, "update the test: the sign's words changed"
    signs = tmp_path / "warning-signs.yml"
    signs.write_text(text.replace("en: an uneven heartbeat, a fit", f"en: an uneven heartbeat, {words}", 1),
                     encoding="utf-8")
    with pytest.raises(warning_signs.WarningSignsError, match=r"warning-signs.yml line \d+: .*sign words are plain "
                                                              r"text, with no markup or links"):
        warning_signs.parse(signs)


@pytest.mark.parametrize("tool, arguments, first, draft", [
    ("print_pdf.py", ["--page", "handout/"], "handout: ", {}),
    # The pack reads the settings as the build would: here the defaults, a local address, so a draft.
    ("review_pack.py", [], "review-pack: ", {"DRAFT": "1"}),
], ids=["handout", "review pack"])
def test_a_folder_the_pdf_cannot_be_written_to_gets_one_line(harbor_site, tmp_path, tool, arguments, first, draft):
    """A read-only or full dist/ used to end in a stack."""
    out = tmp_path / "dist"
    (out / "harbor-skin-clinic-handout-a4.pdf").mkdir(parents=True)  # where the PDF goes, a folder is
    (out / "review-pack.pdf").mkdir()
    target = ["--out", str(out)] if tool == "print_pdf.py" else ["--out", str(out / "review-pack.pdf")]
    result = subprocess.run([sys.executable, str(ROOT / "tools" / tool), str(harbor_site), *arguments, *target],
                            cwd=ROOT, env={**clean_environment(), "NO_MKDOCS_2_WARNING": "1", **draft},
                            capture_output=True, text=True)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.strip().startswith(first) and "cannot write it" in result.stderr, result.stderr


def test_a_handout_that_spills_past_one_sheet_is_named_not_printed_silently(tmp_path):
    """An ordinary after-hours number ("+1 555 010 0199") pushes the US Letter front over: make handout says so.

    A known limit of the Letter front, which has no room to spare: until the layout gains a line,
    the clinic hears it, rather than handing out a sheet without its back cards.
    """
    site = tmp_path / "site"
    built = mkdocs_build(ROOT, site, {"CLINIC_AFTER_HOURS_PHONE": "+1 555 010 0199",
                                      "SITE_URL": "https://aftercare.example/"})
    assert built.returncode == 0, built.stderr
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "print_pdf.py"), str(site), "--page", "handout/",
                             "--out", str(tmp_path / "dist")], cwd=ROOT,
                            env={**clean_environment(), "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert re.search(r"handout-letter\.pdf has [34] sides, not one sheet", result.stderr), result.stderr
    assert "handout-a4.pdf has" not in result.stderr, "the A4 handout fits one sheet"
