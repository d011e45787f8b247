"""The keys that change the roadmap, step by step: each opens a form (which stays open
when the core refuses what was typed) or calls the core, then the screen shows the
stored state again. Mixed into `RoadmapScreen`, whose state, rows and cursor it uses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widgets import DataTable

from exercises import (
    periods,
    roadmap,
    roadmap_actions,
    roadmap_follow,
    roadmap_objectives,
)
from exercises.roadmap import RoadmapState, Step
from screens.modals.confirm import ConfirmModal
from screens.modals.line_form import (
    LineFormModal,
    StructureLine,
    StructureLineFormModal,
)
from screens.modals.means_form import MeansEntry, MeansFormModal, typed_amount
from screens.modals.pick_one import PickOneModal
from screens.modals.roadmap_forms import (
    NOBODY,
    Calendar,
    CalendarFormModal,
    MilestoneEntry,
    MilestoneFormModal,
    Partners,
    PartnersFormModal,
    TakenProposal,
    TakeProposalFormModal,
    TextAndLinks,
    TextAndLinksFormModal,
    UnderAndText,
    UnderAndTextFormModal,
)
from workshop.errors import NotFound
from workshop.i18n import t
from workshop.proposals import NO_REFERENT, Referent

MISSING = "—"
NEW = -1  # the choice "a new shared stake"
UNLINK = (0, 0)

if TYPE_CHECKING:
    from screens.exercises.stepped import SteppedExerciseScreen as _Screen
    from workshop.project import Project
else:
    _Screen = object  # a plain mixin at run time: the screen it is mixed into is the stepped screen


class RoadmapEditing(_Screen):
    # What `RoadmapScreen` provides, declared for the type checker.
    state: RoadmapState
    rows: list[Any]
    marked: set[int]
    if TYPE_CHECKING:

        @property
        def today(self) -> str: ...
        def do(self, action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any: ...
        def after_form(self, result: object) -> None: ...
        def current(self) -> Any: ...
        def names(self) -> dict[int, str]: ...

    # Step 1: stakes --------------------------------------------------------------------------------
    def action_round(self) -> None:
        running = self.app.attempt(roadmap.running_stakes_round, self.project, self.item_id)
        started = running or self.app.attempt(roadmap.start_stakes_round, self.project, self.item_id)
        if started is None:
            return
        self.reload()
        round_id = started.id

        def back(_result: object) -> None:
            self.app.attempt(roadmap.collect_stakes, self.project, self.item_id, round_id)
            self.reload()

        self.run_round(round_id, back)

    def _structures(self) -> list[tuple[str, int]]:
        return [(s.name, s.id) for s in self.project.structures()]

    def add_stake(self) -> None:
        def save(entry: StructureLine) -> object:
            return roadmap.add_stake(self.project, self.item_id, entry.structure_id, entry.text)

        modal = StructureLineFormModal(t("roadmap.form.stake_heading"), "roadmap.form.stake", self._structures(), save)
        self.app.push_screen(modal, self.after_form)

    # Step 2: shared stakes ----------------------------------------------------------------------------
    def action_mark(self) -> None:
        row = self.current()
        if row is not None:
            self.marked ^= {row}
            self.show()

    def action_gather(self) -> None:
        chosen = [s.id for s in self.state.stakes if s.id in self.marked] or ([self.current()] if self.current() is not None else [])
        if not chosen:
            self.notify(t("roadmap.screen.mark_first"), markup=False, severity="warning")
            return

        def new_shared() -> None:
            first = self.state.stake(chosen[0]).text

            def save(text: str) -> object:
                return roadmap.add_shared(self.project, self.item_id, text, chosen)

            self.app.push_screen(LineFormModal(t("roadmap.form.shared_heading", count=len(chosen)), "roadmap.form.shared", save, first), self._gathered)

        if not self.state.shared:
            new_shared()
            return

        def picked(shared_id: int | None) -> None:
            if shared_id == NEW:
                new_shared()
            elif shared_id is not None:
                self._gathered(self.app.attempt(roadmap.gather, self.project, self.item_id, shared_id, chosen))

        choices = [(t("roadmap.screen.new_shared"), NEW)] + [
            (t("roadmap.screen.shared_choice", number=n, text=s.text), s.id) for n, s in enumerate(self.state.shared, start=1)
        ]
        self.app.push_screen(PickOneModal(t("roadmap.screen.gather_pick", count=len(chosen)), choices), picked)

    def _gathered(self, result: object) -> None:
        if result is not None:
            self.marked.clear()
        self.reload()

    def _shared_of_row(self, done: Callable[[int], None]) -> None:
        """The shared stake the highlighted stake belongs to (asked when it is in several)."""
        row = self.current()
        within = [(n, s) for n, s in enumerate(self.state.shared, start=1) if row in s.stake_ids]
        if not within:
            self.notify(t("roadmap.screen.not_shared"), markup=False, severity="warning")
            return
        if len(within) == 1:
            done(within[0][1].id)
            return

        def picked(shared_id: int | None) -> None:
            if shared_id is not None:
                done(shared_id)

        choices = [(t("roadmap.screen.shared_choice", number=n, text=s.text), s.id) for n, s in within]
        self.app.push_screen(PickOneModal(t("roadmap.screen.which_shared"), choices), picked)

    def action_ungather(self) -> None:
        row = self.current()

        def leave(shared_id: int) -> None:
            shared = self.state.shared_stake(shared_id)
            self.do(roadmap.edit_shared, shared_id, stake_ids=[i for i in shared.stake_ids if i != row])

        self._shared_of_row(leave)

    def edit_shared(self) -> None:
        def edit(shared_id: int) -> None:
            shared = self.state.shared_stake(shared_id)

            def save(text: str) -> object:
                return roadmap.edit_shared(self.project, self.item_id, shared_id, text=text)

            self.app.push_screen(LineFormModal(t("roadmap.form.shared_edit_heading"), "roadmap.form.shared", save, shared.text), self.after_form)

        self._shared_of_row(edit)

    def add_shared_typed(self) -> None:
        def save(text: str) -> object:
            return roadmap.add_shared(self.project, self.item_id, text, [])

        self.app.push_screen(LineFormModal(t("roadmap.form.shared_heading", count=0), "roadmap.form.shared", save), self.after_form)

    def remove_shared(self) -> None:
        def remove(shared_id: int) -> None:
            shared = self.state.shared_stake(shared_id)

            def answered(yes: bool | None) -> None:
                if yes:
                    self.do(roadmap.remove_shared, shared_id)

            self.app.push_screen(ConfirmModal(t("roadmap.screen.remove_shared_confirm", text=shared.text), t("roadmap.key.remove")), answered)

        self._shared_of_row(remove)

    # Steps 3 and 4: objectives -----------------------------------------------------------------------
    def _shared_choices(self) -> list[tuple[str, int]]:
        return [(t("roadmap.screen.shared_choice", number=n, text=s.text), s.id) for n, s in enumerate(self.state.shared, start=1)]

    def objective_form(self, objective: roadmap.Objective | None) -> None:
        def save(entry: TextAndLinks) -> object:
            if objective is None:
                return roadmap_objectives.add_objective(self.project, self.item_id, entry.text, entry.linked)
            return roadmap_objectives.edit_objective(self.project, self.item_id, objective.id, entry.text, entry.linked)

        initial = TextAndLinks(objective.text, list(objective.shared_ids)) if objective else None
        heading = t("roadmap.form.objective_heading" if objective is None else "roadmap.form.objective_edit_heading")
        modal = TextAndLinksFormModal(heading, "roadmap.form.objective", "roadmap.form.objective_links", self._shared_choices(), save, initial)
        self.app.push_screen(modal, self.after_form)

    def _objective_choices(self) -> list[tuple[str, int]]:
        return [(o.text, o.id) for o in self.state.objectives]

    def operational_form(self, operational: roadmap.Operational | None) -> None:
        if not self.state.objectives:
            self.notify(t("roadmap.screen.no_objective_yet"), markup=False, severity="warning")
            return

        def save(entry: UnderAndText) -> object:
            if operational is None:
                return roadmap_objectives.add_operational(self.project, self.item_id, entry.parent_id, entry.text)
            return roadmap_objectives.edit_operational(self.project, self.item_id, operational.id, entry.text, entry.parent_id)

        if operational is not None:
            initial = UnderAndText(operational.objective_id, operational.text)
        else:
            current = self.current() if self.step == Step.OPERATIONAL else None
            parent = self.state.operational_objective(current).objective_id if current else self.state.objectives[0].id
            initial = UnderAndText(parent, "")
        heading = t("roadmap.form.operational_heading" if operational is None else "roadmap.form.operational_edit_heading")
        modal = UnderAndTextFormModal(heading, "roadmap.form.objective_parent", "roadmap.form.operational_text", self._objective_choices(), save, initial)
        self.app.push_screen(modal, self.after_form)

    def action_move(self, delta: int) -> None:
        row = self.current()
        if row is not None:
            self.do(roadmap_objectives.move_objective, row, delta)
            table = self.query_one("#table", DataTable)
            if row in self.rows:
                table.move_cursor(row=self.rows.index(row))

    # Step 5: actions ------------------------------------------------------------------------------------
    def _operational_choices(self) -> list[tuple[str, int]]:
        return [(o.text, o.id) for o in self.state.operational]

    def _current_operational(self) -> int:
        row = self.current()
        if self.step == Step.ACTIONS and row is not None:
            return self.state.action(row).operational_id
        return self.state.operational[0].id if self.state.operational else 0

    def action_form(self, action: roadmap.Action | None) -> None:
        if not self.state.operational:
            self.notify(t("roadmap.screen.no_operational_yet"), markup=False, severity="warning")
            return

        def save(entry: UnderAndText) -> object:
            if action is None:
                return roadmap_actions.add_action(self.project, self.item_id, entry.parent_id, entry.text)
            return roadmap_actions.edit_action(self.project, self.item_id, action.id, entry.text, entry.parent_id)

        initial = UnderAndText(action.operational_id, action.text) if action else UnderAndText(self._current_operational(), "")
        heading = t("roadmap.form.action_heading" if action is None else "roadmap.form.action_edit_heading")
        modal = UnderAndTextFormModal(heading, "roadmap.form.operational", "roadmap.form.action_text", self._operational_choices(), save, initial)
        self.app.push_screen(modal, self.after_form)

    def action_take(self) -> None:
        if not self.state.operational:
            self.notify(t("roadmap.screen.no_operational_yet"), markup=False, severity="warning")
            return
        offered = roadmap_actions.available_proposals(self.project, self.state)
        if not offered:
            self.notify(t("roadmap.screen.no_proposal_left"), markup=False, severity="warning")
            return

        def save(entry: TakenProposal) -> object:
            return roadmap_actions.take_proposal(self.project, self.item_id, entry.operational_id, entry.proposal_id)

        choices = [(t("roadmap.screen.proposal_choice", number=p.id, text=p.text), p.id) for p in offered]
        modal = TakeProposalFormModal(t("roadmap.form.take_heading"), self._operational_choices(), choices, save, self._current_operational())
        self.app.push_screen(modal, self.after_form)

    def _current_action(self) -> roadmap.Action | None:
        row = self.current()
        if row is None:
            return None
        if self.step == Step.TIMELINE:
            kind, entry_id = row
            return self.state.action(entry_id) if kind == "a" else None
        try:
            return self.state.action(row[0] if isinstance(row, tuple) else row)
        except NotFound:  # removed meanwhile
            return None

    def action_pilot(self) -> None:
        action = self._current_action()
        if action is not None:
            self.do(roadmap_actions.set_pilot, action.id, not action.pilot)

    def action_matrix(self) -> None:
        action = self._current_action()
        if action is None:
            return
        rows = roadmap_actions.matrix_rows(self.project, self.workshop_id)
        choices: list[tuple[str, tuple[int, int] | str]] = []
        if any(i.kind == "matrix" for i in self.project.agenda(self.workshop_id)) and not action.matrix_item_id:
            choices.append((t("roadmap.screen.matrix_add"), "add"))
        choices += [(t("roadmap.screen.matrix_row", label=r.label, pilot=r.pilot or MISSING), (r.item_id, r.action_id)) for r in rows]
        if action.matrix_item_id:
            choices.append((t("roadmap.screen.matrix_unlink"), UNLINK))
        if not choices:
            self.notify(t("roadmap.screen.no_matrix"), markup=False, severity="warning")
            return

        def picked(choice: tuple[int, int] | str | None) -> None:
            if choice == "add":
                self.do(roadmap_actions.add_to_matrix, action.id)
            elif isinstance(choice, tuple):
                self.do(roadmap_actions.link_matrix_row, action.id, *choice)

        self.app.push_screen(PickOneModal(t("roadmap.screen.matrix_pick", text=action.text), choices), picked)

    # Steps 6 to 8: skills, resources, partners ------------------------------------------------------------
    def skills_form(self, action: roadmap.Action) -> None:
        def save(text: str) -> object:
            return roadmap_actions.set_skills(self.project, self.item_id, action.id, text)

        heading = t("roadmap.form.skills_heading", text=action.text)
        self.app.push_screen(LineFormModal(heading, "roadmap.form.skills", save, action.skills, t("roadmap.form.skills_placeholder")), self.after_form)

    def resource_form(self, action: roadmap.Action, index: int) -> None:
        item = action.resources[index] if 0 <= index < len(action.resources) else None

        def save(entry: MeansEntry) -> object:
            if item is None:
                return roadmap_actions.add_resource(self.project, self.item_id, action.id, entry.kind, entry.structure_id, entry.amount, entry.text)
            return roadmap_actions.edit_resource(self.project, self.item_id, action.id, index, entry.kind, entry.structure_id, entry.amount, entry.text)

        initial = MeansEntry(item.kind, item.structure_id, typed_amount(item.amount), item.text) if item else None
        heading = t("roadmap.form.resource_heading", text=action.text)
        self.app.push_screen(MeansFormModal(heading, self._structures(), save, initial), self.after_form)

    def action_take_means(self) -> None:
        action = self._current_action()
        if action is None:
            return
        added = self.app.attempt(roadmap_actions.take_matrix_means, self.project, self.item_id, action.id)
        if added is not None:
            self.notify(t("roadmap.screen.means_taken", count=added), markup=False)
        self.reload()

    def partners_form(self, action: roadmap.Action) -> None:
        def save(entry: Partners) -> object:
            with self.project.batch():
                saved = roadmap_actions.set_partners(self.project, self.item_id, action.id, entry.structure_ids)
                if entry.new_name.strip():
                    saved = roadmap_actions.add_partner(self.project, self.item_id, action.id, entry.new_name)
            return saved

        choices = [(name, sid) for sid, name in roadmap_actions.partner_choices(self.project)]
        heading = t("roadmap.form.partners_heading", text=action.text)
        self.app.push_screen(PartnersFormModal(heading, choices, list(action.partner_ids), save), self.after_form)

    # Step 9: calendar, referent, state -----------------------------------------------------------------
    def _referents(self) -> list[tuple[Content, str]]:
        names = self.names()
        choices: list[tuple[Content, str]] = [(Content(t("roadmap.form.nobody")), NOBODY)]
        choices += [
            (Content.assemble(p.name, (" — " + names.get(p.structure_id, ""), "$text-muted")), f"p{p.id}") for p in self.project.participants()
        ]
        choices += [(Content.assemble((t("roadmap.form.structure_prefix"), "$text-muted"), s.name), f"s{s.id}") for s in self.project.structures()]
        return choices

    def calendar_form(self, action: roadmap.Action) -> None:
        followed = roadmap_follow.follow(action, roadmap_follow.proposals_by_id(self.project), self.today)
        referent = followed.referent
        current = f"p{referent.participant_id}" if referent.participant_id else (f"s{referent.structure_id}" if referent.structure_id else NOBODY)
        note = ""
        if action.proposal_id and not followed.status:
            note = t("roadmap.form.status_waits", number=action.proposal_id, state=roadmap_follow.state_label(followed))
        initial = Calendar(periods.format_date(followed.start), periods.format_date(followed.end), current, followed.status or "to_do", followed.reason)
        today = self.today

        def save(entry: Calendar) -> object:
            chosen = NO_REFERENT
            if entry.referent.startswith("p"):
                chosen = Referent.participant(int(entry.referent[1:]))
            elif entry.referent.startswith("s"):
                chosen = Referent.structure(int(entry.referent[1:]))
            with self.project.batch():
                roadmap_actions.set_calendar(self.project, self.item_id, action.id, entry.start, entry.end, on=today)
                saved = roadmap_actions.set_referent(self.project, self.item_id, action.id, chosen, on=today)
                if entry.status:
                    saved = roadmap_actions.set_status(self.project, self.item_id, action.id, entry.status, entry.reason, on=today)
            return saved

        heading = t("roadmap.form.calendar_heading")
        text = action.text if not action.proposal_id else t("roadmap.form.calendar_proposal", text=action.text, number=action.proposal_id)
        self.app.push_screen(CalendarFormModal(heading, text, self._referents(), save, initial, note), self.after_form)

    def action_status(self) -> None:
        action = self._current_action()
        if action is not None:
            self.calendar_form(action)

    # Milestones ---------------------------------------------------------------------------------------------
    def milestone_form(self, milestone: roadmap.Milestone | None) -> None:
        def save(entry: MilestoneEntry) -> object:
            if milestone is None:
                return roadmap_actions.add_milestone(self.project, self.item_id, entry.text, entry.date, entry.structure_ids)
            return roadmap_actions.edit_milestone(self.project, self.item_id, milestone.id, entry.text, entry.date, entry.structure_ids)

        initial = MilestoneEntry(milestone.text, periods.format_date(milestone.date), list(milestone.structure_ids)) if milestone else None
        heading = t("roadmap.form.milestone_heading" if milestone is None else "roadmap.form.milestone_edit_heading")
        self.app.push_screen(MilestoneFormModal(heading, self._structures(), save, initial), self.after_form)

    # The keys, step by step ---------------------------------------------------------------------------------
    def action_add(self) -> None:
        step = Step(self.step)
        if step == Step.STAKES:
            self.add_stake()
        elif step == Step.SHARED:
            self.add_shared_typed()
        elif step == Step.OBJECTIVES:
            self.objective_form(None)
        elif step == Step.OPERATIONAL:
            self.operational_form(None)
        elif step == Step.ACTIONS:
            self.action_form(None)
        elif step == Step.RESOURCES:
            action = self._current_action()
            if action is not None:
                self.resource_form(action, -1)
        elif step == Step.MILESTONES:
            self.milestone_form(None)

    def action_edit(self) -> None:
        step = Step(self.step)
        row = self.current()
        if row is None:
            if step in (Step.OBJECTIVES, Step.MILESTONES, Step.OPERATIONAL, Step.ACTIONS):
                self.action_add()
            return
        if step == Step.STAKES:
            stake = self.state.stake(row)

            def save(text: str) -> object:
                return roadmap.edit_stake(self.project, self.item_id, stake.id, text)

            self.app.push_screen(LineFormModal(t("roadmap.form.stake_edit_heading"), "roadmap.form.stake", save, stake.text), self.after_form)
        elif step == Step.SHARED:
            self.edit_shared()
        elif step == Step.OBJECTIVES:
            self.objective_form(self.state.objective(row))
        elif step == Step.OPERATIONAL:
            self.operational_form(self.state.operational_objective(row))
        elif step == Step.MILESTONES:
            self.milestone_form(self.state.milestone(row))
        elif step == Step.TIMELINE and row[0] == "m":
            self.milestone_form(self.state.milestone(row[1]))
        else:
            action = self._current_action()
            if action is None:
                return
            if step == Step.ACTIONS:
                self.action_form(action)
            elif step == Step.SKILLS:
                self.skills_form(action)
            elif step == Step.RESOURCES:
                self.resource_form(action, row[1])
            elif step == Step.PARTNERS:
                self.partners_form(action)
            else:
                self.calendar_form(action)

    def action_remove(self) -> None:
        step = Step(self.step)
        row = self.current()
        if row is None:
            return
        if step == Step.SHARED:
            self.remove_shared()
            return
        if step == Step.RESOURCES:
            action_id, index = row
            if index >= 0:
                self.do(roadmap_actions.remove_resource, action_id, index)
            return
        remove: Callable[[Project, int, int], RoadmapState]
        if step == Step.STAKES:
            remove, text = roadmap.remove_stake, self.state.stake(row).text
        elif step == Step.OBJECTIVES:
            remove, text = roadmap_objectives.remove_objective, self.state.objective(row).text
        elif step == Step.OPERATIONAL:
            remove, text = roadmap_objectives.remove_operational, self.state.operational_objective(row).text
        elif step == Step.ACTIONS:
            remove, text = roadmap_actions.remove_action, self.state.action(row).text
        elif step == Step.MILESTONES:
            remove, text = roadmap_actions.remove_milestone, self.state.milestone(row).text
        else:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.do(remove, row)

        self.app.push_screen(ConfirmModal(t("roadmap.screen.remove_confirm", text=text), t("roadmap.key.remove")), answered)
