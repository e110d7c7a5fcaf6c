"""Where a page lives: its Markdown file in docs/, its address, and its built file.

One place for the rule MkDocs and Zensical both follow (use_directory_urls):
docs/index.md is "", docs/about.md is "about/" and is built as about/index.html.
The tests and tools use it rather than each working it out again.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

NOT_FOUND = "404.html"  # built from the templates alone; its address is its file
# Other languages' editions: folders of docs/ that are sites of their own
# (docs/es/ is built by mkdocs.es.yml into site/es/).
EDITIONS = ("es",)


def page_url(source: str | PurePosixPath) -> str:
    """'index.md' -> '', 'about.md' -> 'about/', 'a/index.md' -> 'a/' (source relative to docs/)."""
    stem = PurePosixPath(source).with_suffix("")
    if stem.name == "index":
        stem = stem.parent
    return "" if str(stem) == "." else f"{stem.as_posix()}/"


def built_file(site_dir: Path, url: str) -> Path:
    """'about/' -> site/about/index.html; '404.html' as is."""
    return site_dir / url if url.endswith(".html") else site_dir / url / "index.html"


def _own(path: Path, root: Path) -> bool:
    """False for a file in another edition's folder (docs/es/ seen from docs/)."""
    return path.relative_to(root).parts[0] not in EDITIONS


def source_pages(docs_dir: Path) -> dict[str, Path]:
    """Every page's Markdown file of one edition (docs/ or docs/es/), by address, in file order."""
    return {page_url(path.relative_to(docs_dir).as_posix()): path
            for path in sorted(docs_dir.rglob("*.md")) if _own(path, docs_dir)}


def built_pages(site_dir: Path) -> dict[str, Path]:
    """Every content page of one built edition, by address (the 404 page is not one)."""
    return {page_url(path.relative_to(site_dir).as_posix().removesuffix(".html") + ".md"): path
            for path in sorted(site_dir.rglob("index.html")) if _own(path, site_dir)}
