"""A Whoosh segment writer for large builds that groups postings by field and term as documents
arrive, instead of Whoosh's posting pool (one tuple per posting, sorted at commit, each posting's
field length read back from disk).

Each term's postings are already in document order, so the commit only sorts the terms and hands
each term's postings to the Whoosh 3 codec a block at a time. The files written are byte for byte
those of `SegmentWriter`, so Whoosh's own readers and searchers open the index as before.

Whoosh internals relied on (whoosh-reloaded 2.7.5):
- `SegmentWriter`: its `pool`, `perdocwriter`, `fieldwriter`, `docnum`, `schema`, `codec`,
  `_added`, `_check_state`, `_doc_boost`, `_field_boost`, `_flush_segment`, and the pool methods
  it calls (`add`, `iter_postings`, `cleanup`, `fieldnames`);
- `W3FieldWriter`: `start_field`, `finish_field`, `_postwriter`, `_postfile`, `_tindex`,
  `_fieldid`, `_format`;
- the Whoosh 3 posting block and term info encodings (`W3PostingsWriter._write_block`,
  `W3TermInfo.to_bytes`, `W3TermInfo._struct`, `WHOOSH3_HEADER_MAGIC`), and
  `W3PostingsWriter._blocklimit` and `_compression`;
- `multiproc.MpWriter` and `SubWriterTask` (`_new_task`, `run`), so that sub-processes write
  their segments with this writer; `MpWriter._commit` (multisegment), rewritten so that a
  cancel interrupts its waits, with what it uses (`tasks`, `jobqueue`, `resultqueue`,
  `docbuffer`, `_enqueue`, `_merge_segments`, `_finalize_segment`, `_close_segment`,
  `_commit_toc`, `_finish`).
"""

from __future__ import annotations

import ctypes
import gc
import os
import queue
import signal
import sys
import threading
import time
import zlib
from array import array
from collections.abc import Callable
from operator import sub
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3FieldWriter, W3TermInfo
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.system import _INT_SIZE, pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.util.text import utf8encode
from whoosh.writing import SegmentWriter

from tui_reader.search.errors import IndexUnavailable, UpdateCancelled
from tui_reader.search.store import keep_from_children

# Per term: document numbers, weights, encoded values (b"" for none), one for one.
TermPostings = tuple[list[int], list[float], list[bytes]]
COMPRESS_FROM = 96  # pickled block size below which zlib saves a few bytes at most
WAIT_SECONDS = 0.05  # how often a commit waiting for the sub-processes asks whether it is cancelled
CANCEL_CHECK_TERMS = 1024  # a commit writing its postings asks whether it is cancelled this often
TERMINFO = W3TermInfo._struct  # flags, total weight, doc frequency, min/max length, max weight, ids
PARENT_CHECK_SECONDS = 0.25  # how often a sub-process asks whether its parent is still there
# How long a cancel waits for a sub-process to end on SIGTERM before it kills it: one stuck
# where SIGTERM cannot reach it would hold the cancel (and the process's exit) for ever.
TERMINATE_SECONDS = 5.0
# The signals a sub-process starts with held back, until it has its own handlers for them: the
# ones it inherits would run this process's Python code in a copy of it.
_STOPS = {signal.SIGTERM, signal.SIGINT}
PR_SET_PDEATHSIG = 1  # Linux prctl(): the signal a process gets when its parent ends


class TermPool:
    """Postings grouped by field, then by term, each term's in the order they were added."""

    def __init__(self) -> None:
        self.fields: dict[str, dict[bytes, TermPostings]] = {}
        self.fieldnames: set[str] = set()
        self.ordered = True  # every term's document numbers ascend

    def terms(self, fieldname: str) -> dict[bytes, TermPostings]:
        found = self.fields.get(fieldname)
        if found is None:
            found = self.fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        return found

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        fieldname, tbytes, docnum, weight, vbytes = item
        terms = self.terms(fieldname)
        entry = terms.get(tbytes)
        if entry is None:
            entry = terms[tbytes] = ([], [], [])
        elif entry[0][-1] >= docnum:
            self.ordered = False
        entry[0].append(docnum)
        entry[1].append(weight)
        entry[2].append(vbytes or b"")

    def iter_postings(self) -> Any:
        """All postings as Whoosh's pool gives them: (field, term, docnum, weight, value), sorted."""
        for fieldname in sorted(self.fields):
            terms = self.fields[fieldname]
            for tbytes in sorted(terms):
                docnums, weights, values = terms[tbytes]
                postings = zip(docnums, weights, values, strict=True)
                for docnum, weight, value in postings if self.ordered else sorted(postings):
                    yield fieldname, tbytes, docnum, weight, value

    def cleanup(self) -> None:
        self.fields.clear()


