"""Who checked each page, and is the page still the text they checked?

A clinician reads the review pack and signs it; `make signed` then writes
one record per page and language (sign-offs/docs/handout.md.yml,
sign-offs/docs/es/handout.md.yml) with who, when, and the text they read:

    page: docs/handout.md
    name: Dr Jane Lee
    role: Consultant dermatologist
    registration: GMC 1234567
    date: 2026-12-07
    commit: 1a2b3c4d5e6f
    fingerprint: 0123456789abcdef
    text: |
      Title: After Infini: your take-home guide
      ...

The text is what a sign-off covers: the page's title, description and words
with every shared block and setting filled in, as the build fills them
(pymdownx.snippets, then patient_site/page_variables.py), then each source
it cites with what the site uses it for ("supports", or "supports_es").
Review dates and the site's address are left out: changing them changes no advice.
The build reads the same text for each page: a page whose text matches its
record says "Checked by ..."; one that differs says it changed since, and
`make reviews` shows the difference line by line; a page with no record says
no clinician has checked it. REQUIRE_SIGN_OFF=yes stops a build in which a
signed page has changed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import yaml
from markdown import Markdown
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from patient_site import bibliography, page_variables
from patient_site.citations import ALL_SOURCES, CITATION
from patient_site.errors import BuildStop
from patient_site.front_matter import check_page
from patient_site.page_check import nav_files
from patient_site.text import hidden_character

FOLDER = "sign-offs"
_FINGERPRINT = re.compile(r"^[0-9a-f]{16}$")
# The extensions that make a page's text what a reader sees, in the order the build runs them.
_TEXT_EXTENSIONS = ("pymdownx.snippets", "patient_site.page_variables")
_LAST_STEP = "page_variables"  # the last preprocessor of those two (priority 31)
SITE_URL = "https://site-address/"  # stands for SITE_URL in the text a sign-off covers


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Reader:
    """A page's text as its reader sees it, for a sign-off: blocks and settings filled in, sources listed.

    ``mdx_configs`` are the build's extension settings (MkDocs' config.mdx_configs,
    with the checked settings in patient_site.page_variables' part); file
    names in them are read from ``root``, as the build reads them from the
    project folder.
    """

    def __init__(self, root: Path, mdx_configs: dict[str, dict[str, Any]], language: str) -> None:
        self.root, self.language = root, language
        snippets = dict(mdx_configs.get("pymdownx.snippets", {}))
        snippets["base_path"] = [str(root / path) for path in _as_list(snippets.get("base_path", ["."]))]
        filling = dict(mdx_configs.get("patient_site.page_variables", {}))
        # The About page's list of sign-offs is left out of what a sign-off covers: it would change with each one.
        filling["sign_offs"] = []
        # So is the site's address: a draft printed at 127.0.0.1 and the site published at the clinic's
        # address hold the same words.
        filling["site_url"] = SITE_URL
        self.bibliography = str(root / filling.get("bibliography", "sources.bib"))
        filling["bibliography"] = self.bibliography
        filling["warning_signs"] = str(root / filling.get("warning_signs", "warning-signs.yml"))
        self.markdown = Markdown(extensions=list(_TEXT_EXTENSIONS),
                                 extension_configs={"pymdownx.snippets": snippets,
                                                    "patient_site.page_variables": filling})
        self._steps = self.markdown.preprocessors[: self.markdown.preprocessors.get_index_for_name(_LAST_STEP) + 1]

    def text(self, page: str) -> str:
        """The text a sign-off of ``page`` ("docs/about.md") covers."""
        source = (self.root / page).read_text(encoding="utf-8")
        meta, _ = check_page(page, source)
        body = source.split("---\n", 2)[2] if source.startswith("---") else source
        page_variables.current_page = page
        self.markdown.reset()
        lines = body.split("\n")
        for step in self._steps:
            lines = step.run(lines)
        words = "\n".join(line.rstrip() for line in lines).strip()
        return (f"Title: {meta.get('title', '')}\nDescription: {meta.get('description', '')}\n\n{words}\n\n"
                + self._sources(words))

    def _sources(self, words: str) -> str:
        sources = bibliography.load(Path(self.bibliography))
        in_edition = [key for key, source in sources.items() if self.language in source.editions]
        keys = in_edition if ALL_SOURCES in words else list(dict.fromkeys(
            key.strip().lstrip("@") for found in CITATION.findall(words) for key in found.split(";")))
        lines = ["Sources cited:"]
        for key in keys:
            if key in sources and self.language in sources[key].editions:
                source = sources[key].in_language(self.language, self.bibliography)
                lines += [f"[@{key}] {source.reference}", f"    Supports: {source.supports}"]
        return "\n".join(lines) + "\n"


def _as_list(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _one_line(limit: int):
    return StringConstraints(strip_whitespace=True, max_length=limit, pattern=r"^[^\n\r\t]*$")


class Record(BaseModel):
    """One sign-off, as `make signed` writes it."""

    model_config = ConfigDict(extra="forbid")
    page: Annotated[str, _one_line(200)]
    name: Annotated[str, _one_line(80), StringConstraints(min_length=1)]
    role: Annotated[str, _one_line(80)] = ""
    registration: Annotated[str, _one_line(80)] = ""
    date: dt.date
    commit: Annotated[str, _one_line(40)] = ""
    fingerprint: Annotated[str, StringConstraints(pattern=_FINGERPRINT.pattern)]
    text: str

    def who(self) -> str:
        """'Dr Jane Lee, Consultant dermatologist (GMC 1234567)'."""
        return (self.name + (f", {self.role}" if self.role else "")
                + (f" ({self.registration})" if self.registration else ""))

    def subject(self) -> str:
        """who(), closed with a comma after a role, to start a sentence: 'Dr Jane Lee, Consultant dermatologist,'."""
        return self.who() + ("," if self.role else "")


def record_file(root: Path, page: str) -> Path:
    return root / FOLDER / f"{page}.yml"


def read_records(root: Path) -> tuple[dict[str, Record], list[str]]:
    """Every sign-off record, by page, and one line per problem naming the record's file."""
    records, problems = {}, []
    for file in sorted((root / FOLDER).rglob("*.yml")) if (root / FOLDER).is_dir() else []:
        name = file.relative_to(root).as_posix()
        page = file.relative_to(root / FOLDER).as_posix().removesuffix(".yml")
        redo = f"record it again with `make signed PAGE={page}` once the clinician has checked it"
        try:
            raw = yaml.safe_load(file.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            # Where the broken value starts (an unclosed bracket is found only on a later line).
            where = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
            line = f" (line {where.line + 1})" if where else ""
            problems.append(f"{name}{line}: not a readable sign-off record; {redo}")
            continue
        if not isinstance(raw, dict):
            problems.append(f"{name}: not a sign-off record ('field: value' lines); {redo}")
            continue
        hidden = next((f"{field}' contains {found}" for field, value in raw.items()
                       if isinstance(value, str) and (found := hidden_character(value, allowed="\n\t"))), "")
        try:
            record = Record.model_validate(raw)
        except ValidationError as error:
            detail = error.errors()[0]
            field = ".".join(str(part) for part in detail["loc"]) or "record"
            problems.append(f"{name}: field '{field}' {detail['msg'].lower()}; {redo}")
            continue
        if hidden:
            problems.append(f"{name}: field '{hidden}, a character you cannot see; {redo}")
        elif record.page != page:
            problems.append(f"{name}: field 'page' is {record.page!r}, but the file is the record of {page}; {redo}")
        elif not (root / page).is_file():
            problems.append(f"{name}: {page} does not exist; delete the record, or restore the page")
        elif fingerprint(record.text) != record.fingerprint:
            problems.append(f"{name}: field 'text' no longer matches its fingerprint, so it was edited after "
                            f"signing; {redo}")
        else:
            records[page] = record
    return records, problems


@dataclass(frozen=True)
class Status:
    """What a page may say about its check, for the templates (page.meta.sign_off)."""

    page: str
    state: str          # "checked" (text unchanged since signed), "changed", or "unchecked"
    version: str        # the fingerprint of the page's text now
    record: Record | None = None

    def meta(self) -> dict[str, str]:
        signed = self.record
        return {"state": self.state, "version": self.version,
                "name": signed.name if signed else "", "role": signed.role if signed else "",
                "registration": signed.registration if signed else "",
                "date": signed.date.isoformat() if signed else ""}


def status(page: str, text: str, record: Record | None) -> Status:
    now = fingerprint(text)
    if record is None:
        return Status(page, "unchecked", now)
    return Status(page, "checked" if record.fingerprint == now else "changed", now, record)


def changes(record: Record, text: str, context: int = 1) -> list[str]:
    """What changed since the sign-off, as a diff of the text (lines starting "-" went, "+" came)."""
    return list(difflib.unified_diff(record.text.splitlines(), text.splitlines(), "as signed", "now",
                                     n=context, lineterm=""))[2:]


class _Text(str):
    """Text written as a YAML block, so a record reads (and diffs in git) as the page does."""


yaml.SafeDumper.add_representer(_Text, lambda dumper, data: dumper.represent_scalar(
    "tag:yaml.org,2002:str", str(data), style="|"))


def write_record(root: Path, page: str, text: str, name: str, role: str, registration: str,
                 date: dt.date, commit: str) -> Record:
    record = Record(page=page, name=name, role=role, registration=registration, date=date, commit=commit,
                    fingerprint=fingerprint(text), text=text)
    fields = record.model_dump()
    fields["date"] = date.isoformat()
    fields["text"] = _Text(text)
    file = record_file(root, page)
    file.parent.mkdir(parents=True, exist_ok=True)
    heading = ("# Written by `make signed`: who checked this page and the text they read.\n"
               "# Do not edit: the build compares the page with this text.\n")
    file.write_text(heading + yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=1000),
                    encoding="utf-8")
    return record


