"""A page of the handbook: one Markdown file, its front matter and what its body holds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def _reduce_to_fields(self):
    # Pickled as the constructor's arguments: the library copy loads in about 17 ms instead of
    # 27 ms with dataclasses' own __setstate__ (which calls fields() once per object).
    return (type(self), tuple(getattr(self, name) for name in self.__slots__))


@dataclass(frozen=True, slots=True)
class Heading:
    __reduce__ = _reduce_to_fields

    level: int
    text: str
    line: int
    anchor: str


@dataclass(frozen=True, slots=True)
class Link:
    """An internal link: `target` is the slug it points to, `written` what the author wrote."""

    __reduce__ = _reduce_to_fields

    target: str
    label: str
    line: int
    written: str
    fragment: str = ""
    kind: str = "wiki"  # "wiki", "markdown" or "related" (front matter)


@dataclass(frozen=True, slots=True)
class QuestionsSection:
    """The page's `## Questions` section: its Markdown and the file line it starts on."""

    __reduce__ = _reduce_to_fields

    markdown: str
    line: int


@dataclass(frozen=True, slots=True)
class Page:
    __reduce__ = _reduce_to_fields

    slug: str
    path: Path
    rel: str
    title: str
    category: str
    tags: tuple[str, ...]
    aliases: tuple[str, ...]
    summary: str
    risk: str | None
    clearance: bool
    sources: tuple[str, ...]
    related: tuple[str, ...]
    order: float | None
    body: str
    body_line: int
    reading_body: str
    text: str
    headings: tuple[Heading, ...]
    links: tuple[Link, ...]
    questions: QuestionsSection | None
    digest: str
    size: int
    mtime_ns: int

    @property
    def sort_key(self) -> tuple[float, str]:
        """Order inside a category: `order` first, then title."""
        return (self.order if self.order is not None else float("inf"), self.title.casefold())
