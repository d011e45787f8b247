"""Next steps (what, who, by when) and the next meeting: the core, and entering them from the plan and the cockpit."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select, Static

from screens.app import AtelierApp
from screens.modals.next_meeting import NextMeetingModal
from screens.modals.next_step import NextStepModal
from screens.modals.next_steps import NextStepsModal
from tests.screen_text import flat_text, settle, table_rows
from tests.test_screen_workshop_plan import make_project, open_plan, type_text
from workshop.clock import FakeClock
from workshop.errors import ValidationError
from workshop.library import ProjectLibrary
from workshop.next_steps import (
    StepStatus,
    add_next_step,
    edit_next_step,
    move_next_step,
    next_steps,
    remove_next_step,
    set_status,
)
from workshop.project import Project


def test_a_next_step_has_one_owner_and_a_readable_date(project: Project) -> None:
    a = project.add_structure("Les Jardins")
    zoe = project.add_participant("Zoé", a.id)
    workshop = project.add_workshop("Atelier 1", "2026-10-12")
    step = add_next_step(project, workshop.id, "  Envoyer   le compte rendu ", participant_id=zoe.id, due="19/10/2026")
    assert (step.text, step.participant_id, step.due, step.status) == ("Envoyer le compte rendu", zoe.id, "2026-10-19", "to_do")
    for bad in ({"text": " "}, {"text": "x", "participant_id": zoe.id, "structure_id": a.id}, {"text": "x", "due": "31/02/2026"}):
        with pytest.raises(ValidationError):
            add_next_step(project, workshop.id, **bad)
    other = add_next_step(project, workshop.id, "Réserver la salle", structure_id=a.id)
    assert [s.id for s in move_next_step(project, other.id, -1)] == [other.id, step.id]
    edit_next_step(project, step.id, "Envoyer le compte rendu aux structures", structure_id=a.id, due="")
    assert next_steps(project, workshop.id)[1].structure_id == a.id
    done = set_status(project, step.id, StepStatus.DONE, on="2026-11-02")
    assert done.done and done.status_on("2026-11-01") == "to_do" and done.status_on("2026-11-02") == "done"
    remove_next_step(project, other.id)
    assert [s.id for s in next_steps(project, workshop.id)] == [step.id]


def test_a_structure_carrying_a_step_is_kept_and_a_removed_workshop_takes_its_steps(project: Project) -> None:
    a = project.add_structure("Les Jardins")
    workshop = project.add_workshop("Atelier 1", "2026-10-12")
    add_next_step(project, workshop.id, "Réserver la salle", structure_id=a.id)
    with pytest.raises(ValidationError) as refused:
        project.remove_structure(a.id)
    assert "prochaine" in refused.value.message()
    project.remove_workshop(workshop.id)
    assert next_steps(project) == []
    project.remove_structure(a.id)


def test_the_next_meeting_and_the_minutes_header_are_checked(project: Project) -> None:
    workshop = project.add_workshop("Atelier 1", "2026-10-12")
    changed = project.update_workshop(
        workshop.id, next_meeting_date="07/12/2026", next_meeting_time="14h", next_meeting_place=" Mairie ", minutes_status="validated"
    )
    assert (changed.next_meeting_date, changed.next_meeting_time, changed.next_meeting_place, changed.minutes_status) == (
        "2026-12-07", "14:00", "Mairie", "validated",
    )
    for bad in ({"next_meeting_date": "demain"}, {"next_meeting_time": "25:00"}, {"purpose": "x" * 1001}):
        with pytest.raises(ValidationError):
            project.update_workshop(workshop.id, **bad)
    with pytest.raises(ValueError):
        project.update_workshop(workshop.id, minutes_status="final")


async def test_next_steps_from_the_plan(project_path: Path, library: ProjectLibrary) -> None:
    workshop_id, people = make_project(project_path)
    app = AtelierApp(library=library, project_path=project_path, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot, app)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, NextStepsModal)
        assert "pas encore fixée" in str(app.screen.query_one("#meeting", Static).render())
        # A step: what, who, by when.
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, NextStepModal)
        await type_text(pilot, "Réserver la salle [b]")
        app.screen.query_one("#owner", Select).value = f"p{people[1]}"
        app.screen.query_one("#due", Input).value = "31/02/2027"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NextStepModal)  # a refused date keeps the form open, as typed
        assert "31/02/2027" in str(app.screen.query_one("#form-error", Static).render())
        app.screen.query_one("#due", Input).value = "15/01/2027"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NextStepsModal)
        rows = table_rows(app.screen.query_one("#steps-table", DataTable))
        assert rows[0][0] == "Réserver la salle [b]" and rows[0][1].startswith("Bruno") and rows[0][2] == "15/01/2027"
        await pilot.press("space")  # done
        await settle(pilot)
        # The next meeting.
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, NextMeetingModal)
        await type_text(pilot, "11/01/2027")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, NextStepsModal)
        assert "11/01/2027" in str(app.screen.query_one("#meeting", Static).render())
    with Project.open(project_path) as project:
        [step] = next_steps(project, workshop_id)
        assert (step.text, step.participant_id, step.due, step.status) == ("Réserver la salle [b]", people[1], "2027-01-15", "done")
        assert project.workshop(workshop_id).next_meeting_date == "2027-01-11"


async def test_next_steps_from_the_cockpit(project_path: Path, library: ProjectLibrary) -> None:
    make_project(project_path)
    app = AtelierApp(library=library, project_path=project_path, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot, app)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, NextStepsModal)
        assert "Suites de l'atelier « Atelier 1 »" in flat_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, NextStepsModal)
