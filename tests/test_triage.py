"""Every warning sign has one level, the same days and its source, on every page, card, handout and language.

The signs live in warning-signs.yml (patient_site/warning_signs.py). These
tests break copies of it, and of pages and cards, the ways an editor might,
and check that the check names the file and line; then they read the built
pages of both editions and check that every card line, and every sign shown
elsewhere, is the one definition.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown
import pytest

from conftest import ROOT, mkdocs_build, page_id
from patient_site import bibliography, warning_signs
from patient_site.errors import BuildStop
from patient_site.page_variables import PageVariablesExtension
from patient_site.triage_check import check_triage_wording

SIGNS = ROOT / warning_signs.FILE
BIB = ROOT / "sources.bib"
CARD_CLASSES = {"emergency": "care-card--emergency", "urgent": "care-card--urgent",
                "non-urgent": "care-card--nonurgent", "normal": "care-card--normal"}


@pytest.fixture(scope="module")
def signs() -> warning_signs.Signs:
    return warning_signs.load(SIGNS, BIB)


def broken(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of warning-signs.yml with one edit."""
    text = SIGNS.read_text(encoding="utf-8")
    assert old in text, f"warning-signs.yml no longer holds {old!r}: update the test"
    copy = tmp_path / warning_signs.FILE
    copy.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


def problems_of(path: Path) -> str:
    with pytest.raises(warning_signs.WarningSignsError) as caught:
        warning_signs.parse(path, warning_signs.FILE, bibliography.parse(BIB), "sources.bib")
    return str(caught.value)


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


# --- The file itself ------------------------------------------------------------------

def test_every_level_has_signs_in_both_languages(signs):
    for level in warning_signs.LEVELS:
        members = [sign for sign in signs.signs.values() if sign.level == level]
        assert members, f"no {level} signs"
        for sign in members:
            assert sign.en.strip() and sign.es.strip()


def test_the_brief_levels_hold(signs):
    """The corrected brief's rules, as built: the mistakes the clinical review found cannot come back."""
    level = {sign_id: sign.level for sign_id, sign in signs.signs.items()}
    # M1: puffy eyelids on both sides are normal; one eye spreading is urgent; eye signs are an emergency.
    assert level["eyelids-puffy"] == "normal" and level["eye-one-side"] == "urgent" and level["eye-signs"] == "emergency"
    # M2: collapse, a fit or confusion is an emergency with or without a fever.
    assert level["collapse"] == "emergency" and "without a fever" in signs.signs["collapse"].en
    # M3: sore spots are normal; spots not settling are non-urgent.
    assert level["spots-few"] == "normal" and level["spots-not-settling"] == "non-urgent"
    # S5, S6: a dent or scar, and numbness not improving, are non-urgent; weakness is urgent.
    assert level["dent-scar"] == "non-urgent" and level["numb-lasting"] == "non-urgent" and level["face-weak"] == "urgent"
    # M5: whiteheads are blocked pores, never pus spots.
    assert not any("whitehead" in sign.en.lower() for sign in signs.signs.values())
    # A droop there since the numbing is urgent; one that starts after the face was fine is a stroke sign.
    assert level["stroke"] == "emergency" and "new or worsening droop" in signs.signs["stroke"].en
    # The brief: "you faint or collapse" is an emergency, with no "quickly" to argue about.
    assert "collapsing" in signs.signs["collapse"].en and "quickly" not in signs.signs["collapse"].en


