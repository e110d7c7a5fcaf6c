"""Hold a lock file for the rest of this process, waiting first if another process holds it."""

from __future__ import annotations

import logging
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no flock; builds there run one at a time by hand
    fcntl = None

log = logging.getLogger("mkdocs.patient_site.build_lock")
_held: list = []  # open lock files, kept open (and so locked) until the process ends


def wait_for(path: Path) -> None:
    if fcntl is None or _held:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a")
    except OSError as error:
        log.info("Builds are not kept apart: %s cannot be used (%s)", path, error.strerror)
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        log.info("Another build of this project is running; waiting for it to finish")
        fcntl.flock(handle, fcntl.LOCK_EX)
    _held.append(handle)
