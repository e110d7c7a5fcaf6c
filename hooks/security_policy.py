"""After a build, write the one Content-Security-Policy (patient_site.security_policy)."""

from __future__ import annotations

import logging
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from patient_site.security_policy import write_policy

log = logging.getLogger("mkdocs.hooks.security_policy")
_serving = False
_sources: dict[Path, str] = {}


def on_startup(command: str, **_) -> None:
    global _serving
    _serving = command == "serve"
    if _serving:
        log.info("mkdocs serve: no Content-Security-Policy, so live reload can run")


def on_env(env: jinja2.Environment, **_) -> jinja2.Environment:
    env.globals["serving"] = _serving
    return env


def on_post_build(config: MkDocsConfig) -> None:
    if not _serving:
        write_policy(Path(config.site_dir), _sources)


def on_pre_build(config: MkDocsConfig) -> None:
    _sources.clear()


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # So a stopped build names the page's file in docs/, not its built file.
    _sources[Path(config.site_dir) / page.file.dest_uri] = f"docs/{page.file.src_uri}"
    return output
