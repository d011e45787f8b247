"""Cockpit tool `x`: export the current workshop's minutes (.docx and .md)."""

from __future__ import annotations


def open_export(project, workshop_id: int, item_id: int):  # a ScreenFactory
    from screens.modals.export import ExportModal

    return ExportModal(project, workshop_id)
