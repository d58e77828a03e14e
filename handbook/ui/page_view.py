"""The reader: one page of the handbook, drawn line by line so that even huge pages never freeze.

`PageView` is a Line API widget (a `ScrollView` with `render_line`): the page is parsed into
blocks a few sections at a time (`page_document`), blocks are laid out into styled lines at the
view's width (`page_layout`), and only the lines on screen are ever drawn. The first screen is
laid out at once; the rest is measured in a thread worker (only line counts and where links and
headings fall are kept), so keys and scrolling keep working while a 2,000-section page is still
being prepared. Textual's `MarkdownViewer` builds a widget per block instead (about 10 s for
1,000 sections on a 2-core machine).
"""

from __future__ import annotations

import bisect
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from functools import partial
from pathlib import Path

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.worker import get_current_worker
from textual.binding import Binding
from textual.app import ComposeResult
from textual.geometry import Size
from textual.message import Message
from textual.screen import ModalScreen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from handbook.library import Library
from handbook.page import Page
from handbook.quiz.generated import risk_question
from handbook.quiz.markdown_questions import parse_page_questions
from handbook.ui.page_document import LinkTarget, PageDocument, build_document
from handbook.ui.page_layout import LaidBlock, PageStyles, lay_out, make_console

FIRST_SCREEN_BUDGET = 0.05  # seconds of layout before the first paint, at most
SLICE_BUDGET = 0.02  # seconds of layout in the thread between two updates of the view
MIN_CONTENTS_HEADINGS = 3  # the table of contents is offered from this many headings
DRAWN_BLOCKS = 400  # drawn blocks kept: a few screens' worth, whatever the page's length

STYLE_NAMES = (
    "title", "meta", "summary", "section", "note", "quiz", "h1", "h1-rule", "h2", "h3", "h4",
    "strong", "em", "s", "code", "code-block", "link", "broken", "external", "link-focus", "link-hover", "marker",
    "quote-bar", "rule", "dim", "table-header", "table-border", "risk-total", "risk-local", "risk-caution",
)


def practice_question_count(page: Page) -> int:
    """How many questions practising this page asks: its own, plus the generated risk question."""
    questions, _ = parse_page_questions(page)
    return len(questions) + (1 if risk_question(page) is not None else 0)


def contents_of(page: Page) -> list[tuple[int, str, str]]:
    """The headings a table of contents lists (level, text, anchor): not the Questions section's."""
    skip_from = skip_to = 0
    if page.questions is not None:
        skip_from = page.questions.line
        skip_to = skip_from + page.questions.markdown.count("\n") + 1
    headings = [h for h in page.headings if not skip_from <= h.line < skip_to]
    if headings and headings[0].level == 1 and headings[0].text.strip() == page.title.strip():
        headings = headings[1:]  # shown as the page title
    return [(h.level, h.text, h.anchor) for h in headings]


