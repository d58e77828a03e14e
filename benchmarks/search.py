"""Search speed, side by side with SQLite FTS5 (stdlib) on the same documents and queries.

For the shipped content and for 1,000 and 10,000 generated pages (Zipf-distributed words, see
tests/corpus.py): building the index, updating one page, opening an unchanged index, and the
latency of each keystroke while typing "hemophilia" plus 50 other queries (p50/p95, results
cache off). Targets on a 2-core machine: keystroke p95 <= 15 ms at 1,000 pages and <= 50 ms at
10,000; one-page update <= 200 ms; opening an unchanged index <= 100 ms.

The FTS5 baseline is the plain approach: porter stemming, BM25 with the same field weights,
every word OR-ed, the last as a prefix, a snippet per result; no typo tolerance, synonyms,
stop words or re-ranking, so it shows what those cost.

    python benchmarks/search.py [--sizes shipped 1000 10000] [--shipped DIR]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handbook.library import Library, load_library  # noqa: E402
from handbook.locations import shipped_content_dir  # noqa: E402
from handbook.page_parser import parse_page  # noqa: E402
from handbook.search import SearchIndex  # noqa: E402
from handbook.search.analysis import split_words  # noqa: E402
from handbook.search.ranking import FIELD_WEIGHTS  # noqa: E402
from handbook.search.schema import page_document  # noqa: E402
from handbook.source import SourceFile, read_source  # noqa: E402
from tests.corpus import generate_content, zipf_vocabulary  # noqa: E402

TYPING = ["hemophilia"[:n] for n in range(1, len("hemophilia") + 1)]
QUERIES = [
    "blood thinners", "client on stomach pillow", "where not to press neck", "sore back after massage",
    "hemophila", "osteomylitis", "varicose vains", "petrisage", "DVT", "deep vein thrombosis",
    "popli", "face down", "kidney infection", "can I massage a pregnant client", "bruising after deep tissue",
    "lactic acid soreness", "cold sore", "slipped disc", "funny bone", "brittle bones", "back of the knee",
    "high blood pressure", "heart attack", "ringworm", "swollen glands", "fever", "the flu", "sciatca",
    "fibromialgia", "haemophilia", "lymphoedema", "massage", "pressure", "pain", "inflammation of the vein",
    "numb hands at night", "how hard to press", "which stroke comes first", '"blood clot"', "knee -varicose",
    "category:contraindications clot", "risk:total fever", "gliding strokes", "kneading", "cross fiber friction",
    "pregnancy third trimester position", "cracking salt deposits", "toxins", "red flags after massage", "armp",
]
TARGETS = {"keystroke_p95": {1000: 15.0, 10000: 50.0}, "update": 200.0, "open": 100.0}


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(int(round(fraction * (len(ordered) - 1))), len(ordered) - 1)]


# The FTS5 baseline


def fts_build(library: Library, path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    connection.execute(
        "CREATE VIRTUAL TABLE pages USING fts5(slug UNINDEXED, names, topics, summary, body,"
        " tokenize='porter unicode61 remove_diacritics 2')"
    )
    with connection:
        connection.executemany("INSERT INTO pages VALUES (?, ?, ?, ?, ?)", (_fts_row(p) for p in library.pages.values()))
    return connection


def _fts_row(page) -> tuple[str, str, str, str, str]:
    document = page_document(page)
    return (page.slug, document["names"], document["topics"], document["summary"], document["body"])


def fts_query(text: str) -> str | None:
    words = [w.surface for w in split_words(text) if not w.joined]
    if not words:
        return None
    parts = ['"' + w.replace('"', "") + '"' for w in words[:-1]] + ['"' + words[-1].replace('"', "") + '"*']
    return " OR ".join(parts)


def fts_search(connection: sqlite3.Connection, text: str) -> list[tuple[str, str]]:
    match = fts_query(text)
    if match is None:
        return []
    weights = ", ".join(str(w) for w in FIELD_WEIGHTS.values())
    return connection.execute(
        f"SELECT slug, snippet(pages, 4, '[', ']', '\u2026', 24) FROM pages WHERE pages MATCH ?"
        f" ORDER BY bm25(pages, 0, {weights}) LIMIT 10",
        (match,),
    ).fetchall()


# Measuring


def time_queries(search) -> tuple[float, float, float, float]:
    """p50/p95 of the typing sequence and of all queries, in milliseconds (3 rounds)."""
    typing, everything = [], []
    for _ in range(3):
        for query in TYPING + QUERIES:
            started = time.perf_counter()
            search(query)
            elapsed = (time.perf_counter() - started) * 1000
            everything.append(elapsed)
            if query in TYPING:
                typing.append(elapsed)
    return (
        statistics.median(typing),
        percentile(typing, 0.95),
        statistics.median(everything),
        percentile(everything, 0.95),
    )


def with_one_page_changed(library: Library, number: int = 0) -> Library:
    """`library` with its `number`th page's file rewritten and re-read, as the UI would after an edit."""
    page = list(library.pages.values())[number]
    text = page.path.read_text(encoding="utf-8")
    end = text.find("\n---\n", 4) + 5 if text.startswith("---\n") else 0  # after the front matter
    page.path.write_text(text[:end] + "\nEdited for the benchmark: zymurgy.\n" + text[end:], encoding="utf-8")
    stat = page.path.stat()
    source = SourceFile(page.path, page.rel, stat.st_size, stat.st_mtime_ns)
    read = read_source(source)
    changed, _ = parse_page(source, read.text or "", read.digest)
    pages = dict(library.pages)
    pages[page.slug] = changed
    return Library(library.root, pages, library.categories, library.backlinks, [], library.gift_files, library.settings)


