"""Shared fixtures: one strict build of the site per test session.

Tests never read ./site; they build into a temporary folder, so a stale
local build cannot make them pass.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, sync_playwright

from print_pdf import launch_chromium
from patient_site import front_matter
from patient_site import settings as clinic_settings
from project_sources import copy_sources
from patient_site.page_map import built_pages, source_pages
from site_server import serve

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


# Known at collection time, so tests can be parametrised by page.
PAGE_FILES = source_pages(DOCS)
# The Spanish edition (mkdocs.es.yml): the same addresses below /es/.
ES_DOCS = DOCS / "es"
ES_PAGE_FILES = source_pages(ES_DOCS)

# Screen sizes for browser tests: a desktop, the smallest phone WCAG reflow
# asks for (320 px), and Lighthouse's mobile screen.
DESKTOP = {"width": 1280, "height": 800}
SMALL_PHONE = {"width": 320, "height": 640}
LIGHTHOUSE_PHONE = {"width": 412, "height": 823}


def page_id(value: str) -> str:
    """Test id for a page's URL path: the home page's is "" and shows as "home"."""
    return value or "home"



# Every environment variable a build reads. Tests clear them, so a setting
# in the shell that runs `make test` cannot change what the tests see.
SETTING_VARIABLES = ["SITE_URL", *clinic_settings.SETTINGS.values(),
                     *(clinic_settings.edition_variable(v, "es") for v in clinic_settings.EDITION_VARIABLES)]
# Cleared too: DRAFT=1 marks printed sheets as drafts (patient_site/paper.py).
BUILD_VARIABLES = SETTING_VARIABLES + ["DRAFT"]


def page_meta(url: str) -> dict:
    """A page's front matter as the build sees it (dates as datetime.date)."""
    meta, problems = front_matter.check_page(str(PAGE_FILES[url]), PAGE_FILES[url].read_text(encoding="utf-8"))
    assert not problems, problems
    return meta


# A clinic's own clinic.yml (patient_site/clinic_file.py) must not change what
# the tests see either: every build and tool reads an empty settings file.
os.environ["CLINIC_SETTINGS_FILE"] = os.devnull


def clean_environment() -> dict[str, str]:
    """This process's environment without any setting, so a shell's CLINIC_NAME cannot leak in."""
    return {name: value for name, value in os.environ.items() if name not in BUILD_VARIABLES}


def mkdocs_build(project: Path, site_dir: Path, settings: dict[str, str] | None = None,
                 config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    """Run the same strict build as `make build`, into site_dir.

    ``settings`` are environment variables such as CLINIC_NAME; any not
    given are unset, so the build uses the defaults in mkdocs.yml.
    ``config`` is mkdocs.es.yml for the Spanish edition.
    """
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", config, "--site-dir", str(site_dir)],
        cwd=project,
        env={**clean_environment(), **(settings or {}), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    site = tmp_path_factory.mktemp("site")
    return mkdocs_build(ROOT, site), site


@pytest.fixture(scope="session")
def site_dir(build) -> Path:
    result, site = build
    if result.returncode != 0:
        pytest.fail(f"strict build failed:\n{result.stderr}")
    return site


@pytest.fixture(scope="session")
def pages(site_dir) -> dict[str, BeautifulSoup]:
    """Every built page, parsed, by URL path."""
    return {
        url: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for url, path in built_pages(site_dir).items()
    }


@pytest.fixture(scope="session")
def site_url(pages) -> str:
    """The address the default build was made for (its home page's canonical link)."""
    return pages[""].find("link", rel="canonical")["href"]


def both_editions(project: Path, site: Path, settings: dict[str, str] | None = None) -> Path:
    """`make build`: the English into site, then the Spanish into site/es/."""
    for config, folder in (("mkdocs.yml", site), ("mkdocs.es.yml", site / "es")):
        result = mkdocs_build(project, folder, settings, config)
        assert result.returncode == 0, f"{config}: strict build failed:\n{result.stderr}"
    return site


@pytest.fixture(scope="session")
def whole_site(tmp_path_factory) -> Path:
    """Both editions, as `make build` makes them and a clinic publishes them."""
    return both_editions(ROOT, tmp_path_factory.mktemp("whole"))


@pytest.fixture(scope="session")
def es_site_dir(whole_site) -> Path:
    return whole_site / "es"


@pytest.fixture(scope="session")
def es_pages(es_site_dir) -> dict[str, BeautifulSoup]:
    """Every built Spanish page, parsed, by address below /es/."""
    return {url: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for url, path in built_pages(es_site_dir).items()}


@pytest.fixture(scope="session")
def whole_url(whole_site) -> str:
    """Both editions served on 127.0.0.1 for as long as the tests run."""
    with serve(whole_site) as url:
        yield url


@pytest.fixture(scope="session")
def es_base_url(whole_url) -> str:
    return whole_url + "es/"


# A clinic's edition: every setting set, built for a public address.
HARBOR = {
    "SITE_URL": "https://harbor-skin.example/after-infini/",
    "CLINIC_NAME": "Harbor Skin Clinic",
    "CLINIC_PHONE": "+1 555 0100",
    "CLINIC_AFTER_HOURS_PHONE": "+1 555 0199",
    "CLINIC_EMAIL": "care_team@harbor-skin.example",
    "CLINIC_ADDRESS": "1 Harbor Road, Portland, ME 04101",
    "CLINIC_WEBSITE": "https://harbor-skin.example/",
    "EMERGENCY_NUMBER": "911",
    "REVIEWER_NAME": "Dr Jane Lee",
    "REVIEWER_ROLE": "Consultant dermatologist",
    "NO_MAKEUP_HOURS": "48",
    "NO_SWEAT_HOURS": "72",
    "PAUSE_ACTIVES_DAYS": "14",
    "SUN_PROTECTION_WEEKS": "6",
}


# The day the clinicians in these tests signed: a fixed date, so no test depends on today's.
SIGNED_ON = "2026-12-01"


def sign(project: Path, settings: dict[str, str], *pages: str) -> str:
    """`make signed PAGE=...` in a copy of the sources, with these settings; its output."""
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "signed.py"), *pages, "--root", str(project),
                             "--date", SIGNED_ON], env={**clean_environment(), **settings},
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="session")
def harbor_site(tmp_path_factory) -> Path:
    """A clinic's English edition, every page signed off by its clinician (Dr Jane Lee) and unchanged since."""
    project = copy_sources(tmp_path_factory.mktemp("harbor-sources"))
    sign(project, HARBOR, "docs")
    site = tmp_path_factory.mktemp("harbor")
    result = mkdocs_build(project, site, HARBOR)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the sources, for tests that break them on purpose."""
    return copy_sources(tmp_path)


# --- Browser checks: Debian's Chromium, driven by Playwright ------------------

@pytest.fixture(scope="session")
def browser() -> Browser:
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def base_url(site_dir) -> str:
    """The default build, served on 127.0.0.1 for as long as the tests run."""
    with serve(site_dir) as url:
        yield url


def open_page(page, url: str):
    """Open url and wait until Material's script has run.

    Playwright's goto waits for the load event, after the script; Material
    swaps <html class="no-js"> for "js" as it starts.
    """
    response = page.goto(url)
    # A selector, not a JavaScript string: the page's policy forbids eval.
    page.locator("html.js").wait_for(state="attached")
    return response


def tab_to(page, selector: str, limit: int = 40) -> bool:
    """Press Tab until the element matching selector has focus (False if never)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return True
    return False
