"""Language detection accuracy on the shared news data, and reading speed while at it.

Each folder's name is the truth (``fr``, ``en``). Every file is read through `read_file`, as the
index reads it (the files carry no language metadata, so every language is detected); accuracy
is also given on the first `PREFIX_CHARS` characters of each text, a brief's first sentence or
two, to show how detection holds on short texts (it answers "und" rather than guess).

    python bench/language_eval.py [DATA_DIR]    # default: ../shared/data beside the repo
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tui_reader.corpus import SourceFile, read_file, scan
from tui_reader.corpus.language import detect_language

SETS = ("news-wmt", "news-historical")
LANGUAGES = ("fr", "en")
PREFIX_CHARS = 200


@dataclass
class Evaluation:
    files: int = 0
    seconds: float = 0.0
    detected: Counter[str] = field(default_factory=Counter)
    detected_on_prefix: Counter[str] = field(default_factory=Counter)


def evaluate(folder: Path) -> Evaluation:
    result = Evaluation()
    texts: list[str] = []
    started = time.perf_counter()
    for item in scan(folder):
        if not isinstance(item, SourceFile):
            continue
        result.files += 1
        for article in read_file(folder, item.path).articles:
            result.detected[article.lang] += 1
            texts.append(article.text)
    result.seconds = time.perf_counter() - started
    result.detected_on_prefix.update(detect_language(text[:PREFIX_CHARS]) for text in texts)
    return result


def share(counts: Counter[str], truth: str) -> str:
    total = sum(counts.values())
    others = ", ".join(f"{lang} {n}" for lang, n in counts.most_common() if lang != truth) or "none"
    accuracy = 100 * counts[truth] / total if total else 0.0
    return f"{counts[truth]}/{total} = {accuracy:.2f}% (other: {others})"


def main() -> int:
    repo = Path(__file__).resolve().parents[1]
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else repo.parent / "shared" / "data"
    if not data.is_dir():
        print(f"no data folder at {data}")
        return 1
    files = 0
    seconds = 0.0
    for name in SETS:
        for truth in LANGUAGES:
            folder = data / name / truth
            if not folder.is_dir():
                print(f"{name}/{truth}: missing, skipped")
                continue
            result = evaluate(folder)
            files += result.files
            seconds += result.seconds
            print(f"{name}/{truth}: whole text {share(result.detected, truth)}")
            prefix = share(result.detected_on_prefix, truth)
            print(f"{name}/{truth}: first {PREFIX_CHARS} characters {prefix}")
    if seconds:
        print(f"read {files} files in {seconds:.2f} s: {files / seconds:,.0f} files/s (scan + read_file)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
