"""The fairness balance as the core sees it (`workshop.exercise`): its table, its minutes, its
part of the draft convention, and the structures it names."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from exercises import fairness_convention, fairness_minutes, item_state
from exercises.fairness import KIND, TABLE, FairnessState
from workshop.exercise import Exercise

if TYPE_CHECKING:
    from workshop.convention.parts import PartContent
    from workshop.minutes.blocks import Block
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project


class FairnessBalance(Exercise):
    kind = KIND
    order = 70
    default_minutes = 45
    state_table = TABLE
    state_type = FairnessState

    def minutes_section(self, project: Project, workshop: Workshop, item: AgendaItem) -> list[Block]:
        doc = item_state.load(project, TABLE, item.id)
        if doc is None:
            return []
        return fairness_minutes.section(project, workshop, FairnessState.from_doc(doc))

    def convention_parts(self, project: Project) -> list[PartContent]:
        return fairness_convention.convention_parts(project)

    def structure_guard(self, project: Project, structure_id: int) -> tuple[str, dict[str, Any]] | None:
        """A structure named in a balance is not removed from the project silently."""
        for doc in project.store.table(TABLE).all():
            state = FairnessState.from_doc(doc)
            named = {b.structure_id for b in state.brought} | {b.structure_id for b in state.benefits}
            named |= {a.structure_id for a in state.adjustments} | {int(k) for k in state.declared}
            if structure_id in named:
                return "fairness.error.structure_in_balance", {}
        return None


EXERCISE = FairnessBalance()
