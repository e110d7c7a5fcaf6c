"""Give the QR code extension (patient_site/qr_code.py) the checked site_url, SITE_URL included."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.mdx_configs.setdefault("patient_site.qr_code", {})["url"] = config.site_url
    return config
