"""A countdown in large digits, coloured as the end nears, red in overtime.

Feed it `workshop.timer.Reading` values (`show`); it keeps no time of its own,
so whoever owns the clock decides when it moves. It draws with Textual's
`Digits`; with `big` set (projection) and room to spare, it draws block digits
scaled to fill its space, readable from the back of a room.
"""

from __future__ import annotations

from textual.app import ComposeResult, RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Digits

from workshop.timer import Level, Reading

LEVEL_CLASSES = {level: f"-{level.value}" for level in Level}
BLANK = "--:--"

# 3 x 5 pixel glyphs ("#" lit); a pixel is drawn two cells wide, cells being about twice as tall as wide.
GLYPHS: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ":": (".", "#", ".", "#", "."),
    "+": ("...", ".#.", "###", ".#.", "..."),
    "-": ("...", "...", "###", "...", "..."),
}
GLYPH_HEIGHT = 5
MAX_SCALE = 12


def _glyph(char: str) -> tuple[str, ...]:
    return GLYPHS.get(char, ("...",) * GLYPH_HEIGHT)


def block_size(text: str, scale: int) -> tuple[int, int]:
    """(columns, rows) that `text` takes in block digits at `scale`."""
    pixels = sum(len(_glyph(char)[0]) for char in text) + max(0, len(text) - 1)
    return pixels * 2 * scale, GLYPH_HEIGHT * scale


def fit_scale(text: str, width: int, height: int) -> int:
    """The largest scale at which `text` fits in width x height; 0 when it does not fit at all."""
    scale = 0
    while scale < MAX_SCALE:
        columns, rows = block_size(text, scale + 1)
        if columns > width or rows > height:
            break
        scale += 1
    return scale


def block_lines(text: str, scale: int) -> list[str]:
    """`text` drawn in full blocks, each pixel 2*scale cells wide and scale rows tall."""
    lines: list[str] = []
    gap = " " * (2 * scale)
    for row in range(GLYPH_HEIGHT):
        cells = gap.join(
            "".join(("█" if pixel == "#" else " ") * (2 * scale) for pixel in _glyph(char)[row]) for char in text
        )
        lines.extend([cells] * scale)
    return lines


class BlockDigits(Widget):
    """Block digits scaled to fill the widget."""

    value: reactive[str] = reactive(BLANK)

    def render(self) -> RenderResult:
        size = self.content_size
        scale = fit_scale(self.value, size.width, size.height)
        return Content("\n".join(block_lines(self.value, scale))) if scale else Content("")


class CountdownDisplay(Widget):
    DEFAULT_CSS = """
    CountdownDisplay {
        height: auto;
        width: 1fr;
        align: center middle;
    }
    CountdownDisplay.-big { height: 1fr; min-height: 3; }
    CountdownDisplay Digits { width: auto; color: $text; }
    CountdownDisplay BlockDigits {
        display: none;
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        color: $text;
    }
    CountdownDisplay.-blocks Digits { display: none; }
    CountdownDisplay.-blocks BlockDigits { display: block; }
    CountdownDisplay.-warning Digits, CountdownDisplay.-warning BlockDigits { color: $warning; }
    CountdownDisplay.-danger Digits, CountdownDisplay.-danger BlockDigits { color: $error; }
    CountdownDisplay.-overtime Digits, CountdownDisplay.-overtime BlockDigits { color: $error; text-style: bold; }
    CountdownDisplay.-paused Digits, CountdownDisplay.-paused BlockDigits { text-opacity: 55%; }
    """

    big: reactive[bool] = reactive(False)
    """Fill the space given with scaled block digits when there is room (projection)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._digits = Digits(BLANK)
        self._blocks = BlockDigits()

    def compose(self) -> ComposeResult:
        yield self._digits
        yield self._blocks

    @property
    def value(self) -> str:
        """What the digits show, e.g. '12:34' or '+02:13'."""
        return self._digits.value

    @property
    def level(self) -> Level | None:
        return next((level for level, name in LEVEL_CLASSES.items() if self.has_class(name)), None)

    @property
    def blocks_shown(self) -> bool:
        return self.has_class("-blocks")

    def show(self, reading: Reading | None) -> None:
        """Show a reading; only what changed is redrawn. None shows a blank timer."""
        text = reading.display if reading is not None else BLANK
        if text != self._digits.value:
            self._digits.update(text)
            self._blocks.value = text
            self._choose_drawing()
        for level, name in LEVEL_CLASSES.items():
            self.set_class(reading is not None and reading.level is level, name)
        self.set_class(reading is not None and not reading.running and reading.elapsed > 0, "-paused")

    def watch_big(self, big: bool) -> None:
        self.set_class(big, "-big")
        self.call_after_refresh(self._choose_drawing)

    def on_resize(self) -> None:
        self._choose_drawing()

    def _choose_drawing(self) -> None:
        size = self.content_size
        self.set_class(self.big and fit_scale(self.value, size.width, size.height) >= 1, "-blocks")
