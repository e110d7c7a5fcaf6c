"""One edition's pages and text settings, read as its MkDocs build reads them, for the tools.

    python tools/edition.py --configs   # the config files to build: mkdocs.yml, and mkdocs.es.yml
                                        # unless the settings leave the Spanish edition out
    python tools/edition.py --spanish   # exit 0 if the Spanish edition is in, 1 if it is left out

`make signed`, `make reviews` and `make review-pack` must read a page's text
exactly as the build does (patient_site/sign_off.py): the same extension
settings, with the clinic settings checked and the environment applied as
hooks/clinic_settings.py and hooks/page_variables.py apply them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from patient_site import clinic_file
from patient_site import settings as clinic_settings
from patient_site.page_map import source_pages
from patient_site.page_variables import SETTING_GROUPS
from patient_site.sign_off import Reader

ROOT = Path(__file__).resolve().parent.parent
EDITION_CONFIGS = {"en": "mkdocs.yml", "es": "mkdocs.es.yml"}


@dataclass
class Edition:
    language: str
    config_file: str           # "mkdocs.yml"
    pages: list[str]           # "docs/about.md", in file order
    settings: dict             # the checked settings, by group
    site_url: str              # SITE_URL as the build reads it, ending in this edition's folder
    reader: Reader


def load_edition(config_file: str, root: Path = ROOT) -> Edition:
    """Stops (SystemExit, one line per problem) when a setting is wrong, as the build would."""
    root = root.resolve()
    config = load_config(str(root / config_file))
    language = config.theme["language"]
    with_file, file_problems = clinic_file.environment(root)
    environ = clinic_settings.edition_environment(with_file, language)
    checked, problems = clinic_settings.check_settings(config.extra, environ, language, config_file)
    problems = file_problems + problems
    site_url, url_problems = clinic_settings.check_site_url(config.site_url, environ,
                                                            config.extra.get("edition_path", ""))
    if problems or url_problems:
        raise SystemExit("The settings are wrong; `make build` says the same:\n  " + "\n  ".join(problems + url_problems))
    mdx = dict(config.mdx_configs)
    mdx["patient_site.page_variables"] = {**mdx.get("patient_site.page_variables", {}),
                                          **{group: checked[group] for group in SETTING_GROUPS},
                                          "site_url": site_url, "checked": True}
    docs = Path(config.docs_dir)
    pages = [path.relative_to(root).as_posix() for path in source_pages(docs).values()]
    return Edition(language, config_file, pages, checked, site_url, Reader(root, mdx, language))


def edition_of(page: str) -> str:
    """The config file of the edition a page belongs to: docs/es/... is the Spanish."""
    return EDITION_CONFIGS["es"] if page.startswith("docs/es/") else EDITION_CONFIGS["en"]


def spanish_edition(root: Path = ROOT) -> bool:
    """Whether the settings (clinic.yml, environment, mkdocs.yml) keep the Spanish edition.

    A mistake in the settings or in mkdocs.yml counts as "yes": the English build then stops
    with it, in one message (or, under `make serve`, the STOPPED box).
    """
    try:
        return load_edition(EDITION_CONFIGS["en"], root).settings["publishing"]["spanish_edition"]
    except (SystemExit, ConfigurationError):
        return True


def configs(root: Path = ROOT) -> list[str]:
    """The config files `make build`, `make serve` and the Pages workflow build, in order."""
    return list(EDITION_CONFIGS.values()) if spanish_edition(root) else [EDITION_CONFIGS["en"]]


if __name__ == "__main__":
    import sys
    if sys.argv[1:] == ["--configs"]:
        print(" ".join(configs()))
    elif sys.argv[1:] == ["--spanish"]:
        sys.exit(0 if spanish_edition() else 1)
    else:
        sys.exit(__doc__)
