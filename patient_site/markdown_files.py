"""Reading the editor's Markdown files, for checks that name a file and line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

_FENCE = re.compile(r"^\s*(```|~~~)")


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
