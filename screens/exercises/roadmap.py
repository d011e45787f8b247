"""The roadmap on the shared screen: the nine steps, the milestones and the timeline.

Every step is one table of what the step produces; the keys offered are those
that make sense on it. The step is stored by the exercise (a restart lands where
the room was) and any step can be visited again: 1–9 jump to a step, J to the
milestones, G to the timeline. A roadmap taken up at a later workshop opens on
the timeline and says which actions are late.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Static

from exercises import (
    means,
    periods,
    roadmap,
    roadmap_actions,
    roadmap_exercise,
    roadmap_follow,
    roadmap_objectives,
)
from exercises.roadmap import RoadmapState, Step
from exercises.roadmap_timeline import timeline
from exercises.wording import word_spans
from screens.exercises.roadmap_editing import RoadmapEditing
from screens.exercises.roadmap_gantt import GanttTable, fill_gantt
from screens.exercises.stepped import SteppedExerciseScreen
from workshop.errors import NotFound
from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.project import Project

MISSING = "—"


def _only(*steps: Step) -> frozenset[str]:
    return frozenset(s.value for s in steps)


ACTION_STEPS = (Step.ACTIONS, Step.SKILLS, Step.RESOURCES, Step.PARTNERS, Step.CALENDAR)


class RoadmapScreen(RoadmapEditing, SteppedExerciseScreen):
    CSS_PATH = ["stepped.tcss", "roadmap.tcss"]
    exercise = roadmap_exercise.EXERCISE
    steps = tuple(s.value for s in roadmap.STEPS)
    step_prefix = "roadmap.step."
    BINDINGS = [
        *(Binding(str(n), f"goto('{step.value}')", f"roadmap.step.{step.value}", show=False) for n, step in enumerate(roadmap.NINE_STEPS, start=1)),
        Binding("j", "goto('milestones')", "roadmap.step.milestones", show=False),
        Binding("g", "goto('timeline')", "roadmap.step.timeline", show=False),
        Binding("r", "round", "roadmap.key.round"),
        Binding("a", "add", "roadmap.key.add"),
        Binding("p", "take", "roadmap.key.take"),
        Binding("e", "edit", "roadmap.key.edit"),
        Binding("delete", "remove", "roadmap.key.remove", show=False),
        Binding("space", "mark", "roadmap.key.mark"),
        Binding("m", "gather", "roadmap.key.gather"),
        Binding("u", "ungather", "roadmap.key.ungather", show=False),
        Binding("asterisk", "pilot", "roadmap.key.pilot", key_display="*"),
        Binding("x", "matrix", "roadmap.key.matrix"),
        Binding("i", "take_means", "roadmap.key.take_means"),
        Binding("s", "status", "roadmap.key.status"),
        Binding("shift+up", "move(-1)", "roadmap.key.move", show=False),
        Binding("shift+down", "move(1)", "roadmap.key.move", show=False),
    ]
    STEP_ACTIONS = {
        "round": _only(Step.STAKES),
        "add": _only(Step.STAKES, Step.SHARED, Step.OBJECTIVES, Step.OPERATIONAL, Step.ACTIONS, Step.RESOURCES, Step.MILESTONES),
        "take": _only(Step.ACTIONS),
        "remove": _only(Step.STAKES, Step.SHARED, Step.OBJECTIVES, Step.OPERATIONAL, Step.ACTIONS, Step.RESOURCES, Step.MILESTONES),
        "mark": _only(Step.SHARED),
        "gather": _only(Step.SHARED),
        "ungather": _only(Step.SHARED),
        "pilot": _only(Step.ACTIONS, Step.TIMELINE),
        "matrix": _only(Step.ACTIONS),
        "take_means": _only(Step.RESOURCES),
        "status": _only(Step.CALENDAR, Step.TIMELINE),
        "move": _only(Step.OBJECTIVES),
    }

    def __init__(self, project: Project, workshop_id: int, item_id: int) -> None:
        super().__init__(project, workshop_id, item_id)
        self.state: RoadmapState = roadmap.load(project, item_id)
        self.rows: list[Any] = []  # what each row of the table is (ids, per step)
        self.marked: set[int] = set()  # stakes marked to be gathered (step 2)

    def compose_body(self) -> ComposeResult:
        yield Static(id="title", classes="section-title")
        yield DataTable(id="table", cursor_type="row", zebra_stripes=True)
        yield GanttTable(id="gantt")
        yield Static(id="detail")

    def on_mount(self) -> None:
        if set(self.state.stake_rounds) - set(self.state.collected_rounds):
            # A stakes round that ended while the screen was away (a restart): its stakes now.
            self.app.attempt(roadmap.collect_stakes, self.project, self.item_id)
            self.state = roadmap.load(self.project, self.item_id)
        super().on_mount()
        self.focus_table()

    # State --------------------------------------------------------------------------------------
    @property
    def step(self) -> str:
        return self.state.step

    @property
    def today(self) -> str:
        return self.project.today()  # the app's clock, which the project reads

    def store_step(self, step: str) -> None:
        saved = self.app.attempt(roadmap.set_step, self.project, self.item_id, step)
        if saved is not None:
            self.state = saved

    def reload(self) -> None:
        self.state = roadmap.load(self.project, self.item_id)
        self.marked &= {s.id for s in self.state.stakes}
        self.refresh_view()

    def do(self, action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """A core change on this roadmap, then the stored state shown again."""
        result = self.app.attempt(action, self.project, self.item_id, *args, **kwargs)
        self.reload()
        return result

    def after_form(self, result: object) -> None:
        if result is not None:
            self.reload()

    def steps_bar(self) -> Content:
        """Numbers for the steps, the current one named: it fits 80 columns."""
        parts: list[Content] = []
        for number, step in enumerate(self.steps, start=1):
            label = t(f"roadmap.step.{step}")
            short = str(number) if number <= len(roadmap.NINE_STEPS) else t(f"roadmap.step_key.{step}")
            if step == self.step:
                shown = label if number > len(roadmap.NINE_STEPS) else t("roadmap.step_numbered", number=number, label=label)
                parts.append(Content.styled(f" {shown} ", "reverse bold"))
            else:
                parts.append(Content.styled(f" {short} ", "dim"))
        return Content.assemble(Content.styled(t("roadmap.screen.steps"), "bold"), " ", Content("").join(parts))

    def hint(self) -> str:
        hint = t(f"roadmap.hint.{self.step}")
        overdue = roadmap_follow.late(self.project, self.state, self.today) if self.step != Step.TIMELINE else []
        # Taken up again at a later workshop: what is late is said first, on the
        # screen itself (the timeline names each late action).
        return t("roadmap.screen.late_notice", count=len(overdue)) + "\n" + hint if overdue else hint

    def focus_table(self) -> None:
        (self.query_one("#gantt", DataTable) if self.step == Step.TIMELINE else self.query_one("#table", DataTable)).focus()

    def action_goto(self, step: str) -> None:
        super().action_goto(step)
        self.focus_table()

    def action_step(self, delta: int) -> None:
        super().action_step(delta)
        self.focus_table()

    # Display ------------------------------------------------------------------------------------
    def _title(self, text: str) -> None:
        self.query_one("#title", Static).update(Content(text))

    def current(self) -> Any:
        table = self.query_one("#gantt" if self.step == Step.TIMELINE else "#table", DataTable)
        row = table.cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def show(self) -> None:
        gantt = self.step == Step.TIMELINE
        table = self.query_one("#table", DataTable)
        self.query_one("#gantt", DataTable).display = gantt
        table.display = not gantt
        keep = (self.query_one("#gantt", DataTable) if gantt else table).cursor_row
        kept = self.rows[keep] if 0 <= keep < len(self.rows) else None
        if not gantt:
            table.clear(columns=True)
        self.rows = []
        getattr(self, f"show_{self.step}")(table)
        shown = self.query_one("#gantt", DataTable) if gantt else table
        if self.rows:
            # The cursor stays on the same entry when the order changes (a pilot subject goes first).
            row = self.rows.index(kept) if kept in self.rows else max(0, min(keep, len(self.rows) - 1))
            shown.move_cursor(row=row)
        self.show_detail()

    def names(self) -> dict[int, str]:
        return {s.id: s.name for s in self.project.structures()}

    def show_stakes(self, table: DataTable) -> None:
        names = self.names()
        grouped = roadmap.stakes_by_structure(self.project, self.state)
        self._title(t("roadmap.screen.stakes_title", structures=len(grouped), stakes=len(self.state.stakes)))
        self.add_columns(table, [(t("roadmap.col.structure"), 24), (t("roadmap.col.stakes"), 0)])
        for structure_id, stakes in grouped:
            for stake in stakes:
                table.add_row(Text(names.get(structure_id, MISSING)), Text(stake.text))
                self.rows.append(stake.id)
        running = roadmap.running_stakes_round(self.project, self.item_id)
        self.set_status(t("roadmap.screen.round_running") if running else "")

    def show_shared(self, table: DataTable) -> None:
        names = self.names()
        words = roadmap.crossing(self.state)
        keys = {w.key for w in words}
        shown = ", ".join(t("roadmap.minutes.word", word=w.shown, count=w.drafts) for w in words[:10])
        self._title(t("roadmap.screen.words", words=shown) if words else t("roadmap.screen.no_words"))
        number = {s.id: n for n, s in enumerate(self.state.shared, start=1)}
        self.add_columns(table, [("", 2), (t("roadmap.col.structure"), 20), (t("roadmap.col.stakes"), 0), (t("roadmap.col.in_shared"), 9)])
        for structure_id, stakes in roadmap.stakes_by_structure(self.project, self.state):
            for stake in stakes:
                within = [f"E{number[s.id]}" for s in self.state.shared if stake.id in s.stake_ids]
                text = _highlighted_text(stake.text, keys)
                table.add_row(Text("✓" if stake.id in self.marked else ""), Text(names.get(structure_id, MISSING)), text, Text(" ".join(within)))
                self.rows.append(stake.id)
        lines = [
            t("roadmap.screen.shared_line", number=n, text=s.text, count=len(self.state.structures_sharing(s)))
            for n, s in enumerate(self.state.shared, start=1)
        ]
        self.set_status("\n".join(lines) if lines else t("roadmap.screen.no_shared"))

    def _supra_title(self) -> None:
        if self.state.supra_text:
            self._title(t("roadmap.screen.supra", text=self.state.supra_text))
        else:
            found = roadmap_objectives.adopted_supra(self.project, self.workshop_id)
            self._title(t("roadmap.screen.supra", text=found.text) if found else t("roadmap.screen.no_supra"))

    def show_objectives(self, table: DataTable) -> None:
        self._supra_title()
        number = {s.id: n for n, s in enumerate(self.state.shared, start=1)}
        self.add_columns(table, [(t("roadmap.col.objective"), 0), (t("roadmap.col.from_shared_short"), 12), (t("roadmap.col.operational_count"), 8)])
        for objective in self.state.objectives:
            links = " ".join(f"E{number[i]}" for i in objective.shared_ids if i in number)
            table.add_row(Text(objective.text), Text(links), Text(str(len(self.state.operational_of(objective.id)))))
            self.rows.append(objective.id)
        self.set_status("" if self.state.shared else t("roadmap.screen.no_shared_yet"))

    def show_operational(self, table: DataTable) -> None:
        self._supra_title()
        self.add_columns(table, [(t("roadmap.col.objective"), 0), (t("roadmap.col.operational_short"), 0), (t("roadmap.col.action_count"), 8)])
        for objective, below in roadmap.plan(self.state):
            for operational, actions in below:
                table.add_row(Text(objective.text, style="dim"), Text(operational.text), Text(str(len(actions))))
                self.rows.append(operational.id)
        self.set_status("" if self.state.objectives else t("roadmap.screen.no_objective_yet"))

    def _action_label(self, action: roadmap.Action) -> Text:
        label = Text("★ " if action.pilot else "", style="bold yellow")
        label.append(action.text)
        return label

    def show_actions(self, table: DataTable) -> None:
        operational = {o.id: o.text for o in self.state.operational}
        self._title(t("roadmap.screen.actions_title", count=len(self.state.actions)))
        self.add_columns(
            table,
            [(t("roadmap.col.action"), 0), (t("roadmap.col.operational_short"), 0), (t("roadmap.col.origin"), 12), (t("roadmap.col.matrix"), 12)],
        )
        for action in self.state.ordered_actions():
            origin = t("roadmap.screen.from_proposal", number=action.proposal_id) if action.proposal_id else t("roadmap.screen.new_action")
            row = roadmap_actions.matrix_row_of(self.project, action)
            matrix = (row.pilot or t("roadmap.screen.no_pilot")) if row else MISSING
            table.add_row(self._action_label(action), Text(operational.get(action.operational_id, MISSING), style="dim"), Text(origin), Text(matrix))
            self.rows.append(action.id)
        self.set_status("" if self.state.operational else t("roadmap.screen.no_operational_yet"))

    def show_skills(self, table: DataTable) -> None:
        self._title(t("roadmap.hint_title.skills"))
        self.add_columns(table, [(t("roadmap.col.action"), 0), (t("roadmap.col.skills"), 0)])
        for action in self.state.ordered_actions():
            table.add_row(self._action_label(action), Text(action.skills or "…"))
            self.rows.append(action.id)
        self.set_status("")

    def show_resources(self, table: DataTable) -> None:
        names = self.names()
        self._title(t("roadmap.hint_title.resources"))
        self.add_columns(
            table, [(t("roadmap.col.action"), 0), (t("roadmap.col.kind"), 14), (t("roadmap.col.provider"), 18), (t("roadmap.col.means"), 0)]
        )
        for action in self.state.ordered_actions():
            if not action.resources:
                table.add_row(self._action_label(action), Text("…"), Text(""), Text(""))
                self.rows.append((action.id, -1))
            for index, item in enumerate(action.resources):
                first = index == 0
                words = " ".join(p for p in (means.format_amount(item.kind, item.amount), item.text) if p)
                table.add_row(
                    self._action_label(action) if first else Text(""),
                    Text(means.kind_label(item.kind)),
                    Text(names.get(item.structure_id, MISSING) if item.structure_id else MISSING),
                    Text(words),
                )
                self.rows.append((action.id, index))
        every = [m for a in self.state.actions for m in a.resources]
        total = means.summary([m for m in every if m.kind in (k.value for k in means.QUANTIFIED)])
        self.set_status(t("roadmap.screen.means_total", total=total) if total else "")

    def show_partners(self, table: DataTable) -> None:
        names = self.names()
        self._title(t("roadmap.hint_title.partners"))
        self.add_columns(table, [(t("roadmap.col.action"), 0), (t("roadmap.col.partners"), 0)])
        for action in self.state.ordered_actions():
            partners = ", ".join(names.get(sid, MISSING) for sid in action.partner_ids)
            table.add_row(self._action_label(action), Text(partners or "…"))
            self.rows.append(action.id)
        self.set_status("")

    def show_calendar(self, table: DataTable) -> None:
        names = self.names()
        people = {p.id: p for p in self.project.participants()}
        by_id = roadmap_follow.proposals_by_id(self.project)
        today = self.today
        self._title(t("roadmap.hint_title.calendar"))
        self.add_columns(
            table,
            [
                (t("roadmap.col.action"), 0),
                (t("roadmap.col.start"), 8),
                (t("roadmap.col.end"), 10),
                (t("roadmap.col.referent"), 16),
                (t("roadmap.col.state"), 14),
            ],
        )
        for action in self.state.ordered_actions():
            followed = roadmap_follow.follow(action, by_id, today)
            who, _ = roadmap_follow.referent_names(followed.referent, people, names)
            late = "bold red" if followed.late else ""
            table.add_row(
                self._action_label(action),
                Text(periods.format_date(followed.start) or "…"),
                Text(periods.format_date(followed.end) or "…", style=late),
                Text(who),
                Text(roadmap_follow.state_label(followed), style=late),
            )
            self.rows.append(action.id)
        self.set_status(self._late_line())

    def show_milestones(self, table: DataTable) -> None:
        names = self.names()
        self._title(t("roadmap.hint_title.milestones"))
        self.add_columns(table, [(t("roadmap.col.date"), 11), (t("roadmap.col.milestone"), 0), (t("roadmap.col.actors"), 0)])
        for milestone in self.state.milestones:
            actors = ", ".join(names.get(sid, MISSING) for sid in milestone.structure_ids)
            table.add_row(Text(periods.format_date(milestone.date)), Text(milestone.text), Text(actors or MISSING))
            self.rows.append(milestone.id)
        self.set_status("")

    def show_timeline(self, table: DataTable) -> None:
        line = timeline(self.project, self.state, self.today)
        gantt = self.query_one("#gantt", DataTable)
        self.rows = fill_gantt(gantt, line, self.size.width)
        if line.empty:
            self._title(t("roadmap.screen.timeline_empty"))
        else:
            first, last = line.months[0], line.months[-1]
            self._title(
                t(
                    "roadmap.screen.timeline_title",
                    first=periods.month_name(*first),
                    last=periods.month_name(*last),
                    count=len(line.months),
                )
            )
        status = [self._late_line()]
        if line.undated:
            status.append(t("roadmap.screen.undated", count=len(line.undated), names=", ".join(a.text for a in line.undated[:3])))
        self.set_status("\n".join(s for s in status if s))

    def _late_line(self) -> str:
        overdue = roadmap_follow.late(self.project, self.state, self.today)
        if not overdue:
            return ""
        return t("roadmap.screen.late_line", count=len(overdue), names=", ".join(a.text for a, _ in overdue[:3]))

    def show_detail(self) -> None:
        detail = self.query_one("#detail", Static)
        lines = self._detail_lines()
        detail.display = bool(lines)
        detail.update(Content("\n").join(lines))

    def _detail_lines(self) -> list[Content]:
        row = self.current()
        if row is None:
            return []
        try:
            if self.step in (Step.STAKES, Step.SHARED):
                return [Content(self.state.stake(row).text)]
            if self.step == Step.OBJECTIVES:
                objective = self.state.objective(row)
                shared = {s.id: s.text for s in self.state.shared}
                return [Content(objective.text).stylize("bold")] + [Content.assemble("← ", shared[i]) for i in objective.shared_ids if i in shared]
            if self.step == Step.OPERATIONAL:
                operational = self.state.operational_objective(row)
                return [Content(operational.text).stylize("bold"), Content.assemble("↑ ", self.state.objective(operational.objective_id).text)]
            if self.step == Step.MILESTONES:
                return [Content(self.state.milestone(row).text)]
            if self.step == Step.TIMELINE:
                kind, entry_id = row
                return [Content(self.state.milestone(entry_id).text)] if kind == "m" else self._action_detail(entry_id)
            action_id = row[0] if isinstance(row, tuple) else row
            return self._action_detail(action_id)
        except NotFound:  # removed meanwhile: nothing to detail
            return []

    def _action_detail(self, action_id: int) -> list[Content]:
        action = self.state.action(action_id)
        names = self.names()
        people = {p.id: p for p in self.project.participants()}
        followed = roadmap_follow.follow(action, roadmap_follow.proposals_by_id(self.project), self.today)
        who, structure = roadmap_follow.referent_names(followed.referent, people, names)
        lines = [Content.assemble(("★ " if action.pilot else "", "bold"), (action.text, "bold"))]
        span = t("roadmap.screen.span", start=periods.format_date(followed.start) or "…", end=periods.format_date(followed.end) or "…")
        carrier = who if structure in (who, MISSING) else t("roadmap.screen.person_of", person=who, structure=structure)
        lines.append(Content(t("roadmap.screen.action_line", span=span, who=carrier, state=roadmap_follow.state_label(followed))))
        links = []
        if action.proposal_id:
            links.append(t("roadmap.screen.proposal_link", number=action.proposal_id))
        row = roadmap_actions.matrix_row_of(self.project, action)
        if row is not None:
            links.append(t("roadmap.screen.matrix_link", label=row.label, pilot=row.pilot or MISSING))
        if links:
            lines.append(Content(" · ".join(links)).stylize("dim"))
        return lines

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def on_resize(self) -> None:
        if self.is_mounted:
            self.refresh_view()


def _highlighted_text(text: str, keys: set[str]) -> Text:
    """The stake as typed, its recurring words styled (the crossing's own word spans)."""
    cell = Text(text)
    for start, end, _ in word_spans(text, keys):
        cell.stylize("bold reverse", start, end)
    return cell


def open_roadmap(project: Project, workshop_id: int, item_id: int) -> RoadmapScreen:
    return RoadmapScreen(project, workshop_id, item_id)
