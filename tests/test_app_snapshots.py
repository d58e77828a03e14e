"""Snapshots of the app's main screens on a fixed small content folder (no clock, nothing random)."""

from __future__ import annotations

from handbook.ui.app import HandbookApp
from tests.app_content import PAGES, wait_for, wait_until_ready

SIZE = (100, 30)


def make_app(tree, tmp_path, files=PAGES, start="c/hemophilia") -> HandbookApp:
    return HandbookApp(tree(files), tmp_path / "data", start=start)


async def settle(pilot) -> None:
    await wait_until_ready(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


def test_main_screen_with_a_page_open(snap_compare, tree, tmp_path):
    async def run_before(pilot):
        await settle(pilot)
        pilot.app.page_view.focus()
        await pilot.pause()

    assert snap_compare(make_app(tree, tmp_path), terminal_size=SIZE, run_before=run_before)


def test_search_results(snap_compare, tree, tmp_path):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("slash", *"clott vein")
        panel = pilot.app.search_panel
        await wait_for(pilot, lambda: panel.shown_query == "clott vein", "the results")
        await pilot.pause()

    assert snap_compare(make_app(tree, tmp_path), terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare, tree, tmp_path):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(tree, tmp_path), terminal_size=SIZE, run_before=run_before)


def test_problems_panel(snap_compare, tree, tmp_path):
    files = dict(PAGES)
    files["c/broken.md"] = "---\ntitle: Broken\ncategory: Conditions\nrisk: sometimes\n---\n\nSee [[c/nowhere]].\n"

    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await pilot.pause()

    assert snap_compare(make_app(tree, tmp_path, files), terminal_size=SIZE, run_before=run_before)


def test_narrow_terminal(snap_compare, tree, tmp_path):
    async def run_before(pilot):
        await settle(pilot)

    assert snap_compare(make_app(tree, tmp_path), terminal_size=(80, 24), run_before=run_before)