def measure(name: str, content: Path, work: Path) -> dict:
    library = load_library(content)
    figures: dict = {"name": name, "pages": len(library.pages)}

    data = work / f"data-{name}"
    started = time.perf_counter()
    index = SearchIndex.open(library, data)
    figures["whoosh_build"] = time.perf_counter() - started
    assert not index.in_memory and index.page_count == len(library.pages)
    index.close()

    opens = []
    for _ in range(5):
        started = time.perf_counter()
        index = SearchIndex.open(library, data)
        opens.append((time.perf_counter() - started) * 1000)
        index.close()
    figures["whoosh_open"] = statistics.median(opens)

    index = SearchIndex.open(library, data)

    def whoosh_search(query: str) -> None:
        index.clear_cache()
        found = index.search(query)
        for result in found.results:
            result.snippet.text  # noqa: B018 - snippets are made during the search; touch to be fair

    figures["whoosh_queries"] = time_queries(whoosh_search)
    updates = []
    changed = library
    for number in range(3):
        changed = with_one_page_changed(changed, number)
        started = time.perf_counter()
        index.update(changed)
        updates.append((time.perf_counter() - started) * 1000)
    figures["whoosh_update"] = statistics.median(updates)
    assert index.search("zymurgy").results
    index.close()

    database = work / f"fts-{name}.sqlite"
    started = time.perf_counter()
    connection = fts_build(library, database)
    figures["fts_build"] = time.perf_counter() - started
    connection.close()
    opens = []
    for _ in range(5):
        started = time.perf_counter()
        connection = sqlite3.connect(database)
        connection.execute("SELECT count(*) FROM pages").fetchone()
        opens.append((time.perf_counter() - started) * 1000)
        connection.close()
    figures["fts_open"] = statistics.median(opens)
    connection = sqlite3.connect(database)
    figures["fts_queries"] = time_queries(lambda query: fts_search(connection, query))
    updates = []
    for page in list(changed.pages.values())[:3]:
        started = time.perf_counter()
        with connection:
            connection.execute("DELETE FROM pages WHERE slug = ?", (page.slug,))
            connection.execute("INSERT INTO pages VALUES (?, ?, ?, ?, ?)", _fts_row(page))
        updates.append((time.perf_counter() - started) * 1000)
    figures["fts_update"] = statistics.median(updates)
    connection.close()
    figures["index_mb"] = sum(f.stat().st_size for f in data.rglob("*") if f.is_file()) / 1024 / 1024
    figures["fts_mb"] = database.stat().st_size / 1024 / 1024
    return figures


def verdict(value: float, target: float | None) -> str:
    if target is None:
        return ""
    return "ok" if value <= target else f"MISSED by {value - target:.0f} ms"


def report(all_figures: list[dict]) -> None:
    print()
    print("| | " + " | ".join(f"{f['name']} ({f['pages']} pages)" for f in all_figures) + " |")
    print("| --- |" + " --- |" * len(all_figures))

    def row(label: str, cells: list[str]) -> None:
        print(f"| {label} | " + " | ".join(cells) + " |")

    row("build: Whoosh / FTS5", [f"{f['whoosh_build']:.1f} s / {f['fts_build']:.2f} s" for f in all_figures])
    row("index size: Whoosh / FTS5", [f"{f['index_mb']:.1f} MB / {f['fts_mb']:.1f} MB" for f in all_figures])
    row(
        "open unchanged: Whoosh / FTS5 (target <= 100 ms)",
        [f"{f['whoosh_open']:.0f} ms {verdict(f['whoosh_open'], TARGETS['open'])} / {f['fts_open']:.1f} ms" for f in all_figures],
    )
    row(
        "update one page, median of 3: Whoosh / FTS5 (target <= 200 ms)",
        [f"{f['whoosh_update']:.0f} ms {verdict(f['whoosh_update'], TARGETS['update'])} / {f['fts_update']:.1f} ms" for f in all_figures],
    )
    for label, position in (("typing 'hemophilia', p50 / p95", 0), ("all 60 queries, p50 / p95", 2)):
        for engine in ("whoosh", "fts"):
            cells = []
            for f in all_figures:
                p50, p95 = f[f"{engine}_queries"][position : position + 2]
                target = TARGETS["keystroke_p95"].get(f["pages"]) if engine == "whoosh" else None
                cells.append(f"{p50:.1f} / {p95:.1f} ms {verdict(p95, target)}".strip())
            row(f"{label}: {'Whoosh' if engine == 'whoosh' else 'FTS5'}", cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["shipped", "1000", "10000"], help="'shipped' and/or page counts")
    parser.add_argument("--shipped", metavar="DIR", type=Path, default=shipped_content_dir(), help="the content for 'shipped'")
    args = parser.parse_args()
    all_figures = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        vocabulary = zipf_vocabulary()
        for size in args.sizes:
            if size == "shipped":
                content = work / "shipped"
                _copy_tree(args.shipped, content)
            else:
                content = work / f"generated-{size}"
                generate_content(content, int(size), vocabulary=vocabulary)
            figures = measure(size, content, work)
            all_figures.append(figures)
            print(f"measured {size}: {figures['pages']} pages", file=sys.stderr, flush=True)
    report(all_figures)


def _copy_tree(source: Path, target: Path) -> None:
    for path in source.rglob("*"):
        if path.is_file():
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(path.read_bytes())
    os.makedirs(target, exist_ok=True)


if __name__ == "__main__":
    main()
