"""The round in full, in annex A (`workshop.rounds.minutes`): the mean's label,
the breakdown's notes and the authors of contributions as the reader sees them.

Labels that open a line are bold ("Moyenne : "), notes about what the minutes
leave out are in italics; a breakdown that has nothing to show and nothing
withheld says nothing at all. Expected texts come from the French catalog.

The room: Zèbre (Zack, Zia, Zoé), Abeille (Albert, Alice), Moulin (Marc).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.rounds_room import seat_people
from workshop.minutes.blocks import Paragraph, Run, Table, bullets
from workshop.project import Project
from workshop.rounds import RoundMode, RoundSpec, cast, get_round, results, reveal, skip, start_round
from workshop.rounds.minutes import contribution_blocks, result_table, round_blocks, structure_table


@pytest.fixture
def room(project: Project) -> dict[str, Any]:
    structures, people = seat_people(project)
    workshop = project.add_workshop("Atelier")
    item = project.add_agenda_item(workshop.id, "free", "Priorités")
    return {"w": workshop.id, "item": item.id, "s": structures, "p": people}


def start(project: Project, room: dict[str, Any], mode: RoundMode, **settings: Any) -> int:
    return start_round(project, room["w"], room["item"], RoundSpec("Quel lieu ?", mode, **settings)).id


def test_the_mean_of_a_scale_round_opens_with_its_label_in_bold(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.SCALE)
    for name, value in {"Zack": 5, "Albert": 2}.items():
        cast(project, rid, room["p"][name], value)
    mean = result_table(results(project, rid))[-1]
    assert isinstance(mean, Paragraph)
    assert mean.runs == (Run("Moyenne : ", bold=True), Run("3,5"))  # (5 + 2) / 2


def test_every_structure_withheld_is_said_in_italics(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"], secret=True)
    z, a = room["s"]["Zèbre"], room["s"]["Abeille"]
    # Both structures of three unanimous (Abeille's third ballot is Moulin's Marc, as
    # stored): no figure can be shown, and the minutes say why the table is missing.
    ballots = [{"choice": 1, "reason": "", "structure_id": z}] * 3 + [{"choice": 0, "reason": "", "structure_id": a}] * 3
    turns = {str(v): "taken" for v in get_round(project, rid).voters}
    project.store.table("rounds").update({"ballots": ballots, "turns": turns}, doc_ids=[rid])
    assert structure_table(results(project, rid)) == [
        Paragraph.of(Run("Aucune structure n'est détaillée : chaque résultat révélerait un vote secret.", italic=True))
    ]


def test_a_secret_round_by_structure_has_no_breakdown_and_no_note(project: Project, room: dict[str, Any]) -> None:
    # Each structure casts one ballot: the results are already per structure,
    # and nothing was withheld to be said.
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"], secret=True, by_structure=True)
    for voter, choice in zip(get_round(project, rid).voters, (0, 1, 1), strict=True):
        cast(project, rid, voter, choice)
    reveal(project, rid)
    result = results(project, rid)
    assert structure_table(result) == []
    blocks = round_blocks(project, get_round(project, rid))
    assert [b for b in blocks if isinstance(b, Table)] == result_table(result)[:1]
    assert not [b for b in blocks if isinstance(b, Paragraph) and any(run.italic for run in b.runs)]


def test_a_vote_nobody_answered_has_no_breakdown_and_no_note(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.DOT, options=["Lyon", "Brest"], budget=2, cap=2)
    for voter in get_round(project, rid).voters:
        skip(project, rid, voter)
    assert structure_table(results(project, rid)) == []


def test_each_structure_s_column_gives_its_count_of_every_option(project: Project, room: dict[str, Any]) -> None:
    # Moulin gives nothing to Lyon and Brest: its column says 0 for them, as the others.
    # Structures in the project's order (by name).
    rid = start(project, room, RoundMode.DOT, options=["Lyon", "Brest", "Caen"], budget=2, cap=2)
    ballots = {"Zack": [2, 0, 0], "Zia": [1, 1, 0], "Albert": [0, 2, 0], "Marc": [0, 0, 2]}
    for name, points in ballots.items():
        cast(project, rid, room["p"][name], points)
    table = structure_table(results(project, rid))[0]
    assert isinstance(table, Table)
    assert table.header == ("Option", "Abeille (1 bulletin)", "Moulin (1 bulletin)", "Zèbre (2 bulletins)", "Total")
    # Lyon 3, Brest 3 (Lyon first, as in the results), Caen 2
    assert table.rows == (("Lyon", "0", "0", "3", "3"), ("Brest", "2", "0", "1", "3"), ("Caen", "0", "2", "0", "2"))
    assert table.total == ("Total", "2", "2", "4", "8")


def test_a_secret_round_names_no_author_even_when_its_file_holds_one(project: Project, room: dict[str, Any]) -> None:
    # The app never stores who wrote in an anonymous round; a file written otherwise
    # (by hand, by another tool) must still not have the minutes name anyone.
    rid = start(project, room, RoundMode.CONTRIBUTION, secret=True)
    written = [
        {"id": 1, "text": "Un local commun", "participant_id": room["p"]["Zia"], "structure_id": room["s"]["Zèbre"]},
        {"id": 2, "text": "Une caisse partagée", "participant_id": room["p"]["Marc"], "structure_id": None},
    ]
    project.store.table("rounds").update({"contributions": written}, doc_ids=[rid])
    assert contribution_blocks(project, get_round(project, rid)) == [bullets(["Un local commun", "Une caisse partagée"])]
