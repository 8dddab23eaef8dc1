"""Building and updating the index: only new, changed and deleted files are re-read.

Work is committed in batches; after each commit the manifest records the files it holds. A
process killed at any point leaves an index that the next update completes: files committed but
not yet in the manifest are deleted and re-added, so no article appears twice and none is lost.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh.index import EmptyIndexError

from tui_reader.config import user_state_dir
from tui_reader.corpus import FileReading, Skipped, SourceFile, read_file, scan
from tui_reader.entities import Tagger, default_tagger, default_version
from tui_reader.search.bulk import bulk_writer
from tui_reader.search.documents import article_mentions, to_document
from tui_reader.search.errors import CorpusUnavailable, IndexDamaged, IndexUnavailable, UpdateCancelled
from tui_reader.search.integrity import damaged, mark_damaged, marked_damage, segment_damage, write_seal
from tui_reader.search.manifest import (
    SKIPS_LISTED,
    FileEntry,
    Manifest,
    ManifestUnreadable,
    capped,
    read_entries,
)
from tui_reader.search.results import Progress, ProgressCallback, UpdateSummary
from tui_reader.search.schema import SCHEMA_VERSION, build_schema
from tui_reader.search.store import (
    META_FILE,
    Meta,
    check_apart,
    check_corpus,
    holds_index,
    load_meta,
    manifest_path,
    missing_corpus,
    new_generation,
    pid_alive,
    read_meta,
    remove_other_generations,
    segment_sizes,
    unwritable,
    update_lock,
    write_meta,
)
from tui_reader.state import STATE_FILE

BATCH_DOCS = 20_000  # articles per commit: bounds what a killed build loses
READ_LAST_BYTES = 1 << 20  # files this large are read after the others
MAX_COMMIT_SECONDS = 60.0  # the longest a reader waits for the next articles of a long build
PARALLEL_FROM = 4_000_000  # bytes to read before a multi-process writer pays off
WRITER_MB = 256
DEFAULT_PROCS = min(2, os.cpu_count() or 1)  # writer processes for large builds


@dataclass(slots=True)
class CorpusDiff:
    current: dict[str, SourceFile] = field(default_factory=dict)
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    scan_skipped: list[Skipped] = field(default_factory=list)


def diff_corpus(
    corpus_dir: Path,
    known: dict[str, FileEntry],
    cancelled: Callable[[], bool] | None = None,
    exclude: Collection[Path] = (),
) -> CorpusDiff:
    """Compare the files on disk, but for those in the folders `exclude`, with what the manifest
    says the index holds (UpdateCancelled as soon as `cancelled()` is true). A file skipped for
    a reason that may pass (permission denied, a read error) counts as changed once it opens."""
    if not corpus_dir.is_dir():
        raise CorpusUnavailable(missing_corpus(corpus_dir))
    diff = CorpusDiff()
    for item in _without_briefread_files(corpus_dir, scan(corpus_dir, exclude)):
        _check_cancelled(cancelled)
        if isinstance(item, Skipped):
            diff.scan_skipped.append(item)
            continue
        diff.current[item.path] = item
        entry = known.get(item.path)
        if entry is None:
            diff.new.append(item.path)
        elif entry.size != item.size or entry.mtime_ns != item.mtime_ns:
            diff.changed.append(item.path)
        elif entry.retry and _opens(corpus_dir / item.path):
            diff.changed.append(item.path)  # skipped for a reason that has passed (made readable)
        else:
            diff.unchanged.append(item.path)
    diff.deleted = sorted(set(known) - set(diff.current))
    return diff


_STATE_FILES = frozenset(STATE_FILE + end for end in ("", "-journal", "-wal", "-shm"))


def _without_briefread_files(
    corpus_dir: Path, found: Iterable[SourceFile | Skipped]
) -> list[SourceFile | Skipped]:
    """What the walk `found`, less briefread's own files that no folder to exclude names before
    the walk: the folders of other briefread indexes inside the corpus (a `briefread.json` beside
    files named for a generation), and the reader's state file when its folder is the corpus."""
    items = list(found)
    meta_name = f"/{META_FILE}"
    candidates = [path[: -len(meta_name)] for path in map(_path_of, items) if path.endswith(meta_name)]
    indexes = [folder for folder in candidates if holds_index(corpus_dir / folder)]
    state_here = _same_folder(user_state_dir(), corpus_dir)
    if not indexes and not state_here:
        return items
    inside = tuple(f"{folder}/" for folder in indexes)
    return [
        item
        for item in items
        if not (inside and item.path.startswith(inside)) and not (state_here and item.path in _STATE_FILES)
    ]


