"""`handbook quiz` in a real terminal (a pty): an answer survives SIGKILL, and the next start offers the session."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time

import pytest

from handbook.quiz.progress import ProgressStore
from tests.conftest import REPO
from tests.quizdata import FILES

ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][A-Z0-9]|\x1b[=>]")


class Terminal:
    """A process on a 100x30 pseudo-terminal; `wait_for` reads its screen output until a text shows."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.process = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, close_fds=True
        )
        os.close(slave)
        self.seen = ""

    def wait_for(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            left = deadline - time.monotonic()
            if left <= 0 or self.process.poll() is not None:
                raise AssertionError(f"{text!r} never showed; the screen had: {self.seen[-2000:]!r}")
            ready, _, _ = select.select([self.master], [], [], min(left, 0.5))
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    chunk = b""
                self.seen += ANSI.sub("", chunk.decode("utf-8", "replace"))

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        os.close(self.master)


def answers(data_dir):
    with ProgressStore.in_data_dir(data_dir) as store:
        return store.answers(), [s.status for s in store.sessions()]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_an_answer_survives_sigkill_and_the_next_start_offers_the_session(tree, tmp_path):
    root = tree(FILES)
    data = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(REPO), "HANDBOOK_DATA_DIR": str(data), "TERM": "xterm-256color"}
    env.pop("HANDBOOK_CONTENT", None)
    command = [sys.executable, "-m", "handbook", "--content", str(root), "quiz", "--topic", "positioning/prone"]
    first = Terminal([*command, "--seed", "1"], env)
    try:
        first.wait_for("Question 1 of 2")
        # "1" answers a choice question at once, or types 1 into a short answer; Enter then moves on or submits.
        first.send("1")
        time.sleep(0.3)
        first.send("\r")
        deadline = time.monotonic() + 30
        while not answers(data)[0] and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        first.kill()  # SIGKILL: no chance to tidy up
    recorded, statuses = answers(data)
    assert len(recorded) == 1 and statuses == ["open"]

    second = Terminal(command, env)
    try:
        second.wait_for("Resume your unfinished session (question 2 of 2)?")
        second.send("y")
        second.wait_for("Question 2 of 2")
    finally:
        second.kill()
