"""Serve a built site with Debian's nginx and deploy/nginx.conf, then stop.

    with serve_with_nginx(Path("site")) as base_url:
        ...  # base_url is "http://127.0.0.1:<free port>/"

The configuration is the committed one; only its `listen` line changes, to a
free port on 127.0.0.1. nginx runs in the foreground in a temporary folder
(its -p prefix) that links to the site, so nothing is written to the project.
Used by tests/test_deploy.py and by `make bench`.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
NGINX = os.environ.get("NGINX", shutil.which("nginx") or "/usr/sbin/nginx")
_LISTEN = re.compile(r"^(\s*)listen\s+[^;]+;", re.M)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def config_for_port(port: int, certificate: Path | None = None) -> str:
    """deploy/nginx.conf with its one `listen` line moved to 127.0.0.1:port (with TLS, given a certificate)."""
    text = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    listen = f"listen 127.0.0.1:{port}" + (
        f" ssl; ssl_certificate {certificate}; ssl_certificate_key {certificate.with_suffix('.key')};"
        if certificate else ";")
    text, count = _LISTEN.subn(lambda match: match.group(1) + listen, text)
    if count != 1:
        raise ValueError(f"deploy/nginx.conf: expected one 'listen' line, found {count}")
    return text


# A clinic's own nginx.conf: its server block includes the built site's rules by their full path.
_CLINIC_SERVER = """worker_processes 1; pid nginx.pid; error_log stderr warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path nginx-temp-body; proxy_temp_path nginx-temp-proxy;
    fastcgi_temp_path nginx-temp-fastcgi; uwsgi_temp_path nginx-temp-uwsgi; scgi_temp_path nginx-temp-scgi;
    server {{
        listen 127.0.0.1:{port};
        server_name aftercare.harbor-skin.example;
        root {site};
        include {site}/_nginx/site.conf;
    }}
}}
"""


@contextlib.contextmanager
def serve_with_nginx(site_dir: Path, tls_host: str | None = None, as_included: bool = False) -> Iterator[str]:
    """Serve site_dir; yields its address. With tls_host, over HTTPS with a
    self-signed certificate for that name (the bench: a clinic serves HTTPS).
    With as_included, from a clinic's own config that includes site/_nginx/site.conf."""
    if not Path(NGINX).exists():
        raise FileNotFoundError(f"nginx not found at {NGINX}: install Debian's 'nginx' package "
                                "(apt-get install nginx-light or nginx) or set NGINX to its path")
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="nginx-") as temporary:
        prefix = Path(temporary)
        conf = prefix / "conf"
        conf.mkdir()
        for extra in DEPLOY.glob("*.conf"):
            shutil.copy2(extra, conf / extra.name)
        certificate = _self_signed(prefix, tls_host) if tls_host else None
        (prefix / "site").symlink_to(Path(site_dir).resolve())
        (conf / "nginx.conf").write_text(_CLINIC_SERVER.format(port=port, site=prefix / "site") if as_included
                                         else config_for_port(port, certificate), encoding="utf-8")
        # As root, nginx's workers would run as "nobody", who cannot read a
        # test's private temporary folder.
        globals_ = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
        process = subprocess.Popen(
            [NGINX, "-p", str(prefix), "-c", str(conf / "nginx.conf"), "-e", "stderr", "-g", globals_],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        base_url = f"{'https' if tls_host else 'http'}://127.0.0.1:{port}/"
        try:
            _wait_until_up(process, base_url)
            yield base_url
        finally:
            process.terminate()
            process.wait(timeout=10)


def _self_signed(folder: Path, host: str) -> Path:
    """A certificate (and, beside it, its .key) for host, made with openssl."""
    certificate = folder / "site.crt"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={host}",
                    "-addext", f"subjectAltName=DNS:{host}", "-keyout", str(certificate.with_suffix(".key")),
                    "-out", str(certificate)], check=True, capture_output=True)
    return certificate


def _wait_until_up(process: subprocess.Popen, base_url: str) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx stopped at start:\n{process.stdout.read()}")
        try:
            urllib.request.urlopen(base_url, timeout=1, context=ssl._create_unverified_context()).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("nginx did not answer within 10 seconds")
