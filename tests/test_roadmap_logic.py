"""The roadmap's nine steps and every link they keep (exercises/roadmap*.py), without a screen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from exercises import matrix, roadmap, roadmap_actions, roadmap_follow, roadmap_objectives
from exercises.fills.rounds import contribute_all
from exercises.roadmap import Step
from tests.roadmap_project import TRICKY, Cooperation, adopt_supra, build
from workshop.errors import NotFound, ValidationError
from workshop.proposals import Referent, decide, follow_up, proposal, record_proposal
from workshop.rounds import contribute


@pytest.fixture
def coop(tmp_path: Path) -> Iterator[Cooperation]:
    built = build(tmp_path / "coop.atelier")
    with built.project:
        yield built


def _stakes_round(coop: Cooperation, item_id: int, texts: dict[int, list[str]]) -> int:
    started = roadmap.start_stakes_round(coop.project, item_id)
    contribute_all(coop.project, started.id, lambda voter: texts.get(voter, []))
    return started.id


def _plan(coop: Cooperation, item_id: int | None = None) -> tuple[int, int, int]:
    """A shared objective and one operational objective under it; (objective, operational, item)."""
    item = item_id or coop.roadmap_1
    objective = roadmap_objectives.add_objective(coop.project, item, "Rompre l'isolement")
    operational = roadmap_objectives.add_operational(coop.project, item, objective.id, "Un lieu partagé d'ici l'été")
    return objective.id, operational.id, item


def _retained(coop: Cooperation, text: str, structure: int | None = None, workshop: int | None = None) -> int:
    made = record_proposal(coop.project, text, structure or coop.b, workshop_id=workshop or coop.first)
    decide(coop.project, made.id, "retained", on="2027-01-10")
    return made.id


# Step 1: stakes per structure, by a hidden contribution round, one turn per structure --------------------
def test_the_stakes_round_gives_one_turn_per_structure_and_keeps_who_wrote_what(coop: Cooperation) -> None:
    started = roadmap.start_stakes_round(coop.project, coop.roadmap_1)
    assert started.spec.by_structure and started.spec.hidden and started.spec.owner == roadmap.STAKES_OWNER
    assert sorted(started.voters) == sorted([coop.a, coop.b, coop.c, coop.external])
    texts = {coop.a: ["Ouvrir nos jardins aux habitants isolés"], coop.b: ["Rompre l'isolement des résidents", TRICKY]}
    contribute_all(coop.project, started.id, lambda voter: texts.get(voter, []))
    state = roadmap.collect_stakes(coop.project, coop.roadmap_1, started.id)
    assert sorted((s.structure_id, s.text) for s in state.stakes) == [
        (coop.a, "Ouvrir nos jardins aux habitants isolés"),
        (coop.b, "Rompre l'isolement des résidents"),
        (coop.b, TRICKY),
    ]
    assert {s.round_id for s in state.stakes} == {started.id}
    # Each round is collected once.
    again = roadmap.collect_stakes(coop.project, coop.roadmap_1)
    assert len(again.stakes) == 3


def test_a_round_still_going_is_not_collected(coop: Cooperation) -> None:
    started = roadmap.start_stakes_round(coop.project, coop.roadmap_1)
    contribute(coop.project, started.id, started.voters[0], "Un enjeu tapé, le tour continue")
    state = roadmap.collect_stakes(coop.project, coop.roadmap_1, started.id)
    assert state.stakes == [] and state.collected_rounds == []
    assert roadmap.running_stakes_round(coop.project, coop.roadmap_1).id == started.id


def test_stakes_typed_for_a_structure_edited_and_removed(coop: Cooperation) -> None:
    stake = roadmap.add_stake(coop.project, coop.roadmap_1, coop.c, "  Mutualiser   nos locaux ")
    assert stake.text == "Mutualiser nos locaux" and stake.round_id == 0
    with pytest.raises(ValidationError):
        roadmap.add_stake(coop.project, coop.roadmap_1, coop.c, "   ")
    with pytest.raises(ValidationError):
        roadmap.add_stake(coop.project, coop.roadmap_1, coop.c, "x" * (roadmap.MAX_TEXT + 1))
    roadmap.edit_stake(coop.project, coop.roadmap_1, stake.id, TRICKY)
    shared = roadmap.add_shared(coop.project, coop.roadmap_1, "Partager nos moyens", [stake.id])
    state = roadmap.remove_stake(coop.project, coop.roadmap_1, stake.id)
    assert state.stakes == [] and state.shared_stake(shared.id).stake_ids == []


def test_what_would_act_on_the_terminal_is_never_kept(coop: Cooperation) -> None:
    stake = roadmap.add_stake(coop.project, coop.roadmap_1, coop.a, "\x1b[31mRouge\x1b[0m \u202eà l'envers\u202c\tfin\x00")
    # The core's text policy: controls shown as their symbols, bidi overrides as �.
    assert stake.text == "␛[31mRouge␛[0m �à l'envers� fin␀"
    started = roadmap.start_stakes_round(coop.project, coop.roadmap_1)
    contribute_all(coop.project, started.id, lambda voter: ["Un enjeu \x07 qui sonne"] if voter == coop.b else [])
    collected = roadmap.collect_stakes(coop.project, coop.roadmap_1, started.id)
    assert [s.text for s in collected.stakes if s.structure_id == coop.b] == ["Un enjeu ␇ qui sonne"]


# Step 2: shared stakes, by crossing ------------------------------------------------------------------------
def test_crossing_counts_a_word_once_per_structure(coop: Cooperation) -> None:
    roadmap.add_stake(coop.project, coop.roadmap_1, coop.a, "Rompre l'isolement des familles")
    roadmap.add_stake(coop.project, coop.roadmap_1, coop.a, "L'isolement pèse, encore l'isolement")
    roadmap.add_stake(coop.project, coop.roadmap_1, coop.b, "Les familles d'abord")
    roadmap.add_stake(coop.project, coop.roadmap_1, coop.c, "Isolement et familles")
    words = {w.shown: w.drafts for w in roadmap.crossing(roadmap.load(coop.project, coop.roadmap_1))}
    # "isolement" is written three times by A but shared by two structures (A, C); "pèse" by one only.
    assert words == {"familles": 3, "isolement": 2}


def test_shared_stakes_gather_stakes_and_tell_which_structures_share_them(coop: Cooperation) -> None:
    one = roadmap.add_stake(coop.project, coop.roadmap_1, coop.a, "Rompre l'isolement")
    two = roadmap.add_stake(coop.project, coop.roadmap_1, coop.b, "Sortir les résidents")
    three = roadmap.add_stake(coop.project, coop.roadmap_1, coop.b, "Voir du monde")
    shared = roadmap.add_shared(coop.project, coop.roadmap_1, "Lutter contre l'isolement", [two.id, one.id, two.id])
    assert shared.stake_ids == [two.id, one.id]
    roadmap.gather(coop.project, coop.roadmap_1, shared.id, [three.id])
    state = roadmap.load(coop.project, coop.roadmap_1)
    assert state.structures_sharing(state.shared_stake(shared.id)) == [coop.b, coop.a]
    with pytest.raises(NotFound):
        roadmap.add_shared(coop.project, coop.roadmap_1, "Un enjeu qui n'existe pas", [999])
    roadmap.edit_shared(coop.project, coop.roadmap_1, shared.id, text="Rompre l'isolement ensemble", stake_ids=[one.id])
    assert roadmap.load(coop.project, coop.roadmap_1).shared_stake(shared.id).stake_ids == [one.id]


# Step 3: shared objectives, serving the adopted supra objective ----------------------------------------------
def test_objectives_translate_shared_stakes_and_serve_the_supra_objective_as_worded_then(coop: Cooperation) -> None:
    project = coop.project
    with pytest.raises(ValidationError, match="no_supra"):
        roadmap_objectives.link_supra(project, coop.roadmap_1)
    adopt_supra(project, coop.supra_item, "D'ici 2029, un lieu de lien dans chaque commune")
    stake = roadmap.add_stake(project, coop.roadmap_1, coop.a, "Rompre l'isolement")
    shared = roadmap.add_shared(project, coop.roadmap_1, "Isolement", [stake.id])
    objective = roadmap_objectives.add_objective(project, coop.roadmap_1, "Des lieux de lien", [shared.id])
    state = roadmap.load(project, coop.roadmap_1)
    assert objective.shared_ids == [shared.id]
    assert (state.supra_item_id, state.supra_text) == (coop.supra_item, "D'ici 2029, un lieu de lien dans chaque commune")
    # Removing the shared stake leaves the objective, untied from it.
    roadmap.remove_shared(project, coop.roadmap_1, shared.id)
    assert roadmap.load(project, coop.roadmap_1).objective(objective.id).shared_ids == []


def test_the_roadmap_of_a_later_workshop_serves_the_supra_objective_adopted_earlier(coop: Cooperation) -> None:
    adopt_supra(coop.project, coop.supra_item, "Un cap commun")
    roadmap_objectives.add_objective(coop.project, coop.roadmap_2, "Objectif de mars")
    assert roadmap.load(coop.project, coop.roadmap_2).supra_text == "Un cap commun"


def test_an_objective_with_operational_objectives_is_not_removed(coop: Cooperation) -> None:
    objective, operational, item = _plan(coop)
    with pytest.raises(ValidationError, match="objective_has_operational"):
        roadmap_objectives.remove_objective(coop.project, item, objective)
    roadmap_objectives.remove_operational(coop.project, item, operational)
    roadmap_objectives.remove_objective(coop.project, item, objective)
    assert roadmap.load(coop.project, item).objectives == []


def test_objectives_are_ordered_by_the_room(coop: Cooperation) -> None:
    first = roadmap_objectives.add_objective(coop.project, coop.roadmap_1, "Premier")
    second = roadmap_objectives.add_objective(coop.project, coop.roadmap_1, "Second")
    roadmap_objectives.move_objective(coop.project, coop.roadmap_1, second.id, -1)
    assert [o.id for o in roadmap.load(coop.project, coop.roadmap_1).objectives] == [second.id, first.id]


# Step 4: operational objectives -------------------------------------------------------------------------------
def test_operational_objectives_belong_to_a_shared_objective_and_can_move(coop: Cooperation) -> None:
    objective, operational, item = _plan(coop)
    other = roadmap_objectives.add_objective(coop.project, item, "Un autre objectif")
    with pytest.raises(NotFound):
        roadmap_objectives.add_operational(coop.project, item, 999, "Sous rien")
    roadmap_objectives.edit_operational(coop.project, item, operational, objective_id=other.id)
    state = roadmap.load(coop.project, item)
    assert state.operational_of(other.id)[0].id == operational and state.operational_of(objective) == []
    action = roadmap_actions.add_action(coop.project, item, operational, "Une action")
    with pytest.raises(ValidationError, match="operational_has_actions"):
        roadmap_objectives.remove_operational(coop.project, item, operational)
    tree = roadmap.plan(roadmap.load(coop.project, item))
    assert [(o.text, [(op.id, [a.id for a in acts]) for op, acts in below]) for o, below in tree] == [
        ("Rompre l'isolement", []),
        ("Un autre objectif", [(operational, [action.id])]),
    ]


# Step 5: actions, new or retained proposals (one item, not two) ---------------------------------------------------
def test_a_retained_proposal_becomes_one_action_whose_state_is_the_proposals(coop: Cooperation) -> None:
    project = coop.project
    _, operational, item = _plan(coop)
    pending = record_proposal(project, "Un minibus partagé", coop.b, workshop_id=coop.first)
    with pytest.raises(ValidationError, match="proposal_not_retained"):
        roadmap_actions.take_proposal(project, item, operational, pending.id)
    proposal_id = _retained(coop, "Un annuaire partagé")
    action = roadmap_actions.take_proposal(project, item, operational, proposal_id)
    assert (action.text, action.proposal_id) == ("Un annuaire partagé", proposal_id)
    with pytest.raises(ValidationError, match="proposal_taken"):
        roadmap_actions.take_proposal(project, item, operational, proposal_id)
    assert [p.id for p in roadmap_actions.available_proposals(project, roadmap.load(project, item))] == []
    # The tracker moves it on: the roadmap reads the same state.
    follow_up(project, proposal_id, status="in_progress", on="2027-02-01")
    followed = roadmap_follow.follow(roadmap.load(project, item).action(action.id), roadmap_follow.proposals_by_id(project), "2027-02-02")
    assert followed.status == "in_progress"
    # The roadmap moves it on: the tracker reads the same state, with its dated log.
    roadmap_actions.set_status(project, item, action.id, "done", on="2027-02-20")
    carried = proposal(project, proposal_id)
    assert carried.status == "done" and carried.status_on_day("2027-02-19") == "in_progress"
    assert roadmap.load(project, item).action(action.id).status == "to_do"  # nothing copied into the action
    # Dropping it through the roadmap needs a reason, as in the tracker.
    with pytest.raises(ValidationError):
        roadmap_actions.set_status(project, item, action.id, "dropped", on="2027-02-21")


def test_calendar_and_referent_of_a_carried_proposal_are_the_trackers(coop: Cooperation) -> None:
    project = coop.project
    _, operational, item = _plan(coop)
    proposal_id = _retained(coop, "Des achats groupés")
    action = roadmap_actions.take_proposal(project, item, operational, proposal_id)
    roadmap_actions.set_calendar(project, item, action.id, "02/2027", "06/2027", on="2027-01-10")
    roadmap_actions.set_referent(project, item, action.id, Referent.participant(coop.people["Bruno"]), on="2027-01-10")
    carried = proposal(project, proposal_id)
    assert (carried.due, carried.referent_participant_id) == ("2027-06-30", coop.people["Bruno"])
    followed = roadmap_follow.follow(roadmap.load(project, item).action(action.id), roadmap_follow.proposals_by_id(project), "2027-01-11")
    assert (followed.start, followed.end) == ("2027-02", "2027-06")  # the month the room typed, while the tracker agrees
    # The tracker's due date changes: the roadmap follows it.
    follow_up(project, proposal_id, due="2027-05-15")
    followed = roadmap_follow.follow(roadmap.load(project, item).action(action.id), roadmap_follow.proposals_by_id(project), "2027-01-11")
    assert followed.end == "2027-05-15"


def test_a_carried_proposal_no_longer_retained_shows_the_decision_and_cannot_be_followed_up(coop: Cooperation) -> None:
    project = coop.project
    _, operational, item = _plan(coop)
    proposal_id = _retained(coop, "Un poste partagé")
    action = roadmap_actions.take_proposal(project, item, operational, proposal_id)
    decide(project, proposal_id, "under_study", on="2027-01-20")
    followed = roadmap_follow.follow(roadmap.load(project, item).action(action.id), roadmap_follow.proposals_by_id(project), "2027-01-21")
    assert followed.status == "" and followed.decision == "under_study"
    assert roadmap_follow.state_label(followed) == "Proposition : À l'étude"
    with pytest.raises(ValidationError, match="proposal_not_retained"):
        roadmap_actions.set_status(project, item, action.id, "done")


def test_an_action_of_its_own_keeps_a_dated_log(coop: Cooperation) -> None:
    _, operational, item = _plan(coop)
    action = roadmap_actions.add_action(coop.project, item, operational, "Former les bénévoles")
    roadmap_actions.set_status(coop.project, item, action.id, "in_progress", on="2027-02-01")
    roadmap_actions.set_status(coop.project, item, action.id, "dropped", "Plus de formateur", on="2027-03-01")
    saved = roadmap.load(coop.project, item).action(action.id)
    by_id = roadmap_follow.proposals_by_id(coop.project)
    assert roadmap_follow.follow(saved, by_id, "2027-03-05", as_of="2027-01-31").status == "to_do"
    assert roadmap_follow.follow(saved, by_id, "2027-03-05", as_of="2027-02-15").status == "in_progress"
    dropped = roadmap_follow.follow(saved, by_id, "2027-03-05")
    assert (dropped.status, dropped.reason) == ("dropped", "Plus de formateur")


def test_pilot_subjects_come_first(coop: Cooperation) -> None:
    _, operational, item = _plan(coop)
    first = roadmap_actions.add_action(coop.project, item, operational, "Première")
    second = roadmap_actions.add_action(coop.project, item, operational, "Seconde")
    roadmap_actions.set_pilot(coop.project, item, second.id, True)
    assert [a.id for a in roadmap.load(coop.project, item).ordered_actions()] == [second.id, first.id]


def test_an_action_is_a_row_of_the_matrix(coop: Cooperation) -> None:
    project = coop.project
    _, operational, item = _plan(coop)
    proposal_id = _retained(coop, "Un accueil commun")
    matrix.import_proposals(project, coop.matrix_item)
    row = next(r for r in matrix.load(project, coop.matrix_item).actions if r.source_id == proposal_id)
    matrix.set_role(project, coop.matrix_item, row.id, coop.b, "pilot")
    # Taking the proposal finds its matrix row, and the row's pilot.
    action = roadmap_actions.take_proposal(project, item, operational, proposal_id)
    assert (action.matrix_item_id, action.matrix_action_id) == (coop.matrix_item, row.id)
    assert roadmap_actions.matrix_row_of(project, action).pilot == "Foyer Bellevue"
    # A new action is added to this workshop's matrix, and linked.
    other = roadmap_actions.add_action(project, item, operational, "Une permanence")
    linked = roadmap_actions.add_to_matrix(project, item, other.id)
    assert matrix.load(project, coop.matrix_item).action(linked.matrix_action_id).label == "Une permanence"
    with pytest.raises(ValidationError, match="already_in_matrix"):
        roadmap_actions.add_to_matrix(project, item, other.id)
    roadmap_actions.link_matrix_row(project, item, other.id, 0, 0)
    assert roadmap.load(project, item).action(other.id).matrix_item_id == 0
    with pytest.raises(ValidationError, match="no_matrix_row"):
        roadmap_actions.link_matrix_row(project, item, other.id, coop.matrix_item, 999)


def test_the_means_noted_in_the_matrix_become_the_actions_resources(coop: Cooperation) -> None:
    project = coop.project
    _, operational, item = _plan(coop)
    action = roadmap_actions.add_action(project, item, operational, "Une permanence commune")
    with pytest.raises(ValidationError, match="not_in_matrix"):
        roadmap_actions.take_matrix_means(project, item, action.id)
    linked = roadmap_actions.add_to_matrix(project, item, action.id)
    matrix.set_role(project, coop.matrix_item, linked.matrix_action_id, coop.a, "pilot")
    matrix.set_role(project, coop.matrix_item, linked.matrix_action_id, coop.b, "contributor")
    matrix.set_means(project, coop.matrix_item, linked.matrix_action_id, coop.a, ["staff_time", "premises"])
    matrix.set_means(project, coop.matrix_item, linked.matrix_action_id, coop.b, ["money"])
    roadmap_actions.add_resource(project, item, action.id, "money", coop.b, "3000", "déjà chiffré")
    assert roadmap_actions.take_matrix_means(project, item, action.id) == 2
    assert roadmap_actions.take_matrix_means(project, item, action.id) == 0
    resources = roadmap.load(project, item).action(action.id).resources
    assert [(m.kind, m.structure_id, m.amount) for m in resources] == [
        ("money", coop.b, 3000.0),
        ("staff_time", coop.a, None),
        ("premises", coop.a, None),
    ]


def test_only_this_workshops_matrix_gets_new_rows(coop: Cooperation) -> None:
    _, operational, item = _plan(coop, coop.roadmap_2)
    action = roadmap_actions.add_action(coop.project, item, operational, "En mars")
    with pytest.raises(ValidationError, match="no_matrix_here"):
        roadmap_actions.add_to_matrix(coop.project, item, action.id)
    # Earlier workshops' rows can still be linked to.
    row = matrix.add_action(coop.project, coop.matrix_item, "Une ligne de janvier")
    assert [r.label for r in roadmap_actions.matrix_rows(coop.project, coop.second)] == ["Une ligne de janvier"]
    roadmap_actions.link_matrix_row(coop.project, item, action.id, coop.matrix_item, row.id)


# Steps 6 to 8: skills, resources and means, external partners -----------------------------------------------
def test_skills_resources_and_partners(coop: Cooperation) -> None:
    project = coop.project
    _, operational, item = _plan(coop)
    action = roadmap_actions.add_action(project, item, operational, "Aménager le jardin")
    roadmap_actions.set_skills(project, item, action.id, TRICKY)
    roadmap_actions.add_resource(project, item, action.id, "money", coop.a, "12 000 €", "bacs et allées")
    roadmap_actions.add_resource(project, item, action.id, "staff_time", coop.b, "2,5", "")
    roadmap_actions.add_resource(project, item, action.id, "premises", coop.c, "", "le terrain")
    with pytest.raises(ValidationError, match="amount"):
        roadmap_actions.add_resource(project, item, action.id, "money", coop.a, "beaucoup", "")
    with pytest.raises(ValidationError, match="means_empty"):
        roadmap_actions.add_resource(project, item, action.id, "money", coop.a, "", "  ")
    roadmap_actions.edit_resource(project, item, action.id, 1, "staff_time", coop.b, "3", "animation")
    roadmap_actions.remove_resource(project, item, action.id, 2)
    with pytest.raises(ValidationError, match="partner_is_member"):
        roadmap_actions.set_partners(project, item, action.id, [coop.b])
    roadmap_actions.set_partners(project, item, action.id, [coop.external])
    roadmap_actions.add_partner(project, item, action.id, "CAF de l'Essonne")
    saved = roadmap.load(project, item).action(action.id)
    assert saved.skills == TRICKY
    assert [(m.kind, m.structure_id, m.amount, m.text) for m in saved.resources] == [
        ("money", coop.a, 12000.0, "bacs et allées"),
        ("staff_time", coop.b, 3.0, "animation"),
    ]
    caf = next(s for s in project.structures() if s.name == "CAF de l'Essonne")
    assert not caf.member and saved.partner_ids == [coop.external, caf.id]


# Step 9: calendar and referent -----------------------------------------------------------------------------
def test_calendar_accepts_a_day_a_month_or_a_year_and_refuses_an_end_before_the_start(coop: Cooperation) -> None:
    _, operational, item = _plan(coop)
    action = roadmap_actions.add_action(coop.project, item, operational, "Bilan")
    roadmap_actions.set_calendar(coop.project, item, action.id, "15/03/2027", "2027")
    assert (roadmap.load(coop.project, item).action(action.id).start, roadmap.load(coop.project, item).action(action.id).end) == ("2027-03-15", "2027")
    with pytest.raises(ValidationError, match="end_before_start"):
        roadmap_actions.set_calendar(coop.project, item, action.id, "06/2027", "03/2027")
    with pytest.raises(ValidationError, match="roadmap.error.start"):
        roadmap_actions.set_calendar(coop.project, item, action.id, "bientôt", "")
    roadmap_actions.set_referent(coop.project, item, action.id, Referent.structure(coop.c))
    assert roadmap.load(coop.project, item).action(action.id).referent_structure_id == coop.c


def test_an_action_ending_in_a_month_is_late_only_once_the_month_is_over(coop: Cooperation) -> None:
    _, operational, item = _plan(coop)
    action = roadmap_actions.add_action(coop.project, item, operational, "Fin mars")
    roadmap_actions.set_calendar(coop.project, item, action.id, "", "03/2027")
    saved = roadmap.load(coop.project, item).action(action.id)
    by_id = roadmap_follow.proposals_by_id(coop.project)
    assert not roadmap_follow.follow(saved, by_id, "2027-03-31").late
    assert roadmap_follow.follow(saved, by_id, "2027-04-01").late
    roadmap_actions.set_status(coop.project, item, action.id, "done", on="2027-04-01")
    assert not roadmap_follow.follow(roadmap.load(coop.project, item).action(action.id), by_id, "2027-04-02").late


# Milestones --------------------------------------------------------------------------------------------------
def test_milestones_have_a_date_and_actors_and_are_kept_in_date_order(coop: Cooperation) -> None:
    late = roadmap_actions.add_milestone(coop.project, coop.roadmap_1, "Bilan", "12/2027", [coop.a, coop.external])
    early = roadmap_actions.add_milestone(coop.project, coop.roadmap_1, "Lancement", "15/02/2027", [coop.b])
    with pytest.raises(ValidationError, match="milestone_needs_date"):
        roadmap_actions.add_milestone(coop.project, coop.roadmap_1, "Sans date", "")
    state = roadmap.load(coop.project, coop.roadmap_1)
    assert [m.id for m in state.milestones] == [early.id, late.id]
    assert state.milestone(late.id).structure_ids == [coop.a, coop.external]
    roadmap_actions.edit_milestone(coop.project, coop.roadmap_1, late.id, "Bilan", "01/2027", [])
    assert [m.id for m in roadmap.load(coop.project, coop.roadmap_1).milestones] == [late.id, early.id]


# Steps can be visited again -------------------------------------------------------------------------------------
def test_any_step_can_be_visited_in_any_order(coop: Cooperation) -> None:
    for step in (Step.TIMELINE, Step.STAKES, Step.CALENDAR, Step.SHARED):
        assert roadmap.set_step(coop.project, coop.roadmap_1, step).step == step.value


# Followed from workshop to workshop -----------------------------------------------------------------------------
def test_a_later_roadmap_starts_from_the_earlier_one_which_stays_as_it_was(coop: Cooperation) -> None:
    project = coop.project
    _, operational, _ = _plan(coop)
    action = roadmap_actions.add_action(project, coop.roadmap_1, operational, "Action de janvier")
    carried = roadmap.load(project, coop.roadmap_2)
    assert carried.carried_from == coop.roadmap_1 and carried.step == Step.TIMELINE
    assert [a.text for a in carried.actions] == ["Action de janvier"]
    assert project.store.table(roadmap.TABLE).get(doc_id=coop.roadmap_2) is None  # nothing written by reading
    roadmap_actions.set_status(project, coop.roadmap_2, action.id, "done", on="2027-03-10")
    roadmap_actions.edit_action(project, coop.roadmap_2, action.id, text="Action de janvier, faite")
    january = roadmap.load(project, coop.roadmap_1).action(action.id)
    assert (january.text, january.status) == ("Action de janvier", "to_do")
    assert roadmap.latest(project, coop.first).action(action.id).status == "to_do"
    assert roadmap.latest(project, coop.second).action(action.id).status == "done"


def test_the_next_workshop_sees_what_fell_due_and_what_is_late(coop: Cooperation) -> None:
    project = coop.project
    _, operational, item = _plan(coop)
    done = roadmap_actions.add_action(project, item, operational, "Faite à temps")
    late = roadmap_actions.add_action(project, item, operational, "En retard")
    later = roadmap_actions.add_action(project, item, operational, "Pour l'été")
    older = roadmap_actions.add_action(project, item, operational, "Due avant janvier, toujours ouverte")
    closed = roadmap_actions.add_action(project, item, operational, "Due avant janvier, faite")
    roadmap_actions.set_calendar(project, item, done.id, "", "02/2027")
    roadmap_actions.set_calendar(project, item, late.id, "", "2027-02-15")
    roadmap_actions.set_calendar(project, item, later.id, "", "07/2027")
    roadmap_actions.set_calendar(project, item, older.id, "", "12/2026")
    roadmap_actions.set_calendar(project, item, closed.id, "", "12/2026")
    roadmap_actions.set_status(project, item, done.id, "done", on="2027-02-20")
    roadmap_actions.set_status(project, item, closed.id, "done", on="2026-12-20")
    state = roadmap.load(project, coop.roadmap_2)
    second = project.workshop(coop.second)
    assert [(a.text, f.late) for a, f in roadmap_follow.due_by(project, state, second, "2027-03-10")] == [
        ("Due avant janvier, toujours ouverte", True),
        ("En retard", True),
        ("Faite à temps", False),
    ]
    assert [a.text for a, _ in roadmap_follow.late(project, state, "2027-03-10")] == ["En retard", "Due avant janvier, toujours ouverte"]


def test_action_rows_as_of_a_day_for_the_synthesis_and_the_convention(coop: Cooperation) -> None:
    project = coop.project
    _, operational, item = _plan(coop)
    proposal_id = _retained(coop, "Un minibus partagé")
    carried = roadmap_actions.take_proposal(project, item, operational, proposal_id)
    own = roadmap_actions.add_action(project, item, operational, TRICKY)
    roadmap_actions.set_pilot(project, item, own.id, True)
    roadmap_actions.set_referent(project, item, own.id, Referent.participant(coop.people["Chloé"]))
    roadmap_actions.set_calendar(project, item, own.id, "", "02/2027")
    roadmap_actions.set_referent(project, item, carried.id, Referent.structure(coop.b), on="2027-01-10")
    roadmap_actions.set_calendar(project, item, carried.id, "", "2027-04-30", on="2027-01-10")
    follow_up(project, proposal_id, status="in_progress", on="2027-02-01")
    rows = roadmap_follow.action_rows(project, "2027-01-20")
    assert [(r.what, r.who, r.structure, r.by_when, r.state, r.late, r.pilot, r.proposal_id) for r in rows] == [
        (TRICKY, "Chloé Sow", TRICKY, "02/2027", "À faire", False, True, 0),
        ("Un minibus partagé", "Foyer Bellevue", "Foyer Bellevue", "30/04/2027", "À faire", False, False, proposal_id),
    ]
    later = roadmap_follow.action_rows(project, "2027-03-05")
    assert [(r.state, r.late) for r in later] == [("À faire (en retard)", True), ("En cours", False)]
    # As the roadmap stood at the end of a workshop, whatever was done in a later one.
    roadmap_actions.set_status(project, coop.roadmap_2, own.id, "done", on="2027-03-10")
    assert roadmap_follow.action_rows(project, "2027-03-10", workshop_id=coop.first)[0].state == "À faire (en retard)"
    assert roadmap_follow.action_rows(project, "2027-03-10", workshop_id=coop.second)[0].state == "Mise en œuvre"
    assert roadmap_follow.action_rows(project, "2026-12-31") == []


# Guard -------------------------------------------------------------------------------------------------------------
def test_a_structure_named_in_the_roadmap_is_not_removed_silently(coop: Cooperation) -> None:
    roadmap.add_stake(coop.project, coop.roadmap_1, coop.c, "Un enjeu")
    coop.project.remove_participant(coop.people["Chloé"])
    with pytest.raises(ValidationError, match="structure_in_roadmap"):
        coop.project.remove_structure(coop.c)
    _, operational, item = _plan(coop)
    action = roadmap_actions.add_action(coop.project, item, operational, "Avec un partenaire")
    roadmap_actions.set_partners(coop.project, item, action.id, [coop.external])
    coop.project.remove_participant(coop.people["Xavier"])
    with pytest.raises(ValidationError, match="structure_in_roadmap"):
        coop.project.remove_structure(coop.external)


def test_a_removed_round_does_not_lose_the_stakes_collected_nor_break_collecting(coop: Cooperation) -> None:
    from workshop.rounds import remove_round

    round_id = _stakes_round(coop, coop.roadmap_1, {coop.a: ["Un enjeu"]})
    roadmap.collect_stakes(coop.project, coop.roadmap_1, round_id)
    remove_round(coop.project, round_id)
    forgotten = _stakes_round(coop, coop.roadmap_1, {coop.b: ["Jamais recueilli"]})
    remove_round(coop.project, forgotten)
    state = roadmap.collect_stakes(coop.project, coop.roadmap_1)
    assert [s.text for s in state.stakes] == ["Un enjeu"]
    assert roadmap.running_stakes_round(coop.project, coop.roadmap_1) is None
