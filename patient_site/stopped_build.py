"""The box a stopped rebuild prints under `make serve`, so an editor cannot miss it.

When a rebuild fails, `make serve` (tools/serve.py) keeps serving the last
good site; MkDocs' own note is one line among many. (A
plain `mkdocs build` stops with MkDocs' message alone: it is the last thing
printed.) The state lives here, not in the hook: MkDocs loads hook files
afresh for each rebuild, while this module stays imported for the whole
`mkdocs serve`.
"""

from __future__ import annotations

import yaml
from mkdocs.exceptions import Abort

serving = False  # set once `mkdocs serve` has a good build to keep showing


def box(error: Exception) -> str:
    """What to print when a build stops: "" unless a served site is now out of date."""
    if not serving:
        return ""
    where = ("the WARNING lines above (every build is strict)" if isinstance(error, Abort)
             else "the problem printed just below")
    rule = "=" * 78
    return (f"\n{rule}\nSTOPPED: the site was NOT rebuilt, because of {where}.\n"
            "`make serve` keeps showing the last good version until you fix it\n"
            f"and save the file.\n{rule}\n")


def one_line(error: Exception) -> str:
    """A config file's YAML mistake as one line naming the file, line and fix, not YAML's two."""
    cause = error
    while cause is not None and not isinstance(cause, yaml.MarkedYAMLError):
        cause = cause.__cause__ or cause.__context__
    if cause is not None and cause.problem_mark is not None:
        mark = cause.problem_mark
        return (f"{mark.name} line {mark.line + 1}, column {mark.column + 1}: {cause.problem}; "
                "a value that holds ': ' or starts with a special character needs quotes around it")
    return " ".join(str(error).split())
