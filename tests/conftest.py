from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create `files` (relative path -> text or bytes) under `root`; return `root`."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return root


@pytest.fixture
def tree(tmp_path: Path):
    """A function that writes a content folder under a fresh temporary directory."""
    root = tmp_path / "content"
    root.mkdir()

    def make(files: dict[str, str | bytes]) -> Path:
        return write_tree(root, files)

    return make


@pytest.fixture
def run_cli(tmp_path: Path):
    """Run `python -m handbook ARGS` in a subprocess, with a private data folder."""

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 60, input: str | None = None):
        environment = {**os.environ, "PYTHONPATH": str(REPO), "HANDBOOK_DATA_DIR": str(tmp_path / "data")}
        environment.pop("HANDBOOK_CONTENT", None)
        environment.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "handbook", *args],
            cwd=cwd or tmp_path,
            env=environment,
            capture_output=True,
            text=True,
            timeout=timeout,
            input=input,
        )

    return run
