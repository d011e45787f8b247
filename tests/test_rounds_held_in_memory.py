"""What the app shows of a secret round while some turns are held in memory, and never writes.

The screen counts every turn taken, the results include every ballot cast, the
list of contributions every text typed; the file meanwhile holds only the
batches written. Reading the round for the screen must never leak the held
part into the file, even when something else about the round is saved next."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.disk import fill_disk, on_disk
from tests.rounds_room import Room, make_room
from workshop.project import Project
from workshop.rounds import (
    RoundMode,
    RoundSpec,
    TurnState,
    ballots,
    cast,
    close_round,
    contribute,
    contributions,
    finish_turn,
    get_round,
    mark_on_screen,
    reveal,
    rounds_of,
    skip,
    start_round,
)
from workshop.rounds.engine import round_view


@pytest.fixture
def room(project: Project) -> Room:
    return make_room(project)


def stored(path: Path, round_id: int) -> dict:
    return on_disk(path)["rounds"][str(round_id)]


def test_held_ballots_are_counted_and_shown_but_not_written(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.SCALE, secret=True)
    v = get_round(room.project, rid).voters
    cast(room.project, rid, v[0], 4)
    cast(room.project, rid, v[1], None)  # a blank ballot is a ballot
    round_ = get_round(room.project, rid)
    assert (round_.held, round_.ballot_count, round_.contribution_count) == (2, 2, 0)
    assert [round_.turns[x] for x in v[:3]] == [TurnState.TAKEN, TurnState.TAKEN, TurnState.PENDING]
    assert round_.current == v[2] and round_.progress == (2, 6)
    assert sorted((b["choice"] is None, b["choice"] or 0) for b in ballots(room.project, rid)) == [(False, 4), (True, 0)]
    assert all("voter" not in b and b["structure_id"] is None for b in ballots(room.project, rid))

    view = round_view(room.project, rid)
    assert view["turns"][str(v[0])] == "taken"
    mark_on_screen(room.project, rid, True)  # the round is saved again after being read
    doc = stored(project_path, rid)
    assert doc["ballots"] == []
    assert doc["turns"][str(v[0])] == "pending"
    assert doc["unsaved"] == v[:2]


def test_held_contributions_are_counted_and_listed_but_not_written(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    v = get_round(room.project, rid).voters
    contribute(room.project, rid, v[0], "Idée une")
    contribute(room.project, rid, v[0], "Idée deux")
    finish_turn(room.project, rid, v[0], proxy=True)
    contribute(room.project, rid, v[1], "Idée trois")
    round_ = get_round(room.project, rid)
    assert (round_.held, round_.ballot_count, round_.contribution_count) == (1, 0, 3)
    assert round_.turns[v[0]] is TurnState.PROXY and round_.current == v[1]
    listed = [c.text for c in contributions(room.project, rid)]
    assert sorted(listed[:2]) == ["Idée deux", "Idée une"] and listed[2] == "Idée trois"  # what is typed comes last
    assert all(c.participant_id is None and c.structure_id is None for c in contributions(room.project, rid))

    mark_on_screen(room.project, rid, True)
    doc = stored(project_path, rid)
    assert doc["contributions"] == [] and "Idée" not in json.dumps(doc, ensure_ascii=False)
    assert doc["unsaved"] == v[:2]


def test_rounds_of_a_workshop_see_what_is_held(room: Room) -> None:
    other_item = room.project.add_agenda_item(room.workshop, "free", "Autre point").id
    other_workshop = room.project.add_workshop("Atelier 2").id
    first = room.start(RoundMode.SCALE, secret=True)
    second = room.start(RoundMode.SCALE, owner="values:vote")
    elsewhere = room.start(RoundMode.SCALE)
    on_other_item = start_round(room.project, room.workshop, other_item, RoundSpec(question="Q ?", mode=RoundMode.SCALE)).id
    cast(room.project, first, get_round(room.project, first).current, 2)

    listed = rounds_of(room.project, room.workshop)
    assert [r.id for r in listed] == [first, second, elsewhere, on_other_item]
    assert listed[0].held == 1 and listed[0].ballot_count == 1
    assert [r.id for r in rounds_of(room.project, room.workshop, room.item)] == [first, second, elsewhere]
    assert [r.id for r in rounds_of(room.project, room.workshop, other_item)] == [on_other_item]
    assert [r.id for r in rounds_of(room.project, room.workshop, owner="values:vote")] == [second]
    assert [r.id for r in rounds_of(room.project, room.workshop, room.item, owner="")] == [first, elsewhere]
    assert rounds_of(room.project, other_workshop) == []


def test_a_skipped_voter_is_written_at_once_in_a_secret_round(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.SCALE, secret=True)
    v = get_round(room.project, rid).voters
    cast(room.project, rid, v[0], 3)
    skip(room.project, rid, v[1])
    doc = stored(project_path, rid)
    assert doc["turns"][str(v[1])] == "skipped"  # being absent is no secret
    assert doc["turns"][str(v[0])] == "pending" and doc["ballots"] == []
    assert get_round(room.project, rid).current == v[2]


# Results shown: nothing is held back any more ---------------------------------------------------
def test_a_secret_round_revealing_itself_writes_every_ballot(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.SCALE, secret=True, auto_reveal=True)
    v = get_round(room.project, rid).voters
    for index, voter in enumerate(v[:-1]):
        cast(room.project, rid, voter, 1 + index)
        assert not get_round(room.project, rid).revealed
    skip(room.project, rid, v[-1])  # the last one is away: everyone is done
    doc = stored(project_path, rid)
    assert doc["revealed"] is True
    assert sorted(b["choice"] for b in doc["ballots"]) == [1, 2, 3, 4, 5]
    assert doc["unsaved"] == [] and get_round(room.project, rid).held == 0


def test_after_the_reveal_each_secret_ballot_is_written_at_once(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.SCALE, secret=True)
    v = get_round(room.project, rid).voters
    cast(room.project, rid, v[0], 2)
    assert reveal(room.project, rid).revealed
    assert [b["choice"] for b in stored(project_path, rid)["ballots"]] == [2]
    cast(room.project, rid, v[1], 5)  # the results are on screen: no batch to wait for
    assert sorted(b["choice"] for b in stored(project_path, rid)["ballots"]) == [2, 5]
    assert stored(project_path, rid)["unsaved"] == []
    before = stored(project_path, rid)
    assert reveal(room.project, rid).revealed  # again: nothing changes
    assert stored(project_path, rid) == before


def test_revealing_an_open_round_is_saved(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, hidden=True)
    assert stored(project_path, rid)["revealed"] is False
    reveal(room.project, rid)
    assert stored(project_path, rid)["revealed"] is True
    assert get_round(room.project, rid).is_open  # people may still speak


def test_a_secret_contribution_round_writes_its_last_turns_when_nobody_is_left(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    v = get_round(room.project, rid).voters
    for voter in v[:4]:
        contribute(room.project, rid, voter, f"Idée {voter}")
        finish_turn(room.project, rid, voter)
    assert len(stored(project_path, rid)["contributions"]) == 3  # one batch of three; the fourth waits
    skip(room.project, rid, v[4])
    skip(room.project, rid, v[5])
    assert len(stored(project_path, rid)["contributions"]) == 3  # the skipped may be called back
    close_round(room.project, rid)
    assert len(stored(project_path, rid)["contributions"]) == 4


def test_closing_or_revealing_again_writes_nothing(room: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    # Leaving the round screen closes and reveals what may already be: on a full disk that
    # must not fail, for there is nothing new to write.
    rounds = [room.start(RoundMode.SCALE), room.start(RoundMode.CONTRIBUTION, secret=True)]
    for rid in rounds:
        reveal(room.project, rid)
        close_round(room.project, rid)
    with monkeypatch.context() as broken:
        fill_disk(broken)
        for rid in rounds:
            assert close_round(room.project, rid).done
            assert reveal(room.project, rid).revealed


def test_secret_consent_reasons_reach_the_results(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONSENT, secret=True)
    v = get_round(room.project, rid).voters
    cast(room.project, rid, v[0], "reservation", reason="Le calendrier")
    cast(room.project, rid, v[1], "agree", reason="Rien à dire")
    assert sorted((b["choice"], b["reason"]) for b in ballots(room.project, rid)) == [
        ("agree", ""),
        ("reservation", "Le calendrier"),
    ]
    cast(room.project, rid, v[2], "objection", reason="Trop tôt")
    written = stored(project_path, rid)["ballots"]  # a batch of three
    assert sorted((b["choice"], b["reason"]) for b in written) == [
        ("agree", ""),
        ("objection", "Trop tôt"),
        ("reservation", "Le calendrier"),
    ]
    assert all("voter" not in b for b in written)


def test_revealing_again_while_an_anonymous_voter_types_writes_nothing(room: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    v = get_round(room.project, rid).voters
    reveal(room.project, rid)
    contribute(room.project, rid, v[0], "En cours")  # held while typed, even once revealed
    with monkeypatch.context() as broken:
        fill_disk(broken)
        assert reveal(room.project, rid).revealed
    assert [c.text for c in contributions(room.project, rid)] == ["En cours"]
