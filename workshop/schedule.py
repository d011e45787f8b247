"""The agenda against the clock: planned and actual start times, ahead or behind."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from workshop.clock import Clock
from workshop.model import AgendaItem, Workshop
from workshop.timer import Countdown


@dataclass(frozen=True)
class ItemTiming:
    item: AgendaItem
    planned_start: float | None  # wall clock, None when neither start time nor first start is known
    actual_start: float | None
    spent: float  # seconds: recorded, or running for the current item


@dataclass(frozen=True)
class Schedule:
    items: list[ItemTiming]
    drift: float  # seconds; positive: behind schedule, negative: ahead

    @property
    def behind(self) -> bool:
        return self.drift > 59

    @property
    def ahead(self) -> bool:
        return self.drift < -59


def planned_origin(workshop: Workshop, items: list[AgendaItem]) -> float | None:
    """When the workshop was planned to start: its date and start time, else its first actual start."""
    if workshop.date and workshop.start_time:
        try:
            start = datetime.datetime.fromisoformat(f"{workshop.date}T{workshop.start_time}")
            return start.timestamp()
        except ValueError:
            pass
    starts = [i.actual_start for i in items if i.actual_start is not None]
    return min(starts) if starts else None


def compute_schedule(workshop: Workshop, items: list[AgendaItem], clock: Clock) -> Schedule:
    origin = planned_origin(workshop, items)
    timings: list[ItemTiming] = []
    offset = 0.0
    drift = 0.0
    now = clock.now()
    for item in items:
        planned_start = origin + offset if origin is not None else None
        if item.id == workshop.current_item_id:
            spent = Countdown(item.timer_state, clock).elapsed()
            if planned_start is not None:
                # Late start, plus any overrun of the current item so far.
                started = item.actual_start if item.actual_start is not None else now
                drift = (started - planned_start) + max(0.0, spent - item.planned_minutes * 60)
        else:
            spent = item.actual_seconds or 0.0
        timings.append(ItemTiming(item, planned_start, item.actual_start, spent))
        offset += item.planned_minutes * 60
    return Schedule(timings, drift)


def clock_time(instant: float | None) -> str:
    """'14:05' in local time, or an empty string."""
    if instant is None:
        return ""
    return datetime.datetime.fromtimestamp(instant).strftime("%H:%M")
