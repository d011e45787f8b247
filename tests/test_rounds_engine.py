"""The rounds engine: every mode, turns, proxy, skip, weighting, consent, secrecy of stored ballots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.disk import on_disk
from workshop.errors import ValidationError
from workshop.minutes.blocks import BulletList, Heading, Paragraph, Table
from workshop.minutes.contributors import ANNEX, ITEM
from workshop.minutes.contributors import contributions as minutes_blocks
from workshop.model import Attendance
from workshop.project import Project
from workshop.rounds import (
    ConsentAnswer,
    RoundMode,
    RoundSpec,
    TurnState,
    cast,
    close_round,
    contribute,
    contributions,
    edit_contribution,
    finish_turn,
    get_round,
    lost_turns,
    recall,
    remove_contribution,
    results,
    reveal,
    rounds_of,
    skip,
    start_round,
    turn_contributions,
    voter_label,
)

ODD_TEXTS = ["[bold]gras", "[/", "[red]Zoé[/]", "ligne\x07\x1b[31m", "🌱 écologie", "x" * 10_000, "עברית"]


@pytest.fixture
def room(project: Project) -> dict:
    """Three structures: A has 3 people, B has 2, C has 1; one absent person in B."""
    a = project.add_structure("Alpha")
    b = project.add_structure("Bêta")
    c = project.add_structure("Gamma")
    people = {
        "a1": project.add_participant("Anne", a.id),
        "a2": project.add_participant("Arthur", a.id),
        "a3": project.add_participant("Aya", a.id),
        "b1": project.add_participant("Bruno", b.id),
        "b2": project.add_participant("Béa", b.id),
        "b3": project.add_participant("Basile", b.id),
        "c1": project.add_participant("Chloé", c.id),
    }
    workshop = project.add_workshop("Atelier 1")
    project.set_attendance(workshop.id, people["b3"].id, Attendance.ABSENT)
    item = project.add_agenda_item(workshop.id, "free", "Point libre")
    return {"w": workshop.id, "i": item.id, "s": {"a": a.id, "b": b.id, "c": c.id}, "p": {k: v.id for k, v in people.items()}}


def start(project: Project, room: dict, mode: RoundMode, **kw) -> int:
    spec = RoundSpec(question=kw.pop("question", "Quelle priorité ?"), mode=mode, **kw)
    return start_round(project, room["w"], room["i"], spec).id


# Starting -----------------------------------------------------------------------------------
def test_voters_are_present_people_in_project_order(project: Project, room: dict) -> None:
    round_ = get_round(project, start(project, room, RoundMode.SINGLE, options=["x", "y"]))
    p = room["p"]
    assert round_.voters == [p["a1"], p["a2"], p["a3"], p["b2"], p["b1"], p["c1"]]  # Basile absent
    assert round_.current == p["a1"]
    assert round_.progress == (0, 6)
    assert voter_label(project, round_, p["b1"]) == ("Bruno", "Bêta")


def test_shuffle_keeps_the_same_voters(project: Project, room: dict) -> None:
    round_ = get_round(project, start(project, room, RoundMode.SCALE, shuffle=True))
    plain = get_round(project, start(project, room, RoundMode.SCALE))
    assert sorted(round_.voters) == sorted(plain.voters)


def test_by_structure_has_one_turn_per_present_structure(project: Project, room: dict) -> None:
    round_ = get_round(project, start(project, room, RoundMode.SCALE, by_structure=True))
    assert round_.voters == [room["s"]["a"], room["s"]["b"], room["s"]["c"]]
    assert voter_label(project, round_, room["s"]["b"]) == ("Bêta", "")


@pytest.mark.parametrize(
    ("kw", "key"),
    [
        ({"mode": RoundMode.DOT, "options": []}, "rounds.error.no_options"),
        ({"mode": RoundMode.SINGLE, "options": ["  ", ""]}, "rounds.error.no_options"),
        ({"mode": RoundMode.SINGLE, "options": ["seule"]}, "rounds.error.too_few_options"),
        ({"mode": RoundMode.DOT, "options": ["a", "A "]}, "rounds.error.duplicate_option"),
        ({"mode": RoundMode.DOT, "options": [str(i) for i in range(36)]}, "rounds.error.too_many_options"),
        ({"mode": RoundMode.DOT, "options": ["a", "b"], "budget": -1}, "rounds.error.budget_invalid"),
        ({"mode": RoundMode.DOT, "options": ["a", "b"], "cap": -2}, "rounds.error.cap_invalid"),
        ({"mode": RoundMode.SCALE, "question": "   "}, "rounds.error.question_empty"),
    ],
)
def test_bad_settings_are_refused(project: Project, room: dict, kw: dict, key: str) -> None:
    kw.setdefault("question", "Q ?")
    with pytest.raises(ValidationError) as error:
        start_round(project, room["w"], room["i"], RoundSpec(**kw))
    assert error.value.key == key
    assert rounds_of(project, room["w"]) == []


def test_nobody_present_is_refused(project: Project, room: dict) -> None:
    for pid in room["p"].values():
        project.set_attendance(room["w"], pid, Attendance.EXCUSED)
    with pytest.raises(ValidationError) as error:
        start(project, room, RoundMode.SCALE)
    assert error.value.key == "rounds.error.nobody_present"


def test_budget_zero_means_the_default_and_parse_count_refuses_zero() -> None:
    from workshop.rounds import default_budget, default_cap, parse_count

    assert default_budget(2) == 3 and default_budget(12) == 4 and default_budget(60) == 10
    assert default_cap(5) == 3
    assert parse_count("", "budget") == 0
    assert parse_count(" 4 ", "budget") == 4
    for bad in ("0", "-1", "abc", "1000"):
        with pytest.raises(ValidationError):
            parse_count(bad, "budget")


def test_dot_defaults_and_cap_never_above_budget(project: Project, room: dict) -> None:
    spec = get_round(project, start(project, room, RoundMode.DOT, options=list("abcdef"))).spec
    assert (spec.budget, spec.cap) == (3, 2)
    spec = get_round(project, start(project, room, RoundMode.DOT, options=["a", "b"], budget=2, cap=9)).spec
    assert (spec.budget, spec.cap) == (2, 2)


# Modes ----------------------------------------------------------------------------------------
def vote_all(project: Project, round_id: int, choices: list) -> None:
    for choice in choices:
        voter = get_round(project, round_id).current
        if choice == "skip":
            skip(project, round_id, voter)
        else:
            cast(project, round_id, voter, choice)


def test_dot_vote_counts_points_sorted_best_first(project: Project, room: dict) -> None:
    rid = start(project, room, RoundMode.DOT, options=["Lait", "Pain", "Miel"], budget=3, cap=2)
    vote_all(project, rid, [[2, 1, 0], {1: 2, 2: 1}, [0, 0, 2], [1, 1, 1], [0, 2, 0], [0, 0, 0]])
    result = results(project, rid)
    assert [(o.label, o.count) for o in result.options] == [("Pain", 6), ("Miel", 4), ("Lait", 3)]
    assert result.options[0].key == "2"
    assert sum(o.share for o in result.options) == pytest.approx(1)
    assert get_round(project, rid).done


def test_dot_ballot_over_budget_or_cap_is_refused(project: Project, room: dict) -> None:
    rid = start(project, room, RoundMode.DOT, options=["a", "b", "c"], budget=3, cap=2)
    voter = get_round(project, rid).current
    for bad, key in (([3, 0, 0], "rounds.error.over_cap"), ([2, 2, 0], "rounds.error.over_budget"), ([1, 1], "rounds.error.bad_choice")):
        with pytest.raises(ValidationError) as error:
            cast(project, rid, voter, bad)
        assert error.value.key == key
    assert get_round(project, rid).current == voter  # nothing was cast


def test_scale_counts_and_mean(project: Project, room: dict) -> None:
    rid = start(project, room, RoundMode.SCALE)
    vote_all(project, rid, [5, 4, 4, None, 1, "skip"])
    result = results(project, rid)
    assert [o.value for o in result.options] == [1, 2, 3, 4, 5]
    assert {o.value: o.count for o in result.options} == {1: 1, 2: 0, 3: 0, 4: 2, 5: 1}
    assert result.mean == 3.5 and result.blank == 1
    assert result.options[4].label.startswith("5")
    with pytest.raises(ValidationError):
        rid2 = start(project, room, RoundMode.SCALE)
        cast(project, rid2, get_round(project, rid2).current, 6)


def test_single_choice(project: Project, room: dict) -> None:
    rid = start(project, room, RoundMode.SINGLE, options=["Oui", "Non", "Peut-être"])
    vote_all(project, rid, [1, 1, 0, 2, 1, 0])
    assert [(o.label, o.count) for o in results(project, rid).options] == [("Non", 3), ("Oui", 2), ("Peut-être", 1)]


def test_consent_passes_without_objection(project: Project, room: dict) -> None:
    rid = start(project, room, RoundMode.CONSENT)
    voters = get_round(project, rid).voters
    cast(project, rid, voters[0], ConsentAnswer.AGREE, reason="ignored for agree")
    cast(project, rid, voters[1], ConsentAnswer.RESERVATION, reason="Le budget est flou")
    cast(project, rid, voters[2], "abstain")
    result = results(project, rid)
    assert result.passed is True
    assert result.consent == {"agree": 1, "reservation": 1, "objection": 0, "abstain": 1}
    assert result.reasons == [("reservation", "Le budget est flou")]


def test_consent_blocked_by_one_objection_and_undecided_without_answers(project: Project, room: dict) -> None:
    rid = start(project, room, RoundMode.CONSENT)
    vote_all(project, rid, ["agree", "agree", "objection", "agree", "agree", "agree"])
    assert results(project, rid).passed is False
    rid = start(project, room, RoundMode.CONSENT)
    vote_all(project, rid, ["abstain", "skip"])
    assert results(project, rid).passed is None
    with pytest.raises(ValidationError):
        cast(project, rid, get_round(project, rid).current, "maybe")


def test_contribution_round_with_correction(project: Project, room: dict) -> None:
    rid = start(project, room, RoundMode.CONTRIBUTION, hidden=True)
    first = get_round(project, rid).current
    c1 = contribute(project, rid, first, "Confiance")
    c2 = contribute(project, rid, first, "Solidarté")
    edit_contribution(project, rid, c2.id, "Solidarité")
    c3 = contribute(project, rid, first, "doublon")
    remove_contribution(project, rid, c3.id)
    assert [c.text for c in turn_contributions(project, rid)] == ["Confiance", "Solidarité"]
    with pytest.raises(ValidationError) as error:
        contribute(project, rid, first, "   \n ")
    assert error.value.key == "rounds.error.contribution_empty"
    second = get_round(project, rid).voters[1]
    with pytest.raises(ValidationError):
        contribute(project, rid, second, "pas son tour")
    finish_turn(project, rid, first)
    assert turn_contributions(project, rid) == []
    with pytest.raises(ValidationError):
        contribute(project, rid, first, "encore")  # turn over
    stored = contributions(project, rid)
    assert [(c.text, c.participant_id, c.structure_id) for c in stored] == [
        ("Confiance", first, room["s"]["a"]),
        ("Solidarité", first, room["s"]["a"]),
    ]
    assert c1.id != c2.id
    assert not get_round(project, rid).revealed
    assert reveal(project, rid).revealed


def test_odd_texts_are_kept_literally(project: Project, room: dict, project_path: Path) -> None:
    rid = start(project, room, RoundMode.CONTRIBUTION, question="[bold]Q[/] ?")
    voter = get_round(project, rid).current
    for text in ODD_TEXTS:
        contribute(project, rid, voter, text)
    project.close()
    with Project.open(project_path) as reopened:
        # Markup and scripts kept as typed; control characters shown as their pictures (workshop.text).
        assert [c.text for c in contributions(reopened, rid)] == [
            "[bold]gras", "[/", "[red]Zoé[/]", "ligne\u2407\u241b[31m", "🌱 écologie", "x" * 10_000, "עברית"
        ]
        assert get_round(reopened, rid).spec.question == "[bold]Q[/] ?"


def test_too_long_text_is_refused(project: Project, room: dict) -> None:
    rid = start(project, room, RoundMode.CONTRIBUTION)
    with pytest.raises(ValidationError) as error:
        contribute(project, rid, get_round(project, rid).current, "x" * 20_001)
    assert error.value.key == "rounds.error.too_long"


def test_the_rounds_own_limit_decides(project: Project, room: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    # The rounds' limit (MAX_TEXT) is the one applied, not the general one of single-line
    # fields, which happens to be the same today: lowered, the rounds follow it.
    import workshop.rounds.engine as engine

    rid = start(project, room, RoundMode.CONTRIBUTION)
    monkeypatch.setattr(engine, "MAX_TEXT", 12)
    voter = get_round(project, rid).current
    contribute(project, rid, voter, "x" * 12)
    with pytest.raises(ValidationError) as error:
        contribute(project, rid, voter, "x" * 13)
    assert (error.value.key, error.value.params["limit"]) == ("rounds.error.too_long", 12)


def test_a_held_contribution_is_returned_as_kept(project: Project, room: dict) -> None:
    # In an anonymous round the text is held in memory; what the screen gets back is
    # the text as it will be saved (one line, spaces collapsed), as in an open round.
    for secret in (True, False):
        rid = start(project, room, RoundMode.CONTRIBUTION, secret=secret)
        kept = contribute(project, rid, get_round(project, rid).current, "  Une idée\n  sur deux   lignes ")
        assert kept.text == "Une idée sur deux lignes"
        assert kept.id > 0


# Turns: skip, proxy, no double vote, close --------------------------------------------------
def test_skip_then_proxy_then_recall(project: Project, room: dict) -> None:
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"])
    round_ = get_round(project, rid)
    v = round_.voters
    skip(project, rid, v[0])
    assert get_round(project, rid).current == v[1]
    cast(project, rid, v[0], 1, proxy=True)  # the facilitator votes for the skipped person
    assert get_round(project, rid).turns[v[0]] is TurnState.PROXY
    skip(project, rid, v[1])
    recall(project, rid, v[1])
    assert get_round(project, rid).current == v[1]
    cast(project, rid, v[1], 0)
    result = results(project, rid)
    assert result.proxies == [v[0]] and result.participants == [v[0], v[1]]
    assert result.skipped == []


def test_nobody_votes_twice(project: Project, room: dict) -> None:
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"])
    voter = get_round(project, rid).current
    cast(project, rid, voter, 0)
    for proxy in (False, True):
        with pytest.raises(ValidationError) as error:
            cast(project, rid, voter, 1, proxy=proxy)
        assert error.value.key == "rounds.error.already_taken"
    assert results(project, rid).ballots == 1


def test_closed_round_refuses_ballots_and_lists_who_was_not_reached(project: Project, room: dict) -> None:
    rid = start(project, room, RoundMode.SCALE)
    vote_all(project, rid, [3, 4])
    round_ = close_round(project, rid)
    assert round_.done and round_.current is None
    with pytest.raises(ValidationError) as error:
        cast(project, rid, round_.voters[2], 5)
    assert error.value.key == "rounds.error.closed"
    assert len(results(project, rid).not_reached) == 4


def test_auto_reveal_when_everyone_has_voted(project: Project, room: dict) -> None:
    rid = start(project, room, RoundMode.SCALE, auto_reveal=True)
    vote_all(project, rid, [3, 3, 3, 3, 3])
    assert not get_round(project, rid).revealed
    vote_all(project, rid, ["skip"])
    assert get_round(project, rid).revealed


# Weighting and per structure ---------------------------------------------------------------
def test_one_structure_one_voice(project: Project, room: dict) -> None:
    # Alpha (3 voters) all pick x; Bêta (2) and Gamma (1) pick y: y wins once weighted.
    for secret in (False, True):
        rid = start(project, room, RoundMode.SINGLE, options=["x", "y"], one_structure_one_voice=True, secret=secret)
        vote_all(project, rid, [0, 0, 0, 1, 1, 1])
        result = results(project, rid)
        assert result.weighted
        assert {o.label: o.count for o in result.options} == {"x": 1, "y": 2}
        assert result.options[0].label == "y"
        plain = start(project, room, RoundMode.SINGLE, options=["x", "y"], secret=secret)
        vote_all(project, plain, [0, 0, 0, 1, 1, 1])
        assert {o.label: o.count for o in results(project, plain).options} == {"x": 3, "y": 3}


def test_weighted_dot_vote_gives_fractions(project: Project, room: dict) -> None:
    rid = start(project, room, RoundMode.DOT, options=["x", "y"], budget=2, cap=2, one_structure_one_voice=True)
    vote_all(project, rid, [[2, 0], [1, 1], [0, 2], [2, 0], [0, 2], [1, 1]])
    counts = {o.label: o.count for o in results(project, rid).options}
    assert counts == {"x": pytest.approx(1 + 1 + 1), "y": pytest.approx(1 + 1 + 1)}


def test_open_breakdown_shows_every_structure(project: Project, room: dict) -> None:
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"])
    vote_all(project, rid, [0, 0, 1, 1, 1, 0])
    result = results(project, rid)
    assert [(s.name, s.ballots, [o.count for o in s.options]) for s in result.per_structure] == [
        ("Alpha", 3, [2, 1]),
        ("Bêta", 2, [0, 2]),
        ("Gamma", 1, [1, 0]),
    ]


def test_secret_breakdown_never_shows_a_lone_or_unanimous_structure(project: Project, room: dict) -> None:
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"], secret=True)
    vote_all(project, rid, [0, 0, 1, 1, 0, 1])  # Alpha mixed, Bêta mixed, Gamma alone
    result = results(project, rid)
    shown = {s.name for s in result.per_structure}
    assert shown == {"Alpha"}  # Bêta's two voters would each read the other's vote
    # Gamma's single ballot would be read by subtraction if both others were shown.
    covered = sum(s.ballots for s in result.per_structure)
    assert result.ballots - covered != 1
    assert room["s"]["c"] in result.suppressed or room["s"]["c"] not in [s.structure_id for s in result.per_structure]

    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"], secret=True)
    vote_all(project, rid, [0, 0, 0, 1, 0, 1])  # Alpha unanimous
    assert "Alpha" not in {s.name for s in results(project, rid).per_structure}


# Secrecy of what is stored -----------------------------------------------------------------
def stored_round(path: Path, round_id: int) -> dict:
    return on_disk(path)["rounds"][str(round_id)]


def test_secret_ballots_cannot_be_linked_to_voters(project: Project, room: dict, project_path: Path) -> None:
    rid = start(project, room, RoundMode.DOT, options=list("abcdef"), budget=6, cap=6, secret=True)
    voters = get_round(project, rid).voters
    # Each voter puts all points on "their" option: a link would show in the file.
    for index, voter in enumerate(voters):
        choice = [0] * 6
        choice[index] = 6
        cast(project, rid, voter, choice, proxy=(index == 2))
    doc = stored_round(project_path, rid)
    for ballot in doc["ballots"]:
        assert set(ballot) == {"choice", "reason", "structure_id"}
    for forbidden in ("voter", "time", "created", "proxy\": true", "participant"):
        assert forbidden not in json.dumps(doc["ballots"])
    # Who voted is kept, and who voted by proxy.
    assert doc["turns"] == {str(v): ("proxy" if i == 2 else "taken") for i, v in enumerate(voters)}
    assert doc["unsaved"] == []
    # No tag names fewer than three people: Alpha's three ballots may carry it, no other.
    assert {b["structure_id"] for b in doc["ballots"]} <= {None, room["s"]["a"]}
    assert "Chloé" not in json.dumps(doc)
    # Ballots are stored in a shuffled order (6! orders: checked over several rounds so the test does not flake).
    orders = []
    for _ in range(3):
        rid2 = start(project, room, RoundMode.SINGLE, options=list("abcdef"), secret=True)
        for index, voter in enumerate(voters):
            cast(project, rid2, voter, index)
        orders.append([b["choice"] for b in stored_round(project_path, rid2)["ballots"]])
    assert any(order != list(range(6)) for order in orders)
    assert all(sorted(order) == list(range(6)) for order in orders)
    assert results(project, rid).ballots == 6


def test_secret_ballots_reach_the_file_three_voters_at_a_time(project: Project, room: dict, project_path: Path) -> None:
    rid = start(project, room, RoundMode.SCALE, secret=True)
    voters = get_round(project, rid).voters
    written = []
    for index, voter in enumerate(voters):
        cast(project, rid, voter, 1 + index % 5)
        doc = stored_round(project_path, rid)
        written.append(len(doc["ballots"]))
        waiting = [v for v in voters if doc["turns"][str(v)] == "pending"]
        # Held voters are still pending in the file, and listed as waiting for their batch.
        assert set(doc["unsaved"]) == set(voters[: index + 1]) - {v for v in voters if doc["turns"][str(v)] == "taken"}
        assert len(waiting) == len(voters) - written[-1]
        # The app itself sees every turn taken so far.
        assert get_round(project, rid).progress == (index + 1, 6)
    assert written == [0, 0, 3, 3, 3, 6]


def test_a_batch_waits_rather_than_end_the_round_on_fewer_than_three(project: Project, room: dict, project_path: Path) -> None:
    # Five voters (Chloé excused): writing the first three would leave a last batch of two.
    project.set_attendance(room["w"], room["p"]["c1"], Attendance.EXCUSED)
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"], secret=True)
    written = []
    for voter in get_round(project, rid).voters:
        cast(project, rid, voter, 0)
        written.append(len(stored_round(project_path, rid)["ballots"]))
    assert written == [0, 0, 0, 0, 5]


def test_the_batch_size_is_a_setting_of_at_least_two(project: Project, room: dict, project_path: Path) -> None:
    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"], secret=True, batch_size=2)
    written = []
    for voter in get_round(project, rid).voters:
        cast(project, rid, voter, 1)
        written.append(len(stored_round(project_path, rid)["ballots"]))
    assert written == [0, 2, 2, 4, 4, 6]
    with pytest.raises(ValidationError) as error:
        start(project, room, RoundMode.SINGLE, options=["x", "y"], secret=True, batch_size=1)
    assert error.value.key == "rounds.error.batch_invalid"


def test_reveal_and_close_write_what_is_held(project: Project, room: dict, project_path: Path) -> None:
    rid = start(project, room, RoundMode.SCALE, secret=True)
    voters = get_round(project, rid).voters
    cast(project, rid, voters[0], 4)
    assert results(project, rid).ballots == 1  # the app counts what it holds
    assert stored_round(project_path, rid)["ballots"] == []
    close_round(project, rid)
    doc = stored_round(project_path, rid)
    assert [b["choice"] for b in doc["ballots"]] == [4] and doc["unsaved"] == []
    assert results(project, rid).not_reached == voters[1:]

    rid = start(project, room, RoundMode.SCALE, secret=True)
    vote_all(project, rid, [1, 2, 3, 4, "skip", "skip"])  # the last two may be called back: held
    assert len(stored_round(project_path, rid)["ballots"]) == 3
    reveal(project, rid)
    assert sorted(b["choice"] for b in stored_round(project_path, rid)["ballots"]) == [1, 2, 3, 4]


def test_a_structure_tag_never_names_fewer_than_three_people(project: Project, room: dict, project_path: Path) -> None:
    a = room["s"]["a"]
    for weighted in (False, True):
        rid = start(project, room, RoundMode.SINGLE, options=["x", "y", "z"], secret=True, one_structure_one_voice=weighted)
        vote_all(project, rid, [0, 1, 1, 2, 0, 2])  # Alpha (3 voters), Bêta (2), Gamma (1)
        doc = stored_round(project_path, rid)
        tags = sorted(x["choice"] for x in doc["ballots"] if x["structure_id"] == a)
        assert tags == [0, 1, 1], "Alpha's three ballots carry its tag"
        assert all(x["structure_id"] in (None, a) for x in doc["ballots"])
        result = results(project, rid)
        assert {s.name for s in result.per_structure} == {"Alpha"}
    # Weighted: Bêta and Gamma are untagged; their weighted sum is kept with the round.
    assert stored_round(project_path, rid)["pooled"] == {"0": "1/2", "2": "3/2"}
    counts = {o.label: o.count for o in results(project, rid).options}
    assert counts == {"x": pytest.approx(1 / 3 + 1 / 2), "y": pytest.approx(2 / 3), "z": pytest.approx(1 / 2 + 1)}


def test_weighted_results_survive_a_restart_after_each_ballot(project: Project, room: dict, project_path: Path) -> None:
    """#13: a secret dot vote weighted by structure gave other results after a crash."""
    choices = [[2, 0], [2, 0], [1, 1], [0, 2], [0, 2], [2, 0]]  # Alpha, Alpha, Alpha, Bêta, Bêta, Gamma
    spec = dict(options=["A", "B"], budget=2, cap=2, secret=True, one_structure_one_voice=True)
    rid = start(project, room, RoundMode.DOT, **spec)
    vote_all(project, rid, choices)
    expected = {o.label: o.count for o in results(project, rid).options}
    assert expected == {"A": pytest.approx(5 / 3 + 2), "B": pytest.approx(1 / 3 + 2)}
    for stop_after in range(1, 6):
        rid = start(project, room, RoundMode.DOT, **spec)
        voters = get_round(project, rid).voters
        by_voter = dict(zip(voters, choices, strict=True))
        for voter in voters[:stop_after]:
            cast(project, rid, voter, by_voter[voter])
        project.store.close()  # the app stops: what it held is gone
        with Project.open(project_path) as again:
            lost = lost_turns(again, rid)
            round_ = get_round(again, rid)
            assert lost == [v for v in voters[:stop_after] if round_.turns[v] is TurnState.PENDING]
            while (voter := get_round(again, rid).current) is not None:
                cast(again, rid, voter, by_voter[voter])
            assert {o.label: o.count for o in results(again, rid).options} == expected, f"stopped after {stop_after}"
        project = Project.open(project_path)
    project.close()


