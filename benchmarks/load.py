"""Load generated content folders of 1,000 and 10,000 pages: pages per second and peak memory.

Target: 1,000 pages in under 2 s on a 2-core machine. Each generated page has about 400 words
(one section a bullet list) and four practice questions. The baseline beside each figure is the
same files simply read and decoded, the floor any loader pays. The last line loads the shipped
handbook, whose pages are longer and list-heavier than the generated ones.

    python benchmarks/load.py [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handbook.library import load_library  # noqa: E402
from handbook.locations import shipped_content_dir  # noqa: E402
from tests.corpus import generate_content  # noqa: E402

TARGET_SECONDS_PER_1000 = 2.0


def read_only(root: Path) -> int:
    return sum(len(path.read_bytes().decode("utf-8")) for path in root.rglob("*.md"))


def measure(function, root: Path) -> tuple[float, float]:
    tracemalloc.start()
    started = time.perf_counter()
    function(root)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    print(f"{'pages':>7} {'load s':>8} {'pages/s':>9} {'peak MB':>8} | {'read-only s':>11} {'peak MB':>8} | target")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            generate_content(root, size, questions=4)
            read_only(root)  # warm the file cache so both sides read from memory
            base_seconds, base_peak = measure(read_only, root)
            seconds, peak = measure(load_library, root)
            # tracemalloc slows Python down; time once more without it for the rate.
            started = time.perf_counter()
            library = load_library(root)
            seconds = time.perf_counter() - started
            assert len(library.pages) == size
            target = TARGET_SECONDS_PER_1000 * size / 1000
            verdict = "ok" if seconds <= target else f"MISSED by {seconds - target:.2f} s"
            print(
                f"{size:>7} {seconds:>8.2f} {size / seconds:>9.0f} {peak:>8.1f} | {base_seconds:>11.2f} {base_peak:>8.1f} |"
                f" <= {target:.0f} s {verdict}"
            )
    shipped = shipped_content_dir()
    read_only(shipped)
    base_seconds, base_peak = measure(read_only, shipped)
    seconds, peak = measure(load_library, shipped)
    started = time.perf_counter()
    count = len(load_library(shipped).pages)
    seconds = time.perf_counter() - started
    print(
        f"{count:>7} {seconds:>8.2f} {count / seconds:>9.0f} {peak:>8.1f} | {base_seconds:>11.2f} {base_peak:>8.1f} |"
        " the shipped handbook"
    )


if __name__ == "__main__":
    main()
