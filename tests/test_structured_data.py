"""Trust metadata in the default build: JSON-LD, Open Graph, canonical links, sitemap.

The clinic's own details in the JSON-LD (publisher, reviewer) are checked
with the clinic build in test_clinic_settings.py.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree

import pytest

from conftest import PAGE_FILES, ROOT, copy_sources, mkdocs_build, page_id, page_meta, sign


def json_ld(page) -> dict:
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1, f"{len(scripts)} JSON-LD blocks"
    return json.loads(scripts[0].string)


def by_type(data: dict, kind: str) -> dict:
    [item] = [item for item in data["@graph"] if item["@type"] == kind]
    return item


@pytest.mark.parametrize("url", PAGE_FILES, ids=page_id)
def test_every_page_is_a_medical_web_page(pages, site_url, url):
    data = json_ld(pages[url])
    meta = page_meta(url)
    assert data["@context"] == "https://schema.org"
    web_page = by_type(data, "MedicalWebPage")
    assert web_page["url"] == site_url + url
    assert web_page["name"] == meta["title"]
    assert web_page["description"] == meta["description"]
    assert web_page["lastReviewed"] == meta["last_reviewed"].isoformat()
    assert web_page["audience"] == "https://schema.org/Patient"
    assert web_page["about"]["@type"] == "MedicalProcedure"
    assert "Infini" in web_page["about"]["name"]
    assert web_page["publisher"]["name"], "no publisher"
    assert "reviewedBy" not in web_page, "a reviewer is named although none is set"


@pytest.mark.parametrize("url", PAGE_FILES, ids=page_id)
def test_every_page_has_breadcrumbs(pages, site_url, url):
    trail = by_type(json_ld(pages[url]), "BreadcrumbList")["itemListElement"]
    assert [item["position"] for item in trail] == list(range(1, len(trail) + 1))
    assert trail[0]["item"] == site_url and trail[0]["name"] == "Home"
    assert trail[-1]["item"] == site_url + url
    assert len(trail) == (1 if url == "" else 2)


@pytest.mark.parametrize("url", PAGE_FILES, ids=page_id)
def test_canonical_and_open_graph(pages, site_url, url):
    page, meta = pages[url], page_meta(url)
    assert page.find("link", rel="canonical")["href"] == site_url + url
    og = {tag["property"]: tag["content"] for tag in page.find_all("meta", property=True)}
    assert og["og:title"] == meta["title"]
    assert og["og:description"] == meta["description"]
    assert og["og:url"] == site_url + url
    assert og["og:type"] == "website"


def test_sitemap_lists_every_page_with_its_review_date(site_dir, site_url):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.parse(site_dir / "sitemap.xml").getroot()
    listed = {url.findtext("s:loc", namespaces=namespace): url.findtext("s:lastmod", namespaces=namespace)
              for url in root.findall("s:url", namespace)}
    expected = {site_url + url: page_meta(url)["last_reviewed"].isoformat() for url in PAGE_FILES}
    assert listed == expected


def test_json_ld_cannot_close_its_script(tmp_path):
    """The template writes every value with tojson: no "<", ">" or "&" as such, and the text intact."""
    evil = "</script> <script>alert(1) </script> &co"  # words short enough to print whole
    project = copy_sources(tmp_path / "sources")
    sign(project, {"CLINIC_NAME": evil, "REVIEWER_NAME": evil}, "docs/index.md")
    result = mkdocs_build(project, tmp_path / "site", {"CLINIC_NAME": evil, "REVIEWER_NAME": evil})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    [block] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "<" not in block and ">" not in block and "&" not in block
    data = json.loads(block)
    assert data["@graph"][0]["publisher"]["name"] == evil and data["@graph"][0]["reviewedBy"]["name"] == evil
