"""Turn the text of one Markdown file into a `Page`, collecting its problems."""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from handbook.frontmatter import parse_front_matter
from handbook.page import Heading, Link, Page, QuestionsSection
from handbook.problems import Problem, error, warning
from handbook.source import SourceFile
from handbook.wikilinks import wikilinks_plugin

QUESTIONS_HEADING = "questions"
DEFAULT_CATEGORY = "General"
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_FENCE_OPEN = re.compile(r"^-{3,}[ \t]*$")
_FRONT_MATTER_CLOSE = re.compile(r"^(-{3,}|\.{3})[ \t]*$")
_CODE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_H1_OR_H2 = re.compile(r"^ {0,3}#{1,2}(?:[ \t]|$)")
_QUESTIONS = re.compile(r"^ {0,3}##[ \t]+questions[ \t]*(?:#+[ \t]*)?$", re.IGNORECASE)
_ANCHOR_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """The one Markdown dialect of the handbook: CommonMark, tables, front matter, `[[links]]`."""
    return (
        MarkdownIt("commonmark", {"html": False})
        .enable(["table", "strikethrough"])
        .use(front_matter_plugin)
        .use(wikilinks_plugin)
    )


def readable(name: str) -> str:
    """A file or folder name made readable: `pressure-zones` -> `Pressure zones`."""
    words = re.sub(r"[-_]+", " ", name).strip()
    return words[:1].upper() + words[1:] if words else name


def anchor_for(text: str) -> str:
    """The anchor of a heading, as GitHub makes it: `Red flags: stop` -> `red-flags-stop`."""
    return _ANCHOR_DROP.sub("", text.strip().lower()).replace(" ", "-")


def parse_page(source: SourceFile, text: str, digest: str) -> tuple[Page, list[Problem]]:
    """Build the `Page` for `source` from its cleaned `text`; never raises on content."""
    path = source.rel
    slug = source.rel[: -len(".md")] if source.rel.lower().endswith(".md") else source.rel
    problems: list[Problem] = []
    lines = text.split("\n")
    questions_range = find_questions_section(lines)
    parsed_text = text
    if questions_range:
        # The quiz reads the Questions section itself; parsing it here too would double the
        # cost of loading (its many short lines are most of markdown-it's work). Blank lines
        # keep every token's line number right.
        start, end = questions_range
        parsed_text = "\n".join(lines[:start] + [""] * (end - start) + lines[end:])
    try:
        tokens = markdown_parser().parse(parsed_text)
    except RecursionError:  # pathological nesting (thousands of `>`): keep the page as plain text
        problems.append(error(path, 1, "Markdown nested too deeply to read; shown as plain text"))
        tokens = []

    body_start = 0
    if tokens and tokens[0].type == "front_matter":
        matter, matter_problems = parse_front_matter(tokens[0].content, 2, path)
        problems += matter_problems
        body_start = tokens[0].map[1] if tokens[0].map else 0
    else:
        matter, _ = parse_front_matter("", 2, path)
        if lines and _FENCE_OPEN.match(lines[0]):
            problems.append(error(path, 1, "front matter opened with '---' is never closed; add a '---' line after it"))
            matter.parsed = False

    walk = _BodyWalk(path, slug)
    walk.run(tokens)
    problems += walk.problems

    title = matter.title or walk.first_h1
    if not text.strip():
        problems.append(warning(path, 1, "empty page"))
    if not title:
        title = readable(posixpath.basename(slug))
        if text.strip() and matter.parsed:  # an unreadable front matter is already an error
            problems.append(warning(path, 1, f"no title: no 'title' in front matter and no '#' heading; using '{title}'"))
    top = slug.split("/")[0] if "/" in slug else ""
    category = matter.category or (readable(top) if top else DEFAULT_CATEGORY)

    questions = None
    reading_lines = lines[body_start:]
    if questions_range:
        start, end = questions_range
        questions = QuestionsSection("\n".join(lines[start:end]), start + 1)
        reading_lines = lines[body_start:start] + lines[end:]

    related = []
    for target, line in matter.related:
        related.append(target.removesuffix(".md").strip("/"))
        walk.links.append(Link(related[-1], related[-1], line, target, kind="related"))

    page = Page(
        slug=slug,
        path=source.path,
        rel=path,
        title=title,
        category=category,
        tags=tuple(matter.tags),
        aliases=tuple(matter.aliases),
        summary=matter.summary or "",
        risk=matter.risk,
        clearance=matter.clearance,
        sources=tuple(matter.sources),
        related=tuple(related),
        order=matter.order,
        body="\n".join(lines[body_start:]),
        body_line=body_start + 1,
        reading_body="\n".join(reading_lines).strip("\n"),
        text="\n".join(walk.text).strip(),
        headings=tuple(walk.headings),
        links=tuple(walk.links),
        questions=questions,
        digest=digest,
        size=source.size,
        mtime_ns=source.mtime_ns,
    )
    return page, problems


def code_fence(line: str) -> str:
    """The fence (three or more backticks or tildes) that `line` opens or closes, else ''."""
    match = _CODE_FENCE.match(line)
    return match.group(1) if match else ""


