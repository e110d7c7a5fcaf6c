"""clinic.yml: a clinic's settings in one file of its own, read by every build and tool.

The build's hook and the tools' edition reader are run on a copy of the
project with a clinic.yml beside mkdocs.yml (no whole build: the hook's
config is what every page is built from).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from mkdocs.config import load_config

from conftest import ROOT, SETTING_VARIABLES, copy_sources
from edition import load_edition
from patient_site import clinic_file
from patient_site.errors import BuildStop
from patient_site.settings import check_settings, check_site_url
from project_sources import load_hook

HARBOR_FILE = """\
# Harbor Skin Clinic's settings
CLINIC_NAME: Harbor Skin Clinic
CLINIC_PHONE: +44 (0)20 7123 4567
CLINIC_AFTER_HOURS_PHONE: 020 7123 9999
EMERGENCY_NUMBER: 999
NO_MAKEUP_HOURS: 48
REVIEWER_NAME: Dr Ana Example
REVIEWER_NAME_ES: Dra. Ana Ejemplo
SITE_URL: https://harbor-skin.example/after-infini/
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy_sources(tmp_path)
    (tmp_path / "clinic.yml").write_text(HARBOR_FILE, "utf-8")
    return tmp_path


def configured(project: Path, config_file: str = "mkdocs.yml", environ: dict[str, str] | None = None):
    """The config the build's hook leaves for the pages, reading only the project's own clinic.yml."""
    hook = load_hook("clinic_settings")
    saved = dict(os.environ)
    os.environ.pop(clinic_file.FILE_VARIABLE, None)
    os.environ.update(environ or {})
    try:
        return hook.on_config(load_config(str(project / config_file)))
    finally:
        os.environ.clear()
        os.environ.update(saved)


def test_the_build_reads_the_clinics_file_as_typed(project):
    config = configured(project)
    assert config.extra["clinic"]["name"] == "Harbor Skin Clinic"
    assert config.extra["clinic"]["phone"] == "+44 (0)20 7123 4567"
    # Written without quotes, and still the text typed: no octal number, no lost zero.
    assert config.extra["clinic"]["after_hours_phone_href"] == "tel:02071239999"
    assert config.extra["clinic"]["emergency_number"] == "999"
    assert config.extra["aftercare"]["no_makeup_hours"] == 48
    assert config.extra["reviewer"]["name"] == "Dr Ana Example"
    assert config.site_url == "https://harbor-skin.example/after-infini/"


def test_the_spanish_edition_reads_its_own_reviewer_and_its_folder(project):
    config = configured(project, "mkdocs.es.yml")
    assert config.extra["reviewer"]["name"] == "Dra. Ana Ejemplo"
    assert config.extra["clinic"]["name"] == "Harbor Skin Clinic"
    assert config.site_url == "https://harbor-skin.example/after-infini/es/"


def test_an_environment_variable_still_wins_unless_it_is_empty(project):
    config = configured(project, environ={"CLINIC_NAME": "Harbor Skin Clinic Soho", "NO_MAKEUP_HOURS": ""})
    assert config.extra["clinic"]["name"] == "Harbor Skin Clinic Soho"
    assert config.extra["aftercare"]["no_makeup_hours"] == 48


def test_the_tools_read_the_same_file(project, monkeypatch):
    """`make signed`, `make reviews` and `make review-pack` read the settings through load_edition."""
    monkeypatch.delenv(clinic_file.FILE_VARIABLE)
    edition = load_edition("mkdocs.yml", project)
    assert edition.settings["clinic"]["name"] == "Harbor Skin Clinic"
    assert edition.site_url == "https://harbor-skin.example/after-infini/"
    assert load_edition("mkdocs.es.yml", project).settings["reviewer"]["name"] == "Dra. Ana Ejemplo"


