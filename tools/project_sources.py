"""What a build of the site needs, and a way to copy it elsewhere.

Used by tests that break a copy on purpose and by `make zensical-check`.
Standard library only: the Zensical check runs it in its own environment.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("mkdocs.yml", "sources.bib", "docs", "overrides", "hooks", "includes")


def copy_sources(destination: Path) -> Path:
    """Copy the sources into destination (an existing folder) and return it."""
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        else:
            shutil.copy2(source, destination / name)
    return destination
