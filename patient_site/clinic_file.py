"""clinic.yml: a clinic's own settings, in a file it keeps in its copy of the site.

The file sits beside mkdocs.yml and is not part of the upstream project, so
pulling a new version never conflicts with it. It holds the same names as
the environment variables (README, "Settings"), one per line:

    CLINIC_NAME: Harbor Skin Clinic
    CLINIC_PHONE: +44 (0)20 7123 4567
    NO_MAKEUP_HOURS: 48

Every value is read as the text typed (YAML's base loader), so 020 7123 4567
or 48 need no quotes. An environment variable that is set and not empty still
wins, so the Pages workflow's Actions variables and a one-off
`CLINIC_NAME=... make build` work as before. CLINIC_SETTINGS_FILE names
another file (the tests point it at an empty one, so a clinic's own file
cannot change what they check).
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Mapping

import yaml

from patient_site import settings as clinic_settings
from patient_site.text import not_utf8

FILE_NAME = "clinic.yml"
FILE_VARIABLE = "CLINIC_SETTINGS_FILE"


class Typed(str):
    """A value from the file, which remembers the line it was typed on, for the one-line messages."""

    origin: str

    def __new__(cls, value: str, origin: str) -> "Typed":
        typed = super().__new__(cls, value)
        typed.origin = origin
        return typed


def known_names() -> list[str]:
    """The names the file may hold: every setting's variable, the Spanish reviewer's and SITE_URL."""
    return ["SITE_URL", *clinic_settings.SETTINGS.values(),
            *(clinic_settings.edition_variable(v, "es") for v in clinic_settings.EDITION_VARIABLES)]


def settings_file(folder: Path, environ: Mapping[str, str]) -> Path:
    """clinic.yml beside the config file, or the file CLINIC_SETTINGS_FILE names."""
    named = environ.get(FILE_VARIABLE, "")
    return Path(named) if named else folder / FILE_NAME


def read(path: Path, shown: str) -> tuple[dict[str, Typed], list[str]]:
    """The file's values by name, and its problems, each one line starting with ``shown`` and the line."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}, []
    except OSError as error:
        return {}, [f"{shown}: cannot be read ({error.strerror}); check it is a file you may read"]
    if problem := not_utf8(data):
        return {}, [f"{shown} {problem}; save it as UTF-8 and build again"]
    try:
        # The base loader's nodes: every value stays the text typed, and each knows its line.
        root = yaml.compose(data.decode("utf-8"), Loader=yaml.BaseLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        return {}, [f"{shown}{where}: {error.problem or error.context}; write each setting as NAME: value, "
                    "and put quotes around a value that holds ': ' or starts with a special character"]
    if root is None:
        return {}, []
    if not isinstance(root, yaml.MappingNode):
        return {}, [f"{shown} line {root.start_mark.line + 1}: the file must list settings as NAME: value, "
                    "one per line, as in 'CLINIC_NAME: Harbor Skin Clinic'"]
    values: dict[str, Typed] = {}
    problems = []
    known = known_names()
    for key, value in root.value:
        line = f"{shown} line {key.start_mark.line + 1}"
        name = key.value if isinstance(key, yaml.ScalarNode) else ""
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = (f"did you mean {close[0]}?" if close else "the README's Settings section lists them")
            extra = " (DRAFT=1 goes before a command: DRAFT=1 make handout)" if name == "DRAFT" else ""
            problems.append(f"{line}: {name or 'this'} is not a setting{extra}; {hint}")
        elif name in values:
            problems.append(f"{line}: {name} is set twice (also on {values[name].origin}); keep one")
        elif not isinstance(value, yaml.ScalarNode):
            problems.append(f"{line}: {name} holds a list or a group; give it one value on the same line, "
                            f"as in '{name}: ...'")
        else:
            values[name] = Typed(value.value, line.removeprefix(f"{shown} "))
    for value in values.values():
        value.origin = f"{shown} {value.origin}"
    return values, problems


def with_file(environ: Mapping[str, str], folder: Path) -> tuple[dict[str, str], list[str]]:
    """The environment the settings are read from: the file's values, then every variable set and not empty.

    ``folder`` holds the config file. Problems name the file and line.
    """
    path = settings_file(folder, environ)
    if environ.get(FILE_VARIABLE, "") and not path.exists():
        return dict(environ), [f"environment variable {FILE_VARIABLE} names {path}, which does not exist; "
                               f"name the clinic's settings file, or leave the variable unset to use {FILE_NAME}"]
    shown = path.name if path.parent.resolve() == folder.resolve() else str(path)
    values, problems = read(path, shown)
    merged: dict[str, str] = dict(values)
    merged.update({name: value for name, value in environ.items() if value or name not in values})
    return merged, problems


def environment(folder: Path) -> tuple[dict[str, str], list[str]]:
    """This process's environment with the clinic's file read in (see with_file)."""
    return with_file(os.environ, folder)
