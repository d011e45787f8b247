"""The commitment and implementation gauges: exact arithmetic and verdicts."""

from __future__ import annotations

from fractions import Fraction

import pytest

from workshop.i18n import set_language
from workshop.proposals.gauge import CommitmentGauge, ImplementationGauge, percent_text


def test_no_proposal_has_no_verdict() -> None:
    gauge = CommitmentGauge(threshold=60)
    assert gauge.share is None
    assert gauge.kept is None
    assert gauge.more_needed == 0
    assert gauge.percent == "—"
    assert "Aucune proposition décidée" in gauge.verdict()


def test_all_under_study_counts_nothing_yet() -> None:
    gauge = CommitmentGauge(under_study=5, undecided=2, threshold=60)
    assert gauge.decided == 0
    assert gauge.total == 7
    assert gauge.kept is None
    assert "pas encore de verdict" in gauge.verdict()
    assert "ne comptent pas" in gauge.rule_text()


def test_exact_threshold_is_kept() -> None:
    gauge = CommitmentGauge(retained=3, not_retained=2, under_study=4, threshold=60)
    assert gauge.share == Fraction(3, 5)
    assert gauge.kept is True
    assert gauge.more_needed == 0
    assert gauge.verdict() == "Engagement tenu : 60 % ≥ 60 %"


def test_two_thirds_reads_67_percent() -> None:
    set_language("en")
    gauge = CommitmentGauge(retained=2, not_retained=1, threshold=60)
    assert gauge.verdict() == "Commitment kept: 67% ≥ 60%"


def test_59_5_percent_is_not_60() -> None:
    gauge = CommitmentGauge(retained=119, not_retained=81, threshold=60)
    assert gauge.share == Fraction(119, 200)
    assert gauge.kept is False
    # Never shown as a rounded "60 %" next to a "below" verdict.
    assert gauge.percent == "59,5 %"
    # (119 + n) / (200 + n) >= 0.6  <=>  n >= 2.5
    assert gauge.more_needed == 3
    assert gauge.verdict() == "Sous le seuil (59,5 % < 60 %) : encore 3 propositions retenues nécessaires"


def test_just_under_threshold_truncates_not_rounds() -> None:
    assert percent_text(Fraction(5999, 10000), 60) == "59,9 %"
    assert percent_text(Fraction(5999, 10000), 70) == "60 %"  # far from 70: whole numbers


@pytest.mark.parametrize(
    ("retained", "not_retained", "threshold", "needed"),
    [
        (0, 1, 60, 2),  # 2/3 = 66.7 %
        (2, 4, 60, 4),  # the example: 6/10 = 60 %
        (5, 5, 60, 3),  # 8/13 = 61.5 %, 7/12 = 58.3 %
        (1, 0, 60, 0),
        (0, 3, 50, 3),
        (3, 1, 80, 1),  # 4/5 = 80 %
        (0, 1, 99, 99),
    ],
)
def test_more_retained_needed_is_the_least_sufficient_number(
    retained: int, not_retained: int, threshold: int, needed: int
) -> None:
    gauge = CommitmentGauge(retained=retained, not_retained=not_retained, threshold=threshold)
    assert gauge.more_needed == needed
    decided = retained + not_retained
    if needed:
        assert Fraction(retained + needed, decided + needed) >= Fraction(threshold, 100)
        assert Fraction(retained + needed - 1, decided + needed - 1) < Fraction(threshold, 100)


def test_more_needed_brute_force() -> None:
    for threshold in (1, 33, 50, 60, 67, 75, 99):
        for retained in range(0, 12):
            for not_retained in range(0, 12):
                gauge = CommitmentGauge(retained=retained, not_retained=not_retained, threshold=threshold)
                if not retained + not_retained:
                    continue
                n = 0
                while 100 * (retained + n) < threshold * (retained + not_retained + n):
                    n += 1
                assert gauge.more_needed == n, (threshold, retained, not_retained)


def test_hundred_percent_with_a_refusal_is_unreachable() -> None:
    gauge = CommitmentGauge(retained=4, not_retained=1, threshold=100)
    assert gauge.more_needed is None
    assert "100 %" in gauge.verdict()


def test_singular_verdict() -> None:
    set_language("en")
    gauge = CommitmentGauge(retained=1, not_retained=1, threshold=60)
    assert gauge.verdict() == "Below the threshold (50% < 60%): 1 more retained proposal needed"


def test_implementation_gauge() -> None:
    gauge = ImplementationGauge(to_do=2, in_progress=1, done=2, dropped=1, threshold=60)
    assert gauge.retained == 6
    assert gauge.share == Fraction(1, 3)
    assert gauge.reached is False
    assert gauge.more_needed == 2  # 4 / 6 >= 60 %
    assert "encore 2 à réaliser" in gauge.verdict()
    assert ImplementationGauge(threshold=60).reached is None
