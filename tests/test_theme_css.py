"""Trimmed theme stylesheets (patient_site/stylesheets.py, run by hooks/theme_css.py).

The rules: what is dropped, and what must stay. The build: pages link the
trimmed files under new hashed names, and the old files are gone. The
browser: every element of every page looks exactly as it does with
Material's full stylesheets, on screen in both schemes, on paper, and in
the states scripts create (search results, the open menu, scrolling).
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

import material
import pytest

from patient_site import stylesheets as theme_css
from conftest import DESKTOP, PAGE_FILES, SMALL_PHONE, mkdocs_build, open_page, page_id
from site_search import search
from site_server import serve

# Material's stylesheets as it ships them.
MATERIAL_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"


def trimmed(css: str, *words: str, used: set[str] = frozenset()) -> str:
    """The CSS trimmed for a site whose pages hold only these words."""
    return theme_css.trim({"main.css": css}, theme_css.SiteWords(words), set(used))["main.css"]


# --- Which rules go ---------------------------------------------------------------

def test_a_rule_for_a_class_no_page_has_goes():
    assert trimmed(".admonition{color:red}.md-typeset{color:blue}", "md-typeset") == ".md-typeset{color:blue}"


def test_only_the_selectors_that_cannot_match_go():
    assert trimmed(".tabbed-set,.md-typeset p{margin:0}", "md-typeset") == ".md-typeset p{margin:0}"


def test_classes_inside_not_is_where_do_not_count():
    css = ".md-nav:not(.md-nav--integrated){a:1}:is(.x,.md-nav) p{b:2}"
    assert trimmed(css, "md-nav") == css


def test_a_class_built_from_a_prefix_in_a_script_stays():
    assert trimmed(".md-status--new{a:1}", "md-status--") == ".md-status--new{a:1}"


def test_an_attribute_value_no_page_has_goes():
    css = "[dir=rtl] .md-nav{a:1}[data-md-color-scheme=slate]{b:2}[data-md-color-primary=red]{c:3}"
    assert trimmed(css, "md-nav", "slate") == "[data-md-color-scheme=slate]{b:2}"


def test_an_attribute_value_that_is_not_one_word_stays():
    css = '[data-md-color-media="(prefers-color-scheme: dark)"]{a:1}[data-level="2"]{b:2}'
    assert trimmed(css) == css


def test_rules_inside_media_queries_are_trimmed_and_empty_queries_go():
    css = "@media screen{.admonition{a:1}}@media print{.md-header{display:none}}"
    assert trimmed(css, "md-header") == "@media print{.md-header{display:none}}"


def test_custom_properties_nothing_reads_go_in_turn():
    css = (":root{--note:url(a.svg);--via:var(--note);--kept:1px;--md-tooltip-x:0}"
           ".admonition:before{mask:var(--via)}.md-typeset{width:var(--kept)}")
    assert trimmed(css, "md-typeset", used={"--md-tooltip-x"}) == \
        ":root{--kept:1px;--md-tooltip-x:0}.md-typeset{width:var(--kept)}"


def test_a_property_one_sheet_declares_and_another_reads_stays():
    sheets = {"palette.css": "[data-md-color-scheme]{--md-primary:#123;--md-unused:#456}",
              "main.css": ".md-header{background:var(--md-primary)}"}
    result = theme_css.trim(sheets, theme_css.SiteWords(["md-header"]), set())
    assert result["palette.css"] == "[data-md-color-scheme]{--md-primary:#123}"
    assert result["main.css"] == sheets["main.css"]


def test_important_and_other_at_rules_stay():
    css = "@keyframes spin{to{transform:rotate(1turn)}}.md-top{opacity:0!important}"
    assert trimmed(css, "md-top") == "@keyframes spin{to{transform:rotate(1turn)}}.md-top{opacity:0!important}"


def test_our_stylesheets_lose_only_their_comments_and_indentation():
    css = ('/* why */\n.a { color: red; /* inside */ }\n\n@media print {\n  .b  .c {\n    display: none;\n'
           '    content: "a  b"\n  }\n}\n')
    assert theme_css.without_comments(css) == \
        '.a { color: red; }@media print { .b .c { display: none; content: "a  b" } }'



def test_the_built_stylesheets_of_ours_have_no_comments(site_dir):
    for name in ("palette.css", "content.css", "print.css"):
        text = (site_dir / "assets" / "stylesheets" / name).read_text("utf-8")
        assert "/*" not in text and text.count("{") >= 3, f"{name}: comments left, or rules lost"


# --- The build --------------------------------------------------------------------

THEME_FILE = re.compile(r"assets/stylesheets/((?:main|palette)\.([0-9a-f]{8})\.min\.css)")


def test_pages_link_materials_own_names_and_those_files_are_trimmed(site_dir):
    """Nothing in the pages is rewritten: they link Material's files, which now hold the trimmed text."""
    linked = set()
    for page in site_dir.rglob("*.html"):
        linked |= {match.group(1) for match in THEME_FILE.finditer(page.read_text("utf-8"))}
    assert {name.split(".")[0] for name in linked} == {"main", "palette"}, linked
    for name in linked:
        full = MATERIAL_STYLESHEETS / name
        assert full.exists(), f"{name} is not one of Material's own files"
        trimmed = (site_dir / "assets" / "stylesheets" / name).read_text("utf-8")
        assert len(trimmed) < 0.9 * len(full.read_text("utf-8")), f"{name} was not trimmed"
    on_disk = {path.name for path in (site_dir / "assets" / "stylesheets").glob("*.min.css*")}
    assert on_disk == linked, f"unlinked files or source maps left behind: {on_disk - linked}"


