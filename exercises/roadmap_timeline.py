"""The roadmap over time: month by month on screen, period by period in the minutes.

`timeline` lays the plan out by month (one row per action, pilot subjects first,
then one per milestone); the screen draws it as a text Gantt that scrolls
sideways when the plan is long. `period_table` groups the months into periods
(months, quarters or years, whichever keeps the table at most twelve columns
wide) for the minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from exercises import periods
from exercises.roadmap import Action, RoadmapState
from exercises.roadmap_follow import Follow, follow, proposals_by_id
from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.project import Project

MAX_PERIOD_COLUMNS = 12
Month = tuple[int, int]


class Mark(StrEnum):
    NONE = ""
    RUN = "run"  # the action runs that month
    START = "start"  # only a start is known
    END = "end"  # only an end is known
    MILESTONE = "milestone"


@dataclass(frozen=True)
class TimelineRow:
    label: str
    marks: tuple[str, ...]  # one Mark per month of the timeline
    milestone: bool = False
    pilot: bool = False
    status: str = ""  # a Status value ("" for a milestone, or a proposal not retained)
    late: bool = False
    entry_id: int = 0  # the action's or the milestone's id


@dataclass(frozen=True)
class Timeline:
    months: tuple[Month, ...]
    rows: tuple[TimelineRow, ...]
    undated: tuple[Action, ...]  # actions with neither start nor end
    today: int | None  # the index of today's month, when the plan covers it

    @property
    def empty(self) -> bool:
        return not self.months


def _action_span(followed: Follow) -> tuple[Month | None, Month | None]:
    return periods.month_of(followed.start), periods.month_of(followed.end, last=True)


def timeline(project: Project, state: RoadmapState, today: str) -> Timeline:
    """The plan by month: the months from the earliest date to the latest, each action's
    months marked, each milestone on its month."""
    by_id = proposals_by_id(project)
    followed = [(action, follow(action, by_id, today)) for action in state.ordered_actions()]
    known: list[Month] = []
    for _, entry in followed:
        known += [m for m in _action_span(entry) if m is not None]
    known += [m for milestone in state.milestones if (m := periods.month_of(milestone.date)) is not None]
    if not known:
        return Timeline((), (), tuple(a for a, _ in followed), None)
    months = tuple(periods.months_between(min(known), max(known)))
    index = {month: n for n, month in enumerate(months)}
    rows: list[TimelineRow] = []
    undated: list[Action] = []
    for action, entry in followed:
        first, last = _action_span(entry)
        marks = [Mark.NONE.value] * len(months)
        if first is not None and last is not None:
            for n in range(index[first], index[last] + 1):
                marks[n] = Mark.RUN.value
        elif first is not None:
            marks[index[first]] = Mark.START.value
        elif last is not None:
            marks[index[last]] = Mark.END.value
        else:
            undated.append(action)
            continue
        rows.append(TimelineRow(action.text, tuple(marks), pilot=action.pilot, status=entry.status, late=entry.late, entry_id=action.id))
    for milestone in state.milestones:
        month = periods.month_of(milestone.date)
        if month is None:
            continue
        marks = [Mark.NONE.value] * len(months)
        marks[index[month]] = Mark.MILESTONE.value
        rows.append(TimelineRow(milestone.text, tuple(marks), milestone=True, entry_id=milestone.id))
    now = (int(today[:4]), int(today[5:7])) if len(today) >= 7 else None
    return Timeline(months, tuple(rows), tuple(undated), index.get(now) if now else None)


# The minutes: a table by period ----------------------------------------------------------------
class Granularity(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


def granularity(months: int) -> Granularity:
    """Months while they fit in twelve columns, then quarters, then years."""
    if months <= MAX_PERIOD_COLUMNS:
        return Granularity.MONTH
    if months <= 3 * MAX_PERIOD_COLUMNS:
        return Granularity.QUARTER
    return Granularity.YEAR


def _period_of(month: Month, unit: Granularity) -> tuple[int, int]:
    year, number = month
    if unit is Granularity.MONTH:
        return year, number
    if unit is Granularity.QUARTER:
        return year, (number - 1) // 3 + 1
    return year, 0


def _period_label(period: tuple[int, int], unit: Granularity) -> str:
    year, number = period
    if unit is Granularity.MONTH:
        return periods.month_name(year, number)
    if unit is Granularity.QUARTER:
        return t("periods.quarter", number=number, year=year)
    return str(year)


@dataclass(frozen=True)
class PeriodTable:
    unit: Granularity
    periods: tuple[str, ...]  # column labels
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (what, one cell per period)


RUN_CELL = "■"
MILESTONE_CELL = "◆"


def period_table(line: Timeline) -> PeriodTable:
    """The timeline grouped by period: each action marked in the periods it covers, each
    milestone in its own. Labels carry the pilot and milestone marks."""
    unit = granularity(len(line.months))
    keys = list(dict.fromkeys(_period_of(m, unit) for m in line.months))
    column = {key: n for n, key in enumerate(keys)}
    rows = []
    for row in line.rows:
        cells = [""] * len(keys)
        for month, mark in zip(line.months, row.marks, strict=True):
            if mark:
                cells[column[_period_of(month, unit)]] = MILESTONE_CELL if row.milestone else RUN_CELL
        if row.milestone:
            label = t("roadmap.timeline.milestone_label", text=row.label)
        elif row.pilot:
            label = t("roadmap.timeline.pilot_label", text=row.label)
        else:
            label = row.label
        rows.append((label, tuple(cells)))
    return PeriodTable(unit, tuple(_period_label(k, unit) for k in keys), tuple(rows))