def test_anonymous_contributions_carry_no_author_and_no_turn_on_disk(project: Project, room: dict, project_path: Path) -> None:
    rid = start(project, room, RoundMode.CONTRIBUTION, secret=True)
    typed: list[str] = []
    typed_ids: list[int] = []
    for voter in get_round(project, rid).voters:
        for n in range(2):
            text = f"idée {n} de {voter}"
            typed_ids.append(contribute(project, rid, voter, text).id)
            typed.append(text)
            doc = stored_round(project_path, rid)
            # During the turn, nothing on disk points at what this voter typed.
            assert "turn_ids" not in doc
            assert text not in json.dumps(doc)
        assert [c.text for c in turn_contributions(project, rid)] == typed[-2:]
        finish_turn(project, rid, voter)
    doc = stored_round(project_path, rid)
    for item in doc["contributions"]:
        assert set(item) == {"id", "text"}
    assert all(c.participant_id is None and c.structure_id is None for c in contributions(project, rid))
    ids = [c["id"] for c in doc["contributions"]]
    assert len(set(ids)) == len(ids) == 12
    assert sorted(ids) != list(range(1, 13)), "ids are not a counter"
    assert typed_ids != sorted(typed_ids), "ids do not follow the typing order"
    assert [c["text"] for c in doc["contributions"]] != typed, "texts are not stored in typing order"
    assert sorted(c["text"] for c in doc["contributions"]) == sorted(typed)


