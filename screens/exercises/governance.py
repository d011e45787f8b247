"""Governance on the shared screen: the leader, the bodies, and their rules adopted by consent.

The list shows every body and where its rules stand; the panel below reads out
the highlighted body's rules (the room reads them before the consent round),
what they do not say yet, and the last consent round's outcome. A consent
round runs on the rounds screen; when it ends, its outcome is recorded here:
no objection adopts the rules, an objection sends them back to editing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Header, Static

from exercises import governance, governance_consent, governance_exercise
from exercises.governance import Body, BodySheet, GovernanceState, Names, Status
from screens.exercises.base import ExerciseScreen
from screens.modals.confirm import ConfirmModal
from screens.tables import fill_table, selected_key
from screens.widgets.key_bar import KeyBar
from workshop.errors import NotFound
from workshop.i18n import t

if TYPE_CHECKING:
    from screens.modals.body import BodyModal
    from workshop.project import Project


class GovernanceScreen(ExerciseScreen):
    CSS_PATH = "governance.tcss"
    BINDINGS = [
        Binding("escape", "close", "common.back"),
        Binding("n", "new", "governance.key.new"),
        Binding("e", "edit", "governance.key.edit"),
        Binding("c", "consent", "governance.key.consent"),
        Binding("b", "abandon", "governance.key.abandon"),
        Binding("w", "handling", "governance.key.handling"),
        Binding("o", "reopen", "governance.key.reopen"),
        Binding("l", "leader", "governance.key.leader"),
        Binding("g", "team", "governance.key.team"),
        Binding("t", "typical", "governance.key.typical", show=False),
        Binding("p", "carry", "governance.key.carry", show=False),
        Binding("u", "unit", "governance.key.unit", show=False),
        Binding("delete", "remove", "governance.key.remove", show=False),
        Binding("shift+up", "move(-1)", "governance.key.move", show=False),
        Binding("shift+down", "move(1)", "governance.key.move", show=False),
    ]

    exercise = governance_exercise.EXERCISE

    def __init__(self, project: Project, workshop_id: int, item_id: int) -> None:
        super().__init__(project, workshop_id, item_id)
        self.state: GovernanceState = governance.load(project, item_id)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="leader", classes="leadership")
        yield Static(id="team", classes="leadership")
        yield DataTable(id="bodies", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="rules-box"):
            yield Static(id="rules")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.project.agenda_item(self.item_id).title
        self._sync()
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        self._sync()

    def on_resize(self) -> None:
        if self.is_mounted:
            self.refresh_view()

    # Drawing -----------------------------------------------------------------------------
    def _attempt(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.app.attempt(fn, *args)

    def _sync(self) -> None:
        """Record consent rounds that ended meanwhile (a crash, a restart), then redraw."""
        self._attempt(governance_consent.sync_rounds, self.project, self.item_id)
        self.reload()

    def reload(self, keep: int | None = None) -> None:
        self.state = governance.load(self.project, self.item_id)
        self.refresh_view(keep)

    def refresh_view(self, keep: int | None = None) -> None:
        names = Names(self.project)
        leader, team = self._leadership(names)
        self.query_one("#leader", Static).update(leader)
        self.query_one("#team", Static).update(team)
        table = self.query_one(DataTable)
        kept = str(keep) if keep is not None else selected_key(table)
        table.clear(columns=True)
        width = max(40, self.size.width - 4)
        fixed = {"phase": 11, "mandatory": 11, "status": 13}
        name_width = max(12, min(48, width - sum(fixed.values()) - 12 - 10))
        rule_width = max(12, width - name_width - sum(fixed.values()) - 10)
        long_rules = rule_width >= 44  # a projector: the rule in words
        table.add_column(t("governance.col.body"), width=name_width)
        table.add_column(t("governance.col.phase"), width=fixed["phase"])
        table.add_column(t("governance.col.mandatory"), width=fixed["mandatory"])
        table.add_column(t("governance.col.rule"), width=rule_width)
        table.add_column(t("governance.col.status"), width=fixed["status"])
        rows = [
            (
                str(body.id),
                [
                    Text(body.name),
                    Text(t(f"governance.phase_short.{body.phase}")),
                    Text(t("governance.mandatory" if body.mandatory else "governance.optional")),
                    Text(governance.rule_label(body) if long_rules else governance.rule_short(body)),
                    _status(body),
                ],
            )
            for body in self.state.bodies
        ]
        fill_table(table, rows, kept)
        self.show_rules()
        self.refresh_bindings()

    def _leadership(self, names: Names) -> tuple[Content, Content]:
        """Two lines: the leader and how consent is given; the rotating team (cut to the width)."""
        state = self.state
        leader = governance.leader_text(state, names) or t("governance.to_decide")
        unit = t("governance.screen.unit_structure" if state.by_structure else "governance.screen.unit_person")
        first = Content.assemble((t("governance.screen.leader_line", leader=""), "bold"), leader, (f" · {unit}", "dim"))
        if state.team_chosen:
            team = ", ".join(n for n in (names.structure(s) for s in state.team_structures) if n)
            second = Content(t("governance.screen.team_line", team=team, rotation=state.rotation or t("governance.to_decide")))
        else:
            second = Content.styled(t("governance.screen.no_team"), "dim")
        return first, second

    def current(self) -> Body | None:
        key = selected_key(self.query_one(DataTable))
        if key is None:
            return None
        try:
            return self.state.body(int(key))
        except NotFound:  # removed meanwhile
            return None

    def show_rules(self) -> None:
        panel = self.query_one("#rules", Static)
        body = self.current()
        if body is None:
            panel.update(Content(t("governance.screen.empty")))
            return
        names = Names(self.project)
        lines = [Content.styled(body.name, "bold")]
        for label, value in governance.rules_lines(body, names):
            lines.append(Content.assemble((t("governance.rules_line", label=label, value=""), "bold"), value))
        missing = governance.missing(body)
        if missing and not body.adopted:
            fields = ", ".join(t(f"governance.screen.missing.{m}") for m in missing)
            lines.append(Content.styled(t("governance.screen.missing", fields=fields), "$warning"))
        lines += self._last_consent(body)
        panel.update(Content("\n").join(lines))

    def _last_consent(self, body: Body) -> list[Content]:
        if body.open_consent is not None:
            return [Content.styled(t("governance.screen.running"), "bold $warning")]
        finished = [c for c in body.consents if c.passed is not None]
        if not finished and body.adopted and body.adopted_in:
            return [Content.styled(t("governance.screen.last_earlier", workshop=body.adopted_in), "bold $success")]
        if not finished:
            return []
        last = finished[-1]
        if last.passed:
            lines = [Content.styled(t("governance.screen.last_passed", number=len(finished)), "bold $success")]
        else:
            lines = [Content.styled(t("governance.screen.last_objected", number=len(finished)), "bold $error")]
        lines += [Content.assemble(("✗ ", "bold $error"), objection) for objection in last.objections]
        lines += [Content.assemble(("~ ", "bold $warning"), reservation) for reservation in last.reservations]
        if last.handling:
            lines.append(Content.assemble((t("governance.minutes.handling"), "italic"), last.handling))
        return lines

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.show_rules()
        self.refresh_bindings()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        body = self.current()
        if body is not None and body.open_consent is not None:
            self.action_consent()
        else:
            self.action_edit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        body = self.current()
        if action == "edit":
            # Adopted rules are reopened first (O), a running consent stopped (B): those keys show instead.
            return body is not None and body.open_consent is None and not body.adopted
        if action in ("remove", "move"):
            return body is not None
        if action == "consent":
            return body is not None and not body.adopted
        if action == "abandon":
            return body is not None and body.open_consent is not None
        if action == "handling":
            finished = [c for c in body.consents if c.passed is not None] if body is not None else []
            return bool(finished) and finished[-1].passed is False and body is not None and not body.adopted
        if action == "reopen":
            return body is not None and body.adopted
        if action == "carry":
            state = self.state
            return not (state.bodies or state.leader_structure or state.team_chosen)
        return True

    # Bodies ----------------------------------------------------------------------------------
    def _name_taken(self, exclude: int = 0) -> Callable[[str], bool]:
        from workshop.names import name_key

        taken = {name_key(b.name) for b in self.state.bodies if b.id != exclude}
        return lambda name: name_key(name) in taken

    def _body_modal(self, heading: str, save: Callable[[BodySheet], Body], exclude: int, initial: BodySheet | None) -> BodyModal[Body]:
        from screens.modals.body import BodyModal

        return BodyModal(heading, save, self._name_taken(exclude), self.project.structures(), self.project.participants(), initial)

    def action_new(self) -> None:
        def save(sheet: BodySheet) -> Body:
            return governance.add_body(self.project, self.item_id, sheet)

        def added(body: Body | None) -> None:
            if body is not None:
                self.reload(keep=body.id)

        self.app.push_screen(self._body_modal(t("governance.screen.new_title"), save, 0, None), added)

    def action_edit(self) -> None:
        body = self.current()
        if body is None:
            return
        if body.open_consent is not None or body.adopted:
            # Says why (a round is running, or the rules are adopted) and what to press.
            self._attempt(governance.update_body, self.project, self.item_id, body.id, BodySheet.of(body))
            return

        def save(sheet: BodySheet) -> Body:
            return governance.update_body(self.project, self.item_id, body.id, sheet)

        def saved(changed: Body | None) -> None:
            if changed is not None:
                self.reload(keep=changed.id)

        modal = self._body_modal(t("governance.screen.edit_title", name=body.name), save, body.id, BodySheet.of(body))
        self.app.push_screen(modal, saved)

    def action_remove(self) -> None:
        body = self.current()
        if body is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._attempt(governance.remove_body, self.project, self.item_id, body.id)
            self.reload()

        self.app.push_screen(ConfirmModal(t("governance.screen.remove_confirm", name=body.name), t("governance.key.remove")), confirmed)

    def action_move(self, delta: int) -> None:
        body = self.current()
        if body is not None:
            self._attempt(governance.move_body, self.project, self.item_id, body.id, delta)
            self.reload(keep=body.id)

    def action_typical(self) -> None:
        count = self._attempt(governance.add_typical_bodies, self.project, self.item_id)
        if count is None:
            return
        self.notify(t("governance.screen.typical_added", count=count) if count else t("governance.screen.typical_none"), markup=False)
        self.reload()

    def action_carry(self) -> None:
        carried = self._attempt(governance.carry_over, self.project, self.item_id)
        if carried is None:
            return
        source = governance.earlier(self.project, self.item_id)
        from workshop.convention.builder import workshop_label

        where = workshop_label(self.project.workshop(source.workshop_id)) if source is not None else ""
        self.notify(t("governance.screen.carried", workshop=where, count=len(carried.bodies)), markup=False)
        self.reload()

    # Leader and team ----------------------------------------------------------------------------
    def action_leader(self) -> None:
        from screens.modals.body import LeaderForm, LeaderModal

        state = self.state
        structure = state.leader_structure or (self.project.promoter_id if not state.leader_person else 0)
        initial = LeaderForm(structure, state.leader_person, state.leader_means)

        def save(form: LeaderForm) -> GovernanceState:
            return governance.set_leader(self.project, self.item_id, form.structure_id, form.person_id, form.means)

        def saved(result: GovernanceState | None) -> None:
            if result is not None:
                self.reload()

        self.app.push_screen(LeaderModal(save, self.project.structures(), self.project.participants(), initial), saved)

    def action_team(self) -> None:
        from screens.modals.body import TeamForm, TeamModal

        state = self.state
        initial = TeamForm(state.team_chosen, tuple(state.team_structures), state.rotation)

        def save(form: TeamForm) -> GovernanceState:
            return governance.set_team(self.project, self.item_id, form.chosen, form.structure_ids, form.rotation)

        def saved(result: GovernanceState | None) -> None:
            if result is not None:
                self.reload()

        self.app.push_screen(TeamModal(save, [s for s in self.project.structures() if s.member], initial), saved)

    def action_unit(self) -> None:
        if self._attempt(governance.set_by_structure, self.project, self.item_id, not self.state.by_structure) is not None:
            self.reload()

    # Consent ---------------------------------------------------------------------------------------
    def action_consent(self) -> None:
        body = self.current()
        if body is None:
            return
        now = self.app.clock.now()
        started = self._attempt(governance_consent.start_consent, self.project, self.item_id, body.id, now)
        if started is None:
            return
        self.reload(keep=body.id)

        def done(_result: object) -> None:
            self._attempt(governance_consent.sync_rounds, self.project, self.item_id)
            self.reload(keep=body.id)

        self.run_round(started.id, done)

    def action_abandon(self) -> None:
        body = self.current()
        if body is not None:
            self._attempt(governance_consent.abandon_consent, self.project, self.item_id, body.id)
            self.reload(keep=body.id)

    def action_reopen(self) -> None:
        body = self.current()
        if body is not None:
            self._attempt(governance_consent.reopen, self.project, self.item_id, body.id)
            self.reload(keep=body.id)

    def action_handling(self) -> None:
        from screens.modals.prompt import PromptModal

        body = self.current()
        if body is None:
            return
        objected = [c for c in body.consents if c.passed is False]
        current = objected[-1].handling if objected else ""

        def save(text: str) -> object:
            return governance_consent.note_handling(self.project, self.item_id, body.id, text)

        self.app.push_screen(
            PromptModal(t("governance.screen.handling_prompt", name=body.name), current, save=save),
            lambda _done: self.reload(keep=body.id),
        )


def _status(body: Body) -> Text:
    finished = [c for c in body.consents if c.passed is not None]
    if body.status == Status.ADOPTED:
        return Text(t("governance.status.adopted"), style="bold green")
    if body.status == Status.CONSENT:
        return Text(t("governance.status.consent"), style="bold yellow")
    if finished and finished[-1].passed is False:
        return Text(t("governance.status.objected"), style="bold red")
    return Text(t("governance.status.draft"))
