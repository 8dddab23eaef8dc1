"""Turning a file's bytes into text, or saying why they are not text.

In order, cheapest and surest first:

1. A byte-order mark decides: UTF-8, UTF-16 LE/BE, UTF-32 LE/BE.
2. Binary files are refused ("binary file"): the magic number of a common binary format
   (images, PDF, archives, executables, databases, office documents, audio), or more than
   `MAX_CONTROL_RATIO` (1 in 100) of the bytes being control bytes (see below). NUL bytes in
   the first `SNIFF_BYTES` bytes are first checked for BOM-less UTF-16 text, whose high bytes
   they are (in text of another script than Latin, with the high byte of its block).
3. Strict UTF-8, which nearly every file is.
4. UTF-8 whose only invalid sequences are shaped as UTF-8 (surrogates written as UTF-8, as
   CESU-8 does; overlong forms; code points past U+10FFFF): UTF-8 with replacement characters,
   whatever a legacy code page would make of those bytes.
5. UTF-8 with a few stray Windows-1252 bytes (a file edited with two editors, or concatenated):
   when the bytes hold as many valid UTF-8 sequences as invalid bytes, or some and the invalid
   bytes are all Windows-1252's typographic punctuation, the invalid bytes alone are read as
   Windows-1252.
6. Windows-1252 (which covers Latin-1), when its reading looks like Western European text: the
   usual legacy encoding of French and English files, and one charset_normalizer may mistake
   for a neighbour on short texts.
7. UTF-8 with replacement characters when the invalid sequences are a handful (at most
   `MAX_STRAY_SEQUENCES`) or thinly spread (at most 1 in `STRAY_SPACING` bytes): a damaged
   UTF-8 or ASCII file, not a legacy encoding, and too few bytes for charset_normalizer to tell
   an encoding by (it reads five damaged bytes of a French brief as Arabic). A text written in
   a legacy code page of another script (Windows-1256, -1251...) has one invalid byte for most
   of its letters.
8. charset_normalizer's best guess; when it has none, the file is skipped ("undecodable").

Control bytes are NUL and the C0 controls other than tab, line breaks, form feed, SUB (the
end-of-file mark of DOS text), ESC and BEL (terminal colours and commands, which end with BEL:
normalisation removes them), and DEL.
Text holds none, or a stray few where it was damaged (they are removed or replaced when the
text is normalised); binary data holds many more: compressed or random bytes about 1 in 10,
executables and databases mostly NULs. The share is measured over the whole file, so a damaged
first line does not decide for the rest; it is measured on the text as well when a byte-order
mark or UTF-16 decided the encoding.
"""

from __future__ import annotations

import codecs
import re

from tui_reader.corpus.errors import Unreadable
from tui_reader.corpus.reasons import BINARY, UNDECODABLE

SNIFF_BYTES = 1024
MAX_CONTROL_RATIO = 0.01
MAX_STRAY_SEQUENCES = 8
STRAY_SPACING = 200

_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF-", b"PK\x03\x04", b"PK\x05\x06",
    b"\x7fELF", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07",
    b"\x28\xb5\x2f\xfd", b"\xd0\xcf\x11\xe0", b"RIFF", b"OggS", b"ID3", b"fLaC", b"MZ",
    b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"II*\x00", b"MM\x00*",
    b"SQLite format 3\x00", b"\x00asm",
)  # fmt: skip
_TAR_MAGIC = (257, b"ustar")  # offset and magic of a POSIX tar archive
_VALID_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# Sequences of a lead byte and its continuation bytes that UTF-8 forbids: surrogates, overlong
# forms, code points past U+10FFFF.
_UTF8_SHAPED = re.compile(
    rb"\xed[\xa0-\xbf][\x80-\xbf]|[\xc0\xc1][\x80-\xbf]|\xe0[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x80-\x8f][\x80-\xbf]{2}|\xf4[\x90-\xbf][\x80-\xbf]{2}|[\xf5-\xf7][\x80-\xbf]{3}"
)
_INVALID_UTF8_HANDLER = "briefread-cp1252"
_UNDEFINED_CP1252_HANDLER = "briefread-latin1"
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
# What Windows-1252 decodes to in Western European text: accented letters of French, German,
# Spanish, Italian, Portuguese, Dutch and Catalan, typographic punctuation, euro, degree.
_WESTERN = frozenset("àâäáãçéèêëíìîïñóòôöõúùûüýÿœæßÀÂÄÁÃÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸŒÆ«»‹›–—‘’‚“”„…•€°£§¿¡\u00a0·")
_CONTROL_CHARS = "".join(map(chr, [*range(0x00, 0x07), 0x08, *range(0x0E, 0x1A), *range(0x1C, 0x20), 0x7F]))
_CONTROL_BYTES = _CONTROL_CHARS.encode("ascii")
_BLOCK = 1 << 20
_C1_CONTROL = re.compile(r"[\x80-\x9f]")
# The bytes of 0x80-0x9F that Windows-1252 defines (0x81, 0x8D, 0x8F, 0x90 and 0x9D it leaves out).
_TYPOGRAPHIC_BYTES = bytes(b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D))


