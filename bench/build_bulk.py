"""Build the index of the Reuters bulk set with one and with two writer processes, then time a few
queries on it. Prints docs/s, MB/s, CPU ms per article (this process and its writer
sub-processes: the machine may be shared, so wall time alone is noisy) and query median/p95 (ms,
top 20 with snippets).

    python bench/build_bulk.py [--corpus ../shared/data/bulk] [--work DIR] [--runs 20]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from run import percentile, time_briefread  # the query timing of bench/run.py

from tui_reader.search import Library
from tui_reader.search.indexer import update_index

QUERIES = [
    "oil",
    "trade deficit",
    '"interest rates"',
    "export*",
    "goverment~",
    "date:[1987-03 to 1987-04]",
    "tonnes NOT wheat",
]


def cpu_seconds() -> float:
    """CPU time of this process and of its finished sub-processes (the writer processes)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    here = Path(__file__).resolve().parents[1]
    parser.add_argument("--corpus", type=Path, default=here.parent / "shared" / "data" / "bulk")
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--procs", type=int, nargs="*", default=[1, 2])
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"{args.corpus} is not available; pass --corpus", file=sys.stderr)
        return 2
    work = args.work or Path(tempfile.mkdtemp(prefix="briefread-bench-"))
    size_mb = sum(p.stat().st_size for p in args.corpus.rglob("*") if p.is_file()) / 1e6
    print(f"corpus {args.corpus} ({size_mb:.1f} MB), work dir {work}")
    print(f"{'build':<28}{'docs':>8}{'seconds':>10}{'docs/s':>10}{'MB/s':>8}{'CPU ms/doc':>12}")
    index = work / "index-1"
    for procs in args.procs:
        index = work / f"index-{procs}"
        started, cpu = time.perf_counter(), cpu_seconds()
        summary = update_index(args.corpus, index, rebuild=True, procs=procs)
        took, cpu = time.perf_counter() - started, cpu_seconds() - cpu
        print(
            f"{f'procs={procs}':<28}{summary.articles:>8}{took:>10.1f}"
            f"{summary.articles / took:>10.0f}{size_mb / took:>8.2f}"
            f"{cpu * 1000 / max(1, summary.articles):>12.2f}"
        )
    library = Library.open(args.corpus, index)
    print(f"\n{'query (top 20 + snippets)':<28}{'hits':>8}{'median ms':>12}{'p95 ms':>10}")
    for query in QUERIES:
        timings, total = time_briefread(library, query, args.runs)
        print(f"{query:<28}{total:>8}{statistics.median(timings):>12.1f}{percentile(timings, 0.95):>10.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
