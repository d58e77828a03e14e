"""Noticing edits in the content folder by comparing snapshots of file sizes and times.

Polling rather than OS notifications: it needs no extra dependency, works the same on
network drives, WSL and containers (where inotify often misses edits), and a content folder
of a few hundred files is scanned in a few milliseconds.
"""

from __future__ import annotations

import os
from pathlib import Path

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
