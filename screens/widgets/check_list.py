"""A list of choices each ticked or not, readable without colour: `[x]` and `[ ]`.

Space or Enter ticks and unticks the highlighted choice. Labels are often typed
by people: they are shown literally (`Content`).
"""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

V = TypeVar("V")

TICKED, UNTICKED = "[x] ", "[ ] "


class CheckList(OptionList, Generic[V]):
    DEFAULT_CSS = """
    CheckList { height: auto; max-height: 12; }
    """
    BINDINGS = [Binding("space,enter", "tick", "✓", show=False)]

    def __init__(self, choices: list[tuple[str, V]], ticked: set[V] | None = None, *, id: str | None = None) -> None:
        self.choices = choices
        self.ticked: set[V] = {value for _, value in choices if value in (ticked or set())}
        super().__init__(*(self._option(n) for n in range(len(choices))), id=id)

    def _option(self, index: int) -> Option:
        label, value = self.choices[index]
        mark = TICKED if value in self.ticked else UNTICKED
        return Option(Content.assemble((mark, "bold"), label), id=str(index))

    @property
    def selected(self) -> list[V]:
        """The ticked values, in the list's order."""
        return [value for _, value in self.choices if value in self.ticked]

    def action_tick(self) -> None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.choices):
            return
        value = self.choices[index][1]
        self.ticked ^= {value}
        self.replace_option_prompt_at_index(index, self._option(index).prompt)
