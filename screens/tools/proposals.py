"""The cockpit's "A" key: type an action proposal from whatever agenda item is running."""

from __future__ import annotations

from typing import TYPE_CHECKING

from screens.modals.proposal import ProposalModal

if TYPE_CHECKING:
    from textual.screen import Screen

    from workshop.project import Project


def open_proposal_entry(project: Project, workshop_id: int, item_id: int) -> Screen:
    return ProposalModal(project, workshop_id, item_id)
