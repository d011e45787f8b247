"""The draft convention on screen: what each article holds, the clauses to write, the points to check.

Each article says whether the workshops settled it (and which ones), or what is
still to decide. The clauses no exercise writes (duration, revision, exit,
settling disagreements, financial modalities) are typed here as the parties
agreed them; the hidden issues of formalisation are ticked once checked and
annotated. X exports the draft as a .docx.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from screens.app_base import AtelierBase
from screens.modals.convention_export import ConventionExportModal
from screens.tables import fill_table, selected_key
from screens.widgets.key_bar import KeyBar
from workshop.convention import settings as convention_settings
from workshop.convention.builder import PartStatus, statuses
from workshop.convention.parts import ARTICLES
from workshop.convention.settings import ISSUES, Clause
from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.project import Project

# The clauses in the order the draft prints them.
CLAUSES = (Clause.FINANCES, Clause.DURATION, Clause.REVISION, Clause.EXIT, Clause.DISPUTES)


class ConventionScreen(Screen[None]):
    app = getters.app(AtelierBase)  # self.app typed as Atelier's (and checked when read)
    CSS_PATH = "convention.tcss"
    BINDINGS = [
        Binding("escape", "close", "common.back"),
        Binding("enter", "edit", "convention.key.edit"),
        Binding("space", "check", "convention.key.check"),
        Binding("x", "export", "convention.key.export"),
    ]

    def __init__(self, project: Project, workshop_id: int = 0) -> None:
        super().__init__()
        self.project = project
        self.workshop_id = workshop_id
        self.parts: list[PartStatus] = []
        self.settings = convention_settings.load(project)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(t("convention.screen.hint")), id="hint", classes="hint")
        yield DataTable(id="convention", cursor_type="row", zebra_stripes=True)
        yield Static(id="detail")
        yield Static(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = t("convention.screen.title")
        self.sub_title = self.project.name
        table = self.query_one(DataTable)
        table.focus()
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        if self.is_mounted:
            self.reload()

    def help_markdown(self) -> str:
        from workshop.registry import get_exercise

        return get_exercise("governance").guide()

    # Drawing ----------------------------------------------------------------------------------
    def _attempt(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.app.attempt(fn, *args)

    def reload(self) -> None:
        self.parts = statuses(self.project)
        self.settings = convention_settings.load(self.project)
        table = self.query_one(DataTable)
        keep = selected_key(table)
        table.clear(columns=True)
        width = max(40, self.size.width - 4)
        table.add_column("", width=10)
        table.add_column(t("convention.screen.col_what"), width=max(16, (width - 16) * 3 // 5))
        table.add_column(t("convention.screen.col_state"), width=max(12, (width - 16) * 2 // 5))
        rows = []
        for number, status in enumerate(self.parts, start=1):
            label = t(f"convention.part.{status.part.value}")
            rows.append((f"part:{status.part.value}", [Text(t("convention.screen.article_short", number=number)), Text(label), self._part_state(status)]))
        for clause in CLAUSES:
            text = self.settings.clause(clause)
            state = Text(t("convention.screen.typed"), style="green") if text else Text(t("convention.screen.to_decide"), style="yellow")
            rows.append((f"clause:{clause.value}", [Text(t("convention.screen.clause_row")), Text(t(f"convention.clause.{clause.value}")), state]))
        for key, theme in ISSUES:
            check = self.settings.issue(key)
            mark = t("convention.screen.checked") if check.checked else t("convention.screen.unchecked")
            first = Text(f"{mark} {t(f'convention.theme.{theme.value}')}", style="bold green" if check.checked else "")
            rows.append((f"issue:{key}", [first, Text(t(f"convention.issue.{key}")), Text(check.note)]))
        fill_table(table, rows, keep)
        done = sum(1 for key, _ in ISSUES if self.settings.issue(key).checked)
        settled = sum(1 for s in self.parts if s.settled)
        status_line = t("convention.screen.issues_count", done=done, total=len(ISSUES), settled=settled, articles=len(ARTICLES))
        self.query_one("#status", Static).update(Content(status_line))
        self.show_detail()
        self.refresh_bindings()

    def _part_state(self, status: PartStatus) -> Text:
        sources = ", ".join(status.workshops)
        if status.settled:
            return Text(t("convention.screen.from", sources=sources or t("convention.screen.typed")), style="green")
        if status.begun and sources:
            return Text(t("convention.screen.partly", sources=sources), style="yellow")
        if status.begun:
            return Text(t("convention.screen.partly_typed"), style="yellow")
        return Text(t("convention.screen.to_decide"), style="yellow")

    def _row(self) -> tuple[str, str] | None:
        key = selected_key(self.query_one(DataTable))
        if key is None or ":" not in key:
            return None
        kind, _, name = key.partition(":")
        return kind, name

    def show_detail(self) -> None:
        detail = self.query_one("#detail", Static)
        row = self._row()
        if row is None:
            detail.update(Content(""))
            return
        kind, name = row
        if kind == "part":
            status = next((s for s in self.parts if s.part.value == name), None)
            if status is not None and status.begun:
                lines = [t("convention.screen.from", sources=", ".join(status.workshops))] if status.workshops else []
                if not status.settled:
                    lines += self._questions(f"convention.todo.{name}")
                detail.update(Content("\n".join(lines)))
            else:
                detail.update(Content("\n".join([t("convention.screen.detail_part_empty"), *self._questions(f"convention.todo.{name}")])))
        elif kind == "clause":
            text = self.settings.clause(name)
            if text:
                detail.update(Content(text))
            else:
                key = f"convention.todo_clause.{name}" if name in ("duration", "revision", "exit") else f"convention.todo.{name}"
                detail.update(Content("\n".join([t("convention.screen.detail_clause_empty"), *self._questions(key)])))
        else:
            check = self.settings.issue(name)
            lines = [t(f"convention.issue.{name}")]
            if check.note:
                lines.append(check.note)
            detail.update(Content("\n".join(lines)))

    @staticmethod
    def _questions(key: str) -> list[str]:
        return [f"• {q}" for q in t(key).split("\n") if q.strip()]

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.show_detail()
        self.refresh_bindings()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        row = self._row() if self.is_mounted else None
        if action == "check":
            return row is not None and row[0] == "issue"
        if action == "edit":
            return row is not None and row[0] in ("clause", "issue")
        return True

    # Actions -------------------------------------------------------------------------------------
    def action_edit(self) -> None:
        from screens.modals.text import TextModal

        row = self._row()
        if row is None or row[0] == "part":
            return
        kind, name = row
        if kind == "clause":
            heading = t("convention.screen.clause_title", clause=t(f"convention.clause.{name}"))

            def save_clause(text: str) -> object:
                return convention_settings.set_clause(self.project, name, text)

            modal = TextModal(heading, t("convention.screen.clause_help"), save_clause, self.settings.clause(name))
        else:

            def save_note(text: str) -> object:
                return convention_settings.note_issue(self.project, name, text)

            modal = TextModal(t("convention.screen.note_title"), t("convention.screen.note_help"), save_note, self.settings.issue(name).note)
        self.app.push_screen(modal, lambda _saved: self.reload())

    def action_check(self) -> None:
        row = self._row()
        if row is None or row[0] != "issue":
            return
        checked = self.settings.issue(row[1]).checked
        self._attempt(convention_settings.check_issue, self.project, row[1], not checked)
        self.reload()

    def action_export(self) -> None:
        self.app.push_screen(ConventionExportModal(self.project, self.workshop_id))

    def action_close(self) -> None:
        self.dismiss(None)
