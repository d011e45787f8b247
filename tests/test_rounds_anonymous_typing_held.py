"""An anonymous round while texts are held in memory: what the file says, what the screen counts.

From the first text a voter types, the file names them as waiting (`unsaved`),
never what they typed: if the app stops, their turn is reported lost
(`lost_turns`) and they type again. The screen counts every held text, of
every finished turn and of the one being typed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rounds_room import Room, make_room, stored
from workshop.project import Project
from workshop.rounds import RoundMode, contribute, finish_turn, get_round, lost_turns


@pytest.fixture
def room(project: Project) -> Room:
    return make_room(project)


def test_the_first_text_names_its_typist_as_waiting(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    project = Project.create(path, "Coopération")
    room = make_room(project)
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    first = get_round(project, rid).voters[0]
    contribute(project, rid, first, "Idée gardée en mémoire")
    doc = stored(path, rid)
    assert doc["unsaved"] == [first] and doc["contributions"] == []
    assert "Idée gardée" not in path.read_text(encoding="utf-8")
    written = {file.name: file.read_bytes() for file in tmp_path.iterdir()}
    contribute(project, rid, first, "Une autre")
    contribute(project, rid, first, "Et une troisième")
    # Nothing more is written while they type: a write per text would tell a reader
    # of the folder how many texts the typist wrote.
    assert {file.name: file.read_bytes() for file in tmp_path.iterdir()} == written
    project.close()  # the app stops: what was held is gone
    with Project.open(path) as again:
        assert lost_turns(again, rid) == [first]
        assert get_round(again, rid).current == first


def test_every_held_text_is_counted(room: Room) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    v = get_round(room.project, rid).voters
    contribute(room.project, rid, v[0], "un")
    contribute(room.project, rid, v[0], "deux")
    finish_turn(room.project, rid, v[0])
    contribute(room.project, rid, v[1], "trois")
    finish_turn(room.project, rid, v[1])
    contribute(room.project, rid, v[2], "quatre")
    round_ = get_round(room.project, rid)
    assert (round_.held, round_.contribution_count) == (2, 4)
