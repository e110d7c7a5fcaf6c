"""Build the site's sources with Zensical and compare its features with the MkDocs build.

    make zensical-check        # builds with MkDocs into .cache/mkdocs-site first

Material for MkDocs reaches end of life in May 2027; Zensical, its
successor, reads the same mkdocs.yml. This copies the sources to a
temporary folder and builds it with Zensical, with the steps MkDocs' hooks
take around a build (zensical_build): the front-matter checks and the
environment's settings before, the Content-Security-Policy after. It checks that each page of docs/ was built with a heading and its text and
is in the sitemap. Then it compares features, not words, page by page, with
the MkDocs build of the same sources and settings: filled settings,
citations, QR code, JSON-LD, page heading, review dates, print footer and
the policy (FEATURES), and that bad input (BAD_INPUT) stops it with the
same line as MkDocs. It prints a table; what Zensical cannot do yet is named
in KNOWN_GAPS, and anything else that differs fails the check.

Runs in Zensical's own environment: the standard library, PyYAML (which
Zensical needs too) and this project's package.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from patient_site import clinic_file, sign_off
from patient_site.errors import BuildStop
from patient_site.front_matter import check_page
from patient_site.page_map import NOT_FOUND, built_file, source_pages
from patient_site.security_policy import inline_hashes, write_policy
from patient_site.settings import with_environment
from project_sources import ROOT, copy_sources

MIN_WORDS = 100  # the shortest page (the handout) has over 300


def check_site(site: Path, docs: Path) -> list[str]:
    problems = []
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8") if (site / "sitemap.xml").exists() else ""
    if not sitemap:
        problems.append("sitemap.xml: missing")
    for url, markdown in source_pages(docs).items():
        page = built_file(Path(), url)
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


# --- The same features as the MkDocs build -------------------------------------
# Each reads one feature from a built page; the MkDocs build and the Zensical
# build of the same sources and settings must give the same value. An empty
# value means the feature is absent on that page.
def _article(html: str) -> str:
    found = re.search(r"<article\b.*?</article>", html, re.S)
    return found.group(0) if found else ""


def _policy(html: str, site: Path) -> list[str]:
    """The policy without its hashes (they differ with each theme's inline scripts), and whether it covers the page."""
    found = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    if not found:
        return []
    hashed = inline_hashes(html, "script") | inline_hashes(html, "style")
    covered = all(source in found[0].split() for source in hashed)
    return [re.sub(r" 'sha256-[^']+'", "", found[0]), "covers every inline script and style" if covered else "misses one"]


FEATURES = {
    # Left as typed ("{{ clinic.name }}"), or filled: aftercare times, phone links, lines to write on.
    "settings filled into page text": lambda html, site: re.findall(
        r"\{\{.*?\}\}|\{%.*?%\}|\b\d+ (?:hour|day|week)s?\b|tel:[^\"]+|class=\"write-in\"", _article(html)),
    "citations": lambda html, site: re.findall(r'<sup class="citation"[^>]*>.*?</sup>', html, re.S),
    "QR code on the handout": lambda html, site: re.findall(r'<img[^>]*src="data:image/svg[^>]*>', html),
    "JSON-LD": lambda html, site: [json.loads(block) for block in
                                   re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)],
    "page heading": lambda html, site: re.findall(r"<h1\b[^>]*>.*?</h1>", _article(html), re.S),
    "review dates": lambda html, site: re.findall(r'<span class="page-review__date">(.*?)</span>', html, re.S),
    "print footer": lambda html, site: re.findall(r"@bottom-(?:left|right) \{[^}]*\}", html),
    "sign-off line": lambda html, site: re.findall(r'<span class="page-review__checked">(.*?)</span>', html, re.S),
    "report-a-mistake link": lambda html, site: re.findall(r'<p class="page-review__report">(.*?)</p>', html, re.S),
    "draft mark on local builds": lambda html, site: re.findall(r"@top-center \{[^}]*\}", html),
    "Content-Security-Policy": _policy,
    # The stages' and signs' days, on the elements the script reads; its script and stylesheet on those pages only.
    "day guide": lambda html, site: re.findall(
        r'<(?:li|div|p)\b[^>]*data-(?:days|after-day)="[^"]*"|day-guide\.(?:js|css)', html),
}
# What Zensical 0.0.73 cannot do yet, and why (CONTRIBUTING.md, "Dependencies
# and the future of the theme", says the same). The table marks a gap that
# does not show with the settings in use.
KNOWN_GAPS = {
    "draft mark on local builds": "only a MkDocs hook tells a local or private address (patient_site/paper.py)",
}


def compare_features(mkdocs_site: Path, zensical_site: Path, docs: Path) -> tuple[list[str], list[str]]:
    """(table rows, problems): for each feature, whether both builds agree on every page."""
    rows, problems = [], []
    for feature, read in FEATURES.items():
        differing = []
        for url in [*source_pages(docs), NOT_FOUND]:
            ours, theirs = (built_file(site, url) for site in (mkdocs_site, zensical_site))
            if not ours.exists() or not theirs.exists():
                continue  # check_site reports a missing page
            if read(ours.read_text("utf-8"), mkdocs_site) != read(theirs.read_text("utf-8"), zensical_site):
                differing.append(f"/{url}")
        gap = KNOWN_GAPS.get(feature)
        if differing and not gap:
            problems.append(f"{feature}: differs from the MkDocs build on {', '.join(differing)}")
        if not differing:
            # A gap may not show with every setting (no draft mark on a public address).
            state = f"same with these settings (a known gap: {gap})" if gap else "same"
        else:
            state = f"gap: {gap}" if gap else f"DIFFERENT on {', '.join(differing)}"
        rows.append(f"| {feature} | {state} |")
    return rows, problems


