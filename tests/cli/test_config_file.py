"""The config file: only a regular file of a sensible size is read, and a bad one is one line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui_reader.cli import main
from tui_reader.config import MAX_CONFIG_BYTES, ConfigError, load_config


@pytest.fixture
def where(tmp_path: Path) -> list[str]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Le Maroc et la Tunisie.", encoding="utf-8")
    return ["--corpus", str(corpus), "--index", str(tmp_path / "index")]


def _reader(where: list[str], config: Path, tmp_path: Path) -> subprocess.CompletedProcess[bytes]:
    """`briefread --config CONFIG` (the reader) in a process of its own, with 1 GB of memory."""

    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    env = {**os.environ, "BRIEFREAD_STATE": str(tmp_path / "state")}
    return subprocess.run(
        [sys.executable, "-m", "tui_reader", *where, "--config", str(config)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=env,
        timeout=60,
        preexec_fn=limit,
    )


def test_a_config_that_is_a_fifo_is_refused_at_once(where: list[str], tmp_path: Path) -> None:
    fifo = tmp_path / "config.fifo"
    os.mkfifo(fifo)
    done = _reader(where, fifo, tmp_path)
    assert done.returncode == 1
    assert done.stderr.decode() == (
        f"briefread: Config file {fifo} is not a regular file; give --config a TOML file.\n"
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_config_that_never_ends_is_refused_in_bounded_memory(where: list[str], tmp_path: Path) -> None:
    done = _reader(where, Path("/dev/zero"), tmp_path)
    assert done.returncode == 1
    assert done.stderr.decode() == (
        "briefread: Config file /dev/zero is not a regular file; give --config a TOML file.\n"
    )


def test_a_config_larger_than_a_config_is_refused(where: list[str], tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_bytes(b"# a comment\n" * (MAX_CONFIG_BYTES // 12 + 1))
    result = CliRunner().invoke(main, [*where, "--config", str(config)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"briefread: Config file {config} is larger than the 2 MB a config may hold; give --config a "
        "TOML file.\n"
    )


@pytest.mark.parametrize(
    "command", [["search", "Maroc"], ["entities", "--top", "1"], ["index"], ["tag", "-"]]
)
def test_a_config_given_to_a_command_is_checked_as_the_reader_checks_it(
    where: list[str], tmp_path: Path, command: list[str]
) -> None:
    missing = tmp_path / "missing.toml"
    result = CliRunner().invoke(main, [*where, "--config", str(missing), *command], input="Le Maroc")
    assert result.exit_code == 1
    assert result.stderr == f"briefread: Config file {missing} does not exist; check the --config path.\n"
    unknown = tmp_path / "unknown.toml"
    unknown.write_text("foo = 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, [*where, "--config", str(unknown), *command], input="Le Maroc")
    assert result.exit_code == 1
    assert "has no setting 'foo'" in result.stderr
    good = tmp_path / "good.toml"
    good.write_text('theme = "nord"\n', encoding="utf-8")
    result = CliRunner().invoke(main, [*where, "--config", str(good), *command], input="Le Maroc")
    assert result.exit_code == 0, result.output


def test_a_user_config_that_is_no_file_says_what_to_do() -> None:
    import threading

    from tui_reader.config import ConfigError, user_config_path

    user = user_config_path()
    user.parent.mkdir(parents=True)
    os.mkfifo(user)
    raised: list[BaseException] = []

    def load() -> None:
        try:
            load_config()
        except ConfigError as exc:
            raised.append(exc)

    reading = threading.Thread(target=load, daemon=True)  # a FIFO read would never end
    reading.start()
    reading.join(timeout=30)
    assert [str(exc) for exc in raised] == [
        f"Config file {user} is not a regular file; make it a TOML file or remove it."
    ]
    try:  # a reading that waits for a writer ends with this one
        os.close(os.open(user, os.O_WRONLY | os.O_NONBLOCK))
    except OSError:  # no reader waits
        pass


def test_a_regular_config_is_still_read(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[keymap]\n"reader.next-match" = "n,ctrl+n"\n', encoding="utf-8")
    assert load_config(config).keymap == {"reader.next-match": "n,ctrl+n"}


def test_a_config_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_bytes(b'\xef\xbb\xbftheme = "nord"\n')
    assert load_config(config).theme == "nord"


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (
            '[keymaps]\n"reader.next-match" = "n"\n',
            "has no setting 'keymaps'; the settings are theme and [keymap]",
        ),
        ("theme = 5\n", 'must be a theme\'s name in quotes, as theme = "nord"'),
    ],
)
def test_a_misspelt_setting_or_a_theme_that_is_no_name_is_refused(
    tmp_path: Path, body: str, says: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(says)):
        load_config(config)


@pytest.mark.parametrize(
    ("data", "byte"),
    [
        (b"\xff\xfet\x00h\x00e\x00m\x00e\x00", 1),
        (b'theme = "\xe9t\xe9"\n', 10),
        # counted in the file, byte-order mark included
        (b'\xef\xbb\xbftheme = "\xe9t\xe9"\n', 13),
    ],
)
def test_a_config_that_is_not_utf8_says_so_in_its_own_words(tmp_path: Path, data: bytes, byte: int) -> None:
    config = tmp_path / "config.toml"
    config.write_bytes(data)
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    said = str(caught.value)
    assert (
        said == f"Config file {config} is not UTF-8 text (byte {byte} is not); save it as UTF-8 or remove it."
    )
    assert "codec" not in said
