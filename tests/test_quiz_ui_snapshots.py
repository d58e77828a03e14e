"""Snapshots of the quiz screens: a question, its feedback, a summary, the menu, progress (fixed clock and order)."""

from __future__ import annotations

from datetime import timezone

import pytest

from handbook.library import load_library
from handbook.quiz.scope import Scope
from handbook.ui.quiz.app import QuizApp
from handbook.ui.quiz.menu_screen import QuizMenuScreen
from handbook.ui.quiz.progress_screen import ProgressScreen
from tests.quizdata import FILES
from tests.test_quiz_ui import NOW, Clock, in_order, on_quiz, settle
from tests.test_quiz_ui_screens import HostApp, write_history

GOUT = "contraindications/gout"


@pytest.fixture
def library(tree):
    return load_library(tree(FILES))


def quiz_app(library, data_dir, **options) -> QuizApp:
    return QuizApp(library.root, data_dir, library=library, quiz=in_order(**options), clock=Clock())


def test_question(snap_compare, library, tmp_path):
    app = quiz_app(library, tmp_path / "data")

    async def run_before(pilot):
        await settle(pilot, lambda: on_quiz(app))
        await pilot.press("1", "enter")  # to the select-all question, one choice toggled
        await settle(pilot, lambda: on_quiz(app))
        await pilot.press("2")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_feedback_after_a_wrong_answer(snap_compare, library, tmp_path):
    app = quiz_app(library, tmp_path / "data")

    async def run_before(pilot):
        await settle(pilot, lambda: on_quiz(app))
        await pilot.press("3")
        await settle(pilot, lambda: app.screen.state == "feedback")

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


def test_matching_question_in_an_exam_with_time_left(snap_compare, library, tmp_path):
    app = quiz_app(library, tmp_path / "data", scope=Scope(pages=("anatomy",)), mode="exam", time_limit=15)

    async def run_before(pilot):
        await settle(pilot, lambda: on_quiz(app))
        await pilot.press("7", "enter")  # a wrong number: the exam says nothing
        await settle(pilot, lambda: on_quiz(app) and app.screen.number == 2)
        await pilot.press("2")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_summary(snap_compare, library, tmp_path):
    app = quiz_app(library, tmp_path / "data", scope=Scope(pages=(GOUT,)), mode="exam")

    async def run_before(pilot):
        for keys in (["2"], ["1", "2", "enter"], ["t"], [*"urea", "enter"], ["2"]):
            await settle(pilot, lambda: on_quiz(app))
            await pilot.press(*keys)
        await settle(pilot, lambda: type(app.screen).__name__ == "SummaryScreen")

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


def test_menu(snap_compare, library, tmp_path):
    app = HostApp(lambda: QuizMenuScreen(library, tmp_path / "data", page=GOUT, bookmarks=["positioning/prone"]))

    async def run_before(pilot):
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_progress(snap_compare, library, tmp_path):
    write_history(library, tmp_path / "data")
    app = HostApp(lambda: ProgressScreen(library, tmp_path / "data", clock=lambda: NOW, tz=timezone.utc))

    async def run_before(pilot):
        await settle(pilot, lambda: app.screen.stats is not None)

    assert snap_compare(app, terminal_size=(100, 40), run_before=run_before)
