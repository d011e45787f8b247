"""Home: the projects in the data folder; create, open, rename, delete."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Static

from screens.app_base import AtelierBase
from screens.formatting import format_date
from screens.widgets.key_bar import KeyBar
from screens.widgets.project_list import ProjectList, ProjectRow
from workshop.i18n import t
from workshop.library import ProjectSummary

if TYPE_CHECKING:
    from workshop.project import Project


class HomeScreen(Screen[None]):
    app = getters.app(AtelierBase)  # self.app typed as Atelier's (and checked when read)
    # Styles are in app.tcss: a screen's own CSS_PATH re-reads every style sheet
    # when it is first shown, and this screen is shown at start-up.
    BINDINGS = [
        Binding("n", "new", "home.new"),
        Binding("enter", "open", "home.open"),
        Binding("r", "rename", "home.rename"),
        Binding("delete", "delete", "home.delete"),
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "move_page(-1)", show=False),
        Binding("pagedown", "move_page(1)", show=False),
        Binding("home", "move_to(0)", show=False),
        Binding("end", "move_to(-1)", show=False),
    ]

    summaries: list[ProjectSummary] = []  # read again each time the screen is shown

    class ProjectChosen(Message):
        """A project to open (chosen in the list, or just created): the application opens it."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    def compose(self) -> ComposeResult:
        yield Header()
        heading = Content.styled(t("home.heading"), "bold $accent")
        folder = Content(t("home.folder", folder=str(self.app.library.folder)))  # muted, by the style sheet
        yield Static(Content("\n").join([heading, folder]), id="home-heading")
        headers = (t("home.col_name"), t("home.col_workshops"), t("home.col_modified"))
        yield ProjectList(headers, empty=t("home.empty"), id="projects")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        # Also sent when the screen is first shown: the list is read once at start.
        self.refresh_projects()

    def refresh_projects(self) -> None:
        selected = self._selected()
        self.summaries = self.app.library.summaries()
        rows = []
        for summary in self.summaries:
            when = datetime.datetime.fromtimestamp(summary.modified)
            modified = f"{format_date(when.date().isoformat())} {when:%H:%M}"
            warning = ""
            if summary.journal:
                warning = t(f"journal.listed.{summary.journal}")
            elif summary.problem:
                warning = t("home.damaged")
            rows.append(ProjectRow(summary.name, str(summary.workshops), modified, warning))
        projects = self.query_one(ProjectList)
        projects.set_rows(rows)
        self.refresh_bindings()
        # The list is sorted by last change: stay on the project that was selected.
        paths = [summary.path for summary in self.summaries]
        if selected is not None and selected.path in paths:
            projects.move_to(paths.index(selected.path))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Keys that act on the selected project are offered only when there is one.
        if action in ("open", "rename", "delete", "move", "move_page", "move_to"):
            return self.is_mounted and self._selected() is not None
        return True

    def _selected(self) -> ProjectSummary | None:
        cursor = self.query_one(ProjectList).cursor
        if not 0 <= cursor < len(self.summaries):
            return None
        return self.summaries[cursor]

    def action_move(self, delta: int) -> None:
        self.query_one(ProjectList).move(delta)

    def action_move_page(self, direction: int) -> None:
        projects = self.query_one(ProjectList)
        projects.move(direction * projects.page)

    def action_move_to(self, index: int) -> None:
        projects = self.query_one(ProjectList)
        projects.move_to(index if index >= 0 else projects.row_count - 1)

    def on_project_list_chosen(self, event: ProjectList.Chosen) -> None:
        self.action_open()

    def action_open(self) -> None:
        summary = self._selected()
        if summary is not None:
            self.post_message(self.ProjectChosen(Path(summary.path)))

    def action_new(self) -> None:
        from screens.modals.prompt import PromptModal

        def created(project: Project | None) -> None:
            if project is not None:
                path = project.path
                project.close()
                self.refresh_projects()
                self.post_message(self.ProjectChosen(path))

        prompt = PromptModal(t("home.new_prompt"), placeholder=t("home.new_placeholder"), save=self.app.library.create)
        self.app.push_screen(prompt, created)

    def action_rename(self) -> None:
        from screens.modals.prompt import PromptModal

        summary = self._selected()
        if summary is None:
            return

        def rename(name: str) -> bool:
            self.app.library.rename(Path(summary.path), name)
            return True

        prompt = PromptModal(t("home.rename_prompt"), value=summary.name, save=rename)
        self.app.push_screen(prompt, lambda _done: self.refresh_projects())

    def action_delete(self) -> None:
        from screens.modals.confirm import ConfirmModal

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
