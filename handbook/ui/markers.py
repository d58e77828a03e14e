"""How a page's risk is marked wherever it is listed: sidebar, search results, palette."""

from __future__ import annotations

from rich.text import Text

from handbook.risk import RISK_NAMES

# A shape per risk as well as a colour, so the marker reads without colour too.
RISK_MARKERS = {
    "total": ("●", "bold red"),
    "local": ("◐", "bold dark_orange"),
    "caution": ("○", "bold yellow"),
}


def risk_marker(risk: str | None) -> Text:
    """The coloured marker of `risk` followed by a space; two spaces for a page without risk."""
    marker = RISK_MARKERS.get(risk or "")
    if marker is None:
        return Text("  ")
    glyph, style = marker
    return Text.assemble((glyph, style), " ")


def risk_label(risk: str | None) -> Text:
    """The marker and the risk's name (e.g. `● Total contraindication`); empty without risk."""
    if risk not in RISK_NAMES:
        return Text("")
    glyph, style = RISK_MARKERS[risk]
    return Text.assemble((glyph, style), " ", (RISK_NAMES[risk], style))


def page_label(title: str, risk: str | None) -> Text:
    """A page's title as literal text (never markup) after its risk marker."""
    label = risk_marker(risk)
    label.append(title)
    return label
