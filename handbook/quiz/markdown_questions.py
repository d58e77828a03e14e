"""Read the questions of a page's `## Questions` section.

Each `###` heading is a question's prompt; what follows decides its type: a list of `[ ]`/`[x]`
choices (one `[x]`: single answer; several: select all; exactly True and False: true/false) or
an `Answer:` line (short answer, alternatives split by `|`). A `>` blockquote is the explanation.
Paragraphs between the heading and the choices belong to the prompt (a case description).
The Markdown is read with the handbook's own parser, so line numbers are exact and nothing
inside a code fence is taken for a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it.token import Token

from handbook.page import Link, Page, QuestionsSection
from handbook.page_parser import links_in_tokens, markdown_parser
from handbook.problems import Problem, error, warning
from handbook.quiz.ids import IdAllocator, question_key
from handbook.quiz.plain_text import blocks_text, children_text, inline_text, markdown_inline_text
from handbook.quiz.question import Choice, Origin, Question, QuestionType

_CHOICE = re.compile(r"^\[( ?|[xX])\][ \t]*(.*)$", re.DOTALL)
_ANSWER = re.compile(r"^answer[ \t]*:[ \t]*(.*)$", re.DOTALL | re.IGNORECASE)
_UNESCAPED_BAR = re.compile(r"(?<!\\)\|")
_TRUE_FALSE = {"true", "false"}


@dataclass
class _ChoiceLine:
    line: int
    raw: str
    inline: Token | None = None


@dataclass
class _Draft:
    line: int
    heading: str
    stem: list[str] = field(default_factory=list)
    choices: list[_ChoiceLine] = field(default_factory=list)
    answers: list[tuple[int, str]] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)


def parse_page_questions(page: Page) -> tuple[list[Question], list[Problem]]:
    """The questions of `page` and the problems found; a faulty question is reported and left out."""
    if page.questions is None:
        return [], []
    questions, problems, _ = _parse_section(page.slug, page.rel, page.category, page.questions)
    return list(questions), list(problems)


def page_question_links(page: Page) -> tuple[Link, ...]:
    """The internal links written in the page's questions (explanations, mostly)."""
    if page.questions is None:
        return ()
    return _parse_section(page.slug, page.rel, page.category, page.questions)[2]


@lru_cache(maxsize=8192)
def _parse_section(
    slug: str, rel: str, category: str, section: QuestionsSection
) -> tuple[tuple[Question, ...], tuple[Problem, ...], tuple[Link, ...]]:
    # Cached on everything the result depends on, so reloading a library re-reads only changed pages.
    # Links are returned, not checked: whether they resolve depends on the other pages.
    reader = _SectionReader(slug, rel, category, section.line)
    try:
        tokens = markdown_parser().parse(section.markdown)
    except RecursionError:
        return (), (error(rel, section.line, "the Questions section is nested too deeply to read"),), ()
    reader.read(tokens)  # an empty section is fine: the page templates end with one
    links, link_problems = links_in_tokens(tokens, rel, slug, section.line)
    return tuple(reader.questions), tuple(sorted(reader.problems + link_problems)), tuple(links)


