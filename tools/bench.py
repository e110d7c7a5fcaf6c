"""`make bench`: Lighthouse on every page, page weight, and build time against stock Material.

    make bench                  # or: .venv/bin/python tools/bench.py --runs 5 --lighthouse-runs 3

1. Times `mkdocs build --strict` of this site, and a build of the same
   mkdocs.yml as stock Material (no hooks, template overrides, CSS or
   JavaScript of ours), --runs times each, and prints the medians and their
   ratio.
   Both are built for a public address (SITE_URL=https://bench.example/), as
   a clinic publishes them, served over HTTPS (a self-signed certificate),
   and Chromium is told that this host is the local nginx: a local address
   would keep the head's hreflang links relative, which Lighthouse's SEO
   check refuses (partials/hreflang.html).
2. Serves the last timed build with Debian's nginx and deploy/nginx.conf
   (gzip on), and runs Lighthouse (npm package, bench/package.json) with
   the system Chromium on every page, --lighthouse-runs times, with its
   default mobile settings (simulated slow 4G and a 4x slower CPU).
   It runs Lighthouse on the stock build too (--stock-runs times), for the
   budget "no heavier on the wire than stock Material".
   The Spanish edition (mkdocs.es.yml, built into site/es/ as `make build`
   does) is measured the same way, its pages and its stock build alike.
3. Prints one table: the median run's four scores and the lowest
   performance score of the runs, first-view transfer, FCP, LCP, total
   blocking time and the worst CLS.
4. On the pages with the day guide, measures the layout shift of opening
   the page with a remembered date, with and without the partial that
   prevents it (tools/remembered_shift.py).

Why a median: Lighthouse's simulated score moves from run to run, most of
all on a small shared machine (the same page scored 88 and 100 here), and
Lighthouse's own guidance on variance is to take the median of several
runs. The lowest score is printed beside it, so nothing is hidden.

First-view transfer has two columns. "gzip KiB" is the budget's measure
(tools/page_weight.py, the same as tests/test_budgets.py): the page's HTML
and every CSS, JS and image file it references, gzipped, without HTTP
headers; a stock Material page is 67.9 KiB by this measure. "Lighthouse
KiB" is for information: bytes on the wire as Lighthouse recorded them,
HTTP headers included (about 3.5 KiB of them), without the search index and
worker that Material fetches for the search box.

Exits 1 if a page misses a budget: performance 100 (median run);
accessibility, best practices and SEO 100 and CLS 0 in every run (and with
a remembered date); first view at most 75 KiB; build time at most 1.5 times stock. Times are printed,
never tested: `make test` does not run this.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

from nginx_server import serve_with_nginx
from patient_site.security_policy import write_nginx_headers
from page_weight import BUDGET_KIB, first_view, page_urls
from patient_site.page_map import built_file
from remembered_shift import remembered_shifts
from print_pdf import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
# The public address the bench builds for; Chromium maps it to the local nginx.
BENCH_HOST = "bench.example"
BENCH_URL = f"https://{BENCH_HOST}/"
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MAX_BUILD_RATIO = 1.5
# The stock site: the same mkdocs.yml (pages, Markdown extensions, snippets,
# citations, palette) with none of our own theme work: no hooks, no template
# overrides, no CSS or JavaScript of ours. So the weight and speed it shows
# are stock Material's for the same content. (Settings in page text stay as
# typed, "{{ clinic.name }}": filling them in is a hook's job today.)
# A page feature is content, not theme work: stock Material would load the
# day guide's script and stylesheet its own way, from extra_javascript and
# extra_css on every page. Ours loads them only where the guide is
# (overrides/main.html), a deviation this comparison measures.
FEATURE_SCRIPTS = [{"path": "assets/javascripts/day-guide.js", "defer": True}]
FEATURE_STYLES = ["assets/stylesheets/day-guide.css"]


# Each edition's config and where `make build` puts it in the site.
EDITIONS = {"mkdocs.yml": "", "mkdocs.es.yml": "es/"}


def stock_config(site: Path, config_name: str = "mkdocs.yml") -> str:
    """A stock-Material config of one edition (its INHERIT resolved, as MkDocs resolves it)."""
    with open(ROOT / config_name, "rb") as file:
        config = yaml_load(file)
    config.update(docs_dir=str(ROOT / config.get("docs_dir", "docs")), site_dir=str(site), strict=False, hooks=[],
                  extra_css=FEATURE_STYLES, extra_javascript=FEATURE_SCRIPTS, watch=[])
    config["theme"] = {key: value for key, value in config["theme"].items() if key != "custom_dir"}
    return yaml.safe_dump(config, sort_keys=False)


# Requests Material makes for the search box, not for showing the page.
SEARCH_REQUESTS = ("/search/search_index.json", "/assets/javascripts/workers/")


MKDOCS_BUILD = [sys.executable, "-m", "mkdocs", "build", "--quiet"]


def build_seconds(command: list[str], cwd: Path, runs: int) -> list[float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": BENCH_URL}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def build_spanish(temp: Path) -> None:
    """The Spanish edition into temp/site/es/ and its stock build into temp/stock/es/, as `make build` does."""
    build_seconds(MKDOCS_BUILD + ["--strict", "--config-file", "mkdocs.es.yml", "--site-dir", str(temp / "site" / "es")],
                  ROOT, 1)
    config = ROOT / ".cache" / "stock-mkdocs.es.yml"
    config.write_text(stock_config(temp / "stock" / "es", "mkdocs.es.yml"), encoding="utf-8")
    build_seconds(MKDOCS_BUILD + ["--config-file", str(config)], ROOT, 1)


def time_builds(temp: Path, runs: int) -> tuple[float, float]:
    """Median build times of this site (left built in temp/site) and of stock Material."""
    ours = build_seconds(MKDOCS_BUILD + ["--strict", "--site-dir", str(temp / "site")], ROOT, runs)
    config = ROOT / ".cache" / "stock-mkdocs.yml"  # beside mkdocs.yml's folder: snippets and sources resolve the same
    config.parent.mkdir(exist_ok=True)
    config.write_text(stock_config(temp / "stock"), encoding="utf-8")
    stock = build_seconds(MKDOCS_BUILD + ["--config-file", str(config)], ROOT, runs)
    return statistics.median(ours), statistics.median(stock)


def lighthouse(served: str, url: str, report: Path) -> dict:
    """Lighthouse on BENCH_URL + url, which Chromium fetches from the server at served (http://127.0.0.1:port/)."""
    port = served.rstrip("/").rsplit(":", 1)[1]
    url = BENCH_URL + url
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS, f"--host-rules='MAP {BENCH_HOST}:443 127.0.0.1:{port}'",
                      "--ignore-certificate-errors"])
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
         "--form-factor=mobile", "--throttling-method=simulate",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, capture_output=True)
    return json.loads(report.read_text(encoding="utf-8"))


