"""Changing a round's settings after it was launched, before anyone has taken a turn.

The facilitator notices a typo or the wrong mode once the round is on screen:
the settings may change (the voters are listed again) as long as nobody has
voted, typed, or been skipped; afterwards the change is refused and the round
stays as it was."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.disk import on_disk
from tests.rounds_room import Room, make_room
from workshop.errors import ValidationError
from workshop.model import Attendance
from workshop.project import Project
from workshop.rounds import (
    RoundMode,
    RoundSpec,
    cast,
    change_settings,
    close_round,
    contribute,
    get_round,
    mark_on_screen,
    remove_contribution,
    round_on_screen,
    skip,
    started,
)


@pytest.fixture
def room(project: Project) -> Room:
    return make_room(project)


def refused(room: Room, rid: int, spec: RoundSpec) -> str:
    """The key of the refusal; the round is unchanged."""
    before = on_disk(room.project.path)["rounds"][str(rid)]
    with pytest.raises(ValidationError) as error:
        change_settings(room.project, rid, spec)
    assert on_disk(room.project.path)["rounds"][str(rid)] == before
    return error.value.key


def test_new_settings_before_anyone_voted(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.SCALE, question="Quelle priorite ?")
    assert not started(get_round(room.project, rid))
    changed = change_settings(
        room.project, rid, RoundSpec(question="Quelle priorité ?", mode=RoundMode.SINGLE, options=["x", "y"], by_structure=True)
    )
    assert changed.id == rid
    round_ = get_round(room.project, rid)
    assert round_.spec.question == "Quelle priorité ?"
    assert round_.mode is RoundMode.SINGLE and round_.options == ["x", "y"]
    assert round_.voters == [room.alpha, room.beta, room.gamma]  # listed again: one turn per structure
    assert (round_.workshop_id, round_.item_id) == (room.workshop, room.item)
    assert len(on_disk(project_path)["rounds"]) == 1


def test_the_round_stays_on_screen_through_a_change(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.SCALE)
    mark_on_screen(room.project, rid, True)
    change_settings(room.project, rid, RoundSpec(question="Autre ?", mode=RoundMode.CONSENT))
    assert on_disk(project_path)["rounds"][str(rid)]["on_screen"] is True
    found = round_on_screen(room.project)
    assert found is not None and found.id == rid and found.mode is RoundMode.CONSENT

    other = room.start(RoundMode.SCALE)
    change_settings(room.project, other, RoundSpec(question="Encore ?", mode=RoundMode.CONSENT))
    assert on_disk(project_path)["rounds"][str(other)]["on_screen"] is False


def test_refused_once_someone_voted(room: Room) -> None:
    rid = room.start(RoundMode.SCALE)
    cast(room.project, rid, get_round(room.project, rid).current, 3)
    assert started(get_round(room.project, rid))
    assert refused(room, rid, RoundSpec(question="Q ?", mode=RoundMode.CONSENT)) == "rounds.error.already_started"


def test_refused_once_someone_typed_even_before_finishing_their_turn(room: Room) -> None:
    rid = room.start(RoundMode.CONTRIBUTION)
    contribute(room.project, rid, get_round(room.project, rid).current, "Une idée")
    round_ = get_round(room.project, rid)
    assert all(state.value == "pending" for state in round_.turns.values())
    assert started(round_)
    assert refused(room, rid, RoundSpec(question="Q ?", mode=RoundMode.SCALE)) == "rounds.error.already_started"


def test_refused_once_someone_was_skipped(room: Room) -> None:
    rid = room.start(RoundMode.SCALE)
    skip(room.project, rid, get_round(room.project, rid).current)
    assert started(get_round(room.project, rid))
    assert refused(room, rid, RoundSpec(question="Q ?", mode=RoundMode.CONSENT)) == "rounds.error.already_started"


def test_refused_while_a_secret_ballot_waits_for_its_batch(room: Room) -> None:
    rid = room.start(RoundMode.SCALE, secret=True)
    cast(room.project, rid, get_round(room.project, rid).current, 5)  # held in memory, not yet written
    assert refused(room, rid, RoundSpec(question="Q ?", mode=RoundMode.SCALE)) == "rounds.error.already_started"


def test_refused_while_an_anonymous_voter_types(room: Room) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    contribute(room.project, rid, get_round(room.project, rid).current, "Une idée")  # held in memory
    assert refused(room, rid, RoundSpec(question="Q ?", mode=RoundMode.SCALE)) == "rounds.error.already_started"


def test_allowed_again_when_the_anonymous_voter_took_everything_back(room: Room) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    typed = contribute(room.project, rid, get_round(room.project, rid).current, "Une idée")
    remove_contribution(room.project, rid, typed.id)
    assert not started(get_round(room.project, rid))
    assert change_settings(room.project, rid, RoundSpec(question="Q ?", mode=RoundMode.SCALE)).mode is RoundMode.SCALE


def test_refused_on_a_closed_round(room: Room) -> None:
    rid = room.start(RoundMode.SCALE)
    close_round(room.project, rid)
    assert refused(room, rid, RoundSpec(question="Q ?", mode=RoundMode.CONSENT)) == "rounds.error.closed"


def test_refused_when_nobody_is_present_any_more(room: Room) -> None:
    rid = room.start(RoundMode.SCALE)
    for person in room.people.values():
        room.project.set_attendance(room.workshop, person, Attendance.EXCUSED)
    assert refused(room, rid, RoundSpec(question="Q ?", mode=RoundMode.CONSENT)) == "rounds.error.nobody_present"


def test_bad_new_settings_are_refused(room: Room) -> None:
    rid = room.start(RoundMode.SINGLE, options=["x", "y"])
    spec = get_round(room.project, rid).spec
    assert refused(room, rid, replace(spec, options=["x"])) == "rounds.error.too_few_options"
