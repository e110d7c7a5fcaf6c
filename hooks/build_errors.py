"""Under `make serve`, a stopped rebuild says so in a box (patient_site.stopped_build)."""

from __future__ import annotations

import sys

from patient_site import stopped_build


def on_serve(server, **_):
    """Runs once `mkdocs serve`'s first build has worked."""
    stopped_build.serving = True
    return server


def on_build_error(error: Exception, **_) -> None:
    if message := stopped_build.box(error):
        print(message, file=sys.stderr, flush=True)
