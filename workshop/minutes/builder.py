"""The minutes of one workshop, described once as blocks (DESIGN §3.5).

Both writers (`markdown_writer`, `docx_writer`) render this one description, so
the .md and the .docx always say the same thing. Layout:

    Title                 Compte rendu — <workshop>
    project, date, time, place, facilitator
    H1 Participants       table by structure: present, absent, excused
    H1 Déroulé            table: planned and actual start and duration
    H1 Séquences
      H2 <n>. <item>      timing, facilitator notes, the exercise's section,
                          then the features' contributions for that item
    H1 Décisions          contributions(DECISIONS)   (omitted when empty)
    H1 Propositions …     contributions(PROPOSALS)   (omitted when empty)
    H1 Prochaines étapes  the workshop's next steps (Markdown)

Contributors add blocks under these headings: theirs should start at level 2
(a leading level-1 heading replaces the builder's own).
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from typing import TYPE_CHECKING

from workshop.i18n import language, t
from workshop.minutes.blocks import Block, Heading, Notes, Paragraph, Run, table
from workshop.minutes.contributors import DECISIONS, ITEM, PROPOSALS, contributions
from workshop.model import Attendance

if TYPE_CHECKING:
    from workshop.clock import Clock
    from workshop.exercise import Exercise
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project

ITEM_LEVEL = 2


def build_minutes(project: Project, workshop: Workshop, clock: Clock | None = None) -> list[Block]:
    """The minutes of a workshop; `clock` times an item whose timer is still running."""
    from workshop.clock import SystemClock
    from workshop.timer import time_spent

    clock = clock or SystemClock()
    items = [replace(item, actual_seconds=time_spent(item, clock) or None) for item in project.agenda(workshop.id)]
    blocks: list[Block] = [Heading(0, t("minutes.title", workshop=workshop.title))]
    blocks += _header(project, workshop)
    blocks += _attendance(project, workshop)
    blocks += _agenda(workshop, items)
    if items:
        blocks.append(Heading(1, t("minutes.items")))
        for number, item in enumerate(items, start=1):
            blocks += _item(project, workshop, item, number)
    blocks += _section(t("minutes.decisions"), contributions(DECISIONS, project, workshop))
    blocks += _section(t("minutes.proposals"), contributions(PROPOSALS, project, workshop))
    blocks.append(Heading(1, t("minutes.next_steps")))
    if workshop.next_steps.strip():
        blocks.append(Notes(workshop.next_steps))
    else:
        blocks.append(Paragraph.of(t("minutes.no_next_steps")))
    return blocks


def _header(project: Project, workshop: Workshop) -> list[Block]:
    lines = [(t("minutes.project"), project.name)]
    if workshop.date:
        lines.append((t("minutes.date"), format_date(workshop.date)))
    if workshop.start_time:
        lines.append((t("minutes.time"), workshop.start_time))
    if workshop.place:
        lines.append((t("minutes.place"), workshop.place))
    if workshop.facilitator:
        lines.append((t("minutes.facilitator"), workshop.facilitator))
    return [Paragraph.of(Run(label, bold=True), value) for label, value in lines]


def _attendance(project: Project, workshop: Workshop) -> list[Block]:
    blocks: list[Block] = [Heading(1, t("minutes.attendance"))]
    participants = project.participants()
    if not participants:
        return blocks + [Paragraph.of(t("minutes.no_participants"))]
    statuses = (Attendance.PRESENT, Attendance.ABSENT, Attendance.EXCUSED)
    counts = dict.fromkeys(statuses, 0)
    rows: list[list[str]] = []
    by_structure: dict[int, list] = {}
    for person in participants:
        by_structure.setdefault(person.structure_id, []).append(person)
    for structure in project.structures():
        people = by_structure.get(structure.id)
        if not people:
            continue
        name = structure.name if structure.member else t("minutes.external", name=structure.name)
        cells = [name]
        for status in statuses:
            names = [_person(p) for p in people if workshop.status_of(p.id) == status]
            counts[status] += len(names)
            cells.append("\n".join(names))
        rows.append(cells)
    header = [t("minutes.col_structure"), t("minutes.col_present"), t("minutes.col_absent"), t("minutes.col_excused")]
    blocks.append(table(header, rows))
    blocks.append(
        Paragraph.of(
            t(
                "minutes.attendance_counts",
                present=counts[Attendance.PRESENT],
                absent=counts[Attendance.ABSENT],
                excused=counts[Attendance.EXCUSED],
            )
        )
    )
    return blocks


def _person(participant) -> str:  # noqa: ANN001 - a Participant
    return f"{participant.name} ({t(f'role.{participant.role}')})"


def _agenda(workshop: Workshop, items: list[AgendaItem]) -> list[Block]:
    from workshop.schedule import clock_time, planned_origin

    blocks: list[Block] = [Heading(1, t("minutes.agenda"))]
    if not items:
        return blocks + [Paragraph.of(t("minutes.no_agenda"))]
    origin = planned_origin(workshop, items)
    offset = 0.0
    rows = []
    for number, item in enumerate(items, start=1):
        planned_start = clock_time(origin + offset) if origin is not None else ""
        offset += item.planned_minutes * 60
        rows.append(
            [
                str(number),
                item.title,
                exercise_title(item.kind),
                planned_start,
                clock_time(item.actual_start),
                duration(item.planned_minutes * 60),
                duration(item.actual_seconds) if item.actual_seconds else "",
            ]
        )
    header = [
        t("minutes.col_number"),
        t("minutes.col_item"),
        t("minutes.col_exercise"),
        t("minutes.col_planned_start"),
        t("minutes.col_actual_start"),
        t("minutes.col_planned"),
        t("minutes.col_actual"),
    ]
    return blocks + [table(header, rows)]


def _item(project: Project, workshop: Workshop, item: AgendaItem, number: int) -> list[Block]:
    actual = duration(item.actual_seconds) if item.actual_seconds else t("minutes.not_run")
    blocks: list[Block] = [
        Heading(ITEM_LEVEL, t("minutes.item_heading", number=number, title=item.title)),
        Paragraph.of(
            Run(
                t("minutes.item_timing", exercise=exercise_title(item.kind), planned=duration(item.planned_minutes * 60), actual=actual),
                italic=True,
            )
        ),
    ]
    if item.notes.strip():
        blocks.append(Notes(item.notes))
    exercise = _exercise(item.kind)
    if exercise is not None:
        blocks += exercise.minutes_section(project, workshop, item)
    blocks += contributions(ITEM, project, workshop, item)
    return blocks


def _section(title: str, blocks: list[Block]) -> list[Block]:
    if not blocks:
        return []
    first = blocks[0]
    if isinstance(first, Heading) and first.level <= 1:
        return blocks
    return [Heading(1, title), *blocks]


def _exercise(kind: str) -> Exercise | None:
    from workshop.registry import get_exercise

    try:
        return get_exercise(kind)
    except KeyError:  # an exercise uninstalled since the workshop was planned
        return None


def exercise_title(kind: str) -> str:
    exercise = _exercise(kind)
    return exercise.title if exercise is not None else t("minutes.unknown_exercise", kind=kind)


def duration(seconds: float | None) -> str:
    """'45 min', '1 h 05'; rounded to the nearest minute."""
    minutes = int(round((seconds or 0) / 60))
    if minutes < 60:
        return t("minutes.minutes", minutes=minutes)
    return t("minutes.hours", hours=minutes // 60, minutes=minutes % 60)


def format_date(iso: str) -> str:
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return day.strftime("%d/%m/%Y") if language() == "fr" else day.isoformat()
