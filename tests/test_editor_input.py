"""No editor input builds a wrong page: each value shows exactly as typed, or stops the build.

Every case goes through a real strict build, with the environment variables
set as a clinic would set them (or a page of a copy changed as an editor
would change it). A refused value gets one line naming the variable or the
file and field, never a traceback, and no page is written.
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SETTING_VARIABLES, mkdocs_build


def built(site, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def refused(result, site, *named: str) -> str:
    """Assert the build stopped with one clear message naming each of ``named``; return it."""
    assert result.returncode != 0, "the build should stop"
    assert "Traceback" not in result.stderr, result.stderr
    assert not (site / "index.html").exists(), "a page was written although the input is wrong"
    errors = [line for line in result.stderr.splitlines() if named[0] in line]
    assert len(errors) == 1, result.stderr
    for name in named:
        assert name in errors[0], result.stderr
    return errors[0]


# --- Settings: text exactly as typed ---------------------------------------------

@pytest.fixture(scope="module")
def as_typed_sites(tmp_path_factory):
    """Two clinic builds with phone and emergency numbers YAML used to mangle."""
    sites = {}
    for name, settings in {
        "london": {"CLINIC_PHONE": "02071234567", "CLINIC_AFTER_HOURS_PHONE": "+44 (0)20 7123 4567",
                   "EMERGENCY_NUMBER": "000"},
        "us": {"CLINIC_PHONE": "+15550100", "EMERGENCY_NUMBER": "112", "NO_MAKEUP_HOURS": "36"},
    }.items():
        site = tmp_path_factory.mktemp(name)
        result = mkdocs_build(ROOT, site, settings)
        assert result.returncode == 0, result.stderr
        sites[name] = site
    return sites


@pytest.mark.parametrize("site, shown, link", [
    ("london", "02071234567", "tel:02071234567"),
    ("london", "+44 (0)20 7123 4567", "tel:+442071234567"),
    ("us", "+15550100", "tel:+15550100"),
])
def test_phone_numbers_show_as_typed(as_typed_sites, site, shown, link):
    for url in ("when-to-get-help", "handout"):
        links = {a.get_text(): a["href"] for a in built(as_typed_sites[site], url).select('a[href^="tel:"]')}
        assert links.get(shown) == link, f"/{url}/: {links}"


@pytest.mark.parametrize("site, number", [("london", "000"), ("us", "112")])
def test_emergency_numbers_show_as_typed(as_typed_sites, site, number):
    card = built(as_typed_sites[site], "when-to-get-help").select_one(".care-card--emergency h2")
    assert card.get_text(" ", strip=True).startswith(f"Emergency: call {number} now")
    assert f"Emergency number: {number}" in built(as_typed_sites[site], "handout").get_text(" ")


def test_a_whole_number_shows_as_typed(as_typed_sites):
    assert "the first 36 hours" in built(as_typed_sites["us"], "caring-for-your-skin").get_text(" ")


@pytest.mark.parametrize("variable, value", [
    ("NO_MAKEUP_HOURS", "024"), ("NO_MAKEUP_HOURS", "0x18"), ("NO_SWEAT_HOURS", "1_2"),
    ("PAUSE_ACTIVES_DAYS", "7 days"), ("CLINIC_PHONE", "0207 CALL US"), ("EMERGENCY_NUMBER", "9-1-1"),
])
def test_a_value_that_cannot_be_read_as_typed_stops_the_build(tmp_path, variable, value):
    result = mkdocs_build(ROOT, tmp_path / "site", {variable: value})
    line = refused(result, tmp_path / "site", f"({variable})", repr(value))
    assert re.search(r"as in '[^']+'", line), f"no example of a good value: {line}"


@pytest.mark.parametrize("variable", ["CLINIC_NAME", "CLINIC_ADDRESS", "REVIEWER_NAME", "CLINIC_WEBSITE", "SITE_URL"])
@pytest.mark.parametrize("character, code", [("\u202e", "U+202E"), ("\u2028", "U+2028"), ("\u0085", "U+0085"),
                                             ("\u2066", "U+2066")])
def test_invisible_characters_in_a_setting_stop_the_build(tmp_path, variable, character, code):
    value = f"https://harbor{character}.example/" if variable in ("CLINIC_WEBSITE", "SITE_URL") else f"Harbor {character}Skin"
    result = mkdocs_build(ROOT, tmp_path / "site", {variable: value})
    refused(result, tmp_path / "site", f"({variable})", code)


@pytest.mark.parametrize("value", ["https://harbor.example/?utm=1", "https://harbor.example/care#top"])
def test_a_site_url_with_a_query_or_fragment_stops_the_build(tmp_path, value):
    result = mkdocs_build(ROOT, tmp_path / "site", {"SITE_URL": value})
    refused(result, tmp_path / "site", "(SITE_URL)", repr(value))


def test_a_site_url_too_long_to_print_stops_the_build(tmp_path):
    """A 3,000-character address (review 6.5): refused by the address's length limit, in one line."""
    value = "https://harbor.example/" + "a" * 3000 + "/"
    result = mkdocs_build(ROOT, tmp_path / "site", {"SITE_URL": value})
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    line = next(line for line in result.stderr.splitlines() if "(SITE_URL)" in line)
    assert f"is {len(value)} characters long; the limit is 80, so it prints whole" in line


