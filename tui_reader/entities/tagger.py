"""Finding mentions in text: registry aliases (matcher + guards) merged with rule-found names."""

from __future__ import annotations

import bisect
import threading
from collections.abc import Sequence
from functools import cache

from tui_reader.entities.folding import TextKeys
from tui_reader.entities.guards import (
    APPLIES,
    GUARDS,
    SPORT_WORDS,
    Context,
    Guard,
    quiet,
    sports_team,
)
from tui_reader.entities.matcher import AliasMatcher, Candidate, Entry, select_longest
from tui_reader.entities.mention import Mention
from tui_reader.entities.registry import EntityInfo, EntityRegistry, default_registry
from tui_reader.entities.rules import RuleFinder

_FORM_RANK = {"name": 0, "acronym": 1, "demonym": 2}


class Tagger:
    """Tags countries and organizations in text with a registry's aliases and the rules.

    The automata are built on first use and kept; a `Tagger` is safe to share between threads.
    """

    def __init__(
        self,
        registry: EntityRegistry,
        *,
        guards: Sequence[str] | None = None,
        rules: bool = True,
    ) -> None:
        self.registry = registry
        self._guard_names = list(GUARDS) if guards is None else list(guards)
        self._guards: list[Guard] = [GUARDS[name] for name in self._guard_names]
        self._entry_guards: dict[int, tuple[Guard, ...]] = {}
        # `quiet` proves that none of the guards would reject a match, so it may stand in for
        # them only when all of them run
        self._all_guards = set(self._guard_names) == set(GUARDS)
        self._use_rules = rules
        self._matcher: AliasMatcher | None = None
        self._infos: dict[str, EntityInfo] = {}
        self._lock = threading.Lock()
        self._rules = RuleFinder()

    @property
    def matcher(self) -> AliasMatcher:
        """The compiled aliases (built once)."""
        if self._matcher is None:
            with self._lock:
                if self._matcher is None:
                    self._infos = {info.id: info for info in self.registry.entities()}
                    self._matcher = AliasMatcher(
                        self.registry.aliases(), self._infos.values(), markers=SPORT_WORDS
                    )
        return self._matcher

    def candidates(
        self,
        text: str,
        lang: str = "und",
        keys: TextKeys | None = None,
        teams: list[Candidate] | None = None,
    ) -> list[Candidate]:
        """Registry matches that pass boundaries, case policy and guards, non-overlapping.

        Countries that the `sports_team` guard reads as national teams are appended to `teams`
        when it is given."""
        found = self.matcher.find(text, lang, keys)
        if not found:
            return []
        ctx = Context(
            text,
            lang,
            candidate_starts=frozenset(c.start for c in found),
            keys=keys,
        )
        entry_guards = self._entry_guards

        def rank(c: Candidate) -> tuple[int, int, int, str]:
            entry = c.entry
            lang_miss = 0 if not entry.lang or entry.lang == lang or lang == "und" else 1
            return (_FORM_RANK[entry.form], lang_miss, 0 if entry.kind == "country" else 1, entry.entity_id)

        shortcut = self._all_guards

        def accept(c: Candidate) -> bool:
            if shortcut and quiet(ctx, c):
                return True
            guards = entry_guards.get(id(c.entry))
            if guards is None:
                guards = self._guards_for(c.entry)
            for guard in guards:
                if guard(ctx, c):
                    if guard is sports_team and teams is not None:
                        teams.append(c)
                    return False
            return True

        return select_longest(found, rank, accept if self._guards else None)

    def _guards_for(self, entry: Entry) -> tuple[Guard, ...]:
        guards = tuple(GUARDS[name] for name in self._guard_names if APPLIES[name](entry))
        self._entry_guards[id(entry)] = guards
        return guards

    def tag(self, text: str, lang: str = "und") -> list[Mention]:
        """Mentions of countries and organizations in `text`, sorted by start offset and never
        overlapping; never raises. Registry matches win over rule-found names where they
        overlap, except that a rule name containing registry countries or demonyms replaces
        them ("Reserve Bank of India"). Countries that are national teams in a match report
        come out as organizations found by a rule."""
        if not text:
            return []
        keys = TextKeys.of(text)
        teams: list[Candidate] = []
        mentions = [self._mention(text, c) for c in self.candidates(text, lang, keys, teams)]
        if self._use_rules:
            rule_mentions = self._rules.find(text, lang, mentions, keys)
            if teams:
                rule_mentions += [self._team(text, c) for c in teams]
                rule_mentions.sort(key=lambda m: (m.start, m.end))
            if rule_mentions:
                mentions = _merge(mentions, rule_mentions)
        return mentions

    def _team(self, text: str, cand: Candidate) -> Mention:
        """A country's national team in a match report: an organization found by a rule."""
        info = self._infos.get(cand.entry.entity_id)
        name_en = info.name_en if info else cand.entry.text
        name_fr = info.name_fr if info else cand.entry.text
        return Mention(
            start=cand.start,
            end=cand.end,
            text=text[cand.start : cand.end],
            kind="organization",
            form="name",
            id=f"rule:{cand.entry.entity_id.partition(':')[2].lower()}-national-team",
            name_en=f"{name_en} national team",
            name_fr=f"{name_fr} (équipe nationale)",
            source="rule",
        )

    def _mention(self, text: str, cand: Candidate) -> Mention:
        entry = cand.entry
        info = self._infos.get(entry.entity_id) or self.registry.entity(entry.entity_id)
        name_en = info.name_en if info else entry.text
        name_fr = info.name_fr if info else entry.text
        return Mention(
            start=cand.start,
            end=cand.end,
            text=text[cand.start : cand.end],
            kind=entry.kind,
            form=entry.form,
            id=entry.entity_id,
            name_en=name_en,
            name_fr=name_fr,
            source="registry",
        )


def _merge(registry: list[Mention], rules: list[Mention]) -> list[Mention]:
    """Registry mentions plus the rule mentions, sorted and without overlaps.

    A rule name that strictly contains registry countries or demonyms is the longer name they are
    part of ("Reserve Bank of India", "German Society for the Protection of Animals") and replaces
    them; any other overlap keeps the registry mention.
    """
    kept = sorted(registry, key=lambda m: (m.start, m.end))
    starts = [m.start for m in kept]
    dropped: set[int] = set()
    added: list[Mention] = []
    for rule in rules:
        # registry mentions are sorted and never overlap each other
        i = bisect.bisect_left(starts, rule.start)
        if i > 0 and kept[i - 1].end > rule.start:
            i -= 1
        overlapping = []
        while i < len(kept) and kept[i].start < rule.end:
            if i not in dropped:
                overlapping.append(i)
            i += 1
        if not overlapping:
            added.append(rule)
            continue
        inside = rule.form == "name" and all(
            rule.start <= kept[j].start
            and kept[j].end <= rule.end
            and (kept[j].start, kept[j].end) != (rule.start, rule.end)
            and kept[j].kind == "country"
            for j in overlapping
        )
        if inside:
            dropped.update(overlapping)
            added.append(rule)
    merged = [m for j, m in enumerate(kept) if j not in dropped]
    # rule mentions never overlap each other except an acronym inside a name it defines
    merged.extend(_without_overlaps(added))
    merged.sort(key=lambda m: (m.start, m.end))
    return merged


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    end = -1
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.start >= end:
            out.append(m)
            end = m.end
    return out


@cache
def default_tagger() -> Tagger:
    """The tagger over the default registry (built once per process)."""
    return Tagger(default_registry())
