"""Every warning sign, defined once: warning-signs.yml, read and checked (pydantic models).

The file gives each sign its level (emergency, urgent, non-urgent, or
normal for some days), the days it applies to (treatment day is day 0),
its sources (keys in sources.bib, or "clinics" for clinic advice) and its
words in English and Spanish. The help cards, the handout, the timeline,
the day guide and any page that shows a sign write it from here, through
the page-text functions in page_variables.py (card_signs, signs, level,
...), so a sign has one level, the same days and the same words everywhere.

Whatever would let two places disagree stops the build, naming the line:

- a sign id given twice, a level, day range or source that does not exist,
  or a sign with no Spanish (or English) words;
- two signs about the same thing ("about": one thing, or a list) at
  different levels on days that overlap, where the more urgent one does not
  say what tells them apart
  ("differs", a phrase its words in each language must contain, such as
  "one eye" or "once the numbing has worn off"), or where the less urgent
  one says it too;
- a "normal" sign with no last day: normal is for some days only;
- a source that does not list the sign in its "signs" field in
  sources.bib, so a level never rests on a source about something else.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from patient_site import bibliography
from patient_site.days import FIX as DAYS_FIX, day_range
from patient_site.text import hidden_character, not_utf8

FILE = "warning-signs.yml"
# Most urgent first: the order of the cards.
LEVELS = ("emergency", "urgent", "non-urgent", "normal")
# Each level's card: its heading's id, which pages link to.
ANCHORS = {"emergency": "emergency", "urgent": "urgent", "non-urgent": "non-urgent", "normal": "normal-days"}
LANGUAGES = ("en", "es")
CLINICS = "clinics"  # in place of sources: clinic advice, which the card says in words
HELP_PAGE = "when-to-get-help.md"
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class WarningSignsError(Exception):
    """A mistake in warning-signs.yml: each line names the file, the line and the fix."""


def _fail(kind: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, context)


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail("missing_or_empty", "is missing or empty")
    if hidden := hidden_character(value):
        raise _fail("hidden", "contains {hidden}, a character you cannot see; type it again",
                    hidden=hidden)
    # Sign words go into every page that shows the sign, as they are: plain words only,
    # so no markup or link (a picture from another site, a script address) rides along.
    if markup := re.search(r"[<>]|\]\(|\b(?:javascript|vbscript|data)\s*:", value, re.I):
        raise _fail("markup", "holds '{markup}': sign words are plain text, with no markup or links; "
                    "remove it", markup=markup.group(0))
    return " ".join(value.split())


Text = Annotated[str, BeforeValidator(_text)]


def _days(value: Any) -> str:
    value = str(value).strip() if value is not None else ""
    if day_range(value) is None:
        raise _fail("days", "is '{value}', not a range of days; {fix}", value=value, fix=DAYS_FIX)
    return value


class Words(BaseModel):
    """The same words in each language the site is written in."""

    model_config = ConfigDict(extra="forbid")
    en: Text
    es: Text


class LevelWords(BaseModel):
    model_config = ConfigDict(extra="forbid")
    heading: Text                 # the card's heading: "Urgent: contact your clinic or a doctor today if you have:"
    name: Text                    # what a page shows before a sign: "Urgent: get help today"
    number: Text | None = None    # the emergency level only: "{number}" when the clinic sets none


class Level(BaseModel):
    model_config = ConfigDict(extra="forbid")
    en: LevelWords
    es: LevelWords


class Sign(BaseModel):
    model_config = ConfigDict(extra="forbid")
    level: Literal[LEVELS]
    about: Text | list[Text]      # what it is a sign of (one or more); signs about the same thing are twins
    days: Annotated[str, BeforeValidator(_days)]
    sources: list[str] | Literal["clinics"]
    group: str | None = None      # the heading it sits under in its card, from "groups"
    differs: Words | None = None  # what tells it from a less urgent twin on the same days
    en: Text
    es: Text

    @field_validator("sources")
    @classmethod
    def _some_sources(cls, value):
        if isinstance(value, list) and not value:
            raise _fail("no_sources", "is empty; give the keys of its sources in {bib}, or write "
                        "'sources: clinics' for clinic advice", bib="sources.bib")
        return value

    def words(self, language: str) -> str:
        return getattr(self, language)

    @property
    def abouts(self) -> set[str]:
        return {self.about.lower()} if isinstance(self.about, str) else {about.lower() for about in self.about}

    @property
    def first_day(self) -> int:
        return day_range(self.days)[0]

    @property
    def last_day(self) -> float:
        return day_range(self.days)[1]


def _ids(value: Any) -> Any:
    if isinstance(value, dict):
        for key in value:
            if not isinstance(key, str) or not _ID.match(key):
                raise _fail("id", "has the id '{key}'; an id is lowercase words joined by hyphens, as in "
                            "'eye-pain'", key=key)
    return value


class WarningSigns(BaseModel):
    model_config = ConfigDict(extra="forbid")
    levels: dict[Literal[LEVELS], Level]
    groups: dict[str, Words] = {}
    signs: Annotated[dict[str, Sign], BeforeValidator(_ids)]

    @field_validator("levels")
    @classmethod
    def _every_level(cls, value):
        missing = [level for level in LEVELS if level not in value]
        if missing:
            raise _fail("levels", "has no words for {missing}; give each of {all}",
                        missing=", ".join(missing), all=", ".join(LEVELS))
        if value["emergency"].en.number is None or value["emergency"].es.number is None:
            raise _fail("number", "emergency needs 'number' in en and es: the words for the number when "
                        "the clinic sets none")
        return value


# --- Reading the file, with the line of every field ---------------------------------

class _Refused(yaml.MarkedYAMLError):
    """Valid YAML that this file may not use."""


class _Loader(yaml.SafeLoader):
    """Composes nodes only (values are read by _plain), refusing aliases and repeated keys."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(problem=f"uses a YAML alias (*{event.anchor}); write the words out in full",
                           problem_mark=event.start_mark)
        return super().compose_node(parent, index)


