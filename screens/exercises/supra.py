"""Objectif supra on the shared screen: drafts, crossing, one sentence, checks, consent.

The view follows the exercise's saved step, so a restart lands where the room
was. Rounds run on the rounds feature's own screen; when one ends, its outcome
is recorded here.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import ContentSwitcher, Header, OptionList, Static
from textual.widgets.option_list import Option

from exercises import supra, supra_adoption, supra_exercise
from exercises.supra import Criterion, Step
from exercises.wording import word_spans
from screens.exercises.base import ExerciseScreen
from screens.formatting import format_date
from screens.parameters import int_parameter
from screens.widgets.key_bar import KeyBar
from workshop.errors import NotFound
from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.project import Project

WORDS_SHOWN = 15
HIGHLIGHT = "bold reverse $accent"
JUDGE_KEYS = {"p": Criterion.PRECISE, "a": Criterion.APPROVED, "r": Criterion.REALISTIC}
VIEWS = ("drafts", "crossing", "sentence")
JUDGE = Binding.Group("supra.key.judge", compact=True)
SCALE = Binding.Group("supra.key.scale", compact=True)


def highlighted(text: str, keys: set[str]) -> Content:
    """The text, literal, with the recurring words styled (never markup)."""
    content = Content(text)
    for start, end, _ in word_spans(text, keys):
        content = content.stylize(HIGHLIGHT, start, end)
    return content


class SupraScreen(ExerciseScreen):
    CSS_PATH = "supra.tcss"
    BINDINGS = [
        Binding("escape", "close", "common.back"),
        # The same key as every exercise in steps: N the next step, B the previous one.
        Binding("n", "next_view(1)", "values.key.next"),
        Binding("b", "next_view(-1)", "values.key.previous", show=False),
        # Priority: the list's own Enter (crossing) would hide it from the key bar.
        Binding("enter", "main", "supra.key.main", priority=True),
        Binding("1", "view('drafts')", "supra.key.drafts", show=False),
        Binding("2", "view('crossing')", "supra.key.crossing", show=False),
        Binding("3", "view('sentence')", "supra.key.sentence", show=False),
        Binding("u", "unit", "supra.key.unit"),
        Binding("e", "edit", "supra.key.edit"),
        Binding("c", "consent", "supra.key.consent"),
        Binding("x", "abandon", "supra.key.abandon"),
        Binding("w", "handling", "supra.key.handling"),
        Binding("o", "reopen", "supra.key.reopen"),
        Binding("k", "confirm", "supra.key.confirm"),
        Binding("exclamation_mark", "propose", "supra.key.propose"),
        Binding("i", "add_indicator", "supra.key.indicator"),
        Binding("d", "deadline", "supra.key.deadline"),
        Binding("p", "judge('precise')", "supra.criterion.precise", group=JUDGE),
        Binding("a", "judge('approved')", "supra.criterion.approved", group=JUDGE),
        Binding("r", "judge('realistic')", "supra.criterion.realistic", group=JUDGE),
        Binding("h", "history", "supra.key.history"),
        Binding("I", "remove_indicator", "supra.key.remove_indicator", show=False),
        Binding("P", "scale('precise')", "supra.key.scale", show=False),
        Binding("A", "scale('approved')", "supra.key.scale", show=False),
        Binding("R", "scale('realistic')", "supra.key.scale", show=False),
    ]

    exercise = supra_exercise.EXERCISE

    def __init__(self, project: Project, workshop_id: int, item_id: int) -> None:
        super().__init__(project, workshop_id, item_id)
        self.state = supra.load(project, item_id)
        self.view = "drafts"
        self.drafts: list[supra.Draft] = []

    # Layout ------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="steps")
        with ContentSwitcher(id="panes", initial="drafts"):
            with VerticalScroll(id="drafts"):
                yield Static(Content(t("supra.drafts.question")), id="drafts-question")
                yield Static(id="drafts-unit")
                yield Static(id="drafts-status")
            with Horizontal(id="crossing"):
                yield Static(id="words")
                yield OptionList(id="draft-list")
            with Vertical(id="sentence"):
                yield Static(id="sentence-text")
                with Horizontal(id="sentence-details"):
                    yield Static(id="sentence-data")
                    yield Static(id="criteria")
                yield Static(id="consent-history")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.attempt(supra.sync_rounds, self.project, self.item_id)
        self._reload()
        self.view = _view_of(self.state)
        self.refresh_view()

    def on_screen_resume(self) -> None:
        # Back from a round (or a crash-resumed one): record what it decided.
        self.app.attempt(supra.sync_rounds, self.project, self.item_id)
        self._reload()
        self.refresh_view()

    def on_atelier_base_change_undone(self, _message: object) -> None:
        # Ctrl+Z brought something back: show the exercise as it is now.
        self._reload()
        self.refresh_view()

    # Drawing --------------------------------------------------------------------------------
    def _reload(self) -> None:
        self.state = supra.load(self.project, self.item_id)
        try:
            self.drafts = supra.drafts(self.project, self.item_id)
        except NotFound:  # a removed drafts round: show none rather than fail
            self.drafts = []

    def refresh_view(self) -> None:
        self.query_one("#steps", Static).update(self._steps_bar())
        switcher = self.query_one("#panes", ContentSwitcher)
        switcher.current = self.view
        if self.view == "crossing":
            self.query_one("#draft-list", OptionList).focus()
        else:
            self.set_focus(None)
        if self.view == "drafts":
            self._draw_drafts()
        elif self.view == "crossing":
            self._draw_crossing()
        else:
            self._draw_sentence()
        self.refresh_bindings()

    def _steps_bar(self) -> Content:
        order = [Step.DRAFTS, Step.CROSSING, Step.SENTENCE, Step.CONSENT, Step.ADOPTED]
        reached = order.index(Step(self.state.step))
        parts: list[Content] = []
        for index, step in enumerate(order):
            label = t(f"supra.step.{step.value}", number=index + 1)
            if step.value == self.state.step:
                style = "bold reverse"
            elif index < reached:
                style = "bold"
            else:
                style = "dim"
            parts.append(Content.styled(f" {label} ", style))
        return Content(" › ").join(parts)

    def _draw_drafts(self) -> None:
        unit = t("supra.minutes.unit_structure") if self.state.by_structure else t("supra.minutes.unit_person")
        self.query_one("#drafts-unit", Static).update(Content(t("supra.screen.unit", unit=unit)))
        status = self.query_one("#drafts-status", Static)
        if not self.state.drafts_round_id:
            status.update(Content(t("supra.screen.drafts_not_started")))
            return
        from workshop.rounds import get_round

        started = get_round(self.project, self.state.drafts_round_id)
        done, total = started.progress
        key = "supra.screen.drafts_done" if started.done else "supra.screen.drafts_running"
        status.update(Content(t(key, done=done, total=total, drafts=len(self.drafts))))

    def _draw_crossing(self) -> None:
        words = supra.crossing(self.project, self.item_id) if self.drafts else []
        keys = {w.key for w in words}
        if words:
            lines = [Content.styled(t("supra.screen.words_title"), "bold")]
            for word in words[:WORDS_SHOWN]:
                lines.append(Content.assemble((word.shown, HIGHLIGHT), f" ×{word.drafts}"))
            if len(words) > WORDS_SHOWN:
                lines.append(Content(t("supra.screen.more_words", count=len(words) - WORDS_SHOWN)))
        else:
            lines = [Content(t("supra.screen.no_words"))]
        self.query_one("#words", Static).update(Content("\n").join(lines))
        draft_list = self.query_one("#draft-list", OptionList)
        highlighted_index = draft_list.highlighted
        draft_list.clear_options()
        for index, draft in enumerate(self.drafts):
            body = highlighted(draft.text, keys)
            if draft.author:
                body = Content.assemble((draft.author, "italic dim"), "\n", body)
            draft_list.add_option(Option(body, id=str(index)))
        if self.drafts:
            draft_list.highlighted = min(highlighted_index or 0, len(self.drafts) - 1)

    def _draw_sentence(self) -> None:
        state = self.state
        box = self.query_one("#sentence-text", Static)
        if state.sentence:
            box.update(highlighted(state.sentence, set()))
            stamp = time.strftime("%H:%M", time.localtime(state.current.at)) if state.current and state.current.at else ""
            box.border_title = t("supra.screen.version", number=len(state.versions), time=stamp)
        else:
            box.update(Content(t("supra.screen.no_sentence")))
            box.border_title = ""
        approval = supra_adoption.approval(self.project, state)
        box.set_class(state.adopted and approval is not None and approval.complete, "adopted")
        box.set_class(state.adopted and approval is not None and not approval.complete, "awaiting")
        if state.adopted:
            box.border_subtitle = supra_adoption.status_line(self.project, state).rstrip(".")
        else:
            box.border_subtitle = t("supra.screen.consent_running") if state.open_consent else ""
        lines = [Content.styled(t("supra.minutes.indicators"), "bold")]
        lines += [Content.assemble("• ", indicator) for indicator in state.indicators] or [Content.styled(t("supra.screen.no_indicator"), "dim")]
        lines.append(Content.assemble((t("supra.minutes.deadline"), "bold"), supra.format_deadline(state.deadline) or t("supra.minutes.none")))
        self.query_one("#sentence-data", Static).update(Content("\n").join(lines))
        checks = [Content.styled(t("supra.screen.criteria_title"), "bold")]
        for check in supra.criteria(state, approval):
            # A word with each mark: "not met" must read without the red.
            if check.stale or check.met is None:
                mark, word, style = "☐", t("supra.screen.to_check"), "bold $warning"
            elif check.met:
                mark, word, style = "☑", t("supra.screen.met"), "bold $success"
            else:
                mark, word, style = "☒", t("supra.screen.not_met"), "bold $error"
            checks.append(Content.assemble((f"{mark} {word} ", style), t(f"supra.criterion.{check.criterion.value}")))
        self.query_one("#criteria", Static).update(Content("\n").join(checks))
        self.query_one("#consent-history", Static).update(self._consent_history())

    def _consent_history(self) -> Content:
        finished = [c for c in self.state.consents if c.passed is not None]
        if not finished:
            return Content("")
        last = finished[-1]
        if last.passed:
            line = Content.styled(t("supra.screen.last_consent_passed", version=last.version + 1), "bold $success")
        else:
            line = Content.styled(t("supra.screen.last_consent_objected", version=last.version + 1), "bold $error")
        lines = [line]
        if last.passed and self.state.adopted:
            lines.append(Content(supra_adoption.participation_line(self.project, self.state, format_date=format_date)))
        lines += [Content.assemble(("✗ ", "bold $error"), objection) for objection in last.objections]
        lines += [Content.assemble(("~ ", "bold $warning"), reservation) for reservation in last.reservations]
        if last.handling:
            lines.append(Content.assemble((t("supra.minutes.handling"), "italic"), last.handling))
        return Content("\n").join(lines)

    # Helpers ---------------------------------------------------------------------------------
    def _attempt(self, fn: Callable[..., Any], *args: Any) -> Any:
        return self.app.attempt(fn, *args)

    def _now(self) -> float:
        return self.app.clock.now()

    def _changed(self, result: Any) -> None:
        if result is not None:
            self._reload()
            self.refresh_view()

    def _prompt(self, question: str, save: Callable[[str], Any], value: str = "") -> None:
        """Ask for a text saved by `save` (a core call); a refusal is said in the
        question, which stays open with what was typed."""
        from screens.modals.prompt import PromptModal

        self.app.push_screen(PromptModal(question, value, save=save), self._changed)

    def round_finished(self, round_id: int) -> None:
        self._attempt(supra.sync_rounds, self.project, self.item_id)
        self._reload()
        self.refresh_view()

    def _run_round(self, round_id: int, finished: Callable[[], None]) -> None:
        def done(_result: object) -> None:
            finished()
            self._reload()
            self.refresh_view()

        self.run_round(round_id, done)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys are offered where they act: each view its own, and only in the
        state where the core would accept them (nothing to write once adopted…)."""
        if not self.is_mounted:
            return True
        state = self.state
        view = self.view
        writable = view == "sentence" and not state.adopted and state.open_consent is None
        if action == "next_view":
            target = VIEWS.index(view) + int_parameter(parameters)
            if not 0 <= target < len(VIEWS):
                return False
            # Crossing needs drafts: without a drafts round there is nothing to cross.
            return VIEWS[target] != "crossing" or bool(state.drafts_round_id)
        if action == "main":
            if view == "drafts":
                return not self._drafts_done()
            if view == "crossing":
                return self._highlighted_draft() is not None and not state.sentence
            return state.open_consent is not None or writable
        if action in ("edit", "add_indicator", "deadline", "judge"):
            return writable
        if action == "remove_indicator":
            return writable and bool(state.indicators)
        if action in ("scale", "consent"):
            return writable and bool(state.sentence)
        if action == "history":
            return view == "sentence" and bool(state.versions)
        if action == "handling":
            return view == "sentence" and any(c.passed is False for c in state.consents)
        if action == "abandon":
            return view == "sentence" and state.open_consent is not None
        if action == "reopen":
            return view == "sentence" and state.adopted
        if action == "confirm":
            approval = supra_adoption.approval(self.project, state)
            return view == "sentence" and approval is not None and not approval.complete
        if action == "unit":
            return view == "drafts" and not state.drafts_round_id  # chosen before the drafts start
        if action == "propose":
            return view == "crossing" and self._highlighted_draft() is not None
        if action == "view":
            return parameters[0] != view
        return True

    def binding_label(self, action: str) -> str | None:
        """What Enter does on this view."""
        if action != "main":
            return None
        if self.view == "drafts":
            return t("supra.key.resume_drafts" if self.state.drafts_round_id else "supra.key.start_drafts")
        if self.view == "crossing":
            return t("supra.key.from_draft")
        return t("supra.key.consent") if self.state.open_consent is not None else t("supra.key.edit")

    def _drafts_done(self) -> bool:
        if not self.state.drafts_round_id:
            return False
        from workshop.rounds import get_round

        return get_round(self.project, self.state.drafts_round_id).done

    def _highlighted_draft(self) -> int | None:
        index = self.query_one("#draft-list", OptionList).highlighted
        return index if index is not None and 0 <= index < len(self.drafts) else None

    def on_option_list_option_highlighted(self, _event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()

    def action_next_view(self, delta: int) -> None:
        index = VIEWS.index(self.view) + delta
        if 0 <= index < len(VIEWS):
            self.action_view(VIEWS[index])

    # Moving between steps -----------------------------------------------------------------------
    def action_view(self, view: str) -> None:
        if view == "crossing" and self.state.step == Step.DRAFTS and self._pending_drafts():
            from screens.modals.confirm import ConfirmModal

            def answered(yes: bool | None) -> None:
                if yes:
                    self._cross()

            question = t("supra.screen.cross_early", count=self._pending_drafts())
            self.app.push_screen(ConfirmModal(question, t("supra.screen.cross_anyway")), answered)
            return
        if view == "crossing" and self.state.step == Step.DRAFTS:
            self._cross()
            return
        self._show(view)

    def _pending_drafts(self) -> int:
        """Voters of the drafts round who have not had their turn yet."""
        if not self.state.drafts_round_id:
            return 0
        from workshop.rounds import TurnState, get_round

        started = get_round(self.project, self.state.drafts_round_id)
        return 0 if not started.is_open else sum(1 for s in started.turns.values() if s is TurnState.PENDING)

    def _cross(self) -> None:
        self._changed(self._attempt(supra.go_to_step, self.project, self.item_id, Step.CROSSING))
        if self.state.step == Step.CROSSING:
            self._show("crossing")

    def _show(self, view: str) -> None:
        if view == "sentence" and self.state.step in (Step.DRAFTS, Step.CROSSING):
            self._changed(self._attempt(supra.go_to_step, self.project, self.item_id, Step.SENTENCE))
        self.view = view
        self._reload()
        self.refresh_view()

    def action_main(self) -> None:
        """Enter: the natural next thing on each view."""
        if self.view == "drafts":
            started = self._attempt(supra.start_drafts, self.project, self.item_id)
            if started is not None:
                self._reload()
                self.refresh_view()
                if not started.done:
                    self._run_round(started.id, lambda: None)
        elif self.view == "crossing":
            index = self._highlighted_draft()
            if index is not None and not self.state.sentence:
                self._changed(self._attempt(supra.write_sentence, self.project, self.item_id, self.drafts[index].text, self._now()))
            self.action_view("sentence")
        elif self.state.open_consent is not None:
            self.action_consent()
        else:
            self.action_edit()

    def action_unit(self) -> None:
        self._changed(self._attempt(supra.choose_unit, self.project, self.item_id, not self.state.by_structure))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_main()

    # Sentence ------------------------------------------------------------------------------------
    def action_edit(self) -> None:
        def write(text: str) -> supra.SupraState:
            return supra.write_sentence(self.project, self.item_id, text, self._now())

        self._prompt(t("supra.screen.edit_prompt"), write, self.state.sentence)

    def action_history(self) -> None:
        from screens.exercises.supra_versions import VersionsModal

        if not self.state.versions:
            return

        def chosen(index: int | None) -> None:
            if index is not None:
                self._changed(self._attempt(supra.restore_version, self.project, self.item_id, index, self._now()))

        self.app.push_screen(VersionsModal(self.state.versions, can_restore=not self.state.adopted), chosen)

    def action_add_indicator(self) -> None:
        self._prompt(t("supra.screen.indicator_prompt"), lambda text: supra.add_indicator(self.project, self.item_id, text))

    def action_remove_indicator(self) -> None:
        if not self.state.indicators:
            return
        from screens.modals.confirm import ConfirmModal

        last = len(self.state.indicators) - 1

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._changed(self._attempt(supra.remove_indicator, self.project, self.item_id, last))

        question = t("supra.screen.remove_indicator_confirm", text=self.state.indicators[last])
        self.app.push_screen(ConfirmModal(question, t("supra.key.remove_indicator")), confirmed)

    def action_deadline(self) -> None:
        def set_deadline(text: str) -> supra.SupraState:
            return supra.set_deadline(self.project, self.item_id, text)

        self._prompt(t("supra.screen.deadline_prompt"), set_deadline, supra.format_deadline(self.state.deadline))

    def action_judge(self, criterion: str) -> None:
        """Cycle the facilitator's judgement: to check → yes → no → to check."""
        current = next(c for c in supra.criteria(self.state) if c.criterion == criterion)
        following = True if current.met is None or current.stale else (False if current.met else None)
        self._changed(self._attempt(supra.judge, self.project, self.item_id, criterion, following))

    def action_scale(self, criterion: str) -> None:
        started = self._attempt(supra.start_criterion_round, self.project, self.item_id, criterion)
        if started is None:
            return

        def finished() -> None:
            self._attempt(supra.sync_rounds, self.project, self.item_id)

        self._run_round(started.id, finished)

    def action_consent(self) -> None:
        started = self._attempt(supra.start_consent, self.project, self.item_id, self._now())
        if started is None:
            return
        self._reload()
        self.refresh_view()

        def finished() -> None:
            self._attempt(supra.sync_rounds, self.project, self.item_id)

        self._run_round(started.id, finished)

    def action_handling(self) -> None:
        objected = [c for c in self.state.consents if c.passed is False]
        if not objected:
            return
        last = objected[-1]

        def note(text: str) -> supra.SupraState:
            return supra.note_handling(self.project, self.item_id, last.round_id, text)

        self._prompt(t("supra.screen.handling_prompt"), note, last.handling)

    def action_abandon(self) -> None:
        self._changed(self._attempt(supra.abandon_consent, self.project, self.item_id))

    def action_confirm(self) -> None:
        """Record that a member structure absent from the consent agrees, with the date."""
        from screens.modals.pick_one import PickOneModal

        approval = supra_adoption.approval(self.project, self.state)
        if approval is None or approval.complete:
            return
        names = {s.id: s.name for s in self.project.structures()}
        choices = [(names.get(s, "?"), s) for s in approval.awaiting]

        def dated(structure_id: int, text: str) -> None:
            if self._attempt(supra_adoption.confirm, self.project, self.item_id, structure_id, text) is not None:
                self.notify(t("supra.screen.confirmed", name=names.get(structure_id, "?")), markup=False)
                self._reload()
                self.refresh_view()

        def chosen(structure_id: int | None) -> None:
            if structure_id is not None:
                self._prompt(
                    t("supra.screen.confirm_date", name=names.get(structure_id, "?")),
                    lambda text: dated(structure_id, text),
                    format_date(self.project.today()),
                )

        self.app.push_screen(PickOneModal(t("supra.screen.confirm_pick"), choices), chosen)

    def action_reopen(self) -> None:
        self._changed(self._attempt(supra.reopen, self.project, self.item_id))

    def action_propose(self) -> None:
        """A concrete action found in a draft: the proposal entry opens prefilled with it."""
        from screens.modals.proposal import ProposalModal

        index = self.query_one("#draft-list", OptionList).highlighted
        if index is None or not 0 <= index < len(self.drafts):
            return
        draft = self.drafts[index]

        def recorded(proposal: object) -> None:
            if proposal is not None:
                self.notify(t("supra.screen.proposed"), markup=False)

        modal = ProposalModal(
            self.project,
            self.workshop_id,
            self.item_id,
            source="supra",
            text=draft.text,
            structure_id=draft.structure_id,
            participant_id=draft.participant_id,
        )
        self.app.push_screen(modal, recorded)


def _view_of(state: supra.SupraState) -> str:
    if state.step == Step.DRAFTS:
        return "drafts"
    if state.step == Step.CROSSING:
        return "crossing"
    return "sentence"
