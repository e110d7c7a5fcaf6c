"""After a build: smaller stylesheets (patient_site/stylesheets.py says what and why)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from patient_site.stylesheets import trim_site


def on_post_build(config: MkDocsConfig, **_) -> None:
    trim_site(Path(config.site_dir), Path(config.config_file_path).parent / ".cache" / "theme-css")
