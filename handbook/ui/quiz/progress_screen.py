"""The `ProgressScreen`: where a trainee stands, in pictures: tiles, a bar per category, 30 days."""

from __future__ import annotations

from datetime import tzinfo
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual_plotext import PlotextPlot

from handbook.library import Library
from handbook.quiz.stats import ProgressStats, progress_stats
from handbook.ui.quiz.bars import BarRow, CategoryBars
from handbook.ui.quiz.opening import QuizStartError, open_store, question_bank
from handbook.ui.quiz.quiz_screen import Clock, utc_now

EMPTY = (
    "No answers yet, so there is nothing to chart.\n\n"
    "Answer a few questions (start a quiz from the quiz menu, or practise the page you are reading)"
    " and this screen shows how many you answered, your accuracy in each category and over the last"
    " 30 days, what is due for review, and your streak of days."
)


def accuracy_chart(plot: PlotextPlot, stats: ProgressStats) -> None:
    """Accuracy per day (bars; a dot marks each day with answers) over the last days of `stats`."""
    plt = plot.plt
    plt.clear_figure()
    days = stats.days
    # Every day gets a slot (so bars keep their width); a day without answers has no bar.
    plt.bar(list(range(len(days))), [round(100 * day.accuracy) for day in days], width=0.6, color="green")
    # A dot on top of each day with answers, so a day at 0% is told apart from a day without any.
    answered = [index for index, day in enumerate(days) if day.answered]
    if answered:
        plt.scatter(answered, [round(100 * days[index].accuracy) for index in answered], marker="●", color="blue")
    ticks = list(range((len(days) - 1) % 7, len(days), 7))  # weekly, ending today (labels never crowd)
    plt.xticks(ticks, [days[i].day.strftime("%d %b") for i in ticks])
    plt.xlim(-1, len(days))
    plt.ylim(0, 100)
    plt.yticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    plt.title("Right answers per day, last 30 days (● a day with answers)")
    plot.refresh()


class ProgressScreen(Screen):
    """Answered, accuracy by category and by day, due today and this week, the day streak."""

    CSS_PATH = "quiz.tcss"
    BINDINGS = [
        Binding("escape,q", "close", "Back"),
        Binding("r", "reload", "Refresh"),
    ]

    def __init__(
        self, library: Library, data_dir: Path, *, clock: Clock | None = None, tz: tzinfo | None = None
    ) -> None:
        super().__init__()
        self.library = library
        self.data_dir = Path(data_dir)
        self.clock = clock or utc_now
        self.tz = tz
        self.stats: ProgressStats | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="progress-body"):
            yield Static(Content("Your progress"), id="progress-title")
            yield Static(Content("Reading your answers…"), id="progress-message")
            with Horizontal(id="progress-tiles", classes="-hidden"):
                for tile, title in (
                    ("answered", "Answered"),
                    ("accuracy", "Accuracy"),
                    ("due-today", "Due today"),
                    ("due-week", "This week"),
                    ("streak", "Streak"),
                ):
                    widget = Static(id=f"tile-{tile}", classes="tile")
                    widget.border_title = title
                    yield widget
            yield Static(Content("Accuracy by category"), classes="progress-heading -hidden")
            yield CategoryBars([], id="progress-categories", classes="-hidden")
            yield PlotextPlot(id="progress-chart", classes="-hidden")
        yield Footer()

    def on_mount(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        self._read_progress()

    def action_close(self) -> None:
        self.dismiss()

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def _read_progress(self) -> None:
        # Every answer is read: 10,000 answers take a few tenths of a second, so not on the UI thread.
        try:
            bank = question_bank(self.library)
            store, _ = open_store(self.data_dir)
            with store:
                stats = progress_stats(store, bank, now=self.clock(), tz=self.tz)
        except (QuizStartError, OSError, ValueError) as exc:
            self.app.call_from_thread(self._message, f"Your progress could not be read: {exc}")
            return
        self.app.call_from_thread(self._show, stats)

    def _message(self, text: str) -> None:
        self.query_one("#progress-message", Static).update(Content(text))

    def _show(self, stats: ProgressStats) -> None:
        self.stats = stats
        shown = stats.answered > 0
        for widget in self.query("#progress-tiles, .progress-heading, #progress-categories, #progress-chart"):
            widget.set_class(not shown, "-hidden")
        self.query_one("#progress-message", Static).display = not shown
        if not shown:
            self._message(EMPTY)
            return
        days = "day" if stats.streak == 1 else "days"
        tiles = {
            "answered": (str(stats.answered), f"{stats.correct} right"),
            "accuracy": (f"{stats.accuracy:.0%}", "overall"),
            "due-today": (str(stats.due_today), f"{stats.due_now} now"),
            "due-week": (str(stats.due_week), "next 7 days"),
            "streak": (f"{stats.streak} {days}", f"{stats.answered_today} today"),
        }
        for tile, (figure, note) in tiles.items():
            self.query_one(f"#tile-{tile}", Static).update(Content.assemble((figure, "bold"), "\n", (note, "dim")))
        bars = self.query_one("#progress-categories", CategoryBars)
        bars.rows = [
            BarRow(c.category, c.accuracy, f"{c.correct}/{c.answered}") for c in stats.by_category
        ]
        bars.refresh(layout=True)
        accuracy_chart(self.query_one("#progress-chart", PlotextPlot), stats)
