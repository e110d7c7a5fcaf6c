"""Fill clinic settings and aftercare times into the page text: a Python-Markdown extension.

Pages and shared snippets write, for example:

    No makeup for the first {{ aftercare.no_makeup_hours | plural("hour") }}.
    {% if clinic.emergency_number %}Call {{ clinic.emergency_number }}.{% endif %}

The names a page can use are ``clinic``, ``reviewer``, ``aftercare`` and ``publishing`` (the
settings under ``extra`` in mkdocs.yml), ``region`` (the words of the clinic's country,
patient_site/regions.py), ``site_url``, the ``plural``
filter, ``write_in()``, ``sign_offs`` (who checked each page, for the About
page's table: each with title, state, name, subject ("Dr Jane Lee,
Consultant dermatologist,"), date and long_date; the text a sign-off covers
gets an empty list, so text around it must not depend on it), and the warning signs of warning-signs.yml
(patient_site/warning_signs.py), in the edition's language:

    ## {{ card_heading("urgent") }} { #urgent }     a help card's heading
    {{ card_signs("urgent", "infection") }}         its signs (of one group)
    {{ signs("eye-pain", "spots-not-settling") }}   some signs, each after its level's link
    See the {{ level("urgent") }} card.             a level's name, linked to its card
    | An itchy rash | {{ level_of("rash-itchy") }} |  the level of one sign, linked to its card
    {{ normal_on("1-3") }}                          the normal signs on a timeline stage's days

The syntax is the one the mkdocs-macros plugin uses. Page text is editor input, so it runs in Jinja's sandbox: no Python
attributes or functions beyond those names, and anything else stops the
build naming the page (a contributor's edit cannot run code at build time). The text is rendered after
pymdownx.snippets has pulled in the shared blocks, so the help cards, the
care page and the handout all read the same values from one place.

Values are escaped for HTML and Markdown, so a clinic name can never add
markup. A misspelt name stops the build with the page and the name.

Both engines run it. mkdocs.yml gives it the settings as typed (YAML
anchors point it at ``extra``), and it checks them (patient_site/settings.py)
before filling anything in, so under Zensical too a wrong value stops the
build. Under MkDocs, hooks/page_variables.py hands it the values already
checked with the environment (CLINIC_NAME=... wins) and names the page
being rendered for messages; Zensical does not say which page it renders.
"""

from __future__ import annotations

import difflib
import functools
import html
import re
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markupsafe import Markup
from patient_site import regions, warning_signs
from patient_site.errors import BuildStop
from patient_site.settings import check_settings

# Run after pymdownx.snippets (priority 32) and before whitespace is normalised (30).
_PRIORITY = 31
# Characters Python-Markdown lets a backslash escape.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~])")

# The page being rendered, for messages; set by hooks/page_variables.py under MkDocs.
current_page = "page text"
# What page text can use: the settings groups (and site_url) and these.
SETTING_GROUPS = ("clinic", "reviewer", "aftercare", "publishing")
ALLOWED = ("clinic, reviewer, aftercare, publishing, region, site_url, sign_offs, the plural filter, write_in() and the warning-sign "
           "functions (card_heading, card_signs, card_group, signs, level, level_of, normal_on)")


def plural(count: int, unit: str) -> str:
    """'1 day', '7 days': for the aftercare times, which clinics can change."""
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


# What a screen reader hears for a line to write on, by the site's language.
WRITE_IN = {"en": "left blank to fill in", "es": "espacio para escribir"}


def write_in(language: str = "en") -> Markup:
    """A line to write on, for a clinic detail that is not set.

    Screen readers hear "left blank to fill in"; paper shows only the line.
    """
    return Markup(f'<span class="write-in"><span class="write-in__text">{WRITE_IN[language]}</span></span>')


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
# Nothing global (write_in is a variable, in its language): not Jinja's range, dict, cycler, joiner, namespace, lipsum.
_environment.globals.clear()


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
            raise BuildStop(f"{current_page}: {error.message} (near line {error.lineno} of the page text)") from error
        except jinja2.UndefinedError as error:
            raise BuildStop(f"{current_page}: {_unknown_name(error.message, self.variables)}") from error
        except jinja2.exceptions.SecurityError as error:
            raise BuildStop(f"{current_page}: the page text does something page text may not ({error}); "
                              f"it can use only {ALLOWED}") from error
        except RecursionError:
            raise BuildStop(f"{current_page}: the page text's {{{{ }}}} or {{% %}} nests brackets or blocks too deeply "
                            f"to be filled in; write it more simply") from None
        except (jinja2.TemplateError, TypeError, ValueError) as error:
            raise BuildStop(f"{current_page}: the page text's {{{{ }}}} or {{% %}} could not be filled in "
                              f"({error}); it can use only {ALLOWED}") from error
        return text.split("\n")


