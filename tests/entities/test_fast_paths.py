"""The tagger's fast paths give what the plain computations give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.entities.folding import TextKeys, junctions
from tui_reader.entities.tagger import default_tagger

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
