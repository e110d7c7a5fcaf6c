"""Check every page's front matter before anything is built.

Each page must say what it is and when it was checked:

    ---
    title: When to get help
    description: One sentence for search results, at most 160 characters.
    last_reviewed: 2026-11-23
    next_review: 2027-05-23
    ---

MkDocs itself silently drops front matter it cannot parse (a typo in the YAML,
or an impossible date such as 2026-13-45). So this hook reads the raw text
itself and stops the build with a message that names the file and the field.
Valid dates are handed to the templates as ``datetime.date`` objects.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

REQUIRED_FIELDS = ("title", "description", "last_reviewed", "next_review")
DATE_FIELDS = ("last_reviewed", "next_review")
MAX_DESCRIPTION = 160

# The same delimiters MkDocs uses (mkdocs.utils.meta.YAML_RE).
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _TextLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so we can check them ourselves."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def check_page(path: str, source: str) -> tuple[dict[str, Any], list[str]]:
    """Return the page's checked front matter and a list of problems.

    ``path`` is only used in messages. Each problem names the file and field.
    """
    match = _FRONT_MATTER.match(source)
    if not match:
        return {}, [f"{path}: no front matter; the page must start with '---' and "
                    f"give {', '.join(REQUIRED_FIELDS)}"]
    try:
        meta = yaml.load(match.group(1), Loader=_TextLoader)
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" (line {where.line + 2})" if where else ""
        return {}, [f"{path}: front matter is not valid YAML{line}: {error}"]
    if not isinstance(meta, dict):
        return {}, [f"{path}: front matter must be 'field: value' lines"]

    problems = []
    for field in REQUIRED_FIELDS:
        value = meta.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(f"{path}: front matter field '{field}' is missing or empty")
    for field in ("title", "description"):
        if meta.get(field) is not None and not isinstance(meta[field], str):
            problems.append(f"{path}: front matter field '{field}' must be text")

    description = meta.get("description")
    if isinstance(description, str) and len(description.strip()) > MAX_DESCRIPTION:
        problems.append(
            f"{path}: front matter field 'description' is {len(description.strip())} "
            f"characters; search engines cut it off after {MAX_DESCRIPTION}"
        )

    for field in DATE_FIELDS:
        raw = meta.get(field)
        if raw is None or not str(raw).strip():
            continue  # already reported as missing
        parsed = _parse_date(raw)
        if parsed is None:
            problems.append(
                f"{path}: front matter field '{field}' is '{raw}', "
                f"not a real date in the form YYYY-MM-DD"
            )
        else:
            meta[field] = parsed

    reviewed, due = meta.get("last_reviewed"), meta.get("next_review")
    if isinstance(reviewed, dt.date) and isinstance(due, dt.date) and due <= reviewed:
        problems.append(
            f"{path}: front matter field 'next_review' ({due}) must come after "
            f"'last_reviewed' ({reviewed})"
        )
    return meta, problems


def _parse_date(raw: Any) -> dt.date | None:
    text = str(raw).strip()
    if not _ISO_DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


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
        raise PluginError("Front matter problems:\n  " + "\n  ".join(problems))
    return files


def on_page_markdown(markdown: str, page: Page, **kwargs) -> str:
    """Give templates the checked values (dates as ``datetime.date``).

    The sitemap's <lastmod> is the page's last review, not the build date:
    rebuilding the site does not make a page new.
    """
    page.meta.update(_checked.get(page.file.src_uri, {}))
    if isinstance(page.meta.get("last_reviewed"), dt.date):
        page.update_date = page.meta["last_reviewed"].isoformat()
    return markdown
