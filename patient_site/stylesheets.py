"""Smaller stylesheets: drop the CSS rules of Material that no page can match, and our own comments.

Material ships one stylesheet for every feature it has: admonitions, content
tabs, code highlighting, blog posts, right-to-left scripts, 19 colour
palettes and more. This site uses few of them, but a phone must download
and parse all of it before it draws any text, and the browser checks every
element against its rules each time a script changes the page. Trimmed, the
theme's CSS is about a third lighter (see BENCHMARKS.md).

A selector is dropped only when it cannot match anything on the site:

- it needs a class (".admonition") that appears in no built page and no
  script of the site (Material's scripts name the classes they add in full,
  such as "md-tooltip2--active"; a name they build from a prefix, such as
  "md-status--" + kind, keeps every class with that prefix), or
- it needs an attribute value ("[dir=rtl]", "[data-md-color-primary=red]")
  that appears as a word in no page and no script.

Only the parts of a selector outside :not(), :is(), :where() and :has()
count; a rule goes when all of its selectors do. Custom properties
("--md-admonition-icon--note") that no remaining rule, page or script reads
go too. Rules of any other kind (@font-face, @keyframes...) stay.

The trimmed text replaces Material's file under its own name, so the pages
stay exactly as Material writes them (nothing in them is rewritten). That
name's hash is then Material's, not the content's, so deploy/nginx.conf and
site/_headers do not let browsers keep these two files for a year: they ask
whether a newer copy exists, each time. Their source maps go (they map the
full files). Results are kept in .cache/theme-css/
(git ignores it; only the latest is kept), keyed by the stylesheets, the
words of the site and this file, so an unchanged site is not trimmed again
on every `make serve` reload.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2
from patient_site.errors import BuildStop

# Under MkDocs' logger, so a build prints it as its own.
log = logging.getLogger("mkdocs.patient_site.stylesheets")


# Material's own stylesheets, as its base.html links them.
THEME_CSS = re.compile(r"assets/stylesheets/(?:main|palette)\.[0-9a-f]{8}\.min\.css")
# Where class names and attribute values can come from: pages, scripts, the search index.
SOURCES = {".html", ".js", ".json"}
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_VAR = re.compile(r"--[\w-]+")
# Nesting blocks whose rules are trimmed like top-level ones.
_GROUPS = {"media", "supports", "layer", "container"}


class SiteWords:
    """Every word, and every --custom-property name, in some texts: the built site's pages and scripts."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.words: set[str] = set()
        self.properties: set[str] = set()  # "--md-tooltip-x": set or read by scripts and pages
        for text in texts:
            self.words.update(_WORD.findall(text))
            self.properties.update(_VAR.findall(text))
        # Scripts that build a class from a prefix ("md-status--" + kind).
        self.prefixes = tuple(w for w in self.words if w.endswith(("-", "_")) and len(w) > 3)

    @classmethod
    def of_site(cls, site_dir: Path) -> SiteWords:
        return cls(path.read_text(encoding="utf-8", errors="replace")
                   for path in sorted(site_dir.rglob("*")) if path.suffix in SOURCES and path.is_file())

    def has_class(self, name: str) -> bool:
        return name in self.words or name.startswith(self.prefixes)

    def fingerprint(self) -> str:
        return hashlib.sha256("\n".join(sorted(self.words)).encode("utf-8")).hexdigest()


def _split_selectors(prelude: list) -> list[list]:
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return [_strip(selector) for selector in selectors]


def _strip(tokens: list) -> list:
    start, end = 0, len(tokens)
    while start < end and tokens[start].type == "whitespace":
        start += 1
    while end > start and tokens[end - 1].type == "whitespace":
        end -= 1
    return tokens[start:end]


def _needed_classes(selector: list) -> list[str]:
    """Class names the selector needs, outside any :not()/:is()/... (those are function blocks)."""
    return [b.value for a, b in zip(selector, selector[1:])
            if a.type == "literal" and a.value == "." and b.type == "ident"]


