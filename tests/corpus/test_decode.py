"""Encodings and binary files, through `decode` and end to end through `read_file`."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from tui_reader.corpus import read_file
from tui_reader.corpus.decode import decode, decode_text
from tui_reader.corpus.errors import Unreadable
from tui_reader.corpus.reasons import BINARY, UNDECODABLE

FRENCH = (
    "Le ministère des Affaires étrangères a reçu mercredi l’ambassadeur du Maroc à Paris. "
    "« Nous avons évoqué la coopération économique », a déclaré le porte-parole, qui a précisé "
    "que la réunion avait duré deux heures. Les échanges ont porté sur l’énergie, où les "
    "entreprises françaises investissent 300 millions d’euros, et sur la pêche. Cœur du sujet : "
    "la sécurité régionale, thème récurrent des rencontres à Rabat comme à Bruxelles."
)
LATIN1_FRENCH = FRENCH.replace("’", "'").replace("Œ", "O").replace("œ", "oe")


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (FRENCH.encode("utf-8"), FRENCH),
        (codecs.BOM_UTF8 + FRENCH.encode("utf-8"), FRENCH),
        (codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le"), FRENCH),
        (codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"), FRENCH),
        (FRENCH.encode("utf-16"), FRENCH),
        (codecs.BOM_UTF32_LE + FRENCH.encode("utf-32-le"), FRENCH),
        (FRENCH.encode("utf-16-le"), FRENCH),  # no byte-order mark
        (FRENCH.encode("utf-16-be"), FRENCH),
        (FRENCH.encode("cp1252"), FRENCH),
        (LATIN1_FRENCH.encode("latin-1"), LATIN1_FRENCH),
        ("Déjà vu à Tanger.".encode("cp1252"), "Déjà vu à Tanger."),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf16",
        "utf32le-bom",
        "utf16le",
        "utf16be",
        "cp1252",
        "latin1",
        "cp1252-short",
    ],
)
def test_text_encodings_are_decoded(data: bytes, text: str) -> None:
    assert decode(data) == text


def test_utf8_with_a_stray_cp1252_byte_keeps_its_utf8() -> None:
    data = "Première partie, réunion à Genève. ".encode() + "Fin : café".encode("cp1252")
    assert decode(data) == "Première partie, réunion à Genève. Fin : café"


def test_windows_1252_with_a_capital_before_a_curly_quote_stays_windows_1252() -> None:
    # "É”" is by chance a valid UTF-8 sequence ("ɔ"): no sign of a UTF-8 file
    text = "“Meet me at the CAFÉ” – she said. It’s late."
    assert decode(text.encode("cp1252")) == text


def test_utf8_with_more_stray_cp1252_quotes_and_dashes_than_accents_keeps_its_utf8() -> None:
    # an editor's curly quote and dash in a UTF-8 file: more of them than UTF-8 accented letters
    data = "date 2025-05-07\nLe Maroc à l".encode() + "’ONU – fin.".encode("cp1252")
    assert decode(data) == "date 2025-05-07\nLe Maroc à l’ONU – fin."


@pytest.mark.parametrize(
    "bad",
    [b"\xed\xa0\x80", b"\xed\xa0\xbd\xed\xb8\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80"],
    ids=["surrogate", "cesu-8-pair", "overlong", "past-10ffff"],
)
def test_sequences_shaped_as_utf8_that_it_forbids_become_replacement_characters(bad: bytes) -> None:
    for before in (b"date 2025 Maroc ", "Le Sénégal et la télévision ".encode() * 20):
        text = decode(before + bad + b" fin")
        assert text.startswith(before.decode()) and text.endswith(" fin")
        assert set(text[len(before.decode()) : -4]) == {"\ufffd"}


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Министерство иностранных дел России сообщило в среду о новых переговорах в Женеве.", "cp1251"),
        ("أعلنت الأمم المتحدة والمغرب يوم الثلاثاء عن برنامج مشترك لدعم الزراعة المستدامة", "cp1256"),
    ],
    ids=["cp1251", "cp1256"],
)
def test_other_legacy_encodings_are_guessed(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding)) == text


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(200),
        b"\xff\xd8\xff\xe0" + b"JFIF" + b"x" * 100,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"PK\x03\x04" + b"x" * 100,
        b"\x7fELF\x02\x01\x01" + bytes(60),
        b"\x1f\x8b\x08" + b"x" * 50,
        b"some text\x00with a NUL byte",
        b"\x01\x02\x03\x04\x05\x06\x07\x08 \x0e\x0f\x10\x11\x12\x13 mostly controls",
    ],
    ids=["png", "jpeg", "pdf", "zip", "elf", "gzip", "nul", "controls"],
)
def test_binary_files_are_refused(data: bytes) -> None:
    with pytest.raises(Unreadable, match=BINARY):
        decode(data)


def test_random_bytes_are_refused() -> None:
    rng = random.Random(6)
    for _ in range(20):
        data = rng.randbytes(4096)
        with pytest.raises(Unreadable) as caught:
            decode(data)
        assert str(caught.value) in {BINARY, UNDECODABLE}


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.jsonl", "a.json"])
def test_read_file_reports_binary_files_for_every_format(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    reading = read_file(tmp_path, name)
    assert reading.articles == [] and [s.reason for s in reading.skipped] == [BINARY]


def test_read_file_decodes_a_windows_1252_brief(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(f"date 2024-11-03\r\n\r\n{FRENCH}\r\n".encode("cp1252"))
    [article] = read_file(tmp_path, "a.txt").articles
    assert article.text == FRENCH and article.date == "2024-11-03" and article.lang == "fr"


ENGLISH = (
    "The foreign ministry received the Moroccan ambassador on Wednesday. The talks covered energy, "
    "fisheries and regional security, a recurring theme of meetings in Rabat and in Brussels. "
)


@pytest.mark.parametrize("at", [0, 2_000, -1], ids=["start", "middle", "end"])
def test_one_nul_in_a_long_text_is_not_binary(at: int) -> None:
    text = (FRENCH + " ") * 12  # about 5 KB
    at = at if at >= 0 else len(text)
    assert decode((text[:at] + "\x00" + text[at:]).encode()) == text[:at] + "\x00" + text[at:]


def test_a_few_controls_at_the_start_of_a_long_text_are_not_binary() -> None:
    data = b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 15 + (ENGLISH * 200).encode()
    assert decode(data).endswith(ENGLISH)


def test_a_text_damaged_by_nuls_throughout_is_binary() -> None:
    # One control byte in 50 is more than any text holds; a binary file holds far more.
    data = b"".join(ENGLISH[n : n + 49].encode() + b"\x00" for n in range(0, len(ENGLISH), 49)) * 20
    with pytest.raises(Unreadable, match=BINARY):
        decode(data)


@pytest.mark.parametrize(
    "data",
    [
        b"\x1f\x8b\x08\x00" + random.Random(1).randbytes(5000),
        random.Random(2).randbytes(50_000),
        b"x" * 257 + b"ustar\x0000" + bytes(250) + (ENGLISH * 100).encode(),
    ],
    ids=["gzip", "random", "tar"],
)
def test_binary_files_with_few_controls_up_front_are_still_binary(data: bytes) -> None:
    with pytest.raises(Unreadable, match=BINARY):
        decode(data)


def test_a_handful_of_invalid_bytes_in_ascii_text_are_replaced_not_guessed() -> None:
    data = b"date 2025-01\n\nLe Maroc \xff\xfe\xfa et la France \xc3\x28 ONU.\n"
    assert decode(data) == "date 2025-01\n\nLe Maroc \ufffd\ufffd\ufffd et la France \ufffd( ONU.\n"


def test_invalid_bytes_scattered_thinly_in_a_long_ascii_text_are_replaced() -> None:
    parts = [ENGLISH * 2] * 30
    data = b"\xfe".join(part.encode() for part in parts)  # 29 damaged bytes in 11 KB
    assert decode(data) == "\ufffd".join(parts)


def test_a_short_arabic_brief_in_windows_1256_is_still_guessed() -> None:
    text = "date 2025-05\n\nأعلنت الأمم المتحدة والمغرب يوم الثلاثاء عن برنامج مشترك"
    assert decode(text.encode("cp1256")) == text


def test_read_file_decodes_a_latin_1_brief_with_a_byte_windows_1252_lacks(tmp_path: Path) -> None:
    # 0x81 is no Windows-1252 character, yet the file is Latin-1, not UTF-8 with damage.
    (tmp_path / "a.txt").write_bytes(f"date 2024-11-03\n\n{LATIN1_FRENCH} \x81\n".encode("latin-1"))
    [article] = read_file(tmp_path, "a.txt").articles
    assert article.text == LATIN1_FRENCH + " \ufffd" and article.lang == "fr"


def test_read_file_decodes_a_windows_1256_arabic_brief(tmp_path: Path) -> None:
    text = "أعلنت الأمم المتحدة والمغرب يوم الثلاثاء عن برنامج مشترك لدعم الزراعة المستدامة."
    (tmp_path / "a.txt").write_bytes(f"date 2025-03-04\r\n\r\n{text}\r\n".encode("cp1256"))
    [article] = read_file(tmp_path, "a.txt").articles
    assert (article.text, article.date, article.lang) == (text, "2025-03-04", "ar")


OTHER_SCRIPTS = {
    "arabic": "أعلنت الأمم المتحدة والمغرب يوم الثلاثاء عن برنامج مشترك لدعم الزراعة المستدامة، "
    "وقال المتحدث إن «المشروع» سيبدأ في 2025.",
    "russian": "Министерство иностранных дел России заявило во вторник, что переговоры в Москве "
    "продолжатся — «в ближайшие дни».",
    "greek": "Το υπουργείο Εξωτερικών της Ελλάδας ανακοίνωσε σήμερα νέα μέτρα για τη ναυτιλία.",
}


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("script", sorted(OTHER_SCRIPTS))
def test_utf16_without_a_byte_order_mark_is_decoded_in_any_script(script: str, encoding: str) -> None:
    # Only the spaces and punctuation between words have a NUL high byte: the letters have
    # their block's.
    text = OTHER_SCRIPTS[script]
    assert decode(text.encode(encoding)) == text
    assert decode_text(text.encode(encoding)) == text


def test_read_file_decodes_an_arabic_brief_in_utf16_without_a_byte_order_mark(tmp_path: Path) -> None:
    text = OTHER_SCRIPTS["arabic"]
    (tmp_path / "a.txt").write_bytes(f"date 2025-03-04\r\n\r\n{text}\r\n".encode("utf-16-le"))
    reading = read_file(tmp_path, "a.txt")
    assert reading.skipped == []
    [article] = reading.articles
    assert (article.text, article.date, article.lang) == (text, "2025-03-04", "ar")


def test_read_file_replaces_a_few_invalid_bytes_in_a_title(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes(b"date 2025-01\n\nLe Maroc \xff\xfe\xfa et la France \xc3\x28 ONU.\n")
    [article] = read_file(tmp_path, "x.txt").articles
    assert article.title == "Le Maroc \ufffd\ufffd\ufffd et la France \ufffd( ONU"


def test_a_short_brief_with_terminal_commands_in_it_is_text() -> None:
    # a window-title command ends with BEL: normalisation removes it, the brief is kept
    data = "date 2025-01\n\nLe Maroc \x1b]0;pwned\x07 et l’ONU.\n".encode()
    assert decode(data) == "date 2025-01\n\nLe Maroc \x1b]0;pwned\x07 et l’ONU.\n"


def test_decode_text_reads_like_decode_but_never_refuses() -> None:
    """For text someone hands over (`briefread tag`): the corpus decoding, and no "binary file"."""
    for data in (LATIN1_FRENCH.encode("latin-1"), codecs.BOM_UTF8 + FRENCH.encode(), FRENCH.encode("utf-16")):
        assert decode_text(data) == decode(data)
    assert decode_text(b"%PDF-1.7 Maroc") == "%PDF-1.7 Maroc"
    assert decode_text(b"\x01\x02\x03 Maroc") == "\x01\x02\x03 Maroc"  # mostly control bytes
    assert decode_text(b"MZ Maroc \xff\xfe") == "MZ Maroc \ufffd\ufffd"  # a magic number
