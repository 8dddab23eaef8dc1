"""Export of articles, with their entity mentions, to Markdown or JSON (no terminal needed)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tui_reader.ui.safe_text import clean

if TYPE_CHECKING:
    from tui_reader.search import StoredArticle


def export_format(path: Path) -> str:
    """ "json" for a .json or .jsonl path, else "markdown"."""
    return "json" if path.suffix.lower() in (".json", ".jsonl") else "markdown"


def unused_path(directory: Path, stem: str, suffix: str) -> Path:
    """`directory/stem.suffix`, or `stem-2.suffix`, ... when taken."""
    candidate = directory / f"{stem}{suffix}"
    n = 2
    while candidate.exists():
        candidate = directory / f"{stem}-{n}{suffix}"
        n += 1
    return candidate


def article_record(article: StoredArticle) -> dict[str, Any]:
    """An article as a JSON object, with its mentions (offsets into `text`)."""
    return {
        "id": article.id,
        "title": article.title,
        "date": article.date,
        "lang": article.lang,
        "path": article.path,
        "source": article.source,
        "url": article.url,
        "text": article.text,
        "mentions": [m.to_json() for m in article.mentions],
    }


def _md_line(text: str) -> str:
    # Markdown written for a terminal reader: no escape sequence may survive into the file.
    return clean(text, single_line=True).text


def article_markdown(article: StoredArticle) -> str:
    """An article as Markdown: title, metadata, text, then the entities it names."""
    lines = [f"# {_md_line(article.title) or '(untitled)'}", ""]
    for label, value in (
        ("Date", article.date),
        ("Language", article.lang),
        ("Path", article.path),
        ("Source", article.source),
        ("URL", article.url),
        ("Id", article.id),
    ):
        if value:
            lines.append(f"- {label}: {_md_line(value)}")
    lines += ["", clean(article.text).text, ""]
    if article.mentions:
        lines += ["## Entities", ""]
        seen: dict[str, list[str]] = {}
        names: dict[str, str] = {}
        for mention in article.mentions:
            seen.setdefault(mention.id, []).append(mention.text)
            names[mention.id] = mention.name_en or mention.name_fr or mention.text
        for entity_id, forms in seen.items():
            distinct = ", ".join(dict.fromkeys(_md_line(f) for f in forms))
            lines.append(
                f"- {_md_line(names[entity_id])} (`{_md_line(entity_id)}`): "
                f"{len(forms)} mention{'s' if len(forms) != 1 else ''}: {distinct}"
            )
        lines.append("")
    return "\n".join(lines)


def write_export(
    path: Path,
    articles: Iterable[StoredArticle],
    *,
    query: str = "",
    filters: Iterable[str] = (),
) -> int:
    """Write `articles` to `path` (format from the suffix); returns how many were written.

    The file is written next to its destination and renamed into place, so a failed export
    never leaves half a file under the chosen name.
    """
    fmt = export_format(path)
    tmp = path.with_name(f".{path.name}.part")
    count = 0
    try:
        with tmp.open("w", encoding="utf-8") as out:
            if fmt == "json":
                count = _write_json(out, articles, query, list(filters))
            else:
                count = _write_markdown(out, articles, query, list(filters))
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return count


def _write_json(out: TextIO, articles: Iterable[StoredArticle], query: str, filters: list[str]) -> int:
    out.write('{"query": ' + json.dumps(query, ensure_ascii=False))
    out.write(', "filters": ' + json.dumps(filters, ensure_ascii=False))
    out.write(', "articles": [')
    count = 0
    for article in articles:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(article_record(article), ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def _write_markdown(out: TextIO, articles: Iterable[StoredArticle], query: str, filters: list[str]) -> int:
    count = 0
    for article in articles:
        if count:
            out.write("\n---\n\n")
        elif query or filters:
            described = "; ".join(
                [f"query: {_md_line(query)}"] * bool(query)
                + [f"filters: {', '.join(_md_line(f) for f in filters)}"] * bool(filters)
            )
            out.write(f"_Exported from briefread ({described})._\n\n")
        out.write(article_markdown(article))
        count += 1
    return count
