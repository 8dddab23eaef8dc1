"""The performance table: build, incremental update, a query mix, and the app, at 10k and 100k
articles, side by side with `grep -rli` and SQLite FTS5 on the same articles.

    python bench/run.py                      # N = 10,000 and 100,000 (the 100k build takes a while)
    python bench/run.py --sizes 10000        # one size
    python bench/run.py --quick              # 2,000 articles, few runs: a smoke run
    python bench/run.py --reuse-build        # keep an index built by an earlier run of the same size

Corpora are written by bench/make_corpus.py (real text from ../shared/data) under --work
(default /tmp/briefread-bench) and reused while they match. Every timing is wall-clock on this
machine; the load average is printed with the table, because other work on the machine slows
everything here. Not a test: nothing here runs under pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import make_corpus  # noqa: E402
from app_bench import percentile  # noqa: E402

TARGETS = {
    "build": 1000.0,  # docs/s including entities
    "incremental": 1.0,  # s
    "query_p95": 100.0,  # ms
    "fuzzy_p95": 200.0,
    "prefix_p95": 300.0,
    "app_start": 1.5,  # s
    "keystroke_p95": 150.0,  # ms
    "app_rss": 600.0,  # MB
    "grep_ratio": 50.0,
    "fts_ratio": 3.0,
}
TYPED_WORD = "market"


@dataclass(frozen=True)
class BenchQuery:
    """One query of the mix, with the closest grep command and FTS5 query."""

    name: str
    query: str
    grep: list[list[str]]  # grep argument lists; several are piped (AND of files)
    fts: str  # FTS5 MATCH expression, or "date:FROM:TO" for a date range on the date column
    note: str = ""


def _alias_pattern(entity_id: str) -> tuple[str, str]:
    """An ERE alternation of every alias of `entity_id`, and the same as an FTS5 OR of phrases."""
    from tui_reader.entities import default_registry

    names = sorted({a.text for a in default_registry().aliases() if a.entity_id == entity_id}, key=str.lower)
    names = [n for n in names if n.isascii() or any(c.isalpha() and ord(c) < 0x250 for c in n)]
    return "|".join(names), " OR ".join('"' + n.replace('"', "") + '"' for n in names)


def query_mix() -> list[BenchQuery]:
    france_re, france_fts = _alias_pattern("country:FR")
    germany_re, germany_fts = _alias_pattern("country:DE")
    return [
        BenchQuery("common term", "market", [["-rli", "market"]], "market"),
        BenchQuery("rare term", "sorghum", [["-rli", "sorghum"]], "sorghum"),
        BenchQuery(
            "two-term AND",
            "trade deficit",
            [["-rliZ", "trade"], ["-li", "deficit"]],
            "trade deficit",
            "grep: files with 'trade', then those with 'deficit' (grep -rliZ | xargs -0 grep -li)",
        ),
        BenchQuery("phrase", '"interest rates"', [["-rliF", "interest rates"]], '"interest rates"'),
        BenchQuery("prefix", "export*", [["-rliE", r"\bexport"]], "export*"),
        BenchQuery(
            "fuzzy",
            "goverment~",
            [["-rliE", "goverment|government"]],
            "goverment OR government",
            "fuzzy: grep and FTS5 have none; they search the typo and the word it should find",
        ),
        BenchQuery(
            "entity filter",
            "country:France",
            [["-rliwE", france_re]],
            france_fts,
            "entity: grep and FTS5 search every registry alias of France (names, demonyms) as words",
        ),
        BenchQuery(
            "date range",
            "date:[1987-03-01 to 1987-03-15]",
            [["-rliE", r'^date:? "?1987-03-(0[1-9]|1[0-5])|"date": "1987-03-(0[1-9]|1[0-5])']],
            "date:1987-03-01:1987-03-15",
            "date: grep matches the date header or field with a regex; FTS5 uses an indexed date column",
        ),
        BenchQuery(
            "cross-lingual entity",
            "Allemagne",
            [["-rliwE", germany_re]],
            germany_fts,
            "cross-lingual: grep and FTS5 search every alias of Germany in every language",
        ),
    ]


# -- helpers ------------------------------------------------------------------------------


def tree_rss_mb(root_pid: int) -> tuple[float, float]:
    """Resident memory of `root_pid` and all its descendants: (sum, largest one), in MB.
    File-backed pages (the index files Whoosh maps) are left out: they are page cache that the
    kernel reclaims, and they are shared between the writer processes."""
    children: dict[int, list[int]] = {}
    rss: dict[int, float] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
            with open(f"/proc/{entry}/statm") as fh:
                fields = fh.read().split()
            resident = int(fields[1]) - int(fields[2])
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = resident * page / 1e6
    total, largest, stack = 0.0, 0.0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0.0)
        largest = max(largest, rss.get(pid, 0.0))
        stack.extend(children.get(pid, ()))
    return total, largest


def run_sampled(cmd: list[str], env: dict[str, str] | None = None) -> tuple[str, float, float, float, float]:
    """Run `cmd`, sampling the resident memory of its process tree. Returns stdout, wall
    seconds, CPU seconds (all processes), peak summed RSS and peak single-process RSS (MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    peak_sum = peak_one = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_sum, peak_one
        while not done.is_set():
            total, largest = tree_rss_mb(proc.pid)
            peak_sum, peak_one = max(peak_sum, total), max(peak_one, largest)
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode:
        raise RuntimeError(f"{cmd[:3]} failed with exit code {proc.returncode}")
    return out, wall, cpu, peak_sum, peak_one


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


# -- briefread ----------------------------------------------------------------------------

BUILD_SCRIPT = """
import json, sys, time
from pathlib import Path
from tui_reader.search.indexer import update_index
started = time.perf_counter()
s = update_index(Path(sys.argv[1]), Path(sys.argv[2]), rebuild=True)
print(json.dumps({"articles": s.articles, "total": s.total_articles, "bytes": s.bytes_read,
                  "skipped": len(s.skipped), "seconds": time.perf_counter() - started}))
"""


def build(corpus: Path, index: Path) -> dict[str, Any]:
    shutil.rmtree(index, ignore_errors=True)
    out, wall, cpu, peak_sum, peak_one = run_sampled(
        [sys.executable, "-c", BUILD_SCRIPT, str(corpus), str(index)], child_env()
    )
    result = json.loads(out.strip().splitlines()[-1])
    result.update(wall=wall, cpu=cpu, rss_sum=peak_sum, rss_one=peak_one)
    result["index_mb"] = sum(p.stat().st_size for p in index.iterdir() if p.is_file()) / 1e6
    return result


def incremental(corpus: Path, index: Path) -> dict[str, float]:
    """Change one file, add one and delete one; seconds until a search sees all three."""
    from tui_reader.corpus import article_id
    from tui_reader.search import Library

    txt = sorted((corpus / "txt").rglob("*.txt"))
    changed, deleted, source = txt[0], txt[1], txt[2]
    new = changed.parent / "zz-new-brief.txt"
    originals = {changed: changed.read_bytes(), deleted: deleted.read_bytes()}
    library = Library.open(corpus, index)
    settled = library.update()  # a registry or schema change since the build would rebuild here
    library.search("market", limit=50)
    timings = {"settle": settled.seconds, "settle_rebuilt": float(settled.rebuilt)}
    try:
        extra = source.read_text(encoding="utf-8").split("\n\n")[-1]
        changed.write_text(
            changed.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + extra + "\n", encoding="utf-8"
        )
        new.write_bytes(source.read_bytes())
        deleted.unlink()
        new_id = article_id(new.relative_to(corpus).as_posix(), 0)
        deleted_id = article_id(deleted.relative_to(corpus).as_posix(), 0)
        started = time.perf_counter()
        summary = library.update()
        seen = library.article(new_id) is not None and library.article(deleted_id) is None
        timings["forward"] = time.perf_counter() - started
        if not seen or summary.rebuilt or (summary.added, summary.changed, summary.deleted) != (1, 1, 1):
            raise RuntimeError(f"the incremental update was not seen: {summary}")
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
        new.unlink(missing_ok=True)
        started = time.perf_counter()
        library.update()
        timings["back"] = time.perf_counter() - started
        library.close()
    return timings


def time_briefread(library: Any, query: str, runs: int) -> tuple[list[float], int]:
    timings = []
    total = 0
    for _ in range(runs):
        parsed = getattr(library, "_parsed", None)
        if isinstance(parsed, dict):
            parsed.clear()  # a query typed anew is parsed anew
        started = time.perf_counter()
        results = library.search(query, limit=50)
        total = results.total
        for row in results[:20]:
            article = library.article(row.id)
            if article is not None:
                library.snippets(query, article)
        timings.append((time.perf_counter() - started) * 1000)
    return timings, total


# -- grep -----------------------------------------------------------------------------------


def time_grep(corpus: Path, q: BenchQuery, runs: int) -> tuple[float, int]:
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    timings = []
    count = 0
    for _ in range(runs):
        started = time.perf_counter()
        first = subprocess.run(["grep", *q.grep[0], str(corpus)], capture_output=True, env=env)
        out = first.stdout
        for args in q.grep[1:]:
            files = [f for f in out.split(b"\0") if f]
            out = b""
            for chunk in range(0, len(files), 2000):
                out += subprocess.run(
                    ["grep", *args, "--", *(f.decode() for f in files[chunk : chunk + 2000])],
                    capture_output=True,
                    env=env,
                ).stdout
        timings.append((time.perf_counter() - started) * 1000)
        count = len([line for line in out.replace(b"\0", b"\n").splitlines() if line])
    return statistics.median(timings), count


# -- SQLite FTS5 ----------------------------------------------------------------------------


def fts_build(corpus: Path, db: Path) -> dict[str, float]:
    """Read the corpus with briefread's reader (no entity extraction) into an FTS5 table."""
    from tui_reader.corpus import SourceFile, read_file, scan

    db.unlink(missing_ok=True)
    started = time.perf_counter()
    con = sqlite3.connect(db)
    con.executescript(
        """
        CREATE TABLE doc(id INTEGER PRIMARY KEY, aid TEXT, date TEXT, lang TEXT, title TEXT, text TEXT);
        CREATE VIRTUAL TABLE fts USING fts5(title, text, content='doc', content_rowid='id',
                                            tokenize="unicode61 remove_diacritics 2");
        """
    )
    n = 0
    with con:
        for item in scan(corpus):
            if not isinstance(item, SourceFile):
                continue
            rows = []
            for a in read_file(corpus, item.path).articles:
                n += 1
                rows.append((n, a.id, a.date, a.lang, a.title, a.text))
            con.executemany("INSERT INTO doc VALUES (?,?,?,?,?,?)", rows)
            con.executemany(
                "INSERT INTO fts(rowid, title, text) VALUES (?,?,?)", [(r[0], r[4], r[5]) for r in rows]
            )
        con.execute("CREATE INDEX doc_date ON doc(date)")
    con.close()
    seconds = time.perf_counter() - started
    return {"articles": n, "seconds": seconds, "db_mb": db.stat().st_size / 1e6}


def time_fts(con: sqlite3.Connection, expr: str, runs: int) -> tuple[list[float], int]:
    timings = []
    total = 0
    for _ in range(runs):
        started = time.perf_counter()
        if expr.startswith("date:"):
            _, lo, hi = expr.split(":")
            total = con.execute("SELECT count(*) FROM doc WHERE date BETWEEN ? AND ?", (lo, hi)).fetchone()[0]
            rows = con.execute(
                "SELECT id, aid, title, date, substr(text, 1, 160) FROM doc WHERE date BETWEEN ? AND ? "
                "ORDER BY date DESC LIMIT 50",
                (lo, hi),
            ).fetchall()
        else:
            total = con.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (expr,)).fetchone()[0]
            ids = [
                r[0]
                for r in con.execute(
                    "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT 50", (expr,)
                )
            ]
            rows = con.execute(
                f"SELECT id, aid, title, date FROM doc WHERE id IN ({','.join('?' * len(ids))})", ids
            ).fetchall()
            first = ids[:20]
            if first:
                con.execute(
                    f"SELECT snippet(fts, 1, '', '', '…', 24) FROM fts WHERE fts MATCH ? "
                    f"AND rowid IN ({','.join('?' * len(first))})",
                    (expr, *first),
                ).fetchall()
        del rows
        timings.append((time.perf_counter() - started) * 1000)
    return timings, total