def run_row(result: dict) -> dict:
    """One Lighthouse run: the four scores and the figures the table shows."""
    audits = result["audits"]
    requests = audits["network-requests"]["details"]["items"]
    on_wire = sum(r["transferSize"] for r in requests
                  if r["resourceType"] not in ("XHR", "Fetch") and not any(s in r["url"] for s in SEARCH_REQUESTS))
    return {
        **{name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES},
        "lighthouse_kib": on_wire / 1024,
        "fcp_s": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
    }


def page_row(runs: list[dict], gzip_bytes: int) -> dict:
    """A page's row: the median run (by performance, then total blocking time), and the lowest score.

    Lighthouse's own advice for its run-to-run variance is to take the
    median of several runs (docs/variability.md in its repository).
    """
    ordered = sorted(runs, key=lambda run: (run["performance"], -run["tbt_ms"]))
    median = ordered[len(ordered) // 2]
    return {**median, "gzip_kib": gzip_bytes / 1024, "runs": len(runs),
            "lowest": {name: min(run[name] for run in runs) for name in CATEGORIES},
            "worst_cls": max(run["cls"] for run in runs)}


def misses(url: str, row: dict) -> list[str]:
    """Budgets: performance 100 in the median run; the other three 100 and CLS 0 in every run."""
    found = [f"/{url}: performance {row['performance']} (median of {row['runs']})"] if row["performance"] < 100 else []
    found += [f"/{url}: {name} {row['lowest'][name]}" for name in CATEGORIES[1:] if row["lowest"][name] < 100]
    if row["gzip_kib"] > BUDGET_KIB:
        found.append(f"/{url}: first view {row['gzip_kib']:.1f} KiB")
    if row["worst_cls"] > 0:
        found.append(f"/{url}: CLS {row['worst_cls']:.3f}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description="Lighthouse, page weight and build time.")
    parser.add_argument("--runs", type=int, default=5, help="builds to time for each median (default 5)")
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="Lighthouse runs per page; the table shows the median run (default 3)")
    parser.add_argument("--stock-runs", type=int, default=1,
                        help="Lighthouse runs per page of the stock build, for its weight (default 1)")
    parser.add_argument("--pages", nargs="*", metavar="URL",
                        help="measure only these pages (\"\", \"about/\" ...); default every page")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} not found: run `make bench` (it runs `npm ci` in bench/)")

    rows, problems = {}, []
    with tempfile.TemporaryDirectory(prefix="bench-") as temporary:
        ours, stock = time_builds(Path(temporary), args.runs)
        build_spanish(Path(temporary))
        site = Path(temporary) / "site"  # the last timed build, with the Spanish in es/
        # Lighthouse's SEO fails any 404 status, so the 404 pages are left out.
        urls = [edition + url for edition in EDITIONS.values()
                for url in page_urls(site / edition) if url != "404.html"]
        if args.pages is not None:
            urls = [url for url in urls if url in args.pages]
        report = Path(temporary) / "report.json"
        with serve_with_nginx(site, tls_host=BENCH_HOST) as base_url:
            for url in urls:
                results = [lighthouse(base_url, url, report) for _ in range(args.lighthouse_runs)]
                rows[url] = page_row([run_row(result) for result in results], sum(first_view(site, url).values()))
                problems += misses(url, rows[url])
                print(f"  measured /{url}", file=sys.stderr)
            guide_urls = [url for url in urls if "data-day-guide" in built_file(site, url).read_text("utf-8")]
            remembered = remembered_shifts(base_url, guide_urls)
            problems += [f"/{url}: layout shift {cls:.3f} on a {viewport} with a remembered day"
                         for url, viewport, cls, _ in remembered if cls > 0]
        # Stock Material building the same docs/, served the same way: the
        # weight budget is "no heavier on the wire than stock".
        # Served with the same headers but no policy: stock Material has none.
        write_nginx_headers(Path(temporary) / "stock", None, server_conf=ROOT / "deploy" / "site.conf")
        with serve_with_nginx(Path(temporary) / "stock", tls_host=BENCH_HOST) as base_url:
            for url in urls:
                stock_runs = [run_row(lighthouse(base_url, url, report)) for _ in range(args.stock_runs)]
                rows[url]["stock_kib"] = statistics.median(run["lighthouse_kib"] for run in stock_runs)
                rows[url]["stock_performance"] = min(run["performance"] for run in stock_runs)
                if rows[url]["lighthouse_kib"] > rows[url]["stock_kib"]:
                    problems.append(f"/{url}: {rows[url]['lighthouse_kib']:.1f} KiB on the wire, "
                                    f"stock Material {rows[url]['stock_kib']:.1f} KiB")
                print(f"  measured stock /{url}", file=sys.stderr)
        version = results[-1]["lighthouseVersion"]
        browser = results[-1]["environment"]["hostUserAgent"].split("Chrome/")[-1].split()[0]

    n = args.lighthouse_runs
    print(f"Lighthouse {version}, Chromium {browser}, mobile (simulated slow 4G, 4x CPU slowdown); "
          f"nginx with deploy/nginx.conf (gzip level 9). Each page {n} times: the median run, "
          f"and the lowest performance score of the {n}.\n")
    print(f"| Page | Performance (median of {n}) | Lowest | Accessibility | Best practices | SEO "
          "| First view, gzip KiB | On the wire, Lighthouse KiB | Stock on the wire KiB | Ratio to stock "
          "| Stock performance | FCP (s) | LCP (s) | TBT (ms) | CLS |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for url, row in rows.items():
        print(f"| /{url} | {row['performance']} | {row['lowest']['performance']} | {row['accessibility']} "
              f"| {row['best-practices']} | {row['seo']} | {row['gzip_kib']:.1f} | {row['lighthouse_kib']:.1f} "
              f"| {row['stock_kib']:.1f} | {row['lighthouse_kib'] / row['stock_kib']:.2f} | {row['stock_performance']} "
              f"| {row['fcp_s']:.2f} | {row['lcp_s']:.2f} | {row['tbt_ms']:.0f} | {row['worst_cls']:.3f} |")
    print("\nOpened with a remembered treatment date (Lighthouse never has one): layout shift (CLS) with "
          "overrides/partials/day-guide-remembered.html and without it.\n")
    print("| Page | Screen | CLS with | CLS without |\n| --- | --- | ---: | ---: |")
    for url, viewport, with_it, without in remembered:
        print(f"| /{url} | {viewport} | {with_it:.3f} | {without:.3f} |")
    ratio = ours / stock
    print(f"\nBuild time, median of {args.runs}: this site {ours:.2f} s, stock Material {stock:.2f} s, "
          f"ratio {ratio:.2f} (budget {MAX_BUILD_RATIO}).")
    if ratio > MAX_BUILD_RATIO:
        problems.append(f"build time ratio {ratio:.2f}")
    if problems:
        print("\nBudgets missed:\n  " + "\n  ".join(problems))
        return 1
    print(f"\nAll budgets met: performance 100 in the median of {n} runs and accessibility, best practices "
          f"and SEO 100 in every run; first view at most {BUDGET_KIB} KiB, no heavier on the wire than stock "
          f"Material and CLS 0 on every page; "
          f"build at most {MAX_BUILD_RATIO}x stock.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
