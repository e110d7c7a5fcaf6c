"""The one exception that stops a build with a plain message and no traceback.

Under MkDocs it is MkDocs' own PluginError, which MkDocs prints as one
message; under Zensical (no MkDocs installed) a plain exception.
"""

from __future__ import annotations

try:
    from mkdocs.exceptions import PluginError as _Base
except ImportError:  # Zensical's environment has no MkDocs
    _Base = Exception


class BuildStop(_Base):
    """An editor's mistake: the message names the file (and line) and the fix."""
