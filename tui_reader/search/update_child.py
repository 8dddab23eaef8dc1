"""An index update run by a child Python process, for the reader: reading and tagging the corpus
is Python work that holds the interpreter's lock, and in the reader's own process it makes every
keystroke wait its turn (a keystroke's list took 0.7 s at the 95th percentile while 100,000
articles were re-read, 0.2 s with the same work in a child, on two cores). The child runs at a
lower priority, so that the reader also wins the processor whenever both want it.

The child reports on its standard output, in frames (a 4-byte length, then a pickle, read only
from this child): ("progress", Progress) as the update goes, then ("summary", UpdateSummary) or
("error", (name, message, detail)). A line on its standard input, or its end, cancels the
update: the child stops at the next file, as `update_index` does when cancelled, and reports
UpdateCancelled. It ends with the reader however the reader ends (`die_with_parent`).
"""

from __future__ import annotations

import os
import pickle
import selectors
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from tui_reader.search import errors
from tui_reader.search.errors import IndexStopped, SearchError, UpdateCancelled
from tui_reader.search.results import Progress, ProgressCallback, UpdateSummary

NICENESS = 10  # added to the child's priority: the reader's keys come first
CANCEL_SECONDS = 10.0  # how long a cancelled child may take to stop before it is killed
_POLL_SECONDS = 0.1  # how often the parent asks whether the update was cancelled
_HEADER = 4
_MAX_FRAME = 1 << 28  # a frame's length beyond any report: the channel carries something else
_UNREADABLE = "its report could not be read"


class NoChildProcess(Exception):
    """No child process could be started (no more processes, no memory)."""


def update_in_child(
    corpus_dir: Path,
    index_dir: Path,
    *,
    rebuild: bool = False,
    progress: ProgressCallback | None = None,
    commit_seconds: float | None = None,
    cancelled: Callable[[], bool] | None = None,
    started: Callable[[subprocess.Popen[bytes]], object] | None = None,
) -> UpdateSummary:
    """`update_index(corpus_dir, index_dir, wait=False, ...)` run by a child process: the same
    progress reports, summary and errors (IndexBusy at once when another process updates the
    index). Once `cancelled()` returns True the child is told to stop, and UpdateCancelled is
    raised when it has. `started` is given the child process as soon as it runs. Raises
    NoChildProcess when no child process can be started."""
    report = progress or (lambda p: None)
    command = [
        sys.executable,
        "-P",  # not the current folder first on the import path: its modules are no part of this
        "-m",
        __name__,
        str(corpus_dir),
        str(index_dir),
        "rebuild" if rebuild else "update",
        repr(float(commit_seconds or 0.0)),
    ]
    with tempfile.TemporaryFile() as stderr:
        try:
            child = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                env=child_env(),
            )
        except OSError as exc:
            raise NoChildProcess(str(exc)) from exc
        if started is not None:
            started(child)
        try:
            outcome = _follow(child, report, cancelled or (lambda: False))
        finally:
            _stop(child)
        if outcome is None:
            stderr.seek(0)
            raise _ended_early(child.returncode, stderr.read())
    kind, payload = outcome
    if kind == "summary" and isinstance(payload, UpdateSummary):
        return payload
    raise _error(payload)


def child_env() -> dict[str, str]:
    """The environment of a child Python process: this one, with this package found first."""
    package_root = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": package_root + (os.pathsep + path if path else "")}


def _follow(
    child: subprocess.Popen[bytes], report: ProgressCallback, cancelled: Callable[[], bool]
) -> tuple[str, Any] | None:
    """Read the child's frames until its last one, passing progress on; None when the child
    ended without one."""
    assert child.stdout is not None
    fd = child.stdout.fileno()
    buffer = bytearray()
    told_to_stop = 0.0
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while True:
            if not told_to_stop and cancelled():
                _tell_to_stop(child)
                told_to_stop = time.monotonic()
            if told_to_stop and time.monotonic() - told_to_stop > CANCEL_SECONDS:
                child.kill()
                raise UpdateCancelled()
            if not selector.select(_POLL_SECONDS):
                continue
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                if told_to_stop:
                    raise UpdateCancelled()
                return None
            buffer += chunk
            while len(buffer) >= _HEADER:
                size = int.from_bytes(buffer[:_HEADER], "big")
                if size > _MAX_FRAME:
                    child.kill()
                    raise IndexStopped(_UNREADABLE)
                if len(buffer) < _HEADER + size:
                    break
                try:
                    kind, payload = pickle.loads(bytes(buffer[_HEADER : _HEADER + size]))  # noqa: S301 - our child
                except Exception:  # noqa: BLE001 - anything but a frame on the channel
                    child.kill()
                    raise IndexStopped(_UNREADABLE) from None
                del buffer[: _HEADER + size]
                if kind == "progress":
                    report(payload)
                else:
                    return kind, payload


