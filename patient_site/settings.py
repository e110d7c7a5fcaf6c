"""The clinic settings, reviewer and aftercare times: read, checked and put in a clean form.

hooks/clinic_settings.py runs this before a MkDocs build (with the
environment); the page-text extension (page_variables.py) runs it on the
values it is given, so under Zensical too a wrong value stops the build.

Each setting has a default under ``extra`` in mkdocs.yml, written in quotes,
and an environment variable that overrides it when it is set and not empty
(the README lists them):

    extra:
      clinic:
        name: ""          # CLINIC_NAME
        ...
      aftercare:
        no_makeup_hours: "24"   # NO_MAKEUP_HOURS
        ...

Settings are text, read exactly as typed. The environment is read here, not
through YAML's ``!ENV`` tag: YAML would turn the phone number 02071234567
into the octal number 283457911, drop the "+" of +15550100 and read "" as
None. A default in mkdocs.yml that YAML has already turned into a number is
refused for the same reason: it must be written in quotes.

``site_url`` (SITE_URL) is read and checked here too, since it is printed
on the handout and in every page's canonical link.

A wrong value must never reach a patient's handout, so the build stops with
every problem in one message, each naming the setting, its variable and the
value as typed. Checked values are written back in a clean form: text
trimmed, numbers as ``int``, and a ``tel:`` or ``mailto:`` link for each
phone number and e-mail. Values are not HTML-escaped here: templates escape
them where they are written (``| e`` in HTML, ``tojson`` in JSON-LD,
the print footer's ``css_string`` macro in CSS).
"""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Any, Callable, Mapping
from urllib.parse import urlsplit

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from patient_site import paper_fit, regions
from patient_site.text import hidden_character

# Digits, spaces and + - ( ) . only, starting with +, a digit or an area code
# in brackets: "+1 555 0100", "+44 (0)20 7123 4567", "(03) 9123 4567".
_PHONE = re.compile(r"^(\+|\()?[0-9][0-9 ().\-]*[0-9]$")
_EMERGENCY = re.compile(r"^[0-9]{2,6}$")
_WHOLE_NUMBER = re.compile(r"^[1-9][0-9]*$")
# One @, no spaces or angle brackets, a dot in the domain: "care@harbor.example".
_EMAIL = re.compile(r"^[^@\s<>\"(),;:]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+$")
_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$")
MAX_NAME = 80
MAX_ADDRESS = 200
# The longest values whose lines still fit the foot of every printed sheet
# (overrides/partials/print-footer.html: five 12 pt lines a box; the
# handout's three): the address, "Changed since <reviewer> checked it", the
# clinic's name and its phone. tests/test_paper_limits.py prints every
# setting at these lengths, in wide capitals and the widest common fallback
# font (DejaVu Sans), and reads each line back from the PDF.
MAX_PRINTED_NAME = 60
MAX_REVIEWER_NAME = 40
MAX_PHONE = 24
MAX_SITE_URL = 80
_ON_PAPER = "so it prints whole at the foot of every printed sheet"
_SHORT_NAME, _FEWER_SPACES, _DEGREES_IN_ROLE = ("use the short form of the name", "use fewer spaces",
                                                "put degrees in REVIEWER_ROLE")
# The foot prints an address without its scheme, with a page's own part after it.
_PRINTED_ADDRESS = re.compile(r"^https?://")
_LONGEST_PAGE = "/es/why-breakouts-happen/"


def _text(limit: int, why: str = "") -> Callable[[str], tuple[str | None, str]]:
    def check(value: str) -> tuple[str | None, str]:
        if len(value) > limit:
            return None, f"is {len(value)} characters long; the limit is {limit}" + (f", {why}" if why else "")
        return value, ""
    return check


def _email(value: str) -> tuple[str | None, str]:
    if len(value) > MAX_NAME or not _EMAIL.match(value):
        return None, "is not an e-mail address: use one like 'care@harbor-skin.example'"
    return value, ""


