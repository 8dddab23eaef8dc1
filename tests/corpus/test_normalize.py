"""The stored text: controls, escape sequences, invisible characters, marks, NFC, white space."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.corpus.normalize import MAX_COMBINING_MARKS, clean_line, clean_text, without_controls

ANY_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1b[31mred\x1b[0m text", "red text"),
        ("a\x1b[1;2;3;4Hb", "ab"),
        ("\x1b]8;;https://evil.example\x07link\x1b]8;;\x07 here", "link here"),
        ("\x1b]52;c;cm0gLXJmIH4=\x1b\\copied", "copied"),
        ("\x1bPq#0;2;0;0;0\x1b\\sixel", "sixel"),
        ("reset\x1bc now", "reset now"),
        ("8-bit \x9b31mCSI", "8-bit CSI"),
        ("bell\x07 nul\x00 del\x7f c1\x85end", "bell\ufffd nul\ufffd del\ufffd c1 end"),
        ("\x9d8;;x\x9c osc", "\ufffd8;;x\ufffd osc"),
        # non-characters of every plane, which terminals draw one or two cells wide
        ("a\ufffeb\U0001ffffc\U0010ffff", "a\ufffdb\ufffdc\ufffd"),
        ("unterminated \x1b]0;title", "unterminated"),
        ("lone escape at the end\x1b", "lone escape at the end"),
    ],
)
def test_escape_sequences_and_controls(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Qatar\r\nsecu\x1b]0;pwned\x07 \x1b[31mrite\x1b[0m", "Qatar\nsecu rite"),
        ("Maroc \x1b[31mq\x1b[0m", "Maroc q"),
        ("tab\tkept, bell\x07 nul\x00 del\x7f c1\x9b1m gone\x1b", "tab\tkept, bell nul del c1 gone"),
        ("a\rb\x85c\u2028d\u2029e", "a\nb\nc\nd\ne"),
        ("Marché — ONU", "Marché — ONU"),
    ],
)
def test_text_typed_or_pasted_in_loses_its_controls_and_keeps_its_lines(raw: str, clean: str) -> None:
    assert without_controls(raw) == clean


def test_invisible_characters_are_dropped_but_joiners_kept() -> None:
    raw = "a\u202eevil\u202c b\u2066x\u2069 c\u200bd e\u00adf \ufeffg \U000e0041h"
    assert clean_text(raw) == "aevil bx cd ef g h"
    persian = "می\u200cخواهم"  # ZWNJ is part of the word
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert clean_text(persian) == persian and clean_text(family) == family
    arabic = "\u200fمرحبا\u200e"  # direction marks stay
    assert clean_text(arabic) == arabic


def test_combining_mark_floods_are_cut() -> None:
    zalgo = "Z" + "\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308" * 10 + "algo"
    # NFC first makes "Z" and the acute one base, "Ź"; four marks stay on it.
    assert clean_text(zalgo) == "\u0179\u0302\u0303\u0304\u0305algo"
    arabic = "شَدَّةٌ مُحَمَّدٌ"  # a base with shadda and a vowel: kept whole
    assert clean_text(arabic) == arabic
    assert clean_text("....... ———— ok") == "....... ———— ok"


def test_nfc() -> None:
    assert clean_text("e\u0301te\u0301 a\u0300 Ge\u0300nes") == "été à Gènes"
    assert clean_line("Cafe\u0301") == "Café"


def test_typographic_ligatures_become_their_letters() -> None:
    assert (
        clean_text("La \ufb01nance, le \ufb02ux et l'e\ufb00et \ufb03cace.")
        == "La finance, le flux et l'effet fficace."
    )
    assert clean_line("Pro\ufb01t") == "Profit"


def test_white_space() -> None:
    raw = (
        "  First\tline  \u00a0 with\u2003spaces \n wrapped here.\n \n\n\nNext\r\nparagraph.\u2029Third\fone."
    )
    assert clean_text(raw) == "First line with spaces wrapped here.\n\nNext paragraph.\n\nThird one."


def test_clean_line_has_one_line() -> None:
    assert clean_line("  A title\n\non two\r\nlines \x1b[2J ") == "A title on two lines"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec=None), max_size=200))
def test_any_text_comes_out_clean_and_stable(raw: str) -> None:
    text = clean_text(raw)
    assert not ANY_CONTROL.search(text)
    assert "\n\n\n" not in text and not text.startswith(("\n", " ")) and not text.endswith(("\n", " "))
    assert all(line == " ".join(line.split()) for line in text.split("\n\n"))
    assert unicodedata.is_normalized("NFC", text)
    assert clean_text(text) == text
    marks = 0
    for char in text:
        marks = marks + 1 if unicodedata.category(char) in ("Mn", "Me") else 0
        assert marks <= MAX_COMBINING_MARKS
    line = clean_line(raw)
    assert "\n" not in line and not ANY_CONTROL.search(line)
