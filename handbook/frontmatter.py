"""Read and check a page's YAML front matter, keeping the line of every key."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import yaml

from handbook.problems import Problem, error, line_numbers, warning
from handbook.sanitize import remove_control_characters

try:  # libyaml is several times faster; the pure-Python loader gives the same nodes
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

RISKS = ("total", "local", "caution")
LIST_KEYS = ("tags", "aliases", "sources", "related")
TEXT_KEYS = ("title", "category", "summary")
KNOWN_KEYS = (*TEXT_KEYS, *LIST_KEYS, "risk", "clearance", "order")
# Words in PyYAML's error context, and what the author opened there: an unclosed one is found lines later.
_OPENERS = (("flow sequence", "'[' list"), ("flow mapping", "'{' mapping"), ("quoted scalar", "quoted text"))


@dataclass
class FrontMatter:
    """The checked values of a page's front matter; absent or invalid keys stay None/empty."""

    title: str | None = None
    category: str | None = None
    summary: str | None = None
    tags: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    related: list[tuple[str, int]] = field(default_factory=list)  # (slug, line)
    risk: str | None = None
    clearance: bool = False
    order: float | None = None
    parsed: bool = True  # False when the whole block could not be read as a mapping


def parse_front_matter(source: str, first_line: int, path: str) -> tuple[FrontMatter, list[Problem]]:
    """Parse YAML `source` whose first line is file line `first_line` (1-based)."""
    matter = FrontMatter()
    problems: list[Problem] = []
    if not source.strip():
        return matter, problems
    try:
        loader = _Loader(source)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        reason = exc.problem or exc.context or "invalid YAML"
        source_lines = source.split("\n")
        tab_before = mark and mark.line < len(source_lines) and "\t" in source_lines[mark.line][: mark.column + 1]
        if tab_before and "tab" not in reason:
            reason += " (a tab: indent YAML with spaces)"  # libyaml's own message does not say so
        opener = next((what for words, what in _OPENERS if words in (exc.context or "")), None)
        if opener and exc.problem and exc.context_mark and mark and exc.context_mark.line != mark.line:
            # The line that opened the bracket or quote is the one to fix, not where YAML gave up.
            reason = f"{reason} in the {opener} that starts here (noticed at line {line})"
            line = first_line + exc.context_mark.line
        problems.append(error(path, line, f"invalid YAML in front matter: {reason}"))
        matter.parsed = False
        return matter, problems
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        problems.append(error(path, first_line, f"invalid YAML in front matter: {type(exc).__name__}"))
        matter.parsed = False
        return matter, problems
    if node is None:
        return matter, problems
    if not isinstance(node, yaml.MappingNode):
        problems.append(error(path, first_line, "front matter must be a mapping of keys to values (key: value)"))
        matter.parsed = False
        return matter, problems
    dirty_lines = _remove_escaped_controls(node)
    if dirty_lines:
        numbers = [first_line + line for line in dirty_lines]
        problems.append(warning(path, numbers[0], f"control characters removed from quoted text ({line_numbers(numbers)})"))

    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = first_line + key_node.start_mark.line
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(error(path, line, "front matter keys must be plain words"))
            continue
        key = key_node.value
        if key in seen:
            problems.append(warning(path, line, f"key '{key}' given twice (first at line {seen[key]}); the last one wins"))
        seen[key] = line
        if key not in KNOWN_KEYS:
            problems.append(warning(path, line, _unknown_key_message(key)))
            continue
        _read_key(matter, key, value_node, line, first_line, path, problems)
    return matter, problems


def _remove_escaped_controls(node: yaml.Node) -> list[int]:
    """Clean every scalar under `node` in place; the 0-based lines where one was changed.

    The file's own control characters are gone before YAML runs, but a double-quoted
    escape (`"\\e[31m"`, `"\\x07"`) makes one again while the value is decoded.
    """
    lines: list[int] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            cleaned = remove_control_characters(current.value)
            if cleaned != current.value:
                current.value = cleaned
                lines.append(current.start_mark.line)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
    return sorted(set(lines))


def _unknown_key_message(key: str) -> str:
    close = difflib.get_close_matches(key.lower(), KNOWN_KEYS, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(KNOWN_KEYS)}"
    return f"unknown front matter key '{key}'{hint}"


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _read_key(
    matter: FrontMatter,
    key: str,
    node: yaml.Node,
    line: int,
    first_line: int,
    path: str,
    problems: list[Problem],
) -> None:
    if _is_null(node):
        return  # an empty value means "not set", as in a fresh template
    if key in TEXT_KEYS:
        if not isinstance(node, yaml.ScalarNode):
            problems.append(error(path, line, f"'{key}' must be text, not a {_kind(node)}"))
            return
        # The raw scalar is what the author typed: `title: 2024` stays "2024", not 2024.
        value = node.value.strip()
        if "\n" in value:
            problems.append(warning(path, line, f"'{key}' should be one line"))
        if "\n" in value or "\t" in value:  # a title is shown on one line of a list, a tab is no layout there
            value = " ".join(value.split())
        setattr(matter, key, value)
    elif key in LIST_KEYS:
        items = _read_list(key, node, line, first_line, path, problems)
        if key == "related":
            matter.related = items
        else:
            setattr(matter, key, [text for text, _ in items])
    elif key == "risk":
        value = node.value.strip().lower() if isinstance(node, yaml.ScalarNode) else None
        if value in RISKS:
            matter.risk = value
        else:
            shown = node.value if isinstance(node, yaml.ScalarNode) else f"a {_kind(node)}"
            problems.append(error(path, line, f"unknown risk '{shown}'; use one of: {', '.join(RISKS)}"))
    elif key == "clearance":
        value = _construct(node)
        if isinstance(value, bool):
            matter.clearance = value
        else:
            problems.append(error(path, line, "'clearance' must be true or false"))
    elif key == "order":
        value = _construct(node)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            matter.order = float(value)
        else:
            problems.append(error(path, line, "'order' must be a number"))


def _read_list(
    key: str, node: yaml.Node, line: int, first_line: int, path: str, problems: list[Problem]
) -> list[tuple[str, int]]:
    if isinstance(node, yaml.ScalarNode):
        problems.append(warning(path, line, f"'{key}' should be a list; read as a list of one item"))
        return [(node.value.strip(), line)] if node.value.strip() else []
    if not isinstance(node, yaml.SequenceNode):
        problems.append(error(path, line, f"'{key}' must be a list, not a {_kind(node)}"))
        return []
    items: list[tuple[str, int]] = []
    for item in node.value:
        item_line = first_line + item.start_mark.line
        if isinstance(item, yaml.ScalarNode) and not _is_null(item):
            text = item.value.strip()
            if text:
                items.append((text, item_line))
        elif not _is_null(item):
            problems.append(error(path, item_line, f"each item of '{key}' must be text, not a {_kind(item)}"))
    return items


def _construct(node: yaml.Node) -> object:
    loader = _Loader("")
    try:
        return loader.construct_object(node, deep=True)
    except Exception:  # any value YAML cannot build (a date like 2024-13-45) is simply invalid
        return None
    finally:
        loader.dispose()


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "value"