@pytest.fixture(scope="module")
def untrimmed_site(tmp_path_factory) -> Path:
    """The same site built without the hook: Material's full stylesheets."""
    from project_sources import copy_sources

    project = copy_sources(tmp_path_factory.mktemp("untrimmed"))
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    without = re.sub(r"^\s*- hooks/theme_css\.py.*\n", "", text, flags=re.M)
    assert without != text, "mkdocs.yml no longer lists hooks/theme_css.py"
    config.write_text(without, "utf-8")
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def test_the_theme_css_is_at_least_a_quarter_lighter(site_dir, untrimmed_site):
    def total(site: Path) -> int:
        return sum(_gzip_size(path) for path in (site / "assets" / "stylesheets").glob("*.min.css"))

    before, after = total(untrimmed_site), total(site_dir)
    assert after <= 0.75 * before, f"theme CSS {after} bytes gzipped, untrimmed {before}"


# --- The browser: nothing looks different -----------------------------------------

# Every standard property of every element, and of its ::before and ::after
# when they exist, as the browser computed them. Custom properties are left
# out: unused ones are what the hook removes. The page returns a name and a
# hash per box, and the full values only for the boxes asked for.
_COMPUTED = """([wanted, skip]) => {
  const rows = [];
  const elements = [document.documentElement, ...document.body.querySelectorAll("*")];
  for (const [index, el] of elements.entries()) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(el, pseudo);
      if (pseudo && style.content === "none") continue;
      const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
        (el.classList.length ? "." + [...el.classList].join(".") : "") + (pseudo || "");
      const key = index + (pseudo || "");
      if (wanted && !wanted.includes(key)) continue;
      const values = [];
      for (let i = 0; i < style.length; i++)
        if (!style[i].startsWith("--") && !skip.includes(style[i]))
          values.push(style[i] + ": " + style.getPropertyValue(style[i]));
      const text = values.join("; ");
      let hash = 5381;
      for (let i = 0; i < text.length; i++) hash = (hash * 33 + text.charCodeAt(i)) | 0;
      rows.push([key, name, wanted ? text : hash]);
    }
  }
  return rows;
}"""


