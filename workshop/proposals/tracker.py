"""Recording action proposals, the promoter's decisions and their follow-up.

Every function validates its input (ValidationError with a catalog key) and saves
at once; the screens, the exercises and the CLI all go through here.
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from workshop.errors import NotFound, ValidationError
from workshop.proposals.proposal import (
    NO_REFERENT,
    OPEN_STATUSES,
    Decision,
    Proposal,
    Referent,
    Status,
)
from workshop.typed_dates import check_date

if TYPE_CHECKING:
    from workshop.model import Participant, Structure, Workshop
    from workshop.project import Project

TABLE = "proposals"
MAX_TEXT_LENGTH = 2000
MAX_REASON_LENGTH = 2000


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Any = _Unchanged()


def today(project: Project) -> str:
    """Today as the project's clock says (tests and the app inject theirs): the
    only source of "today" for proposals, decisions, statuses and lateness."""
    return project.today()


def day_of(timestamp: float) -> str:
    """The local ISO date of a wall-clock instant."""
    return datetime.date.fromtimestamp(timestamp).isoformat()


# Reading --------------------------------------------------------------------------
def proposals(project: Project, workshop_id: int | None = None) -> list[Proposal]:
    """Every proposal (or those made in one workshop), in the order they were made."""
    docs = project.store.table(TABLE).all()
    found = [Proposal.from_doc(doc, doc.doc_id) for doc in docs]
    if workshop_id is not None:
        found = [p for p in found if p.workshop_id == workshop_id]
    return sorted(found, key=lambda p: (p.date or "9999", p.created, p.id))


def proposals_as_of(project: Project, day: str | None) -> list[Proposal]:
    """The proposals stated by the end of `day`, with their decision and status of
    that day (every proposal as it is now when `day` is None)."""
    found = (p.as_of(day) for p in proposals(project))
    return [p for p in found if p is not None]


def unknown_author(project: Project) -> list[Proposal]:
    """Proposals whose structure is not known (data older than the rule that
    requires it): they count as the stakeholders' until their structure is given."""
    known = {s.id for s in project.structures()}
    return [p for p in proposals(project) if p.structure_id not in known]


def proposal(project: Project, proposal_id: int) -> Proposal:
    doc = project.store.table(TABLE).get(doc_id=proposal_id) if proposal_id else None
    if doc is None:
        raise NotFound("error.not_found", what=TABLE, id=proposal_id)
    return Proposal.from_doc(doc, proposal_id)


def _save(project: Project, item: Proposal) -> Proposal:
    project.store.table(TABLE).update(item.to_doc(), doc_ids=[item.id])
    return item


# Recording ------------------------------------------------------------------------
def _clean_text(text: str, key: str, limit: int) -> str:
    """One line per the text policy (workshop.text); "" when nothing visible is left."""
    from workshop.text import clean_line

    return clean_line(text, empty=None, too_long=key + "_too_long", limit=limit)


def _author(project: Project, structure_id: int, participant_id: int) -> tuple[int, int]:
    """The proposing structure and person, checked against each other."""
    if participant_id:
        person = project.participant(participant_id)
        if not structure_id:
            structure_id = person.structure_id
        elif person.structure_id != structure_id:
            raise ValidationError(
                "proposals.error.person_elsewhere",
                name=person.name,
                structure=project.structure(person.structure_id).name,
            )
    if not structure_id:
        raise ValidationError("proposals.error.no_structure")
    project.structure(structure_id)
    return structure_id, participant_id