def _tell_to_stop(child: subprocess.Popen[bytes]) -> None:
    try:
        assert child.stdin is not None
        child.stdin.write(b"stop\n")
        child.stdin.close()
    except (OSError, ValueError):
        pass  # it has ended already


def _stop(child: subprocess.Popen[bytes]) -> None:
    """Wait for the child to end (it has said its last), killing it should it not."""
    for stream in (child.stdin, child.stdout):
        try:
            if stream is not None:
                stream.close()
        except OSError:
            pass
    try:
        child.wait(timeout=CANCEL_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def _ended_early(code: int | None, stderr: bytes) -> IndexStopped:
    if code is not None and code < 0:
        try:
            why = f"its process was stopped by {signal.Signals(-code).name}"
        except ValueError:
            why = f"its process was stopped by signal {-code}"
    else:
        lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        why = lines[-1].strip()[:200] if lines else f"exit status {code}"
    return IndexStopped(why)


def _error(payload: Any) -> Exception:
    """The exception the child reported, raised again here."""
    try:
        name, message, detail = payload
    except (TypeError, ValueError):
        return IndexStopped()
    if name == "OSError" and isinstance(detail, tuple) and len(detail) == 3 and detail[0] is not None:
        return OSError(*detail)
    if name == "OSError":
        return OSError(str(message))
    error = getattr(errors, str(name), None)
    if isinstance(error, type) and issubclass(error, errors.IndexDamaged):
        return error(str(message), str(detail or ""))
    if isinstance(error, type) and issubclass(error, SearchError):
        return error(str(message))
    return IndexStopped(str(message))


# -- the child ------------------------------------------------------------------------------


def _send(out: IO[bytes], kind: str, payload: Any) -> None:
    data = pickle.dumps((kind, payload), protocol=pickle.HIGHEST_PROTOCOL)
    out.write(len(data).to_bytes(_HEADER, "big") + data)
    out.flush()


def _watch_stdin(stop: threading.Event, fd: int) -> None:
    # os.read, not sys.stdin: a thread blocked in sys.stdin holds its lock, which the writer
    # processes forked meanwhile inherit held, and they close sys.stdin as they start
    try:
        os.read(fd, 64)
    except OSError:
        pass
    stop.set()


def child_main(argv: list[str]) -> int:
    from tui_reader.search.bulk import die_with_parent
    from tui_reader.search.indexer import update_index

    die_with_parent(os.getppid())
    if hasattr(os, "nice"):
        try:
            os.nice(NICENESS)
        except OSError:
            pass
    corpus_dir, index_dir, mode, commit_seconds = argv
    stop = threading.Event()
    threading.Thread(
        target=_watch_stdin, args=(stop, sys.stdin.fileno()), name="stop-watch", daemon=True
    ).start()
    # the frames go to the standard output as it was; what else is printed, to the standard error
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout.flush()
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())

    def progress(p: Progress) -> None:
        _send(out, "progress", p)

    try:
        summary = update_index(
            Path(corpus_dir),
            Path(index_dir),
            rebuild=mode == "rebuild",
            progress=progress,
            wait=False,
            commit_seconds=float(commit_seconds) or None,
            cancelled=stop.is_set,
        )
    except SearchError as exc:
        _send(out, "error", (type(exc).__name__, str(exc), getattr(exc, "detail", None)))
    except OSError as exc:
        _send(out, "error", ("OSError", str(exc), (exc.errno, exc.strerror, exc.filename)))
    except Exception as exc:  # noqa: BLE001 - said to the reader, which says it in one line
        _send(out, "error", ("", f"{type(exc).__name__}: {exc}", None))
    else:
        _send(out, "summary", summary)
    return 0


if __name__ == "__main__":
    sys.exit(child_main(sys.argv[1:]))
