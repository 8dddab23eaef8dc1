"""Long texts: whole-text searches run once per text, never once per match, and the faster scans
find exactly what the plain ones did."""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from tui_reader.entities import guards, rules
from tui_reader.entities.folding import fold_word
from tui_reader.entities.tagger import Tagger, default_tagger


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return default_tagger()


class _Counting:
    """A compiled pattern that counts its searches."""

    def __init__(self, pattern: re.Pattern[Any]) -> None:
        self.pattern = pattern
        self.searches = 0

    def search(self, string: Any, *args: int) -> re.Match[Any] | None:
        self.searches += 1
        return self.pattern.search(string, *args)


def test_cantons_are_looked_for_once_per_text(tagger: Tagger, monkeypatch: pytest.MonkeyPatch) -> None:
    in_rules = _Counting(rules._CANTONS)
    in_guards = _Counting(guards._CANTON_KEY)
    monkeypatch.setattr(rules, "_CANTONS", in_rules)
    monkeypatch.setattr(guards, "_CANTON_KEY", in_guards)
    rules._speaks_of_cantons.cache_clear()
    unit = "Le Conseil d'Etat a décidé hier. Les députés ont débattu sans conclure. "
    text = unit * 60 + "Le canton de Vaud approuve."
    tagger.tag(text, "fr")
    assert in_rules.searches <= 1
    assert in_guards.searches <= 1


def _scanned_clubs(text: str) -> list[tuple[int, int]]:
    """The sports clubs a scan of the whole text by the pattern finds."""
    return [
        (m.start(), m.end())
        for m in rules._CLUB.finditer(text)
        if not m.group("name").isupper() and fold_word(m.group("name")) not in rules._OPENERS
    ]


def test_sports_clubs() -> None:
    assert rules._sports_clubs("le F.C. Lyon et l'A.S. Carcassonnaise") == [(3, 12), (18, 37)]
    assert rules._sports_clubs("M. C.A. Montrouge, S.C. LYON") == []


def test_sports_clubs_agree_with_a_scan_of_the_whole_text() -> None:
    pieces = ["A", "S", "C", "F", ".", " ", "\t", "-", "Lyon", "M. ", "x", "É", "Le", "LYON", "é", "1"]
    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        if any(a in text for a in rules._CLUB_ABBREVIATIONS):
            assert rules._sports_clubs(text) == _scanned_clubs(text), text
    text = "Lyon-A.S. Foo, C.A.S. Bar et F.C. Lyon-A.S. Nice"
    assert rules._sports_clubs(text) == _scanned_clubs(text)


# The tokenizer's pattern before the blanks were skipped inside the match: every token's span must
# be the same.
_PLAIN_TOKEN = re.compile(
    r"(?P<nl>\n)|(?P<el>(?:(?<![^\W_])(?:[dlDL]|[Dd]el)|[Qq]u|[Jj]usqu)['’](?=\w))"
    r"|(?P<w>[^\W_]+(?:[-\u00ac](?:[dDlL]['’](?=[^\W\d_]))?[^\W_]+)*)|(?P<p>\S)"
)


def _spans(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    out = []
    for m in pattern.finditer(text, start, end):
        kind = m.lastgroup or "p"
        out.append((kind, *m.span(kind)))
    return out


def test_tokens_are_those_of_the_plain_pattern() -> None:
    pieces = [" ", "\n", "\t", "\xa0", "\u2009", "\r", "l", "d", "D", "el", "qu", "Jusqu", "'", "’"]
    pieces += ["a", "É", "-", "¬", "_", "1", ".", ","]
    rng = random.Random(11)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 24)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert _spans(rules._TOKEN, text, start, end) == _spans(_PLAIN_TOKEN, text, start, end), repr(text)
    text = "Le ministère de l'Intérieur, jusqu’au 3 mai :\n  la So¬ciété  d'Études (SDE) qu'il dirige."
    assert _spans(rules._TOKEN, text, 0, len(text)) == _spans(_PLAIN_TOKEN, text, 0, len(text))


class _CountingList(list[tuple[int, int]]):
    """A list that counts the items read from it."""

    reads = 0

    def __getitem__(self, index: Any) -> Any:
        _CountingList.reads += 1
        return super().__getitem__(index)

    def __iter__(self) -> Any:
        for item in super().__iter__():
            _CountingList.reads += 1
            yield item


def test_a_country_is_checked_against_the_whole_names_near_it_only(tagger: Tagger) -> None:
    unit = "Lessons in how to lie about Iraq, The Observer, August 17, 2003. "
    text = unit * 3000
    ctx = guards.Context(text, "en")
    ctx.whole_names = _CountingList((i * len(unit) + 34, i * len(unit) + 46) for i in range(3000))
    entry = next(c.entry for c in tagger.matcher.find(text[: len(unit)], "en") if c.entry.text == "Iraq")
    last = 2999 * len(unit) + unit.index("Iraq")
    _CountingList.reads = 0
    assert not guards.inside_whole_name(ctx, guards.Candidate(last, last + 4, entry))
    assert _CountingList.reads < 20
    # and a country inside a name kept whole is found to be inside it
    ctx.whole_names = [(10, 30)]
    assert guards.inside_whole_name(ctx, guards.Candidate(12, 16, entry))


