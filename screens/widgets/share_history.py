"""A stacked bar per line (a workshop, a period), each with its own threshold marked.

Same glyphs as `StackedGauge`, so the history reads like the gauge above it and
without colour; each line ends with its figures in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content
from textual.widget import Widget

from screens.widgets.gauge import THRESHOLD_MARK, Segment, segment_widths

if TYPE_CHECKING:
    from textual.geometry import Size


@dataclass(frozen=True)
class HistoryRow:
    label: str  # the workshop (typed by a person: shown literally)
    segments: tuple[Segment, ...]
    threshold: int  # percent, the one in force on that line's date
    text: str  # the figures in words


class ShareHistoryChart(Widget):
    """Two lines per workshop: its name and its stacked bar, then its figures in words.

    The glyphs are those of the gauge above (whose legend explains them). Lines are
    cut to the width, never wrapped, so each workshop keeps its two lines.
    """

    DEFAULT_CSS = """
    ShareHistoryChart { height: auto; min-height: 1; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[HistoryRow] = []
        self.empty_text = ""

    def set_history(self, rows: list[HistoryRow], empty_text: str) -> None:
        self.rows, self.empty_text = rows, empty_text
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 2 * len(self.rows) if self.rows else 1

    @staticmethod
    def bar(row: HistoryRow, width: int) -> list[tuple[str, str]]:
        if width <= 0:
            return []
        widths = segment_widths([s.count for s in row.segments], width)
        cells: list[tuple[str, str]] = []
        for segment, wide in zip(row.segments, widths, strict=True):
            cells += [(segment.glyph, segment.style)] * wide
        cells += [(" ", "")] * (width - len(cells))
        mark = min(width - 1, max(0, round(row.threshold / 100 * width)))
        cells[mark] = (THRESHOLD_MARK, "bold $warning")
        return cells

    def render(self) -> Content:
        if not self.rows:
            return Content(self.empty_text)
        width = max(1, self.size.width)
        label_width = max(4, min(28, width // 3))
        bar_width = max(0, width - label_width - 1)
        lines: list[Content] = []
        for row in self.rows:
            label = row.label if len(row.label) <= label_width else row.label[: label_width - 1] + "…"
            lines.append(Content.assemble((label.ljust(label_width) + " ", "bold"), *self.bar(row, bar_width)))
            lines.append(Content.assemble("  ", (row.text, "$text-muted")).truncate(width, ellipsis=True))
        return Content("\n").join(lines)
