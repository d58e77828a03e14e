"""Real processes at once: one updating while another searches, and a writer killed mid-write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from handbook.library import load_library
from handbook.search import SearchIndex, index_folder
from tests.conftest import REPO, write_tree
from tests.corpus import generate_content
from tests.search_pages import PAGES


def start(code: str, *args: str) -> subprocess.Popen:
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


WRITER = """
    import sys, time
    from pathlib import Path
    from handbook.library import load_library
    from handbook.search import SearchIndex
    content, data, seconds = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    page = content / "contraindications" / "gout.md"
    count = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        count += 1
        page.write_text(f"# Gout\\n\\nUric acid crystals, edit number{count}.\\n", encoding="utf-8")
        # The searcher may be writing the same edit; wait for it rather than search a stale index.
        with SearchIndex.open(load_library(content), data, wait=30) as index:
            assert not index.in_memory and not index.stale
            assert [r.slug for r in index.search(f"number{count}").results] == ["contraindications/gout"]
    print(count)
"""

SEARCHER = """
    import sys, time
    from pathlib import Path
    from handbook.library import load_library
    from handbook.search import SearchIndex
    content, data, seconds = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    count = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with SearchIndex.open(load_library(content), data, wait=0.2) as index:
            for query in ("hemophilia", "blood thinners", "DVT", "face down"):
                found = index.search(query)
                assert found.results, query
            assert index.search("hemophila").results[0].slug == "contraindications/hemophilia"
            count += 1
    print(count)
"""


def test_one_process_updates_while_another_searches(tmp_path):
    content = write_tree(tmp_path / "content", dict(PAGES))
    data = tmp_path / "data"
    with SearchIndex.open(load_library(content), data):
        pass  # both start from an existing index
    writer = start(WRITER, str(content), str(data), "4")
    searcher = start(SEARCHER, str(content), str(data), "4")
    writer_out, writer_err = writer.communicate(timeout=120)
    searcher_out, searcher_err = searcher.communicate(timeout=120)
    assert writer.returncode == 0, writer_err
    assert searcher.returncode == 0, searcher_err
    assert int(writer_out) >= 3 and int(searcher_out) >= 3
    assert "Traceback" not in writer_err + searcher_err


BUILDER = """
    import sys
    import handbook.search.index as index_module
    from handbook.library import load_library
    from handbook.search import SearchIndex
    index_module.COMMIT_EVERY = 0.05  # commit often, so a kill lands between and inside commits
    SearchIndex.open(load_library(sys.argv[1]), sys.argv[2])
    print("finished")
"""


def _committed_generations(folder: Path) -> list[int]:
    if not folder.is_dir():
        return []
    return [int(name.rsplit("_", 1)[1].split(".")[0]) for name in os.listdir(folder) if name.endswith(".toc")]


def test_a_writer_killed_mid_build_loses_nothing_and_breaks_nothing(tmp_path):
    content = tmp_path / "content"
    slugs = generate_content(content, 150, words=150)
    data = tmp_path / "data"
    folder = index_folder(data, content)
    builder = start(BUILDER, str(content), str(data))
    deadline = time.monotonic() + 60
    # Wait until it has committed part of the build, then kill it while it writes the rest.
    while max(_committed_generations(folder), default=0) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    builder.send_signal(signal.SIGKILL)
    builder.communicate(timeout=30)
    assert builder.returncode == -signal.SIGKILL, "the build finished before it could be killed"

    with SearchIndex.open(load_library(content), data) as index:
        assert not index.in_memory and not index.stale
        assert index.page_count == len(slugs)
        first = index.search("page 7").results[0]
        assert first.slug.endswith("/page-7")
    leftovers = [name for name in os.listdir(folder) if name.endswith(".tmp") or ".toc." in name]
    assert leftovers == []


def test_a_writer_killed_at_any_moment_leaves_an_index_that_opens(tmp_path):
    content = tmp_path / "content"
    generate_content(content, 60, words=100)
    data = tmp_path / "data"
    for delay in (0.3, 0.6, 0.9):
        builder = start(BUILDER, str(content), str(data))
        time.sleep(delay)
        builder.send_signal(signal.SIGKILL)
        builder.communicate(timeout=30)
        (content / "extra.md").write_text(f"# Extra page {delay}\n", encoding="utf-8")  # something to update next time
    with SearchIndex.open(load_library(content), data) as index:
        assert not index.in_memory
        assert index.page_count == 61
        assert index.search("extra").results[0].slug == "extra"
