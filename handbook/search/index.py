"""`SearchIndex`: the search index of one content folder, kept on disk and always fresh.

Where: `<data dir>/search/<hash of the content folder's real path>/`, one folder per content
folder, holding Whoosh's files (index name `handbook_v<SCHEMA_VERSION>`, so an index of
another version is simply not found and is rebuilt), `update.lock`, and a note naming the
content folder.

Fresh: the index stores each page's file digest. Opening compares them with the library's
and writes only the pages that were added, changed, deleted or renamed.

Two processes: only the holder of `update.lock` writes; it is an OS lock, so a killed
writer's lock vanishes with it. Readers never lock: Whoosh never changes a segment file
once written and commits by renaming one table-of-contents file, so a reader sees the
index before or after a commit, never half of one. A process that finds the lock busy
waits a moment, then searches the index as it is (marked `stale`), or, when there is none
yet, an index it builds in memory.

Broken: an index that cannot be read (a killed writer, a truncated or garbled file, a lost
table of contents) is wiped and rebuilt, at open or at the first search that trips on it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import time
from collections import OrderedDict
from pathlib import Path

from whoosh.collectors import FilterCollector, TopCollector
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.index import EmptyIndexError, FileIndex
from whoosh.query import Every
from whoosh.searching import Searcher
from whoosh.util.filelock import FileLock, try_for

from handbook.library import Library
from handbook.page import Page
from handbook.search import ranking
from handbook.search.analysis import is_stop_word, split_words, term_of, tokenize
from handbook.search.query import ParsedQuery, QueryPlanner, SearchPlan, parse_query
from handbook.search.results import SearchResult, SearchResults
from handbook.search.schema import ALL_WORDS, DIGEST, NAME_WORDS, SCHEMA_VERSION, SLUG, TEXT_FIELDS, build_schema, page_document
from handbook.search.snippets import make_snippet
from handbook.search.spelling import Vocabulary
from handbook.search.synonyms import FILLER_WORDS, SYNONYMS_FILE, SynonymTable, read_synonyms

INDEX_NAME = f"handbook_v{SCHEMA_VERSION}"
LOCK_FILE = "update.lock"
MANIFEST_FILE = "manifest.json"  # slug -> digest of the latest generation, to check freshness fast
FOLDER_NOTE = "content-folder.txt"
WAIT_FOR_WRITER = 3.0  # seconds to wait for another process's update before searching without it
COMMIT_EVERY = 5.0  # seconds: a long build commits this often, so a killed build loses little
MAX_SEGMENTS = 8  # beyond this many segments an update also merges them (fewer files to search)
DEFAULT_LIMIT = 10
MAX_LIMIT = 1000
_CACHED_QUERIES = 64
_SCHEMA = build_schema()


def index_folder(data_dir: str | Path, content_root: str | Path) -> Path:
    """The folder of the index of `content_root` under `data_dir`."""
    real = os.path.realpath(content_root)
    digest = hashlib.blake2b(real.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()
    return Path(data_dir) / "search" / digest


class SearchIndex:
    """Full-text search over a `Library`. Threads may share it (searches and updates take turns); never raises on a query."""

    def __init__(self, library: Library, data_dir: Path | None, wait: float = WAIT_FOR_WRITER) -> None:
        self.library = library
        self.data_dir = data_dir
        self.folder = index_folder(data_dir, library.root) if data_dir is not None else None
        self.wait = wait
        self.in_memory = False  # True when the data folder could not be used
        self.stale = False  # True when another process was writing and the index may lag the library
        self._lock = threading.RLock()
        self._searcher: Searcher | None = None
        self._manifest: dict[str, str] = {}  # slug -> digest of what the searcher holds
        self._planner: QueryPlanner | None = None
        self._synonyms = SynonymTable([])
        self._synonyms_state: tuple | None = None
        self._cache: OrderedDict[tuple, SearchResults] = OrderedDict()
        self._page_names: dict[str, tuple[str, tuple[frozenset[str], set[tuple[str, ...]]]]] = {}

    @classmethod
    def open(cls, library: Library, data_dir: str | Path, *, wait: float = WAIT_FOR_WRITER) -> SearchIndex:
        """Open the index of `library` under `data_dir`, bringing it up to date first."""
        index = cls(library, Path(data_dir), wait)
        index.update(library)
        return index

    @classmethod
    def in_memory_for(cls, library: Library) -> SearchIndex:
        """An index of `library` kept only in memory (nothing is written)."""
        index = cls(library, None)
        index.update(library)
        return index

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        """Release the open index files."""
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None

    def clear_cache(self) -> None:
        """Forget remembered results (the last 64 queries are answered from memory)."""
        with self._lock:
            self._cache.clear()

    @property
    def generation(self) -> int | None:
        """The on-disk index generation in use (each commit adds one); None for an in-memory index."""
        with self._lock:
            if self._searcher is None or self.in_memory:
                return None
            return self._searcher.reader().generation()

    @property
    def page_count(self) -> int:
        """How many pages the index holds."""
        with self._lock:
            return self._searcher.doc_count() if self._searcher is not None else 0

    # Keeping the index fresh

    def update(self, library: Library) -> None:
        """Bring the index up to date with `library`, e.g. after the content folder was reloaded."""
        with self._lock:
            self.library = library
            if self.data_dir is not None:
                self.folder = index_folder(self.data_dir, library.root)
            self._cache.clear()
            self._synonyms_state = None
            self._refresh_synonyms()
            if self.folder is not None:
                try:
                    if self._sync_disk(library, rebuild=False):
                        return
                except Exception:  # noqa: BLE001 - an unwritable or broken data folder must not stop search
                    pass
            self._use_memory(library)

    def _sync_disk(self, library: Library, rebuild: bool) -> bool:
        """Use the on-disk index, updated if needed; False when it cannot be used at all."""
        assert self.folder is not None
        self.folder.mkdir(parents=True, exist_ok=True)
        storage = FileStorage(str(self.folder))
        wanted = {slug: page.digest for slug, page in library.pages.items()}
        current = (self._searcher, self._manifest) if self._searcher is not None and not self.in_memory else None
        searcher, manifest = (None, {}) if rebuild else _open_searcher(storage, current)
        if searcher is not None and manifest == wanted:
            self._use(searcher, in_memory=False, stale=False, manifest=manifest)
            return True
        lock = FileLock(str(self.folder / LOCK_FILE))
        if try_for(lock.acquire, timeout=self.wait, delay=0.05):
            try:
                searcher = self._write_disk(storage, library, wanted, (searcher, manifest) if searcher else None, rebuild)
            finally:
                lock.release()
            self._use(searcher, in_memory=False, stale=False, manifest=wanted)
            return True
        if searcher is not None:
            self._use(searcher, in_memory=False, stale=True, manifest=manifest)
            return True
        return False

    def _write_disk(
        self, storage: FileStorage, library: Library, wanted: dict[str, str], current: tuple | None, rebuild: bool
    ) -> Searcher:
        """Under the update lock: repair or create the index, then write the differences."""
        _remove_leftovers(storage)
        searcher, manifest = (None, {}) if rebuild else _open_searcher(storage, current)
        if current is not None and current[0] is not searcher and current[0] is not self._searcher:
            current[0].close()
        if searcher is None:
            _wipe(storage)
            index = FileIndex.create(storage, _SCHEMA, INDEX_NAME)
        else:
            index = FileIndex(storage, schema=_SCHEMA, indexname=INDEX_NAME)
        try:
            (Path(storage.folder) / FOLDER_NOTE).write_text(f"{library.root}\n", encoding="utf-8")
        except OSError:
            pass
        _write_changes(index, library, wanted, manifest, searcher)
        _write_manifest(Path(storage.folder), index.latest_generation(), wanted)
        if searcher is not None and searcher is not self._searcher:
            searcher.close()
        return index.searcher(weighting=ranking.WEIGHTING)

    def _use_memory(self, library: Library) -> None:
        index = RamStorage().create_index(_SCHEMA, indexname=INDEX_NAME)
        _write_changes(index, library, {slug: page.digest for slug, page in library.pages.items()}, {})
        self._use(index.searcher(weighting=ranking.WEIGHTING), in_memory=True, stale=False)

    def _use(self, searcher: Searcher, in_memory: bool, stale: bool, manifest: dict[str, str] | None = None) -> None:
        if self._searcher is not None and self._searcher is not searcher:
            self._searcher.close()
        self._manifest = dict(manifest or {})
        self._searcher = searcher
        self.in_memory = in_memory
        self.stale = stale
        vocabulary = Vocabulary(searcher.reader(), ALL_WORDS, NAME_WORDS, TEXT_FIELDS)
        self._planner = QueryPlanner(vocabulary, self._synonyms, [c.name for c in self.library.categories])
        self._cache.clear()

    def _recover(self) -> None:
        """After a search tripped on the index: rebuild it on disk, else in memory."""
        self.close()
        if self.folder is not None and not self.in_memory:
            try:
                if self._sync_disk(self.library, rebuild=True) and not self.stale:
                    return
            except Exception:  # noqa: BLE001 - fall back to memory below
                pass
        self._use_memory(self.library)

    def _refresh_synonyms(self) -> None:
        """Re-read the synonym file when it changed: edits apply without a rebuild."""
        source = self.library.settings.get(SYNONYMS_FILE)
        try:
            stat = os.stat(source.path) if source is not None else None
            state = (str(source.path), stat.st_mtime_ns, stat.st_size) if stat else ()
        except OSError:
            state = ()
        if state == self._synonyms_state:
            return
        self._synonyms_state = state
        self._synonyms = SynonymTable(read_synonyms(source).groups if state else [])
        if self._planner is not None:
            self._planner.synonyms = self._synonyms
        self._cache.clear()

    # Searching

    def search(
        self, text: str, limit: int = DEFAULT_LIMIT, category: str | None = None, risk: str | None = None
    ) -> SearchResults:
        """The pages that best match `text`, best first; any text is a valid query."""
        text = text if isinstance(text, str) else str(text)
        limit = max(0, min(int(limit), MAX_LIMIT))
        with self._lock:
            self._refresh_synonyms()
            key = (text, limit, category, risk)
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
            parsed = parse_query(text)
            try:
                results = self._search(parsed, limit, category, risk)
            except Exception:  # noqa: BLE001 - a broken index file shows up here: rebuild and retry once
                self._recover()
                results = self._search(parsed, limit, category, risk)
            self._cache[key] = results
            if len(self._cache) > _CACHED_QUERIES:
                self._cache.popitem(last=False)
            return results

    def _search(self, parsed: ParsedQuery, limit: int, category: str | None, risk: str | None) -> SearchResults:
        if self._searcher is None or self._planner is None:  # closed: open again
            self.update(self.library)
        assert self._searcher is not None and self._planner is not None
        plan = self._planner.plan(parsed, category, risk)
        if plan.query is None or limit == 0:
            return SearchResults(parsed.text, self._suggestion(parsed, plan, None), notice=plan.unknown_filter)
        candidates = self._candidates(plan, limit)
        if not candidates and plan.without_phrases is not None and plan.without_phrases.query is not None:
            plan = plan.without_phrases
            candidates = self._candidates(plan, limit)
        if isinstance(plan.query, Every):
            # Only filters were given: list the pages in the order the handbook lists them.
            candidates.sort(key=lambda c: (self.library.pages[c.slug].category, self.library.pages[c.slug].sort_key))
        results = []
        for candidate in candidates[:limit]:
            page = self.library.pages[candidate.slug]
            snippet = make_snippet(page, plan.highlight)
            results.append(SearchResult(page.slug, page.title, page.category, page.risk, candidate.score, snippet))
        top = self.library.pages[candidates[0].slug] if candidates else None
        return SearchResults(parsed.text, self._suggestion(parsed, plan, top), tuple(results))

    def _candidates(self, plan: SearchPlan, limit: int) -> list[ranking.Candidate]:
        assert self._searcher is not None and plan.query is not None
        depth = max(limit, ranking.RERANK_DEPTH)
        if isinstance(plan.query, Every):
            depth = max(self._searcher.doc_count(), 1)  # sorted by the handbook's order afterwards
        # Whoosh's default collector keeps trying to swap the matcher tree for a cheaper one and
        # to skip low-quality blocks; each try walks the whole tree of clauses, which costs far
        # more than it saves on queries of tens of clauses over a few thousand pages.
        collector = TopCollector(limit=depth, usequality=False, replace=0)
        if plan.filter is not None:
            collector = FilterCollector(collector, allow=plan.filter)
        self._searcher.search_with_collector(plan.query, collector)
        hits = collector.results()
        candidates = []
        for hit in hits:
            slug = hit[SLUG]
            # Another process may have indexed pages this library has not loaded yet.
            if slug in self.library.pages:
                candidates.append(ranking.Candidate(slug, float(hit.score)))
        if isinstance(plan.query, Every):
            return candidates  # nothing to rank: put in the handbook's order by the caller
        return ranking.rerank(candidates, plan, self._names_of)

    def _names_of(self, slug: str) -> tuple[frozenset[str], set[tuple[str, ...]]]:
        """A page's title terms, and the term tuples of its title and aliases as query names are made."""
        page = self.library.pages[slug]
        cached = self._page_names.get(slug)
        if cached is not None and cached[0] == page.digest:
            return cached[1]
        names = {_name_terms(name) for name in (page.title, *page.aliases)}
        value = (frozenset(term_of(surface) for surface, *_ in tokenize(page.title)), names)
        self._page_names[slug] = (page.digest, value)
        return value

    def _suggestion(self, parsed: ParsedQuery, plan: SearchPlan, top: Page | None) -> str | None:
        """The query with each misspelt word replaced by the word it most likely meant."""
        corrections = [c for c in plan.corrections if c.word.end > c.word.start]
        if not corrections:
            return None
        top_terms = _page_terms(top) if top is not None else set()
        text = parsed.text
        pieces = []
        last = 0
        for correction in sorted(corrections, key=lambda c: c.word.start):
            chosen = next((w for w in correction.candidates if term_of(w) in top_terms), correction.candidates[0])
            typed = text[correction.word.start : correction.word.end]
            pieces += [text[last : correction.word.start], _match_case(typed, chosen)]
            last = correction.word.end
        pieces.append(text[last:])
        suggestion = "".join(pieces)
        return suggestion if suggestion != text else None


