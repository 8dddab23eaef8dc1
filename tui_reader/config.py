"""Where the corpus, the index, the state and the config file live, and what the config says.

Resolution order for the corpus and the index: command-line flags, then the environment
(`BRIEFREAD_CORPUS`, `BRIEFREAD_INDEX`), then `./corpus` and `./index` when they exist in the
current directory, then the bundled sample corpus with a per-corpus index in the user cache dir.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "briefread"
SAMPLE_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


class ConfigError(Exception):
    """The config file cannot be read; `str()` is one sentence that says what to do."""


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
    return ",".join(keys)


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
    """Apply flags > environment > ./corpus and ./index > bundled sample and user cache."""
    corpus = corpus or os.environ.get("BRIEFREAD_CORPUS") or None
    index = index or os.environ.get("BRIEFREAD_INDEX") or None
    cwd = Path.cwd()
    if corpus is None:
        corpus = cwd / "corpus" if (cwd / "corpus").is_dir() else SAMPLE_CORPUS
    corpus_path = Path(corpus).expanduser().resolve()
    if index is None:
        local = cwd / "index"
        same_corpus = corpus_path == (cwd / "corpus").resolve()
        index = local if local.is_dir() and same_corpus else _index_for(corpus_path)
    return Locations(corpus_path, Path(index).expanduser().resolve(), user_state_dir())


def load_config(path: str | Path | None = None) -> Config:
    """Read the TOML config (`--config`, else the user config file when it exists)."""
    explicit = path is not None
    config_path = Path(path) if path is not None else user_config_path()
    if not config_path.exists():
        if explicit:
            raise ConfigError(f"Config file {config_path} does not exist; check the --config path.")
        return Config()
    try:
        data = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"Config file {config_path} cannot be read ({exc}); fix or remove it.") from exc
    keymap_raw = data.get("keymap", {})
    if not isinstance(keymap_raw, dict):
        raise ConfigError(f'[keymap] in {config_path} must be a table of binding id = "keys".')
    keymap = {str(k): _keys(config_path, str(k), v) for k, v in keymap_raw.items()}
    theme = data.get("theme", "")
    return Config(keymap=keymap, theme=str(theme) if isinstance(theme, str) else "", path=config_path)
