"""A share against a threshold, large enough to read from the back of a room.

`ShareGauge.show(GaugeReading(...))` updates it; the widget knows nothing of what
is measured, so any feature with "a share against a threshold" can reuse it.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Digits, Static


@dataclass(frozen=True)
class GaugeReading:
    title: str
    big: str  # the share as shown ("67 %", "—")
    fraction: float | None  # 0..1, for the bar; None when there is nothing to measure
    threshold: int  # percent
    verdict: str
    details: tuple[str, ...] = ()  # counts, and how they are counted
    reached: bool | None = None


class ThresholdBar(Widget):
    """A horizontal bar with the threshold marked on it."""

    DEFAULT_CSS = """
    ThresholdBar { height: 1; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self.fraction: float | None = None
        self.threshold = 60
        self.reached: bool | None = None

    def set_reading(self, fraction: float | None, threshold: int, reached: bool | None) -> None:
        self.fraction, self.threshold, self.reached = fraction, threshold, reached
        self.refresh()

    def render(self) -> Content:
        width = max(1, self.size.width)
        filled = round((self.fraction or 0.0) * width)
        mark = min(width - 1, max(0, round(self.threshold / 100 * width)))
        colour = "$success" if self.reached else ("$error" if self.reached is False else "$text-muted")
        parts: list[tuple[str, str]] = []
        for column in range(width):
            if column == mark:
                parts.append(("┃", "bold $warning"))
            elif column < filled:
                parts.append(("█", colour))
            else:
                parts.append(("░", "$text-muted"))
        return Content.assemble(*parts)


class ShareGauge(Vertical):
    DEFAULT_CSS = """
    ShareGauge { height: auto; padding: 0 1; border: round $primary; }
    ShareGauge > .gauge-title { text-style: bold; color: $accent; }
    ShareGauge > Digits { width: auto; }
    ShareGauge > .gauge-verdict { text-style: bold; }
    ShareGauge.-reached > .gauge-verdict { color: $success; }
    ShareGauge.-below > .gauge-verdict { color: $error; }
    ShareGauge > .gauge-detail { color: $text-muted; }
    ShareGauge.-compact { border: none; padding: 0 1; }
    ShareGauge.-compact > Digits { display: none; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self.reading: GaugeReading | None = None

    def compose(self) -> ComposeResult:
        yield Static(classes="gauge-title", markup=False)
        yield Digits("—")
        yield ThresholdBar()
        yield Static(classes="gauge-verdict", markup=False)

    def show(self, reading: GaugeReading) -> None:
        self.reading = reading
        # The title line carries the share too: on a small screen the large digits are hidden.
        self.query_one(".gauge-title", Static).update(Content.assemble(reading.title, "  ", (reading.big, "bold $text")))
        self.query_one(Digits).update(reading.big)
        self.query_one(ThresholdBar).set_reading(reading.fraction, reading.threshold, reading.reached)
        self.query_one(".gauge-verdict", Static).update(Content(reading.verdict))
        self.set_class(reading.reached is True, "-reached")
        self.set_class(reading.reached is False, "-below")
        existing = list(self.query(".gauge-detail").results(Static))
        if len(existing) == len(reading.details):
            for widget, detail in zip(existing, reading.details):
                widget.update(Content(detail))
            return
        for old in existing:
            old.remove()
        for detail in reading.details:
            self.mount(Static(Content(detail), classes="gauge-detail", markup=False))