def _open_searcher(storage: FileStorage, current: tuple | None = None) -> tuple[Searcher | None, dict[str, str]]:
    """The index's searcher and its slug -> digest manifest; (None, {}) if missing or unreadable.

    `current` (searcher, manifest) is returned as it is when no commit happened since.
    """
    latest = _latest_generation(Path(storage.folder))
    if current is not None and latest is not None and _generation_of(current[0]) == latest:
        return current
    try:
        index = FileIndex(storage, schema=_SCHEMA, indexname=INDEX_NAME)
        searcher = index.searcher(weighting=ranking.WEIGHTING)
    except EmptyIndexError:
        return None, {}
    except Exception:  # noqa: BLE001 - any damage means "rebuild", never a traceback
        return None, {}
    try:
        manifest = _read_manifest(Path(storage.folder), _generation_of(searcher))
        if manifest is None:
            manifest = {fields[SLUG]: fields[DIGEST] for fields in searcher.reader().all_stored_fields()}
    except Exception:  # noqa: BLE001
        searcher.close()
        return None, {}
    return searcher, manifest


def _generation_of(searcher: Searcher) -> int | None:
    generation = getattr(searcher.reader(), "generation", None)
    return generation() if callable(generation) else None


def _latest_generation(folder: Path) -> int | None:
    """The newest committed generation, from the file names alone (cheap: one listdir)."""
    prefix, suffix = f"_{INDEX_NAME}_", ".toc"
    generations = [
        int(name[len(prefix) : -len(suffix)])
        for name in _listdir(folder)
        if name.startswith(prefix) and name.endswith(suffix) and name[len(prefix) : -len(suffix)].isdigit()
    ]
    return max(generations) if generations else None


