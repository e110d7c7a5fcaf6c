"""Is each Spanish page in step with the English page it translates?

Each page in docs/es/ has the name of its English page in docs/ and records
in its front matter the English it was made from:

    translation:
      english_version: 3f9a0c1d2e4b   # fingerprint of the English page and its blocks
      english_commit: c4c1777         # the commit they were in, to show what changed since

The fingerprint covers the English page and every shared block it pulls in
(includes/, followed through nested blocks, and the abbreviations every page
gets), and warning-signs.yml, so an edit to a help card or a sign makes each
Spanish page out of date until someone checks its Spanish. `make translated PAGE=docs/es/about.md` records the English as it
is now, once the Spanish says the same again. tests/test_translations.py
and `make reviews` name the pages out of date and show how the English
changed (with git, when the commit is in the history).
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from patient_site.front_matter import check_page
from patient_site.page_check import snippet_file, snippet_lines

SPANISH = "docs/es"
ENGLISH = "docs"
ENGLISH_BLOCKS = "includes"
APPENDED = ("abbreviations.md",)  # pymdownx.snippets auto_append (mkdocs.yml)
# Files outside includes/ that every page's words come from: the warning signs
# hold the English and the Spanish of every card line, side by side.
SHARED_FILES = ("warning-signs.yml",)
_VERSION = re.compile(r"^[0-9a-f]{12}$")
_SIGN_CALL = re.compile(r"\{\{\s*(?:card_signs|card_heading|card_group|signs|level|level_of|normal_on)\(")
_COMMIT = re.compile(r"^[0-9a-f]{7,40}$")


@dataclass(frozen=True)
class Translation:
    spanish: str          # "docs/es/about.md"
    english: str          # "docs/about.md"
    sources: tuple[str, ...]  # the English page and its blocks, from the project folder
    recorded: str         # english_version in the front matter
    commit: str           # english_commit
    current: str          # the fingerprint now

    @property
    def up_to_date(self) -> bool:
        return self.recorded == self.current


def english_sources(root: Path, english: str) -> tuple[str, ...]:
    """The English page and every block it shows, in the order first met."""
    found: list[str] = []

    def visit(path: str) -> None:
        if path in found or not (root / path).is_file():
            return
        found.append(path)
        # Every form pymdownx.snippets reads (single quotes, blocks of paths, "file.md:3:8"), as the build's check reads them.
        for _, block in snippet_lines((root / path).read_text(encoding="utf-8")):
            visit(f"{ENGLISH_BLOCKS}/{snippet_file(block)}")

    visit(english)
    for block in APPENDED:
        visit(f"{ENGLISH_BLOCKS}/{block}")
    # Only where the page or a block it shows writes a sign or a level from it.
    if any(_SIGN_CALL.search((root / path).read_text(encoding="utf-8")) for path in found):
        found += [name for name in SHARED_FILES if (root / name).is_file()]
    return tuple(found)


def fingerprint(root: Path, sources: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for path in sorted(sources):
        digest.update(path.encode() + b"\0" + (root / path).read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def translations(root: Path) -> tuple[list[Translation], list[str]]:
    """Every Spanish page's record, and problems (a missing twin or record), each naming the file."""
    found, problems = [], []
    spanish_pages = sorted((root / SPANISH).glob("*.md"))
    english_pages = sorted((root / ENGLISH).glob("*.md"))
    for english in english_pages:
        if not (root / SPANISH / english.name).is_file():
            problems.append(f"{ENGLISH}/{english.name} has no Spanish twin: write {SPANISH}/{english.name}")
    for page in spanish_pages:
        spanish = f"{SPANISH}/{page.name}"
        english = f"{ENGLISH}/{page.name}"
        if not (root / english).is_file():
            problems.append(f"{spanish}: there is no {english} for it to translate; a Spanish page has "
                            f"the name of its English page")
            continue
        meta, _ = check_page(spanish, page.read_text(encoding="utf-8"))
        record = meta.get("translation")
        hint = f"once it says what {english} says, run `make translated PAGE={spanish}`"
        if not isinstance(record, dict):
            problems.append(f"{spanish}: front matter field 'translation' is missing; {hint}")
            continue
        version, commit = str(record.get("english_version", "")), str(record.get("english_commit", ""))
        if not _VERSION.match(version) or not _COMMIT.match(commit):
            problems.append(f"{spanish}: front matter field 'translation' needs english_version (12 letters "
                            f"and digits) and english_commit (a commit id); {hint}")
            continue
        sources = english_sources(root, english)
        found.append(Translation(spanish, english, sources, version, commit, fingerprint(root, sources)))
    return found, problems


def changes(root: Path, translation: Translation, lines: int = 40) -> str:
    """How the English changed since the recorded commit, as git shows it (or why it cannot)."""
    git = ["git", "-C", str(root)]
    known = subprocess.run(git + ["cat-file", "-e", f"{translation.commit}^{{commit}}"], capture_output=True)
    if known.returncode != 0:
        return (f"    (commit {translation.commit} is not in this copy's git history, so the change "
                f"cannot be shown; compare {translation.english} by hand)")
    diff = subprocess.run(git + ["diff", "--no-color", "--unified=0", translation.commit, "--", *translation.sources],
                          capture_output=True, text=True).stdout
    shown = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    files = [line.removeprefix("+++ b/") for line in diff.splitlines() if line.startswith("+++ b/")]
    if not shown:
        return "    (git shows no change in the text since that commit: only its fingerprint differs)"
    more = f"\n    ... and {len(shown) - lines} more changed lines" if len(shown) > lines else ""
    return (f"    changed since {translation.commit}: {', '.join(files)}\n"
            + "\n".join(f"    {line}" for line in shown[:lines]) + more)


def report(root: Path, stale: list[Translation], show_changes: bool = True) -> str:
    lines = []
    for translation in stale:
        lines.append(f"{translation.spanish} is out of date: {translation.english} or a block it shows changed "
                     f"after it was translated (as of commit {translation.commit}). "
                     f"Bring the Spanish in line, then run `make translated PAGE={translation.spanish}`.")
        if show_changes:
            lines.append(changes(root, translation))
    return "\n".join(lines)


def mark(root: Path, spanish: str) -> str:
    """Record in a Spanish page's front matter the English as it is now (and the commit it is in)."""
    path = root / spanish
    english = f"{ENGLISH}/{path.name}"
    sources = english_sources(root, english)
    commit = subprocess.run(["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"],
                            capture_output=True, text=True, check=True).stdout.strip()
    record = (f"translation:\n  english_version: {fingerprint(root, sources)}\n"
              f"  english_commit: {commit}\n")
    text = path.read_text(encoding="utf-8")
    body = re.sub(r"^translation:\n(?:  .*\n)*", "", text.split("---\n", 2)[1], flags=re.M)
    path.write_text("---\n" + body + record + "---\n" + text.split("---\n", 2)[2], encoding="utf-8")
    # Each porcelain line is "XY path": the status columns first, so the text is not stripped before slicing.
    uncommitted = [line[3:] for line in subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--", *sources],
                                                       capture_output=True, text=True).stdout.splitlines() if line]
    warning = (f"\n  note: {', '.join(uncommitted)} not committed yet; "
               f"commit them so the record's commit holds this English") if uncommitted else ""
    return f"{spanish}: translates {english} as of {commit}{warning}"