def _ascii_form(value: str, parts) -> str:
    """The address with its host as browsers send it ("xn--..."), for a name with letters outside a-z."""
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except (UnicodeError, AttributeError):
        return ""
    return value.replace(parts.hostname, host, 1) if host != parts.hostname else ""


def _web_address(value: str) -> tuple[str | None, str]:
    """An http(s) address with a host name: 'https://harbor-skin.example/'."""
    parts = urlsplit(value)
    if (parts.scheme in ("http", "https") and parts.hostname and not parts.hostname.isascii()
            and (ascii_form := _ascii_form(value, parts))):
        return None, (f"has a name with letters outside a-z, which not every program reads the same way; "
                      f"write it as browsers send it: '{ascii_form}'")
    if (parts.scheme not in ("http", "https") or not parts.netloc or not _HOST.match(parts.netloc)
            or re.search(r"[\s<>\"]", value)):
        return None, "is not a web address: use one that starts with https://, like 'https://harbor-skin.example/'"
    try:
        parts.port
    except ValueError:
        return None, "has a port number no site can have (the most is 65535); leave the port out"
    return value, ""


def _phone(value: str) -> tuple[str | None, str]:
    digits = re.sub(r"\D", "", value)
    if not _PHONE.match(value) or not 3 <= len(digits) <= 15:
        return None, "is not a phone number: use 3 to 15 digits, with spaces, +, -, ( ) or . between them, as in '+1 555 0100'"
    if len(value) > MAX_PHONE:
        return None, f"is {len(value)} characters long; the limit is {MAX_PHONE}, {_ON_PAPER}: {_FEWER_SPACES}"
    return value, ""


def _emergency(value: str) -> tuple[str | None, str]:
    if not _EMERGENCY.match(value):
        return None, "is not an emergency number: use 2 to 6 digits, as in '911', '999', '112' or '000'"
    return value, ""


def _whole_number(low: int, high: int, example: int) -> Callable[[str], tuple[int | None, str]]:
    def check(value: str) -> tuple[int | None, str]:
        # Digits only, no leading zero: "024", "0x18" and "1_2" would each
        # read as a different number somewhere, so none is guessed at.
        if not _WHOLE_NUMBER.match(value) or not low <= int(value) <= high:
            return None, (f"is not a whole number from {low} to {high} in plain digits (no leading zero), "
                          f"as in '{example}'")
        return int(value), ""
    return check


class Env:
    """A setting's environment variable, kept with its field (Annotated metadata)."""

    def __init__(self, variable: str) -> None:
        self.variable = variable


def _setting(variable: str, check: Callable[[str], tuple[Any, str]], optional: bool = True) -> tuple:
    """Annotated metadata for one setting: its variable, and a check that reads the text as typed."""
    def validate(value: Any) -> Any:
        clean, why = _check_one(value, check, optional)
        if why:
            # "{why}" is filled from the context, so braces in a value cannot break the message.
            raise PydanticCustomError("setting", "{why}", {"why": why})
        return clean
    return Env(variable), BeforeValidator(validate)


# The models: one per group under ``extra``. A setting missing from mkdocs.yml,
# or one that is not a setting, is refused (extra="forbid").
_MODEL = ConfigDict(extra="forbid")


class Clinic(BaseModel):
    model_config = _MODEL
    name: Annotated[str, *_setting("CLINIC_NAME", _text(MAX_PRINTED_NAME, f"{_ON_PAPER}; {_SHORT_NAME}"))]
    phone: Annotated[str, *_setting("CLINIC_PHONE", _phone)]
    after_hours_phone: Annotated[str, *_setting("CLINIC_AFTER_HOURS_PHONE", _phone)]
    email: Annotated[str, *_setting("CLINIC_EMAIL", _email)]
    address: Annotated[str, *_setting("CLINIC_ADDRESS", _text(MAX_ADDRESS))]
    website: Annotated[str, *_setting("CLINIC_WEBSITE", _web_address)]
    emergency_number: Annotated[str, *_setting("EMERGENCY_NUMBER", _emergency)]
    # The clinic's country (patient_site/regions.py): its words, its urgent services, its regulator first.
    region: Annotated[str, *_setting("REGION", regions.check)]


