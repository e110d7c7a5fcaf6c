"""Build the site's sources with Zensical and check that every page is there.

    make zensical-check

Material for MkDocs reaches end of life in May 2027; Zensical, its
successor, reads the same mkdocs.yml. This copies mkdocs.yml, docs/,
overrides/ and includes/ to a temporary folder, runs `zensical build
--strict` there, and checks that each page of docs/ was built with a
heading and its text, and is in the sitemap. It does not check what needs
our MkDocs hooks (README, "Moving to Zensical"): Zensical does not run them.
It does run the site's Markdown extensions, so it checks that the citations
were rendered.

Runs with only the Python standard library, in Zensical's own environment.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from project_sources import ROOT, copy_sources

MIN_WORDS = 100  # the shortest page (the handout) has over 300


def built_path(markdown: Path, docs: Path) -> Path:
    """docs/index.md -> index.html, docs/about.md -> about/index.html."""
    relative = markdown.relative_to(docs).with_suffix("")
    if relative.name == "index":
        return relative.parent / "index.html"
    return relative / "index.html"


def check_site(site: Path, docs: Path) -> list[str]:
    problems = []
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8") if (site / "sitemap.xml").exists() else ""
    if not sitemap:
        problems.append("sitemap.xml: missing")
    for markdown in sorted(docs.rglob("*.md")):
        page = built_path(markdown, docs)
        path = site / page
        if not path.exists():
            problems.append(f"{markdown.relative_to(ROOT)}: not built (no {page})")
            continue
        html = path.read_text(encoding="utf-8")
        article = re.search(r"<article\b.*?</article>", html, re.S)
        if not re.search(r"<h1\b", html):
            problems.append(f"{page}: no <h1>")
        words = len(re.sub(r"<[^>]+>", " ", article.group(0)).split()) if article else 0
        if words < MIN_WORDS:
            problems.append(f"{page}: only {words} words of text")
        # The citations extension runs under Zensical too: a page whose
        # source cites anything must show numbered citations and its list.
        source = markdown.read_text(encoding="utf-8")
        if re.search(r"\[@[\w-]", source) and not ('class="citation"' in html and 'id="sources"' in html):
            problems.append(f"{page}: its citations were not rendered")
        if "[@*]" in source and 'class="references"' not in html:
            problems.append(f"{page}: its list of all sources was not rendered")
        url = "" if page.parent == Path(".") else f"{page.parent.as_posix()}/"
        if sitemap and not re.search(rf"<loc>[^<]*/{re.escape(url)}</loc>", sitemap):
            problems.append(f"{page}: not in sitemap.xml")
    if not (site / "404.html").exists():
        problems.append("404.html: not built")
    # Zensical copies custom_dir into the site: build code must live outside it.
    problems += [f"{path.relative_to(site)}: Python file published" for path in sorted(site.rglob("*.py"))]
    return problems


def main() -> int:
    zensical = Path(sys.executable).parent / "zensical"
    with tempfile.TemporaryDirectory(prefix="zensical-check-") as temporary:
        project = copy_sources(Path(temporary))
        build = subprocess.run([str(zensical), "build", "--strict", "--config-file", "mkdocs.yml"],
                               cwd=project, capture_output=True, text=True)
        if build.returncode != 0:
            print(build.stdout + build.stderr, file=sys.stderr)
            print(f"zensical-check: `zensical build --strict` failed (exit {build.returncode})", file=sys.stderr)
            return 1
        problems = check_site(project / "site", ROOT / "docs")
        pages = len(list((ROOT / "docs").rglob("*.md")))
    if problems:
        print("zensical-check: the Zensical build has problems:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print(f"zensical-check: Zensical built all {pages} pages and the 404 page.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
