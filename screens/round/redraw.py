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
    # Textual's `get_height` is documented to take "the widget's styles object", as its own
    # Widget passes it; its annotation names RulesMap, the TypedDict of style rules, instead.
    rules = widget.styles
    same = (
        before is not None
        and width > 0
        and before.get_height(rules, width) == content.get_height(rules, width)  # type: ignore[arg-type]
    )
    widget.update(content, layout=not same)
