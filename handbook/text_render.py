"""Render a page as plain, wrapped text for the command line (`handbook show`)."""

from __future__ import annotations

import textwrap

from markdown_it.token import Token

from handbook.library import Library
from handbook.page import Page
from handbook.page_parser import markdown_parser
from handbook.risk import DISCLAIMER, RISK_MEANINGS, describe_risk


def render_page(page: Page, library: Library, width: int = 80) -> str:
    """The page as text: title, risk, summary, the reading body, links, sources, disclaimer."""
    width = max(width, 30)
    out: list[str] = [page.title, "=" * min(len(page.title), width)]
    meta = " · ".join(part for part in (page.category, describe_risk(page.risk, page.clearance)) if part)
    out += _wrap(meta, width)
    if page.risk in RISK_MEANINGS:
        out += _wrap(f"{describe_risk(page.risk, False)}: {RISK_MEANINGS[page.risk]}.", width)
    if page.aliases:
        out += _wrap("Also called: " + ", ".join(page.aliases), width)
    if page.summary:
        out += [""] + _wrap(page.summary, width)
    out += ["", render_markdown(page.reading_body, width)]
    related = [library.pages[slug] for slug in page.related if slug in library.pages]
    if related:
        out += ["", "Related"] + [f"  - {p.title} ({p.slug})" for p in related]
    linked_from = [library.pages[slug] for slug in library.backlinks.get(page.slug, ())]
    if linked_from:
        out += ["", "Linked from"] + [f"  - {p.title} ({p.slug})" for p in linked_from]
    out += ["", "Sources"]
    out += [f"  - {source}" for source in page.sources] or ["  (this page names no sources)"]
    out += [""] + _wrap(DISCLAIMER, width)
    return "\n".join(out).rstrip() + "\n"


def render_markdown(markdown: str, width: int = 80) -> str:
    """Markdown as plain wrapped text; links show their labels, nothing is interpreted further."""
    return _Renderer(width).render(markdown_parser().parse(markdown))


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    return textwrap.wrap(
        text, width=width, initial_indent=first, subsequent_indent=rest, break_on_hyphens=False
    ) or [first.rstrip()]


class _Renderer:
    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[str] = []
        self.prefixes: list[str] = []  # one per open list item or quote
        self.lists: list[list[int | None]] = []  # per open list: [next number] or [None]
        self.pending_marker: str | None = None
        self.heading_level = 0
        self.row: list[str] | None = None  # cells of the table row being read

    def render(self, tokens: list[Token]) -> str:
        for token in tokens:
            handler = getattr(self, "_" + token.type, None)
            if handler:
                handler(token)
        return "\n".join(self.lines).strip("\n")

    def _blank(self) -> None:
        if self.lines and self.lines[-1].strip():
            self.lines.append(self._indent().rstrip())

    def _indent(self) -> str:
        return "".join(self.prefixes)

    def _emit(self, text: str) -> None:
        indent = self._indent()
        first = indent
        if self.pending_marker is not None:
            first = indent[: -len(self.pending_marker)] + self.pending_marker if indent else self.pending_marker
            self.pending_marker = None
        self.lines += _wrap(text, self.width, first, indent)

    def _heading_open(self, token: Token) -> None:
        self._blank()
        self.heading_level = int(token.tag[1:])

    def _inline(self, token: Token) -> None:
        text = _inline_text(token)
        if self.row is not None:
            self.row.append(text)
        elif self.heading_level:
            self.lines.append(text)
            self.lines.append(("=" if self.heading_level <= 2 else "-") * min(len(text), self.width))
            self.heading_level = 0
        else:
            self._emit(text)

    def _paragraph_open(self, token: Token) -> None:
        if not token.hidden:
            self._blank()

    def _bullet_list_open(self, token: Token) -> None:
        self._blank()
        self.lists.append([None])

    def _ordered_list_open(self, token: Token) -> None:
        self._blank()
        self.lists.append([int(token.attrGet("start") or 1)])

    def _bullet_list_close(self, token: Token) -> None:
        self.lists.pop()

    _ordered_list_close = _bullet_list_close

    def _list_item_open(self, token: Token) -> None:
        current = self.lists[-1] if self.lists else [None]
        if current[0] is None:
            marker = "  - "
        else:
            marker = f"  {current[0]}. "
            current[0] += 1
        self.prefixes.append(" " * len(marker))
        self.pending_marker = marker

    def _list_item_close(self, token: Token) -> None:
        self.prefixes.pop()
        self.pending_marker = None

    def _blockquote_open(self, token: Token) -> None:
        self._blank()
        self.prefixes.append("  | ")

    def _blockquote_close(self, token: Token) -> None:
        self.prefixes.pop()

    def _fence(self, token: Token) -> None:
        self._blank()
        indent = self._indent() + "    "
        self.lines += [indent + line for line in token.content.rstrip("\n").split("\n")]

    _code_block = _fence

    def _html_block(self, token: Token) -> None:
        self._fence(token)  # shown as written, never interpreted

    def _hr(self, token: Token) -> None:
        self._blank()
        self.lines.append(self._indent() + "-" * max(3, self.width - len(self._indent())))

    def _table_open(self, token: Token) -> None:
        self._blank()

    def _tr_open(self, token: Token) -> None:
        self.row = []

    def _tr_close(self, token: Token) -> None:
        cells, self.row = self.row or [], None
        self.lines += _wrap(" | ".join(cells), self.width, self._indent(), self._indent() + "  ")


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "wikilink", "html_inline"):
            parts.append(child.content)
        elif child.type == "code_inline":
            parts.append(f"`{child.content}`")
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)
