"""The `ProgressStore`: every answer, review card and session, in SQLite in the data folder.

Each answer is committed, with its card, in one transaction the moment it is given (WAL
journal, synchronous=FULL), so a killed process or a power cut loses nothing that was
answered. The schema is versioned (`PRAGMA user_version`) and migrated step by step. A
damaged file is never deleted: it is moved aside, a notice names where it went, and a fresh
database is started. One `ProgressStore` may be used from one thread at a time, any thread.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from fsrs import Card

from handbook.quiz.ids import rekeyed_id

FILE_NAME = "progress.sqlite3"
_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


class ProgressStoreError(Exception):
    """The progress database cannot be used (folder not writable, written by a newer handbook)."""


def _schema_1(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL DEFAULT 'open',
            mode TEXT NOT NULL,
            scope TEXT NOT NULL,
            seed INTEGER NOT NULL,
            time_limit REAL,
            plan TEXT NOT NULL
        );
        CREATE TABLE answers (
            id INTEGER PRIMARY KEY,
            session_id INTEGER REFERENCES sessions(id),
            question_id TEXT NOT NULL,
            answered_at TEXT NOT NULL,
            response TEXT NOT NULL,
            answer_text TEXT NOT NULL,
            score REAL NOT NULL,
            correct INTEGER NOT NULL,
            rating INTEGER NOT NULL,
            prompt TEXT NOT NULL,
            topic TEXT,
            category TEXT NOT NULL,
            card_before TEXT,
            card_after TEXT NOT NULL
        );
        CREATE INDEX answers_by_question ON answers(question_id);
        CREATE INDEX answers_by_session ON answers(session_id);
        CREATE TABLE cards (
            question_id TEXT PRIMARY KEY,
            card TEXT NOT NULL,
            due REAL NOT NULL,
            first_review REAL NOT NULL,
            last_review REAL NOT NULL
        );
        CREATE INDEX cards_by_due ON cards(due);
        """,
    )


def _schema_2(db: sqlite3.Connection) -> None:
    # handbook 0.1.0 ended a long id (a key over 80 characters) with a hash of the text, so fixing a
    # comma in a long prompt started a new question. The hash is now of the key; carry the history
    # of such questions over, finding each one's text in the prompt its answers kept (a page's
    # prompt starts with its heading). A long GIFT ::name:: is not kept and cannot be carried over.
    mapping: dict[str, str] = {}
    for question_id, prompt in db.execute("SELECT DISTINCT question_id, prompt FROM answers").fetchall():
        new = rekeyed_id(question_id, (prompt, prompt.split("\n\n", 1)[0]))
        if new is not None and new != question_id and question_id not in mapping:
            mapping[question_id] = new
    taken = {row[0] for row in db.execute("SELECT question_id FROM cards")}
    moved: dict[str, str] = {}
    for old, new in mapping.items():
        if new in taken:
            continue  # two questions that differed only in punctuation: the first keeps the history
        db.execute("UPDATE answers SET question_id = ? WHERE question_id = ?", (new, old))
        db.execute("UPDATE cards SET question_id = ? WHERE question_id = ?", (new, old))
        taken.add(new)
        moved[old] = new
    if not moved:
        return
    for session_id, scope_text, plan_text in db.execute("SELECT id, scope, plan FROM sessions").fetchall():
        scope, plan = json.loads(scope_text), json.loads(plan_text)
        if isinstance(scope, dict) and isinstance(scope.get("questions"), list):
            scope["questions"] = [moved.get(qid, qid) for qid in scope["questions"]]
        for item in plan if isinstance(plan, list) else ():
            if isinstance(item, dict) and item.get("id") in moved:
                item["id"] = moved[item["id"]]
        db.execute("UPDATE sessions SET scope = ?, plan = ? WHERE id = ?", (json.dumps(scope), json.dumps(plan), session_id))


def _run_script(db: sqlite3.Connection, script: str) -> None:
    # Not executescript(): it commits first, and a migration must stay inside its transaction.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


