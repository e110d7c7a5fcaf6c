"""Publishing: deploy/nginx.conf under Debian's real nginx, site/_headers, the Pages workflow.

nginx serves the default build with the committed configuration (only its
`listen` line moved to a free port on 127.0.0.1, tools/nginx_server.py).
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, SETTING_VARIABLES, clean_environment
from nginx_server import serve_with_nginx
from patient_site import security_policy as csp

# Written out here, not imported from patient_site/security_policy.py, so a
# weakened value there (a dropped Permissions-Policy entry) fails the test.
SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "X-Frame-Options": "DENY",
}
YEAR = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def nginx(site_dir):
    with serve_with_nginx(site_dir) as base_url:
        yield base_url


def get(base_url: str, path: str, gzip_ok: bool = True):
    address = urlparse(base_url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.request("GET", "/" + path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    if response.getheader("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return response, body


@pytest.fixture(scope="module")
def expected_policy(site_dir) -> str:
    """The build's policy with every page's style hashes, plus what only a header can carry.

    Built from the pages' <meta> tags, so it is checked against what the pages hold.
    """
    metas = [BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
             .find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
             for path in sorted(site_dir.rglob("*.html")) if path.parent.name != "_nginx"]
    parts = [dict((part.split()[0], part.split()[1:]) for part in meta.split("; ")) for meta in metas]
    merged = parts[0]
    merged["style-src"] = ["'self'", *sorted({s for p in parts for s in p["style-src"][1:]})]
    return "; ".join(" ".join([name, *sources]) for name, sources in merged.items()) + f"; {csp.HEADER_ONLY}"


def built_asset(site_dir, pattern: str) -> str:
    [path] = [p for p in site_dir.rglob("*") if re.search(pattern, p.name)]
    return path.relative_to(site_dir).as_posix()


PAGES = ["", "about/", "when-to-get-help/", "handout/", "404.html"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_the_security_headers(nginx, expected_policy, path):
    response, _ = get(nginx, path)
    assert response.status == 200
    assert response.getheader("Content-Security-Policy") == expected_policy, (
        "site/_nginx/security-headers.conf does not carry the build's policy")
    for name, value in SECURITY_HEADERS.items():
        assert response.getheader(name) == value, f"/{path}: {name} is {response.getheader(name)!r}"
    assert response.getheader("Server") == "nginx", "nginx should not tell its version"


def test_the_try_it_config_listens_only_on_this_computer():
    """The README runs deploy/nginx.conf on a laptop: nobody else on the network may reach it."""
    listens = re.findall(r"^\s*listen\s+([^;]+);", (ROOT / "deploy" / "nginx.conf").read_text("utf-8"), re.M)
    assert listens == ["127.0.0.1:8080"]


@pytest.mark.parametrize("path", ["", "about/", "handout/", "assets/images/favicon.svg"])
def test_a_clinics_own_server_block_can_include_the_sites_rules(site_dir, expected_policy, path):
    """A clinic's nginx.conf, anywhere, includes site/_nginx/site.conf by its full path; the headers come with it."""
    with serve_with_nginx(site_dir, as_included=True) as base_url:
        response, _ = get(base_url, path)
        missing, _ = get(base_url, "no-such-page/")
    assert response.status == 200
    assert response.getheader("Content-Security-Policy") == expected_policy
    for name, value in SECURITY_HEADERS.items():
        assert response.getheader(name) == value, f"/{path}: {name} is {response.getheader(name)!r}"
    assert missing.status == 404 and missing.getheader("Content-Security-Policy") == expected_policy


def test_hsts_covers_other_sites_under_the_domain_only_when_asked():
    policy = csp.Policy(frozenset(), frozenset())
    for text in (csp.nginx_headers(policy), csp.static_host_headers(policy)):
        assert "max-age=31536000" in text and "includeSubDomains" not in text
    for text in (csp.nginx_headers(policy, True), csp.static_host_headers(policy, True)):
        assert "max-age=31536000; includeSubDomains" in text


def test_the_sites_nginx_rules_need_their_headers_line():
    with pytest.raises(csp.BuildStop, match="no 'include security-headers.conf;' line"):
        csp.nginx_site("location / { try_files $uri =404; }\n", 'add_header X-Frame-Options "DENY" always;\n')


@pytest.mark.parametrize("path", ["assets/stylesheets/content.css", "assets/javascripts/print-button.js",
                                  "search/search_index.json", "assets/images/favicon.svg", "sitemap.xml"])
