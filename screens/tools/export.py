"""Cockpit tool `x`: export the current workshop's minutes (.docx and .md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from screens.modals.export import ExportModal
    from workshop.project import Project


def open_export(project: Project, workshop_id: int, item_id: int) -> ExportModal:  # a ScreenFactory
    from screens.modals.export import ExportModal

    return ExportModal(project, workshop_id)
