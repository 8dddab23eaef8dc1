"""The tagger's fast paths give what the plain computations give."""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.entities.folding import TextKeys, junctions
from tui_reader.entities.matcher import Candidate, Entry, sweep_longest
from tui_reader.entities.mention import Mention, make_mention
from tui_reader.entities.tagger import _longest, default_tagger

_GLUED = st.text(
    alphabet=st.sampled_from(list("aeÉéLlFfrRANCEç1 2-'.ßÆæ\u00aa\u00b2Øœ\u0152жЖ\n")), max_size=60
)


@settings(max_examples=200, deadline=None)
@given(_GLUED)
def test_the_matcher_notes_the_junctions_of_the_text(text: str) -> None:
    keys = TextKeys.of(text)
    default_tagger().matcher.find(text, "und", keys)
    assert keys.junctions == junctions(keys.case)


def test_glued_words_are_found_on_the_matcher_pass() -> None:
    text = "Il vit enFrance depuis 87.303Belgique et laChambre a voté."
    keys = TextKeys.of(text)
    default_tagger().matcher.find(text, "fr", keys)
    starts, ends = keys.junctions
    assert (starts, ends) == junctions(keys.case)
    assert [keys.case[p : p + 6] for p in starts][:1] == [b"France"]


_SPANS = st.lists(
    st.tuples(st.integers(0, 40), st.integers(1, 8), st.integers(0, 3), st.booleans()), max_size=25
)


@settings(max_examples=300, deadline=None)
@given(_SPANS)
def test_the_sweep_by_overlapping_groups_is_the_sweep_over_all(
    spans: list[tuple[int, int, int, bool]],
) -> None:
    entry = Entry("x", "country:XX", "country", "name", "", "", 0, False)
    found = [Candidate(start, start + length, entry) for start, length, _rank, _ok in spans]
    ranks = {id(c): (rank, 0, 0, "") for c, (_s, _l, rank, _ok) in zip(found, spans, strict=True)}
    refused = {id(c) for c, (_s, _l, _r, ok) in zip(found, spans, strict=True) if not ok}

    def run(
        select: Callable[[list[Candidate], list[Candidate]], list[Candidate]],
    ) -> tuple[list[int], list[int]]:
        asked: list[Candidate] = []
        chosen = select(found, asked)
        index = {id(c): i for i, c in enumerate(found)}
        return [index[id(c)] for c in chosen], [index[id(c)] for c in asked]

    def accept_into(asked: list[Candidate]) -> Callable[[Candidate], bool]:
        def accept(c: Candidate) -> bool:
            asked.append(c)
            return id(c) not in refused

        return accept

    def plain(cands: list[Candidate], asked: list[Candidate]) -> list[Candidate]:
        order = [(c.start - c.end, ranks[id(c)], c.start, i) for i, c in enumerate(cands)]
        return sweep_longest(cands, order, accept_into(asked))

    def grouped(cands: list[Candidate], asked: list[Candidate]) -> list[Candidate]:
        return _longest(cands, lambda c: ranks[id(c)], accept_into(asked))

    expected_chosen, expected_asked = run(plain)
    chosen, asked = run(grouped)
    assert chosen == expected_chosen
    assert sorted(asked) == sorted(expected_asked)
    # within a group of matches that overlap one another, the questions come in the same order
    group_of: dict[int, int] = {}
    group, group_end = -1, -1
    for start, end, i in sorted((c.start, c.end, i) for i, c in enumerate(found)):
        if start >= group_end:
            group = i
        group_of[i] = group
        group_end = max(group_end, end)
    for group in set(group_of.values()):
        assert [i for i in asked if group_of[i] == group] == [
            i for i in expected_asked if group_of[i] == group
        ]


def test_make_mention_is_the_dataclass() -> None:
    args = (3, 9, "Maroc", "country", "name", "country:MA", "Morocco", "Maroc", "registry")
    made = make_mention(*args)  # type: ignore[arg-type]
    built = Mention(*args)  # type: ignore[arg-type]
    assert made == built and hash(made) == hash(built) and type(made) is Mention
    assert made.to_json() == built.to_json() == dataclasses.asdict(built)
    assert pickle.loads(pickle.dumps(made)) == built
    assert dataclasses.replace(made, start=4) == dataclasses.replace(built, start=4)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = 4  # type: ignore[misc]
