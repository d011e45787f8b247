"""The commitment as the source states it: exact arithmetic over the stated proposals."""

from __future__ import annotations

from fractions import Fraction

import pytest

from workshop.i18n import set_language
from workshop.proposals.gauge import CommitmentGauge, least_part, percent_text
from workshop.proposals.proposal import Proposal

NBSP = "\u00a0"


def fr(text: str) -> str:
    """French catalog texts put a no-break space before %: write tests with a plain one."""
    return text.replace(" %", NBSP + "%")


# The example: 6 retained, 4 not retained, 20 under study, 10 not looked at.
EXAMPLE = CommitmentGauge(to_do=6, not_retained=4, under_study=20, undecided=10, threshold=60)


def test_the_example_in_french() -> None:
    assert EXAMPLE.stated == 40
    assert EXAMPLE.committed == Fraction(6, 40)
    assert EXAMPLE.implemented == 0
    assert EXAMPLE.kept is False
    assert EXAMPLE.needed == 24
    assert EXAMPLE.situation() == [
        fr("Engagement pas encore tenu : 0 % mises en œuvre < 60 %"),
        fr("Pour le tenir, 60 % des 40 propositions énoncées par les parties prenantes, soit 24, doivent être mises en œuvre."),
        fr("Retenues : 15 % (6 sur 40) — encore 18 à retenir."),
        fr("Mises en œuvre : 0 % (0 sur 40) — encore 24 à mettre en œuvre."),
    ]


def test_the_example_in_english() -> None:
    set_language("en")
    assert EXAMPLE.situation() == [
        "Commitment not kept yet: 0% implemented < 60%",
        "To keep it, 60% of the 40 proposals stated by the stakeholders, that is 24, must be implemented.",
        "Retained: 15% (6 of 40) — 18 more must be retained.",
        "Implemented: 0% (0 of 40) — 24 more must be implemented.",
    ]
    assert EXAMPLE.secondary_line() == "Of the retained proposals: 0% implemented (0 of 6, dropped ones included)."


def test_the_old_reading_of_the_example_is_gone() -> None:
    # Retained ÷ decided would say 6 / 10 = 60 %, "kept": the source's denominator says 15 %.
    assert EXAMPLE.committed_reached is False
    assert "tenu :" not in EXAMPLE.verdict().replace("pas encore tenu", "")


def test_nothing_stated_has_no_verdict() -> None:
    gauge = CommitmentGauge(threshold=60, promoter_own=3)
    assert gauge.stated == 0
    assert gauge.kept is None and gauge.committed is None
    assert gauge.committed_percent == "—"
    assert gauge.situation() == ["Aucune proposition énoncée par les parties prenantes pour l'instant : pas encore de verdict."]


@pytest.mark.parametrize(("done", "kept", "shown"), [(119, False, "59,5 %"), (120, True, "60 %")])
def test_exact_fractions_at_the_threshold(done: int, kept: bool, shown: str) -> None:
    gauge = CommitmentGauge(done=done, to_do=200 - done, threshold=60)
    assert gauge.stated == 200
    assert gauge.kept is kept
    assert gauge.implemented_percent == fr(shown)  # never a rounded "60 %" beside a "not kept"
    assert gauge.committed_reached is True
    assert gauge.more_to_implement == (0 if kept else 1)
    if not kept:
        assert gauge.verdict() == fr("Engagement pas encore tenu : 59,5 % mises en œuvre < 60 %")


def test_119_retained_of_200_is_not_60_percent_committed() -> None:
    gauge = CommitmentGauge(to_do=119, not_retained=1, under_study=80, threshold=60)
    assert gauge.committed_reached is False
    assert gauge.committed_percent == fr("59,5 %")
    assert gauge.committed_line() == fr("Retenues : 59,5 % (119 sur 200) — encore 1 à retenir.")


def test_kept_only_when_implemented_reaches_the_threshold() -> None:
    everything_retained = CommitmentGauge(to_do=10, threshold=60)
    assert everything_retained.committed_reached is True
    assert everything_retained.kept is False
    assert everything_retained.verdict().startswith("Engagement pas encore tenu")
    implemented = CommitmentGauge(done=6, to_do=4, threshold=60)
    assert implemented.kept is True
    assert implemented.verdict() == fr("Engagement tenu : 60 % mises en œuvre ≥ 60 %")
    assert implemented.implemented_line() == fr("Mises en œuvre : 60 % (6 sur 10) ≥ 60 %.")


def test_dropped_actions_no_longer_count_as_retained() -> None:
    gauge = CommitmentGauge(done=1, to_do=2, dropped=3, threshold=60)
    assert (gauge.stated, gauge.retained) == (6, 3)
    assert gauge.done_of_retained == Fraction(1, 6)


