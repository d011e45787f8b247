"""What the facilitator types in the round settings: points, cap, batch size, options.

The counts are typed in text fields; a bad one is refused with the sentence of
its own field, bounds included (1 to 99 points, groups of 2 to 99 voters)."""

from __future__ import annotations

import pytest

from workshop.errors import ValidationError
from workshop.rounds import parse_count, parse_options


@pytest.mark.parametrize(
    ("typed", "what", "expected"),
    [
        ("", "budget", 0),  # empty: the default
        ("   ", "cap", 0),
        ("1", "budget", 1),  # one point per person is allowed
        ("1", "cap", 1),
        (" 99 ", "budget", 99),  # the highest
        ("99", "batch", 99),
        ("2", "batch", 2),  # the smallest group of secret ballots
        ("3", "batch", 3),
    ],
)
def test_counts_accepted(typed: str, what: str, expected: int) -> None:
    assert parse_count(typed, what) == expected


@pytest.mark.parametrize(
    ("typed", "what", "sentence"),
    [
        ("abc", "budget", "Le nombre de points par personne est un nombre entier entre 1 et 99."),
        ("0", "budget", "Le nombre de points par personne est un nombre entier entre 1 et 99."),
        ("100", "budget", "Le nombre de points par personne est un nombre entier entre 1 et 99."),
        ("2,5", "cap", "Le plafond par option est un nombre entier entre 1 et 99."),
        ("-1", "cap", "Le plafond par option est un nombre entier entre 1 et 99."),
        ("trois", "batch", "Les bulletins secrets s'écrivent par groupes de 2 à 99 personnes."),
        ("1", "batch", "Les bulletins secrets s'écrivent par groupes de 2 à 99 personnes."),
        ("100", "batch", "Les bulletins secrets s'écrivent par groupes de 2 à 99 personnes."),
    ],
)
def test_bad_counts_are_refused_with_the_sentence_of_their_field(typed: str, what: str, sentence: str) -> None:
    with pytest.raises(ValidationError) as error:
        parse_count(typed, what)
    assert error.value.key == f"rounds.error.{what}_invalid"
    assert error.value.message() == sentence


def test_options_one_per_line_blank_lines_dropped() -> None:
    assert parse_options("") == []
    assert parse_options("\n  \n\u200b\n") == []
    assert parse_options("Mobilité\n\n  Logement   partagé \r\nÉnergie\n") == ["Mobilité", "Logement partagé", "Énergie"]
