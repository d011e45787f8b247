"""The project's clock is the only source of "now" and "today" in the core and the exercises.

A feature that reads the system date directly makes the minutes, the lateness of
a proposal or a timer depend on the machine's date instead of the clock the app
(or a test) gives the project (`workshop/clock.py`, `Project.today()`).
"""

from __future__ import annotations

import ast
import datetime
from pathlib import Path

import pytest

from workshop.clock import FakeClock
from workshop.project import Project

ROOT = Path(__file__).resolve().parents[1]
# Where the machine's time is the right one, and why.
ALLOWED = {
    ROOT / "workshop" / "clock.py": "SystemClock itself",
    ROOT / "workshop" / "store.py": "the names of rescue and damaged copies: when it happened on this machine",
}

# Calls that read the wall clock, and those that do when given no instant.
WALL_CLOCK = {"time.time", "time.time_ns", "datetime.now", "datetime.today", "datetime.utcnow", "date.today"}
WITHOUT_INSTANT = {"time.localtime", "time.gmtime", "time.ctime", "time.strftime", "time.asctime"}


def _dotted(node: ast.AST) -> str:
    """`a.b.c` of a call's function, as written ("" when it is not a plain name chain)."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


def wall_clock_reads(source: str) -> list[tuple[int, str]]:
    """(line, call) of every direct read of the system's date or time in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _dotted(node.func)
        tail = ".".join(name.split(".")[-2:])
        if tail in WALL_CLOCK or name in WALL_CLOCK:
            found.append((node.lineno, name))
        elif name in WITHOUT_INSTANT and len(node.args) <= (1 if name == "time.strftime" else 0):
            found.append((node.lineno, name))
    return sorted(found)


def test_the_finder_sees_every_way_of_reading_the_date() -> None:
    source = """
import time, datetime
from datetime import date
a = time.time()
b = datetime.datetime.now(datetime.timezone.utc)
c = datetime.date.today().isoformat()
d = date.today()
e = time.strftime("%Y")
f = time.localtime()
ok = time.strftime("%Y", time.localtime(0)), datetime.date.fromtimestamp(0), time.monotonic_ns()
"""
    assert [call for _, call in wall_clock_reads(source)] == [
        "time.time", "datetime.datetime.now", "datetime.date.today", "date.today", "time.strftime", "time.localtime",
    ]


@pytest.mark.parametrize("package", ["workshop", "exercises"])
def test_nothing_reads_the_system_date_but_the_clock(package: str) -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line} {call}()"
        for path in sorted((ROOT / package).rglob("*.py"))
        if path not in ALLOWED
        for line, call in wall_clock_reads(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "read the project's clock (project.clock.now(), project.today()) instead"


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


def test_a_next_step_is_marked_done_on_the_projects_day(dated: Project) -> None:
    from workshop.next_steps import add_next_step, set_status

    workshop = dated.add_workshop("Atelier", "2031-02-01")
    step = add_next_step(dated, workshop.id, "Envoyer le compte rendu")
    assert set_status(dated, step.id, "done").log[-1] == {"on": "2031-03-04", "status": "done"}


def test_an_undated_workshop_is_reported_as_of_the_projects_day(dated: Project) -> None:
    from workshop.minutes.as_of import as_of
    from workshop.schedule import planned_origin

    workshop = dated.update_workshop(dated.add_workshop("Atelier sans date").id, start_time="09:30")
    assert as_of(dated, workshop).day == "2031-03-04"
    assert planned_origin(workshop, [], dated.clock.now()) == datetime.datetime(2031, 3, 4, 9, 30).timestamp()


def test_the_documents_say_they_were_written_at_the_projects_time(dated: Project, tmp_path: Path) -> None:
    import docx

    from workshop.convention.export import export_convention
    from workshop.minutes.export import ExportTargets, export_minutes

    workshop = dated.add_workshop("Atelier", "2031-03-04")
    export_minutes(dated, workshop, ExportTargets(docx=tmp_path / "cr.docx"))
    export_convention(dated, tmp_path / "convention.docx")
    written = datetime.datetime.fromtimestamp(NOON, datetime.UTC)
    for name in ("cr.docx", "convention.docx"):
        properties = docx.Document(str(tmp_path / name)).core_properties
        assert (properties.created, properties.modified) == (written, written), name
