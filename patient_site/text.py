"""Characters a reader cannot see, which no setting or front-matter field may hold.

A right-to-left override (U+202E) in a clinic name shows the phone numbers
after it backwards; a line separator (U+2028) breaks a line where the editor
typed none. Neither can be seen in an editor, so they are refused by name.
"""

from __future__ import annotations

import unicodedata

# Control, format (bidi controls, zero-width), line and paragraph separators,
# private-use and surrogate code points.
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Co", "Cs"}
_PLAIN_NAMES = {"\n": "a line break", "\r": "a line break", "\t": "a tab"}


def describe(character: str) -> str:
    """'U+202E (RIGHT-TO-LEFT OVERRIDE)', 'U+000A (a line break)'."""
    name = _PLAIN_NAMES.get(character) or unicodedata.name(character, "a control character")
    return f"U+{ord(character):04X} ({name})"


def hidden_character(text: str, allowed: str = "") -> str | None:
    """Describe the first invisible character in text (not in allowed), or None."""
    for character in text:
        if character not in allowed and unicodedata.category(character) in _HIDDEN_CATEGORIES:
            return describe(character)
    return None


def not_utf8(data: bytes) -> str | None:
    """Where and why a file's bytes are not UTF-8 text, as 'line 33: the file is not saved as UTF-8
    text (byte 0xe9 cannot be read)', or None. Editors on Windows often save in Windows-1252."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        return f"line {line}: the file is not saved as UTF-8 text (byte 0x{data[error.start]:02x} cannot be read)"
    return None