def test_every_file_carries_the_policy(nginx, expected_policy, path):
    """An SVG opened on its own is a document that could run a script: every response carries the policy."""
    response, _ = get(nginx, path)
    assert response.status == 200
    assert response.getheader("Content-Security-Policy") == expected_policy, f"/{path} has no policy"
    for name, value in SECURITY_HEADERS.items():
        assert response.getheader(name) == value, f"/{path}: {name} is {response.getheader(name)!r}"
    assert response.getheader("Cache-Control") == "no-cache"


@pytest.mark.parametrize("hidden", [".env", ".git/config", "es/.env", "assets/.secret.json"])
def test_hidden_files_in_the_site_folder_are_not_served(nginx, site_dir, hidden):
    """A site/ kept as a git work tree, or a file an editor left, stays private."""
    path = site_dir / hidden
    created = not path.exists()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("SECRET=1\n", encoding="utf-8")
    try:
        response, body = get(nginx, hidden)
        assert response.status == 404 and b"SECRET" not in body, f"/{hidden} was served"
    finally:
        if created:
            path.unlink()
            if path.parent != site_dir and not any(path.parent.iterdir()):
                path.parent.rmdir()


@pytest.mark.parametrize("path", PAGES[:-1])
def test_pages_are_served_gzipped_and_checked_for_changes(nginx, site_dir, path):
    response, body = get(nginx, path)
    assert response.getheader("Content-Encoding") == "gzip"
    assert response.getheader("Content-Type") == "text/html; charset=utf-8"
    assert response.getheader("Cache-Control") == "no-cache"
    assert body == (site_dir / path / "index.html").read_bytes()


@pytest.mark.parametrize("pattern", [r"^bundle\.[0-9a-f]{8}\.min\.js$", r"^search\.[0-9a-f]{8}\.min\.js$"])
def test_hashed_files_are_cached_for_a_year(nginx, site_dir, pattern):
    path = built_asset(site_dir, pattern)
    response, body = get(nginx, path)
    assert response.status == 200
    assert response.getheader("Cache-Control") == YEAR
    assert response.getheader("Content-Encoding") == "gzip"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert body == (site_dir / path).read_bytes()


@pytest.mark.parametrize("pattern", [r"^content\.css$", r"^main\.[0-9a-f]{8}\.min\.css$",
                                     r"^palette\.[0-9a-f]{8}\.min\.css$"])
def test_stylesheets_are_not_cached_for_a_year(nginx, site_dir, pattern):
    """Ours change under one name; Material's are trimmed under theirs (patient_site/stylesheets.py)."""
    response, _ = get(nginx, built_asset(site_dir, pattern))
    assert response.getheader("Cache-Control") == "no-cache"


def test_a_missing_page_gets_the_site_404_page(nginx, expected_policy):
    response, body = get(nginx, "no-such-page/")
    assert response.status == 404
    assert b"Page not found" in body
    assert response.getheader("Content-Security-Policy") == expected_policy


def test_a_client_without_gzip_gets_plain_text(nginx, site_dir):
    response, body = get(nginx, "", gzip_ok=False)
    assert response.getheader("Content-Encoding") is None
    assert body == (site_dir / "index.html").read_bytes()


def test_the_nginx_include_is_not_served(nginx):
    response, _ = get(nginx, csp.NGINX_INCLUDE)
    assert response.status == 404


def test_static_host_headers_match_nginx(expected_policy, site_dir):
    """site/_headers (Netlify, Cloudflare Pages) sends the same headers as nginx."""
    text = (site_dir / "_headers").read_text(encoding="utf-8")
    rules, current = {}, None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            current = rules.setdefault(line.strip(), {})
        else:
            name, value = line.strip().split(": ", 1)
            current[name] = value
    assert rules["/*"] == {"Content-Security-Policy": expected_policy, **SECURITY_HEADERS}
    assert all(headers == {"Cache-Control": YEAR} for path, headers in rules.items() if path != "/*")


