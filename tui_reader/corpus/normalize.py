"""Normalising untrusted text into the form that is stored, indexed and displayed.

Every offset kept downstream (entity spans, search matches) points into the text made here, so
this is the only place where article text changes. In order:

- Line breaks: CRLF, CR, VT, FF, NEL and U+2028 become ``\\n``; U+2029 becomes a paragraph break.
- Terminal escape sequences are removed whole: CSI (``ESC [`` ... final byte, and the 8-bit
  U+009B form), OSC/DCS/SOS/PM/APC strings (``ESC ]`` ... up to BEL, ST or the end of the line),
  and the other ``ESC`` sequences. Their parameters are noise to a reader, so nothing is kept.
- Every other control character (C0 but tab and newline, DEL, C1), lone surrogate and
  non-character becomes U+FFFD: a reader sees that something was there, a terminal has nothing
  to act on.
- Invisible characters that can disguise text are dropped: bidirectional embeddings, overrides
  and isolates (U+202A-U+202E, U+2066-U+2069), zero-width space, word joiner and invisible
  operators, deprecated format characters, U+FEFF, soft hyphen, Mongolian vowel separator,
  interlinear annotation marks and tag characters. ZWJ and ZWNJ stay (Arabic, Persian, Indic
  scripts and emoji need them), and so do LRM, RLM and ALM, which only mark direction.
- The Latin typographic ligatures (U+FB00-U+FB06) that text taken from a PDF keeps become their
  letters: "ﬁnance" is found as "finance".
- NFC.
- At most `MAX_COMBINING_MARKS` combining marks on one base character: longer stacks exist only
  to overflow the line they are drawn on.
- White space: any run of white space inside a line (no-break spaces included) becomes one
  space, lines are trimmed, the lines of a paragraph are joined by one space (hard wraps go),
  and paragraphs are separated by exactly ``"\\n\\n"``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

MAX_COMBINING_MARKS = 4

_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028]")
_ESCAPE_SEQUENCES = re.compile(
    r"""
      \x1b\[ [0-?]* [ -/]* [@-~]?                     # CSI: parameters, intermediates, final
    | \x9b [0-?]* [ -/]* [@-~]?                       # CSI, 8-bit form
    | \x1b[\]PX^_] [^\x07\x1b\x9c\n]* (?:\x07|\x1b\\|\x9c)?   # OSC, DCS, SOS, PM, APC strings
    | \x1b [ -/]* [0-~]?                              # any other ESC sequence, or a lone ESC
    """,
    re.VERBOSE,
)
# The non-characters at the end of each supplementary plane (U+1FFFE, U+1FFFF ... U+10FFFF).
_PLANE_ENDS = "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(1, 17))
_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff{_PLANE_ENDS}]")
_INVISIBLE = re.compile(
    "[\u00ad\u180e\u200b\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)
# One cheap scan decides whether the three substitutions above are needed at all.
_SUSPECT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u180e\u200b\u2028\u2029\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ud800-\udfff\ufdd0-\ufdef\ufb00-\ufb06\ufeff\ufff9-\ufffb\ufffe\uffff"
    f"\U000e0000-\U000e007f{_PLANE_ENDS}]"
)
# The Latin typographic ligatures, as letters.
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_LIGATURES = str.maketrans(LIGATURES)
# Combining marks all lie at U+0300 and above, so a stack of them is always inside a run of
# five or more such characters; only those runs are examined one character at a time.
_MARK_RUN_CANDIDATE = re.compile(rf"[^\x00-\u02ff]{{{MAX_COMBINING_MARKS + 1},}}")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def clean_text(raw: str) -> str:
    """The stored form of an article body: clean characters, paragraphs joined by ``"\\n\\n"``."""
    text = _clean_characters(raw.replace("\u2029", "\n\n"))
    paragraphs = (" ".join(part.split()) for part in _PARAGRAPH_BREAK.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def clean_line(raw: str) -> str:
    """The stored form of a one-line field (title, source, url): clean characters, one line."""
    return " ".join(_clean_characters(raw).split())


def without_controls(text: str) -> str:
    """Text typed or pasted in: escape sequences and controls removed, tabs and line breaks kept.

    Line breaks become ``"\\n"``; the rest is left as it is. Unlike the stored text, nothing is
    replaced by U+FFFD, which would end up in the query or field the text is put into.
    """
    if not _SUSPECT.search(text):
        return text
    text = _LINE_BREAKS.sub("\n", text.replace("\u2029", "\n"))
    return _CONTROLS.sub("", _ESCAPE_SEQUENCES.sub("", text))


def escapes_removed(text: str) -> tuple[str, list[tuple[int, int]]]:
    """`text` without its terminal escape sequences, as an article's text is stored, and where
    they were: (offset in the new text, characters removed up to there), in order, for
    `original_offset`."""
    if "\x1b" not in text and "\x9b" not in text:
        return text, []
    parts: list[str] = []
    removals: list[tuple[int, int]] = []
    kept = removed = 0
    for match in _ESCAPE_SEQUENCES.finditer(text):
        parts.append(text[kept : match.start()])
        removed += match.end() - match.start()
        removals.append((match.end() - removed, removed))
        kept = match.end()
    parts.append(text[kept:])
    return "".join(parts), removals


def original_offset(removals: list[tuple[int, int]], offset: int, *, end: bool = False) -> int:
    """Where `offset` of the text `escapes_removed` gave is in the original: a start after the
    sequences removed there ("\x1b[31mONU" starts at 5), an `end` before them."""
    i = bisect.bisect_left(removals, (offset, -1) if end else (offset + 1, -1))
    return offset + (removals[i - 1][1] if i else 0)


def _clean_characters(text: str) -> str:
    if _SUSPECT.search(text):
        text = _LINE_BREAKS.sub("\n", text)
        text = _ESCAPE_SEQUENCES.sub("", text)
        text = _CONTROLS.sub("\ufffd", text)
        text = _INVISIBLE.sub("", text).translate(_LIGATURES)
    text = unicodedata.normalize("NFC", text)
    return _MARK_RUN_CANDIDATE.sub(_limit_marks, text)


def _limit_marks(match: re.Match[str]) -> str:
    kept: list[str] = []
    marks = 0
    for char in match.group():
        if unicodedata.category(char) in ("Mn", "Me"):
            marks += 1
            if marks > MAX_COMBINING_MARKS:
                continue
        else:
            marks = 0
        kept.append(char)
    return "".join(kept)
