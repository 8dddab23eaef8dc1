"""Export of articles, with their entity mentions, to Markdown, JSON or JSON Lines (no terminal needed)."""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tui_reader.ui.safe_text import clean

if TYPE_CHECKING:
    from tui_reader.search import StoredArticle


def export_format(path: Path) -> str:
    """ "json" for a .json path, "jsonl" for a .jsonl one, else "markdown"."""
    return {".json": "json", ".jsonl": "jsonl"}.get(path.suffix.lower(), "markdown")


def export_folder() -> Path:
    """The folder an export is offered in: the current folder, or the home folder when the
    current one was deleted."""
    try:
        return Path.cwd()
    except FileNotFoundError:
        return Path(os.path.expanduser("~"))


def typed_path(raw: str) -> Path:
    """The absolute path of the name typed as `raw` (`~` is the home folder, a relative name is
    in the current folder); ExportError, saying what to type, when it cannot be made one."""
    try:
        path = Path(raw).expanduser()
    except RuntimeError:  # `~name` when there is no such user
        user = Path(raw).parts[0][1:]
        raise ExportError(f"There is no user {user}: type a full path.") from None
    if path.is_absolute():
        return path
    try:
        return Path.cwd() / path
    except FileNotFoundError:
        raise ExportError("The current folder no longer exists: type a full path.") from None


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


# What Markdown would read as markup anywhere in a line: emphasis, code, links and images, raw
# HTML and character references, tables, strikethrough, and the backslash that escapes them.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
# What it reads as markup at the start of a line: headings, quotes, list items, rules, fences.
_MD_LINE_START = re.compile(r"^([ \t]*)([#>+=-]|\d+(?=[.)]))", re.MULTILINE)


def md_escaped(text: str) -> str:
    """`text` as Markdown that renders as written: a heading, a rule, a list, a link, an image
    or HTML in an article is shown as its characters, never as structure of the export (a line
    "## Entities" or "---" in a brief would otherwise pass for the export's own)."""
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_LINE_START.sub(lambda m: m[1] + ("\\" + m[2] if not m[2][0].isdigit() else m[2] + "\\"), text)
    return text


def _md_line(text: str) -> str:
    # Markdown written for a terminal reader: no escape sequence may survive into the file.
    return md_escaped(clean(text, single_line=True).text)


def _md_code(text: str) -> str:
    # Inside a code span nothing is markup, and a backslash would show: only a backtick could end it.
    return clean(text, single_line=True).text.replace("`", "'")


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
    lines += ["", md_escaped(clean(article.text).text), ""]
    if article.mentions:
        lines += ["## Entities", ""]
        # each entity's forms as first written, and how often it is named
        forms: dict[str, dict[str, None]] = {}
        counts: dict[str, int] = {}
        names: dict[str, str] = {}
        for mention in article.mentions:
            forms.setdefault(mention.id, {})[mention.text] = None
            counts[mention.id] = counts.get(mention.id, 0) + 1
            names[mention.id] = mention.name_en or mention.name_fr or mention.text
        for entity_id, written in forms.items():
            distinct = ", ".join(dict.fromkeys(_md_line(f) for f in written))
            count = counts[entity_id]
            lines.append(
                f"- {_md_line(names[entity_id])} (`{_md_code(entity_id)}`): "
                f"{count} mention{'s' if count != 1 else ''}: {distinct}"
            )
        lines.append("")
    return "\n".join(lines)


class ExportError(Exception):
    """An export that cannot be written; the message is one sentence for the user, naming the
    path they chose and what to do."""


def export_target(path: Path) -> Path:
    """The file an export to `path` replaces or creates: `path` itself, or the regular file a
    symbolic link at `path` leads to (the link is kept and its file replaced, as editors do).

    Raises `ExportError` when `path` is something other than a regular file (a folder, a named
    pipe, a device, a socket), or a link to one of those or to nothing: renaming the export over
    it would silently replace it with a plain file.
    """
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise ExportError(failure(path, exc)) from None
    except ValueError:  # a NUL in the name
        raise ExportError(f"{path} is not a name a file can have: choose another name.") from None
    if stat.S_ISREG(mode):
        return path
    if stat.S_ISDIR(mode):
        raise ExportError(f"{path} is a folder: type a file name.")
    if not stat.S_ISLNK(mode):
        raise ExportError(f"{path} is not a regular file: choose another name.")
    target = Path(os.path.realpath(path))
    try:
        target_mode = target.stat().st_mode
    except OSError:  # a link to nothing, or a loop of links
        raise ExportError(f"{path} is a link to no file: choose another name.") from None
    if not stat.S_ISREG(target_mode):
        raise ExportError(f"{path} links to {target}, which is not a regular file: choose another name.")
    return target


