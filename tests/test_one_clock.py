"""The project's clock is the only source of "now" and "today" in the core and the exercises.

A feature that reads the system date directly makes the minutes, the lateness of
a proposal or a timer depend on the machine's date instead of the clock the app
(or a test) gives the project (`workshop/clock.py`, `Project.today()`).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from workshop.clock import FakeClock
from workshop.project import Project

# Features that used to read the system's date, each given a clock years away from it.
NOON = datetime.datetime(2031, 3, 4, 12, 0).timestamp()  # local time, as the app reads it


@pytest.fixture
def dated(tmp_path: Path) -> Project:
    with Project.create(tmp_path / "p.atelier", "Daté", clock=FakeClock(NOON)) as project:
        yield project


def test_a_new_project_is_dated_by_its_clock(dated: Project) -> None:
    assert dated.store.table("meta").all()[0]["created"] == NOON
    assert dated.today() == "2031-03-04"


def test_a_draft_convention_is_dated_by_the_projects_clock(dated: Project) -> None:
    from workshop.convention.builder import build_convention
    from workshop.minutes.blocks import Paragraph

    texts = [block.text for block in build_convention(dated) if isinstance(block, Paragraph)]
    assert "Projet établi le 4 mars 2031." in texts


def test_the_live_workshop_and_the_minutes_time_by_the_projects_clock(dated: Project) -> None:
    from workshop.live import LiveWorkshop
    from workshop.minutes.blocks import Table
    from workshop.minutes.builder import build_minutes

    workshop = dated.add_workshop("Atelier", "2031-03-04")
    item = dated.add_agenda_item(workshop.id, "free", "Accueil", 20)
    live = LiveWorkshop(dated, workshop.id)
    live.start()
    assert dated.agenda_item(item.id).actual_start == NOON
    dated.clock.advance(7 * 60)
    assert live.reading().elapsed == 7 * 60
    # Exported while the timer runs: the time spent so far, by the same clock.
    agenda = next(b for b in build_minutes(dated, dated.workshop(workshop.id)) if isinstance(b, Table))
    assert agenda.rows[0][-1] == "7 min", agenda.rows


def test_the_exercises_stamp_by_the_projects_clock(dated: Project) -> None:
    from exercises import supra

    workshop = dated.add_workshop("Atelier")
    item = dated.add_agenda_item(workshop.id, "supra", "Objectif supra")
    state = supra.write_sentence(dated, item.id, "Un territoire où chacun trouve sa place")
    assert state.versions[-1].at == NOON
