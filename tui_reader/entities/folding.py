"""Case and accent folding that keeps one character for one character, so offsets stay exact.

Two foldings live here:

- `fold(text)`: the readable one. Lowercase, diacritics stripped, typographic apostrophes and
  dashes made plain (’ ‘ ʼ -> ', – — ‐ -> -). `len(fold(s)) == len(s)` for every string.
- `match_keys(text)`: what the matcher runs its automata over. Two byte strings of the same length
  as `text` (byte i stands for character i): accents stripped with case kept (for acronyms, which
  match case-exactly) and accents stripped and lowercased (for names and demonyms). Every character
  that is not a letter or a digit becomes a space, so a pattern padded with spaces can only match
  whole words, and `l'ONU`, `DGSN-DGST` or `Guinée Bissau` fall apart into words on their own.
  Letters outside Latin-1 that do not fold into it (Arabic, Cyrillic, Greek...) become `\\x1a`;
  `match_keys` tells when that happened so the caller can match those scripts with `fold`.

The byte path runs in C (`str.encode` with an error handler for the rare characters beyond
Latin-1, then `bytes.translate`), which is many times faster than `str.translate` on French text.
"""

from __future__ import annotations

import codecs
import unicodedata
from functools import cache, lru_cache

# Characters that NFD does not decompose but that readers take for a plain letter.
_BASE_LETTERS = {
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ħ": "h", "Ħ": "H",
    "ı": "i", "ŧ": "t", "Ŧ": "T", "ŀ": "l", "Ŀ": "L", "ſ": "s",
}  # fmt: skip
_APOSTROPHES = "\u2019\u2018\u02bc\u201b\u2032\u00b4\u0060\u02bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad"
# Latin-1 bytes standing for œ/Œ and æ/Æ-like letters beyond Latin-1 in the byte keys.
_OE_LOWER, _OE_UPPER = "\x9c", "\x8c"
NON_LATIN = "\x1a"  # a letter or digit that has no Latin-1 folding


def _strip(ch: str) -> str:
    """`ch` without its diacritics, case kept; one character."""
    if ch in _BASE_LETTERS:
        return _BASE_LETTERS[ch]
    base = [c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)]
    return base[0] if base else ch


def _lower(ch: str) -> str:
    low = ch.lower()
    if len(low) != 1:  # İ -> i̇: keep the base letter
        low = unicodedata.normalize("NFD", ch)[0].lower()
        if len(low) != 1:
            return ch
    return low


@cache
def fold_char(ch: str) -> str:
    """The folding of one character: lowercase, no diacritics, plain apostrophe and hyphen."""
    if ch in _APOSTROPHES:
        return "'"
    if ch in _DASHES:
        return "-"
    return _strip(_lower(ch))


@cache
def fold_table() -> dict[int, str]:
    """The `str.translate` table of `fold`, built on first use over the blocks where case or
    diacritics live (Latin, Greek, Cyrillic, general punctuation, full-width forms)."""
    table: dict[int, str] = {}
    blocks = (
        (0x41, 0x5B),
        (0x80, 0x530),
        (0x1E00, 0x2070),
        (0x2C60, 0x2C80),
        (0xA720, 0xA800),
        (0xFF00, 0xFF60),
    )
    for cp in (cp for lo, hi in blocks for cp in range(lo, hi)):
        ch = chr(cp)
        folded = fold_char(ch)
        if folded != ch:
            table[cp] = folded
    for ch in _APOSTROPHES + _DASHES:
        table[ord(ch)] = fold_char(ch)
    return table


def fold(text: str) -> str:
    """`text` lowercased, without diacritics, with plain apostrophes and hyphens; same length."""
    if text.isascii():
        return text.lower()
    folded = text.translate(fold_table())
    if len(folded) == len(text):
        return folded
    return "".join(fold_char(ch) for ch in text)  # unreachable with this table; a safety net


@lru_cache(maxsize=1 << 16)
def fold_word(word: str) -> str:
    """`fold` for the short strings that guards and rules compare often (cached)."""
    return fold(word)


def is_word_char(ch: str) -> bool:
    """Letters, digits and combining marks make words; everything else separates them."""
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def _key_char(ch: str) -> str:
    """The case-kept key character of `ch`."""
    if ch in ("œ", "Œ", _OE_LOWER, _OE_UPPER):
        return _OE_LOWER if ch in ("œ", _OE_LOWER) else _OE_UPPER
    if ch == NON_LATIN:
        return NON_LATIN
    if not is_word_char(ch):
        return " "
    stripped = _strip(ch)
    return stripped if ord(stripped) < 256 else NON_LATIN


def _key_lower(ch: str) -> str:
    if ch == _OE_UPPER:
        return _OE_LOWER
    low = ch.lower()
    return low if len(low) == 1 and ord(low) < 256 else ch


_CASE_TABLE = bytes(ord(_key_char(chr(i))) for i in range(256))
_LOWER_TABLE = bytes(ord(_key_lower(chr(i))) for i in range(256))
_ERRORS = "briefread-entity-key"