def _plain(node: yaml.Node, path: tuple, lines: dict[tuple, int]) -> Any:
    """The node as dicts, lists and text, noting the line of every key (all values stay text)."""
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in result:
                raise _Refused(problem=f"gives '{key}' twice; keep one (an id or field is given once)",
                               problem_mark=key_node.start_mark)
            lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _plain(value_node, path + (key,), lines)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1
            items.append(_plain(item, path + (index,), lines))
        return items
    if node.tag == "tag:yaml.org,2002:null":
        return None
    return node.value


@dataclass(frozen=True)
class Signs:
    """The checked file: its levels, groups and signs (in file order), and where each is."""

    data: WarningSigns
    lines: dict[tuple, int]
    name: str

    @property
    def signs(self) -> dict[str, Sign]:
        return self.data.signs

    def line(self, *path) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


def _where(name: str, lines: dict[tuple, int], loc: tuple) -> str:
    path = tuple(loc)
    while path and path not in lines:
        path = path[:-1]
    return f"{name} line {lines.get(path, 1)}"


def _field_name(loc: tuple) -> str:
    if len(loc) >= 2 and loc[0] == "signs":
        rest = ".".join(str(part) for part in loc[2:])
        return f"sign '{loc[1]}'" + (f" field '{rest}'" if rest else "")
    return "field '" + ".".join(str(part) for part in loc) + "'"


