"""The quiz screens driven with keys (Pilot): practice, exam, resume, every question type, retry, leave."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from textual.app import App
from textual.widgets import Input, Static

from handbook.cli import build_parser
from handbook.commands.quiz import quiz_options
from handbook.library import load_library
from handbook.quiz.progress import ProgressStore
from handbook.quiz.scope import Pool, Scope
from handbook.quiz.session import Mode
from handbook.ui.quiz import QuizScreen, SummaryScreen, maybe_offer_resume, start_quiz
from handbook.ui.quiz.app import QuizApp, TopicPageScreen
from handbook.ui.quiz.dialogs import YesNoScreen
from tests.quizdata import FILES

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def library(tree):
    return load_library(tree(FILES))


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


def in_order(**options) -> dict:
    """`start_quiz` options for every question in the order written (see tests/quizdata.py)."""
    return {"scope": Scope(), "count": None, "mode": "practice", "time_limit": None, "seed": 7, "shuffle": False} | options


async def settle(pilot, until=None, rounds: int = 60) -> None:
    """Let workers finish and the screen update; with `until`, repeat until it holds (bounded)."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if until is None or until():
            return
    raise AssertionError("the app never reached the expected state")


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def feedback(screen) -> str:
    return "\n".join(str(widget.render()) for widget in screen.query("#feedback Static"))


def on_quiz(app) -> bool:
    return isinstance(app.screen, QuizScreen) and app.screen.state == "answering"


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def answers(data_dir):
    with ProgressStore.in_data_dir(data_dir) as store:
        return store.answers()


async def test_a_whole_practice_session_with_every_question_type(library, data_dir):
    app = QuizApp(library.root, data_dir, library=library, quiz=in_order(), clock=Clock())
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, lambda: on_quiz(app))
        screen = app.screen
        assert text(screen, "#quiz-progress").startswith("Question 1 of 9  Contraindications · Gout")
        assert text(screen, "#quiz-clock") == "Practice"
        assert "Press 1–3" in text(screen, "#hint")

        await press(pilot, "2")  # single: a wrong choice, marked at once
        assert screen.state == "feedback"
        shown = feedback(screen)
        assert "✗ Not right" in shown and "The answer: The big toe" in shown
        assert "Why: The big toe. See Gout." in shown
        assert "Open topic page: Gout" in shown and "Next question" in shown
        assert len(answers(data_dir)) == 1  # saved before the next question

        await press(pilot, "o")  # the topic page, then back to the quiz
        assert isinstance(app.screen, TopicPageScreen) and app.screen.page_title == "Gout"
        await press(pilot, "escape")
        assert app.screen is screen and screen.state == "feedback"

        await press(pilot, "enter")  # select-all: toggle 1 and 2, Enter confirms
        assert text(screen, "#quiz-progress").startswith("Question 2 of 9")
        await press(pilot, "enter")
        assert "Choose at least one" in text(screen, "#answer-problem") and screen.state == "answering"
        await press(pilot, "1", "3", "3", "2")
        assert screen.state == "answering"
        await press(pilot, "enter")
        assert "✓ Right" in feedback(screen)

        await press(pilot, "space")  # true/false with f
        await press(pilot, "f")
        assert "✓ Right" in feedback(screen)

        await press(pilot, "enter")  # short answer typed in the input
        assert screen.focused is screen.query_one("#answer-input", Input)
        await press(pilot, "enter")
        assert text(screen, "#answer-problem") == "Type an answer, then press Enter."
        await pilot.press(*"URIC ACID.")
        await press(pilot, "enter")
        assert "✓ Right" in feedback(screen) and screen.query_one("#answer-input", Input).disabled
        await press(pilot, "h")  # the trainee's own recall rating
        assert "You rated it hard." in text(screen, "#next-review")
        assert answers(data_dir)[-1].rating == 2  # Hard

        await press(pilot, "enter")  # the generated risk question: local is the second choice
        await press(pilot, "2")
        assert "✓ Right" in feedback(screen)
        await press(pilot, "enter")  # prone: face cradle, chosen with the mouse
        await pilot.click("ChoiceRow")
        await settle(pilot)
        assert "✓ Right" in feedback(screen)
        await press(pilot, "enter")  # short answer, wrong
        await pilot.press(*"pillow")
        await press(pilot, "enter")
        assert "✗ Not right" in feedback(screen) and "The answer: ankle bolster (also: bolster)" in feedback(screen)

        await press(pilot, "enter")  # numerical
        await pilot.press(*"many")
        await press(pilot, "enter")
        assert "is not a number" in text(screen, "#answer-problem") and screen.state == "answering"
        await pilot.press(*("backspace",) * 4, *"205")  # within the tolerance of 206 ± 2
        await press(pilot, "enter")
        assert "✓ Right" in feedback(screen)

        await press(pilot, "enter")  # matching: a number per item, Enter confirms
        assert "Question 9 of 9" in text(screen, "#quiz-progress")
        await press(pilot, "1")
        await press(pilot, "enter")
        assert "Match every item first (1 of 2 done)" in text(screen, "#answer-problem")
        await press(pilot, "2", "enter")
        assert "✓ Right" in feedback(screen) and "See your results" in feedback(screen)

        await press(pilot, "enter")
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert text(summary, "#summary-title") == "Session complete"
        assert text(summary, "#summary-score").startswith("Score 7 of 9  78%")
        assert text(summary, "#summary-counts") == "7 right, 2 wrong"
        missed = "\n".join(str(w.render()) for w in summary.query(".missed Static"))
        assert "Which joint is most often affected first?" in missed and "Your answer: The knee" in missed
        assert "Which bolster goes under the ankles in prone?" in missed and "Your answer: pillow" in missed
        assert "Why: It rests the knees." in missed
    recorded = answers(data_dir)
    assert len(recorded) == 9 and sum(a.correct for a in recorded) == 7


