"""Check the clinic settings, reviewer and aftercare times before a build.

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
``css_string`` in CSS).
"""

from __future__ import annotations

import difflib
import os
import re
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from patient_site.paper import draft_requested
from patient_site.text import hidden_character

# Digits, spaces and + - ( ) . only, starting with + or a digit: "+1 555 0100".
_PHONE = re.compile(r"^\+?[0-9][0-9 ().\-]*[0-9]$")
_EMERGENCY = re.compile(r"^[0-9]{2,6}$")
_WHOLE_NUMBER = re.compile(r"^[1-9][0-9]*$")
# One @, no spaces or angle brackets, a dot in the domain: "care@harbor.example".
_EMAIL = re.compile(r"^[^@\s<>\"(),;:]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+$")
_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$")
MAX_NAME = 80
MAX_ADDRESS = 200


def _text(limit: int) -> Callable[[str], tuple[str | None, str]]:
    def check(value: str) -> tuple[str | None, str]:
        if len(value) > limit:
            return None, f"is {len(value)} characters long; the limit is {limit}"
        return value, ""
    return check


def _email(value: str) -> tuple[str | None, str]:
    if len(value) > MAX_NAME or not _EMAIL.match(value):
        return None, "is not an e-mail address: use one like 'care@harbor-skin.example'"
    return value, ""


def _web_address(value: str) -> tuple[str | None, str]:
    """An http(s) address with a host name: 'https://harbor-skin.example/'."""
    parts = urlsplit(value)
    if (parts.scheme not in ("http", "https") or not parts.netloc or not _HOST.match(parts.netloc)
            or re.search(r"[\s<>\"]", value)):
        return None, "is not a web address: use one that starts with https://, like 'https://harbor-skin.example/'"
    return value, ""


def _phone(value: str) -> tuple[str | None, str]:
    digits = re.sub(r"\D", "", value)
    if not _PHONE.match(value) or not 3 <= len(digits) <= 15:
        return None, "is not a phone number: use 3 to 15 digits, with spaces, +, -, ( ) or . between them, as in '+1 555 0100'"
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


# (group, key): (environment variable, check, may be left empty)
SETTINGS: dict[tuple[str, str], tuple[str, Callable[[str], tuple[Any, str]], bool]] = {
    ("clinic", "name"): ("CLINIC_NAME", _text(MAX_NAME), True),
    ("clinic", "phone"): ("CLINIC_PHONE", _phone, True),
    ("clinic", "after_hours_phone"): ("CLINIC_AFTER_HOURS_PHONE", _phone, True),
    ("clinic", "email"): ("CLINIC_EMAIL", _email, True),
    ("clinic", "address"): ("CLINIC_ADDRESS", _text(MAX_ADDRESS), True),
    ("clinic", "website"): ("CLINIC_WEBSITE", _web_address, True),
    ("clinic", "emergency_number"): ("EMERGENCY_NUMBER", _emergency, True),
    ("reviewer", "name"): ("REVIEWER_NAME", _text(MAX_NAME), True),
    ("reviewer", "role"): ("REVIEWER_ROLE", _text(MAX_NAME), True),
    ("aftercare", "no_makeup_hours"): ("NO_MAKEUP_HOURS", _whole_number(1, 336, 24), False),
    ("aftercare", "no_sweat_hours"): ("NO_SWEAT_HOURS", _whole_number(1, 336, 48), False),
    ("aftercare", "pause_actives_days"): ("PAUSE_ACTIVES_DAYS", _whole_number(1, 90, 7), False),
    ("aftercare", "sun_protection_weeks"): ("SUN_PROTECTION_WEEKS", _whole_number(1, 52, 4), False),
}


def _check_one(value: str, check: Callable[[str], tuple[Any, str]], optional: bool) -> tuple[Any, str]:
    """Return the clean value, or a reason it is wrong (worded to follow the name)."""
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


