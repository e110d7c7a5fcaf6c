"""Check the days the day guide reads from page text: a Python-Markdown extension.

The day guide (includes/day-guide.md, docs/assets/javascripts/day-guide.js)
works only from attributes in the page text:

    1. **Days 4 to 7:** ...            a timeline stage
       { data-days="4-7" }
    - a firm lump that appears weeks later ...   a help-card line
      { data-days="14-" }
    - Redness and swelling: ...        a line that settles
      { data-after-day="3" }

A typo there ("4 to 7", a gap between stages) would make the script leave
a stage or a warning sign out of the reader's day without a word, so the
build stops instead, naming the page and the line. Both engines run it.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from patient_site import page_variables
from patient_site.days import FIX, day_range
from patient_site.errors import BuildStop

# After attr_list (priority 8), which sets the attributes.
_PRIORITY = 5

def _where(element: etree.Element) -> str:
    words = " ".join("".join(element.itertext()).split())
    return f'{page_variables.current_page} (or a snippet it includes), the line "{words[:50]}"'


class _CheckDays(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        # In a loose list attr_list puts "{ data-days=... }" on the item's
        # paragraph; the script reads list items, so move it up.
        for item in root.iter("li"):
            for paragraph in item.findall("p"):
                for name in ("data-days", "data-after-day"):
                    if name in paragraph.attrib and name not in item.attrib:
                        item.set(name, paragraph.attrib.pop(name))
        for element in root.iter():
            days = element.get("data-days")
            if days is not None and day_range(days) is None:
                raise BuildStop(f'{_where(element)}: data-days="{days}" is not a range of days; {FIX}')
            after = element.get("data-after-day")
            if after is not None and not after.isdigit():
                raise BuildStop(f'{_where(element)}: data-after-day="{after}" is not a day; write one number, '
                                f'as in "3" (shown from day 4 on)')
        for timeline in root.iter("figure"):
            if "timeline" in timeline.get("class", "").split():
                self._check_stages(timeline)

    @staticmethod
    def _check_stages(timeline: etree.Element) -> None:
        """Stages with days must follow on from day 0, with no gap or overlap."""
        stages = [item for listing in timeline.iter("ol") for item in listing.findall("li")]
        if not any("data-days" in stage.attrib for stage in stages):
            return
        next_day: float = 0
        for stage in stages:
            days = stage.get("data-days")
            if days is None:
                raise BuildStop(f"{_where(stage)}: this timeline stage has no data-days; {FIX}")
            first, last = day_range(days)
            if first != next_day:
                raise BuildStop(f'{_where(stage)}: data-days="{days}" should start on day {next_day:.0f}, '
                                f"the day after the stage before it ends")
            next_day = last + 1


class DayGuideExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_CheckDays(md), "day_guide", _PRIORITY)


def makeExtension(**kwargs) -> DayGuideExtension:
    return DayGuideExtension(**kwargs)