async def test_exam_mode_marks_nothing_until_the_summary(library, data_dir):
    options = in_order(scope=Scope(pages=("contraindications/gout",)), mode="exam")
    app = QuizApp(library.root, data_dir, library=library, quiz=options, clock=Clock())
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, lambda: on_quiz(app))
        screen = app.screen
        assert text(screen, "#quiz-clock") == "Exam"
        for number, keys in enumerate((["2"], ["1", "2", "enter"], ["t"], [*"urea", "enter"]), 1):
            assert text(screen, "#quiz-progress").startswith(f"Question {number} of 5")
            await press(pilot, *keys)
            assert feedback(screen) == "" and not screen.query_one("#feedback").has_class("-shown")
        await press(pilot, "2")  # the last one: straight to the summary
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert text(summary, "#summary-score").startswith("Score 2 of 5  40%")
        missed = "\n".join(str(w.render()) for w in summary.query(".missed Static"))
        assert "Your answer: True" in missed and "The answer: False" in missed and "Why: Avoid it." in missed

        first_topic = app.library.pages[summary.summary.missed[0].topic]
        assert f"Read more: {first_topic.title}  (press 1)" in missed
        await press(pilot, "1")  # read the first missed question's page, then come back
        await settle(pilot, lambda: isinstance(app.screen, TopicPageScreen))
        assert first_topic.title in "\n".join(str(w.render()) for w in app.screen.query(Static))
        await press(pilot, "escape")
        await settle(pilot, lambda: app.screen is summary)

        await press(pilot, "r")  # retry the three missed ones: a new session over them
        await settle(pilot, lambda: on_quiz(app))
        retry = app.screen
        assert retry is not screen and retry.session.total == 3 and text(retry, "#quiz-clock") == "Exam"
        assert {item.question.id for item in retry.session.items} == {
            r.question_id for r in summary.summary.missed
        }


