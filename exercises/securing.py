"""Elements to secure (éléments à sécuriser): what the project needs to succeed, who sees to it, by when.

After the diagnosis, the group lists the steps or elements that make the project
safe: typed directly, or taken from what earlier exercises brought up (FFOM
weaknesses and threats and the cooperation answers to them, APT fears and risks,
supra criteria not met, actions of the who-does-what matrix without a pilot:
see `securing_sources`). Each element has a responsible person or structure, a
due date, a state (to secure, in progress, secured, abandoned with a reason)
and notes. Elements belong to the project, not to one workshop: they are
followed from workshop to workshop like the action proposals, and those still
open after their due date show as late.

A small dated log of state changes lets the minutes of an old workshop show
each element as it stood on that day.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from exercises.typed_text import one_line
from workshop.errors import NotFound, ValidationError
from workshop.i18n import t
from workshop.model import Record
from workshop.typed_dates import check_date

if TYPE_CHECKING:
    from workshop.project import Project
    from workshop.proposals import Referent

TABLE = "securing"
MAX_TEXT = 500
MAX_NOTES = 2000


class State(StrEnum):
    TO_SECURE = "to_secure"
    IN_PROGRESS = "in_progress"
    SECURED = "secured"
    ABANDONED = "abandoned"  # a reason is required


OPEN_STATES = (State.TO_SECURE.value, State.IN_PROGRESS.value)


class Origin(StrEnum):
    TYPED = ""
    SWOT = "swot"
    APT = "apt"
    SUPRA = "supra"
    MATRIX = "matrix"


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Any = _Unchanged()


@dataclass
class Element(Record):
    text: str
    origin: str = Origin.TYPED.value
    origin_key: str = ""  # what it was taken from ("apt:12:7"): each is taken once
    # What shows where it comes from, in the reader's language: {"quadrant", "structure_id",
    # "answer_to"} for the diagnosis, {"group", "mitigation", "owner"} for an APT risk.
    origin_detail: dict[str, Any] = field(default_factory=dict)
    # Words the app wrote ("Find a pilot for …"): shown in the reader's language until someone rewrites them.
    text_key: str = ""
    text_params: dict[str, str] = field(default_factory=dict)
    workshop_id: int = 0  # where it was listed (0: outside any workshop)
    item_id: int = 0
    date: str = ""  # ISO date it was listed
    created: float = 0.0  # wall clock: orders elements listed the same day
    referent_participant_id: int = 0  # who is responsible: a person…
    referent_structure_id: int = 0  # …or a structure
    due: str = ""  # ISO date
    state: str = State.TO_SECURE.value
    state_reason: str = ""  # why it was abandoned
    state_on: str = ""  # ISO date of the latest state change
    notes: str = ""
    log: list[dict[str, Any]] = field(default_factory=list)  # [{"on": ISO date, "state": value}]
    id: int = 0

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def is_late(self, day: str) -> bool:
        """Still open after its due date."""
        return bool(self.due and self.state in OPEN_STATES and self.due < day)

    def state_on_day(self, day: str) -> str:
        """The state as it stood at the end of `day` (ISO date)."""
        current = State.TO_SECURE.value
        for entry in self.log:
            if entry.get("on", "") <= day:
                current = entry.get("state", current)
        return current

    def late_on(self, day: str) -> bool:
        return bool(self.due and self.state_on_day(day) in OPEN_STATES and self.due < day)


def element_text(item: Element) -> str:
    """What the element says: people's words as typed, the app's in the reader's language."""
    return t(item.text_key, **item.text_params) if item.text_key else item.text


def _text(text: str) -> str:
    return one_line(text, MAX_TEXT, "securing.error.text_empty", "securing.error.text_too_long")


def _optional(text: str, limit: int = MAX_NOTES) -> str:
    return one_line(text, limit, None, "securing.error.notes_too_long")


def _detail(detail: dict[str, Any] | None) -> dict[str, Any]:
    """A source's details as stored: numbers stay numbers, texts are cleaned like typed text."""
    return {k: v if isinstance(v, int) else _optional(str(v), MAX_TEXT) for k, v in (detail or {}).items() if v not in (None, "")}


# Reading ---------------------------------------------------------------------------------------
def elements(project: Project, workshop_id: int | None = None) -> list[Element]:
    """Every element (or those listed in one workshop), in the order they were listed."""
    found = [Element.from_doc(doc, doc.doc_id) for doc in project.store.table(TABLE).all()]
    if workshop_id is not None:
        found = [e for e in found if e.workshop_id == workshop_id]
    return sorted(found, key=lambda e: (e.date or "9999", e.created, e.id))


def element(project: Project, element_id: int) -> Element:
    doc = project.store.table(TABLE).get(doc_id=element_id) if element_id else None
    if doc is None:
        raise NotFound("error.not_found", what=TABLE, id=element_id)
    return Element.from_doc(doc, element_id)


def taken_keys(project: Project) -> set[str]:
    return {doc.get("origin_key", "") for doc in project.store.table(TABLE).all()} - {""}


def _save(project: Project, item: Element) -> Element:
    project.store.table(TABLE).update(item.to_doc(), doc_ids=[item.id])
    return item


