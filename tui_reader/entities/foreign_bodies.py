"""A body's name that other states' bodies share, in an article about another state.

"Congress", "Chambre des députés", "Social Democrats" or "Conseil constitutionnel" are the
registry's American, French or German bodies, and the names of other states' bodies too (the
registry marks them `generic`). In an article that names other states (by their names, demonyms
or bodies) but never the body's own, nor any other body of it, the name is another state's body:
"Ms Fernández's government lost its majority in Congress" (Argentina), "le président de la
Chambre des députés, Gianfranco Fini" (Italy), "the PSOE will preside over Congress" (Spain). It
stays an organization, found by a rule and not linked to the registry's body, so that
choosing that body never lists the article.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from tui_reader.entities.guards import STATE_KINDS
from tui_reader.entities.mention import Mention
from tui_reader.entities.registry import EntityInfo
from tui_reader.entities.rules import rule_mention


def unlink_foreign_bodies(
    text: str,
    mentions: list[Mention],
    generic: Collection[int],
    infos: Mapping[str, EntityInfo],
    unkept: Iterable[str] = (),
) -> list[Mention]:
    """`mentions` with the registry's state bodies that start at one of `generic` (where a
    generic name matched) replaced by rule mentions when the article is about other states (a
    party, government body, court or security service: not a club such as "Bayern").

    `infos` holds the registry's entities by id. The article names a country by its name or
    demonym, or by a registry state body of it other than a generic name: its broadcasters and
    firms report on other states, and two generic names are no evidence ("Social Democrats" and
    "Christian Democrats" name the parties of many states). `unkept` holds the ids of bodies whose
    names matched but were not kept as mentions ("the White House said": a building to the
    annotators, and evidence enough)."""
    suspects = [
        i
        for i, m in enumerate(mentions)
        if m.start in generic and m.source == "registry" and m.kind == "organization" and m.form == "name"
    ]
    if not suspects:
        return mentions
    named: set[str] = set()  # countries named, and those whose bodies are named
    suspect_starts = {mentions[i].start for i in suspects}
    for m in mentions:
        if m.source != "registry" or m.start in suspect_starts:
            continue
        if m.kind == "country":
            named.add(m.id.partition(":")[2])
        elif (info := infos.get(m.id)) is not None and info.country and info.org_kind in STATE_KINDS:
            named.add(info.country)
    if not named:
        return mentions
    for entity_id in unkept:
        info = infos.get(entity_id)
        if info is not None and info.country and info.org_kind in STATE_KINDS:
            named.add(info.country)
    out = list(mentions)
    for i in suspects:
        m = mentions[i]
        info = infos.get(m.id)
        if info is not None and info.org_kind in STATE_KINDS and info.country and info.country not in named:
            out[i] = rule_mention(text, m.start, m.end)
    return out
