"""The minutes of one workshop, described once as blocks (DESIGN §3.5).

Both writers (`markdown_writer`, `docx_writer`) render this one description, so
the .md and the .docx always say the same thing, in the same order. The shape
is the one a compte rendu is sent in (ANAP style):

    Title                  Compte rendu — <workshop>
    header block           project, workshop, date, times, place, facilitator,
                           promoter, author, purpose, status, distribution
    H1 Synthèse            what was adopted, every decision, one actions table,
                           the next meeting (at most two pages)
    contents               the headings below, with their pages
    H1 Participants        by structure: present, absent, excused
    H1 Déroulé             planned and actual start and duration
    H1 Séquences           one H2 per agenda item that has something to say:
                           timing, notes, the exercise's productions, its rounds
    H1 (proposals)         contributions(PROPOSALS): the action proposals
    H1 Annexes             round by round detail (annex A); then one annex for
                           the sequences: their long tables (a sentence in
                           the sequence points to them) and exercises' detail

Every figure is computed from the project as it stood at the end of the
workshop (`as_of`), so old minutes never change. Contributors add blocks under
these headings: theirs start at level 2 (a leading level-1 heading replaces
the builder's own).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from workshop.i18n import language, t
from workshop.minutes.blocks import (
    Block,
    Contents,
    DocumentInfo,
    Heading,
    Notes,
    PageBreak,
    Paragraph,
    Run,
    Table,
    facts,
    table,
    table_lines,
)
from workshop.minutes.contributors import ANNEX, ITEM, PROPOSALS, contributions
from workshop.minutes.typography import long_date, short_date
from workshop.model import Attendance, MinutesStatus, Participant

if TYPE_CHECKING:
    from workshop.clock import Clock
    from workshop.exercise import Exercise
    from workshop.minutes.outcomes import Outcomes
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project

ITEM_LEVEL = 2
ANNEX_LEVEL = 2  # "Annexe A — …" under the Annexes
LONG_TABLE_LINES = 40  # longer (about 3/4 of a page), a table of a sequence goes to the annexes
CONTENTS_LEVELS = 2
MISSING = "—"


def build_minutes(project: Project, workshop: Workshop, clock: Clock | None = None) -> list[Block]:
    """The minutes of a workshop, as the project stood at its end; `clock` times an item still running."""
    from workshop.minutes.as_of import as_of
    from workshop.timer import time_spent

    clock = clock or project.clock
    project = as_of(project, workshop).project
    workshop = project.workshop(workshop.id)
    items = [replace(item, actual_seconds=time_spent(item, clock) or None) for item in project.agenda(workshop.id)]
    blocks: list[Block] = [Heading(0, t("minutes.title", workshop=workshop.title))]
    blocks.append(facts(header_facts(project, workshop, items)))
    blocks += synthesis(project, workshop, items)
    blocks += [PageBreak(), Contents(t("minutes.contents"), CONTENTS_LEVELS)]
    blocks += _attendance(project, workshop)
    blocks += _agenda(workshop, items, project.clock.now())
    annexes = contributions(ANNEX, project, workshop)
    letter = chr(ord("A") + sum(1 for b in annexes if isinstance(b, Heading) and b.level == ANNEX_LEVEL))
    sequences: list[Block] = []
    details: list[Block] = []
    for number, item in enumerate(items, start=1):
        shown, detail = _item(project, workshop, item, number, f"{letter}.{number}")
        sequences += shown
        details += detail
    if sequences:
        blocks.append(Heading(1, t("minutes.items")))
        blocks += sequences
    blocks += _section(t("minutes.proposals"), contributions(PROPOSALS, project, workshop))
    if details:
        annexes += [Heading(ANNEX_LEVEL, t("minutes.annex_sequences", letter=letter)), Paragraph.of(t("minutes.annex_sequences_intro")), *details]
    if annexes:
        blocks += [PageBreak(), Heading(1, t("minutes.annexes")), *annexes]
    return unique_headings(blocks)


def document_info(project: Project, workshop: Workshop) -> DocumentInfo:
    title = t("minutes.title", workshop=workshop.title)
    header = " · ".join(part for part in (project.name, workshop.title, long_date(workshop.date)) if part)
    return DocumentInfo(
        title=title,
        subject=project.name,
        author=workshop.facilitator,
        lang=language(),
        date=workshop.date,
        header=header,
        keywords=(t("minutes.keyword"), project.name),
        written=project.clock.now(),
    )


# The header block ---------------------------------------------------------------------------------
def header_facts(project: Project, workshop: Workshop, items: list[AgendaItem]) -> list[tuple[str, str]]:
    promoter = _structure_name(project, project.promoter_id)
    members = [s.name for s in project.structures() if s.member]
    when = ", ".join(part for part in (long_date(workshop.date), _times(workshop, items, project.clock.now())) if part)
    author = workshop.minutes_author
    facilitator = workshop.facilitator
    if facilitator and (not author or author == facilitator):
        # One line when the facilitator wrote the minutes (the usual case).
        facilitator, author = t("minutes.facilitator_and_author", name=facilitator), ""
    return [
        (t("minutes.fact.project"), project.name),
        (t("minutes.fact.date"), when),
        (t("minutes.fact.place"), workshop.place),
        (t("minutes.fact.facilitator"), facilitator),
        (t("minutes.fact.author"), author),
        (t("minutes.fact.promoter"), promoter),
        (t("minutes.fact.purpose"), workshop.purpose),
        (t("minutes.fact.status"), t(f"minutes.status.{workshop.minutes_status or MinutesStatus.DRAFT.value}")),
        (t("minutes.fact.attendance"), _attendance_counts(project, workshop).rstrip(".")),
        (t("minutes.fact.distribution"), t("minutes.distribution", structures=", ".join(members)) if members else ""),
    ]


def _structure_name(project: Project, structure_id: int) -> str:
    if not structure_id:
        return ""
    return next((s.name for s in project.structures() if s.id == structure_id), "")


def _times(workshop: Workshop, items: list[AgendaItem], now: float) -> str:
    """'09:05 – 17:38' as it ran, else the planned start and end."""
    from workshop.schedule import clock_time, planned_origin

    started = [i for i in items if i.actual_start is not None]
    if started:
        first = min(i.actual_start for i in started if i.actual_start is not None)
        last = max(started, key=lambda i: i.actual_start or 0)
        end = (last.actual_start or 0) + (last.actual_seconds or last.planned_minutes * 60)
        return t("minutes.time_range", start=clock_time(first), end=clock_time(end))
    origin = planned_origin(workshop, items, now)
    if origin is None:
        return ""
    if not items:
        return clock_time(origin)
    end = origin + sum(i.planned_minutes for i in items) * 60
    return t("minutes.time_range_planned", start=clock_time(origin), end=clock_time(end))


def _attendance_counts(project: Project, workshop: Workshop) -> str:
    people = project.participants()
    if not people:
        return ""
    counts = {status: 0 for status in Attendance}
    for person in people:
        counts[Attendance(workshop.status_of(person.id))] += 1
    return t(
        "minutes.attendance_counts",
        present=counts[Attendance.PRESENT],
        absent=counts[Attendance.ABSENT],
        excused=counts[Attendance.EXCUSED],
    )


# The synthesis ---------------------------------------------------------------------------------------
def gather_outcomes(project: Project, workshop: Workshop, items: list[AgendaItem]) -> Outcomes:
    """What the workshop produced: each item's, then the workshop-wide features' (proposals, next steps)."""
    from workshop.minutes.outcomes import Outcomes, workshop_outcomes

    found = Outcomes()
    for item in items:
        exercise = _exercise(item.kind)
        if exercise is not None:
            found.add(exercise.outcomes(project, workshop, item))
    found.add(workshop_outcomes(project, workshop))
    return found


def synthesis(project: Project, workshop: Workshop, items: list[AgendaItem]) -> list[Block]:
    outcomes = gather_outcomes(project, workshop, items)
    blocks: list[Block] = [Heading(1, t("minutes.synthesis"))]
    if outcomes.adopted:
        blocks.append(Heading(2, t("minutes.adopted")))
        for adopted in outcomes.adopted:
            # Several texts (the charter's rules) in one paragraph: the sequence lists them one by one.
            text = t("minutes.semicolon").join(adopted.texts)
            blocks.append(Paragraph.of(Run(t("minutes.label", label=adopted.what), bold=True), text))
    blocks.append(Heading(2, t("minutes.decisions")))
    if outcomes.decisions:
        header = [t("minutes.col.decision_subject"), t("minutes.col.decision")]
        blocks.append(table(header, [[d.subject, d.decision] for d in outcomes.decisions]))
    else:
        blocks.append(Paragraph.of(Run(t("minutes.no_decisions"), italic=True)))
    blocks.append(Heading(2, t("minutes.actions")))
    if outcomes.actions:
        header = [t(f"minutes.col.action_{name}") for name in ("what", "who", "structure", "due", "state")]
        rows = [
            [a.what, a.who or MISSING, a.structure or MISSING, a.due_text or (long_date(a.due) if a.due else MISSING), a.state or MISSING]
            for a in outcomes.actions
        ]
        blocks.append(table(header, rows))
    else:
        blocks.append(Paragraph.of(Run(t("minutes.no_actions"), italic=True)))
    if outcomes.later:
        blocks.append(Paragraph.of(Run(t("minutes.later_actions", what=t("minutes.semicolon").join(outcomes.later)), italic=True)))
    if workshop.next_steps.strip():
        # Next steps written as free text, before they had owners and dates.
        blocks.append(Paragraph.of(Run(t("minutes.noted_steps"), bold=True), keep_with_next=True))
        blocks.append(Notes(workshop.next_steps))
    blocks.append(Paragraph.of(Run(t("minutes.label", label=t("minutes.next_meeting")), bold=True), next_meeting_text(workshop)))
    return blocks


def next_meeting_text(workshop: Workshop) -> str:
    if not workshop.next_meeting_date:
        return t("minutes.next_meeting_none")
    when = long_date(workshop.next_meeting_date)
    if workshop.next_meeting_time:
        when = t("minutes.at_time", day=when, time=workshop.next_meeting_time)
    parts = [when]
    if workshop.next_meeting_place:
        parts.append(workshop.next_meeting_place)
    text = ", ".join(parts)
    if workshop.next_meeting_purpose:
        text = t("minutes.meeting_purpose", meeting=text, purpose=workshop.next_meeting_purpose)
    return text


# Participants and agenda ------------------------------------------------------------------------------
def _attendance(project: Project, workshop: Workshop) -> list[Block]:
    blocks: list[Block] = [Heading(1, t("minutes.attendance"))]
    participants = project.participants()
    if not participants:
        return blocks + [Paragraph.of(t("minutes.no_participants"))]
    statuses = (Attendance.PRESENT, Attendance.ABSENT, Attendance.EXCUSED)
    rows: list[list[str]] = []
    by_structure: dict[int, list[Participant]] = {}
    for person in participants:
        by_structure.setdefault(person.structure_id, []).append(person)
    for structure in project.structures():
        people = by_structure.get(structure.id)
        if not people:
            continue
        name = structure.name if structure.member else t("minutes.external", name=structure.name)
        cells = [name]
        for status in statuses:
            cells.append(", ".join(_person(p) for p in people if workshop.status_of(p.id) == status))
        rows.append(cells)
    header = [t("minutes.col_structure"), t("minutes.col_present"), t("minutes.col_absent"), t("minutes.col_excused")]
    blocks.append(table(header, rows))
    blocks.append(Paragraph.of(_attendance_counts(project, workshop)))
    return blocks


def _person(participant: Participant) -> str:
    return t("minutes.person_role", name=participant.name, role=t(f"role.{participant.role}"))


def _agenda(workshop: Workshop, items: list[AgendaItem], now: float) -> list[Block]:
    from workshop.schedule import clock_time, planned_origin

    blocks: list[Block] = [Heading(1, t("minutes.agenda"))]
    if not items:
        return blocks + [Paragraph.of(t("minutes.no_agenda"))]
    origin = planned_origin(workshop, items, now)
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
                planned_start or MISSING,
                clock_time(item.actual_start) or MISSING,
                duration(item.planned_minutes * 60),
                duration(item.actual_seconds) if item.actual_seconds else MISSING,
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


# Sequences ----------------------------------------------------------------------------------------------
def _item(project: Project, workshop: Workshop, item: AgendaItem, number: int, reference: str) -> tuple[list[Block], list[Block]]:
    """What the item's sequence shows, and its detail for the annexes (under `reference`, "B.6")."""
    body: list[Block] = []
    if item.notes.strip():
        body.append(Notes(item.notes))
    exercise = _exercise(item.kind)
    if exercise is not None:
        body += exercise.minutes_section(project, workshop, item)
    body += contributions(ITEM, project, workshop, item)
    body, detail = move_long_tables(body, reference)
    annexed = exercise.annex_section(project, workshop, item) if exercise is not None else []
    if annexed:
        body.append(_pointer(t("minutes.annex_detail", reference=reference)))
        detail += annexed
    if detail:
        kind = exercise_title(item.kind)
        same = " ".join(kind.casefold().split()) == " ".join(item.title.casefold().split())
        title = t("minutes.annex_item_titled", reference=reference, title=item.title) if same else t("minutes.annex_item", reference=reference, title=item.title, exercise=kind)
        detail = [Heading(ITEM_LEVEL + 1, title), *detail]
    if not body:
        return [], detail  # a break or a welcome with nothing noted: the agenda table says it all
    actual = duration(item.actual_seconds) if item.actual_seconds else t("minutes.not_run")
    timing = t("minutes.item_timing", exercise=exercise_title(item.kind), planned=duration(item.planned_minutes * 60), actual=actual)
    heading = Heading(ITEM_LEVEL, t("minutes.item_heading", number=number, title=item.title))
    return [heading, Paragraph.of(Run(timing, italic=True)), *body], detail


