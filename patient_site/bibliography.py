"""The site's sources: one BibTeX file, read and formatted by pybtex.

Every source needs an identifier a reader can follow (``doi``, ``pmid``,
``pmcid`` or ``url``) and a ``supports`` field: one plain sentence saying what
the site uses it for. A reference manager (Zotero, EndNote, Mendeley) exports
BibTeX; add the ``supports`` field by hand.

    @article{tan2021,
      author   = {Tan, Miranda G. and Jo, Christina E. and ...},
      title    = {Radiofrequency microneedling: a comprehensive and critical review},
      journal  = {Dermatologic Surgery}, year = {2021}, volume = {47}, number = {6},
      pages    = {755--761},
      doi      = {10.1097/DSS.0000000000002972},
      pmid     = {33577211},
      supports = {What RF microneedling is, what it is used for, and how long results take.},
      supports_es = {Qué es el microneedling con radiofrecuencia, para qué se usa y cuánto tardan los resultados.}
    }

``group`` is the heading a source sits under in the About page's full list.
Not ``keywords``: reference managers export their own tags there (Zotero
does), which are no heading for patients; the site ignores that field.

The Spanish pages show ``supports_es`` and ``group_es`` (the heading in
the full list) instead, and ``shorthand_es`` and ``note_es`` where given; the
title stays in its own language, marked as such (``langid``, English unless
it says ``spanish``) so a screen reader says it right, and authors are joined
with "y".
``editions = {en}`` marks a source only the English pages cite (an English-only
editor's new source, or one a country's words need): the Spanish edition
leaves it out and needs no Spanish fields for it.
``signs`` lists the warning signs (ids in warning-signs.yml) whose level the
source supports; patient_site/warning_signs.py checks it against the signs.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from pybtex.database import BibliographyData, BibliographyDataError, parse_string
from pybtex.richtext import Text
from pybtex.scanner import PybtexError
from pybtex.style.formatting.unsrt import Style
from pybtex.style.template import FieldIsMissing, names, sentence

from patient_site.text import hidden_character, not_utf8

IDENTIFIER_FIELDS = ("doi", "pmid", "pmcid", "url")
# The site's editions. A source cited only by English pages says "editions = {en}": the
# Spanish edition then leaves it out, and it needs no Spanish fields.
EDITIONS = ("en", "es")
_BRACES = re.compile(r"[{}]")
# What each identifier looks like; anything else would publish a broken or unsafe link.
_IDENTIFIERS = {
    "doi": (re.compile(r"^10\.[0-9]{4,9}/[^\s\"<>]+$"), "a DOI starts with 10. and has no spaces, as in 10.1097/DSS.0000000000002972"),
    "pmid": (re.compile(r"^[0-9]{1,9}$"), "a PubMed id is digits only, as in 33577211"),
    "pmcid": (re.compile(r"^PMC[0-9]{1,9}$"), "a PubMed Central id is PMC and digits, as in PMC8763442"),
}


class BibliographyError(Exception):
    """A mistake in the bibliography file: the message names the file and line."""


@dataclass(frozen=True)
class Link:
    label: str  # "DOI 10.1097/...", "PubMed 33577211"
    href: str
    shows_address: bool = True  # the label is itself the identifier to type in
    label_es: str = ""  # the label on Spanish pages, where it differs


@dataclass(frozen=True)
class Source:
    key: str
    line: int              # where its entry starts in the file
    short_name: str        # "Tan and others, 2021"
    reference: str         # the full reference as text, formatted by pybtex
    supports: str          # what the site uses it for
    links: tuple[Link, ...]
    group: str = ""        # its "group": the heading it sits under in the full list
    short_name_es: str = ""  # "Tan y otros, 2021"
    supports_es: str = ""    # its "supports_es": what the Spanish pages use it for
    group_es: str = ""       # its "group_es"
    signs: tuple[str, ...] = ()  # its "signs": the warning signs (warning-signs.yml) whose level it supports
    reference_es: str = ""   # the reference as the Spanish pages write it: "y" between authors, its "note_es"
    language: str = "en"     # the language of its title: "es" when its "langid" is spanish
    editions: tuple[str, ...] = EDITIONS  # its "editions": the editions whose pages cite it

    def in_language(self, language: str, bibliography: str) -> "Source":
        """The source as a page in ``language`` shows it; stops if its Spanish note is missing."""
        if language == "en":
            return self
        if not self.supports_es or (self.group and not self.group_es):
            field = "supports_es" if not self.supports_es else "group_es"
            raise BibliographyError(f"{bibliography} line {self.line}: source '{self.key}' has no '{field}' "
                                    f"field, which the Spanish pages need; write its '{field.removesuffix('_es')}' "
                                    f"in plain Spanish")
        links = tuple(Link(link.label_es or link.label, link.href, link.shows_address) for link in self.links)
        return Source(self.key, self.line, self.short_name_es, self.reference_es or self.reference,
                      self.supports_es, links, self.group_es, signs=self.signs, language=self.language)


class _Reference(Style):
    """pybtex's unsrt style, without its web links: the site writes those itself."""

    # How names are joined: "A and B", "A, B, and C".
    sep2, last_sep = " and ", ", and "

    def format_web_refs(self, e):
        return Text()

    def format_names(self, role, as_sentence=True):
        # unsrt's own, with the page's words (pybtex has no Spanish style).
        formatted = names(role, sep=", ", sep2=self.sep2, last_sep=self.last_sep)
        return sentence[formatted] if as_sentence else formatted