def _as_cp1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    stray = error.object[error.start : error.end]
    return bytes(stray).decode("cp1252", "replace"), error.end


def _as_latin1(error: UnicodeError) -> tuple[str, int]:
    # The five bytes Windows-1252 leaves undefined are Latin-1's C1 controls, as in browsers.
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return bytes(error.object[error.start : error.end]).decode("latin-1"), error.end


codecs.register_error(_INVALID_UTF8_HANDLER, _as_cp1252)
codecs.register_error(_UNDEFINED_CP1252_HANDLER, _as_latin1)


def decode(data: bytes, *, controls_allowed: bool = False) -> str:
    """The text of a file's bytes, without a byte-order mark.

    Raises `Unreadable` ("binary file", or "undecodable: ...") when the bytes are not text.
    `controls_allowed` skips the share of control bytes, for a caller that knows better from
    the structure of the text (JSON Lines whose lines are mostly records); magic numbers still
    make a binary file.
    """
    text = _decode_by_bom(data)
    if text is None:
        return _decode_unmarked(data, controls_allowed)
    if not controls_allowed and _mostly_controls(text, sum(map(text.count, _CONTROL_CHARS))):
        raise Unreadable(BINARY)
    return text


def decode_text(data: bytes) -> str:
    """The text of bytes someone gave as text (a file named to `briefread tag`, standard input):
    decoded as `decode` decodes a corpus file (byte-order mark removed, UTF-16, Windows-1252...),
    but never refused: bytes that look binary or that no encoding reads are read as UTF-8, each
    bad sequence becoming U+FFFD."""
    try:
        return decode(data, controls_allowed=True)
    except Unreadable:
        return data.decode("utf-8", "replace")


def control_heavy(data: bytes) -> bool:
    """True when more than `MAX_CONTROL_RATIO` of `data` are control bytes: binary data, or a
    text damaged throughout."""
    # Counted a block at a time: the bytes of a JSON Lines archive are not copied whole.
    controls = sum(
        len(block) - len(block.translate(None, _CONTROL_BYTES))
        for block in (data[start : start + _BLOCK] for start in range(0, len(data), _BLOCK))
    )
    return _mostly_controls(data, controls)


def plain_utf8(data: bytes) -> bool:
    """True when `decode` reads `data` as UTF-8 if it is valid UTF-8: no byte-order mark, no
    magic number of a binary format, no UTF-16 NULs, few control bytes. A caller may then
    decode it in parts, and fall back to `decode` when a part is not valid UTF-8."""
    if data.startswith(tuple(bom for bom, _ in _BOMS)):
        return False
    head = data[:SNIFF_BYTES]
    offset, magic = _TAR_MAGIC
    if head.startswith(_MAGIC) or data.startswith(magic, offset) or b"\x00" in head:
        return False
    return not control_heavy(data)


def _mostly_controls(content: bytes | str, controls: int) -> bool:
    return controls > MAX_CONTROL_RATIO * len(content)


def _decode_by_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            # A byte-order mark is a strong enough sign of text that a bad byte further on
            # costs one replacement character, not the file.
            return data[len(bom) :].decode(encoding, "replace")
    return None


