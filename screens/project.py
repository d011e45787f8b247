"""A cooperation project: its structures, participants, settings and workshops."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from workshop.i18n import t
from workshop.project import Project


class ProjectScreen(Screen[None]):
    BINDINGS = [Binding("escape", "close", t("common.back"))]

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.project = project

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(self.project.name), id="project-name", classes="section-title")
        yield Footer()

    def action_close(self) -> None:
        self.app.close_project()
        self.app.pop_screen()

    def help_markdown(self) -> str:
        return t("help.project")