def _sign_functions(path: str, bib: str, language: str, emergency_number: str) -> dict:
    """The warning-sign functions page text can call, each stopping the build with one line on a mistake.

    The sign file is read at the first call, while a page is built: MkDocs
    prints an error raised while it loads the extension with its traceback.
    """
    @functools.cache
    def writer() -> warning_signs.Writer:
        try:
            return warning_signs.Writer(warning_signs.load(Path(path), Path(bib)), language, emergency_number)
        except warning_signs.WarningSignsError as error:
            raise BuildStop("The warning signs are wrong:\n  " + str(error).replace("\n", "\n  ")) from None

    def markdown(name: str):
        def call(*args):
            method = getattr(writer(), name)
            try:
                return Markup(method(*args))
            except warning_signs.WarningSignsError as error:
                raise BuildStop(f"{current_page}: {error}") from None
            except TypeError as error:
                raise BuildStop(f"{current_page}: {name}() was called wrongly ({error})") from None
        call.__name__ = name
        return call

    listed = markdown("listed")
    return {"card_heading": markdown("heading"), "card_signs": markdown("card"), "card_group": markdown("group"),
            "signs": lambda *ids: listed(ids), "level": markdown("link"), "level_of": markdown("level_of"),
            "normal_on": markdown("normal_on")}


class PageVariablesExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {
            "clinic": [{}, "extra.clinic of mkdocs.yml"],
            "reviewer": [{}, "extra.reviewer"],
            "aftercare": [{}, "extra.aftercare"],
            "publishing": [{}, "extra.publishing"],
            "site_url": ["", "site_url"],
            "checked": [False, "True when the values have been checked already (by the MkDocs hook)"],
            "sign_offs": [[], "Each page's title and sign-off (patient_site/sign_off.py), for the About page"],
            "language": ["en", "The pages' language: en or es"],
            "warning_signs": [warning_signs.FILE, "The warning signs, relative to where the build runs"],
            "bibliography": ["sources.bib", "The sources the warning signs cite"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        variables = {group: self.getConfig(group) for group in SETTING_GROUPS}
        if not self.getConfig("checked"):
            checked, problems = check_settings(variables)
            if problems:
                # Not raised here: MkDocs loads extensions while it reads mkdocs.yml and would print
                # the stack with it. The settings hook stops a MkDocs build first, in one message;
                # Zensical stops at the first page.
                md.preprocessors.register(_Refuse("Clinic settings are wrong:\n  " + "\n  ".join(problems)),
                                          "page_variables", _PRIORITY)
                return
            variables.update(checked)
        variables["region"] = regions.words(variables["clinic"].get("region", ""))
        variables["site_url"] = self.getConfig("site_url")
        variables["sign_offs"] = self.getConfig("sign_offs")
        language = self.getConfig("language")
        if language not in WRITE_IN:
            raise BuildStop(f"mkdocs.yml: patient_site.page_variables has language {language!r}; "
                            f"use one of {', '.join(WRITE_IN)}")
        variables["write_in"] = lambda: write_in(language)
        variables.update(_sign_functions(self.getConfig("warning_signs"), self.getConfig("bibliography"),
                                         language, variables["clinic"].get("emergency_number", "")))
        md.preprocessors.register(_FillIn(md, variables), "page_variables", _PRIORITY)


class _Refuse(Preprocessor):
    """Stops the build, with the settings' problems, as soon as a page is read."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def run(self, lines: list[str]) -> list[str]:
        raise BuildStop(self.message)


def makeExtension(**kwargs) -> PageVariablesExtension:
    return PageVariablesExtension(**kwargs)