def _decode_unmarked(data: bytes, controls_allowed: bool) -> str:
    head = data[:SNIFF_BYTES]
    offset, magic = _TAR_MAGIC
    if head.startswith(_MAGIC) or data.startswith(magic, offset):
        raise Unreadable(BINARY)
    encoding = _utf16_without_bom(head) if b"\x00" in head else None
    if encoding is not None:
        try:
            utf16 = data.decode(encoding)
        except UnicodeDecodeError:
            raise Unreadable(BINARY) from None
        if not controls_allowed and _mostly_controls(utf16, sum(map(utf16.count, _CONTROL_CHARS))):
            raise Unreadable(BINARY)
        return utf16
    if not controls_allowed and control_heavy(data):
        raise Unreadable(BINARY)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _decode_legacy(data)
    if text is None:
        raise Unreadable(UNDECODABLE)
    return text


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 LE or BE when every other byte looks like the high bytes of UTF-16 text, and the
    bytes between them are seldom NUL."""
    even, odd = head[0::2], head[1::2]
    if len(odd) < 8:
        return None
    if _high_bytes(odd) and even.count(0) <= 0.05 * len(even):
        return "utf-16-le"
    if _high_bytes(even) and odd.count(0) <= 0.05 * len(odd):
        return "utf-16-be"
    return None


def _high_bytes(data: bytes) -> bool:
    """True when `data` reads as the high bytes of UTF-16 text: mostly NUL, as in Latin-script
    text, or NUL (the spaces, digits and punctuation between words) and the block of one other
    script (Arabic, Cyrillic, Greek, Hebrew) with a few others (typographic punctuation)."""
    nuls = data.count(0)
    if nuls >= 0.7 * len(data):
        return True
    if nuls < 0.05 * len(data):
        return False
    others = sorted((data.count(value) for value in set(data) - {0}), reverse=True)
    return nuls + sum(others[:2]) >= 0.95 * len(data)


def _decode_legacy(data: bytes) -> str | None:
    replaced = data.decode("utf-8", "replace")
    if _UTF8_SHAPED.search(data) is not None and _is_utf8(_UTF8_SHAPED.sub(b"", data)):
        return replaced
    invalid = replaced.count("\ufffd") - data.count("\ufffd".encode())
    sequences = _VALID_UTF8_MULTIBYTE.findall(data)
    valid = len(sequences)
    if valid >= invalid or (valid and _western_sequences(sequences) and _only_typographic_strays(data)):
        return data.decode("utf-8", _INVALID_UTF8_HANDLER)
    text = data.decode("cp1252", _UNDEFINED_CP1252_HANDLER)
    if _reads_as_western(text):
        return text
    if invalid <= MAX_STRAY_SEQUENCES or invalid * STRAY_SPACING <= len(data):
        return replaced
    # Imported here: it is only needed for the rare file that is neither UTF-8 nor Western.
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    return None if best is None else str(best)


def _western_sequences(sequences: list[bytes]) -> bool:
    """True when every valid UTF-8 sequence stands for a character usual in Western European
    text ("é", "’", "€"): a Windows-1252 text makes one only by chance, of a capital and a
    sign ("É”" is the UTF-8 of "ɔ")."""
    return all(sequence.decode("utf-8") in _WESTERN for sequence in set(sequences))


def _only_typographic_strays(data: bytes) -> bool:
    """True when every byte outside valid UTF-8 sequences is one Windows-1252 gives its
    typographic punctuation (0x80-0x9F: curly quotes, dashes, ellipsis, euro), as an editor
    inserts them into a UTF-8 file ("l\x92ONU \x96 fin"); a text written in Windows-1252 also
    holds its accented letters (0xC0-0xFF) outside such sequences."""
    return _VALID_UTF8_MULTIBYTE.sub(b"", data).translate(None, _TYPOGRAPHIC_BYTES).isascii()


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _reads_as_western(text: str) -> bool:
    """True when `text` reads as Western European: its non-ASCII characters, C1 controls aside,
    are all usual in that text, and few next to its ASCII letters (Cyrillic or Greek read as
    Windows-1252 is nothing but non-ASCII letters)."""
    sample = _C1_CONTROL.sub("", text[:65536])
    non_ascii = _NON_ASCII.findall(sample)
    if not all(char in _WESTERN for char in non_ascii):
        return False
    return len(non_ascii) <= 0.6 * len(_ASCII_LETTER.findall(sample))
