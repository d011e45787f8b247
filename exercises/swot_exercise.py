"""The SWOT diagnosis as the core sees it (`workshop.exercise`): its table, its minutes, and
the structures whose diagnosis it holds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from exercises import item_state, swot_minutes
from exercises.swot import TABLE, SwotState
from workshop.exercise import Exercise

if TYPE_CHECKING:
    from workshop.minutes.blocks import Block
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project


class SwotExercise(Exercise):
    kind = "swot"
    state_table = TABLE
    state_type = SwotState
    order = 5  # the diagnosis comes first (seeds 000, 001, 003)
    default_minutes = 50

    def minutes_section(self, project: Project, workshop: Workshop, item: AgendaItem) -> list[Block]:
        data = item_state.load(project, TABLE, item.id)
        if data is None:
            return []
        return swot_minutes.section(project, workshop, SwotState.from_dict(data))

    def structure_guard(self, project: Project, structure_id: int) -> tuple[str, dict[str, Any]] | None:
        """A structure whose diagnosis holds entries is not removed from the project silently."""
        for doc in project.store.table(TABLE).all():
            ids = {a.get("id") for a in doc.get("analyses", []) if a.get("structure_id") == structure_id}
            if ids and any(e.get("analysis_id") in ids for e in doc.get("entries", [])):
                return "swot.error.structure_analysed", {}
        return None


EXERCISE = SwotExercise()
