"""Check every page's front matter before anything is built (patient_site/front_matter.py)."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from markupsafe import escape
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from patient_site.errors import BuildStop
from patient_site.front_matter import check_page

# Checked front matter of the current build, by source path. Reset on every
# build so `mkdocs serve` rebuilds see edits.
_checked: dict[str, dict[str, Any]] = {}


def on_files(files: Files, config, **kwargs) -> Files:
    """Check all pages at once, so an editor sees every problem in one go."""
    _checked.clear()
    problems: list[str] = []
    seen_descriptions: dict[str, str] = {}
    for file in files.documentation_pages():
        path = os.path.relpath(file.abs_src_path, os.path.dirname(config.config_file_path))
        meta, page_problems = check_page(path, file.content_string)
        problems += page_problems
        description = meta.get("description")
        if isinstance(description, str):
            key = " ".join(description.split()).lower()
            if key in seen_descriptions:
                problems.append(
                    f"{path}: front matter field 'description' is the same as in "
                    f"{seen_descriptions[key]}; each page needs its own"
                )
            seen_descriptions.setdefault(key, path)
        _checked[file.src_uri] = meta
    if problems:
        raise BuildStop("Front matter problems:\n  " + "\n  ".join(problems))
    return files


def on_page_markdown(markdown: str, page: Page, **kwargs) -> str:
    """Give templates the checked values (dates as ``datetime.date``).

    Title and description become escaped HTML (markupsafe ``Markup``): written
    as they are, they show as text; ``| e`` leaves them alone, and the JSON-LD
    partial takes their text with ``striptags``. The sitemap's <lastmod> is the page's last review, not the build date:
    rebuilding the site does not make a page new.
    """
    page.meta.update(_checked.get(page.file.src_uri, {}))
    for field in ("title", "description"):
        if isinstance(page.meta.get(field), str):
            page.meta[field] = escape(page.meta[field])
    if isinstance(page.meta.get("last_reviewed"), dt.date):
        page.update_date = page.meta["last_reviewed"].isoformat()
    return markdown
