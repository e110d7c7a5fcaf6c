"""The Content-Security-Policy and the security headers, computed once from a built site.

    python -m patient_site.security_policy site     # after `zensical build`

One policy for the whole site: files only from the site itself, and inline
scripts and styles only by the SHA-256 hash of their text, so there is no
'unsafe-inline' anywhere. A page's <meta> carries it with only that page's
own style hashes (the foot of each printed sheet differs per page, and the
other pages' hashes would be weight for nothing); the headers, which a server
sends alike for every page, carry all of them. The hashes are read from the built pages, so a
theme update or a clinic's settings (which change the print footer's style)
never leave a stale policy behind. From that one policy the build writes:

- each page's <meta>, where partials/content-security-policy.html left
  PLACEHOLDER (our own marker: nothing of Material's output is rewritten);
- site/_headers, for static hosts that read one (Netlify, Cloudflare Pages);
- site/_nginx/security-headers.conf, which deploy/nginx.conf includes.

hooks/security_policy.py runs this after `mkdocs build`; `make` runs it
after `zensical build`.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from patient_site.errors import BuildStop
from patient_site.page_map import built_file, source_pages

PLACEHOLDER = "@@content-security-policy@@"
# Directive: sources; the hashes are added to script-src and style-src.
DIRECTIVES: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],  # Material draws icons with data: SVGs in CSS
    "font-src": ["'self'"],
    "connect-src": ["'self'"],       # the search index
    "worker-src": ["'self'"],        # the search worker
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],       # the 404 page's search form
}
# Browsers ignore this in a <meta>; servers send it as a header.
HEADER_ONLY = "frame-ancestors 'none'"
# Browsers ignore this over plain http; it takes effect once TLS is in front.
# Not for the domain's other sites unless the clinic asks (HSTS_INCLUDE_SUBDOMAINS):
# on a clinic's main domain it would force https on every one of them for a year.
HSTS = "max-age=31536000"
SECURITY_HEADERS = {
    "Strict-Transport-Security": HSTS,
    "X-Content-Type-Options": "nosniff",
    # Patients follow links to papers: those sites need not learn which page they came from.
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "X-Frame-Options": "DENY",
}
# Material names its scripts by a hash of their content, so they can be kept
# a year. Not its stylesheets: patient_site/stylesheets.py trims them under the same names.
YEAR = "public, max-age=31536000, immutable"
HASHED_PATHS = ("/assets/javascripts/bundle.*", "/assets/javascripts/workers/*")
NGINX_INCLUDE = "_nginx/security-headers.conf"
# What a server includes in its own server block: every location, with the headers written in.
NGINX_SITE = "_nginx/site.conf"
# The page MkDocs and Zensical render from the templates alone: its inline
# scripts are the theme's, so an inline script no other page has came from a page's own text.
TEMPLATE_PAGE = "404.html"

_ELEMENT = re.compile(r"<(?P<tag>script|style)\b(?P<attributes>[^>]*)>(?P<text>.*?)</(?P=tag)\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_RUNNABLE = {"", "text/javascript", "application/javascript", "module"}


def _source(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def inline_hashes(html: str, tag: str) -> set[str]:
    """CSP sources for every inline <script> a browser would run, or every <style>."""
    found = set()
    for element in _ELEMENT.finditer(html):
        if element["tag"].lower() != tag:
            continue
        attributes = element["attributes"]
        if tag == "script":
            if re.search(r"\bsrc\s*=", attributes, re.I):
                continue
            kind = _TYPE.search(attributes)
            if (kind.group(1).lower() if kind else "") not in _RUNNABLE:
                continue  # JSON, JSON-LD: data, not code
        found.add(_source(element["text"]))
    return found


@dataclass(frozen=True)
class Policy:
    scripts: frozenset[str]
    styles: frozenset[str]

    def meta(self, styles: set[str] | None = None) -> str:
        """The policy as a <meta> carries it; with ``styles``, only those of its style hashes."""
        parts = []
        for directive, sources in DIRECTIVES.items():
            page_styles = self.styles if styles is None else self.styles & styles
            extra = {"script-src": self.scripts, "style-src": page_styles}.get(directive, ())
            parts.append(" ".join([directive, *sources, *sorted(extra)]))
        return "; ".join(parts)

    def header(self) -> str:
        """The same policy plus what only a header can carry."""
        return f"{self.meta()}; {HEADER_ONLY}"


def pages(site_dir: Path) -> dict[Path, str]:
    """The built pages still waiting for their policy, with their text."""
    texts = {path: path.read_text("utf-8") for path in sorted(site_dir.rglob("*.html"))}
    return {path: html for path, html in texts.items() if PLACEHOLDER in html}


def _source_names(site_dir: Path, docs_dir: Path | None) -> dict[Path, str]:
    """Each built page's source file ("docs/about.md"), for messages."""
    if docs_dir is None:
        return {}
    return {built_file(site_dir, url): f"{docs_dir.name}/{path.relative_to(docs_dir).as_posix()}"
            for url, path in source_pages(docs_dir).items()}


def site_policy(site_dir: Path, texts: dict[Path, str], docs_dir: Path | None = None) -> Policy:
    """The one policy for these pages of a built site; stops at a page that runs a script of its own.

    ``docs_dir`` lets the message name the page's source file, not its built file.
    """
    sources = _source_names(site_dir, docs_dir)
    template_page = site_dir / TEMPLATE_PAGE
    if not template_page.exists():
        raise BuildStop(f"{site_dir}: no {TEMPLATE_PAGE}, so the theme's own inline scripts are not known; "
                        f"build the site before its policy")
    theme_scripts = inline_hashes(template_page.read_text("utf-8"), "script")
    scripts, styles = set(theme_scripts), set()
    for path, html in texts.items():
        own = inline_hashes(html, "script") - theme_scripts
        if own:
            name = sources.get(path, path.relative_to(site_dir).as_posix())
            raise BuildStop(f"{name}: the page holds an inline <script> that the theme "
                            f"does not write; pages may not run scripts of their own (put code in "
                            f"docs/assets/javascripts/ and list it under extra_javascript in mkdocs.yml)")
        styles |= inline_hashes(html, "style")
    return Policy(frozenset(scripts), frozenset(styles))


