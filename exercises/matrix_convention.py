"""What the who-does-what matrix brings to the draft convention: the parties' roles.

For each action, who pilots it, who contributes, who is consulted or informed;
then, party by party, what it commits to, in the matrix's own words (level,
led with or entrusted by the pilot, the means it puts in), the means it brings
across all its actions, and whether the party confirmed its roles in a workshop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises import item_state
from exercises.matrix import (
    TABLE,
    MatrixState,
    Means,
    Role,
    actors,
    cell_details,
    commitments_of,
    confirmation_status,
)
from workshop.convention.parts import Part, PartContent, items_of_kind
from workshop.i18n import t
from workshop.minutes.blocks import Block, Paragraph, Run, bullets, table

if TYPE_CHECKING:
    from workshop.project import Project


def convention_parts(project: Project) -> list[PartContent]:
    for item in reversed(items_of_kind(project, "matrix")):
        doc = item_state.load(project, TABLE, item.id)
        if doc is None:
            continue
        state = MatrixState.from_doc(doc)
        if not state.actions:
            continue
        found = [PartContent.of(Part.ROLES, _blocks(project, state), [item.id])]
        funding = _funding(project, state)
        if funding:
            # Who said it would fund which action: a start for the financial modalities, not their settlement.
            found.append(PartContent.of(Part.FINANCES, funding, [item.id], order=100, settles=False))
        return found
    return []


def _funding(project: Project, state: MatrixState) -> list[Block]:
    lines = []
    for actor in actors(project, state):
        funded = [a.label for a in state.actions if (cell := state.cell(a.id, actor.id)) is not None and Means.MONEY.value in cell.means]
        if funded:
            lines.append(t("matrix.convention.funding_line", name=actor.name, actions=" ; ".join(funded)))
    return [Paragraph.of(t("matrix.convention.funding_intro")), bullets(lines)] if lines else []


def _blocks(project: Project, state: MatrixState) -> list[Block]:
    columns = actors(project, state)
    rows = []
    for action in state.actions:
        by_role: dict[str, list[str]] = {role.value: [] for role in Role}
        for actor in columns:
            cell = state.cell(action.id, actor.id)
            if cell is not None:
                by_role[cell.role].append(actor.name)
        rows.append([action.label, *[", ".join(by_role[role.value]) or "—" for role in Role]])
    header = [t("matrix.minutes.col_action"), *[t(f"matrix.convention.col_{role.value}") for role in Role]]
    blocks: list[Block] = [Paragraph.of(t("matrix.convention.intro")), table(header, rows)]
    blocks.append(Paragraph.of(Run(t("matrix.convention.per_party"), bold=True)))
    for actor in columns:
        if not actor.member:
            continue
        status = confirmation_status(state, actor.id)
        mark = t("matrix.convention.confirmed") if status == "confirmed" else t("matrix.convention.to_confirm")
        blocks.append(Paragraph.of(Run(actor.name, bold=True), f" ({mark})"))
        lines = []
        for role, _cell, action in commitments_of(state, actor.id):
            cell = state.cell(action.id, actor.id)
            if role in (Role.PILOT, Role.CONTRIBUTOR) and cell is not None:
                lines.append(t("matrix.convention.commitment", action=action.label, details=cell_details(cell)))
        means = means_of(state, actor.id)
        if means:
            lines.append(t("matrix.convention.means", means=", ".join(t(f"matrix.means.{m}") for m in means)))
        blocks.append(bullets(lines) if lines else Paragraph.of(Run(t("matrix.convention.no_commitment"), italic=True)))
    return blocks


def means_of(state: MatrixState, structure_id: int) -> list[str]:
    """Every means a structure puts into the actions it takes part in, in the matrix's order."""
    found: set[str] = set()
    for action in state.actions:
        cell = state.cell(action.id, structure_id)
        if cell is not None:
            found.update(cell.means)
    return [m.value for m in Means if m.value in found]