class Reviewer(BaseModel):
    model_config = _MODEL
    # Printed as "Changed since <name> checked it"; the role and registration are not.
    name: Annotated[str, *_setting("REVIEWER_NAME", _text(MAX_REVIEWER_NAME, f"{_ON_PAPER}; {_DEGREES_IN_ROLE}"))]
    role: Annotated[str, *_setting("REVIEWER_ROLE", _text(MAX_NAME))]
    # A professional register's number, as the clinic writes it: "GMC 1234567".
    registration: Annotated[str, *_setting("REVIEWER_REGISTRATION", _text(MAX_NAME))]

    @model_validator(mode="after")
    def _role_needs_a_name(self) -> "Reviewer":
        if self.registration and not self.name:
            raise PydanticCustomError("setting", "'extra.reviewer.registration (REVIEWER_REGISTRATION)' is set, "
                                      "but 'extra.reviewer.name (REVIEWER_NAME)' is empty; set both, or neither")
        if self.role and not self.name:
            raise PydanticCustomError("setting", "'extra.reviewer.role (REVIEWER_ROLE)' is set, but "
                                      "'extra.reviewer.name (REVIEWER_NAME)' is empty; set both, or neither")
        return self


class Aftercare(BaseModel):
    model_config = _MODEL
    no_makeup_hours: Annotated[int, *_setting("NO_MAKEUP_HOURS", _whole_number(1, 336, 24), optional=False)]
    no_sweat_hours: Annotated[int, *_setting("NO_SWEAT_HOURS", _whole_number(1, 336, 48), optional=False)]
    pause_actives_days: Annotated[int, *_setting("PAUSE_ACTIVES_DAYS", _whole_number(1, 90, 7), optional=False)]
    sun_protection_weeks: Annotated[int, *_setting("SUN_PROTECTION_WEEKS", _whole_number(1, 52, 4), optional=False)]


def _yes_or_no(value: str) -> tuple[bool | None, str]:
    if value.lower() not in ("yes", "no"):
        return None, "is not 'yes' or 'no'"
    return value.lower() == "yes", ""


class Publishing(BaseModel):
    model_config = _MODEL
    # Where "Report a mistake on this page" writes, besides the clinic's e-mail.
    report_email: Annotated[str, *_setting("REPORT_EMAIL", _email)]
    # "yes": a page changed since its clinician's sign-off stops the build (patient_site/sign_off.py).
    require_sign_off: Annotated[bool, *_setting("REQUIRE_SIGN_OFF", _yes_or_no, optional=False)]
    # "no": the Spanish edition is left out: not built, printed or linked (tools/edition.py).
    spanish_edition: Annotated[bool, *_setting("SPANISH_EDITION", _yes_or_no, optional=False)]
    # "yes": HSTS covers every site under the domain too (patient_site/security_policy.py).
    hsts_include_subdomains: Annotated[bool, *_setting("HSTS_INCLUDE_SUBDOMAINS", _yes_or_no, optional=False)]


GROUPS: dict[str, type[BaseModel]] = {"clinic": Clinic, "reviewer": Reviewer, "aftercare": Aftercare,
                                      "publishing": Publishing}
# (group, key): environment variable, read off the models.
SETTINGS: dict[tuple[str, str], str] = {
    (group, key): next(item.variable for item in field.metadata if isinstance(item, Env))
    for group, model in GROUPS.items() for key, field in model.model_fields.items()
}