def parse(path: Path, name: str = FILE, sources: dict[str, bibliography.Source] | None = None,
          bibliography_name: str = "sources.bib") -> Signs:
    """Read and check the file; raise WarningSignsError with every problem, one line each.

    ``sources`` (the bibliography) turns on the checks against it.
    """
    data = path.read_bytes()
    if unreadable := not_utf8(data):
        raise WarningSignsError(f"{name} {unreadable}; save it as UTF-8")
    text = data.decode("utf-8")
    lines: dict[tuple, int] = {}
    try:
        root = yaml.compose(text, Loader=_Loader)
        raw = _plain(root, (), lines) if root is not None else {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"{name} line {mark.line + 1}" if mark else name
        problem = error.problem or str(error).splitlines()[0]
        raise WarningSignsError(f"{where}: {problem}; check the indentation and quotes of that line") from None
    if not isinstance(raw, dict):
        raise WarningSignsError(f"{name}: the file must have 'levels:', 'groups:' and 'signs:' sections")
    try:
        data = WarningSigns.model_validate(raw)
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            loc = tuple(detail["loc"])
            message = detail["msg"] if detail["type"] != "literal_error" else \
                f"is '{detail['input']}'; use one of {', '.join(LEVELS)}" if loc[-1:] == ("level",) else detail["msg"]
            if detail["type"] == "missing":
                message = "is missing" + (f"; write the sign in {'Spanish' if loc[-1] == 'es' else 'English'}"
                                          if loc[-1] in LANGUAGES else "")
            if detail["type"] == "extra_forbidden":
                message = f"is not a field here; the fields are {', '.join(_FIELDS.get(len(loc), []))}" \
                    if _FIELDS.get(len(loc)) else "is not a field here"
            problems.append(f"{_where(name, lines, loc)}: {_field_name(loc)} {message}")
        raise WarningSignsError("\n".join(problems)) from None
    checked = Signs(data, lines, name)
    problems = _twins(checked) + _repeats(checked) + _normal_days(checked) + _groups(checked)
    if sources is not None:
        problems += _against_sources(checked, sources, bibliography_name)
    if problems:
        raise WarningSignsError("\n".join(problems))
    return checked


_FIELDS = {3: ["level", "about", "days", "sources", "group", "differs", "en", "es"]}


def _rank(sign: Sign) -> int:
    return len(LEVELS) - LEVELS.index(sign.level)


def _overlap(a: Sign, b: Sign) -> tuple[int, float] | None:
    first, last = max(a.first_day, b.first_day), min(a.last_day, b.last_day)
    return (first, last) if first <= last else None


def _day_words(first: int, last: float) -> str:
    return f"day {first} on" if last == float("inf") else f"day {first}" if first == last else \
        f"days {first} to {last:.0f}"


def _twins(checked: Signs) -> list[str]:
    """Signs about the same thing at two levels on the same days must say what tells them apart."""
    problems = []
    for (a_id, a), (b_id, b) in itertools.combinations(checked.signs.items(), 2):
        shared = a.abouts & b.abouts
        if not shared or a.level == b.level:
            continue
        days = _overlap(a, b)
        if days is None:
            continue
        (high_id, high), (low_id, low) = sorted([(a_id, a), (b_id, b)], key=lambda pair: -_rank(pair[1]))
        where = f"{checked.name} line {checked.line('signs', high_id)}"
        both = (f"sign '{high_id}' ({high.level}) and sign '{low_id}' ({low.level}) are both about "
                f"'{sorted(shared)[0]}' on {_day_words(*days)}")
        if high.differs is None:
            problems.append(f"{where}: {both}, so a reader cannot tell which they have; give '{high_id}' a "
                            f"'differs' phrase in en and es that its words contain and '{low_id}''s do not "
                            f"(such as 'one eye', 'spreading', 'after day 3', 'once the numbing has worn off'), "
                            f"or give them days that do not overlap")
            continue
        for language in LANGUAGES:
            phrase = getattr(high.differs, language)
            if phrase.lower() not in high.words(language).lower():
                problems.append(f"{where}: {both}; the {_language(language)} words of '{high_id}' do not "
                                f"contain its 'differs' phrase '{phrase}': say it in the sign")
            elif phrase.lower() in low.words(language).lower():
                problems.append(f"{checked.name} line {checked.line('signs', low_id)}: {both}; the "
                                f"{_language(language)} words of '{low_id}' contain '{phrase}', which is what "
                                f"makes '{high_id}' more urgent: take it out of '{low_id}'")
    return problems


def _language(code: str) -> str:
    return {"en": "English", "es": "Spanish"}[code]


def _repeats(checked: Signs) -> list[str]:
    problems, seen = [], {}
    for sign_id, sign in checked.signs.items():
        for language in LANGUAGES:
            words = sign.words(language).lower().rstrip(".")
            if (language, words) in seen:
                problems.append(f"{checked.name} line {checked.line('signs', sign_id)}: sign '{sign_id}' has the "
                                f"same {_language(language)} words as sign '{seen[language, words]}'; a sign is "
                                f"defined once: delete one, or say what differs")
            seen.setdefault((language, words), sign_id)
    return problems


def _normal_days(checked: Signs) -> list[str]:
    return [f"{checked.name} line {checked.line('signs', sign_id, 'days')}: sign '{sign_id}' is normal on "
            f"days '{sign.days}', with no last day; normal is for some days only: give its last day, as in '0-3'"
            for sign_id, sign in checked.signs.items()
            if sign.level == "normal" and sign.last_day == float("inf")]


def _groups(checked: Signs) -> list[str]:
    known = checked.data.groups
    return [f"{checked.name} line {checked.line('signs', sign_id, 'group')}: sign '{sign_id}' has the group "
            f"'{sign.group}', which is not under 'groups:'; use one of {', '.join(known) or '(none yet)'}"
            for sign_id, sign in checked.signs.items() if sign.group is not None and sign.group not in known]


def _against_sources(checked: Signs, sources: dict[str, bibliography.Source], bib: str) -> list[str]:
    """Each source a sign cites lists the sign in its "signs" field, and each listed sign cites it."""
    problems = []
    for sign_id, sign in checked.signs.items():
        if sign.sources == CLINICS:
            continue
        for index, key in enumerate(sign.sources):
            where = f"{checked.name} line {checked.line('signs', sign_id, 'sources', index)}"
            if key not in sources:
                problems.append(f"{where}: sign '{sign_id}' cites '{key}', which is not in {bib}; add the "
                                f"source there or correct the key")
            elif sign_id not in sources[key].signs:
                problems.append(f"{where}: sign '{sign_id}' cites '{key}', but {bib} line {sources[key].line} "
                                f"does not list '{sign_id}' in its 'signs' field; check that the source says "
                                f"this sign needs this level, then add it there (or cite another source)")
    for key, source in sources.items():
        for sign_id in source.signs:
            sign = checked.signs.get(sign_id)
            if sign is None:
                problems.append(f"{bib} line {source.line}: source '{key}' lists the sign '{sign_id}' in its "
                                f"'signs' field, which is not in {checked.name}; correct or remove it")
            elif sign.sources == CLINICS or key not in sign.sources:
                problems.append(f"{bib} line {source.line}: source '{key}' lists the sign '{sign_id}', which "
                                f"does not cite it ({checked.name} line {checked.line('signs', sign_id)}); cite "
                                f"it there or remove it from the list")
    return problems


@lru_cache(maxsize=4)
def _cached(path: str, modified: float, size: int, bib: str, bib_modified: float) -> Signs:
    name = Path(path).name
    try:
        sources = bibliography.load(Path(bib))
    except bibliography.BibliographyError as error:
        raise WarningSignsError(str(error)) from None
    return parse(Path(path), name, sources, Path(bib).name)


def load(path: Path, bib: Path) -> Signs:
    """parse() with the bibliography's checks, read again only when either file changes."""
    try:
        status, bib_status = path.stat(), bib.stat()
    except OSError as error:
        raise WarningSignsError(f"{error.filename}: cannot be read ({error.strerror})") from None
    return _cached(str(path.resolve()), status.st_mtime, status.st_size, str(bib.resolve()), bib_status.st_mtime)


# --- Writing the signs into page text (Markdown) ----------------------------------------

DAY_WORDS = {
    "en": {"every": "Every day", "day0": "Treatment day", "day0_to": "Treatment day to day {last}", "range": "Days {first} to {last}",
           "one": "Day {first}", "from": "From day {first}"},
    "es": {"every": "Todos los días", "day0": "Día del tratamiento", "day0_to": "Del tratamiento al día {last}",
           "range": "Días {first} a {last}", "one": "Día {first}", "from": "Desde el día {first}"},
}


def days_in_words(days: str, language: str) -> str:
    """'0-3' as 'Treatment day to day 3', '1-3' as 'Days 1 to 3', '7-' as 'From day 7', '0-' as 'Every day'."""
    first, last = day_range(days)
    words = DAY_WORDS[language]
    if last == float("inf"):
        return words["every"] if first == 0 else words["from"].format(first=first)
    if first == last:
        return words["day0"] if first == 0 else words["one"].format(first=first)
    return words["day0_to" if first == 0 else "range"].format(first=first, last=f"{last:.0f}")


def cite(sign: Sign) -> str:
    return "" if sign.sources == CLINICS else " [@" + "; @".join(sign.sources) + "]"


@dataclass(frozen=True)
class Writer:
    """The signs as Markdown for one edition: its language and the clinic's emergency number."""

    signs: Signs
    language: str
    emergency_number: str = ""

    def _level(self, level: str) -> LevelWords:
        if level not in LEVELS:
            raise WarningSignsError(f"a page asks for the level '{level}'; use one of {', '.join(LEVELS)}")
        return getattr(self.signs.data.levels[level], self.language)

    def _fill(self, text: str) -> str:
        number = self.emergency_number or self._level("emergency").number
        return text.replace("{number}", number)

    def heading(self, level: str) -> str:
        return self._fill(self._level(level).heading)

    def name(self, level: str) -> str:
        return self._fill(self._level(level).name)

    def link(self, level: str) -> str:
        return f"[{self.name(level)}]({HELP_PAGE}#{ANCHORS[level]})"

    def level_of(self, sign_id: str) -> str:
        """The link to a sign's level, for a table cell: it follows the sign if its level changes."""
        return self.link(self._sign(sign_id).level)

    def group(self, group: str) -> str:
        if group not in self.signs.data.groups:
            raise WarningSignsError(f"a page asks for the group '{group}'; {self.signs.name} has "
                                    f"{', '.join(self.signs.data.groups)}")
        return getattr(self.signs.data.groups[group], self.language)

    def _sign(self, sign_id: str) -> Sign:
        if sign_id not in self.signs.signs:
            close = [known for known in self.signs.signs if known.split("-")[0] == sign_id.split("-")[0]]
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise WarningSignsError(f"a page shows the sign '{sign_id}', which is not in {self.signs.name}{hint}")
        return self.signs.signs[sign_id]

    def _words(self, sign: Sign) -> str:
        return sign.words(self.language) + cite(sign)

    def card(self, level: str, group: str | None = None) -> str:
        """A card's list: each sign of the level (and group), with the days the day guide reads.

        (No id on each line: every page carries the cards, and each byte counts
        against its weight budget. The tests find a line's sign by its words.)

        Normal signs are for some days only, so their card groups them under
        their days in words ("Days 1 to 7:"), earliest first.
        """
        self._level(level)
        if group is not None:
            self.group(group)
        chosen = [(sign_id, sign) for sign_id, sign in self.signs.signs.items()
                  if sign.level == level and (group is None or sign.group == group)]
        if not chosen:
            raise WarningSignsError(f"a card lists the {level} signs{f' in {group}' if group else ''}, and "
                                    f"{self.signs.name} has none")
        if level == "normal":
            chosen.sort(key=lambda pair: (pair[1].first_day, pair[1].last_day))
        lines, days = [], None
        for sign_id, sign in chosen:
            if level == "normal" and sign.days != days:
                # Each day group in a box of its own, so paper can set the groups side by side.
                lines += (["", "</div>"] if days is not None else []) + [
                    "", '<div class="care-card__days" markdown>', "",
                    f"**{days_in_words(sign.days, self.language)}:**", "{ .care-card__group }", ""]
                days = sign.days
            lines += [f"- {self._words(sign)}", f'  {{ data-days="{sign.days}" }}']
        if days is not None:
            lines += ["", "</div>"]
        return "\n".join(lines).strip("\n")

    def listed(self, sign_ids: tuple[str, ...]) -> str:
        """Some signs, each after its level's name, which links to its card.

        The most urgent come first, whatever order the page gives: readers stop
        at the first sign they have, as the cards tell them to.
        """
        if not sign_ids:
            raise WarningSignsError("signs() needs the ids of the signs to show")
        lines = []
        for sign_id in sorted(sign_ids, key=lambda sign_id: LEVELS.index(self._sign(sign_id).level)):
            sign = self._sign(sign_id)
            days = f", {days_in_words(sign.days, self.language).lower()}" if sign.level == "normal" else ""
            # The level first, as a sentence of its own; then the sign, starting as a sentence does.
            words = self._words(sign)
            lines += [f"- **{self.link(sign.level)}{days}.** {words[:1].upper()}{words[1:]}",
                      f'  {{ data-sign="{sign_id}" }}']
        return "\n".join(lines)

    def normal_on(self, days: str, indent: int = 0) -> str:
        """The normal signs on any of these days (a timeline stage's), under their days in words.

        ``indent`` spaces go before every line but the first (which the page
        indents itself), for lists inside a list item.
        """
        stage = day_range(days)
        if stage is None:
            raise WarningSignsError(f"normal_on('{days}'): {DAYS_FIX}")
        chosen = sorted((sign for sign in self.signs.signs.values()
                         if sign.level == "normal" and sign.first_day <= stage[1] and stage[0] <= sign.last_day),
                        key=lambda sign: (sign.first_day, sign.last_day))
        lines, group = [], None
        for sign in chosen:
            if sign.days != group:
                group = sign.days
                lines += ([""] if lines else []) + [f"**{days_in_words(group, self.language)}:**", ""]
            lines.append(f"- {sign.words(self.language)}{cite(sign)}")
        return "\n".join(" " * indent + line if number and line else line
                         for number, line in enumerate(lines))


def table(signs: Signs, language: str = "en") -> str:
    """Every sign as a Markdown table: level, sign, days, sources. For the review pack and the README."""
    rows = ["| Level | Sign | Days | Source |", "| --- | --- | --- | --- |"]
    for level in LEVELS:
        for sign in signs.signs.values():
            if sign.level == level:
                source = "clinics say" if sign.sources == CLINICS else ", ".join(sign.sources)
                rows.append(f"| {level} | {sign.words(language)} | {days_in_words(sign.days, language)} | {source} |")
    return "\n".join(rows)


if __name__ == "__main__":  # python -m patient_site.warning_signs [es]: the table, from the project folder
    import sys

    try:
        print(table(load(Path(FILE), Path("sources.bib")), sys.argv[1] if len(sys.argv) > 1 else "en"))
    except WarningSignsError as error:
        sys.exit(str(error))
