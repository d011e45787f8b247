"""The commitment workshop after workshop, as it stood at the end of each one's date.

Proposals stated by then, decisions and implementation statuses replayed from
their dated log, and the threshold then in force: an old workshop's line never
changes when later decisions are taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workshop.proposals.gauge import CommitmentGauge, commitment

if TYPE_CHECKING:
    from workshop.project import Project


@dataclass(frozen=True)
class HistoryPoint:
    workshop_id: int
    title: str
    date: str  # "" for a workshop without a date: measured as things stand now
    gauge: CommitmentGauge


def history(project: Project, until: int | None = None) -> list[HistoryPoint]:
    """One point per workshop, in date order; with `until` (a workshop id), up to and
    including that workshop (the minutes of a workshop show no later one)."""
    points = []
    for workshop in project.workshops():
        points.append(HistoryPoint(workshop.id, workshop.title, workshop.date, commitment(project, workshop.date or None)))
        if workshop.id == until:
            break
    return points