def test_empty_variables_mean_not_set(tmp_path, site_dir):
    """As the Pages workflow passes unset variables: the same site as a build with none set."""
    result = mkdocs_build(ROOT, tmp_path / "site", {variable: "" for variable in SETTING_VARIABLES})
    assert result.returncode == 0, result.stderr
    for path in ("index.html", "caring-for-your-skin/index.html", "handout/index.html", "about/index.html"):
        assert (tmp_path / "site" / path).read_bytes() == (site_dir / path).read_bytes(), path


# --- Front matter: text, escaped where it is written ------------------------------

def set_field(project, page: str, field: str, value: str) -> None:
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(rf"^{field}:.*$", lambda _: f"{field}: {value}", text, count=1, flags=re.M),
                    encoding="utf-8")


def test_a_description_with_quotes_and_markup_is_written_as_text(project_copy, tmp_path):
    description = 'What "purging" means & why: "><script>alert(1)</script>'
    set_field(project_copy, "about.md", "description", f"'{description}'")
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    page = BeautifulSoup(html, "html.parser")
    assert page.find("meta", attrs={"name": "description"})["content"] == description
    assert page.find("meta", property="og:description")["content"] == description
    [json_ld] = page.find_all("script", type="application/ld+json")
    assert json.loads(json_ld.string)["@graph"][0]["description"] == description


def test_a_title_with_ampersand_and_quotes_is_written_as_text(project_copy, tmp_path):
    title = 'Sun & sweat: "when can I"'
    set_field(project_copy, "about.md", "title", f"'{title}'")
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = built(tmp_path / "site", "about")
    assert page.find("h1").get_text() == title
    assert page.title.get_text().startswith(title)
    assert page.select_one(".md-header__topic:last-child").get_text(strip=True) == title


@pytest.mark.parametrize("field, value, named", [
    ("title", "About <script>alert(1)</script>", "'title' contains '<'"),
    ("title", "About *this*", "'title' contains '*'"),
    ("title", "About {{ clinic.name }}", "'title' contains '{'"),
    ("title", "About \u202ethis", "(line 2) contains U+202E"),
    ("description", "Who wrote it\u2029and why.", "(line 3) contains U+2029"),
    ("description", '"Who wrote it \\u202e and why."', "'description' contains U+202E"),
    ("last_reviewed", "2026-11-23\nlast_reviewed: 2026-11-24", "'last_reviewed' twice"),
    ("title", "About: this page", "not valid YAML (line 2)"),
])
def test_bad_front_matter_stops_the_build_in_one_line(project_copy, tmp_path, field, value, named):
    set_field(project_copy, "about.md", field, value)
    result = mkdocs_build(project_copy, tmp_path / "site")
    refused(result, tmp_path / "site", "docs/about.md", named)


def test_a_yaml_alias_bomb_is_refused(project_copy, tmp_path):
    bomb = "\n".join([f"a0: &a0 [{', '.join(['lol'] * 9)}]"]
                     + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)])
    path = project_copy / "docs" / "about.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", f"---\n{bomb}\n", 1), encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "site")
    refused(result, tmp_path / "site", "docs/about.md", "YAML alias (*a0)")


def test_deep_nesting_is_refused(project_copy, tmp_path):
    path = project_copy / "docs" / "about.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\nx: " + "[" * 5000 + "]" * 5000 + "\n", 1),
                    encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "site")
    refused(result, tmp_path / "site", "docs/about.md", "nests values more than")


# --- Page text: a sandbox, and no scripts of its own -------------------------------

def append_to_page(project, page: str, text: str) -> None:
    path = project / "docs" / page
    path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


@pytest.mark.parametrize("template", [
    "{{ cycler.__init__.__globals__.os.popen('touch RAN').read() }}",
    "{{ clinic.__class__.__mro__[1].__subclasses__() }}",
    "{{ lipsum.__globals__['os'].popen('touch RAN') }}",
    "{{ config.extra }}",
])
def test_page_text_cannot_reach_python(project_copy, tmp_path, template):
    append_to_page(project_copy, "about.md", template)
    result = mkdocs_build(project_copy, tmp_path / "site")
    refused(result, tmp_path / "site", "docs/about.md", "can use only clinic, reviewer, aftercare, publishing, region, site_url, sign_offs")
    assert not (project_copy / "RAN").exists(), "page text ran a shell command"


@pytest.mark.parametrize("script", ["<script>alert(1)</script>", '<script type="module">alert(1)</script>',
                                    "<div markdown><svg><script>alert(1)</script></svg></div>"])
def test_an_inline_script_in_page_text_stops_the_build(project_copy, tmp_path, script):
    append_to_page(project_copy, "about.md", script)
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    # The page check names the line before the policy's own check (inline scripts the theme does not write) is reached.
    assert re.search(r"docs/about\.md line \d+: '<script' would run or load code", result.stderr), result.stderr
