"""The fairness balance on the shared screen: what each brings and gains, the felt
balance (a scale round by structure, secret by default), the picture with the
adjustments, and the history of the checks."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Static

from exercises import fairness, fairness_exercise, fairness_sides, means
from exercises.fairness import SCALE, UNFAIR_MAX, FairnessState, Step
from exercises.fairness_minutes import bar, format_mean, history_cell, rating_text
from screens.exercises.stepped import SteppedExerciseScreen
from screens.modals.confirm import ConfirmModal
from screens.modals.line_form import (
    LineFormModal,
    StructureLine,
    StructureLineFormModal,
)
from screens.modals.means_form import MeansEntry, MeansFormModal, typed_amount
from screens.modals.pick_one import PickOneModal
from workshop.errors import NotFound
from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.project import Project

MISSING = "—"
COMPACT_BELOW_HEIGHT = 32
WITHDRAW = 0  # the choice that withdraws a declared rating


def _only(*steps: Step) -> frozenset[str]:
    return frozenset(s.value for s in steps)


class FairnessScreen(SteppedExerciseScreen):
    CSS_PATH = ["stepped.tcss", "fairness.tcss"]
    exercise = fairness_exercise.EXERCISE
    steps = tuple(s.value for s in fairness.STEPS)
    step_prefix = "fairness.step."
    compact_steps = True
    BINDINGS = [
        *(Binding(str(n), f"goto('{step.value}')", f"fairness.step.{step.value}", show=False) for n, step in enumerate(fairness.STEPS, start=1)),
        Binding("a", "add", "fairness.key.add"),
        Binding("e", "edit", "fairness.key.edit"),
        Binding("delete", "remove", "fairness.key.remove", show=False),
        Binding("i", "import", "fairness.key.import"),
        Binding("v", "vote", "fairness.key.vote"),
        Binding("o", "toggle_secret", "fairness.key.secret"),
        Binding("d", "declare", "fairness.key.declare"),
        Binding("p", "propose", "fairness.key.propose"),
    ]
    STEP_ACTIONS = {
        "add": _only(Step.BRINGS, Step.GAINS, Step.PICTURE),
        "edit": _only(Step.BRINGS, Step.GAINS, Step.PICTURE),
        "remove": _only(Step.BRINGS, Step.GAINS, Step.PICTURE),
        "import": _only(Step.BRINGS, Step.GAINS),
        "vote": _only(Step.FELT),
        "toggle_secret": _only(Step.FELT),
        "declare": _only(Step.FELT, Step.PICTURE),
        "propose": _only(Step.PICTURE),
    }

    def __init__(self, project: Project, workshop_id: int, item_id: int) -> None:
        super().__init__(project, workshop_id, item_id)
        self.state: FairnessState = fairness.load(project, item_id)
        self.rows: list[int] = []
        self.secret = True  # the next felt-balance round: secret unless the facilitator says otherwise

    def compose_body(self) -> ComposeResult:
        yield Static(id="title", classes="section-title")
        yield DataTable(id="table", cursor_type="row", zebra_stripes=True)
        yield Static(id="detail")

    def on_mount(self) -> None:
        self.sync_round()
        super().on_mount()
        self.query_one("#table", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.sync_round()
        self.reload()

    def sync_round(self) -> None:
        """Back from the round (or reopened after a crash): record what it published."""
        if self.state.check is not None and not self.state.check.recorded:
            self.app.attempt(fairness.record_felt_round, self.project, self.item_id, self.app.clock.now())
            self.state = fairness.load(self.project, self.item_id)

    # State ------------------------------------------------------------------------------------
    @property
    def step(self) -> str:
        return self.state.step

    def store_step(self, step: str) -> None:
        saved = self.app.attempt(fairness.set_step, self.project, self.item_id, step)
        if saved is not None:
            self.state = saved

    def reload(self) -> None:
        self.state = fairness.load(self.project, self.item_id)
        self.refresh_view()

    def do(self, action: Callable[..., Any], *args: Any) -> Any:
        result = self.app.attempt(action, self.project, self.item_id, *args)
        self.reload()
        return result

    def can(self, action: str, parameters: tuple[object, ...]) -> bool:
        if action == "import":
            # Offered while the earlier exercises hold something not taken yet.
            count = fairness_sides.importable_brought if self.step == Step.BRINGS else fairness_sides.importable_benefits
            return count(self.project, self.item_id) > 0
        if action == "toggle_secret":
            return self.state.check is None  # the mode is chosen (and shown) before the first round
        if action == "propose":
            structure_id = self.current()
            return any(a.structure_id == structure_id and not a.proposal_id for a in self.state.adjustments)
        return True

    def after_form(self, result: object) -> None:
        if result is not None:
            self.reload()

    def hint(self) -> str:
        return t(f"fairness.hint.{self.step}", low=UNFAIR_MAX)

    def current(self) -> int | None:
        row = self.query_one("#table", DataTable).cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _title(self, text: str) -> None:
        self.query_one("#title", Static).update(Content(text))

    def _structures(self) -> list[tuple[str, int]]:
        return [(s.name, s.id) for s in self.project.structures()]

    # Display ------------------------------------------------------------------------------------
    def show(self) -> None:
        table = self.query_one("#table", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        self.rows = []
        getattr(self, f"show_{self.step}")(table)
        if self.rows:
            table.move_cursor(row=max(0, min(keep, len(self.rows) - 1)))
        self.show_detail()

    def show_brings(self, table: DataTable) -> None:
        names = dict((sid, name) for name, sid in self._structures())
        self._title(t("fairness.screen.brings_title", count=len(self.state.brought)))
        self.add_columns(table, [(t("fairness.col.structure"), 22), (t("fairness.screen.col_kind"), 16), (t("fairness.screen.col_what"), 0)])
        for entry in sorted(self.state.brought, key=lambda b: names.get(b.structure_id, "")):
            words = " ".join(p for p in (means.format_amount(entry.kind, entry.amount), entry.text) if p)
            table.add_row(Text(names.get(entry.structure_id, MISSING)), Text(means.kind_label(entry.kind)), Text(words))
            self.rows.append(entry.id)
        self.set_status("")

    def show_gains(self, table: DataTable) -> None:
        names = dict((sid, name) for name, sid in self._structures())
        self._title(t("fairness.screen.gains_title", count=len(self.state.benefits)))
        self.add_columns(table, [(t("fairness.col.structure"), 22), (t("fairness.screen.col_benefit"), 0), (t("fairness.screen.col_source"), 12)])
        for entry in sorted(self.state.benefits, key=lambda b: names.get(b.structure_id, "")):
            table.add_row(Text(names.get(entry.structure_id, MISSING)), Text(entry.text), Text(t(f"fairness.source.{entry.source}")))
            self.rows.append(entry.id)
        self.set_status("")

    def show_felt(self, table: DataTable) -> None:
        check = self.state.check
        mode = t("fairness.screen.mode_secret" if self.secret else "fairness.screen.mode_open")
        if check is None:
            self._title(t("fairness.screen.felt_not_started", mode=mode))
        elif not check.recorded:
            self._title(t("fairness.screen.felt_running", mode=t("fairness.screen.mode_secret" if check.secret else "fairness.screen.mode_open")))
        else:
            self._title(self._spread_text())
        self.add_columns(table, [(t("fairness.col.structure"), 0), (t("fairness.col.felt"), 30)])
        for balance in fairness.balances(self.project, self.state):
            felt = rating_text(balance.rating, balance.declared)
            if self.state.kept_secret(balance.structure_id):
                felt = t("fairness.screen.secret_cell")
            table.add_row(Text(balance.name), Text(felt, style="bold red" if balance.flagged else ""))
            self.rows.append(balance.structure_id)
        self.set_status(self._unfair_line())

    def _spread_text(self) -> str:
        check = self.state.check
        assert check is not None
        top = max(check.counts.values(), default=0)
        lines = [t("fairness.screen.felt_done", answered=check.answered, voters=check.voters, mode=t("fairness.screen.mode_secret" if check.secret else "fairness.screen.mode_open"))]
        mean = t("fairness.screen.mean", mean=format_mean(check.mean), top=SCALE[-1]) if check.mean is not None else ""
        if self.size.height < COMPACT_BELOW_HEIGHT:
            # A small screen: the spread on one line, so that the structures stay in view.
            spread = "  ".join(t("fairness.minutes.count", rating=value, count=check.counts.get(str(value), 0)) for value in SCALE)
            return "\n".join([lines[0], " · ".join(p for p in (spread, mean) if p)])
        for value in SCALE:
            count = check.counts.get(str(value), 0)
            lines.append(t("fairness.screen.spread_line", rating=value, label=t(f"rounds.scale.{value}"), bar=bar(count, top), count=count))
        if mean:
            lines.append(mean)
        return "\n".join(lines)

    def _unfair_line(self) -> str:
        check = self.state.check
        if check is None or not check.recorded:
            return ""
        unfair = fairness.unfair_count(check)
        if not unfair:
            return t("fairness.minutes.none_unfair", low=UNFAIR_MAX)
        named = [b.name for b in fairness.balances(self.project, self.state) if b.flagged]
        line = t("fairness.minutes.unfair", count=unfair, low=UNFAIR_MAX)
        if check.secret and len(named) < unfair:
            line += " " + t("fairness.screen.ask_declare")
        return line

    def show_picture(self, table: DataTable) -> None:
        found = fairness.balances(self.project, self.state)
        self._title(t("fairness.minutes.picture"))
        top = max([len(b.brought) for b in found] + [len(b.benefits) for b in found] + [0])
        self.add_columns(
            table,
            [
                (t("fairness.col.structure"), 0),
                (t("fairness.col.brings_count"), 15),
                (t("fairness.col.gains_count"), 15),
                (t("fairness.screen.col_felt"), 14),
                (t("fairness.screen.col_adjustments"), 6),
            ],
        )
        for balance in found:
            brings = Text(bar(len(balance.brought), top), style="bold cyan")
            brings.append(f" {len(balance.brought)}")
            gains = Text(bar(len(balance.benefits), top), style="bold green")
            gains.append(f" {len(balance.benefits)}")
            felt = Text(("⚠ " if balance.flagged else "") + rating_text(balance.rating), style="bold red" if balance.flagged else "")
            table.add_row(Text(balance.name), brings, gains, felt, Text(str(len(balance.adjustments)) if balance.adjustments else ""))
            self.rows.append(balance.structure_id)
        self.set_status(self._unfair_line())

    def show_history(self, table: DataTable) -> None:
        from workshop.minutes.builder import format_date

        points = fairness.history(self.project, self.workshop_id)
        self._title(t("fairness.minutes.history") if points else t("fairness.screen.no_history"))
        columns = [(t("fairness.col.structure"), 22)] + [(format_date(p.date) if p.date else p.title, 14) for p in points]
        self.add_columns(table, columns)
        named = {sid for p in points for sid in p.ratings} | {sid for p in points for sid in p.kept_secret}
        for structure in self.project.structures():
            if not (structure.member or structure.id in named):
                continue
            cells = [Text(structure.name)]
            for point in points:
                known = point.ratings.get(structure.id)
                style = "bold red" if known is not None and known[0] <= UNFAIR_MAX else ("" if known is not None else "dim")
                cells.append(Text(history_cell(point, structure.id), style=style))
            table.add_row(*cells)
            self.rows.append(structure.id)
        if points:
            table.add_row(Text(t("fairness.minutes.mean_row"), style="bold"), *(Text(format_mean(p.mean) if p.mean is not None else MISSING) for p in points))
            table.add_row(
                Text(t("fairness.minutes.unfair_row", low=UNFAIR_MAX), style="bold"),
                *(Text(str(p.unfair) if p.answered else MISSING, style="bold red" if p.unfair else "") for p in points),
            )
        self.set_status("")

    def show_detail(self) -> None:
        detail = self.query_one("#detail", Static)
        row = self.current()
        lines: list[Content] = []
        try:
            if row is not None and self.step == Step.BRINGS:
                lines = [Content(means.describe(self.state.brought_item(row)))]
            elif row is not None and self.step == Step.GAINS:
                lines = [Content(self.state.benefit(row).text)]
            elif row is not None and self.step in (Step.PICTURE, Step.FELT):
                lines = self._structure_detail(row)
        except NotFound:  # removed meanwhile
            lines = []
        detail.display = bool(lines)
        detail.update(Content("\n").join(lines))

    def _structure_detail(self, structure_id: int) -> list[Content]:
        balance = next((b for b in fairness.balances(self.project, self.state) if b.structure_id == structure_id), None)
        if balance is None:
            return []
        lines = [Content.assemble((balance.name, "bold"), " · ", rating_text(balance.rating, balance.declared))]
        total = means.summary(list(balance.brought))
        if total:
            lines.append(Content(t("fairness.screen.brings_line", total=total)))
        for adjustment in balance.adjustments:
            mark = t("fairness.screen.as_proposal", number=adjustment.proposal_id) if adjustment.proposal_id else ""
            lines.append(Content.assemble("→ ", adjustment.text, (f" {mark}" if mark else "", "dim")))
        if balance.flagged and not balance.adjustments:
            lines.append(Content(t("fairness.screen.no_adjustment")).stylize("italic"))
        return lines

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()
        self.refresh_bindings()  # P follows the selected structure's adjustments

    def on_resize(self) -> None:
        if self.is_mounted:
            self.refresh_view()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.step in (Step.BRINGS, Step.GAINS, Step.PICTURE):
            self.action_edit()
        elif self.step == Step.FELT:
            self.action_declare()

    # Steps 1 and 2: what is brought and gained ----------------------------------------------------
    def brought_form(self, entry_id: int | None) -> None:
        entry = self.state.brought_item(entry_id) if entry_id is not None else None

        def save(typed: MeansEntry) -> object:
            if entry is None:
                return fairness_sides.add_brought(self.project, self.item_id, typed.structure_id, typed.kind, typed.amount, typed.text)
            return fairness_sides.edit_brought(self.project, self.item_id, entry.id, typed.structure_id, typed.kind, typed.amount, typed.text)

        initial = MeansEntry(entry.kind, entry.structure_id, typed_amount(entry.amount), entry.text) if entry else None
        heading = t("fairness.form.brought_heading" if entry is None else "fairness.form.brought_edit_heading")
        self.app.push_screen(MeansFormModal(heading, self._structures(), save, initial, structure_required=True), self.after_form)

    def benefit_form(self, entry_id: int | None) -> None:
        entry = self.state.benefit(entry_id) if entry_id is not None else None
        if entry is not None:

            def edit(text: str) -> object:
                return fairness_sides.edit_benefit(self.project, self.item_id, entry.id, text)

            self.app.push_screen(LineFormModal(t("fairness.form.benefit_edit_heading"), "fairness.form.benefit", edit, entry.text), self.after_form)
            return

        def save(typed: StructureLine) -> object:
            return fairness_sides.add_benefit(self.project, self.item_id, typed.structure_id, typed.text)

        self.app.push_screen(StructureLineFormModal(t("fairness.form.benefit_heading"), "fairness.form.benefit", self._structures(), save), self.after_form)

    def action_import(self) -> None:
        if self.step == Step.BRINGS:
            added = self.app.attempt(fairness_sides.import_brought, self.project, self.item_id)
        else:
            added = self.app.attempt(fairness_sides.import_benefits, self.project, self.item_id)
        if added is not None:
            self.notify(t(f"fairness.screen.imported_{self.step}", count=added), markup=False)
        self.reload()

    # Step 3: the felt balance --------------------------------------------------------------------------
    def action_toggle_secret(self) -> None:
        if self.state.check is not None and not self.state.check.recorded:
            self.notify(t("fairness.screen.round_set"), markup=False, severity="warning")
            return
        self.secret = not self.secret
        self.refresh_view()

    def action_vote(self) -> None:
        from workshop.rounds import get_round

        check = self.state.check
        if check is not None and not check.recorded:
            if get_round(self.project, check.round_id).done:
                self.sync_round()  # finished while the screen was away: its results, not a new round
                self.refresh_view()
            else:
                self.run_round(check.round_id, lambda _result: None)
            return
        if check is not None and check.recorded:
            self.app.push_screen(ConfirmModal(t("fairness.screen.revote_confirm"), t("fairness.key.vote")), self._start_round)
            return
        self._start_round(True)

    def _start_round(self, yes: bool | None) -> None:
        if not yes:
            return
        started = self.app.attempt(fairness.start_felt_round, self.project, self.item_id, self.secret)
        if started is None:
            return
        self.reload()
        self.run_round(started.id, lambda _result: None)

    def action_declare(self) -> None:
        structure_id = self.current()
        if structure_id is None:
            return
        name = self.project.structure(structure_id).name
        choices = [(t(f"rounds.scale.{value}"), value) for value in SCALE]
        if str(structure_id) in self.state.declared:
            choices.append((t("fairness.screen.withdraw"), WITHDRAW))

        def picked(rating: int | None) -> None:
            if rating is not None:
                self.do(fairness.declare, structure_id, rating or None)

        self.app.push_screen(PickOneModal(t("fairness.screen.declare_pick", structure=name), choices), picked)

    # Step 4: adjustments -----------------------------------------------------------------------------
    def _adjustment_of_row(self, done: Callable[[fairness.Adjustment], None]) -> None:
        structure_id = self.current()
        found = [a for a in self.state.adjustments if a.structure_id == structure_id]
        if not found:
            self.notify(t("fairness.screen.no_adjustment_here"), markup=False, severity="warning")
            return
        if len(found) == 1:
            done(found[0])
            return

        def picked(entry_id: int | None) -> None:
            if entry_id is not None:
                done(self.state.adjustment(entry_id))

        self.app.push_screen(PickOneModal(t("fairness.screen.which_adjustment"), [(a.text, a.id) for a in found]), picked)

    def adjustment_form(self) -> None:
        structure_id = self.current() or 0

        def save(typed: StructureLine) -> object:
            return fairness.add_adjustment(self.project, self.item_id, typed.structure_id, typed.text)

        flagged = [b.structure_id for b in fairness.balances(self.project, self.state) if b.flagged]
        order = sorted(self._structures(), key=lambda pair: pair[1] not in flagged)
        modal = StructureLineFormModal(t("fairness.form.adjustment_heading"), "fairness.form.adjustment", order, save, structure_id)
        self.app.push_screen(modal, self.after_form)

    def action_propose(self) -> None:
        from screens.modals.proposal import ProposalModal

        def propose(adjustment: fairness.Adjustment) -> None:
            if adjustment.proposal_id:
                self.notify(t("fairness.error.already_proposed", number=adjustment.proposal_id), markup=False, severity="warning")
                return

            def recorded(made: Any) -> None:
                if made is not None:
                    self.do(fairness.link_proposal, adjustment.id, made.id)

            modal = ProposalModal(self.project, self.workshop_id, self.item_id, source=fairness.KIND, text=adjustment.text, structure_id=adjustment.structure_id)
            self.app.push_screen(modal, recorded)

        self._adjustment_of_row(propose)

    # The keys, step by step -----------------------------------------------------------------------------
    def action_add(self) -> None:
        if self.step == Step.BRINGS:
            self.brought_form(None)
        elif self.step == Step.GAINS:
            self.benefit_form(None)
        elif self.step == Step.PICTURE:
            self.adjustment_form()

    def action_edit(self) -> None:
        row = self.current()
        if row is None:
            self.action_add()
            return
        if self.step == Step.BRINGS:
            self.brought_form(row)
        elif self.step == Step.GAINS:
            self.benefit_form(row)
        elif self.step == Step.PICTURE:

            def edit(adjustment: fairness.Adjustment) -> None:
                def save(text: str) -> object:
                    return fairness.edit_adjustment(self.project, self.item_id, adjustment.id, text)

                self.app.push_screen(LineFormModal(t("fairness.form.adjustment_edit_heading"), "fairness.form.adjustment", save, adjustment.text), self.after_form)

            found = [a for a in self.state.adjustments if a.structure_id == row]
            if found:
                self._adjustment_of_row(edit)
            else:
                self.adjustment_form()

    def action_remove(self) -> None:
        row = self.current()
        if row is None:
            return
        if self.step == Step.PICTURE:

            def remove(adjustment: fairness.Adjustment) -> None:
                self._confirm_remove(adjustment.text, fairness.remove_adjustment, adjustment.id)

            self._adjustment_of_row(remove)
        elif self.step == Step.BRINGS:
            self._confirm_remove(means.describe(self.state.brought_item(row)), fairness_sides.remove_brought, row)
        elif self.step == Step.GAINS:
            self._confirm_remove(self.state.benefit(row).text, fairness_sides.remove_benefit, row)

    def _confirm_remove(self, text: str, remove: Callable[..., Any], entry_id: int) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.do(remove, entry_id)

        self.app.push_screen(ConfirmModal(t("fairness.screen.remove_confirm", text=text), t("fairness.key.remove")), answered)


def open_fairness(project: Project, workshop_id: int, item_id: int) -> FairnessScreen:
    return FairnessScreen(project, workshop_id, item_id)