@pytest.mark.parametrize("old, new, says", [
    # A sign given a second level: the urgent eye line loses what tells it from puffy eyelids.
    ("""      en: one eye
      es: un solo ojo
""", "", ["eye-one-side", "eyelids-puffy", "both about 'eyelid swelling'"]),
    # The normal line says what makes the urgent one urgent.
    ("en: puffy eyelids on both sides,", "en: puffy eyelids on one eye or both sides,", ["eyelids-puffy", "'one eye'"]),
    # The Spanish of a sign is missing.
    ("    es: dolor que sigue empeorando cuando ya pasó el efecto de la anestesia\n", "",
     ["sign 'pain-worse' field 'es' is missing", "Spanish"]),
    # The Spanish no longer says the qualifier, so a Spanish reader cannot tell the twins apart.
    ("es: dolor que sigue empeorando cuando ya pasó el efecto de la anestesia", "es: dolor que sigue empeorando",
     ["pain-worse", "Spanish words", "cuando ya pasó el efecto de la anestesia"]),
    # Days an editor wrote in words.
    ('''  boil:
    level: urgent
    group: infection
    about: [lump, spots]
    days: "1-"''', '''  boil:
    level: urgent
    group: infection
    about: [lump, spots]
    days: "1 to 7"''', ["sign 'boil' field 'days'", "'1 to 7'"]),
    # A level that does not exist.
    ("  bleeding:\n    level: urgent", "  bleeding:\n    level: urgnet", ["sign 'bleeding' field 'level'", "'urgnet'"]),
    # Normal for ever.
    ('''  bruises:
    level: normal
    about: bruising
    days: "0-7"''', '''  bruises:
    level: normal
    about: bruising
    days: "0-"''', ["sign 'bruises' is normal", "no last day"]),
    # A triage line resting on a source about something else.
    ("    sources: [medlineplus_orbital]", "    sources: [nwas_stroke]",
     ["sign 'eye-signs' cites 'nwas_stroke'", "does not list 'eye-signs'"]),
    # A source that is not in sources.bib.
    ("    sources: [medlineplus_orbital]", "    sources: [medlineplus_orbitl]", ["'medlineplus_orbitl'", "not in sources.bib"]),
])
def test_a_broken_sign_names_the_line_and_the_fix(tmp_path, old, new, says):
    copy = broken(tmp_path, old, new)
    message = problems_of(copy)
    first = message.splitlines()[0]
    assert re.match(rf"{warning_signs.FILE} line \d+: ", first), message
    for words in says:
        assert words in message, f"{words!r} not in:\n{message}"


def test_a_broken_sign_file_stops_the_first_page_that_shows_a_sign(tmp_path):
    """Not while Markdown loads the extension: MkDocs prints an error raised there with its traceback."""
    copy = broken(tmp_path, "    sources: [medlineplus_orbital]", "    sources: [medlineplus_orbitl]")
    md = markdown.Markdown(extensions=[PageVariablesExtension(checked=True, warning_signs=str(copy),
                                                              bibliography=str(BIB))])
    assert md.convert("No signs here.") == "<p>No signs here.</p>"
    with pytest.raises(BuildStop) as caught:
        md.convert('{{ signs("boil") }}')
    assert f"{warning_signs.FILE} line {line_of(copy, 'medlineplus_orbitl')}: sign 'eye-signs'" in str(caught.value)


def test_a_sign_given_twice_names_its_second_line(tmp_path):
    text = SIGNS.read_text(encoding="utf-8")
    copy = tmp_path / warning_signs.FILE
    copy.write_text(text + '''
  boil:
    level: non-urgent
    about: lump
    days: "1-"
    sources: clinics
    en: a lump
    es: un bulto
''', encoding="utf-8")
    message = problems_of(copy)
    assert f"{warning_signs.FILE} line {len(text.splitlines()) + 2}: gives 'boil' twice" in message


def test_every_source_lists_only_signs_that_cite_it(tmp_path):
    """The other direction: sources.bib may not claim a sign the sign does not rest on."""
    bib = tmp_path / "sources.bib"
    text = BIB.read_text(encoding="utf-8")
    bib.write_text(text.replace("signs    = {eye-signs}", "signs    = {eye-signs, stroke}", 1), encoding="utf-8")
    with pytest.raises(warning_signs.WarningSignsError) as caught:
        warning_signs.parse(SIGNS, warning_signs.FILE, bibliography.parse(bib), "sources.bib")
    assert "source 'medlineplus_orbital' lists the sign 'stroke', which does not cite it" in str(caught.value)


def test_the_table_lists_every_sign(signs):
    table = warning_signs.table(signs)
    for sign in signs.signs.values():
        assert sign.en in table


# --- No page sets a pace in its own words ---------------------------------------------

def _all_wording_problems(root: Path) -> list[str]:
    return check_triage_wording(root, sorted((root / "docs").rglob("*.md")), sorted((root / "includes").rglob("*.md")))


def test_no_page_or_block_restates_a_level():
    assert _all_wording_problems(ROOT) == []