def test_out_of_reach_is_said() -> None:
    gauge = CommitmentGauge(to_do=2, not_retained=6, under_study=2, threshold=60)  # best case 4 of 10
    assert not gauge.reachable
    assert gauge.verdict() == fr("Engagement non tenu : 0 % mises en œuvre < 60 %, seuil hors d'atteinte")
    assert gauge.committed_line() == fr(
        "Retenues : 20 % (2 sur 10) — même si les 2 propositions en attente étaient retenues (4 sur 10), le seuil ne pourrait plus être atteint."
    )
    assert gauge.implemented_line() == fr("Mises en œuvre : 0 % (0 sur 10) — il en faudrait encore 6.")
    set_language("en")
    assert "even if the 2 pending proposals were retained" in gauge.committed_line()
    assert "can no longer be reached" in gauge.committed_line()
    nothing_pending = CommitmentGauge(to_do=5, not_retained=5, threshold=60)
    assert nothing_pending.committed_line() == "Retained: 50% (5 of 10) — no proposal is pending any more: the threshold can no longer be reached."


def test_still_reachable_with_exactly_enough_pending() -> None:
    gauge = CommitmentGauge(to_do=4, not_retained=4, undecided=2, threshold=60)  # 4 + 2 = 6 of 10
    assert gauge.reachable
    assert gauge.more_to_retain == 2


def test_more_to_retain_brute_force() -> None:
    for threshold in (1, 33, 50, 60, 67, 75, 99, 100):
        for retained in range(0, 9):
            for others in range(0, 9):
                gauge = CommitmentGauge(to_do=retained, under_study=others, threshold=threshold)
                stated = retained + others
                n = 0
                while 100 * (retained + n) < threshold * stated:
                    n += 1
                assert gauge.more_to_retain == n, (threshold, retained, others)
                assert least_part(stated, threshold) == retained + n if n else least_part(stated, threshold) <= retained


def test_singular_wording() -> None:
    set_language("en")
    gauge = CommitmentGauge(done=2, to_do=3, undecided=1, threshold=60)  # 6 stated: 4 needed
    assert gauge.committed_line() == "Retained: 83% (5 of 6) ≥ 60%."
    assert gauge.implemented_line() == "Implemented: 33% (2 of 6) — 2 more must be implemented."
    gauge = CommitmentGauge(done=3, to_do=1, undecided=1, threshold=60)  # 5 stated: 3 needed
    assert gauge.implemented_line() == "Implemented: 60% (3 of 5) ≥ 60%."
    gauge = CommitmentGauge(done=2, to_do=0, undecided=3, threshold=60)
    assert gauge.committed_line() == "Retained: 40% (2 of 5) — 1 more must be retained."


def test_percent_text_truncates_below_the_threshold() -> None:
    assert percent_text(Fraction(5999, 10000), 60) == fr("59,9 %")
    assert percent_text(Fraction(5999, 10000), 70) == fr("60 %")  # far from 70: whole numbers


def test_notes_name_what_is_left_out_and_what_is_unknown() -> None:
    gauge = CommitmentGauge(to_do=1, promoter_own=2, unknown_author=1, threshold=60)
    assert gauge.notes() == [
        "2 proposition(s) du porteur lui-même : listées, mais hors du décompte.",
        "1 proposition(s) sans structure connue : comptées parmi celles des parties prenantes tant que leur structure n'est pas indiquée.",
    ]
    assert CommitmentGauge(to_do=1, promoter_set=False).notes() == [
        "Aucun porteur n'est désigné (réglages du projet) : toutes les propositions comptent."
    ]


# Every count different (powers of two), so that a figure put in another's place shows.
SPREAD = CommitmentGauge(
    done=1, to_do=2, in_progress=4, dropped=8, under_study=16, undecided=32, not_retained=64, threshold=60, late=3
)


def test_the_counts_line_names_each_figure_in_its_place() -> None:
    assert (SPREAD.open, SPREAD.pending, SPREAD.retained, SPREAD.stated) == (6, 48, 7, 127)
    assert SPREAD.counts_text() == (
        "Mises en œuvre 1 · Retenues à mettre en œuvre 6 · En attente 48 (à l'étude 16, non examinées 32)"
        " · Non retenues 64 · Abandonnées 8"
    )
    assert SPREAD.follow_up_text() == "Suivi des retenues : à faire 2 · en cours 4 · abandonnées 8 · en retard 3"
    set_language("en")
    assert SPREAD.counts_text() == (
        "Implemented 1 · Retained, to implement 6 · Pending 48 (under study 16, not looked at 32)"
        " · Not retained 64 · Dropped 8"
    )
    assert SPREAD.follow_up_text() == "Follow-up of the retained: to do 2 · in progress 4 · dropped 8 · late 3"


