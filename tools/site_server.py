"""Serve a built site on 127.0.0.1 for the browser checks, then stop.

    with serve(Path("site")) as base_url:
        ...  # base_url is "http://127.0.0.1:<free port>/"

    with serve(Path("site"), pause_after=b"<span>Print") as base_url:
        ...  # pages arrive in two parts, half a second apart

A pause in the middle of a page is what a slow connection does: the
browser draws the part it has, then the rest, and nothing may move when
the rest arrives (tests/test_budgets.py).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
import time
from pathlib import Path
from typing import Iterator


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files like a static host: a missing address gets the site's
    own 404.html, with status 404."""

    pause_after: bytes | None = None  # pages pause after this text, if they have it
    pause_seconds = 0.5

    def log_message(self, *args) -> None:  # no line per request in test output
        pass

    def copyfile(self, source, outputfile) -> None:
        if self.pause_after is None or not self.path.endswith(("/", ".html")):
            shutil.copyfileobj(source, outputfile)
            return
        body = source.read()
        cut = body.find(self.pause_after)
        cut = len(body) if cut < 0 else cut + len(self.pause_after)
        outputfile.write(body[:cut])
        outputfile.flush()
        time.sleep(self.pause_seconds)
        outputfile.write(body[cut:])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # A missing Spanish address gets the Spanish edition's 404 page.
        edition = Path(self.directory) / "es"
        page = (edition if self.path.startswith("/es/") and (edition / "404.html").is_file()
                else Path(self.directory)) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(site_dir: Path, pause_after: bytes | None = None) -> Iterator[str]:
    handler_class = type("_Handler", (_SiteHandler,), {"pause_after": pause_after})
    handler = functools.partial(handler_class, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
