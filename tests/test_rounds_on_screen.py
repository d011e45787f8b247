"""Which round is on the projected screen: reopening the project goes back to it.

The round screen marks its round when it opens and unmarks it when it leaves;
after a quit or a crash the app asks for the round that was on screen, unless
that round is over and its results already shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.disk import on_disk
from tests.rounds_room import Room, make_room
from workshop.errors import NotFound
from workshop.project import Project
from workshop.rounds import RoundMode, TurnState, cast, close_round, get_round, mark_on_screen, reveal, round_on_screen


@pytest.fixture
def room(project: Project) -> Room:
    return make_room(project)


def stored(path: Path, round_id: int) -> dict:
    return on_disk(path)["rounds"][str(round_id)]


def test_nothing_on_screen_at_first(room: Room) -> None:
    room.start(RoundMode.SCALE)
    assert round_on_screen(room.project) is None


def test_marking_is_saved_for_that_round_only(room: Room, project_path: Path) -> None:
    first = room.start(RoundMode.SCALE)
    second = room.start(RoundMode.SINGLE, options=["x", "y"])
    mark_on_screen(room.project, second, True)
    assert stored(project_path, second)["on_screen"] is True
    assert not stored(project_path, first).get("on_screen")
    on_screen = round_on_screen(room.project)
    assert on_screen is not None and on_screen.id == second and on_screen.mode is RoundMode.SINGLE

    mark_on_screen(room.project, second, False)
    assert stored(project_path, second)["on_screen"] is False
    assert round_on_screen(room.project) is None


def test_marking_twice_changes_nothing(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.SCALE)
    mark_on_screen(room.project, rid, True)
    mark_on_screen(room.project, rid, True)
    assert stored(project_path, rid)["on_screen"] is True
    mark_on_screen(room.project, rid, False)
    mark_on_screen(room.project, rid, False)
    assert stored(project_path, rid)["on_screen"] is False


def test_marking_a_removed_round_is_refused(room: Room) -> None:
    with pytest.raises(NotFound):
        mark_on_screen(room.project, 42, True)


def test_the_newest_round_on_screen_wins(room: Room, project_path: Path) -> None:
    rids = [room.start(RoundMode.SCALE, question=f"Q{n} ?") for n in range(3)]
    for rid in rids[:2]:
        mark_on_screen(room.project, rid, True)
    on_screen = round_on_screen(room.project)
    assert on_screen is not None and on_screen.id == rids[1]
    assert on_screen.spec.question == "Q1 ?"

    room.project.close()
    with Project.open(project_path) as again:  # after a restart too
        found = round_on_screen(again)
        assert found is not None and found.id == rids[1]


def test_a_round_over_and_shown_is_not_resumed(room: Room) -> None:
    rid = room.start(RoundMode.SCALE)
    mark_on_screen(room.project, rid, True)
    close_round(room.project, rid)  # over, results not shown yet: the screen comes back to show them
    found = round_on_screen(room.project)
    assert found is not None and found.id == rid
    reveal(room.project, rid)  # over and shown: nothing to come back to
    assert round_on_screen(room.project) is None


def test_a_round_shown_but_not_over_is_resumed(room: Room) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, hidden=True)
    mark_on_screen(room.project, rid, True)
    reveal(room.project, rid)  # contributions shown mid-round: people are still to speak
    found = round_on_screen(room.project)
    assert found is not None and found.id == rid and found.revealed and not found.done


def test_an_older_round_is_resumed_when_the_newer_one_is_over(room: Room) -> None:
    older = room.start(RoundMode.SCALE)
    newer = room.start(RoundMode.SCALE)
    for rid in (older, newer):
        mark_on_screen(room.project, rid, True)
    close_round(room.project, newer)
    reveal(room.project, newer)
    found = round_on_screen(room.project)
    assert found is not None and found.id == older


def test_the_round_on_screen_counts_the_ballots_this_app_holds(room: Room) -> None:
    rid = room.start(RoundMode.SCALE, secret=True)
    first = get_round(room.project, rid).voters[0]
    cast(room.project, rid, first, 4)  # held in memory: a batch needs three voters
    mark_on_screen(room.project, rid, True)
    found = round_on_screen(room.project)
    assert found is not None
    assert (found.id, found.held, found.ballot_count) == (rid, 1, 1)
    assert found.turns[first] is TurnState.TAKEN
    assert found.current == get_round(room.project, rid).voters[1]
