"""The who-does-what matrix: rows, columns, roles, live checks, confirmation, minutes."""

from __future__ import annotations

import random

import pytest

from exercises import matrix, matrix_exercise, matrix_minutes
from exercises.fills import reference_fill
from exercises.matrix import CheckKind, Level, Means, Mode, Role
from workshop.errors import NotFound, ValidationError
from workshop.minutes.blocks import BulletList, Paragraph, Table
from workshop.project import Project


@pytest.fixture
def setup(project: Project) -> tuple[int, list[int]]:
    a = project.add_structure("Les Jardins").id
    b = project.add_structure("Maison [red]EHPAD[/]").id
    workshop = project.add_workshop("Atelier")
    item = project.add_agenda_item(workshop.id, "matrix", "Qui fait quoi")
    return item.id, [a, b]


def _kinds(project: Project, item_id: int) -> list[tuple[CheckKind, int, int]]:
    state = matrix.load(project, item_id)
    return [(c.kind, c.action_id, c.structure_id) for c in matrix.checks(state, matrix.actors(project, state))]


def test_columns_are_the_structures_and_new_external_actors_join(project: Project, setup) -> None:
    item_id, (a, b) = setup
    state = matrix.load(project, item_id)
    assert [x.id for x in matrix.actors(project, state)] == [a, b]
    external = matrix.add_external_actor(project, item_id, "Conseil départemental")
    assert not project.structure(external.id).member
    late = project.add_structure("Arrivée tardive").id  # sorts first in the project, joins last here
    columns = matrix.actors(project, matrix.load(project, item_id))
    assert [x.id for x in columns] == [a, b, external.id, late]
    matrix.move_actor(project, item_id, late, -3)
    matrix.remove_actor(project, item_id, b)
    assert [x.id for x in matrix.actors(project, matrix.load(project, item_id))] == [late, a, external.id]
    matrix.include_actor(project, item_id, b)
    assert [x.id for x in matrix.actors(project, matrix.load(project, item_id))][-1] == b
    matrix.rename_actor(project, item_id, a, "Jardins de Montreuil")
    assert project.structure(a).name == "Jardins de Montreuil"


def test_rows_add_rename_reorder_delete(project: Project, setup) -> None:
    item_id, (a, _) = setup
    first = matrix.add_action(project, item_id, "Accueil des familles")
    second = matrix.add_action(project, item_id, "Transport")
    middle = matrix.add_action(project, item_id, "Entre les deux", after=first.id)
    assert [x.label for x in matrix.load(project, item_id).actions] == ["Accueil des familles", "Entre les deux", "Transport"]
    matrix.rename_action(project, item_id, middle.id, "  Communication   commune ")
    matrix.move_action(project, item_id, second.id, -5)
    matrix.set_role(project, item_id, middle.id, a, Role.PILOT)
    matrix.remove_action(project, item_id, middle.id)
    state = matrix.load(project, item_id)
    assert [x.label for x in state.actions] == ["Transport", "Accueil des familles"]
    assert state.cells == {}
    with pytest.raises(ValidationError):
        matrix.add_action(project, item_id, "   ")
    with pytest.raises(NotFound):
        matrix.rename_action(project, item_id, middle.id, "Disparue")


def test_roles_and_levels(project: Project, setup) -> None:
    item_id, (a, b) = setup
    action = matrix.add_action(project, item_id, "Accueil")
    matrix.set_role(project, item_id, action.id, a, Role.PILOT, Level.POLITICAL)
    matrix.set_role(project, item_id, action.id, a, Role.CONTRIBUTOR)  # the level stays
    cell = matrix.load(project, item_id).cell(action.id, a)
    assert cell is not None and cell.role == "contributor" and cell.level == "political"
    assert matrix.cell_text(cell) == "C·pol"
    matrix.set_level(project, item_id, action.id, a, matrix.next_level(cell.level))
    assert matrix.load(project, item_id).cell(action.id, a).level == "technical"
    with pytest.raises(ValidationError):
        matrix.set_level(project, item_id, action.id, b, Level.TECHNICAL)
    matrix.set_role(project, item_id, action.id, a, None)
    assert matrix.load(project, item_id).cell(action.id, a) is None
    assert matrix.next_level("operational") is None and matrix.next_level("") == Level.POLITICAL


