"""Each mistake an editor makes stops the build with one clear message.

Each test breaks a throwaway copy of the sources the way an editor might,
builds it as `make build` does, and checks the message names the file (and
line), says how to fix it, and is not a Python traceback.
"""

from __future__ import annotations

import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, clean_environment, mkdocs_build
from patient_site.page_check import check_own_code

NEW_PAGE = """---
title: "Our clinic: who we are"
description: Who we are.
last_reviewed: 2026-12-01
next_review: 2027-06-01
---

Tiny scabs are normal [@chu2021].
"""


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}: update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def stopped(project: Path, settings: dict[str, str] | None = None, config: str = "mkdocs.yml") -> str:
    """The build's error output; fails the test if the build did not stop or printed a traceback."""
    result = mkdocs_build(project, project / "site", settings, config=config)
    assert result.returncode != 0, "the build did not stop"
    # MkDocs prints an extension's stack without the word "Traceback": its frames say 'File "'.
    assert "Traceback" not in result.stderr and 'File "' not in result.stderr, result.stderr
    return result.stderr


def line_with(output: str, *words: str) -> str:
    """The one line of output that holds every word."""
    lines = [line for line in output.splitlines() if all(word in line for word in words)]
    assert lines, f"no line says {words}:\n{output}"
    return lines[0]


def test_misspelt_snippet_names_file_line_and_the_real_name(project_copy):
    page = project_copy / "docs" / "when-to-get-help.md"
    edit(page, '--8<-- "cards/urgent.md"', '--8<-- "cards/urgnet.md"')
    number = page.read_text(encoding="utf-8").splitlines().index('--8<-- "cards/urgnet.md"') + 1
    line_with(stopped(project_copy), f"docs/when-to-get-help.md line {number}", '"cards/urgnet.md"',
              'did you mean "cards/urgent.md"?')


def test_misspelt_snippet_inside_a_snippet_names_the_snippet_file(project_copy):
    card = project_copy / "includes" / "cards" / "urgent.md"
    edit(card, '--8<-- "cards/clinic-closed.md"', '--8<-- "cards/clinic-closd.md"')
    line_with(stopped(project_copy), "includes/cards/urgent.md line", 'did you mean "cards/clinic-closed.md"?')


def test_title_with_a_colon_gets_the_quoting_hint(project_copy):
    edit(project_copy / "docs" / "questions.md", "title: Questions people ask", "title: Questions: what people ask")
    line_with(stopped(project_copy), "docs/questions.md", "line 2", "put it in double quotes")


def test_misspelt_front_matter_field_is_named(project_copy):
    edit(project_copy / "docs" / "questions.md", "last_reviewed:", "last_reveiwed:")
    line_with(stopped(project_copy), "docs/questions.md", "'last_reviewed' is missing",
              "is 'last_reveiwed' meant to be 'last_reviewed'?")


def test_page_not_in_the_menu_gets_the_line_to_add_and_that_line_works(project_copy):
    (project_copy / "docs" / "our-clinic.md").write_text(NEW_PAGE, encoding="utf-8")
    message = line_with(stopped(project_copy), "docs/our-clinic.md", "not in the menu", "nav:", "indented like")
    suggested = message.split("(the label may be shorter):", 1)[1].strip()
    assert suggested == '- "Our clinic: who we are": our-clinic.md', message
    # The editor pastes the line as told, indented like its neighbours: the build then asks for the Spanish twin.
    edit(project_copy / "mkdocs.yml", "  - Printable handout: handout.md\n",
         f"  - Printable handout: handout.md\n  {suggested}\n")
    line_with(stopped(project_copy), "docs/our-clinic.md has no Spanish twin", "write docs/es/our-clinic.md")
    # With the twin written (and in the Spanish menu), both builds go through.
    (project_copy / "docs" / "es" / "our-clinic.md").write_text(NEW_PAGE, encoding="utf-8")
    edit(project_copy / "mkdocs.es.yml", "  - Hoja para imprimir: handout.md\n",
         "  - Hoja para imprimir: handout.md\n  - Nuestra clínica: our-clinic.md\n")
    for config, site in (("mkdocs.yml", project_copy / "site"), ("mkdocs.es.yml", project_copy / "site" / "es")):
        result = mkdocs_build(project_copy, site, config=config)
        assert result.returncode == 0, result.stderr
    assert (project_copy / "site" / "our-clinic" / "index.html").is_file()
    assert (project_copy / "site" / "es" / "our-clinic" / "index.html").is_file()


