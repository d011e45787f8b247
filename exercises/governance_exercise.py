"""Gouvernance as the core sees it (`workshop.exercise`): its table, its minutes, its part of the
draft convention, what it gives the synthesis, and the structures that sit in its bodies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from exercises import governance_convention, governance_minutes
from exercises.governance import KIND, TABLE, GovernanceState, load
from workshop.exercise import Exercise

if TYPE_CHECKING:
    from workshop.convention.parts import PartContent
    from workshop.minutes.blocks import Block
    from workshop.minutes.outcomes import Outcomes
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project


class GovernanceExercise(Exercise):
    kind = KIND
    state_table = TABLE
    state_type = GovernanceState
    order = 45
    default_minutes = 60

    def minutes_section(self, project: Project, workshop: Workshop, item: AgendaItem) -> list[Block]:
        return governance_minutes.minutes_blocks(project, load(project, item.id))

    def outcomes(self, project: Project, workshop: Workshop, item: AgendaItem) -> Outcomes:
        return governance_minutes.outcomes(project, load(project, item.id))

    def convention_parts(self, project: Project) -> list[PartContent]:
        return governance_convention.convention_parts(project)

    def structure_guard(self, project: Project, structure_id: int) -> tuple[str, dict[str, Any]] | None:
        """A structure that sits in a body or leads the project is not removed from it silently."""
        for doc in project.store.table(TABLE).all():
            state = GovernanceState.from_doc(dict(doc))
            bodies = [b.name for b in state.bodies if structure_id in b.structures]
            if bodies:
                return "governance.error.structure_in_body", {"body": bodies[0]}
            if structure_id in (state.leader_structure, *state.team_structures):
                return "governance.error.structure_leads", {}
        return None


EXERCISE = GovernanceExercise()
