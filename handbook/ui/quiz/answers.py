"""The widgets a trainee answers with: numbered choices, and a board for matching pairs.

Every text here is content (choices, match items): it is built as `Content`, never as markup.
The keys are the screen's (number keys choose); these widgets show the state and take clicks.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static


def key_label(position: int) -> str:
    """The key that picks the choice at `position` (0-based): 1 to 9, then 0 for the tenth."""
    return str(position + 1) if position < 9 else "0" if position == 9 else ""


class ChoiceRow(Horizontal):
    """One numbered choice; a click picks it. The text wraps in its own column, under itself."""

    class Picked(Message):
        def __init__(self, position: int) -> None:
            super().__init__()
            self.position = position

    def __init__(self, position: int, text: str, *, checkbox: bool) -> None:
        super().__init__(classes="choice-row")
        self.position = position
        self.choice_text = text
        self.checkbox = checkbox
        self.selected = False
        self.mark = ""  # "right", "wrong" or "" once the answer is marked

    def compose(self):
        yield Static(Content.assemble((f" {key_label(self.position):>1} ", "bold reverse"), " "), classes="choice-key")
        yield Static(self._text(), classes="choice-text")

    def set_selected(self, selected: bool) -> None:
        self.selected = selected
        self.set_class(selected, "-selected")
        self._show()

    def set_mark(self, mark: str) -> None:
        self.mark = mark
        self.set_class(mark == "right", "-right")
        self.set_class(mark == "wrong", "-wrong")
        self._show()

    def _show(self) -> None:
        for text in self.query(".choice-text").results(Static):
            text.update(self._text())

    def _text(self) -> Content:
        parts: list[str | tuple[str, str]] = []
        if self.checkbox:
            parts.append("[x] " if self.selected else "[ ] ")
        parts.append(self.choice_text)
        if self.mark == "right":
            parts.append(("  ✓", "bold"))
        elif self.mark == "wrong":
            parts.append(("  ✗", "bold"))
        return Content.assemble(*parts)

    def on_click(self) -> None:
        self.post_message(self.Picked(self.position))


class ChoiceList(Vertical):
    """The choices of a single, select-all or true/false question, in the order the session shows them."""

    def __init__(self, texts: list[str], *, multi: bool) -> None:
        super().__init__(id="choices")
        self.texts = texts
        self.multi = multi

    def compose(self):
        for position, text in enumerate(self.texts):
            yield ChoiceRow(position, text, checkbox=self.multi)

    @property
    def rows(self) -> list[ChoiceRow]:
        return list(self.query(ChoiceRow))

    @property
    def selected(self) -> list[int]:
        """The positions chosen so far (select-all questions)."""
        return [row.position for row in self.rows if row.selected]

    def toggle(self, position: int) -> None:
        row = self.rows[position]
        row.set_selected(not row.selected)

    def choose(self, position: int) -> None:
        for row in self.rows:
            row.set_selected(row.position == position)

    def show_marks(self, right: set[int], chosen: set[int]) -> None:
        """After marking: a tick on every right choice, a cross on each wrong one picked."""
        for row in self.rows:
            row.set_selected(row.position in chosen)
            if row.position in right:
                row.set_mark("right")
            elif row.position in chosen:
                row.set_mark("wrong")


class MatchRow(Static):
    """One item to match, with the option given to it so far; a click makes it the current one."""

    class Picked(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, index: int, left: str, label_width: int) -> None:
        super().__init__(classes="match-row")
        self.index = index
        self.left = left
        self.label_width = label_width
        self.given: tuple[int, str] | None = None  # (option position, option text)
        self.right_text: str | None = None  # shown after a wrong match

    def on_mount(self) -> None:
        self._show()

    def set_given(self, given: tuple[int, str] | None) -> None:
        self.given = given
        self._show()

    def set_mark(self, right: bool, right_text: str) -> None:
        self.set_class(right, "-right")
        self.set_class(not right, "-wrong")
        self.right_text = None if right else right_text
        self._show()

    def _show(self) -> None:
        parts: list[str | tuple[str, str]] = [self.left.ljust(self.label_width), "  →  "]
        if self.given is None:
            parts.append(("?", "bold"))
        else:
            position, text = self.given
            parts += [(f" {key_label(position)} ", "bold reverse"), " ", text]
        if self.has_class("-right"):
            parts.append(("  ✓", "bold"))
        elif self.has_class("-wrong"):
            parts += [("  ✗ ", "bold"), f"(the answer: {self.right_text})"]
        self.update(Content.assemble(*parts))

    def on_click(self) -> None:
        self.post_message(self.Picked(self.index))


class MatchingBoard(Vertical, can_focus=True):
    """Pair each item with an option: up/down pick the item, a number key gives it an option."""

    BINDINGS = [
        Binding("up,k", "move(-1)", "Previous item", show=False),
        Binding("down,j", "move(1)", "Next item", show=False),
        Binding("backspace,delete", "clear", "Clear the match", show=False),
    ]

    def __init__(self, lefts: list[str], options: list[str]) -> None:
        super().__init__(id="matching")
        self.lefts = lefts
        self.options = options
        self.current = 0
        self.locked = False

    def compose(self):
        width = min(max((len(left) for left in self.lefts), default=0), 40)
        for index, left in enumerate(self.lefts):
            yield MatchRow(index, left, width)
        yield Static(Content("Options"), classes="match-options-title")
        for position, option in enumerate(self.options):
            yield ChoiceRow(position, option, checkbox=False)

    def on_mount(self) -> None:
        self._show_current()

    @property
    def rows(self) -> list[MatchRow]:
        return list(self.query(MatchRow))

    @property
    def complete(self) -> bool:
        return all(row.given is not None for row in self.rows)

    @property
    def matched(self) -> int:
        return sum(row.given is not None for row in self.rows)

    @property
    def positions(self) -> list[int]:
        """The option position given to each item, in item order (every item must have one)."""
        return [row.given[0] for row in self.rows if row.given is not None]

    def assign(self, position: int) -> None:
        """Give option `position` to the current item, then move to the next item without one."""
        if self.locked or not 0 <= position < len(self.options):
            return
        rows = self.rows
        rows[self.current].set_given((position, self.options[position]))
        following = [i for i in range(self.current + 1, len(rows)) if rows[i].given is None]
        if following:
            self.current = following[0]
        elif self.current < len(rows) - 1:
            self.current += 1
        self._show_current()

    def action_move(self, delta: int) -> None:
        if self.locked:
            return
        self.current = max(0, min(len(self.lefts) - 1, self.current + delta))
        self._show_current()

    def action_clear(self) -> None:
        if not self.locked:
            self.rows[self.current].set_given(None)

    def on_match_row_picked(self, message: MatchRow.Picked) -> None:
        message.stop()
        if not self.locked:
            self.current = message.index
            self._show_current()

    def on_choice_row_picked(self, message: ChoiceRow.Picked) -> None:
        message.stop()
        self.assign(message.position)

    def show_marks(self, right_options: list[str]) -> None:
        """After marking: each item right or wrong, with the right option beside a wrong one."""
        self.locked = True
        for row, right in zip(self.rows, right_options):
            row.set_mark(row.given is not None and row.given[1] == right, right)
        self._show_current()

    def _show_current(self) -> None:
        for row in self.rows:
            row.set_class(not self.locked and row.index == self.current, "-current")