def _check_one(value: Any, check: Callable[[str], tuple[Any, str]], optional: bool) -> tuple[Any, str]:
    """Return the clean value, or a reason it is wrong (worded to follow the name)."""
    if not isinstance(value, str):
        return None, _not_text(value)
    hidden = hidden_character(value)
    if hidden and "line break" in hidden:
        return None, f"contains {hidden}; put it on one line (split an address's parts with commas)"
    if hidden:
        return None, f"contains {hidden}, a character you cannot see; type the value again without it"
    value = value.strip()
    if not value:
        return ("", "") if optional else (None, "is empty")
    clean, why = check(value)
    return clean, (f"{why}; it is {value!r}" if why else "")


def _not_text(value: Any) -> str:
    return (f"is {value!r}, not text: YAML has read it as a number or a list, so it may not "
            f"be what was typed; write it in quotes, as in \"24\" or \"+1 555 0100\"")


def _as_typed(default: Any, variable: str, environ: Mapping[str, str], language: str = "en",
              source: str = "mkdocs.yml") -> tuple[Any, str]:
    """The value as typed, and where it came from, named as the editor typed it.

    The environment variable wins when it is set and not empty: "" is how
    the Pages workflow passes a variable nobody set.
    """
    if environ.get(variable, ""):
        # A value from clinic.yml (clinic_file.Typed) knows the line it was typed on.
        return environ[variable], getattr(environ[variable], "origin",
                                          f"environment variable {edition_variable(variable, language)}")
    return default, source


def check_settings(extra: dict[str, Any], environ: Mapping[str, str] | None = None, language: str = "en",
                   source: str = "mkdocs.yml") -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Return the checked settings by group, and a list of problems.

    ``extra`` is the config file's section (the defaults; ``source`` names the
    file); ``environ`` the environment whose variables override them (none if
    not given), as edition_environment() gives it for ``language``. Each
    problem names where the value came from, the setting and its variable as
    the editor sets it (REVIEWER_NAME_ES for the Spanish edition).
    """
    environ = {} if environ is None else environ
    checked: dict[str, dict[str, Any]] = {}
    problems = []
    for group, model in GROUPS.items():
        known = list(model.model_fields)
        section = extra.get(group)
        if not isinstance(section, dict):
            problems.append(f"{source}: setting 'extra.{group}' is missing; it must hold {', '.join(known)}")
            continue
        values, origins = {}, {}
        for key, value in section.items():
            variable = SETTINGS.get((group, key))
            values[key], origins[key] = (_as_typed(value, variable, environ, language, source) if variable
                                         else (value, source))
        try:
            checked[group] = model.model_validate(values).model_dump()
        except ValidationError as error:
            problems += [_problem(group, known, origins, detail, language, source) for detail in error.errors()]
            continue
        for key, why in _too_wide_for_paper(group, checked[group]):
            problems.append(f"{origins.get(key, source)}: setting 'extra.{group}.{key} "
                            f"({edition_variable(SETTINGS[group, key], language)})' {why}")
    clinic = checked.get("clinic", {})
    if "region" in clinic:
        checked["region"] = regions.words(clinic["region"])
        clinic["emergency_number"] = clinic["emergency_number"] or checked["region"]["emergency_number"]
    for key in ("phone", "after_hours_phone"):
        if clinic.get(key):
            clinic[f"{key}_href"] = dial_link(clinic[key])
    if clinic.get("email"):
        clinic["email_href"] = "mailto:" + clinic["email"]
    return checked, problems


def dial_link(phone: str) -> str:
    """The tel: link for a number as typed: its digits, the leading "+", no trunk "(0)".

    "+44 (0)20 7123 4567" is written the UK way; the 0 is dialled only
    from inside the country, so a phone calls +44 20 7123 4567.
    """
    if phone.startswith("+"):
        phone = re.sub(r"\(\s*0\s*\)", "", phone)
    return "tel:" + re.sub(r"[^0-9+]", "", phone)


# How the foot of a printed sheet writes each value (overrides/partials/words.html,
# the longer of the two languages), in which box, and how many lines it may take
# on a page's sheet and on the handout's (their other lines: print-footer.html).
_ON_FOOT = {
    ("clinic", "name"): (["Clínica: {}"], "right", 3, 2, _SHORT_NAME),
    ("clinic", "phone"): (["Teléfono: {}"], "right", 2, 1, _FEWER_SPACES),
    ("reviewer", "name"): (["Changed since {} checked it", "Cambió desde que {} la aprobó"], "left", 2, 3,
                           _DEGREES_IN_ROLE),
}


def _too_wide_for_paper(group: str, values: dict[str, Any]) -> list[tuple[str, str]]:
    """Settings that could not print whole at the foot of a sheet, measured (paper_fit.py), with why."""
    found = []
    for (where, key), (forms, box, page_lines, handout_lines, fix) in _ON_FOOT.items():
        if where != group or not values.get(key):
            continue
        printed = [form.format(values[key]) for form in forms]
        if any(paper_fit.lines(text, paper_fit.PAGE[box]) > page_lines
               or paper_fit.lines(text, paper_fit.HANDOUT[box]) > handout_lines for text in printed):
            found.append((key, f"is too wide to print whole at the foot of every printed sheet (a word too long "
                               f"for a line, or more lines than there is room for); {fix}"))
    return found


def _problem(group: str, known: list[str], origins: dict[str, str], detail: dict, language: str = "en",
             source: str = "mkdocs.yml") -> str:
    """One line for one of pydantic's errors: where, which setting (and variable), what is wrong."""
    key = str(detail["loc"][0]) if detail["loc"] else ""
    variable = SETTINGS.get((group, key))
    name = f"extra.{group}.{key} ({edition_variable(variable, language)})" if variable else f"extra.{group}.{key}"
    if detail["type"] == "missing":
        return f"{source}: setting '{name}' is missing"
    if detail["type"] == "extra_forbidden":
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"known ones are {', '.join(known)}"
        return f"{source}: setting '{name}' is not a known setting; {hint}"
    if not key:  # a rule across the group's settings: named where its settings came from
        message = detail["msg"]
        for plain in EDITION_VARIABLES:
            message = message.replace(f"({plain})", f"({edition_variable(plain, language)})")
        where = sorted({origin for origin in origins.values() if origin != source}) or [source]
        return f"{' and '.join(where)}: setting {message}"
    return f"{origins.get(key, source)}: setting '{name}' {detail['msg']}"


