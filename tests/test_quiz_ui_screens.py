"""The quiz menu and the progress screen, driven with keys (Pilot)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from textual.app import App
from textual.widgets import Static
from textual_plotext import PlotextPlot

from handbook.library import load_library
from handbook.quiz.bank import load_question_bank
from handbook.quiz.progress import ProgressStore
from handbook.quiz.scheduling import ReviewScheduler
from handbook.quiz.scope import Pool, Scope
from handbook.quiz.session import Mode, QuizSession
from handbook.ui.quiz import QuizScreen
from handbook.ui.quiz.bars import CategoryBars, bar
from handbook.ui.quiz.menu_screen import QuizMenuScreen, QuizRequest
from handbook.ui.quiz.progress_screen import ProgressScreen
from tests.quizdata import FILES, RIGHT, WRONG
from tests.test_quiz_ui import NOW, settle, text

GOUT = "contraindications/gout"
PRONE = "positioning/prone"


@pytest.fixture
def library(tree):
    return load_library(tree(FILES))


class HostApp(App):
    """Any app hosting the screens; remembers what the menu returned."""

    def __init__(self, screen_factory) -> None:
        super().__init__()
        self.screen_factory = screen_factory
        self.results: list = []
        self.notices: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(self.screen_factory(), self.results.append)

    def notify(self, message, **options) -> None:
        self.notices.append(str(message))


class StrictHost(HostApp):
    """A host that switches its own app actions (focus_next too) off on screens it does not own."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.screen is self.screen_stack[0]


def write_history(library, data_dir, now=NOW) -> None:
    """Answers on four days of the last thirty (and one older), some wrong; exact review intervals."""
    bank = load_question_bank(library)
    with ProgressStore.in_data_dir(data_dir) as store:
        for days_ago, wrong in ((45, 9), (20, 3), (6, 1), (1, 0), (0, 2)):
            when = now - timedelta(days=days_ago, hours=1)
            session = QuizSession.start(
                bank, store, count=None, shuffle=False, now=when, scheduler=ReviewScheduler(fuzz=False)
            )
            for number in range(session.total):
                qid = session.current.question.id
                session.answer((WRONG if number < wrong else RIGHT)[qid], now=when)


async def test_menu_keyboard_first_page_scope_count_and_exam_with_a_time_limit(library, tmp_path):
    app = StrictHost(lambda: QuizMenuScreen(library, tmp_path / "data", page=GOUT, bookmarks=[PRONE, "nowhere"]))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        menu = app.screen
        assert str(menu.query_one("#scope-page").label) == "This page: Gout"
        assert str(menu.query_one("#scope-bookmarks").label) == "Bookmarked pages (1 with questions)"
        # Tab-free path: arrows in the scope list, then tab to each field.
        await pilot.press("down", "down", "enter")  # This page
        await pilot.press("tab", "tab")  # past the category list, into the count
        await pilot.press("backspace", "backspace", "3")
        await pilot.press("tab", "down", "enter")  # exam
        await pilot.press("tab", *"12.5", "enter")
        await settle(pilot, lambda: isinstance(app.screen, QuizScreen))
        assert app.results == [QuizRequest(Scope(pages=(GOUT,)), 3, Mode.EXAM, 12.5)]
        quiz = app.screen
        assert quiz.session.total == 3 and quiz.session.mode is Mode.EXAM
        assert quiz.session.record.time_limit == 12.5 * 60
        assert text(quiz, "#quiz-clock").startswith("Exam  12:")


async def test_menu_category_bookmarks_and_problems(library, tmp_path):
    made = []

    def menu():
        made.append(QuizMenuScreen(library, tmp_path / "data", bookmarks=[PRONE], start=False))
        return made[-1]

    app = HostApp(menu)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = made[0]
        screen.query_one("#menu-category").value = "Positioning"  # what choosing in the list does
        await settle(pilot)
        assert screen.query_one("#scope-category").value
        assert screen.request() == QuizRequest(Scope(categories=("Positioning",)), 10, Mode.PRACTICE, None)
        screen.query_one("#scope-bookmarks").value = True
        await settle(pilot)
        assert screen.request().scope == Scope(pages=(PRONE,))
        screen.query_one("#scope-due").value = True
        screen.query_one("#menu-count").value = ""
        await settle(pilot)
        assert screen.request() == QuizRequest(Scope(Pool.DUE), None, Mode.PRACTICE, None)
        screen.query_one("#menu-time").value = "5"
        await pilot.click("#menu-start")
        await settle(pilot)
        assert "A time limit is for exams" in text(screen, "#menu-problem") and app.screen is screen
        screen.query_one("#menu-time").value = "0"
        screen.query_one("#mode-exam").value = True
        await settle(pilot)
        assert screen.request() == "The time limit is more than 0 minutes (or empty for none)."
        screen.query_one("#menu-time").value = ""
        await pilot.press("escape")
        await settle(pilot)
        assert app.results == [None] and not isinstance(app.screen, QuizMenuScreen)
        assert not any(isinstance(s, QuizScreen) for s in app.screen_stack)


