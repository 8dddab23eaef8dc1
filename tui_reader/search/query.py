"""From what the user typed to a Whoosh query.

The language: words (AND by default), "phrases", AND/OR/NOT, prefix* (`*` is the only wildcard:
`?` is punctuation), fuzzy~, `date:` with partial dates and ranges, `lang:`, and entity filters
`country:`, `org:`, `entity:` that take an id or any alias in any language. A plain word or
phrase that names a registry entity also matches articles that name it in another language. A
malformed query never raises: it is mended as it is meant (`query_repair`: most are half-typed),
else searched as its plain words, and says so in `ParsedQuery.fallback`; so does a filter that
can match nothing.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from weakref import WeakKeyDictionary

from whoosh import query as wq
from whoosh.fields import ID, Schema
from whoosh.matching import IntersectionMatcher
from whoosh.qparser import (
    EveryPlugin,
    FuzzyTermPlugin,
    MultifieldPlugin,
    PhrasePlugin,
    QueryParser,
    WildcardPlugin,
    syntax,
)
from whoosh.qparser.syntax import attach
from whoosh.reading import TermNotFound

from tui_reader.corpus.language import language_tag
from tui_reader.entities import EntityRegistry
from tui_reader.entities.arabic import without_proclitic
from tui_reader.search.analysis import STEMMED_LANGUAGES, WORD, accent_map, stem_folder
from tui_reader.search.query_repair import plain_words, repair_query
from tui_reader.search.schema import body_field, build_schema

SEARCH_FIELDS = ("title", "text", *(body_field(lang) for lang in STEMMED_LANGUAGES))
FIELD_BOOSTS = {"title": 2.0, "text": 1.0, **{body_field(lang): 0.8 for lang in STEMMED_LANGUAGES}}
_BODY_EN = body_field("en")
# reader -> (word, language) -> whether an article in that language writes the word (`_written_in`)
_WRITTEN: WeakKeyDictionary[Any, dict[tuple[str, str], bool]] = WeakKeyDictionary()
_WRITTEN_MAX = 4096
POSITIONAL_FIELDS = {"title", "text"}  # the stemmed fields keep no positions: no phrases there
ENTITY_FIELDS = {"country": "country", "org": "organization", "entity": None}
MIN_PREFIX = 3
MAX_EXPANSION = 64  # terms a prefix or a wildcard may expand to (the most frequent are kept)
# Words of the index that the fuzzy words of one query are compared with, at most: a news
# vocabulary has a few thousand words a two-letter start, a pathological one (every article's
# own code word) hundreds of thousands, each compared in Python.
MAX_FUZZY_COMPARED = 50_000
# The weight of a fuzzy word's matches by the number of edits from the word typed.
_FUZZY_BOOST = {0: 100.0, 1: 10.0, 2: 1.0}
MAX_QUERY_CHARS = 1000
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PLAIN = re.compile(r"^[\w'’ -]+$")
_RAW_TOKEN = re.compile(r"[\w.]+")


@dataclass(slots=True)
class ParsedQuery:
    """`query` is None for "everything"; `notes` say what was changed or ignored, in one line each."""

    text: str
    query: Any | None
    notes: list[str] = field(default_factory=list)
    scored: bool = False  # has words to rank by (else the natural order is by date)
    entity_ids: set[str] = field(default_factory=set)  # entities the query names: highlighted too

    @property
    def fallback(self) -> str:
        return " ".join(self.notes)

    @property
    def nothing_left(self) -> bool:
        """Whether repairing the query left nothing to search (`notes` say why)."""
        return self.query is wq.NullQuery

    @property
    def matches_nothing(self) -> bool:
        """Whether the query can match no article: a filter whose value names none, such as
        `country:Atlantis` or `date:2025-0` (`notes` say why)."""
        return bool(self.query == _nothing())


def fold_phrase(text: str) -> str:
    """The words of `text` as the index folds them, joined by single spaces."""
    return " ".join(WORD.findall(text.lower().translate(accent_map)))


class AliasIndex:
    """Registry aliases by their folded form, for entity filters and cross-lingual search."""

    def __init__(self, registry: EntityRegistry) -> None:
        self.registry = registry
        self._names: dict[str, set[str]] = {}
        self._acronyms: dict[str, set[tuple[str, str]]] = {}
        for alias in registry.aliases():
            folded = fold_phrase(alias.text)
            if not folded:
                continue
            if alias.form == "acronym":
                self._acronyms.setdefault(folded, set()).add((alias.text, alias.entity_id))
            elif alias.form == "name" or not alias.risk:
                # names, and the demonyms that are no first name or language ("Finn",
                # "anglais"): "marocains" finds the articles naming Morocco too
                self._names.setdefault(folded, set()).add(alias.entity_id)

    def entities_named(self, words: str, raw_tokens: set[str]) -> list[str]:
        """Ids of the entities whose name is `words` (folded), or whose acronym is written in
        the query in its exact case (so "us" is a word, "US" the country); a name or acronym
        after a French elided article ("l'ONU", "d'Allemagne") or before an English possessive
        ("Morocco's") is that name or acronym."""
        ids = self._entities_named(words, raw_tokens)
        bare = _without_article(words)
        if not ids and bare is not None:
            ids = self._entities_named(bare, raw_tokens)
        return ids

    def _entities_named(self, words: str, raw_tokens: set[str]) -> list[str]:
        ids = set(self._names.get(words, ()))
        if not ids:
            # an Arabic name written as one word with a proclitic: "بالمغرب" (in Morocco)
            for bare in without_proclitic(words):
                ids.update(self._names.get(bare, ()))
        for text, entity_id in self._acronyms.get(words, ()):
            if text in raw_tokens or text.replace(".", "") in raw_tokens:
                ids.add(entity_id)
        return sorted(ids)

    def only_an_acronym(self, words: str, raw_tokens: set[str]) -> bool:
        """Whether `words` (folded) is a registry acronym written in its exact case and no name:
        "UN", "US", "WHO" mean the bodies, not the words "un", "us", "who"."""
        if words in self._names:
            return False
        return any(
            text in raw_tokens or text.replace(".", "") in raw_tokens
            for text, _ in self._acronyms.get(words, ())
        )


_ELIDED = frozenset(("c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu"))


def _without_article(words: str) -> str | None:
    """`words` (folded) without a French elided article before them ("l onu", "d allemagne")
    and an English possessive after them ("morocco s"); None when they have neither."""
    parts = words.split(" ")
    if len(parts) > 1 and parts[0] in _ELIDED:
        parts = parts[1:]
    if len(parts) > 1 and parts[-1] == "s":
        parts = parts[:-1]
    bare = " ".join(parts)
    return bare if bare != words else None


class _StarOnly(WildcardPlugin):  # type: ignore[misc]
    """Wildcards with `*` only: a question mark (`?`, and the Arabic, Armenian and Ethiopic
    ones, which Whoosh also reads as one character) is punctuation, as in "Pourquoi le Maroc?"."""

    qmarks = ""
    expr = r"(?P<text>\*)"


class _Fuzzy(FuzzyTermPlugin):  # type: ignore[misc]
    """Fuzzy words that a field's analyzer may drop: the English body field drops a word typed
    with accents ("élction~"), where Whoosh's node would raise on the missing term."""

    class FuzzyTermNode(FuzzyTermPlugin.FuzzyTermNode):  # type: ignore[misc]
        def query(self, parser: Any) -> Any:
            q = syntax.TextNode.query(self, parser)
            if q is None:
                return None
            q.maxdist = self.maxdist
            q.prefixlength = self.prefixlength
            return q


