"""Each page's sign-off, checked against its text now (patient_site/sign_off.py), for the templates and About.

A page's ``sign_off`` (page.meta) says whether a clinician checked this very
text: the footer, the print footer, the About page and the JSON-LD read it.
With REQUIRE_SIGN_OFF=yes, a page changed since its sign-off stops the build.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from patient_site import sign_off

# The current build's statuses, by source path; reset on every build so `mkdocs serve` sees edits.
_statuses: dict[str, sign_off.Status] = {}


def on_files(files: Files, config: MkDocsConfig) -> Files:
    root = Path(config.config_file_path).parent
    pages = [os.path.relpath(file.abs_src_path, root).replace(os.sep, "/") for file in files.documentation_pages()]
    _statuses.clear()
    _statuses.update(sign_off.check_edition(root, pages, config.mdx_configs, config.theme["language"],
                                            config.extra["publishing"]["require_sign_off"]))
    docs = os.path.relpath(config.docs_dir, root).replace(os.sep, "/")
    about = sign_off.about_list(root, _statuses, config.nav, docs, config.theme["language"])
    config.mdx_configs["patient_site.page_variables"]["sign_offs"] = about
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    path = os.path.relpath(page.file.abs_src_path, Path(config.config_file_path).parent).replace(os.sep, "/")
    page.meta["sign_off"] = _statuses[path].meta()
    return markdown