async def test_resume_after_leaving_the_app_mid_session(library, data_dir):
    app = QuizApp(library.root, data_dir, library=library, quiz=in_order(), clock=Clock())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: on_quiz(app))
        await press(pilot, "1")
        assert "✓ Right" in feedback(app.screen)
    # The app is gone without finishing: the next start offers the session.
    again = QuizApp(library.root, data_dir, library=library, quiz=in_order(), clock=Clock())
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot, lambda: isinstance(again.screen, YesNoScreen))
        assert text(again.screen, "#yes-no-question") == "Resume your unfinished session (question 2 of 9)?"
        assert "Practice · all topics" in text(again.screen, "#yes-no-detail")
        await press(pilot, "y")
        await settle(pilot, lambda: on_quiz(again))
        assert text(again.screen, "#quiz-progress").startswith("Question 2 of 9")
        await press(pilot, "1", "2", "enter")  # select-all, right
        assert "✓ Right" in feedback(again.screen)
    assert len(answers(data_dir)) == 2
    with ProgressStore.in_data_dir(data_dir) as store:
        assert [s.status for s in store.sessions()] == ["open"]


async def test_declining_to_resume_sets_the_session_aside_and_starts_the_new_one(library, data_dir):
    app = QuizApp(library.root, data_dir, library=library, quiz=in_order(), clock=Clock())
    async with app.run_test() as pilot:
        await settle(pilot, lambda: on_quiz(app))
        await press(pilot, "2")
    again = QuizApp(library.root, data_dir, library=library, quiz=in_order(count=2), clock=Clock())
    async with again.run_test() as pilot:
        await settle(pilot, lambda: isinstance(again.screen, YesNoScreen))
        await press(pilot, "n")
        await settle(pilot, lambda: on_quiz(again))
        assert text(again.screen, "#quiz-progress").startswith("Question 1 of 2")
    with ProgressStore.in_data_dir(data_dir) as store:
        assert [s.status for s in store.sessions()] == ["abandoned", "open"]
        assert len(store.answers()) == 1  # the set-aside session's answer is kept


async def test_escape_asks_before_leaving_and_the_session_stays_resumable(library, data_dir):
    app = QuizApp(library.root, data_dir, library=library, quiz=in_order(), clock=Clock())
    async with app.run_test() as pilot:
        await settle(pilot, lambda: on_quiz(app))
        quiz = app.screen
        await press(pilot, "escape")
        assert isinstance(app.screen, YesNoScreen) and text(app.screen, "#yes-no-question") == "Leave this quiz?"
        await press(pilot, "n")
        assert app.screen is quiz
        await press(pilot, "escape", "y")
        assert not isinstance(app.screen, QuizScreen)

        maybe_offer_resume(app, library, data_dir)  # what the app does on its next start
        await settle(pilot, lambda: isinstance(app.screen, YesNoScreen))
        assert "question 1 of 9" in text(app.screen, "#yes-no-question")


async def test_exam_time_limit_ends_the_session(library, data_dir):
    clock = Clock()
    options = in_order(scope=Scope(pages=("contraindications/gout",)), mode="exam", time_limit=10)
    app = QuizApp(library.root, data_dir, library=library, quiz=options, clock=clock)
    async with app.run_test() as pilot:
        await settle(pilot, lambda: on_quiz(app))
        assert text(app.screen, "#quiz-clock") == "Exam  10:00 left"
        await press(pilot, "1")
        clock.now = NOW + timedelta(minutes=4, seconds=30)
        app.screen._tick()
        assert text(app.screen, "#quiz-clock") == "Exam  5:30 left"
        clock.now = NOW + timedelta(minutes=11)
        app.screen._tick()
        await settle(pilot, lambda: isinstance(app.screen, SummaryScreen))
        assert text(app.screen, "#summary-title") == "Time is up"
        assert "4 not answered" in text(app.screen, "#summary-counts")