class PhrasePrefix(wq.Phrase):  # type: ignore[misc]
    """A phrase whose last word is a prefix (`"premier min*"`): its words in that order, the
    last one any word of the index that starts with it. The parser makes it; `_Rewriter`
    expands it to a phrase per such word, the most frequent first."""


class _PhrasesWithPrefix(PhrasePlugin):  # type: ignore[misc]
    """Phrases, with a `*` ending the last word of one making that word a prefix:
    `"premier min*"` finds "premier ministre" and "premier mineur" (Whoosh drops the star)."""

    class PhraseNode(PhrasePlugin.PhraseNode):  # type: ignore[misc]
        def query(self, parser: Any) -> Any:
            q = super().query(parser)
            if q is None or not _ENDS_IN_STAR.search(self.text):
                return q
            if isinstance(q, wq.Phrase) and len(q.words) > 1:
                return attach(PhrasePrefix(q.fieldname, q.words, slop=q.slop, boost=q.boost), self)
            if isinstance(q, wq.Phrase) and q.words:
                return attach(wq.Prefix(q.fieldname, q.words[0], boost=q.boost), self)
            return q

    class PhraseTagger(PhrasePlugin.PhraseTagger):  # type: ignore[misc]
        def create(self, parser: Any, match: Any) -> Any:
            slop = match.group("slop")
            return _PhrasesWithPrefix.PhraseNode(
                match.group("text"), match.start("text"), int(slop) if slop else 1
            )

    def taggers(self, parser: Any) -> list[tuple[Any, int]]:
        return [(self.PhraseTagger(self.expr), 0)]


# A phrase's text whose last word ends with a star: `premier min*`.
_ENDS_IN_STAR = re.compile(r"[^\W_]\*\s*$")


