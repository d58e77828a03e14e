"""The index on disk: opened without rebuilding, updated page by page, rebuilt when broken."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh.util.filelock import FileLock

import handbook.search.index as index_module
from handbook.library import load_library
from handbook.search import SearchIndex, index_folder
from tests.conftest import write_tree
from tests.search_pages import PAGES, SYNONYMS, page


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "content", dict(PAGES))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def open_index(content: Path, data: Path, **options) -> SearchIndex:
    return SearchIndex.open(load_library(content), data, **options)


def slugs(index: SearchIndex, query: str) -> list[str]:
    return [result.slug for result in index.search(query).results]


def index_files(content: Path, data: Path) -> Path:
    return index_folder(data, content)


def test_index_lives_under_the_data_folder_one_per_content_folder(content, data, tmp_path):
    other = write_tree(tmp_path / "other", {"a.md": "# Alpha page\n"})
    with open_index(content, data) as first, open_index(other, data) as second:
        assert not first.in_memory and not second.in_memory
        assert first.page_count == len(PAGES) and second.page_count == 1
    folders = sorted(p.name for p in (data / "search").iterdir())
    assert len(folders) == 2
    note = (index_files(content, data) / "content-folder.txt").read_text(encoding="utf-8")
    assert note.strip() == str(content.resolve())


def test_unchanged_content_opens_the_existing_index_without_writing(content, data):
    with open_index(content, data) as index:
        generation = index.generation
    folder = index_files(content, data)
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    with open_index(content, data) as index:
        assert index.generation == generation
        assert slugs(index, "hemophilia")[0] == "contraindications/hemophilia"
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before


def test_edit_add_delete_and_rename_are_applied_incrementally(content, data):
    with open_index(content, data) as index:
        generation = index.generation
    (content / "contraindications/gout.md").write_text(page("Gout", "Crystals in a joint.", "Uric acid crystals."), encoding="utf-8")
    (content / "contraindications/hemophilia.md").write_text(
        page("Hemophilia", "Edited.", "Now mentions zymurgy."), encoding="utf-8"
    )
    (content / "warm-up/petrissage.md").unlink()
    (content / "positioning/prone.md").rename(content / "positioning/lying-prone.md")
    with open_index(content, data) as index:
        assert index.generation == generation + 1  # one commit for all four changes
        assert index.page_count == len(PAGES)  # +1 added, -1 deleted, renamed keeps the count
        assert slugs(index, "gout") == ["contraindications/gout"]
        assert slugs(index, "zymurgy") == ["contraindications/hemophilia"]
        assert "warm-up/petrissage" not in slugs(index, "petrissage kneading")
        assert slugs(index, "face down")[0] == "positioning/lying-prone"
        assert "positioning/prone" not in slugs(index, "face down cradle bolster")


def test_update_brings_an_open_index_up_to_date(content, data):
    with open_index(content, data) as index:
        assert slugs(index, "zymurgy") == []
        (content / "new.md").write_text("# Zymurgy\n", encoding="utf-8")
        index.update(load_library(content))
        assert slugs(index, "zymurgy") == ["new"]


def test_synonym_file_edits_apply_without_a_rebuild(content, data):
    with open_index(content, data) as index:
        generation = index.generation
        assert "positioning/prone" not in slugs(index, "tummy")
        (content / "_synonyms.yml").write_text("- [tummy, prone]\n", encoding="utf-8")
        index.update(load_library(content))  # the library learns the new settings file
        assert slugs(index, "tummy")[0] == "positioning/prone"
        os.utime(content / "_synonyms.yml", ns=(1, 1))
        (content / "_synonyms.yml").write_text("- [tummy, kneading]\n", encoding="utf-8")
        assert slugs(index, "tummy")[0] == "warm-up/petrissage"  # re-read on change, no reload
        assert index.generation == generation


def test_an_index_of_another_schema_version_is_replaced(content, data, monkeypatch):
    monkeypatch.setattr(index_module, "INDEX_NAME", "handbook_v0")
    with open_index(content, data):
        pass
    folder = index_files(content, data)
    assert any(name.startswith("_handbook_v0_") for name in os.listdir(folder))
    monkeypatch.undo()
    with open_index(content, data) as index:
        assert slugs(index, "hemophilia")[0] == "contraindications/hemophilia"
    names = os.listdir(folder)
    assert not any("handbook_v0" in name for name in names)
    assert any(name.startswith(f"_{index_module.INDEX_NAME}_") for name in names)


def _segment(folder: Path) -> Path:
    return max((p for p in folder.iterdir() if p.suffix == ".seg"), key=lambda p: p.stat().st_size)


@pytest.mark.parametrize("damage", ["truncate segment", "garble segment", "delete toc", "garble toc", "empty toc"])
def test_a_damaged_index_is_rebuilt_transparently(content, data, damage):
    with open_index(content, data):
        pass
    folder = index_files(content, data)
    segment = _segment(folder)
    toc = next(p for p in folder.iterdir() if p.suffix == ".toc")
    if damage == "truncate segment":
        os.truncate(segment, segment.stat().st_size // 2)
    elif damage == "garble segment":
        data_bytes = bytearray(segment.read_bytes())
        for offset in range(64, len(data_bytes) - 64, 7):
            data_bytes[offset] ^= 0x5A
        segment.write_bytes(bytes(data_bytes))
    elif damage == "delete toc":
        toc.unlink()
    elif damage == "garble toc":
        toc.write_bytes(b"\x00garbage" * 20)
    else:
        toc.write_bytes(b"")
    with open_index(content, data) as index:
        assert slugs(index, "hemophilia")[0] == "contraindications/hemophilia"
        assert slugs(index, "blood thinners")[0] == "contraindications/anticoagulants"
        assert not index.in_memory
        assert index.page_count == len(PAGES)


def test_damage_found_during_a_search_is_repaired_and_the_search_answered(content, data):
    with open_index(content, data) as index:
        folder = index_files(content, data)
        segments = {p.name for p in folder.glob("*.seg")}
        reader = index._searcher.reader()

        def broken(*args, **kwargs):
            raise EOFError("a posting block ends early")  # what a cut-off file raises mid-search

        reader.postings = broken
        assert slugs(index, "hemophilia")[0] == "contraindications/hemophilia"
        assert not index.in_memory
        assert {p.name for p in folder.glob("*.seg")}.isdisjoint(segments)  # rebuilt on disk


def test_a_closed_index_reopens_on_the_next_search(content, data):
    with open_index(content, data) as index:
        index.close()
        assert slugs(index, "hemophilia")[0] == "contraindications/hemophilia"
        assert not index.in_memory


def test_a_busy_writer_never_blocks_a_reader(content, data):
    with open_index(content, data):
        pass
    (content / "new.md").write_text("# Zymurgy\n", encoding="utf-8")
    lock = FileLock(str(index_files(content, data) / "update.lock"))
    assert lock.acquire()
    try:
        with open_index(content, data, wait=0.2) as index:
            assert index.stale and not index.in_memory  # searches what is there
            assert slugs(index, "hemophilia")[0] == "contraindications/hemophilia"
            assert slugs(index, "zymurgy") == []
    finally:
        lock.release()
    with open_index(content, data) as index:
        assert not index.stale
        assert slugs(index, "zymurgy") == ["new"]


def test_no_index_yet_and_a_busy_writer_means_an_index_in_memory(content, data):
    folder = index_files(content, data)
    folder.mkdir(parents=True)
    lock = FileLock(str(folder / "update.lock"))
    assert lock.acquire()
    try:
        with open_index(content, data, wait=0.1) as index:
            assert index.in_memory
            assert slugs(index, "hemophilia")[0] == "contraindications/hemophilia"
    finally:
        lock.release()


def test_an_unusable_data_folder_means_an_index_in_memory(content, tmp_path):
    blocked = tmp_path / "data-is-a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    with open_index(content, blocked) as index:
        assert index.in_memory
        assert slugs(index, "DVT")[0] == "contraindications/deep-vein-thrombosis"


def test_leftovers_of_a_killed_writer_are_cleaned_up(content, data):
    with open_index(content, data):
        pass
    folder = index_files(content, data)
    (folder / f"{index_module.INDEX_NAME}.tmp").mkdir()
    (folder / f"_{index_module.INDEX_NAME}_7.toc.123.45").write_bytes(b"half")
    (content / "new.md").write_text("# Zymurgy\n", encoding="utf-8")
    with open_index(content, data) as index:
        assert slugs(index, "zymurgy") == ["new"]
    names = os.listdir(folder)
    assert f"{index_module.INDEX_NAME}.tmp" not in names
    assert not any(name.endswith(".toc.123.45") for name in names)


@pytest.fixture(scope="module")
def shared_index(tmp_path_factory):
    root = write_tree(tmp_path_factory.mktemp("content"), {**PAGES, "_synonyms.yml": SYNONYMS})
    with SearchIndex.open(load_library(root), tmp_path_factory.mktemp("data")) as opened:
        yield opened


QUERY_PIECES = st.sampled_from(
    ['"', "'", "-", "NOT", "AND", "OR", "*", "?", "~", ":", "(", ")", "category:", "risk:", "risk:tot", "\\",
     "category:\"pressure", "hemo", "vein", "the", "on", " ", "\n", "\t", "🙂", "\x00", "\u0301", "ß", "İ"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(st.text(max_size=60), st.lists(st.one_of(QUERY_PIECES, st.text(max_size=5)), max_size=12).map("".join)))
def test_any_text_is_a_valid_query(shared_index, text):
    found = shared_index.search(text, limit=5)
    assert found.query == text
    assert len(found.results) <= 5
    assert found.suggestion is None or isinstance(found.suggestion, str)
    for result in found.results:
        assert result.slug in shared_index.library.pages
        snippet = result.snippet
        assert all(0 <= start < end <= len(snippet.text) for start, end in snippet.spans)
        assert list(snippet.spans) == sorted(snippet.spans)


@pytest.mark.parametrize("saved", ["garbage{", '{"generation": 99, "pages": {}}', '{"generation": 1, "pages": []}', None])
def test_the_saved_manifest_is_only_trusted_for_its_own_generation(content, data, saved):
    with open_index(content, data):
        pass
    manifest = index_files(content, data) / "manifest.json"
    assert manifest.is_file()
    if saved is None:
        manifest.unlink()
    else:
        manifest.write_text(saved, encoding="utf-8")
    (content / "contraindications/hemophilia.md").write_text(page("Hemophilia", "Edited.", "zymurgy"), encoding="utf-8")
    with open_index(content, data) as index:
        assert slugs(index, "zymurgy") == ["contraindications/hemophilia"]
        assert index.page_count == len(PAGES)
    with open_index(content, data) as index:  # and the manifest saved with that update is right
        assert slugs(index, "zymurgy") == ["contraindications/hemophilia"]


def test_update_of_an_open_index_reads_nothing_it_already_knows(content, data, monkeypatch):
    with open_index(content, data) as index:
        monkeypatch.setattr(index_module, "_read_manifest", lambda *a: pytest.fail("manifest re-read"))
        (content / "new.md").write_text("# Zymurgy\n", encoding="utf-8")
        index.update(load_library(content))
        assert slugs(index, "zymurgy") == ["new"]
