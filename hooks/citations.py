"""Stop the build before any page is made if a citation or a source is wrong.

The checks are patient_site.citation_check's; this only hands them the
bibliography (the citations extension's setting in mkdocs.yml) and the
folders that hold pages and snippets.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from patient_site.citation_check import check

EXTENSION = "patient_site.citations"


def on_pre_build(config: MkDocsConfig) -> None:
    root = Path(config.config_file_path).parent
    bibliography = config.mdx_configs.get(EXTENSION, {}).get("bibliography", "sources.bib")
    snippets = config.mdx_configs.get("pymdownx.snippets", {}).get("base_path", [])
    folders = [Path(config.docs_dir)] + [root / folder for folder in snippets]
    problems = check(root / bibliography, folders, root)
    if problems:
        raise PluginError("Citation problems:\n  " + "\n  ".join(problems))