class BulkSegmentWriter(SegmentWriter):  # type: ignore[misc]
    """`SegmentWriter` with a `TermPool`: postings are grouped as documents are added and written
    term by term at commit, with the field lengths kept in memory.

    Writing the postings is most of a commit (seconds for a batch of noisy text, whose every
    misspelling is a term): `cancelled` is asked meanwhile, and when it returns True the commit
    raises UpdateCancelled (the caller then cancels the writer; the segment is never listed)."""

    def __init__(
        self,
        ix: Any,
        compress_from: int = COMPRESS_FROM,
        cancelled: Callable[[], bool] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(ix, **kwargs)
        self.compress_from = compress_from
        self.cancelled = cancelled
        self.pool = TermPool()
        # field -> docnum -> length, for scorable fields (the lengths the per-document writer stores)
        self.lengths: dict[str, dict[int, int]] = {}
        self.from_readers = False

    def add_reader(self, reader: Any) -> None:
        self.from_readers = True
        super().add_reader(reader)

    def add_document(self, **fields: Any) -> None:
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        pool = self.pool
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    terms = pool.terms(fieldname)
                    for tbytes, freq, weight, vbytes in field.index(value):
                        entry = terms.get(tbytes)
                        if entry is None:
                            terms[tbytes] = ([docnum], [weight * fieldboost], [vbytes or b""])
                        else:
                            entry[0].append(docnum)
                            entry[1].append(weight * fieldboost)
                            entry[2].append(vbytes or b"")
                        length += freq
                    if field.scorable and length:
                        self.lengths.setdefault(fieldname, {})[docnum] = length
                    else:
                        length = 0
                if field.separate_spelling():
                    spellfield = field.spelling_fieldname(fieldname)
                    for word in field.spellable_words(value):
                        pool.add((spellfield, utf8encode(word)[0], 0, 1, None))
                if field.vector:
                    raise ValueError(f"{type(self).__name__} does not write term vectors ({fieldname})")
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        fieldwriter = self.fieldwriter
        if self.from_readers or not self.pool.ordered or not isinstance(fieldwriter, W3FieldWriter):
            super()._flush_segment()  # merged segments: Whoosh's own way, lengths read back
            return
        self.perdocwriter.close()
        for fieldname in sorted(self.pool.fields):
            terms = self.pool.fields[fieldname]
            fieldwriter.start_field(fieldname, self.schema[fieldname])
            lengths = self.lengths.get(fieldname, {})
            write_terms(fieldwriter, terms, lengths, self.compress_from, self.cancelled)
            fieldwriter.finish_field()
        fieldwriter.close()


def write_terms(
    fieldwriter: Any,
    terms: dict[bytes, TermPostings],
    lengths: dict[int, int],
    compress_from: int = 0,
    cancelled: Callable[[], bool] | None = None,
) -> None:
    """Write each term's postings, in term order, as `W3PostingsWriter` and `W3TermInfo` encode
    them: blocks of `blocklimit` postings (ids delta-encoded, weights and values minified, the
    pickle compressed), each after its pickled statistics, the last with a negative length.

    A block whose pickle is shorter than `compress_from` bytes is written uncompressed (its
    statistics say so, and Whoosh's reader reads it as such): zlib does not shrink a few dozen
    bytes, and most terms have a single short block. `cancelled` is asked before the first term
    and every `CANCEL_CHECK_TERMS` terms: UpdateCancelled when it returns True."""
    postwriter = fieldwriter._postwriter
    limit, compression = postwriter._blocklimit, postwriter._compression
    fixed = fieldwriter._format.fixed_value_size()
    postfile, tindex = fieldwriter._postfile, fieldwriter._tindex
    write, add_term = postfile.write, tindex.add
    prefix = pack_ushort(fieldwriter._fieldid)
    length_of = lengths.get
    offset = postfile.tell()
    for n, tbytes in enumerate(sorted(terms)):
        if cancelled is not None and n % CANCEL_CHECK_TERMS == 0 and cancelled():
            raise UpdateCancelled()
        docnums, weights, values = terms[tbytes]
        count = len(docnums)
        term_offset = offset
        head = WHOOSH3_HEADER_MAGIC  # before the first block
        total_weight: float = 0
        max_weight: float = 0
        min_length: int | None = None
        max_length = 0
        for start in range(0, count, limit):
            end = min(start + limit, count)
            if count <= limit:  # one block, most terms
                ids, raw_weights, raw_values = docnums, weights, values
            else:
                ids, raw_weights, raw_values = docnums[start:end], weights[start:end], values[start:end]
            stored = array("f", raw_weights)
            total_weight += sum(stored)
            top = max(raw_weights)
            block_max = top if top > 0 else 0
            max_weight = max(max_weight, block_max)
            found = [n for n in map(length_of, ids) if n]
            block_min = min(found) if found else None
            block_max_length = max(found) if found else 0
            if min_length is None:
                min_length = block_min
            elif block_min is not None:
                min_length = min(min_length, block_min)
            max_length = max(max_length, block_max_length)
            first = stored[0]
            if stored.count(first) == len(stored):
                mini_weights: Any = None if first == 1.0 else first
            else:
                mini_weights = tuple(stored)
            present = [v for v in raw_values if v]
            if fixed is None or fixed < 0:
                mini_values: Any = tuple(present)
            elif fixed == 0:
                mini_values = None
            else:
                mini_values = b"".join(present)
            deltas = tuple(map(sub, ids, [0, *ids[:-1]]))
            data = dumps((deltas, mini_weights, mini_values), 2)
            comp = compression if len(data) >= compress_from else 0
            if comp:
                data = zlib.compress(data, comp)
            info = dumps(
                (
                    len(ids),
                    ids[-1],
                    block_max,
                    comp,
                    length_to_byte(block_min),
                    length_to_byte(block_max_length),
                ),
                2,
            )
            size = len(info) + len(data)
            write(b"".join((head, pack_int(-size if end == count else size), info, data)))
            offset += len(head) + _INT_SIZE + size
            head = b""
        terminfo = TERMINFO.pack(
            False,
            total_weight,
            count,
            0 if min_length is None else length_to_byte(min_length),
            length_to_byte(max_length),
            max_weight,
            docnums[0],
            docnums[-1],
        )
        add_term(prefix + tbytes, terminfo + pack_long(term_offset) + pack_int(offset - term_offset))


def die_with_parent(parent: int) -> None:
    """End this process, a writer sub-process, as soon as its parent `parent` ends, however it
    ends (killed with SIGKILL, SIGTERM): orphaned, it would wait for jobs forever. Linux ends it
    at once (PR_SET_PDEATHSIG, sent when the parent's thread that started it ends: the writer's,
    which waits for its sub-processes); elsewhere, and should that fail, a thread sees the
    parent gone within `PARENT_CHECK_SECONDS`.

    The parent stops it with SIGTERM (see `BulkMpWriter.cancel`): this process ends on it
    rather than run the handler it inherited, and leaves Ctrl-C to the parent."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)  # held back while it started (`_new_task`)
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it ended before the line above
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


# The first item of a sub-process's result when it failed: (_FAILED, errno or None, what).
_FAILED = "failed"


class BulkSubWriterTask(SubWriterTask):  # type: ignore[misc]
    """A writer sub-process that writes its segment with `BulkSegmentWriter`, and ends with the
    process that started it."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.parent = os.getpid()

    def run(self) -> None:
        die_with_parent(self.parent)
        try:
            self._write()
        except Exception as exc:  # noqa: BLE001 - any failure is the parent's to say, once
            # Told to the parent, whose commit raises it (a full disk is said as such): printed
            # here, it would reach the user's terminal as a traceback.
            code = exc.errno if isinstance(exc, OSError) else None
            try:
                self.resultqueue.put((_FAILED, code, f"{type(exc).__name__}: {exc}"), timeout=5)
                self.resultqueue.close()
                self.resultqueue.join_thread()  # sent before the process ends
            except Exception:  # noqa: BLE001,S110 - the parent sees the segment missing all the same
                pass
            sys.stderr.flush()
            os._exit(1)

    def _write(self) -> None:
        # The pool holds a few lists per term and no cycles; the process ends with its segment.
        # Without this, each full collection walks every list in the pool again.
        gc.disable()
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = BulkSegmentWriter(ix, _lk=False, **self.kwargs)
        while self.running:
            jobinfo = self.jobqueue.get()
            if jobinfo is None:
                break
            self._process_file(*jobinfo)
        if not self.running:
            writer.cancel()
            return
        fieldnames = writer.pool.fieldnames
        segment = writer._finalize_segment()
        self.resultqueue.put((None, fieldnames, segment), timeout=5)


class BulkMpWriter(MpWriter):  # type: ignore[misc]
    """Whoosh's multi-segment writer whose sub-processes use `BulkSegmentWriter`: each writes a
    segment of its own, and the commit adds them to the index as they are.

    The commit waits for the sub-processes to index every document sent to them, seconds when
    they lag behind: `cancelled` is asked meanwhile, and when it returns True the commit raises
    UpdateCancelled (the caller then cancels the writer)."""

    def __init__(
        self, ix: Any, procs: int, cancelled: Callable[[], bool] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(ix, procs=procs, multisegment=True, **kwargs)
        self.cancelled = cancelled or (lambda: False)
        lock = getattr(self.writelock, "fd", None)  # Whoosh's write lock, a file lock on Unix
        if isinstance(lock, int):
            keep_from_children(lock)  # the sub-processes must not hold it (see `store`)

    def _new_task(self) -> SubWriterTask:
        task = BulkSubWriterTask(
            self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs, True
        )
        self.tasks.append(task)
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
        try:
            task.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        return task

    def cancel(self) -> None:
        """Stop the sub-processes, then drop what this writer wrote. Whoosh's own `cancel` only
        flags its copies of the tasks in this process: the sub-processes would go on waiting for
        jobs, orphaned, and this process would wait for them when it exits."""
        try:
            for task in self.tasks:
                task.terminate()
            deadline = time.monotonic() + TERMINATE_SECONDS
            for task in self.tasks:
                task.join(max(0.0, deadline - time.monotonic()))
                if task.is_alive():
                    task.kill()
                    task.join()
            self.jobqueue.cancel_join_thread()  # jobs nobody will read must not hold the exit
        finally:
            SegmentWriter.cancel(self)

    def _commit(self, mergetype: Any, optimize: Any, merge: Any) -> None:
        # `MpWriter._commit` with multisegment, its waits for the sub-processes interruptible.
        if self.docbuffer:
            self._enqueue()
        for _task in self.tasks:
            self._put_job(None)
        segments = self._merge_segments(mergetype, optimize, merge)
        for task in self.tasks:
            while task.is_alive():
                task.join(WAIT_SECONDS)
                self._check_cancelled()
        results = []
        for _task in self.tasks:
            try:
                results.append(self.resultqueue.get(timeout=1))
            except queue.Empty:
                pass
        for first, code, detail in results:
            if first == _FAILED:
                if code:
                    raise OSError(code, os.strerror(code))  # a full disk is said as such
                raise IndexUnavailable(f"Indexing stopped ({detail}); run `briefread index` again.")
        if len(results) < len(self.tasks):
            # a sub-process that ended without its segment: its articles would be missing
            raise IndexUnavailable(
                "Indexing stopped: a writer process ended before it saved its articles; "
                "run `briefread index` again."
            )
        segments += [segment for _, _, segment in results]
        if self._added:
            segments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(segments)
        self._finish()

    def _put_job(self, job: Any) -> None:
        """Put `job` in the sub-processes' queue (bounded: it is full while they lag behind)."""
        while True:
            self._check_cancelled()
            try:
                self.jobqueue.put(job, timeout=WAIT_SECONDS)
                return
            except queue.Full:
                continue

    def _check_cancelled(self) -> None:
        if self.cancelled():
            raise UpdateCancelled()


def bulk_writer(ix: Any, procs: int = 1, cancelled: Callable[[], bool] | None = None, **kwargs: Any) -> Any:
    """A writer for `ix` with grouped postings: in this process, or in `procs` sub-processes;
    `cancelled` can interrupt its commit (see `BulkSegmentWriter` and `BulkMpWriter`)."""
    if procs > 1:
        return BulkMpWriter(ix, procs=procs, cancelled=cancelled, **kwargs)
    return BulkSegmentWriter(ix, cancelled=cancelled, **kwargs)
