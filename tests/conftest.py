"""Shared fixtures: paths to the real data beside the project, and small corpora made on the fly."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data"
SEED = SHARED / "seed" / "000_da8b90398754ecf0.txt"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's config, state or cache."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("BRIEFREAD_CORPUS", raising=False)
    monkeypatch.delenv("BRIEFREAD_INDEX", raising=False)
    monkeypatch.delenv("BRIEFREAD_STATE", raising=False)


def need(path: Path) -> Path:
    """Skip the calling test, with the reason, when shared data is not beside the project."""
    if not path.exists():
        pytest.skip(f"{path} is not available (shared data lives beside the project)")
    return path