def misspelt_variables(environ: Mapping[str, str]) -> list[str]:
    """A set variable that is nearly a setting's name (CLINIC_PHNOE) would be ignored: say so.

    Only names that start like a setting's (CLINIC_, NO_, ...) are compared,
    so the rest of the environment cannot stop a build.
    """
    known = ["SITE_URL", "DRAFT", *SETTINGS.values(), *(edition_variable(v, "es") for v in EDITION_VARIABLES)]
    prefixes = {variable.split("_")[0] + "_" for variable in known}
    problems = []
    for name in sorted(environ):
        if name in known or not name.startswith(tuple(prefixes)) or not environ[name]:
            continue
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.8)
        if close:
            problems.append(f"environment variable {name} is not a setting, so it would be ignored; "
                            f"did you mean {close[0]}?")
    return problems


# The address GitHub Pages gives a repository, which the Pages workflow passes:
# used only when SITE_URL is set neither in clinic.yml nor as a variable.
PAGES_VARIABLE = "PAGES_SITE_URL"


def check_site_url(default: Any, environ: Mapping[str, str] | None = None,
                   edition_path: str = "") -> tuple[str | None, list[str]]:
    """The site's address (SITE_URL, then PAGES_SITE_URL, then mkdocs.yml), ending in "/", or problems.

    SITE_URL is the English home page; another language's edition lives
    below it, at ``edition_path`` ("es/"), which its own config's site_url
    already includes.

    MkDocs accepts any scheme; patients need an http(s) address to open. A
    query or fragment would end up inside every page's canonical address.
    """
    name = "site_url (SITE_URL)"
    environ = environ or {}
    value, origin = _as_typed(default if default is not None else "", "SITE_URL", environ)
    if origin == "mkdocs.yml" and environ.get(PAGES_VARIABLE, ""):
        # Set nowhere by the clinic: the Pages workflow's address for the repository.
        value, origin = environ[PAGES_VARIABLE], f"environment variable {PAGES_VARIABLE}"
    why = "" if isinstance(value, str) else _not_text(value)
    if not why:
        hidden = hidden_character(value)
        value = value.strip()
        if hidden:
            why = f"contains {hidden}, a character you cannot see; type the address again without it"
        elif not value:
            why = "is empty; the QR code and canonical links need it, as in 'https://harbor-skin.example/'"
        else:
            clean, why = _web_address(value)
            parts = urlsplit(value)
            if not why and (parts.query or parts.fragment or value.endswith(("?", "#"))):
                why = ("has a '?' or '#' part; use the address of the site's home page alone, "
                       "as in 'https://harbor-skin.example/after-infini/'")
            elif not why and len(value) > MAX_SITE_URL:
                why = (f"is {len(value)} characters long; the limit is {MAX_SITE_URL}, {_ON_PAPER} "
                       "with each page's own part after it: use a shorter address")
            elif not why and paper_fit.lines(_PRINTED_ADDRESS.sub("", value).rstrip("/") + _LONGEST_PAGE,
                                             paper_fit.PAGE["left"], breaks=" /.-") > 2:
                why = ("is too wide to print whole in the two lines the foot of every printed sheet has for it "
                       "(with a page's own part after it); use a shorter address")
            if why:
                why = f"{why}; it is {value!r}"
    if why:
        return None, [f"{origin}: setting '{name}' {why}"]
    value = value if value.endswith("/") else value + "/"
    return (value + edition_path if origin != "mkdocs.yml" else value), []


