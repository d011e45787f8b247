"""The cooperation project: settings, structures, participants, workshops, agenda.

`Project` is the one way the rest of Atelier changes a project file. Each method
validates its input (ValidationError with a catalog key), saves durably, and
returns the stored record.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from tinydb.table import Document

from workshop.clock import Clock, SystemClock
from workshop.errors import NotFound, ValidationError
from workshop.model import (
    DEFAULT_THRESHOLD,
    AgendaItem,
    Attendance,
    MinutesStatus,
    Participant,
    Record,
    Role,
    Structure,
    StructureKind,
    Workshop,
    default_title_key,
)
from workshop.names import MAX_NAME_LENGTH, clean_name, name_key
from workshop.store import FORMAT_VERSION, ProjectStore
from workshop.text import clean_block, clean_line
from workshop.typed_dates import check_date, check_time
from workshop.undo import UndoLog

R = TypeVar("R", bound=Record)
MAX_WORKSHOP_TEXT = 1000  # a place, a purpose, a name: one line, never a novel

NEXT_STEPS = "next_steps"  # workshop.next_steps.TABLE
META, STRUCTURES, PARTICIPANTS, WORKSHOPS, AGENDA = (
    "meta",
    "structures",
    "participants",
    "workshops",
    "agenda",
)

# What refuses a structure's removal while something names it: (project, structure
# id) -> a catalog key (and params) saying why, or None. The core's features are
# listed in `structure_guards`; each exercise declares its own (`Exercise.structure_guard`).
StructureGuard = Callable[["Project", int], tuple[str, dict[str, Any]] | None]


def structure_guards(project: Project) -> list[StructureGuard]:
    from workshop.next_steps import structure_guard as next_steps_guard
    from workshop.proposals.guard import proposals_guard
    from workshop.registry import exercises_of

    return [proposals_guard, next_steps_guard, *(e.structure_guard for e in exercises_of(project.kinds_used()))]


class Project:
    """An open cooperation project.

    `clock` is where the project's features read "now" and "today" (the app gives
    its own; tests a FakeClock): never the system date directly.
    """

    def __init__(self, store: ProjectStore, clock: Clock | None = None) -> None:
        self.store = store
        self.clock: Clock = clock or SystemClock()

    # Opening --------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | os.PathLike[str], clock: Clock | None = None) -> Project:
        return cls(ProjectStore.open(path), clock)

    @classmethod
    def create(cls, path: str | os.PathLike[str], name: str, clock: Clock | None = None) -> Project:
        name = clean_name(name, "project")
        path = Path(path)
        if path.exists():
            raise ValidationError("error.project_exists", path=str(path))
        project = cls(ProjectStore.open(path, create=True), clock)
        try:
            project.store.table(META).insert(
                {
                    "name": name,
                    "format": FORMAT_VERSION,
                    "promoter_id": 0,
                    "threshold": DEFAULT_THRESHOLD,
                    "created": project.clock.now(),
                }
            )
        except BaseException:
            # A full or read-only disk: the lock must not keep the name taken until the
            # app restarts. What the first write left (when it got that far) opens.
            project.store.forget()
            raise
        return project

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self) -> Path:
        return self.store.path

    def today(self) -> str:
        """Today's ISO date, by the project's clock."""
        return _local_day(self.clock.now())

    def batch(self) -> contextlib.AbstractContextManager[None]:
        return self.store.batch()

    def save_as(self, target: str | os.PathLike[str]) -> Path:
        """Save the project to a new file and carry on there (see ProjectStore.save_as)."""
        return self.store.save_as(target)

    @property
    def undo(self) -> UndoLog:
        """Removals and decisions since the project was opened, to take back (Ctrl+Z)."""
        return self.store.undo

    # Generic record access --------------------------------------------------------
    def _all(self, table: str, cls: type[R]) -> list[R]:
        return [cls.from_doc(doc, doc.doc_id) for doc in self.store.table(table).all()]

    def _get(self, table: str, cls: type[R], record_id: int) -> R:
        doc = self.store.table(table).get(doc_id=record_id) if record_id else None
        if doc is None:
            raise NotFound("error.not_found", what=table, id=record_id)
        return cls.from_doc(doc, record_id)

    def _insert(self, table: str, record: R) -> R:
        doc_id = self.store.table(table).insert(record.to_doc())
        return replace(record, id=doc_id)

    def _save(self, table: str, record: R) -> R:
        self.store.table(table).update(record.to_doc(), doc_ids=[record.id])
        return record

    # Settings -----------------------------------------------------------------------
    @property
    def meta(self) -> dict[str, Any]:
        docs = self.store.table(META).all()
        return dict(docs[0]) if docs else {}

    def _set_meta(self, **values: Any) -> None:
        table = self.store.table(META)
        docs = table.all()
        if docs:
            table.update(values, doc_ids=[docs[0].doc_id])
        else:
            table.insert(values)

    @property
    def name(self) -> str:
        return self.meta.get("name", self.path.stem)

    def rename(self, name: str) -> None:
        self._set_meta(name=clean_name(name, "project"))

    @property
    def promoter_id(self) -> int:
        return int(self.meta.get("promoter_id") or 0)

    def set_promoter(self, structure_id: int) -> None:
        if structure_id:
            self.structure(structure_id)
        self._set_meta(promoter_id=structure_id)

    @property
    def threshold(self) -> int:
        return int(self.meta.get("threshold", DEFAULT_THRESHOLD))

    @staticmethod
    def parse_threshold(percent: int | str) -> int:
        """A threshold as typed ("60", "60 %") as a whole percentage between 1 and 100."""
        try:
            value = int(str(percent).strip().rstrip("%").strip())
        except ValueError:
            raise ValidationError("error.threshold_invalid") from None
        if not 1 <= value <= 100:
            raise ValidationError("error.threshold_invalid")
        return value

    def threshold_needs_confirmation(self, percent: int | str) -> bool:
        """Setting the threshold below the source's 60 % departs from the method: ask first."""
        value = self.parse_threshold(percent)
        return value < DEFAULT_THRESHOLD and value != self.threshold

    @property
    def threshold_changes(self) -> list[dict[str, Any]]:
        """Every change of the threshold: {"on": ISO date, "value", "previous", "at": instant}."""
        return [dict(entry) for entry in self.meta.get("threshold_log", [])]

    def set_threshold(self, percent: int | str, *, confirmed: bool = False, on: str = "") -> None:
        """Change the commitment threshold, dated `on` (today by the project's clock).

        Below the source's 60 % it must be `confirmed`. Each change is logged so the
        minutes can state the threshold in force on their date, and since when.
        """
        value = self.parse_threshold(percent)
        previous = self.threshold
        if value == previous:
            return
        if self.threshold_needs_confirmation(value) and not confirmed:
            raise ValidationError("error.threshold_lower_unconfirmed", threshold=value, source=DEFAULT_THRESHOLD)
        now = self.clock.now()
        day = check_date(on) or self.today()
        log = [*self.threshold_changes, {"on": day, "value": value, "previous": previous, "at": now}]
        self._set_meta(threshold=value, threshold_log=log)

    # Structures ---------------------------------------------------------------------
    def structures(self) -> list[Structure]:
        return sorted(self._all(STRUCTURES, Structure), key=lambda s: (not s.member, name_key(s.name)))

    def structure(self, structure_id: int) -> Structure:
        return self._get(STRUCTURES, Structure, structure_id)

    def structure_name_taken(self, name: str, exclude_id: int = 0) -> bool:
        key = name_key(name)
        return any(s.id != exclude_id and name_key(s.name) == key for s in self._all(STRUCTURES, Structure))

    def add_structure(self, name: str, kind: str = StructureKind.ASSOCIATION, member: bool = True) -> Structure:
        return self._insert(STRUCTURES, Structure(clean_name(name, "structure"), StructureKind(kind).value, member))

    def update_structure(self, structure_id: int, **changes: Any) -> Structure:
        structure = self.structure(structure_id)
        if "name" in changes:
            changes["name"] = clean_name(changes["name"], "structure")
        if "kind" in changes:
            changes["kind"] = StructureKind(changes["kind"]).value
        return self._save(STRUCTURES, replace(structure, **changes))

    def structure_removal_refusal(self, structure_id: int) -> ValidationError | None:
        """Why this structure cannot be removed now (its people, its roles…), or None."""
        structure = self.structure(structure_id)
        members = [p for p in self.participants() if p.structure_id == structure_id]
        if members:
            return ValidationError("error.structure_has_participants", name=structure.name, count=len(members))
        for guard in structure_guards(self):
            refusal = guard(self, structure_id)
            if refusal:
                key, params = refusal
                return ValidationError(key, name=structure.name, **params)
        return None

    def remove_structure(self, structure_id: int) -> None:
        structure = self.structure(structure_id)
        refusal = self.structure_removal_refusal(structure_id)
        if refusal is not None:
            raise refusal
        with self.undo.step("structure_removed", name=structure.name):
            self.store.table(STRUCTURES).remove(doc_ids=[structure_id])
            if self.promoter_id == structure_id:
                self._set_meta(promoter_id=0)

    # Participants ---------------------------------------------------------------------
    def participants(self) -> list[Participant]:
        order = {s.id: i for i, s in enumerate(self.structures())}
        return sorted(
            self._all(PARTICIPANTS, Participant),
            key=lambda p: (order.get(p.structure_id, len(order)), name_key(p.name)),
        )

    def participant(self, participant_id: int) -> Participant:
        return self._get(PARTICIPANTS, Participant, participant_id)

    def participant_name_taken(self, name: str, exclude_id: int = 0) -> bool:
        key = name_key(name)
        return any(p.id != exclude_id and name_key(p.name) == key for p in self._all(PARTICIPANTS, Participant))

    def add_participant(self, name: str, structure_id: int, role: str = Role.STAFF) -> Participant:
        name = clean_name(name, "participant")
        if not structure_id:
            raise ValidationError("error.participant_needs_structure")
        self.structure(structure_id)
        return self._insert(PARTICIPANTS, Participant(name, structure_id, Role(role).value))

    def update_participant(self, participant_id: int, **changes: Any) -> Participant:
        participant = self.participant(participant_id)
        if "name" in changes:
            changes["name"] = clean_name(changes["name"], "participant")
        if "structure_id" in changes:
            self.structure(changes["structure_id"])
        if "role" in changes:
            changes["role"] = Role(changes["role"]).value
        return self._save(PARTICIPANTS, replace(participant, **changes))

    def remove_participant(self, participant_id: int) -> None:
        participant = self.participant(participant_id)
        with self.undo.step("participant_removed", name=participant.name):
            self.store.table(PARTICIPANTS).remove(doc_ids=[participant_id])

    # Workshops --------------------------------------------------------------------------
    def workshops(self) -> list[Workshop]:
        return sorted(self._all(WORKSHOPS, Workshop), key=lambda w: (w.date or "9999", w.id))

    def workshop(self, workshop_id: int) -> Workshop:
        return self._get(WORKSHOPS, Workshop, workshop_id)

    def add_workshop(
        self, title: str, date: str = "", place: str = "", facilitator: str = "", start_time: str = ""
    ) -> Workshop:
        workshop = Workshop(
            clean_name(title, "workshop"),
            date=check_date(date),
            start_time=check_time(start_time),
            place=_clean_detail(place),
            facilitator=_clean_detail(facilitator),
        )
        return self._insert(WORKSHOPS, workshop)

    def update_workshop(self, workshop_id: int, **changes: Any) -> Workshop:
        workshop = self.workshop(workshop_id)
        if "title" in changes:
            changes["title"] = clean_name(changes["title"], "workshop")
        if "date" in changes:
            changes["date"] = check_date(changes["date"])
        if "start_time" in changes:
            changes["start_time"] = check_time(changes["start_time"])
        if "next_meeting_date" in changes:
            changes["next_meeting_date"] = check_date(changes["next_meeting_date"])
        if "next_meeting_time" in changes:
            changes["next_meeting_time"] = check_time(changes["next_meeting_time"])
        if "minutes_status" in changes:
            changes["minutes_status"] = MinutesStatus(changes["minutes_status"] or MinutesStatus.DRAFT).value
        for text_field in ("place", "facilitator", "minutes_author", "next_meeting_place"):
            if text_field in changes:
                changes[text_field] = _clean_detail(changes[text_field])
        for text_field in ("purpose", "next_meeting_purpose"):  # a sentence: one line, longer than a name
            if text_field in changes:
                changes[text_field] = clean_line(changes[text_field], empty=None, limit=MAX_WORKSHOP_TEXT)
        if "next_steps" in changes:
            changes["next_steps"] = clean_block(changes["next_steps"])
        return self._save(WORKSHOPS, replace(workshop, **changes))

    def remove_workshop(self, workshop_id: int) -> None:
        workshop = self.workshop(workshop_id)
        agenda = self.store.table(AGENDA)
        with self.undo.step("workshop_removed", title=workshop.title):
            agenda.remove(lambda doc: doc.get("workshop_id") == workshop_id)
            self.store.table(NEXT_STEPS).remove(lambda doc: doc.get("workshop_id") == workshop_id)
            self.store.table(WORKSHOPS).remove(doc_ids=[workshop_id])

    def set_attendance(self, workshop_id: int, participant_id: int, status: str) -> Workshop:
        workshop = self.workshop(workshop_id)
        self.participant(participant_id)
        attendance = dict(workshop.attendance)
        attendance[str(participant_id)] = Attendance(status).value
        return self._save(WORKSHOPS, replace(workshop, attendance=attendance))

    def present(self, workshop_id: int) -> list[Participant]:
        """Participants marked present, in the project's order (structure, then name)."""
        workshop = self.workshop(workshop_id)
        return [p for p in self.participants() if workshop.status_of(p.id) == Attendance.PRESENT]

    # Agenda -------------------------------------------------------------------------------
    def agenda(self, workshop_id: int) -> list[AgendaItem]:
        docs: Iterable[Document] = self.store.table(AGENDA).search(
            lambda doc: doc.get("workshop_id") == workshop_id
        )
        items = [AgendaItem.from_doc(doc, doc.doc_id) for doc in docs]
        return sorted(items, key=lambda i: (i.position, i.id))

    def kinds_used(self) -> set[str]:
        """The exercise kinds of every agenda item of the project."""
        return {doc.get("kind", "") for doc in self.store.table(AGENDA).all()}

    def agenda_item(self, item_id: int) -> AgendaItem:
        return self._get(AGENDA, AgendaItem, item_id)

    def add_agenda_item(self, workshop_id: int, kind: str, title: str, planned_minutes: int | str = 15) -> AgendaItem:
        # planned_minutes: a number, or the minutes as typed in the form (checked here).
        from workshop.registry import is_installed

        self.workshop(workshop_id)
        if not is_installed(kind):
            raise ValidationError("error.unknown_exercise", kind=kind)
        minutes = _check_minutes(planned_minutes)
        position = max((i.position for i in self.agenda(workshop_id)), default=-1) + 1
        cleaned = clean_name(title, "item")
        item = AgendaItem(workshop_id, kind, cleaned, minutes, position, title_key=default_title_key(cleaned))
        return self._insert(AGENDA, item)

    def update_agenda_item(self, item_id: int, **changes: Any) -> AgendaItem:
        item = self.agenda_item(item_id)
        if "title" in changes:
            changes["title"] = clean_name(changes["title"], "item")
            changes["title_key"] = default_title_key(changes["title"])
        if "planned_minutes" in changes:
            changes["planned_minutes"] = _check_minutes(changes["planned_minutes"])
        if "notes" in changes:
            changes["notes"] = clean_block(changes["notes"])
        return self._save(AGENDA, replace(item, **changes))

    def remove_agenda_item(self, item_id: int) -> None:
        item = self.agenda_item(item_id)
        with self.undo.step("item_removed", title=item.title):
            self.store.table(AGENDA).remove(doc_ids=[item_id])
            self._renumber(item.workshop_id)

    def move_agenda_item(self, item_id: int, delta: int) -> list[AgendaItem]:
        """Move an item up (delta < 0) or down the agenda; returns the new order."""
        item = self.agenda_item(item_id)
        items = self.agenda(item.workshop_id)
        index = next(i for i, it in enumerate(items) if it.id == item_id)
        target = max(0, min(len(items) - 1, index + delta))
        items.insert(target, items.pop(index))
        with self.batch():
            for position, it in enumerate(items):
                if it.position != position:
                    self._save(AGENDA, replace(it, position=position))
        return self.agenda(item.workshop_id)

    def _renumber(self, workshop_id: int) -> None:
        for position, it in enumerate(self.agenda(workshop_id)):
            if it.position != position:
                self._save(AGENDA, replace(it, position=position))


def _local_day(instant: float) -> str:
    import datetime

    return datetime.date.fromtimestamp(instant).isoformat()


def _clean_detail(text: object) -> str:
    """A workshop's place or facilitator: one line, may be empty."""
    return clean_line(text, empty=None, too_long="error.name_too_long", limit=MAX_NAME_LENGTH)


def _check_minutes(value: int | str) -> int:
    try:
        minutes = int(str(value).strip())
    except ValueError:
        raise ValidationError("error.minutes_invalid") from None
    if not 1 <= minutes <= 24 * 60:
        raise ValidationError("error.minutes_invalid")
    return minutes
