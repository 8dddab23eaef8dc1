"""Organization names with a word that OCR broke at a line end: "la So¬ciété des nations", "la
Reichs¬bank", "la Cham¬bre".

OCR of old newspapers keeps the hyphen of a word broken at the end of a line as "¬", and the
word's second half follows it at once. The matcher folds one character for one character, so an
alias cannot match across the mark, and a head noun broken so is not a head. The tagger tags the
text once more with these marks taken out and keeps the organizations that span one, at their
offsets in the original text ("So¬ciété des nations", with the mark). A "¬" before a capital
joins two words ("Saint¬Mandé", "South¬Eastern") and stays.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from tui_reader.entities.mention import Mention, make_mention, replaced_by

# A line-break mark between two letters, the second in lowercase: the two halves of one word.
_BREAK = re.compile(r"(?<=[^\W\d_])\u00ac(?=[a-zà-ÿß])")


def rejoin_broken_words(
    text: str, mentions: list[Mention], tag: Callable[[str], list[Mention]]
) -> list[Mention]:
    """`mentions` of `text`, with the organizations that `tag` finds once the words broken at a
    line end are whole again; those win over the mentions they overlap. `tag` tags a text."""
    breaks = [m.start() for m in _BREAK.finditer(text)]
    if not breaks:
        return mentions
    joined = _BREAK.sub("", text)
    # where each mark would be in the joined text: the character after it lands there
    moved = [p - k for k, p in enumerate(breaks)]

    def original(i: int) -> int:
        return i + bisect.bisect_right(moved, i)

    found: list[Mention] = []
    for m in tag(joined):
        if m.kind != "organization":
            continue
        start = original(m.start)
        end = original(m.end - 1) + 1
        k = bisect.bisect_right(breaks, start)
        if k == len(breaks) or breaks[k] >= end:
            continue  # no broken word inside: the first pass saw the same name
        found.append(
            make_mention(start, end, text[start:end], m.kind, m.form, m.id, m.name_en, m.name_fr, m.source)
        )
    return replaced_by(mentions, found)