@pytest.mark.parametrize("file, old, new, word", [
    ("docs/caring-for-your-skin.md", "stop using it.", "stop using it, and contact your clinic or a doctor today.", "today"),
    ("docs/questions.md", "Tell your clinic before treatment.", "Tell your clinic before treatment. This is urgent.", "urgent"),
    ("docs/es/questions.md", "Dígaselo a su clínica antes del tratamiento.",
     "Dígaselo a su clínica antes del tratamiento. Si tiene ampollas, pida ayuda hoy.", "hoy"),
    ("includes/advice/spots-signs.md", "Check your spots against these signs:",
     "Spots that get hot are an emergency. Check your spots against these signs:", "emergency"),
])
def test_a_level_in_a_pages_own_words_is_named_with_its_line(project_copy, file, old, new, word):
    path = project_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{file} no longer holds {old!r}: update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = [p for p in _all_wording_problems(project_copy) if p.startswith(f"{file} line {line_of(path, new)}:")]
    assert found and f"'{word}'" in found[0], _all_wording_problems(project_copy)


def test_links_to_a_card_and_the_date_form_are_not_a_level(project_copy):
    """A link to a card names its level, and "(0 is today)" picks a date: neither sets a pace."""
    path = project_copy / "docs" / "questions.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\nSee the [urgent signs](when-to-get-help.md#urgent).\n", encoding="utf-8")
    assert _all_wording_problems(project_copy) == []


@pytest.mark.parametrize("card", ["includes/cards/urgent.md", "includes/es/cards/urgent.md"])
def test_a_card_line_written_in_the_card_is_named(project_copy, card):
    path = project_copy / card
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('{{ card_signs("urgent", "injury") }}',
                                 '{{ card_signs("urgent", "injury") }}\n- a new sign\n  { data-days="3-" }', 1),
                    encoding="utf-8")
    found = [p for p in _all_wording_problems(project_copy) if p.startswith(f"{card} line {line_of(path, '- a new sign')}:")]
    assert found and "warning-signs.yml" in found[0]


# --- Through the real build: a broken copy stops it -----------------------------------

def test_a_spanish_card_line_with_other_days_stops_the_spanish_build(project_copy):
    card = project_copy / "includes" / "es" / "cards" / "urgent.md"
    card.write_text(card.read_text(encoding="utf-8").replace(
        '{{ card_signs("urgent", "injury") }}',
        '{{ card_signs("urgent", "injury") }}\n- una quemadura\n  { data-days="3-" }', 1), encoding="utf-8")
    result = mkdocs_build(project_copy, project_copy / "site-es", config="mkdocs.es.yml")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert f"includes/es/cards/urgent.md line {line_of(card, '- una quemadura')}:" in result.stderr, result.stderr


