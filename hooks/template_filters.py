"""Filters the theme templates need beyond Jinja's own.

It also sets ``mkdocs_hooks``, so templates can leave out what needs these
filters when another engine (Zensical) builds the site without our hooks,
and keeps compiled templates in .cache/jinja2/ (git ignores it): compiling
Material's 50-odd templates was a third of every build, and `make serve`
rebuilds on each edit. Jinja checks each template's source before it uses
a cached copy, so an edited template is compiled again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig

from patient_site.paper import DRAFT_MARK, local_address


def css_string(value: object) -> str:
    r"""Quote text for a CSS ``content:`` string inside a <style> element.

    Backslashes and quotes are escaped, line breaks become CSS "\A", and "<"
    becomes "\3C " so no value can close the <style> element early.
    """
    text = str(value)
    for plain, escaped in (("\\", "\\\\"), ('"', '\\"'), ("<", "\\3C "), ("\n", "\\A ")):
        text = text.replace(plain, escaped)
    return f'"{text}"'


def long_date(day: dt.date) -> str:
    """'23 November 2026': day first, month in words, clear in every country."""
    return f"{day.day} {day:%B %Y}"


def on_env(env: jinja2.Environment, config: MkDocsConfig, **_) -> jinja2.Environment:
    env.filters["css_string"] = css_string
    env.filters["long_date"] = long_date
    env.globals["mkdocs_hooks"] = True
    # Paper printed from a local build (or with DRAFT=1) is marked as a draft.
    env.tests["local_address"] = lambda url: local_address(str(url)) is not None
    env.globals["draft_mark"] = DRAFT_MARK
    cache = Path(config.config_file_path).parent / ".cache" / "jinja2"
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
    return env
