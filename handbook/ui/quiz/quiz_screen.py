"""The `QuizScreen`: one question at a time, answered with number keys, the mouse or typing.

Practice mode marks each answer at once and teaches (the right answer, the explanation, the
topic page); exam mode moves straight on and marks at the end. Every answer is committed by
the engine in a worker thread the moment it is given; leaving keeps the session resumable.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Markdown, Static

from handbook.commands.quiz_text import clock as clock_text
from handbook.commands.quiz_text import read_choice_answer, read_match_answer, read_number, when_due
from handbook.library import Library
from handbook.quiz.question import QuestionType
from handbook.quiz.scheduling import Rating
from handbook.quiz.scoring import InvalidResponse, right_choices
from handbook.quiz.session import AnswerResult, Mode, QuizSession, SessionItem, TimeUp
from handbook.ui.quiz.answers import ChoiceList, ChoiceRow, MatchingBoard
from handbook.ui.quiz.dialogs import YesNoScreen

Clock = Callable[[], datetime]
CHOICE_TYPES = (QuestionType.SINGLE, QuestionType.MULTI, QuestionType.TRUEFALSE)
TYPED_TYPES = (QuestionType.SHORT, QuestionType.NUMERICAL)
RATINGS = {"hard": Rating.Hard, "good": Rating.Good, "easy": Rating.Easy}


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _hint(item: SessionItem) -> str:
    kind = item.question.type
    count = len(item.choices) or len(item.match_options)
    keys = f"1–{min(count, 9)}" + (" and 0" if count >= 10 else "")
    if kind is QuestionType.SINGLE:
        return f"Press {keys} (or click a choice) to answer."
    if kind is QuestionType.MULTI:
        return f"Select all that apply: {keys} toggle a choice, Enter confirms."
    if kind is QuestionType.TRUEFALSE:
        return "Press 1 or t for True, 2 or f for False."
    if kind is QuestionType.SHORT:
        return "Type your answer and press Enter (ctrl+s skips it for now)."
    if kind is QuestionType.NUMERICAL:
        return "Type a number and press Enter (ctrl+s skips it for now)."
    return f"For each item press the number of its match ({keys}); ↑/↓ choose the item, Backspace clears; Enter confirms."


class QuizScreen(Screen):
    """A running `QuizSession`; it owns the session's progress store and closes it when it leaves."""

    CSS_PATH = "quiz.tcss"
    AUTO_FOCUS = None
    BINDINGS = [
        Binding("escape", "leave", "Leave"),
        *(Binding(str(n), f"choose({n - 1})", f"Choice {n}", show=False) for n in range(1, 10)),
        Binding("0", "choose(9)", "Choice 10", show=False),
        Binding("t", "true_false(True)", "True", show=False),
        Binding("f", "true_false(False)", "False", show=False),
        Binding("enter", "confirm", "Confirm"),
        Binding("enter,space", "next", "Next"),
        Binding("o", "open_page", "Open topic page"),
        Binding("h", "rate('hard')", "Hard"),
        Binding("g", "rate('good')", "Good"),
        Binding("e", "rate('easy')", "Easy"),
        Binding("s", "skip", "Skip"),
        # While an answer is typed, s is a letter: ctrl+s skips there instead.
        Binding("ctrl+s", "skip_typed", "Skip"),
    ]

    class OpenPage(Message):
        """Open the topic page, then come back to the quiz (the app pushes its reader)."""

        def __init__(self, slug: str) -> None:
            super().__init__()
            self.slug = slug

    def __init__(
        self,
        session: QuizSession,
        library: Library,
        *,
        data_dir: Path | None = None,
        clock: Clock | None = None,
        name: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id)
        self.session = session
        self.library = library
        self.data_dir = data_dir if data_dir is not None else session.store.path.parent
        self.clock = clock or utc_now
        self.item: SessionItem | None = None
        self.number = 0  # the question shown, counted from 1
        self.state = "starting"  # answering, busy, feedback, over
        self.result: AnswerResult | None = None
        self.rated: Rating | None = None
        self._timer: Timer | None = None
        self._summary_waiting = False

    # -- layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="quiz-status"):
            yield Static(id="quiz-progress")
            yield Static(id="quiz-clock")
        yield VerticalScroll(id="quiz-body")
        yield Footer()

    def on_mount(self) -> None:
        if self.session.deadline is not None:
            self._timer = self.set_interval(1, self._tick)
            if self.session.time_left(self.clock()).total_seconds() <= 0:
                self._expire()
                return
        self.call_after_refresh(self._show_question)

    def on_unmount(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.session.store.close()

    def on_screen_resume(self) -> None:
        if self._summary_waiting:
            self._summary_waiting = False
            self._to_summary()

    # -- showing a question ----------------------------------------------------------------
    async def _show_question(self) -> None:
        item = self.session.current
        if item is None:
            self._to_summary()
            return
        self.item, self.result, self.rated = item, None, None
        self.number = self.session.position + 1
        question = item.question
        kind = question.type
        widgets = [
            Markdown(question.prompt, id="prompt", open_links=False),
            Static(Content(_hint(item)), id="hint"),
        ]
        if kind in CHOICE_TYPES:
            widgets.append(ChoiceList([choice.text for _, choice in item.choices], multi=kind is QuestionType.MULTI))
        elif kind is QuestionType.MATCHING:
            widgets.append(MatchingBoard([left for left, _ in question.real_pairs], item.match_options))
        else:
            placeholder = "a number" if kind is QuestionType.NUMERICAL else "your answer"
            widgets.append(Input(placeholder=placeholder, id="answer-input", select_on_focus=False))
        widgets += [Static(id="answer-problem"), Vertical(id="feedback")]
        body = self.query_one("#quiz-body", VerticalScroll)
        await body.remove_children()
        await body.mount_all(widgets)
        body.scroll_home(animate=False)
        self.state = "answering"
        if kind in TYPED_TYPES:
            self.query_one("#answer-input", Input).focus()
        elif kind is QuestionType.MATCHING:
            self.query_one(MatchingBoard).focus()
        else:
            body.focus()
        self._show_status()
        self.refresh_bindings()

    def _show_status(self) -> None:
        question = self.item.question if self.item else None
        parts: list[str | tuple[str, str]] = [(f"Question {self.number} of {self.session.total}", "bold")]
        if question is not None:
            page = self.library.pages.get(question.topic) if question.topic else None
            where = " · ".join(part for part in (question.category, page.title if page else question.topic) if part)
            parts.append(f"  {where}")
        self.query_one("#quiz-progress", Static).update(Content.assemble(*parts))
        mode = "Exam" if self.session.mode is Mode.EXAM else "Practice"
        left = self.session.time_left(self.clock())
        clock = Content.assemble(mode, ("  " + clock_text(left) + " left", "bold") if left is not None else "")
        self.query_one("#quiz-clock", Static).update(clock)

    def _problem(self, text: str) -> None:
        self.query_one("#answer-problem", Static).update(Content(text))

    # -- keys and clicks -------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        kind = self.item.question.type if self.item else None
        answering = self.state == "answering"
        if action == "choose":
            return answering and (kind in CHOICE_TYPES or kind is QuestionType.MATCHING)
        if action == "true_false":
            return answering and kind is QuestionType.TRUEFALSE
        if action == "confirm":
            return answering and kind in (QuestionType.MULTI, QuestionType.MATCHING)
        if action == "next":
            return self.state == "feedback"
        if action == "open_page":
            topic = self.item.question.topic if self.item else None
            return self.state == "feedback" and topic is not None and topic in self.library.pages
        if action == "rate":
            return self.state == "feedback" and self.result is not None and self.result.outcome.correct
        if action in ("skip", "skip_typed"):
            typed = kind in TYPED_TYPES
            return (
                answering
                and typed == (action == "skip_typed")
                and self.session.total - self.session.position >= 2
            )
        return True

    def action_choose(self, position: int) -> None:
        item = self.item
        if self.state != "answering" or item is None:
            return
        kind = item.question.type
        if kind is QuestionType.MATCHING:
            self.query_one(MatchingBoard).assign(position)
            self._problem("")
            return
        choices = self.query_one(ChoiceList)
        if position >= len(choices.texts):
            return
        if kind is QuestionType.MULTI:
            choices.toggle(position)
            self._problem("")
            return
        choices.choose(position)
        self._submit(read_choice_answer(item, str(position + 1)))

    def action_true_false(self, value: bool) -> None:
        if self.state == "answering" and self.item is not None:
            position = next(
                (p for p, (_, c) in enumerate(self.item.choices) if (c.text.casefold().rstrip(".") == "true") == value),
                None,
            )
            if position is not None:
                self.action_choose(position)

    @on(ChoiceRow.Picked)
    def _choice_clicked(self, message: ChoiceRow.Picked) -> None:
        self.action_choose(message.position)

    def action_confirm(self) -> None:
        item = self.item
        if self.state != "answering" or item is None:
            return
        if item.question.type is QuestionType.MULTI:
            chosen = self.query_one(ChoiceList).selected
            if not chosen:
                self._problem("Choose at least one answer with the number keys, then press Enter.")
                return
            self._submit(read_choice_answer(item, " ".join(str(p + 1) for p in chosen)))
        elif item.question.type is QuestionType.MATCHING:
            board = self.query_one(MatchingBoard)
            if not board.complete:
                self._problem(f"Match every item first ({board.matched} of {len(board.lefts)} done).")
                return
            self._submit(tuple(read_match_answer(item, str(p + 1)) for p in board.positions))

    @on(Input.Submitted, "#answer-input")
    def _typed(self, message: Input.Submitted) -> None:
        item = self.item
        if self.state != "answering" or item is None:
            return
        typed = message.value
        if not typed.strip():
            self._problem("Type an answer, then press Enter.")
            return
        if item.question.type is QuestionType.NUMERICAL:
            try:
                typed = read_number(typed)
            except InvalidResponse as exc:
                self._problem(f"{str(exc)[:1].upper()}{str(exc)[1:]}: type a number such as 12 or 2.5.")
                return
        self._submit(typed)

    # -- answering (disk work in a worker) -------------------------------------------------
    def _submit(self, response) -> None:
        self.state = "busy"
        self._problem("")
        self.refresh_bindings()
        self._commit(self.item, response)

    @work(thread=True, group="quiz-progress", exit_on_error=False)
    def _commit(self, item: SessionItem, response) -> None:
        try:
            result = self.session.answer(response, now=self.clock())
        except TimeUp:
            self.app.call_from_thread(self._time_is_up)
        except InvalidResponse as exc:
            self.app.call_from_thread(self._not_saved, f"{exc}.")
        except Exception as exc:  # the database could not take it (disk full, locked): say so, keep the question
            self.app.call_from_thread(self._not_saved, f"Your answer could not be saved: {exc}")
        else:
            self.app.call_from_thread(self._answered, item, response, result)

    def _not_saved(self, text: str) -> None:
        self.state = "answering"
        self._problem(text[:1].upper() + text[1:])
        self.refresh_bindings()

    async def _answered(self, item: SessionItem, response, result: AnswerResult | None) -> None:
        if result is None:  # exam mode: marked at the end
            await self._show_question()
            return
        self.result = result
        self.state = "feedback"
        self._show_marks(item, response)
        feedback = self.query_one("#feedback", Vertical)
        await feedback.mount_all(self._feedback_widgets(result))
        feedback.add_class("-shown")
        self.query_one("#quiz-body", VerticalScroll).focus()
        self.call_after_refresh(feedback.scroll_visible, animate=False)
        self.refresh_bindings()

    def _show_marks(self, item: SessionItem, response) -> None:
        question = item.question
        if question.type in CHOICE_TYPES:
            right = right_choices(question)
            shown = [index for index, _ in item.choices]
            if question.type is QuestionType.TRUEFALSE:
                chosen = {p for p, (_, c) in enumerate(item.choices) if (c.text.casefold().rstrip(".") == "true") == response}
            elif question.type is QuestionType.MULTI:
                chosen = {shown.index(index) for index in response}
            else:
                chosen = {shown.index(response)}
            self.query_one(ChoiceList).show_marks({shown.index(index) for index in right}, chosen)
        elif question.type is QuestionType.MATCHING:
            self.query_one(MatchingBoard).show_marks([right for _, right in question.real_pairs])
        else:
            answer = self.query_one("#answer-input", Input)
            answer.disabled = True
            answer.add_class("-right" if self.result.outcome.correct else "-wrong")

    def _feedback_widgets(self, result: AnswerResult) -> list[Static]:
        outcome = result.outcome
        if outcome.correct:
            verdict, style = "✓ Right", "-right"
        elif outcome.partly:
            verdict, style = f"◐ Partly right ({outcome.score:.0%})", "-partly"
        else:
            verdict, style = "✗ Not right", "-wrong"
        widgets = [Static(Content(verdict), id="verdict", classes=style)]
        if not outcome.correct and outcome.right_answer:
            widgets.append(Static(Content.assemble(("The answer: ", "bold"), outcome.right_answer), id="right-answer"))
        for text in outcome.feedback:
            widgets.append(Static(Content(text), classes="answer-feedback"))
        if outcome.explanation:
            widgets.append(Static(Content.assemble(("Why: ", "bold"), outcome.explanation), id="explanation"))
        widgets.append(Static(self._review_text(), id="next-review"))
        widgets.append(Static(self._keys_text(), id="feedback-keys"))
        return widgets

    def _review_text(self) -> Content:
        result = self.result
        parts: list[str | tuple[str, str]] = [f"Next review {when_due(result.next_due, self.clock())}."]
        if result.outcome.correct:
            if self.rated is not None:
                parts.append(f" You rated it {self.rated.name.lower()}.")
            parts += [
                " How well did you know it? ",
                (" h ", "bold reverse"), " hard  ", (" g ", "bold reverse"), " good  ", (" e ", "bold reverse"), " easy",
            ]
        return Content.assemble(*parts)

    def _keys_text(self) -> Content:
        parts: list[str | tuple[str, str]] = []
        topic = self.item.question.topic if self.item else None
        page = self.library.pages.get(topic) if topic else None
        if page is not None:
            parts += [(" o ", "bold reverse"), " Open topic page: ", page.title, "    "]
        parts += [(" Enter ", "bold reverse"), " See your results" if self.session.finished else " Next question"]
        return Content.assemble(*parts)

    async def action_next(self) -> None:
        if self.state != "feedback":
            return
        if self.session.finished:
            self._to_summary()
        else:
            await self._show_question()

    def action_open_page(self) -> None:
        topic = self.item.question.topic if self.item else None
        if self.state == "feedback" and topic and topic in self.library.pages:
            self.post_message(self.OpenPage(topic))

    def action_rate(self, name: str) -> None:
        rating = RATINGS[name]
        if self.state != "feedback" or self.result is None or not self.result.outcome.correct:
            return
        if rating is Rating.Good and self.rated is None:  # a right answer is rated Good already
            self.rated = rating
            self.query_one("#next-review", Static).update(self._review_text())
            return
        self.state = "busy"
        self._rate(rating)

    @work(thread=True, group="quiz-progress", exit_on_error=False)
    def _rate(self, rating: Rating) -> None:
        try:
            result = self.session.rate(self.result, rating)
        except Exception as exc:
            self.app.call_from_thread(self._rated, None, f"The rating could not be saved: {exc}")
        else:
            self.app.call_from_thread(self._rated, result, "")

    def _rated(self, result: AnswerResult | None, problem: str) -> None:
        self.state = "feedback"
        if result is not None:
            self.result = result
            self.rated = result.rating
        else:
            self.notify(problem, severity="error")
        self.query_one("#next-review", Static).update(self._review_text())

    def action_skip(self) -> None:
        """Put the question last (it comes back at the end of the session)."""
        if self.state == "answering" and self.session.total - self.session.position >= 2:
            self.state = "busy"
            self._skip()

    def action_skip_typed(self) -> None:
        """`action_skip` for a question answered by typing."""
        self.action_skip()

    @work(thread=True, group="quiz-progress", exit_on_error=False)
    def _skip(self) -> None:
        self.session.skip()
        self.app.call_from_thread(self._show_question)

    # -- time, leaving, the end ------------------------------------------------------------
    def _tick(self) -> None:
        if self.state in ("over", "starting") or not self.is_mounted:
            return
        self._show_status()
        left = self.session.time_left(self.clock())
        if left is not None and left.total_seconds() <= 0 and self.state != "busy":
            self._expire()

    def _expire(self) -> None:
        self.state = "busy"
        self._close_at_deadline()

    @work(thread=True, group="quiz-progress", exit_on_error=False)
    def _close_at_deadline(self) -> None:
        self.session.check_time(self.clock())  # closes the session as the engine does at the deadline
        self.app.call_from_thread(self._time_is_up)

    def _time_is_up(self) -> None:
        self.notify("Time is up: the exam is over.", title="Exam")
        self._to_summary()

    def action_leave(self) -> None:
        if self.state == "over":
            return
        if self.session.finished:
            self._to_summary()
            return

        def leave(yes: bool | None) -> None:
            if yes:
                answered = self.session.position
                self.notify(
                    f"{answered} answer{'s' if answered != 1 else ''} saved. The session waits for you: it is offered"
                    " again when you next start a quiz.",
                    title="Quiz left unfinished",
                )
                self.state = "over"
                self.dismiss()

        self.app.push_screen(
            YesNoScreen(
                "Leave this quiz?",
                f"{self.session.position} of {self.session.total} answered and saved; you can resume it later.",
                yes="Leave",
                no="Stay",
            ),
            leave,
        )

    def _to_summary(self) -> None:
        from handbook.ui.quiz.summary_screen import SummaryScreen  # the summary can start a retry (a new QuizScreen)

        if not self.is_current:  # e.g. the topic page is open over the quiz: show it when we come back
            self._summary_waiting = True
            return
        self.state = "over"
        summary = SummaryScreen(
            self.session.summary(),
            self.library,
            data_dir=self.data_dir,
            mode=self.session.mode,
            seed=self.session.record.seed,
            clock=self.clock,
        )
        self.app.switch_screen(summary)
