"""The progress store: answers committed at once, schema versions and migrations, damaged files."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from handbook.quiz import progress
from handbook.quiz.progress import ProgressStore, ProgressStoreError
from handbook.quiz.scheduling import Rating, ReviewScheduler
from tests.conftest import REPO

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)


def record(store: ProgressStore, question_id: str = "p#q", correct: bool = True, session_id=None):
    scheduler = ReviewScheduler(fuzz=False)
    card = scheduler.review(scheduler.new_card(question_id, NOW), Rating.Good if correct else Rating.Again, NOW)
    return store.record_answer(
        session_id=session_id,
        question_id=question_id,
        answered_at=NOW,
        response=1,
        answer_text="b",
        score=float(correct),
        correct=correct,
        rating=Rating.Good if correct else Rating.Again,
        prompt="Q?",
        topic="p",
        category="C",
        card_before=None,
        card_after=card,
    )


def test_an_answer_is_committed_the_moment_it_is_recorded(tmp_path):
    path = tmp_path / "data" / "progress.sqlite3"
    store = ProgressStore(path)
    assert store.schema_version == max(progress.MIGRATIONS)
    assert store._query("PRAGMA journal_mode")[0][0] == "wal"
    record(store)
    # Another connection (another process, a crash later) sees it without any close or flush.
    other = sqlite3.connect(path)
    assert other.execute("SELECT question_id, correct FROM answers").fetchall() == [("p#q", 1)]
    other.close()
    again = ProgressStore(path)
    assert [a.question_id for a in again.answers()] == ["p#q"] and again.card("p#q").due > NOW
    assert again.notices == [] and store.notices == []


def test_a_database_from_a_newer_handbook_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "progress.sqlite3"
    ProgressStore(path).close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    before = path.read_bytes()
    with pytest.raises(ProgressStoreError, match="newer handbook"):
        ProgressStore(path)
    assert path.read_bytes() == before


def test_migrations_run_once_in_order_and_keep_the_data(tmp_path, monkeypatch):
    path = tmp_path / "progress.sqlite3"
    store = ProgressStore(path)
    record(store)
    store.close()
    calls = []

    def add_note_column(db):
        calls.append(True)
        db.execute("ALTER TABLE answers ADD COLUMN note TEXT")

    step = max(progress.MIGRATIONS) + 1
    monkeypatch.setitem(progress.MIGRATIONS, step, add_note_column)
    migrated = ProgressStore(path)
    assert migrated.schema_version == step and calls == [True]
    assert [a.question_id for a in migrated.answers()] == ["p#q"]
    assert "note" in {row[1] for row in migrated._query("PRAGMA table_info(answers)")}
    migrated.close()
    ProgressStore(path).close()
    assert calls == [True]


def test_a_failing_migration_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "progress.sqlite3"
    ProgressStore(path).close()

    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    latest = max(progress.MIGRATIONS)
    monkeypatch.setitem(progress.MIGRATIONS, latest + 1, broken)
    with pytest.raises(RuntimeError):
        ProgressStore(path)
    monkeypatch.delitem(progress.MIGRATIONS, latest + 1)
    store = ProgressStore(path)
    assert store.schema_version == latest
    assert not store._query("SELECT name FROM sqlite_master WHERE name = 'half_done'")


@pytest.mark.parametrize("damage", ["garbage", "torn page", "no tables"])
def test_a_damaged_database_is_moved_aside_with_a_notice_and_a_fresh_one_started(tmp_path, damage):
    path = tmp_path / "progress.sqlite3"
    store = ProgressStore(path)
    for number in range(200):
        record(store, f"p#q{number}")
    store.close()
    if damage == "garbage":
        path.write_bytes(b"this is not a database at all\n" * 100)
    elif damage == "torn page":
        data = bytearray(path.read_bytes())
        data[2 * 4096 : 2 * 4096 + 1000] = b"\xff" * 1000  # scribble over the answers table's root page
        path.write_bytes(bytes(data))
    else:
        path.unlink()
        db = sqlite3.connect(path)
        db.execute("PRAGMA user_version = 1")
        db.close()
    damaged = path.read_bytes()
    fresh = ProgressStore(path)
    assert len(fresh.notices) == 1
    notice = fresh.notices[0]
    moved = list(tmp_path.glob("progress.sqlite3.damaged-*"))
    assert len(moved) == 1 and moved[0].name.startswith("progress.sqlite3.damaged-") and "-wal" not in moved[0].name
    assert moved[0].read_bytes() == damaged  # kept, never deleted
    assert f"the progress database {path} was damaged" in notice and f"moved to {moved[0]}" in notice
    assert fresh.answers() == []
    record(fresh)
    assert len(ProgressStore(path).answers()) == 1


def test_an_unusable_data_folder_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ProgressStoreError, match="cannot create the data folder"):
        ProgressStore(blocker / "data" / "progress.sqlite3")


def test_miss_counts_and_new_cards(tmp_path):
    store = ProgressStore(tmp_path / "p.sqlite3")
    record(store, "p#a", correct=False)
    record(store, "p#a", correct=True)
    record(store, "p#b", correct=True)
    misses = store.miss_counts()
    assert list(misses) == ["p#a"] and misses["p#a"][:2] == (1, 2)
    assert store.new_cards_since(NOW) == 2
    assert store.card("p#a").first_review == NOW


WRITER = """
import sys
from datetime import datetime, timezone
from handbook.quiz.progress import ProgressStore
from handbook.quiz.scheduling import Rating, ReviewScheduler