class _Parser(QueryParser):  # type: ignore[misc]
    """A word joined by hyphens is a phrase where words keep their positions ("Moyen-Orient",
    "week-end", "Jean-Marie"), not its parts anywhere in the article ("moyens ... orientés"): the
    rewrite then leaves out the stemmed fields (`_word_group`). An elided article
    ("d'Allemagne") stays a word apart."""

    def term_query(
        self,
        fieldname: str,
        text: str,
        termclass: Any,
        boost: float = 1.0,
        tokenize: bool = True,
        removestops: bool = True,
    ) -> Any:
        if "-" in text and fieldname in POSITIONAL_FIELDS and self.schema and fieldname in self.schema:
            field = self.schema[fieldname]
            texts = list(field.process_text(text, mode="query", tokenize=tokenize, removestops=removestops))
            if len(texts) > 1:
                return self.multitoken_query("phrase", texts, fieldname, termclass, boost)
        return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)


@cache
def _parser() -> Any:
    names = _indexed_fields()
    # Pseudo-fields: the parser must know them to produce field queries we then resolve.
    names.update({"country": ID(), "org": ID()})
    # what `MultifieldParser` makes, with our parser class
    parser = _Parser(None, Schema(**names))
    parser.add_plugin(MultifieldPlugin(list(SEARCH_FIELDS), fieldboosts=FIELD_BOOSTS))
    parser.remove_plugin_class(WildcardPlugin)
    # "*:*" anywhere made the whole query match every article ("Maroc x*:*"); the repair reads
    # a "*:*" of its own as the lone star
    parser.remove_plugin_class(EveryPlugin)
    parser.add_plugin(_StarOnly())
    parser.add_plugin(_Fuzzy())
    parser.remove_plugin_class(PhrasePlugin)
    parser.add_plugin(_PhrasesWithPrefix())
    return parser


PrefixTerms = Callable[[str, str], dict[str, int]]  # (field, prefix) -> {term: doc frequency}


def warm_parser() -> None:
    """Build the query parser now (it is built once per process, at the first query)."""
    _parser()


def parse_query(
    text: str,
    aliases: AliasIndex,
    reader: Any | None = None,
    prefix_terms: PrefixTerms | None = None,
    typed: str | None = None,
) -> ParsedQuery:
    """Parse `text`; never raises. `reader` (a Whoosh IndexReader) bounds prefix expansion and
    tells filters that match nothing; `prefix_terms`, when given, lists a prefix's terms with
    their document frequencies (in term order, as `reader` would) faster than `reader` does.
    `typed` is the query as the user typed it when `text` is what the list searches while they
    type (its last word also a prefix): a name of several words in it ("Nations unies",
    "Royaume-Uni") still finds the articles naming the entity in any language."""
    repaired = repair_query(text or "", MAX_QUERY_CHARS)
    # the words of a name as typed, mended as the query is ('Nations unies"' is 'Nations unies')
    typed = repaired.text if typed is None or typed == text else repair_query(typed, MAX_QUERY_CHARS).text
    result = ParsedQuery(text=repaired.typed, query=None)
    if not repaired.typed:
        return result
    if repaired.cut:
        result.notes.append(
            f"The query is longer than {MAX_QUERY_CHARS:,} characters: searched its first "
            f"{len(repaired.typed):,} characters, cut between words."
        )
    text, problems = repaired.text, repaired.problems
    text, joined = _quoted_filter_names(text, aliases.registry)
    if joined:
        result.notes.append(f"Searched {', '.join(joined)}: a name of several words goes in quotes.")
    if not text:
        what = problems or ["the query holds no word, only symbols or punctuation"]
        result.notes.append(f"Nothing left to search: {'; '.join(what)}.")
        result.query = wq.NullQuery
        return result
    parsed: Any = None
    problem = None
    try:
        parsed = _parser().parse(text)
    except RecursionError:
        problem = "its parentheses are nested too deep to read"
    except Exception:  # noqa: BLE001 - Whoosh's parser has no error hierarchy
        problem = "the query could not be read as written"
    if problem is None and _is_null(parsed):
        problem = "the query has no words to search"
    if problem is not None:
        text = plain_words(text)
        if not text:
            what = [*problems, "the query holds no word, only symbols or punctuation"]
            result.notes.append(f"Nothing left to search: {'; '.join(what)}.")
            result.query = wq.NullQuery
            return result
        result.notes.append(f"Searched the plain words instead: {'; '.join([*problems, problem])}.")
        try:
            parsed = _parser().parse(text)
        except Exception:  # noqa: BLE001
            result.query = wq.NullQuery
            return result
    elif problems:
        result.notes.append(f"Searched '{_shortened(text)}' instead: {'; '.join(problems)}.")
    unknown = _unknown_fields(text)
    if unknown:
        names = ", ".join(f"'{name}:'" for name in unknown)
        one = len(unknown) == 1
        filters = ", ".join(f + ":" for f in FILTER_NAMES)
        result.notes.append(
            f"{names} {'is no filter' if one else 'are no filters'} (filters: {filters}): "
            f"searched {'its' if one else 'their'} words."
        )
    raw_tokens = set(_RAW_TOKEN.findall(text)) | set(re.findall(r"\w+", text))
    rewriter = _Rewriter(aliases, reader, raw_tokens, result, prefix_terms)
    query = rewriter.rewrite(parsed)
    if typed.startswith("(") and typed.endswith(")"):
        typed = typed[1:-1]  # "(Nations unies", mended: the name in its group
    words = fold_phrase(typed)
    if _PLAIN.match(typed) and " " in words:
        ids = aliases.entities_named(words, raw_tokens)
        if ids:
            # the name as written, not its words anywhere ("United Nations" is no article on the
            # United States and a nation), and the articles naming it in any language
            result.entity_ids.update(ids)
            phrase = rewriter.rewrite(_parser().parse(f'"{typed.strip()}"'))
            query = wq.Or([phrase if phrase is not None else query, *(wq.Term("entity", i) for i in ids)])
    result.query = query.normalize() if query is not None else wq.NullQuery
    return result


