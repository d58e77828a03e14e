"""The `QuizMenuScreen`: what to practise, how many questions, practice or exam; then it starts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Select, Static

from handbook.library import Library
from handbook.quiz.scope import Pool, Scope
from handbook.quiz.session import Mode
from handbook.ui.quiz.launch import start_quiz
from handbook.ui.quiz.opening import DEFAULT_COUNT, question_bank
from handbook.ui.quiz.quiz_screen import Clock


@dataclass(frozen=True)
class QuizRequest:
    """The quiz the menu asked for: `start_quiz`'s arguments (time limit in minutes)."""

    scope: Scope
    count: int | None
    mode: Mode
    time_limit: float | None


class QuizMenuScreen(ModalScreen[QuizRequest | None]):
    """Pick the scope, the number of questions and the mode; Enter (or Start) starts the session.

    `page` offers "this page"; `bookmarks` (slugs) offers the bookmarked pages. With `start=False`
    the menu only returns the request (dismissed with it) and starts nothing.
    """

    CSS_PATH = "quiz.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "start", "Start"),
        # The screen's own Tab: a host app may switch its app-level actions off while a modal is up.
        Binding("tab", "next_field(1)", "Next field", show=False),
        Binding("shift+tab", "next_field(-1)", "Previous field", show=False),
    ]

    def __init__(
        self,
        library: Library,
        data_dir: Path,
        *,
        page: str | None = None,
        bookmarks: Sequence[str] = (),
        start: bool = True,
        clock: Clock | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.data_dir = Path(data_dir)
        self.page = page
        self.bookmarks = list(bookmarks)
        self.start_session = start
        self.clock = clock
        self.with_questions: set[str] = set()  # the pages that have questions, once the bank is read

    def compose(self) -> ComposeResult:
        page = self.library.pages.get(self.page) if self.page else None
        with Vertical(id="menu-box"):
            yield Static(Content("Quiz"), id="menu-title")
            yield Label(Content("What to practise"), classes="menu-label")
            with RadioSet(id="menu-scope", compact=True):
                yield RadioButton(Content("Everything"), value=True, id="scope-all")
                yield RadioButton(Content("A category:"), id="scope-category")
                if page is not None:
                    yield RadioButton(Content.assemble("This page: ", page.title), id="scope-page")
                if self.bookmarks:
                    yield RadioButton(Content(f"Bookmarked pages ({len(self.bookmarks)})"), id="scope-bookmarks")
                yield RadioButton(Content("Due for review"), id="scope-due")
                yield RadioButton(Content("Most missed"), id="scope-missed")
            yield Select([], prompt="Choose a category", id="menu-category", compact=True)
            with Horizontal(classes="menu-row"):
                yield Label(Content("Questions"), classes="menu-label")
                yield Input(str(DEFAULT_COUNT), type="integer", id="menu-count", placeholder="all", compact=True)
            with Horizontal(classes="menu-row"):
                yield Label(Content("Mode"), classes="menu-label")
                with RadioSet(id="menu-mode", compact=True):
                    yield RadioButton(Content("Practice: feedback on every answer"), value=True, id="mode-practice")
                    yield RadioButton(Content("Exam: marked at the end"), id="mode-exam")
            with Horizontal(classes="menu-row"):
                yield Label(Content("Time limit"), classes="menu-label")
                yield Input(type="number", id="menu-time", placeholder="minutes (exam; empty for none)", compact=True)
            yield Static(id="menu-problem")
            with Horizontal(id="menu-buttons"):
                yield Button("Start", variant="primary", id="menu-start", compact=True)
                yield Button("Cancel", id="menu-cancel", compact=True)

    def on_mount(self) -> None:
        self._read_bank()

    @work(thread=True, exit_on_error=False)
    def _read_bank(self) -> None:
        bank = question_bank(self.library)  # read once per library, shared with the quiz
        counts: dict[str, int] = {}
        for question in bank:
            counts[question.category] = counts.get(question.category, 0) + 1
        topics = {question.topic for question in bank if question.topic}
        self.app.call_from_thread(self._bank_read, counts, topics)

    def _bank_read(self, counts: dict[str, int], topics: set[str]) -> None:
        self.with_questions = topics
        select = self.query_one("#menu-category", Select)
        select.set_options([(Text(f"{name} ({count})"), name) for name, count in counts.items()])
        if self.page is not None and self.page not in topics and self.query("#scope-page"):
            button = self.query_one("#scope-page", RadioButton)
            button.label = Content.assemble(button.label, " (no questions)")
            button.disabled = True
        bookmarked = [slug for slug in self.bookmarks if slug in topics]
        if self.bookmarks:
            button = self.query_one("#scope-bookmarks", RadioButton)
            button.label = Content(f"Bookmarked pages ({len(bookmarked)} with questions)")
            button.disabled = not bookmarked

    @on(Select.Changed, "#menu-category")
    def _category_chosen(self, event: Select.Changed) -> None:
        if event.value is not Select.BLANK:
            self.query_one("#scope-category", RadioButton).value = True

    @on(Input.Submitted)
    @on(Button.Pressed, "#menu-start")
    def _start_pressed(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#menu-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_next_field(self, direction: int) -> None:
        if direction > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def request(self) -> QuizRequest | str:
        """The quiz the fields describe, or what is wrong with them."""
        chosen = self.query_one("#menu-scope", RadioSet).pressed_button
        choice = chosen.id if chosen is not None else "scope-all"
        if choice == "scope-category":
            category = self.query_one("#menu-category", Select).value
            if category is Select.BLANK:
                return "Choose a category (Tab to the list, Enter to open it)."
            scope = Scope(categories=(str(category),))
        elif choice == "scope-page":
            scope = Scope(pages=(self.page,))
        elif choice == "scope-bookmarks":
            pages = [slug for slug in self.bookmarks if not self.with_questions or slug in self.with_questions]
            scope = Scope(pages=tuple(pages))
        elif choice == "scope-due":
            scope = Scope(Pool.DUE)
        elif choice == "scope-missed":
            scope = Scope(Pool.MISSED)
        else:
            scope = Scope()
        count_text = self.query_one("#menu-count", Input).value.strip()
        try:
            count = int(count_text) if count_text else 0
        except ValueError:
            return "The number of questions is a whole number (empty or 0 for all)."
        if count < 0:
            return "The number of questions is 0 (all) or more."
        exam = self.query_one("#mode-exam", RadioButton).value
        time_text = self.query_one("#menu-time", Input).value.strip()
        time_limit = None
        if time_text:
            try:
                time_limit = float(time_text)
            except ValueError:
                return "The time limit is a number of minutes."
            if time_limit <= 0:
                return "The time limit is more than 0 minutes (or empty for none)."
            if not exam:
                return "A time limit is for exams: choose Exam, or leave the time limit empty."
        return QuizRequest(scope, count or None, Mode.EXAM if exam else Mode.PRACTICE, time_limit)

    def action_start(self) -> None:
        request = self.request()
        if isinstance(request, str):
            self.query_one("#menu-problem", Static).update(Content(request))
            return
        app = self.app
        self.dismiss(request)
        if self.start_session:
            start_quiz(
                app,
                self.library,
                self.data_dir,
                request.scope,
                request.count,
                request.mode,
                request.time_limit,
                clock=self.clock,
            )
