"""Material's script compiled while it downloads, not while the page waits.

Chrome compiles most functions of a script only when they are first called,
on the page's main thread. Material's bundle calls most of its functions as
it starts, so on a phone that compiling holds up taps and scrolling. V8's
explicit compile hint, the comment "//# allFunctionsCalledOnLoad" on the
first line of a script (Chrome 136 and later), asks for the whole file to be
compiled on a background thread as it arrives. Measured here, Material's two
start-up tasks got about a quarter shorter (BENCHMARKS.md). Other browsers
read it as a comment.

The bundle gets a new content-hashed name (hashed_files.py) and its source
map one more empty line at the top, so it still points at the right code.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from hashed_files import content_name, relink

HINT = "//# allFunctionsCalledOnLoad\n"
FOLDER = "assets/javascripts"
_BUNDLE = re.compile(r"^bundle\.[0-9a-f]{8}\.min\.js$")
_MAP_COMMENT = re.compile(r"^//# sourceMappingURL=\S+\s*\Z", re.M)


def shifted_map(source_map: str) -> str:
    """The source map, one line further down (';' starts a new line of generated code)."""
    data = json.loads(source_map)
    data["mappings"] = ";" + data["mappings"]
    return json.dumps(data, separators=(",", ":"))


def on_post_build(config: MkDocsConfig, **_) -> None:
    site_dir = Path(config.site_dir)
    bundles = [path for path in (site_dir / FOLDER).glob("bundle.*.min.js") if _BUNDLE.match(path.name)]
    if len(bundles) != 1:
        raise PluginError(f"eager_compile: expected one Material bundle in {FOLDER}/, "
                          f"found {sorted(path.name for path in bundles)}; has the theme changed?")
    bundle = bundles[0]
    script = bundle.read_text("utf-8")
    if script.startswith(HINT):
        return
    old_map = bundle.with_name(bundle.name + ".map")
    # Named by the hash of its code; the line naming its map comes after.
    hinted = HINT + _MAP_COMMENT.sub("", script)
    new_path = bundle.with_name(content_name(bundle.name, hinted))
    if old_map.exists():
        new_path.with_name(new_path.name + ".map").write_text(shifted_map(old_map.read_text("utf-8")), "utf-8")
        hinted += f"//# sourceMappingURL={new_path.name}.map\n"
        old_map.unlink()
    new_path.write_text(hinted, "utf-8")
    bundle.unlink()
    relink(site_dir, FOLDER, {bundle.name: new_path.name})
