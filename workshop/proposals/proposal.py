"""An action proposal: what a stakeholder proposed, the promoter's decision, its follow-up.

A proposal keeps a log of dated decisions and status changes so that the
commitment can be rebuilt as it stood on any day (`as_of`): the minutes of an
old workshop keep the figures of that workshop's date.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from workshop.model import Record


class Decision(StrEnum):
    UNDECIDED = ""  # not looked at yet
    RETAINED = "retained"
    NOT_RETAINED = "not_retained"  # a reason is required
    UNDER_STUDY = "under_study"


class Status(StrEnum):
    """Where a retained proposal stands in its implementation."""

    TO_DO = "to_do"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"  # a reason is required


OPEN_STATUSES = (Status.TO_DO.value, Status.IN_PROGRESS.value)


@dataclass(frozen=True)
class Referent:
    """Who carries a retained proposal: a participant or a structure."""

    participant_id: int = 0
    structure_id: int = 0

    @classmethod
    def participant(cls, participant_id: int) -> Referent:
        return cls(participant_id=participant_id)

    @classmethod
    def structure(cls, structure_id: int) -> Referent:
        return cls(structure_id=structure_id)

    def __bool__(self) -> bool:
        return bool(self.participant_id or self.structure_id)


NO_REFERENT = Referent()


@dataclass
class Proposal(Record):
    text: str
    structure_id: int = 0  # the structure that proposed it; 0 only in data older than the rule
    participant_id: int = 0  # the person, when known
    workshop_id: int = 0  # where it was made (0: outside any workshop)
    item_id: int = 0  # the agenda item it came up in
    source: str = ""  # "" typed directly, else an exercise kind ("apt", "round"…)
    date: str = ""  # ISO date it was made
    created: float = 0.0  # wall clock, orders proposals made the same day
    decision: str = Decision.UNDECIDED.value
    reason: str = ""  # why, for the decision (required when not retained)
    decided_on: str = ""  # ISO date of the latest decision
    decided_workshop_id: int = 0  # the workshop where it was decided, 0 when later
    referent_participant_id: int = 0
    referent_structure_id: int = 0
    due: str = ""  # ISO date
    status: str = Status.TO_DO.value
    status_reason: str = ""  # why it was dropped
    status_on: str = ""  # ISO date of the latest status change
    log: list[dict[str, Any]] = field(default_factory=list)  # [{"on", "decision"|"status": value}]
    id: int = 0

    @property
    def retained(self) -> bool:
        return self.decision == Decision.RETAINED

    @property
    def referent(self) -> Referent:
        return Referent(self.referent_participant_id, self.referent_structure_id)

    def is_late(self, today: str) -> bool:
        """A retained proposal still open after its due date (on the due day it is not late yet)."""
        return bool(self.retained and self.due and self.status in OPEN_STATUSES and self.due < today)

    def stated_by(self, day: str) -> bool:
        """Whether it had been stated by the end of `day` (ISO date); undated ones always were."""
        return not self.date or self.date <= day

    def decision_on(self, day: str) -> str:
        """The decision as it stood at the end of `day` (ISO date)."""
        return self._replayed("decision", day, Decision.UNDECIDED.value, self.decision, self.decided_on)

    def status_on_day(self, day: str) -> str:
        """The implementation status as it stood at the end of `day`."""
        return self._replayed("status", day, Status.TO_DO.value, self.status, self.status_on or self.decided_on)

    def as_of(self, day: str | None) -> Proposal | None:
        """This proposal as it stood at the end of `day`; None if not stated yet. `None`: as it is now."""
        if day is None:
            return self
        if not self.stated_by(day):
            return None
        return replace(self, decision=self.decision_on(day), reason=self._reason_on(day), status=self.status_on_day(day))

    def _reason_on(self, day: str) -> str:
        """The reason given with the decision in force that day (the current one for old logs)."""
        dated = [(entry.get("on", ""), n, entry) for n, entry in enumerate(self.log) if "decision" in entry]
        in_force = [entry for on, _, entry in sorted(dated, key=lambda x: x[:2]) if on <= day]
        if not in_force or "reason" not in in_force[-1]:
            return self.reason
        return in_force[-1]["reason"]

    def _replayed(self, name: str, day: str, initial: str, current: str, since: str) -> str:
        """The last logged value of `name` dated `day` or before (the later entry wins on the same day).

        Data written before the log existed has no entry: its current value counts
        from the day it was set (or stated), as far as the record can tell.
        """
        entries = [(entry.get("on", ""), n, entry[name]) for n, entry in enumerate(self.log) if name in entry]
        if not entries:
            return current if current != initial and (since or self.date or "") <= day else initial
        value = initial
        for on, _, logged in sorted(entries):
            if on <= day:
                value = logged
        return value
