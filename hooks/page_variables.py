"""Give the page-text extension (patient_site/page_variables.py) the checked settings, and the page's name."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from patient_site import page_variables

EXTENSION = "patient_site.page_variables"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # After hooks/clinic_settings.py, which checked them with the environment.
    values = {group: config.extra[group] for group in page_variables.SETTING_GROUPS}
    config.mdx_configs[EXTENSION] = {**config.mdx_configs.get(EXTENSION, {}), **values,
                                     "site_url": config.site_url, "checked": True}
    return config


def on_page_markdown(markdown: str, page: Page, **_) -> str:
    page_variables.current_page = f"docs/{page.file.src_uri}"
    return markdown
