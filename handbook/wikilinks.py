"""A markdown-it inline rule for `[[slug]]` and `[[slug|label]]` links."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

MAX_TARGET = 300


def wikilinks_plugin(md: MarkdownIt) -> None:
    """Add the `wikilink` inline token: `meta["target"]` is the slug, `content` the label."""
    md.inline.ruler.before("link", "wikilink", _wikilink)


def _wikilink(state: StateInline, silent: bool) -> bool:
    src, start = state.src, state.pos
    if not src.startswith("[[", start):
        return False
    end = src.find("]]", start + 2, start + 2 + MAX_TARGET + 2)
    if end < 0:
        return False
    inner = src[start + 2 : end]
    if "\n" in inner or "[" in inner or "]" in inner:
        return False
    target, _, label = inner.partition("|")
    target, label = target.strip(), label.strip()
    if not silent:
        token = state.push("wikilink", "", 0)
        token.meta = {"target": target}
        token.content = label or target
    state.pos = end + 2
    return True
