"""`make review-pack`: one A4 PDF for the clinician who checks the site.

    python tools/review_pack.py site --out dist/review-pack.pdf

It holds, in the order of the site's menu, every page's text as built, with
its numbered sources in full; the settings in force (clinic, reviewer,
aftercare times, address), read and checked exactly as the build reads them;
the site's version (git commit) and the date; and a sign-off box per page. It
is what a clinic hands its medical lead. Run it with the same environment
variables as the build it describes (`make review-pack` builds first).

The Spanish edition's pack is in Spanish, for a Spanish-speaking clinician:

    python tools/review_pack.py site/es --config mkdocs.es.yml --out dist/review-pack-es.pdf
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from mkdocs.config import load_config
from playwright.sync_api import sync_playwright

from edition import Edition, load_edition
from patient_site import sign_off
from patient_site.days import day_range
from patient_site.page_map import built_file, page_url
from patient_site.paper import DRAFT_MARKS, draft_requested, refusal
from print_pdf import cannot_write, launch_chromium
from site_server import serve

ROOT = Path(__file__).resolve().parent.parent
PACK_PATH = "review-pack.html"  # where the pack is served, beside the pages, so their images load
SETTINGS_ORDER = [("clinic", "name"), ("clinic", "phone"), ("clinic", "after_hours_phone"), ("clinic", "email"),
                  ("clinic", "address"), ("clinic", "website"), ("clinic", "emergency_number"), ("clinic", "region"),
                  ("reviewer", "name"), ("reviewer", "role"), ("reviewer", "registration"),
                  ("aftercare", "no_makeup_hours"),
                  ("aftercare", "no_sweat_hours"), ("aftercare", "pause_actives_days"),
                  ("aftercare", "sun_protection_weeks")]
# The pack's own words, in the language of the edition it holds (its theme language).
WORDS = {
    "en": {
        "settings": ["Clinic", "Phone", "After hours", "E-mail", "Address", "Website", "Emergency number",
                     "Country (REGION)", "Reviewer",
                     "Reviewer's role", "Reviewer's registration", "No makeup (hours)", "No sweat, heat, pools (hours)", "Pause actives (days)",
                     "Sun protection (weeks)"],
        "not_set": "(not set)", "page": "Page", "of": "of", "dates": "Last reviewed {}, next review due {}",
        "title": "Review pack: Spots after Infini microneedling",
        "intro": "Every page of the site as built, with its numbered sources in full, for a clinician to check. "
                 "Sign each page, and return the pack with any changes marked.",
        "address": "Site address", "version": "Version (git commit)", "made": "Pack made on",
        "in_force": "Settings in force", "pages": "Pages", "changed": "with uncommitted changes",
        "signoff": "Sign-off for this page", "accurate": "Accurate as written", "changes": "Needs changes (noted)",
        "checked_by": "Checked by", "role": "Role", "date": "Date", "signature": "Signature",
        "text_version": "Version of this page's text", "never": "Not signed yet.",
        "unchanged": "Signed by {who}, on {date}, and unchanged since.",
        "needs": "Needs a new signature: changed since it was signed by {who}, on {date}. What changed (- as signed, + now):",
        "needs_short": "needs a new signature",
        # Which days the day guide shows a warning sign on (its data-days, warning-signs.yml).
        "days": {"every": "every day", "one": "day {}", "range": "days {} to {}", "from": "from day {}"},
        "days_label": "Day guide shows it",
    },
    "es": {
        "settings": ["Clínica", "Teléfono", "Fuera de horario", "Correo electrónico", "Dirección", "Sitio web",
                     "Número de emergencias", "País (REGION)", "Revisor(a)", "Cargo del revisor(a)",
                     "Registro del revisor(a)", "Sin maquillaje (horas)",
                     "Sin sudor, calor ni piscinas (horas)", "Pausa de activos (días)", "Protección solar (semanas)"],
        "not_set": "(sin definir)", "page": "Página", "of": "de", "dates": "Revisada: {}; próxima revisión: {}",
        "title": "Paquete de revisión: Granitos después del microneedling Infini",
        "intro": "Cada página del sitio tal como se publica, con sus fuentes numeradas completas, para que la revise "
                 "un profesional de salud que hable español. Firme cada página y devuelva el paquete con los "
                 "cambios marcados.",
        "address": "Dirección del sitio", "version": "Versión (commit de git)", "made": "Paquete hecho el",
        "in_force": "Ajustes en uso", "pages": "Páginas", "changed": "con cambios sin guardar en git",
        "signoff": "Firma para esta página", "accurate": "Correcta como está", "changes": "Necesita cambios (anotados)",
        "checked_by": "Revisada por", "role": "Cargo", "date": "Fecha", "signature": "Firma",
        "text_version": "Versión del texto de esta página", "never": "Sin firmar todavía.",
        "unchanged": "Firmada por {who}, el {date}, sin cambios desde entonces.",
        "needs": "Necesita una nueva firma: cambió desde que la firmó {who}, el {date}. Qué cambió (- lo firmado, + ahora):",
        "needs_short": "necesita una nueva firma",
        "days": {"every": "todos los días", "one": "día {}", "range": "días {} a {}", "from": "desde el día {}"},
        "days_label": "La guía por días lo muestra",
    },
}
STYLE = """
@page { size: A4; margin: 16mm 15mm 18mm; }
body { font: 10.5pt/1.4 system-ui, sans-serif; color: #000; }
h1 { font-size: 18pt; } h2 { font-size: 12pt; margin: 1em 0 0.3em; }
.cover dt { font-weight: 700; } .cover dd { margin: 0 0 0.3em 0; }
table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: 2pt 5pt; text-align: left; vertical-align: top; }
section.page { break-before: page; }
section.page > h1 { font-size: 15pt; border-bottom: 2px solid #000; }
.meta { font-size: 9pt; color: #333; }
sup.citation { font-size: 7pt; } img { max-width: 60mm; height: auto; }
.references { font-size: 9pt; } a { color: #000; }
.care-card { border: 2px solid #000; padding: 0 6pt; margin: 6pt 0; break-inside: avoid; }
.signoff { break-inside: avoid; border: 2px solid #000; padding: 6pt 8pt; margin-top: 12pt; }
.signoff p { margin: 8pt 0; } .box { display: inline-block; width: 9pt; height: 9pt; border: 1px solid #000; margin-right: 4pt; }
.print-button, .md-source-file, .page-review, .headerlink, .qr-code { display: none; }
.sign-days { font-size: 9pt; font-style: italic; }
.sign-state { border: 2px solid #000; padding: 4pt 6pt; } .sign-state pre { font-size: 8pt; white-space: pre-wrap; }
"""


def settings_in_force(edition: Edition) -> list[tuple[str, str]]:
    """(label, value) for every setting, as the build of that edition reads them."""
    words = WORDS[edition.language]
    return [(label, str(edition.settings[group][key]) or words["not_set"])
            for (group, key), label in zip(SETTINGS_ORDER, words["settings"], strict=True)]


def version(words: dict[str, str]) -> str:
    """The git commit the pages come from, and whether files had changed since."""
    def git(*arguments: str) -> str:
        result = subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True)
        return result.stdout.strip() if result.returncode == 0 else ""
    commit = git("rev-parse", "--short=12", "HEAD") or "unknown (not a git checkout)"
    changed = git("status", "--porcelain", "--", "docs", "includes", "sources.bib", "mkdocs.yml", "mkdocs.es.yml")
    return f"{commit}, {words['changed']}" if changed else commit


def nav_pages(config_file: Path) -> list[tuple[str, str, str]]:
    """(menu label, URL path, page file from the project folder) in menu order."""
    config = load_config(str(config_file))
    docs = Path(config.docs_dir).relative_to(config_file.resolve().parent).as_posix()
    pages = []
    for item in config.nav:
        (label, source), = item.items()
        pages.append((label, page_url(source), f"{docs}/{source}"))
    return pages


def sign_state(found: sign_off.Status, text: str, words: dict[str, str]) -> str:
    """Whether the page needs a new signature, and what changed since the last one."""
    record = found.record
    version = f"<p>{words['text_version']}: <strong>{found.version}</strong></p>"
    if record is None:
        return f'<div class="sign-state">{version}<p>{words["never"]}</p></div>'
    said = {"who": html.escape(record.who()), "date": record.date.isoformat()}
    if found.state == "checked":
        return f'<div class="sign-state">{version}<p>{words["unchanged"].format(**said)}</p></div>'
    diff = "\n".join(sign_off.changes(record, text))
    return (f'<div class="sign-state">{version}<p><strong>{words["needs"].format(**said)}</strong></p>'
            f"<pre>{html.escape(diff)}</pre></div>")


def sign_days(days: str, names: dict[str, str]) -> str:
    """A sign's days as the day guide reads them ("0-" every day, "1-7", "7-", "0"), in words."""
    first, last = day_range(days)
    if first == last:
        return names["one"].format(first)
    if last != float("inf"):
        return names["range"].format(first, last)
    return names["every"] if first == 0 else names["from"].format(first)


def page_section(site: Path, label: str, url: str, words: dict[str, str], state: str = "") -> str:
    soup = BeautifulSoup(built_file(site, url).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    review = article.select_one("footer.page-review")
    times = [time.get_text() for time in review.select("time")] if review else []
    dates = words["dates"].format(*times) if len(times) == 2 else ""
    # What patients never see on a page is not what the clinician signs: screen-reader-only
    # words (a write-in line's "left blank to fill in") and hidden parts.
    for element in article.select(".print-button, footer.page-review, script, .write-in__text, [hidden]"):
        element.decompose()
    for sign in article.select("li[data-days]"):
        note = soup.new_tag("span", attrs={"class": "sign-days"})
        note.string = f" [{words['days_label']}: {sign_days(sign['data-days'], words['days'])}]"
        sign.append(note)
    address = soup.find("link", rel="canonical")["href"]
    signoff = (
        f'<div class="signoff"><p><strong>{words["signoff"]}</strong></p>'
        f'<p><span class="box"></span>{words["accurate"]} &nbsp; <span class="box"></span>{words["changes"]}</p>'
        f"<p>{words['checked_by']}: ______________________ {words['role']}: ______________________</p>"
        f"<p>{words['date']}: ______________ {words['signature']}: ______________________</p></div>")
    return (f'<section class="page"><p class="meta">{html.escape(label)} | {html.escape(address)} | '
            f"{html.escape(dates)}</p>{state}{article.decode_contents()}{signoff}</section>")


def build_pack(site: Path, config_file: Path, today: dt.date) -> tuple[str, str]:
    """The pack's HTML, and its versions file: each page and the version of its text (for `make signed PACK=`)."""
    # The project the config file is in: this one, or a clinic's copy.
    root = config_file.resolve().parent
    edition = load_edition(config_file.name, root)
    lang, site_url = edition.language, edition.site_url
    words = WORDS[lang]
    rows = settings_in_force(edition)
    # The pack prints the address: a local one makes it a draft, on request only.
    if problem := refusal("dist/review-pack.pdf", "make review-pack", site_url, os.environ):
        raise SystemExit(f"review-pack: {problem}")
    draft, _ = draft_requested(os.environ)  # a DRAFT it cannot read was refused above
    draft_mark = DRAFT_MARKS[lang]
    mark = (f'<p class="draft">{draft_mark}</p>' if draft else "")
    style = STYLE + (f'@page {{ @bottom-right {{ content: "{words["page"]} " counter(page) " {words["of"]} " '
                     'counter(pages); font: 9pt sans-serif; } }')
    style += (f'@page {{ @top-center {{ content: "{draft_mark}"; font: bold 11pt sans-serif; }} }}'
              ".draft { font: bold 14pt sans-serif; border: 2px solid #000; padding: 4pt; }" if draft else "")
    pages = nav_pages(config_file)
    records, problems = sign_off.read_records(root)
    if problems:
        raise SystemExit("review-pack: the sign-offs are wrong; `make build` says the same:\n  " + "\n  ".join(problems))
    texts = {page: edition.reader.text(page) for _, _, page in pages}
    found = {page: sign_off.status(page, texts[page], records.get(page)) for page in texts}
    settings = "".join(f"<tr><th>{html.escape(label)}</th><td>{html.escape(value)}</td></tr>" for label, value in rows)
    contents = "".join(f"<li>{html.escape(label)}"
                       f"{' (<strong>' + words['needs_short'] + '</strong>)' if found[page].state == 'changed' else ''}"
                       f"</li>" for label, _, page in pages)
    cover = (
        f'<section class="cover">{mark}<h1>{words["title"]}</h1><p>{words["intro"]}</p>'
        f"<dl><dt>{words['address']}</dt><dd>{html.escape(site_url)}</dd>"
        f"<dt>{words['version']}</dt><dd>{html.escape(version(words))}</dd>"
        f"<dt>{words['made']}</dt><dd>{today.isoformat()}</dd></dl>"
        f"<h2>{words['in_force']}</h2><table>{settings}</table>"
        f"<h2>{words['pages']} ({len(pages)})</h2><ol>{contents}</ol></section>")
    body = "".join(page_section(site, label, url, words, sign_state(found[page], texts[page], words))
                   for label, url, page in pages)
    versions = "".join(f"{page} {found[page].version}\n" for _, _, page in pages)
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{words["title"]}</title>'
            f"<style>{style}</style></head><body>{cover}{body}</body></html>",
            f"# The version of each page's text in {site_url} review pack, made {today.isoformat()}.\n"
            f"# Once the clinician has signed it: make signed PACK=<this file>\n{versions}")


def print_pack(site: Path, pack: str) -> bytes:
    with serve(site) as base_url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page()
        page.route(f"**/{PACK_PATH}", lambda route: route.fulfill(body=pack, content_type="text/html; charset=utf-8"))
        page.goto(base_url + PACK_PATH, wait_until="load")
        pdf = page.pdf(format="A4", print_background=False, prefer_css_page_size=True)
        browser.close()
    return pdf


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="the built site folder")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--out", type=Path, default=Path("dist") / "review-pack.pdf")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    args = parser.parse_args(arguments)
    pack, versions = build_pack(args.site, args.config, args.today)
    versions_file = args.out.with_name(f"{args.out.stem}-versions.txt")
    printed = print_pack(args.site, pack)
    try:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(printed)
        versions_file.write_text(versions, encoding="utf-8")
    except OSError as error:
        raise SystemExit(f"review-pack: {cannot_write(error, args.out.parent)}") from None
    print(f"wrote {args.out} and {versions_file} (for `make signed PACK={versions_file}` once it is signed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
