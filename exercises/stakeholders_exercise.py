"""Parties prenantes as the core sees it (`workshop.exercise`): its table, its minutes and its
part of the draft convention."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises import stakeholders_convention, stakeholders_minutes
from exercises.stakeholders import KIND, TABLE, StakeholdersState, load
from workshop.exercise import Exercise

if TYPE_CHECKING:
    from workshop.convention.parts import PartContent
    from workshop.minutes.blocks import Block
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project


class StakeholdersExercise(Exercise):
    kind = KIND
    state_table = TABLE
    state_type = StakeholdersState
    order = 35
    default_minutes = 45

    def minutes_section(self, project: Project, workshop: Workshop, item: AgendaItem) -> list[Block]:
        return stakeholders_minutes.minutes_blocks(project, load(project, item.id))

    def convention_parts(self, project: Project) -> list[PartContent]:
        return stakeholders_convention.convention_parts(project)


EXERCISE = StakeholdersExercise()
