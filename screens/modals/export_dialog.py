"""What the export dialogs share (the minutes', the draft convention's): folder and file name, a
confirmation before replacing a file, the export run in a thread worker.

Whatever is typed, the name is made safe (`../../x` stays in the folder). A
project file is refused before any question about replacing it; existing files
are replaced only after a confirmation. The export runs in a thread worker from
a snapshot of the project, so the timer keeps running; the worker only posts
messages. Dismisses with the files written (maybe none). Each dialog says what
it writes (`targets`) and how (`_start`).
"""

from __future__ import annotations

from pathlib import Path

from textual import getters
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Static

from screens.app_base import AtelierBase
from screens.modals.dialog import Dialog
from screens.typed_first import typed_first
from screens.widgets.checkbox import Checkbox
from workshop.errors import AtelierError
from workshop.i18n import t
from workshop.minutes.export import ExportTargets, check_targets, existing
from workshop.project import Project


class ExportDialog(Dialog[list[Path]]):
    app = getters.app(AtelierBase)  # self.app typed as Atelier's (and checked when read)
    CSS_PATH = "export.tcss"
    DONE_KEY = "export.done"  # what the dialog says once the files are written
    # Each dialog adds its own keys to these (Textual merges them), then Escape: the key bar shows them in that order.
    BINDINGS = [Binding("ctrl+s", "export", "export.go", priority=True)]

    class Exported(Message):
        """The worker wrote the files."""

        def __init__(self, paths: list[Path]) -> None:
            super().__init__()
            self.paths = paths

    class ExportFailed(Message):
        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(self, project: Project, workshop_id: int) -> None:
        super().__init__()
        self.project = project
        self.workshop_id = workshop_id
        self.written: list[Path] = []
        self.running = False

    def on_mount(self) -> None:
        self._show_targets()
        self.query_one("#export", Button).focus()

    # What will be written -------------------------------------------------------------
    def targets(self) -> ExportTargets:
        """The files the dialog's fields name."""
        raise NotImplementedError

    def _show_targets(self) -> None:
        paths = self.targets().paths
        self.query_one("#targets", Static).update(Content("\n".join(str(p) for p in paths)))

    def on_input_changed(self, _event: Input.Changed) -> None:
        self._show_targets()

    def on_checkbox_changed(self, _event: Checkbox.Changed) -> None:
        self._show_targets()

    def _status(self, text: str, kind: str = "") -> None:
        status = self.query_one("#status", Static)
        status.update(Content(text))
        status.set_classes(kind)

    # Exporting ---------------------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export":
            self.action_export()
        elif event.button.id == "close":
            self.action_close()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    @typed_first
    def action_export(self) -> None:
        if self.running:
            return
        targets = self.targets()
        if not targets.paths:
            self.refuse(t("export.no_format"))
            return
        try:
            # A project file is refused before any question about replacing it.
            check_targets(targets, force=True, protect=self.project.path)
        except AtelierError as error:
            self.refuse(error.message())
            return
        self.show_error("")
        taken = existing(targets)
        if not taken:
            self._start(targets, force=False)
            return
        from screens.modals.confirm import ConfirmModal

        def answered(replace: bool | None) -> None:
            if replace:
                self._start(targets, force=True)

        question = t("export.overwrite", paths="\n".join(str(p) for p in taken))
        self.app.push_screen(ConfirmModal(question, t("export.replace")), answered)

    def _start(self, targets: ExportTargets, force: bool) -> None:
        """Write `targets` from a snapshot taken now, in a worker that posts `Exported` or `ExportFailed`."""
        raise NotImplementedError

    def on_export_dialog_exported(self, message: Exported) -> None:
        self.running = False
        self.written = message.paths
        self.query_one("#export", Button).disabled = False
        report = t(self.DONE_KEY, paths="\n".join(str(p) for p in message.paths))
        self._status(report, "done")
        self.query_one("#close", Button).label = Content(t("export.close"))
        self.query_one("#close", Button).focus()

    def on_export_dialog_export_failed(self, message: ExportFailed) -> None:
        self.running = False
        self.query_one("#export", Button).disabled = False
        self._status("")
        self.refuse(t("export.failed", reason=message.reason))

    def action_close(self) -> None:
        self.dismiss(self.written)
