"""Whole-site citation checks: every key is in the bibliography, every source is cited.

The Markdown extension (citations.py) sees one page at a time; these checks
read every page and snippet as the editor wrote them, so a message can name
the file and line. MkDocs runs them through hooks/citations.py
before any page is built; for other engines, run them before the build:

    python -m patient_site.citation_check sources.bib docs includes

The warning signs (warning-signs.yml) cite sources too: a source only they
cite counts as cited. A citation counts only where the page shows it as one:
not in a code span, an HTML comment or the front matter. Where it would print
as typed or break the page (a raw HTML block, a heading, link text, a form
the site does not read such as "[see @a]"), the check names the line.
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from patient_site import bibliography, warning_signs
from patient_site.citations import ALL_SOURCES, CITATION
from patient_site.markdown_files import FRONT_MATTER, relative_path, shown_lines


@dataclass(frozen=True)
class Citation:
    path: str
    line: int
    key: str


# Something in square brackets with an at sign that is not a link ("[care@x.org](mailto:...)").
_BRACKETED_AT = re.compile(r"\[[^\[\]\n]*@[^\[\]\n]*\](?![(\[:])")
_HEADING = re.compile(r"^#{1,6}\s")
_IN_LINK_TEXT = re.compile(r"\[[^\]\n]*" + CITATION.pattern + r"[^\[\]\n]*\]\(")
# A line that opens a raw HTML block (Python-Markdown's block-level tags), without md_in_html's markdown attribute.
_RAW_BLOCK = re.compile(r"^<(address|article|aside|blockquote|details|div|dl|fieldset|figure|footer|form|header|"
                        r"main|nav|ol|p|section|table|ul)\b(?![^>]*\bmarkdown\b)[^>]*>", re.I)


def _readable_lines(text: str) -> list[tuple[int, str, bool]]:
    """(number, line, in a raw HTML block) for each line a page shows (markdown_files.shown_lines)."""
    lines, raw_until = [], None
    for number, line in shown_lines(text):
        opening = _RAW_BLOCK.match(line)
        lines.append((number, line, raw_until is not None or bool(opening)))
        if raw_until is None and opening and f"</{opening.group(1).lower()}>" not in line.lower():
            raw_until = f"</{opening.group(1).lower()}>"
        elif raw_until and raw_until in line.lower():
            raw_until = None
    return lines


def find_citations(folders: list[Path], root: Path) -> list[Citation]:
    """Every [@key] the Markdown files under folders show as a citation: not in code, comments or front matter."""
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*.md")):
            for number, line, _ in _readable_lines(path.read_text(encoding="utf-8")):
                for match in CITATION.finditer(line):
                    for key in match.group(1).split(";"):
                        found.append(Citation(relative_path(path, root), number, key.strip().lstrip("@")))
    return found


def misplaced_citations(folders: list[Path], root: Path) -> list[str]:
    """Citations a reader would see as typed, or that break the page, each with its file, line and fix."""
    problems = []
    for folder in folders:
        for path in sorted(folder.rglob("*.md")):
            name = relative_path(path, root)
            text = path.read_text(encoding="utf-8")
            front = FRONT_MATTER.match(text)
            if front and CITATION.search(front.group(0)):
                problems.append(f"{name}: the front matter holds a citation ({CITATION.search(front.group(0)).group(0)}), "
                                f"which search results would show as typed; cite in the page text instead")
            for number, line, raw in _readable_lines(text):
                where = f"{name} line {number}"
                for near in _BRACKETED_AT.finditer(line):
                    if not CITATION.fullmatch(near.group(0)) and near.group(0) != ALL_SOURCES:
                        problems.append(f"{where}: '{near.group(0)}' is not a citation the site reads, so it would "
                                        f"print as typed; write [@key], or [@key1; @key2] for two")
                cited = CITATION.search(line)
                if not cited:
                    continue
                if raw:
                    problems.append(f"{where}: {cited.group(0)} is inside an HTML block, where it would print as "
                                    f"typed; add markdown to its opening tag (<div markdown>) or move it out")
                elif _HEADING.match(line):
                    problems.append(f"{where}: a heading holds {cited.group(0)}, which the contents list and search "
                                    f"would show as a stray number; put the citation in the text below it")
                elif _IN_LINK_TEXT.search(line):
                    problems.append(f"{where}: {cited.group(0)} is inside a link's text, which cannot hold another "
                                    f"link; put the citation after the link")
    return problems


def sign_citations(signs_file: Path, root: Path) -> list[Citation]:
    """The sources each warning sign cites (warning-signs.yml): the cards show every sign."""
    checked = warning_signs.parse(signs_file, relative_path(signs_file, root))
    return [Citation(checked.name, checked.line("signs", sign_id, "sources", index), key)
            for sign_id, sign in checked.signs.items() if sign.sources != warning_signs.CLINICS
            for index, key in enumerate(sign.sources)]


def check(bibliography_file: Path, folders: list[Path], root: Path, signs_file: Path | None = None,
          language: str = "en") -> list[str]:
    """One line per problem, naming the file and line and saying what to do.

    ``signs_file`` (warning-signs.yml) cites sources too. ``language`` is the
    edition's: a source marked for other editions only is not its to cite.
    """
    name = relative_path(bibliography_file, root)
    try:
        sources = bibliography.parse(bibliography_file, name)
    except bibliography.BibliographyError as error:
        return str(error).splitlines()
    except OSError as error:
        return [f"{name}: the bibliography cannot be read ({error.strerror})"]
    citations = find_citations(folders, root)
    if signs_file is not None:
        try:
            citations += sign_citations(signs_file, root)
        except warning_signs.WarningSignsError as error:
            return str(error).splitlines()
        except OSError as error:
            return [f"{relative_path(signs_file, root)}: cannot be read ({error.strerror})"]
    problems = misplaced_citations(folders, root)
    for citation in citations:
        if citation.key in sources and language not in sources[citation.key].editions:
            problems.append(f"{citation.path} line {citation.line}: the source [@{citation.key}] is marked "
                            f"'editions = {{{', '.join(sources[citation.key].editions)}}}' in {name}; add "
                            f"{language} to its editions (and its Spanish fields), or cite another source")
        elif citation.key not in sources:
            close = difflib.get_close_matches(citation.key, sources, n=1)
            hint = f"did you mean [@{close[0]}]?" if close else f"add the source to {name}"
            problems.append(f"{citation.path} line {citation.line}: the citation [@{citation.key}] is not "
                            f"in {name}; {hint}")
    cited = {citation.key for citation in citations}
    elsewhere: dict[str, Citation] = {}
    if set(sources) - cited:
        # Another edition's pages (docs/ for the Spanish build) may cite it: say where, so the fix is the twin.
        everywhere = [folder for folder in (root / "docs", root / "includes") if folder.is_dir()]
        for citation in find_citations(everywhere, root):
            elsewhere.setdefault(citation.key, citation)
    for key, source in sources.items():
        if key in cited or language not in source.editions:
            continue
        if key in elsewhere:
            other = elsewhere[key]
            problems.append(f"{name} line {source.line}: no page of this edition cites the source '{key}', though "
                            f"{other.path} line {other.line} does; cite it in this edition's twin of that page too")
        else:
            problems.append(f"{name} line {source.line}: no page cites the source '{key}'; cite it where "
                            f"the site relies on it, or remove it (every source must support a sentence)")
    return problems


def main(arguments: list[str]) -> int:
    if len(arguments) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    signs = Path(warning_signs.FILE)
    problems = check(Path(arguments[0]), [Path(folder) for folder in arguments[1:]], Path.cwd(),
                     signs if signs.exists() else None)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
