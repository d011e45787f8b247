"""Qui fait quoi as the core sees it (`workshop.exercise`): its table, its minutes and annex,
its part of the draft convention, what it gives the synthesis, and the structures it holds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from exercises import matrix_convention, matrix_minutes
from exercises.matrix import TABLE, MatrixState
from workshop.exercise import Exercise

if TYPE_CHECKING:
    from workshop.convention.parts import PartContent
    from workshop.minutes.blocks import Block
    from workshop.minutes.outcomes import Outcomes
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project


class ResponsibilityMatrix(Exercise):
    kind = "matrix"
    state_table = TABLE
    state_type = MatrixState
    order = 40
    default_minutes = 45

    def minutes_section(self, project: Project, workshop: Workshop, item: AgendaItem) -> list[Block]:
        return matrix_minutes.minutes_blocks(project, item.id)

    def annex_section(self, project: Project, workshop: Workshop, item: AgendaItem) -> list[Block]:
        return matrix_minutes.annex_blocks(project, item.id)

    def convention_parts(self, project: Project) -> list[PartContent]:
        return matrix_convention.convention_parts(project)

    def outcomes(self, project: Project, workshop: Workshop, item: AgendaItem) -> Outcomes:
        return matrix_minutes.outcomes(project, item.id)

    def structure_guard(self, project: Project, structure_id: int) -> tuple[str, dict[str, Any]] | None:
        """A structure holding roles in a matrix is not removed from the project silently."""
        suffix = f":{structure_id}"
        for doc in project.store.table(TABLE).all():
            if any(key.endswith(suffix) for key in doc.get("cells", {})):
                return "matrix.error.structure_has_roles", {}
        return None


EXERCISE = ResponsibilityMatrix()
