"""Whole-site citation checks: every key is in the bibliography, every source is cited.

The Markdown extension (citations.py) sees one page at a time; these checks
read every page and snippet as the editor wrote them, so a message can name
the file and line. MkDocs runs them through hooks/citations.py
before any page is built; for other engines, run them before the build:

    python -m patient_site.citation_check sources.bib docs includes

The warning signs (warning-signs.yml) cite sources too: a source only they
cite counts as cited.
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass
from pathlib import Path

from patient_site import bibliography, warning_signs
from patient_site.citations import CITATION
from patient_site.markdown_files import lines_outside_code, relative_path


@dataclass(frozen=True)
class Citation:
    path: str
    line: int
    key: str


def find_citations(folders: list[Path], root: Path) -> list[Citation]:
    """Every [@key] in the Markdown files under folders, outside code blocks."""
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*.md")):
            for number, line in lines_outside_code(path.read_text(encoding="utf-8")):
                for match in CITATION.finditer(line):
                    for key in match.group(1).split(";"):
                        found.append(Citation(relative_path(path, root), number, key.strip().lstrip("@")))
    return found


def sign_citations(signs_file: Path, root: Path) -> list[Citation]:
    """The sources each warning sign cites (warning-signs.yml): the cards show every sign."""
    checked = warning_signs.parse(signs_file, relative_path(signs_file, root))
    return [Citation(checked.name, checked.line("signs", sign_id, "sources", index), key)
            for sign_id, sign in checked.signs.items() if sign.sources != warning_signs.CLINICS
            for index, key in enumerate(sign.sources)]


def check(bibliography_file: Path, folders: list[Path], root: Path, signs_file: Path | None = None) -> list[str]:
    """One line per problem, naming the file and line and saying what to do.

    ``signs_file`` (warning-signs.yml) cites sources too.
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
    problems = []
    for citation in citations:
        if citation.key not in sources:
            close = difflib.get_close_matches(citation.key, sources, n=1)
            hint = f"did you mean [@{close[0]}]?" if close else f"add the source to {name}"
            problems.append(f"{citation.path} line {citation.line}: the citation [@{citation.key}] is not "
                            f"in {name}; {hint}")
    cited = {citation.key for citation in citations}
    for key, source in sources.items():
        if key not in cited:
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
