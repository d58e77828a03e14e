"""Turn the Markdown or HTML of a question into the plain text a trainee reads.

Nothing is rendered or run: markup is dropped, links keep their labels, HTML entities are
decoded, and terminal control characters (which an entity such as `&#27;` could smuggle in)
are removed again afterwards.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from markdown_it.token import Token

from handbook.page_parser import markdown_parser
from handbook.sanitize import remove_control_characters

_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def tidy(text: str) -> str:
    """Control characters removed, runs of spaces joined, lines trimmed, at most one blank line."""
    text = remove_control_characters(text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def inline_text(token: Token | None, code_ticks: bool = True) -> str:
    """The text of an inline token: links become their labels, code keeps its backticks."""
    if token is None:
        return ""
    return children_text(token.children or [], code_ticks)


def children_text(children: list[Token], code_ticks: bool = True) -> str:
    """The text of an inline token's children (see `inline_text`)."""
    parts = []
    for child in children:
        if child.type in ("text", "wikilink", "html_inline"):
            parts.append(child.content)
        elif child.type == "code_inline":
            parts.append(f"`{child.content}`" if code_ticks else child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" " if child.type == "softbreak" else "\n")
        elif child.type == "image":
            parts.append(child.content)
    return tidy("".join(parts))


def markdown_inline_text(source: str, code_ticks: bool = True) -> str:
    """One line of Markdown (a choice, an answer) as plain text."""
    tokens = markdown_parser().parseInline(source)
    return inline_text(tokens[0] if tokens else None, code_ticks)


def blocks_text(tokens: list[Token]) -> str:
    """Block tokens (a blockquote's inside, a whole document) as plain text, paragraphs apart."""
    out: list[str] = []
    depth_prefix: list[str] = []
    pending = ""
    for token in tokens:
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth_prefix.append("  ")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            if depth_prefix:
                depth_prefix.pop()
        elif kind == "list_item_open":
            pending = "- "
        elif kind == "inline":
            text = inline_text(token)
            indent = "".join(depth_prefix[1:])
            out.append(indent + pending + text if pending else indent + text)
            pending = ""
        elif kind in ("fence", "code_block"):
            out.append(token.content.rstrip("\n"))
        elif kind == "paragraph_close" and not token.hidden:
            out.append("")
    return _BLANK_LINES.sub("\n\n", remove_control_characters("\n".join(out))).strip()


def markdown_text(source: str) -> str:
    """A Markdown text (a GIFT `[markdown]` part) as plain text."""
    try:
        return blocks_text(markdown_parser().parse(source))
    except RecursionError:
        return tidy(source)


def html_text(source: str) -> str:
    """HTML (a GIFT `[html]` or `[moodle]` part) as plain text: tags dropped, entities decoded."""
    parser = _TextOfHTML()
    try:
        parser.feed(source)
        parser.close()
    except (AssertionError, ValueError, RecursionError):  # malformed markup: keep what is readable
        return tidy(html.unescape(re.sub(r"<[^>]*>", " ", source)))
    return tidy("".join(parser.parts))


class _TextOfHTML(HTMLParser):
    _BREAKS = {
        "br",
        "p",
        "div",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "table",
        "pre",
        "blockquote",
    }
    _HIDDEN = {"script", "style", "head", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._HIDDEN:
            self.hidden += 1
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in self._BREAKS:
            self.parts.append("\n")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(alt)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(re.sub(r"\s+", " ", data))
