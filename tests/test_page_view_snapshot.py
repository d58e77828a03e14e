"""Snapshots of the reader: a condition page with its risk banner, a list, a table and a quote."""

from __future__ import annotations

from handbook.library import load_library
from tests.test_page_view import CONDITION, RISK_PAGE, Host


def test_condition_page_snapshot(tree, snap_compare):
    library = load_library(
        tree(
            {
                "contraindications/hemophilia.md": CONDITION,
                "risk-categories.md": RISK_PAGE,
                "warm-up/pressure.md": "---\ntitle: Pressure\n---\n\nLight pressure first.\n",
            }
        )
    )

    async def settle(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(Host(library, "contraindications/hemophilia"), terminal_size=(100, 40), run_before=settle)


def test_condition_page_with_focused_link_narrow(tree, snap_compare):
    library = load_library(
        tree(
            {
                "contraindications/hemophilia.md": CONDITION,
                "risk-categories.md": RISK_PAGE,
                "warm-up/pressure.md": "---\ntitle: Pressure\n---\n\nLight pressure first.\n",
            }
        )
    )

    async def settle(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("tab", "tab")
        await pilot.pause()

    assert snap_compare(Host(library, "contraindications/hemophilia"), terminal_size=(80, 24), run_before=settle)
