"""Horizontal bars, one per option, sized to the width available."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widget import Widget

from screens.round.text import literal
from workshop.rounds import OptionResult
from workshop.rounds.minutes import format_count, format_share

if TYPE_CHECKING:
    from textual.geometry import Size


class ResultBars(Widget):
    DEFAULT_CSS = """
    ResultBars { height: auto; }
    """

    def __init__(self, options: list[OptionResult], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.options = options

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 2 * len(self.options)

    def render(self) -> Content:
        width = max(1, self.size.width)
        top = max((o.count for o in self.options), default=0)
        lines: list[Content] = []
        for option in self.options:
            figures = f" {format_count(option.count)} · {format_share(option.share)}"
            room = max(1, width - len(figures) - 1)
            cells = round(room * option.count / top) if top else 0
            lines.append(literal(option.label, "bold"))
            lines.append(Content.assemble(("█" * cells, "$success"), ("▏" if not cells else "", "$success"), figures))
        return Content("\n").join(lines)
