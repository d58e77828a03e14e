"""Where handbook finds its content and keeps its data."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

CONTENT_ENV = "HANDBOOK_CONTENT"
DATA_ENV = "HANDBOOK_DATA_DIR"
_PACKAGE = Path(__file__).resolve().parent


def shipped_content_dir() -> Path:
    """The handbook shipped with the package: inside it when installed, `content/` in a checkout."""
    installed = _PACKAGE / "_content"
    return installed if installed.is_dir() else _PACKAGE.parent / "content"


def is_shipped_install(content_dir: Path) -> bool:
    """True when `content_dir` is the copy installed inside the package (not for editing)."""
    return Path(content_dir).resolve() == (_PACKAGE / "_content").resolve()


def content_dir(option: str | None = None, env: Mapping[str, str] = os.environ) -> Path:
    """The content folder: the option, else $HANDBOOK_CONTENT, else the shipped handbook."""
    chosen = option or env.get(CONTENT_ENV)
    return Path(chosen).expanduser() if chosen else shipped_content_dir()


def data_dir(option: str | None = None, env: Mapping[str, str] = os.environ) -> Path:
    """The data folder (index, progress): the option, else $HANDBOOK_DATA_DIR, else the user data folder."""
    chosen = option or env.get(DATA_ENV)
    return Path(chosen).expanduser() if chosen else platformdirs.user_data_path("handbook", appauthor=False)
