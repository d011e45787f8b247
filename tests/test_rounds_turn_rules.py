"""The rules of a turn: who may type or vote now, what each action is refused with, what is stored.

Each refusal carries the sentence the facilitator sees; nothing is saved when
an action is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rounds_room import Room, make_room, stored
from workshop.errors import ValidationError
from workshop.project import Project
from workshop.rounds import (
    Contribution,
    RoundMode,
    RoundSpec,
    TurnState,
    cast,
    check_choice,
    close_round,
    contribute,
    contributions,
    engine,
    finish_turn,
    get_round,
    reveal,
    skip,
    turn_contributions,
)


@pytest.fixture
def room(project: Project) -> Room:
    return make_room(project)


def refused(room: Room, rid: int, call: object, *args: object, **kwargs: object) -> str:
    before = stored(room.project.path, rid)
    with pytest.raises(ValidationError) as error:
        call(room.project, rid, *args, **kwargs)
    assert stored(room.project.path, rid) == before
    return error.value.key


# Contribution rounds ------------------------------------------------------------------------------
@pytest.mark.parametrize("secret", [False, True])
def test_who_may_type(room: Room, secret: bool) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=secret)
    v = get_round(room.project, rid).voters
    assert refused(room, rid, contribute, v[1], "Pas mon tour") == "rounds.error.not_their_turn"
    assert refused(room, rid, contribute, room.people["b3"], "Absent") == "rounds.error.not_a_voter"
    assert refused(room, rid, contribute, v[0], " \t ") == "rounds.error.contribution_empty"
    contribute(room.project, rid, v[0], "Idée")
    finish_turn(room.project, rid, v[0])
    assert refused(room, rid, contribute, v[0], "Encore") == "rounds.error.already_taken"
    assert refused(room, rid, finish_turn, v[0]) == "rounds.error.already_taken"
    skip(room.project, rid, v[1])
    assert refused(room, rid, contribute, v[1], "Passé") == "rounds.error.already_taken"
    close_round(room.project, rid)
    assert refused(room, rid, contribute, v[2], "Trop tard") == "rounds.error.closed"
    assert refused(room, rid, finish_turn, v[2]) == "rounds.error.closed"
    assert refused(room, rid, skip, v[2]) == "rounds.error.closed"


def test_votes_and_contributions_do_not_mix(room: Room) -> None:
    vote = room.start(RoundMode.SCALE)
    first = get_round(room.project, vote).current
    assert refused(room, vote, contribute, first, "Idée") == "rounds.error.wrong_mode"
    assert refused(room, vote, finish_turn, first) == "rounds.error.wrong_mode"
    talk = room.start(RoundMode.CONTRIBUTION)
    assert refused(room, talk, cast, first, 3) == "rounds.error.wrong_mode"
    with pytest.raises(ValidationError) as error:
        check_choice(RoundSpec(question="Q ?", mode=RoundMode.CONTRIBUTION), 1)
    assert error.value.key == "rounds.error.wrong_mode"


def test_open_contributions_name_their_author(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONTRIBUTION)
    v = get_round(room.project, rid).voters
    first = contribute(room.project, rid, v[0], "Idée d'Anne")
    finish_turn(room.project, rid, v[0])
    second = contribute(room.project, rid, v[1], "Idée d'Arthur, dictée", proxy=True)
    assert (first.id, second.id) == (1, 2)  # an open round numbers its contributions
    assert second == Contribution(2, "Idée d'Arthur, dictée", v[1], room.alpha, True)
    assert turn_contributions(room.project, rid) == [second]
    finish_turn(room.project, rid, v[1], proxy=True)
    doc = stored(project_path, rid)
    assert doc["contributions"] == [
        {"id": 1, "text": "Idée d'Anne", "participant_id": v[0], "structure_id": room.alpha, "proxy": False},
        {"id": 2, "text": "Idée d'Arthur, dictée", "participant_id": v[1], "structure_id": room.alpha, "proxy": True},
    ]
    assert doc["turns"][str(v[0])] == "taken" and doc["turns"][str(v[1])] == "proxy"
    assert doc["turn_ids"] == [] and doc["next_id"] == 3


def test_a_structure_round_credits_the_structure(room: Room) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, by_structure=True)
    typed = contribute(room.project, rid, room.alpha, "Idée d'Alpha")
    assert (typed.participant_id, typed.structure_id) == (None, room.alpha)


def test_an_open_contribution_round_reveals_itself_when_everyone_is_done(room: Room) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, auto_reveal=True)
    v = get_round(room.project, rid).voters
    for voter in v[:-1]:
        finish_turn(room.project, rid, voter)
        assert not get_round(room.project, rid).revealed
    skip(room.project, rid, v[-1])
    assert get_round(room.project, rid).revealed


def test_anonymous_ids_are_drawn_again_when_taken(room: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    v = get_round(room.project, rid).voters
    draws = iter([7, 7, 9, 9, 7, 11])

    class Drawn:
        def randrange(self, start: int, stop: int | None = None) -> int:
            if stop is None:  # a place in a list: first
                return 0
            assert (start, stop) == (1, 2**31)
            return next(draws)

        def shuffle(self, items: list) -> None:
            pass

    monkeypatch.setattr(engine, "_random", Drawn())
    assert contribute(room.project, rid, v[0], "a").id == 7
    assert contribute(room.project, rid, v[0], "b").id == 9  # 7 is taken by what is typed
    finish_turn(room.project, rid, v[0])
    assert contribute(room.project, rid, v[1], "c").id == 11  # 9 and 7 are held with the finished turn
    close_round(room.project, rid)
    assert sorted(c.id for c in contributions(room.project, rid)) == [7, 9, 11]
    reopened = room.start(RoundMode.CONTRIBUTION, secret=True)
    draws = iter([5])
    assert contribute(room.project, reopened, v[0], "d").id == 5


def test_anonymous_ids_avoid_those_already_written(room: Room, monkeypatch: pytest.MonkeyPatch) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    v = get_round(room.project, rid).voters
    contribute(room.project, rid, v[0], "a")
    finish_turn(room.project, rid, v[0])
    reveal(room.project, rid)  # written
    written = contributions(room.project, rid)[0].id
    draws = iter([written, written + 1])

    class Drawn:
        def randrange(self, start: int, stop: int | None = None) -> int:
            return 0 if stop is None else next(draws)

    monkeypatch.setattr(engine, "_random", Drawn())
    assert contribute(room.project, rid, v[1], "b").id == written + 1


@pytest.mark.parametrize("secret", [False, True])
def test_a_voter_who_typed_is_not_skipped_but_a_later_one_may_be(room: Room, secret: bool) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=secret)
    v = get_round(room.project, rid).voters
    contribute(room.project, rid, v[0], "Idée")
    assert refused(room, rid, skip, v[0]) == "rounds.error.skip_has_contributions"
    assert skip(room.project, rid, v[2]).turns[v[2]] is TurnState.SKIPPED  # away; their turn will not come
    assert get_round(room.project, rid).current == v[0]
    assert refused(room, rid, skip, v[2]) == "rounds.error.already_taken"


def test_closing_writes_what_an_anonymous_voter_was_typing(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    v = get_round(room.project, rid).voters
    contribute(room.project, rid, v[0], "Première")
    contribute(room.project, rid, v[0], "Seconde")
    round_ = close_round(room.project, rid)
    assert round_.turns[v[0]] is TurnState.PENDING  # their turn stays unfinished, as in an open round
    doc = stored(project_path, rid)
    assert sorted(c["text"] for c in doc["contributions"]) == ["Première", "Seconde"]
    assert all(set(c) == {"id", "text"} for c in doc["contributions"])
    assert doc["unsaved"] == [] and doc["status"] == "closed"
    assert turn_contributions(room.project, rid) == []
    assert close_round(room.project, rid).done  # closing again changes nothing
    assert stored(project_path, rid) == doc


def test_closing_an_open_round_ends_the_turn_in_progress(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONTRIBUTION)
    v = get_round(room.project, rid).voters
    contribute(room.project, rid, v[0], "Idée")
    close_round(room.project, rid)
    doc = stored(project_path, rid)
    assert doc["turn_ids"] == [] and doc["status"] == "closed"
    assert [c["text"] for c in doc["contributions"]] == ["Idée"]
    assert get_round(room.project, rid).current is None


# Vote rounds --------------------------------------------------------------------------------------
def test_an_open_ballot_as_stored(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONSENT)
    v = get_round(room.project, rid).voters
    cast(room.project, rid, v[0], "objection", reason="  Trop  cher ")
    skip(room.project, rid, v[1])
    cast(room.project, rid, v[1], "agree", reason="Sans objet", proxy=True)
    cast(room.project, rid, v[2], "reservation", proxy=True)
    doc = stored(project_path, rid)
    assert doc["ballots"] == [
        {"choice": "objection", "reason": "Trop cher", "structure_id": room.alpha, "voter": v[0], "proxy": False},
        {"choice": "agree", "reason": "", "structure_id": room.alpha, "voter": v[1], "proxy": True},
        {"choice": "reservation", "reason": "", "structure_id": room.alpha, "voter": v[2], "proxy": True},
    ]
    assert [doc["turns"][str(x)] for x in v[:3]] == ["taken", "proxy", "proxy"]


def test_only_a_skipped_voter_gets_a_proxy_vote_after_their_turn(room: Room) -> None:
    rid = room.start(RoundMode.SCALE)
    v = get_round(room.project, rid).voters
    cast(room.project, rid, v[0], 3)
    assert refused(room, rid, cast, v[0], 4, proxy=True) == "rounds.error.already_taken"
    skip(room.project, rid, v[1])
    assert refused(room, rid, cast, v[1], 4) == "rounds.error.already_taken"  # back: recall them first
    assert cast(room.project, rid, v[1], 4, proxy=True).turns[v[1]] is TurnState.PROXY
    assert refused(room, rid, cast, 999, 4) == "rounds.error.not_a_voter"
    assert refused(room, rid, skip, 999) == "rounds.error.not_a_voter"


@pytest.mark.parametrize(
    ("mode", "choice", "stored"),
    [
        (RoundMode.DOT, {"1": 2, 2: 1}, [0, 2, 1]),
        (RoundMode.DOT, [1, 0, 2], [1, 0, 2]),
        (RoundMode.DOT, [0, 0, 0], [0, 0, 0]),
        (RoundMode.DOT, {}, [0, 0, 0]),
        (RoundMode.SCALE, 1, 1),
        (RoundMode.SCALE, "5", 5),
        (RoundMode.SCALE, None, None),
        (RoundMode.SINGLE, 0, 0),
        (RoundMode.SINGLE, 2, 2),
        (RoundMode.SINGLE, None, None),
    ],
)
def test_choices_accepted(mode: RoundMode, choice: object, stored: object) -> None:
    spec = RoundSpec(question="Q ?", mode=mode, options=["a", "b", "c"], budget=3, cap=2)
    assert check_choice(spec, choice) == (stored, "")


@pytest.mark.parametrize(
    ("mode", "choice", "key"),
    [
        (RoundMode.DOT, {3: 1}, "rounds.error.bad_choice"),
        (RoundMode.DOT, {-1: 1}, "rounds.error.bad_choice"),
        (RoundMode.DOT, [1, -1, 0], "rounds.error.bad_choice"),
        (RoundMode.DOT, [1, 1, 0, 0], "rounds.error.bad_choice"),
        (RoundMode.DOT, None, "rounds.error.bad_choice"),
        (RoundMode.DOT, [0, 3, 0], "rounds.error.over_cap"),
        (RoundMode.DOT, {0: 2, 1: 2}, "rounds.error.over_budget"),
        (RoundMode.SCALE, 0, "rounds.error.bad_choice"),
        (RoundMode.SCALE, 6, "rounds.error.bad_choice"),
        (RoundMode.SCALE, True, "rounds.error.bad_choice"),
        (RoundMode.SINGLE, 3, "rounds.error.bad_choice"),
        (RoundMode.SINGLE, -1, "rounds.error.bad_choice"),
        (RoundMode.SINGLE, False, "rounds.error.bad_choice"),
        (RoundMode.CONSENT, "peut-être", "rounds.error.bad_choice"),
        (RoundMode.CONSENT, None, "rounds.error.bad_choice"),
    ],
)
def test_choices_refused(mode: RoundMode, choice: object, key: str) -> None:
    spec = RoundSpec(question="Q ?", mode=mode, options=["a", "b", "c"], budget=3, cap=2)
    with pytest.raises(ValidationError) as error:
        check_choice(spec, choice)
    assert error.value.key == key


def test_limits_are_said_in_the_refusal() -> None:
    spec = RoundSpec(question="Q ?", mode=RoundMode.DOT, options=["a", "b", "c"], budget=3, cap=2)
    with pytest.raises(ValidationError) as error:
        check_choice(spec, [3, 0, 0])
    assert error.value.message() == "Au plus 2 point(s) par option."
    with pytest.raises(ValidationError) as error:
        check_choice(spec, [2, 2, 0])
    assert error.value.message() == "Au plus 3 point(s) en tout."


@pytest.mark.parametrize(
    ("answer", "reason", "kept"),
    [
        ("agree", "Pourquoi pas", ""),
        ("abstain", "Je ne sais pas", ""),
        ("reservation", " Le  budget ", "Le budget"),
        ("objection", "", ""),  # an objection may come without a reason
    ],
)
def test_a_consent_reason_is_kept_with_reservations_and_objections_only(answer: str, reason: str, kept: str) -> None:
    spec = RoundSpec(question="Q ?", mode=RoundMode.CONSENT)
    assert check_choice(spec, answer, reason) == (answer, kept)


def test_a_secret_voter_whose_ballot_waits_for_its_batch_cannot_be_skipped(room: Room) -> None:
    rid = room.start(RoundMode.SCALE, secret=True)
    v = get_round(room.project, rid).voters
    cast(room.project, rid, v[0], 4)  # held: the file still says "pending"
    assert refused(room, rid, skip, v[0]) == "rounds.error.already_taken"
    assert get_round(room.project, rid).turns[v[0]] is TurnState.TAKEN


def test_the_anonymous_typist_after_a_held_turn_cannot_be_skipped(room: Room) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    v = get_round(room.project, rid).voters
    contribute(room.project, rid, v[0], "Idée")
    finish_turn(room.project, rid, v[0])  # held: the file still says "pending"
    contribute(room.project, rid, v[1], "En cours")
    assert refused(room, rid, skip, v[1]) == "rounds.error.skip_has_contributions"
    assert [c.text for c in turn_contributions(room.project, rid)] == ["En cours"]


def test_texts_typed_when_the_round_closes_take_any_place_among_those_written(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, secret=True)
    v = get_round(room.project, rid).voters
    for voter in v[:3]:
        contribute(room.project, rid, voter, f"Idée {voter}")
        finish_turn(room.project, rid, voter)  # the third turn writes the batch of three
    contribute(room.project, rid, v[3], "Première en cours")
    contribute(room.project, rid, v[3], "Seconde en cours")
    places: list[int] = []

    class Drawn:
        def randrange(self, stop: int) -> int:
            places.append(stop)
            return stop - 1  # the last place offered

    monkeypatch.setattr(engine, "_random", Drawn())
    close_round(room.project, rid)
    assert places == [4, 5]  # every place among the 3 written texts, then among the 4: none favoured
    assert [c.text for c in contributions(room.project, rid)][-2:] == ["Première en cours", "Seconde en cours"]