class PlainApp(App):
    """Any Textual app: the quiz screens need nothing from their host."""

    def __init__(self) -> None:
        super().__init__()
        self.notices: list[str] = []
        self.pages: list[str] = []

    def notify(self, message, **options) -> None:
        self.notices.append(str(message))

    def on_quiz_screen_open_page(self, message: QuizScreen.OpenPage) -> None:
        self.pages.append(message.slug)


async def test_start_quiz_in_any_app_and_problems_become_notifications(library, data_dir):
    app = PlainApp()
    async with app.run_test() as pilot:
        start_quiz(app, library, data_dir, Scope(categories=("nope",)), 5, "practice", None)
        await settle(pilot)
        assert app.notices == ["No questions in a category 'nope'; categories: Contraindications, Positioning, Anatomy."]
        start_quiz(app, library, data_dir, Scope(pool=Pool.MISSED), 5, "practice", None)
        await settle(pilot)
        assert app.notices[-1] == "No question in this scope has been answered wrongly yet."
        assert not isinstance(app.screen, QuizScreen)

        start_quiz(app, library, data_dir, Scope(pages=("positioning/prone",)), 1, "practice", None, seed=3)
        await settle(pilot, lambda: on_quiz(app))
        assert text(app.screen, "#quiz-progress").startswith("Question 1 of 1  Positioning · Prone")
        item = app.screen.item
        if item.question.type.value == "short":
            await pilot.press(*"nothing", "enter")
        else:
            await pilot.press("2")
        await settle(pilot, lambda: app.screen.state == "feedback")
        await press(pilot, "o")
        assert app.pages == ["positioning/prone"]


def test_the_command_needs_a_terminal(tree, run_cli):
    result = run_cli("quiz", "--count", "3", "--content", str(tree(FILES)))
    assert result.returncode == 2
    assert "'handbook quiz' opens the app and needs a terminal" in result.stderr and result.stdout == ""


def test_command_line_options_become_start_quiz_arguments():
    args = build_parser().parse_args(
        ["quiz", "--category", "Positioning", "--topic", "gout", "--due", "--count", "3", "--time-limit", "5", "--seed", "9"]
    )
    assert quiz_options(args) == {
        "scope": Scope(Pool.DUE, ("Positioning",), ("gout",)),
        "count": 3,
        "mode": Mode.EXAM,  # a time limit is an exam
        "time_limit": 5.0,
        "seed": 9,
    }
    assert quiz_options(build_parser().parse_args(["quiz"])) == {
        "scope": Scope(),
        "count": 10,
        "mode": Mode.PRACTICE,
        "time_limit": None,
        "seed": None,
    }
    everything = quiz_options(build_parser().parse_args(["quiz", "--count", "0", "--exam", "--missed"]))
    assert everything["count"] is None and everything["mode"] is Mode.EXAM and everything["scope"].pool is Pool.MISSED


async def test_skip_puts_the_question_last_with_s_or_while_typing_with_ctrl_s(library, data_dir):
    app = QuizApp(library.root, data_dir, library=library, quiz=in_order(), clock=Clock())
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, lambda: on_quiz(app))
        screen = app.screen
        first = screen.item.question.id
        await press(pilot, "s")  # a choice question: s skips
        assert text(screen, "#quiz-progress").startswith("Question 1 of 9") and screen.item.question.id != first
        await press(pilot, "1", "2", "enter", "enter")  # select-all, answered; then on
        await press(pilot, "f", "enter")  # true/false, answered; then the short answer
        typed = screen.item.question.id
        box = screen.query_one("#answer-input", Input)
        assert "ctrl+s skips" in text(screen, "#hint")
        await press(pilot, "s")  # typing: s is a letter, not a skip
        assert box.value == "s" and screen.item.question.id == typed
        await press(pilot, "ctrl+s")
        assert screen.state == "answering" and screen.item.question.id != typed
        assert text(screen, "#quiz-progress").startswith("Question 3 of 9")
        assert [item.question.id for item in screen.session.items[-2:]] == [first, typed]