# The settings a language's edition reads from variables of its own: the
# reviewer, since whoever checked the English has not checked the Spanish.
EDITION_VARIABLES = ("REVIEWER_NAME", "REVIEWER_ROLE", "REVIEWER_REGISTRATION")


def edition_variable(variable: str, language: str) -> str:
    """REVIEWER_NAME is REVIEWER_NAME_ES for the Spanish edition; other names stay."""
    return f"{variable}_{language.upper()}" if language != "en" and variable in EDITION_VARIABLES else variable


def edition_environment(environ: Mapping[str, str], language: str) -> dict[str, str]:
    """The environment as a language's edition reads it: its own reviewer's variables in place of the English."""
    seen = dict(environ)
    if language != "en":
        for variable in EDITION_VARIABLES:
            seen[variable] = environ.get(edition_variable(variable, language), "")
    return seen


def with_environment(config: dict[str, Any], environ: Mapping[str, str]) -> dict[str, Any]:
    """mkdocs.yml's settings (a loaded config) with the environment's values written in, as typed.

    For an engine that does not run hooks/clinic_settings.py (Zensical): the
    step around its build writes this config, and the page-text extension
    then checks the values as it does those typed in mkdocs.yml.
    """
    for (group, key), variable in SETTINGS.items():
        if environ.get(variable, "") and isinstance(config.get("extra", {}).get(group), dict):
            # str(): a value from clinic.yml carries its line (clinic_file.Typed), which YAML cannot write.
            config["extra"][group][key] = str(environ[variable])
    if environ.get("SITE_URL", ""):
        config["site_url"] = str(environ["SITE_URL"])
        # The extensions that read site_url (through a YAML alias, lost once loaded). mkdocs.yml
        # lists them as a mapping (name: options); a list of one-key mappings is read too.
        extensions = config.get("markdown_extensions", [])
        for options in (extensions.values() if isinstance(extensions, dict) else
                        [next(iter(item.values()), None) for item in extensions if isinstance(item, dict)]):
            for key in ("url", "site_url"):
                if isinstance(options, dict) and key in options:
                    options[key] = str(environ["SITE_URL"])
    return config
