"""Mark a Spanish page whose English has changed since it was translated (patient_site/translations.py).

The page then says so at the top and links to its English twin
(partials/translation-notice.html), so a clinic that edits an English page
never publishes an older Spanish one as if it were current.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from patient_site import translations

_behind: set[str] = set()  # this build's Spanish pages out of step, by path from the project folder


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _behind.clear()
    if config.theme["language"] != "en":
        found, _ = translations.translations(Path(config.config_file_path).parent)
        _behind.update(record.spanish for record in found if not record.up_to_date)
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **kwargs) -> str:
    path = os.path.relpath(page.file.abs_src_path, Path(config.config_file_path).parent).replace(os.sep, "/")
    if path in _behind:
        # The English twin, from this page's folder below /es/: one more level up than the page is deep.
        page.meta["english_twin"] = "../" * (page.url.count("/") + 1) + page.url
    return markdown
