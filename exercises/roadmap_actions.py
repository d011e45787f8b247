"""Roadmap steps 5 to 9 and the milestones: the actions of the plan.

An action is new, or a retained action proposal taken from the commitment
tracker. A proposal carried by an action stays one item: its state is the
proposal's implementation status (read from the tracker, and changed through
it), its end the proposal's due date and its referent the proposal's. An action
of the roadmap's own keeps its state here, with a dated log, so that the state
on any past day can be told again (`roadmap_follow` reads where each stands).

Each action can also be a row of the who-does-what matrix (the link is kept, and
the row's pilot shown).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from exercises import item_state, periods
from exercises.means import Means, check_kind, clean_text, parse_amount
from exercises.roadmap import Action, Milestone, RoadmapState, clean, load, save
from workshop.errors import NotFound, ValidationError
from workshop.proposals import Proposal, Referent, Status
from workshop.typed_dates import check_date

if TYPE_CHECKING:
    from workshop.project import Project



# Step 5: actions per operational objective -------------------------------------------------------
def add_action(project: Project, item_id: int, operational_id: int, text: str) -> Action:
    """A new action of the roadmap's own, under an operational objective."""
    state = load(project, item_id)
    state.operational_objective(operational_id)
    action = Action(state.new_id(), operational_id, clean(text))
    state.actions.append(action)
    save(project, state)
    return action


def available_proposals(project: Project, state: RoadmapState) -> list[Proposal]:
    """The retained proposals no action of this roadmap carries yet."""
    from workshop.proposals import proposals

    taken = {a.proposal_id for a in state.actions if a.proposal_id}
    return [p for p in proposals(project) if p.retained and p.id not in taken]


def take_proposal(project: Project, item_id: int, operational_id: int, proposal_id: int) -> Action:
    """A retained proposal becomes an action of the plan: one item, followed in the tracker."""
    from workshop.proposals import proposal

    state = load(project, item_id)
    state.operational_objective(operational_id)
    found = proposal(project, proposal_id)
    if not found.retained:
        raise ValidationError("roadmap.error.proposal_not_retained", number=proposal_id)
    carrier = next((a for a in state.actions if a.proposal_id == proposal_id), None)
    if carrier is not None:
        raise ValidationError("roadmap.error.proposal_taken", number=proposal_id, text=carrier.text)
    action = Action(state.new_id(), operational_id, clean(found.text[:500]), proposal_id=proposal_id)
    row = next((r for r in matrix_rows(project, state.workshop_id) if r.proposal_id == proposal_id), None)
    if row is not None:
        action.matrix_item_id, action.matrix_action_id = row.item_id, row.action_id
    state.actions.append(action)
    save(project, state)
    return action


def edit_action(project: Project, item_id: int, action_id: int, text: str | None = None, operational_id: int | None = None) -> Action:
    """Reword an action (one carrying a proposal keeps the proposal's wording in the tracker),
    or move it under another operational objective."""
    state = load(project, item_id)
    action = state.action(action_id)
    if text is not None:
        action.text = clean(text)
    if operational_id is not None:
        state.operational_objective(operational_id)
        action.operational_id = operational_id
    save(project, state)
    return action


def remove_action(project: Project, item_id: int, action_id: int) -> RoadmapState:
    """The action leaves the plan; a proposal it carried stays in the tracker as it is."""
    state = load(project, item_id)
    state.action(action_id)
    state.actions = [a for a in state.actions if a.id != action_id]
    return save(project, state)


def set_pilot(project: Project, item_id: int, action_id: int, pilot: bool) -> Action:
    """Mark a pilot subject: launched first to show what the cooperation can do; listed first."""
    state = load(project, item_id)
    action = state.action(action_id)
    action.pilot = bool(pilot)
    save(project, state)
    return action


# Step 6: skills -------------------------------------------------------------------------------------
def set_skills(project: Project, item_id: int, action_id: int, text: str) -> Action:
    state = load(project, item_id)
    action = state.action(action_id)
    action.skills = clean(text, empty_key="")
    save(project, state)
    return action


