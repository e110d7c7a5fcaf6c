"""What a phone downloads to show a built page the first time, gzipped.

    python tools/page_weight.py site     # a table, heaviest page first

For one page: its HTML plus every stylesheet, script, icon and image the
HTML references (and any local file those stylesheets point to with url()),
each gzipped at level 9 as deploy/nginx.conf serves it. Files loaded later
by scripts (the search worker and index) are not part of the first view.
HTTP headers are not counted. Used by tests/test_budgets.py and `make bench`.
"""

from __future__ import annotations

import gzip
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from patient_site.page_map import NOT_FOUND, built_file, built_pages

BUDGET_KIB = 75
# Served gzipped by deploy/nginx.conf (gzip_types); others are counted as they are.
GZIPPED = {".html", ".css", ".js", ".json", ".svg", ".xml"}
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


class _References(HTMLParser):
    """Collects the addresses a browser fetches while showing the page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        rel = a.get("rel", "").lower().split()
        if tag == "link" and ({"stylesheet", "icon", "preload", "modulepreload"} & set(rel)):
            self.found.append(a.get("href", ""))
        elif tag == "script" and a.get("src"):
            self.found.append(a["src"])
        elif tag in ("img", "source", "video", "audio"):
            self.found.append(a.get("src", ""))


def transfer_size(path: Path) -> int:
    data = path.read_bytes()
    return len(gzip.compress(data, compresslevel=9, mtime=0)) if path.suffix in GZIPPED else len(data)


def _local_file(site_dir: Path, page_url: str, address: str) -> Path | None:
    """The built file for an address on the page, or None for data: and other hosts."""
    if not address or address.startswith(("data:", "#")):
        return None
    absolute = urljoin("http://site.invalid/" + page_url, address)
    parts = urlsplit(absolute)
    if parts.netloc != "site.invalid":
        raise ValueError(f"/{page_url} loads {address} from another host")
    path = site_dir / parts.path.lstrip("/")
    return path / "index.html" if path.is_dir() else path


def first_view(site_dir: Path, page_url: str) -> dict[str, int]:
    """Gzipped bytes of each file in the page's first view, by address."""
    html_path = built_file(site_dir, page_url)
    html = html_path.read_text(encoding="utf-8")
    sizes = {page_url or "/": transfer_size(html_path)}
    parser = _References()
    parser.feed(html)
    pending = [(page_url, address) for address in parser.found]
    while pending:
        base, address = pending.pop()
        path = _local_file(site_dir, base, address)
        if path is None:
            continue
        key = path.relative_to(site_dir).as_posix()
        if key in sizes:
            continue
        if not path.is_file():
            raise FileNotFoundError(f"/{page_url} references {address}, which is not in the site")
        sizes[key] = transfer_size(path)
        if path.suffix == ".css":
            pending += [(key, url) for url in _CSS_URL.findall(path.read_text(encoding="utf-8"))]
    return sizes


def page_urls(site_dir: Path) -> list[str]:
    """Every built page's address ("" for home, "about/", ..., "404.html")."""
    urls = sorted(built_pages(site_dir))
    return urls + ([NOT_FOUND] if (site_dir / NOT_FOUND).exists() else [])


def main(site_dir: str) -> None:
    rows = sorted(((sum(first_view(Path(site_dir), url).values()), url) for url in page_urls(Path(site_dir))),
                  reverse=True)
    print(f"| Page | First view (KiB, gzip) |\n| --- | ---: |")
    for total, url in rows:
        print(f"| /{url} | {total / 1024:.1f} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "site")
