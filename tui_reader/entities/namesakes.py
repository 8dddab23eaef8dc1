"""States that share a short name: the bare name, and its people's name, are the state whose
places or leaders the article names ("Congo" beside Kinshasa or Goma is the Democratic Republic of
the Congo, beside Brazzaville the Republic of the Congo)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from tui_reader.entities.folding import fold
from tui_reader.entities.mention import Mention

# For each group of states: the folded forms they share, and what names each state (its capital,
# its regions and cities in the news, its leaders, its other names).
_GROUPS: tuple[tuple[frozenset[str], dict[str, re.Pattern[str]]], ...] = (
    (
        frozenset(("congo", "congolais", "congolaise", "congolaises", "congolese")),
        {
            "country:CD": re.compile(
                r"(?<![\w-])(?:Kinshasa|RDC|RD ?Congo|DRC|DR ?Congo|Tshisekedi|Kabila|Mobutu|Lumumba|"
                r"Goma|Kivu|Ituri|Katanga|Lubumbashi|Kisangani|Bukavu|Kasa[iï]|Monusco|M23|Za[iï]re)(?!\w)"
            ),
            "country:CG": re.compile(r"(?<![\w-])(?:Brazzaville|Sassou|Pointe-Noire|Lissouba)(?!\w)"),
        },
    ),
)


def namesakes_settled(
    text: str, mentions: list[Mention], info: Callable[[str], tuple[str, str] | None]
) -> list[Mention]:
    """`mentions` with each shared short name linked to the one state of its group that the text
    names by its places or leaders; left as it is when it names none or several. `info(id)` gives
    a state's English and French names."""
    out = mentions
    for forms, cues in _GROUPS:
        shared = [i for i, m in enumerate(mentions) if m.id in cues and fold(m.text) in forms]
        if not shared:
            continue
        named = [state for state, cue in cues.items() if cue.search(text) is not None]
        names = info(named[0]) if len(named) == 1 else None
        if names is None:
            continue
        for i in shared:
            if out[i].id != named[0]:
                if out is mentions:
                    out = list(mentions)
                out[i] = replace(out[i], id=named[0], name_en=names[0], name_fr=names[1])
    return out
