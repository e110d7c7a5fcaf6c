"""The Spanish edition (mkdocs.es.yml, built into /es/) passes the English checks.

Built as `make build` builds it: the English into site/, the Spanish into
site/es/. Each English page has a Spanish twin at the same address below
/es/, in Spanish from <html lang> to the printed footer.
"""

from __future__ import annotations

import json
import re

import pytest

from axe_check import axe_violations
from conftest import (DESKTOP, ES_PAGE_FILES, HARBOR, PAGE_FILES, ROOT, SMALL_PHONE, both_editions, copy_sources,
                      mkdocs_build, open_page, page_id, sign)
from print_pdf import PAPERS
from printout import print_pages, printed_address
from patient_site.paper import DRAFT_MARKS
from readability import prose_blocks, sentences
from readability_es import score, sentence_length, syllables
from site_search import search
from site_server import serve

ES_URLS = list(ES_PAGE_FILES) + ["404.html"]
# Words of the English templates: none may be left on a Spanish page.
ENGLISH_TEMPLATE_WORDS = ["Page last reviewed", "Print this page", "Sources for this page", "left blank",
                          "Skip to content", "Type to start searching", "Last reviewed", "Questions about"]


def test_every_english_page_has_a_spanish_twin():
    assert set(ES_PAGE_FILES) == set(PAGE_FILES), (
        f"English pages without a Spanish twin: {sorted(set(PAGE_FILES) - set(ES_PAGE_FILES))}; "
        f"Spanish pages without an English one: {sorted(set(ES_PAGE_FILES) - set(PAGE_FILES))}")


def test_the_404_page_and_every_page_are_built_in_spanish(es_site_dir, es_pages):
    assert (es_site_dir / "404.html").is_file()
    assert set(es_pages) >= set(ES_PAGE_FILES)


@pytest.mark.parametrize("url", ES_URLS, ids=page_id)
def test_each_spanish_page_says_it_is_spanish(es_site_dir, url):
    html = (es_site_dir / (url + "index.html" if not url.endswith(".html") else url)).read_text(encoding="utf-8")
    assert re.search(r'<html[^>]* lang="es"', html), f"/es/{url}: <html lang> is not es"
    if url != "404.html":  # the 404 page has no sharing card, in English too
        assert '<meta property="og:locale" content="es' in html, f"/es/{url}: og:locale is not Spanish"
    for english in ENGLISH_TEMPLATE_WORDS:
        assert english not in html, f"/es/{url}: English template words left: '{english}'"


@pytest.mark.parametrize("url", ES_PAGE_FILES, ids=page_id)
def test_json_ld_says_spanish(es_pages, url):
    blocks = [json.loads(tag.string) for tag in es_pages[url].find_all("script", type="application/ld+json")]
    items = [item for block in blocks for item in block.get("@graph", [block])]
    languages = {item["inLanguage"] for item in items if "inLanguage" in item}
    assert languages == {"es"}, f"/es/{url}: JSON-LD inLanguage is {languages}"


@pytest.mark.parametrize("url", ES_PAGE_FILES, ids=page_id)
def test_language_menu_links_each_page_to_its_twin(whole_site, url):
    """The menu's links, followed from this page, land on its twin, in both directions."""
    for edition, twin_edition, lang in (("", "es/", "es"), ("es/", "", "en")):
        soup_path = whole_site / edition / url / "index.html"
        html = soup_path.read_text(encoding="utf-8")
        link = re.search(rf'<a href="([^"]*)" hreflang="{lang}" lang="{lang}" class="md-select__link"', html)
        assert link, f"/{edition}{url}: no language menu link to {lang}"
        target = (soup_path.parent / link.group(1)).resolve()
        assert target == (whole_site / twin_edition / url).resolve(), (
            f"/{edition}{url}: the {lang} link goes to {target}, not its twin /{twin_edition}{url}")


@pytest.mark.parametrize("url", ["", "when-to-get-help/"], ids=page_id)
def test_head_alternates_name_both_languages(es_pages, url):
    languages = {link["hreflang"] for link in es_pages[url].find_all("link", rel="alternate", hreflang=True)}
    assert {"en", "es"} <= languages, f"/es/{url}: hreflang alternates {languages}"


def test_a_click_on_the_language_menu_opens_the_twin_and_back(browser, whole_url):
    page = browser.new_page(viewport=DESKTOP)
    # Material's script sends a click on a language link through that edition's sitemap.xml,
    # whose addresses carry site_url's port, not this server's random one: when that sitemap
    # has loaded first, the click lands on the edition's home page. Without sitemaps the link
    # itself is followed: the twin, as a reader gets where the site runs at its own address.
    page.route("**/sitemap.xml", lambda route: route.abort())
    open_page(page, whole_url + "when-to-get-help/")
    for language, url in (("es", "es/when-to-get-help/"), ("en", "when-to-get-help/")):
        page.locator(".md-select .md-header__button").hover()
        link = page.locator(f'a.md-select__link[hreflang="{language}"]')
        # The menu fades in on hover: click once it is shown, and wait for the page it opens.
        link.wait_for(state="visible")
        with page.expect_navigation(url=whole_url + url):
            link.click()
        page.locator("html.js").wait_for(state="attached")
        assert page.evaluate("document.documentElement.lang") == language
    page.close()


