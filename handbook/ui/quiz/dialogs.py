"""A small yes/no question over the current screen (leave the quiz? resume the unfinished one?)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class YesNoScreen(ModalScreen[bool]):
    """Dismissed with True for y, False for n (or Escape); the texts are plain content.

    Enter is not an answer: it is the key that moves on in a quiz, and a second press must
    not leave or set aside a session by accident.
    """

    CSS_PATH = "quiz.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, detail: str = "", *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__(classes="yes-no")
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="yes-no-box"):
            yield Static(Content(self.question), id="yes-no-question")
            if self.detail:
                yield Static(Content(self.detail), id="yes-no-detail")
            yield Static(
                Content.assemble((" y ", "bold reverse"), f" {self.yes}    ", (" n ", "bold reverse"), f" {self.no}"),
                id="yes-no-keys",
            )

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