def record_proposal(
    project: Project,
    text: str,
    structure_id: int,
    participant_id: int = 0,
    workshop_id: int = 0,
    item_id: int = 0,
    source: str = "",
    date: str = "",
) -> Proposal:
    """Record an action proposal made by a structure (and one of its people).

    `source` is "" when it was typed directly, else the kind of exercise or round
    it came from. `date` defaults to the workshop's date, else today. A proposal
    with no known structure is refused: it could not be told from the promoter's own.
    """
    cleaned = _clean_text(text, "proposals.error.text", MAX_TEXT_LENGTH)
    if not cleaned:
        raise ValidationError("proposals.error.no_text")
    structure_id, participant_id = _author(project, structure_id, participant_id)
    workshop_date = ""
    if workshop_id:
        workshop_date = project.workshop(workshop_id).date
    if item_id:
        item = project.agenda_item(item_id)
        if workshop_id and item.workshop_id != workshop_id:
            raise ValidationError("proposals.error.item_elsewhere")
        if not workshop_id:
            workshop_id = item.workshop_id
            workshop_date = project.workshop(workshop_id).date
    day = check_date(date) or workshop_date or today(project)
    record = Proposal(
        text=cleaned,
        structure_id=structure_id,
        participant_id=participant_id,
        workshop_id=workshop_id,
        item_id=item_id,
        source=str(source or ""),
        date=day,
        created=project.clock.now(),
    )
    doc_id = project.store.table(TABLE).insert(record.to_doc())
    return replace(record, id=doc_id)


def edit_proposal(
    project: Project,
    proposal_id: int,
    text: str = UNCHANGED,
    structure_id: int = UNCHANGED,
    participant_id: int = UNCHANGED,
) -> Proposal:
    """Correct a proposal's wording or author."""
    current = proposal(project, proposal_id)
    changes: dict[str, Any] = {}
    if text is not UNCHANGED:
        cleaned = _clean_text(text, "proposals.error.text", MAX_TEXT_LENGTH)
        if not cleaned:
            raise ValidationError("proposals.error.no_text")
        changes["text"] = cleaned
    if structure_id is not UNCHANGED or participant_id is not UNCHANGED:
        person = current.participant_id if participant_id is UNCHANGED else participant_id
        structure = current.structure_id if structure_id is UNCHANGED else structure_id
        if participant_id is not UNCHANGED and structure_id is UNCHANGED and participant_id:
            structure = 0  # the new person's structure
        changes["structure_id"], changes["participant_id"] = _author(project, structure, person)
    return _save(project, replace(current, **changes))


def remove_proposal(project: Project, proposal_id: int) -> None:
    removed = proposal(project, proposal_id)
    with project.undo.step("proposal_removed", number=proposal_id, text=removed.text):
        project.store.table(TABLE).remove(doc_ids=[proposal_id])


# Deciding ---------------------------------------------------------------------------
def decide(
    project: Project,
    proposal_id: int,
    decision: str | Decision,
    reason: str = "",
    on: str = "",
    workshop_id: int = 0,
) -> Proposal:
    """The promoter's decision. "Not retained" needs a reason.

    `on` is the day it was taken (default today); `workshop_id` the workshop it
    was taken in, when it was taken live.
    """
    current = proposal(project, proposal_id)
    value = Decision("" if decision in ("undecided", None) else decision).value
    why = _clean_text(reason, "proposals.error.reason", MAX_REASON_LENGTH)
    if value == Decision.NOT_RETAINED and not why:
        raise ValidationError("proposals.error.reason_required")
    day = check_date(on) or today(project)
    if workshop_id:
        project.workshop(workshop_id)
    log = [dict(entry) for entry in current.log]
    # The reason and the workshop are logged too: the minutes show a decision as it stood (`as_of`).
    log.append({"on": day, "decision": value, "reason": why, "workshop_id": workshop_id})
    if value == Decision.RETAINED and current.decision != Decision.RETAINED and current.status not in OPEN_STATUSES:
        # Retained again after a drop: its follow-up starts over, dated like any status change.
        log.append({"on": day, "status": Status.TO_DO.value})
    changes: dict[str, Any] = {
        "decision": value,
        "reason": why,
        "decided_on": day if value else "",
        "decided_workshop_id": workshop_id,
        "log": log,
    }
    if value == Decision.RETAINED and current.decision != Decision.RETAINED and current.status not in OPEN_STATUSES:
        # Retained again after a drop: its follow-up starts over.
        changes.update(status=Status.TO_DO.value, status_reason="", status_on=day)
    with project.undo.step("decision", number=proposal_id, text=current.text):
        return _save(project, replace(current, **changes))


