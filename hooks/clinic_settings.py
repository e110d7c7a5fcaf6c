"""Before a build: check the clinic settings and SITE_URL (patient_site/settings.py), clinic.yml and environment included."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from patient_site import clinic_file
from patient_site.errors import BuildStop
from patient_site.paper import draft_requested
from patient_site.settings import check_settings, check_site_url, edition_environment, misspelt_variables


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    with_file, problems = clinic_file.environment(Path(config.config_file_path).parent)
    environ = edition_environment(with_file, config.theme["language"])
    checked, setting_problems = check_settings(config.extra, environ, config.theme["language"],
                                               Path(config.config_file_path).name)
    site_url, url_problems = check_site_url(config.site_url, environ, config.extra.get("edition_path", ""))
    problems += setting_problems + url_problems + misspelt_variables(os.environ)
    draft, draft_problem = draft_requested(os.environ)
    problems += [draft_problem] if draft_problem else []
    if problems:
        raise BuildStop("Clinic settings are wrong:\n  " + "\n  ".join(problems))
    if not checked["publishing"]["spanish_edition"]:
        if config.theme["language"] != "en":
            raise BuildStop(f"{Path(config.config_file_path).name}: SPANISH_EDITION is 'no', so the Spanish edition "
                            "is left out and is not built; `make build` builds the English alone")
        config.extra["alternate"] = []  # no language menu, no hreflang to a Spanish edition
    config.extra.update(checked)
    config.extra["draft"] = draft
    config["site_url"] = site_url
    return config
