"""The project's own rules, checked by the test suite: lint, types, and one-way dependencies."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO

CORE = (
    "tui_reader.corpus",
    "tui_reader.entities",
    "tui_reader.search",
    "tui_reader.state",
    "tui_reader.config",
)


def run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=600)


def test_core_imports_no_ui_library() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + "import tui_reader.search.indexer, tui_reader.search.library\n"
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'rich', 'click'})\n"
        + "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@pytest.mark.parametrize(
    "tool",
    [
        ("ruff", "check", "."),
        ("ruff", "format", "--check", "tui_reader"),
        ("mypy",),
        ("lint-imports",),
    ],
    ids=["ruff", "ruff-format", "mypy", "import-linter"],
)
def test_tool_is_clean(tool: tuple[str, ...]) -> None:
    exe = shutil.which(tool[0])
    assert exe, f"{tool[0]} is part of the test extra: pip install -e '.[test]'"
    result = run(exe, *tool[1:])
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
