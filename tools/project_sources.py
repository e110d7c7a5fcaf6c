"""What a build of the site needs, and a way to copy it elsewhere.

Used by tests that break a copy on purpose and by `make zensical-check`.
Standard library only: the Zensical check runs it in its own environment.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("mkdocs.yml", "mkdocs.es.yml", "clinic.yml", "sources.bib", "warning-signs.yml", "docs", "overrides", "hooks",
           "includes", "deploy", "tools", "sign-offs")


def copy_sources(destination: Path) -> Path:
    """Copy the sources into destination (made if missing) and return it."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        source = ROOT / name
        if not source.exists():  # sign-offs/ exists once a clinician has signed a page; clinic.yml in a clinic's copy
            continue
        if source.is_dir():
            shutil.copytree(source, destination / name)
        else:
            shutil.copy2(source, destination / name)
    return destination


def load_hook(name: str):
    """Import a hook from hooks/ (not a package), so tools and tests can call its checks.

    As MkDocs does, with that folder on the import path while it loads, so a
    hook could import a helper beside it.
    """
    hooks = ROOT / "hooks"
    spec = importlib.util.spec_from_file_location(name, hooks / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(hooks))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(hooks))
    return module