store = ProgressStore(sys.argv[1])
scheduler = ReviewScheduler()
now = datetime.now(timezone.utc)
for number in range(40):
    question_id = f"{sys.argv[2]}#q{number}"
    card = scheduler.review(scheduler.new_card(question_id, now), Rating.Good, now)
    store.record_answer(
        session_id=None, question_id=question_id, answered_at=now, response=1, answer_text="b", score=1.0,
        correct=True, rating=Rating.Good, prompt="Q?", topic=None, category="C", card_before=None, card_after=card,
    )
"""


def test_two_processes_answering_at_once_lose_nothing(tmp_path):
    path = tmp_path / "progress.sqlite3"
    env = {"PYTHONPATH": str(REPO)}
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), name], env=env, stderr=subprocess.PIPE)
        for name in ("one", "two")
    ]
    for writer in writers:
        assert writer.wait(timeout=60) == 0, writer.stderr.read().decode()
        writer.stderr.close()
    store = ProgressStore(path)
    assert len(store.answers()) == 80 and len(store.cards()) == 80 and store.notices == []


OPENER = """
import sys, time
from datetime import datetime, timezone
from pathlib import Path
from handbook.quiz.progress import ProgressStore
from handbook.quiz.scheduling import Rating, ReviewScheduler

folder, name, files, others = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4:]
scheduler = ReviewScheduler()
now = datetime.now(timezone.utc)
for number in range(files):
    # Meet the other process at each file, so that both open it at the same moment.
    (folder / f"ready-{number}-{name}").touch()
    given_up = time.monotonic() + 10  # the other process has failed; fail too, rather than hang
    while not all((folder / f"ready-{number}-{other}").exists() for other in others):
        if time.monotonic() > given_up:
            sys.exit(f"the other process never reached file {number}")
        time.sleep(0.001)
    with ProgressStore(folder / f"progress-{number}.sqlite3") as store:
        question_id = f"{name}#q"
        card = scheduler.review(scheduler.new_card(question_id, now), Rating.Good, now)
        store.record_answer(
            session_id=None, question_id=question_id, answered_at=now, response=1, answer_text="b", score=1.0,
            correct=True, rating=Rating.Good, prompt="Q?", topic=None, category="C", card_before=None,
            card_after=card,
        )
