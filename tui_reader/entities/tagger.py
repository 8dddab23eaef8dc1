"""Finding mentions in text: registry aliases (matcher + guards) merged with rule-found names."""

from __future__ import annotations

import bisect
import hashlib
import re
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace
from functools import cache
from operator import attrgetter

from tui_reader.entities import compiled
from tui_reader.entities.companies import FOLDED_FORMS, with_legal_forms
from tui_reader.entities.definitions import own_acronyms
from tui_reader.entities.described import CUE_WORDS, described_names
from tui_reader.entities.folding import TextKeys, fold, fold_word
from tui_reader.entities.foreign_bodies import unlink_foreign_bodies
from tui_reader.entities.glue import GluedNames, split_glued_words
from tui_reader.entities.guards import (
    APPLIES,
    GUARDS,
    MARKERS,
    Context,
    Guard,
    building,
    foreign_qualifier,
    inside_event_name,
    names_no_state,
    quiet,
    region,
    sports_team,
)
from tui_reader.entities.linebreaks import rejoin_broken_words
from tui_reader.entities.matcher import BRAND_KINDS, AliasMatcher, Candidate, Entry, sweep_longest
from tui_reader.entities.mention import Form, Kind, Mention, linked_to, make_mention
from tui_reader.entities.namesakes import namesakes_settled
from tui_reader.entities.registry import EntityInfo, EntityRegistry, data_version, default_registry
from tui_reader.entities.rules import RuleFinder, rule_acronym, rule_mention, sentence_start_at, slug

