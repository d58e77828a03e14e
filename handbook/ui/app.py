"""`HandbookApp`: the sidebar, the reader, search as you type, and getting around.

The app owns navigation (history, bookmarks, recent pages) and loading: the library and
the search index are loaded in thread workers, so the first screen shows before indexing is
done, and a poll of the content folder reloads both when an instructor edits a page.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, Tree

from handbook.library import ContentFolderError, Library, load_library
from handbook.library_cache import Snapshot, content_snapshot, load_cached, save_cached
from handbook.page import Page
from handbook.problems import Problem
from handbook.reading_state import Bookmarks, Preferences, ReadingHistory
from handbook.ui.help_screen import HelpScreen, KeyHelp, describe_bindings
from handbook.ui.navigation import NavigationHistory
from handbook.ui.page_list_screen import PageListScreen
from handbook.ui.page_view import PageView
from handbook.ui.palette import PageCommands
from handbook.ui.problems_screen import ProblemsScreen
from handbook.ui.reader_screen import ReaderScreen
from handbook.ui.search_panel import SearchPanel
from handbook.ui.sidebar import Sidebar

if TYPE_CHECKING:
    from handbook.search import SearchIndex

NARROW = 90  # below this many columns the sidebar is narrower, so that the page keeps its room
TOO_NARROW = 70  # below this many columns the sidebar starts hidden
WATCH_INTERVAL = 1.0  # seconds between looks at the content folder
STATUS_DELAY = 0.3  # indexing that takes longer than this is shown in the header
BACKGROUND_DELAY = 1.0  # seconds after the library arrives that background work starts, at the latest
MAIN_SCREEN_ACTIONS = {
    "search", "back", "forward", "toggle_bookmark", "bookmarks", "recent",
    "toggle_sidebar", "problems", "quiz", "progress",
}
DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


def count(number: int, thing: str) -> str:
    """`1 error`, `2 errors`."""
    return f"{number} {thing}" if number == 1 else f"{number} {thing}s"


def find_page(library: Library, slug: str) -> Page | None:
    """The page `slug` names: exact, ignoring case, or by its last part when only one page has it."""
    slug = slug.strip().removesuffix(".md").strip("/")
    page = library.get(slug)
    if page is None:
        matches = [p for s, p in library.pages.items() if s.rsplit("/", 1)[-1].casefold() == slug.casefold()]
        page = matches[0] if len(matches) == 1 else None
    return page


class HandbookApp(App[None]):
    """The handbook in the terminal: browse, read, search as you type."""

    CSS_PATH = "app.tcss"
    TITLE = "handbook"
    COMMANDS = App.COMMANDS | {PageCommands}
    BINDINGS = [
        Binding("slash", "search", "Search", key_display="/"),
        Binding("alt+left", "back", "Back"),
        Binding("backspace", "back", "Back", show=False),
        Binding("alt+right", "forward", "Forward", show=False),
        Binding("b", "toggle_bookmark", "Bookmark", show=False),  # the header shows ★; the footer is full at 80 columns
        Binding("B", "bookmarks", "Bookmarks", show=False),
        Binding("r", "recent", "Recent pages", show=False),
        Binding("ctrl+b", "toggle_sidebar", "Sidebar"),  # show/focus/hide
        Binding("exclamation_mark", "problems", "Content problems", show=False, key_display="!"),
        Binding("ctrl+t", "toggle_theme", "Light/dark theme", show=False),
        Binding("z", "quiz", "Quiz", show=False),  # the footer is full at 80 columns; q on a page and ? show it
        Binding("p", "progress", "Progress", show=False),
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

    def __init__(
        self, content_dir: Path, data_dir: Path, *, start: str | None = None, quiz: dict | None = None
    ) -> None:
        super().__init__()
        self.content_dir = Path(content_dir)
        self.data_dir = Path(data_dir)
        self.start = start
        self.quiz = quiz
        self.library: Library | None = None
        self.search_index: SearchIndex | None = None
        self.problems: list[Problem] | None = None  # None until checked
        self.history = NavigationHistory()
        self.bookmarks = Bookmarks(self.data_dir)
        self.recent = ReadingHistory(self.data_dir)
        self.preferences = Preferences(self.data_dir)
        self.current_slug: str | None = None
        self.indexing = False
        self._snapshot: Snapshot | None = None
        self.loaded_from_copy = False  # True when the library came from the copy in the data folder
        self._first_load_done = False
        self._waiting_for_first_screen: Library | None = None  # its index and quiz wait for the first screen
        # What the reader's place shows when not searching: "page" or "notice". The reader is
        # there from the start (with a placeholder), so it has its width when the first page comes.
        self._showing = "page"

    # Layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield Sidebar(id="sidebar")
            with Vertical(id="content"):
                yield SearchPanel(id="search")
                yield PageView("Loading the handbook…", id="page")
                yield Static(id="notice")
        yield Footer()

    @property
    def main_screen(self) -> Screen:
        """The screen with the sidebar and the reader (under the quiz, help and lists)."""
        return self.screen_stack[0]

    @property
    def sidebar(self) -> Sidebar:
        return self.main_screen.query_one("#sidebar", Sidebar)

    @property
    def page_view(self) -> PageView:
        return self.main_screen.query_one("#page", PageView)

    @property
    def search_panel(self) -> SearchPanel:
        return self.main_screen.query_one("#search", SearchPanel)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Reading keys act on the main screen; on the quiz or a list they would act unseen.
        # Every other app action (focus_next, pop_screen, quit...) works everywhere.
        if action in MAIN_SCREEN_ACTIONS:
            return self.screen is self.main_screen
        return True

    def on_mount(self) -> None:
        theme = self.preferences.theme
        if theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self._fit_sidebar(self.size.width)
        if self.size.width < TOO_NARROW:
            self.sidebar.display = False
        self.watch(self.search_panel, "active", lambda _: self._arrange())
        for notice in self.bookmarks.notices + self.recent.notices + self.preferences.notices:
            self.notify(notice, title="Reading state", severity="warning", markup=False)
        self.search_panel.set_index(None)
        self.load_content()
        self.set_interval(WATCH_INTERVAL, self.look_for_edits)

    def _show_notice(self, text: Text | str) -> None:
        """Show a message in the reader's place (no page, a deleted page, no content)."""
        self.main_screen.query_one("#notice", Static).update(text if isinstance(text, Text) else Text(text))
        self._showing = "notice"
        self._arrange()

    def on_resize(self, event: events.Resize) -> None:
        if self.screen_stack:
            self._fit_sidebar(event.size.width)

    def _fit_sidebar(self, width: int) -> None:
        self.sidebar.set_class(width < NARROW, "-narrow")

    def _arrange(self) -> None:
        """Give the space below the search box to the results, the page, or the notice."""
        searching = self.search_panel.active
        self.page_view.display = not searching and self._showing == "page"
        self.main_screen.query_one("#notice", Static).display = not searching and self._showing == "notice"

    # Loading: library, then problems and the index, all off the UI thread

    @work(thread=True, exclusive=True, group="load")
    def load_content(self) -> None:
        """Load the library (then check it) in a thread; the UI gets each part as it is ready.

        An unchanged content folder comes from the copy kept in the data folder, so the first
        screen does not wait for every page to be parsed again.
        """
        snapshot = content_snapshot(self.content_dir)
        cached = load_cached(self.data_dir, self.content_dir, snapshot)
        if cached is not None:
            library, problems = cached
            self.loaded_from_copy = True
            self.call_from_thread(self._library_loaded, library, snapshot)
            self.call_from_thread(self._problems_checked, library, problems)
            return
        try:
            library = load_library(self.content_dir)
        except ContentFolderError as exc:
            self.call_from_thread(self._content_missing, str(exc))
            return
        self.call_from_thread(self._library_loaded, library, snapshot)
        # Imported here: the question bank and the synonym file are not needed for the first screen.
        from handbook.content_check import check_content

        problems = check_content(library)
        self.call_from_thread(self._problems_checked, library, problems)
        save_cached(self.data_dir, self.content_dir, snapshot, library, problems)

    def reload_content(self) -> None:
        """Load the content folder again (after an edit): library, index, sidebar and open page."""
        self.load_content()

    def _content_missing(self, message: str) -> None:
        self._first_load_done = True
        self._show_notice(Text(f"{message}\n\nStart handbook with --content DIR to choose a content folder."))
        self.notify(message, title="No content", severity="error", markup=False)

    def _library_loaded(self, library: Library, snapshot: Snapshot) -> None:
        first = not self._first_load_done
        self._first_load_done = True
        self._snapshot = snapshot
        self.library = library
        self.sidebar.show_library(library, self.current_slug)
        self.history.forget(self.history.slugs - library.pages.keys())
        if first:
            # Workers that import Whoosh and the quiz screens hold the GIL for a while: they
            # start once the reader has laid out its first screen (or without a page, at once).
            self._waiting_for_first_screen = library
            self._open_start_page(library)
            if self._showing != "page":
                self._start_background_work()
            else:
                self.set_timer(BACKGROUND_DELAY, self._start_background_work)
        else:
            self._index(library)
            self._count_questions(library)
            self._refresh_open_page(library)

    def _open_start_page(self, library: Library) -> None:
        # The reader has the focus from the start: keys scroll it, t and q work at once.
        self.call_after_refresh(self.page_view.focus)
        if self.start:
            page = find_page(library, self.start)
            if page is not None:
                self.open_page(page.slug)
                return
            self.notify(f"No page '{self.start}'.", severity="warning", markup=False)
        last = self.recent.last
        if last and last in library.pages:
            self.open_page(last)
        elif library.categories and library.categories[0].pages:
            self.open_page(library.categories[0].pages[0].slug)
        else:
            self._show_notice("This content folder has no pages yet: add a Markdown file to it.")

    @on(PageView.Shown)
    def _first_screen_shown(self) -> None:
        if self._waiting_for_first_screen is not None:
            self.call_after_refresh(self._start_background_work)  # after the paint

    def _start_background_work(self) -> None:
        """Index the first library loaded and prepare the quiz (once)."""
        first, self._waiting_for_first_screen = self._waiting_for_first_screen, None
        if first is None or self.library is None:
            return
        if first is self.library:  # (a reload in the meantime has started its own indexing)
            self._index(first)
            self._count_questions(first)
        self._prepare_quiz(self.library)

    def _count_questions(self, library: Library) -> None:
        # A page's own questions are counted as it is shown; GIFT files need the whole bank read.
        if library.gift_files:
            self.count_questions(library)

    @work(thread=True, exclusive=True, group="question-counts", exit_on_error=False)
    def count_questions(self, library: Library) -> None:
        """Count the questions practising each page asks, GIFT files included, in a thread."""
        from handbook.quiz.scope import questions_per_page
        from handbook.ui.quiz.opening import question_bank  # read once, shared with the quiz

        counts = questions_per_page(question_bank(library))
        self.call_from_thread(self._questions_counted, library, counts)

    def _questions_counted(self, library: Library, counts: dict[str, int]) -> None:
        if library is self.library:
            self.page_view.set_question_counts(library, counts)

    @work(thread=True, group="quiz-start", exit_on_error=False)
    def _prepare_quiz(self, library: Library) -> None:
        """Import the quiz screens off the UI thread, then offer an unfinished session or start the asked-for quiz."""
        from handbook.ui.quiz import maybe_offer_resume, start_quiz

        def start_requested() -> None:
            start_quiz(self, library, self.data_dir, **dict(self.quiz or {}))

        otherwise = start_requested if self.quiz is not None else None
        self.call_from_thread(maybe_offer_resume, self, library, self.data_dir, otherwise=otherwise)

    def _refresh_open_page(self, library: Library) -> None:
        slug = self.current_slug
        if slug is None:
            if library.pages:
                self._open_start_page(library)
            return
        page = library.pages.get(slug)
        if page is None:
            self._show_notice(
                Text.assemble(
                    ("This page is gone. ", "bold"),
                    f"'{slug}' was deleted or renamed in the content folder. "
                    "Pick another page in the sidebar, search with /, or go back with alt+left.",
                )
            )
            self.title = "handbook"
            self.sub_title = "page deleted"
            self.notify(f"The open page '{slug}' was deleted or renamed.", severity="warning", markup=False)
            return
        # The reader keeps its scroll position when it is given the same page again.
        self.page_view.show_page(page, library, anchor=None)
        self.title = page.title
        self._update_sub_title()

    def _problems_checked(self, library: Library, problems: list[Problem]) -> None:
        if library is not self.library:
            return  # a newer load is on its way
        self.problems = problems
        if problems:
            errors = sum(1 for p in problems if p.is_error)
            self.notify(
                f"{count(errors, 'error')}, {count(len(problems) - errors, 'warning')} in the content folder."
                " Press ! to see them.",
                title="Content problems",
                severity="warning",
            )

    def _index(self, library: Library) -> None:
        self.indexing = True
        self.set_timer(STATUS_DELAY, self._show_indexing)
        self.index_content(library)

    def _show_indexing(self) -> None:
        if self.indexing:
            self.sub_title = "indexing…"

    @work(thread=True, exclusive=True, group="index")
    def index_content(self, library: Library) -> None:
        """Open (or update) the search index of `library` in a thread."""
        from handbook.search import SearchIndex  # Whoosh loads here, after the first screen

        index = self.search_index
        try:
            if index is None:
                index = SearchIndex.open(library, self.data_dir)
            else:
                index.update(library)
        except Exception as exc:  # noqa: BLE001 - search must not take the reader down with it
            self.call_from_thread(self.notify, f"Search is unavailable: {exc}", severity="error", markup=False)
            return
        self.call_from_thread(self._index_ready, index, library)

    def _index_ready(self, index: SearchIndex, library: Library) -> None:
        if library is not self.library:
            return
        self.search_index = index
        self.indexing = False
        self.search_panel.set_index(index)
        self._update_sub_title()

    def look_for_edits(self) -> None:
        """Compare the content folder with its last snapshot (in a thread); reload when it changed."""
        if self._snapshot is not None:
            self._look_for_edits(self._snapshot)

    @work(thread=True, exclusive=True, group="watch")
    def _look_for_edits(self, previous: Snapshot) -> None:
        if content_snapshot(self.content_dir) != previous:
            self.call_from_thread(self._content_changed, previous)

    def _content_changed(self, previous: Snapshot) -> None:
        if previous is self._snapshot:
            self._snapshot = None  # no more looks until the reload has taken its own snapshot
            self.reload_content()

    # Reading and navigation

    def open_page(self, slug: str, anchor: str | None = None, *, remember: bool = True) -> bool:
        """Show the page `slug` in the reader; False (with a message) when there is no such page."""
        if self.library is None:
            return False
        page = self.library.get(slug)
        if page is None:
            self.notify(f"No page '{slug}'.", severity="warning", markup=False)
            return False
        if remember:
            self.history.visit(page.slug, anchor)
        self.current_slug = page.slug
        self._showing = "page"
        self.search_panel.set_active(False)
        self._arrange()
        view = self.page_view
        view.show_page(page, self.library, anchor=anchor)
        self.title = page.title
        self._update_sub_title()
        self.sidebar.mark_current(page.slug)
        self.run_worker(partial(self.recent.opened, page.slug), thread=True, group="state")
        return True

    def _update_sub_title(self) -> None:
        if self.indexing and self.sub_title == "indexing…":
            return
        page = self.library.pages.get(self.current_slug) if self.library and self.current_slug else None
        if page is None:
            self.sub_title = ""
            return
        self.sub_title = page.category + ("  ★ bookmarked" if page.slug in self.bookmarks else "")

    @on(PageView.LinkSelected)
    def _link_selected(self, event: PageView.LinkSelected) -> None:
        event.stop()
        self.open_page(event.slug, event.anchor)

    @on(Tree.NodeSelected, "#sidebar")
    def _sidebar_selected(self, event: Tree.NodeSelected) -> None:
        event.stop()
        slug = event.node.data
        if slug and slug != self.current_slug:
            self.open_page(slug)

    @on(SearchPanel.PageChosen)
    def _search_chosen(self, event: SearchPanel.PageChosen) -> None:
        if self.open_page(event.slug):
            self.page_view.focus()

    @on(SearchPanel.Dismissed)
    def _search_dismissed(self) -> None:
        if self._showing == "page":
            self.page_view.focus()
        else:
            self.sidebar.focus()

    def action_search(self) -> None:
        self.search_panel.focus_box()

    def action_back(self) -> None:
        visit = self.history.back()
        if visit is None:
            self.notify("This is the first page you read.", timeout=2)
            return
        self.open_page(visit.slug, visit.anchor, remember=False)

    def action_forward(self) -> None:
        visit = self.history.forward()
        if visit is None:
            self.notify("Nothing further ahead.", timeout=2)
            return
        self.open_page(visit.slug, visit.anchor, remember=False)

    # Bookmarks, recent pages

    def action_toggle_bookmark(self) -> None:
        slug = self.current_slug
        if slug is None or self.library is None or slug not in self.library.pages:
            self.notify("Open a page to bookmark it.", timeout=2)
            return
        self._toggle_bookmark(slug, self.library.pages[slug].title)

    @work(thread=True, group="state")
    def _toggle_bookmark(self, slug: str, title: str) -> None:
        added = self.bookmarks.toggle(slug)
        message = f"Bookmarked '{title}'." if added else f"Removed the bookmark on '{title}'."
        self.call_from_thread(self.notify, message, timeout=2, markup=False)
        self.call_from_thread(self._update_sub_title)

    def action_bookmarks(self) -> None:
        self._pick_page("Bookmarks", self.bookmarks.slugs, "No bookmarks yet: press b on a page to keep it here.")

    def action_recent(self) -> None:
        self._pick_page("Recently read", self.recent.slugs, "Nothing read yet.")

    def _pick_page(self, title: str, slugs: list[str], empty: str) -> None:
        if self.library is None:
            return

        def chosen(slug: str | None) -> None:
            if slug:
                self.open_page(slug)

        self.push_screen(PageListScreen(title, slugs, self.library, empty), chosen)

    # Quiz and progress (the screens are the quiz's; the shell starts them and shows pages for them)

    def action_quiz(self) -> None:
        if self.library is None:
            return
        from handbook.ui.quiz.menu_screen import QuizMenuScreen

        self.push_screen(
            QuizMenuScreen(self.library, self.data_dir, page=self.current_slug, bookmarks=self.bookmarks.slugs)
        )

    def action_progress(self) -> None:
        if self.library is None:
            return
        from handbook.ui.quiz.progress_screen import ProgressScreen

        self.push_screen(ProgressScreen(self.library, self.data_dir))

    @on(PageView.QuizRequested)
    def _quiz_requested(self, event: PageView.QuizRequested) -> None:
        event.stop()
        if self.library is None:
            return
        from handbook.quiz.scope import Scope
        from handbook.ui.quiz import start_quiz

        start_quiz(self, self.library, self.data_dir, scope=Scope(pages=(event.slug,)), count=None)

    def on_quiz_screen_open_page(self, message) -> None:
        """The quiz asked for its topic page: read it on a screen over the quiz; escape returns."""
        message.stop()
        page = self.library.get(message.slug) if self.library else None
        if page is None:
            self.notify(f"No page '{message.slug}'.", severity="warning", markup=False)
            return
        self.push_screen(ReaderScreen(page, self.library))

    # Panels, help, theme, sidebar

    def action_problems(self) -> None:
        self.push_screen(ProblemsScreen(self.problems))

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.key_help()))

    def key_help(self) -> list[KeyHelp]:
        """The keys of the app, the reader, the search box and the sidebar, from their bindings."""

        def bindings_of(node_bindings: BindingsMap) -> Iterable[tuple[str, Binding]]:
            for key, bindings in node_bindings.key_to_bindings.items():
                for binding in bindings:
                    yield key, binding

        def declared_on(widget_class: type) -> Iterable[tuple[str, Binding]]:
            # The keys a widget class adds itself; the scrolling keys it inherits go without saying.
            return bindings_of(BindingsMap(widget_class.__dict__.get("BINDINGS", [])))

        groups = [
            ("Everywhere", bindings_of(self._bindings)),
            ("Reader", declared_on(PageView)),
            ("Search box", declared_on(SearchPanel)),
            ("Sidebar", declared_on(Tree)),
        ]
        screen_bindings = self.screen.active_bindings if not isinstance(self.screen, HelpScreen) else {}
        others = [
            (key, active.binding)
            for key, active in screen_bindings.items()
            if not isinstance(active.node, (App, PageView, SearchPanel, Sidebar))
        ]
        if others:
            groups.append(("Here", others))
        return describe_bindings(groups, lambda binding, key: self.get_key_display(Binding(key, binding.action, key_display=binding.key_display)))

    def action_toggle_sidebar(self) -> None:
        """Hidden: show and focus it; shown but elsewhere: focus it; focused: hide it."""
        sidebar = self.sidebar
        if sidebar.display and not sidebar.has_focus:
            sidebar.focus()
            return
        sidebar.display = not sidebar.display
        if sidebar.display:
            sidebar.focus()
        elif self._showing == "page":
            self.page_view.focus()

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def _theme_changed(self, theme: Any) -> None:
        name = theme.name
        self.run_worker(partial(setattr, self.preferences, "theme", name), thread=True, group="state")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if screen is not self.main_screen:
            return
        yield SystemCommand("Quiz", "Practise: pick what, how many, practice or exam", self.action_quiz)
        yield SystemCommand("Progress", "Your accuracy by category, reviews due, streak", self.action_progress)
        yield SystemCommand("Bookmarks", "Open one of your bookmarked pages", self.action_bookmarks)
        yield SystemCommand("Bookmark this page", "Add or remove the open page from your bookmarks", self.action_toggle_bookmark)
        yield SystemCommand("Recent pages", "Open one of the pages you read lately", self.action_recent)
        yield SystemCommand("Light or dark theme", "Switch between the light and the dark theme", self.action_toggle_theme)
        yield SystemCommand("Content problems", "What handbook check reports about the content folder", self.action_problems)
        yield SystemCommand("Help", "The keys of the app", self.action_help)
        yield SystemCommand("Toggle sidebar", "Show or hide the list of pages", self.action_toggle_sidebar)
        yield SystemCommand("Reload content", "Read the content folder again now", self.reload_content)