"""


def test_two_processes_creating_the_same_new_file_both_wait_their_turn(tmp_path):
    # The switch to WAL on a brand-new file can be refused at once while the other process is
    # doing the same; the two meet at each of a hundred new files, and neither may fail.
    files = 100
    env = {"PYTHONPATH": str(REPO)}
    names = ("one", "two")
    openers = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, str(tmp_path), name, str(files), *(set(names) - {name})],
            env=env, stderr=subprocess.PIPE,
        )
        for name in names
    ]
    for opener in openers:
        assert opener.wait(timeout=60) == 0, opener.stderr.read().decode()
        opener.stderr.close()
    for number in range(files):
        with ProgressStore(tmp_path / f"progress-{number}.sqlite3") as store:
            assert sorted(store.cards()) == ["one#q", "two#q"]


LONG_HEADING = "Which findings with a hot, swollen joint mean the client should see a doctor the same day? (select all)"
LONG_GIFT = "A client phones two days after a deep session: a dull ache across the low back. What is most likely?"
BANK_PAGE = f"""---
title: Gout
category: Contraindications
---
Text.

## Questions

### {LONG_HEADING}
A case: the client had a fall.

- [x] Fever
- [ ] Stiffness

> x

### {LONG_HEADING}
- [x] Fever
- [ ] Stiffness

> repeated on purpose: its id gets ~2

### Short one?
Answer: yes

> x
"""


def test_history_of_long_prompts_moves_to_the_ids_that_ignore_punctuation(tmp_path, monkeypatch, tree):
    # handbook 0.1.0 (schema 1) hashed a long key from the text with its punctuation; schema 2
    # re-keys those answers, cards and sessions so that the questions keep their history.
    from handbook.library import load_library
    from handbook.quiz import gift, ids, markdown_questions
    from handbook.quiz.bank import load_question_bank

    root = tree({"contraindications/gout.md": BANK_PAGE, "banks/back.gift": f"{LONG_GIFT} {{=soreness ~a tear}}\n"})
    bank = load_question_bank(load_library(root), generated=False)
    for module in (gift, markdown_questions):  # the ids handbook 0.1.0 gave
        monkeypatch.setattr(module, "question_key", ids.legacy_question_key)
    markdown_questions._parse_section.cache_clear()
    old_bank = load_question_bank(load_library(root), generated=False)
    monkeypatch.undo()
    markdown_questions._parse_section.cache_clear()
    now_ids = [q.id for q in bank]
    old_ids = [q.id for q in old_bank]
    assert [a == b for a, b in zip(old_ids, now_ids)] == [False, False, True, False]
    assert now_ids[1] == now_ids[0] + "~2"

    path = tmp_path / "progress.sqlite3"
    monkeypatch.setattr(progress, "MIGRATIONS", {1: progress.MIGRATIONS[1]})
    store = ProgressStore(path)
    scheduler = ReviewScheduler(fuzz=False)
    plan = [{"id": qid, "order": []} for qid in old_ids]
    session = store.create_session(
        mode="practice", scope={"pool": "all", "questions": old_ids[:2]}, seed=1, time_limit=None, plan=plan,
        started_at=NOW,
    )
    for question in old_bank:
        card = scheduler.review(scheduler.new_card(question.id, NOW), Rating.Good, NOW)
        store.record_answer(
            session_id=session.id, question_id=question.id, answered_at=NOW, response=0, answer_text="a",
            score=1.0, correct=True, rating=Rating.Good, prompt=question.prompt, topic=question.topic,
            category=question.category, card_before=None, card_after=card,
        )
    store.record_answer(  # a question deleted since: its id stays as it was
        session_id=None, question_id="gone#" + "x-" * 45 + "abcdef", answered_at=NOW, response=0, answer_text="a",
        score=1.0, correct=True, rating=Rating.Good, prompt="Gone?", topic=None, category="C", card_before=None,
        card_after=scheduler.review(scheduler.new_card("gone", NOW), Rating.Good, NOW),
    )
    assert store.schema_version == 1
    store.close()
    monkeypatch.undo()

    migrated = ProgressStore(path)
    assert migrated.schema_version == 2
    assert [a.question_id for a in migrated.answers()] == now_ids + ["gone#" + "x-" * 45 + "abcdef"]
    assert set(migrated.cards()) == set(now_ids) | {"gone#" + "x-" * 45 + "abcdef"}
    again = migrated.session(session.id)
    assert [item["id"] for item in again.plan] == now_ids and again.scope["questions"] == now_ids[:2]
    migrated.close()