class _ReferenceES(_Reference):
    sep2, last_sep = " y ", " y "


def _web_address(value: str) -> str | None:
    """Why ``value`` is not a web address a reader can open (https or http, with a real host), or None."""
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        return "cannot be read as a web address"
    if parts.scheme not in ("https", "http"):
        return "does not start with https://" if parts.scheme else "has no https:// in front"
    if not host or "." not in host.strip("."):
        return "names no site after https://"
    if re.search(r"[\s\"'<>]", value):
        return "holds a space, a quote or < >; copy the address again from the browser's address bar"
    if "@" in parts.netloc:
        return "has a name and @ before the site, so it shows one site and opens another; remove the part up to @"
    try:
        parts.port
    except ValueError:
        return "has a port number no site can have"
    return None


def _field_problems(name: str, line: int, key: str, fields) -> list[str]:
    """Hidden characters in any field, and identifiers that are not what they claim to be."""
    problems = []
    for field, value in fields.items():
        if hidden := hidden_character(str(value), allowed="\n\t"):
            problems.append(f"{name} line {line}: source '{key}' field '{field}' contains {hidden}, a character "
                            f"you cannot see; type that part again")
    for field, (pattern, example) in _IDENTIFIERS.items():
        value = _BRACES.sub("", fields.get(field, "")).strip()
        if value and not pattern.match(value):
            problems.append(f"{name} line {line}: source '{key}' has {field} '{value}', which is not one; {example}")
    url = _BRACES.sub("", fields.get("url", "")).strip()
    if url and (reason := _web_address(url)):
        problems.append(f"{name} line {line}: source '{key}' has url '{url}', which {reason}; give the page's "
                        f"address as the browser shows it, as in https://www.nhs.uk/conditions/cellulitis/")
    return problems


def _links(fields) -> tuple[Link, ...]:
    links = []
    if fields.get("doi"):
        links.append(Link(f"DOI {fields['doi']}", f"https://doi.org/{fields['doi']}"))
    if fields.get("pmid"):
        links.append(Link(f"PubMed {fields['pmid']}", f"https://pubmed.ncbi.nlm.nih.gov/{fields['pmid']}/"))
    if fields.get("pmcid"):
        links.append(Link(f"PubMed Central {fields['pmcid']}",
                          f"https://pmc.ncbi.nlm.nih.gov/articles/{fields['pmcid']}/"))
    if fields.get("url"):
        # The site's name, not the whole address: long addresses do not fit a phone.
        host = urlsplit(fields["url"]).hostname.removeprefix("www.")
        links.append(Link(f"Web page ({host})", fields["url"], shows_address=False, label_es=f"Página web ({host})"))
    return tuple(links)


def _short_name(entry, words: tuple[str, str] = ("and", "others")) -> str:
    """'Tan and others, 2021', 'Martin and Huang, 2021': how a page names a source.

    ``words`` are "and" and "others" in the page's language. BibLaTeX's
    ``shorthand`` field, when given, is used as it is.
    """
    and_, others = words
    if entry.fields.get("shorthand"):
        return _BRACES.sub("", entry.fields["shorthand"])
    people = entry.persons.get("author", [])
    year = entry.fields.get("year", "")
    if not people:
        first = _BRACES.sub("", entry.fields.get("organization", entry.fields.get("title", entry.key)))
    else:
        names = [_BRACES.sub("", " ".join(person.prelast_names + person.last_names)) for person in people]
        first = names[0] if len(names) == 1 else f"{names[0]} {and_} {names[1]}" if len(names) == 2 \
            else f"{names[0]} {and_} {others}"
    return f"{first}, {year}" if year else first