def test_the_rule_is_said_in_the_language_of_the_document() -> None:
    assert CommitmentGauge.rule_text().startswith("Base : toutes les propositions énoncées par les parties prenantes")
    set_language("en")
    assert CommitmentGauge.rule_text().startswith("Base: every proposal stated by the stakeholders")


def test_the_secondary_line_counts_dropped_ones_among_the_retained() -> None:
    # 1 done of 1 + 2 + 4 retained and 8 dropped: 1 of 15, 7 %.
    assert SPREAD.done_of_retained == Fraction(1, 15)
    assert SPREAD.secondary_line() == fr("Parmi les propositions retenues : 7 % mises en œuvre (1 sur 15, abandonnées comprises).")
    assert CommitmentGauge(under_study=3).secondary_line() == "Aucune proposition retenue pour l'instant."
    assert CommitmentGauge(under_study=3).done_of_retained is None


# CommitmentGauge.of over proposals as they are saved: structure 1 is the promoter,
# 2 and 3 are known stakeholders, 9 is a structure nobody knows (deleted, or older data).
def _proposal(structure: int, decision: str = "", status: str = "to_do", due: str = "") -> Proposal:
    return Proposal(text="x", structure_id=structure, decision=decision, status=status, due=due)


ITEMS = [
    _proposal(1, "retained", "done"),  # the promoter's own: listed, not counted
    _proposal(1, "retained", "to_do"),
    _proposal(2, "retained", "done"),
    _proposal(2, "retained", "in_progress", due="2031-03-01"),  # late on the 2nd
    _proposal(3, "retained", "to_do", due="2031-02-10"),  # late on the 2nd
    _proposal(3, "retained", "to_do", due="2031-03-02"),  # due that very day: not late yet
    _proposal(2, "retained", "dropped", due="2031-01-01"),  # dropped: never late
    _proposal(3, "retained", "started"),  # a status this version does not know: still to do
    _proposal(9, "not_retained"),  # unknown structure: counted, and said
    _proposal(9, "under_study"),
    _proposal(2, ""),
]


def test_the_gauge_of_saved_proposals_counts_each_where_it_stands() -> None:
    gauge = CommitmentGauge.of(ITEMS, 60, promoter_id=1, known_structures={1, 2, 3}, day="2031-03-02")
    assert (gauge.done, gauge.in_progress, gauge.to_do, gauge.dropped) == (1, 1, 3, 1)
    assert (gauge.not_retained, gauge.under_study, gauge.undecided) == (1, 1, 1)
    assert gauge.stated == 9  # the eleven less the promoter's two
    assert (gauge.late, gauge.promoter_own, gauge.unknown_author) == (2, 2, 2)
    assert gauge.promoter_set is True and gauge.threshold == 60


def test_without_a_promoter_every_proposal_counts_and_without_a_day_none_is_late() -> None:
    gauge = CommitmentGauge.of(ITEMS, 60, known_structures={1, 2, 3})
    assert gauge.stated == 11
    assert (gauge.done, gauge.to_do, gauge.promoter_own) == (2, 4, 0)
    assert gauge.promoter_set is False
    assert gauge.late == 0
    assert CommitmentGauge.of(ITEMS, 60).unknown_author == 0  # no list of structures: none is unknown


def test_committed_exactly_at_the_threshold_is_reached() -> None:
    # 6 retained of 10 stated is 60 %: reached, although nothing is implemented yet.
    gauge = CommitmentGauge(to_do=6, not_retained=4, threshold=60)
    assert gauge.committed_reached is True
    assert gauge.committed_line() == fr("Retenues : 60 % (6 sur 10) ≥ 60 %.")
    assert CommitmentGauge(to_do=5, not_retained=5, threshold=60).committed_reached is False


def test_nothing_stated_gives_no_line_and_no_share() -> None:
    gauge = CommitmentGauge(threshold=60)
    assert (gauge.target_line(), gauge.committed_line(), gauge.implemented_line()) == ("", "", "")
    assert gauge.implemented is None and gauge.implemented_percent == "—"


def test_one_more_and_two_more_are_worded_apart() -> None:
    set_language("en")
    # 10 stated, 6 needed: 5 retained (one more), then 4 (two more); implemented likewise.
    one = CommitmentGauge(done=5, not_retained=3, under_study=2, threshold=60)
    assert one.committed_line() == "Retained: 50% (5 of 10) — 1 more must be retained."
    assert one.implemented_line() == "Implemented: 50% (5 of 10) — 1 more must be implemented."
    two = CommitmentGauge(done=4, not_retained=3, under_study=3, threshold=60)
    assert two.committed_line() == "Retained: 40% (4 of 10) — 2 more must be retained."
    assert two.implemented_line() == "Implemented: 40% (4 of 10) — 2 more must be implemented."
