"""The command palette's page finder: any page by its title or one of its aliases (fuzzy)."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.markup import escape

from handbook.ui.markers import risk_marker

MAX_PAGE_HITS = 40


def highlighted(matcher: Matcher, candidate: str) -> tuple[float, Text]:
    """The match score of `candidate` and the candidate as literal text with the matched letters bold.

    Textual's own `Matcher.highlight` parses the candidate as markup; page titles are data.
    """
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    text = Text(candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            text.stylize("bold underline", offset, offset + 1)
    return score, text


class PageCommands(Provider):
    """Open a page: matches titles and aliases; with nothing typed, lists the recently read pages."""

    async def search(self, query: str) -> Hits:
        app = self.app
        library = getattr(app, "library", None)
        if library is None or self.screen is not app.main_screen:
            return
        matcher = self.matcher(query)
        hits = []
        for page in library.pages.values():
            # Ranked by the best of the title and the aliases; shown as the title when it matches.
            best: tuple[float, Text, str | None] | None = None
            score, text = highlighted(matcher, page.title)
            if score > 0:
                best = (score, text, None)
            for alias in page.aliases:
                alias_score, alias_text = highlighted(matcher, alias)
                if alias_score > 0 and (best is None or alias_score > best[0]):
                    best = (alias_score, text if score > 0 else alias_text, None if score > 0 else alias)
            if best is None:
                continue
            score, text, alias = best
            display = risk_marker(page.risk)
            if alias is None:
                display.append_text(text)
            else:
                display.append(page.title)
                display.append("  (")
                display.append_text(text)
                display.append(")")
            hits.append((score, display, page))
        hits.sort(key=lambda hit: -hit[0])
        for score, display, page in hits[:MAX_PAGE_HITS]:
            yield Hit(
                score,
                display,
                partial(app.open_page, page.slug),
                text=page.title,
                help=escape(f"open the page · {page.category}"),  # the palette reads help as markup
            )

    async def discover(self) -> Hits:
        app = self.app
        library = getattr(app, "library", None)
        if library is None or self.screen is not app.main_screen:
            return
        for slug in app.recent.slugs[:8]:
            page = library.pages.get(slug)
            if page is not None:
                display = risk_marker(page.risk)
                display.append(page.title)
                yield DiscoveryHit(display, partial(app.open_page, slug), text=page.title, help="read recently")
