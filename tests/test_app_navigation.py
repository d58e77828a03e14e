"""Back and forward through the pages read; and the mouse on the sidebar and the search results."""

from __future__ import annotations

from handbook.ui.app import HandbookApp
from handbook.ui.navigation import NavigationHistory, Visit
from tests.app_content import PAGES, wait_for, wait_until_ready


def test_back_forward_and_a_new_visit_drops_the_forward_part():
    history = NavigationHistory()
    for slug in ["a", "b", "c"]:
        history.visit(slug)
    history.visit("c")  # the same page twice in a row counts once
    assert history.back() == Visit("b") and history.back() == Visit("a") and history.back() is None
    assert history.forward() == Visit("b")
    history.visit("d", "signs")
    assert history.forward() is None
    assert history.back() == Visit("b") and history.current == Visit("b")
    assert history.slugs == {"a", "b", "d"}


def test_forgetting_deleted_pages_keeps_the_position_on_the_current_one():
    history = NavigationHistory()
    for slug in ["a", "b", "c", "d"]:
        history.visit(slug)
    history.back()  # at c
    history.forget({"b"})
    assert history.current == Visit("c")
    assert history.back() == Visit("a")
    history.forget({"a", "c", "d"})
    assert history.current is None and history.back() is None


def test_history_is_bounded():
    history = NavigationHistory(limit=3)
    for slug in "abcdef":
        history.visit(slug)
    assert history.slugs == {"d", "e", "f"}


async def test_clicking_a_page_in_the_sidebar_and_a_search_result_opens_it(tree, tmp_path):
    app = HandbookApp(tree(PAGES), tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        # Lines of the tree: Start here, Start here page, Conditions, [bold red]x[/], DVT, Hemophilia.
        await pilot.click("#sidebar", offset=(6, 4))
        await wait_for(pilot, lambda: app.current_slug == "c/dvt", "the clicked page")
        await pilot.press("slash", *"hemophilia")
        await wait_for(pilot, lambda: app.search_panel.shown_query == "hemophilia", "the results")
        await pilot.pause()
        await pilot.click("#search-results", offset=(4, 0))
        await wait_for(pilot, lambda: app.current_slug == "c/hemophilia", "the clicked result")