def _in_spanish(entry):
    """The entry as the Spanish pages format it: its "note_es" in place of its "note"."""
    if not entry.fields.get("note_es"):
        return entry
    spanish = copy.deepcopy(entry)
    spanish.fields["note"] = entry.fields["note_es"]
    return spanish


def _field(entry, name: str) -> str:
    return " ".join(_BRACES.sub("", entry.fields.get(name, "")).split())


def _line_of(text: str, key: str) -> int:
    match = re.search(rf"^[ \t]*@\w+\s*\{{\s*{re.escape(key)}\s*,", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def parse(path: Path, name: str | None = None) -> dict[str, Source]:
    """Every source in the file, by key, in the order the file gives them.

    Raises BibliographyError naming the file (as ``name``, if given) and line
    for a file pybtex cannot read, a key used twice, or a source without an
    identifier or without its ``supports`` note.
    """
    name = name or path.as_posix()
    data = path.read_bytes()
    if unreadable := not_utf8(data):
        raise BibliographyError(f"{name} {unreadable}; save it as UTF-8 "
                                f"(in Zotero or EndNote, choose the Unicode (UTF-8) export)")
    text = data.decode("utf-8-sig")
    try:
        data: BibliographyData = parse_string(text, "bibtex")
    except BibliographyDataError as error:
        repeated = re.search(r"repeated bibliography entry: (\S+)", str(error))
        if repeated:
            lines = [text.count("\n", 0, m.start()) + 1
                     for m in re.finditer(rf"^[ \t]*@\w+\s*\{{\s*{re.escape(repeated.group(1))}\s*,", text, re.M)]
            raise BibliographyError(f"{name} line {lines[-1] if lines else '?'}: the key '{repeated.group(1)}' "
                                    f"is used twice; give each source its own key") from None
        raise BibliographyError(f"{name}: {error}") from None
    except PybtexError as error:
        line = getattr(error, "lineno", None)
        raise BibliographyError(f"{name} line {line}: {error}; check the braces and commas of the entry "
                                f"just before it") from None
    style = _Reference(abbreviate_names=True)
    style_es = _ReferenceES(abbreviate_names=True)
    sources = {}
    problems = []
    for key, entry in data.entries.items():
        line = _line_of(text, key)
        try:
            reference = style.format_entry(key, entry).text.render_as("text")
            reference_es = style_es.format_entry(key, _in_spanish(entry)).text.render_as("text")
        except FieldIsMissing as error:
            problems.append(f"{name} line {line}: source '{key}' has no '{error.field_name}' field, which an "
                            f"@{entry.type} entry needs; add it (or use @misc if it is not known)")
            continue
        field_problems = _field_problems(name, line, key, entry.fields)
        if field_problems:
            problems += field_problems
            continue
        if not any(entry.fields.get(field) for field in IDENTIFIER_FIELDS):
            problems.append(f"{name} line {line}: source '{key}' has no identifier; give it a doi, pmid, pmcid "
                            f"or url, so a reader can find it")
        editions = tuple(re.split(r"[\s,]+", _field(entry, "editions").lower())) if _field(entry, "editions") else EDITIONS
        if not set(editions) <= set(EDITIONS):
            problems.append(f"{name} line {line}: source '{key}' has editions '{_field(entry, 'editions')}'; "
                            f"list the editions whose pages cite it: en, es, or both (en, es)")
        supports = " ".join(_BRACES.sub("", entry.fields.get("supports", "")).split())
        if not supports:
            problems.append(f"{name} line {line}: source '{key}' has no 'supports' field; say in one sentence "
                            f"what the site uses it for")
        sources[key] = Source(key=key, line=line, short_name=_short_name(entry), reference=reference,
                              supports=supports, links=_links(entry.fields),
                              group=_field(entry, "group"),
                              short_name_es=_field(entry, "shorthand_es") or _short_name(entry, ("y", "otros")),
                              reference_es=reference_es,
                              language="es" if _field(entry, "langid").lower() == "spanish" else "en",
                              supports_es=_field(entry, "supports_es"), group_es=_field(entry, "group_es"),
                              signs=tuple(re.split(r"[\s,]+", _field(entry, "signs")) if _field(entry, "signs") else ()),
                              editions=editions)
    if problems:
        raise BibliographyError("\n".join(problems))
    return sources


@lru_cache(maxsize=4)
def _cached(path: str, modified: float, size: int) -> dict[str, Source]:
    return parse(Path(path))


def load(path: Path) -> dict[str, Source]:
    """parse(), read again only when the file changes (every page asks for it)."""
    status = path.stat()
    return _cached(str(path.resolve()), status.st_mtime, status.st_size)