_FORM_RANK = {"name": 0, "acronym": 1, "demonym": 2}
# A complement that makes a French company or society name another body: one capitalised word
# (a place or a name) after "de", "d'", "du" or "à", and nothing capitalised after it.
_BRANCH = re.compile(
    r"[ \t](?P<link>(?:de|du|à)[ \t]+|d['’])(?P<place>[A-ZÀ-Ý][^\W\d_]*(?:-[^\W\d_]+)*)"
    r"(?![^\W\d_]|['’]|[ \t]+[A-ZÀ-Ý])"
)
_BRANCHING_KINDS = frozenset(("company", "ngo", "media", "other"))
# Kinds of registry organizations that a legal form may follow: the others are no firm.
_FIRM_KINDS = frozenset(("company", "media", "sports", "ngo", "other"))
# What joins a body's name to the state it belongs to: "de", "du", "des", "d'", "of", with an
# article ("de la", "de l'", "of the").
_OF_STATE = re.compile(r"[ \t]+(?:(?:de|du|des|of)[ \t]+(?:(?:la|les|the)[ \t]+|l['’])?|d['’])")
# A complement that opens a longer name: "de", "du", "des", "d'" in French, "of" in English.
_COMPLEMENT = {
    "fr": re.compile(r"[ \t]+(?:de|du|des)[ \t]|[ \t]+d['’]"),
    "en": re.compile(r"[ \t]+of[ \t]"),
}
# A French complement that opens with a capitalised word may name the body's leader ("le Front
# national de Marine Le Pen") or the place where it sits ("le Conseil fédéral de Berne"): only a
# common noun ("de la justice") or an acronym ("du NC") makes the longer name another body.
_PLACE_COMPLEMENT = re.compile(
    r"[ \t]+(?:(?:de|du|des)[ \t]+(?:(?:la|les)[ \t]+|l['’])?|d['’])[A-ZÀ-Ý](?![A-ZÀ-Ý])"
)
# "de" and a bare plural is no complement of a name but the object of a verb or a quantity: "saisir
# le Conseil constitutionnel de votes frauduleux", "le Conseil national de nombreux pays".
_BARE_PLURAL = re.compile(r"[ \t]+d(?:e[ \t]+|['’])[a-zß-ÿ]*[sx](?![^\W\d_])")
# The words that give a name a complement or a second part ("Chambre des députés", "House of
# Representatives", "Justice and Development Party").
_LINKS = frozenset("de du des d pour sur à au aux la le les l et of for on and the in".split())
# A word that links a head to its complement, before a name inside it: "Ministry of Labour",
# "ministère du Travail".
_COMPLEMENT_LINK = re.compile(r"[ \t](?:of|for|on|de|du|des|pour)[ \t]|[ \t]d['’]")
_WORD = re.compile(r"[^\W\d_]+")
_BETWEEN_WORDS = re.compile(r"[\s-]+")
# The word for a body's kind after its name, part of the name: "Likud Party", "Publicis Group".
_KIND_WORD = re.compile(r"[ \t\xa0]([A-Z][a-z]+)(?![\w-]|[ \t\xa0]+[A-Z])")
_KIND_WORDS = {"party": frozenset(("Party",)), "company": frozenset(("Group",))}
# The most words of a state's name before a national body's ("United States", "United Arab
# Emirates"): `_national_name`.
_MAX_STATE_WORDS = 3
_start_end = attrgetter("start", "end")
# How the tagger treats one matcher entry in text of one language: its rank among matches of the
# same length (lower wins) and the guards that can reject it.
# (`quiet`: whether the `quiet` shortcut may answer for the guards)
_Plan = tuple[tuple[int, int, int, str], tuple[Guard, ...], bool]


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
        # language -> id of a matcher entry -> its rank and the guards that can reject it
        self._plans: dict[str, dict[int, _Plan]] = {}
        # `quiet` proves that none of the guards would reject a match, so it may stand in for
        # them only when all of them run
        self._all_guards = set(self._guard_names) == set(GUARDS)
        self._use_rules = rules
        self._matcher: AliasMatcher | None = None
        self._infos: dict[str, EntityInfo] = {}
        # id of a matcher entry -> the kind, form, id and names of its mentions
        self._templates: dict[int, tuple[Kind, Form, str, str, str]] = {}
        self._lock = threading.RLock()
        self._rules_finder: RuleFinder | None = None
        self._glued: GluedNames | None = None
        self._names: dict[str, str] | None = None  # see `_unambiguous_names`
        self._firms: dict[str, str] | None = None  # see `_company_names`
        self._national: tuple[dict[str, str], dict[tuple[str, str], str]] | None = None  # `_national_names`

    def __getstate__(self) -> dict[str, object]:
        # the lock does not pickle, and plans and templates are keyed by the ids of this process's
        # objects
        state = self.__dict__.copy()
        for name in ("_lock", "_plans", "_templates"):
            del state[name]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._plans = {}
        self._templates = {}
        self._lock = threading.RLock()

    @property
    def version(self) -> str:
        """What an index records of the tagger that extracted its entities: the registry's data
        version and a hash of the code that reads text with it. Either changing re-extracts."""
        version = f"{self.registry.version}.{compiled.code_digest()}"
        if self._all_guards and len(self._guard_names) == len(GUARDS) and self._use_rules:
            return version
        options = ",".join(sorted(self._guard_names)) + (":rules" if self._use_rules else "")
        return f"{version}.{hashlib.sha256(options.encode()).hexdigest()[:8]}"

    def build_all(self) -> Tagger:
        """Build the rules and the automata now rather than on first use; `self`."""
        _ = self.rules, self.matcher, self.glued
        return self

    @property
    def rules(self) -> RuleFinder:
        """The rules, with the registry's French demonyms as adjectives of names (built once)."""
        if self._rules_finder is None:
            with self._lock:
                if self._rules_finder is None:
                    demonyms = [
                        a.text
                        for a in self.registry.aliases()
                        if a.form == "demonym" and a.text[:1].islower() and " " not in a.text
                    ]
                    self._rules_finder = RuleFinder(demonyms)
        return self._rules_finder

    @property
    def matcher(self) -> AliasMatcher:
        """The compiled aliases (built once)."""
        if self._matcher is None:
            with self._lock:
                if self._matcher is None:
                    self._infos = {info.id: info for info in self.registry.entities()}
                    self._matcher = AliasMatcher(
                        self.registry.aliases(),
                        self._infos.values(),
                        markers=MARKERS | CUE_WORDS,
                        case_markers=self.rules.head_keys if self._use_rules else (),
                    )
        return self._matcher

    @property
    def glued(self) -> GluedNames:
        """French country names glued by OCR to the word after them (built once)."""
        if self._glued is None:
            with self._lock:
                if self._glued is None:
                    self._glued = GluedNames(self.registry.aliases(), self.registry.entities())
        return self._glued

    def candidates(
        self,
        text: str,
        lang: str = "und",
        keys: TextKeys | None = None,
        teams: list[Candidate] | None = None,
    ) -> list[Candidate]:
        """Registry matches that pass boundaries, case policy and guards, non-overlapping, sorted
        by start.

        Countries that the `sports_team` guard reads as national teams are appended to `teams`
        when it is given."""
        return self._candidates(text, lang, keys, {} if teams is None else {sports_team: teams})[0]

    def _candidates(
        self,
        text: str,
        lang: str,
        keys: TextKeys | None,
        set_aside: Mapping[Guard, list[Candidate]],
    ) -> tuple[list[Candidate], Context | None]:
        """`candidates`, and the context the guards read (None when nothing matched). A match
        that one of the guards in `set_aside` rejects is appended to that guard's list: national
        teams (`sports_team`), another country's body (`foreign_qualifier`), a building read as a
        place (`building`)."""
        if keys is None:
            keys = TextKeys.of(text)
        found = self.matcher.find(text, lang, keys)
        if lang == "fr":
            found += self.glued.find(text, keys)
        if not found:
            return [], None
        ctx = Context(
            text,
            lang,
            # a city that may name its club is no neighbouring name for the guards that look for
            # one: "Lyon-P.T.T." (a radio station), "Red Bull Leipzig", "Werder Bremen Bad week"
            candidate_starts=frozenset([c.start for c in found if "sport-city" not in c.entry.risk_kinds]),
            keys=keys,
            demonym_at={
                c.start: c.entry.entity_id[8:]
                for c in found
                if c.entry.form == "demonym" and c.entry.kind == "country"
            },
            state_starts=frozenset(
                [
                    c.start
                    for c in found
                    if c.entry.kind == "country" and c.entry.form == "name" and not c.entry.risk
                ]
            ),
            non_states=sorted([(c.start, c.end) for c in found if c.entry.risk and names_no_state(c.entry)]),
            found=found,
        )
        plans = self._plans.get(lang)
        if plans is None:
            plans = self._plans[lang] = {}

        use_guards = bool(self._guards)
        # where the country names end that the `region` guard read as a part of the country
        regions: set[int] = set()

        def accept(c: Candidate) -> bool:
            entry = c.entry
            plan = plans.get(id(entry))
            if plan is None:
                plan = self._plan(entry, lang, plans)
            guards = plan[1]
            if not guards or not use_guards:
                return True
            if regions and entry.form == "demonym" and c.start - 1 in regions:
                return False  # "la Suisse française": the adjective that makes it a region
            if plan[2] and quiet(ctx, c):
                return True
            for guard in guards:
                if guard(ctx, c):
                    kept = set_aside.get(guard)
                    if kept is not None:
                        kept.append(c)
                    if guard is region:
                        regions.add(c.end)
                    return False
            return True

        def rank(c: Candidate) -> tuple[int, int, int, str]:
            plan = plans.get(id(c.entry))
            if plan is None:
                plan = self._plan(c.entry, lang, plans)
            return plan[0]

        return _longest(found, rank, accept), ctx

    def _plan(self, entry: Entry, lang: str, plans: dict[int, _Plan]) -> _Plan:
        lang_miss = 0 if not entry.lang or entry.lang == lang or lang == "und" else 1
        kind_rank = 0 if entry.kind == "country" else 1
        rank = (lang_miss, _FORM_RANK[entry.form], kind_rank, entry.entity_id)
        guards = tuple(GUARDS[name] for name in self._guard_names if APPLIES[name](entry, lang))
        # `quiet` answers for country names that are no risky alias only (see there)
        use_quiet = (
            self._all_guards and entry.kind == "country" and entry.form != "demonym" and not entry.risk
        )
        plan = plans[id(entry)] = (rank, guards, use_quiet)
        return plan

    def tag(self, text: str, lang: str = "und") -> list[Mention]:
        """Mentions of countries and organizations in `text`, sorted by start offset and never
        overlapping; never raises. Registry matches win over rule-found names where they
        overlap, except that a rule name containing registry countries or demonyms replaces
        them ("Reserve Bank of India"), and in French a rule name whose complement is a registry
        organization, or a company's name with a place after it ("Société générale de Taïwan"),
        replaces it. A national body's name followed by another state's ("Chambre des députés du
        Luxembourg", "House of Representatives of Nigeria"), or a name that bodies of other states
        share continued by a complement ("Conseil national de la justice", "Congress of
        Deputies"), is another body, found by a rule (`_branches`, `_longer_names`). Countries
        that are national teams in a match report come out as organizations found by a rule;
        names inside the French name of an affair do not come out at all. A name that other states'
        bodies share, in an article that names other states and never the body's own, is no link
        to the registry's body (`foreign_bodies`: "Congress" in an article on Argentina). An
        organization's name with a word that OCR broke at a line end ("So¬ciété des nations") is
        found as if the word were whole (`linebreaks`). An acronym the article defines for a name
        of its own is that name's, and a wire's ticker names no other body (`definitions`); a
        country that opens a rule name in the possessive stays a country ("Japan's Canon Inc").
        In French text whose OCR glues words, an organization's name glued to the function word
        after it ("la Légion d'honneurdes réserves") is found as if the words were apart (`glue`).
        A newspaper's short title after a longer one that it ends is that newspaper ("the New York
        Times ... the Times"). A short name that two states share is the one whose places or
        leaders the article names ("Congo" beside Goma, `namesakes`)."""
        return self._tag(text, lang, apart=lang == "fr")

    def _tag(self, text: str, lang: str, apart: bool) -> list[Mention]:
        """`tag`; `apart`: whether to look for names glued to the word after them."""
        if not text:
            return []
        keys = TextKeys.of(text)
        teams: list[Candidate] = []
        qualified: list[Candidate] = []
        places: list[Candidate] = []
        set_aside: dict[Guard, list[Candidate]] = {
            sports_team: teams,
            foreign_qualifier: qualified,
            building: places,
        }
        chosen, ctx = self._candidates(text, lang, keys, set_aside)
        mentions = with_legal_forms(text, self._mentions(text, chosen), self._firm_for(text))
        mentions = self._with_kind_words(text, mentions)
        if ctx is not None:
            mentions = self._named_in_the_article(mentions, ctx)
        generic = {c.start for c in chosen if "generic" in c.entry.risk_kinds}
        rule_mentions: list[Mention] = []
        if self._use_rules:
            mentions = self._branches(text, lang, mentions)
            found = self.rules.find(text, lang, mentions, keys, shared=generic)
            described = described_names(text, lang, keys, mentions, found)
            if described:
                found = sorted(found + described, key=_start_end)
            rule_mentions = _without_owners(text, found, mentions)
            if places:
                # a building the text is about as a place is no body under a rule's name either
                # ("les candidats à la Maison Blanche": the rules read "la maison Warnery")
                spans = {(c.start, c.end) for c in places}
                rule_mentions = [m for m in rule_mentions if (m.start, m.end) not in spans]
            if rule_mentions and lang == "fr":
                if ctx is None:
                    ctx = Context(text, lang, keys=keys)
                rule_mentions = [m for m in rule_mentions if not inside_event_name(ctx, m.start)]
            if rule_mentions and generic:
                mentions = self._longer_names(text, lang, mentions, rule_mentions, generic)
            if teams:
                rule_mentions += [self._team(text, c) for c in teams]
                rule_mentions.sort(key=_start_end)
            if qualified and ctx is not None:
                rule_mentions = _with_qualified_bodies(text, ctx, qualified, rule_mentions)
            if rule_mentions:
                buildings = {c.start for c in chosen if "building" in c.entry.risk_kinds}
                # national bodies' generic names: a longer rule name opening with words of its own wins
                national = {c.start: c.entry.country for c in chosen if c.start in generic}
                # names that the rules may continue: "Congrès international de chirurgie"
                continued = {c.start for c in chosen if "named-state" in c.entry.risk_kinds}
                mentions = _merge(
                    text,
                    mentions,
                    rule_mentions,
                    swallow=lang == "fr",
                    buildings=buildings,
                    generic=national,
                    continued=continued,
                )
        if generic:
            unkept = (
                c.entry.entity_id
                for c in (ctx.found if ctx is not None else ())
                if c.entry.kind == "organization" and "generic" not in c.entry.risk_kinds
            )
            mentions = unlink_foreign_bodies(text, mentions, generic, self._infos, unkept)
        if rule_mentions:
            # after the generic names' links are settled: a bare head takes the link its full
            # name kept, and is no evidence of that body's state
            mentions = _bare_heads_linked(mentions)
            mentions = self._registry_names(mentions)
        if "(" in text or "<" in text:
            mentions = own_acronyms(text, mentions)
        if "\u00ac" in text:
            mentions = rejoin_broken_words(text, mentions, lambda joined: self._tag(joined, lang, False))
        if apart:
            mentions = split_glued_words(text, keys, mentions, lambda split: self._tag(split, lang, False))
        return namesakes_settled(text, self._short_titles(mentions), self._names_of)

    def _names_of(self, entity_id: str) -> tuple[str, str] | None:
        info = self._infos.get(entity_id)
        return (info.name_en, info.name_fr) if info is not None else None

    def _named_in_the_article(self, mentions: list[Mention], ctx: Context) -> list[Mention]:
        """A name that several registry entities share is the one of them that the article also
        names otherwise, when the one chosen is not ("the Australian Broadcasting Corporation
        ... the ABC": the Australian broadcaster, not the American network)."""
        texts: dict[str, set[str]] = {}  # id -> the texts that name it here
        for m in mentions:
            texts.setdefault(m.id, set()).add(m.text)
        out = mentions
        for i, m in enumerate(mentions):
            if m.source != "registry" or len(texts[m.id]) > 1:
                continue
            entries = {c.entry.entity_id: c.entry for c in ctx.found_at(m.start, m.end)}
            named = [e for e in entries if e != m.id and texts.get(e, set()) - {m.text}]
            if len(entries) < 2 or len(named) != 1:
                continue
            info, entry = self._infos.get(named[0]), entries[named[0]]
            if info is None:
                continue
            if out is mentions:
                out = list(mentions)
            out[i] = replace(
                m, id=info.id, kind=info.kind, form=entry.form, name_en=info.name_en, name_fr=info.name_fr
            )
        return out

    def _with_kind_words(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A registry body's name takes the word for its kind after it ("the Alternative for
        Germany Party", "the Brazilian Democratic Movement Party (PMDB)", "the Publicis Group"),
        unless a longer name goes on ("Volkswagen Group China")."""
        out = mentions
        for i, m in enumerate(mentions):
            if m.source != "registry" or m.kind != "organization" or m.form != "name":
                continue
            word = _KIND_WORD.match(text, m.end)
            if word is None or word.group(1) not in _KIND_WORDS.get(self._org_kind(m.id), ()):
                continue
            if i + 1 < len(mentions) and mentions[i + 1].start < word.end():
                continue
            if out is mentions:
                out = list(mentions)
            out[i] = replace(m, end=word.end(), text=text[m.start : word.end()])
        return out

    def _short_titles(self, mentions: list[Mention]) -> list[Mention]:
        """A newspaper's short title that ends another one the article named before is that
        one's ("The New York Times ... the Times said": the New York paper, not London's Times)."""
        media: dict[str, tuple[int, str]] = {}  # id -> where it is first named, and that name
        for m in mentions:
            if m.source == "registry" and m.form == "name" and m.id not in media:
                if self._org_kind(m.id) == "media":
                    media[m.id] = (m.start, fold(m.text))
        if len(media) < 2:
            return mentions
        out = []
        for m in mentions:
            if m.id in media and m.form == "name":
                short = fold(m.text).removeprefix("the ").removeprefix("le ").removeprefix("la ")
                longer = [
                    other
                    for other, (first, name) in media.items()
                    if other != m.id
                    and first < m.start
                    and name.endswith(" " + short)
                    and len(name) > len(short) + 4
                ]
                if len(longer) == 1:
                    target = next(n for n in mentions if n.id == longer[0])
                    m = linked_to(m, target)
            out.append(m)
        return out

    def _org_kind(self, entity_id: str) -> str:
        info = self._infos.get(entity_id)
        return info.org_kind if info is not None else ""

    def _registry_names(self, mentions: list[Mention]) -> list[Mention]:
        """A name the rules found that is, letter for letter, one body's unambiguous name in
        the registry is that body ("the European Commission José Manuel Barroso": a guard kept
        the registry's match from the person's name after it, the rules found the name); a
        hyphen or a space between its words makes no difference ("Association of South-East
        Asian Nations", "Organisation for Economic Co-operation and Development")."""
        names = self._unambiguous_names()
        out = []
        linked: dict[str, EntityInfo] = {}  # rule id -> the registry body its name turned out to be
        for m in mentions:
            # not a name the article linked to a longer one of its own ("l'Académie des sciences"
            # after "Académie des sciences de la République tchèque")
            own = m.source == "rule" and m.form == "name" and m.id == f"rule:{slug(m.text)}"
            entity_id = names.get(_joined(fold(m.text))) if own else None
            if own and entity_id is None:
                entity_id = self._national_name(m.text)
            if own and entity_id is None:
                entity_id = self._company_with_form(m.text)
            info = self._infos.get(entity_id) if entity_id is not None else None
            if info is not None:
                linked.setdefault(m.id, info)
                m = replace(m, id=info.id, name_en=info.name_en, name_fr=info.name_fr, source="registry")
            out.append(m)
        if linked:
            # the article's other mentions of that name: "Renault SA ... Renault said"
            out = [
                replace(m, id=info.id, name_en=info.name_en, name_fr=info.name_fr, source="registry")
                if m.source == "rule" and (info := linked.get(m.id)) is not None
                else m
                for m in out
            ]
        return out

    def _company_with_form(self, name: str) -> str | None:
        """The registry company that `name` is, written with a legal form after one of its names
        ("Renault SA", "Ford Motor Co Inc"): the form says that a name a guard watches (a
        surname, a word) is the firm's. None when no one company has that name."""
        words = name.split()
        if len(words) < 2 or fold_word(words[-1].rstrip(".")) not in FOLDED_FORMS:
            return None
        return self._company_names().get(_joined(fold(" ".join(words[:-1]))))

    def _company_names(self) -> dict[str, str]:
        """Folded name, its words joined (`_joined`) -> the one firm it names, the names that
        guards watch included."""
        if self._firms is None:
            ids: dict[str, set[str]] = {}
            for alias in self.registry.aliases():
                info = self._infos.get(alias.entity_id)
                if alias.form != "demonym" and info is not None and info.org_kind in _FIRM_KINDS:
                    ids.setdefault(_joined(fold(alias.text)), set()).add(alias.entity_id)
            self._firms = {text: next(iter(found)) for text, found in ids.items() if len(found) == 1}
        return self._firms

    def _national_name(self, name: str) -> str | None:
        """The national body that `name` is, written with its state's name, acronym or English
        demonym before the body's own name in the registry ("United States Supreme Court" is
        the US Supreme Court), or None."""
        states, bodies = self._national_names()
        words = name.split()
        for n in range(1, min(len(words), _MAX_STATE_WORDS + 1)):
            code = states.get(fold(" ".join(words[:n])))
            body = bodies.get((code, _joined(fold(" ".join(words[n:]))))) if code is not None else None
            if body is not None:
                return body  # "American Samoa ..." tries "American", then "American Samoa"
        return None

    def _national_names(self) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
        """Folded names, acronyms and English demonyms of states -> their codes; (a code, a
        national body's folded name without the state's, its words joined) -> that body's id,
        for the names that name one body only."""
        if self._national is None:
            by_state: dict[str, set[str]] = {}
            for alias in self.registry.aliases():
                if alias.entity_id.startswith("country:") and not alias.risk:
                    if alias.form != "demonym" or alias.lang == "en":
                        by_state.setdefault(fold(alias.text), set()).add(alias.entity_id[8:])
            states = {name: next(iter(codes)) for name, codes in by_state.items() if len(codes) == 1}
            found: dict[tuple[str, str], set[str]] = {}
            for alias in self.registry.aliases():
                info = self._infos.get(alias.entity_id)
                if info is None or not info.country or alias.form != "name" or alias.lang == "fr":
                    continue
                words = alias.text.split()
                for n in range(1, min(len(words), _MAX_STATE_WORDS + 1)):
                    if states.get(fold(" ".join(words[:n]))) == info.country:
                        words = words[n:]
                        break
                key = (info.country, _joined(fold(" ".join(words))))
                found.setdefault(key, set()).add(info.id)
            bodies = {key: next(iter(ids)) for key, ids in found.items() if len(ids) == 1}
            self._national = (states, bodies)
        return self._national

    def _unambiguous_names(self) -> dict[str, str]:
        """Folded name, its words joined (`_joined`) -> the one organization it names, for the
        names no guard has to watch."""
        if self._names is None:
            risky = {_joined(fold(a.text)) for a in self.registry.ambiguous()}
            ids: dict[str, set[str]] = {}
            for alias in self.registry.aliases():
                if alias.form == "name" and alias.entity_id.startswith("org:"):
                    ids.setdefault(_joined(fold(alias.text)), set()).add(alias.entity_id)
            self._names = {
                text: next(iter(found))
                for text, found in ids.items()
                if len(found) == 1 and text not in risky
            }
        return self._names

    def _firm_for(self, text: str) -> Callable[[Mention, int], Mention | None]:
        """For `with_legal_forms`: the company that a registry acronym and a legal form ending at
        `end` name, when the registry's body is no firm ("HTC Corp"), else None."""

        def as_firm(m: Mention, end: int) -> Mention | None:
            info = self._infos.get(m.id)
            if m.source != "registry" or info is None or info.org_kind in _FIRM_KINDS:
                return None
            return rule_mention(text, m.start, end)

        return as_firm

    def _branches(self, text: str, lang: str, mentions: list[Mention]) -> list[Mention]:
        """A national body's name followed by "de", "du", "des", "d'" or "of" and the name of
        another state ("Académie des sciences de la République tchèque", "Chambre des députés du
        Luxembourg", "House of Representatives of Nigeria") names that state's body, and in French
        the name of a company, a society or a newspaper followed by "de", "du" or "à" and a place
        or a name ("Société générale de Taïwan", "Croix-Rouge de Centrafrique", "Crédit foncier
        d'Algérie", "Société Générale de Négociations") names another body: one mention found by a
        rule replaces the registry one and the country inside it. The national body's name alone
        later in the article is that other state's body too ("l'Académie des sciences de la
        République tchèque ... l'Académie des sciences"), unless its own state is named beside it
        ("la Chambre des députés de France", "the U.S. Export-Import Bank") or the registry's name
        there is a longer one than the name seen ("Export-Import Bank of the United States")."""
        out: list[Mention] = []
        skip_until = -1
        by_start: dict[int, Mention] | None = None
        # registry id of a national body -> the length of the name seen naming another state's
        # body, and that body
        branched: dict[str, tuple[int, Mention]] = {}
        for i, m in enumerate(mentions):
            if m.start < skip_until:
                continue
            if m.kind != "organization" or m.form != "name":
                out.append(m)
                continue
            info = self._infos.get(m.id)
            if info is None or not (info.country or (lang == "fr" and info.org_kind in _BRANCHING_KINDS)):
                out.append(m)
                continue
            if by_start is None:
                by_start = {other.start: other for other in mentions}
            state = _state_after(text, m.end, info.country, by_start) if info.country else None
            if state is not None:
                branch = rule_mention(text, m.start, state.end)
                out.append(branch)
                if info.org_kind not in BRAND_KINDS:  # "Ford Motor Co of Canada ... Ford Motor Co"
                    branched[m.id] = (len(m.text), branch)
                skip_until = state.end
                continue
            seen = branched.get(m.id)
            if (
                seen is not None
                and m.source == "registry"
                and len(m.text) <= seen[0]  # not a longer name: "Export-Import Bank of the United States"
                and not _own_state_beside(text, m, info.country, mentions[i - 1] if i else None, by_start)
            ):
                out.append(linked_to(m, seen[1]))
                continue
            if lang == "fr" and info.org_kind in _BRANCHING_KINDS:
                found = _BRANCH.match(text, m.end)
                if found is not None:
                    place = by_start.get(found.start("place"))
                    country = place is not None and place.kind == "country" and place.form == "name"
                    if (
                        ("-" not in found.group("place") or country)  # not "de Jean-Marie ..."
                        and (country or " " in m.text or "-" in m.text)  # not "la Ferrari de Schumacher"
                        and (place is None or place.end == found.end())
                        # "à" and a country: where a firm of several words has a branch ("la
                        # Société générale à Taïwan"), or where something happens ("sur YouTube à
                        # Singapour")
                        and (not found.group("link").startswith("à") or (country and " " in m.text))
                        and not (country and place is not None and place.id == f"country:{info.country}")
                    ):
                        out.append(rule_mention(text, m.start, found.end()))
                        skip_until = found.end()
                        continue
            out.append(m)
        return out

    def _longer_names(
        self, text: str, lang: str, mentions: list[Mention], rules: list[Mention], generic: set[int]
    ) -> list[Mention]:
        """`mentions` where the name of a national body that bodies of other states or fields
        share (`generic` holds where the registry's `generic` aliases matched), with no complement
        of its own ("Conseil national", "Congress"), opens a longer name that a rule found with a
        complement ("Conseil national de la justice", "Congress of Deputies"): another body, whose
        rule mention replaces the registry one and the countries inside it. A complement naming
        the body's own state or another body keeps it, and so does a second complement after a
        name that has one ("le vote par la Chambre des représentants du plan de sauvetage")."""
        if lang not in _COMPLEMENT:
            return mentions
        by_start = {m.start: i for i, m in enumerate(mentions)}
        replaced: dict[int, Mention] = {}
        dropped: set[int] = set()
        for k, rule in enumerate(rules):
            i = by_start.get(rule.start)
            if i is None or rule.form != "name":
                continue
            if k + 1 < len(rules) and rules[k + 1].start < rule.end:
                continue  # a body of the article in the complement: "the Congress of the FCC"
            m = mentions[i]
            if m.source != "registry" or m.kind != "organization" or m.form != "name" or rule.end <= m.end:
                continue
            info = self._infos.get(m.id)
            if (
                info is None
                or not info.country
                or m.start not in generic
                or not _complement_of_a_name(text, m.end, lang)
                or not _no_complement(m.text)
            ):
                continue
            j = i + 1
            while j < len(mentions) and mentions[j].start < rule.end:
                j += 1
            # the complement may name another state ("Congress of the Republic of Peru"), never
            # the body's own or another body
            if all(
                other.end <= rule.end and other.kind == "country" and other.id[8:] != info.country
                for other in mentions[i + 1 : j]
            ):
                replaced[i] = rule
                dropped.update(range(i + 1, j))
        if not replaced:
            return mentions
        return [replaced.get(i, m) for i, m in enumerate(mentions) if i not in dropped]

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

    def _mentions(self, text: str, chosen: list[Candidate]) -> list[Mention]:
        templates = self._templates
        out: list[Mention] = []
        append = out.append
        for cand in chosen:
            start, end = cand.start, cand.end
            found = templates.get(id(cand.entry))
            if found is None:
                found = self._template(cand.entry)
            kind, form, entity_id, name_en, name_fr = found
            if text.endswith("party", start, end) and kind == "organization":
                end = _without_lowercase_party(text, start, end)
            elif text.startswith(" Group", end) and cand.entry.org_kind in _GROUP_KINDS:
                end = _with_group(text, end)
            append(
                make_mention(start, end, text[start:end], kind, form, entity_id, name_en, name_fr, "registry")
            )
        return out

    def _template(self, entry: Entry) -> tuple[Kind, Form, str, str, str]:
        """What the mentions of `entry` share: kind, form, id and names."""
        info = self._infos.get(entry.entity_id) or self.registry.entity(entry.entity_id)
        name_en, name_fr = (info.name_en, info.name_fr) if info else (entry.text, entry.text)
        found = self._templates[id(entry)] = (entry.kind, entry.form, entry.entity_id, name_en, name_fr)
        return found


# A party's name with the common noun "party" after it in lowercase: "the Green party", "the
# Conservative party lawmaker".
_LOWERCASE_PARTY = re.compile(r"(?<=[^\W_])[ \t\xa0\n]+party$")


# Kinds of organizations whose name "Group" may end: "Volkswagen Group", "Alibaba Group".
_GROUP_KINDS = frozenset(("company", "media"))
_GROUP = re.compile(r" Group(?![\w'’-]| [A-Z])")


def _with_qualified_bodies(
    text: str, ctx: Context, qualified: list[Candidate], rules: list[Mention]
) -> list[Mention]:
    """`rules` with the bodies a name and another country's demonym make ("la Croix-Rouge
    suisse", "le Parti socialiste belge"), which no rule found: organizations of the article,
    holding the demonym. An acronym so qualified ("les P.T.T. américains") is a body of the
    article named by the acronym alone, as annotators mark it; the demonym stays a mention."""
    demonym_ends = {c.start: c.end for c in ctx.found if c.entry.form == "demonym"}
    added = []
    for c in qualified:
        end = demonym_ends.get(c.end + 1)
        if end is None or any(r.start <= c.start and end <= r.end for r in rules):
            continue
        name = text[c.start : c.end]
        if c.entry.form == "acronym":
            if not any(r.start < c.end and c.start < r.end for r in rules):
                added.append(rule_acronym(text, c.start, c.end, text[c.start : end]))
            continue
        if not name[:1].isupper() or not any(sep in name for sep in " -"):
            continue  # "le Google allemand", "les taliban pakistanais": a word, not a name
        if any(r.start < end and c.start < r.end for r in rules):
            continue  # a rule's name overlaps it: the rule's reading stands
        added.append(rule_mention(text, c.start, end))
    if not added:
        return rules
    return sorted(rules + added, key=_start_end)


def _with_group(text: str, end: int) -> int:
    """The end of a company's name followed by "Group", which is part of it as the company
    writes it ("Volkswagen Group", "the BMW Group's"): after "Group", unless a capitalised word
    goes on with a longer name ("Volkswagen Group China")."""
    found = _GROUP.match(text, end)
    return found.end() if found is not None else end


def _without_lowercase_party(text: str, start: int, end: int) -> int:
    """The end of a party's name matched with "party" written in lowercase after it: the name
    stops before that word, which only says what the name names, as annotators mark it ("the
    [Green] party", "[Conservative] party lawmaker"); `end` for "Green Party", "Labour Party"."""
    found = _LOWERCASE_PARTY.search(text, start, end)
    return found.start() if found is not None else end


def _state_after(text: str, end: int, own: str, by_start: dict[int, Mention]) -> Mention | None:
    """The mention of a state other than `own` (an ISO code) joined to what ends at `end` by
    "de", "du", "des", "d'" or "of" ("de la République tchèque", "of the Czech Republic")."""
    joined = _OF_STATE.match(text, end)
    if joined is None:
        return None
    state = by_start.get(joined.end())
    if state is None or state.kind != "country" or state.form != "name" or state.id[8:] == own:
        return None
    return state


def _own_state_beside(
    text: str, m: Mention, own: str, before: Mention | None, by_start: dict[int, Mention]
) -> bool:
    """Whether the state `own` (an ISO code) is named right before `m` ("the U.S. Export-Import
    Bank"), right after it ("la Chambre des députés française") or joined to it by "de", "of"
    ("la Chambre des députés de France")."""
    country = f"country:{own}"
    if before is not None and before.id == country and not text[before.end : m.start].strip():
        return True
    joined = _OF_STATE.match(text, m.end)
    after = m.end
    while after < len(text) and text[after] in " \t":
        after += 1
    return any(
        (state := by_start.get(at)) is not None and state.id == country
        for at in (after, joined.end() if joined else -1)
    )


def _complement_of_a_name(text: str, end: int, lang: str) -> bool:
    """Whether the words after `end` open a complement that continues a name: "de la justice",
    "du NC", "of Deputies", but not "de votes frauduleux" or "de Marine Le Pen"."""
    if _COMPLEMENT[lang].match(text, end) is None:
        return False
    return lang != "fr" or (
        _BARE_PLURAL.match(text, end) is None and _PLACE_COMPLEMENT.match(text, end) is None
    )


def _no_complement(name: str) -> bool:
    """Whether `name` is a noun with its adjectives only: "Conseil national", "Congress", but not
    "Chambre des députés" or "House of Representatives"."""
    return not any(fold(word) in _LINKS for word in _WORD.findall(name))


def _longest(
    found: list[Candidate],
    rank: Callable[[Candidate], tuple[int, int, int, str]],
    accept: Callable[[Candidate], bool],
) -> list[Candidate]:
    """`sweep_longest` over `found`, ranked by `rank`, asking `accept`, sorted by start.

    Matches that overlap no other are kept when `accept` takes them; the sweep runs only inside
    each group of matches that overlap one another, in the order it would run over them all, so
    the result and the order of the questions to `accept` within a group are the same."""
    if any(c.end <= c.start for c in found):
        order = [(c.start - c.end, rank(c), c.start, i) for i, c in enumerate(found)]
        return sweep_longest(found, order, accept)
    spans = sorted([(c.start, c.end, i) for i, c in enumerate(found)])
    chosen: list[Candidate] = []
    group: list[int] = []
    group_end = -1
    for start, end, i in spans:
        if start >= group_end:
            if len(group) == 1:
                cand = found[group[0]]
                if accept(cand):
                    chosen.append(cand)
            elif group:
                _settle(found, group, rank, accept, chosen)
            group = [i]
            group_end = end
        else:
            group.append(i)
            if end > group_end:
                group_end = end
    _settle(found, group, rank, accept, chosen)
    return chosen


def _settle(
    found: list[Candidate],
    group: list[int],
    rank: Callable[[Candidate], tuple[int, int, int, str]],
    accept: Callable[[Candidate], bool],
    chosen: list[Candidate],
) -> None:
    """Append to `chosen` what the sweep keeps of `found[i]` for `i` in `group`: matches that
    overlap one another and no other, sorted by start."""
    if len(group) == 1:
        cand = found[group[0]]
        if accept(cand):
            chosen.append(cand)
        return
    order = sorted((found[i].start - found[i].end, rank(found[i]), found[i].start, i) for i in group)
    kept: list[Candidate] = []
    for key in order:
        cand = found[key[-1]]
        start, end = cand.start, cand.end
        if any(k.start < end and start < k.end for k in kept):
            continue
        if accept(cand):
            kept.append(cand)
    kept.sort(key=_start_of)
    chosen.extend(kept)


def _start_of(c: Candidate) -> int:
    return c.start


def _merge(
    text: str,
    registry: list[Mention],
    rules: list[Mention],
    swallow: bool = False,
    buildings: Collection[int] = (),
    generic: Mapping[int, str] | None = None,
    continued: Collection[int] = (),
) -> list[Mention]:
    """Registry mentions plus the rule mentions, sorted and without overlaps.

    A rule name that strictly contains registry countries or demonyms is the longer name they are
    part of ("Reserve Bank of India", "German Society for the Protection of Animals") and replaces
    them; so does a French name whose complement is a registry organization, when `swallow`
    ("comité central du Parti communiste chinois"), and a name that contains an institution named
    by its building, registry mentions starting at one of `buildings` ("White House Economic
    Policy Council"), or that opens with words before a national body's name that bodies of many
    states share, registry mentions starting at a key of `generic` (the value: the body's
    country): "National Democratic Party", "American Pork Congress", but not a name that opens a
    sentence ("Then Congress") or is the body's own country before its name ("American
    Congress"), or that continues a name the registry gives a body only in an article about its
    state, registry mentions starting at one of `continued` ("Congrès international de
    chirurgie"), or that is a registry organization's name with capitalised words of its own
    before it ("the Industrial Bank of Japan": `_opened_by_own_words`). Any other overlap keeps the
    registry mention.
    """
    kept = sorted(registry, key=_start_end)
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
            and (
                kept[j].kind == "country"
                or (swallow and kept[j].kind == "organization" and rule.start < kept[j].start)
                or kept[j].start in buildings
                or (kept[j].start in continued and rule.start == kept[j].start)
                or (generic is not None and _longer_than_generic(text, rule, kept, j, overlapping, generic))
                or _opened_by_own_words(text, rule, kept[j], [kept[i] for i in overlapping])
            )
            for j in overlapping
        )
        if inside:
            dropped.update(overlapping)
            added.append(rule)
    merged = [m for j, m in enumerate(kept) if j not in dropped]
    # rule mentions never overlap each other except an acronym inside a name it defines
    merged.extend(_without_overlaps(added))
    merged.sort(key=_start_end)
    return merged


