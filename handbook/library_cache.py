"""A copy of the loaded library (and its checked problems) in the data folder, for a fast start.

Parsing every page takes about half a second for the shipped handbook; the app wants its
first screen sooner. The copy is used only when every file of the content folder has the
size and modification time it had when the copy was made, and the handbook code that reads
content is unchanged; anything else is a miss and the folder is loaded as usual.

The copy is a pickle, read with an unpickler that accepts only the handbook's own classes
and plain containers, so a tampered file cannot run code; a broken one is simply a miss.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import tempfile
from pathlib import Path

from handbook.library import Library
from handbook.problems import Problem

CACHE_VERSION = 1
_PACKAGE = Path(__file__).resolve().parent

Snapshot = dict[str, tuple[int, int]]


def content_snapshot(root: Path) -> Snapshot:
    """(mtime_ns, size) of every file under `root`, by relative path; hidden names are skipped."""
    snapshot: Snapshot = {}
    stack = [str(root)]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif entry.is_file():
                    stat = entry.stat()
                    snapshot[os.path.relpath(entry.path, root)] = (stat.st_mtime_ns, stat.st_size)
            except OSError:
                continue
    return snapshot


def _code_stamp() -> tuple:
    """What changes when the code that reads content changes (a development checkout included)."""
    stamp = []
    for folder in (_PACKAGE, _PACKAGE / "quiz", _PACKAGE / "search"):
        for path in sorted(folder.glob("*.py")):
            stat = path.stat()
            stamp.append((path.name, stat.st_mtime_ns, stat.st_size))
    return (CACHE_VERSION, tuple(stamp))


def cache_file(data_dir: Path, content_root: Path) -> Path:
    """Where the copy of `content_root`'s library lives under `data_dir`."""
    real = os.path.realpath(content_root)
    digest = hashlib.blake2b(real.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()
    return Path(data_dir) / "library" / f"{digest}.pickle"


class _HandbookUnpickler(pickle.Unpickler):
    """Only the handbook's data classes, paths and built-in containers; nothing that runs code."""

    _BUILTINS = {"set", "frozenset", "tuple", "list", "dict", "str", "int", "float", "bool", "bytes"}

    def find_class(self, module: str, name: str):
        if module.startswith("handbook.") and not name.startswith("_"):
            found = super().find_class(module, name)
            if isinstance(found, type) and found.__module__.startswith("handbook."):
                return found
        if module == "pathlib" and name in {"Path", "PosixPath", "WindowsPath", "PurePosixPath", "PureWindowsPath"}:
            return super().find_class(module, name)
        if module == "builtins" and name in self._BUILTINS:
            return super().find_class(module, name)
        if module == "collections" and name in {"OrderedDict", "defaultdict"}:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"not allowed in a library cache: {module}.{name}")


def load_cached(data_dir: Path, content_root: Path, snapshot: Snapshot) -> tuple[Library, list[Problem]] | None:
    """The library and its problems saved for exactly this `snapshot` of the folder, else None."""
    try:
        data = cache_file(data_dir, content_root).read_bytes()
        saved = _HandbookUnpickler(io.BytesIO(data)).load()
        stamp, saved_snapshot, library, problems = saved
    except Exception:  # noqa: BLE001 - missing, unreadable, truncated or foreign: all just a miss
        return None
    if stamp != _code_stamp() or saved_snapshot != snapshot or not isinstance(library, Library):
        return None
    if Path(library.root) != Path(content_root).expanduser().resolve():
        return None
    return library, problems


def save_cached(data_dir: Path, content_root: Path, snapshot: Snapshot, library: Library, problems: list[Problem]) -> None:
    """Keep `library` and `problems` for `snapshot`; written atomically; a failure is ignored."""
    path = cache_file(data_dir, content_root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump((_code_stamp(), snapshot, library, problems), stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, pickle.PicklingError):
        pass  # only a slower start next time
