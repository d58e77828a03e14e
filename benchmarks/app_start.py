"""How soon the app shows its first screen, and how fast a page opens, beside a minimal Textual app.

First screen: from just before the process is started until the sidebar lists the pages and
the reader shows the start page (lines laid out), run headless in a fresh process each time,
on the shipped handbook with a warm index (one run first builds it). The baseline is a
minimal Textual app (header, input, footer, a short Markdown document), measured the same way
in the same run. Page open: a page selected in the sidebar until the reader shows it.

Targets: first screen within 0.5 s; a page opens within 100 ms.

    python benchmarks/app_start.py [--runs 7] [--content DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIRST_SCREEN_TARGET = 0.5
PAGE_OPEN_TARGET = 0.100
SIZE = (100, 30)


def child_app(content: str, data: str, started: float, pages: int) -> dict:
    """Run HandbookApp headless: seconds from `started` to the first screen; page open times."""
    sys.path.insert(0, str(REPO))
    from handbook.ui.app import HandbookApp

    app = HandbookApp(Path(content), Path(data))

    def first_screen_shown() -> bool:
        view = app.page_view
        return (
            app.library is not None
            and len(app.sidebar.root.children) > 0
            and view.page is not None
            and view.display
            and (view.laid_out or view.line_count >= view.size.height)
        )

    async def run() -> dict:
        async with app.run_test(size=SIZE) as pilot:
            while not first_screen_shown():
                await pilot.pause(0.002)
            first = time.time() - started
            from_copy = app.loaded_from_copy
            while app.search_index is None or app.problems is None:  # the rest of the start-up
                await pilot.pause(0.01)
            await pilot.pause(0.2)
            opens = []
            leaves = [node for category in app.sidebar.root.children for node in category.children]
            step = max(1, len(leaves) // pages)
            for node in leaves[::step][:pages]:
                if node.data == app.current_slug:
                    continue
                began = time.perf_counter()
                app.sidebar.select_node(node)
                view = app.page_view
                while not (view.page is not None and view.page.slug == node.data and (view.laid_out or view.line_count >= view.size.height)):
                    await pilot.pause(0)
                opens.append(time.perf_counter() - began)
                await pilot.wait_for_scheduled_animations()  # let the sidebar settle before the next one
                await pilot.pause(0.05)
            return {"first": first, "opens": opens, "from_copy": from_copy}

    return asyncio.run(run())


def child_baseline(started: float) -> dict:
    """A minimal Textual app: header, input, footer and a short Markdown document."""
    from textual.app import App
    from textual.widgets import Footer, Header, Input, Markdown

    class Minimal(App):
        def compose(self):
            yield Header()
            yield Input(placeholder="Search")
            yield Markdown("# Title\n\nA short paragraph of text.\n\n- one\n- two\n")
            yield Footer()

    app = Minimal()

    async def run() -> dict:
        async with app.run_test(size=SIZE) as pilot:
            markdown = app.query_one(Markdown)
            while not markdown.children:
                await pilot.pause(0.002)
            return {"first": time.time() - started}

    return asyncio.run(run())


def spawn(kind: str, *args: str) -> dict:
    started = time.time()
    output = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(started), *args],
        capture_output=True, text=True, check=True, cwd=REPO,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pages", type=int, default=20, help="pages opened per run")
    parser.add_argument("--content", type=Path, help="content folder (default: the shipped handbook)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, started, *rest = args.child
        result = child_app(rest[0], rest[1], float(started), int(rest[2])) if kind == "app" else child_baseline(float(started))
        print(json.dumps(result))
        return

    sys.path.insert(0, str(REPO))
    from handbook.locations import shipped_content_dir

    content = str(args.content or shipped_content_dir())
    # Bytecode, as `pip install .` leaves it: where PYTHONDONTWRITEBYTECODE is set, the checkout
    # would otherwise compile handbook's modules at every start (about 0.1 s of each run).
    compileall.compile_dir(REPO / "handbook", quiet=1)
    with tempfile.TemporaryDirectory() as data:
        spawn("app", content, data, "1")  # builds the index: the runs below find it warm
        firsts, baselines, opens, copies = [], [], [], 0
        for _ in range(args.runs):  # interleaved, so both see the same machine load
            baselines.append(spawn("baseline")["first"])
            result = spawn("app", content, data, str(args.pages))
            firsts.append(result["first"])
            opens += result["opens"]
            copies += result["from_copy"]

    def row(name: str, values: list[float], target: float | None) -> str:
        median, worst = statistics.median(values), max(values)
        verdict = "" if target is None else ("ok" if median <= target else "OVER")
        goal = "" if target is None else f"{target * 1000:.0f} ms"
        return f"| {name} | {median * 1000:.0f} ms | {worst * 1000:.0f} ms | {goal} | {verdict} |"

    print(
        f"content: {content}; {args.runs} runs ({copies} started from the library copy);"
        f" {len(opens)} page opens; terminal {SIZE[0]}x{SIZE[1]} (headless)"
    )
    print("| measure | median | worst | target | |")
    print("| --- | --- | --- | --- | --- |")
    print(row("first screen, minimal Textual app (baseline)", baselines, None))
    print(row("first screen, handbook (warm index)", firsts, FIRST_SCREEN_TARGET))
    print(row("handbook over the baseline", [f - b for f, b in zip(firsts, baselines)], None))
    print(row("open a page from the sidebar", opens, PAGE_OPEN_TARGET))


if __name__ == "__main__":
    main()
