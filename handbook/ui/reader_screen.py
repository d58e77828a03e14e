"""A page read over another screen (the quiz's "open the topic page"): escape goes back to it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header

from handbook.library import Library
from handbook.page import Page
from handbook.ui.page_view import PageView


class ReaderScreen(Screen[None]):
    """The reader on a screen of its own; links are followed here, escape returns to the screen below."""

    BINDINGS = [Binding("escape", "back", "Back to the quiz")]

    def __init__(self, page: Page, library: Library) -> None:
        super().__init__()
        self.page = page
        self.library = library

    def compose(self) -> ComposeResult:
        yield Header()
        yield PageView(id="reader-page")
        yield Footer()

    def on_mount(self) -> None:
        self._show(self.page)

    def _show(self, page: Page, anchor: str | None = None) -> None:
        self.page = page
        self.title = page.title
        self.sub_title = page.category
        view = self.query_one("#reader-page", PageView)
        view.show_page(page, self.library, anchor=anchor)
        view.focus()

    @on(PageView.LinkSelected)
    def _follow(self, event: PageView.LinkSelected) -> None:
        event.stop()
        page = self.library.get(event.slug)
        if page is not None:
            self._show(page, event.anchor)

    @on(PageView.QuizRequested)
    def _already_quizzing(self, event: PageView.QuizRequested) -> None:
        event.stop()
        self.notify("A quiz is open: go back to it with escape.", timeout=3)

    def action_back(self) -> None:
        self.dismiss(None)
