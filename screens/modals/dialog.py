"""What every dialog shares: its keys at the bottom, and refusals shown inside it.

A dialog that hands what was typed to the core (`attempt`) stays open when the
core refuses it: the message appears in the dialog's own error line, what was
typed stays, and the focus goes back to a field. Nothing of it ever closes the
dialog and leaves the next keys to the screen below (they would run its
shortcuts: a refused reason typed on and "d", "o" deleting a proposal).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static, TextArea

from workshop.errors import AtelierError, StorageError
from workshop.i18n import t

R = TypeVar("R")
T = TypeVar("T")

FIELDS = (Input, TextArea, Select)
TEXT_FIELDS = (Input, TextArea)


class _Refused:
    def __repr__(self) -> str:
        return "REFUSED"


REFUSED: Any = _Refused()  # what `Dialog.attempt` returns when the core refused


class Dialog(ModalScreen[R]):
    DEFAULT_CSS = """
    Dialog .dialog-error {
        height: auto;
        color: $error;
        text-style: bold;
        display: none;
    }
    Dialog .dialog-error.-shown { display: block; }
    """

    def error_line(self, id: str | None = None) -> Static:
        """The line where a refusal is said; compose it where the dialog should show it."""
        return Static(classes="dialog-error", id=id, markup=False)

    def show_error(self, message: str) -> None:
        line = self.query_one(".dialog-error", Static)
        line.update(Content(message))
        line.set_class(bool(message), "-shown")

    def attempt(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a core call; on refusal say why inside the dialog and return REFUSED."""
        try:
            result = action(*args, **kwargs)
        except StorageError as error:
            self.refuse(t("common.not_saved") + " — " + error.message())
            return REFUSED
        except AtelierError as error:
            self.refuse(error.message())
            return REFUSED
        self.show_error("")
        return result

    def refuse(self, message: str) -> None:
        self.show_error(message)
        if not isinstance(self.focused, TEXT_FIELDS):
            # The focus goes to a text field (it may have been on a button or a
            # list): what is typed next lands there, never on a shortcut.
            fields = [widget for widget in self.query("*") if isinstance(widget, TEXT_FIELDS) and widget.focusable]
            if fields:
                fields[0].focus()
