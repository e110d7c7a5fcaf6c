"""Checks for the mistakes an editor makes when adding or changing a page.

Each problem is one line naming the file (and line), and the fix:

- a shared snippet that does not exist (``--8<-- "cards/urgnet.md"``);
  pymdownx.snippets would stop the build with a Python traceback instead;
- a page that cites no source, so it would have no "Sources for this page";
- a page that is not in the menu (``nav`` in mkdocs.yml), or a menu line
  whose file does not exist, with the line to write;
- a page with a '# Heading' of its own (the heading comes from its title);
- a page, block or picture that would run or load code of its own (a
  script, frame, object or embed, an on...= handler, a javascript: link,
  or an SVG with a script): only the site's own scripts run.

MkDocs runs them through hooks/page_checks.py before any page is
built.
"""

from __future__ import annotations

import difflib
import html
import json
import os
import re
from pathlib import Path
from typing import Any, Iterator

import yaml

from patient_site.citations import ALL_SOURCES, CITATION
from patient_site.markdown_files import FRONT_MATTER, lines_outside_code, relative_path, shown_lines
from patient_site.page_map import EDITIONS
from patient_site.text import not_utf8

# pymdownx.snippets' own forms: one line, --8<-- "path", or a block of paths
# between two --8<-- lines. A leading ";" escapes the line.
_INLINE = re.compile(r"""^[ \t]*-+8<-+[ \t]+(["'])(?P<path>.+?)\1[ \t]*$""")
_BLOCK = re.compile(r"^[ \t]*-+8<-+[ \t]*$")
# "file.md:3:8" (lines) and "file.md:section" name part of a file.
_PART = re.compile(r"(:[0-9]*){1,2}$|:[A-Za-z0-9_\-]+$")


def snippet_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, snippet path) for every snippet a Markdown text includes."""
    in_block = False
    for number, line in lines_outside_code(text):
        if _BLOCK.match(line):
            in_block = not in_block
        elif in_block and line.strip():
            yield number, line.strip()
        elif match := _INLINE.match(line):
            yield number, match.group("path")


def snippet_file(snippet: str) -> str:
    """The file a snippet path names: "cards/urgent.md:3:8" is "cards/urgent.md"."""
    return _PART.sub("", snippet)


def _find(snippet: str, bases: list[Path]) -> Path | None:
    if snippet.startswith(("http://", "https://")):
        return None
    for candidate in (snippet, _PART.sub("", snippet)):
        for base in bases:
            # Inside its folder only, as pymdownx.snippets reads it (restrict_base_path): a Spanish page
            # cannot reach an English block with "../cards/urgent.md".
            found = (base / candidate).resolve()
            if found.is_file() and found.is_relative_to(base.resolve()):
                return base / candidate
    return None


def _known_snippets(bases: list[Path]) -> list[str]:
    return sorted({path.relative_to(base).as_posix() for base in bases for path in base.rglob("*.md")})


def check_snippets(files: list[Path], bases: list[Path], root: Path, auto_append: list[str] = ()) -> list[str]:
    """Every snippet a page or snippet includes exists in a snippet folder."""
    problems = []
    known = _known_snippets(bases)
    folders = " or ".join(f"{relative_path(base, root)}/" for base in bases)

    def missing(where: str, snippet: str) -> str:
        close = difflib.get_close_matches(snippet, known, n=1, cutoff=0.6)
        hint = f"did you mean \"{close[0]}\"?" if close else f"the snippets are: {', '.join(known)}"
        return f"{where}: the snippet \"{snippet}\" does not exist in {folders}; {hint}"

    for name in auto_append:
        if _find(name, bases) is None:
            problems.append(missing("mkdocs.yml (pymdownx.snippets auto_append)", name))
    for path in files:
        for number, snippet in snippet_lines(path.read_text(encoding="utf-8")):
            if _find(snippet, bases) is None:
                problems.append(missing(f"{relative_path(path, root)} line {number}", snippet))
    return problems


def _texts_of_page(path: Path, bases: list[Path]) -> Iterator[str]:
    """The page's own text and that of every snippet it includes, however deep."""
    seen, queue = set(), [path]
    while queue:
        current = queue.pop()
        if current in seen:
            continue
        seen.add(current)
        text = current.read_text(encoding="utf-8")
        yield text
        queue += [found for _, snippet in snippet_lines(text) if (found := _find(snippet, bases))]