_path_of = attrgetter("path")


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def _opens(path: Path) -> bool:
    """Whether the file at `path` can be opened for reading (a stat scan's cost: no read)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    os.close(fd)
    return True


def update_index(
    corpus_dir: Path,
    index_dir: Path,
    *,
    rebuild: bool = False,
    progress: ProgressCallback | None = None,
    wait: bool | float = True,
    on_wait: Any = None,
    tagger: Tagger | None = None,
    procs: int = DEFAULT_PROCS,
    commit_seconds: float | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> UpdateSummary:
    """Bring the index in `index_dir` up to date with `corpus_dir`. Large builds use `procs`
    writer processes. With `commit_seconds`, work is also committed after that long, then after
    twice as long each time (up to `MAX_COMMIT_SECONDS`), so that a reader sees the index fill at
    once and a long build does not spend its time committing.

    `cancelled` is asked between files, while scanning and while a commit waits for the writer
    processes: once it returns True, the work not yet committed is dropped, the writer processes
    are stopped and UpdateCancelled is raised. The index is then left as an interrupted update
    leaves it (a reader quitting mid-build must not wait for it), and the next update completes it."""
    started = time.perf_counter()
    check_apart(index_dir, corpus_dir)  # before the lock file is made in the corpus
    # The tagger itself (a third of a second to load, 90 MB) is loaded only when a file is read.
    version = tagger.version if tagger is not None else default_version()
    report = progress or (lambda p: None)
    with update_lock(index_dir, wait=wait, on_wait=on_wait):
        if not rebuild:
            check_corpus(index_dir, corpus_dir)
        if not corpus_dir.is_dir():
            # before the index is marked as being updated: nothing was begun, nothing to recover
            raise CorpusUnavailable(missing_corpus(corpus_dir))
        meta, unreadable = load_meta(index_dir)
        summary = UpdateSummary()
        if unreadable is not None and holds_index(index_dir):
            # `check_corpus` (or --rebuild) made sure the index is this corpus's to rebuild
            summary.recovered = f"The index was damaged ({unreadable}); it was rebuilt."
        # Under the lock, a pid still recorded is an update that stopped: killed, or cancelled in
        # this very process (whose pid is alive).
        pid = meta.updating_pid
        interrupted = bool(pid) and (pid == os.getpid() or not pid_alive(pid))
        if interrupted:
            summary.recovered = "An interrupted update was found and completed."
        reason = _rebuild_reason(meta, corpus_dir, version, rebuild)
        known: dict[str, FileEntry] | None = None
        generation = meta.generation
        if reason is None or reason == "asked":
            # a rebuild asked for says so, unless the index it replaces is damaged (the reader
            # asks for one when it finds damage: "rebuilding (the index was damaged)")
            damage, inspected = _inspect(index_dir, meta, interrupted)
            if damage is not None:
                reason = "damaged"
                summary.recovered = f"The index was damaged ({damage}); it was rebuilt."
            elif reason is None:
                known = inspected
        if reason in _UPGRADES:
            summary.upgraded = _UPGRADES[reason]
        if reason in _REBUILT_BECAUSE:
            # every step of the progress says why the whole corpus is read again
            because = _REBUILT_BECAUSE[reason]
            report = partial(_reported_with, report, because)
        resumed = False
        if (reason == "first build" or reason in _UPGRADES) and interrupted and not rebuild:
            # A first build, or a rebuild for a new release, that stopped: what it committed
            # stays, the rest is read.
            known = _resumable(index_dir, meta, corpus_dir, version)
            if known is not None:
                resumed = reason in _UPGRADES
                reason, generation = None, meta.building
        fresh = reason is not None
        if not fresh and known and corpus_is_empty(corpus_dir, index_dir):
            # a drive not mounted leaves its mount point: no reason to forget every article
            raise CorpusUnavailable(empty_corpus(corpus_dir, sum(e.articles for e in known.values())))
        if fresh:
            generation = new_generation()
        remove_other_generations(index_dir, keep={meta.generation, generation} - {""})
        try:
            # Before anything changes: a manifest that cannot be written leaves the index as it is.
            manifest = Manifest(manifest_path(index_dir, generation))
        except OSError as exc:
            raise unwritable(index_dir, exc) from exc
        except ManifestUnreadable as exc:
            raise _damaged_now(index_dir, generation, exc) from exc
        meta.updating_pid = os.getpid()
        # A reader shows the generation being built while there is no finished one (see
        # `shown_generation`); what it was built by and for says whether it can be resumed.
        meta.building = generation if generation != meta.generation else ""
        meta.building_for = building_stamp(version, corpus_dir) if meta.building else ""
        if not meta.generation:
            meta.schema, meta.registry, meta.corpus = SCHEMA_VERSION, version, str(corpus_dir)
        try:
            write_meta(index_dir, meta)
            ix = _open_writable(index_dir, generation, fresh)
        except BaseException as exc:
            manifest.close()
            if isinstance(exc, OSError):
                raise unwritable(index_dir, exc) from exc
            raise
        try:
            if fresh:
                known = {}
            elif known is None:
                known = manifest.entries()
            report(Progress("scan", 0, 0))
            _cap_skips(manifest, known)
            diff = diff_corpus(corpus_dir, known, cancelled, own_folders(index_dir))
            summary.added, summary.changed = len(diff.new), len(diff.changed)
            summary.deleted, summary.unchanged = len(diff.deleted), len(diff.unchanged)
            rebuilt = bool(meta.generation) and reason != "first build" or bool(summary.recovered)
            summary.rebuilt = fresh and rebuilt or resumed
            # large files last: a first build lists the many small ones before it reads them
            to_read = sorted(
                diff.new + diff.changed, key=lambda path: (diff.current[path].size >= READ_LAST_BYTES, path)
            )
            # Files committed by a killed run but missing from the manifest must not appear twice.
            to_delete = diff.changed + diff.deleted + (diff.new if summary.recovered else [])
            if summary.recovered and not fresh:
                to_delete += _unlisted_paths(ix, known, diff.new)
            _write(
                ix,
                corpus_dir,
                to_read,
                to_delete,
                diff,
                manifest,
                tagger,
                summary,
                report,
                procs,
                commit_seconds,
                cancelled,
            )
            summary.skipped = _in_order(list(diff.scan_skipped) + manifest.skipped())
            segments = ix._segments()  # from the table of contents: no segment is opened
            summary.total_articles = sum(segment.doc_count() for segment in segments)
        except OSError as exc:
            _abandon(index_dir, meta)
            raise unwritable(index_dir, exc) from exc
        except ManifestUnreadable as exc:
            _abandon(index_dir, meta)
            raise _damaged_now(index_dir, generation, exc) from exc
        finally:
            manifest.close()
        old = meta.generation
        write_seal(index_dir, generation, str(corpus_dir))
        meta.segments = segment_sizes(index_dir, generation)
        meta.generation, meta.building, meta.building_for, meta.updating_pid = generation, "", "", 0
        meta.schema, meta.registry, meta.corpus = SCHEMA_VERSION, version, str(corpus_dir)
        write_meta(index_dir, meta)
        if old and old != generation:
            remove_other_generations(index_dir, keep={generation})
    summary.seconds = time.perf_counter() - started
    return summary


def _cap_skips(manifest: Manifest, known: dict[str, FileEntry]) -> None:
    """Keep the skips of each file as `capped` keeps them, in a manifest written before they
    were capped (every bad line of a file listed)."""
    long = [entry for entry in known.values() if len(entry.skipped) > SKIPS_LISTED + 1]
    if long:
        manifest.record(replace(entry, skipped=capped(entry.skipped)) for entry in long)


def _unlisted_paths(ix: Any, known: dict[str, FileEntry], new: list[str]) -> list[str]:
    """Paths the index holds that its manifest does not list and that are no new file of the
    corpus: a file an update that stopped had committed (whole, or in parts, see `_write`)
    before it was removed or renamed. Their articles must go."""
    with ix.reader() as reader:
        indexed = {t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon("path")}
    return sorted(indexed - known.keys() - set(new))


def _damaged_now(index_dir: Path, generation: str, exc: ManifestUnreadable) -> IndexDamaged:
    """The manifest turned out damaged while an update wrote it: the generation is marked, so
    that the next update rebuilds it (whatever this one committed goes with it)."""
    mark_damaged(index_dir, generation, str(exc))
    return damaged(index_dir, str(exc))


def _abandon(index_dir: Path, meta: Meta) -> None:
    """After a failed update: the current generation is still complete, so say no update runs."""
    meta.updating_pid, meta.building = 0, ""
    try:
        write_meta(index_dir, meta)
    except IndexUnavailable:
        pass  # the disk is full or read-only: the next update will say it recovered


# Why a rebuild reads the whole corpus again, in the words of its progress.
_REBUILT_BECAUSE = {
    "asked": "asked for",
    "schema changed": "new article format",
    "entity registry or tagger changed": "new entity rules",
    "another corpus": "another corpus",
    "damaged": "the index was damaged",
}


def _reported_with(report: ProgressCallback, because: str, progress: Progress) -> None:
    report(replace(progress, rebuilding=because))


# Rebuilds that a new release of briefread asks for, and the sentence that says so.
_UPGRADES = {
    "schema changed": "This version of briefread stores articles differently; the index was rebuilt.",
    "entity registry or tagger changed": (
        "This version of briefread finds countries and organizations differently; the index was rebuilt."
    ),
}


def _rebuild_reason(meta: Meta, corpus_dir: Path, version: str, rebuild: bool) -> str | None:
    """Why the index must be built from scratch, other than damage (see `_inspect`)."""
    if not meta.generation:
        return "first build"
    if rebuild:
        return "asked"
    if meta.schema != SCHEMA_VERSION:
        return "schema changed"
    if meta.registry != version:
        return "entity registry or tagger changed"
    if meta.corpus != str(corpus_dir):
        return "another corpus"  # an index from before the corpus was recorded
    return None


def building_stamp(version: str, corpus_dir: Path) -> str:
    """What a generation being built is built by (schema and tagger versions) and for."""
    return json.dumps([SCHEMA_VERSION, version, str(corpus_dir)])


def _resumable(index_dir: Path, meta: Meta, corpus_dir: Path, version: str) -> dict[str, FileEntry] | None:
    """The manifest's entries of the generation a stopped build was writing, when the next
    update can complete it: built by this release for this corpus, and whole as far as it went.
    None when the build must start again."""
    if not meta.building:
        return None
    if meta.building_for:
        if meta.building_for != building_stamp(version, corpus_dir):
            return None
    elif (meta.schema, meta.registry, meta.corpus) != (SCHEMA_VERSION, version, str(corpus_dir)):
        return None  # a first build recorded before `building_for` was
    damage, known = _inspect(index_dir, replace(meta, generation=meta.building, segments={}), True)
    return known if damage is None else None


def _inspect(
    index_dir: Path, meta: Meta, interrupted: bool
) -> tuple[str | None, dict[str, FileEntry] | None]:
    """(what is wrong with the current index, as a phrase, or None; the manifest's entries).

    Everything looked at is at hand or one stat a file: a reader's damage mark, the segment
    files against their sizes and seal, the table of contents, the manifest, and the number of
    articles the index holds against the number the manifest lists. An interrupted update may
    have committed articles the manifest does not list yet and segments not sealed yet: then the
    update itself completes the index (see `update_index`)."""
    generation = meta.generation
    marked = marked_damage(index_dir, generation)
    if marked is not None:
        return marked, None
    if meta.segments and not interrupted:
        # Segment files never change once written: a missing, new or resized one is damage.
        now = segment_sizes(index_dir, generation)
        if now != meta.segments:
            return _sizes_differ(meta.segments, now), None
    try:
        ix = windex.open_dir(str(index_dir), indexname=generation)
        segments = ix._segments()  # from the table of contents: no segment is opened
        docs = sum(segment.doc_count() for segment in segments)
    except EmptyIndexError:
        return "its table of contents is missing", None
    except Exception as exc:  # noqa: BLE001 - Whoosh raises many types for a damaged table of contents
        return f"its table of contents cannot be read ({type(exc).__name__})", None
    damage = segment_damage(index_dir, generation, segments, "times", meta.segments)
    if damage is not None:
        return damage, None
    try:
        known = read_entries(manifest_path(index_dir, generation), check=True)
    except ManifestUnreadable as exc:
        return str(exc), None
    listed = sum(entry.articles for entry in known.values())
    if listed != docs and not interrupted:
        return f"it holds {docs} articles where its manifest lists {listed}", None
    return None, known


def _sizes_differ(recorded: dict[str, int], now: dict[str, int]) -> str:
    for name in sorted(set(recorded) | set(now)):
        if name not in now:
            return f"the segment file {name} is missing"
        if name not in recorded:
            return f"the segment file {name} is unexpected"
        if recorded[name] != now[name]:
            return f"the segment file {name} changed size"
    return "its segment files changed"


def _open_writable(index_dir: Path, generation: str, fresh: bool) -> Any:
    if fresh or not windex.exists_in(str(index_dir), indexname=generation):
        return windex.create_in(str(index_dir), build_schema(), indexname=generation)
    return windex.open_dir(str(index_dir), indexname=generation)


def _write(
    ix: Any,
    corpus_dir: Path,
    to_read: list[str],
    to_delete: list[str],
    diff: CorpusDiff,
    manifest: Manifest,
    tagger: Tagger | None,
    summary: UpdateSummary,
    report: ProgressCallback,
    procs: int,
    commit_seconds: float | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> None:
    to_read_bytes = sum(diff.current[path].size for path in to_read)
    parallel = procs > 1 and to_read_bytes >= PARALLEL_FROM
    if to_delete and (parallel or not to_read):
        writer = _writer(ix, 1)
        try:
            for path in to_delete:
                writer.delete_by_term("path", path)
            writer.commit()
        except BaseException:
            _cancel(writer)
            raise
        manifest.forget(diff.deleted)
        to_delete = []
    if not to_read and not to_delete:
        return
    forget = list(diff.deleted) if to_delete else []
    total = len(to_read)
    done = 0  # files read whole
    articles = 0  # articles read, of whole files and of the file being read
    size_done = 0  # bytes of the files read whole
    # A file whose articles outnumber a batch, or outlast `commit_seconds`, is committed in
    # parts: (its reading, the number of its articles written so far). It enters the manifest
    # once all of them are committed; a killed update reads it again (see `update_index`).
    partial: tuple[FileReading, int] | None = None
    interval = commit_seconds
    while done < total or to_delete:
        writer = _writer(ix, procs if parallel else 1, cancelled)
        try:
            for path in to_delete:
                writer.delete_by_term("path", path)
            to_delete = []
            batch: list[FileEntry] = []
            batch_docs = 0
            deadline = time.monotonic() + interval if interval else float("inf")
            while done < total and batch_docs < BATCH_DOCS and (not batch or time.monotonic() < deadline):
                _check_cancelled(cancelled)
                path = to_read[done]
                source = diff.current[path]
                if batch_docs and partial is None and source.size >= READ_LAST_BYTES:
                    break  # what was read is saved before a large file, which may take a while
                reading, first = partial if partial is not None else (read_file(corpus_dir, path), 0)
                partial = None
                count = len(reading.articles)
                n = first
                while n < count:
                    article = reading.articles[n]
                    mentions = article_mentions(tagger or default_tagger(), article)
                    writer.add_document(**to_document(article, mentions))
                    n += 1
                    if n % _PROGRESS_ARTICLES == 0 and n < count:
                        # inside one large file (a JSON Lines archive): say how far, stop when
                        # cancelled instead of after the whole file, and commit as a batch would
                        _check_cancelled(cancelled)
                        inside = size_done + source.size * n // count
                        report(Progress("read", done, total, articles + n - first, inside, to_read_bytes))
                        if batch_docs + n - first >= BATCH_DOCS or time.monotonic() >= deadline:
                            break
                articles += n - first
                batch_docs += n - first
                if n < count:
                    partial = (reading, n)
                    break
                size_done += source.size
                summary.bytes_read += source.size
                batch.append(FileEntry(path, source.size, source.mtime_ns, count, capped(reading.skipped)))
                done += 1
                report(Progress("read", done, total, articles, size_done, to_read_bytes))
            report(Progress("commit", done, total, articles, size_done, to_read_bytes))
            writer.commit()
        except BaseException:
            _cancel(writer)
            raise
        manifest.record(batch)
        manifest.forget(forget)  # only once the deletes are committed
        forget = []
        summary.articles += batch_docs
        report(Progress("committed", done, total, articles, size_done, to_read_bytes))
        if interval:
            interval = max(min(interval * 2, MAX_COMMIT_SECONDS), interval)


# Inside a file, progress is reported, and a cancel asked for, every this many articles.
_PROGRESS_ARTICLES = 50


def _check_cancelled(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise UpdateCancelled()


def _cancel(writer: Any) -> None:
    """Release the writer's lock and temporary files after a failure (a full disk, an interrupt)."""
    try:
        writer.cancel()
    except Exception:  # noqa: BLE001 - cancelling is best effort; the original error is what matters
        pass


def _writer(ix: Any, procs: int, cancelled: Callable[[], bool] | None = None) -> Any:
    # Separate segment files, not one compound file: Whoosh copies a compound segment's postings
    # and terms into memory for every searcher, while separate files are mapped and read on demand.
    # Postings are grouped by term as documents arrive (see `bulk`); with several processes each
    # writes a segment of its own.
    return bulk_writer(ix, procs, cancelled, limitmb=WRITER_MB, compound=False)


def stale_paths(corpus_dir: Path, index_dir: Path) -> Iterable[str]:
    """Paths of files new, changed or deleted since the last update (a stat scan, no reading);
    a note in parentheses instead when the index must be rebuilt or checked by an update (no
    manifest, an unreadable one, or one that disagrees with the index)."""
    meta = read_meta(index_dir)
    if not meta.generation:
        return ["(no index yet)"]
    if meta.schema != SCHEMA_VERSION or meta.registry != default_version():
        return ["(the index was built by another version of briefread)"]
    try:
        known = read_entries(manifest_path(index_dir, meta.generation))
    except ManifestUnreadable as exc:
        return [f"({exc})"]
    if not meta.updating_pid:  # while an update runs, the manifest trails its commits
        try:
            docs = windex.open_dir(str(index_dir), indexname=meta.generation).doc_count()
        except Exception:  # noqa: BLE001 - a damaged table of contents: the update rebuilds it
            return ["(the table of contents cannot be read)"]
        if docs != sum(entry.articles for entry in known.values()):
            return ["(the index and its manifest disagree)"]
    if known and corpus_is_empty(corpus_dir, index_dir):
        return []  # searched as it was built, as a corpus folder that is gone (`update_index`)
    diff = diff_corpus(corpus_dir, known, exclude=own_folders(index_dir))
    return diff.new + diff.changed + diff.deleted


def corpus_is_empty(corpus_dir: Path, index_dir: Path) -> bool:
    """Whether the corpus folder holds nothing at all but briefread's own folders (a drive not
    mounted leaves its empty mount point)."""
    try:
        own = {folder.resolve() for folder in own_folders(index_dir)}
        with os.scandir(corpus_dir) as entries:
            return all(Path(entry.path).resolve() in own for entry in entries)
    except (OSError, RuntimeError):
        return False


def empty_corpus(corpus_dir: Path, articles: int) -> str:
    """Why an update of an index of `articles` articles stops before a corpus folder that holds
    nothing."""
    return (
        f"The corpus folder {corpus_dir} is empty (a drive not mounted?), and the index keeps its "
        f"{articles:,} articles; put the files back, or run `briefread index --rebuild` to empty it."
    )


def skipped_files(corpus_dir: Path, index_dir: Path) -> list[Skipped]:
    """What the index left out of the corpus, and why, with the warnings of the files it read, as
    an update lists them: the manifest's record, and what a scan of the corpus passes over now (a
    symlink loop, a file name that is no text). Empty when there is no index to ask."""
    meta = read_meta(index_dir)
    if not meta.generation:
        return []
    try:
        known = read_entries(manifest_path(index_dir, meta.generation))
    except ManifestUnreadable:
        return []
    stored = [s for entry in known.values() for s in entry.skipped]
    try:
        found = diff_corpus(corpus_dir, known, exclude=own_folders(index_dir)).scan_skipped
    except CorpusUnavailable:
        found = []
    return _in_order(found + stored)


def _in_order(skipped: list[Skipped]) -> list[Skipped]:
    """By path, a file's lines in order, the count of its others last."""
    return sorted(skipped, key=lambda s: (s.path, s.count > 1, s.line or 0))


def own_folders(index_dir: Path) -> tuple[Path, ...]:
    """briefread's own folders, which are never part of a corpus that holds them: the index
    (whose files change with every update) and the state of the reader (marks, history)."""
    return (index_dir, user_state_dir())
