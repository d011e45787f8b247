"""Calling back a skipped voter in an anonymous round where a finished turn is still held in memory.

The voter at the keyboard is the first one whose turn is neither finished nor
skipped, finished turns held in memory included (the file still says those
voters are pending). When that voter has typed something, the skipped voter
waits for the end of their turn, as in an open round.
"""

from __future__ import annotations

import pytest

from tests.rounds_room import Room, make_room
from workshop.errors import ValidationError
from workshop.project import Project
from workshop.rounds import RoundMode, contribute, finish_turn, get_round, recall, skip, turn_contributions


@pytest.fixture
def room(project: Project) -> Room:
    return make_room(project)


def test_the_voter_typing_after_a_held_turn_keeps_the_keyboard(room: Room) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    v = get_round(room.project, rid).voters
    skip(room.project, rid, v[0])
    contribute(room.project, rid, v[1], "Idée de la deuxième")
    finish_turn(room.project, rid, v[1])  # held: too few finished turns for a batch
    assert get_round(room.project, rid).held == 1
    contribute(room.project, rid, v[2], "Idée de la troisième")

    with pytest.raises(ValidationError) as error:
        recall(room.project, rid, v[0])
    assert error.value.key == "rounds.error.recall_during_turn"
    assert get_round(room.project, rid).current == v[2]
    assert [c.text for c in turn_contributions(room.project, rid)] == ["Idée de la troisième"]

    finish_turn(room.project, rid, v[2])
    recall(room.project, rid, v[0])  # the turn is over: the skipped voter comes back first
    assert get_round(room.project, rid).current == v[0]
