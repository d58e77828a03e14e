"""Search as you type: a box, and the pages found, each with its snippet highlighted.

Queries run in a thread worker (one at a time, the newest wins); results computed for a
query that is no longer in the box are dropped, so typing never waits and never flickers
back to older results.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

if TYPE_CHECKING:  # Whoosh is imported by the app's index worker, after the first screen
    from handbook.search import SearchIndex, SearchResult, SearchResults
    from handbook.search.snippets import Snippet

from handbook.ui.markers import page_label, risk_label

RESULT_LIMIT = 25
NOT_READY = "The search index is being prepared: results appear here as soon as it is ready."


def snippet_text(snippet: Snippet) -> Text:
    """The snippet as literal text with each matched word highlighted (from its spans, never markup)."""
    text = Text(snippet.text, style="dim")
    for start, end in snippet.spans:
        text.stylize("not dim bold reverse", start, end)
    return text


def result_prompt(result: SearchResult) -> Group:
    """Two or more lines for one result: marker, title, category and risk; then the snippet, indented."""
    line = page_label(result.title, result.risk)
    line.stylize("bold", 2)
    line.append("  ")
    line.append(result.category, style="italic")
    risk = risk_label(result.risk)
    if risk:
        line.append("  ")
        line.append_text(risk)
    return Group(line, Padding(snippet_text(result.snippet), (0, 0, 0, 2)))


class SearchPanel(Vertical):
    """The search box and its results; posts `PageChosen` and `Dismissed`, never opens pages itself."""

    BINDINGS = [
        Binding("down", "move(1)", "Next result", show=False),
        Binding("up", "move(-1)", "Previous result", show=False),
        Binding("escape", "dismiss", "Back to the page"),
        Binding("tab", "take_suggestion", "Take the suggestion"),
    ]

    class PageChosen(Message):
        """A result was chosen: open `slug`."""

        def __init__(self, slug: str) -> None:
            super().__init__()
            self.slug = slug

    class Dismissed(Message):
        """The reader left the search (Escape): show the page again."""

    active: reactive[bool] = reactive(False)
    """True while results (or the not-ready message) take the reader's place; the app watches it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index: SearchIndex | None = None
        self._slugs: list[str] = []
        self._suggestion: str | None = None
        self.shown_query: str | None = None  # the query the listed results were computed for

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search  (press / from anywhere)", id="search-input", compact=True)
        yield Static("", id="search-suggestion", markup=False)
        yield OptionList(id="search-results")

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def results(self) -> OptionList:
        return self.query_one("#search-results", OptionList)

    def set_active(self, active: bool) -> None:
        """Show the results in the reader's place (True), or give the place back to the reader."""
        self.active = active

    def watch_active(self, active: bool) -> None:
        self.set_class(active, "-active")
        self.refresh_bindings()

    def set_index(self, index: SearchIndex | None) -> None:
        """Use `index` from now on and run the typed query again against it."""
        self.index = index
        self.input.placeholder = "Search  (press / from anywhere)" if index else "Search  (indexing…)"
        if self.input.value.strip():
            self.shown_query = None
            self.run_query(self.input.value)

    def focus_box(self) -> None:
        """Focus the box, select what is typed, and show its results again."""
        self.input.focus()
        self.input.select_all()
        if self.input.value.strip():
            self.set_active(True)

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if not event.value.strip():
            self.set_active(False)
            self._show_suggestion(None)
            self.results.clear_options()
            self._slugs = []
            self.shown_query = event.value
            return
        self.set_active(True)
        if self.index is None:
            self._show_suggestion(None)
            self.results.set_options([Option(Text(NOT_READY, style="italic"), disabled=True)])
            self._slugs = []
            return
        self.run_query(event.value)

    @work(thread=True, exclusive=True, group="search")
    def run_query(self, query: str) -> None:
        """Search off the UI thread; only the newest query's results are shown."""
        index = self.index
        if index is None:
            return
        results = index.search(query, limit=RESULT_LIMIT)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_results, query, results)

    def show_results(self, query: str, results: SearchResults) -> None:
        """List `results`, unless the box no longer holds `query` (a newer search is on its way)."""
        if query != self.input.value:
            return
        self.shown_query = query
        self._slugs = [result.slug for result in results]
        options: list[Option] = [Option(result_prompt(result)) for result in results]
        if not options:
            why = f"No page matches: {results.notice}." if results.notice else "No page matches."
            options = [Option(Text(why, style="italic"), disabled=True)]
        self.results.set_options(options)
        if self._slugs:
            self.results.highlighted = 0
        self._show_suggestion(results.suggestion)

    def _show_suggestion(self, suggestion: str | None) -> None:
        self._suggestion = suggestion
        label = self.query_one("#search-suggestion", Static)
        if suggestion:
            label.update(Text.assemble("Did you mean ", (suggestion, "bold underline"), "?  (tab)"))
        else:
            label.update("")
        self.set_class(bool(suggestion), "-suggesting")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "take_suggestion":
            return bool(self._suggestion) and self.active
        return True

    def action_take_suggestion(self) -> None:
        if self._suggestion:
            self.input.value = self._suggestion
            self.input.cursor_position = len(self._suggestion)
            self.input.focus()

    def action_move(self, step: int) -> None:
        if not self._slugs:
            return
        current = self.results.highlighted or 0
        self.results.highlighted = max(0, min(len(self._slugs) - 1, current + step if self.results.highlighted is not None else 0))

    def action_dismiss(self) -> None:
        self.set_active(False)
        self.post_message(self.Dismissed())

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        highlighted = self.results.highlighted
        if self._slugs and highlighted is not None and highlighted < len(self._slugs):
            self._choose(self._slugs[highlighted])

    @on(OptionList.OptionSelected, "#search-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self._slugs):
            self._choose(self._slugs[event.option_index])

    def _choose(self, slug: str) -> None:
        self.set_active(False)
        self.post_message(self.PageChosen(slug))