def security_headers(include_subdomains: bool = False) -> dict[str, str]:
    """The headers besides the policy; with include_subdomains, HSTS covers the domain's other sites too."""
    return {**SECURITY_HEADERS, "Strict-Transport-Security": HSTS + ("; includeSubDomains" if include_subdomains else "")}


def static_host_headers(policy: Policy, include_subdomains: bool = False) -> str:
    lines = ["# Written by the build (patient_site/security_policy.py): edit that, not this file.", "/*",
             f"  Content-Security-Policy: {policy.header()}"]
    lines += [f"  {name}: {value}" for name, value in security_headers(include_subdomains).items()]
    for path in HASHED_PATHS:
        lines += [path, f"  Cache-Control: {YEAR}"]
    return "\n".join(lines) + "\n"


def nginx_headers(policy: Policy | None, include_subdomains: bool = False) -> str:
    """The headers as nginx lines (without a policy: the other headers only)."""
    others = security_headers(include_subdomains)
    headers = {"Content-Security-Policy": policy.header(), **others} if policy else others
    lines = ["# Written by the build (patient_site/security_policy.py) from the built pages."]
    lines += [f'add_header {name} "{value}" always;' for name, value in headers.items()]
    return "\n".join(lines) + "\n"


# deploy/site.conf marks where each location's headers go with this line.
_HEADERS_HERE = re.compile(r"^([ \t]*)include security-headers\.conf;[ \t]*$", re.M)


def nginx_site(template: str, headers: str) -> str:
    """deploy/site.conf with the headers written in where it says so.

    Written in, not included: nginx reads a relative include from its own
    folder, not the including file's, so the file a clinic includes from its
    own server block must hold everything itself.
    """
    lines = [line for line in headers.splitlines() if not line.startswith("#")]
    text, count = _HEADERS_HERE.subn(lambda match: "\n".join(match.group(1) + line for line in lines), template)
    if not count:
        raise BuildStop("deploy/site.conf: no 'include security-headers.conf;' line, so its pages would be "
                        "sent without the security headers; put one in each location")
    return "# Written by the build from deploy/site.conf: edit that, not this file.\n" + text


def edition_root(site_dir: Path, edition_path: str) -> Path:
    """The built site an edition sits in: site/ for site/es/, when the English is built there."""
    if not edition_path:
        return site_dir
    if not isinstance(edition_path, str):
        raise BuildStop(f"setting 'extra.edition_path' is {edition_path!r}, not text; write it in quotes: "
                        f"\"\" in mkdocs.yml, \"es/\" in mkdocs.es.yml")
    root = site_dir
    for _ in edition_path.strip("/").split("/"):
        root = root.parent
    return root if (root / TEMPLATE_PAGE).exists() else site_dir


def write_policy(site_dir: Path, docs_dir: Path | None = None, whole_site: Path | None = None,
                 include_subdomains: bool = False, server_conf: Path | None = None) -> Policy:
    """Fill every page's <meta> and write the headers files; return the policy.

    ``server_conf`` is deploy/site.conf, written into _nginx/site.conf with
    the headers; ``include_subdomains`` is the clinic's HSTS choice.

    ``whole_site`` is the folder a server publishes, when this edition is
    one of its parts (site/ for the Spanish in site/es/): the headers, sent
    alike for every page of both editions, then carry both editions' hashes.
    """
    whole_site = whole_site or site_dir
    texts = pages(site_dir)
    policy = site_policy(site_dir, texts, docs_dir)
    if whole_site != site_dir:
        others = [path.read_text("utf-8") for path in whole_site.rglob("*.html") if path not in texts]
        policy = Policy(policy.scripts | {h for html in others for h in inline_hashes(html, "script")},
                        policy.styles | {h for html in others for h in inline_hashes(html, "style")})
    for path, html in texts.items():
        path.write_text(html.replace(PLACEHOLDER, policy.meta(inline_hashes(html, "style"))), "utf-8")
    (whole_site / "_headers").write_text(static_host_headers(policy, include_subdomains), "utf-8")
    write_nginx_headers(whole_site, policy, include_subdomains, server_conf)
    return policy


def write_nginx_headers(site_dir: Path, policy: Policy | None, include_subdomains: bool = False,
                        server_conf: Path | None = None) -> None:
    """_nginx/security-headers.conf, and _nginx/site.conf from server_conf (when given)."""
    nginx = site_dir / NGINX_INCLUDE
    nginx.parent.mkdir(exist_ok=True)
    headers = nginx_headers(policy, include_subdomains)
    nginx.write_text(headers, "utf-8")
    if server_conf is not None:
        if not server_conf.is_file():
            raise BuildStop(f"{server_conf}: missing; it holds the site's nginx rules, which the build writes into "
                            f"site/{NGINX_SITE}: restore it from the project (git checkout -- deploy/site.conf)")
        (site_dir / NGINX_SITE).write_text(nginx_site(server_conf.read_text("utf-8"), headers), "utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m patient_site.security_policy SITE_DIR", file=sys.stderr)
        return 2
    try:
        write_policy(Path(argv[0]))
    except BuildStop as error:
        print(f"ERROR - {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
