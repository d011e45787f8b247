"""What the values and APT screens share: a step bar, a hint, step navigation, F1 guide.

A stepped exercise screen shows where the exercise stands (the step is stored by
the exercise, so a crash resumes at the same step), and offers only the keys that
make sense at that step (`STEP_ACTIONS`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Header, Static

from screens.exercises.base import ExerciseScreen
from screens.parameters import int_parameter
from screens.widgets.key_bar import KeyBar
from workshop.i18n import t

if TYPE_CHECKING:
    from textual.types import CSSPathType  # textual.types imports widgets: for the checker only


class SteppedExerciseScreen(ExerciseScreen):
    CSS_PATH: ClassVar[CSSPathType] = "stepped.tcss"  # subclasses list it with their own sheet
    BINDINGS = [
        Binding("escape", "close", "common.back"),
        Binding("n", "step(1)", "values.key.next"),
        Binding("b", "step(-1)", "values.key.previous", show=False),
    ]
    steps: ClassVar[tuple[str, ...]] = ()
    step_prefix: ClassVar[str] = ""
    # Only the current step named, the others by their number: the bar stays on one line at 80 columns.
    compact_steps: ClassVar[bool] = False
    # action name -> the steps where it is offered (actions not listed: always).
    STEP_ACTIONS: ClassVar[dict[str, frozenset[str]]] = {}

    # To provide in each exercise screen -------------------------------------------------
    def compose_body(self) -> ComposeResult:
        yield from ()

    @property
    def step(self) -> str:
        raise NotImplementedError

    def store_step(self, step: str) -> None:
        raise NotImplementedError

    def show(self) -> None:
        """Refresh the body from the stored state."""

    # Shared -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="steps")
        yield Static(id="hint", classes="hint")
        yield from self.compose_body()
        yield Static(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_view()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def on_atelier_base_change_undone(self, _message: object) -> None:
        # Ctrl+Z brought something back: show the project as it is now.
        self.reload()

    def reload(self) -> None:
        """Read the exercise's state again, then show it."""
        self.refresh_view()

    def refresh_view(self) -> None:
        self.query_one("#steps", Static).update(self.steps_bar())
        self.query_one("#hint", Static).update(Content(self.hint()))
        self.show()
        self.refresh_bindings()

    def steps_bar(self) -> Content:
        """Every step's label, the current one highlighted."""
        parts: list[Content] = []
        for number, step in enumerate(self.steps, start=1):
            label = t(f"{self.step_prefix}{step}")
            if self.compact_steps:
                label = f"{number}. {label}" if step == self.step else str(number)
            parts.append(Content.styled(f" {label} ", "reverse bold" if step == self.step else "dim"))
        return Content(" ").join(parts)

    def hint(self) -> str:
        return ""

    def add_columns(self, table: DataTable, columns: list[tuple[str, int]]) -> None:
        """Columns sized to the screen: a positive width is fixed, 0 shares what is left.

        Long texts are cut in the table; the detail line below shows them whole.
        """
        available = max(10, self.size.width - 4 - 2 * len(columns))
        fixed = sum(w for _, w in columns if w > 0)
        flexible = sum(1 for _, w in columns if w <= 0)
        share = max(8, (available - fixed) // flexible) if flexible else 0
        for label, width in columns:
            table.add_column(label, width=width if width > 0 else share)

    def set_status(self, text: str) -> None:
        self.query_one("#status", Static).update(Content(text))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        if action == "step":
            # No "next" on the last step, no "previous" on the first.
            index = self.steps.index(self.step) if self.step in self.steps else 0
            return 0 <= index + int_parameter(parameters) < len(self.steps)
        steps = self.STEP_ACTIONS.get(action)
        if steps is not None and self.step not in steps:
            return False
        return self.can(action, parameters)

    def can(self, action: str, parameters: tuple[object, ...]) -> bool:
        """Whether `action` would act now, at this step (the selection, the state…)."""
        return True

    def action_goto(self, step: str) -> None:
        """Straight to a step (a digit key): every step can be visited again."""
        if step in self.steps and step != self.step:
            self.store_step(step)
            self.refresh_view()

    def action_step(self, delta: int) -> None:
        index = self.steps.index(self.step) if self.step in self.steps else 0
        target = max(0, min(len(self.steps) - 1, index + delta))
        if target != index:
            self.store_step(self.steps[target])
            self.refresh_view()
