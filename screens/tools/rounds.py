"""The cockpit's round tool (R): set up a free round on the current item, then run it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from screens.round.screen import RoundScreen
from screens.round.setup import RoundSetupModal

if TYPE_CHECKING:
    from workshop.project import Project


def open_round_tool(project: Project, workshop_id: int, item_id: int) -> RoundSetupModal:
    return RoundSetupModal(project, workshop_id, item_id, run=RoundScreen)
