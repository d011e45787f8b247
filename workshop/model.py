"""The cooperation project's records, as plain dataclasses.

Each record maps to one TinyDB document; `id` is the document id (0 before it is
stored). Records are values: change them through `workshop.project.Project`.
"""

from __future__ import annotations

from dataclasses import Field, asdict, dataclass, field, fields
from enum import StrEnum
from functools import cache
from typing import Any, ClassVar, Self

DEFAULT_THRESHOLD = 60  # percent: the promoter's commitment (DESIGN §3.4.5)


class StructureKind(StrEnum):
    ASSOCIATION = "association"
    ESTABLISHMENT = "establishment"
    AUTHORITY = "authority"
    FUNDER = "funder"
    OTHER = "other"


class Role(StrEnum):
    DIRECTION = "direction"
    CHAIR = "chair"
    BOARD = "board"
    MANAGER = "manager"
    STAFF = "staff"
    USER = "user"
    OTHER = "other"


class MinutesStatus(StrEnum):
    DRAFT = "draft"  # sent for comments
    VALIDATED = "validated"  # approved by the group


class Attendance(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"


def default_title_key(title: str) -> str:
    """The catalog key of an exercise's title, when `title` is one (in any language); else ""."""
    return _default_titles().get(" ".join(title.split()).casefold(), "")


@cache
def _default_titles() -> dict[str, str]:
    from workshop.i18n import LANGUAGES, catalog

    return {
        text.casefold(): key
        for lang in LANGUAGES
        for key, text in catalog(lang).items()
        if key.startswith("exercise.") and key.endswith(".title")
    }


_STORED_FIELDS: dict[type, frozenset[str]] = {}


def _stored_fields(cls: type[Record]) -> frozenset[str]:
    """The fields of a record's dataclass a document holds (its id is its key); read once per class."""
    found = _STORED_FIELDS.get(cls)
    if found is None:
        found = _STORED_FIELDS[cls] = frozenset(f.name for f in fields(cls) if f.name != "id")
    return found


class Record:
    """Conversion between a dataclass and its TinyDB document."""

    id: int
    # Set by @dataclass on each record class; declared so that the checker takes
    # records for dataclasses (fields, asdict, replace).
    __dataclass_fields__: ClassVar[dict[str, Field[Any]]]

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int) -> Self:
        names = _stored_fields(cls)
        values = {k: v for k, v in doc.items() if k in names}
        # The __init__ is the one @dataclass gives each record class, unseen from here.
        return cls(id=doc_id, **values)  # type: ignore[call-arg]

    def to_doc(self) -> dict[str, Any]:
        doc = asdict(self)
        doc.pop("id", None)
        return doc


@dataclass
class Structure(Record):
    name: str
    kind: str = StructureKind.ASSOCIATION.value
    member: bool = True  # False: an external actor, outside the cooperation
    id: int = 0


@dataclass
class Participant(Record):
    name: str
    structure_id: int
    role: str = Role.STAFF.value
    id: int = 0


@dataclass
class Workshop(Record):
    title: str
    date: str = ""  # ISO date, YYYY-MM-DD
    start_time: str = ""  # planned start, HH:MM; the agenda's planned times count from it
    place: str = ""
    facilitator: str = ""
    attendance: dict[str, str] = field(default_factory=dict)  # participant id (str) -> Attendance
    current_item_id: int = 0
    next_steps: str = ""  # Markdown, written by the facilitator (before next steps had owners: `workshop.next_steps`)
    # The header block of the minutes.
    purpose: str = ""  # the workshop's purpose ("objet")
    minutes_author: str = ""  # who wrote the minutes
    minutes_status: str = "draft"  # MinutesStatus
    # The next meeting, as decided at the end of the workshop.
    next_meeting_date: str = ""  # ISO date
    next_meeting_time: str = ""  # HH:MM
    next_meeting_place: str = ""
    next_meeting_purpose: str = ""
    id: int = 0

    def status_of(self, participant_id: int) -> str:
        return self.attendance.get(str(participant_id), Attendance.PRESENT.value)


@dataclass
class TimerState:
    """What a countdown needs to survive a restart: wall-clock times only."""

    planned_seconds: int = 0
    extra_seconds: int = 0  # +1 / -1 minute adjustments
    started_at: float | None = None  # wall clock when running, None when paused
    elapsed_before: float = 0.0  # seconds run before the last start
    bell_rung: bool = False

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> TimerState:
        return cls(**(data or {}))


@dataclass
class AgendaItem(Record):
    workshop_id: int
    kind: str  # an exercise kind from the registry ("free" for a free item)
    title: str
    planned_minutes: int = 15
    position: int = 0
    notes: str = ""  # facilitator notes, Markdown
    actual_start: float | None = None  # wall clock when the item was first run
    actual_seconds: float | None = None  # time spent, recorded on leaving the item
    finished: bool = False  # left for a later item (done); begun then left for an earlier one: interrupted
    timer: dict[str, Any] = field(default_factory=dict)  # a TimerState as a dict
    # Kept as its exercise's title (the app's words, in either language) until renamed.
    title_key: str = ""
    id: int = 0

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int) -> Self:
        item = super().from_doc(doc, doc_id)
        key = item.title_key or default_title_key(item.title)
        if key:
            from workshop.i18n import t

            item.title = t(key)
            item.title_key = key
        return item

    @property
    def timer_state(self) -> TimerState:
        state = TimerState.from_dict(self.timer)
        if not state.planned_seconds:
            state.planned_seconds = self.planned_minutes * 60
        return state