class _SectionReader:
    def __init__(self, slug: str, rel: str, category: str, line: int) -> None:
        self.slug, self.rel, self.category = slug, rel, category
        self.offset = line
        self.questions: list[Question] = []
        self.problems: list[Problem] = []
        self.ids = IdAllocator(slug)
        self.first_line: dict[str, int] = {}

    def line_of(self, token: Token) -> int:
        return self.offset + (token.map[0] if token.map else 0)

    def read(self, tokens: list[Token]) -> None:
        draft: _Draft | None = None
        index = 0
        while index < len(tokens):
            token = tokens[index]
            end = _close_index(tokens, index)
            kind = token.type
            if kind == "heading_open":
                level = int(token.tag[1:])
                text = inline_text(tokens[index + 1]) if index + 1 < len(tokens) else ""
                if level == 3:
                    self.finish(draft)
                    draft = _Draft(self.line_of(token), text)
                elif level > 3 and draft is not None:
                    self.problems.append(
                        warning(
                            self.rel,
                            self.line_of(token),
                            "only '###' headings start a question; this heading is ignored",
                        )
                    )
            elif draft is None:
                pass  # an introduction before the first question
            elif kind == "paragraph_open":
                self.paragraph(draft, tokens[index + 1], self.line_of(token))
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self.choice_list(draft, tokens[index + 1 : end])
            elif kind == "blockquote_open":
                text = blocks_text(tokens[index + 1 : end])
                if text:
                    draft.explanation.append(text)
            elif kind in ("fence", "code_block"):
                pass
            else:
                self.problems.append(
                    warning(self.rel, self.line_of(token), f"{_describe(kind)} inside a question is ignored")
                )
            index = end + 1
        self.finish(draft)

    def paragraph(self, draft: _Draft, inline: Token, line: int) -> None:
        answer = _ANSWER.match(inline.content)
        if answer:
            draft.answers.append((line, answer.group(1)))
        elif not draft.choices and not draft.answers and not draft.explanation:
            draft.stem.append(inline_text(inline))
        else:
            self.problems.append(
                warning(
                    self.rel,
                    line,
                    "text after the choices is not part of the question; write the explanation as a '>' blockquote",
                )
            )

    def choice_list(self, draft: _Draft, inner: list[Token]) -> None:
        for position, token in enumerate(inner):
            if token.type == "list_item_open" and token.level == 1:
                following = inner[position + 1 : position + 3]
                inline = next((t for t in following if t.type == "inline"), None)
                draft.choices.append(_ChoiceLine(self.line_of(token), inline.content if inline else "", inline))
            elif token.type in ("bullet_list_open", "ordered_list_open") and token.level > 1:
                self.problems.append(warning(self.rel, self.line_of(token), "a list inside a choice is ignored"))

    def finish(self, draft: _Draft | None) -> None:
        if draft is None:
            return
        rel, line = self.rel, draft.line
        before = len(self.problems)
        if not draft.heading:
            self.problems.append(error(rel, line, "question without a prompt: the '###' heading is empty"))
            return
        if draft.choices and draft.answers:
            self.problems.append(error(rel, line, "question has both choices and an 'Answer:' line; use one of them"))
            return
        if draft.choices:
            built = self.choice_question(draft)
        elif draft.answers:
            built = self.short_question(draft)
        else:
            self.problems.append(
                error(rel, line, "question has no choices ('- [x] ...') and no 'Answer:' line; it is left out")
            )
            return
        if built is None or any(p.is_error for p in self.problems[before:]):
            return
        kind, choices, answer = built
        key = question_key(draft.heading)
        question_id, repeats = self.ids.allocate(key)
        if repeats:
            self.problems.append(
                warning(
                    rel,
                    line,
                    f"the same prompt as the question at line {self.first_line[key]}; give each question its own prompt",
                )
            )
        else:
            self.first_line[key] = line
        if not draft.explanation:
            self.problems.append(
                warning(rel, line, "question has no explanation: add a '>' blockquote after its choices or answer")
            )
        prompt = "\n\n".join([draft.heading, *draft.stem])
        self.questions.append(
            Question(
                id=question_id,
                type=kind,
                prompt=prompt,
                category=self.category,
                topic=self.slug,
                path=rel,
                line=line,
                origin=Origin.MARKDOWN,
                choices=choices,
                answer=answer,
                explanation="\n\n".join(draft.explanation),
            )
        )

    def choice_question(self, draft: _Draft) -> tuple[QuestionType, tuple[Choice, ...], bool | None] | None:
        rel = self.rel
        marked: list[bool] = []
        texts: list[str] = []
        for choice in draft.choices:
            match = _CHOICE.match(choice.raw)
            if not match:
                self.problems.append(
                    error(rel, choice.line, "choice without '[ ]' or '[x]': write '- [ ] wrong' or '- [x] right'")
                )
                continue
            lazy = [n for n, line in enumerate(choice.raw.split("\n")) if n and _ANSWER.match(line.strip())]
            if lazy:
                self.problems.append(
                    error(
                        rel,
                        choice.line + lazy[0],
                        "an 'Answer:' line right under a choice belongs to that choice; a question has choices or an answer",
                    )
                )
                continue
            text = _choice_text(choice, match)
            if not text:
                self.problems.append(error(rel, choice.line, "empty choice"))
                continue
            marked.append(match.group(1).lower() == "x")
            texts.append(text)
        if len(texts) != len(draft.choices):
            return None
        if len(texts) < 2:
            self.problems.append(error(rel, draft.line, "question needs at least two choices"))
            return None
        right = sum(marked)
        if right == 0:
            self.problems.append(error(rel, draft.line, "no correct choice: mark the right one with '[x]'"))
            return None
        seen: dict[str, int] = {}
        for choice, text in zip(draft.choices, texts):
            folded = text.casefold()
            if folded in seen:
                self.problems.append(warning(rel, choice.line, f"the same choice as line {seen[folded]}"))
            seen.setdefault(folded, choice.line)
        if len(texts) == 2 and {t.casefold().rstrip(".") for t in texts} == _TRUE_FALSE:
            if right != 1:
                self.problems.append(error(rel, draft.line, "a true/false question needs exactly one '[x]'"))
                return None
            choices = tuple(Choice(text, 1.0 if mark else 0.0) for text, mark in zip(texts, marked))
            truth = texts[marked.index(True)].casefold().rstrip(".") == "true"
            return QuestionType.TRUEFALSE, choices, truth
        if right == 1:
            return QuestionType.SINGLE, tuple(Choice(t, 1.0 if m else 0.0) for t, m in zip(texts, marked)), None
        # Select all: each right pick earns 1/k and each wrong pick costs 1/k, never below 0 in total.
        share = 1.0 / right
        return QuestionType.MULTI, tuple(Choice(t, share if m else -share) for t, m in zip(texts, marked)), None

    def short_question(self, draft: _Draft) -> tuple[QuestionType, tuple[Choice, ...], None] | None:
        rel = self.rel
        if len(draft.answers) > 1:
            self.problems.append(
                error(
                    rel, draft.answers[1][0], "a second 'Answer:' line; put every alternative on one line, split by '|'"
                )
            )
            return None
        line, raw = draft.answers[0]
        parts = [
            markdown_inline_text(part.strip(), code_ticks=False)
            for part in _UNESCAPED_BAR.split(raw.replace("\n", " "))
        ]
        alternatives = [part for part in parts if part]
        if alternatives and len(alternatives) < len(parts):
            self.problems.append(warning(rel, line, "an empty alternative between '|' is ignored"))
        if not alternatives:
            self.problems.append(error(rel, line, "'Answer:' gives no answer"))
            return None
        return QuestionType.SHORT, tuple(Choice(text, 1.0) for text in dict.fromkeys(alternatives)), None


def _choice_text(choice: _ChoiceLine, match: re.Match) -> str:
    """The text after `[x]`: from the parsed tokens when the marker is plain text, else parsed again."""
    children = choice.inline.children if choice.inline is not None else None
    marker = choice.raw[: match.start(2)]
    if children and children[0].type == "text" and children[0].content.startswith(marker):
        first = children[0].copy(content=children[0].content[len(marker) :])
        return children_text([first, *children[1:]])
    return markdown_inline_text(match.group(2).replace("\n", " "))


def _close_index(tokens: list[Token], index: int) -> int:
    """The index of the token that closes the block opened at `index` (itself if it opens none)."""
    token = tokens[index]
    if token.nesting != 1:
        return index
    closing = token.type.replace("_open", "_close")
    for position in range(index + 1, len(tokens)):
        if tokens[position].level == token.level and tokens[position].type == closing:
            return position
    return len(tokens) - 1


def _describe(kind: str) -> str:
    names = {"table_open": "a table", "hr": "a horizontal rule", "html_block": "HTML"}
    return names.get(kind, kind.replace("_open", ""))
