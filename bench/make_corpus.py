"""Write a deterministic benchmark corpus of N articles made from the real text in ../shared/data.

    python bench/make_corpus.py 100000 [--out DIR] [--data ../shared/data] [--force]

Sources: the Reuters-21578 stories (English, 1987), the WMT news test sets (French and English,
2007-2014) and the historical newspapers (French and English, 1790s-1940s). Articles are taken
in a fixed interleaving (14 Reuters : 2 WMT French : 2 WMT English : 1 historical French :
1 historical English, so about 15% French); each source is cycled through in file order. When
N needs a source's article again, pass k of that source moves its date k years earlier and
rotates its paragraphs by k, so the copy differs in id, date, text order and title. Nothing
is random and no word is made up: the same N and sources always give the same files.

Formats, by article number i: i % 10 in 0-3 a `.txt` seed-format file (a `date` header, no
title, no language: detected), 4-5 a `.md` file with YAML front matter (title, date, lang,
source), 6-9 a line of a `.jsonl` file holding 100 articles. Folders hold at most 1,000 files.
A hidden stamp file records what was written, so an existing corpus is reused.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
DEFAULT_ROOT = Path("/tmp/briefread-bench")
STAMP = ".briefread-bench.json"
VERSION = 1
JSONL_LINES = 100
FILES_PER_FOLDER = 1000
# (pool, weight): the interleaving of the sources.
WEIGHTS = (("reuters", 14), ("wmt-fr", 2), ("wmt-en", 2), ("hist-fr", 1), ("hist-en", 1))
SOURCE_NAMES = {"reuters": "Reuters", "wmt-fr": "WMT", "wmt-en": "WMT", "hist-fr": "HIPE", "hist-en": "HIPE"}


@dataclass(frozen=True, slots=True)
class SourceArticle:
    key: str
    lang: str
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    title: str  # "" when the source has none (the reader derives it)
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BenchArticle:
    number: int
    source: str
    lang: str
    date: str
    title: str
    text: str


def load_pools(data: Path) -> dict[str, list[SourceArticle]]:
    """Every source article, by pool, in a fixed order."""
    pools: dict[str, list[SourceArticle]] = {}
    reuters = []
    with open(data / "bulk" / "reuters21578.jsonl", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            paragraphs = tuple(p.strip() for p in record["text"].split("\n\n") if p.strip())
            if paragraphs:
                reuters.append(
                    SourceArticle(
                        record["id"], "en", record.get("date") or "", record.get("title") or "", paragraphs
                    )
                )
    pools["reuters"] = reuters
    for pool, folder in (("wmt", "news-wmt"), ("hist", "news-historical")):
        for lang in ("fr", "en"):
            articles = []
            for path in sorted((data / folder / lang).glob("*.txt")):
                date, paragraphs = _seed_file(path.read_text(encoding="utf-8"))
                if paragraphs:
                    articles.append(SourceArticle(f"{folder}/{lang}/{path.name}", lang, date, "", paragraphs))
            pools[f"{pool}-{lang}"] = articles
    return pools


def _seed_file(text: str) -> tuple[str, tuple[str, ...]]:
    first, _, rest = text.lstrip().partition("\n")
    date = ""
    if first.lower().startswith("date "):
        date = first[5:].strip()
    else:
        rest = text
    return date, tuple(p.strip() for p in rest.split("\n\n") if p.strip())


def articles(n: int, pools: dict[str, list[SourceArticle]]) -> Iterator[BenchArticle]:
    """The first `n` benchmark articles (smooth weighted round robin over the pools)."""
    weights = [(name, weight) for name, weight in WEIGHTS if pools.get(name)]
    total = sum(w for _, w in weights)
    current = {name: 0 for name, _ in weights}
    taken = {name: 0 for name, _ in weights}
    for number in range(n):
        for name, weight in weights:
            current[name] += weight
        name = max(weights, key=lambda item: current[item[0]])[0]
        current[name] -= total
        pool = pools[name]
        k, index = divmod(taken[name], len(pool))
        taken[name] += 1
        src = pool[index]
        shift = k % len(src.paragraphs)
        paragraphs = src.paragraphs[shift:] + src.paragraphs[:shift]
        yield BenchArticle(
            number=number,
            source=SOURCE_NAMES[name],
            lang=src.lang,
            date=_earlier(src.date, k),
            title=src.title if k == 0 else "",
            text="\n\n".join(paragraphs),
        )


def _earlier(date: str, years: int) -> str:
    if not date[:4].isdigit():
        return date
    return f"{int(date[:4]) - years:04d}{date[4:]}"


def write_corpus(n: int, out: Path, data: Path = DATA, force: bool = False) -> dict[str, int]:
    """Write the corpus of `n` articles into `out` (reused when its stamp matches)."""
    stamp_path = out / STAMP
    wanted = {"version": VERSION, "articles": n}
    if not force and stamp_path.exists():
        try:
            stamp: dict[str, int] = json.loads(stamp_path.read_text())
        except ValueError:
            stamp = {}
        if all(stamp.get(k) == v for k, v in wanted.items()):
            return stamp
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    pools = load_pools(data)
    files = 0
    size = 0
    jsonl_lines: list[str] = []
    jsonl_files = 0

    def flush_jsonl() -> None:
        nonlocal jsonl_files, files, size, jsonl_lines
        if not jsonl_lines:
            return
        path = out / "jsonl" / f"{jsonl_files // FILES_PER_FOLDER:03d}" / f"part-{jsonl_files:05d}.jsonl"
        size += _write(path, "".join(jsonl_lines))
        jsonl_files += 1
        files += 1
        jsonl_lines = []

    for article in articles(n, pools):
        i = article.number
        kind = i % 10
        folder = f"{i // (FILES_PER_FOLDER * 10 // 4):03d}"
        if kind < 4:
            body = f"date {article.date}\n\n{article.text}\n" if article.date else f"{article.text}\n"
            size += _write(out / "txt" / folder / f"a{i:07d}.txt", body)
            files += 1
        elif kind < 6:
            front = [
                f"date: {json.dumps(article.date)}",
                f"lang: {article.lang}",
                f"source: {json.dumps(article.source)}",
            ]
            if article.title:
                front.insert(0, f"title: {json.dumps(article.title, ensure_ascii=False)}")
            body = "---\n" + "\n".join(front) + "\n---\n\n" + article.text + "\n"
            size += _write(out / "md" / folder / f"a{i:07d}.md", body)
            files += 1
        else:
            record = {
                "id": f"a{i:07d}",
                "title": article.title,
                "date": article.date,
                "lang": article.lang,
                "source": article.source,
                "text": article.text,
            }
            jsonl_lines.append(json.dumps(record, ensure_ascii=False) + "\n")
            if len(jsonl_lines) >= JSONL_LINES:
                flush_jsonl()
    flush_jsonl()
    stamp = {**wanted, "files": files, "bytes": size}
    stamp_path.write_text(json.dumps(stamp))
    return stamp


def _write(path: Path, text: str) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    path.write_bytes(data)
    return len(data)


def default_dir(n: int) -> Path:
    return DEFAULT_ROOT / f"corpus-{n}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("--out", type=Path, default=None, help=f"default {DEFAULT_ROOT}/corpus-N")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--force", action="store_true", help="rewrite even when the stamp matches")
    args = parser.parse_args()
    if not (args.data / "bulk" / "reuters21578.jsonl").exists():
        print(f"{args.data} does not hold the shared data; pass --data", file=sys.stderr)
        return 2
    out = args.out or default_dir(args.n)
    stamp = write_corpus(args.n, out, args.data, args.force)
    print(f"{out}: {stamp['articles']} articles in {stamp['files']} files, {stamp['bytes'] / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
