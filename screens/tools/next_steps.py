"""Cockpit tool `s`: the workshop's next steps, the next meeting and the minutes' details."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen

    from workshop.project import Project


def open_next_steps(project: Project, workshop_id: int, item_id: int) -> Screen:
    from screens.modals.next_steps import NextStepsModal

    return NextStepsModal(project, workshop_id)
