"""Where closing an anonymous round puts the texts its last voter was typing.

They are written with the rest, each at a place drawn among all the places of
the list as it stands (before the first text, between two, after the last),
every place equally likely: the end of the list must not be likelier than any
other, or it would point at the person who was typing when the round closed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rounds_room import Room, make_room, stored
from workshop.project import Project
from workshop.rounds import RoundMode, close_round, contribute, engine, finish_turn, get_round


@pytest.fixture
def room(project: Project) -> Room:
    return make_room(project)


class Places:
    """Draws the first place every time, and records among how many places it drew."""

    def __init__(self) -> None:
        self.ranges: list[int] = []

    def randrange(self, start: int, stop: int | None = None) -> int:
        assert stop is None, "no id is drawn when a round closes"
        self.ranges.append(start)
        return 0

    def shuffle(self, items: list) -> None:
        raise AssertionError("nothing is shuffled when a round closes")


def test_each_typed_text_has_every_place_of_the_list_to_land_in(
    room: Room, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    v = get_round(room.project, rid).voters
    for voter, text in zip(v[:3], ["un", "deux", "trois"], strict=True):
        contribute(room.project, rid, voter, text)
        finish_turn(room.project, rid, voter)
    assert len(stored(project_path, rid)["contributions"]) == 3  # the first batch
    contribute(room.project, rid, v[3], "quatre")
    contribute(room.project, rid, v[3], "cinq")

    places = Places()
    monkeypatch.setattr(engine, "_random", places)
    close_round(room.project, rid)
    assert places.ranges == [4, 5]  # three texts: four places; then four texts: five places
    written = [c["text"] for c in stored(project_path, rid)["contributions"]]
    assert written[:2] == ["cinq", "quatre"]  # each put first, as drawn
    assert sorted(written[2:]) == ["deux", "trois", "un"]
