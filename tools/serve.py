"""`make serve`: both editions at http://127.0.0.1:8000/ (English) and /es/ (Spanish), rebuilt on every edit.

`mkdocs serve` serves one config; the Spanish edition is a second config
(mkdocs.es.yml) built into the English site's es/ folder. This does what
`mkdocs serve` does (mkdocs/commands/serve.py), with MkDocs' own live-reload
server, for both: build English then Spanish into one folder, watch the
sources, rebuild both on a change. A failed rebuild keeps the last good
site and says why in a box (patient_site/stopped_build.py).
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError, ConfigurationError
from mkdocs.livereload import LiveReloadServer

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = (("mkdocs.yml", ""), ("mkdocs.es.yml", "es"))
HOST, PORT = "127.0.0.1", 8000
log = logging.getLogger("mkdocs")


def _configs(site: Path) -> list:
    configs = []
    for file, folder in EDITIONS:
        config = load_config(str(ROOT / file), site_dir=str(site / folder) if folder else str(site))
        config.plugins.on_startup(command="serve", dirty=False)
        configs.append(config)
    return configs


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    site = Path(tempfile.mkdtemp(prefix="mkdocs_"))

    def builder() -> None:
        # A fresh config each time, as `mkdocs serve` does: edits to mkdocs.yml count.
        for config in _configs(site):
            log.info("Building %s...", Path(config.config_file_path).name)
            build(config, serve_url=config.site_url)

    server = LiveReloadServer(builder=builder, host=HOST, port=PORT, root=str(site), mount_path="/")
    # A missing address gets the site's own 404 page, as `mkdocs serve` gives.
    server.error_handler = lambda code: (site / "404.html").read_bytes() if code == 404 and (site / "404.html").is_file() else None
    try:
        builder()
        configs = _configs(site)
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
        print(f"ERROR   -  {error}", file=sys.stderr)
        return 1
    finally:
        server.shutdown()
        shutil.rmtree(site, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
