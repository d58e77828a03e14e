"""The app driven as a reader would, with Pilot, on a small content folder written by the test."""

from __future__ import annotations

import json

from textual.widgets import Static
from textual.widgets._header import HeaderTitle

from handbook.ui.app import HandbookApp
from handbook.ui.help_screen import HelpScreen
from handbook.ui.page_list_screen import PageListScreen
from handbook.ui.page_view import PageView
from handbook.ui.palette import PageCommands
from handbook.ui.problems_screen import ProblemsScreen
from handbook.ui.search_panel import result_prompt
from tests.app_content import PAGES, wait_for, wait_until_ready


def make_app(tree, tmp_path, **options) -> HandbookApp:
    return HandbookApp(tree(PAGES), tmp_path / "data", **options)


async def type_search(pilot, text: str) -> None:
    await pilot.press("slash", *text)
    panel = pilot.app.search_panel
    await wait_for(pilot, lambda: panel.shown_query == text, f"results for {text!r}")
    await pilot.pause()  # styles follow the classes on the next refresh


async def test_first_screen_lists_categories_in_order_with_risk_markers_and_opens_the_first_page(tree, tmp_path):
    app = make_app(tree, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        categories = [str(node.label) for node in app.sidebar.root.children]
        assert categories == ["Start here", "Conditions"]
        conditions = [str(node.label) for node in app.sidebar.root.children[1].children]
        # In order of title (no `order` given); each after its risk marker.
        assert conditions == ["◐ [bold red]x[/]", "● Deep vein thrombosis", "○ Hemophilia"]
        assert app.current_slug == "start"
        assert app.page_view.page.slug == "start" and app.page_view.display
        assert app.title == "Start here"
        assert app.focused is app.page_view
        await pilot.press("ctrl+b")  # the sidebar is shown: focus it
        assert app.focused is app.sidebar


async def test_search_as_you_type_then_open_then_back(tree, tmp_path):
    app = make_app(tree, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        await type_search(pilot, "hemophila")
        panel = app.search_panel
        assert panel._slugs[0] == "c/hemophilia"
        assert not app.page_view.display  # the results take the reader's place
        # The matched word is highlighted in the snippet (a style on its span, not markup).
        first = panel.results.get_option_at_index(0).prompt
        snippet = first.renderables[1].renderable
        assert any(snippet.plain[span.start : span.end].lower().startswith("hemophilia") for span in snippet.spans)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.current_slug == "c/hemophilia", "the page to open")
        assert app.page_view.display and app.page_view.page.slug == "c/hemophilia"
        assert app.focused is app.page_view
        await pilot.press("alt+left")
        assert app.current_slug == "start"
        await pilot.press("alt+right")
        assert app.current_slug == "c/hemophilia"
        await pilot.press("backspace")
        assert app.current_slug == "start"


async def test_search_keys_move_through_results_and_escape_returns_to_the_page(tree, tmp_path):
    app = make_app(tree, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        await type_search(pilot, "massage")
        panel = app.search_panel
        assert len(panel._slugs) >= 2
        await pilot.press("down")
        assert panel.results.highlighted == 1
        await pilot.press("escape")
        assert app.page_view.display and not panel.active
        assert app.current_slug == "start"
        await pilot.press("slash")
        assert panel.active and app.focused is panel.input  # the query is still there
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: app.current_slug == panel._slugs[1], "the second result to open")


async def test_did_you_mean_is_shown_and_taken_with_one_key(tree, tmp_path):
    app = make_app(tree, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        await type_search(pilot, "calff")
        suggestion = app.search_panel.query_one("#search-suggestion", Static)
        assert suggestion.display and "calf" in str(suggestion.render())
        await pilot.press("tab")
        await wait_for(pilot, lambda: app.search_panel.shown_query == "calf", "the corrected search")
        assert app.search_panel._slugs[0] == "c/dvt"
        await pilot.pause()
        assert not suggestion.display
        # Without a suggestion, tab moves the focus as everywhere else.
        await pilot.press("tab")
        assert app.focused is not app.search_panel.input
        # The suggestion goes with the results when a page is opened.
        await type_search(pilot, "clott vein")
        assert suggestion.display
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.current_slug == "c/dvt", "the page")
        await pilot.pause()
        assert not suggestion.display


async def test_stale_results_are_dropped(tree, tmp_path):
    app = make_app(tree, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        await type_search(pilot, "clot")
        panel = app.search_panel
        shown = list(panel._slugs)
        # Results that arrive for a query no longer in the box change nothing.
        panel.show_results("hemo", app.search_index.search("hemo"))
        assert panel._slugs == shown and panel.shown_query == "clot"


async def test_following_a_link_from_the_reader_and_coming_back(tree, tmp_path):
    app = make_app(tree, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        app.page_view.post_message(PageView.LinkSelected("c/dvt", None))
        await wait_for(pilot, lambda: app.current_slug == "c/dvt", "the linked page")
        assert app.page_view.page.slug == "c/dvt"
        await pilot.press("alt+left")
        assert app.current_slug == "start"
        # The same with the keyboard: focus the reader, go to its first link, follow it.
        app.page_view.focus()
        await pilot.press("tab", "enter")
        await wait_for(pilot, lambda: app.current_slug == "c/dvt", "the link followed by keyboard")


async def test_bookmarks_and_the_last_page_survive_a_restart(tree, tmp_path):
    app = make_app(tree, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        app.open_page("c/hemophilia")
        await pilot.press("b")
        await wait_for(pilot, lambda: "c/hemophilia" in app.bookmarks, "the bookmark")
        await app.workers.wait_for_complete()
        assert "bookmarked" in app.sub_title
    saved = json.loads((tmp_path / "data" / "bookmarks.json").read_text())
    assert saved == ["c/hemophilia"]

    again = HandbookApp(tmp_path / "content", tmp_path / "data")
    async with again.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        assert again.loaded_from_copy  # nothing changed: the library came from the data folder
        assert again.current_slug == "c/hemophilia"  # where the reader stopped
        again.open_page("start")
        await pilot.press("B")
        assert isinstance(again.screen, PageListScreen)
        assert [page.slug for page in again.screen.pages] == ["c/hemophilia"]
        await pilot.press("enter")
        await wait_for(pilot, lambda: again.current_slug == "c/hemophilia", "the bookmarked page")
        await pilot.press("b")  # and off again
        await wait_for(pilot, lambda: "c/hemophilia" not in again.bookmarks, "the bookmark removed")


async def test_live_reload_after_editing_renaming_and_deleting_the_open_page(tree, tmp_path):
    app = make_app(tree, tmp_path)
    content = tmp_path / "content"
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        app.open_page("c/hemophilia")
        page_file = content / "c" / "hemophilia.md"
        page_file.write_text(PAGES["c/hemophilia.md"].replace("title: Hemophilia", "title: Haemophilia (edited)"))
        app.look_for_edits()  # what the timer does every second
        await wait_for(pilot, lambda: app.library.pages["c/hemophilia"].title == "Haemophilia (edited)", "the reload")
        await wait_for(pilot, lambda: app.page_view.page.title == "Haemophilia (edited)", "the page to refresh")
        assert app.title == "Haemophilia (edited)"
        labels = [str(node.label) for node in app.sidebar.root.children[1].children]
        assert "○ Haemophilia (edited)" in labels
        # The index follows: the new word is found.
        await wait_for(pilot, lambda: not app.indexing, "the index update")
        assert app.search_index.search("edited").results[0].slug == "c/hemophilia"

        page_file.unlink()
        app.look_for_edits()
        await wait_for(pilot, lambda: "c/hemophilia" not in app.library.pages, "the reload after deleting")
        notice = app.query_one("#notice", Static)
        assert notice.display and not app.page_view.display
        assert "deleted or renamed" in str(notice.render())


async def test_problems_are_counted_and_listed_with_file_and_line(tree, tmp_path):
    files = dict(PAGES)
    files["c/broken.md"] = "---\ntitle: Broken\ncategory: Conditions\n---\n\nSee [[c/nowhere]].\n"
    app = HandbookApp(tree(files), tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        assert any("Content problems" in (n.title or "") for n in app._notifications)
        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, ProblemsScreen)
        listed = [str(option.prompt) for option in app.screen.query_one("#problems-list").options]
        assert any(line.startswith("c/broken.md:6: error: broken link") for line in listed)
        await pilot.press("escape")
        assert not isinstance(app.screen, ProblemsScreen)


async def test_at_80x24_the_categories_show_beside_a_readable_page_and_the_sidebar_can_collapse(tree, tmp_path):
    app = make_app(tree, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until_ready(pilot)
        assert app.sidebar.display and app.sidebar.region.width == 26
        assert [node.label.plain for node in app.sidebar.root.children][:2] == ["Start here", "Conditions"]
        assert app.page_view.display and app.page_view.region.width >= 50
        assert app.page_view.region.height >= 18
        assert app.focused is app.page_view
        await pilot.press("ctrl+b")  # focus the list, then hide it: the page takes the whole width
        assert app.sidebar.display and app.focused is app.sidebar
        await pilot.press("ctrl+b")
        assert not app.sidebar.display and app.focused is app.page_view
        await pilot.pause()
        assert app.page_view.region.width >= 78
        await pilot.resize_terminal(120, 30)  # wider: the list gets its full width back
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.sidebar.display and app.sidebar.region.width == 34


async def test_a_very_narrow_terminal_starts_with_the_sidebar_hidden(tree, tmp_path):
    app = make_app(tree, tmp_path)
    async with app.run_test(size=(64, 20)) as pilot:
        await wait_until_ready(pilot)
        assert not app.sidebar.display
        assert app.page_view.region.width >= 62 and app.focused is app.page_view


async def test_markup_like_titles_show_literally_everywhere(tree, tmp_path):
    app = make_app(tree, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        # Sidebar
        labels = [node.label.plain for node in app.sidebar.root.children[1].children]
        assert "◐ [bold red]x[/]" in labels
        # Search results
        await type_search(pilot, "markup")
        assert "c/markup" in app.search_panel._slugs
        result = next(r for r in app.search_index.search("markup") if r.slug == "c/markup")
        assert result_prompt(result).renderables[0].plain.startswith("◐ [bold red]x[/]")
        # Header
        app.open_page("c/markup")
        await pilot.pause()
        assert app.screen.query_one(HeaderTitle).render().plain.startswith("[bold red]x[/]")
        # Palette: by title and by an alias that looks like markup
        provider = PageCommands(app.screen)
        hits = [hit async for hit in provider.search("markup alias")]
        assert hits and hits[0].match_display.plain.startswith("◐ [bold red]x[/]")
        assert "[link]markup alias[/link]" in hits[0].match_display.plain


async def test_palette_finds_pages_by_alias_and_lists_app_commands(tree, tmp_path):
    app = make_app(tree, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        hits = [hit async for hit in PageCommands(app.screen).search("haemo")]
        assert hits[0].text == "Hemophilia"
        hits[0].command()
        await pilot.pause()
        assert app.current_slug == "c/hemophilia"
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Bookmarks", "Recent pages", "Light or dark theme", "Content problems", "Help"} <= titles


async def test_help_is_generated_from_the_bindings(tree, tmp_path):
    app = make_app(tree, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        helps = {(h.group, h.description): h.keys for h in app.screen.helps}
        assert helps[("Everywhere", "Search")] == "/"
        assert "alt+←" in helps[("Everywhere", "Back")]
        assert ("Reader", "Contents") in helps and ("Search box", "Take the suggestion") in helps
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_the_theme_choice_is_kept(tree, tmp_path):
    app = make_app(tree, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        dark = app.current_theme.dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark is not dark
        chosen = app.theme
        await pilot.pause()
        await app.workers.wait_for_complete()
    again = HandbookApp(tmp_path / "content", tmp_path / "data")
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.theme == chosen


async def test_a_missing_content_folder_is_a_message(tmp_path):
    app = HandbookApp(tmp_path / "nowhere", tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        notice = app.query_one("#notice", Static)
        await wait_for(pilot, lambda: "not found" in str(notice.render()), "the message")


async def test_search_before_the_index_is_ready_says_so(tree, tmp_path):
    app = make_app(tree, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        index = app.search_index
        app.search_panel.set_index(None)  # as before the first index is open
        await pilot.press("slash", "h")
        prompt = app.search_panel.results.get_option_at_index(0).prompt
        assert "being prepared" in str(prompt)
        app.search_panel.set_index(index)  # ready: the typed query runs
        await wait_for(pilot, lambda: app.search_panel.shown_query == "h", "the results once ready")


async def test_indexing_starts_once_the_first_page_is_on_screen(tree, tmp_path, monkeypatch):
    # Whoosh's import and the index hold the GIL: started earlier, they delay the first screen.
    seen = []
    original = HandbookApp.index_content

    def index_content(app, library):
        view = app.page_view
        seen.append((view.page.slug if view.page else None, view.laid_out or view.line_count >= view.size.height))
        return original(app, library)

    monkeypatch.setattr(HandbookApp, "index_content", index_content)
    app = make_app(tree, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        assert seen == [("start", True)]


async def test_the_reader_counts_a_pages_gift_questions_and_q_practises_them(tree, tmp_path):
    # c/dvt has no questions of its own but the generated risk one; c/dvt.gift adds two.
    files = dict(PAGES, **{"c/dvt.gift": "::One::A clot can move. {T}\n\n::Two::Massage the calf. {F}\n"})
    app = HandbookApp(tree(files), tmp_path / "data", start="c/dvt")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        await wait_for(pilot, lambda: "3 practice questions" in app.page_view.all_text(), "the GIFT questions counted")
        await pilot.press("q")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "QuizScreen", "the quiz")
        assert app.screen.session.total == 3


async def test_a_filter_that_names_nothing_says_so_in_the_results(tree, tmp_path):
    app = make_app(tree, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        await type_search(pilot, "knee risk:sometimes")
        shown = [str(option.prompt) for option in app.search_panel.results.options]
        assert shown == ["No page matches: no risk 'sometimes' (risks: total, local, caution)."]
