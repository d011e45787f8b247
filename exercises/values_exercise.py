"""Shared values as the core sees it (`workshop.exercise`): its table, its minutes, its part of the
draft convention, and what it gives the synthesis."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises import values_convention, values_minutes
from exercises.values import KIND, TABLE, ValuesState
from workshop.exercise import Exercise

if TYPE_CHECKING:
    from workshop.convention.parts import PartContent
    from workshop.minutes.blocks import Block
    from workshop.minutes.outcomes import Outcomes
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project


class ValuesExercise(Exercise):
    kind = KIND
    state_table = TABLE
    state_type = ValuesState
    order = 10
    default_minutes = 45

    def minutes_section(self, project: Project, workshop: Workshop, item: AgendaItem) -> list[Block]:
        return values_minutes.section(project, item.id)

    def convention_parts(self, project: Project) -> list[PartContent]:
        return values_convention.convention_parts(project)

    def outcomes(self, project: Project, workshop: Workshop, item: AgendaItem) -> Outcomes:
        return values_minutes.outcomes(project, item.id)


EXERCISE = ValuesExercise()
