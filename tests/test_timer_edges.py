"""The countdown's edges: a timer whose every minute was removed, the bell after
an adjustment in overtime, reset, and the time an item has taken."""

from __future__ import annotations

from workshop.clock import FakeClock
from workshop.model import AgendaItem, TimerState
from workshop.timer import Countdown, Level, time_spent


def emptied(clock: FakeClock) -> Countdown:
    """A 2-minute item whose two minutes were both removed (total zero)."""
    countdown = Countdown(TimerState(planned_seconds=120), clock)
    countdown.adjust(-2)
    assert countdown.total == 0
    return countdown


def test_a_zero_minute_timer_that_has_not_started_is_not_in_overtime(clock: FakeClock) -> None:
    countdown = emptied(clock)
    clock.advance(30)
    assert countdown.reading().level is not Level.OVERTIME
    assert not countdown.bell_due()


def test_a_zero_minute_timer_is_in_overtime_as_soon_as_it_runs(clock: FakeClock) -> None:
    countdown = emptied(clock)
    countdown.start()
    clock.advance(0.5)  # half a second is already over time
    reading = countdown.reading()
    assert reading.level is Level.OVERTIME
    assert reading.display == "+00:00"
    assert countdown.bell_due()


def test_adding_a_minute_still_in_overtime_does_not_ring_the_bell_again(clock: FakeClock) -> None:
    countdown = Countdown(TimerState(planned_seconds=60), clock)
    countdown.start()
    clock.advance(60 + 180)  # three minutes over
    assert countdown.bell_due()
    countdown.mark_bell_rung()
    countdown.adjust(+1)  # still two minutes over
    assert countdown.reading().level is Level.OVERTIME
    assert not countdown.bell_due()


def test_adding_time_past_the_overtime_rearms_the_bell(clock: FakeClock) -> None:
    countdown = Countdown(TimerState(planned_seconds=60), clock)
    countdown.start()
    clock.advance(90)
    countdown.mark_bell_rung()
    state = countdown.adjust(+1)  # 30 s left again
    assert state.bell_rung is False  # saved as a real boolean
    clock.advance(31)
    assert countdown.bell_due()


def test_reset_forgets_everything_but_the_planned_time(clock: FakeClock) -> None:
    countdown = Countdown(TimerState(planned_seconds=600), clock)
    countdown.start()
    countdown.adjust(+3)
    clock.advance(900)
    countdown.mark_bell_rung()
    assert countdown.reset() == TimerState(planned_seconds=600)
    assert not countdown.running
    assert countdown.reading().display == "10:00"


def test_time_spent_is_what_was_recorded_when_the_item_has_no_timer(clock: FakeClock) -> None:
    item = AgendaItem(1, "free", "Accueil", planned_minutes=10, actual_seconds=300.0)
    assert time_spent(item, clock) == 300.0
    never_run = AgendaItem(1, "free", "Accueil", planned_minutes=10)
    assert time_spent(never_run, clock) == 0.0


def test_time_spent_counts_a_running_timer_beyond_what_was_recorded(clock: FakeClock) -> None:
    started = clock.now()
    item = AgendaItem(
        1, "free", "Accueil", planned_minutes=10, actual_seconds=60.0,
        timer={"planned_seconds": 600, "started_at": started, "elapsed_before": 30.0},
    )
    clock.advance(100)
    assert time_spent(item, clock) == 130.0


def test_time_spent_on_a_paused_item_is_what_was_recorded(clock: FakeClock) -> None:
    # Not running: the time recorded on leaving the item is the answer, not the paused timer.
    item = AgendaItem(
        1, "free", "Accueil", planned_minutes=10, actual_seconds=60.0,
        timer={"planned_seconds": 600, "started_at": None, "elapsed_before": 90.0},
    )
    assert time_spent(item, clock) == 60.0


def test_a_reading_gives_the_total_with_the_minutes_added(clock: FakeClock) -> None:
    countdown = Countdown(TimerState(planned_seconds=600), clock)
    countdown.adjust(+2)
    reading = countdown.reading()
    assert (reading.total, reading.extra, reading.remaining) == (720, 120, 720.0)


def test_adding_exactly_the_overtime_does_not_ring_the_bell_again(clock: FakeClock) -> None:
    countdown = Countdown(TimerState(planned_seconds=60), clock)
    countdown.start()
    clock.advance(120)  # one minute over
    countdown.mark_bell_rung()
    state = countdown.adjust(+1)  # zero left: this zero has already rung
    assert state.bell_rung is True
    assert not countdown.bell_due()


def test_adding_a_minute_that_leaves_half_a_second_rearms_the_bell(clock: FakeClock) -> None:
    countdown = Countdown(TimerState(planned_seconds=60), clock)
    countdown.start()
    clock.advance(119.5)
    countdown.mark_bell_rung()
    assert countdown.adjust(+1).bell_rung is False  # half a second left: a new zero to come
    assert not countdown.bell_due()
    clock.advance(0.5)
    assert countdown.bell_due()
