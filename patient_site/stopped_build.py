"""The box a stopped rebuild prints under `make serve`, so an editor cannot miss it.

When a rebuild fails, `mkdocs serve` keeps serving the last good site and
the browser does not reload; MkDocs' own note is one line among many. (A
plain `mkdocs build` stops with MkDocs' message alone: it is the last thing
printed.) The state lives here, not in the hook: MkDocs loads hook files
afresh for each rebuild, while this module stays imported for the whole
`mkdocs serve`.
"""

from __future__ import annotations

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
            "Your browser keeps showing the last good version, and will not reload\n"
            f"until you fix it and save the file.\n{rule}\n")