# Step 7: resources and means --------------------------------------------------------------------------
def _means(project: Project, kind: str, structure_id: int, amount: str, text: str) -> Means:
    if structure_id:
        project.structure(structure_id)
    means = Means(check_kind(kind), structure_id, parse_amount(amount), clean_text(text))
    if means.amount is None and not means.text:
        raise ValidationError("roadmap.error.means_empty")
    return means


def add_resource(project: Project, item_id: int, action_id: int, kind: str, structure_id: int = 0, amount: str = "", text: str = "") -> Action:
    """A resource the action needs: its kind, who provides it, how much, in words."""
    means = _means(project, kind, structure_id, amount, text)
    state = load(project, item_id)
    action = state.action(action_id)
    action.resources.append(means)
    save(project, state)
    return action


def edit_resource(
    project: Project, item_id: int, action_id: int, index: int, kind: str, structure_id: int = 0, amount: str = "", text: str = ""
) -> Action:
    means = _means(project, kind, structure_id, amount, text)
    state = load(project, item_id)
    action = state.action(action_id)
    if not 0 <= index < len(action.resources):
        raise ValidationError("roadmap.error.no_resource")
    action.resources[index] = means
    save(project, state)
    return action


def remove_resource(project: Project, item_id: int, action_id: int, index: int) -> Action:
    state = load(project, item_id)
    action = state.action(action_id)
    if not 0 <= index < len(action.resources):
        raise ValidationError("roadmap.error.no_resource")
    del action.resources[index]
    save(project, state)
    return action


def take_matrix_means(project: Project, item_id: int, action_id: int) -> int:
    """The means each actor puts into the action's row of the who-does-what (staff time,
    money, premises, skills) become the action's resources, with who provides them; the
    amounts are the room's to add. Each once; how many were added."""
    from exercises import matrix

    state = load(project, item_id)
    action = state.action(action_id)
    if not action.matrix_item_id:
        raise ValidationError("roadmap.error.not_in_matrix")
    grid = matrix.load(project, action.matrix_item_id)
    row = next((r for r in grid.actions if r.id == action.matrix_action_id), None)
    if row is None:
        raise ValidationError("roadmap.error.no_matrix_row")
    known = {(m.kind, m.structure_id) for m in action.resources}
    added = 0
    for actor in matrix.actors(project, grid):
        cell = grid.cell(row.id, actor.id)
        for kind in cell.means if cell is not None else []:
            if (check_kind(kind), actor.id) not in known:
                action.resources.append(Means(kind, actor.id))
                known.add((kind, actor.id))
                added += 1
    if added:
        save(project, state)
    return added


# Step 8: external partners -------------------------------------------------------------------------------
def partner_choices(project: Project) -> list[tuple[int, str]]:
    """(structure id, name) of the actors outside the cooperation: the matrix's external actors."""
    return [(s.id, s.name) for s in project.structures() if not s.member]


def set_partners(project: Project, item_id: int, action_id: int, structure_ids: list[int]) -> Action:
    ids = list(dict.fromkeys(structure_ids))
    for structure_id in ids:
        structure = project.structure(structure_id)
        if structure.member:
            raise ValidationError("roadmap.error.partner_is_member", name=structure.name)
    state = load(project, item_id)
    action = state.action(action_id)
    action.partner_ids = ids
    save(project, state)
    return action


def add_partner(project: Project, item_id: int, action_id: int, name: str, kind: str = "other") -> Action:
    """A new external actor, added to the project (the matrix will offer it too) and to the action."""
    with project.batch():
        state = load(project, item_id)
        action = state.action(action_id)
        structure = project.add_structure(name, kind, member=False)
        action.partner_ids = [*action.partner_ids, structure.id]
        save(project, state)
    return action


# Step 9: calendar and referent -------------------------------------------------------------------------
def _retained_proposal(project: Project, action: Action) -> Proposal | None:
    """The retained proposal an action carries; None for an action of its own or one whose proposal went."""
    if not action.proposal_id:
        return None
    from workshop.proposals import proposal

    try:
        found = proposal(project, action.proposal_id)
    except NotFound:
        return None
    return found if found.retained else None


