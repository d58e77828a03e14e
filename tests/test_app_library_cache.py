"""The copy of the library the app starts from: used only for an unchanged folder, never trusted blindly."""

from __future__ import annotations

import os
import pickle

from handbook import library_cache
from handbook.content_check import check_content
from handbook.library import load_library
from handbook.library_cache import cache_file, content_snapshot, load_cached, save_cached
from tests.app_content import PAGES


def saved(tree, tmp_path):
    root = tree(PAGES)
    data = tmp_path / "data"
    library = load_library(root)
    save_cached(data, root, content_snapshot(root), library, check_content(library))
    return root, data, library


def test_an_unchanged_folder_comes_back_whole(tree, tmp_path):
    root, data, library = saved(tree, tmp_path)
    cached = load_cached(data, root, content_snapshot(root))
    assert cached is not None
    copy, problems = cached
    assert copy.pages == library.pages and copy.categories == library.categories
    assert copy.backlinks == library.backlinks and problems == check_content(library)


def test_an_edited_added_or_deleted_file_is_a_miss(tree, tmp_path):
    root, data, _ = saved(tree, tmp_path)
    (root / "c" / "dvt.md").write_text(PAGES["c/dvt.md"] + "\nMore.\n")
    assert load_cached(data, root, content_snapshot(root)) is None
    root2, data2, _ = saved(tree, tmp_path / "again")
    (root2 / "new.md").write_text("# New\n")
    assert load_cached(data2, root2, content_snapshot(root2)) is None


def test_a_change_in_the_code_that_reads_content_is_a_miss(tree, tmp_path, monkeypatch):
    root, data, _ = saved(tree, tmp_path)
    monkeypatch.setattr(library_cache, "_code_stamp", lambda: ("another version",))
    assert load_cached(data, root, content_snapshot(root)) is None


def test_a_broken_or_truncated_copy_is_a_miss(tree, tmp_path):
    root, data, _ = saved(tree, tmp_path)
    path = cache_file(data, root)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    assert load_cached(data, root, content_snapshot(root)) is None
    path.write_bytes(b"not a pickle")
    assert load_cached(data, root, content_snapshot(root)) is None


class RunsCode:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


def test_a_tampered_copy_cannot_run_code(tree, tmp_path, monkeypatch):
    root, data, _ = saved(tree, tmp_path)
    monkeypatch.chdir(tmp_path)
    cache_file(data, root).write_bytes(pickle.dumps(RunsCode()))
    assert load_cached(data, root, content_snapshot(root)) is None
    assert not (tmp_path / "pwned").exists()


def test_the_snapshot_skips_hidden_names_and_sees_every_other_file(tree):
    root = tree({**PAGES, ".git/HEAD": "x", "notes.gift": "::q:: a {T}"})
    snapshot = content_snapshot(root)
    assert "notes.gift" in snapshot and "_categories.yml" in snapshot
    assert not any(name.startswith(".git") for name in snapshot)
