"""Citations: every medical page cites at the sentence, from one bibliography, and a broken citation stops the build.

Each broken case is a real strict build of a copy of the project, and the
message must name the file and line, without a traceback.
"""

from __future__ import annotations

import re

import markdown
import pytest

from conftest import mkdocs_build
from patient_site import bibliography, citation_check


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path, text: str) -> int:
    return path.read_text(encoding="utf-8").split(text)[0].count("\n") + 1


def stopped(result, *expected: str) -> None:
    assert result.returncode != 0, "the build should stop"
    assert "Traceback" not in result.stderr, result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr


def test_an_unknown_key_names_the_page_and_line(project_copy, tmp_path):
    page = project_copy / "docs" / "what-to-expect.md"
    edit(page, "[@wu2022]", "[@wu2020]")
    line = line_of(page, "[@wu2020]")
    result = mkdocs_build(project_copy, tmp_path / "site")
    stopped(result, f"docs/what-to-expect.md line {line}: the citation [@wu2020] is not in sources.bib",
            "did you mean [@wu2022]?")


def test_an_unknown_key_in_a_shared_snippet_names_the_snippet(project_copy, tmp_path):
    snippet = project_copy / "includes" / "advice" / "first-days.md"
    edit(snippet, "[@friedmann2024]", "[@friedman2024]")
    result = mkdocs_build(project_copy, tmp_path / "site")
    stopped(result, f"includes/advice/first-days.md line {line_of(snippet, '[@friedman2024]')}: the citation [@friedman2024]")


def test_a_source_nothing_cites_is_named(project_copy, tmp_path):
    bib = project_copy / "sources.bib"
    with bib.open("a", encoding="utf-8") as out:
        out.write("\n@misc{unused2020,\n  title = {Never cited},\n  url = {https://example.org/},\n"
                  "  supports = {Nothing.}\n}\n")
    result = mkdocs_build(project_copy, tmp_path / "site")
    stopped(result, f"sources.bib line {line_of(bib, '@misc{unused2020')}: no page cites the source 'unused2020'")


@pytest.mark.parametrize("field", ["doi", "pmid", "pmcid"])
def test_a_source_without_an_identifier_is_named(project_copy, tmp_path, field):
    bib = project_copy / "sources.bib"
    text = bib.read_text(encoding="utf-8")
    entry = re.search(r"@article\{wu2022,.*?\n\}", text, re.S).group(0)
    bib.write_text(text.replace(entry, re.sub(r"\n  (doi|pmid|pmcid) += \{[^}]*\},", "", entry)), encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "site")
    stopped(result, f"sources.bib line {line_of(bib, '@article{wu2022')}: source 'wu2022' has no identifier")


def test_a_source_without_its_supports_note_is_named(project_copy, tmp_path):
    bib = project_copy / "sources.bib"
    text = bib.read_text(encoding="utf-8")
    bib.write_text(re.sub(r"(@article\{tan2021,.*?)\n  supports = \{[^}]*\}", r"\1", text, count=1, flags=re.S),
                   encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "site")
    stopped(result, f"sources.bib line {line_of(bib, '@article{tan2021')}: source 'tan2021' has no 'supports' field")


def test_a_broken_entry_names_its_line(project_copy, tmp_path):
    bib = project_copy / "sources.bib"
    edit(bib, "  journal  = {Dermatologic Surgery},\n  year     = {2021},\n  volume   = {47},\n  number   = {6},",
         "  journal  = {Dermatologic Surgery,\n  year     = {2021},\n  volume   = {47},\n  number   = {6},")
    result = mkdocs_build(project_copy, tmp_path / "site")
    stopped(result, "sources.bib line")


def test_a_key_used_twice_is_named(project_copy, tmp_path):
    bib = project_copy / "sources.bib"
    text = bib.read_text(encoding="utf-8")
    entry = re.search(r"@article\{wu2022,.*?\n\}", text, re.S).group(0)
    bib.write_text(text + "\n" + entry + "\n", encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "site")
    stopped(result, "the key 'wu2022' is used twice")


