"""`make serve`: both editions at http://127.0.0.1:8000/ (English) and /es/ (Spanish), rebuilt on every edit.

`mkdocs serve` serves one config; the Spanish edition is a second config
(mkdocs.es.yml) built into the English site's es/ folder. This does what
`mkdocs serve` does (mkdocs/commands/serve.py), with MkDocs' own live-reload
server, for both: build English then Spanish, watch the sources, rebuild
both on a change.

Each rebuild goes into a new folder, and the server turns to it only once
both editions built. A failed rebuild says why in a box
(patient_site/stopped_build.py) and the server goes on serving the last good
site to every request: `mkdocs serve` would hold each request until the
mistake is fixed, so a new tab or a reload would hang.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import signal
import sys
import tempfile
import traceback
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError, ConfigurationError
from mkdocs.livereload import LiveReloadServer

import edition
from patient_site import stopped_build

EDITIONS = (("mkdocs.yml", ""), ("mkdocs.es.yml", "es"))
HOST, PORT = "127.0.0.1", 8000
log = logging.getLogger("mkdocs")


class Unreadable(ConfigurationError):
    """A config file MkDocs could not read: its hooks, and so the box, never loaded."""


def _configs(root: Path, site: Path) -> list:
    configs = []
    built = edition.configs(root)  # the Spanish edition only when the settings keep it
    for file, folder in EDITIONS:
        if file not in built:
            continue
        try:
            config = load_config(str(root / file), site_dir=str(site / folder) if folder else str(site))
        except ConfigurationError as error:
            raise Unreadable(str(error)) from error
        config.plugins.on_startup(command="serve", dirty=False)
        configs.append(config)
    return configs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="the project folder (default: this checkout)")
    parser.add_argument("--port", type=int, default=PORT)
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    # `kill` (or a closed terminal) cleans up as Ctrl-C does.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    work = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    builds = iter(range(1, 1_000_000))

    def build_both() -> Path:
        site = work / f"build-{next(builds)}"
        # A fresh config each time, as `mkdocs serve` does: edits to mkdocs.yml count.
        for config in _configs(options.root, site):
            log.info("Building %s...", Path(config.config_file_path).name)
            build(config, serve_url=config.site_url)
        return site

    def builder() -> None:
        try:
            site = build_both()
        except Exception as error:
            if not stopped_build.serving:
                raise
            _say_stopped(error)
            return
        previous, server.root = server.root, str(site)
        log.info("Both editions built: serving the new version")
        # The one before the last stays: a request may still be reading it.
        for old in work.iterdir():
            if str(old) not in (server.root, previous):
                shutil.rmtree(old, ignore_errors=True)

    server = LiveReloadServer(builder=builder, host=HOST, port=options.port, root=str(work), mount_path="/")
    # A missing address gets the site's own 404 page, as `mkdocs serve` gives.
    server.error_handler = lambda code: _not_found(Path(server.root)) if code == 404 else None
    try:
        server.root = str(build_both())
        configs = _configs(options.root, work / "watched")
        for config in configs:
            server.watch(config.docs_dir)
            server.watch(config.config_file_path)
            for item in config.watch:
                server.watch(item)
        configs[0].plugins.on_serve(server, config=configs[0], builder=builder)
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    except (ConfigurationError, BuildError, Abort) as error:
        print(f"ERROR   -  {stopped_build.one_line(error)}", file=sys.stderr)
        return 1
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _say_stopped(error: Exception) -> None:
    """The box, and the reason where no hook printed it (hooks load with the config)."""
    if isinstance(error, Unreadable):
        print(stopped_build.box(error) + stopped_build.one_line(error), file=sys.stderr, flush=True)
    elif isinstance(error, Abort):  # MkDocs' own last line, as `mkdocs serve` prints it
        print(f"ERROR   -  {error}", file=sys.stderr, flush=True)
    elif not isinstance(error, BuildError):
        traceback.print_exc()  # not an editor's mistake the checks know: the detail is for a builder


def _not_found(site: Path) -> bytes | None:
    page = site / "404.html"
    return page.read_bytes() if page.is_file() else None


if __name__ == "__main__":
    sys.exit(main())
