"""`handbook` opens the app in a terminal and prints its help elsewhere; `handbook open SLUG`."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

from tests.app_content import PAGES
from tests.conftest import REPO


def test_bare_handbook_prints_the_help_when_not_in_a_terminal(run_cli):
    result = run_cli()
    assert result.returncode == 0
    assert "usage: handbook" in result.stdout and "open" in result.stdout


def test_open_with_a_missing_content_folder_is_an_error_not_a_traceback(run_cli, tmp_path):
    result = run_cli("open", "--content", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "content folder not found" in result.stderr and "Traceback" not in result.stderr


def read_terminal(fd: int, done, timeout: float = 30) -> bytes:
    """What the terminal showed until `done(seen)` (or the time ran out); read all along, as a
    real terminal does, since a full pseudo-terminal blocks the app's writes."""
    seen = b""
    deadline = time.monotonic() + timeout
    while not done(seen) and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def read_until(fd: int, wanted: bytes, timeout: float = 30) -> bytes:
    """What the terminal showed until `wanted` appeared (or the time ran out)."""
    return read_terminal(fd, lambda seen: wanted in seen, timeout)


def test_handbook_in_a_terminal_opens_the_app_at_the_page_and_quits_with_ctrl_q(tree, tmp_path):
    content = tree(PAGES)
    main, secondary = pty.openpty()
    os.set_blocking(main, True)
    env = {**os.environ, "PYTHONPATH": str(REPO), "HANDBOOK_DATA_DIR": str(tmp_path / "data"), "TERM": "xterm-256color"}
    env.pop("TEXTUAL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "handbook", "--content", str(content), "open", "dvt"],
        stdin=secondary, stdout=secondary, stderr=secondary, env=env, close_fds=True,
    )
    os.close(secondary)
    try:
        # Textual sizes itself from the terminal; the page title shows in the header.
        shown = read_until(main, b"Deep vein thrombosis")
        assert b"Deep vein thrombosis" in shown, shown[-2000:]
        os.write(main, b"\x11")  # ctrl+q
        shown += read_terminal(main, lambda _: process.poll() is not None)  # until the app has quit
        assert process.wait(timeout=5) == 0
        assert b"Traceback" not in shown + read_until(main, b"\x00", timeout=0.5)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)