def test_lost_turns_after_a_restart(project: Project, room: dict, project_path: Path) -> None:
    rid = start(project, room, RoundMode.DOT, options=["a", "b"], secret=True)
    first, second, third, fourth = get_round(project, rid).voters[:4]
    for voter in (first, second, third, fourth):
        cast(project, rid, voter, [1, 1])
    project.close()
    with Project.open(project_path) as again:
        round_ = get_round(again, rid)
        assert round_.current == fourth, "the first batch of three was written; the fourth ballot was held"
        assert round_.progress == (3, 6)
        assert lost_turns(again, rid) == [fourth]
        with pytest.raises(ValidationError):
            cast(again, rid, second, [0, 1])
        cast(again, rid, fourth, [2, 0])
        assert lost_turns(again, rid) == []
        assert results(again, rid).ballots == 4


# Minutes -------------------------------------------------------------------------------------
def test_minutes_blocks(project: Project, room: dict) -> None:
    rid = start(project, room, RoundMode.CONSENT, question="Adopter la charte ?")
    vote_all(project, rid, ["agree", "objection", "agree", "reservation", "skip", "agree"])
    voters = get_round(project, rid).voters
    cid = start(project, room, RoundMode.DOT, options=["[x]", "y|z"], question="Priorités", budget=3, cap=3)
    vote_all(project, cid, [[2, 1], [0, 3], "skip", [1, 1], [1, 0], [0, 2]])
    cast(project, cid, voters[2], [1, 0], proxy=True)
    workshop = project.workshop(room["w"])
    item = project.agenda_item(room["i"])
    # In the sequence: one line per round, numbered as in annex A.
    [summary] = minutes_blocks(ITEM, project, workshop, item)
    assert summary.caption == "Tours de table de cette séquence (détail en annexe A)"
    assert summary.rows == (
        ("A.1", "Adopter la charte ?", "Consentement", "5/6", "Non adoptée : objection"),
        ("A.2", "Priorités", "Vote par points", "6/6", "y|z (7 pts) ; [x] (5 pts)"),
    )
    # In annex A: each round in full.
    annex = minutes_blocks(ANNEX, project, workshop, None)
    headings = [(b.level, b.text) for b in annex if isinstance(b, Heading)]
    assert headings == [(2, "Annexe A — Tours de table, un par un"), (3, "A.1 — Adopter la charte ?"), (3, "A.2 — Priorités")]
    tables = [b for b in annex if isinstance(b, Table)]
    dot_table = next(tb for tb in tables if tb.header[1] == "Points")
    assert dot_table.rows == (("y|z", "7", "58 %"), ("[x]", "5", "42 %"))  # literal: the writers escape it
    assert dot_table.total == ("Total", "12", "100 %") and "points" in dot_table.caption
    paragraphs = " ".join(b.text for b in annex if isinstance(b, Paragraph))
    skipped = voter_label(project, get_round(project, rid), voters[4])[0]
    assert f"N'ont pas pris part : {skipped}" in paragraphs
    assert "Par procuration : Aya" in paragraphs and "secret" not in paragraphs.split("Priorités")[0]
    assert "Ont pris part" not in paragraphs  # the people present are listed once, under Participants
    lists = [b for b in annex if isinstance(b, BulletList)]
    assert "Non adoptée" in lists[0].items[0]
    # In the synthesis: the decision by consent.
    from workshop.rounds.minutes import outcomes

    [decided] = outcomes(project, workshop).decisions
    assert decided.subject == "Adopter la charte ?"
    assert decided.decision == "non adoptée, objection (d'accord : 3, réserve : 1, objection : 1) ; à retravailler"


