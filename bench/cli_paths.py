"""CPU time of what a `briefread` command does besides the query, in-process, on an existing index.

    python bench/cli_paths.py --corpus C --index I [--text FILE] [--runs 5] [--queries "" market]

Prints, each the median of `--runs` runs of `time.process_time` (CPU, which other jobs on the
machine disturb less than wall time):
- stale check: reading the manifest, and the scan of the corpus compared with it (what
  `Library.is_stale` does before every command: `manifest.read_entries`, `indexer.diff_corpus`);
- for each query: `Library.entity_counts` (top 20, what `briefread entities` prints) and
  `Library.facets` (the app's entity pane), after one warm-up call (the first is printed apart);
- with `--marks N` (default 20,000): the app's unread view (`Library.search` leaving out N read
  articles, every fifth of the list) and its bookmarked view (only N articles), first and median,
  and `Library.stored_articles` of the same N articles (what an export of the list reads);
- with `--text`: `cli.terminal_safe` and `cli.dump_json` of that file's text (what `show` prints).
The corpus and index are only read. A bench is not a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def cpu_ms(call: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        call()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--text", type=Path, help="a file whose text `show` would print")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--queries", nargs="*", default=["", "market", "Morocco"])
    parser.add_argument("--marks", type=int, default=20_000, help="read or bookmarked articles (0: none)")
    args = parser.parse_args()

    from tui_reader.cli import dump_json, terminal_safe
    from tui_reader.search import Library
    from tui_reader.search.indexer import diff_corpus, own_folders
    from tui_reader.search.manifest import read_entries
    from tui_reader.search.store import manifest_path, read_meta

    print(f"tui_reader from {sys.modules['tui_reader'].__file__}")
    meta = read_meta(args.index)
    manifest = manifest_path(args.index, meta.generation)
    known = read_entries(manifest)
    read_ms = cpu_ms(lambda: read_entries(manifest), args.runs)
    scan_ms = cpu_ms(lambda: diff_corpus(args.corpus, known, exclude=own_folders(args.index)), args.runs)
    print(f"stale check: manifest {read_ms:.0f} ms, scan and compare {scan_ms:.0f} ms ({len(known):,} files)")

    library = Library.open(args.corpus, args.index)
    library.search("x")  # the registry and aliases, loaded once per process
    for query in args.queries:
        results = library.search(query)
        start = time.process_time()
        library.facets(results)
        first = (time.process_time() - start) * 1000
        counts_ms = cpu_ms(lambda results=results: library.entity_counts(results, top=20), args.runs)
        facets_ms = cpu_ms(lambda results=results: library.facets(results), args.runs)
        top = library.entity_counts(results, top=3)
        print(
            f"{query or '(every article)'!r}: {len(results.docnums):,} results;"
            f" entity_counts {counts_ms:.0f} ms,"
            f" facets {facets_ms:.0f} ms (first {first:.0f} ms);"
            f" top {[(c.id, c.articles, c.mentions) for c in top]}"
        )
    if args.marks:
        every = library.search("")
        step = max(1, len(every) // args.marks)
        marked = frozenset(every[i].id for i in range(0, len(every), step)[: args.marks])
        views: dict[str, Callable[[Library], object]] = {
            "unread": lambda lib: lib.search("", except_ids=marked),
            "bookmarked": lambda lib: lib.search("", only_ids=marked),
        }
        for view, listed in views.items():
            fresh = Library.open(args.corpus, args.index)
            fresh.search("x")
            start = time.process_time()
            listed(fresh)
            first = (time.process_time() - start) * 1000
            listed_ms = cpu_ms(partial(listed, fresh), args.runs)
            fresh.close()
            print(f"{view} view, {len(marked):,} marked: {listed_ms:.0f} ms (first {first:.0f} ms)")
        stored_ms = cpu_ms(lambda: list(library.stored_articles(marked)), 1)
        print(f"stored_articles of {len(marked):,} articles: {stored_ms:.0f} ms")
    library.close()

    if args.text:
        text = args.text.read_text(encoding="utf-8", errors="surrogateescape")
        safe_ms = cpu_ms(lambda: terminal_safe(text), args.runs)
        json_ms = cpu_ms(lambda: dump_json({"text": text}), args.runs)
        print(f"{len(text):,} characters: terminal_safe {safe_ms:.0f} ms, dump_json {json_ms:.0f} ms")


if __name__ == "__main__":
    main()
