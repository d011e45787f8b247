"""Home: the projects in the data folder; create, open, rename, delete."""

from __future__ import annotations

import datetime
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from screens.formatting import format_date
from screens.modals.confirm import ConfirmModal
from screens.modals.prompt import PromptModal
from workshop.i18n import t
from workshop.library import ProjectSummary


class HomeScreen(Screen[None]):
    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("n", "new", t("home.new")),
        Binding("enter", "open", t("home.open"), show=True),
        Binding("r", "rename", t("home.rename")),
        Binding("delete,d", "delete", t("home.delete")),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(t("home.heading")), classes="section-title")
        yield Static(Content(t("home.folder", folder=str(self.app.library.folder))), classes="hint", id="folder")
        yield DataTable(id="projects", cursor_type="row", zebra_stripes=True)
        yield Static(Content(t("home.empty")), id="empty", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(t("home.col_name"), t("home.col_workshops"), t("home.col_modified"))
        self.refresh_projects()

    def on_screen_resume(self) -> None:
        self.refresh_projects()

    def refresh_projects(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self.summaries = self.app.library.summaries()
        for summary in self.summaries:
            name = Text(summary.name)
            if summary.problem:
                name.append("  ⚠ " + t("home.damaged"), style="bold red")
            when = datetime.datetime.fromtimestamp(summary.modified)
            modified = f"{format_date(when.date().isoformat())} {when:%H:%M}"
            table.add_row(name, Text(str(summary.workshops)), Text(modified), key=str(summary.path))
        self.query_one("#empty").display = not self.summaries

    def _selected(self) -> ProjectSummary | None:
        table = self.query_one(DataTable)
        if not self.summaries or table.cursor_row < 0 or table.cursor_row >= len(self.summaries):
            return None
        return self.summaries[table.cursor_row]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        summary = self._selected()
        if summary is not None:
            self.app.open_project(Path(summary.path))

    def action_new(self) -> None:
        def created(name: str | None) -> None:
            if not name:
                return
            project = self.app.attempt(self.app.library.create, name)
            if project is not None:
                path = project.path
                project.close()
                self.refresh_projects()
                self.app.open_project(path)

        self.app.push_screen(PromptModal(t("home.new_prompt"), placeholder=t("home.new_placeholder")), created)

    def action_rename(self) -> None:
        summary = self._selected()
        if summary is None:
            return

        def renamed(name: str | None) -> None:
            if name:
                self.app.attempt(self.app.library.rename, Path(summary.path), name)
                self.refresh_projects()

        self.app.push_screen(PromptModal(t("home.rename_prompt"), value=summary.name), renamed)

    def action_delete(self) -> None:
        summary = self._selected()
        if summary is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.app.attempt(self.app.library.delete, Path(summary.path))
                self.refresh_projects()

        self.app.push_screen(ConfirmModal(t("home.delete_confirm", name=summary.name), t("home.delete")), confirmed)

    def help_markdown(self) -> str:
        return t("help.home")
