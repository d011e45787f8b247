"""What an anonymous round holds in memory (`workshop.rounds.held`): kept while it
matters, tied to the right voter, let go once written or once the round is gone.

A secret round's ballots and an anonymous voter's typing live only in memory
until their batch is written: losing them loses a contribution, giving them to
the wrong voter shows one person's words on another's turn, and keeping them
after the round is gone keeps a ballot nobody can reach.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.disk import on_disk
from workshop.project import Project
from workshop.rounds import (
    RoundMode,
    RoundSpec,
    cast,
    close_round,
    contribute,
    contributions,
    finish_turn,
    get_round,
    remove_round,
    reveal,
    skip,
    start_round,
    turn_contributions,
)
from workshop.rounds.held import held


@pytest.fixture
def room(project: Project) -> dict:
    """Five people of one structure, all present, in this order."""
    structure = project.add_structure("Alpha")
    people = [project.add_participant(name, structure.id).id for name in ("Anne", "Bruno", "Chloé", "David", "Emma")]
    workshop = project.add_workshop("Atelier")
    item = project.add_agenda_item(workshop.id, "free", "Point libre")
    return {"w": workshop.id, "i": item.id, "p": people}


def anonymous_ideas(project: Project, room: dict) -> int:
    spec = RoundSpec("Quelles idées ?", RoundMode.CONTRIBUTION, secret=True)
    return start_round(project, room["w"], room["i"], spec).id


def secret_choice(project: Project, room: dict) -> int:
    spec = RoundSpec("Quel lieu ?", RoundMode.SINGLE, options=["Lyon", "Nantes"], secret=True)
    return start_round(project, room["w"], room["i"], spec).id


def texts(project: Project, round_id: int) -> list[str]:
    return sorted(c.text for c in contributions(project, round_id))


def test_skipping_someone_else_keeps_what_the_voter_at_the_keyboard_typed(project: Project, room: dict) -> None:
    anne, bruno, chloe, david, emma = room["p"]
    round_id = anonymous_ideas(project, room)
    contribute(project, round_id, anne, "Un local partagé")
    skip(project, round_id, david)  # David has left the room; Anne is still typing
    assert [c.text for c in turn_contributions(project, round_id)] == ["Un local partagé"]
    contribute(project, round_id, anne, "Une navette")
    for voter in (anne, bruno, chloe, emma):
        finish_turn(project, round_id, voter)
    assert texts(project, round_id) == ["Un local partagé", "Une navette"]


def test_revealing_while_someone_types_keeps_their_text(project: Project, room: dict, project_path: Path) -> None:
    anne, bruno, *_ = room["p"]
    round_id = anonymous_ideas(project, room)
    finish_turn(project, round_id, anne)
    contribute(project, round_id, bruno, "Un fonds commun")
    reveal(project, round_id)
    assert [c.text for c in turn_contributions(project, round_id)] == ["Un fonds commun"]
    finish_turn(project, round_id, bruno)
    close_round(project, round_id)
    assert texts(project, round_id) == ["Un fonds commun"]
    stored = on_disk(project_path)["rounds"][str(round_id)]
    assert [c["text"] for c in stored["contributions"]] == ["Un fonds commun"]


def test_ending_another_voter_s_turn_leaves_the_typing_to_its_author(project: Project, room: dict) -> None:
    anne, bruno, chloe, david, emma = room["p"]
    round_id = anonymous_ideas(project, room)
    contribute(project, round_id, anne, "Texte d'Anne")
    finish_turn(project, round_id, chloe, proxy=True)  # Chloé had to leave: her turn is ended, empty
    assert [c.text for c in turn_contributions(project, round_id)] == ["Texte d'Anne"]
    for voter in (anne, bruno, david, emma):
        finish_turn(project, round_id, voter)
    assert texts(project, round_id) == ["Texte d'Anne"]  # once, and not as Chloé's


def test_nothing_stays_in_memory_once_every_ballot_is_written(project: Project, room: dict, project_path: Path) -> None:
    round_id = secret_choice(project, room)
    for voter, choice in zip(room["p"], (0, 1, 1, 0, 1), strict=True):
        cast(project, round_id, voter, choice)
    assert held(project, round_id) is None
    assert len(on_disk(project_path)["rounds"][str(round_id)]["ballots"]) == 5
    assert get_round(project, round_id).held == 0


def test_nothing_stays_in_memory_once_an_anonymous_round_is_written(project: Project, room: dict) -> None:
    round_id = anonymous_ideas(project, room)
    for voter in room["p"]:
        contribute(project, round_id, voter, f"Idée {voter}")
        finish_turn(project, round_id, voter)
    assert held(project, round_id) is None
    assert len(texts(project, round_id)) == 5


def test_a_removed_round_lets_go_of_its_held_ballots(project: Project, room: dict) -> None:
    round_id = secret_choice(project, room)
    cast(project, round_id, room["p"][0], 1)  # held: fewer than three voters so far
    assert held(project, round_id) is not None
    remove_round(project, round_id)
    assert held(project, round_id) is None


def test_removing_a_round_keeps_another_round_s_held_ballots(project: Project, room: dict) -> None:
    secret = secret_choice(project, room)
    cast(project, secret, room["p"][0], 1)
    cast(project, secret, room["p"][1], 1)
    other = start_round(project, room["w"], room["i"], RoundSpec("Autre ?", RoundMode.SCALE)).id
    remove_round(project, other)  # the secret round holds two ballots meanwhile
    assert get_round(project, secret).held == 2
    for voter in room["p"][2:]:
        cast(project, secret, voter, 0)
    reveal(project, secret)
    assert sorted(b["choice"] for b in on_disk(project.path)["rounds"][str(secret)]["ballots"]) == [0, 0, 0, 1, 1]
