"""The agenda against the clock: planned and actual start times, ahead or behind.

Planned start times count from the workshop's start time, on the day it is run
(the day of its first actual start; before that, its planned date). Ahead or
behind is only meaningful while the workshop is being run, on its own day: a
workshop run in October and opened (or even resumed) in November is never
"17 hours behind"; its schedule is read against its own date.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from workshop.clock import Clock
from workshop.model import AgendaItem, Workshop
from workshop.timer import Countdown

ON_TIME_SECONDS = 60  # within a minute of the plan, the workshop is on time


@dataclass(frozen=True)
class ItemTiming:
    item: AgendaItem
    planned_start: float | None  # wall clock; None when the workshop has no start time nor any start
    actual_start: float | None
    spent: float  # seconds: recorded, or running for the current item
    current: bool = False
    passed: bool = False  # comes before the current item in the agenda

    @property
    def done(self) -> bool:
        """Run and left for a later item (or before the current one). Going back
        to an earlier item does not finish the one left."""
        return not self.current and bool(self.item.actual_seconds) and (self.item.finished or self.passed)

    @property
    def interrupted(self) -> bool:
        """Begun, then left to go back to an earlier item."""
        return not self.current and bool(self.item.actual_seconds) and not self.done


@dataclass(frozen=True)
class Schedule:
    items: list[ItemTiming]
    drift: float | None  # seconds; positive: behind schedule, negative: ahead; None: not being run
    run_earlier: bool = False  # run on another day than today: no ahead or behind today
    day: datetime.date | None = None  # the day the workshop is (or was) run, or planned

    @property
    def behind(self) -> bool:
        return self.drift is not None and self.drift >= ON_TIME_SECONDS

    @property
    def ahead(self) -> bool:
        return self.drift is not None and self.drift <= -ON_TIME_SECONDS

    @property
    def on_time(self) -> bool:
        return self.drift is not None and not self.behind and not self.ahead

    @property
    def drift_minutes(self) -> int:
        """The drift in whole minutes, rounded to the nearest, without its sign."""
        return round(abs(self.drift or 0.0) / 60)


def parse_start_time(text: str) -> datetime.time | None:
    """'09:30', '9:30', '9h30', '14h' -> a time; None when empty or not a time."""
    text = (text or "").strip().lower().replace("h", ":")
    if not text:
        return None
    hours, _, minutes = text.partition(":")
    try:
        value = datetime.time(int(hours), int(minutes or 0))
    except ValueError:
        return None
    return value


def _local_date(instant: float) -> datetime.date:
    return datetime.datetime.fromtimestamp(instant).date()


def workshop_day(workshop: Workshop, items: list[AgendaItem], now: float) -> datetime.date:
    """The day the workshop is run: its first actual start's, else its planned date,
    else the day of `now` (the clock's: the only source of today)."""
    starts = [i.actual_start for i in items if i.actual_start is not None]
    if starts:
        return _local_date(min(starts))
    try:
        if workshop.date:
            return datetime.date.fromisoformat(workshop.date)
    except ValueError:
        pass
    return _local_date(now)


def planned_origin(workshop: Workshop, items: list[AgendaItem], now: float) -> float | None:
    """When the workshop was planned to start, as a wall-clock instant.

    Its start time on the day it is run (`workshop_day`); without a start time,
    its first actual start.
    """
    starts = [i.actual_start for i in items if i.actual_start is not None]
    start_time = parse_start_time(workshop.start_time)
    if start_time is None:
        return min(starts) if starts else None
    return datetime.datetime.combine(workshop_day(workshop, items, now), start_time).timestamp()


def compute_schedule(workshop: Workshop, items: list[AgendaItem], clock: Clock) -> Schedule:
    now = clock.now()
    origin = planned_origin(workshop, items, now)
    current_id = workshop.current_item_id or (items[0].id if items else 0)
    timings: list[ItemTiming] = []
    offset = 0.0
    drift: float | None = None
    day = workshop_day(workshop, items, now)
    on_its_day = day == _local_date(now)
    being_run = on_its_day and any(i.actual_start is not None for i in items)
    passed = any(item.id == current_id for item in items)  # the current item is in the agenda
    for item in items:
        planned_start = origin + offset if origin is not None else None
        planned_seconds = item.planned_minutes * 60
        if item.id == current_id:
            passed = False
            reading = Countdown.of(item, clock).reading()
            spent = reading.elapsed
            if reading.running and on_its_day:
                being_run = True
            if planned_start is not None:
                # When this item will end, at the pace of its timer, against its planned end.
                projected_end = now + max(0.0, reading.remaining)
                drift = projected_end - (planned_start + planned_seconds)
        else:
            spent = item.actual_seconds or 0.0
        timings.append(ItemTiming(item, planned_start, item.actual_start, spent, item.id == current_id, passed and item.id != current_id))
        offset += planned_seconds
    run_earlier = not on_its_day and any(i.actual_start is not None for i in items)
    return Schedule(timings, drift if being_run else None, run_earlier, day)


def clock_time(instant: float | None) -> str:
    """'14:05' in local time, or an empty string."""
    if instant is None:
        return ""
    return datetime.datetime.fromtimestamp(instant).strftime("%H:%M")
