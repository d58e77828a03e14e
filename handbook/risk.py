"""The risk vocabulary used everywhere: front matter, search filters, quizzes, display."""

from __future__ import annotations

RISK_NAMES = {
    "total": "Total contraindication",
    "local": "Local contraindication",
    "caution": "Caution: adapt",
}

RISK_MEANINGS = {
    "total": "postpone the session, or massage only with clearance from the client's health care provider",
    "local": "work elsewhere; avoid the affected area (and often distal to it, for vascular problems)",
    "caution": "massage is appropriate with changes to pressure, position, session length or technique",
}

CLEARANCE_MEANING = "the client's health care provider should confirm massage is appropriate first"

DISCLAIMER = (
    "An educational reference for massage-therapy trainees, not medical advice and not a diagnosis. "
    "Follow your school's teaching, your local regulations and the client's health care provider."
)


def describe_risk(risk: str | None, clearance: bool) -> str:
    """One line for a page's risk, e.g. `Total contraindication; clearance needed`."""
    parts = [RISK_NAMES[risk]] if risk in RISK_NAMES else []
    if clearance:
        parts.append("clearance needed")
    return "; ".join(parts)