def check_citations_present(pages: list[Path], bases: list[Path], root: Path, bibliography: str) -> list[str]:
    """Every page cites at least one source, itself or through its snippets.

    A page that lists all sources ([@*], the About page) counts as citing.
    """
    problems = []
    for page in pages:
        texts = list(_texts_of_page(page, bases))
        if not any(CITATION.search(text) or ALL_SOURCES in text for text in texts):
            problems.append(f"{relative_path(page, root)}: the page cites no source, so it would have no "
                            f"'Sources for this page'; end each medical sentence with [@key], before its full "
                            f"stop, using the key of a source in {bibliography} whose 'supports' line says "
                            f"what the sentence says")
    return problems


def nav_files(nav: Any) -> Iterator[tuple[str, str]]:
    """(menu label, file) for every page in mkdocs.yml's nav, however nested."""
    for item in nav or []:
        if isinstance(item, str):
            yield item, item
        elif isinstance(item, dict):
            for label, value in item.items():
                if isinstance(value, str):
                    yield label, value
                else:
                    yield from nav_files(value)


def _title(path: Path) -> str:
    """The page's front-matter title, for the nav line to suggest."""
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    try:
        meta = yaml.safe_load(match.group(1)) if match else None
    except yaml.YAMLError:
        meta = None
    title = meta.get("title") if isinstance(meta, dict) else None
    return title if isinstance(title, str) and title.strip() else path.stem.replace("-", " ").capitalize()


def check_nav(nav: Any, docs: Path, pages: list[str], root: Path, config_file: str = "mkdocs.yml") -> list[str]:
    """Every page is in the menu, and every menu line names a page that exists.

    ``pages`` are the Markdown files in docs/, relative to it ("questions.md").
    A page that a misspelt menu line was meant for is not reported as missing
    from the menu too: fixing the line is the one fix.
    """
    if not nav:
        return []
    problems, meant = [], set()
    for label, file in nav_files(nav):
        if file.startswith(("http://", "https://")) or file in pages:
            continue
        close = difflib.get_close_matches(file, pages, n=1)
        meant.update(close)
        hint = (f"did you mean '{close[0]}'? Fix this line rather than adding another" if close
                else f"create {relative_path(docs / file, root)}, or remove the line")
        problems.append(f"{config_file}: the menu line '{label}: {file}' names a page that does not exist in "
                        f"{relative_path(docs, root)}/; {hint}")
    listed = {file for _, file in nav_files(nav) if not file.startswith(("http://", "https://"))}
    for file in sorted(set(pages) - listed - meant):
        title = _title(docs / file)
        # Quoted when YAML would misread it ("Sun: what to do"); JSON strings are YAML.
        label = title if re.fullmatch(r"[A-Za-z0-9][\w ,.'()?!&/-]*", title) else json.dumps(title)
        problems.append(f"{relative_path(docs / file, root)}: the page is not in the menu; under 'nav:' in "
                        f"{config_file}, where it should appear, add this line, indented like the lines "
                        f"around it (the label may be shorter): - {label}: {file}")
    return problems


# The language each edition's folder holds: docs/ and docs/es/ (page_map.EDITIONS).
LANGUAGE_NAMES = {"": "English", "es": "Spanish"}


def check_twins(docs: Path, pages: list[str], root: Path) -> list[str]:
    """Each page has its twin in every other edition, since its language menu links there.

    ``pages`` are this edition's pages, relative to ``docs`` (its folder). An
    edition whose folder is absent (a clinic that leaves out the Spanish) asks for no twins.
    """
    home = docs.parent if docs.name in EDITIONS else docs
    own = docs.name if docs.name in EDITIONS else ""
    folders = {edition: home / edition if edition else home for edition in ("", *EDITIONS) if edition != own}
    problems = []
    for page in pages:
        for edition, folder in folders.items():
            if folder.is_dir() and not (folder / page).is_file():
                problems.append(f"{relative_path(docs / page, root)} has no {LANGUAGE_NAMES[edition]} twin, so its "
                                f"language menu would lead to a missing page; write {relative_path(folder / page, root)} "
                                f"and add it to that edition's menu, or remove this page")
    return problems


