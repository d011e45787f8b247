"""The countdown reads a clock: warnings, zero, overtime, pause, adjustments, bell, restart."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from workshop.clock import FakeClock
from workshop.model import TimerState
from workshop.timer import Countdown, Level, format_duration


def ten_minutes(clock: FakeClock) -> Countdown:
    return Countdown(TimerState(planned_seconds=600), clock)


def test_a_new_timer_shows_its_planned_time_and_does_not_move(clock: FakeClock) -> None:
    countdown = ten_minutes(clock)
    clock.advance(120)
    reading = countdown.reading()
    assert reading.display == "10:00"
    assert not reading.running
    assert reading.level is Level.NORMAL


def test_it_counts_down_from_the_clock_not_from_ticks(clock: FakeClock) -> None:
    countdown = ten_minutes(clock)
    countdown.start()
    clock.advance(61)  # one jump: no tick in between
    assert countdown.reading().display == "08:59"
    assert countdown.reading().remaining == pytest.approx(539)


def test_a_started_second_still_shows_until_it_is_over(clock: FakeClock) -> None:
    countdown = ten_minutes(clock)
    countdown.start()
    clock.advance(0.4)
    assert countdown.reading().display == "10:00"
    clock.advance(59.6)
    assert countdown.reading().display == "09:00"


@pytest.mark.parametrize(
    ("elapsed", "level"),
    [
        (0, Level.NORMAL),
        (479, Level.NORMAL),  # 121 s left of 600: above 20%
        (480, Level.WARNING),  # 120 s left: 20%
        (569, Level.WARNING),
        (570, Level.DANGER),  # 30 s left: 5%
        (599, Level.DANGER),
        (600, Level.OVERTIME),
        (900, Level.OVERTIME),
    ],
)
def test_colour_levels_at_20_and_5_percent(clock: FakeClock, elapsed: int, level: Level) -> None:
    countdown = ten_minutes(clock)
    countdown.start()
    clock.advance(elapsed)
    assert countdown.reading().level is level


def test_zero_then_overtime_counts_up(clock: FakeClock) -> None:
    countdown = ten_minutes(clock)
    countdown.start()
    clock.advance(600)
    assert countdown.reading().display == "00:00"
    assert countdown.reading().overtime
    clock.advance(133)
    assert countdown.reading().display == "+02:13"
    assert countdown.reading().remaining == pytest.approx(-133)


def test_long_times_show_hours(clock: FakeClock) -> None:
    countdown = Countdown(TimerState(planned_seconds=90 * 60), clock)
    assert countdown.reading().display == "1:30:00"
    countdown.start()
    clock.advance(90 * 60 + 3605)
    assert countdown.reading().display == "+1:00:05"
    assert format_duration(59.9) == "00:59"


def test_pause_freezes_and_resume_continues(clock: FakeClock) -> None:
    countdown = ten_minutes(clock)
    countdown.start()
    clock.advance(60)
    countdown.pause()
    clock.advance(300)
    reading = countdown.reading()
    assert not reading.running
    assert reading.display == "09:00"
    countdown.start()
    clock.advance(60)
    assert countdown.reading().display == "08:00"
    assert countdown.reading().elapsed == pytest.approx(120)


def test_toggle_starts_then_pauses(clock: FakeClock) -> None:
    countdown = ten_minutes(clock)
    assert countdown.toggle().started_at == clock.now()
    clock.advance(5)
    assert countdown.toggle().started_at is None
    assert countdown.state.elapsed_before == pytest.approx(5)


def test_plus_and_minus_one_minute(clock: FakeClock) -> None:
    countdown = ten_minutes(clock)
    countdown.start()
    countdown.adjust(+1)
    assert countdown.reading().display == "11:00"
    assert countdown.reading().extra == 60
    countdown.adjust(-1)
    countdown.adjust(-1)
    assert countdown.reading().display == "09:00"
    assert countdown.reading().extra == -60


def test_minus_one_minute_can_go_below_zero_into_overtime(clock: FakeClock) -> None:
    countdown = ten_minutes(clock)
    countdown.start()
    clock.advance(570)  # 30 s left
    countdown.adjust(-1)
    reading = countdown.reading()
    assert reading.overtime
    assert reading.display == "+00:30"


def test_the_total_never_goes_below_zero(clock: FakeClock) -> None:
    countdown = Countdown(TimerState(planned_seconds=60), clock)
    for _ in range(3):
        countdown.adjust(-1)
    assert countdown.total == 0
    countdown.adjust(+1)
    assert countdown.total == 60  # one press back, not three


def test_the_bell_is_due_exactly_once_at_zero(clock: FakeClock) -> None:
    countdown = ten_minutes(clock)
    countdown.start()
    clock.advance(599)
    assert not countdown.bell_due()
    clock.advance(1)
    assert countdown.bell_due()
    countdown.mark_bell_rung()
    for _ in range(3):
        clock.advance(30)
        assert not countdown.bell_due()
    countdown.pause()
    countdown.start()
    assert not countdown.bell_due()


def test_adding_time_after_zero_lets_the_bell_ring_at_the_new_zero(clock: FakeClock) -> None:
    countdown = ten_minutes(clock)
    countdown.start()
    clock.advance(610)
    assert countdown.bell_due()
    countdown.mark_bell_rung()
    countdown.adjust(+1)  # 50 s left again
    assert not countdown.bell_due()
    clock.advance(50)
    assert countdown.bell_due()


def test_no_bell_for_a_timer_never_started(clock: FakeClock) -> None:
    countdown = Countdown(TimerState(planned_seconds=60), clock)
    countdown.adjust(-1)
    assert not countdown.bell_due()


def test_a_running_timer_resumes_after_a_restart_from_its_saved_state(clock: FakeClock) -> None:
    countdown = ten_minutes(clock)
    countdown.start()
    clock.advance(100)
    countdown.adjust(+2)
    saved = json.dumps(asdict(countdown.state))  # what the project file keeps

    clock.advance(250)  # the app was down for a while
    restored = Countdown(TimerState.from_dict(json.loads(saved)), FakeClock(clock.now()))
    reading = restored.reading()
    assert reading.running
    assert reading.elapsed == pytest.approx(350)
    assert reading.display == "06:10"  # 12 min - 5 min 50 s


def test_a_paused_timer_resumes_paused_after_a_restart(clock: FakeClock) -> None:
    countdown = ten_minutes(clock)
    countdown.start()
    clock.advance(42)
    saved = asdict(countdown.pause())
    clock.advance(3600)
    restored = Countdown(TimerState.from_dict(saved), clock)
    assert not restored.running
    assert restored.reading().display == "09:18"
