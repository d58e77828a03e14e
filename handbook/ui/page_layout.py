"""Lay a page's blocks out at a width: styled lines (Strips) for the reader's Line API view.

Only `rich.text.Text` built from plain strings is used, so content is never read as markup.
Every link's text carries `{"link": n}` in its style meta: a click on it finds the link.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from rich import box
from rich.cells import cell_len, chop_cells
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.strip import Strip

from handbook.ui.page_document import Block, Run

MARGIN = 1  # columns left blank on each side of the text


class PageStyles:
    """Rich styles for the reader's parts, by name (from the widget's component classes)."""

    def __init__(self, named: Callable[[str], Style]) -> None:
        self._named = named
        self._names: dict[str, Style] = {}
        self._runs: dict[tuple[frozenset[str], int | None], Style] = {}
        self.link_of: dict[int, int] = {}  # id() of a run's style -> its link: which lines show which link
        self._lock = threading.Lock()

    def get(self, name: str) -> Style:
        style = self._names.get(name)
        if style is None:
            style = self._names[name] = self._named(name)
        return style

    def run(self, tags: frozenset[str], link: int | None) -> Style:
        key = (tags, link)
        style = self._runs.get(key)
        if style is None:
            with self._lock:  # the layout thread and the UI thread both ask
                return self._new_run(key)
        return style

    def _new_run(self, key: tuple[frozenset[str], int | None]) -> Style:
        tags, link = key
        style = self._runs.get(key)
        if style is None:
            style = Style()
            for tag in sorted(tags):
                style += self.get(tag)
            if link is not None:
                style += Style(meta={"link": link})
                self.link_of[id(style)] = link
            self._runs[key] = style
        return style


@dataclass
class LaidBlock:
    """A block at one width: how many lines it takes, the links on each, and (when drawn) its lines."""

    height: int
    links: list[frozenset[int]] = field(default_factory=list)
    strips: list[Strip] | None = None


def make_console(width: int) -> Console:
    """A private console for measuring and rendering text (never written to the terminal)."""
    return Console(
        file=io.StringIO(), width=max(width, 10), color_system="truecolor", force_terminal=True,
        markup=False, emoji=False, highlight=False, legacy_windows=False,
    )


def lay_out(block: Block, width: int, styles: PageStyles, console: Console, draw: bool = True) -> LaidBlock:
    """`block` at `width` cells (a blank gap line first when it has one); `draw=False` only measures.

    Measuring keeps nothing but counts, so a huge page costs little memory and little garbage
    collection; the lines on screen are drawn again when needed.
    """
    inner = max(width - 2 * MARGIN, 8)
    kind = block.kind
    lines: list[Text] | list[list[Segment]]
    if kind == "code":
        lines = _code_lines(block, inner, styles)
    elif kind == "table":
        lines = _table_lines(block, inner, styles, console)
    elif kind == "rule":
        lines = [_prefixed(block.prefix, Text("─" * max(inner - _runs_len(block.prefix), 3), styles.get("rule")), styles)]
    elif kind == "banner":
        lines = _banner_lines(block, inner, styles, console)
    else:
        lines = _text_lines(block, inner, styles, console)
    links: list[frozenset[int]] = [frozenset()] if block.gap else []
    for line in lines:
        links.append(_links_in(line) if isinstance(line, list) else _links_of_text(line, styles))
    laid = LaidBlock(len(links), links)
    if draw:
        pad = Segment(" " * MARGIN)
        strips = [Strip.blank(0)] if block.gap else []
        for line in lines:
            segments = line if isinstance(line, list) else _segments(line, console)
            strips.append(Strip([pad, *segments]))
        laid.strips = strips
    return laid


def _text(runs: tuple[Run, ...], styles: PageStyles, base: str | None = None) -> Text:
    text = Text(style=styles.get(base) if base else "", end="")
    for run in runs:
        text.append(run.text, styles.run(run.tags, run.link))
    return text


def _runs_len(runs: tuple[Run, ...]) -> int:
    return sum(cell_len(run.text) for run in runs)


def _prefixed(prefix: tuple[Run, ...], line: Text, styles: PageStyles) -> Text:
    if not prefix:
        return line
    text = _text(prefix, styles)
    text.append_text(line)
    return text


_BLOCK_STYLE = {"title": "title", "meta": "meta", "summary": "summary", "section": "section", "note": "note", "quiz": None}


def _text_lines(block: Block, inner: int, styles: PageStyles, console: Console) -> list[Text]:
    first = block.first_prefix if block.first_prefix is not None else block.prefix
    indent = max(_runs_len(block.prefix), _runs_len(first))
    text = _text(block.runs, styles, _BLOCK_STYLE.get(block.kind))
    wrapped = text.wrap(console, max(inner - indent, 8), overflow="fold")
    lines = []
    for number, line in enumerate(wrapped):
        line.end = ""
        lines.append(_prefixed(first if number == 0 else block.prefix, line, styles))
    if block.kind == "title" or (block.kind == "heading" and block.level == 1):
        rule = "━" * min(max(text.cell_len, 3), inner - _runs_len(block.prefix))
        lines.append(_prefixed(block.prefix, Text(rule, styles.get("h1-rule")), styles))
    return lines or [_prefixed(first, Text(""), styles)]


def _banner_lines(block: Block, inner: int, styles: PageStyles, console: Console) -> list[Text]:
    base = styles.get(f"risk-{block.risk}")
    text = _text(block.runs, styles)
    wrapped = text.wrap(console, max(inner - 2, 8), overflow="fold")
    lines = []
    for line in wrapped:
        padded = Text(" ", style=base, end="")
        padded.append_text(line)
        padded.pad_right(inner - padded.cell_len)
        lines.append(padded)
    return lines


def _code_lines(block: Block, inner: int, styles: PageStyles) -> list[Text]:
    style = styles.get("code-block")
    width = max(inner - _runs_len(block.prefix) - 2, 8)
    lines: list[Text] = []
    for source in block.code.expandtabs(4).split("\n"):
        for piece in chop_cells(source, width) or [""]:
            line = Text(" " + piece, style=style, end="")
            line.pad_right(width + 2 - line.cell_len)
            lines.append(_prefixed(block.prefix, line, styles))
    return lines


def _table_lines(block: Block, inner: int, styles: PageStyles, console: Console) -> list[list[Segment]]:
    table = Table(
        box=box.ROUNDED, show_header=True, header_style=styles.get("table-header"), border_style=styles.get("table-border"),
        expand=False, pad_edge=True, show_edge=True,
    )
    rows = list(block.rows) or [()]
    columns = max(len(row) for row in rows) or 1
    for number in range(columns):
        header = rows[0][number] if number < len(rows[0]) else ()
        justify = block.align[number] if number < len(block.align) and block.align[number] in ("left", "center", "right") else "left"
        table.add_column(_text(header, styles), justify=justify, overflow="fold")
    for row in rows[1:]:
        table.add_row(*(_text(cell, styles) for cell in row))
    indent = _runs_len(block.prefix)
    options = console.options.update_width(max(inner - indent, 12))
    prefix = list(_text(block.prefix, styles).render(console)) if block.prefix else []
    return [prefix + line for line in console.render_lines(table, options, pad=False)]


def _segments(line: Text, console: Console) -> list[Segment]:
    # Text.render leaves the text's own base style to its caller (rich applies it in
    # __rich_console__), and a text without spans comes out unstyled: apply it here.
    segments = line.render(console)
    if isinstance(line.style, Style) and line.style:
        segments = Segment.apply_style(segments, line.style)
    return list(segments)


def _links_of_text(line: Text, styles: PageStyles) -> frozenset[int]:
    link_of = styles.link_of
    return frozenset(link_of[id(span.style)] for span in line.spans if id(span.style) in link_of)


def _links_in(segments: list[Segment]) -> frozenset[int]:
    found = set()
    for segment in segments:
        style = segment.style
        if style is not None and style._meta:  # only link text carries meta
            link = style.meta.get("link")
            if link is not None:
                found.add(link)
    return frozenset(found)