def _encode_error(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    # The characters are replaced by keys already; the byte table below leaves them unchanged
    # because every key character maps to itself in it.
    run = exc.object[exc.start : exc.end]
    return "".join(_cached_key_char(ch) for ch in run), exc.end


@cache
def _cached_key_char(ch: str) -> str:
    if 0xD800 <= ord(ch) < 0xE000:  # a lone surrogate: not a letter
        return " "
    return _key_char(ch)


codecs.register_error(_ERRORS, _encode_error)


def _check_tables() -> None:
    # Key characters must be fixed points of the case table, or the error handler's output
    # would be folded a second time.
    for i in range(256):
        key = _CASE_TABLE[i]
        assert _CASE_TABLE[key] == key, (i, key)


_check_tables()


def match_keys(text: str) -> tuple[bytes, bytes, bool]:
    """`(case_key, lower_key, has_non_latin)` for `text`, as described in the module docstring.

    `case_key[i]` and `lower_key[i]` stand for `text[i]`.
    """
    case_key = text.encode("latin-1", _ERRORS).translate(_CASE_TABLE)
    lower_key = case_key.translate(_LOWER_TABLE)
    return case_key, lower_key, NON_LATIN.encode("latin-1") in case_key


class TextKeys:
    """The match keys of one text, each padded with one space on both sides: byte `i + 1` of a
    key stands for `text[i]`, so a match `[s, e)` of a space-padded pattern covers `text[s:e-2]`."""

    __slots__ = ("case", "lower", "non_latin", "markers", "case_markers", "_junctions")

    def __init__(self, case: bytes, lower: bytes, non_latin: bool) -> None:
        self.case = case
        self.lower = lower
        self.non_latin = non_latin
        # marker words the matcher met on its pass: (padded key, start), None before it ran
        self.markers: list[tuple[bytes, int]] | None = None
        # case-kept markers it met: (marker number, start, end) in the padded key, or None
        self.case_markers: list[tuple[int, int, int]] | None = None
        self._junctions: tuple[list[int], list[int]] | None = None

    @property
    def junctions(self) -> tuple[list[int], list[int]]:
        """`junctions(self.case)`, computed once (or noted by the matcher on its pass)."""
        if self._junctions is None:
            self._junctions = junctions(self.case)
        return self._junctions

    @junctions.setter
    def junctions(self, found: tuple[list[int], list[int]]) -> None:
        self._junctions = found

    @classmethod
    def of(cls, text: str) -> TextKeys:
        case_key, lower_key, non_latin = match_keys(text)
        return cls(b" " + case_key + b" ", b" " + lower_key + b" ", non_latin)


def _class_table(before: str, after: str) -> bytes:
    """A byte table that writes "a" for the characters that may come first in a junction and
    "A" for those that may come second (`before` and `after` list "lower", "upper", "digit")."""

    def kind(ch: str) -> str:
        return "lower" if ch.islower() else "upper" if ch.isupper() else "digit" if ch.isdigit() else ""

    return bytes(
        ord("a")
        if kind(chr(i)) in before.split()
        else ord("A")
        if kind(chr(i)) in after.split()
        else ord(" ")
        for i in range(256)
    )


# A word starts at a capital after a lowercase letter or a digit ("laFrance", "87.303Belgique");
# a word ends before a capital or a digit that follows a lowercase letter ("FranceAjoutons",
# "Luxembourg2.586"). One table for each makes either kind one search for "aA".
_STARTS_TABLE = _class_table("lower digit", "upper")
_ENDS_TABLE = _class_table("lower", "upper digit")


def junctions(case_key: bytes) -> tuple[list[int], list[int]]:
    """Where words are glued in a case key: indexes of the capital in "aA"/"0A" pairs (a word
    starts there) and of the capital or digit in "aA"/"a0" pairs (a word ends just before)."""
    found: tuple[list[int], list[int]] = ([], [])
    for table, out in zip((_STARTS_TABLE, _ENDS_TABLE), found, strict=True):
        classes = case_key.translate(table)
        i = classes.find(b"aA")
        while i >= 0:
            out.append(i + 1)
            i = classes.find(b"aA", i + 1)
    return found


def junction_pairs() -> dict[bytes, tuple[bool, bool]]:
    """Every two bytes of a case key that make a junction, with whether a word starts at the
    second one and whether a word ends before it: a search for these pairs gives `junctions`."""
    pairs: dict[bytes, tuple[bool, bool]] = {}
    for first in range(256):
        for second in range(256):
            starts = _STARTS_TABLE[first] == ord("a") and _STARTS_TABLE[second] == ord("A")
            ends = _ENDS_TABLE[first] == ord("a") and _ENDS_TABLE[second] == ord("A")
            if (starts or ends) and _CASE_TABLE[first] == first and _CASE_TABLE[second] == second:
                pairs[bytes((first, second))] = (starts, ends)
    return pairs


@lru_cache(maxsize=1 << 14)
def key_of(alias: str, *, keep_case: bool) -> bytes:
    """The key of an alias, folded exactly as `match_keys` folds text (cached: the rules ask for
    the keys of the same acronyms again and again)."""
    case_key, lower_key, _ = match_keys(alias)
    return case_key if keep_case else lower_key


class _StrKeyTable(dict[int, str]):
    """The `str.translate` table of `str_key`, filled as characters come."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        value = self[code] = fold_char(ch) if is_word_char(ch) else " "
        return value


_STR_KEY_TABLE = _StrKeyTable()


def str_key(text: str) -> str:
    """A folding like `match_keys`'s lowercase key but as `str`, for scripts beyond Latin-1:
    lowercase, no diacritics, every non-word character a space."""
    return text.translate(_STR_KEY_TABLE)
