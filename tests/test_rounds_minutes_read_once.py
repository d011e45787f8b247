"""The minutes read each round's results once per export (`workshop.rounds.minutes._Held`).

Every agenda item's section, annex A and the synthesis ask for the workshop's
rounds: they are counted once for the whole document, not once per section
(a workshop of twenty items would count every round twenty-two times). The
list is kept for one export only: the next export counts again, so a ballot cast
in between is in the next minutes.
"""

from __future__ import annotations

from typing import Any

import pytest

import workshop.rounds.minutes as rounds_minutes
from tests.rounds_room import seat_people
from workshop.minutes.blocks import Table
from workshop.minutes.builder import build_minutes
from workshop.project import Project
from workshop.rounds import RoundMode, RoundSpec, cast, start_round
from workshop.rounds.tally import RoundResult


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The round ids whose results the minutes asked for, in order."""
    asked: list[int] = []
    real = rounds_minutes.results

    def results(project: Project, round_id: int) -> RoundResult:
        asked.append(round_id)
        return real(project, round_id)

    monkeypatch.setattr(rounds_minutes, "results", results)
    return asked


def test_one_export_counts_each_round_once(project: Project, counted: list[int]) -> None:
    _, people = seat_people(project)
    workshop = project.add_workshop("Atelier")
    items = [project.add_agenda_item(workshop.id, "free", title) for title in ("Ouverture", "Lieu", "Date")]
    place = start_round(project, workshop.id, items[1].id, RoundSpec("Où ?", RoundMode.SINGLE, options=["Lyon", "Brest"])).id
    charter = start_round(project, workshop.id, items[2].id, RoundSpec("Adopter la charte ?", RoundMode.CONSENT)).id
    cast(project, place, people["Marc"], 1)
    cast(project, charter, people["Zia"], "agree")

    build_minutes(project, workshop)
    # Three sections, annex A and the synthesis all show these rounds: one count each.
    assert sorted(counted) == sorted([place, charter])

    counted.clear()
    build_minutes(project, workshop)
    assert sorted(counted) == sorted([place, charter])  # the next export counts again


def _round_lines(blocks: list[Any]) -> list[Any]:
    return [row for block in blocks if isinstance(block, Table) and block.header[0] == "Tour" for row in block.rows]


def test_a_ballot_cast_between_two_exports_is_in_the_second(project: Project) -> None:
    _, people = seat_people(project)
    workshop = project.add_workshop("Atelier")
    item = project.add_agenda_item(workshop.id, "free", "Lieu")
    place = start_round(project, workshop.id, item.id, RoundSpec("Où ?", RoundMode.SINGLE, options=["Lyon", "Brest"])).id
    cast(project, place, people["Marc"], 1)
    assert [row[3:] for row in _round_lines(build_minutes(project, workshop))] == [("1/6", "Brest (1 voix)")]
    cast(project, place, people["Zia"], 0)
    cast(project, place, people["Zoé"], 0)
    assert [row[3:] for row in _round_lines(build_minutes(project, workshop))] == [("3/6", "Lyon (2 voix) ; Brest (1 voix)")]