# --- Readability: INFLESZ with a real Spanish syllable count -----------------

# Words whose syllables are known (RAE rules: hiatus splits "dí-a", "pa-ís").
KNOWN_SYLLABLES = {"día": 2, "días": 2, "tratamiento": 4, "piel": 1, "ayuda": 3, "emergencia": 4,
                   "agua": 2, "clínica": 3, "hinchazón": 3, "aceite": 3, "leer": 2, "país": 2,
                   "oído": 3, "cuidado": 3, "ciudad": 2, "FDA": 3}


@pytest.mark.parametrize("word, count", KNOWN_SYLLABLES.items())
def test_the_syllable_count_is_right_on_known_words(word, count):
    assert syllables(word) == count


@pytest.mark.parametrize("url", ES_PAGE_FILES, ids=page_id)
def test_every_spanish_page_is_bastante_facil(es_pages, url):
    text = sentences(prose_blocks(es_pages[url]))
    assert len(text) > 5, f"/es/{url}: no prose found to score"
    found = score(url, es_pages[url])
    assert found.inflesz >= 65, f"/es/{url}: INFLESZ {found.inflesz}, below 65 ('bastante fácil')"
    long = [s for s in text if sentence_length(s) > 20]
    assert not long, f"/es/{url}: sentences over 20 words: {long}"


# --- Accessibility, privacy, policy --------------------------------------------

@pytest.mark.parametrize("scheme, viewport", [("light", DESKTOP), ("dark", DESKTOP), ("light", SMALL_PHONE)],
                         ids=["light", "dark", "phone"])
@pytest.mark.parametrize("url", ES_URLS, ids=page_id)
def test_axe_finds_nothing_on_spanish_pages(browser, es_base_url, url, scheme, viewport):
    page = browser.new_page(color_scheme=scheme, viewport=viewport)
    open_page(page, es_base_url + url)
    found = axe_violations(page)
    page.close()
    assert not found, f"/es/{url} ({scheme}): {found}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_spanish_search_open(browser, es_base_url, scheme):
    page = browser.new_page(color_scheme=scheme, viewport=SMALL_PHONE)
    open_page(page, es_base_url)
    assert search(page, es_base_url, "granitos"), "the Spanish search showed no results"
    found = axe_violations(page)
    page.close()
    assert not found, f"Spanish search open ({scheme}): {found}"


def test_spanish_pages_ask_only_the_site_and_break_no_policy(browser, es_base_url):
    page = browser.new_page()
    page.add_init_script("""document.addEventListener("securitypolicyviolation",
        e => (window.__violations = window.__violations || []).push(e.violatedDirective));""")
    hosts = set()
    page.on("request", lambda request: hosts.add(re.sub(r"^(\w+://[^/]+).*", r"\1", request.url)))
    violations = {}
    for url in ES_URLS:
        open_page(page, es_base_url + url)
        page.wait_for_load_state("networkidle")
        violations[url] = page.evaluate("window.__violations || []")
    assert search(page, es_base_url, "fiebre"), "the Spanish search showed no results"
    violations["search"] = page.evaluate("window.__violations || []")
    cookies = page.context.cookies()
    page.close()
    own = re.sub(r"^(\w+://[^/]+).*", r"\1", es_base_url)
    assert hosts <= {own, "data:"} | {h for h in hosts if h.startswith(("data:", "blob:"))}, hosts
    assert not cookies, cookies
    assert not any(violations.values()), {url: v for url, v in violations.items() if v}


def test_one_policy_without_unsafe_inline_covers_both_editions(whole_site):
    """The site's one header policy (at the site root) allows every Spanish page's own hashes."""
    headers = (whole_site / "_headers").read_text(encoding="utf-8")
    policy = re.search(r"Content-Security-Policy: (.*)", headers).group(1)
    assert "unsafe-inline" not in policy
    for url in ES_URLS:
        html = (whole_site / "es" / (url if url.endswith(".html") else url + "index.html")).read_text(encoding="utf-8")
        meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
        assert "unsafe-inline" not in meta, f"/es/{url}: 'unsafe-inline' in its policy"
        missing = set(re.findall(r"'sha256-[^']+'", meta)) - set(re.findall(r"'sha256-[^']+'", policy))
        assert not missing, f"/es/{url}: hashes not in the site's header policy: {missing}"


# --- Paper -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def es_printouts(browser, es_base_url):
    return print_pages(browser, es_base_url, ES_PAGE_FILES)


