"""The fairness balance (exercises/fairness.py): what each brings and gains, the felt
balance by a scale round (secret by default), adjustments, history across workshops."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from exercises import apt, fairness, fairness_sides, roadmap, roadmap_actions, roadmap_objectives
from exercises.fairness import Step
from tests.roadmap_project import TRICKY, Cooperation, build
from workshop.errors import ValidationError
from workshop.proposals import proposal
from workshop.rounds import RoundMode, ballots, cast, get_round, results, skip


@pytest.fixture
def coop(tmp_path: Path) -> Iterator[Cooperation]:
    built = build(tmp_path / "coop.atelier")
    with built.project:
        yield built


def _felt(coop: Cooperation, item_id: int, ratings: dict[int, int], secret: bool = True) -> fairness.FairnessState:
    """The felt-balance round, each structure present rating as given (absent ones skipped)."""
    started = fairness.start_felt_round(coop.project, item_id, secret=secret)
    for voter in started.voters:
        if voter in ratings:
            cast(coop.project, started.id, voter, ratings[voter])
        else:
            skip(coop.project, started.id, voter)
    return fairness.record_felt_round(coop.project, item_id, now=10.0)


# Steps 1 and 2: what each brings, what each gains ---------------------------------------------------
def test_what_a_structure_brings_is_quantified_where_possible(coop: Cooperation) -> None:
    money = fairness_sides.add_brought(coop.project, coop.fairness_1, coop.a, "money", "12 000", "subvention de fonctionnement")
    days = fairness_sides.add_brought(coop.project, coop.fairness_1, coop.a, "staff_time", "2,5", "")
    words = fairness_sides.add_brought(coop.project, coop.fairness_1, coop.b, "premises", "", TRICKY)
    assert (money.amount, days.amount, words.amount, words.text) == (12000.0, 2.5, None, TRICKY)
    with pytest.raises(ValidationError, match="brought_empty"):
        fairness_sides.add_brought(coop.project, coop.fairness_1, coop.b, "contacts", "", " ")
    with pytest.raises(ValidationError, match="means.error.kind"):
        fairness_sides.add_brought(coop.project, coop.fairness_1, coop.b, "gold", "1", "")
    fairness_sides.edit_brought(coop.project, coop.fairness_1, days.id, coop.b, "staff_time", "3", "accueil")
    state = fairness_sides.remove_brought(coop.project, coop.fairness_1, money.id)
    assert [(b.structure_id, b.kind, b.amount, b.text) for b in state.brought] == [
        (coop.b, "staff_time", 3.0, "accueil"),
        (coop.b, "premises", None, TRICKY),
    ]


def test_what_the_roadmap_gets_from_each_structure_is_taken_up_once(coop: Cooperation) -> None:
    objective = roadmap_objectives.add_objective(coop.project, coop.roadmap_1, "Objectif")
    operational = roadmap_objectives.add_operational(coop.project, coop.roadmap_1, objective.id, "Op")
    action = roadmap_actions.add_action(coop.project, coop.roadmap_1, operational.id, "Aménager le jardin")
    roadmap_actions.add_resource(coop.project, coop.roadmap_1, action.id, "money", coop.c, "8000", "bacs")
    roadmap_actions.add_resource(coop.project, coop.roadmap_1, action.id, "premises", 0, "", "un terrain, apporteur inconnu")
    assert fairness_sides.import_brought(coop.project, coop.fairness_1) == 1
    assert fairness_sides.import_brought(coop.project, coop.fairness_1) == 0
    (entry,) = fairness.load(coop.project, coop.fairness_1).brought
    assert (entry.structure_id, entry.kind, entry.amount) == (coop.c, "money", 8000.0)
    assert entry.text == "bacs — pour « Aménager le jardin »"


def test_benefits_are_taken_up_from_apt_attractions_and_roadmap_stakes(coop: Cooperation) -> None:
    grid = apt.use_structures(coop.project, coop.apt_item)
    group_of = {g.structure_id: g.id for g in grid.groups}
    apt.add_item(coop.project, coop.apt_item, group_of[coop.a], "attraction", "Peser face aux financeurs")
    apt.add_item(coop.project, coop.apt_item, group_of[coop.b], "fear", "Perdre notre identité")
    roadmap.add_stake(coop.project, coop.roadmap_1, coop.b, "Ouvrir le foyer sur le quartier")
    assert fairness_sides.import_benefits(coop.project, coop.fairness_1) == 2
    assert fairness_sides.import_benefits(coop.project, coop.fairness_1) == 0
    found = sorted((b.structure_id, b.text, b.source) for b in fairness.load(coop.project, coop.fairness_1).benefits)
    assert found == [(coop.a, "Peser face aux financeurs", "apt"), (coop.b, "Ouvrir le foyer sur le quartier", "stake")]
    typed = fairness_sides.add_benefit(coop.project, coop.fairness_1, coop.c, TRICKY)
    fairness_sides.edit_benefit(coop.project, coop.fairness_1, typed.id, "Des usagers mieux accompagnés")
    assert fairness.load(coop.project, coop.fairness_1).benefit(typed.id).source == "typed"


def test_benefits_are_taken_up_from_the_stakeholders_sheets(coop: Cooperation) -> None:
    from exercises import stakeholders, stakeholders_sheet

    item = coop.project.add_agenda_item(coop.first, "stakeholders", "Qui mobiliser").id
    stakeholders.import_structures(coop.project, item)
    state = stakeholders.load(coop.project, item)
    foyer = next(s for s in state.stakeholders if s.structure_id == coop.b)
    structures = stakeholders.structures_by_id(coop.project)
    sheet = stakeholders_sheet.Sheet.of(foyer, structures)
    stakeholders_sheet.describe(
        coop.project, item, foyer.id, stakeholders_sheet.Sheet(sheet.name, sheet.kind, stakes="Garder ses résidents actifs", gains=TRICKY)
    )
    assert fairness_sides.import_benefits(coop.project, coop.fairness_1) == 2
    found = sorted((b.structure_id, b.text, b.source) for b in fairness.load(coop.project, coop.fairness_1).benefits)
    assert found == sorted([(coop.b, TRICKY, "stakeholder"), (coop.b, "Garder ses résidents actifs", "stakeholder")])
    assert fairness_sides.import_benefits(coop.project, coop.fairness_1) == 0


# Step 3: the felt balance, a scale round by structure, secret by default -----------------------------------
def test_a_secret_round_says_how_many_feel_it_unfair_not_which(coop: Cooperation) -> None:
    started = fairness.start_felt_round(coop.project, coop.fairness_1)
    assert started.spec.secret and started.spec.by_structure and started.spec.mode is RoundMode.SCALE
    assert sorted(started.voters) == sorted([coop.a, coop.b, coop.c, coop.external])
    state = _felt(coop, coop.fairness_1, {coop.a: 4, coop.b: 2, coop.c: 1}, secret=True)
    check = state.check
    assert check.counts == {"1": 1, "2": 1, "3": 0, "4": 1, "5": 0}
    assert check.mean == pytest.approx(7 / 3, abs=0.01) and check.answered == 3 and check.voters == 4
    assert check.ratings == {} and fairness.unfair_count(check) == 2
    assert sorted(check.took_part) == sorted([coop.a, coop.b, coop.c])
    # Nobody is named: no structure is flagged until it says so.
    assert [b.flagged for b in fairness.balances(coop.project, state)] == [False, False, False]
    assert all(b.get("structure_id") is None and "voter" not in b for b in ballots(coop.project, check.round_id))
    fairness.declare(coop.project, coop.fairness_1, coop.b, 2)
    state = fairness.load(coop.project, coop.fairness_1)
    assert state.flagged(coop.b) and state.rating(coop.b) == (2, True)
    assert state.kept_secret(coop.a) and not state.kept_secret(coop.b) and not state.kept_secret(coop.external)


def test_an_open_round_names_each_structures_rating(coop: Cooperation) -> None:
    state = _felt(coop, coop.fairness_1, {coop.a: 5, coop.b: 2, coop.c: 3}, secret=False)
    assert state.check.ratings == {str(coop.a): 5, str(coop.b): 2, str(coop.c): 3}
    # In the project's order of structures (members, by name: the bracketed name first).
    assert [(b.structure_id, b.rating, b.flagged) for b in fairness.balances(coop.project, state)] == [
        (coop.c, 3, False),
        (coop.b, 2, True),
        (coop.a, 5, False),
    ]
    # What a structure says afterwards wins over the round.
    fairness.declare(coop.project, coop.fairness_1, coop.b, 4)
    assert not fairness.load(coop.project, coop.fairness_1).flagged(coop.b)
    fairness.declare(coop.project, coop.fairness_1, coop.b, None)
    assert fairness.load(coop.project, coop.fairness_1).rating(coop.b) == (2, False)
    with pytest.raises(ValidationError, match="rating"):
        fairness.declare(coop.project, coop.fairness_1, coop.b, 6)


def test_a_round_still_going_is_not_recorded(coop: Cooperation) -> None:
    started = fairness.start_felt_round(coop.project, coop.fairness_1)
    cast(coop.project, started.id, started.voters[0], 3)
    state = fairness.record_felt_round(coop.project, coop.fairness_1)
    assert not state.check.recorded and state.check.counts == {}
    assert not get_round(coop.project, started.id).done
    with pytest.raises(ValidationError, match="no_round"):
        fairness.record_felt_round(coop.project, coop.fairness_2)


def test_the_published_results_are_the_engines(coop: Cooperation) -> None:
    state = _felt(coop, coop.fairness_1, {coop.a: 4, coop.b: 4, coop.c: 5}, secret=True)
    outcome = results(coop.project, state.check.round_id)
    assert outcome.mean == state.check.mean and outcome.per_structure == []


# Step 4: adjustments, which can become proposals --------------------------------------------------------------
def test_adjustments_for_a_structure_that_feels_it_unfair_become_proposals(coop: Cooperation) -> None:
    _felt(coop, coop.fairness_1, {coop.a: 4, coop.b: 1, coop.c: 3}, secret=False)
    entry = fairness.add_adjustment(coop.project, coop.fairness_1, coop.b, "Défrayer le foyer pour le minibus")
    proposal_id = fairness.propose_adjustment(coop.project, coop.fairness_1, entry.id)
    made = proposal(coop.project, proposal_id)
    assert (made.text, made.structure_id, made.source, made.item_id) == ("Défrayer le foyer pour le minibus", coop.b, "fairness", coop.fairness_1)
    assert fairness.load(coop.project, coop.fairness_1).adjustment(entry.id).proposal_id == proposal_id
    with pytest.raises(ValidationError, match="already_proposed"):
        fairness.propose_adjustment(coop.project, coop.fairness_1, entry.id)
    balance = next(b for b in fairness.balances(coop.project, fairness.load(coop.project, coop.fairness_1)) if b.structure_id == coop.b)
    assert balance.flagged and [a.id for a in balance.adjustments] == [entry.id]


# Step 5: history, check after check ----------------------------------------------------------------------------
def test_a_later_check_carries_what_is_brought_and_asks_the_felt_balance_again(coop: Cooperation) -> None:
    fairness_sides.add_brought(coop.project, coop.fairness_1, coop.a, "money", "5000", "")
    fairness.add_adjustment(coop.project, coop.fairness_1, coop.b, "Alterner le lieu des réunions")
    _felt(coop, coop.fairness_1, {coop.a: 4, coop.b: 2, coop.c: 3}, secret=False)
    carried = fairness.load(coop.project, coop.fairness_2)
    assert carried.carried_from == coop.fairness_1 and carried.step == Step.FELT
    assert [b.amount for b in carried.brought] == [5000.0] and carried.check is None and carried.declared == {}
    assert [a.item_id for a in carried.adjustments] == [coop.fairness_1]
    assert coop.project.store.table(fairness.TABLE).get(doc_id=coop.fairness_2) is None


def test_history_shows_how_each_structures_felt_balance_evolved(coop: Cooperation) -> None:
    _felt(coop, coop.fairness_1, {coop.a: 4, coop.b: 2, coop.c: 3}, secret=False)
    _felt(coop, coop.fairness_2, {coop.a: 4, coop.b: 4, coop.c: 1}, secret=True)
    fairness.declare(coop.project, coop.fairness_2, coop.c, 1)
    january = fairness.history(coop.project, coop.first)
    assert [(p.item_id, p.date) for p in january] == [(coop.fairness_1, "2027-01-10")]
    points = fairness.history(coop.project, coop.second)
    assert [(p.title, p.secret, p.unfair, p.answered) for p in points] == [("Atelier de janvier", False, 1, 3), ("Atelier de mars", True, 1, 3)]
    assert points[0].ratings == {coop.a: (4, False), coop.b: (2, False), coop.c: (3, False)}
    assert points[1].ratings == {coop.c: (1, True)} and points[1].kept_secret == {coop.a, coop.b}
    assert points[0].mean == pytest.approx(3.0) and points[1].mean == pytest.approx(3.0)
    # The convention and the synthesis read the balance as it stood at the end of a workshop.
    assert [b.rating for b in fairness.balance_of(coop.project, coop.first) if b.structure_id == coop.c] == [3]
    assert [b.rating for b in fairness.balance_of(coop.project, coop.second) if b.structure_id == coop.c] == [1]


def test_a_structure_named_in_a_balance_is_not_removed_silently(coop: Cooperation) -> None:
    fairness_sides.add_benefit(coop.project, coop.fairness_1, coop.external, "Des actions qui se mesurent")
    coop.project.remove_participant(coop.people["Xavier"])
    with pytest.raises(ValidationError, match="structure_in_balance"):
        coop.project.remove_structure(coop.external)
