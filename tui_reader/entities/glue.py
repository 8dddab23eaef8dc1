"""Names glued by OCR to the short word after them: "gouvernant la Francesans responsabilité",
"On essaie au Japondes filets", "je demande au Sénatla permission", "les combattants de l'Armée
rougeet".

The matcher finds names glued to a capital or a digit ("FranceAjoutons", "Luxembourg2.586"), where
the change of case marks the junction. A lowercase word glued after a name leaves no such mark, so
this module looks for a French country name followed by one of a closed list of French function
words, as one word, in text whose OCR glues words elsewhere too. The glued word must not itself be
an alias of the registry ("Malien", "Chilien" are demonyms, not "Mali en", "Chili en").

Organizations are found the same way, with the text's own words as the evidence
(`split_glued_words`): a word that ends with one of those function words is two words when its
first part stands alone elsewhere in the text and the whole word does not ("Sénatla" beside
"Sénat", but "Vienne", "Cabinet" and "Allemagne" stay whole). The text is tagged once more with
those words apart, and the organizations that end where a function word was glued on win over what
the first pass found there ("l'A.S. Bourse" for "l'A.S. Bourseet").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import ahocorasick_rs

from tui_reader.entities.folding import TextKeys, key_of
from tui_reader.entities.matcher import Candidate, Entry
from tui_reader.entities.mention import Mention, make_mention, replaced_by
from tui_reader.entities.registry import Alias, EntityInfo

# Short French words that follow a country name: prepositions, articles, conjunctions and the
# most frequent verbs after a subject ("la France est", "l'Allemagne a").
GLUED_WORDS = tuple(
    """
    de des du d en et est a à au aux sans sur par pour qui que ne n le la les l dans ont ou où
    avec contre vers sera seront avait était
    """.split()
)


# Junctions of glued words ("laChambre", "FranceAjoutons") per thousand characters from which a
# text counts as glued by OCR; clean news has next to none ("McDonald" makes two).
_GLUE_DENSITY = 2


class GluedNames:
    """French country names glued to a following function word, found with one automaton."""

    def __init__(self, aliases: Iterable[Alias], infos: Iterable[EntityInfo]) -> None:
        countries = {info.id: info for info in infos if info.kind == "country"}
        alias_list = list(aliases)
        taken = {key_of(a.text, keep_case=False) for a in alias_list}
        self._entries: list[Entry] = []
        self._ends: list[int] = []  # length of the name in each pattern
        patterns: list[bytes] = []
        seen: set[bytes] = set()
        for alias in alias_list:
            info = countries.get(alias.entity_id)
            text = alias.text
            if (
                info is None
                or alias.form != "name"
                or alias.lang not in ("fr", "")
                or alias.risk
                or not text[:1].isupper()
                or not text.replace("-", "").replace(" ", "").isalpha()
            ):
                continue
            entry = Entry(
                text=text,
                entity_id=alias.entity_id,
                kind="country",
                form="name",
                lang=alias.lang,
                trailing="",
                decisive=0,
                lowercase_alias=False,
            )
            name_key = key_of(text, keep_case=False)
            for word in GLUED_WORDS:
                glued = name_key + key_of(word, keep_case=False)
                if glued in taken or glued in seen:
                    continue
                seen.add(glued)
                patterns.append(b" " + glued + b" ")
                self._entries.append(entry)
                self._ends.append(len(text))
        self._patterns = patterns
        self._ac = ahocorasick_rs.BytesAhoCorasick(patterns) if patterns else None

    def __getstate__(self) -> dict[str, Any]:
        # the compiled automaton does not pickle; it is built again from the patterns
        return {**self.__dict__, "_ac": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._ac = ahocorasick_rs.BytesAhoCorasick(self._patterns) if self._patterns else None

    def find(self, text: str, keys: TextKeys) -> list[Candidate]:
        """Glued country names in `text` (French, with `keys` its match keys), as candidates
        whose span covers the name only. Nothing when the text shows few other glued words."""
        if self._ac is None or not glued_text(text, keys):
            return []
        out: list[Candidate] = []
        for index, start, _end in self._ac.find_matches_as_indexes(keys.lower, overlapping=False):
            entry = self._entries[index]
            # padded key byte `start` is the space before the word: the word is text[start:]
            if text[start : start + 1].isupper():
                out.append(Candidate(start, start + self._ends[index], entry))
        return out


# What a word glued on before an apostrophe may be: "Gauloisd'une part", "Corbeiln'a pas".
_ELIDED = frozenset(("d", "l", "n"))
# The function words that `split_glued_words` takes off a word's end: the words of two letters or
# more (a word ending in "a" or "à" is mostly one word).
_TAILS = tuple(sorted((w for w in GLUED_WORDS if len(w) > 1), key=len, reverse=True))
# The longest of `_TAILS` that ends a word (the match that starts first is the longest).
_TAIL = re.compile("(?:" + "|".join(map(re.escape, _TAILS)) + ")$")
# Letters that the first part of a glued word has at least.
_MIN_PART = 3
_LETTERS = re.compile(r"[^\W\d_]+")
# A word with a capital after a lowercase letter: OCR's junction ("laFrance"), or a name such as
# "McCain", "YouTube", "WestLB", which an article repeats.
_JOINED = re.compile(r"[^\W\d_]*[a-zß-ÿ][A-ZÀ-Þ][^\W\d_]*")
# A French function word glued to the capital after it: OCR's, never a name's ("laFrance").
_GLUED_ARTICLE = re.compile(
    r"(?<![^\W\d_])(?:la|le|les|de|du|des|en|au|aux|et|à|par|sur|dans|pour|que|qui)[A-ZÀ-Þ]"
)


def _ocr_junctions(text: str) -> bool:
    """Whether the junctions of `text` look made by OCR: a function word glued to a capital, or a
    joined word that occurs once (a name's junction recurs with the name)."""
    return _GLUED_ARTICLE.search(text) is not None or 1 in Counter(_JOINED.findall(text)).values()


def glued_text(text: str, keys: TextKeys) -> bool:
    """Whether OCR glued words of `text` together here and there (junctions per thousand
    characters)."""
    starts, ends = keys.junctions
    return (len(starts) + len(ends)) * 1000 >= _GLUE_DENSITY * len(text)


def glued_splits(text: str) -> list[int]:
    """Where a French function word glued on by OCR starts inside a word of `text`: the offsets at
    which a space would part the two words. The word's first part stands alone elsewhere in the
    text, and the whole word does not (case aside)."""
    counts = Counter(map(str.lower, _LETTERS.findall(text)))
    out: list[int] = []
    for match in _LETTERS.finditer(text):
        if match.end() - match.start() <= _MIN_PART:
            continue
        word = match.group().lower()
        if len(word) <= _MIN_PART + 1 or counts[word] > 1:
            continue
        end = match.end()
        if text[end : end + 1] in ("'", "\u2019") and word[-1] in _ELIDED:
            tail = word[-1]
        else:
            found = _TAIL.search(word)
            tail = found.group() if found is not None else ""
        if not tail or len(word) - len(tail) < _MIN_PART:
            continue
        if counts[word[: -len(tail)]]:
            out.append(end - len(tail))
    return out


def split_glued_words(
    text: str, keys: TextKeys, mentions: list[Mention], tag: Callable[[str], list[Mention]]
) -> list[Mention]:
    """`mentions` of `text` (French, with `keys` its match keys), with the organizations that `tag`
    finds once the function words that OCR glued to a word are apart again (`glued_splits`), when
    they end where such a word was glued on; those win over the mentions they overlap. Nothing
    changes in a text whose OCR glues few words. `tag` tags a text."""
    if not glued_text(text, keys) or not _ocr_junctions(text):
        return mentions
    splits = glued_splits(text)
    if not splits:
        return mentions
    parts = []
    prev = 0
    for pos in splits:
        parts.append(text[prev:pos])
        prev = pos
    parts.append(text[prev:])
    apart = " ".join(parts)
    # where each inserted space is in `apart`
    spaces = [pos + k for k, pos in enumerate(splits)]
    ends = set(splits)
    found: list[Mention] = []
    for m in tag(apart):
        if m.kind != "organization":
            continue
        start = m.start - bisect.bisect_left(spaces, m.start)
        end = m.end - bisect.bisect_left(spaces, m.end)
        if end not in ends:
            continue
        found.append(
            make_mention(start, end, text[start:end], m.kind, m.form, m.id, m.name_en, m.name_fr, m.source)
        )
    return replaced_by(mentions, found)
