"""Attractions, fears, temptations: every step of the exercise, without a screen."""

from __future__ import annotations

import pytest

from exercises import apt, apt_balance, apt_outputs, values
from exercises.apt import Category, Dynamic, Perspective, Said, Step
from exercises.apt_exercise import EXERCISE
from workshop.errors import ValidationError
from workshop.minutes.blocks import Heading, Table
from workshop.model import Role
from workshop.project import Project


@pytest.fixture
def setup(project: Project):
    a = project.add_structure("Les Jardins")
    b = project.add_structure("EHPAD")
    project.add_structure("Département", member=False)
    project.set_promoter(a.id)
    zoe = project.add_participant("Zoé", a.id, Role.DIRECTION)
    marc = project.add_participant("Marc", b.id, Role.STAFF)
    workshop = project.add_workshop("Atelier 1", date="2026-10-12")
    item = project.add_agenda_item(workshop.id, "apt", "APT")
    return project, item, (a, b), (zoe, marc)


def _group(state, label: str) -> int:
    return next(g.id for g in state.groups if g.label == label)


def test_default_groups_are_stakeholders_and_editable(setup) -> None:
    project, item, _, _ = setup
    state = apt.state(project, item.id)
    # The source's groups: service providers and beneficiaries beside the people of the structures.
    assert [g.label for g in state.groups] == [
        "Directions", "Cadres intermédiaires", "Personnels", "Usagers", "Administrateurs", "Offreurs de service", "Bénéficiaires",
    ]
    group = apt.add_group(project, item.id, "Familles")
    apt.rename_group(project, item.id, group.id, "Familles des résidents")
    with pytest.raises(ValidationError):
        apt.add_group(project, item.id, "directions")
    apt.remove_group(project, item.id, group.id)
    assert len(apt.state(project, item.id).groups) == 7


def test_structures_as_groups_only_members(setup) -> None:
    project, item, (a, b), _ = setup
    state = apt.use_structures(project, item.id)
    assert [(g.label, g.structure_id) for g in state.groups] == [("EHPAD", b.id), ("Les Jardins", a.id)]
    apt.add_item(project, item.id, state.groups[0].id, Category.FEAR, "Perdre la main")
    with pytest.raises(ValidationError) as error:
        apt.use_stakeholder_groups(project, item.id)
    assert error.value.key == "apt.error.groups_have_items"
    with pytest.raises(ValidationError):
        apt.remove_group(project, item.id, state.groups[0].id)


def test_said_items_know_their_perspective_for_the_mirror(setup) -> None:
    project, item, (a, b), (zoe, marc) = setup
    state = apt.state(project, item.id)
    directions = _group(state, "Directions")
    apt.add_said(
        project,
        item.id,
        directions,
        Category.FEAR,
        [Said("Perdre notre autonomie", zoe.id, a.id), Said("Qu'ils décident sans nous", marc.id, b.id), Said("")],
    )
    apt.add_item(project, item.id, directions, Category.FEAR, "Typed")
    state = apt.state(project, item.id)
    own, others, unknown = apt.mirror(state, directions)
    assert [i.text for i in own] == ["Perdre notre autonomie"]
    assert [i.text for i in others] == ["Qu'ils décident sans nous"]
    assert [i.text for i in unknown] == ["Typed"]
    apt.set_perspective(project, item.id, unknown[0].id, Perspective.OTHERS)
    assert len(apt.mirror(apt.state(project, item.id), directions)[1]) == 2
    assert state.step == Step.GRID


def test_edit_move_remove(setup) -> None:
    project, item, _, _ = setup
    state = apt.state(project, item.id)
    staff, users = _group(state, "Personnels"), _group(state, "Usagers")
    entry = apt.add_item(project, item.id, staff, Category.ATTRACTION, "Mutualiser la paie")
    apt.edit_item(project, item.id, entry.id, "Mutualiser la paie et les achats")
    apt.move_item(project, item.id, entry.id, users, Category.FEAR)
    moved = apt.state(project, item.id).item(entry.id)
    assert (moved.group_id, moved.category, moved.text) == (users, "fear", "Mutualiser la paie et les achats")
    apt.remove_item(project, item.id, entry.id)
    assert apt.state(project, item.id).items == []
    with pytest.raises(ValidationError):
        apt.add_item(project, item.id, staff, Category.FEAR, "  ")


