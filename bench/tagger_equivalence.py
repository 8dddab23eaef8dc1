"""Tag a fixed set of texts and write or compare every mention, to check that a change of the
tagger leaves its output unchanged.

Usage: python bench/tagger_equivalence.py OUT.json [--against BASELINE.json]

The texts: every record of ../shared/data/gold/dev.jsonl (in its language and as "und"), the
seed article, and every news-wmt article (in its language and as "und").
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tui_reader.entities import Tagger, default_registry  # noqa: E402

DATA = REPO.parent / "shared" / "data"


def texts() -> list[tuple[str, str, str]]:
    """(name, lang, text) for every text to tag."""
    out: list[tuple[str, str, str]] = []
    dev = DATA / "gold" / "dev.jsonl"
    with dev.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out.append((f"dev:{rec['id']}", str(rec.get("lang", "und")), str(rec["text"])))
    seed = json.loads((DATA / "gold" / "seed.json").read_text(encoding="utf-8"))
    out.append(("seed", str(seed.get("lang", "und")), str(seed["text"])))
    for path in sorted((DATA / "news-wmt").glob("*/*.txt")):
        out.append(
            (f"wmt:{path.parent.name}/{path.name}", path.parent.name, path.read_text(encoding="utf-8"))
        )
    return out


def tag_all(tagger: Tagger) -> dict[str, list[list[object]]]:
    result: dict[str, list[list[object]]] = {}
    for name, lang, text in texts():
        for tag_lang in dict.fromkeys((lang, "und")):
            result[f"{name}|{tag_lang}"] = [list(m.to_json().values()) for m in tagger.tag(text, tag_lang)]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--against", type=Path)
    args = parser.parse_args()
    tagger = Tagger(default_registry())
    t0 = time.process_time()
    result = tag_all(tagger)
    elapsed = time.process_time() - t0
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=0), encoding="utf-8")
    total = sum(len(v) for v in result.values())
    print(f"{len(result)} texts, {total} mentions, {elapsed:.2f} s CPU")
    if args.against is None:
        return 0
    baseline = json.loads(args.against.read_text(encoding="utf-8"))
    differ = [k for k in baseline.keys() | result.keys() if baseline.get(k) != result.get(k)]
    for key in sorted(differ)[:20]:
        old, new = baseline.get(key) or [], result.get(key) or []
        print(key)
        for m in old:
            if m not in new:
                print("  -", m)
        for m in new:
            if m not in old:
                print("  +", m)
    print(f"{len(differ)} texts differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
