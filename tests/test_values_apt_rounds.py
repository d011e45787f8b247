"""Values and APT driven through the rounds engine, and their demo and reference exercises.fills."""

from __future__ import annotations

import random
from pathlib import Path

from exercises import apt, apt_outputs, values
from exercises.apt import Category
from exercises.fills import reference_fill
from exercises.fills.rounds import contribute_all, spread, vote_all
from workshop.minutes.blocks import Table
from workshop.project import Project
from workshop.registry import get_exercise
from workshop.rounds import contribute, finish_turn, get_round, rounds_of


def _setup(project: Project):
    a = project.add_structure("Les Jardins")
    b = project.add_structure("EHPAD")
    people = [
        project.add_participant("Zoé", a.id, "direction"),
        project.add_participant("Marc", b.id, "direction"),
        project.add_participant("Nadia", b.id, "staff"),
    ]
    workshop = project.add_workshop("Atelier", date="2026-10-12")
    return workshop, people


def test_values_from_contributions_to_votes(project: Project) -> None:
    workshop, people = _setup(project)
    item = project.add_agenda_item(workshop.id, "values", "Valeurs")
    started = values.start_contribution_round(project, item.id)
    said = {people[0].id: ["Solidarité", "[b]Confiance"], people[1].id: ["solidarité", "Entraide"], people[2].id: []}
    contribute_all(project, started.id, lambda voter: said[voter])
    state = values.collect_contributions(project, item.id)
    assert state.step == values.Step.MERGE
    # Voters come in the project's order (EHPAD before Les Jardins); the first wording is kept.
    assert [(v.label, len(v.sources)) for v in state.values] == [("solidarité", 2), ("Entraide", 1), ("[b]Confiance", 1)]
    # Collecting again adds nothing.
    assert len(values.collect_contributions(project, item.id, started.id).values) == 3
    ids = {v.label: v.id for v in state.values}
    values.merge_values(project, item.id, [ids["solidarité"], ids["Entraide"]], "Solidarité")
    vote = values.start_vote(project, item.id)
    assert get_round(project, vote.id).spec.options == ["Solidarité", "[b]Confiance"]
    vote_all(project, vote.id, lambda voter, n, budget, cap: spread([0, 1] if voter != people[2].id else [1], n, budget, cap))
    state = values.collect_votes(project, item.id)
    points = {v.label: (v.points, v.voters) for v in state.values}
    assert points["Solidarité"][1] == 2 and points["[b]Confiance"][1] == 3
    assert state.voted


def test_apt_cell_round_and_weighting(project: Project) -> None:
    workshop, people = _setup(project)
    item = project.add_agenda_item(workshop.id, "apt", "APT")
    state = apt.state(project, item.id)
    directions = state.groups[0].id
    started = apt.start_contribution_round(project, item.id, directions, Category.FEAR)
    assert "Directions" in get_round(project, started.id).spec.question
    said = {people[0].id: "Perdre la main", people[1].id: "Être absorbés", people[2].id: "Qu'ils décident sans nous"}
    for voter in get_round(project, started.id).voters:
        contribute(project, started.id, voter, said[voter])
        finish_turn(project, started.id, voter)
    state = apt.collect_contributions(project, item.id)
    own, others, _ = apt.mirror(state, directions)
    assert sorted(i.text for i in own) == ["Perdre la main", "Être absorbés"]
    assert [i.text for i in others] == ["Qu'ils décident sans nous"]
    vote = apt.start_weighting_round(project, item.id, category=Category.FEAR)
    order = apt.state(project, item.id).weigh_rounds[str(vote.id)]
    target = order.index(others[0].id)
    vote_all(project, vote.id, lambda voter, n, budget, cap: spread([target], n, budget, cap))
    state = apt.collect_weights(project, item.id, vote.id)
    assert [i.text for i in state.items_of(directions)][0] == "Qu'ils décident sans nous"
    assert all(i.weight is not None for i in state.items)
    assert rounds_of(project, workshop.id, item.id, owner=apt.WEIGH_OWNER)[0].id == vote.id


def test_demo_has_filled_results(demo_path: Path) -> None:
    with Project.open(demo_path) as project:
        workshop = project.workshops()[0]
        items = {i.kind: i for i in project.agenda(workshop.id)}
        shared = values.state(project, items["values"].id)
        assert shared.step == values.Step.DONE and shared.voted
        assert len(shared.retained()) >= 4 and all(v.definition for v in shared.retained())
        assert any(len(v.sources) > 1 for v in shared.values)  # merged, authors kept
        grid = apt.state(project, items["apt"].id)
        assert len(grid.items) >= 15
        assert all(r.mitigation and r.owner for r in apt_outputs.risk_plan(grid) if r.item.weight)
        assert any(r.value for r in apt_outputs.charter(project, grid))
        blocks = get_exercise("apt").minutes_section(project, workshop, items["apt"])
        assert sum(isinstance(b, Table) for b in blocks) == 5  # the grid, the three plans, the balance
        annex = get_exercise("apt").annex_section(project, workshop, items["apt"])
        assert sum(isinstance(b, Table) for b in annex) >= 4  # who said what, group by group
        assert get_exercise("values").minutes_section(project, workshop, items["values"])
        # The planned workshop's items are untouched.
        planned = {i.kind: i for i in project.agenda(project.workshops()[1].id)}
        assert values.state(project, planned["values"].id).values == []


def test_reference_fill_is_deterministic_and_sized(tmp_path: Path) -> None:
    def build(path: Path) -> tuple:
        with Project.create(path, "Référence") as project, project.batch():
            structures = [project.add_structure(f"Structure {n}").id for n in range(6)]
            roles = ["direction", "manager", "staff", "user", "board", "chair"]
            for n in range(24):
                project.add_participant(f"Personne {n}", structures[n % 6], roles[n % 6])
            workshop = project.add_workshop("Atelier", "2026-01-01")
            value_item = project.add_agenda_item(workshop.id, "values", "Valeurs")
            apt_item = project.add_agenda_item(workshop.id, "apt", "APT")
            rng = random.Random(42)
            reference_fill("values")(project, workshop, value_item, rng)
            reference_fill("apt")(project, workshop, apt_item, rng)
            rounds = rounds_of(project, workshop.id)
            shared = values.state(project, value_item.id)
            grid = apt.state(project, apt_item.id)
            return (
                sum(len(v.sources) for v in shared.values),
                [v.label for v in shared.retained()],
                len(grid.items),
                sum(r.ballot_count for r in rounds),
                [(i.text, i.weight) for i in grid.items],
            )

    first, second = build(tmp_path / "a.atelier"), build(tmp_path / "b.atelier")
    assert first == second
    contributions, retained, items, ballots, _ = first
    assert 45 <= contributions <= 80
    assert len(retained) == 5
    assert 60 <= items <= 110
    assert ballots >= 24 * 5
