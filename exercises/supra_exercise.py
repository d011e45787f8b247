"""The supra objective as the core sees it (`workshop.exercise`): its table and what a state must
hold, its minutes, its part of the draft convention, and what it gives the synthesis."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises import supra_convention, supra_minutes
from exercises.supra import TABLE, SupraState
from workshop.exercise import Exercise

if TYPE_CHECKING:
    from workshop.convention.parts import PartContent
    from workshop.minutes.blocks import Block
    from workshop.minutes.outcomes import Outcomes
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project


class SupraObjective(Exercise):
    kind = "supra"
    state_table = TABLE
    state_type = SupraState
    order = 30
    default_minutes = 45

    def state_problems(self, state: object) -> list[str]:
        """The adopted version and each version put to consent are indexes into the versions."""
        if not isinstance(state, SupraState):  # validation passes what `state_type` read
            raise TypeError(f"a SupraState was expected, not {type(state).__name__}")
        count = len(state.versions)
        found = []
        if state.adopted_version is not None and not 0 <= state.adopted_version < count:
            found.append("adopted_version")
        found += [f"consents[{i}].version" for i, c in enumerate(state.consents) if not 0 <= c.version < count]
        return found

    def minutes_section(self, project: Project, workshop: Workshop, item: AgendaItem) -> list[Block]:
        return supra_minutes.minutes_blocks(project, item.id, workshop.date or None)

    def convention_parts(self, project: Project) -> list[PartContent]:
        return supra_convention.convention_parts(project)

    def outcomes(self, project: Project, workshop: Workshop, item: AgendaItem) -> Outcomes:
        return supra_minutes.outcomes(project, item.id)


EXERCISE = SupraObjective()
