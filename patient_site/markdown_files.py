"""Reading the editor's Markdown files, for checks that name a file and line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

_FENCE = re.compile(r"^\s*(```|~~~)")
# YAML front matter at the top of a page: its fields are text the theme writes escaped.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE_SPAN = re.compile(r"(`+).+?\1")


def relative_path(path: Path, root: Path) -> str:
    """The path as the editor sees it from the project folder ("docs/about.md")."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def lines_outside_code(text: str, first: int = 1) -> Iterator[tuple[int, str]]:
    """(line number, line) for each line not in a fenced code block, fences left out.

    ``first`` is the number of the first line of ``text``.
    """
    in_code = False
    for number, line in enumerate(text.splitlines(), start=first):
        if _FENCE.match(line):
            in_code = not in_code
        elif not in_code:
            yield number, line


def _blank(match: re.Match) -> str:
    """The match's text as spaces and its line breaks, so line numbers stay right."""
    return re.sub(r"[^\n]", " ", match.group(0))


def shown_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) for each line of page text a reader sees as Markdown.

    Fenced code is left out; the front matter, HTML comments and code spans
    are blanked, so what is only written about (`<script>`, `[@key]`) does
    not count.
    """
    front = FRONT_MATTER.match(text)
    if front:
        text = _blank(front) + text[front.end():]
    text = _COMMENT.sub(_blank, text)
    for number, line in lines_outside_code(text):
        yield number, _CODE_SPAN.sub(_blank, line)
