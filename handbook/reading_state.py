"""What a reader keeps between runs: bookmarks, recently opened pages, the chosen theme.

Each is a small JSON file in the data folder, written atomically (a temporary file, then
`os.replace`), so a killed process leaves the old file or the new one, never half of one.
A file that cannot be read or parsed is reported in `notices` and treated as empty.
No Textual here: the app calls this from its workers and tests call it directly.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

BOOKMARKS_FILE = "bookmarks.json"
RECENT_FILE = "recent.json"
PREFERENCES_FILE = "preferences.json"
RECENT_LIMIT = 30


def read_json(path: Path, notices: list[str]) -> Any:
    """The parsed contents of `path`, or None when it is missing, unreadable or not JSON (noted)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        notices.append(f"{path}: cannot be read ({exc.__class__.__name__}: {exc}); starting empty")
        return None
    try:
        return json.loads(text)
    except ValueError as exc:
        notices.append(f"{path}: not valid JSON ({exc}); starting empty")
        return None


def write_json(path: Path, value: Any) -> None:
    """Write `value` to `path` atomically: a temporary file in the same folder, then `os.replace`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(value, stream, ensure_ascii=False, indent=1)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _slugs(value: Any, path: Path, notices: list[str]) -> list[str]:
    """The slugs in a loaded file: a JSON list of strings; anything else is noted and dropped."""
    if value is None:
        return []
    if not isinstance(value, list):
        notices.append(f"{path}: expected a list of page slugs; starting empty")
        return []
    slugs = []
    for item in value:
        if isinstance(item, str) and item and item not in slugs:
            slugs.append(item)
    return slugs


class Bookmarks:
    """The pages a reader bookmarked, in the order they were added."""

    def __init__(self, data_dir: str | os.PathLike) -> None:
        self.path = Path(data_dir) / BOOKMARKS_FILE
        self.notices: list[str] = []
        self._lock = threading.Lock()  # the app changes it from worker threads
        self._slugs = _slugs(read_json(self.path, self.notices), self.path, self.notices)

    @property
    def slugs(self) -> list[str]:
        return list(self._slugs)

    def __contains__(self, slug: object) -> bool:
        return slug in self._slugs

    def __len__(self) -> int:
        return len(self._slugs)

    def toggle(self, slug: str) -> bool:
        """Add `slug` if absent, else remove it; saves, and returns True when it is now bookmarked."""
        with self._lock:
            if slug in self._slugs:
                self._slugs.remove(slug)
            else:
                self._slugs.append(slug)
            write_json(self.path, self._slugs)
            return slug in self._slugs


class ReadingHistory:
    """Recently opened pages, most recent first, at most `RECENT_LIMIT`."""

    def __init__(self, data_dir: str | os.PathLike, limit: int = RECENT_LIMIT) -> None:
        self.path = Path(data_dir) / RECENT_FILE
        self.limit = limit
        self.notices: list[str] = []
        self._lock = threading.Lock()  # the app changes it from worker threads
        self._slugs = _slugs(read_json(self.path, self.notices), self.path, self.notices)[:limit]

    @property
    def slugs(self) -> list[str]:
        return list(self._slugs)

    @property
    def last(self) -> str | None:
        """The page read last, or None."""
        return self._slugs[0] if self._slugs else None

    def opened(self, slug: str) -> None:
        """Note that `slug` was opened (moves it to the front) and save."""
        with self._lock:
            if self._slugs and self._slugs[0] == slug:
                return
            if slug in self._slugs:
                self._slugs.remove(slug)
            self._slugs.insert(0, slug)
            del self._slugs[self.limit :]
            write_json(self.path, self._slugs)


class Preferences:
    """Small settings of the app (now: the theme), kept as a JSON object."""

    def __init__(self, data_dir: str | os.PathLike) -> None:
        self.path = Path(data_dir) / PREFERENCES_FILE
        self.notices: list[str] = []
        value = read_json(self.path, self.notices)
        if value is not None and not isinstance(value, dict):
            self.notices.append(f"{self.path}: expected a JSON object; starting with defaults")
            value = None
        self._values: dict[str, Any] = value or {}

    @property
    def theme(self) -> str | None:
        theme = self._values.get("theme")
        return theme if isinstance(theme, str) and theme else None

    @theme.setter
    def theme(self, name: str) -> None:
        if self._values.get("theme") != name:
            self._values["theme"] = name
            write_json(self.path, self._values)
