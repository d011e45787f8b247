"""The structure an open round's ballot or contribution counts for.

A person counts for their structure; in a round by structure the voter is the
structure itself; a participant removed from the project while the round runs
counts for no structure (None), never for another one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rounds_room import Room, make_room, stored
from workshop.project import Project
from workshop.rounds import RoundMode, cast, contribute, get_round


@pytest.fixture
def room(project: Project) -> Room:
    return make_room(project)


def test_a_ballot_counts_for_the_voters_structure(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.SCALE)
    p = room.people
    for voter, value in [(p["a1"], 5), (p["a2"], 4), (p["a3"], 3), (p["b1"], 2), (p["b2"], 1), (p["c1"], 5)]:
        cast(room.project, rid, voter, value)
    written = [(b["voter"], b["structure_id"]) for b in stored(project_path, rid)["ballots"]]
    assert written == [
        (p["a1"], room.alpha), (p["a2"], room.alpha), (p["a3"], room.alpha),
        (p["b1"], room.beta), (p["b2"], room.beta), (p["c1"], room.gamma),
    ]


def test_in_a_round_by_structure_the_voter_is_the_structure(room: Room, project_path: Path) -> None:
    # Structure ids (1, 2, 3) are also participant ids here: the structure must not be
    # read as a participant's.
    assert room.project.participant(room.alpha).structure_id == room.alpha
    assert room.project.participant(room.beta).structure_id == room.alpha
    rid = room.start(RoundMode.SCALE, by_structure=True)
    assert get_round(room.project, rid).voters == [room.alpha, room.beta, room.gamma]
    for structure, value in [(room.alpha, 2), (room.beta, 4), (room.gamma, 5)]:
        cast(room.project, rid, structure, value)
    written = [(b["voter"], b["structure_id"]) for b in stored(project_path, rid)["ballots"]]
    assert written == [(room.alpha, room.alpha), (room.beta, room.beta), (room.gamma, room.gamma)]

    words = room.start(RoundMode.CONTRIBUTION, by_structure=True)
    typed = contribute(room.project, words, room.alpha, "Idée d'Alpha")
    assert (typed.participant_id, typed.structure_id) == (None, room.alpha)


def test_a_removed_participant_counts_for_no_structure(room: Room, project_path: Path) -> None:
    votes = room.start(RoundMode.SCALE)
    words = room.start(RoundMode.CONTRIBUTION, hidden=False)
    first = get_round(room.project, votes).voters[0]
    room.project.remove_participant(first)
    cast(room.project, votes, first, 3)
    typed = contribute(room.project, words, first, "Idée")
    [ballot] = stored(project_path, votes)["ballots"]
    assert (ballot["voter"], ballot["structure_id"]) == (first, None)
    assert typed.structure_id is None
    assert stored(project_path, words)["contributions"][0]["structure_id"] is None
