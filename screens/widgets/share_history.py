"""Two shares, workshop after workshop, as horizontal bars with the threshold marked."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widget import Widget


@dataclass(frozen=True)
class HistoryRow:
    label: str  # the workshop (typed by a person: shown literally)
    first: float | None  # 0..1
    first_text: str
    second: float | None
    second_text: str


class ShareHistoryChart(Widget):
    """One line per workshop: its name, then the two shares as bars."""

    DEFAULT_CSS = """
    ShareHistoryChart { height: auto; min-height: 1; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self.rows: list[HistoryRow] = []
        self.threshold = 60
        self.legend = ("", "")
        self.empty_text = ""

    def set_history(self, rows: list[HistoryRow], threshold: int, legend: tuple[str, str], empty_text: str) -> None:
        self.rows, self.threshold, self.legend, self.empty_text = rows, threshold, legend, empty_text
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:  # noqa: ANN001
        return max(1, len(self.rows) + 1)

    def _bar(self, fraction: float | None, width: int, style: str) -> list[tuple[str, str]]:
        if width <= 0:
            return []
        filled = round((fraction or 0.0) * width)
        mark = min(width - 1, round(self.threshold / 100 * width))
        return [
            ("┃", "bold $warning") if c == mark else (("█", style) if c < filled else ("·", "$text-muted"))
            for c in range(width)
        ]

    def render(self) -> Content:
        if not self.rows:
            return Content(self.empty_text)
        width = max(1, self.size.width)
        label_width = max(4, min(24, width // 4))
        text_width = 6
        bar_width = max(0, (width - label_width - 2 * text_width - 3) // 2)
        lines: list[Content] = [
            Content.assemble(
                (" " * label_width + " ", ""),
                ("■ ", "$accent"),
                (self.legend[0], "$text-muted"),
                ("  ■ ", "$success"),
                (self.legend[1], "$text-muted"),
            )
        ]
        for row in self.rows:
            label = row.label if len(row.label) <= label_width else row.label[: label_width - 1] + "…"
            lines.append(
                Content.assemble(
                    (label.ljust(label_width) + " ", ""),
                    *self._bar(row.first, bar_width, "$accent"),
                    (row.first_text.rjust(text_width) + " ", "bold"),
                    *self._bar(row.second, bar_width, "$success"),
                    (row.second_text.rjust(text_width), "bold"),
                )
            )
        return Content("\n").join(lines)
