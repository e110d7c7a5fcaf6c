"""Stop the build, before any page is made, on an editor's mistake in a page.

The checks are patient_site.page_check's (snippets that exist, a citation
on every page, every page in the menu and with its twin in the other language, no heading of its own) and
patient_site.triage_check's (no page sets how fast to get help in its own
words); this hands them the folders and settings from mkdocs.yml.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from patient_site.page_check import (check_citations_present, check_folder, check_nav, check_own_code,
                                     check_own_headings, check_paragraph_length, check_snippets, check_twins,
                                     check_utf8)
from patient_site.triage_check import check_triage_wording


def on_pre_build(config: MkDocsConfig) -> None:
    """Before anything reads the pages: MkDocs and the citation check would stop on a file
    in another encoding with a stack, not a line."""
    root = Path(config.config_file_path).parent
    folders = [Path(config.docs_dir)] + [root / folder for folder in
                                         config.mdx_configs.get("pymdownx.snippets", {}).get("base_path", ["."])]
    # Links out of the project first: reading pages through one would read what it points to.
    problems = (check_folder(Path(config.docs_dir), root)
                or check_utf8(sorted({path for folder in folders for path in folder.rglob("*.md")}), root))
    if problems:
        raise PluginError("Page problems:\n  " + "\n  ".join(problems))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).parent
    snippets = config.mdx_configs.get("pymdownx.snippets", {})
    bases = [root / folder for folder in snippets.get("base_path", ["."])]
    bibliography = config.mdx_configs.get("patient_site.citations", {}).get("bibliography", "sources.bib")
    pages = list(files.documentation_pages())
    page_paths = [Path(page.abs_src_path) for page in pages]
    shared = sorted(path for base in bases for path in base.rglob("*.md"))
    problems = check_snippets(page_paths + shared, bases, root, snippets.get("auto_append", []))
    problems += check_nav(config.nav, Path(config.docs_dir), [page.src_uri for page in pages], root,
                          Path(config.config_file_path).name)
    problems += check_twins(Path(config.docs_dir), [page.src_uri for page in pages], root)
    problems += check_citations_present(page_paths, bases, root, bibliography)
    problems += check_own_headings(page_paths, root)
    problems += check_paragraph_length(page_paths + shared, root)
    pictures = sorted(Path(config.docs_dir).rglob("*.svg"))
    problems += check_own_code(page_paths + shared + pictures, root)
    problems += check_triage_wording(root, page_paths, shared)
    if problems:
        raise PluginError("Page problems:\n  " + "\n  ".join(problems))
    return files
