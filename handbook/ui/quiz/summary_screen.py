"""The end of a session: the score, a bar per category, the missed questions with why, and a retry."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from handbook.library import Library
from handbook.quiz.scope import Scope
from handbook.quiz.session import Mode, SessionSummary
from handbook.ui.quiz.bars import BarRow, CategoryBars, bar
from handbook.ui.quiz.quiz_screen import QuizScreen


def _points(score: float) -> str:
    """A score with partial credit as people write it: 7, 6.5, 2.33."""
    return f"{score:.2f}".rstrip("0").rstrip(".")


class SummaryScreen(Screen):
    """What a finished (or timed-out) session came to; `r` starts a new session over the missed ones."""

    CSS_PATH = "quiz.tcss"
    BINDINGS = [
        Binding("r", "retry", "Retry missed"),
        Binding("1", "open_missed(1)", "Read a missed question's page", key_display="1–9"),
        *[Binding(str(number), f"open_missed({number})", f"Read the page of question {number}", show=False) for number in range(2, 10)],
        Binding("escape,q", "close", "Close"),
    ]

    def __init__(
        self,
        summary: SessionSummary,
        library: Library,
        *,
        data_dir: Path,
        mode: Mode = Mode.PRACTICE,
        seed: int | None = None,
        clock=None,
    ) -> None:
        super().__init__()
        self.summary = summary
        self.library = library
        self.data_dir = data_dir
        self.mode = mode
        self.seed = seed
        self.clock = clock

    def compose(self) -> ComposeResult:
        summary = self.summary
        unanswered = summary.total - summary.answered
        if summary.time_up:
            title = "Time is up"
        elif unanswered:
            title = "Session ended"
        else:
            title = "Session complete"
        partly = sum(1 for r in summary.results if not r.correct and r.score > 0)
        wrong = sum(1 for r in summary.results if r.answered and not r.correct and r.score == 0)
        counts = [f"{summary.correct} right"] + ([f"{partly} partly right"] if partly else []) + [f"{wrong} wrong"]
        if unanswered:
            counts.append(f"{unanswered} not answered")
        with VerticalScroll(id="summary-body"):
            yield Static(Content(title), id="summary-title")
            filled, empty = bar(summary.percent / 100, 30)
            yield Static(
                Content.assemble(
                    ("Score ", "bold"),
                    (f"{_points(summary.score)} of {summary.total}", "bold"),
                    f"  {summary.percent:.0f}%  ",
                    (filled, "$success"),
                    (empty, "on $surface-lighten-1"),
                ),
                id="summary-score",
            )
            yield Static(Content(", ".join(counts)), id="summary-counts")
            yield Static(Content("By category"), classes="summary-heading")
            yield CategoryBars(
                [
                    BarRow(c.category, c.percent / 100, f"{c.correct}/{c.questions} right")
                    for c in summary.by_category
                ],
                id="summary-categories",
            )
            missed = summary.missed
            if missed:
                yield Static(Content(f"To review ({len(missed)})"), classes="summary-heading")
                for number, result in enumerate(missed, 1):
                    with Horizontal(classes="missed"):
                        yield Static(Content(f"{number}."), classes="missed-number")
                        with Vertical(classes="missed-text"):
                            yield from self._missed(number, result)
            else:
                yield Static(Content("Nothing to review: every answer was right."), classes="summary-heading")
        yield Footer()

    def _missed(self, number: int, result) -> ComposeResult:
        yield Static(Content(result.prompt), classes="missed-prompt")
        given = result.answer_text if result.answered else "(not answered)"
        yield Static(Content.assemble("Your answer: ", given), classes="missed-given")
        yield Static(Content.assemble("The answer: ", result.right_answer), classes="missed-right")
        for feedback in result.feedback:
            yield Static(Content(feedback), classes="missed-feedback")
        if result.explanation:
            yield Static(Content.assemble(("Why: ", "italic"), result.explanation), classes="missed-why")
        page = self.library.pages.get(result.topic) if result.topic else None
        if page is not None:
            yield Static(Content.assemble("Read more: ", page.title, f"  (press {number})" if number <= 9 else ""), classes="missed-topic")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry":
            return bool(self.summary.missed)
        if action == "open_missed":
            return self._missed_topic(*parameters) is not None
        return True

    def _missed_topic(self, number: object) -> str | None:
        """The page of missed question `number` (1-based), when it is in the library."""
        missed = self.summary.missed
        if not isinstance(number, int) or not 1 <= number <= len(missed):
            return None
        topic = missed[number - 1].topic
        return topic if topic and topic in self.library.pages else None

    def action_open_missed(self, number: int) -> None:
        topic = self._missed_topic(number)
        if topic is not None:
            self.post_message(QuizScreen.OpenPage(topic))

    def action_retry(self) -> None:
        from handbook.ui.quiz.launch import start_quiz  # launch shows QuizScreens, which show this screen

        missed = tuple(result.question_id for result in self.summary.missed)
        if not missed:
            return
        app = self.app
        self.dismiss()
        start_quiz(
            app,
            self.library,
            self.data_dir,
            Scope(questions=missed),
            None,
            self.mode,
            None,
            seed=None if self.seed is None else self.seed + 1,
            clock=self.clock,
        )

    def action_close(self) -> None:
        self.dismiss()