def move_long_tables(body: list[Block], reference: str) -> tuple[list[Block], list[Block]]:
    """The sequence without its long tables, and what moved to the annexes.

    A table of more than LONG_TABLE_LINES lines (a whole list of the project, every
    idea with who said it) would fill pages of the main part: it goes to the
    annexes, with what its heading introduces (without a heading: with the
    sentence just before it), and a sentence takes its place.
    """
    kept: list[Block] = []
    moved: list[Block] = []
    pointers: list[Paragraph] = []
    for part in _parts(body):
        long = [b for b in part if isinstance(b, Table) and table_lines(b) > LONG_TABLE_LINES]
        if not long:
            kept += part
            continue
        first = part[0]
        if isinstance(first, Heading):
            kept += [first, _pointer(t("minutes.moved", reference=reference))]
            moved += [Heading(first.level + 1, t("minutes.moved_heading", heading=first.text)), *part[1:]]
            continue
        for block in part:
            if isinstance(block, Table) and any(block is b for b in long):
                # The sentence just before a table introduces it ("the list below…"): it goes along.
                introduction = [kept.pop()] if kept and isinstance(kept[-1], Paragraph) and kept[-1] not in pointers else []
                text = t("minutes.moved_table", caption=block.caption, reference=reference) if block.caption else t("minutes.moved", reference=reference)
                pointers.append(_pointer(text))
                kept.append(pointers[-1])
                moved += [*introduction, block]
            else:
                kept.append(block)
    return kept, moved


