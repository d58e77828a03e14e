"""Starting a quiz from any Textual app: the session is made in a worker, then a `QuizScreen` is pushed.

Problems (nothing in the scope, an unknown category, an unusable database) become
notifications; they never reach the app as exceptions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App

from handbook.library import Library
from handbook.quiz.scope import Scope
from handbook.quiz.session import Mode
from handbook.ui.quiz.dialogs import YesNoScreen
from handbook.ui.quiz.opening import OpenedSession, QuizStartError, new_session, unfinished_session
from handbook.ui.quiz.quiz_screen import Clock, QuizScreen


def start_quiz(
    app: App,
    library: Library,
    data_dir: Path,
    scope: Scope | None = None,
    count: int | None = 10,
    mode: Mode | str = Mode.PRACTICE,
    time_limit: float | None = None,
    *,
    seed: int | None = None,
    shuffle: bool = True,
    clock: Clock | None = None,
) -> None:
    """Start a session (`time_limit` in minutes, `count` None for all) and push its `QuizScreen`."""

    def work() -> None:
        try:
            opened = new_session(
                library,
                Path(data_dir),
                scope,
                count,
                mode,
                time_limit,
                seed=seed,
                shuffle=shuffle,
                now=clock() if clock else None,
            )
        except QuizStartError as exc:
            app.call_from_thread(app.notify, str(exc), title="No quiz", severity="warning")
            return
        except Exception as exc:  # a bug or a broken disk must not take the app down
            app.call_from_thread(app.notify, f"The quiz could not start: {exc}", title="No quiz", severity="error")
            return
        app.call_from_thread(_show, app, opened, library, Path(data_dir), clock)

    app.run_worker(work, thread=True, group="quiz-start", name="start quiz", exit_on_error=False)


def maybe_offer_resume(
    app: App,
    library: Library,
    data_dir: Path,
    *,
    otherwise: Callable[[], None] | None = None,
    clock: Clock | None = None,
) -> None:
    """Offer the unfinished session, if any: y resumes it, n sets it aside (its answers are kept).

    `otherwise` runs when there is nothing to resume or the trainee declines (e.g. start the quiz
    that was asked for).
    """

    def work() -> None:
        try:
            opened = unfinished_session(library, Path(data_dir))
        except QuizStartError as exc:
            app.call_from_thread(app.notify, str(exc), title="Progress", severity="error")
            opened = None
        if opened is None:
            if otherwise is not None:
                app.call_from_thread(otherwise)
            return
        app.call_from_thread(_offer, app, opened, library, Path(data_dir), otherwise, clock)

    app.run_worker(work, thread=True, group="quiz-start", name="look for an unfinished quiz", exit_on_error=False)


def _show(app: App, opened: OpenedSession, library: Library, data_dir: Path, clock: Clock | None) -> None:
    for notice in opened.notices:
        app.notify(notice, title="Quiz")
    app.push_screen(QuizScreen(opened.session, library, data_dir=data_dir, clock=clock))


def _offer(
    app: App,
    opened: OpenedSession,
    library: Library,
    data_dir: Path,
    otherwise: Callable[[], None] | None,
    clock: Clock | None,
) -> None:
    session = opened.session
    started = session.record.started_at.astimezone()
    detail = (
        f"{session.mode.value.capitalize()} · {session.scope.describe()} · started {started:%d %b %H:%M}"
        f" · {session.position} answered"
    )

    def answer(resume: bool | None) -> None:
        if resume:
            _show(app, opened, library, data_dir, clock)
            return

        def set_aside() -> None:
            try:
                session.abandon()
            finally:
                session.store.close()
            app.call_from_thread(
                app.notify, "The unfinished session is set aside; its answers are kept.", title="Quiz"
            )
            if otherwise is not None:
                app.call_from_thread(otherwise)

        app.run_worker(set_aside, thread=True, group="quiz-start", name="set a session aside", exit_on_error=False)

    app.push_screen(
        YesNoScreen(
            f"Resume your unfinished session (question {session.position + 1} of {session.total})?",
            detail,
            yes="Resume",
            no="Set it aside",
        ),
        answer,
    )