def test_a_run_of_capitalised_heads_is_walked_a_few_words_a_head(
    tagger: Tagger, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a list of bodies one a line, joined into one paragraph, or a word repeated: each head
    # looks leftwards at most as far as a name goes, not to the start of the run
    steps = 0
    left_word = rules._left_word

    def counted(text: str, pos: int) -> tuple[str, int]:
        nonlocal steps
        steps += 1
        return left_word(text, pos)

    monkeypatch.setattr(rules, "_left_word", counted)
    heads = 2000
    mentions = tagger.tag("Congress " * heads, "en")
    assert steps <= heads * (rules._MAX_EN_WORDS + 2)
    assert all(m.text == "Congress" for m in mentions)
    listed = " ".join(["Food Water Agency", "Border Transport Council", "Space Health Office"] * 700)
    steps = 0
    tagger.tag(listed, "en")
    assert steps <= 2100 * (rules._MAX_EN_WORDS + 2)


def test_registry_matches_are_looked_up_by_span_and_entity_not_scanned_per_match(
    tagger: Tagger, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader.entities import tagger as tagger_module

    scans = 0

    class Scanned(list):  # type: ignore[type-arg]
        def __iter__(self) -> Any:
            nonlocal scans
            scans += 1
            return super().__iter__()

    class CountingContext(guards.Context):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.found = Scanned(self.found)

    monkeypatch.setattr(tagger_module, "Context", CountingContext)
    for text in ("The FBI said. " + "FBI " * 3000, "Total said. " + "Total. " * 3000):
        scans = 0
        tagger.tag(text, "en")
        assert scans < 50, text[:20]


def test_a_run_of_firms_is_as_many_firms(tagger: Tagger) -> None:
    mentions = tagger.tag("et Cie " * 2000, "fr")
    assert mentions
    assert all(len(m.text.split()) <= 3 for m in mentions)


def _counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    """Count the calls of `module.name`; the count is the list's one item."""
    calls = [0]
    original = getattr(module, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_what_guards_ask_of_the_whole_text_is_asked_once_per_entity(
    tagger: Tagger, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a word-named company opening every line, a club's city near words of sport, a state's body
    # among many states: each match looks up what the text holds, it does not scan it again
    openings = _counting(monkeypatch, guards, "_opens_sentence")
    visits = [0]
    markers = guards._markers

    class Visited(list):  # type: ignore[type-arg]
        def __iter__(self) -> Any:
            for item in super().__iter__():
                visits[0] += 1
                yield item

    monkeypatch.setattr(guards, "_markers", lambda keys: Visited(markers(keys)))
    repeats = 2000
    for text in (
        "Total debt rose. " * repeats,
        "Dortmund's captain scored a goal in the 2-1 match. " * repeats,
    ):
        openings[0] = visits[0] = 0
        tagger.tag(text, "en")
        assert openings[0] <= 3 * repeats, text[:20]
        assert visits[0] <= 50 * repeats, text[:20]


def test_a_surname_is_looked_for_among_earlier_names_once_per_text(
    tagger: Tagger, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = 0
    real = guards._after_a_first_name

    def counting(*args: Any) -> bool:
        nonlocal calls
        calls += 1
        return real(*args)

    monkeypatch.setattr(guards, "_after_a_first_name", counting)
    text = "Jordan said. " * 300
    assert len(tagger.tag(text, "en")) == 300  # the country each time: no person named so
    assert calls <= 300  # each occurrence read once for the whole text, not once per mention
    calls = 0
    assert tagger.tag("Michael Jordan spoke. " + "Jordan said. " * 300, "en") == []
    assert calls <= 2


def test_a_name_found_after_its_kind_is_checked_for_a_common_word_once(
    tagger: Tagger, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui_reader.entities import described

    reads = 0
    real = described._common_word_opening

    def counting(text: str, keys: Any, m: Any, words: set[bytes]) -> bool:
        nonlocal reads
        reads += not words  # the text's words are read when the set is still empty
        return real(text, keys, m, words)

    monkeypatch.setattr(described, "_common_word_opening", counting)
    # many names, each found after its kind and opening sentences later: the text's words are
    # read once, not once per name
    names = [f"Zq{a}{b}" for a in "abcdefghij" for b in "abcdefghij"]
    text = "".join(f"The firm {n} grew. {n} said so. " for n in names)
    assert len(tagger.tag(text, "en")) == 2 * len(names)
    assert reads == 1
