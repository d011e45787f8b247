"""What the who-does-what matrix brings to the draft convention: the parties' roles.

For each action, who pilots it, who contributes, who is consulted or informed;
then, party by party, what it commits to, with the means it brings when the
matrix records them, and whether the party confirmed its roles in a workshop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from exercises import item_state
from exercises.matrix import TABLE, MatrixState, Role, actors, commitments_of, confirmation_status
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
        return [PartContent.of(Part.ROLES, _blocks(project, state), [item.id])]
    return []


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
        lines = [
            t("matrix.convention.commitment", role=t(f"matrix.role.{role.value}"), action=action.label)
            for role, _level, action in commitments_of(state, actor.id)
            if role in (Role.PILOT, Role.CONTRIBUTOR)
        ]
        lines += [t("matrix.convention.means", means=means) for means in means_of(state, actor.id)]
        blocks.append(bullets(lines) if lines else Paragraph.of(Run(t("matrix.convention.no_commitment"), italic=True)))
    return blocks


def means_of(state: MatrixState, structure_id: int) -> list[str]:
    """The means of participation the matrix records for a structure (none when it records none)."""
    recorded: Any = getattr(state, "means", None)
    if not isinstance(recorded, dict):
        return []
    entry = recorded.get(str(structure_id)) or recorded.get(structure_id)
    if isinstance(entry, str):
        return [entry] if entry.strip() else []
    if isinstance(entry, (list, tuple)):
        return [str(e) for e in entry if str(e).strip()]
    return []
