"""Driving a workshop live: the current item, its countdown, moving along the agenda.

Every action saves at once, so a restart finds the same item and the same
remaining time. The cockpit screen is a view over one `LiveWorkshop`.
"""

from __future__ import annotations

from dataclasses import asdict

from workshop.clock import Clock, SystemClock
from workshop.model import AgendaItem, TimerState, Workshop
from workshop.project import Project
from workshop.schedule import Schedule, compute_schedule
from workshop.timer import Countdown, Reading


class LiveWorkshop:
    def __init__(self, project: Project, workshop_id: int, clock: Clock | None = None) -> None:
        self.project = project
        self.workshop_id = workshop_id
        self.clock = clock or SystemClock()

    @property
    def workshop(self) -> Workshop:
        return self.project.workshop(self.workshop_id)

    def agenda(self) -> list[AgendaItem]:
        return self.project.agenda(self.workshop_id)

    def current(self) -> AgendaItem | None:
        """The item being run; the first item when none was chosen yet."""
        items = self.agenda()
        current_id = self.workshop.current_item_id
        for item in items:
            if item.id == current_id:
                return item
        return items[0] if items else None

    def countdown(self, item: AgendaItem | None = None) -> Countdown | None:
        item = item or self.current()
        return Countdown(item.timer_state, self.clock) if item else None

    def reading(self) -> Reading | None:
        countdown = self.countdown()
        return countdown.reading() if countdown else None

    def schedule(self) -> Schedule:
        workshop = self.workshop
        items = self.agenda()
        if not workshop.current_item_id and items:
            workshop.current_item_id = items[0].id
        return compute_schedule(workshop, items, self.clock)

    # Timer actions ----------------------------------------------------------------
    def _save_timer(self, item: AgendaItem, state: TimerState, **more: object) -> AgendaItem:
        return self.project.update_agenda_item(item.id, timer=asdict(state), **more)

    def start(self) -> None:
        item = self.current()
        if item is None:
            return
        countdown = self.countdown(item)
        assert countdown is not None
        more: dict[str, object] = {}
        if item.actual_start is None:
            more["actual_start"] = self.clock.now()
        with self.project.batch():
            if self.workshop.current_item_id != item.id:
                self.project.update_workshop(self.workshop_id, current_item_id=item.id)
            self._save_timer(item, countdown.start(), **more)

    def pause(self) -> None:
        item = self.current()
        if item is not None:
            countdown = self.countdown(item)
            assert countdown is not None
            self._save_timer(item, countdown.pause())

    def toggle(self) -> None:
        countdown = self.countdown()
        if countdown is None:
            return
        self.pause() if countdown.running else self.start()

    def adjust(self, minutes: int) -> None:
        item = self.current()
        if item is not None:
            countdown = self.countdown(item)
            assert countdown is not None
            self._save_timer(item, countdown.adjust(minutes))

    def bell_due(self) -> bool:
        """True once per zero crossing; it records that the bell rang."""
        item = self.current()
        countdown = self.countdown(item) if item else None
        if item is None or countdown is None or not countdown.bell_due():
            return False
        self._save_timer(item, countdown.mark_bell_rung())
        return True

    # Moving along the agenda ------------------------------------------------------
    def go_to(self, item_id: int) -> AgendaItem | None:
        """Leave the current item (pausing it, recording its time) and make `item_id` current."""
        leaving = self.current()
        with self.project.batch():
            if leaving is not None and leaving.id != item_id:
                countdown = self.countdown(leaving)
                assert countdown is not None
                state = countdown.pause()
                spent = countdown.elapsed()
                self._save_timer(leaving, state, actual_seconds=spent if spent > 0 else leaving.actual_seconds)
            self.project.update_workshop(self.workshop_id, current_item_id=item_id)
        return self.current()

    def step(self, delta: int) -> AgendaItem | None:
        items = self.agenda()
        current = self.current()
        if not items or current is None:
            return None
        index = next((i for i, it in enumerate(items) if it.id == current.id), 0)
        target = index + delta
        if not 0 <= target < len(items):
            return current
        return self.go_to(items[target].id)
