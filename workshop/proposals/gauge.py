"""The promoter's commitment, as the source states it, computed with exact fractions.

The source (ANAP, seed 002) asks the promoter to commit to *implement* at least
60 % of the action proposals *stated by the stakeholders*. So:

- the denominator is every proposal stated by a structure other than the
  promoter, decided or not (a proposal whose structure is unknown counts: it
  cannot be told from the promoter's own, and leaving it out would flatter);
- two gauges over it, each against the threshold: *committed* (retained and
  not dropped ÷ stated) and *implemented* (implemented ÷ stated);
- the commitment is "kept" only when the implemented share reaches the threshold.

Comparisons use integers (100·part ≥ threshold·whole): 119 of 200 (59.5 %) is
below 60 %, whatever a rounded percentage would suggest.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from workshop.i18n import t
from workshop.proposals.proposal import Decision, Proposal, Status

if TYPE_CHECKING:
    from workshop.project import Project


def percent_text(share: Fraction, threshold: int) -> str:
    """A share as a percentage that never contradicts the verdict.

    Rounded to a whole number, except when rounding would reach the threshold the
    share is below: then one decimal, truncated (59.5 % stays "59,5 %").
    """
    value = share * 100
    whole = math.floor(value + Fraction(1, 2))
    if value < threshold <= whole:
        tenths = math.floor(value * 10)
        text = f"{tenths // 10}.{tenths % 10}"
        if t("proposals.decimal_comma") == "yes":
            text = text.replace(".", ",")
        return t("proposals.percent", value=text)
    return t("proposals.percent", value=whole)


def least_part(whole: int, threshold: int) -> int:
    """The least number of `whole` that reaches `threshold` percent: ⌈threshold·whole / 100⌉."""
    return -(-threshold * whole // 100)


@dataclass(frozen=True)
class CommitmentGauge:
    """The stakeholders' proposals, by where they stand, against the threshold."""

    done: int = 0  # retained and implemented
    to_do: int = 0  # retained, not started
    in_progress: int = 0  # retained, being implemented
    dropped: int = 0  # retained, then abandoned (with a reason)
    under_study: int = 0
    undecided: int = 0  # not looked at yet
    not_retained: int = 0
    threshold: int = 60
    late: int = 0  # retained, still open after their due date
    promoter_own: int = 0  # the promoter's own proposals: listed, not counted
    unknown_author: int = 0  # counted among the stated ones; their structure must be given
    promoter_set: bool = True

    @classmethod
    def of(
        cls,
        items: Iterable[Proposal],
        threshold: int,
        promoter_id: int = 0,
        known_structures: set[int] | None = None,
        day: str = "",
    ) -> CommitmentGauge:
        """Over `items` as they are (see `Proposal.as_of` for a past day); `day` dates lateness."""
        counts = dict.fromkeys(("done", "to_do", "in_progress", "dropped", "under_study", "undecided", "not_retained"), 0)
        late = promoter_own = unknown = 0
        for item in items:
            if promoter_id and item.structure_id == promoter_id:
                promoter_own += 1
                continue
            if known_structures is not None and item.structure_id not in known_structures:
                unknown += 1
            if item.decision == Decision.RETAINED:
                status = item.status if item.status in counts else Status.TO_DO.value
                counts[status] += 1
                if day and item.is_late(day):
                    late += 1
            elif item.decision == Decision.NOT_RETAINED:
                counts["not_retained"] += 1
            elif item.decision == Decision.UNDER_STUDY:
                counts["under_study"] += 1
            else:
                counts["undecided"] += 1
        return cls(
            **counts,
            threshold=threshold,
            late=late,
            promoter_own=promoter_own,
            unknown_author=unknown,
            promoter_set=bool(promoter_id),
        )

    # Counts ---------------------------------------------------------------------------
    @property
    def stated(self) -> int:
        """The denominator: every stakeholder proposal, decided or not."""
        return self.retained + self.dropped + self.pending + self.not_retained

    @property
    def retained(self) -> int:
        """Retained and still committed to: implemented or on the way (not dropped)."""
        return self.done + self.to_do + self.in_progress

    @property
    def open(self) -> int:
        """Retained, not implemented yet."""
        return self.to_do + self.in_progress

    @property
    def pending(self) -> int:
        """Not decided yet: under study or not looked at."""
        return self.under_study + self.undecided

    @property
    def needed(self) -> int:
        """How many of the stated proposals the threshold asks for."""
        return least_part(self.stated, self.threshold)

    # The two gauges -----------------------------------------------------------------
    @property
    def committed(self) -> Fraction | None:
        return Fraction(self.retained, self.stated) if self.stated else None

    @property
    def implemented(self) -> Fraction | None:
        return Fraction(self.done, self.stated) if self.stated else None

    @property
    def committed_reached(self) -> bool | None:
        if not self.stated:
            return None
        return 100 * self.retained >= self.threshold * self.stated

    @property
    def kept(self) -> bool | None:
        """The commitment as the source states it: implemented ≥ threshold."""
        if not self.stated:
            return None
        return 100 * self.done >= self.threshold * self.stated

    @property
    def done_of_retained(self) -> Fraction | None:
        """Secondary figure: of everything retained (dropped included), the share implemented."""
        whole = self.retained + self.dropped
        return Fraction(self.done, whole) if whole else None

    # What is still possible -------------------------------------------------------------
    @property
    def more_to_retain(self) -> int:
        return max(0, self.needed - self.retained)

    @property
    def more_to_implement(self) -> int:
        return max(0, self.needed - self.done)

    @property
    def reachable(self) -> bool:
        """Whether retaining every pending proposal could still reach the threshold."""
        return self.retained + self.pending >= self.needed

    # Texts --------------------------------------------------------------------------------
    def _percent(self, share: Fraction | None) -> str:
        return percent_text(share, self.threshold) if share is not None else "—"

    @property
    def committed_percent(self) -> str:
        return self._percent(self.committed)

    @property
    def implemented_percent(self) -> str:
        return self._percent(self.implemented)

    @property
    def threshold_percent(self) -> str:
        return t("proposals.percent", value=self.threshold)

    def verdict(self) -> str:
        """The headline: "kept" only when the implemented share reaches the threshold."""
        if not self.stated:
            return t("proposals.verdict.none_stated")
        if self.kept:
            return t("proposals.verdict.kept", share=self.implemented_percent, threshold=self.threshold_percent)
        key = "proposals.verdict.not_kept" if self.reachable else "proposals.verdict.not_kept_unreachable"
        return t(key, share=self.implemented_percent, threshold=self.threshold_percent)

    def target_line(self) -> str:
        """What the threshold asks for, in proposals: "24 of the 40 stated"."""
        if not self.stated:
            return ""
        return t("proposals.verdict.target", threshold=self.threshold_percent, needed=self.needed, stated=self.stated)

    def committed_line(self) -> str:
        """The committed share, and how many more must be retained (or that it is out of reach)."""
        if not self.stated:
            return ""
        share = t("proposals.verdict.share", share=self.committed_percent, part=self.retained, whole=self.stated)
        if self.committed_reached:
            return t("proposals.verdict.committed_reached", share=share, threshold=self.threshold_percent)
        if not self.reachable and not self.pending:
            return t("proposals.verdict.committed_none_pending", share=share)
        if not self.reachable:
            return t("proposals.verdict.committed_unreachable", share=share, pending=self.pending, best=self.retained + self.pending, stated=self.stated)
        key = "proposals.verdict.committed_below_one" if self.more_to_retain == 1 else "proposals.verdict.committed_below"
        return t(key, share=share, count=self.more_to_retain)

    def implemented_line(self) -> str:
        """The implemented share, and the implementation still due."""
        if not self.stated:
            return ""
        share = t("proposals.verdict.share", share=self.implemented_percent, part=self.done, whole=self.stated)
        if self.kept:
            return t("proposals.verdict.implemented_reached", share=share, threshold=self.threshold_percent)
        if not self.reachable:
            return t("proposals.verdict.implemented_unreachable", share=share, count=self.more_to_implement)
        key = "proposals.verdict.implemented_below_one" if self.more_to_implement == 1 else "proposals.verdict.implemented_below"
        return t(key, share=share, count=self.more_to_implement)

    def secondary_line(self) -> str:
        """Done ÷ retained, for those who follow the implementation of what was retained."""
        share = self.done_of_retained
        if share is None:
            return t("proposals.verdict.none_retained")
        return t(
            "proposals.verdict.done_of_retained",
            share=percent_text(share, self.threshold),
            part=self.done,
            whole=self.retained + self.dropped,
        )

    def situation(self) -> list[str]:
        """Where things stand, line by line: headline, target, committed, implemented."""
        if not self.stated:
            return [self.verdict()]
        return [self.verdict(), self.target_line(), self.committed_line(), self.implemented_line()]

    def counts_text(self) -> str:
        return t(
            "proposals.gauge.counts",
            done=self.done,
            open=self.open,
            pending=self.pending,
            under_study=self.under_study,
            undecided=self.undecided,
            not_retained=self.not_retained,
            dropped=self.dropped,
        )

    def follow_up_text(self) -> str:
        return t("proposals.gauge.follow_up", to_do=self.to_do, in_progress=self.in_progress, dropped=self.dropped, late=self.late)

    def notes(self) -> list[str]:
        """What the reader must know about the count: excluded and unknown authors."""
        notes = []
        if not self.promoter_set:
            notes.append(t("proposals.gauge.no_promoter"))
        elif self.promoter_own:
            notes.append(t("proposals.gauge.promoter_own", count=self.promoter_own))
        if self.unknown_author:
            notes.append(t("proposals.gauge.unknown_author", count=self.unknown_author))
        return notes

    @staticmethod
    def rule_text() -> str:
        """How the figures are counted, said on screen and in the minutes."""
        return t("proposals.gauge.rule")


def commitment(project: Project, as_of: str | None = None) -> CommitmentGauge:
    """The commitment at the end of `as_of` (ISO date), against the threshold then in
    force; as it stands now (today by the project's clock) when `as_of` is None."""
    from workshop.proposals.threshold import threshold_as_of
    from workshop.proposals.tracker import proposals_as_of, today

    return CommitmentGauge.of(
        proposals_as_of(project, as_of),
        threshold_as_of(project, as_of).value,
        project.promoter_id,
        {s.id for s in project.structures()},
        day=as_of or today(project),
    )