async def test_progress_screen_shows_tiles_bars_and_the_chart(library, tmp_path):
    write_history(library, tmp_path / "data")
    app = HostApp(lambda: ProgressScreen(library, tmp_path / "data", clock=lambda: NOW, tz=timezone.utc))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, lambda: app.screen.stats is not None)
        screen = app.screen
        stats = screen.stats
        assert (stats.answered, stats.correct, stats.streak) == (45, 30, 2)
        assert text(screen, "#tile-answered") == "45\n30 right"
        assert text(screen, "#tile-accuracy") == "67%\noverall"
        assert text(screen, "#tile-streak") == "2 days\n9 today"
        assert text(screen, "#tile-due-today") == f"{stats.due_today}\n{stats.due_now} now"
        assert stats.due_now <= stats.due_today <= stats.due_week
        bars = screen.query_one("#progress-categories", CategoryBars)
        assert [(row.label, row.detail) for row in bars.rows] == [
            ("Contraindications", "14/25"),  # 5 + 3 + 1 + 2 wrong over five sessions
            ("Positioning", "8/10"),
            ("Anatomy", "8/10"),
        ]
        rendered = str(bars.render())
        assert "Contraindications" in rendered and " 56%  14/25" in rendered and "█" in rendered
        chart = screen.query_one("#progress-chart", PlotextPlot)
        assert chart.display and "Right answers per day" in str(chart.render())
        # one dot per day with answers, plus the one in the title
        assert str(chart.render()).count("●") == 1 + sum(1 for day in stats.days if day.answered)
        assert not screen.query_one("#progress-message").display


async def test_a_day_with_every_answer_wrong_is_marked_not_left_blank(library, tmp_path):
    bank = load_question_bank(library)
    when = NOW - timedelta(days=3)
    with ProgressStore.in_data_dir(tmp_path / "data") as store:
        session = QuizSession.start(bank, store, count=2, shuffle=False, now=when, scheduler=ReviewScheduler(fuzz=False))
        for _ in range(session.total):
            session.answer(WRONG[session.current.question.id], now=when)
    app = HostApp(lambda: ProgressScreen(library, tmp_path / "data", clock=lambda: NOW, tz=timezone.utc))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, lambda: app.screen.stats is not None)
        days = [day for day in app.screen.stats.days if day.answered]
        assert [(day.answered, day.correct) for day in days] == [(2, 0)]
        chart = app.screen.query_one("#progress-chart", PlotextPlot)
        assert str(chart.render()).count("●") == 2  # the title's legend and the day at 0%


async def test_progress_without_answers_explains_instead_of_an_empty_chart(library, tmp_path):
    app = HostApp(lambda: ProgressScreen(library, tmp_path / "data", clock=lambda: NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.screen.stats is not None)
        screen = app.screen
        assert text(screen, "#progress-message").startswith("No answers yet, so there is nothing to chart.")
        assert not screen.query_one("#progress-chart").display and not screen.query_one("#progress-tiles").display


def test_bars_in_eighths():
    assert bar(0.5, 4) == ("██", "  ")
    assert bar(1 / 8, 4) == ("▌", "   ") and bar(1 / 16, 4) == ("▎", "   ")
    assert bar(1.5, 3) == ("███", "") and bar(-1, 2) == ("", "  ")


async def test_a_long_choice_wraps_under_its_own_text_not_under_its_number():
    from handbook.ui.quiz.answers import ChoiceList

    long_choice = "Continue with lighter pressure and let him rest on the table until it passes " * 2

    class ChoicesApp(App):
        def compose(self):
            yield ChoiceList(["Short", long_choice], multi=False)

    app = ChoicesApp()
    async with app.run_test(size=(50, 12)) as pilot:
        await pilot.pause()
        short_row, long_row = app.query("ChoiceRow")
        key = long_row.query_one(".choice-key").region
        choice = long_row.query_one(".choice-text").region
        assert choice.height > 1  # it wrapped
        assert choice.x == key.right  # every line of it starts right of the number
        assert short_row.query_one(".choice-text").region.x == choice.x
