"""Attractions, fears, temptations as the core sees it (`workshop.exercise`): its table, its
minutes and annex, its part of the draft convention, and what it gives the synthesis."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises import apt_convention, apt_minutes, item_state
from exercises.apt import TABLE, AptState
from workshop.exercise import Exercise
from workshop.minutes.outcomes import Outcomes

if TYPE_CHECKING:
    from workshop.convention.parts import PartContent
    from workshop.minutes.blocks import Block
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project


class AptExercise(Exercise):
    kind = "apt"
    state_table = TABLE
    state_type = AptState
    order = 20
    default_minutes = 60

    def minutes_section(self, project: Project, workshop: Workshop, item: AgendaItem) -> list[Block]:
        data = item_state.load(project, TABLE, item.id)
        if data is None:
            return []
        return apt_minutes.section(project, AptState.from_dict(data))

    def convention_parts(self, project: Project) -> list[PartContent]:
        return apt_convention.convention_parts(project)

    def annex_section(self, project: Project, workshop: Workshop, item: AgendaItem) -> list[Block]:
        data = item_state.load(project, TABLE, item.id)
        return apt_minutes.annex(project, AptState.from_dict(data)) if data is not None else []

    def outcomes(self, project: Project, workshop: Workshop, item: AgendaItem) -> Outcomes:
        data = item_state.load(project, TABLE, item.id)
        return apt_minutes.outcomes(project, AptState.from_dict(data)) if data is not None else Outcomes()


EXERCISE = AptExercise()