# The filters a user may type, as the README lists them.
FILTER_NAMES = ("country", "org", "entity", "date", "lang")
_FIELD_PREFIX = re.compile(r'(?<![\w"\\:])([^\W\d_][\w-]*):(?=[^\s:])')


@cache
def _known_fields() -> frozenset[str]:
    """The field names a query may search: the schema's indexed fields and the entity filters'."""
    return frozenset(_indexed_fields()) | {"country", "org"}


def _indexed_fields() -> dict[str, Any]:
    """The schema's fields that are indexed: a stored-only one ("source:x") is none to search,
    and the parser would raise on it."""
    return {name: field for name, field in build_schema().items() if field.format is not None}


# A filter's bare value and the words after it: "country:Arabie saoudite", "org:Nations unies".
_FILTER_AND_WORDS = re.compile(
    r'(?<![\w:"])(country|org|entity):([^\s"():]+)((?:[ ]+(?![^\s"():]*:)[^\s"():]+){1,5})', re.IGNORECASE
)
_NOT_A_NAME_WORD = frozenset(("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "REQUIRE", "TO"))


def _quoted_filter_names(text: str, registry: EntityRegistry) -> tuple[str, list[str]]:
    """`text` with each entity filter whose bare value names nothing, but which names an entity
    with the words after it, given that whole name in quotes ('country:Arabie saoudite' is
    'country:"Arabie saoudite"'), outside phrases; and the filters so written."""
    joined: list[str] = []
    parts = text.split('"')

    def quote(match: re.Match[str]) -> str:
        field_name, value, rest = match.group(1), match.group(2), match.group(3)
        kind = ENTITY_FIELDS[field_name.lower()]
        if registry.resolve(value, kind):  # type: ignore[arg-type]
            return match.group(0)
        words = rest.split()
        for count in range(len(words), 0, -1):
            if any(word in _NOT_A_NAME_WORD or ":" in word for word in words[:count]):
                continue
            name = " ".join([value, *words[:count]])
            if registry.resolve(name, kind):  # type: ignore[arg-type]
                written = f'{field_name}:"{name}"'
                joined.append(written)
                after = " ".join(words[count:])
                return written + (" " + after if after else "")
        return match.group(0)

    for i in range(0, len(parts), 2):  # outside phrases
        parts[i] = _FILTER_AND_WORDS.sub(quote, parts[i])
    return '"'.join(parts), joined


def _unknown_fields(text: str) -> list[str]:
    """The names written as filters ("foo:bar", "http://...") that no field has, outside quotes."""
    known = _known_fields()
    found: list[str] = []
    for i, part in enumerate(text.split('"')):
        if i % 2:
            continue  # inside a phrase
        for match in _FIELD_PREFIX.finditer(part):
            name = match.group(1)
            if name not in known and name.lower() not in known and name not in found:
                found.append(name)
    return found


def _shortened(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _is_null(q: Any) -> bool:
    return q is None or q is wq.NullQuery or isinstance(q, type(wq.NullQuery))


class _Rewriter:
    def __init__(
        self,
        aliases: AliasIndex,
        reader: Any | None,
        raw_tokens: set[str],
        out: ParsedQuery,
        prefix_terms: PrefixTerms | None = None,
    ) -> None:
        self.aliases = aliases
        self.reader = reader
        self.raw_tokens = raw_tokens
        self.out = out
        self.prefix_terms = prefix_terms
        self.short_prefixes: list[str] = []  # prefixes searched as words, for one note
        self.fuzzy_left = MAX_FUZZY_COMPARED  # index words the fuzzy words may still be compared with
        self._prefix_note: str | None = None
        # the words typed with accents, folded: the English analyzer does not stem them
        self.accented = {
            folded for token in raw_tokens if (folded := token.lower().translate(accent_map)) != token.lower()
        }

    def rewrite(self, q: Any) -> Any:
        if isinstance(q, wq.Or):
            groups = _word_groups(q.subqueries)
            if len(groups) == 1 and _word_field(groups[0][0]):
                return self._word_group(q)
            if any(_word_field(group[0]) for group in groups):
                # "Maroc OR Algérie": each word its own group, with its entities
                kids = [
                    self._word_group(wq.Or(group)) if _word_field(group[0]) else self.rewrite(group[0])
                    for group in groups
                ]
                return wq.Or(kids, boost=q.boost)
        if getattr(q, "fieldname", None) is not None and q.is_leaf():
            handled = self._field_query(q)
            if handled is not None:
                return handled
        if isinstance(q, wq.Every):
            return wq.Every()
        if isinstance(q, wq.Not):
            return wq.Not(self._left_out(q.query))
        if isinstance(q, wq.AndNot):
            # "Qatar ANDNOT Maroc": what follows ANDNOT is left out, as under NOT
            return wq.AndNot(self.rewrite(q.a), self._left_out(q.b))
        if isinstance(q, wq.And):
            # "Maroc *": a part that matches every article adds nothing to an And (Whoosh would
            # make the whole And match every article)
            kids = [self.rewrite(k) for k in q.children()]
            kept = [k for k in kids if not _matches_every(k)]
            return wq.And(kept, boost=q.boost) if kept else wq.Every()
        if isinstance(q, wq.And | wq.Or | wq.AndNot | wq.AndMaybe | wq.Require | wq.DisjunctionMax):
            kids = [self.rewrite(k) for k in q.children()]
            return q.__class__(*_rebuild_args(q, kids))
        return q

    def _left_out(self, q: Any) -> Any:
        """`q` rewritten where the query leaves it out: its words rank nothing (`scored`) and its
        entities are not highlighted (`entity_ids`)."""
        scored = self.out.scored
        named = set(self.out.entity_ids)
        rewritten = self.rewrite(q)
        self.out.scored = scored
        self.out.entity_ids = named
        return rewritten

    # A plain word or phrase becomes one Or over the searched fields (MultifieldParser).
    def _word_group(self, q: Any) -> Any:
        kids: list[Any] = []
        expanded_to_nothing = False  # a prefix, wildcard or fuzzy word that no word of the index fits
        # A phrase of several words is searched where words keep their positions only. A stemmed
        # field drops stop words, so there it may be a single term ("dans les": "le"), which would
        # match that word anywhere.
        phrase = any(isinstance(k, wq.Phrase) and k.fieldname in POSITIONAL_FIELDS for k in q.subqueries)
        # A word of several parts with one typed with accents ("Al-Qaïda"): the English body field
        # has dropped that part, and the rest alone ("al") is not the word.
        parts = _group_words(q).split()
        english_cut = len(parts) > 1 and any(part in self.accented for part in parts)
        for kid in q.subqueries:
            fieldname = getattr(kid, "fieldname", None)
            if (phrase or isinstance(kid, wq.Phrase)) and fieldname not in POSITIONAL_FIELDS:
                continue
            if english_cut and _word_field(kid) == _BODY_EN:
                continue
            if isinstance(kid, PhrasePrefix):
                kid = self._phrase_prefix(kid)
                if kid is wq.NullQuery:
                    expanded_to_nothing = True
                    continue
            elif isinstance(kid, wq.Prefix | wq.Wildcard):
                if isinstance(kid, wq.Prefix) and self.aliases.only_an_acronym(kid.text, self.raw_tokens):
                    continue  # "WHO" typed in its capitals is the body, not who*, whole*, ...
                kid = self._bounded_expansion(kid)
                if kid is None:
                    continue
                if kid is wq.NullQuery:
                    expanded_to_nothing = True
                    continue
            if isinstance(kid, wq.FuzzyTerm):
                if fieldname not in POSITIONAL_FIELDS:
                    continue
                kid = self._fuzzy(fieldname, kid.text, min(kid.maxdist, 2))
                if kid is None:
                    expanded_to_nothing = True
                    continue
            kids.append(kid)
        kids = self._without_foreign_stems(kids)
        english = self._english_stem(kids)
        if english is not None:
            kids.append(english)
        self.out.scored = True
        words = _group_words(q)
        if words:
            ids = self.aliases.entities_named(words, self.raw_tokens)
            if ids:
                self.out.entity_ids.update(ids)
                entities = [wq.Term("entity", i) for i in ids]
                if self.aliases.only_an_acronym(words, self.raw_tokens):
                    return wq.Or(entities, boost=q.boost)
                kids.extend(entities)
        if not kids:
            # A word that matches nothing matches nothing in an And too ("Maroc sécurxyz*"),
            # where Whoosh would drop a NullQuery; one that cannot be searched ("*ing") is
            # dropped, and a note says so.
            return _nothing() if expanded_to_nothing else wq.NullQuery
        return wq.Or(kids, boost=q.boost)

    def _english_stem(self, kids: list[Any]) -> Any | None:
        """The English stem of a word typed with accents that English articles also write, or
        its singular ("élections", "président"), for the English body field: the analyzer does not stem such
        a word as English, whose stem could be another word ("événement" is not "even", "marché"
        not "March"), but one that English writes letter for letter is English there too."""
        if self.reader is None or not self.accented:
            return None
        word = next((k.text for k in kids if type(k) is wq.Term and k.fieldname == "text"), None)
        if word is None or word not in self.accented or any(k.fieldname == _BODY_EN for k in kids):
            return None
        stem = stem_folder("en").stem_fold(word)
        # the word, or its singular: "élections" is English where "election" is
        forms = _with_singular(word)
        if not stem or not any(self._written_in(form, "en") for form in forms):
            return None
        return wq.Term(_BODY_EN, stem, boost=FIELD_BOOSTS[_BODY_EN])

    def _written_in(self, word: str, lang: str) -> bool:
        """Whether an article in `lang` holds `word` (folded) letter for letter (remembered per
        reader: the words of a query typed key by key are asked again at each key)."""
        reader = self.reader
        if reader is None:
            return False
        known = _WRITTEN.setdefault(reader, {})
        found = known.get((word, lang))
        if found is None:
            try:
                found = bool(
                    IntersectionMatcher(
                        reader.postings("text", word), reader.postings("lang", lang)
                    ).is_active()
                )
            except TermNotFound:
                found = False
            if len(known) >= _WRITTEN_MAX:
                known.clear()
            known[(word, lang)] = found
        return found

    def _without_foreign_stems(self, kids: list[Any]) -> list[Any]:
        """`kids` without the stemmed body field of a language none of whose articles writes the
        word as typed (or its plural or singular), when another language's do: "evenement"
        (événement typed without its accents) is French, and its English stem "even" another
        word. A word no article writes so keeps every stem (an inflection the articles have in
        other forms)."""
        if self.reader is None:
            return kids
        word = next((k.text for k in kids if type(k) is wq.Term and k.fieldname == "text"), None)
        if word is None:
            return kids
        stems = {lang: body_field(lang) for lang in STEMMED_LANGUAGES}
        if not any(type(k) is wq.Term and k.fieldname in stems.values() for k in kids):
            return kids
        forms = (*_with_singular(word), word + "s")
        written = {stems[lang] for lang in STEMMED_LANGUAGES if any(self._written_in(f, lang) for f in forms)}
        if not written:
            return kids
        return [
            k
            for k in kids
            if not (type(k) is wq.Term and k.fieldname in stems.values() and k.fieldname not in written)
        ]

    def _bounded_expansion(self, q: Any) -> Any | None:
        fieldname = q.fieldname
        if fieldname not in POSITIONAL_FIELDS:
            return None
        literal = q.text if isinstance(q, wq.Prefix) else q.text.split("*")[0]
        if len(literal) < MIN_PREFIX:
            if literal:
                self._short_prefix(literal)
            else:
                note = (
                    f"A word cannot start with *: '{q.text}' searches nothing "
                    f"(type its first {MIN_PREFIX} letters)."
                )
                if note not in self.out.notes:
                    self.out.notes.append(note)
            return wq.Term(fieldname, literal) if literal else None
        if self.reader is None:
            return q
        if isinstance(q, wq.Prefix) and self.prefix_terms is not None:
            frequencies = self.prefix_terms(fieldname, _value_of(q))
            terms = list(frequencies)
            if len(terms) > MAX_EXPANSION:
                terms.sort(key=lambda t: -frequencies[t])
        else:
            terms = list(_expand(self.reader, fieldname, q))
            if len(terms) > MAX_EXPANSION:
                reader = self.reader
                terms.sort(key=lambda t: -reader.doc_frequency(fieldname, t))
        if not terms:
            return wq.NullQuery
        terms = terms[:MAX_EXPANSION]
        return wq.Or([wq.Term(fieldname, t) for t in terms])

    def _phrase_prefix(self, q: PhrasePrefix) -> Any:
        """`q` as one phrase per index word its last word starts (`_bounded_expansion`), or
        NullQuery when no word does; a prefix too short to expand is that word."""
        *head, last = q.words
        expanded = self._bounded_expansion(wq.Prefix(q.fieldname, last))
        if isinstance(expanded, wq.Or):
            return wq.Or(
                [wq.Phrase(q.fieldname, [*head, t.text], slop=q.slop) for t in expanded.subqueries],
                boost=q.boost,
            )
        if expanded is wq.NullQuery:
            return wq.NullQuery
        return wq.Phrase(q.fieldname, q.words, slop=q.slop, boost=q.boost)

    def _short_prefix(self, literal: str) -> None:
        """Note that a prefix too short to expand is searched as a word: one sentence for all."""
        if literal in self.short_prefixes:
            return
        self.short_prefixes.append(literal)
        words = ", ".join(f"'{w}'" for w in self.short_prefixes)
        what = "words" if len(self.short_prefixes) > 1 else "a word"
        note = f"Prefixes need at least {MIN_PREFIX} letters: searched {words} as {what}."
        notes = self.out.notes
        if self._prefix_note is not None and self._prefix_note in notes:
            notes[notes.index(self._prefix_note)] = note
        else:
            notes.append(note)
        self._prefix_note = note

    def _fuzzy(self, fieldname: str, word: str, maxdist: int) -> Any | None:
        """Words within `maxdist` edits that share the first letters (one for short words, two for
        longer): Whoosh's own automaton walks the whole vocabulary, which takes seconds."""
        if self.reader is None:
            return wq.FuzzyTerm(fieldname, word, maxdist=maxdist, prefixlength=1)
        prefix = word[: 2 if len(word) >= 5 else 1]
        found = []
        for term in self.reader.expand_prefix(fieldname, prefix):
            if self.fuzzy_left <= 0:
                self._note(
                    "Too many words of the index to compare with the fuzzy words (~): the last "
                    "were searched as typed; search fewer fuzzy words, or longer ones."
                )
                return wq.Term(fieldname, word)
            self.fuzzy_left -= 1
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            if abs(len(text) - len(word)) <= maxdist:
                edits = edit_distance(word, text, maxdist)
                if edits <= maxdist:
                    found.append((text, edits))
        if len(found) > MAX_EXPANSION:
            reader = self.reader
            found.sort(key=lambda t: (t[1], -reader.doc_frequency(fieldname, t[0])))
            found = found[:MAX_EXPANSION]
        # the word as typed first, then the nearer words: a rare misspelling would otherwise
        # outrank the word itself (its rarity weighs more)
        return (
            wq.Or([wq.Term(fieldname, t, boost=_FUZZY_BOOST[edits]) for t, edits in found]) if found else None
        )

    def _field_query(self, q: Any) -> Any | None:
        fieldname = q.fieldname
        value = _value_of(q)
        if fieldname in ENTITY_FIELDS:
            kind = ENTITY_FIELDS[fieldname]
            if isinstance(q, wq.Every) or not value.strip("*"):  # "country:*": naming any country
                return wq.Prefix("entity", "" if kind is None else f"{fieldname}:")
            ids = self.aliases.registry.resolve(value, kind)  # type: ignore[arg-type]
            if not ids:
                self._note(f"No {fieldname} is called '{value}': that filter matches nothing.")
                return _nothing()
            self.out.entity_ids.update(ids)
            return wq.Or([wq.Term("entity", i) for i in ids]) if len(ids) > 1 else wq.Term("entity", ids[0])
        if fieldname == "lang":
            if isinstance(q, wq.Every) or not value.strip("*"):  # "lang:*": in any language
                return wq.Every()
            return self._lang(value)
        if fieldname == "date":
            return self._date(q)
        if fieldname not in SEARCH_FIELDS and fieldname != "entity":
            self._note(f"'{fieldname}:' is not something to search by: that filter matches nothing.")
            return _nothing()
        if isinstance(q, PhrasePrefix):
            expanded = self._phrase_prefix(q)
            return _nothing() if expanded is wq.NullQuery else expanded
        if isinstance(q, wq.Prefix | wq.Wildcard):
            expanded = self._bounded_expansion(q)
            return _nothing() if expanded is wq.NullQuery else expanded
        if isinstance(q, wq.FuzzyTerm):
            return self._fuzzy(fieldname, _value_of(q), min(q.maxdist, 2)) or _nothing()
        if isinstance(q, wq.Phrase | wq.Term) and fieldname in SEARCH_FIELDS:
            self.out.scored = True
        return None

    def _lang(self, value: str) -> Any:
        code = "und" if value.lower() == "und" else language_tag(value)
        if code is None:
            self._note(f"'{value}' is not a language (try fr or en): that filter matches nothing.")
            return _nothing()
        if self.reader is not None and not self.reader.doc_frequency("lang", code):
            self._note(f"No article is in the language '{code}': that filter matches nothing.")
        return wq.Term("lang", code)

    def _date(self, q: Any) -> Any:
        if isinstance(q, wq.TermRange):
            start, end = (q.start or "").strip(), (q.end or "").strip()
            for value in (start, end):
                if value and (problem := _date_problem(value)):
                    return self._bad_date(value, problem)
            if start and end and start > end and not start.startswith(end):
                self._note(f"The date range {start} to {end} runs backwards: searched {end} to {start}.")
                start, end = end, start
            return wq.TermRange("date", start or None, (end + "\uffff") if end else None)
        value = "" if isinstance(q, wq.Every) else _value_of(q).strip()
        if not value:  # "date:[to]": a range with neither end
            self._note("The date range has no dates: that filter was dropped.")
            return wq.Every()
        if problem := _date_problem(value):
            return self._bad_date(value, problem)
        return wq.TermRange("date", value, value + "\uffff")

    def _bad_date(self, value: str, problem: str) -> Any:
        self._note(f"'{value}' {problem}: that filter matches nothing.")
        return _nothing()

    def _note(self, note: str) -> None:
        if note not in self.out.notes:
            self.out.notes.append(note)


def _date_problem(value: str) -> str | None:
    """What is wrong with a date filter's value (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), if anything."""
    if not _DATE.match(value):
        return "is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
    year, month, day = (int(part) for part in (value + "-01-01")[:10].split("-"))
    if year < 1 or not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return "is not a date in the calendar"
    return None


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (returning limit + 1) as soon as it must exceed `limit`."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _expand(reader: Any, fieldname: str, q: Any) -> Iterable[str]:
    if isinstance(q, wq.Prefix):
        for term in reader.expand_prefix(fieldname, q.text):
            yield term.decode("utf-8") if isinstance(term, bytes) else term
    else:
        for term in q._btexts(reader):
            yield term.decode("utf-8") if isinstance(term, bytes) else term


def _value_of(q: Any) -> str:
    if isinstance(q, wq.Phrase):
        return " ".join(q.words)
    text = getattr(q, "text", "")
    return text.decode("utf-8") if isinstance(text, bytes) else str(text)


def _nothing() -> Any:
    """A filter or word that matches no article, and keeps doing so inside an And ("Maroc
    country:Atlantis", "Maroc sécurxyz*" find nothing), where Whoosh would drop a NullQuery."""
    return wq.Term("lang", "\x00")


def _matches_every(q: Any) -> bool:
    """Whether `q` matches every article: `*`, or an Or with `*` in it."""
    if isinstance(q, wq.Every):
        return True
    return isinstance(q, wq.Or) and any(_matches_every(k) for k in q.subqueries)


def _with_singular(word: str) -> tuple[str, ...]:
    """`word`, and its singular when it looks plural ("élections": "election" too)."""
    return (word, word[:-1]) if word[-1:] in ("s", "x") and len(word) > 3 else (word,)


def _word_field(q: Any) -> str:
    """The searched field of one field's query for a plain word or phrase ("" for any other
    query): a term, phrase, prefix, wildcard or fuzzy term, or the terms of a hyphenated word
    ("al-qaida": And of "al" and "qaida")."""
    if isinstance(q, wq.And):
        kids = q.subqueries
        if kids and all(type(k) is wq.Term for k in kids) and len({k.fieldname for k in kids}) == 1:
            q = kids[0]
        else:
            return ""
    if not isinstance(q, wq.Term | wq.Phrase | wq.Prefix | wq.Wildcard | wq.FuzzyTerm):
        return ""
    field = getattr(q, "fieldname", None)
    return field if field in SEARCH_FIELDS else ""


def _word_groups(kids: Sequence[Any]) -> list[list[Any]]:
    """The children of an Or, grouped: the queries of one plain word or phrase over the searched
    fields together, any other query alone. The parser gives a word one query per field, in
    the order of SEARCH_FIELDS, and flattens "a OR b" into one Or of both words' queries: a
    field that does not come after the one before starts the next word."""
    groups: list[list[Any]] = []
    last = -1
    for kid in kids:
        field = _word_field(kid)
        if not field:
            groups.append([kid])
            last = len(SEARCH_FIELDS)
            continue
        position = SEARCH_FIELDS.index(field)
        if groups and last < position:
            groups[-1].append(kid)
        else:
            groups.append([kid])
        last = position
    return groups


def _group_words(q: Any) -> str:
    for kid in q.subqueries:
        if _word_field(kid) == "text":
            if isinstance(kid, wq.Phrase):
                return " ".join(kid.words)
            if type(kid) is wq.Term:
                return _value_of(kid)
            if isinstance(kid, wq.And):  # a hyphenated word: "al-qaida"
                return " ".join(_value_of(k) for k in kid.subqueries)
    return ""


def _rebuild_args(q: Any, kids: list[Any]) -> list[Any]:
    # AndNot, AndMaybe and Require are compound queries built from two arguments, not a list
    if isinstance(q, wq.CompoundQuery) and not isinstance(q, wq.BinaryQuery):
        return [kids]
    return kids