def check_edition(root: Path, pages: list[str], mdx_configs: dict[str, dict[str, Any]], language: str,
                  required: bool) -> dict[str, Status]:
    """Each page's status; stops the build on a broken record, or on a changed page when ``required``."""
    records, problems = read_records(root)
    reader = Reader(root, mdx_configs, language)
    try:
        statuses = {page: status(page, reader.text(page), records.get(page)) for page in pages}
    except bibliography.BibliographyError as error:
        raise BuildStop(str(error)) from None
    if problems:
        raise BuildStop("Sign-offs are wrong:\n  " + "\n  ".join(problems))
    changed = [f"{page} changed after {found.record.name} signed it off on {found.record.date}; "
               f"have it checked again and run `make signed PAGE={page}` (`make reviews` shows what changed), "
               f"or set REQUIRE_SIGN_OFF=no to publish it marked as changed"
               for page, found in statuses.items() if found.state == "changed"]
    if required and changed:
        raise BuildStop("Pages changed since their clinician signed them, and REQUIRE_SIGN_OFF is yes:\n  "
                        + "\n  ".join(changed))
    return statuses


# "1 December 2026", "1 de diciembre de 2026": as partials/dates.html writes dates, for page text.
MONTHS = {"en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December"),
          "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
                 "noviembre", "diciembre")}
DATE_JOINER = {"en": " ", "es": " de "}


def long_date(day: dt.date, language: str) -> str:
    joiner = DATE_JOINER[language]
    return f"{day.day}{joiner}{MONTHS[language][day.month - 1]}{joiner}{day.year}"


def about_list(root: Path, statuses: dict[str, Status], nav: Any, docs: str, language: str) -> list[dict[str, str]]:
    """Each page's title and sign-off, in the order of the menu (``nav``, of pages in ``docs``), for the About page."""
    order = [f"{docs}/{file}" for _, file in nav_files(nav)]
    ranked = sorted(statuses, key=lambda page: (order.index(page) if page in order else len(order), page))
    rows = []
    for page in ranked:
        meta, _ = check_page(page, (root / page).read_text(encoding="utf-8"))
        signed = statuses[page].record
        rows.append({"title": str(meta.get("title", page)), **statuses[page].meta(),
                     "subject": signed.subject() if signed else "",
                     "long_date": long_date(signed.date, language) if signed else ""})
    return rows
