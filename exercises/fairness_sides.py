"""Fairness steps 1 and 2, the two sides of the balance: what each structure brings
(quantified where possible, or taken from the resources it provides to the roadmap's
actions) and what it gains (the benefits it named: its APT attractions, its stakes
in the roadmap; or typed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from exercises import item_state
from exercises.fairness import (
    MAX_TEXT,
    Benefit,
    BenefitSource,
    Brought,
    FairnessState,
    clean,
    load,
    save,
)
from exercises.means import check_kind, clean_text, parse_amount
from workshop.errors import ValidationError
from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.project import Project


# Step 1: what each structure brings -----------------------------------------------------------
def _brought(project: Project, structure_id: int, kind: str, amount: str, text: str) -> tuple[int, str, float | None, str]:
    project.structure(structure_id)
    kind = check_kind(kind)
    value, words = parse_amount(amount), clean_text(text)
    if value is None and not words:
        raise ValidationError("fairness.error.brought_empty")
    return structure_id, kind, value, words


def add_brought(project: Project, item_id: int, structure_id: int, kind: str, amount: str = "", text: str = "") -> Brought:
    sid, kind, value, words = _brought(project, structure_id, kind, amount, text)
    state = load(project, item_id)
    entry = Brought(kind, sid, value, words, id=state.new_id())
    state.brought.append(entry)
    save(project, state)
    return entry


def edit_brought(project: Project, item_id: int, entry_id: int, structure_id: int, kind: str, amount: str = "", text: str = "") -> Brought:
    sid, kind, value, words = _brought(project, structure_id, kind, amount, text)
    state = load(project, item_id)
    entry = state.brought_item(entry_id)
    entry.structure_id, entry.kind, entry.amount, entry.text = sid, kind, value, words
    save(project, state)
    return entry


def remove_brought(project: Project, item_id: int, entry_id: int) -> FairnessState:
    state = load(project, item_id)
    state.brought_item(entry_id)
    state.brought = [b for b in state.brought if b.id != entry_id]
    return save(project, state)


def importable_brought(project: Project, item_id: int) -> int:
    """How many of the roadmap's resources `import_brought` would add now."""
    from exercises.roadmap import latest

    state = load(project, item_id)
    plan = latest(project, state.workshop_id)
    if plan is None:
        return 0
    taken = {b.source_ref for b in state.brought if b.source_ref}
    return sum(
        1
        for action in plan.actions
        for index, resource in enumerate(action.resources)
        if resource.structure_id and f"roadmap:{plan.item_id}:{action.id}:{index}" not in taken
    )


def import_brought(project: Project, item_id: int) -> int:
    """What each structure provides to the roadmap's actions becomes what it brings; how many
    were added (each resource once)."""
    from exercises.roadmap import latest

    state = load(project, item_id)
    plan = latest(project, state.workshop_id)
    if plan is None:
        return 0
    taken = {b.source_ref for b in state.brought if b.source_ref}
    added = 0
    for action in plan.actions:
        for index, resource in enumerate(action.resources):
            ref = f"roadmap:{plan.item_id}:{action.id}:{index}"
            if not resource.structure_id or ref in taken:
                continue
            text = t("fairness.brought.for_action", text=resource.text, action=action.text) if resource.text else t(
                "fairness.brought.action_only", action=action.text
            )
            entry = Brought(resource.kind, resource.structure_id, resource.amount, text[:MAX_TEXT], id=state.new_id(), source_ref=ref)
            state.brought.append(entry)
            added += 1
    if added:
        save(project, state)
    return added


# Step 2: what each structure gains ----------------------------------------------------------------
def add_benefit(project: Project, item_id: int, structure_id: int, text: str) -> Benefit:
    project.structure(structure_id)
    state = load(project, item_id)
    entry = Benefit(state.new_id(), structure_id, clean(text))
    state.benefits.append(entry)
    save(project, state)
    return entry


def edit_benefit(project: Project, item_id: int, entry_id: int, text: str) -> Benefit:
    state = load(project, item_id)
    entry = state.benefit(entry_id)
    entry.text = clean(text)
    save(project, state)
    return entry


