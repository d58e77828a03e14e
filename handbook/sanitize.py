"""Make content text safe to show in a terminal and to index.

Content is data: terminal control characters in it could move the cursor, change
colours or ring the bell, so they are removed before text goes anywhere else.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 controls (0x80-0x9F), which
# some terminals treat like ESC sequences (0x9B is a one-byte CSI).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# In a file name a tab or newline is no layout: it would split a `path:line:` report.
_PATH_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def remove_control_characters(text: str) -> str:
    """Return `text` without terminal control characters (tab and newline are kept)."""
    return _CONTROL.sub("", text)


def lines_with_control_characters(text: str) -> list[int]:
    """The 1-based line numbers of `text` that hold control characters."""
    if not _CONTROL.search(text):
        return []
    return [number for number, line in enumerate(text.split("\n"), 1) if _CONTROL.search(line)]


def printable_path(path: str) -> str:
    """A file name fit to print: control characters (tab and newline too) are shown as escapes, not sent."""
    return _PATH_CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", path)