def test_checks_pilots_idle_overloaded_external(project: Project, setup) -> None:
    item_id, (a, b) = setup
    ext = matrix.add_external_actor(project, item_id, "Département").id
    one = matrix.add_action(project, item_id, "Une")
    two = matrix.add_action(project, item_id, "Deux")
    matrix.set_role(project, item_id, one.id, a, Role.CONTRIBUTOR)
    kinds = _kinds(project, item_id)
    assert (CheckKind.NO_PILOT, one.id, 0) in kinds and (CheckKind.NO_PILOT, two.id, 0) in kinds
    assert (CheckKind.IDLE_ACTOR, 0, b) in kinds and (CheckKind.IDLE_ACTOR, 0, ext) in kinds
    matrix.set_role(project, item_id, one.id, a, Role.PILOT)
    matrix.set_role(project, item_id, one.id, b, Role.PILOT)
    matrix.set_role(project, item_id, two.id, ext, Role.PILOT)
    kinds = _kinds(project, item_id)
    assert (CheckKind.MANY_PILOTS, one.id, 0) in kinds
    assert (CheckKind.EXTERNAL_PILOT, 0, ext) in kinds
    assert not any(k == CheckKind.IDLE_ACTOR for k, _, _ in kinds)
    # problems come before what is only flagged for discussion
    assert kinds[-1][0] == CheckKind.EXTERNAL_PILOT
    matrix.set_pilot_limit(project, item_id, 1)
    matrix.set_role(project, item_id, one.id, b, Role.INFORMED)
    matrix.set_role(project, item_id, two.id, ext, Role.INFORMED)
    matrix.set_role(project, item_id, two.id, a, Role.PILOT)
    assert _kinds(project, item_id) == [(CheckKind.OVERLOADED, 0, a)]
    state = matrix.load(project, item_id)
    [check] = matrix.checks(state, matrix.actors(project, state))
    assert matrix.check_text(check, state, matrix.actors(project, state)) == "Les Jardins pilote 2 actions (plus de 1)."
    with pytest.raises(ValidationError):
        matrix.set_pilot_limit(project, item_id, 0)


def test_confirmation_holds_until_the_roles_change(project: Project, setup) -> None:
    item_id, (a, b) = setup
    action = matrix.add_action(project, item_id, "Accueil")
    matrix.set_role(project, item_id, action.id, a, Role.PILOT)
    matrix.confirm(project, item_id, a, now=10.0)
    state = matrix.load(project, item_id)
    assert matrix.confirmation_status(state, a) == "confirmed"
    assert matrix.confirmation_status(state, b) == ""
    matrix.set_role(project, item_id, action.id, b, Role.CONTRIBUTOR)  # someone else's change
    assert matrix.confirmation_status(matrix.load(project, item_id), a) == "confirmed"
    matrix.set_role(project, item_id, action.id, a, Role.CONTRIBUTOR)
    assert matrix.confirmation_status(matrix.load(project, item_id), a) == "changed"
    matrix.unconfirm(project, item_id, a)
    assert matrix.confirmation_status(matrix.load(project, item_id), a) == ""


def test_a_structure_with_roles_is_not_removed_from_the_project(project: Project, setup) -> None:
    item_id, (a, _) = setup
    action = matrix.add_action(project, item_id, "Accueil")
    matrix.set_role(project, item_id, action.id, a, Role.PILOT)
    with pytest.raises(ValidationError) as refused:
        project.remove_structure(a)
    assert refused.value.key == "matrix.error.structure_has_roles"
    matrix.remove_actor(project, item_id, a)
    project.remove_structure(a)


def test_retained_proposals_become_rows_once(project: Project, setup) -> None:
    from workshop.proposals import decide, proposals, record_proposal

    item_id, (a, b) = setup
    kept = record_proposal(project, "Mutualiser les minibus", a)
    record_proposal(project, "Pas retenue", b)
    decide(project, kept.id, "retained")
    assert matrix.import_proposals(project, item_id) == 1
    assert matrix.import_proposals(project, item_id) == 0
    [row] = matrix.load(project, item_id).actions
    assert row.label == "Mutualiser les minibus" and row.source == "proposal" and row.source_id == kept.id
    typed = matrix.add_action(project, item_id, "Créer un annuaire commun")
    linked = matrix.propose_action(project, item_id, typed.id, b)
    assert linked.source == "proposal"
    made = [p for p in proposals(project) if p.id == linked.source_id]
    assert made and made[0].source == "matrix" and made[0].structure_id == b
    with pytest.raises(ValidationError):
        matrix.propose_action(project, item_id, typed.id, b)


