"""Export the current workshop's minutes: folder, file name, formats; runs in a worker.

The dialog proposes the project's folder and a name derived from the project and
the workshop; whatever is typed, the name is made safe (`../../x` stays in the
folder). Existing files are replaced only after a confirmation. The export runs
in a thread worker from a snapshot of the project, so the timer keeps running;
the worker only posts messages. Dismisses with the files written (maybe none).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import getters, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Label, Static

from screens import failures
from screens.app import AtelierApp
from screens.modals.dialog import Dialog
from screens.widgets.checkbox import Checkbox
from screens.widgets.key_bar import KeyBar
from screens.widgets.line_input import LineInput
from workshop.errors import AtelierError
from workshop.i18n import t
from workshop.minutes.export import ExportTargets, check_targets, default_stem, existing, export_minutes, targets_in
from workshop.minutes.snapshot import snapshot
from workshop.project import Project

if TYPE_CHECKING:
    from workshop.model import Workshop


class ExportModal(Dialog[list[Path]]):
    app = getters.app(AtelierApp)  # self.app typed as Atelier's (and checked when read)
    CSS_PATH = "export.tcss"
    DONE_KEY = "export.done"  # what the dialog says once the files are written
    BINDINGS = [
        Binding("ctrl+s", "export", "export.go", priority=True),
        # Priority: the fields keep their own Ctrl keys, not this one.
        Binding("ctrl+o", "convention", "convention.export.open", priority=True),
        Binding("escape", "close", "common.close"),
    ]
    OFFERS_CONVENTION = True  # the draft convention opens from the minutes' export

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

    def compose(self) -> ComposeResult:
        workshop = self.app.attempt(self.project.workshop, self.workshop_id)
        title = workshop.title if workshop else ""
        stem = default_stem(self.project, workshop) if workshop else ""
        with VerticalScroll(id="dialog"):
            yield Static(Content(t("export.heading")), classes="section-title")
            yield Static(Content(t("export.workshop", title=title)), id="workshop")
            yield Label(Content(t("export.folder")))
            yield LineInput(str(self.project.path.parent), id="folder", compact=True)
            yield Label(Content(t("export.name")))
            yield LineInput(stem, id="name", compact=True)
            with Horizontal(id="formats"):
                yield Checkbox(Content(t("export.docx")), True, id="docx", compact=True)
                yield Checkbox(Content(t("export.md")), True, id="md", compact=True)
            yield Static(Content(""), id="targets", classes="hint")
            yield self.error_line()
            yield Static(Content(""), id="status")
            with Horizontal(id="buttons"):
                yield Button(Content(t("convention.export.open")), id="convention", compact=True)
                yield Button(Content(t("common.cancel")), id="close", compact=True)
                yield Button(Content(t("export.go")), id="export", variant="primary", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self._show_targets()
        self.query_one("#export", Button).focus()

    # What will be written -------------------------------------------------------------
    def targets(self) -> ExportTargets:
        folder = Path(self.query_one("#folder", Input).value.strip() or ".").expanduser()
        return targets_in(
            folder,
            self.query_one("#name", Input).value,
            docx=self.query_one("#docx", Checkbox).value,
            markdown=self.query_one("#md", Checkbox).value,
        )

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
        elif event.button.id == "convention":
            self.action_convention()
        else:
            self.action_close()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.OFFERS_CONVENTION if action == "convention" else True

    def action_convention(self) -> None:
        """The project's draft convention: its parts, clauses and checklist, and its own export."""
        from screens.convention import ConventionScreen

        self.app.push_screen(ConventionScreen(self.project, self.workshop_id))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

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
        # The snapshot is taken here, on the thread that changes the project.
        copy = self.app.attempt(snapshot, self.project)
        workshop = self.app.attempt(self.project.workshop, self.workshop_id)
        if copy is None or workshop is None:
            return
        self.running = True
        self.query_one("#export", Button).disabled = True
        self._status(t("export.running"))
        self._export(copy, workshop, targets, force)

    @work(thread=True, exclusive=True, group="export")
    def _export(self, copy: Project, workshop: Workshop, targets: ExportTargets, force: bool) -> None:
        try:
            paths = export_minutes(copy, workshop, targets, force=force, clock=self.app.clock, protect=copy.path)
        except AtelierError as error:
            self.post_message(self.ExportFailed(error.message()))
        except Exception as error:  # a defect: said and logged as one, the app goes on
            if failures.strict():
                raise
            self.post_message(self.ExportFailed(failures.describe(error)))
        else:
            self.post_message(self.Exported(paths))

    def on_export_modal_exported(self, message: Exported) -> None:
        self.running = False
        self.written = message.paths
        self.query_one("#export", Button).disabled = False
        report = t(self.DONE_KEY, paths="\n".join(str(p) for p in message.paths))
        self._status(report, "done")
        self.query_one("#close", Button).label = Content(t("export.close"))
        self.query_one("#close", Button).focus()

    def on_export_modal_export_failed(self, message: ExportFailed) -> None:
        self.running = False
        self.query_one("#export", Button).disabled = False
        self._status("")
        self.refuse(t("export.failed", reason=message.reason))

    def action_close(self) -> None:
        self.dismiss(self.written)