def test_an_english_block_reached_from_a_spanish_page_is_named(project_copy):
    """pymdownx reads blocks inside their folder only: "../cards/urgent.md" from a Spanish page is missing there."""
    page = project_copy / "docs" / "es" / "when-to-get-help.md"
    edit(page, '--8<-- "cards/urgent.md"', '--8<-- "../cards/urgent.md"')
    number = page.read_text(encoding="utf-8").splitlines().index('--8<-- "../cards/urgent.md"') + 1
    line_with(stopped(project_copy, config="mkdocs.es.yml"), f"docs/es/when-to-get-help.md line {number}",
              '"../cards/urgent.md" does not exist in includes/es/', 'did you mean "cards/urgent.md"?')


def test_misspelt_menu_line_names_the_real_file(project_copy):
    edit(project_copy / "mkdocs.yml", "  - Serious problems: serious-problems.md", "  - Serious problems: serious-problem.md")
    output = stopped(project_copy)
    line_with(output, "mkdocs.yml", "'Serious problems: serious-problem.md'", "did you mean 'serious-problems.md'?")
    assert "serious-problems.md: the page is not in the menu" not in output, "two fixes offered for one mistake"


def test_spanish_menu_and_settings_mistakes_name_mkdocs_es_yml(project_copy):
    """The Spanish edition's menu is in mkdocs.es.yml and its reviewer is REVIEWER_NAME_ES: the messages say so."""
    line_with(stopped(project_copy, {"REVIEWER_ROLE_ES": "Dermatóloga"}, "mkdocs.es.yml"),
              "environment variable REVIEWER_ROLE_ES: setting 'extra.reviewer.role (REVIEWER_ROLE_ES)'", "(REVIEWER_NAME_ES)")
    edit(project_copy / "mkdocs.es.yml", "  - Preguntas frecuentes: questions.md", "  - Preguntas frecuentes: question.md")
    line_with(stopped(project_copy, config="mkdocs.es.yml"), "mkdocs.es.yml: the menu line 'Preguntas frecuentes: question.md'")
    edit(project_copy / "mkdocs.es.yml", "question.md", "questions.md")
    (project_copy / "docs" / "es" / "solo.md").write_text(NEW_PAGE, encoding="utf-8")
    output = stopped(project_copy, config="mkdocs.es.yml")
    line_with(output, "docs/es/solo.md: the page is not in the menu", "under 'nav:' in mkdocs.es.yml")
    # Its "English" link would lead nowhere: the build says so too.
    line_with(output, "docs/es/solo.md has no English twin", "write docs/solo.md")


def test_page_that_cites_nothing_is_named(project_copy):
    (project_copy / "docs" / "our-clinic.md").write_text(NEW_PAGE.replace(" [@chu2021]", ""), encoding="utf-8")
    edit(project_copy / "mkdocs.yml", "  - Printable handout: handout.md\n",
         "  - Printable handout: handout.md\n  - Our clinic: our-clinic.md\n")
    line_with(stopped(project_copy), "docs/our-clinic.md", "cites no source", "Sources for this page", "[@key]",
              "supports")


def test_a_heading_of_its_own_is_named(project_copy):
    page = project_copy / "docs" / "questions.md"
    edit(page, "**Short answers", "# Questions\n\n**Short answers")
    number = page.read_text(encoding="utf-8").splitlines().index("# Questions") + 1
    line_with(stopped(project_copy), f"docs/questions.md line {number}", "own '# ' heading", "title")


def test_misspelt_setting_in_mkdocs_yml_gets_the_real_name(project_copy):
    edit(project_copy / "mkdocs.yml", '    phone: ""', '    phnoe: ""')
    line_with(stopped(project_copy), "mkdocs.yml", "'extra.clinic.phnoe' is not a known setting",
              "did you mean 'phone'?")


