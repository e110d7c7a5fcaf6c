"""One `mkdocs build` at a time in a project: a second one waits for the first.

Two builds writing into the same site/ at once (two `make build` runs, or
a build while `make handout` builds) cleaned and wrote each other's files,
and one died with a traceback. Each build now holds a lock on
.cache/build.lock (patient_site.build_lock) from its start to its end; the
operating system lets it go when the build ends, however it ends.
`mkdocs serve` builds into a folder of its own and takes no lock.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from patient_site import build_lock

_command = ""


def on_startup(command: str, **_) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _command == "build":
        build_lock.wait_for(Path(config.config_file_path).parent / ".cache" / "build.lock")
    return config