def _needed_values(selector: list) -> list[str]:
    """Values of [name=value] tests; other operators (^=, *=...) are left alone."""
    values = []
    for token in selector:
        if token.type != "[] block":
            continue
        parts = [part for part in token.content if part.type != "whitespace"]
        for operator, value in zip(parts, parts[1:]):
            if operator.type == "literal" and operator.value == "=" and value.type in ("ident", "string"):
                values.append(value.value)
    return values


def _can_match(selector: list, site: SiteWords) -> bool:
    # A quoted value with spaces or punctuation is not one word: keep it.
    return (all(site.has_class(name) for name in _needed_classes(selector))
            and all(value in site.words or not _WORD.fullmatch(value) for value in _needed_values(selector)))


def _join(selectors: list[list]) -> list:
    joined: list = []
    for index, selector in enumerate(selectors):
        if index:
            joined.append(tinycss2.ast.LiteralToken(0, 0, ","))
        joined.extend(selector)
    return joined


def drop_unmatched_rules(rules: list, site: SiteWords) -> list:
    """The rules (and the selectors of each rule) that can match something."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = _split_selectors(rule.prelude)
            alive = [selector for selector in selectors if _can_match(selector, site)]
            if not alive:
                continue
            if len(alive) < len(selectors):
                rule.prelude = _join(alive)
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPS and rule.content is not None:
            inner = drop_unmatched_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                                  skip_whitespace=True), site)
            if not inner:
                continue
            rule.content = inner
        kept.append(rule)
    return kept


def drop_unused_properties(sheets: dict[str, list], used_elsewhere: set[str]) -> None:
    """Remove --custom-property declarations nothing reads, across all sheets, until none is left.

    One sheet may declare what another reads (Material's palette sets the
    colours its main stylesheet uses), so all are trimmed together.
    """
    declarations = {id(rule): (rule, tinycss2.parse_blocks_contents(rule.content, skip_comments=True,
                                                                     skip_whitespace=True))
                    for rules in sheets.values() for rule in _style_rules(rules)}
    changed: set[int] = set()
    while True:
        used = set(used_elsewhere)
        for _, items in declarations.values():
            for item in items:
                if item.type == "declaration":
                    used.update(_VAR.findall(tinycss2.serialize(item.value)))
        removed = False
        for key, (rule, items) in declarations.items():
            keep = [item for item in items
                    if not (item.type == "declaration" and item.name.startswith("--") and item.name not in used)]
            if len(keep) < len(items):
                removed = True
                changed.add(key)
            declarations[key] = (rule, keep)
        if not removed:
            break
    for key in changed:  # rules with nothing removed keep their text as it was
        rule, items = declarations[key]
        rule.content = tinycss2.parse_component_value_list(";".join(map(_declaration_text, items)))
    for name, rules in sheets.items():
        sheets[name] = _without_empty(rules)


def _style_rules(rules: list) -> list:
    """Every style rule, at any depth."""
    found = []
    for rule in rules:
        if rule.type == "qualified-rule":
            found.append(rule)
        elif rule.type == "at-rule" and isinstance(rule.content, list) and rule.lower_at_keyword in _GROUPS:
            found += _style_rules(rule.content)
    return found


def _without_empty(rules: list) -> list:
    """Drop style rules left with no declarations, and groups left with no rules."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule" and not rule.content:
            continue
        if rule.type == "at-rule" and rule.lower_at_keyword in _GROUPS and isinstance(rule.content, list):
            rule.content = _without_empty(rule.content)
            if not rule.content:
                continue
        kept.append(rule)
    return kept


def _declaration_text(item) -> str:
    if item.type != "declaration":
        return tinycss2.serialize([item])
    important = "!important" if item.important else ""
    return f"{item.name}:{tinycss2.serialize(item.value).strip()}{important}"


def trim(sheets: dict[str, str], site: SiteWords, used_properties: set[str]) -> dict[str, str]:
    """The stylesheets (name: text) without what no page can match or read."""
    parsed = {name: drop_unmatched_rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True),
                                         site)
              for name, css in sheets.items()}
    drop_unused_properties(parsed, used_properties)
    return {name: tinycss2.serialize(rules) for name, rules in parsed.items()}