@pytest.mark.parametrize("typed, meant", [("CLINIC_PHNOE", "CLINIC_PHONE"), ("NO_MAKEUP_HOUR", "NO_MAKEUP_HOURS"),
                                          ("SITE_ULR", "SITE_URL")])
def test_misspelt_setting_variable_gets_the_real_name(project_copy, typed, meant):
    line_with(stopped(project_copy, {typed: "+1 555 0100"}), f"environment variable {typed}", f"did you mean {meant}?")


def test_other_variables_in_the_environment_do_not_stop_the_build(project_copy):
    result = mkdocs_build(project_copy, project_copy / "site", {"CLINICAL_MODE": "on", "NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_make_serve_keeps_serving_the_last_good_site_through_mistakes(project_copy, tmp_path):
    """`make serve` (tools/serve.py): a broken page or a broken mkdocs.yml prints the box
    and one line, every request still gets the last good site, and a fix is served."""
    port, temporary = _free_port(), tmp_path / "temporary"
    temporary.mkdir()
    serve = subprocess.Popen(
        [sys.executable, str(ROOT / "tools" / "serve.py"), "--root", str(project_copy), "--port", str(port)],
        env={**clean_environment(), "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temporary)},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    output: queue.Queue[str] = queue.Queue()
    # A thread reads the log, so a silent server cannot block the test.
    threading.Thread(target=lambda: [output.put(line) for line in serve.stderr], daemon=True).start()
    seen = []

    def wait_for(text: str, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                seen.append(output.get(timeout=1))
            except queue.Empty:
                continue
            if text in seen[-1]:
                return
        pytest.fail(f"`make serve` never printed {text!r}:\n{''.join(seen)}")

    def page(path: str) -> str:
        # A new request, as a new tab or a reload makes: it must not wait for a fix.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=10) as response:
            # Less MkDocs' live-reload call, whose numbers count every rebuild, good or not.
            return re.sub(r"livereload\(\d+, \d+\)", "", response.read().decode())

    page_file, config = project_copy / "docs" / "when-to-get-help.md", project_copy / "mkdocs.yml"
    try:
        wait_for("Serving on")
        good = {path: page(path) for path in ("when-to-get-help/", "es/")}
        edit(page_file, '"cards/urgent.md"', '"cards/urgnet.md"')
        wait_for("Aborted with a BuildError")  # MkDocs' own message, after the box
        assert {path: page(path) for path in good} == good
        edit(config, "site_name: Spots after", "site_name: Spots: after")
        wait_for("mkdocs.yml line 6, column 17: mapping values are not allowed here")
        assert {path: page(path) for path in good} == good
        edit(config, "site_name: Spots: after", "site_name: Spots after")
        edit(page_file, '"cards/urgnet.md"', '"cards/urgent.md"')
        wait_for("Both editions built: serving the new version")
        assert page("when-to-get-help/") == good["when-to-get-help/"]
    finally:
        serve.terminate()  # as `kill` does: its build folders must go too
        serve.wait(timeout=20)
    printed = "".join(seen)
    assert printed.count("STOPPED: the site was NOT rebuilt") >= 2, printed
    assert re.search(r'when-to-get-help\.md line \d+: the snippet "cards/urgnet\.md"', printed)
    assert "Traceback" not in printed
    assert not list(temporary.iterdir()), "`make serve` left its build folders behind"


def test_misspelt_setting_in_page_text_gets_the_real_name(project_copy):
    edit(project_copy / "docs" / "why-breakouts-happen.md", "aftercare.no_sweat_hours", "aftercare.no_sweat_hour")
    line_with(stopped(project_copy), "docs/why-breakouts-happen.md", "'aftercare.no_sweat_hour' is not a setting",
              "did you mean {{ aftercare.no_sweat_hours }}?")


# The bad input `make zensical-check` feeds Zensical must stop MkDocs with the same line.
from zensical_check import BAD_INPUT, break_copy  # noqa: E402


@pytest.mark.parametrize("what, file, old, new, line", BAD_INPUT, ids=[case[0] for case in BAD_INPUT])
def test_the_bad_input_zensical_is_checked_with_stops_mkdocs_with_the_same_line(project_copy, what, file, old,
                                                                                 new, line):
    break_copy(project_copy, file, old, new)
    line_with(stopped(project_copy), line)


# --- The days the day guide reads (patient_site/day_guide.py) ------------------

@pytest.mark.parametrize("old, new, says", [
    ('days: "14-"', 'days: "2 weeks on"',
     'field \'days\' is \'2 weeks on\', not a range of days; write "4-7" (days 4 to 7), "7-" (day 7 on)'),
    ('days: "8-"', 'days: "8-3"', "field 'days' is '8-3', not a range of days"),
], ids=["words", "backwards"])
def test_a_warning_sign_with_wrong_days_names_the_line(project_copy, old, new, says):
    signs = project_copy / "warning-signs.yml"
    edit(signs, old, new)
    number = signs.read_text(encoding="utf-8").splitlines().index(f"    {new}") + 1
    line_with(stopped(project_copy), f"warning-signs.yml line {number}:", says)


def test_a_gap_between_timeline_stages_stops_the_build(project_copy):
    edit(project_copy / "includes" / "day-guide" / "timeline.md", 'data-days="4-7"', 'data-days="5-7"')
    line_with(stopped(project_copy), 'the line "Days 4 to 7:', 'data-days="5-7" should start on day 4')


def test_a_settling_day_that_is_not_a_number_stops_the_build(project_copy):
    edit(project_copy / "includes" / "day-guide" / "settled.md", 'data-after-day="3"', 'data-after-day="three"')
    line_with(stopped(project_copy), 'data-after-day="three" is not a day')


@pytest.mark.parametrize("text", [
    '<script src="../assets/extra.js"></script>',
    '<iframe src="../assets/images/badge.svg"></iframe>',
    '<object data="x.svg"></object>',
    '<embed src="x.svg">',
    '<img src="x.png" onerror="alert(1)">',
    '[Read more](javascript:alert(1))',
    '<a href="data:text/html,hi">more</a>',
    '<meta http-equiv="refresh" content="0;url=https://elsewhere.example/">',
    '<link rel="stylesheet" href="https://elsewhere.example/x.css">',
    '<style>@import url(https://elsewhere.example/x.css)</style>',
    '<a href="java&#115;cript:alert(1)">x</a>',
    '![A picture](https://tracker.example/p.gif)',
    '<img src="//tracker.example/p.gif" alt="">',
    '<form action="https://elsewhere.example/collect"><input name="q"></form>',
    'Some words. {: onclick="alert(1)" }',
    '<button formaction="https://elsewhere.example/x">Go</button>',
    '<div style="background:url(https://elsewhere.example/x.png)">x</div>',
    'Some words. {: style="background-image:url(//elsewhere.example/x.png)" }',
    '<a href="java&#x09;script:alert(1)">tab</a>',
    '<a href="https://elsewhere.example/" ping="https://elsewhere.example/p">site</a>',
], ids=["script", "iframe", "object", "embed", "handler", "javascript-link", "data-link", "meta-refresh", "link",
        "style", "entity-link", "picture-from-elsewhere", "img-from-elsewhere", "form-to-elsewhere", "attribute-list-handler", "formaction",
        "style-url", "attribute-list-style-url", "tab-entity-link", "ping"])
def test_a_page_that_would_run_code_of_its_own_is_named(tmp_path, text):
    page = tmp_path / "page.md"
    page.write_text(f"Text.\n\n{text}\n\n```html\n<script>in a code block is fine</script>\n```\n", encoding="utf-8")
    problems = check_own_code([page], tmp_path)
    assert len(problems) == 1 and problems[0].startswith("page.md line 3:"), problems


def test_code_in_code_spans_and_plain_pictures_pass(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("---\ndescription: 'What \"><script>alert(1)</script> means'\n---\n\n"
                    "Never type `<script>` into a page.\n\n![A drawing](drawing.svg)\n", encoding="utf-8")
    picture = tmp_path / "drawing.svg"
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>\n', encoding="utf-8")
    assert check_own_code([page, picture], tmp_path) == []


def test_a_script_in_a_page_or_a_picture_stops_the_build(project_copy):
    """A script tag in a page, or an SVG that carries one, never reaches a reader."""
    edit(project_copy / "docs" / "about.md", "[@*]", '[@*]\n\n<script src="assets/extra.js"></script>')
    line_with(stopped(project_copy), "docs/about.md line", "'<script' would run or load code")
    edit(project_copy / "docs" / "about.md", '\n\n<script src="assets/extra.js"></script>', "")
    (project_copy / "docs" / "assets" / "images" / "badge.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n', encoding="utf-8")
    line_with(stopped(project_copy), "docs/assets/images/badge.svg line 1", "would run or load code")


@pytest.mark.parametrize("old, new, expected", [
    ('phone: "', 'phone: 02071234567 #"', "'extra.clinic.phone (CLINIC_PHONE)' is 283457911, not text"),
    ('no_makeup_hours: "24"', "no_makeup_hours: 36", "'extra.aftercare.no_makeup_hours (NO_MAKEUP_HOURS)' is 36, not text"),
    ("    phone: ", "    phnoe: ", "'extra.clinic.phnoe' is not a known setting; did you mean 'phone'?"),
], ids=["unquoted phone", "unquoted hours", "misspelt key"])
def test_a_settings_mistake_in_mkdocs_yml_gets_one_line_not_a_stack(project_copy, old, new, expected):
    """The page-text extension loads while MkDocs reads mkdocs.yml: it must not stop the build there."""
    edit(project_copy / "mkdocs.yml", old, new)
    line_with(stopped(project_copy), "mkdocs.yml: setting", expected)


def test_a_page_saved_in_latin_1_gets_one_line_not_a_stack(project_copy):
    page = project_copy / "docs" / "questions.md"
    text = page.read_text(encoding="utf-8") + "\nCafé é.\n"
    page.write_bytes(text.encode("latin-1", errors="replace"))
    line_with(stopped(project_copy), "docs/questions.md line", "is not saved as UTF-8 text (byte 0x", "save it as UTF-8")


def test_a_template_field_in_front_matter_is_refused_in_one_line(project_copy):
    edit(project_copy / "docs" / "questions.md", "\ntitle:", "\ntemplate: page.html\ntitle:")
    line_with(stopped(project_copy), "docs/questions.md: front matter field 'template'", "remove it")


def test_a_folder_a_broken_link_or_a_nul_among_the_pages_is_named(tmp_path):
    from patient_site.page_check import check_utf8
    (tmp_path / "folder.md").mkdir()
    (tmp_path / "broken.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "nul.md").write_bytes(b"One.\nab\x00cd\n")
    problems = check_utf8(sorted(tmp_path.glob("*.md")), tmp_path)
    assert problems == [
        "broken.md is a folder or a link to nothing, not a page file; remove it or give it its page",
        "folder.md is a folder or a link to nothing, not a page file; remove it or give it its page",
        "nul.md line 2: the file holds a NUL character, which no page can show; type the line again"]


def test_warning_signs_not_in_utf8_and_a_missing_page_to_mark_get_one_line(tmp_path, capsys):
    from patient_site import warning_signs
    from translations import main as translations_main
    signs = tmp_path / "warning-signs.yml"
    signs.write_bytes((ROOT / "warning-signs.yml").read_text(encoding="utf-8").replace("a", "á", 1).encode("latin-1"))
    with pytest.raises(warning_signs.WarningSignsError, match=r"^warning-signs.yml line \d+: the file is not saved as UTF-8"):
        warning_signs.parse(signs)
    assert translations_main(["--root", str(ROOT), "--mark", "docs/es/nosuch.md"]) == 2
    assert capsys.readouterr().err.startswith("PAGE: 'docs/es/nosuch.md' is not a file")


def test_an_edition_path_that_is_not_text_gets_one_line(project_copy):
    edit(project_copy / "mkdocs.yml", 'edition_path: ""', "edition_path: 5")
    line_with(stopped(project_copy), "setting 'extra.edition_path' is 5, not text; write it in quotes")
