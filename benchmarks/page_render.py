"""The reader on long pages: handbook's PageView side by side with Textual's MarkdownViewer.

For pages of 200, 1,000 and 2,000 sections (a heading and three short paragraphs each) and the
shipped page `contraindications/hemophilia`, at 100x30 in a headless app:

- first paint: from asking for the page to the first screen update that shows it;
- laid out: until the whole page is laid out (PageView) or every block is mounted and
  laid out (MarkdownViewer), and drawn;
- longest stall: the longest the event loop went without running a 1 ms ticker while the page
  was prepared, i.e. the longest a key press could wait;
- peak RSS growth: the highest resident memory seen (sampled every millisecond) while the page
  was prepared, minus the process's size just before it (memory freed earlier is reused, so
  small figures are a floor);
- key while loading (PageView only): median time from a `down` key to the page scrolling,
  pressed every 50 ms while the page is prepared ("-" when it was ready before a key);
- Python heap peak (PageView only): tracemalloc's peak while a fresh PageView lays the page out.

Each measurement runs in its own process. Targets: a shipped page opens within 100 ms; no
stall long enough to feel (about 50 ms) on any page.

    python benchmarks/page_render.py [--quick] [--sections 200 1000 2000]

`--quick` skips MarkdownViewer on 2,000 sections (20 s or more on a 2-core machine).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHIPPED = "contraindications/hemophilia"
SIZE = (100, 30)


def sections_markdown(count: int) -> str:
    """A page body of `count` sections: a heading and three short paragraphs each."""
    return "\n\n".join(
        f"## Section {n}\n\nThe first short paragraph of section {n}, with *a little* emphasis.\n\n"
        f"A second short paragraph with **strong** words and `code`.\n\nA third short paragraph to end it."
        for n in range(count)
    )


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def release_free_memory() -> None:
    """Collect garbage and hand freed memory back to the system, so RSS growth is the page's."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


