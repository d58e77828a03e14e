"""The shell's side of quiz mode: keys that start the quiz screens, and topic pages read over the quiz."""

from __future__ import annotations

from handbook.ui.app import HandbookApp
from handbook.ui.help_screen import HelpScreen
from handbook.ui.page_view import PageView
from handbook.ui.quiz import QuizScreen
from handbook.ui.quiz.menu_screen import QuizMenuScreen
from handbook.ui.quiz.progress_screen import ProgressScreen
from handbook.ui.reader_screen import ReaderScreen
from tests.app_content import PAGES, wait_for, wait_until_ready

QUESTIONS = """
## Questions

### What should you do for a client with a suspected DVT?
- [ ] Massage the calf gently
- [x] No massage until a doctor has ruled it out
- [ ] Use deep pressure on the thigh

> A clot could move. See [[c/hemophilia]].
"""


def make_app(tree, tmp_path) -> HandbookApp:
    files = dict(PAGES)
    files["c/dvt.md"] = PAGES["c/dvt.md"] + QUESTIONS
    return HandbookApp(tree(files), tmp_path / "data", start="c/dvt")


async def test_practising_a_page_opens_the_quiz_and_its_topic_page_opens_over_it(tree, tmp_path):
    app = make_app(tree, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        app.page_view.post_message(PageView.QuizRequested("c/dvt"))
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), "the quiz")
        quiz = app.screen
        # Reading keys do nothing on the quiz screen: they would change the page underneath.
        await pilot.press("b")
        assert "c/dvt" not in app.bookmarks
        quiz.post_message(QuizScreen.OpenPage("c/hemophilia"))
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen), "the topic page")
        reader = app.screen.query_one(PageView)
        await wait_for(pilot, lambda: reader.page is not None, "the topic page shown")
        assert reader.page.slug == "c/hemophilia" and app.screen.title == "Hemophilia"
        await pilot.press("escape")
        assert app.screen is quiz
        assert app.current_slug == "c/dvt"  # the main reader was left where it was


async def test_quiz_menu_and_progress_keys(tree, tmp_path):
    app = make_app(tree, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        await pilot.press("z")
        assert isinstance(app.screen, QuizMenuScreen)
        assert app.screen.page == "c/dvt"  # "this page" is offered
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is app.main_screen, "the menu to close")
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, ProgressScreen), "the progress screen")


async def test_keys_of_the_main_screen_are_off_on_other_screens(tree, tmp_path):
    app = make_app(tree, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until_ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("slash", "b", "backspace", "ctrl+b")  # nothing happens, nothing breaks
        assert isinstance(app.screen, HelpScreen) and app.sidebar.display
        assert "c/dvt" not in app.bookmarks
        # The app's other actions still work there: tab moves the focus on a modal.
        await pilot.press("escape", "z")
        assert isinstance(app.screen, QuizMenuScreen)
        first = app.focused
        await pilot.press("tab")
        assert app.focused is not first
