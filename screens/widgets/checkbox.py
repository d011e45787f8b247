"""Atelier's check box: `[x]` when ticked, `[ ]` when not, readable without colour.

Textual's own box always draws `▐X▌` and tells on from off by colour alone, which
a projector, a colour-blind reader or a black-and-white print loses. Every check
box of the app is this one (same name, same messages: `on_checkbox_changed`).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox as TextualCheckbox


class Checkbox(TextualCheckbox):
    DEFAULT_CSS = """
    Checkbox > .toggle--button { background: $panel; }
    Checkbox.-on > .toggle--button { background: $panel; color: $text-success; text-style: bold; }
    """

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        return Content.styled("[x]" if self.value else "[ ]", style)
