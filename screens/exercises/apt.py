"""Attractions, fears, temptations on the projected screen: groups, grid, weights, plans, balance."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from exercises import apt, apt_balance, apt_exercise, apt_outputs
from exercises.apt import CATEGORIES, AptState, Category, Perspective, Step
from screens.exercises.stepped import SteppedExerciseScreen
from screens.modals.confirm import ConfirmModal
from screens.modals.pick_one import PickOneModal
from screens.modals.prompt import PromptModal
from workshop.errors import NotFound
from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.project import Project
    from workshop.proposals import Proposal

# Colours of the three feelings, in the grid and in the balance chart.
STYLE = {Category.ATTRACTION: "green", Category.FEAR: "red", Category.TEMPTATION: "yellow"}
BAR = {Category.ATTRACTION: "█", Category.FEAR: "▓", Category.TEMPTATION: "░"}
PERSPECTIVES = (Perspective.SELF, Perspective.OTHERS, Perspective.UNKNOWN)
NO_VALUE = "no-value"  # the choice that unties a rule from any value
PLANS = Binding.Group("apt.key.plans", compact=True)
GROUPS = Binding.Group("apt.key.groups", compact=True)


def _only(*steps: Step) -> frozenset[str]:
    return frozenset(s.value for s in steps)


class AptScreen(SteppedExerciseScreen):
    exercise = apt_exercise.EXERCISE
    steps = tuple(s.value for s in apt.STEPS)
    step_prefix = "apt.step."
    BINDINGS = [
        # Priority: the table's own Enter would hide it from the key bar.
        Binding("enter", "open_row", "apt.key.edit", priority=True),
        # Groups
        Binding("t", "switch_groups", "apt.key.structures"),
        Binding("a", "add_group", "apt.key.add_group"),
        Binding("e", "rename_group", "apt.key.rename", show=False),
        Binding("delete", "remove_group", "apt.key.remove", show=False),
        Binding("shift+up", "move_group(-1)", "apt.key.up", show=False),
        Binding("shift+down", "move_group(1)", "apt.key.down", show=False),
        # Grid
        Binding("left", "group(-1)", "apt.key.prev_group", key_display="←", priority=True, group=GROUPS),
        Binding("right", "group(1)", "apt.key.next_group", key_display="→", priority=True, group=GROUPS),
        Binding("1", "category('attraction')", "apt.key.attraction", show=False),
        Binding("2", "category('fear')", "apt.key.fear", show=False),
        Binding("3", "category('temptation')", "apt.key.temptation", show=False),
        Binding("0", "category('')", "apt.key.all", show=False),
        Binding("r", "round", "apt.key.round"),
        Binding("a", "add_item", "apt.key.add"),
        Binding("e", "edit_item", "apt.key.edit", show=False),
        Binding("delete", "remove_item", "apt.key.remove"),
        Binding("m", "mirror", "apt.key.mirror"),
        Binding("s", "perspective", "apt.key.perspective", show=False),
        # Weighing
        Binding("v", "weigh", "apt.key.vote"),
        # Outputs
        Binding("1", "plan('attraction')", "apt.key.objectives", group=PLANS),
        Binding("2", "plan('fear')", "apt.key.risks", group=PLANS),
        Binding("3", "plan('temptation')", "apt.key.charter", group=PLANS),
        Binding("e", "write_output", "apt.key.output", show=False),
        Binding("m", "mitigation", "apt.key.mitigation"),
        Binding("o", "owner", "apt.key.owner"),
        Binding("v", "value", "apt.key.value"),
        Binding("p", "proposal", "apt.key.proposal"),
    ]
    STEP_ACTIONS = {
        "switch_groups": _only(Step.GROUPS),
        "add_group": _only(Step.GROUPS),
        "rename_group": _only(Step.GROUPS),
        "remove_group": _only(Step.GROUPS),
        "move_group": _only(Step.GROUPS),
        "open_row": _only(Step.GROUPS, Step.GRID, Step.OUTPUTS),
        "group": _only(Step.GRID, Step.WEIGH),
        "category": _only(Step.GRID, Step.WEIGH),
        "plan": _only(Step.OUTPUTS),
        "round": _only(Step.GRID),
        "add_item": _only(Step.GRID),
        "edit_item": _only(Step.GRID),
        "remove_item": _only(Step.GRID),
        "mirror": _only(Step.GRID),
        "perspective": _only(Step.GRID),
        "weigh": _only(Step.WEIGH),
        "write_output": _only(Step.OUTPUTS),
        "mitigation": _only(Step.OUTPUTS),
        "owner": _only(Step.OUTPUTS),
        "value": _only(Step.OUTPUTS),
        "proposal": _only(Step.OUTPUTS),
    }

    def __init__(self, project: Project, workshop_id: int, item_id: int) -> None:
        super().__init__(project, workshop_id, item_id)
        self.state: AptState = apt.state(project, item_id)
        self.group_index = 0
        self.weigh_group: int | None = None  # weighing: one group's items, or everyone's (None)
        self.category: str = Category.ATTRACTION.value  # grid: the cell's feeling; weigh/outputs: the filter
        self.rows: list[int] = []  # ids (groups or items) of the table's rows

    def compose_body(self) -> ComposeResult:
        yield Static(id="title", classes="section-title")
        yield DataTable(id="grid", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="balance"):
            yield Static(id="chart")
        yield Static(id="detail")

    # State ------------------------------------------------------------------------------------
    @property
    def step(self) -> str:
        return self.state.step

    def store_step(self, step: str) -> None:
        saved = self.app.attempt(apt.set_step, self.project, self.item_id, step)
        if saved is not None:
            self.state = saved
            if step in (Step.WEIGH, Step.OUTPUTS):
                self.category = "" if step == Step.WEIGH else Category.ATTRACTION.value

    def reload(self) -> None:
        self.state = apt.state(self.project, self.item_id)
        self.refresh_view()

    def do(self, action: Callable[..., object], *args: object) -> object:
        """Run a core change, then show the stored state."""
        result = self.app.attempt(action, self.project, self.item_id, *args)
        self.reload()
        return result

    def prompt(self, question: str, action: Callable[..., object], *args: object, value: str = "") -> None:
        """Ask for a text and save it with `action(project, item, *args, text)`; a
        refusal is said in the question, which stays open."""

        def save(text: str) -> object:
            return action(self.project, self.item_id, *args, text)

        self.app.push_screen(PromptModal(question, value=value, save=save), lambda _done: self.reload())

    @property
    def group(self) -> apt.Group | None:
        groups = self.state.groups
        if not groups:
            return None
        self.group_index = max(0, min(self.group_index, len(groups) - 1))
        return groups[self.group_index]

    # What the keys can do -------------------------------------------------------------------
    def can(self, action: str, parameters: tuple[object, ...]) -> bool:
        state = self.state
        step = self.step
        if action in ("rename_group", "move_group"):
            return self.selected() is not None
        if action == "remove_group":
            selected = self.selected()
            return selected is not None and not state.items_of(selected)  # a group with items stays
        if action == "open_row":
            return self.selected() is not None if step == Step.GROUPS else self.selected_item() is not None
        if action == "group":
            return len(state.groups) > 1 if step == Step.GRID else bool(state.groups)
        if action == "category":
            return bool(parameters[0]) or step == Step.WEIGH  # 0 (all feelings) only filters the weighing
        if action in ("round", "add_item", "mirror"):
            return self.group is not None
        if action in ("edit_item", "remove_item", "write_output", "proposal"):
            return self.selected_item() is not None
        if action == "perspective":
            return state.mirror and self.selected_item() is not None
        if action == "weigh":
            return bool(self.rows)
        if action in ("mitigation", "owner"):
            return self._fear() is not None
        if action == "value":
            item = self.selected_item()
            return item is not None and item.category == Category.TEMPTATION
        if action == "plan":
            return parameters[0] != self.category
        return True

    def binding_label(self, action: str) -> str | None:
        if action == "open_row":
            return t("apt.key.rename") if self.step == Step.GROUPS else (t("apt.key.output") if self.step == Step.OUTPUTS else None)
        return None

    def action_open_row(self) -> None:
        if self.step == Step.OUTPUTS:
            self.action_write_output()
        elif self.step == Step.GRID:
            self.action_edit_item()
        elif self.step == Step.GROUPS:
            self.action_rename_group()

    def action_plan(self, category: str) -> None:
        self.action_category(category)

    def hint(self) -> str:
        if self.step == Step.GRID:
            return t("apt.screen.grid_hint", n=self.group_index + 1, total=len(self.state.groups))
        return t(f"apt.screen.{self.step}_hint")

    def selected(self) -> int | None:
        row = self.query_one(DataTable).cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def selected_item(self) -> apt.Item | None:
        selected = self.selected()
        if selected is None or self.step == Step.GROUPS:
            return None
        try:
            return self.state.item(selected)
        except NotFound:  # removed meanwhile
            return None

    # Display -------------------------------------------------------------------------------------
    def show(self) -> None:
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        self.rows = []
        balance = self.step == Step.BALANCE
        table.display = not balance
        self.query_one("#balance").display = balance
        getattr(self, f"show_{self.step}")(table)
        if 0 <= keep < len(self.rows):
            table.move_cursor(row=keep)
        self.show_detail()

    def _title(self, text: str) -> None:
        self.query_one("#title", Static).update(Content(text))

    def show_groups(self, table: DataTable) -> None:
        mode = t(f"apt.screen.mode_{self.state.group_mode}")
        self._title(mode)
        self.add_columns(table, [(t("apt.col.group"), 0), *((t(f"apt.category.{c.value}.plural"), 11) for c in CATEGORIES)])
        for group in self.state.groups:
            counts = [str(len(self.state.items_of(group.id, c))) for c in CATEGORIES]
            table.add_row(Text(group.label), *(Text(n) for n in counts))
            self.rows.append(group.id)
        self.set_status("")

    def show_grid(self, table: DataTable) -> None:
        group = self.group
        if group is None:
            self._title("")
            return
        items = self.state.items_of(group.id)
        self._title(t("apt.screen.group_title", group=group.label, count=len(items)))
        mirror = self.state.mirror
        columns = [(t("apt.col.feeling"), 10), (t("apt.col.item"), 0)]
        if mirror:
            columns.append((t("apt.col.perspective"), 14))
        columns.append((t("apt.col.weight"), 5))
        self.add_columns(table, columns)
        if mirror:
            rank = {p.value: n for n, p in enumerate(PERSPECTIVES)}
            order = {c.value: n for n, c in enumerate(CATEGORIES)}
            items = sorted(items, key=lambda i: (order[i.category], rank[i.perspective], -(i.weight or 0)))
        for item in items:
            cells = [_feeling(item.category), Text(item.text)]
            if mirror:
                cells.append(Text(t(f"apt.perspective.{item.perspective or 'unknown'}")))
            cells.append(Text("" if item.weight is None else f"{item.weight:g}"))
            table.add_row(*cells)
            self.rows.append(item.id)
        category = Category(self.category or Category.ATTRACTION)
        status = t("apt.screen.category_now", category=t(f"apt.category.{category.value}.short"), hint=t(f"apt.category.{category.value}.hint"))
        if mirror:
            status += "\n" + t("apt.screen.mirror_on")
        self.set_status(status)

    def show_weigh(self, table: DataTable) -> None:
        groups = {g.id for g in self.state.groups}
        if self.weigh_group not in groups:
            self.weigh_group = None
        scope = apt.weighing_scope(self.state, self.category or None, self.weigh_group)
        items = sorted(scope, key=lambda i: -(i.weight or 0))
        name = t(f"apt.category.{self.category}.plural") if self.category else t("apt.screen.scope_all")
        if self.weigh_group is not None:
            name = f"{name} · {self.state.group(self.weigh_group).label}"
        self._title(t("apt.screen.weigh_scope", scope=name) + f" ({len(items)})")
        self.add_columns(table, [(t("apt.col.weight"), 5), (t("apt.col.group"), 16), (t("apt.col.feeling"), 10), (t("apt.col.item"), 0)])
        for item in items:
            weight = "" if item.weight is None else f"{item.weight:g}"
            table.add_row(Text(weight), Text(self.state.group(item.group_id).label), _feeling(item.category), Text(item.text))
            self.rows.append(item.id)
        self.set_status("")

    def show_outputs(self, table: DataTable) -> None:
        category = Category(self.category or Category.ATTRACTION)
        self.category = category.value
        group = t("apt.col.group")
        if category == Category.ATTRACTION:
            self._title(t("apt.minutes.objectives"))
            self.add_columns(table, [(group, 14), (t("apt.col.attraction"), 0), (t("apt.col.objective"), 0)])
            for objective in apt_outputs.objectives_plan(self.state):
                table.add_row(Text(objective.group), Text(objective.item.text), Text(objective.text))
                self.rows.append(objective.item.id)
        elif category == Category.FEAR:
            self._title(t("apt.minutes.risks"))
            self.add_columns(table, [(group, 14), (t("apt.col.risk"), 0), (t("apt.col.mitigation"), 0), (t("apt.col.owner"), 14)])
            for risk in apt_outputs.risk_plan(self.state):
                table.add_row(Text(risk.group), Text(risk.risk), Text(risk.mitigation or "…"), Text(risk.owner or "…"))
                self.rows.append(risk.item.id)
        else:
            self._title(t("apt.minutes.charter"))
            self.add_columns(table, [(group, 14), (t("apt.col.rule"), 0), (t("apt.col.value"), 18)])
            for rule in apt_outputs.charter(self.project, self.state):
                table.add_row(Text(rule.group), Text(rule.rule), Text(rule.value or "—"))
                self.rows.append(rule.item.id)
        self.set_status("")

    def show_balance(self, table: DataTable) -> None:
        self._title(t("apt.minutes.balance"))
        readings = apt_balance.balance(self.state)
        label_width = min(24, max((len(r.group.label) for r in readings), default=8))
        width = max(10, min(60, self.size.width - label_width - 26))
        lines: list[Content] = [Content(t("apt.screen.legend")).stylize("dim")]
        seen: list[apt.Dynamic] = []
        for reading in readings:
            name = reading.group.label[:label_width].ljust(label_width)
            dynamic = t(f"apt.dynamic.{reading.dynamic.value}")
            lines.append(Content.assemble(Content(name).stylize("bold"), "  ", (dynamic, "italic")))
            bar: list[Content] = [Content(" " * label_width + "  ")]
            total = sum(reading.scores.values())
            for category in CATEGORIES:
                cells = round(width * reading.scores[category] / total) if total else 0
                bar.append(Content.styled(BAR[category] * cells, STYLE[category]))
            counts = "/".join(str(reading.counts[c]) for c in CATEGORIES)
            mode = t("apt.screen.weighed") if reading.weighed else ""
            bar.append(Content(f" {counts} {mode}".rstrip()).stylize("dim"))
            lines.append(Content("").join(bar))
            if reading.dynamic not in seen:
                seen.append(reading.dynamic)
        lines.append(Content(""))
        for dynamic in seen:
            label = t("common.label", label=t(f"apt.dynamic.{dynamic.value}"))  # "Mixte : " / "Mixed: "
            lines.append(Content.assemble((label, "bold"), t(f"apt.dynamic.{dynamic.value}.reading")))
        self.query_one("#chart", Static).update(Content("\n").join(lines))
        self.set_status("")

    def show_detail(self) -> None:
        detail = self.query_one("#detail", Static)
        item = self.selected_item()
        detail.display = item is not None
        if item is None:
            return
        lines = [Content(item.text)]
        if item.participant_id:
            try:
                lines.append(Content(t("common.label", label=t("apt.col.said_by")) + self.project.participant(item.participant_id).name))
            except NotFound:  # a person removed since
                pass
        if self.step == Step.OUTPUTS:
            for label, text in self._output_lines(item):
                lines.append(Content.assemble((label, "bold"), " ", text))
        detail.update(Content("\n").join(lines))

    def _output_lines(self, item: apt.Item) -> list[tuple[str, str]]:
        if item.category == Category.ATTRACTION:
            return [("→", item.output or item.text)]
        if item.category == Category.FEAR:
            return [("→", item.output or item.text), (t("apt.col.mitigation"), item.mitigation or "…"), (t("apt.col.owner"), item.owner or "…")]
        rule = next((r for r in apt_outputs.charter(self.project, self.state) if r.item.id == item.id), None)
        return [("→", rule.rule), (t("apt.col.value"), rule.value or "—")] if rule else []

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()
        self.refresh_bindings()

    def on_resize(self) -> None:
        if self.is_mounted and self.step == Step.BALANCE:
            self.show()

    # Step 1: groups ----------------------------------------------------------------------------------
    def action_switch_groups(self) -> None:
        to_structures = self.state.group_mode == apt.GroupMode.STAKEHOLDERS
        question = t("apt.screen.switch_confirm" if to_structures else "apt.screen.switch_back_confirm")

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.do(apt.use_structures if to_structures else apt.use_stakeholder_groups)

        self.app.push_screen(ConfirmModal(question, t("common.yes")), confirmed)

    def action_add_group(self) -> None:
        self.prompt(t("apt.screen.add_group_prompt"), apt.add_group)

    def action_rename_group(self) -> None:
        group_id = self.selected()
        if group_id is None:
            return
        group = self.state.group(group_id)

        self.prompt(t("apt.screen.rename_group_prompt"), apt.rename_group, group_id, value=group.label)

    def action_remove_group(self) -> None:
        group_id = self.selected()
        if group_id is None:
            return
        group = self.state.group(group_id)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.do(apt.remove_group, group_id)

        self.app.push_screen(ConfirmModal(t("apt.screen.remove_group_confirm", label=group.label), t("apt.key.remove")), confirmed)

    def action_move_group(self, delta: int) -> None:
        group_id = self.selected()
        if group_id is not None:
            self.do(apt.move_group, group_id, delta)
            index = next(n for n, g in enumerate(self.state.groups) if g.id == group_id)
            self.query_one(DataTable).move_cursor(row=index)

    # Step 2: the grid --------------------------------------------------------------------------------------
    def action_group(self, delta: int) -> None:
        if self.step == Step.WEIGH:
            # Everyone's items, then each group's in turn.
            ids: list[int | None] = [None, *(g.id for g in self.state.groups)]
            index = ids.index(self.weigh_group) if self.weigh_group in ids else 0
            self.weigh_group = ids[(index + delta) % len(ids)]
            self.refresh_view()
            return
        if self.state.groups:
            self.group_index = (self.group_index + delta) % len(self.state.groups)
            self.refresh_view()

    def action_category(self, category: str) -> None:
        if self.step == Step.GRID and not category:
            return
        self.category = category
        if self.step == Step.GRID:
            # Put the cursor on the chosen feeling's first item.
            for row, item_id in enumerate(self.rows):
                if self.state.item(item_id).category == category:
                    self.query_one(DataTable).move_cursor(row=row)
                    break
            self.show_grid_status()
        else:
            self.refresh_view()

    def show_grid_status(self) -> None:
        category = Category(self.category or Category.ATTRACTION)
        self.set_status(t("apt.screen.category_now", category=t(f"apt.category.{category.value}.short"), hint=t(f"apt.category.{category.value}.hint")))

    def action_round(self) -> None:
        from workshop.rounds import rounds_of

        group = self.group
        if group is None:
            return
        running = [r for r in rounds_of(self.project, self.workshop_id, self.item_id, owner=apt.CONTRIBUTE_OWNER) if not r.done]
        category = self.category or Category.ATTRACTION.value
        started = running[0] if running else self.app.attempt(apt.start_contribution_round, self.project, self.item_id, group.id, category)
        if started is None:
            return
        round_id = started.id
        self.reload()
        self.run_round(round_id, lambda _result: self._collect(round_id))

    def round_finished(self, round_id: int) -> None:
        from workshop.rounds import get_round

        if get_round(self.project, round_id).spec.owner == apt.WEIGH_OWNER:
            self._weights(round_id)
        else:
            self._collect(round_id)

    def _collect(self, round_id: int) -> None:
        from workshop.rounds import get_round

        if get_round(self.project, round_id).done:
            self.app.attempt(apt.collect_contributions, self.project, self.item_id, round_id)
        self.reload()

    def action_add_item(self) -> None:
        group = self.group
        if group is None:
            return
        category = Category(self.category or Category.ATTRACTION)

        question = t("apt.screen.add_prompt", category=t(f"apt.category.{category.value}.short"), group=group.label)
        self.prompt(question, apt.add_item, group.id, category.value)

    def action_edit_item(self) -> None:
        item = self.selected_item()
        if item is None:
            return

        self.prompt(t("apt.screen.edit_prompt"), apt.edit_item, item.id, value=item.text)

    def action_remove_item(self) -> None:
        item = self.selected_item()
        if item is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.do(apt.remove_item, item.id)

        self.app.push_screen(ConfirmModal(t("apt.screen.remove_confirm", text=item.text), t("apt.key.remove")), confirmed)

    def action_mirror(self) -> None:
        self.do(apt.set_mirror, not self.state.mirror)

    def action_perspective(self) -> None:
        item = self.selected_item()
        if item is not None:
            following = PERSPECTIVES[(PERSPECTIVES.index(Perspective(item.perspective)) + 1) % len(PERSPECTIVES)]
            self.do(apt.set_perspective, item.id, following.value)

    # Step 3: weighing ----------------------------------------------------------------------------------------
    def action_weigh(self) -> None:
        from workshop.rounds import Round, rounds_of

        started: Round | None
        running = [r for r in rounds_of(self.project, self.workshop_id, self.item_id, owner=apt.WEIGH_OWNER) if not r.done]
        if running:
            started = running[0]
        else:
            started = self.app.attempt(apt.start_weighting_round, self.project, self.item_id, self.category or None, self.weigh_group)
        if started is None:
            return
        round_id = started.id
        self.reload()
        self.run_round(round_id, lambda _result: self._weights(round_id))

    def _weights(self, round_id: int) -> None:
        from workshop.rounds import get_round

        if get_round(self.project, round_id).done:
            self.app.attempt(apt.collect_weights, self.project, self.item_id, round_id)
        self.reload()

    # Step 4: outputs -----------------------------------------------------------------------------------------
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if self.step == Step.OUTPUTS:
            self.action_write_output()
        elif self.step == Step.GRID:
            self.action_edit_item()
        elif self.step == Step.GROUPS:
            self.action_rename_group()

    def action_write_output(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        setter: Callable[[Project, int, int, str], apt.Item]
        if item.category == Category.ATTRACTION:
            prompt, setter = t("apt.screen.objective_prompt", text=item.text), apt_outputs.set_objective
            current = item.output or item.text
        elif item.category == Category.FEAR:
            prompt, setter = t("apt.screen.risk_prompt", text=item.text), apt_outputs.set_risk
            current = item.output or item.text
        else:
            prompt, setter = t("apt.screen.rule_prompt", text=item.text), apt_outputs.set_rule
            current = item.output

        self.prompt(prompt, setter, item.id, value=current)

    def _fear(self) -> apt.Item | None:
        item = self.selected_item()
        return item if item is not None and item.category == Category.FEAR else None

    def action_mitigation(self) -> None:
        item = self._fear()
        if item is None:
            return

        question = t("apt.screen.mitigation_prompt", text=item.output or item.text)
        self.prompt(question, lambda p, i, a, v: apt_outputs.set_risk(p, i, a, mitigation=v), item.id, value=item.mitigation)

    def action_owner(self) -> None:
        item = self._fear()
        if item is None:
            return

        question = t("apt.screen.owner_prompt", text=item.output or item.text)
        self.prompt(question, lambda p, i, a, v: apt_outputs.set_risk(p, i, a, owner=v), item.id, value=item.owner)

    def action_value(self) -> None:
        item = self.selected_item()
        if item is None or item.category != Category.TEMPTATION:
            return
        offered = apt_outputs.charter_values(self.project, self.workshop_id)
        if not offered:
            self.notify(t("apt.screen.no_values"), markup=False, severity="warning")
            return
        choices: list[tuple[str, apt_outputs.SharedValueRef | str]] = [(v.label, v) for v in offered]
        choices.append((t("apt.screen.no_value"), NO_VALUE))

        def picked(value: apt_outputs.SharedValueRef | str | None) -> None:
            if value is not None:  # None: cancelled
                chosen = value if isinstance(value, apt_outputs.SharedValueRef) else None
                self.do(lambda p, i, a, v: apt_outputs.set_rule(p, i, a, value=v), item.id, chosen)

        self.app.push_screen(PickOneModal(t("apt.screen.value_pick"), choices), picked)

    def action_proposal(self) -> None:
        """Record an action proposal raised on this item for the commitment tracker."""
        from screens.modals.proposal import ProposalModal

        item = self.selected_item()
        if item is None:
            return
        structure_id, participant_id = apt_outputs.proposal_author(self.project, self.state, item.id)
        text = apt_outputs.proposal_text(self.state, item.id)

        def recorded(proposal: Proposal | None) -> None:
            if proposal is not None:
                self.do(apt_outputs.link_proposal, item.id, proposal.id)

        modal = ProposalModal(self.project, self.workshop_id, self.item_id, "apt", text, structure_id, participant_id)
        self.app.push_screen(modal, recorded)


def _feeling(category: str) -> Text:
    return Text(t(f"apt.category.{category}.short"), style=STYLE[Category(category)])