# Python-Markdown reads an unclosed "[" again at every later one in its paragraph: 8,000 of them
# took 100 seconds and 20,000 never finished. No paragraph the writing rules allow comes near this.
LONGEST_PARAGRAPH = 10_000


def check_paragraph_length(paths: list[Path], root: Path) -> list[str]:
    """No paragraph (lines between blank lines) so long that building it would seem to hang."""
    problems = []
    for path in paths:
        start, length = 1, 0
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines() + [""], start=1):
            if line.strip():
                start, length = (number, 0) if not length else (start, length)
                length += len(line) + 1
                continue
            if length > LONGEST_PARAGRAPH:
                problems.append(f"{relative_path(path, root)} line {start}: a paragraph of {length} characters; "
                                f"the build would take minutes over it: split it into paragraphs of a few "
                                f"sentences (a blank line between them)")
            length = 0
    return problems


def check_own_headings(pages: list[Path], root: Path) -> list[str]:
    """A page has no '# Heading' of its own: the heading comes from its title."""
    problems = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        front = FRONT_MATTER.match(text)
        # YAML comments in the front matter start with "#" too.
        body_start = front.group(0).count("\n") + 1 if front else 1
        for number, line in lines_outside_code(text[front.end():] if front else text, first=body_start):
            if re.match(r"#(?!#)\s", line):
                problems.append(f"{relative_path(page, root)} line {number}: the page has its own '# ' heading; "
                                f"remove it: the page heading comes from 'title' in the front matter")
    return problems


# Tags that run or load another document's code, and inline handlers (onclick=...).
# meta (a refresh sends the reader elsewhere), link and style (load or run what the site did not write).
_CODE_TAG = re.compile(r"<\s*(script|iframe|frame|frameset|object|embed|applet|base|meta|link|style)\b", re.I)
# In a tag, or in an attribute list ({: onclick="..." }) that Markdown turns into one.
_HANDLER = re.compile(r"(?:<[a-z][^>]*|\{[^}]*)\son[a-z]+\s*=", re.I)
# A picture, or a form's answers, from or to another site: the policy would block it, leaving a hole.
# Another site is any address with a scheme ("https:evil.example" too) or starting "//"; browsers read
# a backslash as a slash, so lines are checked with them turned (_as_browsers_read). "qr:site" is the QR code's.
_ELSEWHERE = r"(?!qr:)(?:[a-z][a-z0-9+.\-]*:|//)"
_OTHER_HOST = re.compile(rf"!\[[^\]]*\]\(\s*<?{_ELSEWHERE}|\b(?:src|srcset|action|formaction|poster)\s*=\s*[\"']?\s*"
                         rf"{_ELSEWHERE}|\burl\(\s*[\"']?\s*{_ELSEWHERE}|\bping\s*=", re.I)
# In a picture (SVG), a link or <image> to another site is loaded when the picture is opened.
_SVG_OTHER_HOST = re.compile(rf"\b(?:xlink:)?href\s*=\s*[\"']?\s*{_ELSEWHERE}", re.I)
# A script address anywhere a reader's click or the page's markup could reach: a reference
# link's "[r]: javascript:...", an SVG animation's values, an attribute.
_ANY_SCRIPT_SCHEME = re.compile(r"\b(?:javascript|vbscript)\s*:", re.I)
# An attribute that hides what it marks, or styles it in the page's own words: a warning sign
# inside could vanish. The day guide's result alone starts hidden: its script fills and shows it.
_HIDING = re.compile(r"(?:<[a-z][^>]*|\{[^}]*)\s(?:hidden|style)\b(?=\s*[=>}/\s])", re.I)
_DAY_GUIDE_RESULT = "data-day-result"
_SCRIPT_LINK = re.compile(r"\]\(\s*(?:javascript|vbscript|data):|\b(?:href|src)\s*=\s*[\"']?\s*(?:javascript|vbscript|data):", re.I)

