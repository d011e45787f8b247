"""Driving a workshop live: the current item, its countdown, moving along the agenda.

Every action saves at once (timer state, actual start, time spent, current item),
so a restart finds the same item and the same remaining time. The cockpit screen
is a view over one `LiveWorkshop`.
"""

from __future__ import annotations

from dataclasses import asdict, replace

from workshop.clock import Clock
from workshop.errors import NotFound, ValidationError
from workshop.model import AgendaItem, Workshop
from workshop.project import Project
from workshop.schedule import Schedule, compute_schedule
from workshop.timer import Countdown, Reading

# An item left within this many seconds of its first start was skipped, not run:
# its start is forgotten, so paging quickly through a running agenda records nothing.
SKIP_SECONDS = 10.0


class LiveWorkshop:
    def __init__(self, project: Project, workshop_id: int, clock: Clock | None = None) -> None:
        self.project = project
        self.workshop_id = workshop_id
        self.clock = clock or project.clock

    @property
    def workshop(self) -> Workshop:
        return self.project.workshop(self.workshop_id)

    def agenda(self) -> list[AgendaItem]:
        return self.project.agenda(self.workshop_id)

    def current(self) -> AgendaItem | None:
        """The item being run; the first item when none was chosen yet (or it was removed)."""
        current_id = self.workshop.current_item_id
        if current_id:
            try:
                item = self.project.agenda_item(current_id)
            except NotFound:
                item = None
            if item is not None and item.workshop_id == self.workshop_id:
                return item
        items = self.agenda()
        return items[0] if items else None

    def position(self) -> tuple[int, int]:
        """(1-based index of the current item, number of items); (0, 0) for an empty agenda."""
        items = self.agenda()
        current = self.current()
        if current is None:
            return 0, 0
        index = next((i for i, it in enumerate(items) if it.id == current.id), 0)
        return index + 1, len(items)

    def next_item(self) -> AgendaItem | None:
        items = self.agenda()
        current = self.current()
        if current is None:
            return None
        index = next((i for i, it in enumerate(items) if it.id == current.id), 0)
        return items[index + 1] if index + 1 < len(items) else None

    def countdown(self, item: AgendaItem | None = None) -> Countdown | None:
        item = item or self.current()
        return Countdown.of(item, self.clock) if item else None

    def reading(self) -> Reading | None:
        """The current item's countdown now; None for an empty agenda."""
        countdown = self.countdown()
        return countdown.reading() if countdown else None

    def schedule(self) -> Schedule:
        workshop = self.workshop
        items = self.agenda()
        current = self.current()
        workshop.current_item_id = current.id if current else 0
        return compute_schedule(workshop, items, self.clock)

    # Timer actions ----------------------------------------------------------------
    def _save_timer(self, item: AgendaItem, countdown: Countdown, **more: object) -> AgendaItem:
        """Save the timer state; the time spent so far goes with it, for the minutes."""
        spent = countdown.elapsed()
        if spent > 0 and "actual_seconds" not in more:
            more["actual_seconds"] = spent
        return self.project.update_agenda_item(item.id, timer=asdict(countdown.state), **more)

    def start(self) -> None:
        item = self.current()
        if item is None:
            return
        countdown = Countdown.of(item, self.clock)
        if countdown.running:
            return
        countdown.start()
        more: dict[str, object] = {}
        if item.actual_start is None:
            more["actual_start"] = countdown.state.started_at  # the same instant, to the microsecond
        with self.project.batch():
            if self.workshop.current_item_id != item.id:
                self.project.update_workshop(self.workshop_id, current_item_id=item.id)
            self._save_timer(item, countdown, **more)

    def pause(self) -> None:
        item = self.current()
        if item is None:
            return
        countdown = Countdown.of(item, self.clock)
        if countdown.running:
            countdown.pause()
            self._save_timer(item, countdown)

    def toggle(self) -> None:
        countdown = self.countdown()
        if countdown is None:
            return
        self.pause() if countdown.running else self.start()

    def adjust(self, minutes: int) -> None:
        """+1 / -1 minute on the current item; the total never goes below zero."""
        item = self.current()
        if item is None:
            return
        countdown = Countdown.of(item, self.clock)
        countdown.adjust(minutes)
        self._save_timer(item, countdown)

    def bell_due(self) -> bool:
        """True once per zero crossing of the current item; it records that the bell rang."""
        item = self.current()
        if item is None:
            return False
        countdown = Countdown.of(item, self.clock)
        if not countdown.bell_due():
            return False
        countdown.mark_bell_rung()
        self._save_timer(item, countdown)
        return True

    # Moving along the agenda ------------------------------------------------------
    def go_to(self, item_id: int) -> AgendaItem | None:
        """Leave the current item and make `item_id` current.

        The item left is paused and its time spent recorded, if its timer was
        running (an item only looked at keeps its record as it was). The workshop
        flows on only forward, to an item never started: its timer starts when the
        left one was running. Going back never restarts an item, nor does arriving
        on one already run: time changes only when the facilitator asks (Space).
        """
        target = self.project.agenda_item(item_id)
        if target.workshop_id != self.workshop_id:
            raise ValidationError("live.item_elsewhere", title=target.title)
        leaving = self.current()
        was_running = False
        forward = False
        with self.project.batch():
            if leaving is not None and leaving.id != item_id:
                forward = (target.position, target.id) > (leaving.position, leaving.id)
                was_running = self._leave(leaving, forward)
            self.project.update_workshop(self.workshop_id, current_item_id=item_id)
            if was_running and forward and _never_started(target):
                self.start()
        return self.current()

    def _leave(self, item: AgendaItem, forward: bool) -> bool:
        """Pause the item left and record its time; True when its timer was running.

        Left for a later item, an item that was run is finished (✓); left for an
        earlier one while it ran, it is interrupted, not finished.
        """
        countdown = Countdown.of(item, self.clock)
        was_running = countdown.running
        if not was_running:
            # Looked at, not run: its time stays; passing it forward finishes it.
            if forward and item.actual_seconds and not item.finished:
                self.project.update_agenda_item(item.id, finished=True)
            return False
        first_visit = countdown.state.elapsed_before == 0 and item.actual_start == countdown.state.started_at
        countdown.pause()
        spent = countdown.elapsed()
        if first_visit and spent < SKIP_SECONDS:
            # Skipped on the way to another item: leave no trace of a start.
            state = replace(countdown.state, elapsed_before=0.0, started_at=None, bell_rung=False)
            self.project.update_agenda_item(item.id, timer=asdict(state), actual_start=None, actual_seconds=None, finished=False)
        else:
            self.project.update_agenda_item(item.id, timer=asdict(countdown.state), actual_seconds=spent, finished=forward)
        return True

    def step(self, delta: int) -> AgendaItem | None:
        """Go `delta` items forward (or back); stays put at either end of the agenda."""
        items = self.agenda()
        current = self.current()
        if not items or current is None:
            return None
        index = next((i for i, it in enumerate(items) if it.id == current.id), 0)
        target = index + delta
        if not 0 <= target < len(items):
            return current
        return self.go_to(items[target].id)

    def set_notes(self, notes: str) -> AgendaItem | None:
        """The facilitator's Markdown notes of the current item."""
        item = self.current()
        if item is None:
            return None
        return self.project.update_agenda_item(item.id, notes=notes)


def _never_started(item: AgendaItem) -> bool:
    return item.actual_start is None and not item.actual_seconds and not item.timer_state.elapsed_before
