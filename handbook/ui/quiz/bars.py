"""Horizontal bars for scores: one row per category, the bar sized to the widget's width."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widget import Widget


@dataclass(frozen=True)
class BarRow:
    label: str  # content (a category name): shown as plain text
    fraction: float  # 0..1
    detail: str  # e.g. "4/5"


def bar(fraction: float, width: int) -> tuple[str, str]:
    """The filled and empty parts of a bar `width` cells wide, in eighths of a cell."""
    fraction = min(1.0, max(0.0, fraction))
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[part].strip() if part else ""
    filled = "█" * full + partial
    return filled, " " * max(0, width - len(filled))


class CategoryBars(Widget):
    """Labelled bars with a percentage and a detail, e.g. `Contraindications ████░░  80%  4/5`."""

    DEFAULT_CSS = """
    CategoryBars { height: auto; }
    """

    def __init__(self, rows: list[BarRow], *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows = rows

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self.rows))

    def render(self) -> Content:
        if not self.rows:
            return Content("")
        label_width = min(max(len(row.label) for row in self.rows), 28)
        detail_width = max(len(row.detail) for row in self.rows)
        width = max(6, self.size.width - label_width - detail_width - 9)
        lines = []
        for row in self.rows:
            filled, empty = bar(row.fraction, width)
            label = row.label if len(row.label) <= label_width else row.label[: label_width - 1] + "…"
            lines.append(
                Content.assemble(
                    label.ljust(label_width),
                    " ",
                    (filled, "$success"),
                    (empty, "on $surface-lighten-1"),
                    f" {row.fraction:>4.0%}",
                    f"  {row.detail}",
                )
            )
        return Content("\n").join(lines)