def check_utf8(paths: list[Path], root: Path) -> list[str]:
    """Pages and blocks saved in another encoding (Windows-1252, Latin-1), which MkDocs cannot read."""
    problems = []
    for path in paths:
        if not path.is_file():
            # Named as listed: resolving a link would name where it points.
            listed = Path(os.path.relpath(path, root)).as_posix()
            problems.append(f"{listed} is a folder or a link to nothing, not a page file; remove it or give it its page")
            continue
        data = path.read_bytes()
        if b"\x00" in data:
            line = data[:data.index(b"\x00")].count(b"\n") + 1
            problems.append(f"{relative_path(path, root)} line {line}: the file holds a NUL character, "
                            f"which no page can show; type the line again")
            continue
        if unreadable := not_utf8(data):
            problems.append(f"{relative_path(path, root)} {unreadable}; save it as UTF-8 "
                            f"(in most editors: Save As, Encoding: UTF-8)")
    return problems


# Files MkDocs would publish as they are, never built or checked: a web page (it could hold a
# script), or a page whose ".MD" MkDocs does not take for Markdown.
_PUBLISHED_UNCHECKED = {".html", ".htm", ".xhtml", ".xht", ".shtml", ".mhtml"}


def check_folder(docs: Path, root: Path) -> list[str]:
    """What the build would publish from docs/ without building or checking it.

    A link to a file or folder outside the project publishes what it points
    to (a link to /etc copied part of it, then stopped with a stack).
    """
    problems = []
    for folder, folders, files in os.walk(docs):
        for name in sorted(folders + files):
            path = Path(folder) / name
            listed = Path(os.path.relpath(path, root)).as_posix()
            if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
                problems.append(f"{listed} is a link to {os.readlink(path)}, outside the project: the build would "
                                f"publish what it points to; copy the file in instead, or remove the link")
            elif name in files and path.suffix.lower() in _PUBLISHED_UNCHECKED:
                problems.append(f"{listed} is a web page file: MkDocs would publish it as it is, unchecked; "
                                f"write the page in Markdown (.md) instead, or remove it")
            elif name in files and path.suffix.lower() == ".md" and path.suffix != ".md":
                problems.append(f"{listed} ends in '{path.suffix}': MkDocs publishes it as a plain file and never "
                                f"builds it; rename it to end in '.md'")
        folders[:] = [name for name in folders if not (Path(folder) / name).is_symlink()]
    return problems


def _as_browsers_read(line: str) -> str:
    """Entities decoded, the tabs and line breaks a browser drops from an address taken out,
    and backslashes read as the slashes browsers take them for ("\\\\evil.example" is "//evil.example")."""
    return re.sub(r"[\t\r\n]", "", html.unescape(line)).replace("\\", "/")


def check_own_code(paths: list[Path], root: Path) -> list[str]:
    """Pages, blocks and SVG pictures load no code of their own; the theme's scripts are the site's only ones.

    The page policy (patient_site/security_policy.py) lists the scripts the
    build writes; one a page brought in would run under it, and read what a
    reader keeps on the device (the remembered treatment date).
    """
    problems = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        # A picture is read whole; a page as a reader sees it (not its front matter, code or comments).
        lines = enumerate(text.splitlines(), start=1) if path.suffix == ".svg" else shown_lines(text)
        for number, line in lines:
            # "java&#115;cript:" is javascript: to a browser: read entities as the browser does.
            read = _as_browsers_read(line)
            hiding = _HIDING.search(line)
            found = (_CODE_TAG.search(line) or _HANDLER.search(line) or _SCRIPT_LINK.search(read)
                     or _ANY_SCRIPT_SCHEME.search(read) or _OTHER_HOST.search(read)
                     or (path.suffix == ".svg" and _SVG_OTHER_HOST.search(read)))
            if hiding and _DAY_GUIDE_RESULT not in line and path.suffix != ".svg":
                problems.append(f"{relative_path(path, root)} line {number}: '{hiding.group(0).strip()}' would hide "
                                f"or restyle what it marks, and a warning sign inside could vanish; remove it (a "
                                f"page's look comes from the site's stylesheets)")
                break
            if found:
                problems.append(f"{relative_path(path, root)} line {number}: '{found.group(0).strip()}' would run "
                                f"or load code the site did not write; remove it (the site's own scripts come "
                                f"from the theme and overrides/, and a picture must be a plain image)")
                break
    return problems
