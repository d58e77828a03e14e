from __future__ import annotations

import json
import os

import pytest

from handbook.reading_state import Bookmarks, Preferences, ReadingHistory, write_json


def test_bookmarks_toggle_and_survive_a_new_instance(tmp_path):
    bookmarks = Bookmarks(tmp_path)
    assert bookmarks.slugs == [] and bookmarks.notices == []
    assert bookmarks.toggle("c/dvt") is True
    assert bookmarks.toggle("c/hemophilia") is True
    assert bookmarks.toggle("c/dvt") is False
    again = Bookmarks(tmp_path)
    assert again.slugs == ["c/hemophilia"]
    assert "c/hemophilia" in again and "c/dvt" not in again and len(again) == 1


def test_recent_pages_most_recent_first_without_duplicates_and_bounded(tmp_path):
    history = ReadingHistory(tmp_path, limit=3)
    for slug in ["a", "b", "a", "c", "d"]:
        history.opened(slug)
    assert history.slugs == ["d", "c", "a"]
    assert history.last == "d"
    assert ReadingHistory(tmp_path, limit=3).slugs == ["d", "c", "a"]


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00garbage", b'{"a": 1}', b"[1, null, \"ok\", \"ok\"]", b""],
)
def test_a_corrupt_file_is_reported_and_treated_as_empty(tmp_path, content):
    (tmp_path / "bookmarks.json").write_bytes(content)
    (tmp_path / "recent.json").write_bytes(content)
    bookmarks = Bookmarks(tmp_path)
    history = ReadingHistory(tmp_path)
    if content == b'[1, null, "ok", "ok"]':
        # Only the strings survive, once each; nothing to report about a list.
        assert bookmarks.slugs == ["ok"] and history.slugs == ["ok"]
    else:
        assert bookmarks.slugs == [] and history.slugs == []
        assert bookmarks.notices and "bookmarks.json" in bookmarks.notices[0]
        assert history.notices and "recent.json" in history.notices[0]
    # And it keeps working: the next change replaces the bad file with good JSON.
    bookmarks.toggle("x")
    assert json.loads((tmp_path / "bookmarks.json").read_text()) == [*bookmarks.slugs]


def test_an_unreadable_file_is_reported_not_raised(tmp_path):
    (tmp_path / "recent.json").mkdir()  # a folder where the file should be: reading fails with OSError
    history = ReadingHistory(tmp_path)
    assert history.slugs == [] and "cannot be read" in history.notices[0]


def test_preferences_keep_the_theme_and_reject_a_non_object(tmp_path):
    prefs = Preferences(tmp_path)
    assert prefs.theme is None
    prefs.theme = "textual-light"
    assert Preferences(tmp_path).theme == "textual-light"
    (tmp_path / "preferences.json").write_text("[1, 2]")
    bad = Preferences(tmp_path)
    assert bad.theme is None and "expected a JSON object" in bad.notices[0]


def test_write_is_atomic_and_leaves_no_temporary_files(tmp_path, monkeypatch):
    target = tmp_path / "sub" / "bookmarks.json"
    write_json(target, ["a"])
    assert json.loads(target.read_text()) == ["a"]

    def failing_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError):
        write_json(target, ["b"])
    # The old file is intact and the temporary file was removed.
    assert json.loads(target.read_text()) == ["a"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["bookmarks.json"]