# MIGRATIONS[n] turns a version n-1 database into version n; each runs in its own transaction.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _schema_1, 2: _schema_2}
TABLES = {"sessions", "answers", "cards"}


@dataclass(frozen=True)
class SessionRecord:
    id: int
    started_at: datetime
    finished_at: datetime | None
    status: str  # open, finished, abandoned
    mode: str
    scope: dict
    seed: int
    time_limit: float | None  # seconds
    plan: list[dict]  # [{"id": question id, "order": [choice indices as shown]}]


@dataclass(frozen=True)
class AnswerRecord:
    id: int
    session_id: int | None
    question_id: str
    answered_at: datetime
    response: object  # JSON
    answer_text: str
    score: float
    correct: bool
    rating: int
    prompt: str
    topic: str | None
    category: str


@dataclass(frozen=True)
class CardRecord:
    question_id: str
    card: Card
    first_review: datetime
    last_review: datetime

    @property
    def due(self) -> datetime:
        return self.card.due


def _time(when: datetime) -> str:
    return when.astimezone(timezone.utc).isoformat(timespec="milliseconds")


def _parse_time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _epoch(when: datetime) -> float:
    return when.astimezone(timezone.utc).timestamp()


def _from_epoch(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, timezone.utc)


class ProgressStore:
    """Answers, cards and sessions of one trainee, in `path` (usually `<data dir>/progress.sqlite3`)."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self.notices: list[str] = []  # things the trainee should be told (a damaged file moved aside)
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ProgressStoreError(
                f"cannot create the data folder {self.path.parent}: {exc.strerror or exc}"
            ) from exc
        self._db = self._open()

    @classmethod
    def in_data_dir(cls, data_dir: str | os.PathLike) -> ProgressStore:
        return cls(Path(data_dir) / FILE_NAME)

    # -- opening, checking, migrating -----------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise ProgressStoreError(f"cannot open {self.path}: {exc}") from exc
        return db

    def _open(self) -> sqlite3.Connection:
        db = self._connect()
        try:
            self._prepare_when_free(db)
            return db
        except sqlite3.DatabaseError as exc:
            db.close()
            if not _is_corruption(exc):
                raise ProgressStoreError(f"cannot use {self.path}: {exc}") from exc
            reason = str(exc)
        except _Damaged as exc:
            db.close()
            reason = str(exc)
        moved = self._move_aside()
        self.notices.append(
            f"the progress database {self.path} was damaged ({reason}); it was moved to {moved}"
            " and a new one was started"
        )
        db = self._connect()
        self._prepare_when_free(db)
        return db

    def _prepare_when_free(self, db: sqlite3.Connection) -> None:
        # Switching to WAL needs the file to itself, and SQLite answers "locked" at once,
        # without waiting, when another process is opening the same new file; so wait here.
        deadline = time.monotonic() + _OPEN_PATIENCE
        while True:
            try:
                self._prepare(db)
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _prepare(self, db: sqlite3.Connection) -> None:
        db.execute("PRAGMA busy_timeout = 10000")
        result = db.execute("PRAGMA quick_check").fetchone()
        if result is None or result[0] != "ok":
            raise _Damaged(f"integrity check: {result[0] if result else 'no answer'}")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        latest = max(MIGRATIONS)
        if version > latest:
            raise ProgressStoreError(
                f"{self.path} was written by a newer handbook (schema {version}; this one knows up to {latest});"
                " update handbook, or choose another folder with --data-dir"
            )
        if version >= 1:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not TABLES <= tables:
                raise _Damaged(f"tables missing: {', '.join(sorted(TABLES - tables))}")
        # WAL is kept in the file; asking again only contends with other processes for nothing.
        if db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        for step in range(version + 1, latest + 1):
            db.execute("BEGIN IMMEDIATE")
            try:
                # Another process may have migrated while we waited for the lock.
                if db.execute("PRAGMA user_version").fetchone()[0] >= step:
                    db.execute("ROLLBACK")
                    continue
                MIGRATIONS[step](db)
                db.execute(f"PRAGMA user_version = {step}")
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def _move_aside(self) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        number = 1
        while target.exists():
            number += 1
            target = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{number}")
        os.replace(self.path, target)
        for suffix in ("-wal", "-shm"):
            companion = Path(str(self.path) + suffix)
            if companion.exists():
                os.replace(companion, Path(str(target) + suffix))
        return target

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._lock:
            return self._db.execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _query(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, parameters).fetchall()

    # -- sessions -----------------------------------------------------------------------
    def create_session(
        self, *, mode: str, scope: dict, seed: int, time_limit: float | None, plan: list[dict], started_at: datetime
    ) -> SessionRecord:
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO sessions (started_at, mode, scope, seed, time_limit, plan) VALUES (?, ?, ?, ?, ?, ?)",
                (_time(started_at), mode, json.dumps(scope), seed, time_limit, json.dumps(plan)),
            )
            session_id = cursor.lastrowid
        return self.session(session_id)

    def set_plan(self, session_id: int, plan: list[dict]) -> None:
        with self._transaction() as db:
            db.execute("UPDATE sessions SET plan = ? WHERE id = ?", (json.dumps(plan), session_id))

    def close_session(self, session_id: int, status: str, when: datetime) -> None:
        """Mark a session finished or abandoned (its answers stay)."""
        with self._transaction() as db:
            db.execute(
                "UPDATE sessions SET status = ?, finished_at = ? WHERE id = ? AND status = 'open'",
                (status, _time(when), session_id),
            )

    def session(self, session_id: int) -> SessionRecord | None:
        rows = self._query(f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,))
        return _session(rows[0]) if rows else None

    def open_sessions(self) -> list[SessionRecord]:
        """Sessions not finished or abandoned, newest first."""
        rows = self._query(f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE status = 'open' ORDER BY id DESC")
        return [_session(row) for row in rows]

    def sessions(self) -> list[SessionRecord]:
        return [_session(row) for row in self._query(f"SELECT {_SESSION_COLUMNS} FROM sessions ORDER BY id")]

    # -- answers and cards ---------------------------------------------------------------
    def record_answer(
        self,
        *,
        session_id: int | None,
        question_id: str,
        answered_at: datetime,
        response: object,
        answer_text: str,
        score: float,
        correct: bool,
        rating: int,
        prompt: str,
        topic: str | None,
        category: str,
        card_before: Card | None,
        card_after: Card,
        close_session: str | None = None,
    ) -> AnswerRecord:
        """Commit one answer and its card (and close its session when this was the last question)."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO answers (session_id, question_id, answered_at, response, answer_text, score, correct,"
                " rating, prompt, topic, category, card_before, card_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    question_id,
                    _time(answered_at),
                    json.dumps(response),
                    answer_text,
                    score,
                    int(correct),
                    int(rating),
                    prompt,
                    topic,
                    category,
                    card_before.to_json() if card_before else None,
                    card_after.to_json(),
                ),
            )
            answer_id = cursor.lastrowid
            db.execute(
                "INSERT INTO cards (question_id, card, due, first_review, last_review) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(question_id) DO UPDATE SET card = excluded.card, due = excluded.due,"
                " last_review = excluded.last_review",
                (question_id, card_after.to_json(), _epoch(card_after.due), _epoch(answered_at), _epoch(answered_at)),
            )
            if close_session and session_id is not None:
                db.execute(
                    "UPDATE sessions SET status = ?, finished_at = ? WHERE id = ? AND status = 'open'",
                    (close_session, _time(answered_at), session_id),
                )
        return self.answer(answer_id)

    def change_rating(self, answer_id: int, rating: int, card_after: Card) -> None:
        """Replace the rating (and resulting card) of the latest answer to its question."""
        with self._transaction() as db:
            row = db.execute("SELECT question_id FROM answers WHERE id = ?", (answer_id,)).fetchone()
            if row is None:
                raise KeyError(answer_id)
            latest = db.execute("SELECT MAX(id) FROM answers WHERE question_id = ?", (row[0],)).fetchone()[0]
            if latest != answer_id:
                raise ValueError("only the latest answer to a question can be re-rated")
            db.execute(
                "UPDATE answers SET rating = ?, card_after = ? WHERE id = ?",
                (int(rating), card_after.to_json(), answer_id),
            )
            db.execute(
                "UPDATE cards SET card = ?, due = ? WHERE question_id = ?",
                (card_after.to_json(), _epoch(card_after.due), row[0]),
            )

    def answer(self, answer_id: int) -> AnswerRecord | None:
        rows = self._query(f"SELECT {_ANSWER_COLUMNS} FROM answers WHERE id = ?", (answer_id,))
        return _answer(rows[0]) if rows else None

    def card_before(self, answer_id: int) -> Card | None:
        rows = self._query("SELECT card_before FROM answers WHERE id = ?", (answer_id,))
        return Card.from_json(rows[0][0]) if rows and rows[0][0] else None

    def session_answers(self, session_id: int) -> list[AnswerRecord]:
        rows = self._query(f"SELECT {_ANSWER_COLUMNS} FROM answers WHERE session_id = ? ORDER BY id", (session_id,))
        return [_answer(row) for row in rows]

    def answers(self) -> list[AnswerRecord]:
        """Every answer ever given, oldest first."""
        return [_answer(row) for row in self._query(f"SELECT {_ANSWER_COLUMNS} FROM answers ORDER BY id")]

    def card(self, question_id: str) -> CardRecord | None:
        rows = self._query(
            "SELECT question_id, card, first_review, last_review FROM cards WHERE question_id = ?", (question_id,)
        )
        return _card(rows[0]) if rows else None

    def cards(self) -> dict[str, CardRecord]:
        rows = self._query("SELECT question_id, card, first_review, last_review FROM cards")
        return {row[0]: _card(row) for row in rows}

    def new_cards_since(self, when: datetime) -> int:
        """How many questions were answered for the first time at or after `when`."""
        return self._query("SELECT COUNT(*) FROM cards WHERE first_review >= ?", (_epoch(when),))[0][0]

    def miss_counts(self) -> dict[str, tuple[int, int, datetime]]:
        """For each question answered wrongly: (times wrong, times answered, last wrong answer)."""
        rows = self._query(
            "SELECT question_id, SUM(correct = 0), COUNT(*), MAX(CASE WHEN correct = 0 THEN answered_at END)"
            " FROM answers GROUP BY question_id HAVING SUM(correct = 0) > 0"
        )
        return {row[0]: (row[1], row[2], _parse_time(row[3])) for row in rows}


