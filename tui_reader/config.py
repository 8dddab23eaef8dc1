"""Where the corpus, the index, the state and the config file live, and what the config says.

Resolution order for the corpus and the index: command-line flags, then the environment
(`BRIEFREAD_CORPUS`, `BRIEFREAD_INDEX`), then `./corpus` and `./index` when they exist in the
current directory, then the bundled sample corpus with a per-corpus index in the user cache dir.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from tui_reader.wording import shortened

APP_NAME = "briefread"
SAMPLE_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


class ConfigError(Exception):
    """The config file cannot be read; `str()` is one sentence that says what to do."""


class LocationError(Exception):
    """The corpus or index path cannot be used at all (a loop of symbolic links, a name too
    long); `str()` is one sentence that says what to do."""


@dataclass(frozen=True, slots=True)
class Locations:
    corpus: Path
    index: Path
    state: Path  # directory for marks and history


@dataclass(frozen=True, slots=True)
class Config:
    keymap: dict[str, str] = field(default_factory=dict)  # binding id -> comma-separated keys
    theme: str = ""
    path: Path | None = None


def _keys(config_path: Path, binding: str, value: object) -> str:
    """The keys of one `[keymap]` entry as Textual takes them ("n,ctrl+n"), from a string or a
    list of strings; raises ConfigError when there is no key in it."""
    if isinstance(value, str):
        keys = value.split(",")
    elif isinstance(value, list) and all(isinstance(key, str) for key in value):
        keys = list(value)
    else:
        keys = []
    keys = [key.strip() for key in keys if key.strip()]
    if not keys:
        raise ConfigError(
            f'[keymap] in {config_path}: {binding} = {value!r} names no key; write keys as "n,ctrl+n".'
        )
    for key in keys:
        if _KEY_NAME.fullmatch(key) is None:
            raise ConfigError(
                f"[keymap] in {config_path}: {binding} = {shortened(repr(value), 80)} holds "
                f'{shortened(repr(key), 40)}, which is no key; write keys as "n,ctrl+n".'
            )
    return ",".join(keys)


# A key as Textual names it: a name ("f1", "question_mark", "ctrl+shift+left") or any one
# printable character ("?", "é", "€", "١"), after modifiers.
_KEY_NAME = re.compile(r"(?:(?:ctrl|shift|alt|meta|super|hyper)\+)*(?:[A-Za-z0-9_]+|[^\s\x00-\x1f\x7f-\x9f])")


def user_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


def user_state_dir() -> Path:
    override = os.environ.get("BRIEFREAD_STATE")
    return Path(override) if override else Path(platformdirs.user_state_dir(APP_NAME))


def _index_for(corpus: Path) -> Path:
    # os.fsencode: a path with bytes that are not UTF-8 is hashed as the bytes it is
    digest = hashlib.blake2b(os.fsencode(corpus), digest_size=6).hexdigest()
    return Path(platformdirs.user_cache_dir(APP_NAME)) / "indexes" / f"{corpus.name}-{digest}"


def resolve_locations(corpus: str | Path | None = None, index: str | Path | None = None) -> Locations:
    """Apply flags > environment > ./corpus and ./index > bundled sample and user cache; raises
    LocationError for a path that is a loop of symbolic links or too long, or for a relative
    path when the current folder no longer exists."""
    if corpus:
        corpus_path = _usable(Path(corpus), "corpus", _OPTION)
    elif os.environ.get("BRIEFREAD_CORPUS"):
        corpus_path = _usable(Path(os.environ["BRIEFREAD_CORPUS"]), "corpus", _ENVIRONMENT)
    else:
        local_corpus = _usable(_cwd() / "corpus", "corpus", _LOCAL)
        corpus_path = local_corpus if local_corpus.is_dir() else SAMPLE_CORPUS
    if index:
        index_path = _usable(Path(index), "index", _OPTION)
    elif os.environ.get("BRIEFREAD_INDEX"):
        index_path = _usable(Path(os.environ["BRIEFREAD_INDEX"]), "index", _ENVIRONMENT)
    else:
        chosen = _index_for(corpus_path)
        try:
            cwd = Path.cwd()
        except FileNotFoundError:  # deleted: it holds no ./corpus, and so no ./index of it
            cwd = None
        if cwd is not None:
            local = cwd / "index"
            # realpath, not resolve: a ./corpus that loops is not the corpus, and not an error here
            if local.is_dir() and corpus_path == Path(os.path.realpath(cwd / "corpus")):
                chosen = local
        index_path = _usable(chosen, "index", _LOCAL)
    return Locations(corpus_path, index_path, user_state_dir())


# How a location was given, for the advice on what to change.
_OPTION, _ENVIRONMENT, _LOCAL = "option", "environment", "local"


def _cwd() -> Path:
    """The current folder; LocationError when it was deleted (a relative path, ./corpus or
    ./index cannot be found from it then)."""
    try:
        return Path.cwd()
    except FileNotFoundError:
        raise LocationError(
            "The current folder no longer exists; cd to a folder that does, or pass --corpus DIR "
            "and --index DIR as full paths."
        ) from None


def _usable(path: Path, what: str, given: str) -> Path:
    """`path` made absolute with its links followed. A path that does not exist (yet) is fine:
    the commands say what is missing. A loop of symbolic links, or a path too long for the
    system, raises LocationError: nothing could ever be read or written there. So does a path
    that starts with the home folder of no user (`~nobody/news`)."""
    try:
        path = path.expanduser()
    except RuntimeError:  # what Path.expanduser raises for `~name` when there is no such user
        raise LocationError(_no_home(path, what, given)) from None
    if not path.is_absolute():
        path = _cwd() / path
    try:
        real = path.resolve()
        os.stat(real)
    except RuntimeError:  # what Path.resolve raises for a loop of links (before Python 3.13)
        raise LocationError(_unusable(path, what, given)) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LocationError(_unusable(path, what, given)) from None
        if exc.errno == errno.ENAMETOOLONG:
            raise LocationError(_unusable(path, what, given, exc.strerror or "name too long")) from None
        return real  # missing, not a folder, not allowed: said where it is used
    return real


def _unusable(path: Path, what: str, given: str, too_long: str = "") -> str:
    """Why `path` cannot be the `what` ("corpus", "index"), and what to change where it was
    `given`: a loop of symbolic links, or a path `too_long` (the system's words)."""
    option, variable = f"--{what}", f"BRIEFREAD_{what.upper()}"
    if too_long:
        problem = f"is too long ({too_long})"
        advice = {
            _OPTION: f"use {option} with a shorter path",
            _ENVIRONMENT: f"set {variable} to a shorter path",
        }.get(given, f"pass {option} DIR with a shorter path")
    else:
        problem = "is a loop of symbolic links"
        advice = {
            _OPTION: f"fix the link, or pass another {option} DIR",
            _ENVIRONMENT: f"fix the link, or set {variable} to another folder",
        }.get(given, f"fix or remove the link, or pass {option} DIR")
    return f"The {what} path {shortened(str(path.absolute()))} {problem}; {advice}."


def _no_home(path: Path, what: str, given: str) -> str:
    """Why `path`, which starts with `~name`, cannot be the `what`, and what to change."""
    option, variable = f"--{what}", f"BRIEFREAD_{what.upper()}"
    advice = {_ENVIRONMENT: f"set {variable} to a full path"}.get(given, f"use {option} with a full path")
    return (
        f"The {what} path {shortened(str(path))} starts with {path.parts[0]}, but there is no user "
        f"{path.parts[0][1:]}; {advice}."
    )


def load_config(path: str | Path | None = None) -> Config:
    """Read the TOML config (`--config`, else the user config file when it exists)."""
    explicit = path is not None
    config_path = Path(path) if path is not None else user_config_path()
    if not config_path.exists():
        if explicit:
            raise ConfigError(f"Config file {config_path} does not exist; check the --config path.")
        return Config()
    raw = b""
    try:
        raw = _read_config(config_path, explicit)
        # a byte-order mark (a file saved by Notepad) is no part of the TOML
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        # the decoder counts from after a byte-order mark; the message counts the file's bytes
        byte = exc.start + 1 + (len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0)
        raise ConfigError(
            f"Config file {config_path} is not UTF-8 text (byte {byte} is not); "
            "save it as UTF-8 or remove it."
        ) from exc
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Config file {config_path} cannot be read ({exc}); fix or remove it.") from exc
    unknown = sorted(set(data) - _SETTINGS)
    if unknown:
        raise ConfigError(
            f"Config file {config_path} has no setting {unknown[0]!r}; the settings are theme and "
            "[keymap]: fix or remove it."
        )
    keymap_raw = data.get("keymap", {})
    if not isinstance(keymap_raw, dict):
        raise ConfigError(f'[keymap] in {config_path} must be a table of binding id = "keys".')
    keymap = {str(k): _keys(config_path, str(k), v) for k, v in keymap_raw.items()}
    theme = data.get("theme", "")
    if not isinstance(theme, str):
        raise ConfigError(f'theme in {config_path} must be a theme\'s name in quotes, as theme = "nord".')
    return Config(keymap=keymap, theme=theme, path=config_path)


# What a config file may set.
_SETTINGS = frozenset(("keymap", "theme"))


# A config is a few lines of keys; a file this large is not one (/dev/zero, a log given by mistake).
MAX_CONFIG_BYTES = 2_000_000


def _read_config(config_path: Path, explicit: bool) -> bytes:
    """The bytes of the config file. Only a regular file is read, and only up to
    `MAX_CONFIG_BYTES`: a FIFO would wait forever for a writer, a device never ends."""
    advice = "give --config a TOML file" if explicit else "make it a TOML file or remove it"
    # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer
    fd = os.open(config_path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise ConfigError(f"Config file {config_path} is not a regular file; {advice}.")
        with open(fd, "rb", closefd=False) as file:
            data = file.read(MAX_CONFIG_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(
            f"Config file {config_path} is larger than the {MAX_CONFIG_BYTES // 1_000_000} MB a config "
            f"may hold; {advice}."
        )
    return data