def closes_fence(fence: str, line: str) -> bool:
    """True when `line` closes a code block opened by `fence` (CommonMark: same character, at least as long)."""
    closing = code_fence(line)
    return bool(closing) and closing[0] == fence[0] and len(closing) >= len(fence) and not line.strip().strip(fence[0])


def find_questions_section(lines: list[str]) -> tuple[int, int] | None:
    """The 0-based line range of the `## Questions` section: from its heading to the next `#`/`##`.

    Lines inside the front matter and inside code fences never count.
    """
    index = 0
    if lines and _FENCE_OPEN.match(lines[0]):
        close = next((i for i in range(1, len(lines)) if _FRONT_MATTER_CLOSE.match(lines[i])), None)
        index = close + 1 if close is not None else 0
    fence = ""
    start = None
    for number in range(index, len(lines)):
        line = lines[number]
        opener = code_fence(line)
        if fence:
            if closes_fence(fence, line):
                fence = ""
            continue
        if opener:
            fence = opener
        elif start is None:
            if _QUESTIONS.match(line):
                start = number
        elif _H1_OR_H2.match(line):
            return start, number
    return (start, len(lines)) if start is not None else None


def links_in_tokens(tokens: list[Token], path: str, slug: str, first_line: int) -> tuple[list[Link], list[Problem]]:
    """The internal links in tokens parsed from a part of a page that starts at file line `first_line`."""
    walk = _BodyWalk(path, slug, first_line - 1, read_headings=False)
    walk.run(tokens)
    return walk.links, walk.problems


class _BodyWalk:
    """One pass over the block tokens: headings, links, plain text and the Questions section."""

    def __init__(self, path: str, slug: str, line_offset: int = 0, read_headings: bool = True) -> None:
        self.path = path
        self.line_offset = line_offset
        self.read_headings = read_headings
        self.folder = posixpath.dirname(slug)
        self.headings: list[Heading] = []
        self.links: list[Link] = []
        self.text: list[str] = []
        self.problems: list[Problem] = []
        self.first_h1: str | None = None

    def run(self, tokens: list[Token]) -> None:
        for index, token in enumerate(tokens):
            if token.type == "heading_open" and token.map and self.read_headings:
                level = int(token.tag[1:])
                text = _inline_text(tokens[index + 1]) if index + 1 < len(tokens) else ""
                line = token.map[0] + 1 + self.line_offset
                if level == 2 and text.strip().casefold() == QUESTIONS_HEADING:
                    self.problems.append(warning(self.path, line, "a second '## Questions' section; only the first is read"))
                self.headings.append(Heading(level, text, line, anchor_for(text)))
                if level == 1 and self.first_h1 is None and text.strip():
                    self.first_h1 = text.strip()
            elif token.type == "inline" and token.map:
                self._read_inline(token)
            elif token.type in ("fence", "code_block"):
                self.text.append(token.content)

    def _read_inline(self, token: Token) -> None:
        line = token.map[0] + 1 + self.line_offset
        words: list[str] = []
        children = token.children or []
        for position, child in enumerate(children):
            kind = child.type
            if kind in ("softbreak", "hardbreak"):
                line += 1
                words.append(" ")
            elif kind in ("text", "code_inline"):
                words.append(child.content)
            elif kind == "wikilink":
                words.append(child.content)
                self._add_wikilink(child, line)
            elif kind == "link_open":
                self._add_markdown_link(child, _link_label(children, position), line)
        self.text.append("".join(words))

    def _add_wikilink(self, token: Token, line: int) -> None:
        written = token.meta.get("target", "")
        target, _, fragment = written.partition("#")
        target = target.strip().removesuffix(".md").strip("/")
        if not target:
            if not fragment:
                self.problems.append(error(self.path, line, "empty [[ ]] link"))
            return  # [[#heading]] points inside this page
        self.links.append(Link(target, token.content, line, written, fragment))

    def _add_markdown_link(self, token: Token, label: str, line: int) -> None:
        href = str(token.attrGet("href") or "")
        if not href or href.startswith(("#", "//")) or _SCHEME.match(href):
            return
        location, _, fragment = href.partition("#")
        location = unquote(location.partition("?")[0])
        if not location.lower().endswith(".md"):
            return
        if location.startswith("/"):
            joined = location.lstrip("/")
        else:
            joined = posixpath.join(self.folder, location)
        target = posixpath.normpath(joined)
        if target == ".." or target.startswith("../"):
            self.problems.append(error(self.path, line, f"link '{href}' leads outside the content folder"))
            return
        self.links.append(Link(target[: -len(".md")], label, line, href, fragment, kind="markdown"))


def _inline_text(token: Token) -> str:
    if token.type != "inline":
        return ""
    return "".join(
        child.content if child.type in ("text", "code_inline", "wikilink") else " "
        for child in token.children or []
        if child.type in ("text", "code_inline", "wikilink", "softbreak", "hardbreak")
    ).strip()


def _link_label(children: list[Token], start: int) -> str:
    words = []
    for child in children[start + 1 :]:
        if child.type == "link_close":
            break
        if child.type in ("text", "code_inline"):
            words.append(child.content)
    return "".join(words)