def test_the_bibliography_is_sound_and_fully_cited(tmp_path):
    from conftest import ROOT
    assert citation_check.check(ROOT / "sources.bib", [ROOT / "docs", ROOT / "includes"], ROOT,
                                ROOT / "warning-signs.yml") == []
    sources = bibliography.parse(ROOT / "sources.bib")
    for source in sources.values():
        assert source.links and source.supports, source.key


def test_citations_inside_code_blocks_are_not_counted(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("Text [@a].\n\n```\nnot a citation [@b]\n```\n", encoding="utf-8")
    assert [c.key for c in citation_check.find_citations([tmp_path], tmp_path)] == ["a"]


SPANISH_READER_ENTRY = """@misc{two,
  author   = {Miller, Lee B. and Losken, Albert},
  title    = {A page in {English}},
  year     = {2025},
  note     = {15 October 2025},
  note_es  = {15 de octubre de 2025},
  shorthand = {A study of 18 people, 2025},
  shorthand_es = {Un estudio de 18 personas, 2025},
  url      = {https://example.org/},
  supports = {Something.},
  supports_es = {Algo.}
}

@misc{gob,
  langid   = {spanish},
  author   = {{Gobierno de México}},
  title    = {Una página en español},
  url      = {https://www.gob.mx/},
  supports = {Something else.},
  supports_es = {Otra cosa.}
}
"""


def test_spanish_pages_write_a_reference_in_spanish_and_mark_a_title_in_another_language(tmp_path):
    """'y' between authors, the Spanish note and name; a title read out in its own language."""
    bib = tmp_path / "sources.bib"
    bib.write_text(SPANISH_READER_ENTRY, encoding="utf-8")
    sources = bibliography.parse(bib)
    english, spanish = sources["two"], sources["two"].in_language("es", "sources.bib")
    assert "L. B. Miller and A. Losken" in english.reference and "October" in english.reference
    assert "L. B. Miller y A. Losken" in spanish.reference and "15 de octubre de 2025" in spanish.reference
    assert spanish.short_name == "Un estudio de 18 personas, 2025"
    assert (english.language, sources["gob"].language) == ("en", "es")
    for language, marked, unmarked in (("es", "two", "gob"), ("en", "gob", "two")):
        html = markdown.markdown("[@two] [@gob]", extensions=["patient_site.citations"], extension_configs={
            "patient_site.citations": {"bibliography": str(bib), "language": language}})
        assert re.search(rf'<li id="[^"]*{marked}"[^>]*>.*?<span class="references__full" lang=', html, re.S), html
        assert not re.search(rf'<li id="[^"]*{unmarked}"[^>]*>(?:(?!</li>).)*lang=', html, re.S), html


ENTRY = """@misc{dermnet,
  author   = {{DermNet}},
  title    = {Skin needling},
  url      = {https://dermnetnz.org/topics/skin-needling},
  supports = {That the channels close within minutes.},
  supports_es = {Que los canales se cierran en minutos.}
}
"""


@pytest.mark.parametrize("field, value, expected", [
    ("url", "javascript:alert(document.domain)", "does not start with https://"),
    ("url", "javascript://dermnetnz.org/%0Aalert(document.domain)", "does not start with https://"),
    ("url", "data:text/html,<script>alert(1)</script>", "does not start with https://"),
    ("url", "www.dermnetnz.org/topics/skin-needling", "has no https:// in front"),
    ("url", "http://[::1", "cannot be read as a web address"),
    ("url", "https:///topics", "names no site"),
    ("url", 'https://dermnetnz.org/topics/skin-needling" onmouseover="alert(1)', "holds a space, a quote"),
    ("url", "https://elsewhere.example@dermnetnz.org/x", "shows one site and opens another"),
    ("url", "https://dermnetnz.org:99999/x", "a port number no site can have"),
    ("doi", '10.1097/DSS"><img src=x onerror=alert(3)>', "doi"),
    ("pmid", '33577211" onclick="alert(5)', "pmid"),
    ("supports", "Results improve for \u202e6 months\u202c.", "U+202E"),
    ("title", "Skin\u200bneedling", "U+200B"),
], ids=["javascript", "javascript-with-host", "data", "no-scheme", "broken-ipv6", "no-host", "quote", "userinfo",
        "port", "doi", "pmid",
        "bidi-override", "zero-width-space"])
def test_a_source_field_that_is_not_what_it_claims_stops_with_one_line(tmp_path, field, value, expected):
    """A link that would run a script or go nowhere, or a character nobody can see, is refused by name."""
    entry = re.sub(rf"  {field} *= \{{[^\n]*\}},?\n", "", ENTRY) if field in ENTRY else ENTRY
    bib = tmp_path / "sources.bib"
    bib.write_text(entry.replace("@misc{dermnet,\n", f"@misc{{dermnet,\n  {field} = {{{value}}},\n"), encoding="utf-8")
    with pytest.raises(bibliography.BibliographyError) as stopped_with:
        bibliography.parse(bib, "sources.bib")
    message = str(stopped_with.value)
    assert message.startswith("sources.bib line 1: source 'dermnet'") and expected in message, message
    assert len(message.splitlines()) == 1, message


def test_a_bibliography_saved_in_windows_1252_names_the_line_and_the_fix(tmp_path):
    bib = tmp_path / "sources.bib"
    bib.write_bytes(ENTRY.replace("Skin needling", "Dermatología").encode("cp1252"))
    with pytest.raises(bibliography.BibliographyError, match=r"^sources.bib line 3: the file is not saved as UTF-8"):
        bibliography.parse(bib, "sources.bib")


def test_a_bibliography_in_windows_1252_stops_the_build_without_a_traceback(project_copy, tmp_path):
    bib = project_copy / "sources.bib"
    bib.write_bytes(bib.read_text(encoding="utf-8").encode("cp1252", errors="replace"))
    stopped(mkdocs_build(project_copy, tmp_path / "site"), "sources.bib line", "not saved as UTF-8")


@pytest.mark.parametrize("text, expected", [
    ("Channels close [@a, @b].\n", "'[@a, @b]' is not a citation the site reads"),
    ("Channels close [see @a].\n", "'[see @a]' is not a citation"),
    ("Channels close [@ a].\n", "'[@ a]' is not a citation"),
    ("Channels close [@].\n", "'[@]' is not a citation"),
    ("Channels close [-@a].\n", "'[-@a]' is not a citation"),
    ("Channels close [@a; b].\n", "'[@a; b]' is not a citation"),
    ("## Barrier [@a]: your skin's shield\n", "a heading holds [@a]"),
    ("Read [the page [@a]](why.md).\n", "[@a] is inside a link's text"),
    ('<div class="note">Channels close [@a].</div>\n', "[@a] is inside an HTML block"),
    ('<div class="note">\nChannels close [@a].\n</div>\n', "page.md line 2: [@a] is inside an HTML block"),
    ("---\ntitle: T\ndescription: Close [@a].\n---\n\nText.\n", "page.md: the front matter holds a citation"),
], ids=["comma", "see", "space", "empty", "minus", "semicolon-without-at", "heading", "link-text",
        "html-block", "html-block-lines", "front-matter"])
def test_a_citation_a_reader_would_see_as_typed_is_named(tmp_path, text, expected):
    (tmp_path / "page.md").write_text(text, encoding="utf-8")
    problems = citation_check.misplaced_citations([tmp_path], tmp_path)
    assert len(problems) == 1 and expected in problems[0], problems


@pytest.mark.parametrize("text", [
    "Channels close [@a] and heal [@a; @b].\n",
    '<div class="note" markdown>\nChannels close [@a].\n</div>\n',
    "Write to [care@harbor.example](mailto:care@harbor.example).\n",
    "[@*]\n",
    "- One <span class=\"more\">with a source [@a].</span>\n",
], ids=["citations", "markdown-div", "email-link", "all-sources", "inline-html"])
def test_citations_where_the_page_shows_them_pass(tmp_path, text):
    (tmp_path / "page.md").write_text(text, encoding="utf-8")
    assert citation_check.misplaced_citations([tmp_path], tmp_path) == []


def test_citations_in_code_spans_comments_and_front_matter_do_not_count(tmp_path):
    """Only a citation the page shows counts as citing its source."""
    (tmp_path / "page.md").write_text("---\ntitle: T\n---\n\nText `[@code]` and <!-- [@comment]\n -->"
                                      " and [@shown].\n", encoding="utf-8")
    assert [c.key for c in citation_check.find_citations([tmp_path], tmp_path)] == ["shown"]


def two_editions(tmp_path, page: str, english: str, spanish: str, sources: str):
    """docs/<page> and docs/es/<page> with the texts given, and sources.bib; returns the bibliography."""
    (tmp_path / "docs" / "es").mkdir(parents=True)
    (tmp_path / "docs" / page).write_text(english, encoding="utf-8")
    (tmp_path / "docs" / "es" / page).write_text(spanish, encoding="utf-8")
    bib = tmp_path / "sources.bib"
    bib.write_text(sources, encoding="utf-8")
    return bib


def test_a_source_only_the_other_edition_cites_names_where(tmp_path):
    """The Spanish build's check reads docs/es/; a source the English cites there is named with its English line."""
    bib = two_editions(tmp_path, "questions.md", "Text.\n\nChannels close [@two].\n", "Texto [@gob].\n",
                       SPANISH_READER_ENTRY)
    problems = citation_check.check(bib, [tmp_path / "docs" / "es"], tmp_path)
    assert problems == ["sources.bib line 1: no page of this edition cites the source 'two', though "
                        "docs/questions.md line 3 does; cite it in this edition's twin of that page too"], problems


ENGLISH_ONLY_ENTRY = """@misc{regulator,
  editions = {en},
  author   = {{Health Products Regulatory Authority}},
  title    = {Reporting safety issues},
  url      = {https://www.hpra.ie/},
  supports = {Where to report a device problem in Ireland.}
}
"""


def test_an_english_only_source_needs_no_spanish_and_the_spanish_edition_leaves_it_out(tmp_path):
    """An English-only editor adds a source with 'editions = {en}': no supports_es, no Spanish twin to cite it."""
    bib = two_editions(tmp_path, "serious.md", "Report it [@regulator].\n", "Texto.\n", ENGLISH_ONLY_ENTRY)
    assert citation_check.check(bib, [tmp_path / "docs"], tmp_path, language="en") == []
    assert citation_check.check(bib, [tmp_path / "docs" / "es"], tmp_path, language="es") == []
    spanish = markdown.Markdown(extensions=["patient_site.citations"], extension_configs={
        "patient_site.citations": {"bibliography": str(bib), "language": "es"}})
    assert "regulator" not in spanish.treeprocessors["source_list"].extension.sources()


def test_a_spanish_page_citing_an_english_only_source_is_named(tmp_path):
    bib = two_editions(tmp_path, "serious.md", "Report it [@regulator].\n", "Texto.\n\nRepórtelo [@regulator].\n",
                       ENGLISH_ONLY_ENTRY)
    assert citation_check.check(bib, [tmp_path / "docs" / "es"], tmp_path, language="es") == [
        "docs/es/serious.md line 3: the source [@regulator] is marked 'editions = {en}' in sources.bib; add es "
        "to its editions (and its Spanish fields), or cite another source"]


def test_an_unknown_edition_is_named(tmp_path):
    bib = tmp_path / "sources.bib"
    bib.write_text(ENGLISH_ONLY_ENTRY.replace("{en}", "{english}"), encoding="utf-8")
    with pytest.raises(bibliography.BibliographyError, match=r"sources.bib line 1: source 'regulator' has editions "
                                                               r"'english'; list the editions whose pages cite it"):
        bibliography.parse(bib, "sources.bib")


def test_a_reference_managers_keywords_never_become_a_heading(tmp_path):
    """Zotero exports its tags as 'keywords': only 'group' names the About page's heading."""
    bib = tmp_path / "sources.bib"
    bib.write_text(ENGLISH_ONLY_ENTRY.replace("editions = {en},", "keywords = {acne; microneedling; TODO},")
                   + ENGLISH_ONLY_ENTRY.replace("{regulator,", "{grouped,").replace(
                       "editions = {en},", "keywords = {acne},\n  group = {Serious problems, and reporting them},"),
                   encoding="utf-8")
    page = markdown.Markdown(extensions=["patient_site.citations"],
                             extension_configs={"patient_site.citations": {"bibliography": str(bib)}}).convert("[@*]")
    assert re.findall(r"<h3[^>]*>(.*?)</h3>", page) == ["Serious problems, and reporting them"]
    assert "acne" not in page and 'id="source-regulator"' in page
