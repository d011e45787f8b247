"""Turns that come back: a skipped voter recalled, turns lost in a crash, rounds removed.

Nobody votes twice: a voter is called back only when they were skipped and
nobody voted for them; after a crash, the voters whose secret turn was held in
memory (and only they) are told to vote again."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.disk import on_disk
from tests.rounds_room import Room, make_room
from workshop.errors import NotFound, ValidationError
from workshop.project import Project
from workshop.rounds import (
    RoundMode,
    TurnState,
    ballots,
    cast,
    close_round,
    contribute,
    contributions,
    get_round,
    lost_turns,
    recall,
    remove_round,
    rounds_of,
    skip,
    start_round,
    structure_of,
    turn_contributions,
    voter_label,
)
from workshop.rounds.engine import ROUNDS
from workshop.rounds.held import held


@pytest.fixture
def room(project: Project) -> Room:
    return make_room(project)


def refusal(call: object, *args: object) -> str:
    with pytest.raises(ValidationError) as error:
        call(*args)
    return error.value.key


# Recall -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("secret", [False, True])
def test_a_recalled_voter_comes_back_before_those_not_yet_called(room: Room, secret: bool) -> None:
    rid = room.start(RoundMode.SCALE, secret=secret)
    v = get_round(room.project, rid).voters
    skip(room.project, rid, v[0])
    cast(room.project, rid, v[1], 2)
    round_ = recall(room.project, rid, v[0])
    assert round_.turns[v[0]] is TurnState.PENDING
    assert round_.current == v[0]
    cast(room.project, rid, v[0], 4)
    assert get_round(room.project, rid).current == v[2]


def test_only_a_skipped_voter_can_be_recalled(room: Room) -> None:
    rid = room.start(RoundMode.SCALE)
    v = get_round(room.project, rid).voters
    cast(room.project, rid, v[0], 3)
    assert refusal(recall, room.project, rid, v[0]) == "rounds.error.not_skipped"  # has voted
    assert refusal(recall, room.project, rid, v[1]) == "rounds.error.not_skipped"  # not called yet
    assert refusal(recall, room.project, rid, 999) == "rounds.error.not_a_voter"


def test_a_skipped_voter_given_a_secret_proxy_vote_cannot_be_recalled(room: Room) -> None:
    rid = room.start(RoundMode.SCALE, secret=True)
    absent = get_round(room.project, rid).voters[0]
    skip(room.project, rid, absent)
    cast(room.project, rid, absent, 5, proxy=True)  # held in memory; the file still says "skipped"
    assert refusal(recall, room.project, rid, absent) == "rounds.error.not_skipped"
    round_ = get_round(room.project, rid)
    assert round_.turns[absent] is TurnState.PROXY and round_.ballot_count == 1


def test_no_recall_once_the_round_is_closed(room: Room) -> None:
    rid = room.start(RoundMode.SCALE)
    absent = get_round(room.project, rid).voters[0]
    skip(room.project, rid, absent)
    close_round(room.project, rid)
    assert refusal(recall, room.project, rid, absent) == "rounds.error.closed"


# Lost turns -------------------------------------------------------------------------------------
def test_an_open_round_loses_no_turn(room: Room) -> None:
    rid = room.start(RoundMode.SCALE)
    cast(room.project, rid, get_round(room.project, rid).current, 3)
    assert lost_turns(room.project, rid) == []


def test_what_this_app_holds_is_not_lost(room: Room) -> None:
    rid = room.start(RoundMode.SCALE, secret=True)
    first = get_round(room.project, rid).current
    cast(room.project, rid, first, 3)
    assert lost_turns(room.project, rid) == []


def test_an_anonymous_voter_typing_when_the_app_stopped_types_again(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    voter = get_round(room.project, rid).current
    contribute(room.project, rid, voter, "Idée perdue")
    assert lost_turns(room.project, rid) == []  # still at the keyboard
    room.project.close()  # as after a crash: what was held is gone
    with Project.open(project_path) as again:
        assert lost_turns(again, rid) == [voter]
        assert get_round(again, rid).current == voter
        assert turn_contributions(again, rid) == []
        contribute(again, rid, voter, "Idée retapée")
        assert lost_turns(again, rid) == []


# Rounds as an earlier version wrote them: only the fields the project checks require ----------
def test_a_round_stored_with_only_its_required_fields_is_read(room: Room) -> None:
    voters = [room.people["a1"], room.people["a2"]]
    rid = room.project.store.table(ROUNDS).insert(
        {
            "workshop_id": room.workshop,
            "item_id": room.item,
            "spec": {"question": "Ancien tour ?", "mode": "contribution"},
            "voters": voters,
            "turns": {str(v): "pending" for v in voters},
        }
    )
    assert turn_contributions(room.project, rid) == []
    assert contributions(room.project, rid) == []
    assert lost_turns(room.project, rid) == []
    round_ = get_round(room.project, rid)
    assert round_.current == voters[0] and round_.contribution_count == 0
    assert contribute(room.project, rid, voters[0], "Première").id == 1  # numbered from 1
    assert contribute(room.project, rid, voters[0], "Seconde").id == 2
    assert [c.text for c in turn_contributions(room.project, rid)] == ["Première", "Seconde"]


@pytest.mark.parametrize("secret", [False, True])
def test_a_vote_stored_with_only_its_required_fields_takes_ballots(room: Room, secret: bool) -> None:
    voters = [room.people[p] for p in ("a1", "a2", "a3")]
    rid = room.project.store.table(ROUNDS).insert(
        {
            "workshop_id": room.workshop,
            "item_id": room.item,
            "spec": {"question": "Ancien vote ?", "mode": "scale", "secret": secret},
            "voters": voters,
            "turns": {str(v): "pending" for v in voters},
        }
    )
    for index, voter in enumerate(voters):
        cast(room.project, rid, voter, 1 + index)
    assert sorted(b["choice"] for b in ballots(room.project, rid)) == [1, 2, 3]
    assert get_round(room.project, rid).done


# Removed rounds ---------------------------------------------------------------------------------
def test_a_removed_secret_round_lets_go_of_the_ballots_it_held(room: Room) -> None:
    rid = room.start(RoundMode.SCALE, secret=True)
    cast(room.project, rid, get_round(room.project, rid).current, 1)
    kept = room.start(RoundMode.SCALE, secret=True)
    cast(room.project, kept, get_round(room.project, kept).current, 2)
    remove_round(room.project, rid)
    assert held(room.project, rid) is None  # no secret ballot lingers in memory
    assert held(room.project, kept) is not None
    assert [r.id for r in rounds_of(room.project, room.workshop)] == [kept]
    with pytest.raises(NotFound):
        get_round(room.project, rid)
    with pytest.raises(NotFound):
        remove_round(room.project, rid)


def test_start_round_refuses_an_item_of_another_workshop(room: Room) -> None:
    other = room.project.add_workshop("Atelier 2").id
    spec = get_round(room.project, room.start(RoundMode.SCALE)).spec
    with pytest.raises(NotFound):
        start_round(room.project, other, room.item, spec)


# Who is named at each turn ----------------------------------------------------------------------
def test_voters_are_named_with_their_structure(room: Room) -> None:
    rid = room.start(RoundMode.SCALE)
    round_ = get_round(room.project, rid)
    assert voter_label(room.project, round_, room.people["c1"]) == ("Chloé", "Gamma")
    assert structure_of(room.project, round_, room.people["c1"]) == room.gamma


def test_a_structure_round_names_the_structure_alone(room: Room) -> None:
    rid = room.start(RoundMode.SCALE, by_structure=True)
    round_ = get_round(room.project, rid)
    assert voter_label(room.project, round_, room.beta) == ("Bêta", "")
    assert structure_of(room.project, round_, room.beta) == room.beta


def test_a_person_removed_from_the_project_is_still_listed(room: Room) -> None:
    rid = room.start(RoundMode.SCALE)
    cast(room.project, rid, room.people["a1"], 4)
    room.project.remove_participant(room.people["a1"])
    round_ = get_round(room.project, rid)
    assert voter_label(room.project, round_, room.people["a1"]) == ("(personne retirée du projet)", "")
    assert structure_of(room.project, round_, room.people["a1"]) is None

    structures = room.start(RoundMode.SCALE, by_structure=True)
    room.project.remove_participant(room.people["c1"])
    room.project.remove_structure(room.gamma)
    by_structure = get_round(room.project, structures)
    assert voter_label(room.project, by_structure, room.gamma) == ("(personne retirée du projet)", "")


def test_a_person_whose_structure_is_missing_is_named_alone(room: Room) -> None:
    # The project never lets it happen (a structure with members is not removed, a file with a
    # dangling reference is refused when read); the label still shows the person, never a crash.
    rid = room.start(RoundMode.SCALE)
    participants = room.project.store.table("participants")
    participants.update({"structure_id": 999}, doc_ids=[room.people["c1"]])
    try:
        assert voter_label(room.project, get_round(room.project, rid), room.people["c1"]) == ("Chloé", "")
    finally:
        participants.update({"structure_id": room.gamma}, doc_ids=[room.people["c1"]])


def test_an_anonymous_round_drops_the_turn_list_an_older_file_kept(room: Room, project_path: Path) -> None:
    voters = [room.people["a1"], room.people["a2"]]
    rid = room.project.store.table(ROUNDS).insert(
        {
            "workshop_id": room.workshop,
            "item_id": room.item,
            "spec": {"question": "Ancien tour ?", "mode": "contribution", "secret": True},
            "voters": voters,
            "turns": {str(v): "pending" for v in voters},
            "contributions": [{"id": 5, "text": "Ancienne idée"}],
            "turn_ids": [5],
        }
    )
    assert turn_contributions(room.project, rid) == []  # an anonymous round never says whose turn typed what
    contribute(room.project, rid, voters[0], "Nouvelle idée")
    assert "turn_ids" not in on_disk(project_path)["rounds"][str(rid)]