class _Damaged(Exception):
    pass


_OPEN_PATIENCE = 10.0  # seconds another process may hold the file while we open it


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in _CORRUPT_CODES
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text


_SESSION_COLUMNS = "id, started_at, finished_at, status, mode, scope, seed, time_limit, plan"
_ANSWER_COLUMNS = (
    "id, session_id, question_id, answered_at, response, answer_text, score, correct, rating, prompt, topic, category"
)


def _session(row: tuple) -> SessionRecord:
    return SessionRecord(
        id=row[0],
        started_at=_parse_time(row[1]),
        finished_at=_parse_time(row[2]),
        status=row[3],
        mode=row[4],
        scope=json.loads(row[5]),
        seed=row[6],
        time_limit=row[7],
        plan=json.loads(row[8]),
    )


def _answer(row: tuple) -> AnswerRecord:
    return AnswerRecord(
        id=row[0],
        session_id=row[1],
        question_id=row[2],
        answered_at=_parse_time(row[3]),
        response=json.loads(row[4]),
        answer_text=row[5],
        score=row[6],
        correct=bool(row[7]),
        rating=row[8],
        prompt=row[9],
        topic=row[10],
        category=row[11],
    )


def _card(row: tuple) -> CardRecord:
    return CardRecord(row[0], Card.from_json(row[1]), _from_epoch(row[2]), _from_epoch(row[3]))
