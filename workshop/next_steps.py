"""The next steps a workshop decides: what, who carries it (a person or a structure), by when.

Entered from the cockpit and the workshop plan, they reach the minutes' synthesis
and actions table, and the project's register. A next step keeps a small dated
log of its status so that a workshop's minutes show it as it stood that day.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from workshop.errors import NotFound, ValidationError
from workshop.model import Record
from workshop.typed_dates import check_date

if TYPE_CHECKING:
    from workshop.project import Project

TABLE = "next_steps"
MAX_TEXT = 1000


class StepStatus(StrEnum):
    TO_DO = "to_do"
    DONE = "done"


@dataclass
class NextStep(Record):
    workshop_id: int
    text: str
    participant_id: int = 0  # who carries it: a person…
    structure_id: int = 0  # …or a structure
    due: str = ""  # ISO date
    status: str = StepStatus.TO_DO.value
    position: int = 0
    log: list[dict[str, Any]] = field(default_factory=list)  # [{"on": day, "status": value}]
    id: int = 0

    @property
    def done(self) -> bool:
        return self.status == StepStatus.DONE

    def status_on(self, day: str) -> str:
        """The status at the end of `day` (ISO date)."""
        current = StepStatus.TO_DO.value
        for entry in self.log:
            if entry.get("on", "") <= day and "status" in entry:
                current = entry["status"]
        return current


def next_steps(project: Project, workshop_id: int | None = None) -> list[NextStep]:
    """A workshop's next steps in their order (every workshop's when `workshop_id` is None)."""
    found = [NextStep.from_doc(doc, doc.doc_id) for doc in project.store.table(TABLE).all()]
    if workshop_id is not None:
        found = [s for s in found if s.workshop_id == workshop_id]
    return sorted(found, key=lambda s: (s.workshop_id, s.position, s.id))


def next_step(project: Project, step_id: int) -> NextStep:
    doc = project.store.table(TABLE).get(doc_id=step_id) if step_id else None
    if doc is None:
        raise NotFound("error.not_found", what=TABLE, id=step_id)
    return NextStep.from_doc(doc, step_id)


def _text(text: str) -> str:
    """One line, through the core's text policy (`workshop.text`)."""
    from workshop.text import clean_line

    return clean_line(text, empty="next_steps.error.no_text", too_long="next_steps.error.too_long", limit=MAX_TEXT)


def _owner(project: Project, participant_id: int, structure_id: int) -> tuple[int, int]:
    if participant_id and structure_id:
        raise ValidationError("next_steps.error.one_owner")
    if participant_id:
        project.participant(participant_id)
    if structure_id:
        project.structure(structure_id)
    return participant_id or 0, structure_id or 0


def add_next_step(
    project: Project, workshop_id: int, text: str, participant_id: int = 0, structure_id: int = 0, due: str = ""
) -> NextStep:
    project.workshop(workshop_id)
    participant_id, structure_id = _owner(project, participant_id, structure_id)
    position = max((s.position for s in next_steps(project, workshop_id)), default=-1) + 1
    step = NextStep(workshop_id, _text(text), participant_id, structure_id, check_date(due), position=position)
    doc_id = project.store.table(TABLE).insert(step.to_doc())
    return replace(step, id=doc_id)


def edit_next_step(
    project: Project, step_id: int, text: str, participant_id: int = 0, structure_id: int = 0, due: str = ""
) -> NextStep:
    current = next_step(project, step_id)
    participant_id, structure_id = _owner(project, participant_id, structure_id)
    changed = replace(current, text=_text(text), participant_id=participant_id, structure_id=structure_id, due=check_date(due))
    project.store.table(TABLE).update(changed.to_doc(), doc_ids=[step_id])
    return changed


def set_status(project: Project, step_id: int, status: str | StepStatus, on: str = "") -> NextStep:
    """Mark a next step done (or to do again) on day `on` (default today)."""
    current = next_step(project, step_id)
    value = StepStatus(status).value
    if value == current.status:
        return current
    day = check_date(on) or project.today()
    changed = replace(current, status=value, log=[*current.log, {"on": day, "status": value}])
    project.store.table(TABLE).update(changed.to_doc(), doc_ids=[step_id])
    return changed


def remove_next_step(project: Project, step_id: int) -> None:
    next_step(project, step_id)
    project.store.table(TABLE).remove(doc_ids=[step_id])


def move_next_step(project: Project, step_id: int, delta: int) -> list[NextStep]:
    current = next_step(project, step_id)
    steps = next_steps(project, current.workshop_id)
    index = next(i for i, s in enumerate(steps) if s.id == step_id)
    steps.insert(max(0, min(len(steps) - 1, index + delta)), steps.pop(index))
    with project.batch():
        for position, step in enumerate(steps):
            if step.position != position:
                project.store.table(TABLE).update({"position": position}, doc_ids=[step.id])
    return next_steps(project, current.workshop_id)


def owned_by_structure(project: Project, structure_id: int) -> int:
    return sum(1 for s in next_steps(project) if s.structure_id == structure_id)


def structure_guard(project: Project, structure_id: int) -> tuple[str, dict[str, Any]] | None:
    count = owned_by_structure(project, structure_id)
    return ("next_steps.error.structure_carries", {"count": count}) if count else None

