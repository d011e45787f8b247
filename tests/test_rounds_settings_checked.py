"""Launching a round: the settings as checked and stored, the voters listed, the round's stored shape.

What the facilitator sets is kept as set (tick boxes, owner, batch size of a
secret round); what makes no sense for the mode is dropped (options of a scale,
points outside a dot vote); bad settings are refused with the sentence that
names the problem, and nothing is saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.disk import on_disk
from tests.rounds_room import Room, make_room
from workshop.errors import NotFound, ValidationError
from workshop.model import Attendance
from workshop.project import Project
from workshop.rounds import MAX_OPTIONS, RoundMode, RoundSpec, get_round, rounds_of, start_round


@pytest.fixture
def room(project: Project) -> Room:
    return make_room(project)


def stored(path: Path, round_id: int) -> dict:
    return on_disk(path)["rounds"][str(round_id)]


def refusal(room: Room, **settings: object) -> ValidationError:
    settings.setdefault("question", "Q ?")
    with pytest.raises(ValidationError) as error:
        start_round(room.project, room.workshop, room.item, RoundSpec(**settings))
    assert rounds_of(room.project, room.workshop) == []
    return error.value


# The settings kept ------------------------------------------------------------------------------
def test_every_tick_box_is_kept(room: Room) -> None:
    rid = room.start(
        RoundMode.SINGLE,
        question="  Quel   lieu ?  ",
        options=[" Gare ", "", "Mairie", "  "],
        secret=True,
        hidden=False,
        shuffle=True,
        by_structure=True,
        one_structure_one_voice=True,
        auto_reveal=True,
        owner="values:vote",
        batch_size=4,
    )
    spec = get_round(room.project, rid).spec
    assert spec.question == "Quel lieu ?"
    assert spec.options == ["Gare", "Mairie"]  # blank lines dropped
    assert (spec.secret, spec.hidden, spec.shuffle, spec.by_structure) == (True, False, True, True)
    assert (spec.one_structure_one_voice, spec.auto_reveal) == (True, True)
    assert (spec.owner, spec.batch_size, spec.budget, spec.cap) == ("values:vote", 4, 0, 0)


def test_what_a_mode_does_not_use_is_dropped(room: Room) -> None:
    spec = get_round(room.project, room.start(RoundMode.SCALE, options=["x", "y"], budget=5, cap=2, batch_size=4)).spec
    assert (spec.options, spec.budget, spec.cap, spec.batch_size) == ([], 0, 0, 0)  # batch size: open round
    spec = get_round(room.project, room.start(RoundMode.SINGLE, options=["x", "y"], budget=5, cap=2)).spec
    assert (spec.budget, spec.cap) == (0, 0)
    spec = get_round(room.project, room.start(RoundMode.CONSENT, secret=True)).spec
    assert (spec.options, spec.batch_size, spec.owner) == ([], 0, "")  # 0: the default batch


def test_dot_vote_points(room: Room) -> None:
    def points(**settings: object) -> tuple[int, int]:
        spec = get_round(room.project, room.start(RoundMode.DOT, **settings)).spec
        return spec.budget, spec.cap

    assert points(options=list("abcdefghijkl")) == (4, 2)  # a third of 12 options, half of that
    assert points(options=["a", "b"], budget=5) == (5, 3)
    assert points(options=["a", "b"], budget=99, cap=99) == (99, 99)
    assert points(options=["a", "b"], budget=4, cap=1) == (4, 1)
    assert points(options=["a", "b"], budget=3, cap=7) == (3, 3)  # never above the budget


def test_worded_phrases_are_kept_only_when_they_match_the_options(room: Room) -> None:
    phrase = {"key": "rounds.numbered", "params": {"n": 1}}
    spec = RoundSpec(
        question="Q ?",
        mode=RoundMode.SINGLE,
        options=["a", "b"],
        question_phrase={"text": "Q ?"},
        option_phrases=[phrase, phrase],
    )
    rid = start_round(room.project, room.workshop, room.item, spec).id
    doc = stored(room.project.path, rid)["spec"]
    assert doc["question_phrase"] == {"text": "Q ?"}
    assert doc["option_phrases"] == [phrase, phrase]
    spec.option_phrases = [phrase]  # one phrase for two options: not the options' wording
    rid = start_round(room.project, room.workshop, room.item, spec).id
    assert stored(room.project.path, rid)["spec"]["option_phrases"] == []


# Bad settings ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("settings", "key", "sentence"),
    [
        ({"mode": RoundMode.DOT, "options": ["a", "b"], "budget": 100}, "rounds.error.budget_invalid",
         "Le nombre de points par personne est un nombre entier entre 1 et 99."),
        ({"mode": RoundMode.DOT, "options": ["a", "b"], "cap": 100}, "rounds.error.cap_invalid",
         "Le plafond par option est un nombre entier entre 1 et 99."),
        ({"mode": RoundMode.SCALE, "secret": True, "batch_size": 1}, "rounds.error.batch_invalid",
         "Les bulletins secrets s'écrivent par groupes de 2 à 99 personnes."),
        ({"mode": RoundMode.SCALE, "secret": True, "batch_size": 100}, "rounds.error.batch_invalid",
         "Les bulletins secrets s'écrivent par groupes de 2 à 99 personnes."),
        ({"mode": RoundMode.DOT, "options": [f"o{i}" for i in range(MAX_OPTIONS + 1)]}, "rounds.error.too_many_options",
         f"{MAX_OPTIONS} options au plus (une touche par option : 1 à 9, puis a à z)."),
        ({"mode": RoundMode.SINGLE, "options": ["Vélo  partagé", "vélo partagé"]}, "rounds.error.duplicate_option",
         "L'option « vélo partagé » apparaît deux fois."),
        ({"mode": RoundMode.SINGLE, "options": ["seule", " ", ""]}, "rounds.error.too_few_options",
         "Un vote a besoin d'au moins deux options."),
        ({"mode": RoundMode.SCALE, "question": "\u200b "}, "rounds.error.question_empty", "Écrivez la question du tour."),
        ({"mode": RoundMode.SINGLE, "options": ["a", "x" * 20_001]}, "rounds.error.too_long",
         "Texte trop long (20000 caractères au plus)."),
    ],
)
def test_bad_settings_say_what_is_wrong(room: Room, settings: dict, key: str, sentence: str) -> None:
    error = refusal(room, **settings)
    assert error.key == key
    assert error.message().replace("\u202f", " ").replace("\u00a0", " ") == sentence


def test_options_that_only_look_alike_are_both_kept(room: Room) -> None:
    rid = room.start(RoundMode.SINGLE, options=["Vélo partagé", "Vélopartagé", None, "Vélo  Partagé bis"])
    assert get_round(room.project, rid).options == ["Vélo partagé", "Vélopartagé", "Vélo Partagé bis"]


def test_accepted_bounds(room: Room) -> None:
    spec = get_round(room.project, room.start(RoundMode.SCALE, secret=True, batch_size=2)).spec
    assert spec.batch_size == 2
    spec = get_round(room.project, room.start(RoundMode.SCALE, secret=True, batch_size=99)).spec
    assert spec.batch_size == 99
    options = [f"o{i}" for i in range(MAX_OPTIONS)]
    assert get_round(room.project, room.start(RoundMode.DOT, options=options)).options == options


def test_a_round_of_an_unknown_workshop_or_item_is_refused(room: Room) -> None:
    spec = RoundSpec(question="Q ?", mode=RoundMode.SCALE)
    with pytest.raises(NotFound):
        start_round(room.project, 99, 0, spec)
    with pytest.raises(NotFound):
        start_round(room.project, room.workshop, 99, spec)
    assert rounds_of(room.project, room.workshop) == []


def test_a_round_on_no_agenda_item(room: Room) -> None:
    round_ = start_round(room.project, room.workshop, 0, RoundSpec(question="Q ?", mode=RoundMode.SCALE))
    assert (round_.workshop_id, round_.item_id) == (room.workshop, 0)


# Voters -----------------------------------------------------------------------------------------
def test_one_turn_per_present_structure_in_project_order(room: Room) -> None:
    for person in ("a1", "a2", "a3"):
        room.project.set_attendance(room.workshop, room.people[person], Attendance.EXCUSED)
    round_ = get_round(room.project, room.start(RoundMode.SCALE, by_structure=True))
    assert round_.voters == [room.beta, room.gamma]  # Alpha has nobody present


def test_shuffled_voters_are_the_present_people_in_another_order(room: Room) -> None:
    present = get_round(room.project, room.start(RoundMode.SCALE)).voters
    orders = {tuple(get_round(room.project, room.start(RoundMode.SCALE, shuffle=True)).voters) for _ in range(12)}
    assert all(sorted(order) == sorted(present) for order in orders)
    assert len(orders) > 1  # 720 orders: twelve draws all equal would be a broken shuffle


# The stored shape -------------------------------------------------------------------------------
def test_an_open_round_as_stored(room: Room, project_path: Path) -> None:
    rid = room.start(RoundMode.CONTRIBUTION, hidden=True)
    doc = stored(project_path, rid)
    voters = [room.people[p] for p in ("a1", "a2", "a3", "b2", "b1", "c1")]
    assert {k: v for k, v in doc.items() if k != "spec"} == {
        "workshop_id": room.workshop,
        "item_id": room.item,
        "voters": voters,
        "turns": {str(v): "pending" for v in voters},
        "status": "open",
        "revealed": False,
        "ballots": [],
        "contributions": [],
        "next_id": 1,
        "turn_ids": [],
    }
    assert doc["spec"]["mode"] == "contribution" and doc["spec"]["hidden"] is True


@pytest.mark.parametrize(
    ("settings", "pooled"),
    [
        ({"mode": RoundMode.SCALE, "one_structure_one_voice": True}, True),
        ({"mode": RoundMode.SCALE}, False),
        ({"mode": RoundMode.SCALE, "one_structure_one_voice": True, "by_structure": True}, False),
        ({"mode": RoundMode.CONTRIBUTION, "one_structure_one_voice": True}, False),
    ],
)
def test_a_secret_round_as_stored(room: Room, project_path: Path, settings: dict, pooled: bool) -> None:
    rid = room.start(secret=True, **settings)
    doc = stored(project_path, rid)
    assert doc["unsaved"] == []
    assert "turn_ids" not in doc
    assert ("pooled" in doc) is pooled
    if pooled:
        assert doc["pooled"] == {}
