"""The stakeholders' section of the minutes: who, what is at stake, how to mobilise, the map."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from exercises.stakeholders import (
    Quadrant,
    Stakeholder,
    StakeholdersState,
    display_name,
    participation_label,
    structures_by_id,
    support_label,
)
from exercises.stakeholders_map import by_quadrant, grid_rows, unplaced
from workshop.i18n import t
from workshop.minutes.blocks import Block, Heading, Paragraph, Run, bullets, table

if TYPE_CHECKING:
    from workshop.project import Project

MOBILISE_MARK = "★"


def minutes_blocks(project: Project, state: StakeholdersState) -> list[Block]:
    if not state.stakeholders:
        return [Paragraph.of(Run(t("stakeholders.minutes.empty"), italic=True))]
    structures = structures_by_id(project)
    people = {p.id: p.name for p in project.participants()}

    def name(stakeholder: Stakeholder) -> str:
        return display_name(stakeholder, structures)

    def marked(stakeholder: Stakeholder) -> str:
        return f"{name(stakeholder)} {MOBILISE_MARK}" if stakeholder.to_mobilise else name(stakeholder)

    blocks: list[Block] = [Heading(3, t("stakeholders.minutes.list"))]
    rows = []
    for number, stakeholder in enumerate(state.stakeholders, start=1):
        proposers = ", ".join(people[p] for p in stakeholder.proposed_by if p in people)
        rows.append(
            [
                str(number),
                marked(stakeholder),
                t(f"stakeholders.category.{stakeholder.category}"),
                _rating(stakeholder.motivation),
                _rating(stakeholder.contribution),
                proposers,
            ]
        )
    header = ["col_number", "col_name", "col_category", "col_motivation", "col_contribution", "col_proposed_by"]
    blocks.append(table([t(f"stakeholders.minutes.{h}") for h in header], rows))
    if any(s.to_mobilise for s in state.stakeholders):
        blocks.append(Paragraph.of(Run(t("stakeholders.minutes.mark_legend", mark=MOBILISE_MARK), italic=True)))

    stakes = [[name(s), s.stakes, s.losses, s.gains] for s in state.stakeholders if s.characterised]
    blocks.append(Heading(3, t("stakeholders.minutes.stakes")))
    if stakes:
        header = ["col_name", "col_stakes", "col_losses", "col_gains"]
        blocks.append(table([t(f"stakeholders.minutes.{h}") for h in header], stakes))
    else:
        blocks.append(Paragraph.of(Run(t("stakeholders.minutes.no_stakes"), italic=True)))

    mobilising = [
        [name(s), support_label(s), s.contact, participation_label(s)]
        for s in state.stakeholders
        if s.supports or s.support_note or s.contact or s.participation or s.participation_note
    ]
    blocks.append(Heading(3, t("stakeholders.minutes.how")))
    if mobilising:
        header = ["col_name", "col_support", "col_contact", "col_participation"]
        blocks.append(table([t(f"stakeholders.minutes.{h}") for h in header], mobilising))
    else:
        blocks.append(Paragraph.of(Run(t("stakeholders.minutes.no_how"), italic=True)))

    blocks += map_blocks(state, marked)

    chosen = [s for s in state.stakeholders if s.to_mobilise]
    blocks.append(Heading(3, t("stakeholders.minutes.to_mobilise")))
    if chosen:
        lines = []
        for stakeholder in chosen:
            structure = structures.get(stakeholder.structure_id)
            if structure is None:
                status = t("stakeholders.minutes.not_in_project")
            elif structure.member:
                status = t("stakeholders.minutes.member")
            else:
                status = t("stakeholders.minutes.external")
            lines.append(t("stakeholders.minutes.mobilise_line", name=name(stakeholder), status=status))
        blocks.append(bullets(lines))
    else:
        blocks.append(Paragraph.of(Run(t("stakeholders.minutes.none_to_mobilise"), italic=True)))
    return blocks


def map_blocks(state: StakeholdersState, name_of: Callable[[Stakeholder], str]) -> list[Block]:
    """The map as a table (motivation down the rows, possible contribution across), then its reading."""
    blocks: list[Block] = [Heading(3, t("stakeholders.minutes.map"))]
    placed_count = sum(1 for s in state.stakeholders if s.rated)
    if not placed_count:
        return blocks + [Paragraph.of(Run(t("stakeholders.minutes.map_empty"), italic=True))]
    blocks.append(Paragraph.of(Run(t("stakeholders.minutes.map_caption"), italic=True)))
    header = [t("stakeholders.minutes.map_corner"), *[str(r) for r in range(1, 6)]]
    blocks.append(table(header, grid_rows(state, name_of)))
    readings = []
    for where, people in by_quadrant(state).items():
        if people:
            readings.append(t("stakeholders.minutes.quadrant_line", quadrant=_quadrant(where), names=", ".join(name_of(s) for s in people)))
    blocks.append(bullets(readings))
    waiting = unplaced(state)
    if waiting:
        names = ", ".join(name_of(s) for s in waiting)
        blocks.append(Paragraph.of(Run(t("stakeholders.minutes.unplaced"), bold=True), names))
    return blocks


def _quadrant(where: Quadrant) -> str:
    return t(f"stakeholders.quadrant.{where.value}")


def _rating(value: int) -> str:
    return str(value) if value else "—"
