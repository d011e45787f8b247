"""A round stored without its lists of ballots and contributions.

The project's checks require neither list (workshop/validation.py): a file
written by another tool or by hand may leave them out. Such a round reads as
empty, and the first ballot or contribution starts the list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.disk import on_disk
from tests.rounds_room import make_room
from workshop.project import Project
from workshop.rounds import RoundMode, ballots, cast, contribute, contributions, get_round


def without_lists(project: Project, round_id: int) -> None:
    def drop(stored: Any) -> None:
        del stored["ballots"], stored["contributions"]

    project.store.table("rounds").update(drop, doc_ids=[round_id])


def test_a_round_without_lists_reads_empty_and_fills_them(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        room = make_room(project)
        votes = room.start(RoundMode.SCALE)
        words = room.start(RoundMode.CONTRIBUTION, hidden=False)
        for rid in (votes, words):
            without_lists(project, rid)
    assert "ballots" not in on_disk(path)["rounds"][str(votes)]

    with Project.open(path) as again:  # the file's checks accept it
        assert ballots(again, votes) == [] and contributions(again, words) == []
        assert contributions(again, votes) == [] and ballots(again, words) == []
        first = get_round(again, votes).voters[0]
        cast(again, votes, first, 4)
        contribute(again, words, first, "Idée")
        assert [b["choice"] for b in ballots(again, votes)] == [4]
        assert [c.text for c in contributions(again, words)] == ["Idée"]
    stored = on_disk(path)["rounds"]
    assert [b["choice"] for b in stored[str(votes)]["ballots"]] == [4]
    assert [c["text"] for c in stored[str(words)]["contributions"]] == ["Idée"]
