"""Shares of one whole against a threshold, as one stacked bar readable from the back of a room.

`StackedGauge.show(StackedReading(...))` updates it. The widget knows nothing of
what is measured: a reading is a few headline shares (large digits and a line
each), the segments of the bar (count, glyph, label) and the threshold. Each
segment has its own glyph, so the bar reads without colour (a black-and-white
projector, a colour-blind participant); the legend repeats glyphs and counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Digits, Static

THRESHOLD_MARK = "┃"


@dataclass(frozen=True)
class Segment:
    count: int
    glyph: str  # one character, distinct from the other segments'
    label: str
    style: str = ""  # a colour on top of the glyph, never the only difference


@dataclass(frozen=True)
class Share:
    big: str  # the share as shown in large digits ("15 %", "—")
    line: str  # what it is and what is still due, one sentence
    reached: bool | None = None


@dataclass(frozen=True)
class StackedReading:
    title: str
    shares: tuple[Share, ...]
    segments: tuple[Segment, ...]
    threshold: int  # percent
    threshold_label: str  # the legend's words for the mark ("seuil 60 % : 24 sur 40")
    verdict: str
    reached: bool | None = None
    details: tuple[str, ...] = ()


def segment_widths(counts: list[int], width: int) -> list[int]:
    """Cells per segment, proportional to the counts, summing to `width` (largest
    remainder). A non-empty segment keeps at least one cell while the width allows."""
    total = sum(counts)
    if total <= 0 or width <= 0:
        return [0] * len(counts)
    exact = [count * width / total for count in counts]
    cells = [int(x) for x in exact]
    order = sorted(range(len(counts)), key=lambda i: exact[i] - cells[i], reverse=True)
    for i in order[: width - sum(cells)]:
        cells[i] += 1
    # A segment that exists must show, taken from the widest one.
    for i, count in enumerate(counts):
        if count and not cells[i]:
            widest = max(range(len(cells)), key=lambda j: cells[j])
            if cells[widest] > 1:
                cells[widest] -= 1
                cells[i] = 1
    return cells


class StackedBar(Widget):
    """One line: the segments side by side, the threshold marked across them."""

    DEFAULT_CSS = """
    StackedBar { height: 1; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.segments: tuple[Segment, ...] = ()
        self.threshold = 60

    def set_segments(self, segments: tuple[Segment, ...], threshold: int) -> None:
        self.segments, self.threshold = segments, threshold
        self.refresh()

    def cells(self, width: int) -> list[tuple[str, str]]:
        """The bar as (glyph, style) cells, the threshold mark included."""
        widths = segment_widths([s.count for s in self.segments], width)
        cells: list[tuple[str, str]] = []
        for segment, cells_wide in zip(self.segments, widths, strict=True):
            cells += [(segment.glyph, segment.style)] * cells_wide
        cells += [(" ", "")] * (width - len(cells))
        if width:
            mark = min(width - 1, max(0, round(self.threshold / 100 * width)))
            cells[mark] = (THRESHOLD_MARK, "bold $warning")
        return cells

    def render(self) -> Content:
        return Content.assemble(*self.cells(max(1, self.size.width)))


class StackedGauge(Vertical):
    DEFAULT_CSS = """
    StackedGauge { height: auto; padding: 0 1; border: round $primary; }
    StackedGauge > .gauge-title { text-style: bold; color: $accent; }
    StackedGauge > #gauge-shares { height: auto; }
    StackedGauge .gauge-share { width: 1fr; height: auto; padding-right: 2; }
    StackedGauge .gauge-share > Digits { width: auto; }
    StackedGauge .gauge-share.-reached > .gauge-line { color: $success; }
    StackedGauge .gauge-share.-below > .gauge-line { color: $error; }
    StackedGauge > .gauge-legend { color: $text-muted; }
    StackedGauge > .gauge-verdict { text-style: bold; }
    StackedGauge.-reached > .gauge-verdict { color: $success; }
    StackedGauge.-below > .gauge-verdict { color: $error; }
    StackedGauge > .gauge-detail { color: $text-muted; }
    StackedGauge.-compact { border: none; padding: 0 1; }
    StackedGauge.-compact > .gauge-title { display: none; }
    StackedGauge.-compact Digits { display: none; }
    StackedGauge.-compact > .gauge-detail { display: none; }
    """

    def __init__(self, shares: int = 2, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.share_count = shares
        self.reading: StackedReading | None = None

    def compose(self) -> ComposeResult:
        yield Static(classes="gauge-title", markup=False)
        yield Static(classes="gauge-verdict", markup=False)
        with Horizontal(id="gauge-shares"):
            for _ in range(self.share_count):
                with Vertical(classes="gauge-share"):
                    yield Digits("—")
                    yield Static(classes="gauge-line", markup=False)
        yield StackedBar()
        yield Static(classes="gauge-legend", markup=False)

    def show(self, reading: StackedReading) -> None:
        self.reading = reading
        self.query_one(".gauge-title", Static).update(Content(reading.title))
        self.query_one(".gauge-verdict", Static).update(Content(reading.verdict))
        self.set_class(reading.reached is True, "-reached")
        self.set_class(reading.reached is False, "-below")
        for box, share in zip(self.query(".gauge-share").results(Vertical), reading.shares, strict=True):
            box.set_class(share.reached is True, "-reached")
            box.set_class(share.reached is False, "-below")
            box.query_one(Digits).update(share.big)
            box.query_one(".gauge-line", Static).update(Content(share.line))
        self.query_one(StackedBar).set_segments(reading.segments, reading.threshold)
        legend = [Content.assemble((s.glyph, s.style), f" {s.label} {s.count}") for s in reading.segments if s.count]
        legend.append(Content.assemble((THRESHOLD_MARK, "bold $warning"), " " + reading.threshold_label))
        self.query_one(".gauge-legend", Static).update(Content("  ").join(legend))
        self._show_details(reading.details)

    def _show_details(self, details: tuple[str, ...]) -> None:
        existing = list(self.query(".gauge-detail").results(Static))
        if len(existing) == len(details):
            for widget, detail in zip(existing, details, strict=True):
                widget.update(Content(detail))
            return
        for old in existing:
            old.remove()
        for detail in details:
            self.mount(Static(Content(detail), classes="gauge-detail", markup=False))
