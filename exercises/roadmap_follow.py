"""Where the roadmap's actions stand: from the proposal an action carries, or its own log.

Read on any day (the minutes read them on their workshop's date), for the next
workshop's follow-up (what fell due, what is late) and as rows for the minutes'
actions table and the convention.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from exercises import periods
from exercises.roadmap import Action, RoadmapState, latest
from workshop.i18n import t
from workshop.proposals import Decision, Proposal, Referent, Status

if TYPE_CHECKING:
    from workshop.model import Participant, Workshop
    from workshop.project import Project

OPEN_STATUSES = (Status.TO_DO.value, Status.IN_PROGRESS.value)
MISSING = "—"


# Where an action stands ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Follow:
    """An action's follow-up as it stands (or stood on a day): from the proposal it carries, or its own."""

    referent: Referent
    start: str
    end: str  # stored form: a date, a month or a year
    status: str  # a Status value; "" while the carried proposal is not retained
    reason: str  # why it was dropped
    decision: str  # the carried proposal's decision ("" for an action of its own)
    late: bool
    proposal_gone: bool = False  # it carried a proposal that was removed since

    @property
    def open(self) -> bool:
        return self.status in OPEN_STATUSES


def _status_on(action: Action, day: str | None) -> str:
    if day is None:
        return action.status
    current = Status.TO_DO.value
    for entry in action.log:
        if entry.get("on", "") <= day:
            current = entry["status"]
    return current


def follow(action: Action, proposals_by_id: dict[int, Proposal], today: str, as_of: str | None = None) -> Follow:
    """Where the action stands on `today`; with `as_of`, as it stood that day."""
    own_referent = Referent(action.referent_participant_id, action.referent_structure_id)
    day = as_of or today
    carried = proposals_by_id.get(action.proposal_id) if action.proposal_id else None
    if carried is None:
        status = _status_on(action, as_of)
        late = bool(action.end and status in OPEN_STATUSES and periods.last_day(action.end) < day)
        reason = action.status_reason if status == Status.DROPPED else ""
        return Follow(own_referent, action.start, action.end, status, reason, "", late, proposal_gone=bool(action.proposal_id))
    decision = carried.decision if as_of is None else carried.decision_on(as_of)
    referent = carried.referent or own_referent
    # The proposal's due date is a day; the month the room typed reads better while they agree.
    end = action.end if action.end and periods.last_day(action.end) == carried.due else (carried.due or action.end)
    if decision != Decision.RETAINED:
        return Follow(referent, action.start, end, "", "", decision, False)
    status = carried.status if as_of is None else carried.status_on_day(as_of)
    late = bool(end and status in OPEN_STATUSES and periods.last_day(end) < day)
    reason = carried.status_reason if status == Status.DROPPED else ""
    return Follow(referent, action.start, end, status, reason, decision, late)


def proposals_by_id(project: Project) -> dict[int, Proposal]:
    from workshop.proposals import proposals

    return {p.id: p for p in proposals(project)}


def state_label(followed: Follow) -> str:
    """The state as the tracker words it: "Fait", "En cours (en retard)", "À l'étude"…"""
    if not followed.status:
        return t("roadmap.state.proposal", decision=t(f"proposals.decision.{followed.decision or 'undecided'}"))
    text = t(f"proposals.status.{followed.status}")
    if followed.reason:
        text = t("proposals.with_reason", text=text, reason=followed.reason)
    if followed.late:
        text = t("proposals.late_status", text=text)
    return text


# Follow-up from one workshop to the next ------------------------------------------------------------------
def due_by(project: Project, state: RoadmapState, workshop: Workshop, today: str, as_of: str | None = None) -> list[tuple[Action, Follow]]:
    """What the room looks at when the plan is taken up again: the actions due since the
    previous workshop, and the older ones still open (late). Ordered by end. With `as_of`,
    their states as they stood that day (the minutes)."""
    from workshop.proposals import previous_workshop

    before = previous_workshop(project, workshop.id)
    since = before.date if before is not None else ""
    until = workshop.date or today
    by_id = proposals_by_id(project)
    found = []
    for action in state.ordered_actions():
        followed = follow(action, by_id, today, as_of=as_of)
        if not followed.end or not followed.status:
            continue
        ends = periods.last_day(followed.end)
        if ends <= until and (ends > since or followed.open):
            found.append((action, followed))
    return sorted(found, key=lambda pair: (periods.last_day(pair[1].end), pair[0].id))


def late(project: Project, state: RoadmapState, today: str) -> list[tuple[Action, Follow]]:
    by_id = proposals_by_id(project)
    return [(a, f) for a in state.ordered_actions() if (f := follow(a, by_id, today)).late]


# The actions as rows, for the minutes' actions table and the convention -------------------------------------
@dataclass(frozen=True)
class ActionRow:
    what: str
    who: str  # the referent: a person, or a structure
    structure: str  # the referent's structure
    by_when: str  # the end, as people read it
    state: str  # as the tracker words it
    late: bool
    pilot: bool
    proposal_id: int  # the retained proposal it carries (the same item in the proposals' rows)
    action_id: int
    item_id: int  # the roadmap's agenda item


def action_rows(project: Project, day: str, workshop_id: int | None = None) -> list[ActionRow]:
    """Every action of the roadmap as it stood on `day` (pilot subjects first): what, who,
    which structure, by when, in what state. With `workshop_id`, the roadmap as it stood at
    the end of that workshop; else the latest one worked on by `day`."""
    state = latest(project, workshop_id) if workshop_id is not None else _latest_by_day(project, day)
    if state is None:
        return []
    by_id = proposals_by_id(project)
    people = {p.id: p for p in project.participants()}
    structures = {s.id: s.name for s in project.structures()}
    rows = []
    for action in state.ordered_actions():
        followed = follow(action, by_id, day, as_of=day)
        who, structure = referent_names(followed.referent, people, structures)
        rows.append(
            ActionRow(
                what=action.text,
                who=who,
                structure=structure,
                by_when=periods.format_date(followed.end) or MISSING,
                state=state_label(followed),
                late=followed.late,
                pilot=action.pilot,
                proposal_id=action.proposal_id if not followed.proposal_gone else 0,
                action_id=action.id,
                item_id=state.item_id,
            )
        )
    return rows


def _latest_by_day(project: Project, day: str) -> RoadmapState | None:
    dated = [w for w in project.workshops() if (w.date or "") <= day]
    return latest(project, dated[-1].id) if dated else None


def referent_names(referent: Referent, people: dict[int, Participant], structures: dict[int, str]) -> tuple[str, str]:
    """(who, their structure) of a referent: a person and their structure, or a structure alone."""
    if referent.participant_id:
        person = people.get(referent.participant_id)
        if person is None:
            return t("proposals.person_removed"), MISSING
        return person.name, structures.get(person.structure_id, MISSING)
    if referent.structure_id:
        name = structures.get(referent.structure_id, MISSING)
        return name, name
    return MISSING, MISSING
