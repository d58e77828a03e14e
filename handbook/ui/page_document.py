"""A page as a list of width-independent blocks for the reader, built chunk by chunk.

The reader never hands Markdown to a widget: it parses the page's body with the handbook's own
dialect (`markdown_parser()`), a few sections at a time, into `Block`s made of plain-text runs
tagged with what they are (strong, code, link number 3...). Laying blocks out at a width and
styling them is `page_layout`'s job; nothing here is ever read as markup.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote

from markdown_it.token import Token

from handbook.library import Library
from handbook.page import Page
from handbook.page_parser import anchor_for, closes_fence, code_fence, markdown_parser
from handbook.risk import DISCLAIMER, RISK_MEANINGS, RISK_NAMES

# Split points for parsing a long body a few sections at a time: an ATX heading at the left edge,
# outside a code fence, always starts a new top-level block in CommonMark (it ends any list,
# quote or paragraph), so parsing the pieces separately gives the same tokens as parsing the whole.
_SPLIT_HEADING = re.compile(r"^#{1,6}(?:[ \t]|$)")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
CHUNK_LINES = 60  # lines of Markdown parsed per step: about 3 ms, so the app stays responsive
CLEARANCE_LINE = "Clearance from the client's health care provider needed"
DISCLAIMER_MARK = "not medical advice"  # a page that says this carries its own disclaimer


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of inline text and what it is: `tags` name styles, `link` indexes `PageDocument.links`."""

    text: str
    tags: frozenset[str] = frozenset()
    link: int | None = None


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """Where a link in the reader goes.

    `kind` is "page" (a resolving internal link), "anchor" (a heading on this page), "broken",
    "external" (an http(s) or other address, never opened), "quiz" (practise this page).
    """

    kind: str
    written: str
    slug: str | None = None
    anchor: str | None = None


@dataclass(slots=True)
class Block:
    """One laid-out-able unit: a paragraph, heading, list item's text, code, table, rule...

    `prefix` / `first_prefix` are the runs put before every wrapped line (quote bars, list
    indentation) and before the first one (with the list marker).
    """

    kind: str  # title, meta, banner, summary, heading, paragraph, code, table, rule, quiz, section, note
    runs: tuple[Run, ...] = ()
    prefix: tuple[Run, ...] = ()
    first_prefix: tuple[Run, ...] | None = None
    gap: bool = False  # a blank line before it
    level: int = 0  # heading level
    anchor: str | None = None
    heading: int | None = None  # index among the page's headings (table of contents)
    code: str = ""
    rows: tuple[tuple[tuple[Run, ...], ...], ...] = ()  # table rows of cells; the first is the header
    align: tuple[str, ...] = ()
    risk: str | None = None


@dataclass
class PageDocument:
    """The blocks and links of one page; `more()` parses the next chunk of the body."""

    page: Page
    blocks: list[Block] = field(default_factory=list)
    links: list[LinkTarget] = field(default_factory=list)
    headings: list[tuple[int, str, str]] = field(default_factory=list)  # level, text, anchor
    question_count: int = 0
    _steps: Iterator[None] | None = None

    @property
    def complete(self) -> bool:
        return self._steps is None

    def more(self) -> bool:
        """Parse the next chunk; False when the whole page is in `blocks`."""
        if self._steps is None:
            return False
        try:
            next(self._steps)
        except StopIteration:
            self._steps = None
            return False
        return True

    def finish(self) -> None:
        """Parse everything that is left."""
        while self.more():
            pass


def build_document(page: Page, library: Library, question_count: int) -> PageDocument:
    """The page's document with its head (title, risk, summary) ready and the body still to parse."""
    document = PageDocument(page, question_count=question_count)
    builder = _Builder(document, library)
    builder.head()
    document._steps = builder.steps()
    return document


def split_markdown(markdown: str, chunk_lines: int = CHUNK_LINES) -> list[str]:
    """Cut Markdown into pieces of about `chunk_lines` lines that parse alone as they do together.

    Cuts fall only before a heading at the left edge outside code fences. Reference definitions
    (`[x]: url`) are repeated at the end of every piece, so a link to one resolves anywhere.
    """
    lines = markdown.split("\n")
    definitions = [line for line in lines if _REFERENCE_DEFINITION.match(line)]
    pieces: list[str] = []
    start = 0
    fence = ""
    for number, line in enumerate(lines):
        opener = code_fence(line)
        if fence:
            if closes_fence(fence, line):
                fence = ""
            continue
        if opener:
            fence = opener
            continue
        if number - start >= chunk_lines and _SPLIT_HEADING.match(line):
            pieces.append("\n".join(lines[start:number]))
            start = number
    pieces.append("\n".join(lines[start:]))
    if definitions:
        tail = "\n\n" + "\n".join(definitions)
        pieces = [piece + tail for piece in pieces]
    return pieces


