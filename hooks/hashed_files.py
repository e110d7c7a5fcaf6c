"""Giving a theme file a new name when a hook changes it, and linking every page to it.

Not a hook itself: theme_css.py and eager_compile.py import it (MkDocs puts
this folder on the import path while it loads a hook).

Material names its stylesheets and scripts by a hash of their content
("main.57a0d79d.min.css"), and deploy/nginx.conf lets browsers keep such
files for a year without asking again. A file a hook changes must get a
name of its own, or a browser that has the old file would keep using it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

# "bundle.a5f9d56c.min.js": name, hash, kind.
_HASHED = re.compile(r"^(?P<stem>[\w-]+)\.[0-9a-f]{8}\.min\.(?P<kind>css|js)$")


def content_name(name: str, text: str) -> str:
    """The file name for this text: the same stem and kind, the hash of the new text."""
    parts = _HASHED.match(name)
    if parts is None:
        raise ValueError(f"{name} is not a hashed theme file name (stem.12345678.min.css or .js)")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"{parts['stem']}.{digest}.min.{parts['kind']}"


def replace_file(path: Path, text: str) -> Path:
    """Write text under its content name, remove the old file and its map; return the new path.

    The old map goes because it maps the old text, not this one.
    """
    new_path = path.with_name(content_name(path.name, text))
    new_path.write_text(text, "utf-8")
    if new_path != path:
        path.unlink()
        path.with_name(path.name + ".map").unlink(missing_ok=True)
    return new_path


def relink(site_dir: Path, folder: str, renames: dict[str, str]) -> None:
    """Point every built page at the new names ("folder/old name" becomes "folder/new name")."""
    for page in site_dir.rglob("*.html"):
        html = page.read_text("utf-8")
        changed = html
        for old, new in renames.items():
            changed = changed.replace(f"{folder}/{old}", f"{folder}/{new}")
        if changed != html:
            page.write_text(changed, "utf-8")
