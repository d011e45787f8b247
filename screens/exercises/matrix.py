"""Qui fait quoi on the shared screen: a keyboard-driven grid with its live checks.

Arrows move; a role letter (or 1–4) sets the role in the cell; L cycles the
level; Space or Delete clears. The checks below the grid follow every change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Header, Static

from exercises import matrix, matrix_exercise
from exercises.matrix import Role
from screens.exercises.base import ExerciseScreen
from screens.parameters import int_parameter
from screens.widgets.key_bar import KeyBar
from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.project import Project

ACTION_WIDTH = (18, 40)  # min, max: a quarter of the screen (the current line gives it whole)
ACTOR_WIDTH = (8, 18)  # min, max: the rest shared between the actors
HEADER_LINES = 3  # an actor's name wraps over three lines rather than being cut to a few letters
CHECKS_SHOWN = 6
ROLE_STYLES = {
    Role.PILOT.value: "bold reverse",
    Role.CONTRIBUTOR.value: "bold",
    Role.CONSULTED.value: "",
    Role.INFORMED.value: "dim",
}


def role_keys() -> dict[str, Role]:
    """Keys that set a role: 1–4, and the role letters of the current language."""
    keys: dict[str, Role] = {}
    for number, role in enumerate(Role, start=1):
        keys[str(number)] = role
        keys[t(f"matrix.letter.{role.value}").lower()[:1]] = role
    return keys


def wrap_name(name: str, width: int, lines: int) -> list[str]:
    """`name` in at most `lines` lines of `width` cells: whole words where they fit,
    a word too long cut with "…", and the last line cut with "…" if more remains."""
    words = name.split()
    out: list[str] = []
    while words and len(out) < lines:
        if len(out) == lines - 1:
            rest = " ".join(words)
            out.append(rest if len(rest) <= width else rest[: width - 1] + "…")
            break
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= width:
            line += " " + words.pop(0)
        out.append(line if len(line) <= width else line[: width - 1] + "…")
    return out


class MatrixScreen(ExerciseScreen):
    CSS_PATH = "matrix.tcss"
    BINDINGS = [
        Binding("escape", "close", "common.back"),
        Binding("l", "level", "matrix.key.level"),
        Binding("o", "means", "matrix.key.means"),
        Binding("w", "mode", "matrix.key.mode"),
        Binding("delete,space,backspace,0", "clear", "matrix.key.clear"),
        Binding("n", "add_action", "matrix.key.add_action"),
        Binding("m", "import_proposals", "matrix.key.import"),
        Binding("x", "add_actor", "matrix.key.add_actor"),
        Binding("k", "confirm", "matrix.key.confirm"),
        Binding("exclamation_mark", "propose", "matrix.key.propose"),
        Binding("f2,e", "rename_action", "matrix.key.rename", show=False),
        Binding("shift+up", "move_action(-1)", "matrix.key.move_up", show=False),
        Binding("shift+down", "move_action(1)", "matrix.key.move_down", show=False),
        Binding("shift+left", "move_actor(-1)", "matrix.key.move_left", show=False),
        Binding("shift+right", "move_actor(1)", "matrix.key.move_right", show=False),
        Binding("D", "remove_action", "matrix.key.remove_action", show=False),
        Binding("R", "rename_actor", "matrix.key.rename_actor", show=False),
        Binding("X", "remove_actor", "matrix.key.remove_actor", show=False),
        Binding("K", "confirm_round", "matrix.key.confirm_round", show=False),
        Binding("plus", "limit(1)", "matrix.key.limit_more", show=False),
        Binding("minus", "limit(-1)", "matrix.key.limit_less", show=False),
    ]

    exercise = matrix_exercise.EXERCISE

    def __init__(self, project: Project, workshop_id: int, item_id: int) -> None:
        super().__init__(project, workshop_id, item_id)
        self.state = matrix.load(project, item_id)
        self.columns: list[matrix.Actor] = []
        self._keys = role_keys()

    # Layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="matrix-body"):
            yield DataTable(id="grid", fixed_columns=1, cursor_type="cell", zebra_stripes=True, header_height=HEADER_LINES)
            # The cell under the cursor in words: its action and its actor in full.
            yield Static(id="current", markup=False)
            yield Static(id="matrix-empty")
            yield Static(id="checks")
            yield Static(Content(self._legend()), id="legend")
        yield KeyBar()

    def on_mount(self) -> None:
        self.rebuild()
        self.query_one("#grid", DataTable).focus()

    def on_atelier_base_change_undone(self, _message: object) -> None:
        # Ctrl+Z brought a cell, a row or a column back.
        self.rebuild()

    def _legend(self) -> str:
        roles = " · ".join(f"{t(f'matrix.letter.{r.value}')} {t(f'matrix.role.{r.value}')}" for r in Role)
        return t("matrix.screen.legend", roles=roles)

    def _widths(self) -> tuple[int, int]:
        width = self.app.size.width or 80
        action = max(ACTION_WIDTH[0], min(ACTION_WIDTH[1], width // 4))
        share = (width - action - 4) // max(1, len(self.columns)) - 2
        return action, max(ACTOR_WIDTH[0], min(ACTOR_WIDTH[1], share))

    def on_resize(self) -> None:
        if self.is_mounted:
            self.rebuild()

    # Drawing --------------------------------------------------------------------------------
    def _reload(self) -> None:
        self.state = matrix.load(self.project, self.item_id)
        self.columns = matrix.actors(self.project, self.state)

    def _actor_label(self, actor: matrix.Actor, width: int) -> Text:
        """The actor's name over three lines, words kept whole where they fit; its
        marks (✓ confirmed, ≠ changed since, ⇢ external) before the name."""
        status = matrix.confirmation_status(self.state, actor.id)
        mark = {"confirmed": "✓ ", "changed": "≠ "}.get(status, "")
        prefix = mark + ("⇢ " if not actor.member else "")
        lines = wrap_name(prefix + actor.name, width, HEADER_LINES)
        label = Text("\n".join(lines), no_wrap=True, overflow="ellipsis")
        if mark:
            label.stylize("bold green" if status == "confirmed" else "bold yellow", 0, len(mark))
        return label

    def _cell(self, action_id: int, structure_id: int) -> Text:
        cell = self.state.cell(action_id, structure_id)
        if cell is None:
            return Text("·", style="dim", justify="center")
        return Text(matrix.cell_text(cell), style=ROLE_STYLES.get(cell.role, ""), justify="center")

    def rebuild(self, keep: tuple[int, int] | None = None) -> None:
        """Redraw the whole grid (after a row or column changed); keep the cursor where asked."""
        self._reload()
        grid = self.query_one("#grid", DataTable)
        row, column = keep if keep is not None else (grid.cursor_row, grid.cursor_column)
        grid.clear(columns=True)
        action_width, actor_width = self._widths()
        grid.add_column(Text(t("matrix.minutes.col_action"), style="bold"), width=action_width, key="action")
        for actor in self.columns:
            grid.add_column(self._actor_label(actor, actor_width), width=actor_width, key=str(actor.id))
        for action in self.state.actions:
            label = Text(action.label, no_wrap=True, overflow="ellipsis")
            marker = {"proposal": " ◆", "objective": " ◎"}.get(action.source)
            if marker:
                label.append(marker, style="dim")
            grid.add_row(label, *[self._cell(action.id, a.id) for a in self.columns], key=str(action.id))
        if self.state.actions:
            grid.move_cursor(row=max(0, min(row, len(self.state.actions) - 1)), column=max(0, min(column, len(self.columns))))
        self.query_one("#matrix-empty", Static).update(Content(t("matrix.screen.empty")) if not self.state.actions else "")
        self.query_one("#matrix-empty", Static).display = not self.state.actions
        self.refresh_checks()
        self.show_current()
        self.refresh_bindings()

    def refresh_cell(self, action_id: int, structure_id: int) -> None:
        before = matrix.confirmation_status(self.state, structure_id)
        self._reload()
        if matrix.confirmation_status(self.state, structure_id) != before:
            self.rebuild()  # the column's confirmation mark changed with the cell
            return
        grid = self.query_one("#grid", DataTable)
        grid.update_cell(str(action_id), str(structure_id), self._cell(action_id, structure_id))
        self.refresh_checks()
        self.show_current()
        self.refresh_bindings()

    def refresh_checks(self) -> None:
        found = matrix.checks(self.state, self.columns)
        panel = self.query_one("#checks", Static)
        if not self.state.actions:
            panel.update("")
            return
        if not found:
            panel.update(Content.styled(t("matrix.screen.all_good"), "bold $success"))
            return
        lines = [Content.styled(t("matrix.screen.checks", count=len(found)), "bold")]
        for check in found[:CHECKS_SHOWN]:
            mark, style = ("✗ ", "bold $error") if check.problem else ("? ", "bold $warning")
            lines.append(Content.assemble((mark, style), matrix.check_text(check, self.state, self.columns)))
        if len(found) > CHECKS_SHOWN:
            lines.append(Content(t("matrix.screen.more_checks", count=len(found) - CHECKS_SHOWN)))
        lines.append(Content.styled(t("matrix.screen.limit", limit=self.state.pilot_limit), "dim"))
        panel.update(Content("\n").join(lines))

    # What the keys can do ------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys are offered where they act: on a cell, a row or a column that is there."""
        if not self.is_mounted:
            return True
        action_row, actor = self._current()
        cell = self.state.cell(action_row.id, actor.id) if action_row is not None and actor is not None else None
        if action in ("level", "clear", "means"):
            return cell is not None  # a role first: the means and the level are the role's
        if action == "mode":
            return cell is not None and cell.role == matrix.Role.CONTRIBUTOR
        if action in ("rename_action", "remove_action"):
            return action_row is not None
        if action == "move_action":
            index = self.state.actions.index(action_row) if action_row is not None else -1
            return 0 <= index + int_parameter(parameters) < len(self.state.actions) and index >= 0
        if action in ("rename_actor", "remove_actor", "confirm"):
            return actor is not None
        if action == "move_actor":
            if actor is None:
                return False
            index = [a.id for a in self.columns].index(actor.id)
            return 0 <= index + int_parameter(parameters) < len(self.columns)
        if action == "propose":
            return action_row is not None and actor is not None and action_row.source != "proposal"
        if action == "confirm_round":
            return bool(self.state.actions) and bool(self.columns)
        if action == "import_proposals":
            return matrix.importable(self.project, self.item_id) > 0
        if action == "limit":
            return 1 <= self.state.pilot_limit + int_parameter(parameters) <= 99
        return True

    def binding_label(self, action: str) -> str | None:
        if action == "confirm":
            _, actor = self._current()
            if actor is not None and matrix.confirmation_status(self.state, actor.id) == "confirmed":
                return t("matrix.key.unconfirm")
        return None

    def on_data_table_cell_highlighted(self, _event: DataTable.CellHighlighted) -> None:
        self.refresh_bindings()
        self.show_current()

    def show_current(self) -> None:
        action, actor = self._current()
        line = self.query_one("#current", Static)
        if action is None:
            line.update("")
            return
        if actor is None:
            line.update(Content(action.label))
            return
        cell = self.state.cell(action.id, actor.id)
        # Role, level, how the pilot works with it, means: all the cell says, in words.
        role = matrix.cell_details(cell) if cell is not None else t("matrix.screen.no_role")
        role = role[:1].upper() + role[1:]
        line.update(Content(t("matrix.screen.current", action=action.label, actor=actor.name, role=role)))

    # Where the cursor is -------------------------------------------------------------------
    def _current(self) -> tuple[matrix.Action | None, matrix.Actor | None]:
        grid = self.query_one("#grid", DataTable)
        if not self.state.actions:
            return None, None
        row = max(0, min(grid.cursor_row, len(self.state.actions) - 1))
        action = self.state.actions[row]
        column = grid.cursor_column - 1
        actor = self.columns[column] if 0 <= column < len(self.columns) else None
        return action, actor

    def _attempt(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.app.attempt(fn, *args)

    # Cells -------------------------------------------------------------------------------------
    def on_key(self, event: Any) -> None:
        character = (event.character or "").lower()
        if event.key not in self._keys and character not in self._keys:
            return
        if event.key.startswith(("shift+", "ctrl+")) or (event.character and event.character.isupper()):
            return
        role = self._keys.get(event.key) or self._keys.get(character)
        action, actor = self._current()
        if action is None or actor is None or role is None:
            return
        event.stop()
        event.prevent_default()
        if self._attempt(matrix.set_role, self.project, self.item_id, action.id, actor.id, role) is not None:
            self.refresh_cell(action.id, actor.id)

    def action_level(self) -> None:
        action, actor = self._current()
        if action is None or actor is None:
            return
        cell = self.state.cell(action.id, actor.id)
        level = matrix.next_level(cell.level) if cell else None
        if self._attempt(matrix.set_level, self.project, self.item_id, action.id, actor.id, level) is not None:
            self.refresh_cell(action.id, actor.id)

    def action_means(self) -> None:
        """Tick what the actor puts into the action: staff time, money, premises, skills."""
        from screens.modals.pick_many import PickManyModal

        action, actor = self._current()
        if action is None or actor is None:
            return
        cell = self.state.cell(action.id, actor.id)
        if cell is None:
            self.notify(t("matrix.error.means_need_role"), markup=False, severity="warning")
            return

        def chosen(means: list[str] | None) -> None:
            if means is not None and self._attempt(matrix.set_means, self.project, self.item_id, action.id, actor.id, means) is not None:
                self.refresh_cell(action.id, actor.id)

        choices = [(t(f"matrix.means.{m.value}"), m.value) for m in matrix.Means]
        question = t("matrix.screen.means_prompt", actor=actor.name, action=action.label)
        self.app.push_screen(PickManyModal(question, choices, list(cell.means)), chosen)

    def action_mode(self) -> None:
        """Cycle how the pilot works with this contributor: led with, entrusted, not said."""
        action, actor = self._current()
        if action is None or actor is None:
            return
        cell = self.state.cell(action.id, actor.id)
        following = matrix.next_mode(cell.mode) if cell else None
        if self._attempt(matrix.set_mode, self.project, self.item_id, action.id, actor.id, following) is not None:
            self.refresh_cell(action.id, actor.id)

    def action_clear(self) -> None:
        action, actor = self._current()
        if action is None or actor is None:
            return
        if self._attempt(matrix.set_role, self.project, self.item_id, action.id, actor.id, None) is not None:
            self.refresh_cell(action.id, actor.id)

    # Rows -----------------------------------------------------------------------------------------
    def _prompt(self, question: str, save: Callable[[str], Any], done: Callable[[Any], None], value: str = "") -> None:
        """Ask for a text saved by `save` (a core call); a refusal is said in the question,
        which stays open; `done` gets what was saved."""
        from screens.modals.prompt import PromptModal

        def answered(result: Any) -> None:
            if result is not None:
                done(result)

        self.app.push_screen(PromptModal(question, value, save=save), answered)

    def _confirm(self, question: str, label: str, done: Callable[[], None]) -> None:
        from screens.modals.confirm import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes:
                done()

        self.app.push_screen(ConfirmModal(question, label), answered)

    def action_add_action(self) -> None:
        action, _ = self._current()
        grid = self.query_one("#grid", DataTable)

        def save(text: str) -> matrix.Action:
            return matrix.add_action(self.project, self.item_id, text, "typed", 0, action.id if action else None)

        def added(new: matrix.Action) -> None:
            row = next(i for i, a in enumerate(matrix.load(self.project, self.item_id).actions) if a.id == new.id)
            self.rebuild(keep=(row, max(grid.cursor_column, 1)))

        self._prompt(t("matrix.screen.new_action"), save, added)

    def action_rename_action(self) -> None:
        action, _ = self._current()
        if action is None:
            return

        def save(text: str) -> matrix.Action:
            return matrix.rename_action(self.project, self.item_id, action.id, text)

        self._prompt(t("matrix.screen.rename_action"), save, lambda _renamed: self.rebuild(), action.label)

    def action_move_action(self, delta: int) -> None:
        action, _ = self._current()
        grid = self.query_one("#grid", DataTable)
        if action is None:
            return
        if self._attempt(matrix.move_action, self.project, self.item_id, action.id, delta) is not None:
            self.rebuild(keep=(grid.cursor_row + delta, grid.cursor_column))

    def action_remove_action(self) -> None:
        action, _ = self._current()
        if action is None:
            return

        def remove() -> None:
            if self._attempt(matrix.remove_action, self.project, self.item_id, action.id) is not None:
                self.rebuild()

        self._confirm(t("matrix.screen.remove_action", action=action.label), t("matrix.key.remove_action"), remove)

    def action_import_proposals(self) -> None:
        added = self._attempt(matrix.import_proposals, self.project, self.item_id)
        if added is not None:
            self.notify(t("matrix.screen.imported", count=added), markup=False)
            self.rebuild()

    def action_propose(self) -> None:
        action, actor = self._current()
        if action is None or actor is None:
            return
        if self._attempt(matrix.propose_action, self.project, self.item_id, action.id, actor.id) is not None:
            self.notify(t("matrix.screen.proposed", action=action.label, actor=actor.name), markup=False)
            self.rebuild()

    def action_limit(self, delta: int) -> None:
        if self._attempt(matrix.set_pilot_limit, self.project, self.item_id, self.state.pilot_limit + delta) is not None:
            self._reload()
            self.refresh_checks()

    # Columns ----------------------------------------------------------------------------------------
    def action_add_actor(self) -> None:
        def save(name: str) -> matrix.Actor:
            return matrix.add_external_actor(self.project, self.item_id, name)

        def added(_actor: matrix.Actor) -> None:
            self.rebuild(keep=(self.query_one("#grid", DataTable).cursor_row, len(self.columns) + 1))

        self._prompt(t("matrix.screen.new_actor"), save, added)

    def action_rename_actor(self) -> None:
        _, actor = self._current()
        if actor is None:
            return

        def save(name: str) -> matrix.Actor:
            return matrix.rename_actor(self.project, self.item_id, actor.id, name)

        self._prompt(t("matrix.screen.rename_actor"), save, lambda _renamed: self.rebuild(), actor.name)

    def action_move_actor(self, delta: int) -> None:
        _, actor = self._current()
        grid = self.query_one("#grid", DataTable)
        if actor is None:
            return
        if self._attempt(matrix.move_actor, self.project, self.item_id, actor.id, delta) is not None:
            self.rebuild(keep=(grid.cursor_row, max(1, grid.cursor_column + delta)))

    def action_remove_actor(self) -> None:
        _, actor = self._current()
        if actor is None:
            return

        def remove() -> None:
            if self._attempt(matrix.remove_actor, self.project, self.item_id, actor.id) is not None:
                self.rebuild()

        self._confirm(t("matrix.screen.remove_actor", actor=actor.name), t("matrix.key.remove_actor"), remove)

    # Confirmation -------------------------------------------------------------------------------------
    def action_confirm(self) -> None:
        """The structure of the current column confirms (or withdraws) its commitments, on its word."""
        _, actor = self._current()
        if actor is None:
            return
        if matrix.confirmation_status(self.state, actor.id) == "confirmed":
            done = self._attempt(matrix.unconfirm, self.project, self.item_id, actor.id)
        else:
            done = self._attempt(matrix.confirm, self.project, self.item_id, actor.id, "facilitator", 0, self.app.clock.now())
        if done is not None:
            self.rebuild()

    def round_finished(self, round_id: int) -> None:
        self._attempt(matrix.record_confirm_round, self.project, self.item_id, round_id, self.app.clock.now())
        self.rebuild()

    def action_confirm_round(self) -> None:
        started = self._attempt(matrix.start_confirm_round, self.project, self.item_id)
        if started is None:
            return

        def finished(_result: object) -> None:
            self._attempt(matrix.record_confirm_round, self.project, self.item_id, started.id, self.app.clock.now())
            self.rebuild()

        self.run_round(started.id, finished)
