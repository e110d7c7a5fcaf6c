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
