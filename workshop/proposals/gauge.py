"""The two gauges of the 60 % commitment, computed with exact fractions.

- The commitment gauge: of the proposals the promoter has decided (retained or
  not retained), the share retained, against the project's threshold. Proposals
  under study (or not looked at yet) are left out until they are decided.
- The implementation gauge: of the retained proposals, the share done.

Comparisons use `Fraction`s: 119 retained out of 200 (59.5 %) is below 60 %,
whatever a rounded percentage would suggest.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Iterable

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


@dataclass(frozen=True)
class CommitmentGauge:
    retained: int = 0
    not_retained: int = 0
    under_study: int = 0
    undecided: int = 0
    threshold: int = 60

    @classmethod
    def of(cls, items: Iterable[Proposal], threshold: int, day: str | None = None) -> CommitmentGauge:
        """The gauge over `items`; with `day`, as the decisions stood that day."""
        counts = {d.value: 0 for d in Decision}
        for item in items:
            decision = item.decision if day is None else item.decision_on(day)
            counts[decision] = counts.get(decision, 0) + 1
        return cls(
            retained=counts[Decision.RETAINED],
            not_retained=counts[Decision.NOT_RETAINED],
            under_study=counts[Decision.UNDER_STUDY],
            undecided=counts[Decision.UNDECIDED],
            threshold=threshold,
        )

    @property
    def total(self) -> int:
        return self.retained + self.not_retained + self.under_study + self.undecided

    @property
    def decided(self) -> int:
        return self.retained + self.not_retained

    @property
    def share(self) -> Fraction | None:
        """Retained / decided; None while nothing is decided."""
        return Fraction(self.retained, self.decided) if self.decided else None

    @property
    def kept(self) -> bool | None:
        if not self.decided:
            return None
        return 100 * self.retained >= self.threshold * self.decided

    @property
    def more_needed(self) -> int | None:
        """How many more proposals must be retained (each newly decided) to reach
        the threshold: the least n with (R + n) / (D + n) ≥ T. 0 when kept; None
        when no number can reach it (a 100 % threshold with refusals)."""
        if self.kept is not False:
            return 0
        if self.threshold >= 100:
            return None
        # 100 (R + n) >= T (D + n)  <=>  n >= (T·D − 100·R) / (100 − T)
        gap = self.threshold * self.decided - 100 * self.retained
        return -(-gap // (100 - self.threshold))

    @property
    def percent(self) -> str:
        return percent_text(self.share, self.threshold) if self.share is not None else "—"

    def verdict(self) -> str:
        if self.kept is None:
            return t("proposals.verdict.none_decided")
        threshold = t("proposals.percent", value=self.threshold)
        if self.kept:
            return t("proposals.verdict.kept", share=self.percent, threshold=threshold)
        needed = self.more_needed
        if needed is None:
            return t("proposals.verdict.unreachable", share=self.percent, threshold=threshold, count=self.not_retained)
        key = "proposals.verdict.below_one" if needed == 1 else "proposals.verdict.below"
        return t(key, share=self.percent, threshold=threshold, count=needed)

    def counts_text(self) -> str:
        return t(
            "proposals.gauge.counts",
            retained=self.retained,
            not_retained=self.not_retained,
            under_study=self.under_study,
            undecided=self.undecided,
        )

    @staticmethod
    def rule_text() -> str:
        """How "under study" counts, said on screen and in the minutes."""
        return t("proposals.gauge.rule")


@dataclass(frozen=True)
class ImplementationGauge:
    to_do: int = 0
    in_progress: int = 0
    done: int = 0
    dropped: int = 0
    late: int = 0
    threshold: int = 60

    @classmethod
    def of(cls, items: Iterable[Proposal], threshold: int, today: str, as_of: str | None = None) -> ImplementationGauge:
        """Over the retained proposals; with `as_of`, as they stood that day.
        Late: still open after their due date, `today` (or `as_of`)."""
        counts = {s.value: 0 for s in Status}
        late = 0
        day = as_of or today
        for item in items:
            decision = item.decision if as_of is None else item.decision_on(as_of)
            if decision != Decision.RETAINED:
                continue
            status = item.status if as_of is None else item.status_on_day(as_of)
            counts[status] = counts.get(status, 0) + 1
            if item.due and item.due < day and status in (Status.TO_DO, Status.IN_PROGRESS):
                late += 1
        return cls(
            to_do=counts[Status.TO_DO],
            in_progress=counts[Status.IN_PROGRESS],
            done=counts[Status.DONE],
            dropped=counts[Status.DROPPED],
            late=late,
            threshold=threshold,
        )

    @property
    def retained(self) -> int:
        return self.to_do + self.in_progress + self.done + self.dropped

    @property
    def share(self) -> Fraction | None:
        """Done / retained (dropped ones count as not implemented)."""
        return Fraction(self.done, self.retained) if self.retained else None

    @property
    def reached(self) -> bool | None:
        if not self.retained:
            return None
        return 100 * self.done >= self.threshold * self.retained

    @property
    def more_needed(self) -> int:
        """How many more retained proposals must be done to reach the threshold."""
        if self.reached is not False:
            return 0
        gap = self.threshold * self.retained - 100 * self.done
        return -(-gap // 100)

    @property
    def percent(self) -> str:
        return percent_text(self.share, self.threshold) if self.share is not None else "—"

    def verdict(self) -> str:
        if self.reached is None:
            return t("proposals.implemented.none")
        threshold = t("proposals.percent", value=self.threshold)
        if self.reached:
            return t("proposals.implemented.reached", share=self.percent, threshold=threshold)
        return t("proposals.implemented.below", share=self.percent, threshold=threshold, count=self.more_needed)

    def counts_text(self) -> str:
        return t(
            "proposals.implemented.counts",
            to_do=self.to_do,
            in_progress=self.in_progress,
            done=self.done,
            dropped=self.dropped,
            late=self.late,
        )


def commitment_gauge(project: Project, workshop_id: int | None = None) -> CommitmentGauge:
    """Over every proposal of the project (or of one workshop)."""
    from workshop.proposals.tracker import proposals

    return CommitmentGauge.of(proposals(project, workshop_id), project.threshold)


def implementation_gauge(project: Project, day: str | None = None) -> ImplementationGauge:
    from workshop.proposals.tracker import proposals, today

    return ImplementationGauge.of(proposals(project), project.threshold, day or today())


@dataclass(frozen=True)
class HistoryPoint:
    """The two gauges as they stood at the end of one workshop."""

    workshop_id: int
    title: str
    date: str
    commitment: CommitmentGauge
    implementation: ImplementationGauge


def history(project: Project) -> list[HistoryPoint]:
    """Workshop after workshop: proposals made by then, decisions and statuses as
    they stood on its date (a workshop with no date counts everything)."""
    from workshop.proposals.tracker import proposals

    every = proposals(project)
    points = []
    for workshop in project.workshops():
        day = workshop.date or "9999-12-31"
        made = [p for p in every if (p.date or "") <= day]
        points.append(
            HistoryPoint(
                workshop.id,
                workshop.title,
                workshop.date,
                CommitmentGauge.of(made, project.threshold, day=day),
                ImplementationGauge.of(made, project.threshold, today=day, as_of=day),
            )
        )
    return points
