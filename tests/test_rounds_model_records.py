"""The records of a round (`workshop.rounds.model`): the keys that pick options, the
dot-vote defaults, the stored shape of the settings, a round's turns as the
facilitator follows them, and the app's own wording said in the current language.

Expected values come from the rules as DESIGN §3.3 and the docstrings state
them (a third of the options, at least 3, at most 10; half the budget rounded
up…), worked out by hand here.
"""

from __future__ import annotations

from typing import Any

import pytest

from workshop.i18n import set_language
from workshop.rounds.model import (
    CONSENT_ANSWERS,
    MAX_OPTIONS,
    ConsentAnswer,
    Contribution,
    Round,
    RoundMode,
    RoundSpec,
    RoundStatus,
    TurnState,
    default_budget,
    default_cap,
    option_index,
    option_key,
)


# Option keys ---------------------------------------------------------------------------------
def test_thirty_five_keys_digits_then_letters() -> None:
    assert MAX_OPTIONS == 35
    assert [option_key(i) for i in (0, 1, 8, 9, 10, 34)] == ["1", "2", "9", "a", "b", "z"]


@pytest.mark.parametrize(
    ("key", "index"),
    [("1", 0), ("2", 1), ("9", 8), ("a", 9), ("A", 9), ("b", 10), ("Z", 34), ("z", 34)],
)
def test_a_key_picks_its_option(key: str, index: int) -> None:
    assert option_index(key) == index


@pytest.mark.parametrize("key", ["0", "", " ", "é", "-", "12", "ab", "AB", "enter", "f1", "İ"])
def test_other_keys_pick_nothing(key: str) -> None:
    # "12" or "ab" are names of keys (or a paste), not the option 1 or a:
    # only one character picks; "0" is no option (options start at 1).
    assert option_index(key) is None


# Dot-vote defaults ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("options", "budget"),
    [(1, 3), (2, 3), (9, 3), (10, 4), (12, 4), (13, 5), (15, 5), (16, 6), (27, 9), (28, 10), (30, 10), (31, 10), (35, 10)],
)
def test_default_budget_is_a_third_of_the_options_between_3_and_10(options: int, budget: int) -> None:
    assert default_budget(options) == budget


