"""How quick the reader feels, measured headless (`App.run_test`) on an existing index.

    python bench/app_bench.py --corpus ../shared/data/bulk --index /tmp/bulk-index

Prints:
- start: wall time from launching a fresh `python` to the first screenful of the list drawn
  (imports, app start, opening the index, the first search), median of a few runs;
- keystroke: for each key of 6-letter words typed one key at a time, the time from the key to
  the list showing that prefix's results, median and p95. A key is typed once the list shows the
  previous prefix's results and at least `--cadence` ms after the previous key (180 ms: a steady
  65 words a minute); a key typed within the debounce of the previous one waits for the typing
  to pause, as it does for the user;
- scroll: the time for the list to draw after G (last row) and after a page down.
Build the index first (`briefread --corpus ... --index ... index`); a bench is not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CADENCE_MS = 180.0  # least time between two typed keys: a steady 65 words a minute
WORDS = ("market", "prices", "shares", "profit", "dollar", "export", "london", "budget")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


async def _wait(predicate: object, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.002)


def _app(corpus: Path, index: Path, state: Path):  # type: ignore[no-untyped-def]
    from tui_reader.config import Config, Locations
    from tui_reader.ui.app import BriefreadApp

    return BriefreadApp(Locations(corpus, index, state), Config())


async def _startup_child(corpus: Path, index: Path, state: Path) -> None:
    app = _app(corpus, index, state)
    async with app.run_test(size=(120, 40)) as pilot:
        await _wait(lambda: app.main_screen is not None and len(app.main_screen.article_list.rows) > 0)
        await pilot.pause()  # one frame with the rows
        print(json.dumps({"shown_at": time.time(), "rows": len(app.main_screen.article_list.rows)}))  # type: ignore[union-attr]
        app.exit()


def measure_startup(corpus: Path, index: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as state:
            started = time.time()
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    "--corpus",
                    str(corpus),
                    "--index",
                    str(index),
                    "--state",
                    state,
                ],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
            line = next(x for x in out.stdout.splitlines() if x.startswith("{"))
            times.append(json.loads(line)["shown_at"] - started)
    return times


async def measure_typing(
    corpus: Path, index: Path, words: tuple[str, ...], cadence_ms: float
) -> dict[str, object]:
    from tui_reader.ui.widgets.search_bar import DEBOUNCE_SECONDS

    latencies: list[float] = []
    took: list[float] = []
    scroll: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as state:
        app = _app(corpus, index, Path(state))
        async with app.run_test(size=(120, 40)) as pilot:
            await _wait(lambda: app.main_screen is not None and len(app.main_screen.article_list.rows) > 0)
            screen = app.main_screen
            assert screen is not None
            await pilot.pause(0.5)
            listing = screen.article_list
            total = len(listing.rows)

            t0 = time.perf_counter()
            listing.action_last()
            for y in range(listing.size.height):
                listing.render_line(y)
            scroll["last_row_ms"] = (time.perf_counter() - t0) * 1000
            listing.action_first()
            pages = []
            for _ in range(20):
                t0 = time.perf_counter()
                listing.action_page_down()
                for y in range(listing.size.height):
                    listing.render_line(y)
                pages.append((time.perf_counter() - t0) * 1000)
            scroll["page_down_median_ms"] = statistics.median(pages)
            listing.action_first()

            query_input = screen.search_bar.input
            for word in words:
                screen.focus_pane(query_input)
                query_input.value = ""
                await _wait(lambda: screen.query_text == "" and screen._applied_seq == screen._search_seq)
                await pilot.pause(0.3)
                started = 0.0
                for i, ch in enumerate(word):
                    prefix = word[: i + 1]
                    await asyncio.sleep(max(0.0, started + cadence_ms / 1000 - time.perf_counter()))
                    started = time.perf_counter()
                    query_input.insert_text_at_cursor(ch)
                    await _wait(
                        lambda p=prefix: (
                            screen.query_text == p  # type: ignore[misc]
                            and screen._applied_seq == screen._search_seq
                        )
                    )
                    latencies.append((time.perf_counter() - started) * 1000)
                    if screen.results is not None:
                        took.append(screen.results.took_ms)
                await pilot.pause(0.2)
    return {
        "rows": total,
        "keystrokes": len(latencies),
        "keystroke_median_ms": statistics.median(latencies),
        "keystroke_p95_ms": percentile(latencies, 0.95),
        "library_took_median_ms": statistics.median(took) if took else float("nan"),
        "debounce_ms": DEBOUNCE_SECONDS * 1000,
        "cadence_ms": cadence_ms,
        **scroll,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5, help="fresh starts to time")
    parser.add_argument("--words", default=",".join(WORDS), help="comma-separated words to type")
    parser.add_argument("--cadence", type=float, default=CADENCE_MS, help="least ms between two keys")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--state", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    corpus, index = args.corpus.resolve(), args.index.resolve()
    if args.child:
        asyncio.run(_startup_child(corpus, index, args.state))
        return
    starts = measure_startup(corpus, index, args.runs)
    print(
        f"start to list on screen: median {statistics.median(starts) * 1000:.0f} ms, "
        f"min {min(starts) * 1000:.0f} ms, max {max(starts) * 1000:.0f} ms ({args.runs} fresh processes)"
    )
    words = tuple(w for w in args.words.split(",") if w)
    typing = asyncio.run(measure_typing(corpus, index, words, args.cadence))
    print(f"rows listed: {typing['rows']:,}")
    print(
        f"keystroke to updated list ({typing['keystrokes']} keys, at least {typing['cadence_ms']:.0f} ms "
        f"apart; debounce {typing['debounce_ms']:.0f} ms for keys in a burst): "
        f"median {typing['keystroke_median_ms']:.0f} ms, "
        f"p95 {typing['keystroke_p95_ms']:.0f} ms; "
        f"library search alone median {typing['library_took_median_ms']:.1f} ms"
    )
    print(
        f"scroll: G to the last row drawn in {typing['last_row_ms']:.1f} ms; "
        f"page down drawn in {typing['page_down_median_ms']:.1f} ms (median)"
    )


if __name__ == "__main__":
    main()
