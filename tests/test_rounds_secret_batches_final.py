"""When a secret round's last batch reaches the file.

A batch waits while fewer than k voters (`batch_size`) could still vote after
it. When nobody can vote after the held ballots any more, they are written at
once, even fewer than k (a round with fewer voters than k): nothing is left in
memory for a crash to lose. A skipped voter can still be called back, so the
batch keeps waiting for them; closing the round writes it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rounds_room import Room, make_room, stored
from workshop.project import Project
from workshop.rounds import RoundMode, cast, close_round, get_round, skip


@pytest.fixture
def room(project: Project) -> Room:
    return make_room(project)


def test_the_last_voter_writes_a_batch_smaller_than_k(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.SCALE, secret=True, batch_size=7)  # six people present
    v = get_round(room.project, rid).voters
    assert len(v) == 6
    for voter, value in zip(v[:5], [1, 2, 3, 4, 5], strict=True):
        cast(room.project, rid, voter, value)
    before = stored(project_path, rid)
    assert before["ballots"] == [] and before["unsaved"] == v[:5]
    cast(room.project, rid, v[5], 5)
    after = stored(project_path, rid)
    assert sorted(b["choice"] for b in after["ballots"]) == [1, 2, 3, 4, 5, 5]
    assert after["unsaved"] == []
    assert all(after["turns"][str(x)] == "taken" for x in v)
    assert not after["revealed"] and after["status"] == "open"
    assert get_round(room.project, rid).held == 0


def test_a_skipped_voter_keeps_the_last_batch_waiting(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.SCALE, secret=True, batch_size=7)
    v = get_round(room.project, rid).voters
    skip(room.project, rid, v[0])
    for voter in v[1:]:
        cast(room.project, rid, voter, 3)
    waiting = stored(project_path, rid)
    assert waiting["ballots"] == [] and waiting["unsaved"] == v[1:]
    close_round(room.project, rid)
    closed = stored(project_path, rid)
    assert [b["choice"] for b in closed["ballots"]] == [3] * 5 and closed["unsaved"] == []
    assert closed["turns"][str(v[0])] == "skipped"
