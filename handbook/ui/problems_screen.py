"""The content problems `handbook check` reports, for the instructor: each as file:line."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from handbook.problems import Problem


def problem_text(problem: Problem) -> Text:
    """`path:line: error|warning: message`, literal, the level coloured."""
    level_style = "bold red" if problem.is_error else "bold yellow"
    return Text.assemble(
        (f"{problem.path}:{problem.line}", "bold"),
        ": ",
        ("error" if problem.is_error else "warning", level_style),
        ": ",
        problem.message,
    )


class ProblemsScreen(ModalScreen[None]):
    """Every problem found in the content folder, errors and warnings, sorted by file and line."""

    BINDINGS = [Binding("escape", "dismiss", "Close"), Binding("q", "dismiss", "Close", show=False)]

    def __init__(self, problems: list[Problem] | None) -> None:
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical(id="problems-body") as body:
            if self.problems is None:
                body.border_title = "Content problems"
                yield Static("Still checking the content folder…", id="problems-summary", markup=False)
                return
            errors = sum(1 for p in self.problems if p.is_error)
            warnings = len(self.problems) - errors
            body.border_title = (
                f"Content problems: {errors} error{'' if errors == 1 else 's'},"
                f" {warnings} warning{'' if warnings == 1 else 's'}  (escape closes)"
            )
            if not self.problems:
                yield Static("No problems: the content folder checks clean.", id="problems-summary", markup=False)
                return
            yield OptionList(*(Option(problem_text(p)) for p in self.problems), id="problems-list")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