def test_minutes_table_legend_checks_and_per_structure(project: Project, setup) -> None:
    item_id, (a, b) = setup
    one = matrix.add_action(project, item_id, "Accueil | familles")
    two = matrix.add_action(project, item_id, "Transport")
    matrix.set_role(project, item_id, one.id, a, Role.PILOT, Level.TECHNICAL)
    matrix.set_role(project, item_id, one.id, b, Role.INFORMED)
    matrix.set_role(project, item_id, two.id, b, Role.CONTRIBUTOR)
    matrix.confirm(project, item_id, a)
    blocks = matrix_exercise.EXERCISE.minutes_section(project, project.workshops()[0], project.agenda_item(item_id))
    grid = next(b for b in blocks if isinstance(b, Table))
    assert grid.header == ("Action", "Les Jardins", "Maison [red]EHPAD[/]")
    assert grid.rows == (("Accueil | familles", "P·tec", "I"), ("Transport", "", "C"))
    # The legend comes before the grid, as its caption (no "A", which RACI reads as "approves").
    assert grid.caption.startswith("Rôles : P = pilote, C = contributeur, V = consulté") and grid.wide
    assert [b.items for b in blocks if isinstance(b, BulletList)] == [("« Transport » n'a pas de pilote.",)]
    # What each structure commits to is the grid read by columns: it goes to the annexes.
    annex = matrix_exercise.EXERCISE.annex_section(project, project.workshops()[0], project.agenda_item(item_id))
    texts = [b.text for b in annex if isinstance(b, Paragraph)]
    lists = [b.items for b in annex if isinstance(b, BulletList)]
    assert texts[0] == "Engagements par structure :"
    assert ("Accueil | familles — pilote, niveau technique",) in lists
    assert ("Transport — contributeur", "consulté ou informé sur 1 autre(s) action(s)") in lists
    assert any(t == "Les Jardins — confirmé" for t in texts)
    assert any(t == "Maison [red]EHPAD[/] — non confirmé" for t in texts)
    found = matrix_exercise.EXERCISE.outcomes(project, project.workshops()[0], project.agenda_item(item_id))
    [decided] = found.decisions
    assert decided.decision == "confirmée par Les Jardins ; pas encore confirmée par Maison [red]EHPAD[/]"
    assert [(a.what, a.structure, a.state) for a in found.actions] == [
        ("Piloter : Accueil | familles", "Les Jardins", "Pilote confirmé"),
        ("Trouver un pilote : Transport", "", "Sans pilote"),
    ]


def test_means_and_how_the_pilot_works_with_each_contributor(project: Project, setup) -> None:
    item_id, (a, b) = setup
    action = matrix.add_action(project, item_id, "Mutualiser la paie")
    with pytest.raises(ValidationError) as error:
        matrix.set_means(project, item_id, action.id, b, [Means.MONEY])
    assert error.value.key == "matrix.error.means_need_role"
    matrix.set_role(project, item_id, action.id, a, Role.PILOT, Level.TECHNICAL)
    matrix.set_role(project, item_id, action.id, b, Role.CONTRIBUTOR)
    with pytest.raises(ValidationError) as error:
        matrix.set_mode(project, item_id, action.id, a, Mode.WITH)  # the pilot itself
    assert error.value.key == "matrix.error.mode_needs_contributor"
    matrix.set_means(project, item_id, action.id, a, ["skills", "staff_time"])
    matrix.set_means(project, item_id, action.id, b, [Means.PREMISES, Means.MONEY])
    matrix.set_mode(project, item_id, action.id, b, matrix.next_mode(""))
    cell = matrix.load(project, item_id).cell(action.id, b)
    assert (cell.means, cell.mode) == (["money", "premises"], "with")  # in the fixed order
    assert matrix.cell_text(cell) == "C ⇄ €l"
    assert matrix.cell_details(cell) == "contributeur ; conduit avec le pilote ; moyens : financement, locaux"
    matrix.set_mode(project, item_id, action.id, b, matrix.next_mode(cell.mode))
    assert matrix.load(project, item_id).cell(action.id, b).mode == "delegated"
    # A change of means or relation asks the structure to confirm again.
    matrix.confirm(project, item_id, b)
    matrix.set_means(project, item_id, action.id, b, [Means.MONEY])
    assert matrix.confirmation_status(matrix.load(project, item_id), b) == "changed"
    # The level and means survive a change of role; the relation belongs to contributors only.
    matrix.set_role(project, item_id, action.id, b, Role.CONSULTED)
    cell = matrix.load(project, item_id).cell(action.id, b)
    assert (cell.means, cell.mode) == (["money"], "")
    assert matrix.next_mode("delegated") is None

    matrix.set_role(project, item_id, action.id, b, Role.CONTRIBUTOR)
    matrix.set_mode(project, item_id, action.id, b, Mode.DELEGATED)
    blocks = matrix_minutes.minutes_blocks(project, item_id)
    grid, means = [b for b in blocks if isinstance(b, Table)]
    assert grid.rows == (("Mutualiser la paie", "P·tec tc", "C ⇠ €"),)
    assert means.header == ("Action", "Acteur", "Rôle", "Avec le pilote", "Moyens")
    assert means.rows == (
        ("Mutualiser la paie", "Les Jardins", "pilote", "—", "temps de personnel, compétences"),
        ("Mutualiser la paie", "Maison [red]EHPAD[/]", "contributeur", "mise en œuvre confiée par le pilote", "financement"),
    )
    lists = [b.items for b in matrix_minutes.annex_blocks(project, item_id) if isinstance(b, BulletList)]
    assert ("Mutualiser la paie — contributeur ; mise en œuvre confiée par le pilote ; moyens : financement",) in lists
    legend = blocks[0].caption  # the legend before the grid, as its caption
    assert "V = consulté" in legend and "⇄ = conduit avec le pilote" in legend and "€ = financement" in legend
    assert "A = " not in legend  # no letter that reads as RACI's "A = approver"