def parse_in_pieces(markdown: str, chunk_lines: int = CHUNK_LINES) -> Iterator[list[Token] | None]:
    """The block tokens of `markdown`, a piece at a time; together the same as one parse.

    Yields None (and stops) when the Markdown is nested too deeply to parse.
    """
    pieces = split_markdown(markdown, chunk_lines)
    carried = ""
    for number, piece in enumerate(pieces):
        text = carried + "\n" + piece if carried else piece
        try:
            # A leading blank line: a body that starts with `---` is a rule, not front matter.
            tokens = markdown_parser().parse("\n" + text)
        except RecursionError:
            yield None
            return
        if number < len(pieces) - 1 and _ends_in_open_fence(tokens, "\n" + text):
            # The cut fell inside a code fence the splitter could not see (one opened in a
            # list item, say): parse this piece again together with the next.
            carried = text
            continue
        carried = ""
        yield tokens


def body_around_questions(page: Page) -> tuple[str, str]:
    """The reading body before and after the hidden `## Questions` section."""
    if page.questions is None:
        return page.reading_body, ""
    lines = page.body.split("\n")
    start = max(0, page.questions.line - page.body_line)
    end = start + page.questions.markdown.count("\n") + 1
    return "\n".join(lines[:start]).strip("\n"), "\n".join(lines[end:]).strip("\n")