def set_calendar(project: Project, item_id: int, action_id: int, start: str, end: str, on: str = "") -> Action:
    """When the action starts and ends (a day, a month or a year); the end of an action
    carrying a retained proposal is the proposal's due date too."""
    from workshop.proposals import follow_up

    begins = periods.parse(start, "roadmap.error.start")
    ends = periods.parse(end, "roadmap.error.end")
    if not periods.in_order(begins, ends):
        raise ValidationError("roadmap.error.end_before_start", start=periods.format_date(begins), end=periods.format_date(ends))
    with project.batch():
        state = load(project, item_id)
        action = state.action(action_id)
        action.start, action.end = begins, ends
        carried = _retained_proposal(project, action)
        if carried is not None:
            follow_up(project, carried.id, due=periods.last_day(ends), on=on)
        save(project, state)
    return action


def set_referent(project: Project, item_id: int, action_id: int, referent: Referent, on: str = "") -> Action:
    """The person (or structure) who carries the action; the proposal's referent too."""
    from workshop.proposals import follow_up

    if referent.participant_id and referent.structure_id:
        raise ValidationError("proposals.error.one_referent")
    if referent.participant_id:
        project.participant(referent.participant_id)
    if referent.structure_id:
        project.structure(referent.structure_id)
    with project.batch():
        state = load(project, item_id)
        action = state.action(action_id)
        action.referent_participant_id, action.referent_structure_id = referent.participant_id, referent.structure_id
        carried = _retained_proposal(project, action)
        if carried is not None:
            follow_up(project, carried.id, referent=referent, on=on)
        save(project, state)
    return action


def set_status(project: Project, item_id: int, action_id: int, status: str, reason: str = "", on: str = "") -> Action:
    """Where the action stands. For an action carrying a proposal, the proposal's status is
    changed (in the tracker: one item); "dropped" needs a reason."""
    from workshop.proposals import follow_up

    value = Status(status).value
    why = clean(reason, empty_key="", limit=2000)
    state = load(project, item_id)
    action = state.action(action_id)
    if action.proposal_id:
        carried = _retained_proposal(project, action)
        if carried is None:
            raise ValidationError("roadmap.error.proposal_not_retained", number=action.proposal_id)
        follow_up(project, carried.id, status=value, reason=why if value == Status.DROPPED else "", on=on)
        return action
    if value == Status.DROPPED and not why:
        raise ValidationError("proposals.error.drop_reason_required")
    if value != action.status:
        action.log.append({"on": check_date(on) or project.today(), "status": value})
        action.status = value
    action.status_reason = why if value == Status.DROPPED else ""
    save(project, state)
    return action


# Linking to the who-does-what matrix --------------------------------------------------------------------
@dataclass(frozen=True)
class MatrixRow:
    item_id: int  # the matrix's agenda item
    action_id: int  # its row
    label: str
    pilot: str  # the name of the row's pilot ("" when none)
    proposal_id: int = 0


def matrix_rows(project: Project, workshop_id: int) -> list[MatrixRow]:
    """The rows of the latest who-does-what matrix of this workshop or an earlier one."""
    try:
        from exercises import matrix
    except ImportError:
        return []
    for agenda_item in reversed(item_state.items_up_to(project, workshop_id, "matrix")):
        if item_state.load(project, matrix.TABLE, agenda_item.id) is not None:
            rows = matrix_rows_of_item(project, agenda_item.id)
            if rows:
                return rows
    return []


def matrix_rows_of_item(project: Project, matrix_item_id: int) -> list[MatrixRow]:
    """The rows of one matrix, each with the name of its pilot."""
    from exercises import matrix

    names = {s.id: s.name for s in project.structures()}
    grid = matrix.load(project, matrix_item_id)
    rows = []
    for row in grid.actions:
        pilots = [
            names.get(actor.id, "")
            for actor in matrix.actors(project, grid)
            if (cell := grid.cell(row.id, actor.id)) is not None and cell.role == matrix.Role.PILOT
        ]
        proposal_id = row.source_id if row.source == "proposal" else 0
        rows.append(MatrixRow(matrix_item_id, row.id, row.label, ", ".join(p for p in pilots if p), proposal_id))
    return rows


def matrix_row_of(project: Project, action: Action) -> MatrixRow | None:
    """The matrix row an action is linked to, as the matrix reads now (None when gone)."""
    if not action.matrix_item_id:
        return None
    try:
        rows = matrix_rows_of_item(project, action.matrix_item_id)
    except NotFound:
        return None
    return next((r for r in rows if r.action_id == action.matrix_action_id), None)


