"""When held secret turns reach the file, and with which structure tags (`workshop.rounds.batching`).

The rules (batching.py's docstring), checked one by one on a round as stored:
a batch holds k voters or more (k = 3 unless set, never below 2); it waits while
fewer than k voters could vote after it; a ballot carries its structure only
when k or more of that structure arrive together and the structure's tags
cover all of it; the untagged part of a batch is empty or k ballots or more;
in a weighted round a structure too small to be tagged waits until it has
wholly voted, then only its weighted sum is added to `pooled`.

The room: structure 10 has voters 1, 2, 3; structure 20 has 4 and 5;
structure 30 has 6; voters 7, 8, 9 are structure 40.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

import pytest

from workshop.rounds.batching import (
    DEFAULT_BATCH,
    MIN_BATCH,
    Flush,
    apply,
    ballot_counts,
    batch_size,
    plan,
    pooled_counts,
)
from workshop.rounds.held import HeldTurn
from workshop.rounds.model import TurnState

STRUCTURE = {1: 10, 2: 10, 3: 10, 4: 20, 5: 20, 6: 30, 7: 40, 8: 40, 9: 40}


def structure_of(voter: int) -> int | None:
    return STRUCTURE.get(voter)


def round_doc(voters: list[int], mode: str = "single", **spec: Any) -> dict[str, Any]:
    return {
        "spec": {"mode": mode, **spec},
        "voters": voters,
        "turns": {str(v): "pending" for v in voters},
        "ballots": [],
        "contributions": [],
    }


def turn(voter: int, choice: Any = 0, structures: dict[int, int | None] = STRUCTURE) -> HeldTurn:
    return HeldTurn(voter, TurnState.TAKEN, structures.get(voter), {"choice": choice, "reason": ""})


def voters_of(flush: Flush | None) -> list[int]:
    assert flush is not None
    return [t.voter for t in flush.turns]


# The size of a batch ------------------------------------------------------------------------------
@pytest.mark.parametrize(("setting", "size"), [({}, 3), ({"batch_size": 0}, 3), ({"batch_size": None}, 3), ({"batch_size": 1}, 2), ({"batch_size": 2}, 2), ({"batch_size": 5}, 5)])
def test_a_batch_is_three_voters_unless_set_and_never_fewer_than_two(setting: dict[str, Any], size: int) -> None:
    assert (DEFAULT_BATCH, MIN_BATCH) == (3, 2)
    assert batch_size(setting) == size


# When a batch is written ------------------------------------------------------------------------------
def test_nothing_held_writes_nothing() -> None:
    assert plan(round_doc([1, 2, 3]), [], structure_of, final=True) is None


def test_fewer_than_k_turns_wait_unless_nobody_can_vote_after_them() -> None:
    doc = round_doc([1, 2, 4, 5, 6, 7])
    assert plan(doc, [turn(1), turn(4)], structure_of, final=False) is None
    assert voters_of(plan(doc, [turn(1), turn(4)], structure_of, final=True)) == [1, 4]


def test_a_batch_waits_while_fewer_than_k_could_vote_after_it() -> None:
    doc = round_doc([1, 4, 6, 7])  # after 1, 4, 6: one voter left, who would vote alone
    assert plan(doc, [turn(1), turn(4), turn(6)], structure_of, final=False) is None
    doc = round_doc([1, 4, 6, 7, 8])  # two voters left
    assert plan(doc, [turn(1), turn(4), turn(6)], structure_of, final=False) is None
    doc["turns"]["8"] = "skipped"  # a skipped voter could still be called back: still two
    assert plan(doc, [turn(1), turn(4), turn(6)], structure_of, final=False) is None
    doc["turns"]["7"] = doc["turns"]["8"] = "taken"  # nobody left: nothing to wait for
    assert voters_of(plan(doc, [turn(1), turn(4), turn(6)], structure_of, final=False)) == [1, 4, 6]


def test_a_batch_is_written_when_k_or_more_could_vote_after_it() -> None:
    doc = round_doc([1, 4, 6, 7, 8, 9])
    flush = plan(doc, [turn(1), turn(4), turn(6)], structure_of, final=False)
    assert voters_of(flush) == [1, 4, 6]
    assert flush is not None and flush.tags == {} and flush.pooled == {}


def test_a_larger_batch_size_is_respected() -> None:
    doc = round_doc([1, 4, 6, 7, 8, 9, 2, 3, 5], batch_size=4)
    assert plan(doc, [turn(1), turn(4), turn(6)], structure_of, final=False) is None
    assert voters_of(plan(doc, [turn(1), turn(4), turn(6), turn(7)], structure_of, final=False)) == [1, 4, 6, 7]


# Structure tags ------------------------------------------------------------------------------------
def test_k_voters_of_a_structure_arriving_together_are_tagged() -> None:
    doc = round_doc([1, 2, 3, 4, 5, 6])
    flush = plan(doc, [turn(1), turn(2), turn(3)], structure_of, final=False)
    assert flush is not None and flush.tags == {1: 10, 2: 10, 3: 10}


def test_fewer_than_k_of_a_structure_are_not_tagged() -> None:
    doc = round_doc([1, 2, 4, 3, 5, 6])
    flush = plan(doc, [turn(1), turn(2), turn(4)], structure_of, final=False)
    assert flush is not None and flush.tags == {}


def test_no_tag_when_too_few_of_the_structure_are_left_to_make_the_next_group() -> None:
    structures = {**STRUCTURE, 11: 10}  # structure 10 has a fourth voter, still to vote
    doc = round_doc([1, 2, 3, 11, 4, 5, 6])
    flush = plan(doc, [turn(1), turn(2), turn(3)], structures.get, final=False)
    assert flush is not None and flush.tags == {}


def test_no_tag_for_a_structure_whose_earlier_ballots_went_untagged() -> None:
    structures = {**STRUCTURE, 11: 10, 12: 10, 13: 10}
    doc = round_doc([11, 12, 13, 1, 2, 3, 4, 5, 6])
    for voter in (11, 12, 13):
        doc["turns"][str(voter)] = "taken"
    doc["ballots"] = [{"choice": 0, "reason": "", "structure_id": None}] * 3
    flush = plan(doc, [turn(1), turn(2), turn(3)], structures.get, final=False)
    assert flush is not None and flush.tags == {}
    doc["ballots"] = [{"choice": 0, "reason": "", "structure_id": 10}] * 3  # tagged before: tagged again
    flush = plan(doc, [turn(1), turn(2), turn(3)], structures.get, final=False)
    assert flush is not None and flush.tags == {1: 10, 2: 10, 3: 10}


def test_the_smallest_tag_is_dropped_to_keep_the_untagged_part_safe() -> None:
    # 10 and 40 each arrive whole (three each), with 4 alone: one untagged ballot would
    # be read as 4's. Dropping one tag (the smaller, then the lower id) leaves four untagged.
    doc = round_doc([1, 2, 3, 7, 8, 9, 4])
    held = [turn(v) for v in (1, 2, 3, 7, 8, 9, 4)]
    flush = plan(doc, held, structure_of, final=False)
    assert flush is not None and flush.tags == {7: 40, 8: 40, 9: 40}
    structures = {**STRUCTURE, 11: 40}
    doc = round_doc([1, 2, 3, 7, 8, 9, 11, 4])
    held = [turn(v, 0, structures) for v in (1, 2, 3, 7, 8, 9, 11, 4)]
    flush = plan(doc, held, structures.get, final=False)
    assert flush is not None and flush.tags == {7: 40, 8: 40, 9: 40, 11: 40}  # 10 is the smaller
    structures = {**STRUCTURE, 11: 10}  # now 10 is the larger, though its id is lower
    doc = round_doc([1, 2, 3, 11, 7, 8, 9, 4])
    held = [turn(v, 0, structures) for v in (1, 2, 3, 11, 7, 8, 9, 4)]
    flush = plan(doc, held, structures.get, final=False)
    assert flush is not None and flush.tags == {1: 10, 2: 10, 3: 10, 11: 10}


def test_an_unsafe_untagged_part_waits_unless_final() -> None:
    # Batch size 2, weighted: structure 20 (4, 5) arrives whole with 6 (30, alone);
    # 20 must stay tagged (its tag is on disk) and 6's ballot alone would be singled out.
    structures = {**STRUCTURE, 14: 20, 15: 20}
    doc = round_doc([14, 15, 4, 5, 6, 7, 8], batch_size=2)
    doc["turns"]["14"] = doc["turns"]["15"] = "taken"
    doc["ballots"] = [{"choice": 0, "reason": "", "structure_id": 20}] * 2
    doc["spec"]["one_structure_one_voice"] = True
    assert plan(doc, [turn(4), turn(5), turn(6)], structures.get, final=False) is None
    flush = plan(doc, [turn(4), turn(5), turn(6)], structures.get, final=True)
    assert flush is not None and flush.tags == {4: 20, 5: 20}


def test_contribution_rounds_carry_no_tag() -> None:
    doc = round_doc([1, 2, 3, 4, 5, 6], mode="contribution")
    held = [HeldTurn(v, TurnState.TAKEN, 10, texts=[{"id": v, "text": "idée"}]) for v in (1, 2, 3)]
    flush = plan(doc, held, structure_of, final=False)
    assert flush is not None and flush.tags == {} and flush.pooled == {}


def test_rounds_by_structure_carry_no_tag() -> None:
    doc = round_doc([10, 20, 30, 40], by_structure=True)
    held = [HeldTurn(v, TurnState.TAKEN, v, {"choice": 0, "reason": ""}) for v in (10, 20, 30)]
    flush = plan(doc, held, lambda voter: voter, final=True)
    assert flush is not None and flush.tags == {}


def test_a_round_by_structure_is_never_weighted_in_batches() -> None:
    # each voter is a structure: "one structure, one voice" changes nothing, nothing is pooled
    doc = round_doc([10, 20, 30, 40, 50, 60], by_structure=True, one_structure_one_voice=True)
    held = [HeldTurn(v, TurnState.TAKEN, v, {"choice": 1, "reason": ""}) for v in (10, 20, 30)]
    flush = plan(doc, held, lambda voter: voter, final=False)
    assert flush is not None and voters_of(flush) == [10, 20, 30]
    assert flush.tags == {} and flush.pooled == {}


# One structure, one voice ---------------------------------------------------------------------------
def weighted_doc(voters: list[int], mode: str = "single") -> dict[str, Any]:
    return round_doc(voters, mode, one_structure_one_voice=True)


def test_a_weighted_structure_waits_until_it_has_wholly_voted() -> None:
    doc = weighted_doc([1, 2, 3, 4, 5, 6, 7, 8, 9])
    assert plan(doc, [turn(4), turn(6), turn(1)], structure_of, final=False) is None  # 2 and 3 of 10 still to vote
    flush = plan(doc, [turn(4), turn(6), turn(1)], structure_of, final=True)
    assert voters_of(flush) == [4, 6, 1]


def test_whole_small_structures_reach_the_pooled_sum_with_their_weight() -> None:
    doc = weighted_doc([4, 5, 6, 1, 2, 3])
    held = [turn(4, 0), turn(5, 1), turn(6, 1)]
    flush = plan(doc, held, structure_of, final=False)
    assert flush is not None and flush.tags == {}
    # 20: 0 and 1 weigh 1/2 each; 30 alone weighs 1 on 1
    assert flush.pooled == {"0": Fraction(1, 2), "1": Fraction(3, 2)}


def test_voters_of_unknown_structure_each_weigh_one() -> None:
    doc = weighted_doc([61, 62, 63, 1, 2, 3])
    held = [HeldTurn(v, TurnState.TAKEN, None, {"choice": 1, "reason": ""}) for v in (61, 62, 63)]
    flush = plan(doc, held, lambda voter: None, final=False)
    assert flush is not None and flush.pooled == {"1": Fraction(3)}


def test_a_weighted_dot_vote_pools_points_times_weights() -> None:
    doc = weighted_doc([4, 5, 6, 1, 2, 3], mode="dot")
    held = [turn(4, [2, 0, 1]), turn(5, [0, 0, 3]), turn(6, [1, 1, 1])]
    flush = plan(doc, held, structure_of, final=False)
    # 20: (2 + 0)/2, (0 + 0)/2, (1 + 3)/2; 30: 1, 1, 1
    assert flush is not None and flush.pooled == {"0": Fraction(2), "1": Fraction(1), "2": Fraction(3)}


def test_a_weighted_structure_is_tagged_only_when_it_arrives_whole() -> None:
    doc = weighted_doc([1, 2, 3, 4, 5, 6])
    flush = plan(doc, [turn(1), turn(2), turn(3)], structure_of, final=False)
    assert flush is not None and flush.tags == {1: 10, 2: 10, 3: 10} and flush.pooled == {}


def test_a_weighted_structure_with_ballots_on_disk_is_never_tagged_late() -> None:
    structures = {**STRUCTURE, 11: 10, 12: 10, 13: 10}
    doc = weighted_doc([11, 1, 2, 3, 12, 13, 4, 5, 6])
    doc["turns"]["11"] = "taken"  # written untagged (with a batch of others, pooled)
    doc["turns"]["12"] = doc["turns"]["13"] = "taken"
    flush = plan(doc, [turn(1), turn(2), turn(3)], structures.get, final=False)
    assert flush is not None and flush.tags == {}


def test_a_weighted_structure_tagged_on_disk_comes_back_as_a_group() -> None:
    structures = {**STRUCTURE, 11: 10, 12: 10, 13: 10, 14: 10}
    doc = weighted_doc([11, 12, 13, 1, 2, 3, 14, 4, 5, 6, 7, 8, 9])
    for voter in (11, 12, 13):
        doc["turns"][str(voter)] = "taken"
    doc["ballots"] = [{"choice": 0, "reason": "", "structure_id": 10}] * 3
    # 1 and 2 of structure 10 with 4, 5 (20 whole): 10's rest is not a group of three yet
    assert plan(doc, [turn(1), turn(2), turn(4), turn(5)], structures.get, final=False) is None
    flush = plan(doc, [turn(1), turn(2), turn(4), turn(5)], structures.get, final=True)
    assert flush is not None and flush.tags == {1: 10, 2: 10}  # final: what is left comes as it is
    flush = plan(doc, [turn(1), turn(2), turn(3), turn(4), turn(5), turn(6)], structures.get, final=False)
    assert flush is None  # 14 of structure 10 would be left alone to be tagged


def test_a_weighted_tag_is_dropped_only_for_a_structure_that_is_whole_and_new() -> None:
    # 10 (whole, new) and 40 (whole, new) arrive with 6 (30, whole): one untagged ballot.
    doc = weighted_doc([1, 2, 3, 7, 8, 9, 6])
    held = [turn(v, 0 if v != 6 else 1) for v in (1, 2, 3, 7, 8, 9, 6)]
    flush = plan(doc, held, structure_of, final=False)
    assert flush is not None and flush.tags == {7: 40, 8: 40, 9: 40}
    assert flush.pooled == {"0": Fraction(1), "1": Fraction(1)}  # 10 whole: weight 1; 30: weight 1
    # 40 is tagged on disk already: its tag stays, and 10 (four, the larger) joins the pooled sum
    structures = {**STRUCTURE, 11: 10, 71: 40, 72: 40, 73: 40}
    doc = weighted_doc([71, 72, 73, 1, 2, 3, 11, 7, 8, 9, 6])
    for voter in (71, 72, 73):
        doc["turns"][str(voter)] = "taken"
    doc["ballots"] = [{"choice": 0, "reason": "", "structure_id": 40}] * 3
    held = [turn(v, 0 if v != 6 else 1, structures) for v in (1, 2, 3, 11, 7, 8, 9, 6)]
    flush = plan(doc, held, structures.get, final=False)
    assert flush is not None and flush.tags == {7: 40, 8: 40, 9: 40}
    assert flush.pooled == {"0": Fraction(1), "1": Fraction(1)}  # 10: four ballots of 1/4


# Writing a batch -----------------------------------------------------------------------------------
def test_a_batch_writes_turns_ballots_tags_texts_and_pooled_sums() -> None:
    doc = round_doc([1, 2, 3, 4])
    doc["pooled"] = {"1": "1/2"}
    held = [
        HeldTurn(1, TurnState.TAKEN, 10, {"choice": 1, "reason": "Trop cher"}),
        HeldTurn(2, TurnState.PROXY, 10, {"choice": 0}),
        HeldTurn(3, TurnState.TAKEN, 10, texts=[{"id": 7, "text": "Idée"}, {"id": 9, "text": "Autre"}]),
    ]
    flush = Flush(held, tags={1: 10}, pooled={"1": Fraction(1, 2), "0": Fraction(1, 3)})
    apply(doc, flush, None)
    assert doc["turns"] == {"1": "taken", "2": "proxy", "3": "taken", "4": "pending"}
    assert doc["ballots"] == [
        {"choice": 1, "reason": "Trop cher", "structure_id": 10},
        {"choice": 0, "reason": "", "structure_id": None},
    ]
    assert doc["contributions"] == [{"id": 7, "text": "Idée"}, {"id": 9, "text": "Autre"}]
    assert doc["pooled"] == {"1": "1", "0": "1/3"}


def test_a_batch_without_pooled_sum_leaves_none_in_the_file() -> None:
    doc = round_doc([1, 2, 3])
    apply(doc, Flush([turn(1), turn(2), turn(3)]), None)
    assert "pooled" not in doc
    apply(doc, Flush([], pooled={"0": Fraction(2)}), None)
    assert doc["pooled"] == {"0": "2"}


class Recorder(random.Random):
    """Says where each record goes: always first; remembers the ranges it was asked for."""

    def __init__(self) -> None:
        super().__init__(0)
        self.asked: list[int] = []

    def randrange(self, stop: int, *args: Any, **kwargs: Any) -> int:
        self.asked.append(stop)
        return 0


def test_each_record_may_land_anywhere_in_the_list() -> None:
    doc = round_doc([1, 2, 3])
    doc["ballots"] = [{"choice": 1, "reason": "", "structure_id": None}]
    rng = Recorder()
    apply(doc, Flush([turn(1, 0), turn(2, 1), turn(3, 0)]), rng)
    assert rng.asked == [2, 3, 4]  # before the first, between any two, or after the last
    assert [b["choice"] for b in doc["ballots"]] == [0, 1, 0, 1]  # each put first, in turn


def test_anonymous_contributions_land_anywhere_too() -> None:
    doc = round_doc([1, 2, 3], mode="contribution")
    doc["contributions"] = [{"id": 5, "text": "Déjà là"}]
    held = [HeldTurn(v, TurnState.TAKEN, None, texts=[{"id": v, "text": f"Idée {v}"}]) for v in (1, 2, 3)]
    rng = Recorder()
    apply(doc, Flush(held), rng)
    assert rng.asked == [2, 3, 4]
    # in the order they were typed, each put first: the file does not keep the typing order
    assert [c["text"] for c in doc["contributions"]] == ["Idée 3", "Idée 2", "Idée 1", "Déjà là"]


# What a ballot adds -----------------------------------------------------------------------------------
def test_what_a_ballot_adds_to_each_option() -> None:
    dot = {"mode": "dot"}
    assert ballot_counts(dot, {"choice": [2, 0, 1]}) == {"0": Fraction(2), "2": Fraction(1)}
    assert ballot_counts({"mode": "single"}, {"choice": 3}) == {"3": Fraction(1)}
    assert ballot_counts({"mode": "consent"}, {"choice": "objection", "reason": "x"}) == {"objection": Fraction(1)}
    assert ballot_counts({"mode": "scale"}, {"choice": None}) == {}  # blank
    assert ballot_counts(dot, None) == {}  # a contribution turn


def test_the_pooled_sum_is_read_as_exact_fractions() -> None:
    assert pooled_counts({"pooled": {"0": "7/6", "1": "2"}}) == {"0": Fraction(7, 6), "1": Fraction(2)}
    assert pooled_counts({"ballots": []}) == {}  # a round that pools nothing