@pytest.mark.parametrize(("budget", "cap"), [(0, 1), (1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (10, 5), (99, 50)])
def test_default_cap_is_half_the_budget_rounded_up(budget: int, cap: int) -> None:
    assert default_cap(budget) == cap


# Modes and answers ---------------------------------------------------------------------------------
def test_every_mode_but_contributions_is_a_vote() -> None:
    assert {mode: mode.is_vote for mode in RoundMode} == {
        RoundMode.CONTRIBUTION: False,
        RoundMode.DOT: True,
        RoundMode.SCALE: True,
        RoundMode.CONSENT: True,
        RoundMode.SINGLE: True,
    }


def test_reservations_and_objections_take_a_reason() -> None:
    assert CONSENT_ANSWERS == (ConsentAnswer.AGREE, ConsentAnswer.RESERVATION, ConsentAnswer.OBJECTION, ConsentAnswer.ABSTAIN)
    assert [a.takes_reason for a in CONSENT_ANSWERS] == [False, True, True, False]


# Stored settings ---------------------------------------------------------------------------------
def test_settings_are_stored_as_plain_values() -> None:
    spec = RoundSpec("Où ?", RoundMode.SINGLE, options=["Lyon", "Nantes"], secret=True, budget=0, batch_size=4)
    doc = spec.to_doc()
    assert doc == {
        "question": "Où ?",
        "mode": "single",
        "options": ["Lyon", "Nantes"],
        "secret": True,
        "hidden": True,
        "budget": 0,
        "cap": 0,
        "shuffle": False,
        "by_structure": False,
        "one_structure_one_voice": False,
        "auto_reveal": False,
        "owner": "",
        "batch_size": 4,
        "question_phrase": {},
        "option_phrases": [],
    }
    assert type(doc["mode"]) is str  # the file holds text, not the enum
    doc["options"].append("Brest")
    assert spec.options == ["Lyon", "Nantes"]  # the stored form is a copy


def test_settings_read_back_ignore_unknown_fields_and_default_the_options() -> None:
    spec = RoundSpec.from_doc({"question": "Note ?", "mode": "scale", "secret": True, "a_later_field": 1})
    assert spec == RoundSpec("Note ?", RoundMode.SCALE, secret=True)
    assert spec.mode is RoundMode.SCALE
    assert spec.options == []
    stored = {"question": "Où ?", "mode": "dot", "options": ("Lyon", "Nantes"), "budget": 3, "cap": 2}
    spec = RoundSpec.from_doc(stored)
    assert spec.options == ["Lyon", "Nantes"] and spec.budget == 3 and spec.cap == 2
    spec.options.append("Brest")
    assert stored["options"] == ("Lyon", "Nantes")


# The app's wording, said in the current language --------------------------------------------------
def spec_in(language: str, **doc: Any) -> RoundSpec:
    set_language(language)
    return RoundSpec.from_doc({"mode": "dot", **doc})


def test_a_question_stored_as_a_phrase_is_said_in_the_current_language() -> None:
    phrase = {"key": "values.round.vote_question"}
    spec = spec_in("en", question="Quelles valeurs ?", question_phrase=phrase, owner="values:vote")
    assert spec.question == "Which values do you want at the foundation of our cooperation?"
    spec = spec_in("fr", question="Which values?", question_phrase=phrase)
    assert spec.question == "Quelles valeurs voulez-vous placer au socle de notre coopération ?"


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("Quelles valeurs comptent pour vous dans cette coopération ?", "Which values matter to you in this cooperation?"),
        ("Quelles peurs pèsent le plus ?", "Which fears weigh most?"),
        (
            "Directions : que redoutent-ils de cette coopération ?",
            "Directors: what do they fear from this cooperation?",
        ),
        (
            "Quel objectif voudriez-vous poursuivre ensemble, au-delà de votre propre structure ? Écrivez-le en une phrase.",
            "What objective would you like to pursue together, beyond your own organisation? Write it in one sentence.",
        ),
        (
            "La phrase dit-elle précisément ce que nous visons ? (1 = pas du tout, 5 = tout à fait)",
            "Does the sentence say precisely what we aim for? (1 = not at all, 5 = fully)",
        ),
        (
            "Votre structure confirme-t-elle ses engagements tels que la grille les montre ?",
            "Does your organisation confirm its commitments as the grid shows them?",
        ),
    ],
)
def test_an_exercise_question_saved_before_phrases_is_recognised(french: str, english: str) -> None:
    assert spec_in("en", question=french, owner="an:exercise").question == english
    assert spec_in("fr", question=english, owner="an:exercise").question == french


def test_a_free_round_keeps_its_question_as_typed() -> None:
    typed = "Quelles valeurs comptent pour vous dans cette coopération ?"  # typed by the facilitator
    assert spec_in("en", question=typed, owner="").question == typed
    assert spec_in("en", question="Notre question à nous ?", owner="values:vote").question == "Notre question à nous ?"
    # an exercise's text that is not a question is no question of the app
    assert spec_in("en", question="Directions", owner="apt:round").question == "Directions"


def test_options_stored_as_phrases_are_said_when_they_match_the_options() -> None:
    phrases = [{"key": "apt.group.directions"}, {"key": "apt.group.users"}]
    spec = spec_in("en", question="Q ?", options=["Directions", "Usagers"], option_phrases=phrases)
    assert spec.options == ["Directors", "Service users"]
    # phrases that do not match the options one for one are not used
    spec = spec_in("en", question="Q ?", options=["Un", "Deux", "Trois"], option_phrases=phrases)
    assert spec.options == ["Un", "Deux", "Trois"]


