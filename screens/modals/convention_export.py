"""Export the draft convention: folder and file name, in a worker, like the minutes.

The same dialog as the minutes' export (`ExportDialog`: a safe name whatever is
typed, a confirmation before replacing a file, a snapshot exported in a thread
worker that only posts messages), for one .docx. A project file is refused before
any question about replacing it.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from screens import failures
from screens.modals.export_dialog import ExportDialog
from screens.widgets.key_bar import KeyBar
from screens.widgets.line_input import LineInput
from workshop.convention.export import default_name, export_convention, refuse_project_target
from workshop.errors import AtelierError
from workshop.filenames import safe_stem
from workshop.i18n import t
from workshop.minutes.export import DOCX, ExportTargets
from workshop.minutes.snapshot import snapshot
from workshop.project import Project


class ConventionExportModal(ExportDialog):
    DONE_KEY = "convention.export.done"
    BINDINGS = [Binding("escape", "close", "common.close")]

    def compose(self) -> ComposeResult:
        stem = default_name(self.project).removesuffix(DOCX)
        with VerticalScroll(id="dialog"):
            yield Static(Content(t("convention.export.heading")), classes="section-title")
            yield Static(Content(t("convention.export.project", project=self.project.name)), id="workshop")
            yield Label(Content(t("export.folder")))
            yield LineInput(str(self.project.path.parent), id="folder", compact=True)
            yield Label(Content(t("export.name")))
            yield LineInput(stem, id="name", compact=True)
            yield Static(Content(""), id="targets", classes="hint")
            yield self.error_line()
            yield Static(Content(""), id="status")
            with Horizontal(id="buttons"):
                yield Button(Content(t("common.cancel")), id="close", compact=True)
                yield Button(Content(t("export.go")), id="export", variant="primary", compact=True)
        yield KeyBar()

    def targets(self) -> ExportTargets:
        folder = Path(self.query_one("#folder", Input).value.strip() or ".").expanduser()
        name = safe_stem(self.query_one("#name", Input).value, fallback="convention")
        return ExportTargets(docx=folder / f"{name}{DOCX}")

    def action_export(self) -> None:
        if self.running:
            return
        target = self.targets().docx
        assert target is not None
        try:
            # A project file is refused before any question about replacing it.
            refuse_project_target(target, self.project.path)
        except AtelierError as error:
            self.refuse(error.message())
            return
        super().action_export()

    def _start(self, targets: ExportTargets, force: bool) -> None:
        copy = self.app.attempt(snapshot, self.project)
        if copy is None or targets.docx is None:
            return
        self.running = True
        self.query_one("#export", Button).disabled = True
        self._status(t("export.running"))
        self._export_convention(copy, targets.docx, force, self.project.path)

    @work(thread=True, exclusive=True, group="export")
    def _export_convention(self, copy: Project, target: Path, force: bool, project_path: Path) -> None:
        from workshop.proposals import day_of

        try:
            path = export_convention(copy, target, force=force, project_path=project_path, day=day_of(self.app.clock.now()))
        except AtelierError as error:
            self.post_message(self.ExportFailed(error.message()))
        except Exception as error:  # a defect: said and logged as one, the app goes on
            if failures.strict():
                raise
            self.post_message(self.ExportFailed(failures.describe(error)))
        else:
            self.post_message(self.Exported([path]))
