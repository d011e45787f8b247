"""The countdown of an agenda item, computed from a clock, never from ticks.

A `Countdown` reads and returns `TimerState` values; the caller saves them on the
agenda item, so a running timer survives a restart with the right remaining time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from workshop.clock import Clock
from workshop.model import AgendaItem, TimerState

WARNING_SHARE = 0.20  # colour warnings when 20% of the time is left...
DANGER_SHARE = 0.05  # ...and again at 5%


class Level(StrEnum):
    NORMAL = "normal"
    WARNING = "warning"
    DANGER = "danger"
    OVERTIME = "overtime"


@dataclass(frozen=True)
class Reading:
    remaining: float  # seconds; negative in overtime
    elapsed: float
    total: int  # planned plus adjustments
    running: bool
    level: Level
    extra: int = 0  # seconds added (or removed, when negative) with +1 / -1 minute

    @property
    def overtime(self) -> bool:
        return self.level is Level.OVERTIME

    @property
    def display(self) -> str:
        """'12:34' while counting down, '+02:13' in overtime; hours when needed."""
        seconds = self.remaining
        if seconds < 0:
            return "+" + format_duration(-seconds, round_up=False)
        return format_duration(seconds, round_up=True)


def format_duration(seconds: float, round_up: bool = False) -> str:
    whole = int(seconds) + (1 if round_up and seconds % 1 > 1e-9 else 0)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


class Countdown:
    """Start, pause, resume, adjust; every change returns the state to save."""

    def __init__(self, state: TimerState, clock: Clock) -> None:
        self.state = state
        self.clock = clock

    @classmethod
    def of(cls, item: AgendaItem, clock: Clock) -> Countdown:
        """The countdown of an agenda item, following its planned duration even when
        it was changed after the timer was saved (the +/- minutes are kept apart)."""
        return cls(replace(item.timer_state, planned_seconds=item.planned_minutes * 60), clock)

    @property
    def running(self) -> bool:
        return self.state.started_at is not None

    @property
    def total(self) -> int:
        return max(0, self.state.planned_seconds + self.state.extra_seconds)

    def elapsed(self) -> float:
        elapsed = self.state.elapsed_before
        if self.state.started_at is not None:
            elapsed += max(0.0, self.clock.now() - self.state.started_at)
        return elapsed

    def reading(self) -> Reading:
        elapsed = self.elapsed()
        remaining = self.total - elapsed
        level = self._level(remaining, elapsed)
        return Reading(remaining, elapsed, self.total, self.running, level, self.total - self.state.planned_seconds)

    def _level(self, remaining: float, elapsed: float) -> Level:
        if remaining <= 0 and (self.total or elapsed > 0):
            return Level.OVERTIME
        if remaining <= self.total * DANGER_SHARE:
            return Level.DANGER
        if remaining <= self.total * WARNING_SHARE:
            return Level.WARNING
        return Level.NORMAL

    def start(self) -> TimerState:
        if not self.running:
            self.state = replace(self.state, started_at=self.clock.now())
        return self.state

    def pause(self) -> TimerState:
        if self.running:
            self.state = replace(self.state, elapsed_before=self.elapsed(), started_at=None)
        return self.state

    def toggle(self) -> TimerState:
        return self.pause() if self.running else self.start()

    def adjust(self, minutes: int) -> TimerState:
        """Add (or remove, when negative) minutes; the total never goes below zero."""
        extra = self.state.extra_seconds + minutes * 60
        extra = max(extra, -self.state.planned_seconds)
        self.state = replace(self.state, extra_seconds=extra)
        if self.total - self.elapsed() > 0:
            self.state = replace(self.state, bell_rung=False)  # it may ring again at the new zero
        return self.state

    def reset(self) -> TimerState:
        self.state = TimerState(planned_seconds=self.state.planned_seconds)
        return self.state

    def bell_due(self) -> bool:
        """True once, when zero is first reached: the caller rings, then `mark_bell_rung`."""
        return not self.state.bell_rung and self.elapsed() > 0 and self.total - self.elapsed() <= 0

    def mark_bell_rung(self) -> TimerState:
        self.state = replace(self.state, bell_rung=True)
        return self.state


def time_spent(item: AgendaItem, clock: Clock) -> float:
    """Seconds spent on an item so far: what was recorded on leaving it, or more
    while its timer is still running (minutes exported in the middle of an item)."""
    recorded = item.actual_seconds or 0.0
    if not item.timer:
        return recorded
    countdown = Countdown.of(item, clock)
    return max(recorded, countdown.elapsed()) if countdown.running else recorded
