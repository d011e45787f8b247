"""Cockpit tool `x`: export the current workshop's minutes (.docx and .md)."""

from __future__ import annotations

from screens.registry import CockpitTool, register_tool


def _open(project, workshop_id: int, item_id: int):  # a ScreenFactory
    from screens.modals.export import ExportModal

    return ExportModal(project, workshop_id)


register_tool(CockpitTool(key="x", action="export", label_key="export.tool", factory=_open, order=90))