@pytest.mark.parametrize("url", ES_PAGE_FILES, ids=page_id)
def test_every_spanish_sheet_gives_address_date_clinic_and_page(es_printouts, es_pages, url):
    address = es_pages[""].find("link", rel="canonical")["href"] + url
    for paper in PAPERS:
        sheets = es_printouts[url, paper]
        for number, sheet in enumerate(sheets, start=1):
            where = f"/es/{url} on {paper}, sheet {number}"
            if url == "handout/":  # its foot has no room: the front gives the site's address
                assert number > 1 or address.removesuffix("handout/") in sheet.text, f"{where}: no web address"
            else:
                assert printed_address(address) in sheet.flat_text, f"{where}: no web address {address}"
            # A draft handout's top holds the draft mark in place of the review date.
            assert re.search(r"Revisada: \d{1,2} de [a-z]+ de \d{4}", sheet.text) or url == "handout/", \
                f"{where}: no review date"
            assert "Clínica: ____" in sheet.text, f"{where}: no clinic line"
            assert f"Página {number} de {len(sheets)}" in sheet.text, f"{where}: no page number"
            # The default build is for a local address: a draft, marked in Spanish.
            assert DRAFT_MARKS["es"] in sheet.text and DRAFT_MARKS["en"] not in sheet.text, f"{where}: draft mark"
            small = {size for size, char in sheet.chars if char.strip() and size < 11.9}
            assert not small, f"{where}: text below 12 pt: {sorted(small)}"


@pytest.mark.parametrize("paper", PAPERS)
def test_spanish_handout_fits_one_sheet_with_a_qr_code_to_the_spanish_site(es_printouts, es_pages, paper):
    sides = es_printouts["handout/", paper]
    assert len(sides) == 2, f"the Spanish handout prints on {len(sides)} sides of {paper}"
    home = es_pages[""].find("link", rel="canonical")["href"]
    assert home.endswith("/es/")
    assert sides[0].qr_codes == [home], f"QR codes on the {paper} Spanish handout: {sides[0].qr_codes}"
    back = " ".join(sides[1].text.split())
    for card in ("Emergencia:", "Urgente:", "No urgente:", "Clínica:"):
        assert card in back, f"the back of the {paper} Spanish handout lacks '{card}'"
    assert "Fuera de horario:" in sides[0].read_both_ways, f"the front of the {paper} Spanish handout lacks the clinic's lines"


@pytest.fixture(scope="module")
def harbor_es_printouts(browser, tmp_path_factory):
    """A clinic's Spanish handout: its name, phones, emergency number and aftercare times filled in."""
    site = tmp_path_factory.mktemp("harbor-es")  # the Spanish alone, at /es/: the English is not printed
    result = mkdocs_build(ROOT, site / "es", HARBOR, "mkdocs.es.yml")
    assert result.returncode == 0, result.stderr
    with serve(site) as base_url:
        return print_pages(browser, base_url + "es/", ["handout/"])


@pytest.mark.parametrize("paper", PAPERS)
def test_a_clinics_spanish_handout_fits_one_sheet_with_its_details(harbor_es_printouts, paper):
    sides = harbor_es_printouts["handout/", paper]
    assert len(sides) == 2, f"the clinic's Spanish handout prints on {len(sides)} sides of {paper}"
    assert sides[0].qr_codes == [HARBOR["SITE_URL"] + "es/"]
    text = sides[0].read_both_ways + " " + " ".join(sides[1].text.split())
    for expected in ("Clínica: Harbor Skin Clinic", "Teléfono: +1 555 0100", "Fuera de horario: +1 555 0199",
                     "Número de emergencias: 911", "llame ya al 911", "por 48 horas", "por 14 días"):
        assert expected in text, f"the clinic's {paper} Spanish handout lacks '{expected}'"


# --- Settings ------------------------------------------------------------------------

def test_the_english_sign_off_does_not_sign_the_spanish(tmp_path):
    """A clinician who checked the English has not checked the Spanish; REVIEWER_NAME alone signs nothing."""
    settings = {"REVIEWER_NAME": "Dr Ann Lee", "REVIEWER_NAME_ES": "Dra. Ana López"}
    project = copy_sources(tmp_path / "sources")
    sign(project, settings, "docs/index.md", "docs/es/index.md")
    assert not (project / "sign-offs" / "docs" / "es" / "about.md.yml").exists()
    site = both_editions(project, tmp_path / "site", settings)
    english, spanish = ((site / folder / "index.html").read_text(encoding="utf-8") for folder in ("", "es"))
    assert "Checked by Dr Ann Lee, on 1 December 2026." in english and "Ana López" not in english
    assert "Aprobada por Dra. Ana López, el 1 de diciembre de 2026." in spanish and "Ann Lee" not in spanish
    # Pages no one signed say so, though REVIEWER_NAME and REVIEWER_NAME_ES are set.
    assert "No doctor or nurse has checked it yet." in (site / "about" / "index.html").read_text(encoding="utf-8")
    assert "Ningún médico ni enfermera ha aprobado todavía esta página." in (
        site / "es" / "about" / "index.html").read_text(encoding="utf-8")