def test_pages_workflow_builds_strictly_with_every_setting():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    build = workflow["jobs"]["build"]
    commands = [step.get("run", "") for step in build["steps"]]
    assert ('configs=$(python tools/edition.py --configs) && for config in $configs; do '
            'mkdocs build --strict --config-file "$config"; done') in commands, "not both editions (unless left out)"
    assert "python -m pip install --require-hashes -r requirements.txt" in commands
    assert "python -m pip install --no-deps --no-build-isolation -e ." in commands
    assert sorted(build["env"]) == sorted(SETTING_VARIABLES + ["NO_MKDOCS_2_WARNING", "PAGES_SITE_URL"])
    assert build["needs"] == "test", "the site is published without running the tests first"
    assert [step.get("run") for step in workflow["jobs"]["test"]["steps"]][-1] == "bash .ci/run"
    uses = [step.get("uses", "") for step in build["steps"]]
    assert any(use.startswith("actions/upload-pages-artifact") for use in uses)
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")


def test_every_action_and_package_is_pinned_to_what_was_checked():
    """Actions by commit (a tag can be moved), and every package by version and hash:
    pip refuses a file whose hash differs, and fetches nothing unpinned (the build backend included)."""
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    actions = re.findall(r"uses: (\S+)", workflow)
    assert actions and all(re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", use) for use in actions), actions
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for name in ("requirements.txt", "requirements-dev.txt", "requirements-zensical.txt"):
        text = (ROOT / name).read_text(encoding="utf-8")
        requirements = re.split(r"\n(?=\S)", re.sub(r"(?m)^\s*#.*\n", "", text).strip())
        unhashed = [each.split()[0] for each in requirements if "--hash=sha256:" not in each]
        assert not unhashed, f"{name}: no hash for {unhashed}; run `make pins`"
        assert all(re.match(r"[\w.-]+==\S+ \\", each) for each in requirements), f"{name}: a line is not name==version"
        assert re.search(rf"\$\(REQUIRE_HASHES\).* -r {re.escape(name)}", makefile), f"{name} installed without --require-hashes"
        assert "setuptools==" in text, f"{name}: the build backend is not pinned, so pip would fetch one"
    assert "--require-hashes" in makefile.split("REQUIRE_HASHES :=")[1].splitlines()[0]
    assert "--no-build-isolation" in makefile.split("OWN_PACKAGE    :=")[1].splitlines()[0]


# What GitHub Actions makes of the workflow's expressions when no repository
# variable is set: vars.NAME is "", and "a || b" gives b for "".
_UNSET_VARIABLE = re.compile(r"^\$\{\{ vars\.(\w+) \}\}$")
_PAGES_ADDRESS = re.compile(r"^\$\{\{ format\('https://\{0\}\.github\.io/\{1\}/', "
                            r"github\.repository_owner, github\.event\.repository\.name\) \}\}$")


def unset_workflow_environment(env: dict[str, str], owner: str, repository: str) -> dict[str, str]:
    values = {}
    for name, expression in env.items():
        if _UNSET_VARIABLE.match(expression):
            values[name] = ""
        elif _PAGES_ADDRESS.match(expression):
            values[name] = f"https://{owner}.github.io/{repository}/"
        elif "${{" not in expression:
            values[name] = expression
        else:
            pytest.fail(f"pages.yml: {name}: this test cannot evaluate {expression!r}; teach it the new form")
    return values


def test_pages_workflow_build_step_passes_with_every_variable_unset(project_copy):
    """The build step, run with the exact environment Actions gives it when no variable is set."""
    build = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))["jobs"]["build"]
    env = unset_workflow_environment(build["env"], "harbor-clinic", "aftercare")
    assert all(env[name] == "" for name in SETTING_VARIABLES if name != "SITE_URL")
    commands = [step["run"] for step in build["steps"] if "mkdocs build" in step.get("run", "")]
    clean = clean_environment()
    path = f"{Path(sys.executable).parent}{os.pathsep}{clean.get('PATH', '')}"
    for command in commands:
        result = subprocess.run(command, shell=True, cwd=project_copy, env={**clean, **env, "PATH": path},
                                capture_output=True, text=True)
        assert result.returncode == 0, f"{command}: {result.stderr}"
    spanish = (project_copy / "site" / "es" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://harbor-clinic.github.io/aftercare/es/">' in spanish
    home = (project_copy / "site" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://harbor-clinic.github.io/aftercare/">' in home
    care = (project_copy / "site" / "caring-for-your-skin" / "index.html").read_text(encoding="utf-8")
    assert "the first 24 hours" in care and "Contact the clinic that treated you." in care


def test_a_directory_without_its_slash_redirects_to_a_relative_address(nginx):
    """Behind a TLS proxy an absolute redirect would send the reader to http and nginx's own port."""
    response, _ = get(nginx, "about")
    assert response.status == 301
    assert response.getheader("Location") == "/about/"
