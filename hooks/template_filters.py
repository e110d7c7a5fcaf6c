"""What the print footer's draft mark needs beyond Jinja's own: a test for local addresses, and the mark.

It also sets ``mkdocs_hooks``, so templates can leave out what needs these
when another engine (Zensical) builds the site without our hooks, and keeps
compiled templates in .cache/jinja2/ (git ignores it): compiling
Material's 50-odd templates was a third of every build, and `make serve`
rebuilds on each edit. Jinja checks each template's source before it uses
a cached copy, so an edited template is compiled again.
"""

from __future__ import annotations

import logging
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig

from patient_site.paper import DRAFT_MARKS, local_address

log = logging.getLogger(f"mkdocs.hooks.{__name__}")


def on_env(env: jinja2.Environment, config: MkDocsConfig, **_) -> jinja2.Environment:
    env.globals["mkdocs_hooks"] = True
    # Paper printed from a local build (or with DRAFT=1) is marked as a draft.
    env.tests["local_address"] = lambda url: local_address(str(url)) is not None
    env.globals["draft_mark"] = DRAFT_MARKS[config.theme["language"]]
    cache = Path(config.config_file_path).parent / ".cache" / "jinja2"
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # .cache/ unwritable, or a file: build as without a cache, only slower
        log.info("Compiled templates are not kept: %s cannot be used (%s)", cache, error.strerror)
        return env
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
    return env
