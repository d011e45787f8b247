"""Correcting contributions: a typo fixed, a duplicate removed, during the turn or later.

In an open round the texts are written as they are typed. In an anonymous
(secret) round they are held in memory, first while the voter types, then with
their finished turn until a batch of voters can be written together: a
correction must reach the text wherever it is, and what is shown, revealed and
finally written must be the corrected text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.rounds_room import Room, make_room, stored
from workshop.errors import NotFound, ValidationError
from workshop.project import Project
from workshop.rounds import (
    Contribution,
    RoundMode,
    TurnState,
    close_round,
    contribute,
    contributions,
    edit_contribution,
    finish_turn,
    get_round,
    lost_turns,
    remove_contribution,
    reveal,
    skip,
    turn_contributions,
)


@pytest.fixture
def room(project: Project) -> Room:
    return make_room(project)


def texts(items: list[Contribution]) -> list[str]:
    return [c.text for c in items]


# Open rounds ----------------------------------------------------------------------------------
def test_open_round_correction_is_written(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONTRIBUTION)
    voter = room.people["a1"]
    first = contribute(room.project, rid, voter, "Confiance")
    second = contribute(room.project, rid, voter, "Solidarté")
    fixed = edit_contribution(room.project, rid, second.id, "  Solidarité ")
    assert fixed == Contribution(second.id, "Solidarité", voter, room.alpha, False)
    assert [(c["id"], c["text"]) for c in stored(project_path, rid)["contributions"]] == [
        (first.id, "Confiance"),
        (second.id, "Solidarité"),
    ]


def test_an_earlier_turn_can_be_corrected_too(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONTRIBUTION)
    earlier = contribute(room.project, rid, room.people["a1"], "Mutualiser les locuax")
    finish_turn(room.project, rid, room.people["a1"])
    edit_contribution(room.project, rid, earlier.id, "Mutualiser les locaux")
    room.project.close()
    with Project.open(project_path) as again:
        assert texts(contributions(again, rid)) == ["Mutualiser les locaux"]


def test_removal_during_the_turn(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONTRIBUTION)
    voter = room.people["a1"]
    keep = contribute(room.project, rid, voter, "Garder")
    twice = contribute(room.project, rid, voter, "Doublon")
    remove_contribution(room.project, rid, twice.id)
    doc = stored(project_path, rid)
    assert doc["turn_ids"] == [keep.id]
    assert [c["text"] for c in doc["contributions"]] == ["Garder"]
    assert turn_contributions(room.project, rid) == [Contribution(keep.id, "Garder", voter, room.alpha, False)]


def test_a_voter_who_removed_all_they_typed_can_be_skipped(room: Room) -> None:
    rid = room.start(RoundMode.CONTRIBUTION)
    voter = room.people["a1"]
    typed = contribute(room.project, rid, voter, "Finalement non")
    with pytest.raises(ValidationError) as error:
        skip(room.project, rid, voter)
    assert error.value.key == "rounds.error.skip_has_contributions"
    remove_contribution(room.project, rid, typed.id)
    assert skip(room.project, rid, voter).turns[voter] is TurnState.SKIPPED


def test_unknown_contribution_is_said(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONTRIBUTION)
    contribute(room.project, rid, room.people["a1"], "Seule idée")
    before = stored(project_path, rid)
    for attempt in (lambda: edit_contribution(room.project, rid, 999, "x"), lambda: remove_contribution(room.project, rid, 999)):
        with pytest.raises(NotFound) as error:
            attempt()
        assert error.value.key == "error.not_found"
        assert error.value.message() == "Élément introuvable (contribution n° 999)."
    assert stored(project_path, rid) == before


def test_an_empty_correction_is_refused(room: Room) -> None:
    rid = room.start(RoundMode.CONTRIBUTION)
    typed = contribute(room.project, rid, room.people["a1"], "Idée")
    with pytest.raises(ValidationError) as error:
        edit_contribution(room.project, rid, typed.id, "  ")
    assert error.value.key == "rounds.error.contribution_empty"
    assert texts(contributions(room.project, rid)) == ["Idée"]


# Anonymous rounds: while the voter types --------------------------------------------------------
def test_anonymous_correction_while_typing_stays_in_memory(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    voter = get_round(room.project, rid).current
    assert turn_contributions(room.project, rid) == []  # nothing typed yet
    first = contribute(room.project, rid, voter, "Premiere idée")
    second = contribute(room.project, rid, voter, "Seconde idée")
    fixed = edit_contribution(room.project, rid, first.id, "Première idée")
    assert fixed == Contribution(first.id, "Première idée", None, None)
    assert turn_contributions(room.project, rid) == [
        Contribution(first.id, "Première idée", None, None),
        Contribution(second.id, "Seconde idée", None, None),
    ]
    assert "idée" not in json.dumps(stored(project_path, rid), ensure_ascii=False)

    edit_contribution(room.project, rid, second.id, "Seconde idée, précisée")
    assert texts(turn_contributions(room.project, rid)) == ["Première idée", "Seconde idée, précisée"]


def test_anonymous_removal_while_typing(room: Room) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    voter = get_round(room.project, rid).current
    first = contribute(room.project, rid, voter, "Une")
    second = contribute(room.project, rid, voter, "Deux")
    third = contribute(room.project, rid, voter, "Trois")
    remove_contribution(room.project, rid, second.id)
    assert [(c.id, c.text) for c in turn_contributions(room.project, rid)] == [(first.id, "Une"), (third.id, "Trois")]
    assert texts(contributions(room.project, rid)) == ["Une", "Trois"]
    with pytest.raises(NotFound):
        remove_contribution(room.project, rid, second.id)


def test_an_anonymous_voter_who_took_everything_back_is_not_waiting(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    voter = get_round(room.project, rid).current
    typed = contribute(room.project, rid, voter, "Finalement non")
    assert stored(project_path, rid)["unsaved"] == [voter]
    assert lost_turns(room.project, rid) == []  # this app holds what they type
    remove_contribution(room.project, rid, typed.id)
    assert stored(project_path, rid)["unsaved"] == []
    assert turn_contributions(room.project, rid) == []
    assert skip(room.project, rid, voter).turns[voter] is TurnState.SKIPPED
    room.project.close()
    with Project.open(project_path) as again:
        assert lost_turns(again, rid) == []  # nothing of theirs was lost


def test_the_anonymous_voter_types_again_after_taking_everything_back(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    voter = get_round(room.project, rid).current
    remove_contribution(room.project, rid, contribute(room.project, rid, voter, "Non").id)
    again = contribute(room.project, rid, voter, "Si, celle-ci")
    assert stored(project_path, rid)["unsaved"] == [voter]
    assert turn_contributions(room.project, rid) == [Contribution(again.id, "Si, celle-ci", None, None)]
    finish_turn(room.project, rid, voter)
    reveal(room.project, rid)
    assert [c["text"] for c in stored(project_path, rid)["contributions"]] == ["Si, celle-ci"]


# Anonymous rounds: finished turns waiting for their batch --------------------------------------
def test_a_finished_turn_held_for_its_batch_can_still_be_corrected(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    voters = get_round(room.project, rid).voters
    typo = contribute(room.project, rid, voters[0], "Covoiturrage")
    twice = contribute(room.project, rid, voters[0], "Doublon")
    kept = contribute(room.project, rid, voters[0], "Cantine commune")
    finish_turn(room.project, rid, voters[0])
    other = contribute(room.project, rid, voters[1], "Atelier vélo")
    assert stored(project_path, rid)["contributions"] == []  # a batch needs three voters

    assert edit_contribution(room.project, rid, typo.id, "Covoiturage") == Contribution(typo.id, "Covoiturage", None, None)
    remove_contribution(room.project, rid, twice.id)
    assert turn_contributions(room.project, rid) == [Contribution(other.id, "Atelier vélo", None, None)]
    assert sorted(texts(contributions(room.project, rid))) == ["Atelier vélo", "Cantine commune", "Covoiturage"]
    assert stored(project_path, rid)["unsaved"] == voters[:2]  # both still waiting for their batch

    close_round(room.project, rid)  # writes everything held
    written = stored(project_path, rid)["contributions"]
    assert sorted((c["id"], c["text"]) for c in written) == sorted(
        [(typo.id, "Covoiturage"), (kept.id, "Cantine commune"), (other.id, "Atelier vélo")]
    )


def test_removing_a_written_anonymous_contribution(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    voter = get_round(room.project, rid).current
    gone = contribute(room.project, rid, voter, "À retirer")
    contribute(room.project, rid, voter, "À garder")
    finish_turn(room.project, rid, voter)
    reveal(room.project, rid)  # written now
    remove_contribution(room.project, rid, gone.id)
    doc = stored(project_path, rid)
    assert [c["text"] for c in doc["contributions"]] == ["À garder"]
    assert "turn_ids" not in doc  # an anonymous round never says which texts belong to a turn
    edit_contribution(room.project, rid, doc["contributions"][0]["id"], "À garder, reformulée")
    assert texts(contributions(room.project, rid)) == ["À garder, reformulée"]