def _as_typed(default: Any, variable: str, environ: Mapping[str, str]) -> tuple[str | None, str, str]:
    """The value as typed, where it came from, and why it cannot be read (or "").

    The environment variable wins when it is set and not empty: "" is how
    the Pages workflow passes a variable nobody set.
    """
    if environ.get(variable, ""):
        return environ[variable], f"environment variable {variable}", ""
    if isinstance(default, str):
        return default, "mkdocs.yml", ""
    return None, "mkdocs.yml", (f"is {default!r}, not text: YAML has read it as a number or a list, so it may not "
                                f"be what was typed; write it in quotes, as in \"24\" or \"+1 555 0100\"")


def check_settings(extra: dict[str, Any], environ: Mapping[str, str] | None = None
                   ) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Return the checked settings by group, and a list of problems.

    ``extra`` is mkdocs.yml's section (the defaults); ``environ`` the
    environment whose variables override them (none if not given).
    """
    environ = {} if environ is None else environ
    checked: dict[str, dict[str, Any]] = {}
    problems = []
    for group in dict.fromkeys(group for group, _ in SETTINGS):
        known = {key: rule for (g, key), rule in SETTINGS.items() if g == group}
        section = extra.get(group)
        if not isinstance(section, dict):
            problems.append(f"mkdocs.yml: setting 'extra.{group}' is missing; it must hold {', '.join(known)}")
            continue
        checked[group] = {}
        for key, (variable, check, optional) in known.items():
            name = f"extra.{group}.{key} ({variable})"
            if key not in section:
                problems.append(f"mkdocs.yml: setting '{name}' is missing")
                continue
            value, origin, why = _as_typed(section[key], variable, environ)
            if not why:
                clean, why = _check_one(value, check, optional)
            if why:
                problems.append(f"{origin}: setting '{name}' {why}")
            else:
                checked[group][key] = clean
        for key in sorted(set(section) - set(known)):
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known ones are {', '.join(known)}"
            problems.append(f"mkdocs.yml: setting 'extra.{group}.{key}' is not a known setting; {hint}")
    clinic = checked.get("clinic", {})
    for key in ("phone", "after_hours_phone"):
        if clinic.get(key):
            clinic[f"{key}_href"] = "tel:" + re.sub(r"[^0-9+]", "", clinic[key])
    if clinic.get("email"):
        clinic["email_href"] = "mailto:" + clinic["email"]
    reviewer = checked.get("reviewer", {})
    if reviewer.get("role") and not reviewer.get("name"):
        problems.append("mkdocs.yml: setting 'extra.reviewer.role (REVIEWER_ROLE)' is set, but "
                        "'extra.reviewer.name (REVIEWER_NAME)' is empty; set both, or neither")
    return checked, problems


def misspelt_variables(environ: Mapping[str, str]) -> list[str]:
    """A set variable that is nearly a setting's name (CLINIC_PHNOE) would be ignored: say so.

    Only names that start like a setting's (CLINIC_, NO_, ...) are compared,
    so the rest of the environment cannot stop a build.
    """
    known = ["SITE_URL", "DRAFT"] + [variable for variable, _, _ in SETTINGS.values()]
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


def check_site_url(default: Any, environ: Mapping[str, str] | None = None) -> tuple[str | None, list[str]]:
    """The site's address (SITE_URL wins over mkdocs.yml), ending in "/", or problems.

    MkDocs accepts any scheme; patients need an http(s) address to open. A
    query or fragment would end up inside every page's canonical address.
    """
    name = "site_url (SITE_URL)"
    value, origin, why = _as_typed(default if default is not None else "", "SITE_URL", environ or {})
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
            if why:
                why = f"{why}; it is {value!r}"
    if why:
        return None, [f"{origin}: setting '{name}' {why}"]
    return (value if value.endswith("/") else value + "/"), []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    checked, problems = check_settings(config.extra, os.environ)
    site_url, url_problems = check_site_url(config.site_url, os.environ)
    problems += url_problems + misspelt_variables(os.environ)
    draft, draft_problem = draft_requested(os.environ)
    problems += [draft_problem] if draft_problem else []
    if problems:
        raise PluginError("Clinic settings are wrong:\n  " + "\n  ".join(problems))
    config.extra.update(checked)
    config.extra["draft"] = draft
    config["site_url"] = site_url
    return config
