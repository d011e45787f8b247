"""The reason given with a consent answer: kept for a reservation or an objection, optional, dropped otherwise."""

from __future__ import annotations

import pytest

from workshop.errors import ValidationError
from workshop.rounds import RoundMode, RoundSpec, check_choice

CONSENT = RoundSpec("Adopter la charte ?", RoundMode.CONSENT)


def test_a_reason_is_optional() -> None:
    assert check_choice(CONSENT, "objection") == ("objection", "")
    assert check_choice(CONSENT, "reservation", "") == ("reservation", "")
    assert check_choice(CONSENT, "objection", " \t ") == ("objection", "")


def test_a_reason_is_kept_on_one_line_for_a_reservation_or_an_objection() -> None:
    assert check_choice(CONSENT, "objection", "  Trop\nvague  ") == ("objection", "Trop vague")
    assert check_choice(CONSENT, "reservation", "À revoir") == ("reservation", "À revoir")


def test_no_reason_is_kept_with_agreement_or_abstention() -> None:
    assert check_choice(CONSENT, "agree", "Parfait") == ("agree", "")
    assert check_choice(CONSENT, "abstain", "Sans avis") == ("abstain", "")


def test_a_reason_far_too_long_is_refused() -> None:
    with pytest.raises(ValidationError) as error:
        check_choice(CONSENT, "objection", "x" * 100_000)
    assert error.value.key == "rounds.error.too_long"
