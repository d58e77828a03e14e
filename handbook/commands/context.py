"""What every command gets: the folders chosen on the command line and the loaded library."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TextIO

from handbook.library import Library, load_library


@dataclass
class CommandContext:
    content_dir: Path
    data_dir: Path
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)

    @cached_property
    def library(self) -> Library:
        """The content folder, loaded once per command."""
        return load_library(self.content_dir)
