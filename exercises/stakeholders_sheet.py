"""One stakeholder's sheet: what is at stake for it, what it could bring, its ratings, and
its joining the project as an external actor once marked to mobilise (seed 003)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from exercises.stakeholders import (
    RATINGS,
    Category,
    Participation,
    Stakeholder,
    StakeholdersState,
    Support,
    clean_name,
    clean_text,
    display_name,
    load,
    refuse_duplicate,
    save,
    structures_by_id,
)
from workshop.errors import ValidationError
from workshop.model import StructureKind
from workshop.names import name_key

if TYPE_CHECKING:
    from workshop.model import Structure
    from workshop.project import Project


# Characterise ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Sheet:
    """What the characterisation form holds for one stakeholder."""

    name: str
    kind: str
    stakes: str = ""
    losses: str = ""
    gains: str = ""
    supports: tuple[str, ...] = ()
    support_note: str = ""
    contact: str = ""
    participation: str = ""
    participation_note: str = ""
    motivation: int = 0
    contribution: int = 0
    to_mobilise: bool = False

    @classmethod
    def of(cls, stakeholder: Stakeholder, structures: dict[int, Structure]) -> Sheet:
        return cls(
            display_name(stakeholder, structures),
            stakeholder.kind,
            stakeholder.stakes,
            stakeholder.losses,
            stakeholder.gains,
            tuple(stakeholder.supports),
            stakeholder.support_note,
            stakeholder.contact,
            stakeholder.participation,
            stakeholder.participation_note,
            stakeholder.motivation,
            stakeholder.contribution,
            stakeholder.to_mobilise,
        )


def describe(project: Project, item_id: int, stakeholder_id: int, sheet: Sheet) -> Stakeholder:
    """Save the whole characterisation of one stakeholder; nothing is saved if one field is refused."""
    state = load(project, item_id)
    current = state.stakeholder(stakeholder_id)
    structures = structures_by_id(project)
    changed, name = _described(state, current, sheet, structures)
    linked = structures.get(current.structure_id)
    if linked is not None and project.structure_name_taken(name, exclude_id=linked.id):
        raise ValidationError("stakeholders.error.duplicate", name=name)
    with project.batch():
        if linked is not None and linked.name != name:
            # A structure of the project: renaming it here renames it everywhere.
            project.update_structure(current.structure_id, name=name)
        if linked is None:
            changed = replace(changed, name=name)
        save(project, replace(state, stakeholders=[changed if s.id == stakeholder_id else s for s in state.stakeholders]))
    return changed


def add_described(project: Project, item_id: int, sheet: Sheet) -> Stakeholder:
    """A potential partner with its whole sheet, saved in one go (or not at all)."""
    state = load(project, item_id)
    blank = Stakeholder(state.next_id, "")
    added, name = _described(state, blank, sheet, structures_by_id(project))
    added = replace(added, name=name)
    save(project, replace(state, stakeholders=[*state.stakeholders, added], next_id=added.id + 1))
    return added


def _described(state: StakeholdersState, current: Stakeholder, sheet: Sheet, structures: dict[int, Structure]) -> tuple[Stakeholder, str]:
    """The stakeholder as the sheet describes it, every field checked first; and its clean name."""
    name = clean_name(sheet.name)
    refuse_duplicate(state, name, structures, exclude=current.id)
    # The texts, checked in the order the guide asks them.
    stakes, losses, gains = clean_text(sheet.stakes), clean_text(sheet.losses), clean_text(sheet.gains)
    support_note, contact = clean_text(sheet.support_note), clean_text(sheet.contact)
    participation_note = clean_text(sheet.participation_note)
    chosen = {Support(x).value for x in sheet.supports}
    supports: list[str] = [s.value for s in Support if s.value in chosen]
    participation = Participation(sheet.participation).value if sheet.participation else ""
    changed = replace(
        current,
        kind=StructureKind(sheet.kind).value if sheet.kind else current.kind,
        supports=supports,
        participation=participation,
        motivation=_rating(sheet.motivation),
        contribution=_rating(sheet.contribution),
        to_mobilise=bool(sheet.to_mobilise),
        stakes=stakes,
        losses=losses,
        gains=gains,
        support_note=support_note,
        contact=contact,
        participation_note=participation_note,
    )
    return changed, name


def _rating(value: int | str | None) -> int:
    try:
        rating = int(value or 0)
    except (TypeError, ValueError):
        raise ValidationError("stakeholders.error.rating") from None
    if rating != 0 and rating not in RATINGS:
        raise ValidationError("stakeholders.error.rating")
    return rating


def rate(project: Project, item_id: int, stakeholder_id: int, motivation: int | None = None, contribution: int | None = None) -> Stakeholder:
    """Set a stakeholder's motivation and/or possible contribution (1–5, 0 clears)."""
    state = load(project, item_id)
    current = state.stakeholder(stakeholder_id)
    changed = replace(
        current,
        motivation=current.motivation if motivation is None else _rating(motivation),
        contribution=current.contribution if contribution is None else _rating(contribution),
    )
    save(project, replace(state, stakeholders=[changed if s.id == stakeholder_id else s for s in state.stakeholders]))
    return changed


def nudge(project: Project, item_id: int, stakeholder_id: int, axis: str, delta: int) -> Stakeholder:
    """One step up or down on an axis ('motivation' or 'contribution'); 0 is 'not rated'."""
    current = load(project, item_id).stakeholder(stakeholder_id)
    if axis not in ("motivation", "contribution"):
        raise ValidationError("stakeholders.error.rating")
    value = max(0, min(RATINGS[-1], getattr(current, axis) + delta))
    return rate(project, item_id, stakeholder_id, **{axis: value})


# Mobilise -----------------------------------------------------------------------------------
def set_mobilise(project: Project, item_id: int, stakeholder_id: int, on: bool) -> Stakeholder:
    state = load(project, item_id)
    changed = replace(state.stakeholder(stakeholder_id), to_mobilise=bool(on))
    save(project, replace(state, stakeholders=[changed if s.id == stakeholder_id else s for s in state.stakeholders]))
    return changed


@dataclass(frozen=True)
class Added:
    structure: Structure
    existed: bool  # a structure of that name was already in the project: linked, not added twice


def add_as_structure(project: Project, item_id: int, stakeholder_id: int) -> Added:
    """A stakeholder to mobilise joins the project as an external actor (or is linked to the
    structure of the same name when the project already has one)."""
    state = load(project, item_id)
    current = state.stakeholder(stakeholder_id)
    structures = structures_by_id(project)
    if current.structure_id in structures:
        raise ValidationError("stakeholders.error.already_structure", name=structures[current.structure_id].name)
    if not current.to_mobilise:
        raise ValidationError("stakeholders.error.not_to_mobilise", name=current.name)
    same = next((s for s in structures.values() if name_key(s.name) == name_key(current.name)), None)
    with project.batch():
        structure = same or project.add_structure(current.name, current.kind or StructureKind.OTHER.value, member=False)
        category = Category.MEMBER if structure.member else Category.EXTERNAL
        changed = replace(current, structure_id=structure.id, category=category.value, name=structure.name)
        save(project, replace(state, stakeholders=[changed if s.id == stakeholder_id else s for s in state.stakeholders]))
    return Added(structure, same is not None)