def test_cells_stored_before_means_existed_still_load_and_stay_confirmed(project: Project, setup) -> None:
    import hashlib

    item_id, (a, _) = setup
    action = matrix.add_action(project, item_id, "Accueil")
    doc = matrix.load(project, item_id).to_doc()
    doc["cells"] = {f"{action.id}:{a}": {"role": "pilot", "level": ""}}
    # Confirmed with the digest of that time: role, level and label only.
    old_digest = hashlib.sha1(f"{action.id}=pilot//Accueil".encode()).hexdigest()[:12]
    doc["confirmations"] = {str(a): {"how": "facilitator", "at": 1.0, "fingerprint": old_digest, "round_id": 0}}
    project.store.table("matrix").update(doc, doc_ids=[item_id])
    state = matrix.load(project, item_id)
    cell = state.cell(action.id, a)
    assert (cell.role, cell.means, cell.mode) == ("pilot", [], "")
    assert matrix.confirmation_status(state, a) == "confirmed"


def test_minutes_of_an_empty_grid(project: Project, setup) -> None:
    item_id, _ = setup
    [block] = matrix_minutes.minutes_blocks(project, item_id)
    assert "Aucune action" in block.text
    assert matrix_minutes.annex_blocks(project, item_id) == []


def test_reference_fill_is_deterministic_and_sized(project: Project, setup) -> None:
    item_id, _ = setup
    for name in ("C", "D", "E", "F"):
        project.add_structure(name)
    matrix.add_external_actor(project, item_id, "Externe")
    item = project.agenda_item(item_id)
    with project.batch():
        reference_fill("matrix")(project, project.workshops()[0], item, random.Random(7))
    first = matrix.load(project, item_id)
    with project.batch():
        reference_fill("matrix")(project, project.workshops()[0], item, random.Random(7))
    again = matrix.load(project, item_id)
    assert first == again
    assert len(first.actions) == 20 and len(matrix.actors(project, first)) == 7
    assert len(first.cells) > 40


def test_objectives_of_the_workshop_become_rows_once(project: Project, setup) -> None:
    """The APT exercise's objectives plan feeds the grid."""
    from exercises import apt, apt_outputs

    item_id, _ = setup
    workshop_id = project.workshops()[0].id
    apt_item = project.add_agenda_item(workshop_id, "apt", "APT")
    group = apt.state(project, apt_item.id).groups[0]
    attraction = apt.add_item(project, apt_item.id, group.id, apt.Category.ATTRACTION.value, "Un poste partagé")
    apt.add_item(project, apt_item.id, group.id, apt.Category.FEAR.value, "Perdre la main")  # not an objective
    apt_outputs.set_objective(project, apt_item.id, attraction.id, "Partager un poste de coordination")
    assert matrix.import_proposals(project, item_id) == 1
    assert matrix.import_proposals(project, item_id) == 0
    [row] = matrix.load(project, item_id).actions
    assert (row.label, row.source, row.source_id, row.source_item_id) == (
        "Partager un poste de coordination",
        "objective",
        attraction.id,
        apt_item.id,
    )
