"""Stop the build before any page is made if a citation or a source is wrong.

The checks are patient_site.citation_check's; this only hands them the
bibliography (the citations extension's setting in mkdocs.yml), the
folders that hold pages and snippets, and the warning signs, which cite
sources of their own.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from patient_site import warning_signs
from patient_site.citation_check import check

EXTENSION = "patient_site.citations"
SIGNS = "patient_site.page_variables"


def on_pre_build(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    bibliography = config.mdx_configs.get(EXTENSION, {}).get("bibliography", "sources.bib")
    snippets = config.mdx_configs.get("pymdownx.snippets", {}).get("base_path", [])
    folders = [Path(config.docs_dir)] + [root / folder for folder in snippets]
    signs = config.mdx_configs.get(SIGNS, {}).get("warning_signs", warning_signs.FILE)
    problems = check(root / bibliography, folders, root, root / signs, config.theme["language"])
    if problems:
        raise PluginError("Citation problems:\n  " + "\n  ".join(problems))