def test_an_exercise_s_options_saved_before_phrases_are_recognised() -> None:
    options = [
        "Directions · Peur · Perdre la main",
        "Directions · Peur · Perdre la main (2)",
        "Usagers · Attrait · Un accueil unique",
        "Une option à nous",
    ]
    spec = spec_in("en", question="Quelles peurs pèsent le plus ?", options=options, owner="apt:weigh")
    assert spec.options == [
        "Directors · Fear · Perdre la main",
        "Directors · Fear · Perdre la main (2)",
        "Service users · Attraction · Un accueil unique",
        "Une option à nous",
    ]
    # a free round's options are the facilitator's, even when they look like the app's
    assert spec_in("en", question="Q ?", options=options[:1], owner="").options == options[:1]


# A round's turns ---------------------------------------------------------------------------------
def round_with(turns: dict[int, TurnState], status: RoundStatus = RoundStatus.OPEN) -> Round:
    spec = RoundSpec("Q ?", RoundMode.SINGLE, options=["x", "y"])
    return Round(1, 2, 3, spec, voters=list(turns), turns=dict(turns), status=status)


def test_the_current_voter_is_the_first_pending_in_order() -> None:
    P, T, S, X = TurnState.PENDING, TurnState.TAKEN, TurnState.SKIPPED, TurnState.PROXY
    assert round_with({7: P, 3: P}).current == 7
    assert round_with({7: T, 3: S, 5: P, 4: P}).current == 5
    assert round_with({7: T, 3: X}).current is None
    assert round_with({7: T, 3: P}, RoundStatus.CLOSED).current is None


def test_progress_counts_taken_and_proxied_turns_and_handled_counts_skips_too() -> None:
    P, T, S, X = TurnState.PENDING, TurnState.TAKEN, TurnState.SKIPPED, TurnState.PROXY
    round_ = round_with({1: T, 2: X, 3: S, 4: P, 5: P})
    assert round_.progress == (2, 5)
    assert round_.handled == 3
    assert round_.state_of(3) is S and round_.state_of(4) is P
    assert not round_.done
    assert round_with({1: T, 2: X, 3: S}).done  # nobody waiting
    assert round_with({1: P}, RoundStatus.CLOSED).done
    assert round_with({1: S, 2: S}).progress == (0, 2)


def test_a_round_knows_its_mode_status_and_options() -> None:
    round_ = round_with({1: TurnState.PENDING})
    assert round_.mode is RoundMode.SINGLE
    assert round_.is_open
    assert not round_with({1: TurnState.PENDING}, RoundStatus.CLOSED).is_open
    options = round_.options
    options.append("z")
    assert round_.options == ["x", "y"]  # a copy: the settings are not changed through it


def test_a_stored_round_is_read_with_its_defaults() -> None:
    doc = {
        "workshop_id": 4,
        "item_id": 5,
        "spec": {"question": "Q ?", "mode": "consent"},
        "voters": [12, 11],
        "turns": {"12": "taken", "11": "pending"},
    }
    round_ = Round.from_doc(doc, 9)
    assert (round_.id, round_.workshop_id, round_.item_id) == (9, 4, 5)
    assert round_.voters == [12, 11]
    assert round_.turns == {12: TurnState.TAKEN, 11: TurnState.PENDING}
    assert round_.status is RoundStatus.OPEN and round_.revealed is False
    assert (round_.ballot_count, round_.contribution_count, round_.held) == (0, 0, 0)
    assert round_.current == 11

    doc |= {"status": "closed", "revealed": 1, "ballots": [{}, {}, {}], "contributions": [{}]}
    round_ = Round.from_doc(doc, 9)
    assert round_.status is RoundStatus.CLOSED and round_.revealed is True
    assert (round_.ballot_count, round_.contribution_count) == (3, 1)
    without_turns = {k: v for k, v in doc.items() if k != "turns"} | {"voters": []}
    assert Round.from_doc(without_turns, 9).turns == {}


def test_a_stored_contribution_is_read_with_its_defaults() -> None:
    assert Contribution.from_doc({"id": 4, "text": "Idée"}) == Contribution(4, "Idée", None, None, False)
    found = Contribution.from_doc({"id": 5, "text": "Autre", "participant_id": 7, "structure_id": 2, "proxy": 1})
    assert found == Contribution(5, "Autre", 7, 2, True)
    assert found.proxy is True