async def key_latency(app, page, library) -> float | None:
    """Median time from a `down` key to the page scrolling, pressed every 50 ms while it loads."""
    from textual import events

    from handbook.ui.page_view import PageView

    view = PageView()
    await app.mount(view)
    view.focus()
    await asyncio.sleep(0.05)
    view.show_page(page, library)
    times = []
    while not view.laid_out:
        before = view.scroll_y
        started = time.perf_counter()
        app.post_message(events.Key("down", None))
        while view.scroll_y == before and not view.laid_out:
            await asyncio.sleep(0.0005)
        if view.scroll_y != before:
            times.append(time.perf_counter() - started)
        await asyncio.sleep(0.05)
    if not times:
        return None  # laid out before a key could be pressed
    times.sort()
    return times[len(times) // 2]


async def measure(widget: str, case: str) -> dict:
    from textual.app import App
    from textual.widgets import MarkdownViewer

    from handbook.library import load_library
    from handbook.locations import shipped_content_dir
    from handbook.ui.page_view import PageView

    if case == "shipped":
        library = load_library(shipped_content_dir())
        page = library.pages[SHIPPED]
        markdown = page.reading_body
    else:
        import tempfile

        folder = Path(tempfile.mkdtemp())
        (folder / "long.md").write_text("---\ntitle: Long page\n---\n\n" + sections_markdown(int(case)), encoding="utf-8")
        library = load_library(folder)
        page = library.pages["long"]
        markdown = page.reading_body

    state: dict = {"start": None, "first": None, "shown": None}

    class Bench(App):
        def compose(self):
            if widget == "pageview":
                yield PageView()

        def _display(self, screen, renderable) -> None:  # every screen update passes here
            super()._display(screen, renderable)
            if renderable is None or state["start"] is None:
                return
            now = time.perf_counter()
            if state["first"] is None and shown_something():
                state["first"] = now
            state["shown"] = now

    def shown_something() -> bool:
        if widget == "pageview":
            return app.query_one(PageView).line_count > 0
        viewers = app.query(MarkdownViewer)
        return bool(viewers) and len(viewers.first().document.children) > 0

    app = Bench()
    async with app.run_test(size=SIZE, headless=True) as pilot:
        await pilot.pause()
        stall = 0.0
        ticking = True
        release_free_memory()
        baseline = rss_mb()
        peak = baseline

        async def ticker() -> None:
            nonlocal stall, peak
            last = time.perf_counter()
            while ticking:
                await asyncio.sleep(0.001)
                now = time.perf_counter()
                stall = max(stall, now - last)
                last = now
                peak = max(peak, rss_mb())

        tick = asyncio.create_task(ticker())
        await asyncio.sleep(0.01)
        stall = 0.0
        state["start"] = time.perf_counter()
        if widget == "pageview":
            view = app.query_one(PageView)
            view.show_page(page, library)
            while not view.laid_out:
                await asyncio.sleep(0.001)
        else:
            viewer = MarkdownViewer(markdown, show_table_of_contents=False)
            await app.mount(viewer)
            await viewer.document.update(markdown)
        done = time.perf_counter()
        await pilot.pause()
        await asyncio.sleep(0.05)  # let the last screen update happen
        ticking = False
        await tick
        shown = state["shown"] or done
        start = state["start"]
        heap = latency = None
        if widget == "pageview":
            # Python heap at its peak while the page is laid out again, measured apart
            # (tracemalloc slows everything down several times).
            import tracemalloc

            fresh = PageView()
            await app.mount(fresh)
            await pilot.pause()
            tracemalloc.start()
            fresh.show_page(page, library)
            while not fresh.laid_out:
                await asyncio.sleep(0.001)
            heap = tracemalloc.get_traced_memory()[1] / 1024 / 1024
            tracemalloc.stop()
            await fresh.remove()
            latency = await key_latency(app, page, library)
        return {
            "heap_mb": heap,
            "key_ms": latency,
            "first_paint": (state["first"] or shown) - start,
            "laid_out": max(done, shown) - start if state["shown"] and state["shown"] < done + 0.05 else done - start,
            "stall": stall,
            "peak_mb": max(peak, rss_mb()) - baseline,
        }


def run_one(widget: str, case: str) -> dict:
    """Measure in a fresh process, so memory and caches start the same for every case."""
    completed = subprocess.run(
        [sys.executable, __file__, "--one", widget, case], capture_output=True, text=True, cwd=ROOT, timeout=900
    )
    if completed.returncode != 0:
        raise SystemExit(f"{widget} {case} failed:\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def cell(figures: dict | None, key: str, unit: str) -> str:
    if figures is None:
        return "skipped"
    value = figures.get(key)
    if value is None:
        return "-"
    return f"{value * 1000:.0f} ms" if unit == "ms" else f"{value:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", type=int, nargs="+", default=[200, 1000, 2000])
    parser.add_argument("--quick", action="store_true", help="skip MarkdownViewer on 2,000 sections or more")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(asyncio.run(measure(*args.one))))
        return
    cases = ["shipped"] + [str(count) for count in args.sections]
    rows = []
    for case in cases:
        mine = run_one("pageview", case)
        skip = args.quick and case != "shipped" and int(case) >= 2000
        theirs = None if skip else run_one("markdownviewer", case)
        name = SHIPPED if case == "shipped" else f"{int(case):,} sections"
        rows.append((name, mine, theirs))
        print(f"measured {name}", file=sys.stderr, flush=True)
    print("| page | | first paint | laid out | longest stall | key while loading | peak RSS growth | Python heap peak |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, mine, theirs in rows:
        for label, figures in (("PageView", mine), ("MarkdownViewer", theirs)):
            print(
                f"| {name} | {label} | {cell(figures, 'first_paint', 'ms')} | {cell(figures, 'laid_out', 'ms')} "
                f"| {cell(figures, 'stall', 'ms')} | {cell(figures, 'key_ms', 'ms') if figures else 'skipped'} | {cell(figures, 'peak_mb', 'MB')} | {cell(figures, 'heap_mb', 'MB')} |"
            )


if __name__ == "__main__":
    main()
