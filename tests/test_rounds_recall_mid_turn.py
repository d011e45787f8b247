"""Calling back a skipped voter while the voter at the keyboard has written something.

The recalled voter's turn comes before anyone not yet called, but the voter at
the keyboard has been called: what they wrote is theirs. Found by the mutation
run (`Held.typed_by`): in an anonymous round the recalled voter took the
keyboard and their first contribution wiped what the voter before had typed.
The call back is now refused until that turn is over, with a message.
"""

from __future__ import annotations

import pytest

from workshop.errors import ValidationError
from workshop.i18n import t
from workshop.project import Project
from workshop.rounds import (
    RoundMode,
    RoundSpec,
    contribute,
    contributions,
    finish_turn,
    get_round,
    recall,
    skip,
    start_round,
    turn_contributions,
)


@pytest.fixture
def room(project: Project) -> dict:
    structure = project.add_structure("Alpha")
    people = [project.add_participant(name, structure.id).id for name in ("Anne", "Bruno", "Chloé")]
    workshop = project.add_workshop("Atelier")
    item = project.add_agenda_item(workshop.id, "free", "Point libre")
    return {"w": workshop.id, "i": item.id, "p": people}


@pytest.mark.parametrize("secret", [True, False], ids=["anonymous", "open"])
def test_a_voter_cannot_be_called_back_over_someone_who_is_writing(project: Project, room: dict, secret: bool) -> None:
    anne, bruno, chloe = room["p"]
    round_id = start_round(project, room["w"], room["i"], RoundSpec("Idées ?", RoundMode.CONTRIBUTION, secret=secret)).id
    skip(project, round_id, anne)
    contribute(project, round_id, bruno, "Texte de Bruno")
    with pytest.raises(ValidationError) as error:
        recall(project, round_id, anne)
    assert error.value.key == "rounds.error.recall_during_turn"
    assert "Bruno" not in t(error.value.key)  # names nobody; the screen shows it as it is
    assert get_round(project, round_id).current == bruno
    assert [c.text for c in turn_contributions(project, round_id)] == ["Texte de Bruno"]
    finish_turn(project, round_id, bruno)
    recall(project, round_id, anne)  # the turn is over: Anne comes back before Chloé
    assert get_round(project, round_id).current == anne
    contribute(project, round_id, anne, "Texte d'Anne")
    finish_turn(project, round_id, anne)
    finish_turn(project, round_id, chloe)
    assert sorted(c.text for c in contributions(project, round_id)) == ["Texte d'Anne", "Texte de Bruno"]


def test_a_voter_later_in_the_order_can_be_called_back_at_any_time(project: Project, room: dict) -> None:
    anne, bruno, chloe = room["p"]
    round_id = start_round(project, room["w"], room["i"], RoundSpec("Idées ?", RoundMode.CONTRIBUTION, secret=True)).id
    skip(project, round_id, chloe)
    contribute(project, round_id, anne, "Texte d'Anne")
    recall(project, round_id, chloe)  # her turn comes after Anne's: nothing is taken from Anne
    assert get_round(project, round_id).current == anne
    assert [c.text for c in turn_contributions(project, round_id)] == ["Texte d'Anne"]


def test_a_voter_can_be_called_back_before_the_next_one_has_written(project: Project, room: dict) -> None:
    anne, bruno, _ = room["p"]
    round_id = start_round(project, room["w"], room["i"], RoundSpec("Idées ?", RoundMode.CONTRIBUTION, secret=True)).id
    skip(project, round_id, anne)
    recall(project, round_id, anne)  # Bruno has the keyboard but has written nothing yet
    assert get_round(project, round_id).current == anne
