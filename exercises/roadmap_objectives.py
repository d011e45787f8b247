"""Roadmap steps 3 and 4: the shared objectives, serving the adopted supra objective, and
the intermediate operational objectives each breaks down into."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from exercises import item_state
from exercises.roadmap import Objective, Operational, RoadmapState, clean, load, save
from workshop.errors import ValidationError

if TYPE_CHECKING:
    from workshop.project import Project


# Step 3: shared objectives, serving the supra objective --------------------------------------------
@dataclass(frozen=True)
class SupraLink:
    item_id: int
    text: str


def adopted_supra(project: Project, workshop_id: int) -> SupraLink | None:
    """The supra objective adopted in this workshop, or else in the latest earlier one."""
    try:
        from exercises import supra
    except ImportError:  # the supra exercise uninstalled
        return None
    for agenda_item in reversed(item_state.items_up_to(project, workshop_id, "supra")):
        if item_state.load(project, supra.TABLE, agenda_item.id) is None:
            continue
        found = supra.load(project, agenda_item.id)
        if found.adopted and found.adopted_version is not None:
            return SupraLink(agenda_item.id, found.versions[found.adopted_version].text)
    return None


def link_supra(project: Project, item_id: int) -> RoadmapState:
    """Tie the shared objectives to the supra objective adopted by now (kept as worded then)."""
    state = load(project, item_id)
    found = adopted_supra(project, state.workshop_id)
    if found is None:
        raise ValidationError("roadmap.error.no_supra")
    state.supra_item_id, state.supra_text = found.item_id, found.text
    return save(project, state)


def _shared_ids(state: RoadmapState, shared_ids: list[int]) -> list[int]:
    ids = list(dict.fromkeys(shared_ids))
    for shared_id in ids:
        state.shared_stake(shared_id)
    return ids


def _relink_supra(project: Project, state: RoadmapState) -> None:
    found = adopted_supra(project, state.workshop_id)
    if found is not None:
        state.supra_item_id, state.supra_text = found.item_id, found.text


def add_objective(project: Project, item_id: int, text: str, shared_ids: list[int] | None = None) -> Objective:
    state = load(project, item_id)
    objective = Objective(state.new_id(), clean(text), _shared_ids(state, shared_ids or []))
    state.objectives.append(objective)
    _relink_supra(project, state)
    save(project, state)
    return objective


def edit_objective(
    project: Project, item_id: int, objective_id: int, text: str | None = None, shared_ids: list[int] | None = None
) -> Objective:
    state = load(project, item_id)
    objective = state.objective(objective_id)
    if text is not None:
        objective.text = clean(text)
    if shared_ids is not None:
        objective.shared_ids = _shared_ids(state, shared_ids)
    _relink_supra(project, state)
    save(project, state)
    return objective


def remove_objective(project: Project, item_id: int, objective_id: int) -> RoadmapState:
    state = load(project, item_id)
    objective = state.objective(objective_id)
    below = state.operational_of(objective_id)
    if below:
        raise ValidationError("roadmap.error.objective_has_operational", text=objective.text, count=len(below))
    state.objectives = [o for o in state.objectives if o.id != objective_id]
    return save(project, state)


def move_objective(project: Project, item_id: int, objective_id: int, delta: int) -> RoadmapState:
    state = load(project, item_id)
    objective = state.objective(objective_id)
    index = state.objectives.index(objective)
    target = max(0, min(len(state.objectives) - 1, index + delta))
    state.objectives.insert(target, state.objectives.pop(index))
    return save(project, state)


# Step 4: intermediate operational objectives ---------------------------------------------------------
def add_operational(project: Project, item_id: int, objective_id: int, text: str) -> Operational:
    state = load(project, item_id)
    state.objective(objective_id)
    operational = Operational(state.new_id(), objective_id, clean(text))
    state.operational.append(operational)
    save(project, state)
    return operational


def edit_operational(
    project: Project, item_id: int, operational_id: int, text: str | None = None, objective_id: int | None = None
) -> Operational:
    """Reword an operational objective, or move it under another shared objective."""
    state = load(project, item_id)
    operational = state.operational_objective(operational_id)
    if text is not None:
        operational.text = clean(text)
    if objective_id is not None:
        state.objective(objective_id)
        operational.objective_id = objective_id
    save(project, state)
    return operational


def remove_operational(project: Project, item_id: int, operational_id: int) -> RoadmapState:
    state = load(project, item_id)
    operational = state.operational_objective(operational_id)
    below = state.actions_of(operational_id)
    if below:
        raise ValidationError("roadmap.error.operational_has_actions", text=operational.text, count=len(below))
    state.operational = [o for o in state.operational if o.id != operational_id]
    return save(project, state)
