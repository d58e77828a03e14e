"""A short list of pages to pick from: bookmarks, recently read."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from handbook.library import Library
from handbook.ui.markers import page_label


class PageListScreen(ModalScreen[str | None]):
    """Pick one of `slugs` (pages that no longer exist are left out); returns the slug or None."""

    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def __init__(self, title: str, slugs: list[str], library: Library, empty: str) -> None:
        super().__init__()
        self.list_title = title
        self.pages = [library.pages[slug] for slug in slugs if slug in library.pages]
        self.empty = empty

    def compose(self) -> ComposeResult:
        with Vertical(id="page-list-body") as body:
            body.border_title = f"{self.list_title}  (enter opens, escape closes)"
            if not self.pages:
                yield Static(self.empty, markup=False)
                return
            options = []
            for page in self.pages:
                label = page_label(page.title, page.risk)
                label.append(Text(f"  {page.category}", style="italic dim"))
                options.append(Option(label, id=page.slug))
            yield OptionList(*options, id="page-list")

    @on(OptionList.OptionSelected, "#page-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
