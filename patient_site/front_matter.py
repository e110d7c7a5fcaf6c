"""Every page's front matter: read as plain data and checked (a pydantic model).

Each page must say what it is and when it was checked:

    ---
    title: When to get help
    description: One sentence for search results, at most 160 characters.
    last_reviewed: 2026-11-23
    next_review: 2027-05-23
    ---

MkDocs itself silently drops front matter it cannot parse (a typo in the YAML,
or an impossible date such as 2026-13-45). So this reads the raw text itself,
checks it with the FrontMatter model, and says what is wrong with a message
that names the file and the field; hooks/front_matter.py stops the build
with it, and `make reviews` uses it too. Valid dates become ``datetime.date``.

Front matter is plain data: YAML aliases (which can blow up into gigabytes),
duplicate fields and deep nesting are refused, and so are characters a
reader cannot see. A title is plain text (no markup or Markdown); title and
description reach the templates HTML-escaped, because Material writes them
into <title>, the header and <meta name="description"> as they are.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError, model_validator
from pydantic_core import PydanticCustomError

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
    if "sign_off" in meta:
        # Only the build may say a clinician checked a page: it compares the page with their record.
        problems.append(f"{path}: front matter field 'sign_off' is written by the build from sign-offs/; "
                        f"remove it, and record a clinician's check with `make signed PAGE={path}`")
    # Material writes some fields into every page's menu unescaped (status), or stops with a
    # stack on an odd value (hide, icon, template, search): only the site's own fields pass.
    for field in meta:
        if field not in _FIELDS and field != "sign_off":
            problems.append(f"{path}: front matter field '{field}' is not one the site reads; remove it "
                            f"(a page gives {', '.join(_REQUIRED)}, and may give search and translation)")
    search = meta.get("search", {"exclude": False})
    if not (isinstance(search, dict) and search and set(search) <= {"exclude", "boost"}
            and isinstance(search.get("exclude", False), bool)
            and type(search.get("boost", 1)) in (int, float) and search.get("boost", 1) > 0):
        problems.append(f"{path}: front matter field 'search' must be 'search:' with 'exclude: true' "
                        f"(to leave the page out of search) or 'boost: 2' (to rank it higher) under it, or left out")
    try:
        checked = FrontMatter.model_validate(meta)
    except ValidationError as error:
        return meta, problems + [_problem(path, meta, detail) for detail in error.errors()]
    return checked.model_dump(), problems


def _problem(path: str, meta: dict[str, Any], detail: dict) -> str:
    """One line for one of pydantic's errors, naming the file and the field."""
    if not detail["loc"]:  # a rule across fields
        return f"{path}: front matter {detail['msg']}"
    field = str(detail["loc"][0])
    if detail["type"] in ("missing", "missing_or_empty"):
        others = [str(key) for key in meta if key not in REQUIRED_FIELDS]
        misspelt = difflib.get_close_matches(field, others, n=1)
        hint = f"; is '{misspelt[0]}' meant to be '{field}'?" if misspelt else ""
        return f"{path}: front matter field '{field}' is missing or empty{hint}"
    return f"{path}: front matter field '{field}' {detail['msg']}"


def _fail(kind: str, message: str, **context: Any) -> PydanticCustomError:
    # The message is a template filled from the context, so braces in a value cannot break it.
    return PydanticCustomError(kind, message, context)


def _required_text(value: Any) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _fail("missing_or_empty", "is missing or empty")
    if not isinstance(value, str):
        raise _fail("not_text", "must be text")
    return value


def _plain_title(title: str) -> str:
    if found := _TITLE_MARKUP.search(title):
        raise _fail("markup", "contains '{character}'; a title is plain text: letters, numbers, spaces and "
                    ". , : ; ? ! ' \" ( ) - & /", character=found.group())
    return title


def _short_description(description: str) -> str:
    if len(description.strip()) > MAX_DESCRIPTION:
        raise _fail("too_long", "is {length} characters; search engines cut it off after {limit}",
                    length=len(description.strip()), limit=MAX_DESCRIPTION)
    return description


def _real_date(raw: Any) -> dt.date:
    if raw is None or not str(raw).strip():
        raise _fail("missing_or_empty", "is missing or empty")
    parsed = _parse_date(raw)
    if parsed is None:
        raise _fail("not_a_date", "is '{raw}', not a real date in the form YYYY-MM-DD", raw=str(raw))
    return parsed


_REQUIRED = ("title", "description", "last_reviewed", "next_review")
# translation: a Spanish page's record of the English it follows (patient_site/translations.py).
_FIELDS = {*_REQUIRED, "search", "translation"}


class FrontMatter(BaseModel):
    """What every page must say about itself; other fields (search: ...) pass through."""

    model_config = ConfigDict(extra="allow")
    title: Annotated[str, BeforeValidator(_required_text), AfterValidator(_plain_title)]
    description: Annotated[str, BeforeValidator(_required_text), AfterValidator(_short_description)]
    last_reviewed: Annotated[dt.date, BeforeValidator(_real_date)]
    next_review: Annotated[dt.date, BeforeValidator(_real_date)]

    @model_validator(mode="after")
    def _review_comes_later(self) -> "FrontMatter":
        if self.next_review <= self.last_reviewed:
            raise _fail("order", "field 'next_review' ({due}) must come after 'last_reviewed' ({reviewed})",
                        due=str(self.next_review), reviewed=str(self.last_reviewed))
        return self


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