def test_go_today_on_a_page_stops_the_build(project_copy):
    page = project_copy / "docs" / "why-breakouts-happen.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("Do not squeeze them.", "Do not squeeze them. If they hurt, go to a doctor today.", 1),
                    encoding="utf-8")
    result = mkdocs_build(project_copy, project_copy / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert f"docs/why-breakouts-happen.md line {line_of(page, 'go to a doctor today')}: 'today'" in result.stderr


def test_a_sign_given_a_second_level_stops_the_build(project_copy):
    signs_file = project_copy / warning_signs.FILE
    text = signs_file.read_text(encoding="utf-8")
    signs_file.write_text(text.replace("""    differs:
      en: spreads past the treated skin
      es: se extiende fuera de la piel tratada
""", "", 1), encoding="utf-8")
    result = mkdocs_build(project_copy, project_copy / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert "warning-signs.yml line" in result.stderr and "'spreading' (urgent)" in result.stderr, result.stderr


# --- The built pages: one definition everywhere, in both languages --------------------

def _card_lines(soup):
    for level, css in CARD_CLASSES.items():
        for card in soup.select(f".{css}"):
            for item in card.select("li"):
                yield level, item


def _sign_of(item, signs, language: str) -> str | None:
    """The sign whose words the card line reads as (each sign's words are unique: the file checks it)."""
    text = " ".join(item.get_text(" ").split())
    found = [sign_id for sign_id, sign in signs.signs.items() if " ".join(sign.words(language).split()) in text]
    return max(found, key=lambda sign_id: len(signs.signs[sign_id].words(language))) if found else None


def _check_cards(pages, signs, language: str) -> list[str]:
    wrong = []
    for url, soup in pages.items():
        for level, item in _card_lines(soup):
            sign_id = _sign_of(item, signs, language)
            if sign_id is None:
                wrong.append(f"/{url}: a {level} card line that is not a sign of warning-signs.yml: {item.get_text()[:60]!r}")
                continue
            sign = signs.signs[sign_id]
            if sign.level != level:
                wrong.append(f"/{url}: '{sign_id}' is on the {level} card but is {sign.level}")
            if item.get("data-days") != sign.days:
                wrong.append(f"/{url}: '{sign_id}' shows days {item.get('data-days')} but has {sign.days}")
    return wrong


def test_every_card_line_is_its_sign_at_its_level_english(pages, signs):
    assert _check_cards(pages, signs, "en") == []


def test_every_card_line_is_its_sign_at_its_level_spanish(es_pages, signs):
    assert _check_cards(es_pages, signs, "es") == []


@pytest.mark.parametrize("edition", ["en", "es"])
def test_the_help_page_and_the_handout_show_every_sign(pages, es_pages, signs, edition):
    built = pages if edition == "en" else es_pages
    for url in ("when-to-get-help/", "handout/"):
        shown = {_sign_of(item, signs, edition) for _, item in _card_lines(built[url])}
        missing = sorted(set(signs.signs) - shown)
        assert not missing, f"/{edition}/{url} leaves out {missing}"


@pytest.mark.parametrize("edition", ["en", "es"])
def test_a_sign_shown_outside_the_cards_links_to_its_own_level(pages, es_pages, signs, edition):
    built = pages if edition == "en" else es_pages
    seen = 0
    for url, soup in built.items():
        for item in soup.select("article li[data-sign]"):
            if item.find_parent(class_="care-card"):
                continue
            sign = signs.signs[item["data-sign"]]
            link = item.find("a", href=re.compile("#"))
            assert link and link["href"].endswith("#" + warning_signs.ANCHORS[sign.level]), \
                f"/{url}: '{item['data-sign']}' links to {link and link['href']}, not its {sign.level} card"
            seen += 1
    assert seen >= 10, "the pages show fewer signs outside the cards than expected"


@pytest.mark.parametrize("edition", ["en", "es"])
def test_signs_shown_together_come_most_urgent_first(pages, es_pages, signs, edition):
    """Readers stop at the first sign they have: an urgent line above a stroke sign would stop them too soon."""
    built = pages if edition == "en" else es_pages
    for url, soup in built.items():
        for listing in soup.select("article ul:has(> li[data-sign])"):
            if listing.find_parent(class_="care-card"):
                continue
            shown = [item["data-sign"] for item in listing.find_all("li", recursive=False) if item.has_attr("data-sign")]
            ranks = [warning_signs.LEVELS.index(signs.signs[sign_id].level) for sign_id in shown]
            assert ranks == sorted(ranks), f"/{url}: {shown} are not most urgent first"


@pytest.mark.parametrize("edition", ["en", "es"])
def test_the_urgent_card_says_where_to_go_when_the_clinic_is_closed(pages, es_pages, edition):
    built = pages if edition == "en" else es_pages
    for url, soup in built.items():
        for card in soup.select(".care-card--urgent"):
            closed = card.select_one("#clinic-closed")
            # The Spanish names no UK service: its readers are in the Americas and Spain.
            route = ("111", "urgent care") if edition == "en" else ("fuera de horario", "urgent care")
            assert closed and all(words in closed.get_text() for words in route), \
                f"/{url}: the urgent card has no closed-clinic route"


@pytest.mark.parametrize("edition", ["en", "es"])
@pytest.mark.parametrize("url", ["", "what-to-expect/"], ids=page_id)
def test_the_timeline_shows_what_is_normal_on_days_0_to_3(pages, es_pages, signs, edition, url):
    soup = (pages if edition == "en" else es_pages)[url]
    stages = {stage["data-days"]: " ".join(stage.get_text(" ").split()) for stage in soup.select(".timeline ol > li")}
    for sign_id in ("eyelids-puffy", "redness-swelling", "spots-few"):
        words = " ".join(signs.signs[sign_id].words(edition).split())
        assert words in stages["1-3"], f"/{url}: days 1 to 3 do not say {sign_id} is normal"
    assert " ".join(signs.signs["pain-numbing"].words(edition).split()) in stages["0"]


def test_every_sign_in_the_spanish_edition_has_the_english_days(pages, es_pages, signs):
    """Per page, the Spanish cards list the same signs on the same days as the English twin."""
    for url, soup in pages.items():
        english = sorted((_sign_of(item, signs, "en"), item.get("data-days")) for _, item in _card_lines(soup))
        spanish = sorted((_sign_of(item, signs, "es"), item.get("data-days")) for _, item in _card_lines(es_pages[url]))
        assert english == spanish, f"/{url}: the Spanish cards differ from the English"
