"""`QuizApp`: the quiz screens on their own, without the reader (the tests drive the screens in it).

`handbook quiz` opens the handbook app (`HandbookApp`), which hosts the same screens. This small
app does what a host must: load the library in a worker, offer an unfinished session, start the
quiz it was asked for, and show a topic page (here in a plain Markdown view) when the quiz asks.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Markdown, Static

from handbook.library import Library, load_library
from handbook.ui.quiz.launch import maybe_offer_resume, start_quiz
from handbook.ui.quiz.menu_screen import QuizMenuScreen
from handbook.ui.quiz.progress_screen import ProgressScreen
from handbook.ui.quiz.quiz_screen import Clock, QuizScreen


class TopicPageScreen(Screen):
    """A topic page, read-only; Escape goes back to the quiz."""

    BINDINGS = [Binding("escape,q", "app.pop_screen", "Back to the quiz")]
    DEFAULT_CSS = """
    TopicPageScreen #topic-title { text-style: bold; padding: 1 2 0 2; }
    """

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self.page_title = title
        self.body = body

    def compose(self) -> ComposeResult:
        yield Static(Content(self.page_title), id="topic-title")
        with VerticalScroll():
            yield Markdown(self.body, open_links=False)
        yield Footer()


class QuizHome(Screen):
    """Under the quiz: what is happening, and the keys to go on."""

    BINDINGS = [
        Binding("m", "app.quiz_menu", "Quiz menu"),
        Binding("p", "app.progress", "Progress"),
    ]

    DEFAULT_CSS = """
    QuizHome #quiz-home { padding: 1 2; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Content("Loading the handbook…"), id="quiz-home")
        yield Footer()


class QuizApp(App):
    """The quiz on its own: `quiz` holds `start_quiz`'s arguments (scope, count, mode, time_limit, seed)."""

    TITLE = "handbook quiz"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(
        self,
        content_dir: Path,
        data_dir: Path,
        *,
        quiz: dict | None = None,
        library: Library | None = None,
        clock: Clock | None = None,
    ) -> None:
        super().__init__()
        self.content_dir = Path(content_dir)
        self.data_dir = Path(data_dir)
        self.quiz = quiz
        self.library = library
        self.clock = clock

    def get_default_screen(self) -> Screen:
        return QuizHome()

    def on_mount(self) -> None:
        if self.library is None:
            self._load_library()
        else:
            self.call_after_refresh(self._library_ready)

    @work(thread=True, exit_on_error=False)
    def _load_library(self) -> None:
        try:
            library = load_library(self.content_dir)
        except Exception as exc:  # ContentFolderError and anything unexpected: say it, stay up
            self.call_from_thread(self._say, f"The handbook could not be loaded: {exc}")
            return
        self.library = library
        self.call_from_thread(self._library_ready)

    def _library_ready(self) -> None:
        self._home_text("m opens the quiz menu, p shows your progress, ctrl+q quits.")
        if self.quiz is None:
            maybe_offer_resume(self, self.library, self.data_dir, clock=self.clock)
            return
        options = dict(self.quiz)
        maybe_offer_resume(
            self,
            self.library,
            self.data_dir,
            otherwise=lambda: start_quiz(self, self.library, self.data_dir, clock=self.clock, **options),
            clock=self.clock,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("quiz_menu", "progress"):
            return self.library is not None
        return True

    def action_quiz_menu(self) -> None:
        self.push_screen(QuizMenuScreen(self.library, self.data_dir, clock=self.clock))

    def action_progress(self) -> None:
        self.push_screen(ProgressScreen(self.library, self.data_dir, clock=self.clock))

    def _home_text(self, text: str) -> None:
        self.screen_stack[0].query_one("#quiz-home", Static).update(Content(text))

    def on_quiz_screen_open_page(self, message: QuizScreen.OpenPage) -> None:
        page = self.library.pages.get(message.slug) if self.library else None
        if page is not None:
            self.push_screen(TopicPageScreen(page.title, page.reading_body))
