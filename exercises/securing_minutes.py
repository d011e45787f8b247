"""The elements to secure in the minutes (as they stood at the end of the workshop) and in the register."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises.securing import OPEN_STATES, Element, State, as_of, element_text, elements
from exercises.securing_labels import (
    MISSING,
    Names,
    origin_label,
    source_notes,
    state_label,
)
from workshop.i18n import t
from workshop.minutes.blocks import Block, Heading, Paragraph, Run, table

if TYPE_CHECKING:
    from workshop.minutes.outcomes import Outcomes
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project


def who(names: Names, item: Element) -> str:
    """"Zoé Martin (Les Jardins)": the person and their structure, or the structure alone."""
    person = names.referent(item)
    if item.referent_participant_id:
        structure = names.referent_structure(item)
        if structure != MISSING:
            return t("securing.who_of", person=person, structure=structure)
    return person


def _date(iso: str) -> str:
    from workshop.minutes.typography import long_date

    return long_date(iso) if iso else MISSING


def _order(items: list[Element]) -> list[Element]:
    """Open ones first, soonest due first; then the secured and the abandoned."""
    return sorted(items, key=lambda e: (e.state not in OPEN_STATES, e.due or "9999", e.id))


def counts_text(items: list[Element], day: str) -> str:
    counts = {s.value: sum(1 for e in items if e.state == s) for s in State}
    return t("securing.counts", total=len(items), late=sum(1 for e in items if e.is_late(day)), **counts)


def element_cell(names: Names, item: Element, with_workshop: bool = False) -> str:
    """The element, then where it comes from (and where it was listed) and its notes, one per line:
    five narrow columns read better on a page than eight that cut their words."""
    lines = [element_text(item), t("securing.minutes.origin_line", origin=origin_label(item, names))]
    lines += source_notes(item)
    if with_workshop:
        lines.append(t("securing.minutes.listed_at", workshop=names.workshop(item.workshop_id)))
    if item.notes:
        lines.append(t("securing.minutes.notes_line", notes=item.notes))
    return "\n".join(lines)


HEADER = ("number", "text", "who", "due", "state")


def section(project: Project, workshop: Workshop, item: AgendaItem) -> list[Block]:
    """Every element listed by the end of the workshop, with who and when, in the state it had then."""
    day = workshop.date or project.today()
    listed = as_of(project, day)
    if not listed:
        return [Paragraph.of(Run(t("securing.minutes.none"), italic=True))]
    names = Names(project)
    here = sum(1 for e in listed if e.workshop_id == workshop.id)
    rows = [[str(e.id), element_cell(names, e), who(names, e), _date(e.due), state_label(e, day)] for e in _order(listed)]
    return [
        Paragraph.of(t("securing.minutes.listed_here", count=here, date=_date(day))),
        table([t(f"securing.col.{c}") for c in HEADER], rows),
        Paragraph.of(Run(counts_text(listed, day), bold=True)),
    ]


def register_part(project: Project, day: str) -> list[Block]:
    """The register's part on elements to secure: every element, as it stands on `day`."""
    every = elements(project)
    if not every:
        return []
    day = day or project.today()
    names = Names(project)
    rows = [[str(e.id), element_cell(names, e, with_workshop=True), who(names, e), _date(e.due), state_label(e, day)] for e in _order(every)]
    return [
        Heading(1, t("securing.register.heading")),
        Paragraph.of(t("securing.register.as_of", date=_date(day), count=len(every))),
        table([t(f"securing.col.{c}") for c in HEADER], rows),
        Paragraph.of(Run(counts_text(every, day), bold=True)),
    ]


def outcomes(project: Project, workshop: Workshop, item: AgendaItem) -> Outcomes:
    """The synthesis's actions: the elements listed at this item, still open at the end of the
    workshop, that are due before the next meeting (or have no date yet); a sentence counts the
    others, which the item's part lists."""
    from workshop.minutes.outcomes import Action, Outcomes

    day = workshop.date or project.today()
    horizon = max(workshop.next_meeting_date, day)  # no meeting fixed yet: what is due by today
    names = Names(project)
    found = Outcomes()
    listed = [e for e in as_of(project, day) if e.item_id == item.id and e.state in OPEN_STATES]
    soon = [e for e in listed if not e.due or e.due <= horizon]
    if len(soon) < len(listed):
        found.later.append(t("securing.minutes.synthesis_later", count=len(listed) - len(soon)))
    for element in _order(soon):
        person = names.person(element.referent_participant_id) if element.referent_participant_id else ""
        structure = names.referent_structure(element)
        state = state_label(element, day)
        found.actions.append(Action(element_text(element), person, structure, element.due, state, key=f"securing:{element.id}"))
    return found
