"""Ctrl+Z in the core: the last removal or decision since the project was opened
comes back, what changed since stays, and a real conflict is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercises import matrix, values
from workshop.project import Project
from workshop.proposals import decide, edit_proposal, proposal, record_proposal, remove_proposal
from workshop.undo import MISSING, NothingToUndo, UndoConflict, merge_back


@pytest.fixture
def coop(project: Project) -> dict[str, int]:
    jardins = project.add_structure("Les Jardins")
    ehpad = project.add_structure("EHPAD Les Tilleuls")
    project.set_promoter(jardins.id)
    zoe = project.add_participant("Zoé Martin", jardins.id)
    workshop = project.add_workshop("Atelier 1", "2026-10-12")
    return {"jardins": jardins.id, "ehpad": ehpad.id, "zoe": zoe.id, "workshop": workshop.id}


def test_nothing_to_undo_on_a_project_just_opened(project_path: Path, coop: dict[str, int], project: Project) -> None:
    project.remove_participant(coop["zoe"])
    project.close()
    with Project.open(project_path) as again:
        assert again.undo.last is None
        with pytest.raises(NothingToUndo):
            again.undo.undo()


def test_a_removed_structure_comes_back_with_its_id_and_its_promoter_role(project: Project, coop: dict[str, int]) -> None:
    project.remove_participant(coop["zoe"])
    project.remove_structure(coop["jardins"])
    assert project.promoter_id == 0
    step = project.undo.undo()
    assert step.kind == "structure_removed"
    assert project.structure(coop["jardins"]).name == "Les Jardins"
    assert project.promoter_id == coop["jardins"]
    project.undo.undo()
    assert project.participant(coop["zoe"]).structure_id == coop["jardins"]
    assert project.undo.last is None


def test_undo_is_saved_at_once(project_path: Path, project: Project, coop: dict[str, int]) -> None:
    project.remove_participant(coop["zoe"])
    project.undo.undo()
    from workshop.storage import read_project_file

    assert str(coop["zoe"]) in read_project_file(project_path)["participants"]


def test_an_agenda_item_returns_to_its_place_and_later_timer_changes_stay(project: Project, coop: dict[str, int]) -> None:
    first, second, third = (project.add_agenda_item(coop["workshop"], "free", title, 10) for title in ("Un", "Deux", "Trois"))
    project.remove_agenda_item(second.id)
    assert [i.title for i in project.agenda(coop["workshop"])] == ["Un", "Trois"]
    # Meanwhile the third item was run: its time must survive the undo.
    project.update_agenda_item(third.id, actual_seconds=300.0)
    project.undo.undo()
    items = project.agenda(coop["workshop"])
    assert [i.title for i in items] == ["Un", "Deux", "Trois"]
    assert [i.position for i in items] == [0, 1, 2]
    assert items[2].actual_seconds == 300.0


def test_a_removed_workshop_comes_back_with_its_agenda(project: Project, coop: dict[str, int]) -> None:
    project.add_agenda_item(coop["workshop"], "free", "Accueil", 10)
    other = project.add_workshop("Atelier 2")
    project.add_agenda_item(other.id, "free", "Ailleurs", 5)
    project.remove_workshop(coop["workshop"])
    project.undo.undo()
    assert [i.title for i in project.agenda(coop["workshop"])] == ["Accueil"]
    assert [i.title for i in project.agenda(other.id)] == ["Ailleurs"]


def test_a_decision_is_undone_and_a_text_edited_since_is_kept(project: Project, coop: dict[str, int]) -> None:
    made = record_proposal(project, "Mutualiser la paie", coop["ehpad"], workshop_id=coop["workshop"])
    decide(project, made.id, "retained", on="2026-10-12")
    decide(project, made.id, "not_retained", "Coût RH trop élevé", on="2026-10-12")
    edit_proposal(project, made.id, text="Mutualiser la paie des salariés")
    step = project.undo.undo()
    assert step.kind == "decision" and step.params["number"] == made.id
    back = proposal(project, made.id)
    assert (back.decision, back.reason) == ("retained", "")
    assert [entry["decision"] for entry in back.log] == ["retained"]
    assert back.text == "Mutualiser la paie des salariés"
    project.undo.undo()
    assert proposal(project, made.id).decision == ""


def test_a_removed_proposal_comes_back(project: Project, coop: dict[str, int]) -> None:
    made = record_proposal(project, "Un minibus partagé", coop["ehpad"])
    remove_proposal(project, made.id)
    project.undo.undo()
    assert proposal(project, made.id).text == "Un minibus partagé"


def test_when_the_same_field_changed_since_the_undo_is_refused_and_nothing_moves(project: Project, coop: dict[str, int]) -> None:
    made = record_proposal(project, "Un minibus partagé", coop["ehpad"])
    decide(project, made.id, "retained", on="2026-10-12")
    # Another change of the decision, recorded without an undo step.
    project.store.table("proposals").update({"decision": "under_study"}, doc_ids=[made.id])
    with pytest.raises(UndoConflict):
        project.undo.undo()
    assert proposal(project, made.id).decision == "under_study"
    assert project.undo.last is not None and project.undo.last.kind == "decision"


def test_matrix_cells_are_undone_one_at_a_time_around_a_rename(project: Project, coop: dict[str, int]) -> None:
    item = project.add_agenda_item(coop["workshop"], "matrix", "Qui fait quoi", 30)
    action = matrix.add_action(project, item.id, "Transport")
    matrix.set_role(project, item.id, action.id, coop["jardins"], "pilot")
    matrix.set_role(project, item.id, action.id, coop["ehpad"], "contributor")
    matrix.rename_action(project, item.id, action.id, "Transport solidaire")  # not a decision
    step = project.undo.undo()
    assert step.kind == "cell" and step.params == {"action": "Transport", "actor": "EHPAD Les Tilleuls"}
    state = matrix.load(project, item.id)
    assert state.cell(action.id, coop["ehpad"]) is None
    assert state.cell(action.id, coop["jardins"]).role == "pilot"
    assert state.action(action.id).label == "Transport solidaire"
    project.undo.undo()
    assert matrix.load(project, item.id).cell(action.id, coop["jardins"]) is None


def test_a_removed_value_returns_to_its_place_and_an_edit_since_stays(project: Project, coop: dict[str, int]) -> None:
    item = project.add_agenda_item(coop["workshop"], "values", "Valeurs", 30)
    solidarity, trust, openness = (values.add_value(project, item.id, label) for label in ("Solidarité", "Confiance", "Ouverture"))
    values.remove_value(project, item.id, trust.id)
    values.edit_value(project, item.id, openness.id, "Ouverture aux autres")
    project.undo.undo()
    labels = [v.label for v in values.state(project, item.id).values]
    assert labels == ["Solidarité", "Confiance", "Ouverture aux autres"]


def test_a_step_that_fails_leaves_neither_a_change_nor_a_step(project: Project, coop: dict[str, int]) -> None:
    with pytest.raises(RuntimeError):
        with project.undo.step("participant_removed", name="Zoé"):
            project.store.table("participants").remove(doc_ids=[coop["zoe"]])
            raise RuntimeError("a bug in the middle")
    assert project.participant(coop["zoe"]).name == "Zoé Martin"
    assert project.undo.last is None


def test_a_step_that_changes_nothing_is_not_kept(project: Project, coop: dict[str, int]) -> None:
    with project.undo.step("participant_removed", name="personne"):
        project.participant(coop["zoe"])
    assert project.undo.last is None


def test_listeners_hear_of_each_new_and_undone_step(project: Project, coop: dict[str, int]) -> None:
    heard: list[str] = []
    project.undo.subscribe(lambda: heard.append(project.undo.last.kind if project.undo.last else "-"))
    project.remove_participant(coop["zoe"])
    project.undo.undo()
    assert heard == ["participant_removed", "-"]


def test_merging_back_by_hand() -> None:
    # Field by field: the step's change goes, the later change stays.
    assert merge_back({"a": 1, "b": 1}, {"a": 2, "b": 1}, {"a": 2, "b": 3}) == {"a": 1, "b": 3}
    # A document inserted by the step goes; one removed by it comes back.
    assert merge_back(MISSING, {"a": 1}, {"a": 1}) is MISSING
    assert merge_back({"a": 1}, MISSING, MISSING) == {"a": 1}
    # Records with ids: the removed one returns to its place, after the one before it.
    before = [{"id": 1}, {"id": 2}, {"id": 3}]
    after = [{"id": 1}, {"id": 3}]
    assert merge_back(before, after, [{"id": 3}, {"id": 1}, {"id": 4}]) == [{"id": 3}, {"id": 1}, {"id": 2}, {"id": 4}]


def test_the_log_keeps_a_bounded_number_of_steps(project: Project, coop: dict[str, int]) -> None:
    from workshop.undo import MAX_STEPS

    for n in range(MAX_STEPS + 5):
        person = project.add_participant(f"Personne {n}", coop["jardins"])
        project.remove_participant(person.id)
    assert len(project.undo.steps) == MAX_STEPS
    assert project.undo.last.params["name"] == f"Personne {MAX_STEPS + 4}"
