"""Which rounds an exercise finds as its own: `rounds_of(..., owner=...)`.

An exercise lists its rounds by owner ("values:vote"...); the cockpit's free
rounds have the owner "" (RoundSpec's default). A file may store a round's
settings without the `owner` key (the project's checks do not require it, and
the settings read back with the default owner ""): such a round is a free one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.rounds_room import make_room
from workshop.project import Project
from workshop.rounds import RoundMode, get_round, rounds_of


def without_owner(project: Project, round_id: int) -> None:
    def drop(stored: Any) -> None:
        del stored["spec"]["owner"]

    project.store.table("rounds").update(drop, doc_ids=[round_id])


def test_free_rounds_and_owned_rounds_are_listed_apart(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        room = make_room(project)
        free = room.start(RoundMode.SCALE)
        owned = room.start(RoundMode.SCALE, owner="values:vote")
        unmarked = room.start(RoundMode.SCALE, question="Saisi ailleurs ?")
        without_owner(project, unmarked)
        other = room.start(RoundMode.CONTRIBUTION, owner="swot:contribute")
        workshop = room.workshop

    with Project.open(path) as again:  # the file's checks accept a round without owner
        assert get_round(again, unmarked).spec.owner == ""
        assert [r.id for r in rounds_of(again, workshop, owner="")] == [free, unmarked]
        assert [r.id for r in rounds_of(again, workshop, owner="values:vote")] == [owned]
        assert [r.id for r in rounds_of(again, workshop, owner="swot:contribute")] == [other]
        assert rounds_of(again, workshop, owner="XXXX") == []
        assert [r.id for r in rounds_of(again, workshop)] == [free, owned, unmarked, other]
