"""Save the project as a new file, and carry on in it: the way out of a folder that refuses saves.

The form proposes the data folder (or the home folder when the project is
already there) under the project's file name. A refusal (the file exists, the
folder does not, it cannot be written) keeps the form open with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from screens.modals.form import FormModal, field_label
from screens.widgets.line_input import LineInput
from workshop.i18n import t


class SaveAsModal(FormModal[str, Path]):
    def __init__(self, suggestion: Path, save: Callable[[str], Path]) -> None:
        super().__init__(t("save_as.heading"), save)
        self.suggestion = suggestion

    def compose_fields(self) -> ComposeResult:
        yield field_label("save_as.path")
        yield LineInput(str(self.suggestion), id="path")
        yield Static(Content(t("save_as.help")), classes="field-help")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#path", Input).focus()

    def values(self) -> str:
        return self.query_one("#path", Input).value.strip()