def link_matrix_row(project: Project, item_id: int, action_id: int, matrix_item_id: int, matrix_action_id: int) -> Action:
    """Tie the action to a row of a who-does-what matrix; (0, 0) unties it."""
    state = load(project, item_id)
    action = state.action(action_id)
    if matrix_item_id:
        if project.agenda_item(matrix_item_id).kind != "matrix":
            raise ValidationError("roadmap.error.no_matrix_row")
        if not any(r.action_id == matrix_action_id for r in matrix_rows_of_item(project, matrix_item_id)):
            raise ValidationError("roadmap.error.no_matrix_row")
    action.matrix_item_id, action.matrix_action_id = (matrix_item_id, matrix_action_id) if matrix_item_id else (0, 0)
    save(project, state)
    return action


def add_to_matrix(project: Project, item_id: int, action_id: int) -> Action:
    """Add the action as a row of this workshop's who-does-what matrix, and link them.

    Only this workshop's matrix: an earlier workshop's minutes never change."""
    from exercises import matrix

    state = load(project, item_id)
    action = state.action(action_id)
    if action.matrix_item_id:
        raise ValidationError("roadmap.error.already_in_matrix")
    target = next((i for i in project.agenda(state.workshop_id) if i.kind == "matrix"), None)
    if target is None:
        raise ValidationError("roadmap.error.no_matrix_here")
    with project.batch():
        source, source_id = ("proposal", action.proposal_id) if action.proposal_id else ("typed", 0)
        row = matrix.add_action(project, target.id, action.text[: matrix.MAX_LABEL], source=source, source_id=source_id)
        action.matrix_item_id, action.matrix_action_id = target.id, row.id
        save(project, state)
    return action


# Milestones -----------------------------------------------------------------------------------------------
def _structure_ids(project: Project, structure_ids: list[int]) -> list[int]:
    ids = list(dict.fromkeys(structure_ids))
    for structure_id in ids:
        project.structure(structure_id)
    return ids


def add_milestone(project: Project, item_id: int, text: str, date: str, structure_ids: list[int] | None = None) -> Milestone:
    """A key milestone: what is reached, on which date, with which actors."""
    day = periods.parse(date, "roadmap.error.milestone_date")
    if not day:
        raise ValidationError("roadmap.error.milestone_needs_date")
    state = load(project, item_id)
    milestone = Milestone(state.new_id(), clean(text), day, _structure_ids(project, structure_ids or []))
    state.milestones.append(milestone)
    state.milestones.sort(key=lambda m: periods.first_day(m.date))
    save(project, state)
    return milestone


def edit_milestone(
    project: Project, item_id: int, milestone_id: int, text: str, date: str, structure_ids: list[int] | None = None
) -> Milestone:
    day = periods.parse(date, "roadmap.error.milestone_date")
    if not day:
        raise ValidationError("roadmap.error.milestone_needs_date")
    state = load(project, item_id)
    milestone = state.milestone(milestone_id)
    milestone.text, milestone.date = clean(text), day
    if structure_ids is not None:
        milestone.structure_ids = _structure_ids(project, structure_ids)
    state.milestones.sort(key=lambda m: periods.first_day(m.date))
    save(project, state)
    return milestone


def remove_milestone(project: Project, item_id: int, milestone_id: int) -> RoadmapState:
    state = load(project, item_id)
    state.milestone(milestone_id)
    state.milestones = [m for m in state.milestones if m.id != milestone_id]
    return save(project, state)


__all__ = [
    "MatrixRow",
    "add_action",
    "add_milestone",
    "add_partner",
    "add_resource",
    "add_to_matrix",
    "available_proposals",
    "edit_action",
    "edit_milestone",
    "edit_resource",
    "link_matrix_row",
    "matrix_row_of",
    "matrix_rows",
    "partner_choices",
    "remove_action",
    "remove_milestone",
    "remove_resource",
    "set_calendar",
    "set_partners",
    "set_pilot",
    "set_referent",
    "set_skills",
    "set_status",
    "take_matrix_means",
    "take_proposal",
]
