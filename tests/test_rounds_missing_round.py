"""A round that does not exist (removed, or never made) is refused with an error that names it."""

from __future__ import annotations

import pytest

from tests.rounds_room import make_room
from workshop.errors import NotFound
from workshop.project import Project
from workshop.rounds import RoundMode, get_round, remove_round


@pytest.mark.parametrize("round_id", [0, 99])
def test_an_unknown_round_is_named_in_the_refusal(project: Project, round_id: int) -> None:
    with pytest.raises(NotFound) as error:
        get_round(project, round_id)
    assert (error.value.key, error.value.params) == ("error.not_found", {"what": "rounds", "id": round_id})


def test_a_removed_round_is_refused(project: Project) -> None:
    room = make_room(project)
    rid = room.start(RoundMode.SCALE)
    remove_round(project, rid)
    with pytest.raises(NotFound) as error:
        get_round(project, rid)
    assert error.value.params == {"what": "rounds", "id": rid}
