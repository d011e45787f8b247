"""The bundled demo project: a fictional cooperation to try Atelier at once.

Four structures, one external actor, eleven participants, one workshop already
run (each built-in exercise's results filled in by its module in
`exercises/fills`, see `exercises.fills.demo_fill`), one planned in December,
and one planned for today, ready to run: its date and start time follow the
day the demo is opened, until it is run. The diagnosis comes first in the
agenda, as the sources advise; the draft convention's clauses and checklist are
begun. Built by code, so it always matches the current version.
"""

from __future__ import annotations

import datetime
import os
import time
from pathlib import Path
from typing import Any

from exercises.fills import demo_fill
from workshop.clock import Clock, SystemClock
from workshop.errors import AtelierError
from workshop.model import Attendance, Role, StructureKind
from workshop.next_steps import add_next_step
from workshop.project import Project
from workshop.registry import exercises
from workshop.store import PROJECT_SUFFIX

DEMO_VERSION = 10  # 8: next steps with owners and dates, the next meeting, the minutes' header; 9: the workshop of the day; 10: workshop 2 a full day from 09:30
TODAY_TITLE = "Séance d'essai — prise en main du jour"
DEMO_STEM = "demo-cooperation-val-d-orge"

STRUCTURES = [
    ("Les Jardins de Montreuil", StructureKind.ASSOCIATION, True),
    ("EHPAD Les Tilleuls", StructureKind.ESTABLISHMENT, True),
    ("Centre social La Passerelle", StructureKind.ASSOCIATION, True),
    ("Communauté de communes du Val d'Orge", StructureKind.AUTHORITY, True),
    ("Conseil départemental", StructureKind.FUNDER, False),
]

PARTICIPANTS = [
    ("Zoé Martin", 0, Role.DIRECTION),
    ("Karim Benali", 0, Role.STAFF),
    ("Hélène Dubois", 0, Role.CHAIR),
    ("Marc Lefèvre", 1, Role.DIRECTION),
    ("Nadia Haddad", 1, Role.MANAGER),
    ("Paul Girard", 1, Role.USER),
    ("Sophie Laurent", 2, Role.DIRECTION),
    ("Théo Moreau", 2, Role.STAFF),
    ("Aïcha Diallo", 2, Role.BOARD),
    ("Julien Roux", 3, Role.MANAGER),
    ("Claire Fontaine", 4, Role.MANAGER),
]

# (kind, title, minutes); kinds not registered yet become free items. The shared
# purpose (objectif supra) comes before the detailed objectives the APT yields:
# the method's principle n°2 (seed 002).
AGENDA = [
    ("free", "Accueil et tour de présentation", 20),
    ("swot", "Diagnostic : où en sont nos structures ?", 50),
    ("values", "Nos valeurs communes", 45),
    ("supra", "Notre objectif supra", 45),
    ("free", "Pause", 15),
    ("apt", "Attraits, peurs et tentations", 60),
    ("matrix", "Qui fait quoi", 45),
    ("stakeholders", "Qui mobiliser avec nous ?", 30),
    ("governance", "Nos instances de gouvernance", 45),
    ("securing", "Ce qu'il faut sécuriser, qui s'en charge, pour quand", 30),
    ("commitments", "Propositions d'action et engagement", 30),
    ("roadmap", "Notre feuille de route", 45),
    ("fairness", "Ce que chacun apporte, ce que chacun retire", 20),
    ("free", "Prochaines étapes", 15),
]


def demo_path(folder: Path) -> Path:
    return folder / f"{DEMO_STEM}{PROJECT_SUFFIX}"


def ensure_demo(folder: Path, fresh: bool = False, clock: Clock | None = None) -> Path:
    """The demo project in `folder`, built when missing, outdated or `fresh` is asked.

    Its workshop of the day is moved to today while it has not been run; once run
    on an earlier day, the demo is built again. Only the demo's own file is ever
    replaced (the old one is kept as `.old`); other projects are never touched.
    """
    clock = clock or SystemClock()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = demo_path(folder)
    if path.exists() and not fresh and _demo_version(path) == DEMO_VERSION and _bring_to_today(path, clock):
        return path
    if path.exists():
        os.replace(path, path.with_name(path.name + ".old"))
    build_demo(path, clock)
    return path


def _bring_to_today(path: Path, clock: Clock) -> bool:
    """Move the workshop of the day to today; False when it was run on another day."""
    from workshop.errors import AtelierError

    now = clock.now()
    today = datetime.date.fromtimestamp(now)
    try:
        with Project.open(path) as project:
            workshop = project.workshop(int(project.meta.get("demo_today_workshop", 0)))
            starts = [i.actual_start for i in project.agenda(workshop.id) if i.actual_start is not None]
            if starts:
                return datetime.date.fromtimestamp(min(starts)) == today
            if workshop.date != today.isoformat():
                project.update_workshop(workshop.id, date=today.isoformat(), start_time=_next_quarter(now))
    except (AtelierError, OSError):
        return False  # locked, unreadable or without a workshop of the day: built again
    return True