class _Builder:
    """Token walk from markdown-it block tokens to `Block`s (one list of blocks per page)."""

    def __init__(self, document: PageDocument, library: Library) -> None:
        self.document = document
        self.page = document.page
        self.library = library
        self.folder = posixpath.dirname(self.page.slug)
        self.prefixes: list[tuple[Run, ...]] = []  # one per open quote or list item
        self.lists: list[list[int | None]] = []  # per open list: [next number] or [None] for bullets
        self.marker: tuple[Run, ...] | None = None  # the marker the next block's first line carries
        self.gap = False
        self.skip_title = True  # a `# Title` heading that repeats the page title is shown once
        self.cells: list[tuple[Run, ...]] | None = None
        self.rows: list[tuple[tuple[Run, ...], ...]] = []
        self.align: list[str] = []

    # -- the parts around the body -------------------------------------------------------------
    def head(self) -> None:
        page = self.page
        self.add(Block("title", (Run(page.title),)))
        meta = [page.category] if page.category else []
        if page.aliases:
            meta.append("also called " + ", ".join(page.aliases))
        if meta:
            self.add(Block("meta", (Run(" · ".join(meta)),)))
        if page.risk in RISK_NAMES:
            runs = [Run(RISK_NAMES[page.risk], frozenset({"strong"})), Run(" — " + RISK_MEANINGS[page.risk] + ".")]
            self.add(Block("banner", tuple(runs), gap=True, risk=page.risk))
            if page.clearance:
                runs = (Run(CLEARANCE_LINE + ".", frozenset({"strong"})),)
                self.add(Block("banner", runs, risk=page.risk))
        elif page.clearance:
            runs = (Run(CLEARANCE_LINE + ".", frozenset({"strong"})),)
            self.add(Block("banner", runs, gap=True, risk="caution"))
        if page.summary:
            self.add(Block("summary", (Run(page.summary),), gap=True))

    def steps(self) -> Iterator[None]:
        before, after = body_around_questions(self.page)
        yield from self.markdown(before)
        if self.document.question_count:
            count = self.document.question_count
            noun = "practice question" if count == 1 else "practice questions"
            link = self.link(LinkTarget("quiz", "quiz", self.page.slug))
            self.gap = True
            self.add(Block("quiz", (Run(f"{count} {noun} — press q to practise", frozenset({"quiz"}), link),)))
        yield from self.markdown(after)
        self.tail()

    def tail(self) -> None:
        page, pages = self.page, self.library.pages
        linked = {link.target for link in page.links if link.kind != "related"}
        related = [pages[slug] for slug in page.related if slug in pages and slug not in linked and slug != page.slug]
        if related:
            self.section("Related pages", [other for other in related])
        if page.sources:
            self.add(Block("section", (Run("Sources"),), gap=True))
            for source in page.sources:
                self.add(Block("paragraph", (Run(source),), prefix=(Run("  "),), first_prefix=(Run("• "),)))
        backlinks = [pages[slug] for slug in self.library.backlinks.get(page.slug, ()) if slug in pages]
        if backlinks:
            self.section("Pages that link here", backlinks)
        if DISCLAIMER_MARK not in page.text.casefold():
            self.add(Block("note", (Run(DISCLAIMER),), gap=True))

    def section(self, title: str, pages: list[Page]) -> None:
        self.add(Block("section", (Run(title),), gap=True))
        for other in pages:
            link = self.link(LinkTarget("page", other.slug, other.slug))
            self.add(Block("paragraph", (Run(other.title, frozenset({"link"}), link),), prefix=(Run("  "),), first_prefix=(Run("• "),)))

    # -- the body -------------------------------------------------------------------------------
    def markdown(self, markdown: str) -> Iterator[None]:
        if not markdown.strip():
            return
        for tokens in parse_in_pieces(markdown):
            if tokens is None:  # absurd nesting: shown as written
                self.gap = True
                self.add(Block("code", code=markdown))
                return
            self.tokens(tokens)
            yield

    def tokens(self, tokens: list[Token]) -> None:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind == "heading_open":
                inline = tokens[index + 1]
                self.heading(int(token.tag[1:]), inline)
                index += 3
                continue
            if kind == "paragraph_open":
                if not token.hidden:
                    self.gap = True
            elif kind == "inline":
                if self.cells is not None:
                    self.cells.append(self.inline(token))
                else:
                    self.add(Block("paragraph", self.inline(token)))
            elif kind in ("bullet_list_open", "ordered_list_open"):
                if not self.lists:  # a nested list follows its item's text without a gap
                    self.gap = True
                start = token.attrGet("start") if kind == "ordered_list_open" else None
                self.lists.append([int(start or 1)] if kind == "ordered_list_open" else [None])
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
                if not self.lists:
                    self.gap = True
            elif kind == "list_item_open":
                current = self.lists[-1] if self.lists else [None]
                if current[0] is None:
                    bullet = "•◦▪"[min(len(self.lists), 3) - 1]
                    marker = f"{bullet} "
                else:
                    marker = f"{current[0]}. "
                    current[0] += 1
                self.marker = (Run(marker, frozenset({"marker"})),)
                self.prefixes.append((Run(" " * len(marker)),))
            elif kind == "list_item_close":
                self.prefixes.pop()
                self.marker = None
            elif kind == "blockquote_open":
                self.gap = True
                self.prefixes.append((Run("▌ ", frozenset({"quote-bar"})),))
            elif kind == "blockquote_close":
                self.prefixes.pop()
                self.gap = True
            elif kind in ("fence", "code_block", "html_block"):
                self.gap = True
                self.add(Block("code", code=token.content.rstrip("\n")))
                self.gap = True
            elif kind == "hr":
                self.gap = True
                self.add(Block("rule"))
                self.gap = True
            elif kind == "table_open":
                self.rows, self.align = [], []
            elif kind == "tr_open":
                self.cells = []
            elif kind in ("th_open", "td_open") and not self.rows:
                style = str(token.attrGet("style") or "")
                self.align.append(style.partition("text-align:")[2].strip() or "left")
            elif kind == "tr_close":
                self.rows.append(tuple(self.cells or ()))
                self.cells = None
            elif kind == "table_close":
                self.gap = True
                self.add(Block("table", rows=tuple(self.rows), align=tuple(self.align)))
                self.gap = True
            index += 1

    def heading(self, level: int, inline: Token) -> None:
        runs = self.inline(inline)
        text = _plain(inline)
        if self.skip_title and level == 1 and text.strip() == self.page.title.strip():
            self.skip_title = False
            return
        self.skip_title = False
        anchor = anchor_for(text)
        self.gap = True
        self.document.headings.append((level, text, anchor))
        level_tag = f"h{min(level, 4)}"
        runs = tuple(Run(run.text, _tags(run.tags, level_tag), run.link) for run in runs)
        self.add(Block("heading", runs, level=level, anchor=anchor, heading=len(self.document.headings) - 1))

    def add(self, block: Block) -> None:
        if self.prefixes and not block.prefix:
            block.prefix = tuple(run for prefix in self.prefixes for run in prefix)
            if self.marker is not None:
                outer = tuple(run for prefix in self.prefixes[:-1] for run in prefix)
                block.first_prefix = outer + self.marker
        self.marker = None
        block.gap = block.gap or (self.gap and bool(self.document.blocks))
        self.gap = False
        self.document.blocks.append(block)

    def link(self, target: LinkTarget) -> int:
        self.document.links.append(target)
        return len(self.document.links) - 1

    # -- inline ---------------------------------------------------------------------------------
    def inline(self, token: Token) -> tuple[Run, ...]:
        runs: list[Run] = []
        tags: list[str] = []
        link: int | None = None
        for child in token.children or []:
            kind = child.type
            if kind == "text" or kind == "html_inline":
                runs.append(Run(child.content, _tags(tags), link))
            elif kind == "softbreak":
                runs.append(Run(" ", _tags(tags), link))
            elif kind == "hardbreak":
                runs.append(Run("\n", _tags(tags), link))
            elif kind == "code_inline":
                runs.append(Run(child.content, _tags(tags, "code"), link))
            elif kind in ("strong_open", "em_open", "s_open"):
                tags.append(kind[:-5])
            elif kind in ("strong_close", "em_close", "s_close"):
                if kind[:-6] in tags:
                    tags.remove(kind[:-6])
            elif kind == "wikilink":
                written = child.meta.get("target", "")
                target = self.wikilink(written)
                style = "link" if target.kind != "broken" else "broken"
                label = child.content
                if label == written and target.kind == "page" and target.slug in self.library.pages:
                    label = self.library.pages[target.slug].title  # `[[slug]]` reads as the page's title
                runs.append(Run(label, _tags(tags, style), self.link(target)))
            elif kind == "link_open":
                target = self.markdown_link(str(child.attrGet("href") or ""))
                link = self.link(target)
                tags.append({"broken": "broken", "external": "external"}.get(target.kind, "link"))
            elif kind == "link_close":
                link = None
                for style in ("link", "broken", "external"):
                    if style in tags:
                        tags.remove(style)
                        break
            elif kind == "image":
                alt = "".join(c.content for c in child.children or [] if c.type == "text") or "image"
                runs.append(Run(f"[image: {alt}]", _tags(tags, "dim"), link))
        return tuple(runs)

    def wikilink(self, written: str) -> LinkTarget:
        target, _, fragment = written.partition("#")
        target = target.strip().removesuffix(".md").strip("/")
        anchor = fragment.strip() or None
        if not target:
            return LinkTarget("anchor", written, self.page.slug, anchor)
        return self.resolve(written, target, anchor)

    def markdown_link(self, href: str) -> LinkTarget:
        if not href:
            return LinkTarget("broken", href)
        if href.startswith("#"):
            return LinkTarget("anchor", href, self.page.slug, unquote(href[1:]) or None)
        if href.startswith("//") or _SCHEME.match(href):
            return LinkTarget("external", href)
        location, _, fragment = href.partition("#")
        location = unquote(location.partition("?")[0])
        if not location.lower().endswith(".md"):
            return LinkTarget("external", href)  # a file that is not a page: say where it points
        joined = location.lstrip("/") if location.startswith("/") else posixpath.join(self.folder, location)
        target = posixpath.normpath(joined)
        if target == ".." or target.startswith("../"):
            return LinkTarget("broken", href, target)
        return self.resolve(href, target[: -len(".md")], fragment or None)

    def resolve(self, written: str, target: str, anchor: str | None) -> LinkTarget:
        page = self.library.pages.get(target) or self.library.get(target)
        if page is None:
            return LinkTarget("broken", written, target, anchor)
        return LinkTarget("page", written, page.slug, anchor)