def test_weights_order_items_and_ballot_labels_are_unique(setup) -> None:
    project, item, _, _ = setup
    state = apt.state(project, item.id)
    staff = _group(state, "Personnels")
    first = apt.add_item(project, item.id, staff, Category.FEAR, "Charge de travail")
    second = apt.add_item(project, item.id, staff, Category.FEAR, "Charge de travail")
    third = apt.add_item(project, item.id, staff, Category.FEAR, "Mobilité imposée")
    state = apt.state(project, item.id)
    labels = apt.option_labels(state, apt.weighing_scope(state, Category.FEAR))
    assert labels == ["Personnels · Peur · Charge de travail", "Personnels · Peur · Charge de travail (2)", "Personnels · Peur · Mobilité imposée"]
    apt.record_weights(project, item.id, {first.id: 2, second.id: 0, third.id: 9})
    assert [i.id for i in apt.state(project, item.id).items_of(staff)] == [third.id, first.id, second.id]


def _filled(project: Project, item_id: int) -> tuple[apt.AptState, dict[str, int]]:
    state = apt.state(project, item_id)
    directions = _group(state, "Directions")
    ids = {
        "attraction": apt.add_item(project, item_id, directions, Category.ATTRACTION, "Peser face aux financeurs").id,
        "fear1": apt.add_item(project, item_id, directions, Category.FEAR, "Perdre l'autonomie").id,
        "fear2": apt.add_item(project, item_id, directions, Category.FEAR, "Dégrader le service").id,
        "temptation": apt.add_item(project, item_id, directions, Category.TEMPTATION, "Accaparer les décisions").id,
    }
    return apt.state(project, item_id), ids


def test_each_fear_yields_one_risk_each_attraction_an_objective(setup) -> None:
    project, item, _, _ = setup
    state, ids = _filled(project, item.id)
    assert [r.risk for r in apt_outputs.risk_plan(state)] == ["Perdre l'autonomie", "Dégrader le service"]
    assert [o.text for o in apt_outputs.objectives_plan(state)] == ["Peser face aux financeurs"]
    apt_outputs.set_risk(project, item.id, ids["fear1"], mitigation="Comité de pilotage paritaire", owner="Zoé")
    apt_outputs.set_objective(project, item.id, ids["attraction"], "Négocier ensemble le CPOM")
    state = apt.state(project, item.id)
    risk = apt_outputs.risk_plan(state)[0]
    assert (risk.risk, risk.mitigation, risk.owner) == ("Perdre l'autonomie", "Comité de pilotage paritaire", "Zoé")
    assert apt_outputs.objectives_plan(state)[0].text == "Négocier ensemble le CPOM"
    with pytest.raises(ValidationError):
        apt_outputs.set_objective(project, item.id, ids["fear1"], "no")


def test_retained_values_feed_the_charter(setup) -> None:
    project, item, _, _ = setup
    values_item = project.add_agenda_item(item.workshop_id, "values", "Valeurs")
    kept = values.add_value(project, values_item.id, "Équité")
    values.add_value(project, values_item.id, "Vitesse")
    values.set_retained(project, values_item.id, kept.id, True)
    state, ids = _filled(project, item.id)
    offered = apt_outputs.charter_values(project, item.workshop_id)
    assert [v.label for v in offered] == ["Équité"]
    apt_outputs.set_rule(project, item.id, ids["temptation"], rule="Chaque structure a une voix", value=offered[0])
    rule = apt_outputs.charter(project, apt.state(project, item.id))[0]
    assert (rule.rule, rule.value) == ("Chaque structure a une voix", "Équité")
    # Renaming the value afterwards shows the new label in the charter.
    values.edit_value(project, values_item.id, kept.id, "Équité entre structures")
    assert apt_outputs.charter(project, apt.state(project, item.id))[0].value == "Équité entre structures"
    apt_outputs.set_rule(project, item.id, ids["temptation"], value=None)
    assert apt_outputs.charter(project, apt.state(project, item.id))[0].value == ""


def test_proposal_is_recorded_for_the_tracker(setup) -> None:
    from workshop.proposals import proposals

    project, item, (a, _), _ = setup
    state, ids = _filled(project, item.id)
    apt_outputs.set_risk(project, item.id, ids["fear1"], mitigation="Charte de gouvernance")
    proposal_id = apt_outputs.record_proposal(project, item.id, ids["fear1"])
    recorded = proposals(project)
    assert [(p.id, p.text, p.source, p.item_id, p.structure_id) for p in recorded] == [
        (proposal_id, "Charte de gouvernance", "apt", item.id, a.id)
    ]
    assert apt.state(project, item.id).item(ids["fear1"]).proposal_ids == [proposal_id]


