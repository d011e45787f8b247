"""Nobody votes twice in a secret round, even while their ballot is only held in memory.

A secret ballot waits in memory for its batch (rounds/held.py); the file still
says its voter is pending. The voter's turn is nevertheless over: a second
ballot from them, or a proxy ballot given in their name, is refused, and the
ballot already cast stays the only one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rounds_room import Room, make_room, stored
from workshop.errors import ValidationError
from workshop.project import Project
from workshop.rounds import RoundMode, ballots, cast, get_round


@pytest.fixture
def room(project: Project) -> Room:
    return make_room(project)


@pytest.mark.parametrize("proxy", [False, True])
def test_a_held_ballot_cannot_be_cast_again(room: Room, project_path: Path, proxy: bool) -> None:
    rid = room.start(RoundMode.SCALE, secret=True)
    first = get_round(room.project, rid).voters[0]
    cast(room.project, rid, first, 2)
    assert stored(project_path, rid)["turns"][str(first)] == "pending"  # held, not written

    with pytest.raises(ValidationError) as error:
        cast(room.project, rid, first, 5, proxy=proxy)
    assert error.value.key == "rounds.error.already_taken"
    assert [b["choice"] for b in ballots(room.project, rid)] == [2]
    assert get_round(room.project, rid).ballot_count == 1
