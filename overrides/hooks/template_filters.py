"""Filters the theme templates need beyond Jinja's own.

It also sets ``mkdocs_hooks``, so templates can leave out what needs these
filters when another engine (Zensical) builds the site without our hooks.
"""

from __future__ import annotations

import datetime as dt

import jinja2
from mkdocs.config.defaults import MkDocsConfig


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
    return env