@pytest.mark.parametrize("text, expected", [
    ("CLINIC_NAME: Harbor\nCLINIC_EMAIL: care(at)harbor\n",
     "clinic.yml line 2: setting 'extra.clinic.email (CLINIC_EMAIL)' is not an e-mail address"),
    ("CLINIC_NAME: Harbor\nCLINIC_PHNOE: 020 7123 4567\n",
     "clinic.yml line 2: CLINIC_PHNOE is not a setting; did you mean CLINIC_PHONE?"),
    ("CLINIC_NAME: Harbor\nCLINIC_NAME: Harbor Skin\n",
     "clinic.yml line 2: CLINIC_NAME is set twice (also on line 1); keep one"),
    ("CLINIC_NAME:\n  - Harbor\n", "clinic.yml line 1: CLINIC_NAME holds a list or a group"),
    ("CLINIC_NAME: Harbor: Skin Clinic\n", "clinic.yml line 1, column 20: mapping values are not allowed here"),
    ("- CLINIC_NAME: Harbor\n", "clinic.yml line 1: the file must list settings as NAME: value"),
    ("DRAFT: 1\n", "clinic.yml line 1: DRAFT is not a setting (DRAFT=1 goes before a command"),
    ("NO_MAKEUP_HOURS: 048\n",
     "clinic.yml line 1: setting 'extra.aftercare.no_makeup_hours (NO_MAKEUP_HOURS)' is not a whole number"),
    ("SITE_URL: harbor-skin.example\n", "clinic.yml line 1: setting 'site_url (SITE_URL)' is not a web address"),
])
def test_a_mistake_in_the_file_stops_the_build_in_one_line_naming_its_line(project, text, expected):
    (project / "clinic.yml").write_text(text, "utf-8")
    with pytest.raises(BuildStop) as stopped:
        configured(project)
    lines = str(stopped.value).splitlines()
    assert any(line.strip().startswith(expected) for line in lines), lines
    assert "Traceback" not in str(stopped.value)


def test_a_file_not_saved_as_utf8_is_named(project):
    (project / "clinic.yml").write_bytes("CLINIC_NAME: Clínica\n".encode("cp1252"))
    with pytest.raises(BuildStop, match=r"clinic.yml line 1: the file is not saved as UTF-8 text"):
        configured(project)


def test_a_settings_file_named_by_the_variable_must_exist(project):
    with pytest.raises(BuildStop, match=r"CLINIC_SETTINGS_FILE names .*missing.yml, which does not exist"):
        configured(project, environ={clinic_file.FILE_VARIABLE: str(project / "missing.yml")})


def test_the_example_file_names_every_setting_and_builds_as_the_defaults(tmp_path):
    """clinic.example.yml is what a clinic copies: every setting, each empty (the defaults)."""
    values, problems = clinic_file.read(ROOT / "clinic.example.yml", "clinic.example.yml")
    assert not problems
    assert sorted(values) == sorted(SETTING_VARIABLES)
    assert not [name for name, value in values.items() if value], "the example sets a value a clinic must choose"


def test_the_pages_workflow_address_is_used_only_when_no_site_url_is_set(tmp_path):
    """The Pages workflow passes its repository's address; clinic.yml's SITE_URL, or a variable, wins."""
    pages = {"PAGES_SITE_URL": "https://harbor-clinic.github.io/aftercare/"}
    (tmp_path / "clinic.yml").write_text("SITE_URL: https://aftercare.harbor-skin.example/\n", "utf-8")
    from_file, _ = clinic_file.with_file({**pages, "SITE_URL": ""}, tmp_path)
    assert check_site_url("http://127.0.0.1:8000/", from_file) == ("https://aftercare.harbor-skin.example/", [])
    (tmp_path / "clinic.yml").write_text("CLINIC_NAME: Harbor Skin Clinic\n", "utf-8")
    unset, _ = clinic_file.with_file({**pages, "SITE_URL": ""}, tmp_path)
    assert check_site_url("http://127.0.0.1:8000/", unset) == ("https://harbor-clinic.github.io/aftercare/", [])
    assert check_site_url("http://127.0.0.1:8000/es/", unset, "es/")[0] == "https://harbor-clinic.github.io/aftercare/es/"


def test_the_readmes_example_file_is_accepted(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(SITE_URL:.*?)```", readme, re.S).group(1)
    (tmp_path / "clinic.yml").write_text(example, "utf-8")
    environ, problems = clinic_file.with_file({}, tmp_path)
    checked, setting_problems = check_settings(load_config(str(ROOT / "mkdocs.yml")).extra, environ)
    assert not problems + setting_problems
    assert checked["clinic"]["region"] == "UK" and checked["clinic"]["emergency_number"] == "999"



def test_the_clinics_file_can_be_written_into_a_config_for_zensical(project):
    """make zensical-check (part of make test) writes the settings into a config with YAML: as plain text."""
    import yaml
    from patient_site.settings import with_environment
    environ, problems = clinic_file.with_file({}, project)
    assert not problems
    config = with_environment(yaml.safe_load((project / "mkdocs.yml").read_text("utf-8")), environ)
    written = yaml.safe_load(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    assert written["extra"]["clinic"]["phone"] == "+44 (0)20 7123 4567"
    assert written["site_url"] == "https://harbor-skin.example/after-infini/"
