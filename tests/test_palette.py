"""Text colours in the light and dark schemes meet WCAG AA contrast (4.5:1).

Reads the solid colours in docs/assets/stylesheets/palette.css. A browser check
of the rendered pages (axe) is a separate, later test.
"""

import re

import pytest

from conftest import DOCS

PALETTE = DOCS / "assets" / "stylesheets" / "palette.css"
AA = 4.5

# (text colour, background it is drawn on)
PAIRS = [
    ("--md-default-fg-color", "--md-default-bg-color"),
    ("--md-default-fg-color--light", "--md-default-bg-color"),
    ("--md-typeset-a-color", "--md-default-bg-color"),
    ("--md-accent-fg-color", "--md-default-bg-color"),
    ("--md-primary-bg-color", "--md-primary-fg-color"),
    ("--md-footer-fg-color", "--md-footer-bg-color"),
    ("--md-footer-fg-color--light", "--md-footer-bg-color"),
    ("--md-footer-fg-color--lighter", "--md-footer-bg-color"),
    ("--card-fg", "--card-bg"),
    ("--md-typeset-a-color", "--card-bg"),
    ("--card-heading-fg", "--card-normal"),
    ("--card-heading-fg", "--card-nonurgent"),
    ("--card-heading-fg", "--card-urgent"),
    ("--card-heading-fg", "--card-emergency"),
    ("--card-emergency-fg", "--card-emergency-bg"),
    ("--card-emergency-a", "--card-emergency-bg"),
]


def relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _block(selector: str) -> dict[str, str]:
    css = PALETTE.read_text(encoding="utf-8")
    block = re.search(rf"{re.escape(selector)}\s*\{{(.*?)\}}", css, re.S)
    assert block, f"palette.css has no {selector} block"
    return dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})\b", block.group(1)))


def scheme_colours(scheme: str) -> dict[str, str]:
    """Colours in force in a scheme: the shared block, then the scheme's own."""
    return {**_block("[data-md-color-scheme]"), **_block(f'[data-md-color-scheme="{scheme}"]')}


def test_contrast_formula():
    assert contrast("#ffffff", "#000000") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("text, background", PAIRS)
def test_text_meets_wcag_aa(scheme, text, background):
    colours = scheme_colours(scheme)
    assert text in colours and background in colours, f"{scheme}: {text} or {background} is not a solid colour"
    ratio = contrast(colours[text], colours[background])
    assert ratio >= AA, f"{scheme}: {text} on {background} is {ratio:.2f}:1, below {AA}:1"
