"""Find the files of a content folder and read them as text, safely.

Nothing here follows a symlink out of the content folder, reads a file that is too
large, or gives up on a whole folder because of one bad file.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from handbook.problems import Problem, error, line_numbers, warning
from handbook.sanitize import lines_with_control_characters, printable_path, remove_control_characters

LARGE_FILE_BYTES = 1024 * 1024
TOO_LARGE_BYTES = 16 * 1024 * 1024
PAGE_SUFFIX = ".md"
GIFT_SUFFIX = ".gift"


@dataclass(frozen=True)
class SourceFile:
    """A file in the content folder: `rel` is its POSIX path relative to the folder."""

    path: Path
    rel: str
    size: int
    mtime_ns: int


@dataclass
class FolderScan:
    """The page files, question-bank files and settings files of a content folder."""

    root: Path
    pages: list[SourceFile] = field(default_factory=list)
    gift_files: list[SourceFile] = field(default_factory=list)
    settings: dict[str, SourceFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class SourceText:
    """A file's text after decoding and cleaning; `text` is None when it cannot be read."""

    text: str | None
    digest: str
    problems: tuple[Problem, ...]


def is_hidden(name: str) -> bool:
    """Names starting with `.` or `_` are drafts or settings, never pages."""
    return name.startswith((".", "_"))


def scan_folder(root: Path) -> FolderScan:
    """Walk `root` and sort its files into pages, GIFT question banks and settings."""
    root = Path(os.path.realpath(root))
    scan = FolderScan(root=root)
    _walk(root, root, "", scan, visited={str(root)})
    return scan


def _walk(root: Path, folder: Path, prefix: str, scan: FolderScan, visited: set[str]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        scan.problems.append(error(printable_path(prefix or "."), 1, f"cannot read folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        rel = prefix + entry.name
        shown = printable_path(rel)
        if is_hidden(entry.name):
            if not prefix and entry.is_file() and entry.name.endswith((".yml", ".yaml")):
                scan.settings[entry.name] = _source_file(entry, rel)
            continue
        try:
            is_link = entry.is_symlink()
            if is_link:
                target = os.path.realpath(entry.path)
                if not _inside(root, target):
                    scan.problems.append(
                        error(shown, 1, "symlink leads outside the content folder; not followed")
                    )
                    continue
                if not os.path.exists(target):
                    scan.problems.append(warning(shown, 1, "broken symlink; skipped"))
                    continue
            if entry.is_dir():
                real = os.path.realpath(entry.path)
                if real in visited:
                    scan.problems.append(warning(shown, 1, "symlink loop; folder skipped"))
                    continue
                _warn_about_name(entry.name, shown, scan)
                _walk(root, Path(entry.path), rel + "/", scan, visited | {real})
            elif entry.is_file():
                suffix = os.path.splitext(entry.name)[1].lower()
                if suffix == PAGE_SUFFIX:
                    _warn_about_name(entry.name, shown, scan)
                    scan.pages.append(_source_file(entry, rel))
                elif suffix == GIFT_SUFFIX:
                    _warn_about_name(entry.name, shown, scan)
                    scan.gift_files.append(_source_file(entry, rel))
        except OSError as exc:
            scan.problems.append(error(shown, 1, f"cannot read: {exc.strerror or exc}"))


def _warn_about_name(name: str, shown: str, scan: FolderScan) -> None:
    if printable_path(name) != name:
        scan.problems.append(warning(shown, 1, "name holds control characters (shown as \\x escapes); rename it"))


def _inside(root: Path, target: str) -> bool:
    return target == str(root) or target.startswith(str(root) + os.sep)


def _source_file(entry: os.DirEntry, rel: str) -> SourceFile:
    stat = entry.stat()
    # `rel` becomes the slug, the default title and the path in every report, so a control
    # character in a file name must not reach a terminal through any of them; `path` stays real.
    return SourceFile(Path(entry.path), printable_path(rel), stat.st_size, stat.st_mtime_ns)


def read_source(source: SourceFile) -> SourceText:
    """Read a content file as clean text: decoded, LF line ends, no control characters."""
    shown = printable_path(source.rel)
    if source.size > TOO_LARGE_BYTES:
        message = f"file is too large to load ({source.size / 1024 / 1024:.1f} MB; the limit is 16 MB)"
        return SourceText(None, "", (error(shown, 1, message),))
    try:
        data = source.path.read_bytes()
    except OSError as exc:
        return SourceText(None, "", (error(shown, 1, f"cannot read: {exc.strerror or exc}"),))
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    problems: list[Problem] = []
    if len(data) > LARGE_FILE_BYTES:
        problems.append(
            warning(shown, 1, f"very large file ({len(data) / 1024 / 1024:.1f} MB); split it into smaller pages")
        )
    text = _decode(data, shown, problems)
    if text is None:
        return SourceText(None, digest, tuple(problems))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    dirty_lines = lines_with_control_characters(text)
    if dirty_lines:
        text = remove_control_characters(text)
        problems.append(warning(shown, dirty_lines[0], f"control characters removed ({line_numbers(dirty_lines)})"))
    return SourceText(text, digest, tuple(problems))


def _decode(data: bytes, shown: str, problems: list[Problem]) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(warning(shown, 1, "file is UTF-16; save it as UTF-8"))
        return data.decode("utf-16", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:8192]:
        problems.append(error(shown, 1, "binary file (contains NUL bytes), not text; skipped"))
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.append(
            error(
                shown,
                line,
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); bad bytes are shown as \ufffd: save the file as UTF-8",
            )
        )
        return data.decode("utf-8", errors="replace")
