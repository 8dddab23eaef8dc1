"""Arabic names with a proclitic attached: "والجزائر" (and Algeria), "بالمغرب" (in Morocco),
"للأمم المتحدة" (to the United Nations).

Arabic writes the conjunctions و and ف and the prepositions ب, ك and ل as one word with the name
after them, and ل followed by the article ال drops the article's alif ("لل"). The matcher knows
each name also in these spellings; the proclitic is not part of the mention.
"""

from __future__ import annotations

from collections.abc import Iterator

_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ك", "ل")
_ARTICLE = "ال"


def is_arabic(text: str) -> bool:
    """Whether `text` holds a letter of the Arabic script."""
    return any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in text)


def with_proclitics(name: str) -> Iterator[tuple[str, int]]:
    """The spellings of `name` with a proclitic attached, and the proclitic's length in
    characters of the text (what comes before the mention)."""
    for conjunction in _CONJUNCTIONS:
        for preposition in _PREPOSITIONS:
            prefix = conjunction + preposition
            if not prefix:
                continue
            if preposition == "ل" and name.startswith(_ARTICLE):
                # "ل" + "الجزائر" is written "للجزائر": the mention is "لجزائر", the article's lam on
                yield prefix + name[1:], len(prefix)
            else:
                yield prefix + name, len(prefix)


def without_proclitic(text: str) -> Iterator[str]:
    """What `text` may be with a proclitic taken off (the inverse of `with_proclitics`):
    "بالمغرب" gives "المغرب", "للجزائر" gives "الجزائر"; nothing for a word that opens with
    none."""
    if text[:1] not in _OPENINGS:
        return
    for conjunction in _CONJUNCTIONS:
        for preposition in _PREPOSITIONS:
            prefix = conjunction + preposition
            if not prefix or not text.startswith(prefix) or len(text) <= len(prefix) + 1:
                continue
            rest = text[len(prefix) :]
            if preposition == "ل" and rest.startswith("ل"):
                yield "ا" + rest  # "للجزائر": the article's lam after the preposition
            yield rest


# The letters a proclitic opens with.
_OPENINGS = frozenset((c + p)[0] for c in _CONJUNCTIONS for p in _PREPOSITIONS if c + p)
