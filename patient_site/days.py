"""Days counted from treatment day (day 0), as page text and warning-signs.yml write them: "4-7", "7-", "0"."""

from __future__ import annotations

import re

_DAYS = re.compile(r"^(\d+)(?:-(\d*))?$")
FIX = 'write "4-7" (days 4 to 7), "7-" (day 7 on) or "0" (day 0 only), counting treatment day as day 0'


def day_range(value: str) -> tuple[int, float] | None:
    """'4-7' as (4, 7), '7-' as (7, inf), '0' as (0, 0); None if it is not a range of days."""
    match = _DAYS.match(value)
    if not match:
        return None
    first = int(match[1])
    last = first if match[2] is None else float("inf") if match[2] == "" else int(match[2])
    return (first, last) if first <= last else None
