"""A countdown in large digits, coloured as the end nears, red in overtime.

Feed it `workshop.timer.Reading` values (`show`); it keeps no time of its own,
so whoever owns the clock decides when it moves.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Digits

from workshop.timer import Level, Reading

LEVEL_CLASSES = {level: f"-{level.value}" for level in Level}


class CountdownDisplay(Widget):
    DEFAULT_CSS = """
    CountdownDisplay {
        height: auto;
        width: 1fr;
        align-horizontal: center;
    }
    CountdownDisplay Digits {
        width: auto;
        color: $text;
    }
    CountdownDisplay.-warning Digits { color: $warning; }
    CountdownDisplay.-danger Digits { color: $error; }
    CountdownDisplay.-overtime Digits { color: $error; text-style: bold; }
    CountdownDisplay.-paused Digits { text-opacity: 55%; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._digits = Digits("--:--")

    def compose(self) -> ComposeResult:
        yield self._digits

    @property
    def value(self) -> str:
        """What the digits show, e.g. '12:34' or '+02:13'."""
        return self._digits.value

    @property
    def level(self) -> Level | None:
        return next((level for level, name in LEVEL_CLASSES.items() if self.has_class(name)), None)

    def show(self, reading: Reading | None) -> None:
        """Show a reading; only what changed is redrawn. None shows a blank timer."""
        text = reading.display if reading is not None else "--:--"
        if text != self._digits.value:
            self._digits.update(text)
        for level, name in LEVEL_CLASSES.items():
            self.set_class(reading is not None and reading.level is level, name)
        self.set_class(reading is not None and not reading.running and reading.elapsed > 0, "-paused")