def test_balance_reads_the_dynamics(setup) -> None:
    assert apt_balance.reading({"attraction": 3, "fear": 1, "temptation": 0}) == Dynamic.COOPERATIVE
    assert apt_balance.reading({"attraction": 1, "fear": 1, "temptation": 4}) == Dynamic.OPPORTUNIST
    assert apt_balance.reading({"attraction": 1, "fear": 5, "temptation": 0}) == Dynamic.INDIVIDUALIST
    assert apt_balance.reading({"attraction": 2, "fear": 2, "temptation": 0}) == Dynamic.MIXED
    assert apt_balance.reading({"attraction": 0, "fear": 0, "temptation": 0}) == Dynamic.EMPTY
    project, item, _, _ = setup
    state, ids = _filled(project, item.id)
    directions = apt_balance.balance(state)[0]
    assert directions.counts == {"attraction": 1, "fear": 2, "temptation": 1}
    assert directions.dynamic == Dynamic.INDIVIDUALIST and not directions.weighed
    apt.record_weights(project, item.id, {ids["attraction"]: 10, ids["fear1"]: 2, ids["fear2"]: 1, ids["temptation"]: 0})
    directions = apt_balance.balance(apt.state(project, item.id))[0]
    assert directions.weighed and directions.dynamic == Dynamic.COOPERATIVE
    assert directions.share("attraction") == pytest.approx(10 / 13)


def test_minutes_section(setup) -> None:
    project, item, _, (zoe, _) = setup
    state, ids = _filled(project, item.id)
    apt.add_said(project, item.id, state.groups[0].id, Category.ATTRACTION, [Said("| pipe [b]", zoe.id, zoe.structure_id)])
    apt_outputs.set_risk(project, item.id, ids["fear1"], mitigation="Comité paritaire", owner="Zoé")
    apt.set_step(project, item.id, Step.BALANCE)
    blocks = EXERCISE.minutes_section(project, project.workshop(item.workshop_id), item)
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert headings == [
        "Grille attraits, peurs, tentations",
        "Plan des objectifs",
        "Plan de gestion des risques",
        "Charte des bonnes pratiques relationnelles",
        "Équilibre par groupe",
    ]
    tables = [b for b in blocks if isinstance(b, Table)]
    grid = tables[0]
    # One table: a line per group, a column per feeling, each item once.
    assert grid.header == ("Groupe", "Attraits", "Peurs", "Tentations")
    assert grid.rows == (
        ("Directions", "Peser face aux financeurs ; | pipe [b]", "Perdre l'autonomie ; Dégrader le service", "Accaparer les décisions"),
    )
    assert tables[2].rows == (
        ("Directions", "Perdre l'autonomie", "Comité paritaire", "Zoé"),
        ("Directions", "Dégrader le service", "à définir", "à définir"),
    )
    assert tables[3].rows == (("Directions", "Accaparer les décisions", "Nous nous interdisons : Accaparer les décisions", "—"),)
    assert tables[4].rows == (("Directions", "2", "2", "1", "Partagée"),)
    assert tables[4].caption.startswith("Lecture")
    # Who said what: in the annexes.
    annex = EXERCISE.annex_section(project, project.workshop(item.workshop_id), item)
    [detail] = [b for b in annex if isinstance(b, Table)]
    assert detail.header == ("Sentiment", "Élément", "Dit par")
    assert ("Attrait", "| pipe [b]", "Zoé") in detail.rows
    assert detail.caption == "Directions : chaque élément et qui l'a dit"
    # The synthesis: the charter's rule adopted, the mitigation an action carried by its owner.
    found = EXERCISE.outcomes(project, project.workshop(item.workshop_id), item)
    assert [(a.what, a.texts) for a in found.adopted] == [("Charte des bonnes pratiques relationnelles", ("Nous nous interdisons : Accaparer les décisions",))]
    assert [(a.what, a.who, a.structure) for a in found.actions] == [("Comité paritaire", "Zoé", "Les Jardins")]


def test_minutes_grid_merges_what_was_said_twice_and_weighs_it(setup) -> None:
    project, item, _, (zoe, marc) = setup
    state = apt.state(project, item.id)
    directions = _group(state, "Directions")
    said = [Said("Perdre l'autonomie", zoe.id, zoe.structure_id), Said("perdre  l'autonomie", marc.id, marc.structure_id), Said("Être absorbé", marc.id)]
    apt.add_said(project, item.id, directions, Category.FEAR, said)
    points = {i.id: w for i, w in zip(apt.state(project, item.id).items, (3, 2, 1), strict=True)}
    apt.record_weights(project, item.id, points)
    blocks = EXERCISE.minutes_section(project, project.workshop(item.workshop_id), item)
    grid = next(b for b in blocks if isinstance(b, Table))
    assert grid.rows == (("Directions", "", "Perdre l'autonomie (5 pts, ×2) ; Être absorbé (1 pt)", ""),)
    assert "du plus au moins pesé" in grid.caption
