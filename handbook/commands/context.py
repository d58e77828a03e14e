"""What every command gets: the folders chosen on the command line and the loaded library."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TextIO

from handbook.library import Library, load_library
from handbook.quiz.progress import ProgressStore, ProgressStoreError


@dataclass
class CommandContext:
    content_dir: Path
    data_dir: Path
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    inp: TextIO = field(default_factory=lambda: sys.stdin)

    @cached_property
    def library(self) -> Library:
        """The content folder, loaded once per command."""
        return load_library(self.content_dir)


def open_progress(context: CommandContext) -> ProgressStore | None:
    """The progress store in the data folder; prints its notices, or the error and returns None."""
    try:
        store = ProgressStore.in_data_dir(context.data_dir)
    except ProgressStoreError as exc:
        print(f"handbook: error: {exc}", file=context.err)
        return None
    for notice in store.notices:
        print(f"handbook: warning: {notice}", file=context.err)
    return store