def _check_referent(project: Project, referent: Referent | None) -> tuple[int, int]:
    if referent is None:
        return 0, 0
    if referent.participant_id and referent.structure_id:
        raise ValidationError("securing.error.one_referent")
    if referent.participant_id:
        project.participant(referent.participant_id)
    if referent.structure_id:
        project.structure(referent.structure_id)
    return referent.participant_id, referent.structure_id


# Listing ---------------------------------------------------------------------------------------
def add_element(
    project: Project,
    text: str,
    workshop_id: int = 0,
    item_id: int = 0,
    origin: str = "",
    origin_key: str = "",
    origin_detail: dict[str, Any] | None = None,
    text_key: str = "",
    text_params: dict[str, str] | None = None,
    referent: Referent | None = None,
    due: str = "",
    notes: str = "",
    date: str = "",
) -> Element:
    """List an element to secure. `date` defaults to the workshop's date, else today.

    An element taken from a source (`origin_key`) is taken once: a second time is refused.
    """
    cleaned = _text(text)
    if origin_key and origin_key in taken_keys(project):
        raise ValidationError("securing.error.already_taken")
    if item_id:
        item = project.agenda_item(item_id)
        if workshop_id and item.workshop_id != workshop_id:
            raise ValidationError("securing.error.item_elsewhere")
        workshop_id = item.workshop_id
    day = check_date(date) or (project.workshop(workshop_id).date if workshop_id else "") or project.today()
    person, structure = _check_referent(project, referent)
    record = Element(
        text=cleaned,
        origin=Origin(origin).value,
        origin_key=origin_key,
        origin_detail=_detail(origin_detail),
        text_key=text_key,
        text_params={k: str(v) for k, v in (text_params or {}).items()},
        workshop_id=workshop_id,
        item_id=item_id,
        date=day,
        created=project.clock.now(),
        referent_participant_id=person,
        referent_structure_id=structure,
        due=check_date(due),
        notes=_optional(notes),
        state_on=day,
        log=[{"on": day, "state": State.TO_SECURE.value}],
    )
    doc_id = project.store.table(TABLE).insert(record.to_doc())
    return replace(record, id=doc_id)


def update_element(
    project: Project,
    element_id: int,
    text: str = UNCHANGED,
    referent: Referent | None = UNCHANGED,
    due: str = UNCHANGED,
    state: str | State = UNCHANGED,
    reason: str = UNCHANGED,
    notes: str = UNCHANGED,
    on: str = "",
) -> Element:
    """Change what is given; a state change is logged on `on` (default today, by the project's clock).

    A due date in the past is accepted (the element shows as late); "abandoned" needs a reason.
    """
    current = element(project, element_id)
    changes: dict[str, Any] = {}
    if text is not UNCHANGED:
        cleaned = _text(text)
        if not (current.text_key and cleaned == element_text(current)):  # the app's words, untouched, stay a key
            changes["text"] = cleaned
            if cleaned != current.text:
                changes["text_key"], changes["text_params"] = "", {}  # rewritten: the words are people's now
    if referent is not UNCHANGED:
        changes["referent_participant_id"], changes["referent_structure_id"] = _check_referent(project, referent)
    if due is not UNCHANGED:
        changes["due"] = check_date(due or "")
    if notes is not UNCHANGED:
        changes["notes"] = _optional(notes)
    new_state = current.state if state is UNCHANGED else State(state).value
    why = current.state_reason if reason is UNCHANGED else _optional(reason)
    if new_state == State.ABANDONED and not why:
        raise ValidationError("securing.error.reason_required")
    if new_state != State.ABANDONED:
        why = ""  # a reason belongs to the abandonment it explained
    changes["state_reason"] = why
    if new_state != current.state:
        day = check_date(on) or project.today()
        log = [dict(entry) for entry in current.log]
        log.append({"on": day, "state": new_state})
        changes.update(state=new_state, state_on=day, log=log)
    return _save(project, replace(current, **changes))


def remove_element(project: Project, element_id: int) -> None:
    element(project, element_id)
    project.store.table(TABLE).remove(doc_ids=[element_id])


# Following up across workshops --------------------------------------------------------------
def due_since_last(project: Project, workshop_id: int) -> list[Element]:
    """Elements due by this workshop: those falling due since the previous workshop,
    plus older ones still open (late). Ordered by due date."""
    from workshop.proposals import previous_workshop

    workshop = project.workshop(workshop_id)
    before = previous_workshop(project, workshop_id)
    since = before.date if before is not None else ""
    until = workshop.date or "9999-12-31"
    found = [e for e in elements(project) if e.due and e.due <= until and (e.due > since or e.is_open)]
    return sorted(found, key=lambda e: (e.due, e.id))


def late(project: Project, day: str) -> list[Element]:
    return [e for e in elements(project) if e.is_late(day)]


def as_of(project: Project, day: str) -> list[Element]:
    """The elements listed by the end of `day`, each in the state it had then."""
    return [replace(e, state=e.state_on_day(day)) for e in elements(project) if (e.date or "") <= day]
