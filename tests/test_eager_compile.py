"""Material's script carries V8's compile hint (hooks/eager_compile.py).

Material's features still working with it is what the browser tests check
(search, colour switch, back-to-top, highlighting); here: the file itself,
its name, its source map, and that every page loads it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import material
import pytest

from project_sources import load_hook

eager_compile = load_hook("eager_compile")
hashed_files = load_hook("hashed_files")

BUNDLE = re.compile(r'(?:src|data-after-load)="[^"]*assets/javascripts/(bundle\.[0-9a-f]{8}\.min\.js)"')


def _bundle_names(site_dir) -> set[str]:
    return {match.group(1) for page in site_dir.rglob("*.html") for match in BUNDLE.finditer(page.read_text("utf-8"))}


def test_every_page_loads_the_hinted_bundle_under_its_own_name(site_dir):
    names = _bundle_names(site_dir)
    assert len(names) == 1, f"pages load different bundles: {names}"
    (name,) = names
    folder = site_dir / "assets" / "javascripts"
    assert {path.name for path in folder.glob("bundle.*")} == {name, name + ".map"}, "the untrimmed bundle is left"
    text = (folder / name).read_text("utf-8")
    assert text.startswith("//# allFunctionsCalledOnLoad\n"), "the hint must be the first line"
    assert text.rstrip().endswith(f"//# sourceMappingURL={name}.map")
    code = text[:text.rindex("//# sourceMappingURL=")]
    assert name == hashed_files.content_name(name, code), "the name is not the hash of the code"


def test_the_source_map_is_materials_one_line_lower(site_dir):
    (name,) = _bundle_names(site_dir)
    ours = json.loads((site_dir / "assets" / "javascripts" / f"{name}.map").read_text("utf-8"))
    theme = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    (original,) = theme.glob("bundle.*.min.js.map")
    materials = json.loads(original.read_text("utf-8"))
    # The hint's line holds no code, so the map gains one empty line at the top.
    assert ours["mappings"] == ";" + materials["mappings"]
    assert ours["sources"] == materials["sources"]


def test_shifted_map_adds_exactly_one_empty_line():
    original = json.dumps({"version": 3, "sources": ["a.ts"], "names": [], "mappings": "AAAA,CAAC;AACD"})
    shifted = json.loads(eager_compile.shifted_map(original))
    assert shifted["mappings"] == ";AAAA,CAAC;AACD"
    assert shifted["sources"] == ["a.ts"]


def test_content_names_keep_the_stem_and_kind():
    one = hashed_files.content_name("main.57a0d79d.min.css", "a")
    assert re.fullmatch(r"main\.[0-9a-f]{8}\.min\.css", one)
    assert one != hashed_files.content_name("main.57a0d79d.min.css", "b")
    with pytest.raises(ValueError, match="not a hashed theme file name"):
        hashed_files.content_name("print.css", "a")