def _ends_in_open_fence(tokens: list[Token], text: str) -> bool:
    """True when a top-level code fence runs to the end of `text` without its closing line.

    A fence inside a list or quote always ends at a heading at the left edge, so only
    top-level fences can swallow the heading a piece was cut before.
    """
    lines = text.split("\n")
    for token in reversed(tokens):
        if token.level == 0 and token.map:
            if token.type != "fence" or token.map[1] < len(lines):
                return False
            last = lines[token.map[1] - 1]
            mark = token.markup
            closed = (
                token.map[1] - 1 > token.map[0]
                and len(last) - len(last.lstrip(" ")) <= 3
                and last.strip().startswith(mark)
                and not last.strip().strip(mark[0])
            )
            return not closed
    return False


_TAG_SETS: dict[tuple[str, ...], frozenset[str]] = {}


def _tags(tags, *more: str) -> frozenset[str]:
    """One shared frozenset per combination of tags: a huge page makes few objects."""
    key = tuple(sorted({*tags, *more}))
    found = _TAG_SETS.get(key)
    if found is None:
        found = _TAG_SETS[key] = frozenset(key)
    return found


def _plain(inline: Token) -> str:
    """A heading's text as the loader reads it, so anchors match `Page.headings`."""
    return "".join(
        child.content if child.type in ("text", "code_inline", "wikilink") else " "
        for child in inline.children or []
        if child.type in ("text", "code_inline", "wikilink", "softbreak", "hardbreak")
    ).strip()
