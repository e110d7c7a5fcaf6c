"""Check the clinic settings, reviewer and aftercare times before a build.

Clinics set these under ``extra`` in mkdocs.yml, or with environment
variables when they build (the README lists them):

    extra:
      clinic:
        name: !ENV [CLINIC_NAME, ""]
        ...
      reviewer:
        name: !ENV [REVIEWER_NAME, ""]
        ...
      aftercare:
        no_makeup_hours: !ENV [NO_MAKEUP_HOURS, 24]
        ...

``site_url`` (SITE_URL) is checked here too, since it is printed on the
handout and in every page's canonical link.

A wrong value must never reach a patient's handout, so the build stops with
every problem in one message, each naming the setting and its variable.
Checked values are written back in a clean form: text trimmed, numbers as
``int``, and a ``tel:`` or ``mailto:`` link for each phone number and e-mail.
Values are not HTML-escaped here: templates escape them where they are
written (``| e`` in HTML, ``tojson`` in JSON-LD, ``css_string`` in CSS).
"""

from __future__ import annotations

import re
from typing import Any, Callable
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

# Digits, spaces and + - ( ) . only, starting with + or a digit: "+1 555 0100".
_PHONE = re.compile(r"^\+?[0-9][0-9 ().\-]*[0-9]$")
_EMERGENCY = re.compile(r"^[0-9]{2,6}$")
_WHOLE_NUMBER = re.compile(r"^[0-9]+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# One @, no spaces or angle brackets, a dot in the domain: "care@harbor.example".
_EMAIL = re.compile(r"^[^@\s<>\"(),;:]+@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)+$")
_HOST = re.compile(r"^[A-Za-z0-9.\-]+(:[0-9]{1,5})?$")
MAX_NAME = 80
MAX_ADDRESS = 200


def _text(limit: int) -> Callable[[str], tuple[str | None, str]]:
    def check(value: str) -> tuple[str | None, str]:
        if _CONTROL.search(value):
            return None, "contains a line break or control character; use commas to separate lines"
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
            or _CONTROL.search(value) or re.search(r"[\s<>\"]", value)):
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


def _whole_number(low: int, high: int) -> Callable[[str], tuple[int | None, str]]:
    def check(value: str) -> tuple[int | None, str]:
        if not _WHOLE_NUMBER.match(value) or not low <= int(value) <= high:
            return None, f"is not a whole number from {low} to {high}"
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
    ("aftercare", "no_makeup_hours"): ("NO_MAKEUP_HOURS", _whole_number(1, 336), False),
    ("aftercare", "no_sweat_hours"): ("NO_SWEAT_HOURS", _whole_number(1, 336), False),
    ("aftercare", "pause_actives_days"): ("PAUSE_ACTIVES_DAYS", _whole_number(1, 90), False),
    ("aftercare", "sun_protection_weeks"): ("SUN_PROTECTION_WEEKS", _whole_number(1, 52), False),
}


def _check_one(raw: Any, check: Callable[[str], tuple[Any, str]], optional: bool) -> tuple[Any, str]:
    """Return the clean value, or a reason it is wrong (worded to follow the name)."""
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        return None, f"must be text or a number, not {raw!r}"
    value = str(raw).strip()
    if not value:
        return ("", "") if optional else (None, "is empty")
    clean, why = check(value)
    return clean, (f"{why}; it is {value!r}" if why else "")


def check_settings(extra: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Return the checked settings by group, and a list of problems."""
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
            clean, why = _check_one(section[key], check, optional)
            if why:
                problems.append(f"mkdocs.yml: setting '{name}' {why}")
            else:
                checked[group][key] = clean
        for key in sorted(set(section) - set(known)):
            problems.append(f"mkdocs.yml: setting 'extra.{group}.{key}' is not a known setting; "
                            f"known ones are {', '.join(known)}")
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


def check_site_url(site_url: Any) -> list[str]:
    """MkDocs accepts any scheme; patients need an http(s) address to open."""
    if not site_url:
        return ["mkdocs.yml: setting 'site_url (SITE_URL)' is empty; the QR code and canonical links need it"]
    clean, why = _web_address(str(site_url))
    return [] if clean else [f"mkdocs.yml: setting 'site_url (SITE_URL)' {why}; it is {str(site_url)!r}"]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    checked, problems = check_settings(config.extra)
    problems += check_site_url(config.site_url)
    if problems:
        raise PluginError("Clinic settings are wrong:\n  " + "\n  ".join(problems))
    config.extra.update(checked)
    return config
