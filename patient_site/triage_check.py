"""No page says how fast to get help in its own words: only the cards do, from warning-signs.yml.

A sign's level lives in one place. A page that writes "contact your clinic
today" or "this is an emergency" beside a sign gives it a second level,
which drifts from the card the day an editor changes one of them. So in
every page (docs/, both languages) and every shared block outside the cards
(includes/**/cards/), a word that sets a pace ("today", "urgent",
"emergency", "hoy", "urgente", ...) stops the build, naming the file and
line. A page shows a sign with its level through {{ signs("id") }}, or links
to a card ([urgent signs](when-to-get-help.md#urgent)); link text to a card
and the page-text functions are fine. The cards themselves list no sign of
their own: a list line in a card file stops the build too, since its signs
come from card_signs().
"""

from __future__ import annotations

import re
from pathlib import Path

from patient_site.markdown_files import lines_outside_code, relative_path
from patient_site.warning_signs import ANCHORS

CARDS = "cards"
# Words that set how fast to act, by language. "your emergency number" names a
# phone number, not a level, so it may appear (in the handout's contact box).
PACE = {
    "en": re.compile(
        r"\b(?:today|tonight|same day|that day|right away|immediately|straight away|at once|urgent(?:ly)?"
        r"|emergenc(?:y|ies)(?! numbers?\b)|urgent care|A&E|(?:contact|call|see|ring|phone)\b[^.\n]{0,40}\bwithin\b"
        r"|(?:call|ring|phone|go|get help|see a doctor)\b[^.\n]{0,40}\bnow)\b"
        r"|\b(?:911|999|112|111|000)\b", re.I),
    "es": re.compile(
        r"\b(?:hoy|esta noche|mismo día|ese día|de inmediato|inmediatamente|enseguida|en seguida|cuanto antes"
        r"|urgentes?|urgentemente|urgencias?|(?<!número de )emergencias?|ahora mismo"
        r"|(?:avise|llame|comuníquese|vea|consulte)\b[^.\n]{0,40}\ben (?:unos|los próximos) días"
        r"|(?:llame|vaya|acuda|pida ayuda)\b[^.\n]{0,40}\b(?:ahora|ya))\b"
        r"|\b(?:911|999|112|111|000)\b", re.I),
}
# A link whose target is a card's heading: its text may name the level.
_CARD_LINK = re.compile(r"\[[^\]]*\]\([^)]*#(?:" + "|".join(map(re.escape, ANCHORS.values())) + r")\)")
# Not words a reader sees as written: page-text functions and tags, Jinja and HTML comments,
# snippet lines, attribute lists ({ .day-guide__emergency }) and HTML tags (data-day-signs="urgent").
# And forms: the day guide's "(0 is today)" and "Today" button pick a date, not a pace.
_HIDDEN = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}|<!--.*?-->|<form\b.*?</form>"
                     r"|^[ \t]*-+8<-+[^\n]*$|\{[^{}\n]*\}|<[^<>]+>", re.S | re.M)
_LIST_LINE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\S")


def _blank(match: re.Match) -> str:
    """The same number of lines, so line numbers still point at the file."""
    return "\n" * match.group(0).count("\n")


def language_of(path: Path, root: Path) -> str:
    parts = path.resolve().relative_to(root.resolve()).parts
    return "es" if len(parts) > 1 and parts[1] == "es" else "en"


def is_card(path: Path, root: Path) -> bool:
    return CARDS in path.resolve().relative_to(root.resolve()).parts[:-1]


def restated_levels(path: Path, root: Path) -> list[str]:
    """Each line of a page or block (not a card) that sets how fast to act in its own words."""
    text = _HIDDEN.sub(_blank, path.read_text(encoding="utf-8"))
    pace = PACE[language_of(path, root)]
    problems = []
    for number, line in lines_outside_code(text):
        found = pace.search(_CARD_LINK.sub(" ", line))
        if found:
            problems.append(f"{relative_path(path, root)} line {number}: '{found.group(0)}' says how fast to get "
                            f"help in the page's own words; a sign's level is set once, in warning-signs.yml. Show "
                            f"the sign with {{{{ signs(\"its-id\") }}}}, or link to its card, as in "
                            f"[urgent signs](when-to-get-help.md#urgent)")
    return problems


def own_sign_lines(path: Path, root: Path) -> list[str]:
    """Each list line a help card writes itself: a card's signs come from warning-signs.yml.

    Other blocks in the cards folder (the "which card?" chart) may have lists.
    """
    text = path.read_text(encoding="utf-8")
    if 'class="care-card' not in text:
        return []
    text = _HIDDEN.sub(_blank, text)
    return [f"{relative_path(path, root)} line {number}: a card lists its signs from warning-signs.yml, with "
            f"{{{{ card_signs(\"level\") }}}}; add this sign there, with its level, days and Spanish, and "
            f"delete the line here"
            for number, line in lines_outside_code(text) if _LIST_LINE.match(line)]


def check_triage_wording(root: Path, pages: list[Path], blocks: list[Path]) -> list[str]:
    """Pages and blocks give no level of their own; cards list no sign of their own."""
    problems = []
    for path in sorted(set(pages) | set(blocks)):
        problems += own_sign_lines(path, root) if is_card(path, root) else restated_levels(path, root)
    return problems
