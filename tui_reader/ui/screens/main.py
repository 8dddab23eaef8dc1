"""`MainScreen`: search bar, article list, reader and entity pane, and the workers behind them."""

from __future__ import annotations

import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from tui_reader.ui.entity_names import summarize_mentions
from tui_reader.ui.export import ExportError, export_folder, unused_path, write_export
from tui_reader.ui.messages import (
    ArticleReady,
    FacetsReady,
    IndexChanged,
    IndexFinished,
    IndexProgress,
    IndexStale,
    LibraryFailed,
    LibraryOpened,
    ResultsReady,
)
from tui_reader.ui.safe_text import plain
from tui_reader.ui.screens.export import ExportScreen
from tui_reader.ui.screens.skipped import SkippedScreen
from tui_reader.ui.searching import (
    SORT_LABELS,
    VIEW_LABELS,
    VIEWS,
    BackStack,
    EntityFilter,
    OldestFirst,
    SearchRequest,
    SearchState,
    next_sort,
    run_search,
    without_last_filter,
)
from tui_reader.ui.session import Session
from tui_reader.ui.widgets.article_list import ArticleList
from tui_reader.ui.widgets.entity_pane import EntityPane
from tui_reader.ui.widgets.reader import MAX_READER_CHARS, ReaderView
from tui_reader.ui.widgets.search_bar import QueryInput, SearchBar
from tui_reader.wording import counted, progress_text

if TYPE_CHECKING:
    from tui_reader.corpus import Skipped
    from tui_reader.search import Library, Progress, ResultRow, SearchResults, StoredArticle, UpdateSummary

TINY_WIDTH = 70  # below this the entity pane, when it has focus, takes the reader's place too
NARROW_WIDTH = 100  # below this the entity pane shows on demand and the reader takes the list's place
SHORT_HEIGHT = 20  # below this a note under the search line takes two lines at most
POLL_SECONDS = 3.0
# While another process holds the index's update lock.
OTHER_WRITER = "Another briefread is indexing this corpus; its articles appear here as it saves them."
POLL_SECONDS_INDEXING = 1.0
COMMIT_SECONDS = (
    0.5  # while indexing, commit after this long (then twice as long each time): the list fills as it goes
)
FACETS_TOP = 30  # the pane scrolls: the list of entities in the results goes on past a screenful
FACETS_DELAY = 0.35
INDEX_NOTE_SECONDS = 10.0  # how long the summary of an update stays in the status line
COMPACT_FOOTER_WIDTH = 110  # narrower terminals get the footer without padding
PALETTE_KEY_WIDTH = 80  # narrower terminals get no ^p key in the footer
PREVIEW_DELAY = 0.25
EXPORT_PROGRESS_FROM = 2_000  # an export of this many articles counts them in the status line
EXPORT_PROGRESS_SECONDS = 0.25
FOOTER_FIRST = ("app.help", "app.quit")  # shown first, so a narrow footer never loses them


