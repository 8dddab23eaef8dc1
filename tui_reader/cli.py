"""The command line: `briefread` opens the reader; subcommands index, search, show, tag, entities."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import signal
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any, BinaryIO, NoReturn, TextIO, cast

import click

from tui_reader import __version__
from tui_reader.config import (
    Config,
    ConfigError,
    LocationError,
    Locations,
    load_config,
    resolve_locations,
)
from tui_reader.wording import counted, progress_text, shortened

if TYPE_CHECKING:
    from tui_reader.entities import Tagger
    from tui_reader.entities.mention import Mention

# How long `search`, `show` and `entities` wait for another briefread's update of an index they
# can search as it is.
WAIT_FOR_WRITER_SECONDS = 10.0
# Controls, formats (bidi, zero-width), lone surrogates, private use, and the line and paragraph
# separators, which terminals and editors take for line breaks.
_CONTROL_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}
# Format characters that are part of the text, not commands to the terminal: the zero-width
# non-joiner and joiner that Persian, Arabic and the Indic scripts (and emoji) are written with.
_JOINERS = "\u200c\u200d"


def terminal_safe(text: str, *, one_line: bool = False) -> str:
    """`text` with every control or format character (escape sequences, bidi overrides) but the
    zero-width joiners shown as U+FFFD, so nothing read from a corpus reaches the terminal as a
    command; line breaks and tabs too when the text is `one_line` (a path, a row of a table)."""
    if text.isprintable():
        return text
    found = _controls_in(text, _JOINERS if one_line else _JOINERS + "\n\t")
    return found.sub("\ufffd", text) if found is not None else text


def dump_json(data: Any) -> str:
    """JSON with every control or format character escaped, even inside non-ASCII text."""
    raw = json.dumps(data, ensure_ascii=False)
    return raw if raw.isprintable() else _escape_controls(raw)


def _escape_controls(raw: str) -> str:
    """JSON text `raw` with control and format characters escaped as \\uXXXX (a pair of them
    for one beyond the first plane: "\\udb80\\udc00")."""
    found = _controls_in(raw)
    return found.sub(lambda m: _json_escape(m.group()), raw) if found is not None else raw


def _controls_in(text: str, kept: str = "") -> re.Pattern[str] | None:
    """A pattern matching the control and format characters of `text` (not those in `kept`), or
    None when it has none. Each distinct character is looked up once, and the replacing is a
    regular expression's loop in C, instead of a lookup a character (a 5 MB article took 3 s)."""
    category = unicodedata.category
    found = sorted(ch for ch in set(text) if ch not in kept and category(ch) in _CONTROL_CATEGORIES)
    if not found:
        return None
    return re.compile("[" + "".join(f"\\U{ord(ch):08x}" for ch in found) + "]")


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


# A str as a JSON string, as `json.dumps(..., ensure_ascii=False)` writes it.
_json_string: Callable[[str], str] = json.encoder.encode_basestring


class _AnswerWriter:
    """`dump_json` of `{"id", "mentions"}` answers, made faster: what the mentions of one entity
    share (kind, form, id, names, source) is encoded once and reused."""

    # Rule-found names have ids of their own article; the cache starts again when it is this full.
    _MAX_SHARED = 20_000

    def __init__(self) -> None:
        self._shared: dict[tuple[str, ...], str] = {}

    def write(self, out: TextIO, ident: object, pieces: Iterable[Sequence[Mention]]) -> None:
        """One answer line on `out`, a piece's mentions at a time (see `_tagged_pieces`)."""
        out.write(_printable(f'{{"id": {json.dumps(ident, ensure_ascii=False)}, "mentions": ['))
        first = True
        for mentions in pieces:
            if mentions:
                out.write(("" if first else ", ") + _printable(self._parts(mentions)))
                first = False
        out.write("]}\n")

    def _parts(self, mentions: Sequence[Mention]) -> str:
        shared = self._shared
        parts = []
        for m in mentions:
            key = (m.kind, m.form, m.id, m.name_en, m.name_fr, m.source)
            tail = shared.get(key)
            if tail is None:
                if len(shared) >= self._MAX_SHARED:
                    shared.clear()
                fields = {"kind": m.kind, "form": m.form, "id": m.id}
                fields |= {"name_en": m.name_en, "name_fr": m.name_fr, "source": m.source}
                tail = shared[key] = json.dumps(fields, ensure_ascii=False)[1:]
            parts.append(f'{{"start": {m.start}, "end": {m.end}, "text": {_json_string(m.text)}, {tail}')
        return ", ".join(parts)


