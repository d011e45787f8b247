"""Start times as typed by facilitators, and the planned times the agenda shows."""

from __future__ import annotations

import pytest

from screens.formatting import clock_after, format_date, format_minutes
from workshop.errors import ValidationError
from workshop.i18n import set_language
from workshop.project import Project


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("9:30", "09:30"), ("09h30", "09:30"), ("9h", "09:00"), ("0930", "09:30"), ("14", "14:00"), ("", "")],
)
def test_start_time_is_stored_as_hh_mm(project: Project, typed: str, stored: str) -> None:
    workshop = project.add_workshop("Atelier", start_time=typed)
    assert workshop.start_time == stored
    assert project.update_workshop(workshop.id, start_time=typed).start_time == stored


@pytest.mark.parametrize("typed", ["25:00", "9:5", "midi", "12:60"])
def test_bad_start_time_is_refused_with_what_was_typed(project: Project, typed: str) -> None:
    with pytest.raises(ValidationError) as refused:
        project.add_workshop("Atelier", start_time=typed)
    assert refused.value.key == "error.time_invalid" and typed in refused.value.message()


def test_place_and_facilitator_are_trimmed(project: Project) -> None:
    workshop = project.add_workshop("Atelier")
    workshop = project.update_workshop(workshop.id, place="  Salle   des fêtes ", facilitator=" Camille ")
    assert (workshop.place, workshop.facilitator) == ("Salle des fêtes", "Camille")


def test_planned_times_and_durations() -> None:
    assert clock_after("14:00", 95) == "15:35"
    assert clock_after("23:30", 60) == "00:30+1"
    assert clock_after("", 95) == "+1:35"
    assert format_minutes(45) == "45 min"
    assert format_minutes(65) == "1 h 05"
    assert format_date("2026-10-12") == "12/10/2026"
    set_language("en")
    assert format_date("2026-10-12") == "2026-10-12"
