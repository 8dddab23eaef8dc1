"""Untrusted text made safe to draw: controls neutralised, styles applied by span, never markup.

Everything that comes from a corpus (titles, text, paths, entity surface forms) goes through
`clean()` or `styled()` before it reaches a widget. C0 controls become visible control pictures
(ESC shows as ␛), C1 controls become U+FFFD, bidirectional embeddings/overrides/isolates, zero-width
joiners and Hangul fillers are dropped, runs of combining marks are cut to a few, and the skin
tones and variations of emoji are dropped (each emoji drawn alone); offsets into the original
string are mapped onto the cleaned one, so stored spans still land on the right characters.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

MAX_COMBINING = 4  # combining marks kept after one base character

_SUSPECT = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff"
    "\u115f\u1160\u3164\uffa0]"
)
# Dropped: bidirectional embeddings, overrides and isolates; the zero-width joiner, which Rich
# measures as joining two letters into one cell where a terminal draws both ("a\u200db" would
# push the pane's border); and the Hangul fillers, which Rich measures otherwise than terminals
# (U+3164: none where they give two cells), letting a line run over the next pane.
_FILLERS = "\u115f\u1160\u3164\uffa0"
_DROP = frozenset((*(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))), "\u200d", *_FILLERS))
# What makes one emoji of several, which terminals draw in as many widths as there are
# terminals (a skin tone, a joined family, a variation): each emoji is drawn alone instead, in
# the two cells every terminal gives it, so the panes' borders stay where they are.
_EMOJI_JOINERS = frozenset(("‍", "︎", "️", *map(chr, range(0x1F3FB, 0x1F400))))


@dataclass(frozen=True, slots=True)
class CleanText:
    """A cleaned string and the original offsets of the characters that were dropped."""

    text: str
    dropped: tuple[int, ...] = ()

    def offset(self, original: int) -> int:
        """Where offset `original` of the original string lands in `text`."""
        if not self.dropped:
            return original
        return original - bisect_left(self.dropped, original)


def _replacement(ch: str) -> str:
    code = ord(ch)
    if ch == "\t":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # control pictures: ␀ ... ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0x9F:
        return "\ufffd"
    return " "  # line and paragraph separators


def clean(text: str, *, single_line: bool = False) -> CleanText:
    """`text` with controls made visible, bidi overrides dropped and combining floods cut.

    With `single_line`, newlines become spaces too (titles, paths, list rows).
    """
    if single_line and "\n" in text:
        text = text.replace("\n", " ")
    if _SUSPECT.search(text) is None:
        return CleanText(text)
    out: list[str] = []
    dropped: list[int] = []
    marks = 0
    for i, ch in enumerate(text):
        if ch in _DROP or (ch in _EMOJI_JOINERS and i and _is_emoji(text[i - 1])):
            dropped.append(i)
            continue
        if unicodedata.combining(ch):
            marks += 1
            if marks > MAX_COMBINING:
                dropped.append(i)
                continue
            out.append(ch)
            continue
        marks = 0
        code = ord(ch)
        if ch != "\n" and (code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029)):
            out.append(_replacement(ch))
        else:
            out.append(ch)
    return CleanText("".join(out), tuple(dropped))


def _is_emoji(ch: str) -> bool:
    """Whether `ch` is a pictograph (or a joiner, modifier or variation that follows one)."""
    code = ord(ch)
    return code >= 0x1F000 or 0x2190 <= code <= 0x2BFF or ch in _EMOJI_JOINERS


def plain(text: str, style: Style | str = "", *, single_line: bool = True) -> Text:
    """A `Text` of untrusted `text`, shown literally."""
    return Text(clean(text, single_line=single_line).text, style=style, end="")


def styled(
    text: str,
    spans: Iterable[tuple[int, int, Style]],
    *,
    single_line: bool = False,
) -> Text:
    """A `Text` of untrusted `text` with `spans` (offsets into the original) styled."""
    cleaned = clean(text, single_line=single_line)
    result = Text(cleaned.text, end="")
    size = len(cleaned.text)
    for start, end, style in spans:
        s, e = cleaned.offset(start), cleaned.offset(end)
        if 0 <= s < e <= size:
            result.stylize(style, s, e)
    return result


def shorten(text: str, width: int) -> str:
    """`text` cut to `width` characters with an ellipsis."""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"
