"""The figures a facilitator announces after a round (`workshop.rounds.tally`): totals
and shares per option in ranking order, the consent outcome, the mean of a scale,
who took part, and the breakdown per structure (withheld where it would reveal a
secret vote).

The room: Zèbre (3 people: Zack, Zia, Zoé), Abeille (2: Albert, Alice) and
Moulin (1: Marc). Structures are listed by name, so the project's order
(Abeille, Moulin, Zèbre) is the reverse of their ids' order for Zèbre. Every
expected figure is worked out by hand in the comments.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.rounds_room import seat_people
from workshop.project import Project
from workshop.rounds import (
    RoundMode,
    RoundSpec,
    cast,
    close_round,
    contribute,
    finish_turn,
    get_round,
    option_labels,
    results,
    skip,
    start_round,
)


@pytest.fixture
def room(project: Project) -> dict[str, Any]:
    structures, people = seat_people(project)
    workshop = project.add_workshop("Atelier")
    item = project.add_agenda_item(workshop.id, "free", "Point libre")
    return {"w": workshop.id, "i": item.id, "s": structures, "p": people}


def start(project: Project, room: dict[str, Any], mode: RoundMode, **settings: Any) -> int:
    spec = RoundSpec(settings.pop("question", "Quel choix ?"), mode, **settings)
    return start_round(project, room["w"], room["i"], spec).id


def vote(project: Project, room: dict[str, Any], round_id: int, ballots: dict[str, Any]) -> None:
    for name, choice in ballots.items():
        cast(project, round_id, room["p"][name], choice)


def figures(round_id: int, project: Project) -> list[tuple[str, Any, float]]:
    return [(o.label, o.value, o.count) for o in results(project, round_id).options]


def store(project: Project, round_id: int, **fields: Any) -> None:
    """Write parts of a round as an older version of Atelier (or a hand edit) left them."""
    project.store.table("rounds").update(fields, doc_ids=[round_id])


# Options and their labels ----------------------------------------------------------------------
def test_every_mode_lists_its_options_in_its_own_order() -> None:
    assert option_labels(RoundSpec("Q ?", RoundMode.SCALE)) == [
        (1, "1 · Pas du tout"), (2, "2 · Plutôt pas"), (3, "3 · Mitigé"), (4, "4 · Plutôt oui"), (5, "5 · Tout à fait"),
    ]
    assert option_labels(RoundSpec("Q ?", RoundMode.CONSENT)) == [
        ("agree", "D'accord"), ("reservation", "Je peux vivre avec (réserve)"), ("objection", "Objection"), ("abstain", "Abstention"),
    ]
    assert option_labels(RoundSpec("Q ?", RoundMode.SINGLE, options=["Lyon", "Nantes"])) == [(0, "Lyon"), (1, "Nantes")]
    assert option_labels(RoundSpec("Q ?", "dot", options=["Lyon", "Nantes"])) == [(0, "Lyon"), (1, "Nantes")]


# Totals, shares, ranking ------------------------------------------------------------------------
def test_a_dot_vote_ranks_options_by_points_with_their_share_and_key(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.DOT, options=["Lyon", "Nantes", "Brest"], budget=3, cap=2)
    vote(project, room, rid, {
        "Albert": [2, 1, 0], "Alice": [0, 1, 2], "Marc": [1, 0, 2], "Zack": [0, 0, 0], "Zia": [1, 1, 1], "Zoé": [0, 2, 1],
    })
    result = results(project, rid)
    # Lyon 2+1+1 = 4, Nantes 1+1+1+2 = 5, Brest 2+2+1+1 = 6: 15 points
    assert [(o.label, o.value, o.count, o.key) for o in result.options] == [
        ("Brest", 2, 6, "3"), ("Nantes", 1, 5, "2"), ("Lyon", 0, 4, "1"),
    ]
    assert [o.share for o in result.options] == pytest.approx([6 / 15, 5 / 15, 4 / 15])
    assert all(type(o.count) is int for o in result.options)  # whole points are said without decimals
    assert (result.budget, result.cap, result.ballots, result.blank, result.voters) == (3, 2, 6, 0, 6)


def test_options_with_as_many_votes_keep_their_own_order(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.SINGLE, options=["Aube", "Bise", "Cap", "Dune"])
    vote(project, room, rid, {"Albert": 3, "Alice": 1, "Marc": 3, "Zack": 1, "Zia": 0})
    # Bise 2, Dune 2 (Bise comes first in the options), Aube 1, Cap 0
    assert [(label, count) for label, _, count in figures(rid, project)] == [("Bise", 2), ("Dune", 2), ("Aube", 1), ("Cap", 0)]
    assert [o.key for o in results(project, rid).options] == ["2", "4", "1", "3"]


def test_the_thirty_fifth_option_is_picked_with_z(project: Project, room: dict[str, Any]) -> None:
    options = [f"Option {n}" for n in range(1, 36)]
    rid = start(project, room, RoundMode.SINGLE, options=options)
    vote(project, room, rid, {"Albert": 34})
    first = results(project, rid).options[0]
    assert (first.label, first.key, first.count, first.share) == ("Option 35", "z", 1, 1.0)


def test_blank_ballots_count_as_ballots_but_give_no_share(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.SINGLE, options=["Oui", "Non"])
    vote(project, room, rid, {"Albert": None, "Alice": None})
    result = results(project, rid)
    assert (result.ballots, result.blank) == (2, 2)
    assert [(o.label, o.count, o.share) for o in result.options] == [("Oui", 0, 0.0), ("Non", 0, 0.0)]


# One structure, one voice -------------------------------------------------------------------------
WEIGHED = {"Zack": 0, "Zia": 0, "Zoé": 1, "Albert": 0, "Alice": 1, "Marc": 1}
# Zèbre: x 2/3, y 1/3; Abeille: x 1/2, y 1/2; Moulin: y 1. x = 7/6, y = 11/6, total 3.


@pytest.mark.parametrize("secret", [False, True], ids=["open", "secret"])
def test_each_structure_weighs_one_voice(project: Project, room: dict[str, Any], secret: bool) -> None:
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"], one_structure_one_voice=True, secret=secret)
    vote(project, room, rid, WEIGHED)
    result = results(project, rid)
    assert result.weighted
    assert [(o.label, o.count) for o in result.options] == [("y", 1.833333), ("x", 1.166667)]
    assert [o.share for o in result.options] == pytest.approx([11 / 18, 7 / 18])


def test_a_structure_s_ballots_adding_to_a_whole_number_are_said_whole(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"], one_structure_one_voice=True)
    vote(project, room, rid, {"Zack": 1, "Zia": 1, "Zoé": 1, "Albert": 0})  # 1/3 + 1/3 + 1/3 = 1
    assert [(label, count) for label, _, count in figures(rid, project)] == [("x", 1), ("y", 1)]
    assert all(type(count) is int for _, _, count in figures(rid, project))


def test_a_round_by_structure_is_never_weighted(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"], by_structure=True, one_structure_one_voice=True)
    for voter, choice in zip(get_round(project, rid).voters, (0, 0, 1), strict=True):
        cast(project, rid, voter, choice)
    result = results(project, rid)
    assert not result.weighted and result.by_structure
    assert [(o.label, o.count) for o in result.options] == [("x", 2), ("y", 1)]


def test_contributions_are_not_weighted_nor_counted_as_votes(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.CONTRIBUTION, one_structure_one_voice=True)
    albert = room["p"]["Albert"]
    contribute(project, rid, albert, "Une idée")
    contribute(project, rid, albert, "Une autre")
    finish_turn(project, rid, albert)
    result = results(project, rid)
    assert not result.weighted
    assert (result.contributions, result.options, result.passed, result.mean) == (2, [], None, None)
    assert result.participants == [albert]


def secret_weighted_round(project: Project, room: dict[str, Any], ballots: list[dict[str, Any]], **doc: Any) -> int:
    """A finished secret weighted round as stored: x/y, everyone has voted."""
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"], one_structure_one_voice=True, secret=True)
    turns = {str(voter): "taken" for voter in get_round(project, rid).voters}
    store(project, rid, ballots=[{"reason": "", **b} for b in ballots], turns=turns, **doc)
    if "pooled" not in doc:
        project.store.table("rounds").update(lambda stored: stored.pop("pooled", None), doc_ids=[rid])
    return rid


def test_an_untagged_ballot_of_an_older_round_weighs_one(project: Project, room: dict[str, Any]) -> None:
    z = room["s"]["Zèbre"]
    ballots = [{"choice": 0, "structure_id": z}, {"choice": 0, "structure_id": z}, {"choice": 1, "structure_id": z}]
    rid = secret_weighted_round(project, room, [*ballots, {"choice": 1, "structure_id": None}])
    # no pooled sum (saved before batches): the untagged ballot is a structure of its own
    assert [(label, count) for label, _, count in figures(rid, project)] == [("y", 1.333333), ("x", 0.666667)]


def test_untagged_ballots_weigh_through_the_pooled_sum(project: Project, room: dict[str, Any]) -> None:
    z = room["s"]["Zèbre"]
    ballots = [{"choice": 0, "structure_id": z}, {"choice": 0, "structure_id": z}, {"choice": 1, "structure_id": z}]
    untagged = [{"choice": 1, "structure_id": None}, {"choice": 0, "structure_id": None}, {"choice": 1, "structure_id": None}]
    # Abeille's two (y, x) and Moulin's one (y) went into the pooled sum: x 1/2, y 1/2 + 1
    rid = secret_weighted_round(project, room, [*ballots, *untagged], pooled={"0": "1/2", "1": "3/2"})
    # x 2/3 + 1/2 = 7/6, y 1/3 + 3/2 = 11/6: the untagged ballots themselves weigh nothing
    assert [(label, count) for label, _, count in figures(rid, project)] == [("y", 1.833333), ("x", 1.166667)]


def test_a_pooled_sum_counts_only_in_a_weighted_round(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"], secret=True)
    vote(project, room, rid, {"Zack": 0, "Zia": 1, "Zoé": 1})
    store(project, rid, pooled={"0": "5"})  # left by hand in a round that counts every ballot as one
    assert [(label, count) for label, _, count in figures(rid, project)] == [("y", 2), ("x", 1)]


# Consent ----------------------------------------------------------------------------------------
def test_consent_counts_every_answer_and_keeps_the_reasons_in_order(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.CONSENT)
    cast(project, rid, room["p"]["Albert"], "objection", reason="Trop cher")
    cast(project, rid, room["p"]["Alice"], "agree")
    cast(project, rid, room["p"]["Marc"], "reservation", reason="Le calendrier")
    cast(project, rid, room["p"]["Zack"], "reservation")
    result = results(project, rid)
    assert result.consent == {"agree": 1, "reservation": 2, "objection": 1, "abstain": 0}
    assert result.reasons == [("objection", "Trop cher"), ("reservation", "Le calendrier")]
    assert result.passed is False
    assert [(o.value, o.count) for o in result.options] == [("agree", 1), ("reservation", 2), ("objection", 1), ("abstain", 0)]


@pytest.mark.parametrize(
    ("answers", "passed"),
    [
        ({"Albert": "reservation"}, True),  # living with it is consent
        ({"Albert": "agree", "Alice": "abstain"}, True),
        ({"Albert": "abstain", "Alice": "abstain"}, None),  # nobody answered for or against
        ({}, None),
        ({"Albert": "agree", "Alice": "agree", "Marc": "objection"}, False),
    ],
)
def test_consent_passes_without_objection_and_says_nothing_without_answers(
    project: Project, room: dict[str, Any], answers: dict[str, str], passed: bool | None
) -> None:
    rid = start(project, room, RoundMode.CONSENT)
    vote(project, room, rid, answers)
    assert results(project, rid).passed is passed


def test_a_weighted_objection_still_blocks(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.CONSENT, one_structure_one_voice=True)
    vote(project, room, rid, {"Zack": "objection", "Zia": "agree", "Zoé": "agree", "Albert": "agree", "Marc": "agree"})
    result = results(project, rid)
    # Zèbre: objection 1/3, agree 2/3; Abeille (Albert alone so far) 1; Moulin 1
    assert result.consent == {"agree": 2.666667, "reservation": 0, "objection": 0.333333, "abstain": 0}
    assert result.passed is False


# Scale ----------------------------------------------------------------------------------------------
def test_the_mean_of_a_scale_to_two_decimals(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.SCALE)
    vote(project, room, rid, {"Albert": 1, "Alice": 2, "Marc": 2, "Zack": None})
    result = results(project, rid)
    assert result.mean == 1.67  # 5 / 3, the blank ballot left out
    assert [(o.value, o.count) for o in result.options] == [(1, 1), (2, 2), (3, 0), (4, 0), (5, 0)]


def test_a_weighted_mean_gives_each_structure_one_voice(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.SCALE, one_structure_one_voice=True)
    vote(project, room, rid, {"Zack": 5, "Zia": 5, "Zoé": 5, "Marc": 1})
    assert results(project, rid).mean == 3  # (5 + 1) / 2, not (15 + 1) / 4


def test_a_scale_with_only_blank_ballots_has_no_mean(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.SCALE)
    vote(project, room, rid, {"Albert": None})
    assert results(project, rid).mean is None


# Who took part --------------------------------------------------------------------------------------
def test_participation_lists_follow_the_turn_order(project: Project, room: dict[str, Any]) -> None:
    p = room["p"]
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"], question="Quel lieu ?", owner="")
    assert get_round(project, rid).voters == [p[n] for n in ("Albert", "Alice", "Marc", "Zack", "Zia", "Zoé")]
    cast(project, rid, p["Albert"], 0)
    skip(project, rid, p["Alice"])
    skip(project, rid, p["Marc"])
    cast(project, rid, p["Alice"], 1, proxy=True)
    cast(project, rid, p["Zia"], None)
    result = results(project, rid)
    assert (result.round_id, result.question, result.mode, result.secret, result.revealed) == (rid, "Quel lieu ?", RoundMode.SINGLE, False, False)
    assert result.participants == [p["Albert"], p["Alice"], p["Zia"]]
    assert result.proxies == [p["Alice"]]
    assert result.skipped == [p["Marc"]]
    assert result.not_reached == []  # the round is open: Zack and Zoé may still vote
    assert (result.voters, result.ballots, result.blank) == (6, 3, 1)
    close_round(project, rid)
    assert results(project, rid).not_reached == [p["Zack"], p["Zoé"]]


def test_a_result_says_which_exercise_ran_the_round(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.SCALE, owner="values:vote", by_structure=True)
    result = results(project, rid)
    assert (result.owner, result.by_structure, result.contributions) == ("values:vote", True, 0)


# Per structure ----------------------------------------------------------------------------------------
def test_an_open_breakdown_follows_the_project_s_order_with_each_structure_s_outcome(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.CONSENT)
    vote(project, room, rid, {"Zack": "abstain", "Albert": "agree", "Alice": "objection", "Marc": "reservation"})
    result = results(project, rid)
    assert [(s.name, s.structure_id, s.ballots, s.passed) for s in result.per_structure] == [
        ("Abeille", room["s"]["Abeille"], 2, False),
        ("Moulin", room["s"]["Moulin"], 1, True),
        ("Zèbre", room["s"]["Zèbre"], 1, None),
    ]
    abeille = result.per_structure[0]
    assert [(o.value, o.count) for o in abeille.options] == [("agree", 1), ("reservation", 0), ("objection", 1), ("abstain", 0)]
    assert result.suppressed == []


def test_a_vote_breakdown_keeps_the_options_own_order_and_says_nothing_of_consent(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"])
    vote(project, room, rid, {"Albert": 1, "Alice": 1, "Marc": 0})
    abeille, moulin = results(project, rid).per_structure
    assert [(o.label, o.count, o.key) for o in abeille.options] == [("x", 0, "1"), ("y", 2, "2")]
    assert [o.share for o in abeille.options] == [0.0, 1.0]
    assert (abeille.passed, moulin.passed) == (None, None)


def test_a_ballot_of_a_structure_removed_since_is_listed_last(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"])
    ballots = [
        {"choice": 0, "reason": "", "structure_id": 99, "voter": 0, "proxy": False},
        {"choice": 1, "reason": "", "structure_id": room["s"]["Zèbre"], "voter": room["p"]["Zoé"], "proxy": False},
        {"choice": 1, "reason": "", "structure_id": 98, "voter": 0, "proxy": False},
    ]
    store(project, rid, ballots=ballots)
    names = [(s.name, s.structure_id) for s in results(project, rid).per_structure]
    assert names == [("Zèbre", room["s"]["Zèbre"]), ("(structure retirée du projet)", 98), ("(structure retirée du projet)", 99)]


def test_a_secret_round_by_structure_has_no_breakdown(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"], by_structure=True, secret=True)
    for voter, choice in zip(get_round(project, rid).voters, (0, 1, 1), strict=True):
        cast(project, rid, voter, choice)
    result = results(project, rid)
    assert (result.per_structure, result.suppressed) == ([], [])
    assert [(o.label, o.count) for o in result.options] == [("y", 2), ("x", 1)]


def secret_round(project: Project, room: dict[str, Any], ballots: list[tuple[int, str | None]], **doc: Any) -> int:
    """A finished secret round (x/y) as stored: (choice, structure) per ballot."""
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"], secret=True)
    tagged = [{"choice": c, "reason": "", "structure_id": room["s"][s] if s else None} for c, s in ballots]
    store(project, rid, ballots=tagged, turns={str(v): "taken" for v in get_round(project, rid).voters}, **doc)
    return rid


def shown(project: Project, room: dict[str, Any], rid: int) -> tuple[list[str], list[str]]:
    names = {sid: name for name, sid in room["s"].items()}
    result = results(project, rid)
    return [s.name for s in result.per_structure], [names[sid] for sid in result.suppressed]


def test_a_secret_figure_needs_three_ballots_not_all_the_same(project: Project, room: dict[str, Any]) -> None:
    rid = secret_round(project, room, [(0, "Zèbre"), (1, "Zèbre"), (0, "Zèbre"), (0, None), (1, None), (1, None)])
    assert shown(project, room, rid) == (["Zèbre"], [])
    rid = secret_round(project, room, [(0, "Zèbre"), (1, "Zèbre"), (1, "Zèbre"), (0, None), (1, None), (1, None)])
    assert shown(project, room, rid) == (["Zèbre"], [])  # the first differs from the two others: mixed
    rid = secret_round(project, room, [(1, "Zèbre"), (1, "Zèbre"), (1, "Zèbre"), (0, None), (1, None), (1, None)])
    assert shown(project, room, rid) == ([], ["Zèbre"])  # unanimous: each of them would read the others' votes
    rid = secret_round(project, room, [(0, "Abeille"), (1, "Abeille"), (0, None), (1, None), (1, None)])
    assert shown(project, room, rid) == ([], ["Abeille"])  # two: each reads the other's


def test_a_secret_figure_is_withheld_when_the_rest_would_give_a_vote_away(project: Project, room: dict[str, Any]) -> None:
    # Zèbre alone is safe, but the other three ballots are all "y": Zèbre's figure would show them
    rid = secret_round(project, room, [(0, "Zèbre"), (1, "Zèbre"), (0, "Zèbre"), (1, None), (1, None), (1, None)])
    assert shown(project, room, rid) == ([], ["Zèbre"])
    # the rest is one ballot: it would be read by subtraction
    rid = secret_round(project, room, [(0, "Zèbre"), (1, "Zèbre"), (0, "Zèbre"), (1, None)])
    assert shown(project, room, rid) == ([], ["Zèbre"])


def test_the_smallest_structure_is_withheld_first_to_keep_the_rest_safe(project: Project, room: dict[str, Any]) -> None:
    project.add_participant("Zed", room["s"]["Zèbre"])
    project.add_participant("Aline", room["s"]["Abeille"])
    # Zèbre 4 mixed, Abeille 3 mixed, one untagged ballot: the rest (1) is unsafe.
    # Withholding Abeille (the smaller) makes the rest 4 mixed ballots: Zèbre stays.
    ballots = [(0, "Zèbre"), (1, "Zèbre"), (1, "Zèbre"), (0, "Zèbre"), (0, "Abeille"), (1, "Abeille"), (1, "Abeille"), (0, None)]
    rid = secret_round(project, room, ballots)
    assert shown(project, room, rid) == (["Zèbre"], ["Abeille"])
    zebre = results(project, rid).per_structure[0]
    assert (zebre.ballots, [o.count for o in zebre.options]) == (4, [2, 2])


def test_equal_structures_are_withheld_in_order_of_id(project: Project, room: dict[str, Any]) -> None:
    project.add_participant("Aline", room["s"]["Abeille"])
    # Zèbre (id 1) and Abeille (id 2) both have 3 mixed ballots; the untagged one is alone
    ballots = [(0, "Zèbre"), (1, "Zèbre"), (1, "Zèbre"), (0, "Abeille"), (1, "Abeille"), (0, "Abeille"), (1, None)]
    rid = secret_round(project, room, ballots)
    assert shown(project, room, rid) == (["Abeille"], ["Zèbre"])


def test_suppressed_structures_are_listed_in_the_project_s_order(project: Project, room: dict[str, Any]) -> None:
    ballots = [(0, "Zèbre"), (1, "Abeille"), (1, "Moulin"), (0, None), (1, None)]
    rid = secret_round(project, room, ballots)
    assert shown(project, room, rid) == ([], ["Abeille", "Moulin", "Zèbre"])
    # a structure removed since comes after those of the project
    tagged = [{"choice": 0, "reason": "", "structure_id": 99}, {"choice": 1, "reason": "", "structure_id": room["s"]["Zèbre"]}]
    store(project, rid, ballots=[*tagged, {"choice": 0, "reason": "", "structure_id": None}, {"choice": 1, "reason": "", "structure_id": None}])
    assert results(project, rid).suppressed == [room["s"]["Zèbre"], 99]


def test_a_structure_whose_ballots_are_not_all_tagged_is_withheld(project: Project, room: dict[str, Any]) -> None:
    project.add_participant("Zed", room["s"]["Zèbre"])
    # Zèbre's four people voted, but one ballot came untagged in another batch:
    # the three tagged ones are not Zèbre's whole figure.
    ballots = [(0, "Zèbre"), (1, "Zèbre"), (1, "Zèbre"), (0, None), (1, None), (0, None), (1, None)]
    rid = secret_round(project, room, ballots, unsaved=[])
    assert shown(project, room, rid) == ([], ["Zèbre"])
    # a round saved before batches has no `unsaved`: its tags covered whole structures
    rid = secret_round(project, room, ballots)
    project.store.table("rounds").update(lambda stored: stored.pop("unsaved"), doc_ids=[rid])
    assert shown(project, room, rid) == (["Zèbre"], [])


@pytest.mark.parametrize("weighted", [False, True], ids=["one each", "one structure one voice"])
def test_a_blank_ballot_cast_first_does_not_stop_the_count(project: Project, room: dict[str, Any], weighted: bool) -> None:
    rid = start(project, room, RoundMode.SINGLE, options=["Oui", "Non"], one_structure_one_voice=weighted)
    vote(project, room, rid, {"Albert": None, "Marc": 1, "Zack": 0, "Zia": 0, "Zoé": 0})
    # Moulin (Marc) 1 for Non; Zèbre's three for Oui: 3 each, or 1 each weighted
    assert [(label, count) for label, _, count in figures(rid, project)] == ([("Oui", 1), ("Non", 1)] if weighted else [("Oui", 3), ("Non", 1)])
    assert results(project, rid).blank == 1


def test_a_weighted_dot_vote_shares_each_structure_s_points(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.DOT, options=["Lyon", "Nantes", "Brest"], budget=3, cap=2, one_structure_one_voice=True)
    vote(project, room, rid, {"Zack": [2, 1, 0], "Zia": [0, 2, 1], "Zoé": [1, 1, 1], "Marc": [0, 1, 2]})
    # Zèbre, each ballot 1/3: Lyon 3/3, Nantes 4/3, Brest 2/3; Moulin: Nantes 1, Brest 2
    assert [(label, count) for label, _, count in figures(rid, project)] == [("Brest", 2.666667), ("Nantes", 2.333333), ("Lyon", 1)]


def test_a_round_stored_without_ballots_or_contributions_counts_none(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"])
    project.store.table("rounds").update(lambda stored: [stored.pop("ballots"), stored.pop("contributions")], doc_ids=[rid])
    result = results(project, rid)  # the file's shape allows it (workshop/validation.py)
    assert (result.ballots, result.blank, result.contributions) == (0, 0, 0)
    assert [(o.label, o.count) for o in result.options] == [("x", 0), ("y", 0)]


def test_an_untagged_ballot_of_an_open_weighted_round_weighs_one(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"], one_structure_one_voice=True)
    z = room["s"]["Zèbre"]
    ballots = [
        {"choice": 0, "reason": "", "structure_id": z, "voter": room["p"]["Zack"], "proxy": False},
        {"choice": 1, "reason": "", "structure_id": z, "voter": room["p"]["Zia"], "proxy": False},
        {"choice": 1, "reason": "", "structure_id": None, "voter": 0, "proxy": False},  # a person since removed
    ]
    store(project, rid, ballots=ballots)
    # Zèbre: x 1/2, y 1/2; the untagged ballot counts on its own: y 1
    assert [(label, count) for label, _, count in figures(rid, project)] == [("y", 1.5), ("x", 0.5)]
