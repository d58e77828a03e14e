"""The reader (PageView) in a tiny host app: what it shows, links, questions, contents, huge pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input

from handbook.library import Library, load_library
from handbook.ui.page_view import PageContents, PageView

CONDITION = """---
title: Hemophilia
category: Contraindications
summary: An inherited lack of a clotting factor.
risk: caution
clearance: true
sources:
  - "Werner R. A Massage Therapist's Guide to Pathology (2019)"
---

## What it is

An inherited *bleeding* disorder with **long** bleeds; see [[risk-categories]].

## What to do

- Use light pressure; see [[warm-up/pressure|pressure]].
- Avoid joints:
  1. knees
  2. elbows
- Never [[warm-up/missing-page|this broken one]].

| Technique | Safe? |
| --- | --- |
| Gliding | yes |
| Friction | no |

> Bruising means the pressure was too much.

## Red flags

Stop when a joint swells. Read [[risk-categories#total|the total risk]] too.

## Questions

### Which risk category fits hemophilia?
- [ ] Total contraindication
- [x] Caution: adapt

> Adapt pressure. See [[contraindications/hemophilia]].

### True or false: massage is never allowed.
- [ ] True
- [x] False
"""

RISK_PAGE = """---
title: Risk categories
---

Three kinds of risk.

## Total

Postpone.

## Local

Avoid the area.

## Caution

Adapt.
"""


def pages(tree, extra: dict[str, str] | None = None) -> Library:
    files = {
        "contraindications/hemophilia.md": CONDITION,
        "risk-categories.md": RISK_PAGE,
        "warm-up/pressure.md": "---\ntitle: Pressure\n---\n\nLight pressure first.\n",
    }
    files.update(extra or {})
    return load_library(tree(files))


class Host(App):
    """A tiny app hosting one PageView and recording what it posts."""

    def __init__(self, library: Library, slug: str, anchor: str | None = None) -> None:
        super().__init__()
        self.library = library
        self.slug = slug
        self.anchor = anchor
        self.selected: list[tuple[str, str | None]] = []
        self.quizzes: list[str] = []

    def compose(self) -> ComposeResult:
        yield PageView()

    def on_mount(self) -> None:
        view = self.query_one(PageView)
        view.show_page(self.library.pages[self.slug], self.library, anchor=self.anchor)
        view.focus()

    def on_page_view_link_selected(self, message: PageView.LinkSelected) -> None:
        self.selected.append((message.slug, message.anchor))

    def on_page_view_quiz_requested(self, message: PageView.QuizRequested) -> None:
        self.quizzes.append(message.slug)


async def settled(pilot) -> PageView:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.query_one(PageView)


def notifications(app: App) -> list[str]:
    return [str(n.message) for n in app._notifications]


@pytest.mark.parametrize(
    ("risk", "clearance", "expected", "absent"),
    [
        ("total", False, "Total contraindication — postpone the session", "Clearance from"),
        ("local", False, "Local contraindication — work elsewhere", "Clearance from"),
        ("caution", True, "Caution: adapt — massage is appropriate", None),
        ("local", True, "Local contraindication", None),
    ],
)
async def test_risk_banner_for_each_risk(tree, risk, clearance, expected, absent):
    page = f"---\ntitle: Condition\nrisk: {risk}\nclearance: {str(clearance).lower()}\nsummary: The summary.\n---\n\nBody text.\n"
    library = pages(tree, {"condition.md": page})
    async with Host(library, "condition").run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        text = view.all_text()
        flat = " ".join(text.split())
        assert expected in flat
        if clearance:
            assert "Clearance from the client's health care provider needed" in flat
        if absent:
            assert absent not in flat
        # title, banner, then summary, then the body
        assert text.index("Condition") < text.index(expected.split(" — ")[0]) < text.index("The summary.") < text.index("Body text.")


async def test_no_banner_without_risk(tree):
    library = pages(tree)
    async with Host(library, "warm-up/pressure").run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        text = view.all_text()
        assert "contraindication" not in text.casefold()
        assert "Clearance" not in text
        assert "Light pressure first." in text


async def test_body_questions_hidden_and_counted(tree):
    library = pages(tree)
    async with Host(library, "contraindications/hemophilia").run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        text = view.all_text()
        assert "Which risk category fits hemophilia?" not in text
        assert "Questions" not in text
        # two written questions plus the generated "which risk?" question for a page with a risk
        assert "3 practice questions — press q to practise" in text
        assert "• Use light pressure; see pressure." in text
        assert "1. knees" in text and "2. elbows" in text
        assert "Bruising means the pressure was too much." in text
        assert "Friction" in text and "Gliding" in text
        assert "Sources" in text and "Werner R." in text
        assert "not medical advice" in text
        # `[[risk-categories]]` reads as the page's title
        assert "see Risk categories." in text


async def test_q_posts_quiz_requested(tree):
    library = pages(tree)
    async with Host(library, "contraindications/hemophilia").run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert pilot.app.quizzes == ["contraindications/hemophilia"]


async def test_q_does_nothing_without_questions(tree):
    library = pages(tree)
    async with Host(library, "warm-up/pressure").run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        assert "practice question" not in view.all_text()
        await pilot.press("q")
        await pilot.pause()
        assert pilot.app.quizzes == []


async def test_tab_and_enter_follow_a_link(tree):
    library = pages(tree)
    async with Host(library, "contraindications/hemophilia").run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        await pilot.press("tab")
        assert view.focused_link is not None and view.focused_link.slug == "risk-categories"
        await pilot.press("tab")
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.selected == [("warm-up/pressure", None)]
        await pilot.press("shift+tab", "enter")
        await pilot.pause()
        assert pilot.app.selected[-1] == ("risk-categories", None)


async def test_broken_link_notifies_and_posts_nothing(tree):
    library = pages(tree)
    async with Host(library, "contraindications/hemophilia").run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        await pilot.press("tab", "tab", "tab")
        assert view.focused_link is not None and view.focused_link.kind == "broken"
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.selected == []
        assert "Broken link: warm-up/missing-page (no such page)" in notifications(pilot.app)


async def test_anchor_link_and_anchor_scroll(tree):
    library = pages(tree, {"risk-categories.md": RISK_PAGE + "\n" + "\n\nFiller paragraph.\n" * 40 + "\n## Far below\n\nThe end.\n" + "\n\nMore filler.\n" * 40})
    async with Host(library, "contraindications/hemophilia").run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        await pilot.press("tab", "tab", "tab", "tab", "enter")
        await pilot.pause()
        assert pilot.app.selected == [("risk-categories", "total")]
    async with Host(library, "risk-categories", anchor="far-below").run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        assert view.scroll_y > 0
        assert view.visible_text().splitlines()[0].strip() == "Far below"


async def test_click_on_a_link(tree):
    library = pages(tree)
    async with Host(library, "warm-up/pressure").run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        # "Pages that link here" lists the hemophilia page as a link
        lines = view.visible_text().splitlines()
        row = next(number for number, line in enumerate(lines) if "Hemophilia" in line)
        column = lines[row].index("Hemophilia")
        await pilot.click(PageView, offset=(column + 2, row))
        await pilot.pause()
        assert pilot.app.selected == [("contraindications/hemophilia", None)]


async def test_contents_scrolls_to_heading(tree):
    body = "\n\n".join(f"## Part {n}\n\n" + "A line of text.\n\n" * 6 for n in range(1, 9))
    library = pages(tree, {"long.md": "---\ntitle: Long\n---\n\n" + body})
    async with Host(library, "long").run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PageContents)
        await pilot.press("down", "down", "down", "down", "down", "enter")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, PageContents)
        assert view.visible_text().splitlines()[0].strip() == "Part 6"


async def test_no_contents_for_short_pages(tree):
    library = pages(tree)
    async with Host(library, "warm-up/pressure").run_test(size=(100, 30)) as pilot:
        await settled(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, PageContents)


async def test_markup_in_content_shows_literally(tree):
    page = "---\ntitle: \"[bold red]x[/]\"\nsummary: \"[i]not italic[/i]\"\n---\n\n## [b]head[/b]\n\nBody [red]text[/red] and [link=http://x]y[/link].\n"
    library = pages(tree, {"odd.md": page})
    async with Host(library, "odd").run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        text = view.all_text()
        assert "[bold red]x[/]" in text
        assert "[i]not italic[/i]" in text
        assert "[b]head[/b]" in text
        assert "Body [red]text[/red] and [link=http://x]y[/link]." in text


async def test_huge_page_shows_and_responds_while_loading(tree):
    body = "\n\n".join(
        f"## Section {n}\n\nFirst short paragraph of {n}.\n\nSecond short paragraph.\n\nThird short paragraph." for n in range(2000)
    )
    library = pages(tree, {"huge.md": "---\ntitle: Huge\n---\n\n" + body})
    async with Host(library, "huge").run_test(size=(100, 30)) as pilot:
        view = pilot.app.query_one(PageView)
        await pilot.pause()
        assert "Section 0" in view.visible_text()
        await pilot.press("down")
        await pilot.pause()
        assert view.scroll_y == 1
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert view.laid_out
        await pilot.press("end")
        await pilot.pause()
        assert "Third short paragraph." in view.visible_text()
        assert "Section 1999" in view.all_text()


async def test_resize_rewraps_and_keeps_the_place(tree):
    body = "\n\n".join(f"## Part {n}\n\n" + "A line of text that is long enough to wrap at sixty columns. " * 3 for n in range(1, 30))
    library = pages(tree, {"long.md": "---\ntitle: Long\n---\n\n" + body})
    async with Host(library, "long", anchor="part-12").run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        assert view.visible_text().splitlines()[0].strip() == "Part 12"
        wide = view.line_count
        await pilot.resize_terminal(60, 30)
        await settled(pilot)
        assert view.line_count > wide
        assert max(len(line) for line in view.all_text().splitlines()) <= 60
        assert view.visible_text().splitlines()[0].strip() == "Part 12"


async def test_theme_change_recolours_the_page(tree):
    library = pages(tree)
    async with Host(library, "contraindications/hemophilia").run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)

        def banner_background():
            for index in range(view.line_count):
                strip, _ = view._line(index)
                for segment in strip:
                    if "Caution: adapt" in segment.text:
                        return segment.style.bgcolor
            return None

        before = banner_background()
        pilot.app.theme = "textual-light"
        await settled(pilot)
        after = banner_background()
        assert before is not None and after is not None and before != after


async def test_external_and_same_page_links(tree):
    body = "See [the site](https://example.org/page) and [[#part-two|part two below]].\n\n" + "Filler.\n\n" * 40
    body += "## Part two\n\nHere.\n\n" + "More.\n\n" * 40
    library = pages(tree, {"links.md": "---\ntitle: Links\n---\n\n" + body})
    async with Host(library, "links").run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        await pilot.press("tab")
        assert view.focused_link is not None and view.focused_link.kind == "external"
        await pilot.press("enter")
        await pilot.pause()
        assert any("https://example.org/page" in text for text in notifications(pilot.app))
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert pilot.app.selected == []
        assert view.visible_text().splitlines()[0].strip() == "Part two"


async def test_tab_past_the_last_link_leaves_the_page(tree):
    library = pages(tree)

    class TwoWidgets(Host):
        def compose(self) -> ComposeResult:
            yield PageView()
            yield Input()

    async with TwoWidgets(library, "warm-up/pressure").run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        await pilot.press("tab")  # the one link: "Pages that link here" -> Hemophilia
        assert view.focused_link is not None and view.focused_link.slug == "contraindications/hemophilia"
        await pilot.press("tab")
        assert isinstance(pilot.app.focused, Input)
        assert view.focused_link is None


async def test_click_on_practice_questions(tree):
    library = pages(tree)
    async with Host(library, "contraindications/hemophilia").run_test(size=(100, 50)) as pilot:
        view = await settled(pilot)
        lines = view.visible_text().splitlines()
        row = next(number for number, line in enumerate(lines) if "practice questions" in line)
        await pilot.click(PageView, offset=(lines[row].index("practice") + 1, row))
        await pilot.pause()
        assert pilot.app.quizzes == ["contraindications/hemophilia"]


async def test_showing_the_same_page_again_keeps_the_place(tree):
    body = "\n\n".join(f"## Part {n}\n\nSome text." for n in range(1, 40))
    folder = tree({"long.md": "---\ntitle: Long\n---\n\n" + body})
    library = load_library(folder)
    async with Host(library, "long", anchor="part-20").run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        assert view.visible_text().splitlines()[0].strip() == "Part 20"
        # an instructor edits the page: the reloaded page is shown where the reader was
        (folder / "long.md").write_text("---\ntitle: Long\n---\n\nA new first line.\n\n" + body, encoding="utf-8")
        reloaded = load_library(folder)
        view.show_page(reloaded.pages["long"], reloaded)
        await settled(pilot)
        assert "A new first line." in view.all_text()
        assert view.visible_text().splitlines()[0].strip() == "Part 20"


class EmptyHost(App):
    """A PageView with a placeholder and no page yet; records each `Shown`."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def compose(self) -> ComposeResult:
        yield PageView("Loading the handbook…")

    def on_page_view_shown(self, message: PageView.Shown) -> None:
        self.shown.append(message.slug)


async def test_placeholder_until_a_page_then_shown_once_per_layout(tree):
    library = pages(tree)
    async with EmptyHost().run_test(size=(100, 30)) as pilot:
        view = pilot.app.query_one(PageView)
        await pilot.pause()
        assert view.render_line(1).text.strip() == "Loading the handbook…"
        assert pilot.app.shown == []
        view.show_page(library.pages["contraindications/hemophilia"], library)
        await settled(pilot)
        assert pilot.app.shown == ["contraindications/hemophilia"]
        assert "Loading" not in view.render_line(1).text and "Hemophilia" in view.visible_text()
        await pilot.resize_terminal(70, 30)  # laid out anew at the new width: shown again
        await settled(pilot)
        assert pilot.app.shown == ["contraindications/hemophilia"] * 2
