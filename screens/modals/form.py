"""The frame every planning form shares: fields, an inline message, Save / Cancel.

A form never writes by itself: it hands its typed values to a `save` callback
(a core call). When the core refuses them, the form stays open and shows why,
inside itself, with the focus in a field; when it accepts, the form dismisses
with what `save` returned.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Static

from screens.modals.dialog import REFUSED, Dialog
from screens.typed_first import typed_first
from screens.widgets.key_bar import KeyBar
from screens.widgets.line_input import LineInput
from workshop.i18n import t

if TYPE_CHECKING:
    from textual.types import CSSPathType  # textual.types imports widgets: for the checker only

V = TypeVar("V")  # the typed values a form collects
R = TypeVar("R")  # what saving returns


class FormModal(Dialog["R | None"], Generic[V, R]):
    CSS_PATH: ClassVar[CSSPathType] = "form.tcss"  # subclasses list it with their own sheet
    HINT_KEY = "form.hint"
    BINDINGS = [
        Binding("ctrl+s", "save", "common.save", priority=True),
        Binding("escape", "cancel", "common.cancel"),
    ]

    def __init__(self, heading: str, save: Callable[[V], R]) -> None:
        super().__init__()
        self.heading = heading
        self.save = save

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Static(Content(self.heading), classes="form-title")
            with VerticalScroll(id="fields"):
                yield from self.compose_fields()
            yield self.error_line("form-error")
            yield Static(Content(t(self.HINT_KEY)), classes="hint")
            with Horizontal(id="form-buttons"):
                yield Button(Content(t("common.cancel")), id="cancel")
                yield Button(Content(t("common.save")), id="save", variant="primary")
        yield KeyBar()

    def compose_fields(self) -> ComposeResult:  # pragma: no cover - every form overrides it
        yield from ()

    def values(self) -> V:
        """The typed values of the form (raise AtelierError for a local refusal)."""
        raise NotImplementedError

    def on_mount(self) -> None:
        # Forms call it from their own on_mount: nothing refused yet.
        self.show_error("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    @typed_first
    def action_save(self) -> None:
        result = self.attempt(lambda: self.save(self.values()))
        if result is not REFUSED:
            self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NamedFormModal(FormModal[V, R]):
    """A form that opens on a name, flagged (not refused) while another one has it."""

    # Catalog keys of the name field: its label, its placeholder, the duplicate warning.
    NAME_LABEL: ClassVar[str]
    NAME_PLACEHOLDER: ClassVar[str]
    NAME_DUPLICATE: ClassVar[str]

    def __init__(self, heading: str, save: Callable[[V], R], name_taken: Callable[[str], bool]) -> None:
        super().__init__(heading, save)
        self.name_taken = name_taken

    def compose_name(self, value: str) -> ComposeResult:
        yield field_label(self.NAME_LABEL)
        yield LineInput(value, id="name", placeholder=t(self.NAME_PLACEHOLDER))
        yield Static(id="name-warning", classes="field-warning")

    def typed_name(self) -> str:
        return self.query_one("#name", Input).value

    def on_mount(self) -> None:
        self._check_name(self.typed_name())
        self.query_one("#name", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "name":
            self._check_name(event.value)

    def _check_name(self, name: str) -> None:
        warning = self.query_one("#name-warning", Static)
        taken = bool(name.strip()) and self.name_taken(name)
        warning.update(Content(t(self.NAME_DUPLICATE) if taken else ""))
        warning.display = taken


def field_label(key: str, **params: Any) -> Static:
    return Static(Content(t(key, **params)), classes="field-label")
