"""The demo always has a workshop planned for today, ready to run."""

from __future__ import annotations

import datetime
from pathlib import Path

from workshop.clock import FakeClock
from workshop.demo import TODAY_TITLE, build_demo, demo_path, ensure_demo
from workshop.project import Project


def _at(day: datetime.date, hour: int, minute: int) -> FakeClock:
    return FakeClock(datetime.datetime(day.year, day.month, day.day, hour, minute).timestamp())


def _today_workshop(path: Path):
    with Project.open(path) as project:
        (workshop,) = [w for w in project.workshops() if w.title == TODAY_TITLE]
        return workshop, project.agenda(workshop.id)


def test_built_with_a_workshop_of_the_day_starting_at_the_next_quarter(tmp_path: Path) -> None:
    path = tmp_path / "demo.atelier"
    build_demo(path, _at(datetime.date(2027, 3, 9), 10, 7))
    workshop, agenda = _today_workshop(path)
    assert (workshop.date, workshop.start_time) == ("2027-03-09", "10:15")
    assert agenda and all(item.actual_start is None for item in agenda)


def test_a_late_evening_start_stays_within_the_day(tmp_path: Path) -> None:
    path = tmp_path / "demo.atelier"
    build_demo(path, _at(datetime.date(2027, 3, 9), 23, 52))
    assert _today_workshop(path)[0].start_time == "23:45"


def test_opened_another_day_the_workshop_of_the_day_follows(tmp_path: Path) -> None:
    ensure_demo(tmp_path, clock=_at(datetime.date(2027, 3, 9), 9, 0))
    ensure_demo(tmp_path, clock=_at(datetime.date(2027, 3, 12), 14, 20))
    workshop, _agenda = _today_workshop(demo_path(tmp_path))
    assert (workshop.date, workshop.start_time) == ("2027-03-12", "14:30")
    assert not demo_path(tmp_path).with_name(demo_path(tmp_path).name + ".old").exists(), "moved, not rebuilt"


def test_once_run_on_an_earlier_day_the_demo_is_built_again_and_the_old_one_kept(tmp_path: Path) -> None:
    first_day = datetime.date(2027, 3, 9)
    ensure_demo(tmp_path, clock=_at(first_day, 9, 0))
    path = demo_path(tmp_path)
    with Project.open(path) as project:
        (workshop,) = [w for w in project.workshops() if w.title == TODAY_TITLE]
        item = project.agenda(workshop.id)[0]
        project.update_agenda_item(item.id, actual_start=_at(first_day, 9, 20).now(), actual_seconds=600.0)
    # The same day: what was run stays.
    ensure_demo(tmp_path, clock=_at(first_day, 16, 0))
    assert _today_workshop(path)[1][0].actual_seconds == 600.0
    # Another day: a fresh demo, ready to run today.
    ensure_demo(tmp_path, clock=_at(datetime.date(2027, 3, 10), 9, 0))
    workshop, agenda = _today_workshop(path)
    assert workshop.date == "2027-03-10"
    assert all(item.actual_start is None for item in agenda)
    assert path.with_name(path.name + ".old").exists()