# --- Building with Zensical, with the steps MkDocs' hooks take -----------------

def zensical_build(project: Path, environ: dict[str, str]) -> tuple[Path | None, str]:
    """Build a copy of the sources with Zensical: (the site, "") or (None, what stopped it).

    Around `zensical build` run what MkDocs' hooks do there: before it, the
    front-matter checks, the settings from the environment (written into
    the config, since only a hook reads them) and each page's sign-off
    (written into its front matter); after it, the
    Content-Security-Policy and headers files.
    """
    problems = [problem for url, path in source_pages(project / "docs").items()
                for problem in check_page(f"docs/{path.relative_to(project / 'docs').as_posix()}",
                                          path.read_text("utf-8"))[1]]
    if problems:
        return None, "Front matter problems:\n  " + "\n  ".join(problems)
    config_file = project / "mkdocs.yml"
    environ, file_problems = clinic_file.with_file(environ, project)
    if file_problems:
        return None, "Clinic settings are wrong:\n  " + "\n  ".join(file_problems)
    config = with_environment(yaml.safe_load(config_file.read_text("utf-8")), environ)
    try:
        stamp_sign_offs(project, config)
    except BuildStop as error:
        return None, str(error)
    config_file.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    zensical = Path(sys.executable).parent / "zensical"
    build = subprocess.run([str(zensical), "build", "--strict", "--config-file", "mkdocs.yml"],
                           cwd=project, capture_output=True, text=True)
    if build.returncode != 0:
        return None, f"{build.stdout}{build.stderr}`zensical build --strict` failed (exit {build.returncode})"
    site = project / "site"
    try:
        write_policy(site, project / "docs")
    except BuildStop as error:
        return None, str(error)
    return site, ""


def stamp_sign_offs(project: Path, config: dict) -> None:
    """What hooks/sign_off.py does: each page's sign-off into its front matter, the About list into the config."""
    pages = {f"docs/{path.relative_to(project / 'docs').as_posix()}": path
             for path in source_pages(project / "docs").values()}
    extensions = config["markdown_extensions"]
    required = str(config["extra"]["publishing"]["require_sign_off"]).strip().lower() == "yes"
    statuses = sign_off.check_edition(project, list(pages), extensions, config["theme"]["language"], required)
    about = sign_off.about_list(project, statuses, config.get("nav"), "docs", config["theme"]["language"])
    extensions["patient_site.page_variables"]["sign_offs"] = about
    for page, path in pages.items():
        stamp = yaml.safe_dump({"sign_off": statuses[page].meta()}, sort_keys=False, allow_unicode=True)
        path.write_text("---\n" + stamp + path.read_text("utf-8").removeprefix("---\n"), "utf-8")


# Bad input that must stop both builds with the same line (tests/test_editor_mistakes.py
# checks the MkDocs side): what it is, the file, the text replaced, its replacement, the line.
BAD_INPUT = [
    ("a setting that is not a number", "mkdocs.yml", 'no_makeup_hours: "24"', 'no_makeup_hours: "2 days"',
     "mkdocs.yml: setting 'extra.aftercare.no_makeup_hours (NO_MAKEUP_HOURS)' is not a whole number"),
    ("an impossible review date", "docs/about.md", "last_reviewed: ", "last_reviewed: 2026-13-45\nold_reviewed: ",
     "docs/about.md: front matter field 'last_reviewed' is '2026-13-45', not a real date in the form YYYY-MM-DD"),
]


def break_copy(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text("utf-8")
    if old not in text:
        raise ValueError(f"{file} no longer holds {old!r}: update BAD_INPUT in tools/zensical_check.py")
    path.write_text(text.replace(old, new, 1), "utf-8")


def bad_input_rows() -> tuple[list[str], list[str]]:
    rows, problems = [], []
    for what, file, old, new, line in BAD_INPUT:
        with tempfile.TemporaryDirectory(prefix="zensical-bad-") as temporary:
            project = copy_sources(Path(temporary))
            break_copy(project, file, old, new)
            site, stopped = zensical_build(project, {})
        same = site is None and line in stopped
        rows.append(f"| bad input: {what} | {'stops with the same message' if same else 'NOT STOPPED the same way'} |")
        if not same:
            problems.append(f"bad input ({what}): the Zensical build " +
                            ("did not stop" if site else f"stopped without {line!r}:\n{stopped}"))
    return rows, problems


def main() -> int:
    parser = argparse.ArgumentParser(description="Build with Zensical and compare with a MkDocs build.")
    parser.add_argument("mkdocs_site", type=Path, help="the MkDocs build of the same sources and settings")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="zensical-check-") as temporary:
        site, stopped = zensical_build(copy_sources(Path(temporary)), dict(os.environ))
        if site is None:
            print(f"zensical-check: {stopped}", file=sys.stderr)
            return 1
        problems = check_site(site, ROOT / "docs")
        rows, differences = compare_features(args.mkdocs_site, site, ROOT / "docs")
    bad_rows, bad_problems = bad_input_rows()
    print("| Feature | Zensical 0.0.73 against the MkDocs build |\n| --- | --- |\n" + "\n".join(rows + bad_rows))
    if problems or differences or bad_problems:
        print("zensical-check: the Zensical build has problems:\n  " + "\n  ".join(problems + differences + bad_problems),
              file=sys.stderr)
        return 1
    print("zensical-check: Zensical built every page and the 404 page; each feature is the same or a named gap, "
          "and bad input stops it as it stops MkDocs.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
