"""How many lines a setting takes at the foot of a printed sheet, before anything is printed.

A margin box (overrides/partials/print-footer.html) has a fixed height, and
Chromium neither breaks a word there nor shows what overflows: a name too
wide for its lines is simply lost. So the settings check (settings.py)
measures each value here and refuses one that could not print whole.

Widths are DejaVu Sans' advance widths, the widest common fallback for the
stylesheet's Helvetica and Arial (Linux prints with it); other letters count
as 1 em, the widest there is. No library measures text without the font
file and a rendering stack, so the table is kept here. tests/test_paper_limits.py
prints the widest accepted values and reads every line back.
"""

from __future__ import annotations

# Advance widths in thousandths of an em, for " " to "~" (DejaVu Sans).
_ASCII = [int(width) for width in (
    "318,401,460,838,636,950,780,275,390,390,500,838,318,361,318,337,636,636,636,636,636,636,636,636,636,636,337,"
    "337,838,838,838,531,1000,684,686,698,770,632,575,775,752,295,295,656,557,863,748,787,603,787,695,635,611,732,"
    "684,989,685,611,685,390,337,390,838,500,500,613,635,550,635,615,352,635,634,278,278,579,278,974,634,612,635,"
    "635,411,521,392,634,592,818,592,592,525,636,337,636,838").split(",")]
POINTS = 12  # print.css: the margin boxes' type size
MM = 72 / 25.4
# The narrowest sheet is A4 (210 mm): its width less print.css's side
# margins, split as print.css splits the boxes at the foot.
_A4 = 210
PAGE = {"left": (_A4 - 2 * 12) * MM * 0.60, "right": (_A4 - 2 * 12) * MM * 0.40, "lines": 5}
HANDOUT = {"left": (_A4 - 2 * 8) * MM * 0.45, "right": (_A4 - 2 * 8) * MM * 0.55, "lines": 3}
# A little room for the box's own edges and the font's hinting.
_USABLE = 0.97


def width(text: str) -> float:
    """The text's width in points at the footer's size."""
    return sum(_ASCII[ord(char) - 32] if " " <= char <= "~" else 1000 for char in text) * POINTS / 1000


def lines(text: str, box: float, breaks: str = " ") -> float:
    """Lines the text takes in a box this wide, wrapped where the printed text may break.

    ``breaks`` are the characters after which a line may end: spaces in
    words, and / . - in an address (the footer puts break points there).
    A piece wider than the whole box cannot print whole: infinitely many lines.
    """
    room = box * _USABLE
    pieces, piece = [], ""
    for char in text:
        piece += char
        if char in breaks:
            pieces.append(piece)
            piece = ""
    pieces.append(piece)
    count, line = 1, 0.0
    for piece in filter(None, pieces):
        size, trimmed = width(piece), width(piece.rstrip(" "))
        if trimmed > room:
            return float("inf")
        if line + trimmed > room:
            count, line = count + 1, 0.0
        line += size
    return count
