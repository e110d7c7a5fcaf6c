"""JSON-LD for every page: a schema.org MedicalWebPage and its BreadcrumbList.

Search engines and health-information checkers read this to learn what the
page is about, who it is for, when it was last reviewed, who reviewed it and
who publishes it. The page's front matter (checked by front_matter.py) and
the clinic settings (checked by clinic_settings.py) supply every value.

The shape follows schema.org's own MedicalWebPage example (eg-0225 in
data/ext/health-lifesci/medicalWebpage-examples.txt): "audience" is
https://schema.org/Patient and "lastReviewed" is an ISO date.

Templates get the finished text as ``structured_data`` (main.html writes
it in a <script type="application/ld+json">). "<", ">" and "&" are written
as \\u escapes, so no setting can close the script element early.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

# What every page is about. Kept to names: the brief makes no claim about
# how the procedure is classed.
PROCEDURE = {
    "@type": "MedicalProcedure",
    "name": "Infini radiofrequency microneedling",
    "alternateName": ["Infini RF microneedling", "RF microneedling"],
}


def _publisher(config: MkDocsConfig) -> dict[str, Any]:
    """The clinic when it is named; otherwise the site itself."""
    clinic = config.extra["clinic"]
    if not clinic["name"]:
        return {"@type": "Organization", "name": config.site_name, "url": config.site_url}
    publisher = {"@type": "MedicalClinic", "name": clinic["name"]}
    for key, field in (("phone", "telephone"), ("email", "email"),
                       ("website", "url"), ("address", "address")):
        if clinic[key]:
            publisher[field] = clinic[key]
    return publisher


def _breadcrumbs(page: Page, config: MkDocsConfig) -> dict[str, Any]:
    trail = [("Home", config.site_url)]
    if not page.is_homepage:
        trail.append((_plain(page.title), page.canonical_url))
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": url}
            for number, (name, url) in enumerate(trail, start=1)
        ],
    }


def _plain(value: Any) -> str:
    """Text of a front-matter field, which front_matter.py hands over escaped."""
    return value.unescape() if isinstance(value, Markup) else str(value)


def page_data(page: Page, config: MkDocsConfig) -> dict[str, Any]:
    """The JSON-LD of one page, as a Python dict."""
    meta = page.meta
    web_page: dict[str, Any] = {
        "@type": "MedicalWebPage",
        "url": page.canonical_url,
        "name": _plain(meta["title"]),
        "description": _plain(meta["description"]),
        "inLanguage": config.theme["language"],
        "lastReviewed": meta["last_reviewed"].isoformat(),
        "audience": "https://schema.org/Patient",
        "about": PROCEDURE,
        "specialty": "https://schema.org/Dermatology",
        "author": {"@type": "Organization", "name": config.site_author},
        "publisher": _publisher(config),
        "isPartOf": {"@type": "WebSite", "name": config.site_name, "url": config.site_url},
    }
    reviewer = config.extra["reviewer"]
    if reviewer["name"]:
        web_page["reviewedBy"] = {"@type": "Person", "name": reviewer["name"]}
        if reviewer["role"]:
            web_page["reviewedBy"]["jobTitle"] = reviewer["role"]
    return {"@context": "https://schema.org", "@graph": [web_page, _breadcrumbs(page, config)]}


def to_script_text(data: dict[str, Any]) -> str:
    """JSON that is safe inside <script>: no "<", ">" or "&" as such."""
    text = json.dumps(data, ensure_ascii=False, indent=None)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    context["structured_data"] = to_script_text(page_data(page, config))
    return context