class PageView(ScrollView, can_focus=True):
    """A focusable, scrollable reader for one `Page`."""

    DEFAULT_CSS = Path(__file__).with_name("page_view.tcss").read_text(encoding="utf-8")
    COMPONENT_CLASSES = {f"page-view--{name}" for name in STYLE_NAMES}
    BINDINGS = [
        Binding("t", "contents", "Contents", tooltip="Table of contents: jump to a heading"),
        Binding("q", "practise", "Practise", tooltip="Practise this page's questions"),
        Binding("tab", "next_link", "Next link", show=False),
        Binding("shift+tab", "previous_link", "Previous link", show=False),
        Binding("enter", "follow_link", "Follow link", show=False),
    ]

    class LinkSelected(Message):
        """The reader chose an internal link that resolves."""

        def __init__(self, slug: str, anchor: str | None) -> None:
            super().__init__()
            self.slug = slug
            self.anchor = anchor

    class QuizRequested(Message):
        """The reader asked to practise this page's questions."""

        def __init__(self, slug: str) -> None:
            super().__init__()
            self.slug = slug

    class Shown(Message):
        """The first screen of a page (shown or laid out anew) is ready to paint."""

        def __init__(self, slug: str) -> None:
            super().__init__()
            self.slug = slug

    def __init__(
        self, placeholder: str = "", *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        """`placeholder` is shown until the first page is given."""
        super().__init__(name=name, id=id, classes=classes)
        self.placeholder = placeholder
        self._library: Library | None = None
        self._document: PageDocument | None = None
        self._counts: tuple[Library, Mapping[str, int]] | None = None  # every question source, by page
        self._generation = 0
        self._shown_generation = 0  # the last layout generation announced with `Shown`
        self._width = 0
        self._styles: PageStyles | None = None
        self._style_signature: tuple | None = None
        self._text_console = make_console(80)
        self._lock = threading.RLock()  # the layout state, shared with the layout thread
        self._reset_layout()
        self._focused_link: int | None = None
        self._hover_link: int | None = None
        self._contents_of: tuple[Page, list[tuple[int, str, str]]] | None = None
        # (anchor, nth heading with it, lines below it, quiet) to scroll to once laid out
        self._pending: tuple[str, int, int, bool] | None = None
        self._restore: tuple[int, int] | None = None  # (block, line in block) to keep at the top

    # -- public ---------------------------------------------------------------------------------
    @property
    def page(self) -> Page | None:
        """The page shown, if any."""
        return self._document.page if self._document else None

    @property
    def laid_out(self) -> bool:
        """True when the whole page is parsed and laid out at the current width."""
        document = self._document
        return document is not None and document.complete and self._laid == len(document.blocks) and self._width > 0

    @property
    def line_count(self) -> int:
        """Lines laid out so far."""
        return self._line_count

    def show_page(self, page: Page, library: Library, *, anchor: str | None = None) -> None:
        """Show `page` (scrolled to the heading `anchor`, if given); links resolve in `library`."""
        same = self.page is not None and self.page.slug == page.slug and anchor is None
        # The same page again (an edit on disk): keep the reader at the same place under the
        # same heading, wherever the edit moved it.
        keep = self._top_heading() if same else None
        self._library = library
        self._document = build_document(page, library, self._question_count(page, library))
        self._focused_link = None
        self._hover_link = None
        self._pending = (anchor, 0, 0, False) if anchor else keep
        self._restore = None
        self._start_layout(keep_scroll=keep is not None)

    def set_question_counts(self, library: Library, counts: Mapping[str, int]) -> None:
        """How many questions practising each page of `library` asks, GIFT files included."""
        self._counts = (library, counts)
        page = self.page
        if page is not None and self._library is library and self._document is not None:
            if self._document.question_count != counts.get(page.slug, 0):
                self.show_page(page, library)  # the same page: it keeps its place

    def _question_count(self, page: Page, library: Library) -> int:
        if self._counts is not None and self._counts[0] is library:
            return self._counts[1].get(page.slug, 0)
        return practice_question_count(page)  # until the whole bank is read: the page's own

    def scroll_to_anchor(self, anchor: str, nth: int = 0) -> None:
        """Scroll to the `nth` heading whose anchor is `anchor` (when it is laid out)."""
        self._pending = (anchor, nth, 0, False)
        self._resolve_pending()

    def heading_line(self, anchor: str) -> int | None:
        """The line a heading with this anchor is laid out on, if it is laid out yet."""
        lines = self._anchor_lines.get(anchor)
        return lines[0] if lines else None

    @property
    def focused_link(self) -> LinkTarget | None:
        """Where the highlighted link goes, if one is highlighted."""
        if self._focused_link is None or self._document is None:
            return None
        return self._document.links[self._focused_link]

    def visible_text(self) -> str:
        """The text of the lines on screen (for tests and tools)."""
        top = int(self.scroll_y)
        end = min(top + self.size.height, self._line_count)
        return "\n".join(self._line(index)[0].text.rstrip() for index in range(top, end))

    def all_text(self) -> str:
        """The text of every line laid out so far."""
        return "\n".join(self._line(index)[0].text.rstrip() for index in range(self._line_count))

    # -- layout ---------------------------------------------------------------------------------
    def _reset_layout(self) -> None:
        # Only line counts are kept for the whole page; lines are drawn for the blocks on screen.
        self._block_starts: list[int] = []  # first line (its gap line included) of each laid-out block
        self._line_count = 0
        self._published = 0  # lines the view knows about (its virtual size)
        self._laid = 0
        self._drawn: OrderedDict[int, LaidBlock] = OrderedDict()  # recently drawn blocks
        self._link_lines: dict[int, int] = {}
        self._anchor_lines: dict[str, list[int]] = {}

    def _start_layout(self, keep_scroll: bool = False) -> None:
        with self._lock:  # a worker still laying out the previous generation stops at its next step
            self._generation += 1
            self._reset_layout()
            self._width = self.scrollable_content_region.width if self.is_mounted else 0
        if not keep_scroll:
            self.scroll_to(0, 0, animate=False, immediate=True, force=True)
        if self._document is None or self._width <= 0:
            self.virtual_size = Size(0, 0)
            self.refresh()
            return  # laid out on the first resize
        self._text_console = make_console(self._width)
        self._styles = self._styles or self._make_styles()
        target = max(self.size.height, 24) * 2
        with self._lock:
            self._step(FIRST_SCREEN_BUDGET, self._text_console, lambda: self._line_count >= target and self._pending is None)
        self._publish(self._generation)
        if not self.laid_out:
            generation, width = self._generation, self._width
            self.run_worker(
                partial(self._lay_out_rest, generation, width), thread=True, group="page-layout", exclusive=True, exit_on_error=False
            )

    def _lay_out_rest(self, generation: int, width: int) -> None:
        """In a thread: lay out the rest of the page, handing each slice to the UI as it is done.

        The event loop never waits for this work (only for the GIL, a few ms at most), so
        keys, scrolling and animations go on while a huge page is prepared.
        """
        worker = get_current_worker()
        console = make_console(width)
        more = True
        while more and not worker.is_cancelled:
            with self._lock:
                if generation != self._generation:
                    return
                more = self._step(SLICE_BUDGET, console)
            try:
                self.app.call_from_thread(self._publish, generation)
            except RuntimeError:  # the app is closing
                return

    def _step(self, budget: float, console, enough=None) -> bool:
        """Parse and lay out blocks for up to `budget` seconds or until `enough()` (lock held).

        Returns False when the whole page is laid out.
        """
        document, styles = self._document, self._styles
        if document is None or styles is None or self._width <= 0:
            return False
        deadline = time.perf_counter() + budget
        while time.perf_counter() < deadline and not (enough and enough()):
            if self._laid < len(document.blocks):
                self._lay_out_block(document, styles, console)
            elif not document.more() and self._laid >= len(document.blocks):
                return False  # (the last step of parsing may add blocks: lay those out first)
        return True

    def _publish(self, generation: int) -> None:
        """Show what has been laid out so far (on the UI thread)."""
        if generation != self._generation:
            return
        if self._line_count != self._published:
            before, self._published = self._published, self._line_count
            self.virtual_size = Size(self._width, self._line_count)
            self._resolve_pending()
            if before < int(self.scroll_y) + self.size.height:
                self.refresh()
        if self._shown_generation != generation and (self.laid_out or self._published >= self.size.height):
            self._shown_generation = generation
            assert self._document is not None
            self.post_message(self.Shown(self._document.page.slug))

    def _lay_out_block(self, document: PageDocument, styles: PageStyles, console) -> None:
        block = document.blocks[self._laid]
        laid = lay_out(block, self._width, styles, console, draw=False)
        start = self._line_count
        self._block_starts.append(start)
        if block.anchor is not None:
            self._anchor_lines.setdefault(block.anchor, []).append(start + (1 if block.gap else 0))
        for offset, links in enumerate(laid.links):
            for link in links:
                self._link_lines.setdefault(link, start + offset)
        self._line_count += laid.height
        self._laid += 1

    def _line(self, index: int) -> tuple[Strip, frozenset[int]]:
        """The drawn line `index` (a laid-out line) and the links on it."""
        block = bisect.bisect_right(self._block_starts, index) - 1
        laid = self._drawn.get(block)
        if laid is None:
            assert self._document is not None and self._styles is not None
            laid = lay_out(self._document.blocks[block], self._width, self._styles, self._text_console)
            self._drawn[block] = laid
            if len(self._drawn) > DRAWN_BLOCKS:
                self._drawn.popitem(last=False)
        else:
            self._drawn.move_to_end(block)
        offset = index - self._block_starts[block]
        assert laid.strips is not None
        return laid.strips[offset], laid.links[offset]

    def _force_until(self, done) -> None:
        """Lay out synchronously until `done()` or the page is complete (a key asked for it)."""
        with self._lock:
            while not done() and self._step(0.05, self._text_console, done):
                pass
        self._publish(self._generation)

    def _resolve_pending(self) -> None:
        if self._restore is not None:
            block, offset = self._restore
            if self._laid > block or self.laid_out:
                self._restore = None
                if block < len(self._block_starts):
                    self.scroll_to(y=self._block_starts[block] + offset, animate=False, immediate=True, force=True)
        if self._pending is None:
            return
        anchor, nth, below, quiet = self._pending
        lines = self._anchor_lines.get(anchor, [])
        if len(lines) > nth:
            self._pending = None
            self.scroll_to(y=lines[nth] + below, animate=False, immediate=True, force=True)
        elif self.laid_out:
            self._pending = None
            if not quiet:
                self.notify(f"No heading '#{anchor}' on this page", severity="warning", markup=False)

    def _named_style(self, name: str) -> Style:
        # Only what the component sets (a link must not paint the page background over a code
        # span), but its colour from the full style, where translucent colours (`$text-muted`)
        # are blended with the background.
        component = f"page-view--{name}"
        partial = self.get_component_rich_style(component, partial=True)
        if partial.color is None:
            return partial
        return partial + Style(color=self.get_component_rich_style(component).color)

    def _make_styles(self) -> PageStyles:
        # Resolved here, on the UI thread: the layout thread never touches the DOM.
        resolved = {name: self._named_style(name) for name in STYLE_NAMES}
        return PageStyles(resolved.__getitem__)

    def _signature(self) -> tuple:
        return tuple(self._named_style(name) for name in STYLE_NAMES)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted:
            self.call_later(self._restyle)

    def _restyle(self) -> None:
        # A theme change changes every colour baked into the laid-out lines: lay out again.
        signature = self._signature()
        if signature != self._style_signature:
            self._style_signature = signature
            if self._styles is not None:
                self._styles = self._make_styles()
                self._relayout()

    def _relayout(self) -> None:
        """Lay out again (new width or colours), keeping the block at the top of the screen there."""
        if self._document is None:
            return
        self._restore = self._top_block()
        self._start_layout(keep_scroll=True)

    def _top_heading(self) -> tuple[str, int, int, bool] | None:
        """The last heading at or above the top of the screen, as a quiet pending scroll."""
        top = int(self.scroll_y)
        best: tuple[str, int, int] | None = None
        with self._lock:
            anchors = [(anchor, list(lines)) for anchor, lines in self._anchor_lines.items()]
        for anchor, lines in anchors:
            for nth, line in enumerate(lines):
                if line <= top and (best is None or line > best[2]):
                    best = (anchor, nth, line)
        if best is None:
            return None
        return best[0], best[1], top - best[2], True

    def _top_block(self) -> tuple[int, int] | None:
        """The block at the top of the screen and how many of its lines are scrolled past."""
        top = int(self.scroll_y)
        if not self._block_starts or top == 0:
            return None
        block = max(bisect.bisect_right(self._block_starts, top) - 1, 0)
        return block, top - self._block_starts[block]

    def on_mount(self) -> None:
        self._style_signature = self._signature()
        self._styles = self._make_styles()

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if width != self._width and width > 0:
            if self._width <= 0:
                self._start_layout(keep_scroll=self._restore is not None)
            else:
                self._relayout()

    # -- drawing --------------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        rich_style = self.rich_style
        if self._document is None and self.placeholder and index == 1:
            note = self.get_component_rich_style("page-view--note", partial=True)
            return Strip([Segment(f"  {self.placeholder}", rich_style + note)]).crop_extend(0, width, rich_style)
        if index >= self._line_count:
            return Strip.blank(width, rich_style)
        strip, links = self._line(index)
        if links:
            if self._focused_link in links:
                strip = self._highlight(strip, self._focused_link, "link-focus")
            if self._hover_link in links and self._hover_link != self._focused_link:
                strip = self._highlight(strip, self._hover_link, "link-hover")
        return strip.apply_style(rich_style).crop_extend(scroll_x, scroll_x + width, rich_style)

    def _highlight(self, strip: Strip, link: int, name: str) -> Strip:
        focus = self._styles.get(name) if self._styles else Style(reverse=True)
        segments = []
        for segment in strip:
            style = segment.style
            if style is not None and style._meta and style.meta.get("link") == link:
                segment = Segment(segment.text, style + focus)
            segments.append(segment)
        return Strip(segments, strip.cell_length)

    # -- links ----------------------------------------------------------------------------------
    def _set_focused_link(self, link: int | None, scroll: bool = True) -> None:
        old = self._focused_link
        self._focused_link = link
        for changed in (old, link):
            if changed is not None and changed in self._link_lines:
                self.refresh()
                break
        if link is not None and scroll and link in self._link_lines:
            line = self._link_lines[link]
            top, height = int(self.scroll_y), self.scrollable_content_region.height
            if line < top:
                self.scroll_to(y=max(line - 1, 0), animate=False, immediate=True, force=True)
            elif line >= top + height:
                self.scroll_to(y=line - height + 2, animate=False, immediate=True, force=True)

    def action_next_link(self) -> None:
        """Highlight the next link in reading order (from the top of the screen when none is)."""
        document = self._document
        if document is None:
            self.screen.focus_next()
            return
        if self._focused_link is None:
            top = int(self.scroll_y)
            with self._lock:
                candidates = [link for link, line in self._link_lines.items() if line >= top]
            start = min(candidates) if candidates else len(self._link_lines)
        else:
            start = self._focused_link + 1
        self._force_until(lambda: start in self._link_lines or self._laid >= len(document.blocks) and document.complete)
        if start < len(document.links) and start in self._link_lines:
            self._set_focused_link(start)
        else:
            self._set_focused_link(None, scroll=False)
            self.screen.focus_next()

    def action_previous_link(self) -> None:
        """Highlight the previous link in reading order."""
        if self._document is None:
            self.screen.focus_previous()
            return
        if self._focused_link is None:
            bottom = int(self.scroll_y) + self.scrollable_content_region.height
            with self._lock:
                candidates = [link for link, line in self._link_lines.items() if line < bottom]
            target = max(candidates) if candidates else -1
        else:
            target = self._focused_link - 1
        if target >= 0 and target in self._link_lines:
            self._set_focused_link(target)
        else:
            self._set_focused_link(None, scroll=False)
            self.screen.focus_previous()

    def action_follow_link(self) -> None:
        """Follow the highlighted link."""
        if self._focused_link is not None:
            self._follow(self._focused_link)

    def _follow(self, link: int) -> None:
        document = self._document
        if document is None or not 0 <= link < len(document.links):
            return
        target = document.links[link]
        if target.kind == "page" and target.slug:
            self.post_message(self.LinkSelected(target.slug, target.anchor))
        elif target.kind == "anchor":
            if target.anchor:
                self.scroll_to_anchor(target.anchor)
        elif target.kind == "quiz":
            self.action_practise()
        elif target.kind == "broken":
            self.notify(f"Broken link: {target.slug or target.written} (no such page)", severity="warning", markup=False)
        else:
            self.notify(f"External link, not opened here: {target.written}", title="Link address", markup=False)

    def on_click(self, event: events.Click) -> None:
        link = event.style.meta.get("link") if event.style else None
        if link is not None:
            event.stop()
            self._set_focused_link(link, scroll=False)
            self._follow(link)

    def on_blur(self, event: events.Blur) -> None:
        self._set_focused_link(None, scroll=False)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        link = event.style.meta.get("link") if event.style else None
        if link != self._hover_link:
            self._hover_link = link
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover_link is not None:
            self._hover_link = None
            self.refresh()

    # -- actions --------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        page = self.page
        if action == "practise":
            return bool(page is not None and self._document and self._document.question_count)
        if action == "contents":
            return page is not None and len(self._contents()) >= MIN_CONTENTS_HEADINGS
        if action == "follow_link":
            return self._focused_link is not None
        return True

    def _contents(self) -> list[tuple[int, str, str]]:
        # Asked on every footer refresh: computed once per page shown.
        page = self.page
        if page is None:
            return []
        if self._contents_of is None or self._contents_of[0] is not page:
            self._contents_of = (page, contents_of(page))
        return self._contents_of[1]

    def action_practise(self) -> None:
        """Ask the app to practise this page's questions."""
        page = self.page
        if page is not None and self._document is not None and self._document.question_count:
            self.post_message(self.QuizRequested(page.slug))

    def action_contents(self) -> None:
        """Open the table of contents; choosing a heading scrolls to it."""
        page = self.page
        if page is None:
            return
        headings = self._contents()
        if len(headings) < MIN_CONTENTS_HEADINGS:
            return

        def chosen(index: int | None) -> None:
            if index is None:
                return
            anchor = headings[index][2]
            nth = sum(1 for _, _, other in headings[:index] if other == anchor)
            self._pending = (anchor, nth, 0, False)
            self._force_until(lambda: len(self._anchor_lines.get(anchor, [])) > nth)
            self._resolve_pending()
            self.focus()

        self.app.push_screen(PageContents(page.title, headings), chosen)


class PageContents(ModalScreen[int | None]):
    """The table of contents of a page: Enter scrolls to the heading, Escape closes."""

    DEFAULT_CSS = """
    PageContents { align: center middle; }
    PageContents > OptionList, PageContents > OptionList:focus {
        width: 70%; max-width: 80; min-width: 30; height: auto; max-height: 80%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("t", "close", "Close", show=False),
    ]

    def __init__(self, title: str, headings: list[tuple[int, str, str]]) -> None:
        super().__init__()
        self._title = title
        self._headings = headings

    def compose(self) -> ComposeResult:
        top = min(level for level, _, _ in self._headings)
        options = [Option(Text("  " * (level - top) + text)) for level, text, _ in self._headings]
        contents = OptionList(*options)
        contents.border_title = Text("Contents: " + self._title)
        yield contents

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_close(self) -> None:
        self.dismiss(None)
