"""A small content folder for the app's tests and snapshots: fixed text, nothing random."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

PAGES = {
    "_categories.yml": "- Start here\n- Conditions\n",
    "start.md": (
        "---\ntitle: Start here\ncategory: Start here\norder: 1\n---\n\n"
        "Welcome to the test handbook. Read about [[c/dvt|deep vein thrombosis]] first.\n\n"
        "## Reading\n\nPages open from the sidebar or from search.\n"
    ),
    "c/hemophilia.md": (
        "---\ntitle: Hemophilia\ncategory: Conditions\nrisk: caution\nclearance: true\n"
        "aliases: [haemophilia, bleeder's disease]\nsummary: An inherited lack of a clotting factor.\n---\n\n"
        "Hemophilia is an inherited bleeding disorder: bleeding goes on for longer.\n\n"
        "## Massage\n\nUse light, broad pressure. See also [[c/dvt]].\n"
    ),
    "c/dvt.md": (
        "---\ntitle: Deep vein thrombosis\ncategory: Conditions\nrisk: total\naliases: [DVT]\n"
        "summary: A blood clot in a deep vein.\n---\n\n"
        "A clot in a deep vein, most often in the calf. Massage could move the clot.\n\n"
        "## Signs\n\nSwelling, warmth and pain in one calf.\n"
    ),
    "c/markup.md": (
        "---\ntitle: \"[bold red]x[/]\"\ncategory: Conditions\nrisk: local\n"
        "aliases: [\"[link]markup alias[/link]\"]\n---\n\n"
        "A page whose title looks like markup: [italic]not italic[/italic] stays as typed.\n"
    ),
}


async def wait_for(pilot: Pilot, condition: Callable[[], object], what: str, tries: int = 500) -> None:
    """Let the app run until `condition()` holds (at most `tries` short pauses)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"timed out waiting for {what}")


async def wait_until_ready(pilot: Pilot) -> None:
    """The library loaded, a page open, the search index ready and the content checked."""
    app = pilot.app
    await wait_for(pilot, lambda: app.library is not None and app.search_index is not None, "the index")
    await wait_for(pilot, lambda: app.problems is not None, "the content check")
    await pilot.pause()
