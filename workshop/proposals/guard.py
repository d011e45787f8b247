"""A structure that made proposals, or carries one, cannot be removed: its
proposals would lose their author and the commitment its history.
Listed in `workshop.project.structure_guards`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workshop.project import Project


def proposals_guard(project: Project, structure_id: int) -> tuple[str, dict[str, Any]] | None:
    from workshop.proposals.tracker import TABLE

    authored = carried = 0
    for doc in project.store.table(TABLE).all():
        if doc.get("structure_id") == structure_id:
            authored += 1
        elif doc.get("referent_structure_id") == structure_id:
            carried += 1
    if authored:
        return "proposals.error.structure_authored", {"count": authored}
    if carried:
        return "proposals.error.structure_carries", {"count": carried}
    return None