# -- the app --------------------------------------------------------------------------------

APP_CHILD = """
import asyncio, json, resource, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
import app_bench
words = tuple(sys.argv[4].split(","))
typing = asyncio.run(
    app_bench.measure_typing(Path(sys.argv[1]), Path(sys.argv[2]), words, app_bench.CADENCE_MS)
)
with open("/proc/self/status") as fh:
    status = {line.split(":")[0]: int(line.split()[1]) / 1000 for line in fh if line.startswith("Rss")}
typing["rss_mb"] = status["RssAnon"] + status["RssFile"] + status.get("RssShmem", 0)
typing["rss_anon_mb"] = status["RssAnon"]
typing["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000
print(json.dumps(typing))
"""


def app_figures(corpus: Path, index: Path, runs: int) -> dict[str, Any]:
    import app_bench

    starts = app_bench.measure_startup(corpus, index, runs)
    out = subprocess.run(
        [sys.executable, "-c", APP_CHILD, str(corpus), str(index), str(ROOT / "bench"), TYPED_WORD],
        capture_output=True,
        text=True,
        check=True,
        env=child_env(),
    ).stdout
    typing = json.loads(out.strip().splitlines()[-1])
    return {"start_median": statistics.median(starts), "start_max": max(starts), **typing}


# -- one size ---------------------------------------------------------------------------------


