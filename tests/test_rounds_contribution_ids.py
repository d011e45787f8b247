"""Contribution ids of an open round: 1, 2, 3... never given twice, never reused.

The round keeps the next id (`next_id`), but the project's checks do not require
it: a file written elsewhere may leave it out, or keep one behind its
contributions. A new contribution must still get an id of its own, or the
project would fail its checks (duplicate id) the next time it is opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.rounds_room import Room, make_room, stored
from workshop.project import Project
from workshop.rounds import RoundMode, contribute, contributions, finish_turn, get_round, remove_contribution


def rewrite(project: Project, round_id: int, change: Any) -> None:
    project.store.table("rounds").update(change, doc_ids=[round_id])


def started(path: Path) -> tuple[Room, int, list[int]]:
    project = Project.create(path, "Coopération")
    room = make_room(project)
    rid = room.start(RoundMode.CONTRIBUTION, hidden=False)
    return room, rid, get_round(project, rid).voters


def test_ids_follow_each_other_and_a_removed_id_is_not_given_again(project: Project) -> None:
    room = make_room(project)
    rid = room.start(RoundMode.CONTRIBUTION, hidden=False)
    first = get_round(project, rid).voters[0]
    assert [contribute(project, rid, first, text).id for text in ("un", "deux")] == [1, 2]
    remove_contribution(project, rid, 2)
    assert contribute(project, rid, first, "trois").id == 3


def test_a_round_stored_without_next_id_starts_at_one(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    room, rid, v = started(path)
    rewrite(room.project, rid, lambda stored: stored.pop("next_id"))
    room.project.close()
    with Project.open(path) as again:
        assert contribute(again, rid, v[0], "un").id == 1


def test_a_round_stored_without_next_id_or_behind_gives_a_new_id(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    room, rid, v = started(path)
    contribute(room.project, rid, v[0], "un")
    contribute(room.project, rid, v[0], "deux")
    finish_turn(room.project, rid, v[0])
    rewrite(room.project, rid, lambda stored: stored.pop("next_id"))
    room.project.close()
    with Project.open(path) as again:
        assert contribute(again, rid, v[1], "trois").id == 3
        rewrite(again, rid, lambda stored: stored.update(next_id=2))  # behind its contributions
        assert contribute(again, rid, v[1], "quatre").id == 4
    with Project.open(path) as reopened:  # the ids are unique: the project passes its checks
        assert [c.id for c in contributions(reopened, rid)] == [1, 2, 3, 4]
    assert stored(path, rid)["next_id"] == 5
