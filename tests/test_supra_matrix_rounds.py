"""Supra objective and matrix through the rounds engine, and their demo / reference fillings."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from exercises import matrix, supra, supra_minutes
from exercises.fills import reference_fill
from exercises.supra import Criterion, Step
from workshop.errors import ValidationError
from workshop.project import Project
from workshop.rounds import cast, contribute, finish_turn, get_round, results


def _item(project: Project, kind: str) -> int:
    workshop = project.workshops()[0]
    return next(i.id for i in project.agenda(workshop.id) if i.kind == kind)


@pytest.fixture
def room(project: Project) -> tuple[Project, int]:
    a = project.add_structure("Jardins").id
    b = project.add_structure("EHPAD").id
    for name, sid in (("Zoé", a), ("Karim", a), ("Marc", b)):
        project.add_participant(name, sid)
    workshop = project.add_workshop("Atelier")
    project.add_agenda_item(workshop.id, "supra", "Objectif supra")
    project.add_agenda_item(workshop.id, "matrix", "Qui fait quoi")
    return project, workshop.id


def test_drafts_round_then_crossing_reveals_and_counts(room) -> None:
    project, _ = room
    item_id = _item(project, "supra")
    supra.choose_unit(project, item_id, by_structure=False)
    started = supra.start_drafts(project, item_id)
    assert supra.start_drafts(project, item_id).id == started.id  # resumes, no second round
    texts = ["Rompre l'isolement des familles", "Les familles d'abord", "Un isolement qui recule"]
    # Two of the three voters draft: the third is never reached (the step moves on below).
    for voter, text in zip(started.voters[:2], texts, strict=False):
        contribute(project, started.id, voter, text)
        finish_turn(project, started.id, voter)
    with pytest.raises(ValidationError, match="supra.error.drafts_started"):
        supra.choose_unit(project, item_id, by_structure=True)
    supra.go_to_step(project, item_id, Step.CROSSING)  # closes the round: the third person is not reached
    assert get_round(project, started.id).revealed and not get_round(project, started.id).is_open
    drafts = supra.drafts(project, item_id)
    names = {p.id: p.name for p in project.participants()}
    assert [d.author for d in drafts] == [names[v] for v in started.voters[:2]]
    assert [w.key for w in supra.crossing(project, item_id)] == ["famille"]
    proposal = supra.propose_from_draft(project, item_id, drafts[0], "Un accueil commun des familles")
    assert proposal.source == "supra" and proposal.structure_id == drafts[0].structure_id


def test_consent_round_objection_then_adoption(room) -> None:
    project, _ = room
    item_id = _item(project, "supra")
    supra.write_sentence(project, item_id, "Une phrase", now=1.0)
    first = supra.start_consent(project, item_id, now=2.0)
    for voter, answer in zip(first.voters, ["agree", "objection", "reservation"], strict=True):
        cast(project, first.id, voter, answer, "pas clair" if answer == "objection" else "ok mais")
    state = supra.record_consent_round(project, item_id, first.id)
    assert state.step == Step.SENTENCE and state.consents[0].objections == ["pas clair"]
    assert state.consents[0].counts["objection"] == 1
    supra.write_sentence(project, item_id, "Une phrase plus claire", now=3.0)
    second = supra.start_consent(project, item_id, now=4.0)
    for voter in second.voters:
        cast(project, second.id, voter, "agree")
    assert supra.sync_rounds(project, item_id).adopted  # picked up on resume


def test_scale_round_decides_a_criterion(room) -> None:
    project, _ = room
    item_id = _item(project, "supra")
    supra.write_sentence(project, item_id, "Une phrase", now=1.0)
    started = supra.start_criterion_round(project, item_id, Criterion.REALISTIC)
    for voter, value in zip(started.voters, [5, 4, 2], strict=True):
        cast(project, started.id, voter, value)
    state = supra.sync_rounds(project, item_id)
    [check] = [c for c in supra.criteria(state) if c.criterion == Criterion.REALISTIC]
    assert check.met is True and check.source == "round" and check.mean == pytest.approx(11 / 3, abs=0.01)


def test_confirmation_round_by_structure(room) -> None:
    project, _ = room
    item_id = _item(project, "matrix")
    a, b = (s.id for s in project.structures() if s.name == "Jardins"), (s.id for s in project.structures() if s.name == "EHPAD")
    a, b = next(a), next(b)
    action = matrix.add_action(project, item_id, "Accueil")
    matrix.set_role(project, item_id, action.id, a, "pilot")
    started = matrix.start_confirm_round(project, item_id)
    assert sorted(started.voters) == sorted([a, b])
    for voter in started.voters:
        cast(project, started.id, voter, "agree" if voter == a else "objection", "" if voter == a else "non")
    assert results(project, started.id).per_structure
    assert matrix.record_confirm_round(project, item_id, started.id) == [a]
    assert matrix.confirmation_status(matrix.load(project, item_id), a) == "confirmed"
    assert matrix.confirmation_status(matrix.load(project, item_id), b) == ""


def test_secret_confirmation_round_confirms_everyone_or_no_one(room) -> None:
    """A secret confirmation says only whether anyone objected (#14: secret wherever a vote happens)."""
    from workshop.rounds import change_settings, get_round

    project, _ = room
    item_id = _item(project, "matrix")
    action = matrix.add_action(project, item_id, "Accueil")
    structures = [s.id for s in project.structures() if s.name in ("Jardins", "EHPAD")]
    matrix.set_role(project, item_id, action.id, structures[0], "pilot")
    for answers, expected in ((["agree", "reservation"], sorted(structures)), (["agree", "objection"], [])):
        started = matrix.start_confirm_round(project, item_id)
        assert not started.spec.secret  # the guide's proposal: each structure confirms in the open
        secret = change_settings(project, started.id, replace(started.spec, secret=True))
        assert secret.spec.secret and secret.spec.by_structure
        for voter, answer in zip(get_round(project, started.id).voters, answers, strict=True):
            cast(project, started.id, voter, answer)
        assert sorted(matrix.record_confirm_round(project, item_id, started.id)) == expected


def test_demo_has_an_adopted_objective_and_a_realistic_matrix(demo_path: Path) -> None:
    with Project.open(demo_path) as project:
        state = supra.load(project, _item(project, "supra"))
        assert state.adopted and len(state.versions) == 4
        assert [c.passed for c in state.consents] == [False, True]
        assert state.consents[0].objections and state.consents[0].handling
        assert len(supra.drafts(project, state.item_id)) == 10
        assert all(c.met for c in supra.criteria(state))
        grid = matrix.load(project, _item(project, "matrix"))
        columns = matrix.actors(project, grid)
        assert len(grid.actions) == 8 and len(columns) == 5
        assert columns[0].name == "Les Jardins de Montreuil" and not columns[-1].member
        kinds = {c.kind.value for c in matrix.checks(grid, columns)}
        assert kinds == {"no_pilot", "many_pilots", "external_pilot"}


def test_reference_fill_is_deterministic(room) -> None:
    project, workshop_id = room
    item = project.agenda_item(_item(project, "supra"))
    reference_fill("supra")(project, project.workshop(workshop_id), item, random.Random(3))
    state = supra.load(project, item.id)
    assert state.adopted and len(state.versions) >= 4 and len(state.consents) == 2
    assert len(supra.drafts(project, item.id)) == 3


def test_a_consent_round_stopped_or_all_abstaining_decides_nothing(room) -> None:
    project, _ = room
    item_id = _item(project, "supra")
    supra.write_sentence(project, item_id, "Une phrase", now=1.0)
    first = supra.start_consent(project, item_id, now=2.0)
    state = supra.abandon_consent(project, item_id)
    assert state.step == Step.SENTENCE and not get_round(project, first.id).is_open
    second = supra.start_consent(project, item_id, now=3.0)
    assert second.id != first.id
    for voter in second.voters:
        cast(project, second.id, voter, "abstain")
    state = supra.sync_rounds(project, item_id)
    assert state.step == Step.SENTENCE and not state.adopted
    assert all(c.passed is None for c in state.consents)
    assert not any("Tour de consentement" in getattr(b, "text", "") for b in supra_minutes.minutes_blocks(project, item_id))
