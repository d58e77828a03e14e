"""`?`: the keys that work right now, generated from the active bindings and their descriptions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


@dataclass(frozen=True)
class KeyHelp:
    group: str
    keys: str
    description: str


def describe_bindings(groups: Iterable[tuple[str, Iterable[tuple[str, Binding]]]], key_display) -> list[KeyHelp]:
    """One `KeyHelp` per described binding, keys of the same action joined (`alt+left / backspace`)."""
    helps: list[KeyHelp] = []
    for group, bindings in groups:
        by_action: dict[tuple[str, str], list[str]] = {}
        for key, binding in bindings:
            if not binding.description:
                continue
            by_action.setdefault((binding.action, binding.description), []).append(key_display(binding, key))
        for (_, description), keys in by_action.items():
            helps.append(KeyHelp(group, " / ".join(dict.fromkeys(keys)), description))
    return helps


class HelpScreen(ModalScreen[None]):
    """A list of keys by where they work; any of escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self, helps: list[KeyHelp]) -> None:
        super().__init__()
        self.helps = helps

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        group = None
        for help in self.helps:
            if help.group != group:
                if group is not None:
                    table.add_row("", "")
                table.add_row(Text(help.group, style="bold underline"), "")
                group = help.group
            table.add_row(Text(help.keys), Text(help.description))
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys  (escape closes)"
            yield Static(table, id="help-table")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
