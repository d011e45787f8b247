"""Planned start times from the workshop's date and start time; ahead or behind schedule."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest

from workshop.clock import FakeClock
from workshop.live import LiveWorkshop
from workshop.project import Project
from workshop.schedule import clock_time, parse_start_time, planned_origin


def at(day: str, hour: str) -> float:
    """A local wall-clock instant."""
    return datetime.datetime.fromisoformat(f"{day}T{hour}").timestamp()


@pytest.fixture
def live(project: Project, clock: FakeClock) -> LiveWorkshop:
    workshop = project.add_workshop("Atelier du 15", "2027-01-15")
    project.update_workshop(workshop.id, start_time="14:00")
    for title, minutes in (("Accueil", 20), ("Valeurs", 45), ("Pause", 15)):
        project.add_agenda_item(workshop.id, "free", title, minutes)
    clock.set(at("2027-01-15", "13:30"))
    return LiveWorkshop(project, workshop.id, clock)


def test_planned_starts_count_from_the_date_and_start_time(live: LiveWorkshop) -> None:
    schedule = live.schedule()
    assert [clock_time(t.planned_start) for t in schedule.items] == ["14:00", "14:20", "15:05"]
    assert schedule.items[0].planned_start == at("2027-01-15", "14:00")
    assert [t.actual_start for t in schedule.items] == [None, None, None]
    assert schedule.items[0].current and not schedule.items[1].current


def test_before_the_workshop_starts_there_is_no_ahead_or_behind(live: LiveWorkshop) -> None:
    schedule = live.schedule()
    assert schedule.drift is None and not schedule.run_earlier
    assert not schedule.ahead and not schedule.behind and not schedule.on_time


def test_a_late_start_is_behind_schedule(live: LiveWorkshop, clock: FakeClock) -> None:
    clock.set(at("2027-01-15", "14:07"))
    live.start()
    schedule = live.schedule()
    assert schedule.behind
    assert schedule.drift == pytest.approx(7 * 60)
    assert schedule.drift_minutes == 7
    assert clock_time(schedule.items[0].actual_start) == "14:07"


def test_a_short_item_puts_the_workshop_ahead(live: LiveWorkshop, clock: FakeClock) -> None:
    clock.set(at("2027-01-15", "14:00"))
    live.start()
    clock.advance(10 * 60)  # 10 min of a planned 20
    live.step(+1)
    schedule = live.schedule()
    assert schedule.ahead
    assert schedule.drift == pytest.approx(-10 * 60)
    assert schedule.items[0].done
    assert schedule.items[0].spent == pytest.approx(600)
    assert clock_time(schedule.items[1].actual_start) == "14:10"


def test_running_over_the_current_item_is_behind(live: LiveWorkshop, clock: FakeClock) -> None:
    clock.set(at("2027-01-15", "14:00"))
    live.start()
    clock.advance(10 * 60)
    assert live.schedule().on_time
    clock.advance(15 * 60)  # 25 min of a planned 20
    schedule = live.schedule()
    assert schedule.behind
    assert schedule.drift == pytest.approx(5 * 60)


def test_added_minutes_push_the_projected_end(live: LiveWorkshop, clock: FakeClock) -> None:
    clock.set(at("2027-01-15", "14:00"))
    live.start()
    live.adjust(+3)
    assert live.schedule().drift == pytest.approx(3 * 60)


def test_a_pause_off_the_clock_makes_the_workshop_late(live: LiveWorkshop, clock: FakeClock) -> None:
    clock.set(at("2027-01-15", "14:00"))
    live.start()
    clock.advance(5 * 60)
    live.pause()
    clock.advance(10 * 60)  # discussion with the timer paused
    assert live.schedule().drift == pytest.approx(10 * 60)


def test_within_a_minute_is_on_time(live: LiveWorkshop, clock: FakeClock) -> None:
    clock.set(at("2027-01-15", "14:00:40"))
    live.start()
    schedule = live.schedule()
    assert schedule.on_time and not schedule.behind


def test_a_workshop_run_on_another_day_counts_from_that_day(live: LiveWorkshop, clock: FakeClock) -> None:
    clock.set(at("2027-01-22", "14:02"))  # postponed by a week, date not updated
    live.start()
    schedule = live.schedule()
    assert schedule.items[0].planned_start == at("2027-01-22", "14:00")
    assert schedule.drift == pytest.approx(120)


def test_a_workshop_run_on_an_earlier_day_shows_no_drift_today(live: LiveWorkshop, clock: FakeClock) -> None:
    clock.set(at("2027-01-15", "14:00"))
    live.start()
    clock.advance(600)
    live.pause()
    assert not live.schedule().run_earlier
    clock.set(at("2027-02-01", "09:00"))
    assert live.schedule().drift is None
    assert live.schedule().run_earlier, "the cockpit says it was run, not that it has not started"


def test_without_a_start_time_the_first_start_is_the_origin(project: Project, clock: FakeClock) -> None:
    workshop = project.add_workshop("Sans heure")
    for title, minutes in (("A", 10), ("B", 10)):
        project.add_agenda_item(workshop.id, "free", title, minutes)
    live = LiveWorkshop(project, workshop.id, clock)
    assert [t.planned_start for t in live.schedule().items] == [None, None]
    started = clock.now()
    live.start()
    clock.advance(15 * 60)
    schedule = live.schedule()
    assert [t.planned_start for t in schedule.items] == [started, started + 600]
    assert schedule.drift == pytest.approx(5 * 60)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("14:00", (14, 0)), ("9:30", (9, 30)), ("9h30", (9, 30)), ("14h", (14, 0)), (" 08:05 ", (8, 5))],
)
def test_start_times_are_read_leniently(text: str, expected: tuple[int, int]) -> None:
    assert parse_start_time(text) == datetime.time(*expected)


@pytest.mark.parametrize("text", ["", "midi", "25:00", "14:75"])
def test_unreadable_start_times_are_ignored(text: str) -> None:
    assert parse_start_time(text) is None


def test_a_bad_start_time_falls_back_to_the_first_start(project: Project) -> None:
    # Typed times are checked on entry; an unreadable one can only come from an
    # older or hand-edited file, and must not break the schedule.
    workshop = project.add_workshop("Heure illisible", "2027-01-15")
    workshop = replace(workshop, start_time="vers 14 heures")
    assert planned_origin(workshop, [], 1_800_000_000.0) is None


def test_clock_time_of_nothing_is_empty() -> None:
    assert clock_time(None) == ""


def test_resumed_on_a_later_day_the_schedule_stays_on_its_own_date(live: LiveWorkshop, clock: FakeClock) -> None:
    """The demo's October workshop, opened in November, Space pressed: never "1174 h behind"."""
    clock.set(at("2027-01-15", "14:05"))
    live.start()
    clock.advance(20 * 60)
    live.step(+1)
    live.pause()
    clock.set(at("2027-03-02", "10:00"))  # weeks later
    live.start()
    clock.advance(60)
    schedule = live.schedule()
    assert schedule.drift is None and not schedule.behind and not schedule.ahead
    assert schedule.run_earlier and schedule.day == datetime.date(2027, 1, 15)
    assert [clock_time(t.planned_start) for t in schedule.items] == ["14:00", "14:20", "15:05"]


def test_planned_for_another_day_but_run_today_it_is_read_against_today(live: LiveWorkshop, clock: FakeClock) -> None:
    clock.set(at("2027-01-12", "14:10"))  # three days before its planned date
    live.start()
    schedule = live.schedule()
    assert schedule.day == datetime.date(2027, 1, 12)
    assert schedule.behind and schedule.drift_minutes == 10
    assert clock_time(schedule.items[0].planned_start) == "14:00"
