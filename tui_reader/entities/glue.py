"""Country names glued by OCR to the short word after them: "gouvernant la Francesans
responsabilité", "On essaie au Japondes filets", "la Pologneen aurait deux".

The matcher finds names glued to a capital or a digit ("FranceAjoutons", "Luxembourg2.586"), where
the change of case marks the junction. A lowercase word glued after a name leaves no such mark, so
this module looks for a French country name followed by one of a closed list of French function
words, as one word, in text whose OCR glues words elsewhere too. The glued word must not itself be
an alias of the registry ("Malien", "Chilien" are demonyms, not "Mali en", "Chili en").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import ahocorasick_rs

from tui_reader.entities.folding import TextKeys, key_of
from tui_reader.entities.matcher import Candidate, Entry
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
        starts, ends = keys.junctions
        if self._ac is None or (len(starts) + len(ends)) * 1000 < _GLUE_DENSITY * len(text):
            return []
        out: list[Candidate] = []
        for index, start, _end in self._ac.find_matches_as_indexes(keys.lower, overlapping=False):
            entry = self._entries[index]
            # padded key byte `start` is the space before the word: the word is text[start:]
            if text[start : start + 1].isupper():
                out.append(Candidate(start, start + self._ends[index], entry))
        return out
