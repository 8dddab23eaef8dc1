"""Reading one corpus file. (Provisional: .txt only, to be replaced by the full reader.)"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from tui_reader.corpus.article import Article, FileReading, Skipped, article_id

_DATE = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}){0,2})\s*")


def read_file(root: Path, relpath: str) -> FileReading:
    """Read the file at `relpath` under `root` into articles; never raises for a bad file."""
    try:
        raw = (root / relpath).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return FileReading(relpath, [], [Skipped(relpath, str(exc))])
    text = unicodedata.normalize("NFC", raw)
    date = ""
    m = _DATE.match(text)
    if m:
        date = m.group(1)
        text = text[m.end() :]
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    body = "\n\n".join(p for p in paras if p)
    title = body.split(". ")[0][:80]
    art = Article(article_id(relpath, 0), relpath, 0, title, body, date, "fr")
    return FileReading(relpath, [art], [])
