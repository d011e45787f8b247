"""FFOM step 4 on screen: the retained weaknesses and threats, the room's answers, and
what each answer becomes (an action proposal, an element to secure).

A part of `SwotScreen`, kept in its own file: the table lists each analysis (when
there are several), its retained weaknesses and threats, and under each the
answers, with what they became ("P3": proposal no. 3, "S2": element no. 2).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import DataTable

from exercises import swot, swot_answers
from exercises.swot import Entry
from screens.exercises.swot_grid import STYLE
from screens.modals.confirm import ConfirmModal
from screens.modals.prompt import PromptModal
from workshop.i18n import t
from workshop.rounds import Round, rounds_of

if TYPE_CHECKING:
    from exercises.securing import Element
    from exercises.swot import SwotState
    from screens.exercises.stepped import SteppedExerciseScreen as _Screen
    from workshop.proposals import Proposal
else:
    _Screen = object  # a plain mixin at run time: the screen it is mixed into is the stepped screen


class AnswersStep(_Screen):
    """The answers step of the FFOM screen (mixed into `SwotScreen`)."""

    # What `SwotScreen` provides, declared for the type checker.
    state: SwotState
    rows: list[tuple[str, int]]
    if TYPE_CHECKING:

        def do(self, action: Callable[..., Any], *args: Any, **kwargs: Any) -> object: ...
        def _title(self, text: str) -> None: ...
        def _row(self) -> tuple[str, int]: ...

    def show_answers(self, table: DataTable) -> None:
        state = self.state
        entries = swot_answers.to_answer(state)
        self._title(t("swot.screen.answers_title"))
        keep = table.cursor_row
        table.clear(columns=True)
        self.add_columns(table, [(t("swot.col.entry_or_answer"), 0), (t("swot.col.became"), 14)])
        self.rows = []
        several = len(state.analyses) > 1
        heading = None
        for entry in entries:
            if several and entry.analysis_id != heading:
                heading = entry.analysis_id
                table.add_row(Text(swot.subject(self.project, state.analysis(heading)), style="bold reverse"), Text(""))
                self.rows.append(("analysis", heading))
            label = t("swot.minutes.entry_label", quadrant=t(f"swot.quadrant.{entry.quadrant or 'unsorted'}.one"), text=entry.text)
            table.add_row(Text(label, style=f"bold {STYLE[entry.quadrant]}"), Text(""))
            self.rows.append(("entry", entry.id))
            for answer in state.answers_to(entry.id):
                table.add_row(Text("   → " + answer.text), Text(self._followed(answer)))
                self.rows.append(("answer", answer.id))
        if 0 <= keep < len(self.rows):
            if self.rows[keep][0] == "analysis" and keep + 1 < len(self.rows):
                keep += 1  # a structure's name heads its rows: the cursor starts on what the keys act on
            table.move_cursor(row=keep)
        self.set_status(t("swot.screen.answers_status", entries=len(entries), answers=len(state.answers)))

    def _followed(self, answer: swot.Answer) -> str:
        parts = [t("swot.screen.proposal_short", number=n) for n in answer.proposal_ids]
        parts += [t("swot.screen.element_short", number=n) for n in answer.element_ids]
        return " ".join(parts)

    def answers_key_acts(self, action: str) -> bool:
        """Whether a key of this step acts on the selected row: an answer needs a
        weakness or threat (or one of its answers), the rest an answer."""
        kind, _row_id = self._row()
        if action == "answer":
            return kind in ("entry", "answer")
        if action == "answer_round":
            return bool(self._running_rounds()) or kind in ("entry", "answer")
        if action in ("edit_answer", "remove_answer", "proposal", "element"):
            return kind == "answer"
        return True

    def _answered_entry(self) -> Entry | None:
        kind, row_id = self._row()
        if kind == "entry":
            return self.state.entry(row_id)
        if kind == "answer":
            return self.state.entry(self.state.answer(row_id).entry_id)
        return None

    def _answer(self) -> swot.Answer | None:
        kind, row_id = self._row()
        return self.state.answer(row_id) if kind == "answer" else None

    def action_answer(self) -> None:
        entry = self._answered_entry()
        if entry is None:
            self.notify(t("swot.screen.nothing_to_answer"), markup=False, severity="warning")
            return

        def save(text: str) -> object:
            return swot_answers.add_answer(self.project, self.item_id, entry.id, text)

        self.app.push_screen(PromptModal(swot_answers.question(self.project, self.state, entry), save=save), lambda _done: self.reload())

    def _running_rounds(self) -> list[Round]:
        return [r for r in rounds_of(self.project, self.workshop_id, self.item_id, owner=swot.ANSWER_OWNER) if not r.done]

    def action_answer_round(self) -> None:
        running = self._running_rounds()
        started: Round | None
        if running:
            started = running[0]
        else:
            entry = self._answered_entry()
            if entry is None:
                self.notify(t("swot.screen.nothing_to_answer"), markup=False, severity="warning")
                return
            started = self.app.attempt(swot_answers.start_answer_round, self.project, self.item_id, entry.id)
            if started is None:
                return
        round_id = started.id
        self.reload()
        self.run_round(round_id, lambda _result: self._answers(round_id))

    def _answers(self, round_id: int) -> None:
        from workshop.rounds import get_round

        if get_round(self.project, round_id).done:
            self.app.attempt(swot_answers.collect_answers, self.project, self.item_id, round_id)
        self.reload()

    def action_edit_answer(self) -> None:
        answer = self._answer()
        if answer is None:
            return

        def save(text: str) -> object:
            return swot_answers.edit_answer(self.project, self.item_id, answer.id, text)

        self.app.push_screen(PromptModal(t("swot.screen.edit_answer_prompt"), value=answer.text, save=save), lambda _done: self.reload())

    def action_remove_answer(self) -> None:
        answer = self._answer()
        if answer is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.do(swot_answers.remove_answer, answer.id)

        self.app.push_screen(ConfirmModal(t("swot.screen.remove_answer_confirm", text=answer.text), t("swot.key.remove")), confirmed)

    def action_proposal(self) -> None:
        """The answer becomes an action proposal for the commitment tracker."""
        from screens.modals.proposal import ProposalModal

        answer = self._answer()
        if answer is None:
            self.notify(t("swot.screen.pick_an_answer"), markup=False, severity="warning")
            return
        structure_id, participant_id = swot_answers.answer_author(self.project, self.state, answer.id)

        def recorded(proposal: Proposal | None) -> None:
            if proposal is not None:
                self.do(swot_answers.link_proposal, answer.id, proposal.id)

        modal = ProposalModal(self.project, self.workshop_id, self.item_id, "swot", answer.text, structure_id, participant_id)
        self.app.push_screen(modal, recorded)

    def action_element(self) -> None:
        """The answer becomes an element to secure: who sees to it, by when."""
        from screens.modals.element import ElementForm, ElementModal

        answer = self._answer()
        if answer is None:
            self.notify(t("swot.screen.pick_an_answer"), markup=False, severity="warning")
            return

        def save(form: ElementForm) -> Element:
            return swot_answers.record_element(
                self.project, self.item_id, answer.id, form.text, form.referent, due=form.due, notes=form.notes
            )

        def saved(element: Element | None) -> None:
            if element is not None:
                self.notify(t("securing.screen.added", number=element.id), markup=False)
            self.reload()

        initial = ElementForm(answer.text)
        self.app.push_screen(ElementModal(self.project, t("securing.screen.new_heading"), save, initial, new=True), saved)
