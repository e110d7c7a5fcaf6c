"""The words that follow the clinic's country (REGION): one table, read by the pages and the footer.

Pages write ``{{ region.after_hours }}`` or test ``{% if region.code == "UK" %}``
(patient_site/page_variables.py); the footer template reads the same words
from ``config.extra.region`` (hooks/clinic_settings.py). With no region set,
the pages keep words that fit every country ("After hours", both spellings,
the emergency numbers of several countries).

Medical advice that differs by country (where to go when the clinic is
closed, where to report a device) stays in the page text, with its
citations, under ``{% if region.code == ... %}``: only words and numbers
are kept here. The emergency numbers are the content brief's (911 US and
Canada, 999 UK, 112 EU, 000 Australia).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    after_hours: str          # the label beside the clinic's second number: "Out of hours"
    after_hours_line: str     # "its out-of-hours line"
    moisturise: str           # the step in the daily routine, the country's spelling first
    moisturiser: str
    emergency_number: str     # used when EMERGENCY_NUMBER is not set


REGIONS = {
    "": Region("", "", "After hours", "after-hours line", "Moisturize (moisturise)", "moisturizer (moisturiser)", ""),
    "US": Region("US", "the United States", "After hours", "after-hours line", "Moisturize (moisturise)",
                 "moisturizer (moisturiser)", "911"),
    "CA": Region("CA", "Canada", "After hours", "after-hours line", "Moisturize (moisturise)",
                 "moisturizer (moisturiser)", "911"),
    "UK": Region("UK", "the United Kingdom", "Out of hours", "out-of-hours line", "Moisturise (moisturize)",
                 "moisturiser (moisturizer)", "999"),
    "IE": Region("IE", "Ireland", "Out of hours", "out-of-hours line", "Moisturise (moisturize)",
                 "moisturiser (moisturizer)", "112"),
    "AU": Region("AU", "Australia", "After hours", "after-hours line", "Moisturise (moisturize)",
                 "moisturiser (moisturizer)", "000"),
}
# What clinics may type for a country, besides its code: "GB" is the UK's ISO code.
_OTHER_NAMES = {"GB": "UK", "USA": "US", "IRL": "IE", "CAN": "CA", "AUS": "AU"}


def check(value: str) -> tuple[str | None, str]:
    """The region's code from what was typed ("uk", "GB"), or why it is not one."""
    code = value.upper()
    code = _OTHER_NAMES.get(code, code)
    if code not in REGIONS or not code:
        return None, f"is not a country this site has words for: use one of {', '.join(c for c in REGIONS if c)}"
    return code, ""


def words(code: str) -> dict[str, str]:
    """The region's words, by name, for pages and templates."""
    return asdict(REGIONS[code])
