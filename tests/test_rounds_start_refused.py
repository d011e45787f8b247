"""A round is started on an agenda item of its own workshop only, and the refusal names what is missing."""

from __future__ import annotations

import pytest

from tests.rounds_room import make_room
from workshop.errors import NotFound
from workshop.project import Project
from workshop.rounds import RoundMode, RoundSpec, rounds_of, start_round


def test_an_item_of_another_workshop_is_refused_by_name(project: Project) -> None:
    room = make_room(project)
    other = project.add_workshop("Atelier 2").id
    elsewhere = project.add_agenda_item(other, "free", "Point ailleurs").id
    spec = RoundSpec(question="Q ?", mode=RoundMode.SCALE)
    with pytest.raises(NotFound) as error:
        start_round(project, room.workshop, elsewhere, spec)
    assert (error.value.key, error.value.params) == ("error.not_found", {"what": "agenda", "id": elsewhere})
    assert rounds_of(project, room.workshop) == [] and rounds_of(project, other) == []


def test_an_unknown_workshop_is_refused_by_name(project: Project) -> None:
    make_room(project)
    with pytest.raises(NotFound) as error:
        start_round(project, 99, 0, RoundSpec(question="Q ?", mode=RoundMode.SCALE))
    assert error.value.params.get("id") == 99
