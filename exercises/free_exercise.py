"""The free item: welcome, break, open discussion. Notes only, no round of its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop.exercise import Exercise
from workshop.minutes.blocks import Block

if TYPE_CHECKING:
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project


class FreeItem(Exercise):
    kind = "free"
    order = 0
    default_minutes = 15

    def minutes_section(self, project: Project, workshop: Workshop, item: AgendaItem) -> list[Block]:
        # The minutes builder writes every item's notes itself; a free item adds nothing.
        return []


EXERCISE = FreeItem()
