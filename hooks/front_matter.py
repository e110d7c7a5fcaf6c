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

Front matter is plain data: YAML aliases (which can blow up into gigabytes),
duplicate fields and deep nesting are refused, and so are characters a
reader cannot see. A title is plain text (no markup or Markdown); title and
description reach the templates HTML-escaped, because Material writes them
into <title>, the header and <meta name="description"> as they are.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from typing import Any

import yaml
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from patient_site.text import hidden_character

REQUIRED_FIELDS = ("title", "description", "last_reviewed", "next_review")
DATE_FIELDS = ("last_reviewed", "next_review")
MAX_DESCRIPTION = 160

# The same delimiters MkDocs uses (mkdocs.utils.meta.YAML_RE).
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Characters that would make a title markup, Markdown or a page template.
_TITLE_MARKUP = re.compile(r"[<>{}\[\]*_`\\|~#]")
MAX_DEPTH = 4  # "search: {exclude: true}" is 2 deep


class _Refused(yaml.MarkedYAMLError):
    """Valid YAML that front matter may not use."""


class _TextLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so we can check them ourselves.

    It also refuses aliases, duplicate fields and nesting deeper than
    MAX_DEPTH, each before it can cost memory or recursion.
    """

    depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(problem=f"uses a YAML alias (*{event.anchor}); write the value out in full",
                           problem_mark=event.start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Refused(problem=f"nests values more than {MAX_DEPTH} deep; use plain 'field: value' lines",
                               problem_mark=event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise _Refused(problem=f"gives the field '{key}' twice; keep one",
                               problem_mark=key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


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
    # Before YAML reads it: YAML itself takes U+2028 and U+0085 for line breaks.
    for number, line in enumerate(match.group(1).split("\n"), start=2):
        hidden = hidden_character(line, allowed="\t")
        if hidden:
            return {}, [f"{path}: front matter (line {number}) contains {hidden}, a character you cannot see; "
                        f"type the line again without it"]
    try:
        meta = yaml.load(match.group(1), Loader=_TextLoader)
    except _Refused as error:
        return {}, [f"{path}: front matter{_line(error)} {error.problem}"]
    except yaml.YAMLError as error:
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return {}, [f"{path}: front matter is not valid YAML{_line(error)}: {problem}; "
                    f"if a value holds a colon, a quote or starts with a special character, put it in "
                    f"double quotes, as in title: \"Sun: what to do\""]
    if not isinstance(meta, dict):
        return {}, [f"{path}: front matter must be 'field: value' lines"]

    problems = [f"{path}: front matter field '{field}' contains {hidden}, a character you cannot see; "
                f"type the text again without it"
                for field, hidden in _hidden_characters(meta)]
    title = meta.get("title")
    if isinstance(title, str) and _TITLE_MARKUP.search(title):
        problems.append(f"{path}: front matter field 'title' contains '{_TITLE_MARKUP.search(title).group()}'; "
                        f"a title is plain text: letters, numbers, spaces and . , : ; ? ! ' \" ( ) - & /")
    for field in REQUIRED_FIELDS:
        value = meta.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            misspelt = difflib.get_close_matches(field, [str(key) for key in meta if key not in REQUIRED_FIELDS], n=1)
            hint = f"; is '{misspelt[0]}' meant to be '{field}'?" if misspelt else ""
            problems.append(f"{path}: front matter field '{field}' is missing or empty{hint}")
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


def _line(error: yaml.MarkedYAMLError) -> str:
    """' (line 3)': the line in the page file (front matter starts on line 2)."""
    mark = getattr(error, "problem_mark", None)
    return f" (line {mark.line + 2})" if mark else ""


def _hidden_characters(value: Any, field: str = "") -> list[tuple[str, str]]:
    """(field, character) for each text field holding an invisible character.

    Only a title must be one line; other fields may hold line breaks and tabs.
    """
    if isinstance(value, dict):
        return [found for key, item in value.items()
                for found in _hidden_characters(item, f"{field}.{key}" if field else str(key))]
    if isinstance(value, list):
        return [found for item in value for found in _hidden_characters(item, field)]
    if isinstance(value, str):
        hidden = hidden_character(value, allowed="" if field == "title" else "\n\t")
        return [(field, hidden)] if hidden else []
    return []


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

    Title and description become escaped HTML (markupsafe ``Markup``): written
    as they are, they show as text; ``| e`` leaves them alone, and JSON-LD
    unescapes them (structured_data.py). The sitemap's <lastmod> is the page's last review, not the build date:
    rebuilding the site does not make a page new.
    """
    page.meta.update(_checked.get(page.file.src_uri, {}))
    for field in ("title", "description"):
        if isinstance(page.meta.get(field), str):
            page.meta[field] = escape(page.meta[field])
    if isinstance(page.meta.get("last_reviewed"), dt.date):
        page.update_date = page.meta["last_reviewed"].isoformat()
    return markdown
