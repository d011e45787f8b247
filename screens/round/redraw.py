"""Updating a line of a round's screen without laying the whole screen out again.

A layout pass is most of what a key press costs in a round (DESIGN §6): a
line whose text changes but not its height only needs repainting.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


def redraw(widget: Static, content: Content, before: Content | None = None) -> None:
    """Show `content` in `widget`; lay out again only if its height changes."""
    if before is None:
        shown = widget.render()
        before = shown if isinstance(shown, Content) else None
    if before == content:
        return
    width = widget.content_region.width
    same = before is not None and width > 0 and before.get_height(widget.styles, width) == content.get_height(widget.styles, width)
    widget.update(content, layout=not same)