def _listdir(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _read_manifest(folder: Path, generation: int | None) -> dict[str, str] | None:
    """The manifest saved with `generation`, or None (reading 10,000 stored fields costs ~100 ms)."""
    try:
        saved = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict) or saved.get("generation") != generation or generation is None:
        return None
    pages = saved.get("pages")
    if not isinstance(pages, dict) or not all(isinstance(v, str) for v in pages.values()):
        return None
    return pages


def _write_manifest(folder: Path, generation: int, manifest: dict[str, str]) -> None:
    """Save the manifest of `generation` beside the index (under the update lock), atomically."""
    temporary = folder / f"{MANIFEST_FILE}.{os.getpid()}.tmp"
    try:
        temporary.write_text(json.dumps({"generation": generation, "pages": manifest}), encoding="utf-8")
        os.replace(temporary, folder / MANIFEST_FILE)
    except OSError:
        _remove(temporary)


def _write_changes(
    index, library: Library, wanted: dict[str, str], manifest: dict[str, str], searcher: Searcher | None = None
) -> None:
    """Write the pages whose digest differs from `manifest`, delete the ones gone; commit as we go.

    `searcher`, when given, reads the generation the writer starts from; it finds the old
    copies of changed pages without the writer opening every segment again.
    """
    removed = [slug for slug in manifest if slug not in wanted]
    changed = [slug for slug, digest in wanted.items() if manifest.get(slug) != digest]
    if not removed and not changed:
        return
    writer = index.writer(timeout=WAIT_FOR_WRITER)
    started = time.monotonic()
    stepped = False
    try:
        for slug in removed:
            writer.delete_by_term(SLUG, slug, searcher=searcher)
        for slug in changed:
            if slug in manifest:
                writer.delete_by_term(SLUG, slug, searcher=searcher)
            writer.add_document(**page_document(library.pages[slug]))
            if time.monotonic() - started > COMMIT_EVERY:
                # A long build commits in steps: a killed build keeps what it committed.
                writer.commit(merge=False)
                writer = index.writer(timeout=WAIT_FOR_WRITER)
                started = time.monotonic()
                stepped = True
                searcher = None  # it reads an older generation now
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    if stepped or len(index._segments()) > MAX_SEGMENTS:
        # Every segment is searched separately: after a long build, make one of them.
        index.optimize()


def _remove_leftovers(storage: FileStorage) -> None:
    """Files a killed writer or an older version left behind (called under the update lock)."""
    own = (f"_{INDEX_NAME}_", f"{INDEX_NAME}_")
    for name in storage.list():
        if name in (LOCK_FILE, FOLDER_NOTE, MANIFEST_FILE):
            continue
        stray_toc = name.startswith(own[0]) and not name.endswith(".toc")
        if name.startswith(own) and not stray_toc and not name.endswith(".tmp"):
            continue
        _remove(Path(storage.folder) / name)


def _wipe(storage: FileStorage) -> None:
    for name in storage.list():
        if name not in (LOCK_FILE, FOLDER_NOTE):
            _remove(Path(storage.folder) / name)


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink()
    except OSError:
        pass


def _name_terms(name: str) -> tuple[str, ...]:
    return tuple(
        term_of(surface)
        for surface, _, _, _, joined in tokenize(name)
        if not joined and surface not in FILLER_WORDS and not is_stop_word(surface)
    )


def _page_terms(page: Page) -> set[str]:
    text = "\n".join((page.title, *page.aliases, page.summary, page.text))
    return {term_of(word.surface) for word in split_words(text)}


def _match_case(typed: str, word: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
