"""Fill clinic settings and aftercare times into the page text.

Pages and shared snippets write, for example:

    No makeup for the first {{ aftercare.no_makeup_hours | plural("hour") }}.
    {% if clinic.emergency_number %}Call {{ clinic.emergency_number }}.{% endif %}

The names a page can use are ``clinic``, ``reviewer`` and ``aftercare`` (the
settings under ``extra`` in mkdocs.yml), ``site_url``, the ``plural``
filter and ``write_in()``. The syntax is the one the mkdocs-macros plugin
uses. Page text is editor input, so it runs in Jinja's sandbox: no Python
attributes or functions beyond those names, and anything else stops the
build naming the page (a contributor's edit cannot run code at build time). The text is rendered after
pymdownx.snippets has pulled in the shared blocks, so the help cards, the
care page and the handout all read the same values from one place.

Values are escaped for HTML and Markdown, so a clinic name can never add
markup. A misspelt name stops the build with the page and the name.
"""

from __future__ import annotations

import difflib
import html
import re

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

# Run after pymdownx.snippets (priority 32) and before whitespace is normalised (30).
_PRIORITY = 31
# Characters Python-Markdown lets a backslash escape.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~])")

_current_page = "?"
# What page text can use: the settings groups (and site_url) and these.
SETTING_GROUPS = ("clinic", "reviewer", "aftercare")
ALLOWED = "clinic, reviewer, aftercare, site_url, the plural filter and write_in()"


def plural(count: int, unit: str) -> str:
    """'1 day', '7 days': for the aftercare times, which clinics can change."""
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def write_in() -> Markup:
    """A line to write on, for a clinic detail that is not set.

    Screen readers hear "left blank to fill in"; paper shows only the line.
    """
    return Markup('<span class="write-in"><span class="write-in__text">left blank to fill in</span></span>')


def _escape(value: object) -> str:
    if isinstance(value, Markup):
        return str(value)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(value), quote=True))


_environment = ImmutableSandboxedEnvironment(
    undefined=jinja2.StrictUndefined,
    finalize=_escape,
    keep_trailing_newline=True,
    # Markdown uses "{#id}" for heading ids; keep Jinja comments out of its way.
    comment_start_string="{##",
    comment_end_string="##}",
)
_environment.filters["plural"] = plural
# Only write_in(): not Jinja's range, dict, cycler, joiner, namespace, lipsum.
_environment.globals.clear()
_environment.globals["write_in"] = write_in


def _unknown_name(message: str, variables: dict) -> str:
    """Jinja's "'dict object' has no attribute 'x'", said with the group and the closest real name."""
    missing = re.search(r"has no attribute '([^']+)'", message) or re.search(r"'([^']+)' is undefined", message)
    name = missing.group(1) if missing else ""
    groups = {group: names for group, names in variables.items() if isinstance(names, dict)}
    for group, names in groups.items():
        if name and difflib.get_close_matches(name, names, n=1):
            close = difflib.get_close_matches(name, names, n=1)[0]
            return f"'{group}.{name}' is not a setting; did you mean {{{{ {group}.{close} }}}}?"
    close = difflib.get_close_matches(name, list(variables), n=1) if name else []
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"{message}; {hint}page text can use only {ALLOWED}"


class _FillIn(Preprocessor):
    def __init__(self, md: Markdown, variables: dict) -> None:
        super().__init__(md)
        self.variables = variables

    def run(self, lines: list[str]) -> list[str]:
        try:
            text = _environment.from_string("\n".join(lines)).render(self.variables)
        except jinja2.TemplateSyntaxError as error:
            raise PluginError(f"{_current_page}: {error.message} (near line {error.lineno} of the page text)") from error
        except jinja2.UndefinedError as error:
            raise PluginError(f"{_current_page}: {_unknown_name(error.message, self.variables)}") from error
        except jinja2.exceptions.SecurityError as error:
            raise PluginError(f"{_current_page}: the page text does something page text may not ({error}); "
                              f"it can use only {ALLOWED}") from error
        except (jinja2.TemplateError, TypeError, ValueError) as error:
            raise PluginError(f"{_current_page}: the page text's {{{{ }}}} or {{% %}} could not be filled in "
                              f"({error}); it can use only {ALLOWED}") from error
        return text.split("\n")


class PageVariables(Extension):
    def __init__(self, variables: dict) -> None:
        super().__init__()
        self.variables = variables

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_FillIn(md, self.variables), "page_variables", _PRIORITY)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    variables = {group: config.extra[group] for group in SETTING_GROUPS}
    variables["site_url"] = config.site_url
    config.markdown_extensions.append(PageVariables(variables))
    return config


def on_page_markdown(markdown: str, page: Page, **_) -> str:
    # Remember which page is being rendered, so errors can name it.
    global _current_page
    _current_page = f"docs/{page.file.src_uri}"
    return markdown
