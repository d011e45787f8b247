"""Export the current workshop's minutes: folder, file name, formats (the dialog `ExportDialog`
describes); the draft convention opens from here (Ctrl+O).

The dialog proposes the project's folder and a name derived from the project and
the workshop.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from screens import failures
from screens.convention import ConventionScreen
from screens.modals.export_dialog import ExportDialog
from screens.widgets.checkbox import Checkbox
from screens.widgets.key_bar import KeyBar
from screens.widgets.line_input import LineInput
from workshop.errors import AtelierError
from workshop.i18n import t
from workshop.minutes.export import ExportTargets, default_stem, export_minutes, targets_in
from workshop.minutes.snapshot import snapshot
from workshop.project import Project

if TYPE_CHECKING:
    from workshop.model import Workshop


class ExportModal(ExportDialog):
    BINDINGS = [
        # Priority: the fields keep their own Ctrl keys, not this one.
        Binding("ctrl+o", "convention", "convention.export.open", priority=True),
        Binding("escape", "close", "common.close"),
    ]

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

    def targets(self) -> ExportTargets:
        folder = Path(self.query_one("#folder", Input).value.strip() or ".").expanduser()
        return targets_in(
            folder,
            self.query_one("#name", Input).value,
            docx=self.query_one("#docx", Checkbox).value,
            markdown=self.query_one("#md", Checkbox).value,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        # Textual calls ExportDialog's handler too (export, close): this one adds the convention.
        if event.button.id == "convention":
            event.stop()
            self.action_convention()

    def action_convention(self) -> None:
        """The project's draft convention: its parts, clauses and checklist, and its own export."""
        self.app.push_screen(ConventionScreen(self.project, self.workshop_id))

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
