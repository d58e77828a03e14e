"""The `Library`: every page of a content folder, its categories, links and problems."""

from __future__ import annotations

import difflib
import posixpath
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from handbook.page import Link, Page
from handbook.page_parser import parse_page
from handbook.problems import Problem, error, warning
from handbook.sanitize import remove_control_characters
from handbook.source import SourceFile, read_source, scan_folder

CATEGORY_ORDER_FILE = "_categories.yml"


class ContentFolderError(Exception):
    """The content folder itself is missing or is not a folder."""


@dataclass(frozen=True)
class Category:
    name: str
    pages: tuple[Page, ...]


@dataclass
class Library:
    """All pages of one content folder, by slug, with what was found wrong on the way."""

    root: Path
    pages: dict[str, Page] = field(default_factory=dict)
    categories: list[Category] = field(default_factory=list)
    backlinks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    gift_files: list[SourceFile] = field(default_factory=list)
    settings: dict[str, SourceFile] = field(default_factory=dict)

    def get(self, slug: str) -> Page | None:
        """The page with exactly this slug, else the one that matches ignoring case."""
        page = self.pages.get(slug)
        if page is None:
            lowered = slug.casefold()
            page = next((p for s, p in self.pages.items() if s.casefold() == lowered), None)
        return page

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def load_library(root: str | Path) -> Library:
    """Load every page under `root`. Problems are collected, never raised."""
    root = Path(root).expanduser()
    if not root.is_dir():
        raise ContentFolderError(f"content folder not found: {root}")
    scan = scan_folder(root)
    library = Library(root=scan.root, gift_files=scan.gift_files, settings=scan.settings)
    problems = list(scan.problems)
    for source in scan.pages:
        read = read_source(source)
        problems += read.problems
        if read.text is None:
            continue
        page, page_problems = parse_page(source, read.text, read.digest)
        problems += page_problems
        library.pages[page.slug] = page

    problems += _check_case_collisions(library.pages)
    problems += _check_links(library.pages)
    library.backlinks = _backlinks(library.pages)
    order, order_problems = _category_order(scan.settings.get(CATEGORY_ORDER_FILE), library.pages)
    problems += order_problems
    library.categories = _categories(library.pages, [name for name, _ in order])
    library.problems = sorted(problems)
    return library


def _check_case_collisions(pages: dict[str, Page]) -> list[Problem]:
    groups: dict[str, list[str]] = defaultdict(list)
    for slug in pages:
        groups[slug.casefold()].append(slug)
    problems = []
    for slugs in groups.values():
        if len(slugs) > 1:
            slugs.sort()
            for slug in slugs[1:]:
                problems.append(
                    error(pages[slug].rel, 1, f"slug '{slug}' differs only in case from '{slugs[0]}' ({pages[slugs[0]].rel})")
                )
    return problems


def _check_links(pages: dict[str, Page]) -> list[Problem]:
    problems = []
    for page in pages.values():
        problems += link_problems(page, page.links, pages)
    return problems


def link_problems(page: Page, links: Iterable[Link], pages: dict[str, Page]) -> list[Problem]:
    """What is wrong with `links` written in `page`: broken targets (with a hint) and missing headings."""
    problems = []
    for link in links:
        target = pages.get(link.target)
        if target is None:
            hint = _suggest(link.target, pages)
            problems.append(error(page.rel, link.line, f"broken link '{link.written}': no page '{link.target}'{hint}"))
        elif link.kind == "related" and link.target == page.slug:
            problems.append(warning(page.rel, link.line, "a page should not list itself in 'related'"))
        elif link.fragment and link.fragment not in {h.anchor for h in target.headings}:
            problems.append(warning(page.rel, link.line, f"link '{link.written}': no heading '#{link.fragment}' in '{link.target}'"))
    return problems


def _suggest(target: str, pages: dict[str, Page]) -> str:
    # Only reached for broken links, so building the lookups here costs nothing on clean content.
    by_folded = {slug.casefold(): slug for slug in pages}
    by_name: dict[str, list[str]] = defaultdict(list)
    for slug in pages:
        by_name[posixpath.basename(slug).casefold()].append(slug)
    if target.casefold() in by_folded:
        return f"; did you mean '{by_folded[target.casefold()]}'? (slugs are case-sensitive)"
    same_name = by_name.get(posixpath.basename(target).casefold(), [])
    if len(same_name) == 1:
        return f"; did you mean '{same_name[0]}'? (a slug is the full path under the content folder)"
    # Compare names, not whole slugs: a shared folder prefix would make every slug look close.
    close = difflib.get_close_matches(posixpath.basename(target).casefold(), list(by_name), n=1, cutoff=0.75)
    if close and len(by_name[close[0]]) == 1:
        return f"; did you mean '{by_name[close[0]][0]}'?"
    return ""


def _backlinks(pages: dict[str, Page]) -> dict[str, tuple[str, ...]]:
    incoming: dict[str, set[str]] = defaultdict(set)
    for page in pages.values():
        for link in page.links:
            if link.target in pages and link.target != page.slug:
                incoming[link.target].add(page.slug)
    return {slug: tuple(sorted(sources, key=lambda s: pages[s].sort_key)) for slug, sources in incoming.items()}


def _category_order(settings: SourceFile | None, pages: dict[str, Page]) -> tuple[list[tuple[str, int]], list[Problem]]:
    """Read `_categories.yml`: a YAML list of category names in the order to show them."""
    if settings is None:
        return [], []
    read = read_source(settings)
    problems = list(read.problems)
    if read.text is None:
        return [], problems
    try:
        node = yaml.compose(read.text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problems.append(error(settings.rel, (mark.line + 1) if mark else 1, f"invalid YAML: {exc.problem or exc.context}"))
        return [], problems
    except (yaml.YAMLError, RecursionError, ValueError):
        problems.append(error(settings.rel, 1, "invalid YAML"))
        return [], problems
    if node is None:
        return [], problems
    if not isinstance(node, yaml.SequenceNode) or not all(isinstance(item, yaml.ScalarNode) for item in node.value):
        problems.append(error(settings.rel, 1, "must be a list of category names, in the order to show them"))
        return [], problems
    # A double-quoted YAML escape can make a control character the file itself no longer holds.
    names = [(remove_control_characters(item.value).strip(), item.start_mark.line + 1) for item in node.value]
    known = {page.category.casefold() for page in pages.values()}
    for name, line in names:
        if name.casefold() not in known:
            problems.append(warning(settings.rel, line, f"no page has the category '{name}'"))
    return names, problems


def _categories(pages: dict[str, Page], order: list[str]) -> list[Category]:
    grouped: dict[str, list[Page]] = defaultdict(list)
    for page in pages.values():
        grouped[page.category].append(page)
    position = {name.casefold(): index for index, name in enumerate(order)}
    names = sorted(grouped, key=lambda name: (position.get(name.casefold(), len(position)), name.casefold()))
    return [Category(name, tuple(sorted(grouped[name], key=lambda p: p.sort_key))) for name in names]