@dataclass
class SizeResult:
    n: int
    corpus: dict[str, Any] = field(default_factory=dict)
    build: dict[str, Any] = field(default_factory=dict)
    incremental: dict[str, float] = field(default_factory=dict)
    fts_build: dict[str, float] = field(default_factory=dict)
    queries: dict[str, dict[str, Any]] = field(default_factory=dict)
    app: dict[str, Any] = field(default_factory=dict)


def measure_size(n: int, args: argparse.Namespace, say: Callable[[str], None]) -> SizeResult:
    from tui_reader.search import Library

    work: Path = args.work
    corpus = work / f"corpus-{n}"
    index = work / f"index-{n}"
    saved = work / f"build-{n}.json"
    result = SizeResult(n)
    say(f"[{n}] corpus")
    result.corpus = make_corpus.write_corpus(n, corpus)
    if args.reuse_build and saved.exists() and (index / "briefread.json").exists():
        result.build = json.loads(saved.read_text())
        result.build["reused"] = True
    else:
        say(f"[{n}] building the index")
        result.build = build(corpus, index)
        saved.write_text(json.dumps(result.build))
    say(f"[{n}] incremental update")
    result.incremental = incremental(corpus, index)
    say(f"[{n}] FTS5 build")
    db = work / f"fts-{n}.sqlite"
    result.fts_build = fts_build(corpus, db)
    say(f"[{n}] queries")
    library = Library.open(corpus, index)
    library.search("oil", limit=50)  # the long-lived searcher and the alias table, as in the app
    con = sqlite3.connect(db)
    for q in query_mix():
        timings, total = time_briefread(library, q.query, args.runs)
        fts_times, fts_total = time_fts(con, q.fts, args.runs)
        grep_ms, grep_files = time_grep(corpus, q, args.grep_runs)
        result.queries[q.name] = {
            "query": q.query,
            "total": total,
            "median": statistics.median(timings),
            "p95": percentile(timings, 0.95),
            "grep_ms": grep_ms,
            "grep_files": grep_files,
            "fts_median": statistics.median(fts_times),
            "fts_total": fts_total,
        }
        say(
            f"    {q.name:<22}{statistics.median(timings):8.1f} ms  p95 {percentile(timings, 0.95):7.1f}"
            f"  grep {grep_ms:8.0f} ms  fts {statistics.median(fts_times):7.1f} ms  hits {total}"
        )
    con.close()
    library.close()
    if not args.no_app:
        say(f"[{n}] app")
        try:
            result.app = app_figures(corpus, index, args.app_runs)
        except (subprocess.CalledProcessError, RuntimeError, ValueError, OSError) as exc:
            say(f"    the app could not be measured: {exc}")
    return result


