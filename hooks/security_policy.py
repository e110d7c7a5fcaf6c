"""After a build, write the one Content-Security-Policy (patient_site.security_policy)."""

from __future__ import annotations

import logging
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig

from patient_site.errors import BuildStop
from patient_site.security_policy import edition_root, write_policy

log = logging.getLogger("mkdocs.hooks.security_policy")
_serving = False


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
        site_dir = Path(config.site_dir)
        root = edition_root(site_dir, config.extra.get("edition_path", ""))
        try:
            write_policy(site_dir, Path(config.docs_dir), root,
                         config.extra["publishing"]["hsts_include_subdomains"],
                         Path(config.config_file_path).parent / "deploy" / "site.conf")
        except OSError as error:  # a read-only site/, or a folder where a file goes
            raise BuildStop(f"{error.filename}: the build cannot write it ({error.strerror}); make {root} "
                            f"writable, or build into another folder") from None
