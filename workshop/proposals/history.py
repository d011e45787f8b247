"""The commitment workshop after workshop, as it stood at the end of each one's date.

Proposals stated by then, decisions and implementation statuses replayed from
their dated log, and the threshold then in force: an old workshop's line never
changes when later decisions are taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workshop.proposals.gauge import CommitmentGauge

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
    from workshop.proposals.threshold import threshold_as_of
    from workshop.proposals.tracker import proposals, today

    every = proposals(project)  # read once, replayed at each date
    known = {s.id for s in project.structures()}
    promoter = project.promoter_id
    points = []
    for workshop in project.workshops():
        day = workshop.date or None
        stated = [p for p in (item.as_of(day) for item in every) if p is not None]
        gauge = CommitmentGauge.of(stated, threshold_as_of(project, day).value, promoter, known, day=day or today(project))
        points.append(HistoryPoint(workshop.id, workshop.title, workshop.date, gauge))
        if workshop.id == until:
            break
    return points