# Following up -------------------------------------------------------------------------
def follow_up(
    project: Project,
    proposal_id: int,
    referent: Referent | Participant | Structure | None = UNCHANGED,
    due: str = UNCHANGED,
    status: str | Status = UNCHANGED,
    reason: str = UNCHANGED,
    on: str = "",
) -> Proposal:
    """Set who carries a retained proposal, by when, and where it stands.

    Only the arguments given change. A due date in the past is accepted (the
    proposal shows as late); "dropped" needs a reason.
    """
    from workshop.model import Participant, Structure
    current = proposal(project, proposal_id)
    if current.decision != Decision.RETAINED:
        raise ValidationError("proposals.error.not_retained_follow_up")
    changes: dict[str, Any] = {}
    if referent is not UNCHANGED:
        if referent is None:
            referent = NO_REFERENT
        elif isinstance(referent, Participant):
            referent = Referent.participant(referent.id)
        elif isinstance(referent, Structure):
            referent = Referent.structure(referent.id)
        if referent.participant_id and referent.structure_id:
            raise ValidationError("proposals.error.one_referent")
        if referent.participant_id:
            project.participant(referent.participant_id)
        if referent.structure_id:
            project.structure(referent.structure_id)
        changes["referent_participant_id"] = referent.participant_id
        changes["referent_structure_id"] = referent.structure_id
    if due is not UNCHANGED:
        changes["due"] = check_date(due or "")
    # Who carries it and by when are logged when they change, for the minutes' `as_of`.
    follow_log: list[dict[str, Any]] = []
    follow_day = check_date(on) or today(project)
    new_referent = [changes.get("referent_participant_id", current.referent_participant_id), changes.get("referent_structure_id", current.referent_structure_id)]
    if new_referent != [current.referent_participant_id, current.referent_structure_id]:
        follow_log.append({"on": follow_day, "referent": new_referent})
    if changes.get("due", current.due) != current.due:
        follow_log.append({"on": follow_day, "due": changes["due"]})
    new_status = current.status if status is UNCHANGED else Status(status).value
    why = current.status_reason if reason is UNCHANGED else _clean_text(reason, "proposals.error.reason", MAX_REASON_LENGTH)
    if new_status == Status.DROPPED and not why:
        raise ValidationError("proposals.error.drop_reason_required")
    if new_status != Status.DROPPED and status is not UNCHANGED and reason is UNCHANGED:
        why = ""  # a reason belongs to the drop it explained
    changes["status_reason"] = why
    log = [dict(entry) for entry in current.log] + follow_log
    if new_status != current.status:
        day = check_date(on) or today(project)
        log.append({"on": day, "status": new_status, "reason": why})
        changes.update(status=new_status, status_on=day)
    if len(log) != len(current.log):
        changes["log"] = log
    return _save(project, replace(current, **changes))


# Questions the tracker asks -------------------------------------------------------------
def previous_workshop(project: Project, workshop_id: int) -> Workshop | None:
    workshops = project.workshops()
    for index, workshop in enumerate(workshops):
        if workshop.id == workshop_id:
            return workshops[index - 1] if index else None
    raise NotFound("error.not_found", what="workshops", id=workshop_id)


def due_since_last(project: Project, workshop_id: int, every: list[Proposal] | None = None) -> list[Proposal]:
    """Retained proposals due by this workshop: those falling due since the previous
    workshop, plus older ones still open (late). Ordered by due date. `every`: the
    proposals to look at (as they stood on some day), all of them as they are by default."""
    workshop = project.workshop(workshop_id)
    before = previous_workshop(project, workshop_id)
    since = before.date if before is not None else ""
    until = workshop.date or "9999-12-31"
    found = [
        p
        for p in (proposals(project) if every is None else every)
        if p.retained and p.due and p.due <= until and (p.due > since or p.status in OPEN_STATUSES)
    ]
    return sorted(found, key=lambda p: (p.due, p.id))


def late(project: Project, day: str) -> list[Proposal]:
    return [p for p in proposals(project) if p.is_late(day)]


def authored_count(project: Project, structure_id: int) -> int:
    return sum(1 for p in proposals(project) if p.structure_id == structure_id)


def carried_count(project: Project, structure_id: int) -> int:
    return sum(1 for p in proposals(project) if p.referent_structure_id == structure_id)
