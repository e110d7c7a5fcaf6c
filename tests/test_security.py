"""Content-Security-Policy: on every page, scripts only by hash, nothing blocked.

The build writes the policy (patient_site/security_policy.py);
these tests check what it wrote, and that Chromium enforces it without a
single violation while a patient reads every page and searches.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import PAGE_FILES, open_page, page_id
from patient_site import security_policy as csp
from patient_site.page_map import built_file
from site_search import RESULT_LINKS, search

URLS = list(PAGE_FILES) + ["404.html"]
LISTEN = """document.addEventListener("securitypolicyviolation", e =>
    (window.__violations = window.__violations || []).push(e.violatedDirective + " " + e.blockedURI));"""


def meta_policy(page) -> str:
    tags = page.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert len(tags) == 1, f"{len(tags)} CSP <meta> tags"
    return tags[0]["content"]


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("url", URLS, ids=page_id)
def test_every_page_has_the_policy_before_any_script(site_dir, url):
    html = built_file(site_dir, url).read_text(encoding="utf-8")
    head = html[:html.index("</head>")]
    assert head.index('http-equiv="Content-Security-Policy"') < head.index("<script")
    assert head.index("<meta charset") < head.index('http-equiv="Content-Security-Policy"')


def test_one_policy_for_every_page(pages, site_dir):
    """Every page's <meta> is the site's one policy with only its own style hashes; the header has them all."""
    [line] = [line for line in (site_dir / "_headers").read_text("utf-8").splitlines()
              if line.strip().startswith("Content-Security-Policy:")]
    header = directives(line.split(":", 1)[1])
    not_found = BeautifulSoup((site_dir / "404.html").read_text(encoding="utf-8"), "html.parser")
    for url, page in {**pages, "404.html": not_found}.items():
        policy = directives(meta_policy(page))
        assert {d: s for d, s in policy.items() if d != "style-src"} == {
            d: s for d, s in header.items() if d not in ("style-src", "frame-ancestors")}, url
        own = csp.inline_hashes(str(page), "style")
        assert set(policy["style-src"]) == {"'self'"} | own, f"/{url}: {policy['style-src']}"
        assert set(policy["style-src"]) <= set(header["style-src"]), url


def test_scripts_only_from_the_site_or_by_hash(pages):
    policy = directives(meta_policy(pages[""]))
    assert policy["script-src"][0] == "'self'"
    assert all(source.startswith("'sha256-") for source in policy["script-src"][1:])
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    for directive, sources in policy.items():
        assert all(s.startswith("'") or s == "data:" for s in sources), f"{directive} allows {sources}"


@pytest.mark.parametrize("url", URLS, ids=page_id)
def test_every_inline_script_is_in_the_policy(site_dir, url):
    html = built_file(site_dir, url).read_text(encoding="utf-8")
    hashes = csp.inline_hashes(html, "script")
    # Material's scope and storage helpers (our data-attribute copy), its
    # saved-scheme script and its tabbed-content script, and the day guide's
    # remembered-day check (partials/day-guide-remembered.html).
    assert len(hashes) == 4, f"expected 4 inline scripts, found {len(hashes)}"
    allowed = directives(meta_policy_from_html(html))["script-src"]
    assert hashes <= set(allowed), f"/{url}: inline scripts not in the policy: {hashes - set(allowed)}"


@pytest.mark.parametrize("url", URLS, ids=page_id)
def test_styles_only_from_the_site_or_by_hash(site_dir, url):
    """No 'unsafe-inline' for styles either: the print footer's <style> is allowed by its hash."""
    html = built_file(site_dir, url).read_text(encoding="utf-8")
    allowed = directives(meta_policy_from_html(html))["style-src"]
    assert allowed[0] == "'self'" and "'unsafe-inline'" not in allowed
    hashes = csp.inline_hashes(html, "style")
    assert hashes, f"/{url}: no inline <style> found (the print footer should be one)"
    assert hashes <= set(allowed), f"/{url}: inline styles not in the policy: {hashes - set(allowed)}"


def test_a_page_script_of_its_own_stops_the_build(tmp_path):
    """An inline script that the template page (404) does not have came from a page's text."""
    (tmp_path / "404.html").write_text(f'<meta content="{csp.PLACEHOLDER}"><script>theme()</script>')
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.html").write_text(
        f'<meta content="{csp.PLACEHOLDER}"><script>theme()</script><script>mine()</script>')
    with pytest.raises(csp.BuildStop, match=r"about/index\.html: the page holds an inline <script>"):
        csp.write_policy(tmp_path)
    (tmp_path / "about" / "index.html").write_text(f'<meta content="{csp.PLACEHOLDER}"><script>theme()</script>')
    policy = csp.write_policy(tmp_path)
    assert len(policy.scripts) == 1
    assert csp.PLACEHOLDER not in (tmp_path / "about" / "index.html").read_text()


def meta_policy_from_html(html: str) -> str:
    return meta_policy(BeautifulSoup(html, "html.parser"))


def test_hashes_skip_data_blocks_and_external_scripts():
    html = ('<script src="a.js"></script><script type="application/ld+json">{}</script>'
            '<script id="__config" type="application/json">{}</script><script>run()</script>'
            '<script type="module">go()</script>')
    assert len(csp.inline_hashes(html, "script")) == 2


def test_chromium_reports_no_violation_on_any_page_or_while_searching(browser, base_url):
    page = browser.new_page()
    page.add_init_script(LISTEN)
    console = []
    page.on("console", lambda message: console.append(message.text))
    found = {}
    for url in URLS:
        open_page(page, base_url + url)
        page.wait_for_load_state("networkidle")
        found[url] = page.evaluate("window.__violations || []")
    assert search(page, base_url, "cold sore"), "search showed no results under the policy"
    found["search"] = page.evaluate("window.__violations || []")
    page.locator(RESULT_LINKS).first.click()
    page.wait_for_load_state("networkidle")
    found["search result"] = page.evaluate("window.__violations || []")
    page.close()
    assert not any(found.values()), {url: v for url, v in found.items() if v}
    assert not [text for text in console if "Content Security Policy" in text], console


def test_chromium_blocks_an_inline_script_not_in_the_policy(browser, base_url):
    """The policy is really enforced: injected code does not run."""
    page = browser.new_page()
    page.add_init_script(LISTEN)
    open_page(page, base_url + "about/")
    page.evaluate("""() => { const s = document.createElement("script");
        s.textContent = "window.__injected = true"; document.body.append(s); }""")
    page.wait_for_timeout(100)
    ran = page.evaluate("window.__injected === true")
    violations = page.evaluate("window.__violations || []")
    page.close()
    assert not ran
    assert any(v.startswith("script-src") for v in violations), violations