def _opened_by_own_words(text: str, rule: Mention, inner: Mention, overlapping: list[Mention]) -> bool:
    """Whether the rule name `rule` is a registry organization's name `inner` with
    capitalised words of its own before it, in the middle of a sentence: another body ("the
    Industrial Bank of Japan", "the Long-Term Credit Bank of Japan" are no Bank of Japan). A
    country or a people before the name is no word of its own ("US Federal Reserve")."""
    if inner.kind != "organization" or inner.end != rule.end or rule.start >= inner.start:
        return False
    if any(m.kind == "country" and rule.start <= m.start < inner.start for m in overlapping):
        return False
    words = text[rule.start : inner.start].split()
    return (
        bool(words)
        and all(word[:1].isupper() and fold_word(word) not in _OWN_WORDS_NOT for word in words)
        and _POSSESSIVE.search(text, rule.start, inner.start) is None  # "West Germany's Siemens AG"
        and not sentence_start_at(text, rule.start)
    )


# Capitalised words before a body's name that make no other body: titles, the article, a place's
# or a time's words ("Then", "Former", "Deputy").
_OWN_WORDS_NOT = frozenset(
    """
    the a an former deputy then when while but and or if as at in on of for to by new old acting
    """.split()
)


def _longer_than_generic(
    text: str, rule: Mention, kept: list[Mention], j: int, overlapping: list[int], generic: Mapping[int, str]
) -> bool:
    """Whether the rule name `rule` opens with words of its own before `kept[j]`, a national
    body's generic name (see `_merge`)."""
    own = generic.get(kept[j].start)
    if not own or rule.start >= kept[j].start:
        return False
    linked = _COMPLEMENT_LINK.search(text, rule.start, kept[j].start) is not None
    if sentence_start_at(text, rule.start) and not linked:
        return False  # "Then Congress", but "Ministry of Labour officials said"
    # "American Congress", "French National Front": the own country alone before the name
    return not any(
        kept[i].kind == "country"
        and kept[i].id[8:] == own
        and kept[i].start == rule.start
        and not text[kept[i].end : kept[j].start].strip()
        for i in overlapping
    )


