"""An action proposal: what a stakeholder proposed, the promoter's decision, its follow-up.

A proposal keeps a small log of dated decisions and status changes so that the
history of the two gauges can be rebuilt as it stood at each workshop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
    structure_id: int  # the structure that proposed it
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
        """A retained proposal still open after its due date."""
        return bool(self.retained and self.due and self.status in OPEN_STATUSES and self.due < today)

    def decision_on(self, day: str) -> str:
        """The decision as it stood at the end of `day` (ISO date)."""
        current = Decision.UNDECIDED.value
        for entry in self.log:
            if "decision" in entry and entry.get("on", "") <= day:
                current = entry["decision"]
        return current

    def status_on_day(self, day: str) -> str:
        current = Status.TO_DO.value
        for entry in self.log:
            if "status" in entry and entry.get("on", "") <= day:
                current = entry["status"]
        return current
