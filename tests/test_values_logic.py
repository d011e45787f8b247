"""Shared values: every step of the exercise, without a screen."""

from __future__ import annotations

import pytest

from exercises import values
from exercises.values import Source, Step
from exercises.values_exercise import EXERCISE
from workshop.errors import ValidationError
from workshop.minutes.blocks import Heading, Table
from workshop.project import Project


@pytest.fixture
def setup(project: Project):
    a = project.add_structure("Les Jardins")
    b = project.add_structure("[red]EHPAD[/]")
    zoe = project.add_participant("Zoé", a.id)
    marc = project.add_participant("Marc", b.id)
    workshop = project.add_workshop("Atelier 1")
    item = project.add_agenda_item(workshop.id, "values", "Valeurs")
    return project, item, (a, b), (zoe, marc)


def test_proposals_become_values_and_same_word_is_one_value(setup) -> None:
    project, item, (a, b), (zoe, marc) = setup
    state = values.add_proposals(
        project,
        item.id,
        [Source("Solidarité", zoe.id, a.id), Source("  solidarite ", marc.id, b.id), Source("Confiance", marc.id, b.id), Source("  ")],
    )
    assert [v.label for v in state.values] == ["Solidarité", "Confiance"]
    assert [s.participant_id for s in state.values[0].sources] == [zoe.id, marc.id]
    # Saved as it happens: a fresh read sees it.
    assert values.state(project, item.id).values[1].sources[0].structure_id == b.id


def test_facilitator_adds_and_edits_but_never_duplicates(setup) -> None:
    project, item, _, _ = setup
    value = values.add_value(project, item.id, "Équité")
    assert value.by_facilitator
    with pytest.raises(ValidationError) as error:
        values.add_value(project, item.id, "equite")
    assert error.value.key == "values.error.duplicate"
    with pytest.raises(ValidationError):
        values.add_value(project, item.id, "   ")
    values.edit_value(project, item.id, value.id, "Équité entre structures")
    assert values.state(project, item.id).values[0].label == "Équité entre structures"


def test_merge_keeps_every_proposer(setup) -> None:
    project, item, (a, b), (zoe, marc) = setup
    values.add_proposals(
        project,
        item.id,
        [Source("Entraide", zoe.id, a.id), Source("Solidarité", marc.id, b.id), Source("Confiance", zoe.id, a.id)],
    )
    ids = [v.id for v in values.state(project, item.id).values]
    merged = values.merge_values(project, item.id, [ids[1], ids[0]], "Solidarité")
    state = values.state(project, item.id)
    assert [v.label for v in state.values] == ["Solidarité", "Confiance"]
    assert merged.id == ids[1]
    assert {(s.text, s.participant_id) for s in state.value(merged.id).sources} == {("Entraide", zoe.id), ("Solidarité", marc.id)}
    with pytest.raises(ValidationError):
        values.merge_values(project, item.id, [ids[2]], "Seule")
    with pytest.raises(ValidationError):  # the label of a value outside the merge
        values.merge_values(project, item.id, [merged.id, ids[2]], "")


def test_votes_rank_with_ties_and_retain_top(setup) -> None:
    project, item, _, _ = setup
    for label in ("A", "B", "C", "D"):
        values.add_value(project, item.id, label)
    ids = {v.label: v.id for v in values.state(project, item.id).values}
    values.record_votes(project, item.id, {ids["A"]: (5, 3), ids["B"]: (8, 4), ids["C"]: (5, 2), ids["D"]: (1, 1)})
    state = values.state(project, item.id)
    assert [v.label for v in values.ranked(state)] == ["B", "A", "C", "D"]
    assert values.ranks(state) == {ids["B"]: 1, ids["A"]: 2, ids["C"]: 2, ids["D"]: 4}
    assert values.tie_at_cut(state, 2)
    assert not values.tie_at_cut(state, 3)
    state = values.retain_top(project, item.id, 3)
    assert [v.label for v in state.retained()] == ["B", "A", "C"]
    values.set_retained(project, item.id, ids["D"], True)
    assert len(values.state(project, item.id).retained()) == 4


def test_definitions_and_divergences(setup) -> None:
    project, item, (a, b), _ = setup
    value = values.add_value(project, item.id, "Confiance")
    values.set_definition(project, item.id, value.id, "On se dit les choses.")
    values.set_divergence(project, item.id, value.id, b.id, "Passe par des écrits")
    assert values.state(project, item.id).value(value.id).divergences == {str(b.id): "Passe par des écrits"}
    values.set_divergence(project, item.id, value.id, b.id, "  ")
    assert values.state(project, item.id).value(value.id).divergences == {}


def test_step_is_stored(setup) -> None:
    project, item, _, _ = setup
    values.set_step(project, item.id, Step.DEFINE)
    assert project.store.table("values").get(doc_id=item.id)["step"] == "define"
    assert values.state(project, item.id).step == Step.DEFINE


def test_shared_values_feed_other_workshops(setup) -> None:
    project, item, _, _ = setup
    project.update_workshop(item.workshop_id, date="2029-01-01")
    value = values.add_value(project, item.id, "Respect")
    values.add_value(project, item.id, "Ouverture")
    values.set_retained(project, item.id, value.id, True)
    assert [v.label for v in values.shared_values(project, item.workshop_id)] == ["Respect"]
    later = project.add_workshop("Atelier 2", date="2030-01-01")
    assert [v.label for v in values.shared_values(project, later.id)] == ["Respect"]


def test_minutes_section(setup) -> None:
    project, item, (a, b), (zoe, marc) = setup
    values.add_proposals(project, item.id, [Source("Solidarité", zoe.id, a.id), Source("Entraide", marc.id, b.id), Source("[0] Respect", marc.id, b.id)])
    ids = [v.id for v in values.state(project, item.id).values]
    values.merge_values(project, item.id, ids[:2], "Solidarité")
    values.record_votes(project, item.id, {ids[0]: (7, 4), ids[2]: (3, 2)})
    values.retain_top(project, item.id, 1)
    values.set_definition(project, item.id, ids[0], "On s'aide.")
    values.set_divergence(project, item.id, ids[0], b.id, "Aussi financière")
    blocks = EXERCISE.minutes_section(project, project.workshop(item.workshop_id), item)
    tables = [b for b in blocks if isinstance(b, Table)]
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert headings == ["Valeurs retenues", "Divergences de compréhension", "Toutes les valeurs proposées"]
    assert tables[0].rows == (("Solidarité", "On s'aide.", "7"),)
    assert tables[1].rows == (("Solidarité", "[red]EHPAD[/]", "Aussi financière"),)
    assert tables[2].rows[0] == ("1", "Solidarité", "7", "Zoé, Marc (« Entraide »)", "oui")
    assert tables[2].rows[1][1] == "[0] Respect"
