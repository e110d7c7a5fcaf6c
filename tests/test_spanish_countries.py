"""The Spanish edition fits readers in the countries most of them live in.

For a reader in Mexico, the US, Spain, Colombia and Argentina, with no clinic
number set: the emergency card gives that country's number, the urgent card's
closed-clinic route names a place that exists there, and the reporting table
names that country's device regulator, linked and cited. The numbers and
regulators come from sources.bib (num_* and report_* keys).
"""

from __future__ import annotations

import copy
import re
from urllib.parse import urlparse

import pytest

# country: (its words in the emergency list, its row in the reporting table, the regulator,
#           the regulator's web host or None, the words of the closed-clinic route that fit there)
COUNTRIES = {
    "Mexico": (r"911: [^:]*\bMéxico\b", "México", "COFEPRIS", None, "urgencias"),
    "US": (r"911: [^:]*\bEE\. UU\.", "Estados Unidos", "FDA", "www.fda.gov", "urgent care"),
    "Spain": (r"112: España\b", "España", "AEMPS", "www.aemps.gob.es", "urgencias"),
    "Colombia": (r"123: Colombia\b", "Colombia", "INVIMA", "www.invima.gov.co", "urgencias"),
    "Argentina": (r"107 o 911: Argentina\b", "Argentina", "ANMAT", "www.anmat.gov.ar", "guardia"),
}


def _text(element) -> str:
    """Visible words only: citation numbers would sit between a number and its country."""
    element = copy.copy(element)
    for citation in element.select("sup.citation"):
        citation.decompose()
    return " ".join(element.get_text(" ").split()).replace(" :", ":").replace(" ,", ",").replace(" .", ".")


@pytest.mark.parametrize("country", COUNTRIES)
def test_the_emergency_card_gives_the_readers_number(es_pages, country):
    numbers = COUNTRIES[country][0]
    for url in ("", "what-to-expect/", "when-to-get-help/"):
        card = es_pages[url].select_one(".care-card--emergency")
        assert "número de emergencias del país donde está" in _text(card.h2), f"/es/{url}: heading names no number"
        assert re.search(numbers, _text(card)), f"/es/{url}: the emergency card gives no number for {country}"


@pytest.mark.parametrize("country", COUNTRIES)
def test_the_closed_clinic_route_names_a_place_there(es_pages, country):
    words = COUNTRIES[country][4]
    for url in ("", "when-to-get-help/"):
        route = _text(es_pages[url].select_one(".care-card--urgent #clinic-closed"))
        assert "fuera de horario" in route and words in route, \
            f"/es/{url}: the closed-clinic route has nothing for a reader in {country}: {route}"


@pytest.mark.parametrize("country", COUNTRIES)
def test_the_reporting_table_names_the_countrys_regulator(es_pages, country):
    _, row_name, regulator, host, _ = COUNTRIES[country]
    table = es_pages["serious-problems/"].select_one("#report ~ .md-typeset__scrollwrap table, #report ~ table")
    rows = {_text(row.td): row.find_all("td")[1] for row in table.select("tbody tr")}
    assert row_name in rows, f"the reporting table has no row for {country}: {list(rows)}"
    cell = rows[row_name]
    assert regulator in _text(cell), f"{country}: the row does not name {regulator}"
    assert cell.select("sup.citation a"), f"{country}: the row cites no source"
    if host:
        hosts = {urlparse(link["href"]).netloc for link in cell.select("a[href^='http']")}
        assert host in hosts, f"{country}: the row links {hosts}, not {host}"


def test_the_reporting_table_keeps_a_row_for_every_other_country(es_pages):
    table = es_pages["serious-problems/"].select_one("#report ~ .md-typeset__scrollwrap table, #report ~ table")
    assert "Otro país" in [_text(row.td) for row in table.select("tbody tr")]
