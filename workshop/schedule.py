"""The agenda against the clock: planned and actual start times, ahead or behind.

Planned start times count from the workshop's start time, on the day it is run
(the day of its first actual start; before that, its planned date). Ahead or
behind is only meaningful while the workshop is being run: on the day of a
start, or while a timer runs.
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

    @property
    def done(self) -> bool:
        """Run and left (time recorded), as opposed to current or still to come."""
        return not self.current and bool(self.item.actual_seconds)


@dataclass(frozen=True)
class Schedule:
    items: list[ItemTiming]
    drift: float | None  # seconds; positive: behind schedule, negative: ahead; None: not being run
    run_earlier: bool = False  # not being run today, but started on an earlier day

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


def planned_origin(workshop: Workshop, items: list[AgendaItem], now: float) -> float | None:
    """When the workshop was planned to start, as a wall-clock instant.

    Its start time on the day it is run (first actual start), else on its
    planned date, else the day of `now`; without a start time, its first actual start.
    """
    starts = [i.actual_start for i in items if i.actual_start is not None]
    first = min(starts) if starts else None
    start_time = parse_start_time(workshop.start_time)
    if start_time is None:
        return first
    if first is not None:
        day = _local_date(first)
    else:
        try:
            day = datetime.date.fromisoformat(workshop.date) if workshop.date else None
        except ValueError:
            day = None
        if day is None:
            day = _local_date(now)
    return datetime.datetime.combine(day, start_time).timestamp()


def compute_schedule(workshop: Workshop, items: list[AgendaItem], clock: Clock) -> Schedule:
    now = clock.now()
    origin = planned_origin(workshop, items, now)
    current_id = workshop.current_item_id or (items[0].id if items else 0)
    timings: list[ItemTiming] = []
    offset = 0.0
    drift: float | None = None
    today = _local_date(now)
    being_run = any(i.actual_start is not None and _local_date(i.actual_start) == today for i in items)
    for item in items:
        planned_start = origin + offset if origin is not None else None
        planned_seconds = item.planned_minutes * 60
        if item.id == current_id:
            reading = Countdown.of(item, clock).reading()
            spent = reading.elapsed
            if reading.running:
                being_run = True
            if planned_start is not None:
                # When this item will end, at the pace of its timer, against its planned end.
                projected_end = now + max(0.0, reading.remaining)
                drift = projected_end - (planned_start + planned_seconds)
        else:
            spent = item.actual_seconds or 0.0
        timings.append(ItemTiming(item, planned_start, item.actual_start, spent, item.id == current_id))
        offset += planned_seconds
    run_earlier = not being_run and any(i.actual_start is not None for i in items)
    return Schedule(timings, drift if being_run else None, run_earlier)


def clock_time(instant: float | None) -> str:
    """'14:05' in local time, or an empty string."""
    if instant is None:
        return ""
    return datetime.datetime.fromtimestamp(instant).strftime("%H:%M")
