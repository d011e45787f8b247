"""The minutes' section of the who-does-what matrix: the grid, its legend, what is
left to settle, the means and ways of working, and what each structure commits to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises.matrix import (
    Role,
    actors,
    cell_details,
    cell_text,
    check_text,
    checks,
    commitments_of,
    confirmation_status,
    legend,
    load,
)
from workshop.i18n import t
from workshop.minutes.blocks import Block, Paragraph, Run, bullets, table

if TYPE_CHECKING:
    from workshop.project import Project

ACTIVE = (Role.PILOT, Role.CONTRIBUTOR)


def minutes_blocks(project: Project, item_id: int) -> list[Block]:
    state = load(project, item_id)
    columns = actors(project, state)
    if not state.actions:
        return [Paragraph.of(Run(t("matrix.minutes.empty"), italic=True))]
    header = [t("matrix.minutes.col_action"), *[a.name for a in columns]]
    rows = [[action.label, *[cell_text(state.cell(action.id, a.id)) for a in columns]] for action in state.actions]
    blocks: list[Block] = [table(header, rows), Paragraph.of(Run(legend(), italic=True))]
    found = checks(state, columns)
    if found:
        blocks.append(Paragraph.of(Run(t("matrix.minutes.checks"), bold=True)))
        blocks.append(bullets([check_text(c, state, columns) for c in found]))
    else:
        blocks.append(Paragraph.of(Run(t("matrix.minutes.checks_ok"), bold=True)))
    blocks += _means(state, columns)
    blocks.append(Paragraph.of(Run(t("matrix.minutes.per_structure"), bold=True)))
    for actor in columns:
        status = confirmation_status(state, actor.id)
        mark = t(f"matrix.minutes.status_{status}") if status else t("matrix.minutes.status_unconfirmed")
        blocks.append(Paragraph.of(Run(actor.name, bold=True), t("matrix.minutes.actor_status", status=mark)))
        lines = [
            t("matrix.minutes.commitment", action=action.label, details=cell_details(state.cell(action.id, actor.id)))
            for role, _, action in commitments_of(state, actor.id)
            if role in ACTIVE
        ]
        others = [action.label for role, _, action in commitments_of(state, actor.id) if role not in ACTIVE]
        if others:
            lines.append(t("matrix.minutes.kept_informed", count=len(others)))
        blocks.append(bullets(lines) if lines else Paragraph.of(Run(t("matrix.minutes.no_role"), italic=True)))
    return blocks


def _means(state, columns) -> list[Block]:  # noqa: ANN001 - a MatrixState, its Actors
    """One row per cell whose means or relation to the pilot were said; how many
    pilots and contributors have not said theirs yet."""
    rows = []
    unsaid = 0
    for action in state.actions:
        for actor in columns:
            cell = state.cell(action.id, actor.id)
            if cell is None or (cell.role not in ACTIVE and not cell.means):
                continue
            if not cell.means and not cell.mode:
                unsaid += 1
                continue
            rows.append(
                [
                    action.label,
                    actor.name,
                    t(f"matrix.role.{cell.role}"),
                    t(f"matrix.mode.{cell.mode}") if cell.mode else "—",
                    ", ".join(t(f"matrix.means.{m}") for m in cell.means) or t("matrix.minutes.means_none"),
                ]
            )
    if not rows:
        return []
    header = [t(f"matrix.minutes.col_{c}") for c in ("action", "actor", "role", "mode", "means")]
    blocks: list[Block] = [Paragraph.of(Run(t("matrix.minutes.means"), bold=True)), table(header, rows)]
    if unsaid:
        blocks.append(Paragraph.of(Run(t("matrix.minutes.means_unsaid", count=unsaid), italic=True)))
    return blocks
