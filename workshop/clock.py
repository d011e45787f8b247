"""Time as the core sees it: a wall clock that tests can replace.

Timers store wall-clock instants so that a running countdown resumes correctly
after the app is killed and restarted. Tests inject a `FakeClock` and never sleep.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds since the epoch."""
        ...


class SystemClock:
    """The wall clock. Not `time.monotonic()`: it stops while a laptop sleeps (lid
    closed during the break), and it cannot be compared across a restart."""

    def now(self) -> float:
        return time.time()


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += seconds

    def set(self, instant: float) -> None:
        self._now = instant