def _printable(raw: str) -> str:
    """JSON text with its control and format characters escaped (see `dump_json`)."""
    return raw if raw.isprintable() else _escape_controls(raw)


def _typed_text(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A text argument as typed, with bytes that are not UTF-8 (which Python keeps as lone
    surrogates) shown as U+FFFD: they can match nothing, and must not reach the index raw."""
    if value is None or value.isprintable():
        return value
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"briefread: {terminal_safe(message)}", err=True)
    sys.exit(code)


class _Terminated(KeyboardInterrupt):
    """SIGTERM (`kill`, `timeout`, a service manager): the command stops as on Ctrl-C, its
    writer processes ended and the index left as a killed build leaves it."""


def _stop_on_sigterm(ctx: click.Context) -> None:
    def stop(_signum: int, _frame: Any) -> None:
        raise _Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: the command runs inside another program
        return
    ctx.call_on_close(lambda: signal.signal(signal.SIGTERM, previous))


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the core's typed errors into one line on stderr and a non-zero exit."""
    try:
        yield
    except (ConfigError, LocationError) as exc:
        fail(str(exc))
    except _Terminated:
        fail("Terminated.", 128 + signal.SIGTERM)
    except KeyboardInterrupt:
        fail("Interrupted.", 130)
    except Exception as exc:
        # only a command that searched can raise a SearchError: `tag` does not pay for loading
        # the search layer (Whoosh) to tell
        search = sys.modules.get("tui_reader.search")
        if search is not None and isinstance(exc, search.SearchError):
            fail(str(exc))
        raise


class Context:
    def __init__(self, corpus: str | None, index: str | None, config: str | None) -> None:
        self._corpus, self._index, self._config = corpus, index, config

    @property
    def locations(self) -> Locations:
        return resolve_locations(self._corpus, self._index)

    @property
    def config(self) -> Config:
        return load_config(self._config)

    def library(self, update: bool = True, quiet: bool = False) -> Any:
        """The opened library, brought up to date first when files changed."""
        from tui_reader.search import IndexBusy, IndexDamaged, IndexUnavailable, Library
        from tui_reader.search.store import check_corpus, missing_corpus

        loc = self.locations
        check_corpus(loc.index, loc.corpus)
        if update and not loc.corpus.is_dir():
            # the index was built: it is searched as it is (a corpus on a drive not mounted now)
            click.echo(
                f"briefread: {terminal_safe(missing_corpus(loc.corpus))} Searching the index as it is.",
                err=True,
            )
            update = False
        try:
            library = Library.open(loc.corpus, loc.index)
            stale = update and library.is_stale()
            if update and not stale and library.built and library.corpus_is_empty():
                click.echo(
                    f"briefread: {terminal_safe(library.empty_corpus())} Searching the index as it is.",
                    err=True,
                )
        except IndexDamaged:
            if not update:
                raise
            library, stale = Library(loc.corpus, loc.index), True  # the update rebuilds it
        if stale:
            try:
                # an index to search: another briefread's update (a rebuild, one stopped) is
                # waited for a while, then the index is searched as it is
                wait: bool | float = WAIT_FOR_WRITER_SECONDS if library.built else True
                with _progress_shown(quiet) as progress:
                    summary = library.update(progress=progress, wait=wait, on_wait=_say_waiting)
                for why in (summary.recovered, summary.upgraded):  # even with --json
                    if why:
                        click.echo(terminal_safe(why), err=True)
                if not quiet and not summary.nothing_to_do:
                    click.echo(terminal_safe(_summary_line(summary)), err=True)
            except IndexBusy as exc:
                click.echo(f"briefread: {terminal_safe(str(exc))} Searching the index as it is.", err=True)
                library.refresh()  # what it saved meanwhile
            except IndexUnavailable as exc:
                if not library.built:
                    raise
                click.echo(f"briefread: {terminal_safe(str(exc))} Searching the index as it is.", err=True)
        return library


pass_context = click.make_pass_decorator(Context)


def _json_in_utf8() -> None:
    """JSON goes out in UTF-8 whatever the locale says: a program reads it, and a locale of
    ASCII or Latin-1 would turn names into question marks."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8", errors="strict")


def _replace_what_the_terminal_cannot_show() -> None:
    """Characters the output's encoding lacks (a terminal set to Latin-1) print as "?" instead
    of ending the command with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if reconfigure is not None and encoding not in ("utf8", "utf16", "utf32"):
            reconfigure(errors="replace")


def _hold_closed_standard_streams() -> None:
    """Open the null device on standard input, output or error when they were closed (`<&-`,
    `>&-`, `2>&-`; Python then has no sys.stdin, stdout or stderr): the next file opened would
    otherwise take their number, and a write meant for the terminal (a writer process's, the
    system's) could land in the index."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            os.open(os.devnull, os.O_RDWR)  # the lowest free number: this one
    # Standard error open for reading only is closed too, for writing: a launcher that is a
    # script (pyenv's shims) leaves its own file there when started with `2>&-`.
    if fcntl.fcntl(2, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)


class _Briefread(click.Group):
    """The command group: output that cannot be written (a full disk, `> /dev/full`) is one
    line on stderr, not a traceback (click already takes a closed pipe quietly)."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        _hold_closed_standard_streams()
        if sys.stdout is None:  # started with `>&-`: whatever the command says would be lost
            fail("cannot write the output (standard output is closed).")
        try:
            try:
                return super().main(*args, **kwargs)
            finally:
                sys.stdout.flush()  # what is still buffered fails here, not at exit
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise
            if exc.filename is not None:  # a file's error, not the output's (writes name no file)
                shown = shortened(os.fsdecode(exc.filename))
                fail(f"{shown} cannot be used ({exc.strerror or exc}); check that path and try again.")
            # the output is lost: nothing more may try to write it
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            reason = exc.strerror or str(exc)
            click.echo(f"briefread: cannot write the output ({reason}).", err=True)
            sys.exit(1)


def _not_empty(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A path option given as "" (a script's unset variable) is an error, not the default."""
    if value == "":
        raise click.BadParameter("is empty; give a path, or leave the option out.")
    return value


@click.group(
    cls=_Briefread,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--corpus",
    type=click.Path(file_okay=False),
    callback=_not_empty,
    help="Corpus directory [env BRIEFREAD_CORPUS].",
)
@click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False),
    callback=_not_empty,
    help="Index directory [env BRIEFREAD_INDEX].",
)
@click.option("--config", type=click.Path(dir_okay=False), callback=_not_empty, help="Config file (TOML).")
@click.version_option(__version__, prog_name="briefread")
@click.pass_context
def main(ctx: click.Context, corpus: str | None, index_dir: str | None, config: str | None) -> None:
    """An offline, keyboard-driven reader for a folder of news briefs.

    Without a command, opens the reader on the corpus.
    """
    _replace_what_the_terminal_cannot_show()
    ctx.obj = Context(corpus, index_dir, config)
    if ctx.invoked_subcommand is not None:
        _stop_on_sigterm(ctx)
        if config is not None:
            with user_errors():
                ctx.obj.config  # noqa: B018 - a config given and broken is said, as the reader says it
    else:
        with user_errors():
            from tui_reader.search.store import check_corpus

            locations = ctx.obj.locations
            check_corpus(locations.index, locations.corpus)
            settings = ctx.obj.config  # a config that cannot be read is said first
            if not _on_a_terminal():
                fail(_NEEDS_A_TERMINAL)
            from tui_reader.ui.app import run_app

            run_app(locations, settings)


_NEEDS_A_TERMINAL = "the reader needs a terminal; in scripts use briefread search, show, index or tag."


def _on_a_terminal() -> bool:
    """True when the keys come from a terminal and the screen goes to one. The app reads the
    one and draws on the other; run from a script, a pipe or cron it would wait forever for a
    key that cannot come, drawing escape codes into a file."""
    streams = (sys.stdin, sys.stdout, sys.stderr)
    return all(stream is not None and stream.isatty() for stream in streams)


@main.command()
@click.option("--rebuild", is_flag=True, help="Rebuild the index from scratch.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary.")
@click.option("--procs", type=click.IntRange(1, 16), help="Writer processes for large builds [default: 2].")
@pass_context
def index(ctx: Context, rebuild: bool, quiet: bool, procs: int | None) -> None:
    """Build or update the index (only new, changed and deleted files are read)."""
    from tui_reader.search.indexer import DEFAULT_PROCS, update_index

    with user_errors(), _progress_shown(quiet) as progress:
        loc = ctx.locations
        summary = update_index(
            loc.corpus,
            loc.index,
            rebuild=rebuild,
            procs=procs or DEFAULT_PROCS,
            progress=progress,
            on_wait=_say_waiting,
        )
    for why in (summary.recovered, summary.upgraded):
        if why:
            click.echo(why)
    if not quiet:
        for skipped in summary.skipped:
            kind = "warning" if skipped.warning else "skipped"
            # a path of thousands of characters (folders nested past the system's limit) is
            # shown by its start and its end
            shown = replace(skipped, path=shortened(skipped.path, 240))
            click.echo(terminal_safe(f"{kind} {shown.describe()}", one_line=True))
    click.echo(terminal_safe(_summary_line(summary)))
    corpus, index = (terminal_safe(str(path), one_line=True) for path in (loc.corpus, loc.index))
    click.echo(f"Corpus {corpus}, index {index}.")


def _say_waiting() -> None:
    click.echo("Another briefread is updating this index; waiting for it.", err=True)


def _summary_line(s: Any) -> str:
    if s.nothing_to_do:
        files, articles = counted(s.unchanged, "file"), counted(s.total_articles, "article")
        head = f"Up to date: {files}, {articles}; nothing to do"
    else:
        verb = "Rebuilt" if s.rebuilt else "Indexed"
        head = (
            f"{verb} {counted(s.articles, 'article')} from {counted(s.added + s.changed, 'file')} "
            f"({s.added:,} new, {s.changed:,} changed, {s.deleted:,} deleted, {s.unchanged:,} unchanged) "
            f"in {s.seconds:.1f} s, {s.docs_per_s:,.0f} docs/s; "
            f"{counted(s.total_articles, 'article')} in the index"
        )
    warnings = f", {counted(len(s.warnings), 'warning')}" if s.warnings else ""
    return f"{head}; {s.skipped_count:,} skipped{warnings}."


@contextmanager
def _progress_shown(quiet: bool) -> Iterator[Callable[[Any], None] | None]:
    """A progress callback that draws an update's progress on the terminal from the start of its
    scan, and clears it when the update ends, however it ends; None when `quiet` or when standard
    error is no terminal."""
    if quiet or sys.stderr is None or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),  # standard output is the results'
        transient=True,
    )
    task = bar.add_task("", total=None)

    def described(p: Any) -> str:
        words = progress_text(p)
        return words[:1].upper() + words[1:]

    def report(p: Any) -> None:
        if not bar.live.is_started:  # once the index's lock is taken (see `_say_waiting`)
            bar.start()
        if p.phase == "scan":
            bar.update(task, description=described(p))
        # measured in bytes, so that one large file (a JSON Lines archive) moves the bar too
        elif p.phase == "read" and p.size_total:
            bar.update(task, total=p.size_total, completed=p.size_done, description=described(p))
        elif p.phase == "commit":
            bar.update(task, description="Writing index")

    try:
        yield report
    finally:
        if bar.live.is_started:
            bar.stop()


