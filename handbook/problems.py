"""Problems found in content: each names a file, a line and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Level(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file. `path` is relative to the content folder, `line` is 1-based."""

    path: str
    line: int
    level: Level
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.level}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.level is Level.ERROR


def error(path: str, line: int, message: str) -> Problem:
    return Problem(path, max(line, 1), Level.ERROR, message)


def warning(path: str, line: int, message: str) -> Problem:
    return Problem(path, max(line, 1), Level.WARNING, message)


def line_numbers(numbers: list[int]) -> str:
    """`line 6`, or `lines 2, 3, 5`; past five lines, how many more."""
    shown = ", ".join(str(n) for n in numbers[:5])
    more = f" and {len(numbers) - 5} more" if len(numbers) > 5 else ""
    return f"{'line' if len(numbers) == 1 else 'lines'} {shown}{more}"