# -- the table --------------------------------------------------------------------------------


def fmt(value: float, digits: int = 0) -> str:
    return f"{value:,.{digits}f}"


def print_table(results: list[SizeResult], load: tuple[float, float, float]) -> None:
    col = 30
    sizes = "".join(f"{'N = ' + fmt(r.n):>{col}}" for r in results)
    lines = [
        f"briefread benchmark: {os.cpu_count()} cores, "
        f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}",
        f"{'':<44}{sizes}   target",
    ]

    def row(label: str, cells: list[str], target: str = "") -> None:
        lines.append(f"{label:<44}" + "".join(f"{c:>{col}}" for c in cells) + f"   {target}")

    row(
        "corpus (articles, files, MB)",
        [
            f"{r.corpus['articles']:,} / {r.corpus['files']:,} / {r.corpus['bytes'] / 1e6:.0f}"
            for r in results
        ],
    )
    row(
        "build: docs/s (with entities)",
        [fmt(r.build["articles"] / r.build["wall"]) for r in results],
        ">= 1,000",
    )
    row("build: MB/s", [fmt(r.corpus["bytes"] / 1e6 / r.build["wall"], 2) for r in results])
    row(
        "build: seconds wall / CPU (all processes)",
        [f"{r.build['wall']:.0f} / {r.build['cpu']:.0f}" for r in results],
    )
    row(
        "build: peak RSS MB, anonymous (sum / largest)",
        [f"{r.build['rss_sum']:.0f} / {r.build['rss_one']:.0f}" for r in results],
    )
    row("index size MB", [fmt(r.build["index_mb"]) for r in results])
    row(
        "FTS5 build: docs/s (no entities)",
        [fmt(r.fts_build["articles"] / r.fts_build["seconds"]) for r in results],
    )
    row(
        "incremental: 1 changed + 1 new + 1 deleted, s",
        [f"{r.incremental['forward']:.2f} (undo {r.incremental['back']:.2f})" for r in results],
        "<= 1",
    )
    lines.append("")
    lines.append(
        f"{'query: top 50, snippets for 20':<44}"
        + "".join(f"{'ms med/p95 | grep x | FTS5 x':>{col}}" for _ in results)
    )
    grep_ratios: dict[int, list[float]] = {r.n: [] for r in results}
    fts_ratios: dict[int, list[float]] = {r.n: [] for r in results}
    for q in query_mix():
        cells = []
        for r in results:
            m = r.queries[q.name]
            g = m["grep_ms"] / m["median"]
            f = m["median"] / m["fts_median"]
            grep_ratios[r.n].append(g)
            fts_ratios[r.n].append(f)
            cells.append(f"{m['median']:.0f} / {m['p95']:.0f} | {g:.{0 if g >= 10 else 1}f}x | {f:.1f}x")
        target = "p95 <= 200" if q.name == "fuzzy" else "p95 <= 300" if q.name == "prefix" else "p95 <= 100"
        row(f"{q.name} {q.query}"[:43], cells, target)
    row(
        "vs grep: median of ratios (times faster)",
        [f"{statistics.median(grep_ratios[r.n]):.0f}x" for r in results],
        ">= 50x",
    )
    row(
        "vs FTS5: median of ratios (times slower)",
        [f"{statistics.median(fts_ratios[r.n]):.1f}x" for r in results],
        "<= 3x",
    )
    lines.append("")
    lines.append(f"{'hits: briefread / grep (files) / FTS5':<44}")
    for q in query_mix():
        row(
            f"  {q.name}",
            [
                f"{r.queries[q.name]['total']:,} / {r.queries[q.name]['grep_files']:,} / "
                f"{r.queries[q.name]['fts_total']:,}"
                for r in results
            ],
        )
    if any(r.app for r in results):
        lines.append("")
        row(
            "app: start to list on screen, s (median)",
            [f"{r.app['start_median']:.2f}" if r.app else "-" for r in results],
            "<= 1.5",
        )
        row(
            f"app: keystroke to list, ms med / p95 ({TYPED_WORD})",
            [
                f"{r.app['keystroke_median_ms']:.0f} / {r.app['keystroke_p95_ms']:.0f}" if r.app else "-"
                for r in results
            ],
            "p95 <= 150",
        )
        row(
            "app: resident MB (all / anonymous / peak)",
            [
                f"{r.app['rss_mb']:.0f} / {r.app['rss_anon_mb']:.0f} / {r.app['peak_rss_mb']:.0f}"
                if r.app
                else "-"
                for r in results
            ],
            "<= 600",
        )
    lines.append("")
    lines.append(
        "grep: `grep -rli` (LC_ALL=C.UTF-8) over the corpus directory, median of runs; it lists files,"
    )
    lines.append(
        "  and a .jsonl file holds 100 articles. FTS5: python sqlite3, unicode61 remove_diacritics 2, the"
    )
    lines.append("  same articles read by briefread's reader; count + top 50 by rank + 20 snippets.")
    for q in query_mix():
        if q.note:
            lines.append(f"{q.note}.")
    print("\n".join(lines))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--quick", action="store_true", help="2,000 articles and few runs")
    parser.add_argument("--work", type=Path, default=make_corpus.DEFAULT_ROOT)
    parser.add_argument("--runs", type=int, default=20, help="runs of each query")
    parser.add_argument("--grep-runs", type=int, default=3)
    parser.add_argument("--app-runs", type=int, default=3, help="fresh app starts to time")
    parser.add_argument("--reuse-build", action="store_true", help="keep an index built by an earlier run")
    parser.add_argument("--no-app", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.runs, args.grep_runs, args.app_runs = [2_000], 5, 1, 1
    if not (make_corpus.DATA / "bulk" / "reuters21578.jsonl").exists():
        print(f"{make_corpus.DATA} is not available: the corpora are made from it.", file=sys.stderr)
        return 2
    args.work.mkdir(parents=True, exist_ok=True)

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    results = []
    loads = []
    for n in args.sizes:
        results.append(measure_size(n, args, say))
        loads.append(os.getloadavg())
    load = tuple(max(values) for values in zip(*loads, strict=True))
    print_table(results, load)  # type: ignore[arg-type]
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in results], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