def _parts(body: list[Block]) -> list[list[Block]]:
    """The body cut at its headings: what comes before the first, then each heading with what follows."""
    parts: list[list[Block]] = []
    for block in body:
        if isinstance(block, Heading) or not parts:
            parts.append([block])
        else:
            parts[-1].append(block)
    return parts


def _pointer(text: str) -> Paragraph:
    return Paragraph.of(Run(text, italic=True))


def _section(title: str, blocks: list[Block]) -> list[Block]:
    if not blocks:
        return []
    first = blocks[0]
    if isinstance(first, Heading) and first.level <= 1:
        return blocks
    return [Heading(1, title), *blocks]


def unique_headings(blocks: list[Block]) -> list[Block]:
    """Headings that repeat say what they are about: their section's title, else a number."""
    seen: dict[str, int] = {}
    parents: dict[int, str] = {}
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level >= 1:
            text = block.text
            key = " ".join(text.casefold().split())
            parent = next((parents[level] for level in range(block.level - 1, 0, -1) if level in parents), "")
            if key in seen and parent:
                text = t("minutes.heading_in", heading=block.text, section=parent)
                key = " ".join(text.casefold().split())
            if key in seen:
                seen[key] += 1
                text = t("minutes.heading_numbered", heading=text, number=seen[key])
                key = " ".join(text.casefold().split())
            seen.setdefault(key, 1)
            parents[block.level] = block.text
            for deeper in [level for level in parents if level > block.level]:
                del parents[deeper]
            block = replace(block, text=text) if text != block.text else block
        out.append(block)
    return out


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
    """The screens' short date (`short_date`), the one a field reads back; documents use `long_date`."""
    return short_date(iso)


__all__ = ["build_minutes", "document_info", "duration", "exercise_title", "format_date", "gather_outcomes", "synthesis"]
