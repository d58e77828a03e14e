"""The quiz on the command line: practice, exam, resume after SIGKILL, stats, results, damaged data."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import select
import signal
import sqlite3
import subprocess
import sys
import time

from tests.conftest import REPO
from tests.quizdata import FILES

# With --no-shuffle the questions and choices come in the order they are written.
RIGHT_LINES = ["a", "a b", "f", "uric acid", "b", "a", "ankle bolster", "206", "a", "b"]
IDS = [
    "contraindications/gout#which-joint-is-most-often-affected-first",
    "contraindications/gout#which-of-these-are-signs-of-a-flare-select-all",
    "contraindications/gout#true-or-false-you-can-massage-a-flaring-joint-firmly",
]


def test_a_whole_practice_session_from_piped_answers(tree, run_cli):
    root = tree(FILES)
    lines = ["x", "b", "a c", "t", "URIC ACID.", "", "b", "a", "pillow", "many", "210", "b", "a"]
    result = run_cli(
        "practice", "--all", "--count", "0", "--no-shuffle", "--content", str(root), input="\n".join(lines) + "\n"
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("9 questions · all topics · practice mode\n")
    assert (
        "Question 1 of 9 · Contraindications · contraindications/gout\nWhich joint is most often affected first?\n  a) The big toe"
        in out
    )
    assert "Your answer (letter): x\n  'x' is not one of the letters a to c.\n" in out
    assert (
        "Your answer (letter): b\nNot right.\nThe answer: a) The big toe\nWhy: The big toe. See Gout.\n"
        in out
    )
    assert "Read more: handbook show contraindications/gout\nNext time: in a minute." in out
    # a and c: one right pick and one wrong one cancel out
    assert "Your answer (every right letter, e.g. a c): a c\nNot right.\nThe answer: a) Redness; b) Heat\n" in out
    assert "Your answer (t or f): t\nNot right.\nThe answer: False" in out
    assert "Your answer (a word or two): URIC ACID.\nRight." in out
    assert "Type an answer, or q to stop, s to skip." in out
    assert "'many' is not a number." in out
    assert "Options:\n  a) popliteal artery\n  b) brachial plexus\nPopliteal fossa → b\nAxilla → a\nNot right." in out
    assert "Score: 3 of 9 (33%) · 3 right, 6 wrong" in out
    assert (
        "To review:\n 1. Which joint is most often affected first?\n    Your answer: The knee\n    The answer: The big toe"
        in out
    )
    assert (
        "By category:\n  Contraindications  2/5 right  40%\n  Positioning        1/2 right  50%\n  Anatomy            0/2 right  0%"
        in out
    )
    assert " 5. How many bones does an adult have?\n    Your answer: 210\n    The answer: 206 ± 2\n    Count them again.\n" in out

    stats = json.loads(run_cli("stats", "--json", "--content", str(root)).stdout)
    assert (stats["answered"], stats["correct"], stats["streak"], stats["answered_today"]) == (9, 3, 1, 9)
    assert stats["by_category"]["Contraindications"] == {"answered": 5, "correct": 2, "accuracy": 0.4}
    assert stats["new_left_today"] == 0 and stats["due_week"] == 9 and isinstance(stats["due"], int)
    text = run_cli("stats", "--content", str(root)).stdout
    assert text.startswith("Answered  9 (3 right, 33%)\n") and "Streak    1 day (9 answered today)" in text


def test_exam_mode_marks_at_the_end(tree, run_cli):
    root = tree(FILES)
    result = run_cli(
        "practice",
        "--page",
        "gout",
        "--mode",
        "exam",
        "--no-shuffle",
        "--content",
        str(root),
        input="\n".join(["a", "a b", "t", "urate", "c"]) + "\n",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "5 questions · contraindications/gout · exam mode" in out
    assert "Right." not in out.split("Session complete.")[0] and "Why:" not in out.split("Session complete.")[0]
    assert "Score: 3 of 5 (60%) · 3 right, 2 wrong" in out
    assert "    Your answer: True\n    The answer: False\n    Why: Avoid it." in out


def test_nothing_due_explains_what_to_do(tree, run_cli):
    root = tree(FILES)
    first = run_cli("practice", "--new-per-day", "2", "--no-shuffle", "--content", str(root), input="a\na b\n")
    assert first.returncode == 0 and "2 questions · due for review · all topics · practice mode" in first.stdout
    second = run_cli("practice", "--new-per-day", "2", "--content", str(root), input="")
    assert second.returncode == 1
    assert second.stdout.startswith(
        "Nothing is due for review and today's new questions are done; the next review is in "
    )
    assert second.stdout.rstrip().endswith("Try --all, --missed or --category to practise anyway.")


def test_other_options_set_an_unfinished_session_aside(tree, run_cli):
    root = tree(FILES)
    run_cli("practice", "--all", "--no-shuffle", "--content", str(root), input="a\nq\n")
    result = run_cli("practice", "--page", "prone", "--no-shuffle", "--content", str(root), input="a\nbolster\n")
    assert "(1 of 9 answered) is set aside; its answers are kept." in result.stdout
    assert "Score: 2 of 2 (100%)" in result.stdout
    # Without options: what is due (nothing yet) and the six questions never answered.
    assert run_cli("practice", "--content", str(root), input="q\n").stdout.startswith("6 questions · due for review")


def _read_until(stream, marker: str, seen: list[str], timeout: float = 30) -> str:
    """Read from a pipe until `marker` appears in what was read since the last call."""
    deadline = time.monotonic() + timeout
    text = ""
    while marker not in text:
        ready, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise AssertionError(f"timed out waiting for {marker!r}; got {''.join(seen)}{text}")
        chunk = os.read(stream.fileno(), 65536).decode("utf-8")
        if not chunk:
            raise AssertionError(f"output ended before {marker!r}; got {''.join(seen)}{text}")
        text += chunk
    seen.append(text)
    return text


def test_sigkill_in_the_middle_of_a_session_loses_no_committed_answer(tree, run_cli, tmp_path):
    root = tree(FILES)
    data = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(REPO), "HANDBOOK_DATA_DIR": str(data)}
    process = subprocess.Popen(
        [sys.executable, "-m", "handbook", "practice", "--all", "--count", "0", "--no-shuffle", "--content", str(root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    seen: list[str] = []
    try:
        _read_until(process.stdout, "Your answer", seen)
        for line in RIGHT_LINES[:3]:
            process.stdin.write((line + "\n").encode())
            process.stdin.flush()
            # Feedback is shown only after the answer is committed; then the next question waits.
            _read_until(process.stdout, "Your answer", seen)
        assert "".join(seen).count("Right.") == 3
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
        process.stdin.close()
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL

    db = sqlite3.connect(data / "progress.sqlite3")
    assert [row[0] for row in db.execute("SELECT question_id FROM answers ORDER BY id")] == IDS
    assert db.execute("SELECT status FROM sessions").fetchall() == [("open",)]
    assert db.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == 3
    db.close()

    resumed = run_cli("practice", "--content", str(root), input="\n".join(RIGHT_LINES[3:]) + "\n")
    assert resumed.returncode == 0, resumed.stderr
    assert resumed.stderr == ""  # no damage notice: the database survived the kill
    assert resumed.stdout.startswith("Carrying on with your session of ")
    assert ": 3 of 9 answered · all topics · practice mode" in resumed.stdout
    assert (
        "Question 4 of 9 · Contraindications · contraindications/gout\nWhat crystals build up in gout?"
        in resumed.stdout
    )
    assert "Score: 9 of 9 (100%) · 9 right, 0 wrong" in resumed.stdout


def test_results_csv_for_an_instructor(tree, run_cli, tmp_path):
    root = tree(FILES)
    answers = ["a", "a b", "f", "q"]
    run_cli("practice", "--page", "gout", "--no-shuffle", "--content", str(root), input="\n".join(answers) + "\n")
    run_cli("practice", "--page", "prone", "--no-shuffle", "--content", str(root), input="b\n=SUM(A1)\n")
    target = tmp_path / "results.csv"
    written = run_cli("results", "--csv", str(target), "--content", str(root))
    assert written.returncode == 0 and written.stderr.strip() == f"wrote 5 answers to {target}"
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheets read UTF-8 with a byte-order mark
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["question"], r["topic"], r["category"], r["result"]) for r in rows] == [
        (
            "contraindications/gout#which-joint-is-most-often-affected-first",
            "contraindications/gout",
            "Contraindications",
            "right",
        ),
        (
            "contraindications/gout#which-of-these-are-signs-of-a-flare-select-all",
            "contraindications/gout",
            "Contraindications",
            "right",
        ),
        (
            "contraindications/gout#true-or-false-you-can-massage-a-flaring-joint-firmly",
            "contraindications/gout",
            "Contraindications",
            "right",
        ),
        ("positioning/prone#where-does-the-face-go-in-prone", "positioning/prone", "Positioning", "wrong"),
        ("positioning/prone#which-bolster-goes-under-the-ankles-in-prone", "positioning/prone", "Positioning", "wrong"),
    ]
    assert rows[0]["prompt"] == "Which joint is most often affected first?" and rows[0]["answer"] == "The big toe"
    assert rows[4]["answer"] == "'=SUM(A1)"  # a typed formula stays text
    # local time as spreadsheets read a date and time (no 'T', no offset), in the order answered
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", r["time"]) for r in rows)
    assert [r["time"] for r in rows] == sorted(r["time"] for r in rows)
    assert len({r["session"] for r in rows}) == 2
    listing = run_cli("results", "--content", str(root)).stdout
    assert listing.splitlines()[-1] == "5 answers" and "wrong        Positioning" in listing


def test_results_cells_that_look_like_formulas_stay_text_and_numbers_stay_numbers():
    from handbook.commands.results import _cell

    assert [_cell(text) for text in ("=SUM(A1)", "+1+cmd", "-2+3", "@x", "-1.5", "+3", "-0,5", "-", None)] == [
        "'=SUM(A1)", "'+1+cmd", "'-2+3", "'@x", "-1.5", "+3", "-0,5", "'-", "",
    ]


def test_a_damaged_progress_file_is_moved_aside_and_the_command_still_works(tree, run_cli, tmp_path):
    root = tree(FILES)
    data = tmp_path / "data"
    data.mkdir()
    (data / "progress.sqlite3").write_bytes(b"\x00garbage" * 512)
    result = run_cli("stats", "--content", str(root))
    assert result.returncode == 0
    moved = list(data.glob("progress.sqlite3.damaged-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == b"\x00garbage" * 512
    assert result.stderr.strip() == (
        f"handbook: warning: the progress database {data / 'progress.sqlite3'} was damaged (file is not a database);"
        f" it was moved to {moved[0]} and a new one was started"
    )
    assert result.stdout.startswith("No answers yet")