class MainScreen(Screen[None]):
    """The three panes. Every index call runs in a thread worker and answers with a message."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: keys typed in a burst right after "/" must reach the search line.
        Binding("slash", "focus_search('/')", "Search", priority=True, id="search.focus"),
        Binding("ctrl+f", "focus_search", "Search", show=False, priority=True, id="search.focus-alt"),
        Binding("tab", "cycle_pane(1)", "Next pane", show=False, id="pane.next"),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False, id="pane.previous"),
        # Priority: escape in the search line leaves it with the query kept (see `action_back`).
        Binding("escape", "back", "Back one step", show=False, priority=True, id="pane.back"),
        Binding("m", "toggle_read", "Read", tooltip="Mark read or unread", id="marks.toggle-read"),
        Binding("s", "toggle_bookmark", "Bookmark", id="marks.toggle-bookmark"),
        Binding("v", "cycle_view", "View", id="view.cycle"),
        Binding("o", "toggle_sort", "Sort", id="view.sort"),
        Binding("h", "toggle_highlights", "Highlights", show=False, id="reader.highlights"),
        Binding("x", "remove_filter", "Remove filter", show=False, id="filter.remove-last"),
        Binding("y", "copy_article", "Copy", show=False, id="article.copy"),
        Binding("e", "export_article", "Export", show=False, id="article.export"),
        Binding("E", "export_list", "Export list", show=False, id="list.export"),
        Binding("R", "update_index", "Update index", show=False, id="index.update"),
        Binding(
            "exclamation_mark",
            "show_skipped",
            "Skipped files",
            tooltip="List the files the index left out, and why",
            show=False,
            id="index.skipped",
        ),
        # In the list (the reader has its own n/N): open the article at its first or last match.
        Binding("n", "list_match(1)", "Next match", show=False, id="list.next-match"),
        Binding("N", "list_match(-1)", "Previous match", show=False, id="list.previous-match"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.query_text = ""
        # the query is being typed: searched as a live filter, its last word also a prefix, until
        # enter or leaving the search line searches it as written (as `briefread search` does)
        self._live = False
        self._searched: tuple[str, str] = ("", "")  # what the list shown was found by, as typed
        self.filters: list[EntityFilter] = []
        # the article shown in the reader that the reader taking the focus marks read
        self._previewed: str | None = None
        self.view = "all"
        self.sort = "auto"
        self.show_highlights = True
        self.results: SearchResults | None = None
        self.article: StoredArticle | None = None
        self.indexing = False
        self._index_error = ""  # the last indexing's error ("" when it ended well)
        self._search_seq = 0
        self._applied_seq = 0
        # enter in the search line: the list's row then, and the search it ran (keys that move
        # the list before its results come apply to them)
        self._submit_row: int | None = None
        # How often the search line took the focus, and the count when enter or escape left it:
        # a line focused again since (`/` typed at once) keeps the keys typed after it.
        self._line_visits = 0
        self._left_visit = 0
        # the visit each enter or escape left the line at, oldest first, until its query is applied
        self._leaves: deque[int] = deque()
        self._submit_seq = -1
        # enter left the search line and the list of its query has not come in yet: the keys for
        # the list typed meanwhile (n, m, s, enter...) wait for that list
        self._submitting = False
        # keys for the list that enter brings, typed before it came in ("/Sarkozy⏎s"): run then
        self._for_the_list: list[Callable[[], None]] = []
        self._article_seq = 0
        self._index_notes = 0  # summaries of updates shown so far (the newest is cleared later)
        # another process holds the index's update lock: its articles show as it saves them, and
        # each poll tries the update again until the lock is free
        self._other_writer = False
        self._pending_open: str | None = None
        # n/N pressed in the list: the match to go to once the article is shown (1 or -1)
        self._match_step = 0
        # n and N typed after the first one while that article was on its way: moves from there
        self._match_moves: list[int] = []
        # n or N typed before the results of enter came in: the step, asked of those results
        self._match_after_search = 0
        self._opening: str | None = None
        # the article whose load is under way, and what the matches of the article shown and of
        # the one loading were found by (the list's query may have changed since)
        self._loading: str | None = None
        self._shown_for: tuple[str, str] = ("", "")
        self._loading_for: tuple[str, str] = ("", "")
        # an update that started with the list empty (a first build): the list stays at its top
        self._filling = False
        self._last_progress = 0.0
        self._poll_timer: Timer | None = None
        # The corpus's folders as the last scan found them: a change to one (a file added,
        # removed or renamed while the app is open) starts an update
        self._stamps: dict[str, int] | None = None
        self._quiet_update = False
        self._facets_timer: Timer | None = None
        self._preview_timer: Timer | None = None
        self.typing_phase = False
        self._status_detail = ""
        self._status_tail = ""  # after the view: "more as indexing saves them"
        self._exporting = ""  # "exporting 12,000 of 100,000 articles", while a long export runs
        self._exporting_to: Path | None = None  # where the last export started writes
        self._rebuilding = ""  # why an index update under way reads the whole corpus again
        self.total_shown = 0
        self._stale_checked = False
        self._search_lock = threading.Lock()
        self._prepared = False
        self.back_stack = BackStack()
        self._before_typing: SearchState | None = None  # the search when the search line took focus

    # -- composition ----------------------------------------------------------------------

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        # The footer lists bindings in this order and drops what does not fit: help and quit first.
        bindings = super().active_bindings
        first = {k: b for k, b in bindings.items() if b.binding.id in FOOTER_FIRST}
        first = dict(sorted(first.items(), key=lambda item: FOOTER_FIRST.index(item[1].binding.id or "")))
        return first | {k: b for k, b in bindings.items() if k not in first}

    def compose(self) -> ComposeResult:
        yield SearchBar(id="search-bar")
        yield Static("", id="search-message", markup=False)
        with Horizontal(id="panes"):
            with Vertical(id="list-pane", classes="pane"):
                yield ArticleList(id="articles")
            with Vertical(id="reader-pane", classes="pane"):
                yield ReaderView(id="reader")
                yield Static("", id="legend", markup=False)
            with Vertical(id="entity-box", classes="pane"):
                yield EntityPane(id="entities")
        with Horizontal(id="status"):
            yield Static("", id="status-text", markup=False)
            yield ProgressBar(id="index-progress", show_eta=False, show_percentage=False)
            yield Static("", id="index-text", markup=False)
        yield Footer()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def reader(self) -> ReaderView:
        return self.query_one(ReaderView)

    @property
    def entity_pane(self) -> EntityPane:
        return self.query_one(EntityPane)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    def on_mount(self) -> None:
        self.article_list.marks = self.session.marks
        self.search_bar.history = self.session.history.recent()
        self.search_bar.set_filters([])
        self.query_one("#list-pane").border_title = "Articles"
        self.query_one("#reader-pane").border_title = "Reader"
        self.query_one("#entity-box").border_title = "Entities"
        self.query_one("#index-progress").display = False
        self.query_one("#search-message").display = False
        # One line that ends in an ellipsis when the terminal is too narrow for it (belongs in
        # app.tcss as `text-wrap: nowrap; text-overflow: ellipsis;`).
        status = self.query_one("#status-text")
        status.styles.text_wrap = "nowrap"
        status.styles.text_overflow = "ellipsis"
        self.article_list.set_empty_message(Text("Opening the index…"))
        self.reader.set_empty_message(Text("Pick an article: j/k, then enter."))
        self.entity_pane.show_article_entities([])
        self._update_legend()
        self.set_focus(self.article_list)
        for warning in self.session.warnings:
            self.notify(warning, severity="warning", markup=False)
        self._open_library()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.log.error(f"worker {event.worker.name} failed: {error!r}")
            self.notify(
                f"Something went wrong ({type(error).__name__}: {error}); the reader keeps going.",
                severity="error",
                markup=False,
                timeout=8,
            )

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")
        self.set_class(event.size.width < TINY_WIDTH, "-tiny")
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")
        # the footer's keys fit 80 columns without the space around each one; narrower, the
        # command palette's key (docked over the last keys) goes, ^p still opens it
        footer = self.query_one(Footer)
        footer.compact = event.size.width < COMPACT_FOOTER_WIDTH
        palette = event.size.width >= PALETTE_KEY_WIDTH
        if footer.show_command_palette != palette:
            footer.show_command_palette = palette
            footer.refresh(recompose=True)
        self._update_layout_classes()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._update_layout_classes()
        shown = self.reader.article
        if event.widget is self.reader and shown is not None and shown.id == self._previewed:
            # the article the list previewed, now read in the reader (tab, a click); once: m
            # may mark it unread again
            self._previewed = None
            self.session.marks.set_read(shown.id)
            self.article_list.refresh_marks()
        if self.results is not None and not self.article_list.rows:
            self.article_list.set_empty_message(self._empty_text())  # it names the keys to press
        self._prepare_for_typing()
        if event.widget is self.search_bar.input:
            self._line_visits += 1
            if self._before_typing is None:
                self._before_typing = self.search_state

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget is self.search_bar.input:
            notice = self.query_one("#search-message", Static)
            if notice.display and not str(notice.render()).strip():
                notice.display = False  # a blank line kept while typing
            if self._left_visit != self._line_visits:
                # left by tab or a click, not by enter or escape: the query is searched as
                # written, ranked, where the focus went
                self.call_later(self._line_left_elsewhere)

    def _line_left_elsewhere(self) -> None:
        if self.focused is not self.search_bar.input:  # not back in it at once
            self._search_as_written()

    def _query_step(self, left: bool = False) -> None:
        """A query typed (or recalled) in the search line and then entered or left is one step:
        escape comes back to the search before it. Called once the query left is applied
        (`left`: by enter or escape): the line may lose the focus before it has handled the keys
        typed with enter, and be visited again meanwhile."""
        before, self._before_typing = self._before_typing, None
        if before is not None and before.query != self.query_text:
            self.back_stack.push(before)
        visit = self._leaves.popleft() if left and self._leaves else None
        if visit is not None and visit != self._line_visits:
            # the line was visited again since (`/` typed with enter): its next query is a step
            # from this one
            self._before_typing = self.search_state

    def _prepare_for_typing(self) -> None:
        """Once the search line has focus, load what parsing a query needs before the first
        key's search asks for it."""
        if self._prepared or self.session.library is None or self.focused is not self.search_bar.input:
            return
        self._prepared = True
        self._prepare_queries()

    def focus_pane(self, widget: Widget) -> None:
        """Focus `widget` now (keys typed right after go to it, not to the old focus)."""
        self.set_focus(widget)
        self._update_layout_classes()

    def _update_layout_classes(self) -> None:
        focused = self.focused
        narrow = self.has_class("-narrow")
        self.set_class(narrow and focused is self.reader, "-reading")
        self.set_class(narrow and focused is self.entity_pane, "-entities")
        listing = self.has_class("-tiny") and focused is not self.reader and focused is not self.entity_pane
        self.set_class(listing, "-listing")

    # -- library lifecycle ----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def _open_library(self) -> None:
        from tui_reader.search import IndexDamaged, SearchError

        try:
            library = self.session.open_library()
        except IndexDamaged as exc:  # rebuilt at once, as `briefread index` would
            self.post_message(LibraryOpened(self.session.empty_library(), damage=exc.detail))
            return
        except SearchError as exc:
            self.post_message(LibraryFailed(str(exc)))
            return
        self.post_message(LibraryOpened(library))

    @work(thread=True, exclusive=True, group="prepare", exit_on_error=False)
    def _prepare_queries(self) -> None:
        """Load what the first typed query needs (the registry's alias index, the parser)."""
        from tui_reader.search import SearchError

        library = self.session.library
        if library is not None:
            try:
                library.prepare()
            except SearchError:
                pass  # the query itself reports the problem

    @work(thread=True, exclusive=True, group="stale", exit_on_error=False)
    def _check_stale(self) -> None:
        """Look for files changed since the last update (a stat walk of the corpus, in a child
        process when possible: it must not slow the searches typed meanwhile)."""
        from tui_reader.search import SearchError

        library = self.session.library
        if library is None:
            return
        stamps = library.folder_stamps()
        try:
            stale = library.is_stale(in_child=True)
        except SearchError as exc:
            self.post_message(LibraryFailed(str(exc)))
            return
        if stale:
            self.post_message(IndexStale())
        else:
            self._stamps = stamps

    @on(LibraryOpened)
    def _library_opened(self, message: LibraryOpened) -> None:
        self.session.library = message.library
        if message.damage:
            self.notify(
                f"The index was damaged ({message.damage}); rebuilding it.",
                title="Index damaged",
                severity="warning",
                markup=False,
                timeout=8,
            )
            self.article_list.set_empty_message(Text("Rebuilding the damaged index…"))
            self.start_update(rebuild=True)
            self._prepare_for_typing()
            return
        self.article_list.set_empty_message(Text("Searching…"))
        self.run_search()
        self._prepare_for_typing()
        self._schedule_poll(POLL_SECONDS)

    @on(IndexStale)
    def _index_stale(self, message: IndexStale) -> None:
        if not message.seen:
            self.start_update(False)
        elif not self.indexing and not self._other_writer:
            # quietly: the progress bar shows once the update finds files to read
            self.indexing = True
            self._quiet_update = True
            self._update_index(False)

    @work(thread=True, exclusive=True, group="folders", exit_on_error=False)
    def _check_folders(self, stamps: dict[str, int]) -> None:
        """Whether the corpus's folders changed since the last scan (a stat each)."""
        library = self.session.library
        if library is not None and library.folders_changed(stamps) and stamps is self._stamps:
            self._stamps = None
            self.post_message(IndexStale(seen=True))

    @on(LibraryFailed)
    def _library_failed(self, message: LibraryFailed) -> None:
        self._match_after_search = 0
        self._submitting = False
        self._for_the_list.clear()
        self._show_error(message.error)

    def _show_error(self, error: str) -> None:
        text = plain(error)
        text.stylize("bold")
        self.article_list.set_empty_message(text)
        self.query_one("#index-text", Static).update(Text(error, "bold", end=""))
        self.notify(error, severity="error", markup=False, timeout=8)

    def _schedule_poll(self, seconds: float) -> None:
        if self._poll_timer is not None:
            self._poll_timer.stop()
        self._poll_timer = self.set_interval(seconds, self._poll)

    def _poll(self) -> None:
        if self.session.marks.reload_if_changed():
            self.article_list.refresh_marks()
        if self.session.library is not None:
            self._refresh_library()
            if self._stamps is not None and not self.indexing:
                self._check_folders(self._stamps)
            if self._other_writer and not self.indexing:
                # quietly: the progress bar shows only if this update finds work to do
                self.indexing = True
                self._update_index(False)

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False)
    def _refresh_library(self) -> None:
        from tui_reader.search import SearchError

        library = self.session.library
        if library is None:
            return
        was_built = library.built
        try:
            changed = library.refresh()
        except SearchError:
            return  # the next search reports the problem in words
        if changed:
            self.post_message(IndexChanged())
            if was_built and not library.built:
                # the index was deleted under the app: build it again, as at a first run
                self.post_message(IndexStale())

    @on(IndexChanged)
    def _index_changed(self) -> None:
        self.run_search(keep=self._kept_through_update(self._filling))

    def _kept_through_update(self, filling: bool) -> str | None:
        """The article the list keeps when the index changes under it: the current one, unless a
        first build is `filling` the list, the list is at its first row and the user is not
        reading: then the list stays at the top, on the newest article, as it fills."""
        if filling and self.article_list.cursor == 0 and self.focused not in (self.reader, self.entity_pane):
            return None
        return self._current_id()

    def start_update(self, rebuild: bool = False) -> None:
        """Bring the index up to date in a worker, showing progress (rebuild: from scratch)."""
        if self.session.library is None or self.indexing:
            if self.indexing:
                self.notify("The index is already being updated.")
            return
        self.indexing = True
        self._filling = not self.article_list.rows
        bar = self.query_one("#index-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        self.query_one("#index-text", Static).update(
            Text("rebuilding the index…" if rebuild else "updating the index…", end="")
        )
        self._schedule_poll(POLL_SECONDS_INDEXING)
        self.article_list.set_empty_message(self._empty_text())
        self._update_index(rebuild)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _update_index(self, rebuild: bool) -> None:
        from tui_reader.search import CorpusUnavailable, IndexBusy, IndexStopped, SearchError
        from tui_reader.search.store import unwritable

        library = self.session.library
        if library is None:
            return
        worker = get_current_worker()
        last = 0.0
        last_phase = ""
        # taken before the update scans: what changes while it runs starts the next one
        stamps = library.folder_stamps()

        def progress(p: Progress) -> None:
            nonlocal last, last_phase
            now = time.monotonic()
            # at most ten a second, but every change of phase: "saving" shows while a save runs
            if now - last >= 0.1 or p.done >= p.total or p.phase != last_phase:
                last, last_phase = now, p.phase
                self.post_message(IndexProgress(p))
            if p.phase == "committed":
                self.post_message(IndexChanged())

        try:
            # In a child process, so that reading the corpus leaves this one free to answer keys.
            # When another process is indexing, say so at once; the refresh poll shows its
            # articles when it commits. Quitting cancels the worker: the child stops at the next
            # file (the reader cannot exit while this thread runs) and the next update resumes.
            summary = library.update_in_child(
                progress=progress,
                rebuild=rebuild,
                commit_seconds=COMMIT_SECONDS,
                cancelled=lambda: worker.is_cancelled,
            )
        except IndexBusy as exc:
            self.post_message(IndexFinished(None, str(exc), busy=True))
        except CorpusUnavailable:
            # the advice of the command line (--corpus) is of no use here
            gone = (
                f"The corpus folder {library.corpus_dir} is gone (moved, renamed or unmounted); "
                "the index stays searchable: press R once the folder is back."
            )
            self.post_message(IndexFinished(None, gone))
        except IndexStopped as exc:
            # the advice first, as the status line may show no more: how it stopped after it
            why = f"{exc.why}; " if exc.why else ""
            stopped = (
                f"Indexing stopped: press {self._key_of('index.update')} to go on "
                f"({why}`briefread index` in a shell shows why)."
            )
            self.post_message(IndexFinished(None, stopped))
        except SearchError as exc:
            self.post_message(IndexFinished(None, str(exc)))
        except OSError as exc:
            # a full disk or a read-only folder met while writing: said as the command line says it
            self.post_message(IndexFinished(None, str(unwritable(library.index_dir, exc))))
        else:
            self._stamps = stamps
            self.post_message(IndexFinished(summary))

    @on(IndexProgress)
    def _index_progress(self, message: IndexProgress) -> None:
        p = message.progress
        self._rebuilding = p.rebuilding
        bar = self.query_one("#index-progress", ProgressBar)
        bar.display = True
        if p.size_total:
            bar.update(total=p.size_total, progress=p.size_done)
        else:
            bar.update(total=p.total or None, progress=p.done)
        self.query_one("#index-text", Static).update(Text(progress_text(p), end=""))

    @on(IndexFinished)
    def _index_finished(self, message: IndexFinished) -> None:
        self.indexing = False
        self._rebuilding = ""
        # what the empty list says when indexing failed before an article was saved
        self._index_error = message.error if message.summary is None and not message.busy else ""
        if self._status_tail:  # "more as indexing saves them": not once it is done, search or not
            self._status_tail = ""
            self._update_status()
        filling, self._filling = self._filling, False
        quiet, self._quiet_update = self._quiet_update, False
        was_waiting, self._other_writer = self._other_writer, message.busy
        self.article_list.set_empty_message(self._empty_text())
        self.query_one("#index-progress").display = False
        self._schedule_poll(POLL_SECONDS)
        index_text = self.query_one("#index-text", Static)
        if quiet and message.summary is not None and message.summary.nothing_to_do:
            index_text.update("")  # a folder changed, but no article did (an editor's swap file)
            return
        if message.busy:
            index_text.update(Text("another briefread is indexing…", end=""))
            if not was_waiting:
                self.notify(OTHER_WRITER, severity="information", markup=False, timeout=8)
            return
        if message.summary is None:
            index_text.update(Text(message.error, "bold", end=""))
            self.notify(message.error, severity="error", markup=False, timeout=8)
            self.run_search(keep=self._current_id())
            return
        summary = message.summary
        index_text.update(Text(_summary_line(summary, short=True), end=""))
        self._index_notes += 1
        note = self._index_notes
        self.set_timer(INDEX_NOTE_SECONDS, lambda: self._clear_index_note(note))
        if summary.recovered:
            self.notify(summary.recovered, title="Index recovered", markup=False, timeout=8)
        if summary.upgraded:
            self.notify(summary.upgraded, title="Index rebuilt", markup=False, timeout=8)
        if not summary.nothing_to_do or summary.skipped:
            self.notify(_summary_line(summary, key=self._key_of("index.skipped")), markup=False)
        self.run_search(keep=self._kept_through_update(filling))

    def _clear_index_note(self, note: int) -> None:
        """The summary of the last update leaves the status line (the list's count stays)."""
        if note == self._index_notes and not self.indexing:
            self.query_one("#index-text", Static).update("")

    # -- searching ------------------------------------------------------------------------

    def run_search(self, keep: str | None = None, *, typing: bool = False) -> None:
        """Search with the current query, filters, view and sort.

        While the query is being typed the list is a live filter, newest first: ranking by
        relevance costs far more for a half-typed word (its prefix expands to many terms), so
        it waits for enter (or an explicit sort)."""
        if self.session.library is None:
            return
        self._search_seq += 1
        if self._facets_timer is not None:
            self._facets_timer.stop()
            self._facets_timer = None
        # a search again of a query still being typed (an index update) stays a live filter;
        # once the line has lost the focus (a click elsewhere) it is searched as written
        if typing:
            self._live = True
            self._match_after_search = 0
            self._submitting = False
            self._for_the_list.clear()
        elif self._live and self.focused is not self.search_bar.input:
            self._live = False
        self.typing_phase = self._live and self.sort == "auto" and bool(self.query_text.strip())
        marks = self.session.marks
        request = SearchRequest(
            query=self.query_text,
            live=self._live,
            entities=tuple(f.entity_id for f in self.filters),
            view=self.view,
            sort="date" if self.typing_phase else self.sort,
            read_ids=marks.read_ids if self.view == "unread" else frozenset(),
            bookmarked_ids=marks.bookmarked_ids if self.view == "bookmarked" else frozenset(),
        )
        self._search(self._search_seq, request, keep)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, seq: int, request: SearchRequest, keep: str | None) -> None:
        from tui_reader.search import SearchError

        library = self.session.library
        if library is None:
            return
        worker = get_current_worker()
        # One search at a time: those a newer keystroke cancelled while they waited never run.
        with self._search_lock:
            if worker.is_cancelled:
                return
            try:
                outcome = run_search(library, request, lambda: worker.is_cancelled, keep)
            except SearchError as exc:
                self.post_message(LibraryFailed(str(exc)))
                return
        if outcome is None or worker.is_cancelled:
            return
        results = outcome.results
        self.post_message(
            ResultsReady(
                seq,
                outcome.rows,
                total=results.total,
                fallback=outcome.fallback,
                took_ms=results.took_ms,
                sort=results.sort,
                keep=keep,
                results=results,
                kept_at=outcome.kept_at,
                searched=outcome.searched,
            )
        )

    @work(thread=True, exclusive=True, group="facets", exit_on_error=False)
    def _facets(self, seq: int, results: SearchResults) -> None:
        from tui_reader.search import SearchError

        library = self.session.library
        if library is None or seq != self._search_seq:
            return
        try:
            facets = library.facets(results, top=FACETS_TOP)
        except SearchError:
            return
        if not get_current_worker().is_cancelled:
            self.post_message(FacetsReady(seq, facets))

    @on(ResultsReady)
    def _results_ready(self, message: ResultsReady) -> None:
        if message.seq != self._search_seq:
            return
        self._applied_seq = message.seq
        self.results = message.results
        self._searched = message.searched
        if not self._stale_checked:
            # The first list first: the scan for changed files starts once it is drawn.
            self._stale_checked = True
            self.call_after_refresh(self._check_stale)
        # Facets read every result's entities: wait until the list stops changing.
        seq, results = message.seq, message.results
        self._facets_timer = self.set_timer(FACETS_DELAY, lambda: self._facets(seq, results))
        listing = self.article_list
        cursor = 0
        if message.keep is not None:
            found = message.kept_at if message.kept_at is not None else _find(message.rows, message.keep)
            cursor = found if found is not None else min(listing.cursor, len(message.rows) - 1)
        elif self._submit_row is not None:
            # rows moved in the list between enter and the ranked results count in them, moved
            # in whichever lists came in between (the live list of a key typed in the burst)
            cursor = min(max(0, listing.cursor - self._submit_row), len(message.rows) - 1)
            if message.seq >= self._submit_seq:  # that search's list, or a newer one
                self._submit_row = None
            else:
                self._submit_row = 0  # rows moved in this list count from its first
        if message.seq >= self._submit_seq:
            self._submitting = False
        # a preview waiting for the keys to pause belongs to the list that was: this list's top
        # row (if it has one) is highlighted anew
        self._stop_preview()
        listing.set_empty_message(self._empty_text())
        listing.set_rows(message.rows, max(0, cursor))
        self.reader.set_empty_message(
            Text("Pick an article: j/k, then enter." if message.rows else "No article to show.")
        )
        if not message.rows:
            self._article_seq += 1  # an article still loading belongs to the list that was
            self._opening = self._loading = None
            self._show_article(None, [])
        self.total_shown = len(message.rows)
        title = f"Articles {len(message.rows):,}"
        if message.total > len(message.rows):  # the best ranked of more (see the status line)
            title += f" of {message.total:,}"
        self.query_one("#list-pane").border_title = title
        sort = "relevance" if message.sort == "relevance" else SORT_LABELS[self.sort]
        if self.sort == "auto" and message.sort != "relevance":
            sort = SORT_LABELS["date"]
        if self.typing_phase:
            sort = "newest first while typing (enter ranks)"
        count = counted(len(message.rows), "article")
        if message.total > len(message.rows):  # the best-ranked rows, in any view
            count = f"best {len(message.rows):,} of {message.total:,} articles"
        self._status_detail = f"{count} · {sort} · {message.took_ms:.0f} ms"
        # a rebuild shows the whole index before it until it is done
        self._status_tail = "more as indexing saves them" if self.indexing and not self._rebuilding else ""
        self._update_status()
        self._show_note(message.fallback)
        if self._match_after_search:
            step, self._match_after_search = self._match_after_search, 0
            self.action_list_match(step)
        if not self._submitting:
            self._run_keys_for_the_list()

    def _show_note(self, note: str) -> None:
        """The line under the search line: what was searched instead, or nothing. While the
        search line has the focus, a note's line stays when the note goes, blank, so that the
        list does not jump a line up and down as keys are typed."""
        notice = self.query_one("#search-message", Static)
        if note:
            notice.update(plain(note, "italic"))
            notice.display = True
        elif self.focused is self.search_bar.input and notice.display:
            notice.update("")
        else:
            notice.display = False

    def _empty_text(self) -> Text:
        if self._other_writer:
            return Text(OTHER_WRITER)
        if self.indexing:
            return Text("Indexing… articles appear as they are saved.")
        if self.query_text or self.filters or self.view != "all":
            # escape first leaves the search line, then goes back in the list
            escape = "escape twice" if self.focused is self.search_bar.input else "escape"
            head = "No article matches."
            if self.filters and self.query_text.strip():
                # the chosen entities narrow every search typed after them
                within = ", ".join(f.label for f in self.filters)
                which = "the last" if len(self.filters) > 1 else "it"
                head = (
                    f"No article naming {within} matches ({self._filter_key()} in the list removes {which})."
                )
            if not self.query_text.strip() and not self.filters:
                # a marks view on its own: nothing is wrong with a search, no article has the mark
                if self.view == "bookmarked":
                    head = "No article is bookmarked yet (s in the list or the reader bookmarks one)."
                elif self.view == "unread":
                    head = "Every article is read (m in the list or the reader marks one unread)."
            elif self.view != "all":
                # the marks view narrows the search too: it may be what leaves nothing
                key = self._key_of("view.cycle")
                head = f"No {self.view} article matches ({key} in the list changes the view)."
            if len(self.back_stack):
                return Text(f"{head} Press {escape} to go back to the search before.")
            return Text(f"{head} Press {escape} to clear the search.")
        if self._index_error:
            return Text(f"No article is indexed yet. {self._index_error}")
        return Text("No articles in this corpus yet.")

    def _filter_key(self) -> str:
        """The key that removes the last entity filter, after the user's keymap."""
        return self._key_of("filter.remove-last")

    def _key_of(self, binding_id: str) -> str:
        """The key of the screen's binding `binding_id`, after the user's keymap."""
        binding = next(b for b in self.BINDINGS if isinstance(b, Binding) and b.id == binding_id)
        effective_key = getattr(self.app, "effective_key", None)  # the briefread app's keymap
        return (effective_key(binding) if effective_key else "") or binding.key

    @on(FacetsReady)
    def _facets_ready(self, message: FacetsReady) -> None:
        if message.seq != self._search_seq:
            return
        self.entity_pane.show_facets(message.facets)

    def _update_status(self) -> None:
        parts = [self._status_detail]
        if self.view != "all":
            parts.append(VIEW_LABELS[self.view])
        if not self.show_highlights:
            parts.append("highlights off")
        parts.append(self._exporting)
        parts.append(self._status_tail)
        # A line of fixed size: no layout of the screen for a new text. Too long for the
        # terminal, it ends in an ellipsis rather than cut through a number.
        self.query_one("#status-text", Static).update(
            Text(" · ".join(p for p in parts if p), end="", no_wrap=True, overflow="ellipsis"),
            layout=False,
        )

    @on(SearchBar.QueryChanged)
    def _query_changed(self, message: SearchBar.QueryChanged) -> None:
        if message.query == self.query_text:
            return
        self.query_text = message.query
        self.run_search(typing=self.focused is self.search_bar.input)

    @on(SearchBar.Submitted)
    def _query_submitted(self, message: SearchBar.Submitted) -> None:
        changed = message.query != self.query_text
        self.query_text = message.query
        self._query_step(left=True)
        live, self._live = self._live, False
        if self.typing_phase or changed or live:
            self.run_search()
            self._submit_seq = self._search_seq
        elif self._search_seq != self._applied_seq:
            # the search of this query started as the line flushed its last keys (typed with
            # enter, before their pause): keys typed after enter move in the list it brings
            self._submit_seq = self._search_seq
        else:
            self._submit_row = None
            self._submitting = False
            self._submit_seq = self._search_seq
        if message.query.strip():
            self.session.history.add(message.query)
            self.search_bar.history = self.session.history.recent()
        self._to_the_list()
        if not self._submitting:
            self._run_keys_for_the_list()  # typed with enter, and the list already was this query's

    def leave_search_line(self, query: str | None = None) -> None:
        """Go to the list with the query kept (`query`, as escape left it; else the line's),
        ranked as enter ranks it (not added to history)."""
        self._search_as_written(query, left=query is not None)
        self._to_the_list()

    def _search_as_written(self, query: str | None = None, left: bool = False) -> None:
        """The query of the line (or `query`) searched as written, ranked, unless it already is;
        `left`: by escape (see `_query_step`)."""
        self.search_bar.flush()  # its QueryChanged then finds the query already applied
        live, self._live = self._live, False
        query = self.search_bar.value if query is None else query
        if query != self.query_text or self.typing_phase or live:
            self.query_text = query
            self.run_search()
        self._query_step(left)

    def _to_the_list(self) -> None:
        """The list takes the focus after the search line was left, unless the user has gone
        back to the line since (escape, then `/` at once): the keys typed there stay there."""
        if self.focused is self.search_bar.input and self._line_visits != self._left_visit:
            return
        self.focus_pane(self.article_list)

    @on(SearchBar.Left)
    def _search_left(self, message: SearchBar.Left) -> None:
        self.leave_search_line(message.query)

    @on(SearchBar.FilterRemoved)
    def _filter_removed(self, message: SearchBar.FilterRemoved) -> None:
        self.remove_filter(message.key or None)

    # -- filters and views ----------------------------------------------------------------

    @property
    def search_state(self) -> SearchState:
        return SearchState(self.query_text, tuple(self.filters), self.view)

    def restore(self, state: SearchState) -> None:
        """Show the search `state` (the sort stays as the user set it)."""
        self.filters = list(state.filters)
        self.view = state.view
        self.search_bar.set_filters([(f.entity_id, f.label) for f in self.filters])
        self.search_bar.set_value(state.query, emit=False)
        self.query_text = state.query
        self._live = False
        self._update_status()
        self.run_search(keep=self._current_id())

    def go_back(self) -> bool:
        """One step back: the search before the last query, entity or view chosen; with none
        left, the last filter goes, then the query, then the view. False: nothing to undo."""
        state = self.back_stack.back(self.search_state)
        if state is None:
            return False
        self.restore(state)
        return True

    def add_entity_filter(self, entity_id: str, label: str, *, keep: str | None = None) -> None:
        """Restrict the list to articles that name `entity_id` (in any language), the article
        `keep` staying current when the list still holds it."""
        if any(f.entity_id == entity_id for f in self.filters):
            return
        self.back_stack.push(self.search_state)
        self.filters.append(EntityFilter(entity_id, label))
        self._filters_changed(keep=keep)

    def remove_filter(self, entity_id: str | None = None) -> None:
        """Remove the filter on `entity_id` (the last one when None); the article being read
        stays open and current in the wider list."""
        if not self.filters:
            return
        if entity_id is None:
            self.filters.pop()
        else:
            self.filters = [f for f in self.filters if f.entity_id != entity_id]
        self._filters_changed(keep=self._current_id())

    def _filters_changed(self, keep: str | None = None) -> None:
        self.search_bar.set_filters([(f.entity_id, f.label) for f in self.filters])
        self.run_search(keep=keep)

    @on(EntityPane.Chosen)
    def _entity_chosen(self, message: EntityPane.Chosen) -> None:
        self.choose_entity(message.entity_id, message.label, phrase=message.phrase, pivot=message.pivot)

    def choose_entity(self, entity_id: str, label: str, *, phrase: str = "", pivot: bool = True) -> None:
        """List the articles naming an entity: a pivot starts a new search on it (the query
        and other filters go; escape comes back), otherwise it narrows the current list. The
        article being read stays open and current when the new list holds it."""
        before = self.search_state
        keep = self._current_id()
        if pivot:
            self.filters = []
            self.search_bar.set_filters([])
            self.search_bar.set_value("", emit=False)
            self.query_text = ""
        if phrase:
            phrase = phrase.replace('"', " ")
            query = f'{self.query_text} "{phrase}"'.strip()
            self.search_bar.set_value(query, emit=False)
            self.query_text = query
            self.run_search(keep=keep)
        elif pivot:
            self.filters = [EntityFilter(entity_id, label)]
            self._filters_changed(keep=keep)
        else:
            self.add_entity_filter(entity_id, label, keep=keep)
        if self.search_state != before:
            self.back_stack.push(before)
            if pivot and not before.is_everything:
                self.notify(
                    f"A new search on {label}; escape goes back to the previous one.", markup=False, timeout=3
                )
        self.focus_pane(self.article_list)

    def set_view(self, view: str) -> None:
        if view != self.view:
            self.back_stack.push(self.search_state)
        self.view = view
        self._update_status()
        self.run_search(keep=self._current_id())

    # -- the article ----------------------------------------------------------------------

    def _current_id(self) -> str | None:
        if self.article is not None:
            return self.article.id
        row = self.article_list.current_row
        return row.id if row is not None else None

    @on(ArticleList.Highlighted)
    def _row_highlighted(self, message: ArticleList.Highlighted) -> None:
        if not self._is_current_row(message.row.id):
            return  # the row of a list (or a cursor place) that another has replaced since
        # the row being opened (n typed with the key that moved the cursor) stays opening
        opening = message.row.id in (self._pending_open, self._opening)
        self._pending_open = None
        self._stop_preview()
        if self.typing_phase and not opening:
            # While typing, show the top result once the keys pause, not at every key.
            article_id = message.row.id
            self._preview_timer = self.set_timer(PREVIEW_DELAY, lambda: self._preview(article_id))
            return
        self._load_article(message.row.id, opening)

    def _is_current_row(self, article_id: str) -> bool:
        row = self.article_list.current_row
        return row is not None and row.id == article_id

    def _preview(self, article_id: str) -> None:
        """Show the row the cursor was on when the keys paused, if the list still shows it there."""
        self._preview_timer = None
        if self._is_current_row(article_id):
            self._load_article(article_id, False)

    def _stop_preview(self) -> None:
        if self._preview_timer is not None:
            self._preview_timer.stop()
            self._preview_timer = None

    @on(ArticleList.Selected)
    def _row_selected(self, message: ArticleList.Selected) -> None:
        if self._after_the_list(self._open_current_row):
            return
        self.open_article(message.row)
        self.focus_pane(self.reader)

    def _open_current_row(self) -> None:
        row = self.article_list.current_row
        if row is not None:
            self.open_article(row)
            self.focus_pane(self.reader)

    def _after_the_list(self, action: Callable[[], None]) -> bool:
        """True when enter left the search line and its list has not come in yet: `action`, a
        key typed meanwhile ("/Sarkozy⏎s"), then runs once it has, on that list."""
        if not self._submitting:
            return False
        self._for_the_list.append(action)
        return True

    def _run_keys_for_the_list(self) -> None:
        actions, self._for_the_list = self._for_the_list, []
        for action in actions:
            action()

    def action_list_match(self, step: int) -> None:
        """Open the highlighted article in the reader and go to its first (n) or last (N)
        search match."""
        listing = self.article_list
        if self._after_the_list(lambda: self.action_list_match(step)):
            return
        if self._search_seq != self._applied_seq and not self._live:
            # a search under way (a sort, a view): n is for the list it brings
            self._match_after_search = step
            return
        if not listing.rows:
            self.notify("No article to open.")
            return
        row = listing.rows[listing.cursor]
        self._match_step, self._match_moves = step, []
        self.open_article(row)
        self.focus_pane(self.reader)
        if self.article is not None and self.article.id == row.id and self.reader.article is not None:
            if self._loading != row.id and self._shown_for != self._searched:
                # shown with the matches of the list before (n typed with enter)
                self._load_article(row.id, True)
            if self._loading == row.id:
                self._opening = row.id  # n goes to the first match of the query now searched
            else:
                self._go_to_match()

    def _go_to_match(self) -> None:
        step, self._match_step = self._match_step, 0
        moves, self._match_moves = self._match_moves, []
        if step:
            self.reader.go_to_match(step)
            for delta in moves:
                self.reader.move_match(delta)

    def open_article(self, row: ResultRow) -> None:
        """Show `row` in the reader and mark it read."""
        self.session.marks.set_read(row.id)
        self.article_list.refresh_marks()
        if self.article is None or self.article.id != row.id:
            self._load_article(row.id, True)
        elif self.reader.article is not None and self.reader.article.id == row.id:
            self.reader.forget_match()  # n goes on from the view, as on a first opening

    def open_article_id(self, article_id: str) -> None:
        """Open an article that may not be in the list (from the command palette)."""
        index = _find(self.article_list.rows, article_id)
        if index is not None:
            self._pending_open = article_id
            self.article_list.cursor = index
        else:
            self._load_article(article_id, True)
        self.session.marks.set_read(article_id)
        self.article_list.refresh_marks()
        self.focus_pane(self.reader)

    @on(ReaderView.Step)
    def _step(self, message: ReaderView.Step) -> None:
        listing = self.article_list
        target = listing.cursor + message.delta
        if not 0 <= target < len(listing.rows):
            self.notify("No next article." if message.delta > 0 else "No previous article.")
            return
        self._pending_open = listing.rows[target].id
        listing.cursor = target

    @on(ReaderView.MatchStep)
    def _reader_match_step(self, message: ReaderView.MatchStep) -> None:
        opening = self._pending_open or self._opening
        if opening is not None and (self.article is None or self.article.id != opening):
            # another article is on its way (J or K typed just before): its first (or last)
            # match once it is shown, and from there the n and N typed after
            if self._match_step:
                self._match_moves.append(message.delta)
            else:
                self._match_step = message.delta
            return
        self.reader.move_match(message.delta)

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def _load_article_worker(self, seq: int, article_id: str, query: str, typed: str) -> None:
        from tui_reader.search import SearchError

        library = self.session.library
        if library is None:
            return
        try:
            article = library.article(article_id)
            matches: list[tuple[int, int]] = []
            title_matches: list[tuple[int, int]] = []
            if article and query.strip():
                matches = library.match_offsets(query, article, MAX_READER_CHARS, typed)
                title_matches = library.title_match_offsets(query, article, typed)
        except SearchError as exc:
            self.post_message(LibraryFailed(str(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(ArticleReady(seq, article, matches, title_matches))

    def _load_article(self, article_id: str, opening: bool) -> None:
        self._article_seq += 1
        self._opening = article_id if opening else None
        self._loading = article_id
        # highlighted: what found the list shown (while typing, without what is half typed)
        self._loading_for = query, typed = self._searched
        self._load_article_worker(self._article_seq, article_id, query, typed)

    @on(ArticleReady)
    def _article_ready(self, message: ArticleReady) -> None:
        if message.seq != self._article_seq:
            return
        self._loading = None
        self._shown_for = self._loading_for
        article = message.article
        same = article is not None and self.article is not None and article.id == self.article.id
        if same and self.reader.article is not None:
            # the same article again (the query or the index changed): the reader keeps its place
            previous = self.article
            self.article = article
            self.reader.article = article
            self.reader.set_matches(message.matches, message.title_matches)
            if article is not None and (previous is None or previous.mentions != article.mentions):
                self.entity_pane.show_article_entities(summarize_mentions(article.mentions))
        else:
            self._show_article(article, message.matches, message.title_matches)
        if article is not None and self._opening == article.id:
            self.session.marks.set_read(article.id)
            self.article_list.refresh_marks()
            if self._match_step:
                self._go_to_match()
        self._opening = None

    def _show_article(
        self,
        article: StoredArticle | None,
        matches: list[tuple[int, int]],
        title_matches: list[tuple[int, int]] | None = None,
    ) -> None:
        self.article = article
        self._previewed = article.id if article is not None else None
        self.reader.show_article(article, matches, title_matches)
        self.entity_pane.show_article_entities(
            summarize_mentions(article.mentions) if article is not None else []
        )
        self._update_legend()

    @on(ReaderView.MatchMoved)
    def _match_moved(self, message: ReaderView.MatchMoved) -> None:
        # Like less and vim, the wrap is said where the match count is, until the next move.
        wrapped = ""
        if message.wrapped:
            wrapped = "wrapped to the top" if message.index == 0 else "wrapped to the bottom"
        self._update_legend(message.index, message.total, wrapped)

    def _update_legend(self, index: int = -1, total: int | None = None, wrapped: str = "") -> None:
        reader = self.reader
        style = reader.get_component_rich_style
        legend = Text(end="", no_wrap=True, overflow="ellipsis")
        if not self.show_highlights:
            legend.append("highlights off (h)", "dim")
        else:
            total = len(reader.matches) if total is None else total
            if total:
                if index >= 0:
                    label = f"match {index + 1}/{total}"
                else:
                    label = f"{total} match{'es' if total > 1 else ''}"
                legend.append(label, style("reader--match"))
                legend.append(" ")
                if wrapped:
                    legend.append(f"({wrapped}) ", "italic")
            legend.append("country", style("reader--country"))
            legend.append(" ")
            legend.append("organization", style("reader--organization"))
            legend.append(" ")
            legend.append("rule", style("reader--rule"))
        self.query_one("#legend", Static).update(legend, layout=False)

    # -- actions --------------------------------------------------------------------------

    def action_focus_search(self, typed: str = "") -> None:
        """`/`: the search line, its query selected: what is typed replaces it (a new search, as
        in less or vim), and an arrow key or End keeps it to edit."""
        query_input = self.search_bar.input
        if self.focused is query_input:
            # the line types it, after the keys before it that it has not handled yet
            raise SkipAction()
        self._line_visits += 1  # now: the line's leaving, handled later, must see it
        self.focus_pane(query_input)
        query_input.post_message(QueryInput.SelectAll())

    def action_leave_search(self, submit: bool) -> None:
        """Enter (`submit`) or escape in the search line: the list takes the keys that follow at
        once, and the line, once it has handled the keys before, submits its query or leaves it
        (`SearchBar.Submitted`, `SearchBar.Left`)."""
        query_input = self.search_bar.input
        if self.focused is not query_input:
            raise SkipAction()
        self._left_visit = self._line_visits
        self._leaves.append(self._line_visits)
        self.focus_pane(self.article_list)
        self._submit_row = self.article_list.cursor if submit else None
        self._submitting = submit
        if submit:
            self._submit_seq = sys.maxsize  # until the line submits: no list yet is its list
        query_input.post_message(QueryInput.Leave(submit))

    def action_cycle_pane(self, delta: int) -> None:
        panes: list[Widget] = [self.article_list, self.reader, self.entity_pane]
        focused = self.focused
        index = panes.index(focused) if focused in panes else -1
        self.focus_pane(panes[(index + delta) % len(panes)])

    def action_back(self) -> None:
        """Escape: leave the search line (the query stays), go from the reader or the entity
        pane to the list, and in the list go back one step (see `go_back`)."""
        focused = self.focused
        if focused is self.search_bar.input:
            self.action_leave_search(False)
            return
        if focused is self.reader or focused is self.entity_pane:
            self.focus_pane(self.article_list)
            return
        if focused is not self.article_list:
            raise SkipAction()  # another widget's own escape
        self.go_back()

    def clear_search(self) -> None:
        """Clear the query, the entity filters and the marks view (escape comes back)."""
        self.back_stack.push(self.search_state)
        self.filters = []
        self.view = "all"
        self.search_bar.set_filters([])
        self.search_bar.set_value("", emit=False)
        self.query_text = ""
        self._update_status()
        self.run_search(keep=self._current_id())

    def _target_id(self) -> str | None:
        if self.focused is self.article_list:
            row = self.article_list.current_row
            return row.id if row else None
        return self._current_id()

    def action_toggle_read(self) -> None:
        if self._after_the_list(self.action_toggle_read):
            return
        article_id = self._target_id()
        if article_id is None:
            # m is listed in the footer: say why nothing changed rather than do nothing
            self.notify("No article to mark read.", timeout=1.5)
            return
        read = self.session.marks.toggle_read(article_id)
        if article_id == self._previewed:
            self._previewed = None  # the reader taking the focus no longer marks it
        self.article_list.refresh_marks()
        self.notify("Marked read." if read else "Marked unread.", timeout=1.5)

    def action_toggle_bookmark(self) -> None:
        if self._after_the_list(self.action_toggle_bookmark):
            return
        article_id = self._target_id()
        if article_id is None:
            self.notify("No article to bookmark.", timeout=1.5)
            return
        marked = self.session.marks.toggle_bookmark(article_id)
        self.article_list.refresh_marks()
        self.notify("Bookmarked." if marked else "Bookmark removed.", timeout=1.5)

    def action_cycle_view(self) -> None:
        self.set_view(VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)])
        self.notify(f"Showing {VIEW_LABELS[self.view]}.", timeout=1.5)

    def action_toggle_sort(self) -> None:
        has_query = bool(self.query_text.strip())
        self.sort = next_sort(self.sort, has_query)
        if self.sort == "auto":
            label = "by relevance" if has_query else "newest first (by relevance once you search)"
        else:
            label = SORT_LABELS[self.sort]
        self.notify(f"Sorted {label}.", timeout=1.5)
        self.run_search(keep=self._current_id())

    def action_toggle_highlights(self) -> None:
        self.show_highlights = not self.show_highlights
        self.reader.set_highlights(self.show_highlights)
        self._update_legend()
        self._update_status()

    def action_remove_filter(self) -> None:
        if self.filters:
            self.remove_filter(None)
            return
        # no entity chosen: the last filter written in the query ("country:Maroc")
        query = without_last_filter(self.query_text)
        if query is None:
            self.notify("No filter to remove.", timeout=1.5)
            return
        self.search_bar.set_value(query, emit=False)
        self.query_text = query
        self._live = False
        self.run_search(keep=self._current_id())

    def action_copy_article(self) -> None:
        if self._after_the_list(self.action_copy_article):
            return
        article = self.article
        if article is None:
            self.notify("No article to copy.", timeout=1.5)
            return
        text = f"{article.title}\n\n{article.text}\n"
        self.app.copy_to_clipboard(text)
        # the terminal receives it (OSC 52) and may refuse it silently: tmux and some terminals must
        # be told to allow it
        self.notify(
            f"Sent the article ({len(text):,} characters) to the clipboard; if it does not paste, "
            "the terminal does not allow copying (OSC 52): use e to export it.",
            timeout=4,
        )

    def action_update_index(self) -> None:
        self.start_update(False)

    def action_show_skipped(self) -> None:
        if self.session.library is None:
            self.notify("The index is not open yet.", timeout=3)
            return
        self._list_skipped()

    @work(thread=True, exclusive=True, group="skipped", exit_on_error=False)
    def _list_skipped(self) -> None:
        """The files the index left out, read from its record and a scan of the corpus (a stat
        walk: off the interface's thread)."""
        library = self.session.library
        if library is None:
            return
        try:
            skipped = library.skipped()
        except OSError as exc:
            message = f"The list of skipped files cannot be read ({exc.strerror or exc}); try again."
            self.app.call_from_thread(self.notify, message, severity="error", markup=False)
            return
        self.app.call_from_thread(self._show_skipped, skipped)

    def _show_skipped(self, skipped: list[Skipped]) -> None:
        if not skipped:
            self.notify("The index left no file out.", timeout=3)
            return
        self.app.push_screen(SkippedScreen(skipped))

    def action_export_article(self) -> None:
        if self._after_the_list(self.action_export_article):
            return
        article = self.article
        if article is None:
            self.notify("Open an article first.", timeout=2)
            return
        default = unused_path(export_folder(), f"briefread-{article.id}", ".md")
        article_id = article.id

        def chosen(path: Path | None) -> None:
            if path is not None:
                self._start_export(
                    lambda library: library.stored_articles([article_id]), 1, path, self._export_source()
                )

        self.app.push_screen(ExportScreen(default, "Export this article"), chosen)

    def action_export_list(self) -> None:
        if self._after_the_list(self.action_export_list):
            return
        rows, results = self.article_list.rows, self.results
        if not rows:
            self.notify("The list is empty.", timeout=2)
            return
        default = unused_path(export_folder(), "briefread-results", ".md")

        def read(library: Library) -> Iterable[StoredArticle]:
            # by the numbers of the results, in the list's order: no row is read for its id
            if results is None:
                return library.stored_articles(rows[i].id for i in range(len(rows)))
            if isinstance(rows, OldestFirst):
                return library.results_articles(results, (rows.from_newest(i) for i in range(len(rows))))
            return library.results_articles(results)

        def chosen(path: Path | None) -> None:
            if path is not None:
                self._start_export(read, len(rows), path, self._export_source())

        title = f"Export the {counted(len(rows), 'article')} of the list"
        self.app.push_screen(ExportScreen(default, title), chosen)

    def _export_source(self) -> tuple[str, list[str], str]:
        """What the exported list is (read on the screen's thread): its query, its filters and its
        marks view ("" for all articles)."""
        view = VIEW_LABELS[self.view] if self.view != "all" else ""
        return self.query_text, [f.label for f in self.filters], view

    def _start_export(
        self,
        read: Callable[[Library], Iterable[StoredArticle]],
        total: int,
        path: Path,
        source: tuple[str, list[str], str],
    ) -> None:
        """`_export`, saying so when it stops one still running (which then leaves no file)."""
        if self._exporting_to is not None and any(
            w.group == "export" and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
            for w in self.workers
        ):
            self.notify(
                f"The export to {self._exporting_to} was stopped: the new one replaces it.",
                severity="warning",
                markup=False,
            )
        self._exporting_to = path
        self._export(read, total, path, source)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(
        self,
        read: Callable[[Library], Iterable[StoredArticle]],
        total: int,
        path: Path,
        source: tuple[str, list[str], str],
    ) -> None:
        """Write the `total` articles `read` gives to `path`; the status line counts them as
        they are written. Another export started meanwhile stops this one (no file is left)."""
        from tui_reader.search import ResultsOutdated, SearchError

        library = self.session.library
        if library is None:
            return
        query, filters, view = source
        worker = get_current_worker()
        shown = time.monotonic()

        def progress(done: int) -> None:
            nonlocal shown
            if worker.is_cancelled:
                raise _ExportStopped
            if total >= EXPORT_PROGRESS_FROM and time.monotonic() - shown >= EXPORT_PROGRESS_SECONDS:
                shown = time.monotonic()
                self.app.call_from_thread(self._show_export, f"exporting {done:,} of {total:,} articles")

        try:
            count = write_export(
                path, read(library), query=query, filters=filters, view=view, progress=progress
            )
        except _ExportStopped:
            return
        except ExportError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        except ResultsOutdated:
            # the index was refreshed since the list was found: its rows name other articles
            self.app.call_from_thread(
                self.notify,
                "The index changed while the list was read; export it again.",
                severity="warning",
                markup=False,
            )
            return
        except SearchError as exc:
            self.app.call_from_thread(self.notify, f"Export failed: {exc}", severity="error", markup=False)
            return
        finally:
            if not worker.is_cancelled:
                self.app.call_from_thread(self._show_export, "")
        self.app.call_from_thread(
            self.notify,
            f"Exported {count:,} article{'s' if count != 1 else ''} to {path}",
            markup=False,
        )

    def _show_export(self, text: str) -> None:
        self._exporting = text
        self._update_status()


class _ExportStopped(Exception):
    """Another export, or quitting, stopped this one."""


def _find(rows: Sequence[ResultRow], article_id: str, limit: int = 500) -> int | None:
    """The position of `article_id` among the first `limit` rows (rows are read lazily)."""
    for i in range(min(limit, len(rows))):
        if rows[i].id == article_id:
            return i
    return None


def _summary_line(summary: UpdateSummary, *, short: bool = False, key: str = "!") -> str:
    """What an update did; `short` for the status line, which leaves the hint to the note (`key`
    lists the files left out)."""
    parts = [counted(summary.total_articles, "article")]
    if summary.rebuilt:
        parts.append(f"rebuilt in {summary.seconds:.1f} s")
    elif not summary.nothing_to_do:
        # "2 files added, 1 changed, 1 removed in 0.4 s": the counts that are not zero
        done = [
            (count, what)
            for count, what in (
                (summary.added, "added"),
                (summary.changed, "changed"),
                (summary.deleted, "removed"),
            )
            if count
        ] or [(0, "changed")]
        first, *rest = done
        said = [f"{counted(first[0], 'file')} {first[1]}", *(f"{n:,} {what}" for n, what in rest)]
        parts.append(f"{', '.join(said)} in {summary.seconds:.1f} s")
    if summary.not_indexed:
        parts.append(f"{summary.skipped_count:,} skipped")
    if summary.warnings:
        parts.append(counted(len(summary.warnings), "warning"))
    if summary.skipped and not short:
        parts[-1] += f" ({key} lists them)"
    return "index: " + ", ".join(parts)