def test_minutes_breakdown_per_structure_follows_the_ranking_with_totals(project: Project, room: dict) -> None:
    from workshop.rounds.minutes import structure_table

    options = [f"option {n}" for n in range(8)]
    many = start(project, room, RoundMode.SINGLE, options=options)
    vote_all(project, many, [0, 1, 1, 2, 2, 2])
    (table_,) = [b for b in structure_table(results(project, many)) if isinstance(b, Table)]
    assert table_.header == ("Option", "Alpha (3 bulletins)", "Bêta (2 bulletins)", "Gamma (1 bulletin)", "Total")
    # The options in the order of the results (most votes first), the same direction however many there are.
    assert [row[0] for row in table_.rows][:3] == ["option 2", "option 1", "option 0"]
    assert table_.rows[0] == ("option 2", "0", "2", "1", "3") and table_.rows[1] == ("option 1", "2", "0", "0", "2")
    assert table_.total == ("Total", "3", "2", "1", "6")
    assert "(voix)" in table_.caption


def test_a_secret_round_as_stored_is_checked_when_the_project_is_read(project: Project, room: dict, project_path: Path) -> None:
    """The batches' fields are part of the file's checked shape (workshop/validation.py)."""
    from workshop.errors import ProjectDamaged

    rid = start(project, room, RoundMode.SINGLE, options=["x", "y"], secret=True, one_structure_one_voice=True)
    vote_all(project, rid, [0, 1, 1, 0])  # Alpha's three tagged; Béa held in memory
    project.close()
    doc = stored_round(project_path, rid)
    assert doc["unsaved"] and doc["pooled"] == {}
    Project.open(project_path).close()  # reads as a valid project
    data = on_disk(project_path)
    data["rounds"][str(rid)]["pooled"] = {"0": "-1/2"}
    project_path.write_text(json.dumps(data), encoding="utf-8")
    before = project_path.read_bytes()
    with pytest.raises(ProjectDamaged) as error:
        Project.open(project_path)
    assert "pooled" in error.value.message()
    assert project_path.read_bytes() == before