def _next_quarter(now: float) -> str:
    """The next quarter of an hour, "HH:MM", at most 23:45 (a demo opened late at night)."""
    moment = datetime.datetime.fromtimestamp(now)
    minutes = min(moment.hour * 60 + moment.minute + 15 - moment.minute % 15, 23 * 60 + 45)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _demo_version(path: Path) -> int:
    from workshop.storage import read_project_file

    try:
        data = read_project_file(path)
    except (AtelierError, OSError):  # an unreadable demo is simply rebuilt
        return -1
    meta: dict[str, Any] = next(iter(data.get("meta", {}).values()), {})
    return int(meta.get("demo_version", 0))


def build_demo(path: Path, clock: Clock | None = None) -> None:
    now = (clock or SystemClock()).now()
    with Project.create(path, "Coopération du Val d'Orge (démo)") as project, project.batch():
        project._set_meta(demo_version=DEMO_VERSION)
        structure_ids = [project.add_structure(name, kind, member).id for name, kind, member in STRUCTURES]
        project.set_promoter(structure_ids[0])
        people = [project.add_participant(name, structure_ids[s], role) for name, s, role in PARTICIPANTS]

        done = project.add_workshop("Atelier 1 — Poser les fondations", "2026-10-12", "Salle des fêtes de Montreuil", "Camille Petit (URIOPSS)")
        done = project.update_workshop(done.id, start_time="09:30")
        project.set_attendance(done.id, people[5].id, Attendance.EXCUSED)
        _agenda(project, done.id)
        started = time.mktime((2026, 10, 12, 9, 35, 0, 0, 0, -1))
        for item in project.agenda(done.id):
            project.update_agenda_item(
                item.id,
                actual_start=started,
                actual_seconds=float(item.planned_minutes * 60 + 120),
                timer={"planned_seconds": item.planned_minutes * 60, "elapsed_before": float(item.planned_minutes * 60 + 120), "bell_rung": True},
            )
            started += item.planned_minutes * 60 + 120
            project.update_agenda_item(item.id, finished=True)
            demo_fill(item.kind)(project, project.workshop(done.id), project.agenda_item(item.id))
        project.update_workshop(done.id, current_item_id=project.agenda(done.id)[-1].id)
        from workshop.convention.fill import fill_demo as fill_convention

        fill_convention(project)
        project.update_workshop(
            done.id,
            purpose="Se connaître, poser les valeurs communes et l'objectif de la coopération, répartir les premiers rôles",
            minutes_author="Camille Petit (URIOPSS)",
            minutes_status="draft",
            next_meeting_date="2026-12-07",
            next_meeting_time="09:30",
            next_meeting_place="Centre social La Passerelle",
            next_meeting_purpose="s'organiser ensemble : gouvernance et convention",
        )
        add_next_step(project, done.id, "Envoyer le compte rendu aux structures", structure_id=structure_ids[0], due="2026-10-19")
        add_next_step(project, done.id, "Recueillir les remarques de chaque conseil d'administration sur l'objectif supra", participant_id=people[2].id, due="2026-11-20")
        add_next_step(project, done.id, "Préparer un premier projet de convention pour l'atelier 2", participant_id=people[6].id, due="2026-11-30")

        planned = project.add_workshop("Atelier 2 — S'organiser ensemble", "2026-12-07", "Centre social La Passerelle", "Camille Petit (URIOPSS)")
        # A full day, like the first: its 14 steps end at 17:45, not late in the evening.
        project.update_workshop(planned.id, start_time="09:30")
        project.set_attendance(planned.id, people[2].id, Attendance.ABSENT)
        _agenda(project, planned.id)

        today = project.add_workshop(TODAY_TITLE, datetime.date.fromtimestamp(now).isoformat(), "Salle de réunion du centre social", "Camille Petit (URIOPSS)")
        project.update_workshop(today.id, start_time=_next_quarter(now))
        _agenda(project, today.id)
        project._set_meta(demo_today_workshop=today.id)


def _agenda(project: Project, workshop_id: int) -> None:
    known = {e.kind for e in exercises()}
    for kind, title, minutes in AGENDA:
        item = project.add_agenda_item(workshop_id, kind if kind in known else "free", title, minutes)
        if item.kind == "free" and title == "Pause":
            project.update_agenda_item(item.id, notes="Café offert par l'EHPAD Les Tilleuls.")