_POSSESSIVE = re.compile(r"['’][sS]?[ \t]")
# A state's ministry or department named with the state before it: "Syrian Foreign Ministry",
# "Chinese Ministry of Commerce", "South African Department of Correctional Services". The
# state is its own mention and the body is named without it (what news annotators do); other
# bodies keep the state in their name ("German Aerospace Center", "Indonesian Red Cross").
_STATE_QUALIFIED = re.compile(
    r"[ \t]+(?P<name>(?:[A-Z][\w-]*[ \t]+){0,3}?(?:Ministry|Ministries|Department)\b(?![-'’]))"
)


def _without_owners(text: str, rules: list[Mention], registry: list[Mention]) -> list[Mention]:
    """`rules` with a country that a rule name opens with in the possessive left out of it:
    "Japan's Canon Inc" is Japan and "Canon Inc", "Britain's Royal Navy" Britain and "Royal
    Navy"; and so with a country or its demonym before a ministry's name: "Syrian Foreign
    Ministry" is Syrian and "Foreign Ministry", named and identified as the Syrian one."""
    if not rules:
        return rules
    countries = {m.start: m for m in registry if m.kind == "country"}
    if not countries:
        return rules
    out = rules
    for i, rule in enumerate(rules):
        owner = countries.get(rule.start)
        if owner is None or rule.form != "name":
            continue
        possessive = _POSSESSIVE.match(text, owner.end) if owner.form != "demonym" else None
        qualified = None
        if possessive is not None:
            start = possessive.end()
        else:
            qualified = _STATE_QUALIFIED.match(text, owner.end)
            if qualified is None or qualified.end() > rule.end:
                continue
            start = qualified.start("name")
        if start < rule.end:
            if out is rules:
                out = list(rules)
            # the ministry keeps its state in its name and id: "Syrian Foreign Ministry"
            out[i] = rule_mention(text, start, rule.end, rule.text if qualified is not None else "")
    return out


