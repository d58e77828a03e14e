"""Starting and resuming quiz sessions for the screens: the same rules as `handbook practice`.

No Textual here: these run in worker threads and raise `QuizStartError` with a message fit to
show the trainee. The question bank is read once per loaded library (it takes a few tenths of
a second on the shipped handbook) and shared.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from handbook.commands.quiz_text import when_due
from handbook.library import Library
from handbook.quiz.bank import QuestionBank, load_question_bank
from handbook.quiz.progress import ProgressStore, ProgressStoreError
from handbook.quiz.scope import Pool, Scope, ScopeError, resolve_scope
from handbook.quiz.session import Mode, NothingToAsk, QuizSession

DEFAULT_COUNT = 10

_bank_lock = threading.Lock()
_bank_for: tuple[Library, QuestionBank] | None = None


class QuizStartError(Exception):
    """A session cannot start (nothing in the scope, an unknown category, an unusable database)."""


@dataclass
class OpenedSession:
    """A session ready to show, with what the trainee should be told first."""

    session: QuizSession
    notices: list[str] = field(default_factory=list)


def question_bank(library: Library) -> QuestionBank:
    """Every question of `library` (generated ones too: a resumed session may hold them), read once."""
    global _bank_for
    with _bank_lock:
        if _bank_for is not None and _bank_for[0] is library:
            return _bank_for[1]
        bank = load_question_bank(library)
        _bank_for = (library, bank)
        return bank


def open_store(data_dir: Path) -> tuple[ProgressStore, list[str]]:
    """The progress database in `data_dir` and its notices (a damaged file moved aside)."""
    try:
        store = ProgressStore.in_data_dir(data_dir)
    except ProgressStoreError as exc:
        raise QuizStartError(str(exc)) from exc
    return store, list(store.notices)


def new_session(
    library: Library,
    data_dir: Path,
    scope: Scope | None = None,
    count: int | None = DEFAULT_COUNT,
    mode: Mode | str = Mode.PRACTICE,
    time_limit: float | None = None,
    *,
    seed: int | None = None,
    shuffle: bool = True,
    now: datetime | None = None,
) -> OpenedSession:
    """Start a session (`time_limit` in minutes; `count` None or 0 for every question in scope).

    An unfinished session is set aside (abandoned, its answers kept), as `handbook practice` does
    when it starts a new one.
    """
    bank = question_bank(library)
    try:
        scope = resolve_scope(bank, scope or Scope())
    except ScopeError as exc:
        raise QuizStartError(_sentence(str(exc))) from exc
    store, notices = open_store(data_dir)
    try:
        session = QuizSession.start(
            bank,
            store,
            scope=scope,
            count=count or None,
            mode=Mode(mode),
            seed=seed,
            shuffle=shuffle,
            time_limit=time_limit * 60 if time_limit else None,
            now=now,
        )
    except NothingToAsk as exc:
        message = str(exc)
        if scope.pool is Pool.DUE:
            upcoming = [card.due for qid, card in store.cards().items() if qid in bank.by_id]
            if upcoming:
                message += f"; the next review is {when_due(min(upcoming), now or datetime.now(timezone.utc))}"
        store.close()
        raise QuizStartError(_sentence(message)) from exc
    except BaseException:
        store.close()
        raise
    for record in store.open_sessions():
        if record.id == session.id:
            continue
        unfinished = QuizSession.resume(bank, store, record.id)
        if unfinished is not None:
            unfinished.abandon(now)
            notices.append(
                f"Your unfinished session ({unfinished.position} of {unfinished.total} answered)"
                " is set aside; its answers are kept."
            )
    return OpenedSession(session, notices)


def unfinished_session(library: Library, data_dir: Path) -> OpenedSession | None:
    """The latest unfinished session, ready to carry on, or None (and the store closed) when there is none."""
    bank = question_bank(library)
    store, notices = open_store(data_dir)
    try:
        session = QuizSession.resume(bank, store)
    except BaseException:
        store.close()
        raise
    if session is None or session.finished:
        store.close()
        return None
    return OpenedSession(session, notices + [_sentence(notice) for notice in session.notices])


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")