def remove_benefit(project: Project, item_id: int, entry_id: int) -> FairnessState:
    state = load(project, item_id)
    state.benefit(entry_id)
    state.benefits = [b for b in state.benefits if b.id != entry_id]
    return save(project, state)


@dataclass(frozen=True)
class NamedBenefit:
    structure_id: int
    text: str
    source: str
    source_ref: str


def named_benefits(project: Project, workshop_id: int) -> list[NamedBenefit]:
    """The benefits the structures named elsewhere, by this workshop: their attractions in the
    latest APT grid (a structure's own group, or what its people said), what is at stake for
    them and what they hope to gain in the latest stakeholders' sheets, their stakes in the
    latest roadmap."""
    found: list[NamedBenefit] = []
    found += _apt_attractions(project, workshop_id)
    found += _stakeholder_sheets(project, workshop_id)
    from exercises.roadmap import latest

    plan = latest(project, workshop_id)
    if plan is not None:
        for stake in plan.stakes:
            found.append(NamedBenefit(stake.structure_id, stake.text, BenefitSource.STAKE.value, f"stake:{plan.item_id}:{stake.id}"))
    return found


def _apt_attractions(project: Project, workshop_id: int) -> list[NamedBenefit]:
    try:
        from exercises import apt, apt_outputs
    except ImportError:
        return []
    for agenda_item in reversed(item_state.items_up_to(project, workshop_id, "apt")):
        if item_state.load(project, apt.TABLE, agenda_item.id) is None:
            continue
        grid = apt.state(project, agenda_item.id)
        found = []
        for objective in apt_outputs.objectives_plan(grid):
            entry = objective.item
            structure_id = grid.group(entry.group_id).structure_id or entry.structure_id or 0
            if structure_id:
                ref = f"apt:{agenda_item.id}:{entry.id}"
                found.append(NamedBenefit(structure_id, entry.text, BenefitSource.APT.value, ref))
        if found:
            return found
    return []


def _stakeholder_sheets(project: Project, workshop_id: int) -> list[NamedBenefit]:
    try:
        from exercises import stakeholders
    except ImportError:
        return []
    for agenda_item in reversed(item_state.items_up_to(project, workshop_id, "stakeholders")):
        doc = item_state.load(project, stakeholders.TABLE, agenda_item.id)
        if doc is None:
            continue
        sheets = [s for s in stakeholders.StakeholdersState.from_doc(doc).stakeholders if s.structure_id]
        found = []
        for sheet in sheets:
            for field_name in ("gains", "stakes"):
                text = getattr(sheet, field_name)
                if text:
                    ref = f"stakeholder:{agenda_item.id}:{sheet.id}:{field_name}"
                    found.append(NamedBenefit(sheet.structure_id, text, BenefitSource.STAKEHOLDER.value, ref))
        if sheets:
            return found
    return []


def importable_benefits(project: Project, item_id: int) -> int:
    """How many named benefits `import_benefits` would add now."""
    state = load(project, item_id)
    known = {project_structure.id for project_structure in project.structures()}
    taken = {b.source_ref for b in state.benefits if b.source_ref}
    return len({n.source_ref for n in named_benefits(project, state.workshop_id) if n.source_ref not in taken and n.structure_id in known})


def import_benefits(project: Project, item_id: int) -> int:
    """Take the benefits the structures named (APT attractions, stakeholders' sheets, roadmap
    stakes); how many were added."""
    state = load(project, item_id)
    known = {project_structure.id for project_structure in project.structures()}
    taken = {b.source_ref for b in state.benefits if b.source_ref}
    added = 0
    for named in named_benefits(project, state.workshop_id):
        if named.source_ref in taken or named.structure_id not in known:
            continue
        state.benefits.append(Benefit(state.new_id(), named.structure_id, named.text[:MAX_TEXT], named.source, named.source_ref))
        taken.add(named.source_ref)
        added += 1
    if added:
        save(project, state)
    return added
