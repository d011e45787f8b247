"""Structure tags of secret rounds, held in memory until they can no longer single anyone out.

In a secret round the file says who has taken their turn. If the first ballot
(or the first contributions) from a structure carried that structure on disk,
anyone reading the file mid-round would know whose they are: the only voter of
that structure who has voted so far. So the first one is saved without its
structure, and the structure is remembered here, in memory only. When a second
voter of the same structure has voted, both are tagged at once; from then on,
that structure's tag names at least two people.

Nothing in the file marks a held ballot: a held ballot is remembered by its
content (identical ballots are interchangeable for every count), a held
contribution by its random id. If the app stops mid-round, what was held is
lost and those entries simply stay without a structure, like the ballot of a
structure that has a single voter.
"""

from __future__ import annotations

import weakref
from typing import Any, Hashable

from workshop.project import Project

# project -> (round id, "ballots" | "contributions") -> structure id -> held keys
_held: weakref.WeakKeyDictionary[Project, dict[tuple[int, str], dict[int, list[Any]]]] = weakref.WeakKeyDictionary()


def hold(project: Project, round_id: int, kind: str, structure_id: int, key: Hashable) -> list[Any]:
    """Hold `key` for `structure_id`; once two are held, release them all.

    Returns the keys to tag now: empty while this is the structure's only one.
    """
    rounds = _held.setdefault(project, {})
    held = rounds.setdefault((round_id, kind), {}).setdefault(structure_id, [])
    held.append(key)
    if len(held) < 2:
        return []
    released = list(held)
    held.clear()
    return released


def forget(project: Project, round_id: int) -> None:
    """The round is over (or gone): what was still held stays untagged."""
    rounds = _held.get(project)
    if rounds is not None:
        for kind in ("ballots", "contributions"):
            rounds.pop((round_id, kind), None)