# What a long option looks like: "--json", "--limit=5", not "---" or "--5".
_LONG_OPTION = re.compile(r"--[A-Za-z][\w-]*(?:=|$)")


class _QueryCommand(click.Command):
    """A command whose QUERY may start with "-" ("-Iran", '-"premier ministre"'): only the
    command's own options are options, every other word is the query (several words are one
    query: `search Maroc -Algérie`), except a word that looks like a long option and is none
    ("--jsn"), which is refused (a query word so written goes after "--"). Without this, "-Iran"
    would read as the options -I -r -a -n, and -n would take the next word as its value."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        takes_value: dict[str, bool] = {name: False for name in ctx.help_option_names}
        for param in self.get_params(ctx):
            if isinstance(param, click.Option):
                for name in (*param.opts, *param.secondary_opts):
                    takes_value[name] = not param.is_flag and not param.count
        parent = ctx.parent.command if ctx.parent is not None else None
        global_options = {
            name
            for param in (parent.get_params(ctx.parent) if parent and ctx.parent else [])
            if isinstance(param, click.Option)
            for name in param.opts
            if name.startswith("--")
        }
        options: list[str] = []
        words: list[str] = []
        i = 0
        while i < len(args):
            arg = args[i]
            i += 1
            if arg == "--":
                words.extend(args[i:])
                break
            name = arg.split("=", 1)[0] if arg.startswith("--") else arg
            if name in global_options and name not in takes_value:
                where = f"briefread {name} … {ctx.info_name} …"
                raise click.UsageError(f"{name} goes before the command: {where}", ctx)
            if name in takes_value:
                options.append(arg)
                if takes_value[name] and "=" not in arg:
                    if i >= len(args):
                        raise click.BadOptionUsage(name, f"Option '{name}' requires an argument.", ctx)
                    options.append(args[i])
                    i += 1
            elif not arg.startswith("--") and takes_value.get(arg[:2]) and arg[2:].isdigit():
                options.append(arg)  # "-n5": a short option with its number attached
            elif _LONG_OPTION.match(arg):
                # a mistyped option ("--jsn") searched nothing silently; a query word that
                # starts so goes after "--"
                known = [n for n in takes_value if n.startswith("--")]
                raise click.NoSuchOption(name, possibilities=known, ctx=ctx)
            else:
                words.append(arg)
        query = [" ".join(words)] if words else []
        return super().parse_args(ctx, [*options, "--", *query])


@main.command(cls=_QueryCommand)
@click.argument("query", callback=_typed_text)
@click.option("--limit", "-n", default=20, show_default=True, type=click.IntRange(min=1))
@click.option("--sort", type=click.Choice(["auto", "date", "relevance"]), default="auto", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see README for the schema).")
@pass_context
def search(ctx: Context, query: str, limit: int, sort: str, as_json: bool) -> None:
    """Search the corpus (see README for the query language)."""
    if as_json:
        _json_in_utf8()
    with user_errors():
        from tui_reader.search.entered import search_entered

        library = ctx.library(quiet=as_json)
        # as enter in the reader's search line searches it: the same list and the same note
        entered = search_entered(
            library, query, lambda q, typed: library.search(q, sort=sort, limit=limit, typed=typed)
        )
        results, searched, note = entered.results, entered.searched[0], entered.note
        rows = list(results[:limit])
        # read a batch at a time, in the order of the rows (an article gone since is left out)
        stored = library.stored_articles(row.id for row in rows)
        article = next(stored, None)
        hits = []
        for row in rows:
            snippets = []
            if article is not None and article.id == row.id:
                snippets = library.snippets(searched, article)
                article = next(stored, None)
            hits.append((row, snippets))
    if as_json:
        out = {
            "query": query,
            "total": results.total,
            "took_ms": round(results.took_ms, 2),
            "fallback": note or None,
            "hits": [
                {
                    "id": row.id,
                    "date": row.date,
                    "title": row.title,
                    "lang": row.lang,
                    "path": row.path,
                    "score": round(row.score, 4),
                    "entities": list(row.entities),
                    "snippets": [{"text": s.text, "matches": [list(m) for m in s.matches]} for s in snips],
                }
                for row, snips in hits
            ],
        }
        click.echo(dump_json(out))
        return
    if note:
        click.echo(terminal_safe(f"note: {note}"), err=True)
    click.echo(f"{counted(results.total, 'article')} ({results.took_ms:.0f} ms)")
    for row, snips in hits:
        click.echo(
            terminal_safe(f"{row.id}  {row.date or '----':10}  {row.lang:3}  {row.title}", one_line=True)
        )
        for s in snips[:1]:
            click.echo(terminal_safe(f"    {s.text}"))


@main.command()
@click.argument("article_id", callback=_typed_text)
@click.option("--json", "as_json", is_flag=True, help="Print JSON with the mentions.")
@pass_context
def show(ctx: Context, article_id: str, as_json: bool) -> None:
    """Print one article."""
    if as_json:
        _json_in_utf8()
    with user_errors():
        library = ctx.library(quiet=as_json)
        article = library.article(article_id)
    if article is None:
        fail(f"No article has the id {shortened(article_id, 60)!r}; `briefread search` lists ids.")
    if as_json:
        data = {
            "id": article.id,
            "path": article.path,
            "position": article.position,
            "title": article.title,
            "date": article.date,
            "lang": article.lang,
            "source": article.source,
            "url": article.url,
            "text": article.text,
            "mentions": [m.to_json() for m in article.mentions],
        }
        click.echo(dump_json(data))
        return
    click.echo(terminal_safe(article.title))
    meta = " · ".join(x for x in (article.date, article.lang, article.path, article.source) if x)
    click.echo(terminal_safe(meta))
    click.echo()
    click.echo(terminal_safe(article.text))


# The languages the tagger has names and rules for; "und" applies the rules of every one.
_TAG_LANGUAGES = ("fr", "en", "ar", "und")


def _tag_language(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """`--lang` as one of `_TAG_LANGUAGES`, written as a tag or a name ("FR", "fr-CA", "French");
    any other value is a usage error, not a language the tagger would silently not know."""
    if value is None:
        return None
    from tui_reader.corpus.language import language_tag

    tag = "und" if value.strip().lower() == "und" else language_tag(value)
    if tag in _TAG_LANGUAGES:
        return tag
    raise click.BadParameter(
        f"{terminal_safe(value)!r} is not a language briefread tags: use fr, en, ar or und (the rules "
        "of every language), or leave --lang out to detect the language from the text."
    )


@main.command()
# A name, opened by the command (not by click as it reads the arguments): a FIFO waiting for its
# writer can then be stopped as any command is, and a closed standard input is said in one line.
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True), default="-")
@click.option(
    "--lang",
    default=None,
    metavar="[fr|en|ar|und]",
    callback=_tag_language,
    help="Language of the text (und: the rules of every language); detected from the text when not given.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the mentions as a JSON list.")
@click.option(
    "--jsonl",
    "as_jsonl",
    is_flag=True,
    help='Batch mode: {"id","text","lang"?} lines in, {"id","mentions"} lines out.',
)
def tag(file: str, lang: str | None, as_json: bool, as_jsonl: bool) -> None:
    """Find countries and organizations in a text (FILE or standard input)."""
    from tui_reader.corpus.decode import decode_text
    from tui_reader.corpus.formats import MAX_FILE_BYTES
    from tui_reader.entities import default_tagger

    if as_json and as_jsonl:
        raise click.UsageError("Give --json or --jsonl, not both.")
    if as_json or as_jsonl:
        _json_in_utf8()
    with user_errors(), _opened(file) as stream:
        tagger = default_tagger()
        if as_jsonl:
            _tag_lines(tagger, stream, lang)
            return
        # Bytes in, decoded as corpus files are (a byte-order mark, UTF-16, Latin-1...) and
        # without newline translation: offsets count the characters of the text as given, mark
        # excluded. A text is held to the size of a corpus file: /dev/zero is no article.
        data = stream.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            fail(
                f"The text is larger than the {MAX_FILE_BYTES // 1_000_000} MB limit of an article; "
                "give a shorter text, or one text a line to briefread tag --jsonl."
            )
        text = decode_text(data)
        pieces = _tagged_pieces(tagger, text, _language(text, lang))
        if as_json:
            out = sys.stdout
            out.write("[")
            first = True
            for mentions in pieces:
                if mentions:
                    out.write(("" if first else ", ") + ", ".join(dump_json(m.to_json()) for m in mentions))
                    first = False
            out.write("]\n")
            return
        count = 0
        for mentions in pieces:
            count += len(mentions)
            for m in mentions:
                name = m.name_en if m.name_en == m.name_fr else f"{m.name_en} / {m.name_fr}"
                click.echo(
                    terminal_safe(
                        f"{m.start:>6}-{m.end:<6} {m.kind:12} {m.form:8} {m.text!s:30} {m.id}  {name}",
                        one_line=True,
                    )
                )
        click.echo(counted(count, "mention"))


@contextmanager
def _opened(file: str) -> Iterator[BinaryIO]:
    """The bytes of `file`, or of standard input for "-"."""
    if file == "-":
        if sys.stdin is None:  # started with `<&-`
            fail("standard input is closed; give a FILE.")
        yield cast(BinaryIO, sys.stdin.buffer)  # its bytes, as decode_text reads them
        return
    try:
        stream = open(file, "rb")  # closed below, after the last read
    except OSError as exc:
        fail(f"{shortened(file)} cannot be read ({exc.strerror or exc}); give a FILE that can be.")
    with stream:
        yield stream


# Enough text to tell French from English by their function words, and cheap next to tagging.
_DETECT_CHARS = 1500


def _language(text: str, *given: object) -> str:
    """The language to tag `text` in: the first of `given` that names one ("fr", "FR", "fr-CA",
    "French"; "und" asks for every language's rules), otherwise the one detected from the text."""
    from tui_reader.corpus.language import detect_language, language_tag

    for value in given:
        if isinstance(value, str) and value.strip().lower() == "und":
            return "und"
        tag = language_tag(value)
        if tag:
            return tag
    return detect_language(text[:_DETECT_CHARS])


def _tag_lines(tagger: Any, file: BinaryIO, lang: str | None) -> None:
    """Answer each line of `file` with one line on standard output, in order and as soon as it is
    read (a program can feed lines one at a time and read each answer): a JSON record's mentions,
    or the line's number and an error (a blank line, a line that is not a usable record)."""
    # One line is one record: it has the size limit of a record of a corpus .jsonl file.
    from tui_reader.corpus.formats.jsonl import MAX_ARTICLE_BYTES

    out = sys.stdout
    writer = _AnswerWriter()
    for number, raw in enumerate(_lines(file, MAX_ARTICLE_BYTES), 1):
        try:
            if raw is None:
                raise _BadLine(f"the line is larger than the {MAX_ARTICLE_BYTES // 1_000_000} MB limit")
            # A byte-order mark (a file saved by Notepad, or lines joined from several) is no text.
            line = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
            ident, pieces = _answer(tagger, line, lang)
        except Exception as exc:  # noqa: BLE001 - one bad line answers with its error, the rest go on
            ident = exc.ident if isinstance(exc, _BadLine) else None
            out.write(
                dump_json({"id": ident, "line": number, "error": _line_error(exc), "mentions": []}) + "\n"
            )
        else:
            # the tagger never raises: the answer is written as its pieces are tagged
            writer.write(out, ident, pieces)
        out.flush()


# What is read at a time of a line over the limit, to find its end.
_PIECE = 1 << 20


def _lines(file: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The lines of `file`, each as soon as it is read, and None for a line of more than `limit`
    bytes: that line is answered at once, then read on to its end a piece at a time and
    dropped, so that no line (a stream with no newline, /dev/zero) is ever held whole."""
    while line := file.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        yield None
        while line and not line.endswith(b"\n"):
            line = file.readline(_PIECE)


# What JSON counts as white space: a line of only these holds no record.
_JSON_BLANKS = " \t\r\n"


class _BadLine(ValueError):
    """A line that is no usable record; the message says why, in our words, and `ident` is the
    record's "id" when it has one that JSON can carry back."""

    def __init__(self, message: str, ident: object = None) -> None:
        super().__init__(message)
        self.ident = ident


def _line_error(exc: Exception) -> str:
    """Why a line got no mentions, in our words: Python's own messages name its internals."""
    if isinstance(exc, _BadLine):
        return str(exc)
    if isinstance(exc, json.JSONDecodeError):
        return f"the line is not valid JSON (at character {exc.pos + 1})"
    if isinstance(exc, RecursionError):
        return "the line is nested too deep"
    if isinstance(exc, ValueError):  # an integer of more digits than Python reads
        return "the line holds a number too long to read"
    return "the line could not be tagged"


def _answer(tagger: Any, line: str, lang: str | None) -> tuple[object, Iterator[list[Mention]]]:
    """The id and mentions of one JSON line, tagged a piece at a time as they are read (see
    `_tagged_pieces`); raises _BadLine, ValueError (or RecursionError) on a line that is no usable
    record."""
    if not line.strip(_JSON_BLANKS):
        raise _BadLine("the line is empty")
    record = json.loads(line)
    if not isinstance(record, dict):
        raise _BadLine('each line needs a "text" string')
    ident = record.get("id")
    try:
        json.dumps(ident, allow_nan=False)
    except ValueError:  # NaN or Infinity, at the top or inside: no JSON can carry it back
        raise _BadLine('"id" must not hold NaN or Infinity') from None
    if not isinstance(record.get("text"), str):
        raise _BadLine('each line needs a "text" string', ident)
    text = record["text"]
    return ident, _tagged_pieces(tagger, text, _language(text, record.get("lang"), lang))


# Past this many characters a text is tagged a piece at a time, each piece's mentions written
# before the next is tagged: 20 MB of names hold millions of them. An article is indexed with
# the mentions of its first `MAX_TAGGED_CHARS` (500,000) characters; a piece is as long.
_TAG_PIECE_CHARS = 500_000
# How far back from a piece's end a space is looked for, to cut between words.
_CUT_REACH = 200


def _tagged_pieces(tagger: Tagger, text: str, lang: str) -> Iterator[list[Mention]]:
    """`_tagged` of `text`, a piece of about `_TAG_PIECE_CHARS` characters at a time, cut at a
    space; offsets are the whole text's. A name split across two pieces, or an acronym defined
    in one and used in the next, is read in each piece alone."""
    import dataclasses

    start = 0
    while True:
        end = min(len(text), start + _TAG_PIECE_CHARS)
        if end < len(text):
            space = text.rfind(" ", end - _CUT_REACH, end)
            end = space if space > start else end
        mentions = _tagged(tagger, text[start:end], lang)
        if start:
            mentions = [dataclasses.replace(m, start=m.start + start, end=m.end + start) for m in mentions]
        yield mentions
        if end >= len(text):
            return
        start = end


def _tagged(tagger: Tagger, text: str, lang: str) -> list[Mention]:
    """The mentions in `text` read without its terminal escape sequences, as the corpus reader
    stores an article ("\x1b[31mONU\x1b[0m" names the UN); offsets and texts are `text`'s own."""
    import dataclasses

    from tui_reader.corpus.normalize import escapes_removed, original_offset

    shown, removals = escapes_removed(text)
    mentions = tagger.tag(shown, lang)
    if not removals:
        return mentions
    out = []
    for m in mentions:
        start, end = original_offset(removals, m.start), original_offset(removals, m.end, end=True)
        out.append(dataclasses.replace(m, start=start, end=end, text=text[start:end]))
    return out


@main.command(cls=_QueryCommand)
@click.argument("query", required=False, default="", callback=_typed_text)
@click.option(
    "--kind",
    type=click.Choice(["country", "organization", "org"]),
    help="Only countries, or only organizations (org, as the query's org: filter).",
)
@click.option("--top", default=20, show_default=True, type=click.IntRange(min=1))
@click.option("--json", "as_json", is_flag=True)
@pass_context
def entities(ctx: Context, query: str, kind: str | None, top: int, as_json: bool) -> None:
    """Entities named in the corpus (or in the results of QUERY), most named first."""
    kind = "organization" if kind == "org" else kind
    if as_json:
        _json_in_utf8()
    with user_errors():
        library = ctx.library(quiet=as_json)
        results = library.search(query, sort="date")
        counts = library.entity_counts(results, kind=kind, top=top)
    if results.fallback:
        click.echo(terminal_safe(f"note: {results.fallback}"), err=True)
    if as_json:
        click.echo(
            dump_json(
                [
                    {
                        "id": c.id,
                        "kind": c.kind,
                        "name_en": c.name_en,
                        "name_fr": c.name_fr,
                        "articles": c.articles,
                        "mentions": c.mentions,
                    }
                    for c in counts
                ]
            )
        )
        return
    if not counts:
        click.echo(f"No entities in {counted(results.total, 'article')}.")
    for c in counts:
        # the nouns padded to one width, so that the columns stay aligned
        articles = f"{c.articles:>7,} {'article ' if c.articles == 1 else 'articles'}"
        mentions = f"{c.mentions:>8,} {'mention ' if c.mentions == 1 else 'mentions'}"
        click.echo(terminal_safe(f"{articles} {mentions}  {c.id:28} {c.name_en}", one_line=True))


if __name__ == "__main__":
    main()