def _read_cache(path: Path, addresses: set[str]) -> dict[str, str] | None:
    """A cached result, or None if there is none or it cannot be read (a miss).

    It must hold a stylesheet for exactly the ``addresses`` trimmed, each with
    text: a damaged cache must not publish an empty stylesheet, nor name a
    file to write outside the site.
    """
    try:
        trimmed = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if (not isinstance(trimmed, dict) or set(trimmed) != addresses
            or not all(isinstance(text, str) and text.strip() for text in trimmed.values())):
        return None
    return trimmed


def _keep(cache: Path, trimmed: dict[str, str]) -> None:
    """Keep the result for the next build; if .cache/ cannot be written (a file, no permission), do without."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        # Only the latest result is worth keeping: every edit of a page
        # changes the key, and `make serve` would otherwise pile them up.
        for old in [*cache.parent.glob("*.json"), *cache.parent.glob("*.tmp")]:
            old.unlink(missing_ok=True)
        # Written whole or not at all: a build stopped mid-write leaves no
        # half file for the next build to trip on.
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(trimmed), "utf-8")
        os.replace(partial, cache)
    except OSError as error:
        log.info("Trimmed stylesheets are not kept: %s cannot be used (%s)", cache.parent, error.strerror)


def trim_site(site_dir: Path, cache_dir: Path) -> None:
    """Trim Material's stylesheets in a built site, and take the comments out of ours."""
    pages = sorted(site_dir.rglob("*.html"))
    linked = sorted({match.group(0) for page in pages for match in THEME_CSS.finditer(page.read_text("utf-8"))})
    if not linked:
        raise BuildStop("stylesheets: no page links Material's stylesheets "
                          "(assets/stylesheets/main.*.min.css); has the theme changed?")
    site = SiteWords.of_site(site_dir)
    # Custom properties our own stylesheets use, or pages and scripts set or read.
    ours = [path for path in site_dir.rglob("*.css") if path.relative_to(site_dir).as_posix() not in linked]
    used = site.properties | {name for path in ours for name in _VAR.findall(path.read_text("utf-8"))}
    sheets = {address: (site_dir / address).read_text("utf-8") for address in linked}
    # The key covers this file too, so an edit to the trimming rules trims again.
    inputs = [sheets, site.fingerprint(), sorted(used), Path(__file__).read_text("utf-8")]
    key = hashlib.sha256(json.dumps(inputs).encode("utf-8")).hexdigest()
    cache = cache_dir / f"{key}.json"
    trimmed = _read_cache(cache, set(sheets))
    if trimmed is None:
        trimmed = trim(sheets, site, used)
        _keep(cache, trimmed)
    for address, text in trimmed.items():
        path = site_dir / address
        path.write_text(text, "utf-8")
        path.with_name(path.name + ".map").unlink(missing_ok=True)
    # Our own stylesheets lose their comments, which are for editors (half
    # their gzipped weight, BENCHMARKS.md), and their indentation; nothing else changes.
    for path in ours:
        path.write_text(without_comments(path.read_text("utf-8")), "utf-8")


def without_comments(css: str) -> str:
    """The stylesheet's rules, serialized again by tinycss2 without comments or blank space between
    rules, and each run of white space (indentation) as one space."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    for rule in _style_rules(rules):
        rule.content = [token for token in rule.content if token.type != "comment"]
    return tinycss2.serialize(_one_space(rules))


def _one_space(nodes: list) -> list:
    """Each run of white-space tokens, at any depth, as one space: CSS reads any run of it the same."""
    kept = []
    for node in nodes:
        if node.type == "whitespace":
            if kept and kept[-1].type == "whitespace":
                continue
            node.value = " "
        for part in ("prelude", "content", "arguments"):
            if isinstance(getattr(node, part, None), list):
                setattr(node, part, _one_space(getattr(node, part)))
        kept.append(node)
    return kept