def write_export(
    path: Path,
    articles: Iterable[StoredArticle],
    *,
    query: str = "",
    filters: Iterable[str] = (),
    view: str = "",
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write `articles` to `path` (format from the suffix); returns how many were written.
    `query`, `filters` and `view` (the marks view: "unread only", "bookmarked only"; "" for all
    articles) say what list they came from. `progress(n)` is called as the `n`th article is
    read; an exception it raises stops the export, and no file is left.

    The file is written next to its destination and renamed into place, so a failed export
    never leaves half a file under the chosen name. A link to a regular file writes that file
    (see `export_target`). Raises `ExportError`, with a message for the user, when it cannot.
    """
    fmt = export_format(path)
    target = export_target(path)
    try:
        tmp, fd = _temporary_file(target)
    except OSError as exc:
        raise ExportError(failure(path, exc)) from None
    if progress is not None:
        articles = _counted(articles, progress)
    count = 0
    try:
        with open(fd, "w", encoding="utf-8") as out:
            if fmt == "json":
                count = _write_json(out, articles, query, list(filters), view)
            elif fmt == "jsonl":
                count = _write_json_lines(out, articles)
            else:
                count = _write_markdown(out, articles, query, list(filters), view)
        if target.is_file():
            shutil.copymode(target, tmp)  # a replaced file keeps who may read it
        # Checked again just before the rename: a pipe or a device put there meanwhile stays.
        export_target(path)
        tmp.replace(target)
    except OSError as exc:
        raise ExportError(failure(path, exc)) from None
    finally:
        tmp.unlink(missing_ok=True)
    return count


def _counted(articles: Iterable[StoredArticle], progress: Callable[[int], None]) -> Iterator[StoredArticle]:
    for count, article in enumerate(articles, 1):
        progress(count)
        yield article


def _temporary_file(target: Path) -> tuple[Path, int]:
    """A new file next to `target`, created exclusively: an existing name, or a link planted
    under the name, is never written through."""
    for _ in range(100):
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
        try:
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name")


def failure(path: Path, exc: OSError) -> str:
    """One sentence saying why `path` could not be written and what to do; `exc` may name the
    temporary file, which the user never chose, so its own text is not shown."""
    folder = path.parent
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM):
        return f"Cannot write {path}: permission denied; choose a folder you can write to."
    if code == errno.EROFS:
        return f"Cannot write {path}: the disk is read-only; choose a folder you can write to."
    if code in (errno.ENOSPC, errno.EDQUOT):
        return f"Cannot write {path}: the disk is full; free some space or choose another folder."
    if code == errno.ENAMETOOLONG:
        return f"Cannot write {path}: the name is too long; choose a shorter one."
    if code in (errno.ENOENT, errno.ENOTDIR):
        if not folder.is_dir():
            return f"Cannot write {path}: the folder {folder} does not exist; choose an existing folder."
        return f"Cannot write {path}: its folder does not take new files; choose a folder you can write to."
    if code == errno.EISDIR:
        return f"{path} is a folder: type a file name."
    reason = os.strerror(code).lower() if code else "the file system refused it"
    return f"Cannot write {path}: {reason}; choose another folder or name."


def _write_json(
    out: TextIO, articles: Iterable[StoredArticle], query: str, filters: list[str], view: str
) -> int:
    out.write('{"query": ' + json.dumps(query, ensure_ascii=False))
    out.write(', "filters": ' + json.dumps(filters, ensure_ascii=False))
    if view:
        out.write(', "view": ' + json.dumps(view, ensure_ascii=False))
    out.write(', "articles": [')
    count = 0
    for article in articles:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(article_record(article), ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count


def _write_json_lines(out: TextIO, articles: Iterable[StoredArticle]) -> int:
    """One article a line (`article_record`): a corpus file briefread reads back, one record each."""
    count = 0
    for article in articles:
        out.write(json.dumps(article_record(article), ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_markdown(
    out: TextIO, articles: Iterable[StoredArticle], query: str, filters: list[str], view: str
) -> int:
    count = 0
    for article in articles:
        if count:
            out.write("\n---\n\n")
        elif query or filters or view:
            described = "; ".join(
                [f"query: {_md_line(query)}"] * bool(query)
                + [f"filters: {', '.join(_md_line(f) for f in filters)}"] * bool(filters)
                + [f"view: {view}"] * bool(view)
            )
            out.write(f"_Exported from briefread ({described})._\n\n")
        out.write(article_markdown(article))
        count += 1
    return count