def _bare_heads_linked(mentions: list[Mention]) -> list[Mention]:
    """A rule-found name of one word, a head alone ("au Conseil", "the Commission"), takes the
    id and names of the last organization before it whose name opens or ends with that word
    ("le Conseil de sécurité ... au Conseil", "the European Commission ... the Commission"), not
    one it ends as a complement ("la commission des affaires étrangères du Sénat ... le Sénat")."""
    last: dict[str, Mention] = {}
    out = mentions
    for i, m in enumerate(mentions):
        if m.kind != "organization" or m.form != "name":
            continue
        words = m.text.split()
        if len(words) > 1:
            last[fold_word(words[0])] = m
            if fold_word(words[-2]) not in _COMPLEMENT_WORDS:
                last[fold_word(words[-1])] = m
            continue
        if m.source != "rule" or not words:
            continue
        named = last.get(fold_word(words[0]))
        if named is not None:
            if out is mentions:
                out = list(mentions)
            out[i] = linked_to(m, named)
    return out


# The words before a complement that ends a name: "du Sénat", "of the Senate".
_COMPLEMENT_WORDS = frozenset("de du des d la le les l of the".split())


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    end = -1
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if m.start >= end:
            out.append(m)
            end = m.end
    return out


@cache
def default_version() -> str:
    """`default_tagger().version`, known without building the tagger."""
    return f"{data_version()}.{compiled.code_digest()}"


@cache
def default_tagger() -> Tagger:
    """The tagger over the default registry: built once per process, or read back from the user's
    cache where an earlier run kept it (`compiled`)."""
    return compiled.load_or_build(Tagger, lambda: Tagger(default_registry()).build_all())


def _joined(name: str) -> str:
    """`name` without the spaces and hyphens between its words."""
    return _BETWEEN_WORDS.sub("", name)
