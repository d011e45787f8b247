"""What a new round writes in the file, by kind (the shape engine.py's docstring promises).

- an open round keeps the ids of the current turn's texts (`turn_ids`) and no
  `unsaved` list;
- a secret round keeps who waits for their batch (`unsaved`), never `turn_ids`
  (they would tie texts to a turn), and, when weighted "one structure, one
  voice" by person, the weighted sum of untagged ballots (`pooled`).
A round stored without `turn_ids` (not required by the project's checks) or a
secret round stored with some (a file written elsewhere) is set right at its
first change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.rounds_room import Room, make_room, stored
from workshop.project import Project
from workshop.rounds import RoundMode, contribute, finish_turn, get_round, skip


@pytest.fixture
def room(project: Project) -> Room:
    return make_room(project)


def kept_keys(doc: dict[str, Any]) -> dict[str, Any]:
    return {key: doc[key] for key in ("turn_ids", "unsaved", "pooled", "next_id") if key in doc}


def test_each_kind_of_new_round_writes_its_own_keys(room: Room, project_path: Path) -> None:
    open_words = room.start(RoundMode.CONTRIBUTION, hidden=False)
    open_votes = room.start(RoundMode.SCALE, one_structure_one_voice=True)
    secret_votes = room.start(RoundMode.SCALE, secret=True)
    weighted = room.start(RoundMode.SCALE, secret=True, one_structure_one_voice=True)
    weighted_by_structure = room.start(RoundMode.SCALE, secret=True, one_structure_one_voice=True, by_structure=True)
    anonymous_words = room.start(RoundMode.CONTRIBUTION, secret=True, one_structure_one_voice=True)
    assert kept_keys(stored(project_path, open_words)) == {"turn_ids": [], "next_id": 1}
    assert kept_keys(stored(project_path, open_votes)) == {"turn_ids": [], "next_id": 1}
    assert kept_keys(stored(project_path, secret_votes)) == {"unsaved": [], "next_id": 1}
    assert kept_keys(stored(project_path, weighted)) == {"unsaved": [], "pooled": {}, "next_id": 1}
    assert kept_keys(stored(project_path, weighted_by_structure)) == {"unsaved": [], "next_id": 1}
    assert kept_keys(stored(project_path, anonymous_words)) == {"unsaved": [], "next_id": 1}


def test_an_open_round_stored_without_turn_ids_starts_them(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        room = make_room(project)
        rid = room.start(RoundMode.CONTRIBUTION, hidden=False)
        project.store.table("rounds").update(lambda doc: doc.pop("turn_ids"), doc_ids=[rid])
        first = get_round(project, rid).voters[0]
    with Project.open(path) as again:
        typed = [contribute(again, rid, first, text).id for text in ("Idée", "Autre idée")]
    assert stored(path, rid)["turn_ids"] == typed  # both texts are of this turn


def test_a_secret_round_stored_with_turn_ids_loses_them(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    room.project.store.table("rounds").update(lambda doc: doc.update(turn_ids=[7]), doc_ids=[rid])
    v = get_round(room.project, rid).voters
    contribute(room.project, rid, v[0], "Idée")
    assert "turn_ids" not in stored(project_path, rid)
    finish_turn(room.project, rid, v[0])
    skip(room.project, rid, v[1])  # no stale turn ids stand in the way of a skip
    assert get_round(room.project, rid).current == v[2]
