"""Citations at the sentence: a Python-Markdown extension (runs under MkDocs and Zensical).

In a page or a shared snippet, cite a source by its key in the bibliography:

    Redness usually settles within 2 to 3 days [@tan2021].
    The barrier is weakest in days 1 to 3 [@wu2022; @chu2021].

Each citation shows as a small number that links to the page's own source
list, numbered in the order the page first cites them. The list ("Sources
for this page") is written at the end of the page from the bibliography, so
nobody writes it by hand. A paragraph of only ``[@*]`` (pandoc's "all
sources") writes every source instead: the About page uses it.

A key that is not in the bibliography stops the build, naming the page; the
whole-site checks (a source nothing cites, the file and line of a bad key)
are in citation_check.py.

    markdown_extensions:
      - patient_site.citations:
          bibliography: sources.bib    # relative to the folder the build runs in
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from patient_site import bibliography
from patient_site.errors import BuildStop

# "[@tan2021]" or "[@tan2021; @chu2021]". Keys: letters, digits, - and _.
CITATION = re.compile(r"\[@([\w-]+(?:\s*;\s*@[\w-]+)*)\]")
# The space an editor types before a citation goes: the number sits on the word.
_CITATION_IN_TEXT = r"[ \t]*" + CITATION.pattern
ALL_SOURCES = "[@*]"
# The words the extension writes, in each language a site is built in.
WORDS = {
    "en": {"heading": "Sources for this page", "source": "Source"},
    "es": {"heading": "Fuentes de esta página", "source": "Fuente"},
}
SOURCES_ID = "sources"


def source_id(key: str) -> str:
    return f"source-{key}"


class _Cite(InlineProcessor):
    def __init__(self, extension: "CitationsExtension") -> None:
        super().__init__(_CITATION_IN_TEXT)
        self.extension = extension

    def handleMatch(self, match, data):
        keys = [key.strip().lstrip("@") for key in match.group(1).split(";")]
        sup = etree.Element("sup", {"class": "citation"})
        for index, key in enumerate(keys):
            source = self.extension.source(key)  # an unknown key stops the build here
            if index:
                etree.SubElement(sup, "span").text = ", "
            # Numbered by _SourceList: inline patterns do not run in page order.
            etree.SubElement(sup, "a", {"href": f"#{source_id(key)}", "title": source.short_name})
        return sup, match.start(0), match.end(0)


class _SourceList(Treeprocessor):
    """Write the page's source list (or the whole bibliography) from what it cited."""

    def __init__(self, md: Markdown, extension: "CitationsExtension") -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        for sup in root.iter("sup"):
            if sup.get("class") != "citation":
                continue
            for link in sup.iter("a"):
                number = self.extension.number(link.get("href").removeprefix("#source-"))
                link.set("aria-label", f"{self.extension.words['source']} {number}")
                link.text = str(number)
        for paragraph in [p for p in root.iter("p") if (p.text or "").strip() == ALL_SOURCES and len(p) == 0]:
            _write_all_sources(paragraph, self.extension.sources(), self.extension.getConfig("language"))
        if self.extension.cited:
            # Out of the search index: a source's notes would make every page
            # that cites it an answer to searches about something else.
            heading = etree.SubElement(root, "h2", {"id": SOURCES_ID, "data-search-exclude": ""})
            heading.text = self.extension.words["heading"]
            listing = etree.SubElement(root, "ol", {"class": "references", "data-search-exclude": ""})
            for key in self.extension.cited:
                _add_item(listing, self.extension.source(key), self.extension.getConfig("language"))


def _write_all_sources(paragraph: etree.Element, sources: dict[str, bibliography.Source], language: str) -> None:
    """Every source, under the headings its "group" gives, in the file's order of headings.

    The paragraph becomes a <div>: a heading and a list per group, each list
    sorted by the name a page shows for its sources.
    """
    groups: dict[str, list[bibliography.Source]] = {}
    for source in sources.values():
        groups.setdefault(source.group, []).append(source)
    paragraph.tag, paragraph.text = "div", None
    paragraph.set("class", "all-sources")
    paragraph.set("data-search-exclude", "")
    for group, members in groups.items():
        if group:
            heading = etree.SubElement(paragraph, "h3", {"id": "sources-" + re.sub(r"[^a-z0-9]+", "-", group.lower()).strip("-"),
                                                         "data-search-exclude": ""})
            heading.text = group
        listing = etree.SubElement(paragraph, "ul", {"class": "references"})
        for source in sorted(members, key=lambda s: s.short_name.lower()):
            _add_item(listing, source, language)


def _add_item(listing: etree.Element, source: bibliography.Source, language: str) -> None:
    item = etree.SubElement(listing, "li", {"id": source_id(source.key)})
    name = etree.SubElement(item, "strong")
    name.text = f"{source.short_name}."
    name.tail = f" {source.supports} "
    reference = etree.SubElement(item, "span", {"class": "references__full"})
    if source.language != language:
        reference.set("lang", source.language)  # a title in another language, said in that language
    reference.text = source.reference + " "
    for index, link in enumerate(source.links):
        anchor = etree.SubElement(reference, "a", {"href": link.href})
        if link.shows_address:
            anchor.set("class", "url-shown")  # paper needs no address after "DOI 10.1097/..."
        anchor.text = link.label
        anchor.tail = ", " if index < len(source.links) - 1 else "."


class CitationsExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {"bibliography": ["sources.bib", "The BibTeX file, relative to where the build runs"],
                       "language": ["en", "The pages' language: en or es"]}
        super().__init__(**kwargs)
        self.cited: list[str] = []
        language = self.getConfig("language")
        if language not in WORDS:
            raise BuildStop(f"mkdocs.yml: patient_site.citations has language {language!r}; "
                            f"use one of {', '.join(WORDS)}")
        self.words = WORDS[language]

    def sources(self) -> dict[str, bibliography.Source]:
        name = self.getConfig("bibliography")
        try:
            return {key: source.in_language(self.getConfig("language"), name)
                    for key, source in bibliography.load(Path(name)).items()
                    if self.getConfig("language") in source.editions}
        except bibliography.BibliographyError as error:
            raise BuildStop(str(error)) from None
        except OSError as error:
            raise BuildStop(f"{self.getConfig('bibliography')}: the bibliography cannot be read ({error.strerror})"
                            ) from None

    def source(self, key: str) -> bibliography.Source:
        sources = self.sources()
        if key not in sources:
            raise BuildStop(f"a page cites [@{key}], which is not in {self.getConfig('bibliography')}; "
                            f"add the source there or correct the key")
        return sources[key]

    def number(self, key: str) -> int:
        if key not in self.cited:
            self.cited.append(key)
        return self.cited.index(key) + 1

    def reset(self) -> None:
        self.cited = []

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # Before links (160) and reference links (170) read "[@key]" as one.
        md.inlinePatterns.register(_Cite(self), "citation", 175)
        # After the inline patterns (20) have numbered every citation; before
        # attr_list (8), abbr (7) and toc (5), so the list's heading is in
        # the contents and its words get their abbreviation tooltips.
        md.treeprocessors.register(_SourceList(md, self), "source_list", 10)


def makeExtension(**kwargs) -> CitationsExtension:
    return CitationsExtension(**kwargs)