def _open_in_state(browser, url: str, state: str):
    scheme, viewport = ("dark", SMALL_PHONE) if state in ("dark phone", "menu open") else ("light", DESKTOP)
    page = browser.new_page(color_scheme=scheme, viewport=viewport)
    open_page(page, url)
    if state == "paper":
        page.emulate_media(media="print")
    elif state == "search results":
        assert search(page, url, "spots"), "the search showed no results"
    elif state == "menu open":
        page.locator("label.md-header__button[for=__drawer]").click()
    elif state == "scrolled":
        page.mouse.wheel(0, 2000)
        page.mouse.wheel(0, -300)
        page.locator("[data-md-component=top]:not([hidden])").wait_for(timeout=5000)
    # Park the pointer at the right edge, on no link, so no :hover depends on timing.
    page.mouse.move(viewport["width"] - 1, viewport["height"] // 2)
    page.wait_for_timeout(500)  # let transitions end
    return page


# After scrolling or opening panels, Material's header lays out one of two
# ways from one load to the next, whatever the CSS (its margins read 0 or
# 30 px). In those states, values the browser computes from the layout are
# left out; the pages' first view keeps them.
LAYOUT_VALUES = ["margin-top", "margin-right", "margin-bottom", "margin-left", "margin-block-start",
                 "margin-block-end", "margin-inline-start", "margin-inline-end", "width", "height",
                 "inline-size", "block-size", "top", "right", "bottom", "left", "inset-block-start",
                 "inset-block-end", "inset-inline-start", "inset-inline-end", "transform-origin",
                 "perspective-origin"]


def _difference(browser, urls: tuple[str, str], path: str, state: str) -> list[str]:
    """Boxes whose computed style differs between the two sites in a state."""
    skip = LAYOUT_VALUES if state in INTERACTIVE_STATES else []
    full, trimmed_page = (_open_in_state(browser, url + path, state) for url in urls)
    before, after = full.evaluate(_COMPUTED, [None, skip]), trimmed_page.evaluate(_COMPUTED, [None, skip])
    assert [row[:2] for row in before] == [row[:2] for row in after], "the two builds have different elements"
    differing = [key for (key, _, one), (_, _, other) in zip(before, after) if one != other]
    differences = []
    if differing:
        # Look again a moment later: a box still moving (the search panel
        # settling) can differ at one instant without any rule being missing.
        full.wait_for_timeout(1000)
        detail = zip(full.evaluate(_COMPUTED, [differing, skip]), trimmed_page.evaluate(_COMPUTED, [differing, skip]))
        for (_, name, one), (_, _, other) in detail:
            changed = sorted(set(one.split("; ")) ^ set(other.split("; ")))
            if changed:
                differences.append(f"{name}: {changed[:4]}")
    full.close()
    trimmed_page.close()
    return differences


@pytest.fixture(scope="module")
def both_sites(site_dir, untrimmed_site):
    with serve(untrimmed_site) as full, serve(site_dir) as trimmed_site:
        yield full, trimmed_site


URLS = list(PAGE_FILES) + ["404.html"]


@pytest.mark.parametrize("state", ["light desktop", "dark phone", "paper"])
@pytest.mark.parametrize("url", URLS, ids=page_id)
def test_every_element_looks_the_same_as_with_materials_full_css(browser, both_sites, url, state):
    differences = _difference(browser, both_sites, url, state)
    assert not differences, f"/{url} ({state}): {len(differences)} elements differ: {differences[:5]}"


INTERACTIVE_STATES = ["search results", "menu open", "scrolled"]


@pytest.mark.parametrize("state", INTERACTIVE_STATES)
def test_states_scripts_create_look_the_same(browser, both_sites, state):
    differences = _difference(browser, both_sites, "questions/", state)
    assert not differences, f"{state}: {len(differences)} elements differ: {differences[:5]}"


@pytest.mark.parametrize("damage", ["empty stylesheet", "a file outside the site"])
def test_a_damaged_cache_is_trimmed_again(site_dir, tmp_path, damage):
    """The cache may only hold the stylesheets trimmed, each with text; anything else is a miss."""
    cache = tmp_path / "cache"
    first, second = tmp_path / "first" / "site", tmp_path / "second" / "site"
    shutil.copytree(site_dir, first)
    shutil.copytree(site_dir, second)
    theme_css.trim_site(first, cache)
    [entry] = cache.glob("*.json")
    held = json.loads(entry.read_text("utf-8"))
    if damage == "empty stylesheet":
        held = dict.fromkeys(held, "")
    else:
        held["../outside.txt"] = "written by a damaged cache"
    entry.write_text(json.dumps(held), "utf-8")
    theme_css.trim_site(second, cache)
    assert not (second.parent / "outside.txt").exists(), "the cache wrote outside the site"
    for address in held:
        if not address.startswith(".."):
            assert (second / address).read_text("utf-8").strip(), f"{address} published empty"
