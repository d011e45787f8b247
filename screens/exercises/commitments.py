"""The commitment tracker: proposals, the promoter's decisions, the two gauges,
per-structure counts and the history, on the shared screen.

Opens on what fell due since the previous workshop when there is any, else on
this workshop's proposals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from exercises import commitments
from screens.exercises.base import ExerciseScreen
from screens.modals.confirm import ConfirmModal
from screens.modals.follow_up import FollowUpModal
from screens.modals.prompt import PromptModal
from screens.modals.proposal import ProposalModal
from screens.registry import register_exercise_screen
from screens.widgets.gauge import GaugeReading, ShareGauge
from screens.widgets.key_bar import KeyBar
from screens.widgets.share_history import HistoryRow, ShareHistoryChart
from workshop.i18n import t
from workshop.proposals import (
    CommitmentGauge,
    Decision,
    ImplementationGauge,
    Proposal,
    day_of,
    decide,
    due_since_last,
    edit_proposal,
    history,
    proposal,
    proposals,
    remove_proposal,
    tallies,
)
from workshop.proposals.labels import MISSING, Names, decision_label, status_label

if TYPE_CHECKING:
    from workshop.project import Project

FILTERS = ("workshop", "due", "all")
DECISION_STYLES = {
    Decision.RETAINED.value: "bold green",
    Decision.NOT_RETAINED.value: "bold red",
    Decision.UNDER_STUDY.value: "yellow",
    Decision.UNDECIDED.value: "dim",
}
SHORT_TEXT = 60
COMPACT_BELOW_HEIGHT = 34


def _short(text: str, limit: int = SHORT_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def commitment_reading(gauge: CommitmentGauge) -> GaugeReading:
    return GaugeReading(
        title=t("proposals.gauge.title"),
        big=gauge.percent,
        fraction=float(gauge.share) if gauge.share is not None else None,
        threshold=gauge.threshold,
        verdict=gauge.verdict(),
        details=(gauge.counts_text(),),
        reached=gauge.kept,
    )


def implementation_reading(gauge: ImplementationGauge) -> GaugeReading:
    return GaugeReading(
        title=t("proposals.implemented.title"),
        big=gauge.percent,
        fraction=float(gauge.share) if gauge.share is not None else None,
        threshold=gauge.threshold,
        verdict=gauge.verdict(),
        details=(gauge.counts_text(),),
        reached=gauge.reached,
    )


class CommitmentsScreen(ExerciseScreen):
    CSS_PATH = "commitments.tcss"
    BINDINGS = [
        Binding("escape", "close", t("common.back")),
        Binding("n", "new", t("proposals.key.new")),
        Binding("r", "decide('retained')", t("proposals.key.retained")),
        Binding("x", "decide('not_retained')", t("proposals.key.not_retained")),
        Binding("e", "decide('under_study')", t("proposals.key.under_study")),
        Binding("u", "decide('')", t("proposals.key.undecided"), show=False),
        Binding("s", "follow_up", t("proposals.key.follow_up")),
        Binding("f", "next_filter", t("proposals.key.filter")),
        Binding("enter", "edit", t("proposals.key.edit"), show=False),
        Binding("d,delete", "remove", t("proposals.key.remove"), show=False),
        Binding("1", "tab('tab-proposals')", t("proposals.tab.list"), show=False),
        Binding("2", "tab('tab-structures')", t("proposals.tab.structures"), show=False),
        Binding("3", "tab('tab-history')", t("proposals.tab.history"), show=False),
    ]

    exercise = commitments.EXERCISE

    def __init__(self, project: Project, workshop_id: int, item_id: int = 0) -> None:
        super().__init__(project, workshop_id, item_id)
        self.filter = "workshop"
        self.shown: list[Proposal] = []

    # Layout -----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="gauges"):
            yield ShareGauge(id="commitment")
            yield ShareGauge(id="implementation")
        yield Static(Content(CommitmentGauge.rule_text()), id="rule", classes="hint")
        with TabbedContent(id="tabs"):
            with TabPane(t("proposals.tab.list"), id="tab-proposals"):
                yield Static(id="filter-line", markup=False)
                yield DataTable(id="proposals", cursor_type="row", zebra_stripes=True)
                yield Static(id="empty", classes="hint", markup=False)
                yield Static(id="detail", markup=False)
            with TabPane(t("proposals.tab.structures"), id="tab-structures"):
                yield DataTable(id="structures", cursor_type="row", zebra_stripes=True)
            with TabPane(t("proposals.tab.history"), id="tab-history"):
                yield ShareHistoryChart(id="history")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = t("exercise.commitments.title")
        workshop = self.project.workshop(self.workshop_id)
        self.sub_title = workshop.title
        table = self.query_one("#proposals", DataTable)
        for column in ("number", "text", "decision", "status", "structure", "referent", "due"):
            table.add_column(t(f"proposals.col.{column}"), key=column)
        structures = self.query_one("#structures", DataTable)
        for column in ("structure", "proposed", "retained", "not_retained", "under_study", "done"):
            structures.add_column(t(f"proposals.col.{column}"), key=column)
        # At the next workshop, open on what fell due since the last one.
        self.filter = "due" if due_since_last(self.project, self.workshop_id) else "workshop"
        self.refresh_all()
        table.focus()

    def on_screen_resume(self) -> None:
        # Proposals typed from another screen (the cockpit's tool) show at once.
        if self.is_mounted:
            self.refresh_all()

    def on_resize(self) -> None:
        compact = self.size.height < COMPACT_BELOW_HEIGHT
        for gauge in self.query(ShareGauge):
            gauge.set_class(compact, "-compact")

    @property
    def today(self) -> str:
        return day_of(self.app.clock.now())

    # Refreshing ---------------------------------------------------------------------
    def refresh_all(self, keep_id: int | None = None) -> None:
        every = proposals(self.project)
        threshold = self.project.threshold
        self.commitment = CommitmentGauge.of(every, threshold)
        self.implementation = ImplementationGauge.of(every, threshold, self.today)
        self.query_one("#commitment", ShareGauge).show(commitment_reading(self.commitment))
        self.query_one("#implementation", ShareGauge).show(implementation_reading(self.implementation))
        self._fill_list(every, keep_id)
        self._fill_structures()
        self._fill_history()

    def _filtered(self, every: list[Proposal]) -> list[Proposal]:
        if self.filter == "workshop":
            return [p for p in every if p.workshop_id == self.workshop_id]
        if self.filter == "due":
            return due_since_last(self.project, self.workshop_id)
        return every

    def _fill_list(self, every: list[Proposal], keep_id: int | None) -> None:
        table = self.query_one("#proposals", DataTable)
        if keep_id is None and self.shown and 0 <= table.cursor_row < len(self.shown):
            keep_id = self.shown[table.cursor_row].id
        self.shown = self._filtered(every)
        names = Names(self.project)
        today = self.today
        # The text column shrinks on a small screen so that the decision stays in view.
        limit = max(20, min(SHORT_TEXT, self.size.width - 45))
        table.clear()
        for p in self.shown:
            late = "bold red" if p.is_late(today) else ""
            table.add_row(
                Text(str(p.id)),
                Text(_short(p.text, limit)),
                Text(decision_label(p.decision), style=DECISION_STYLES.get(p.decision, "")),
                Text(status_label(p, today), style=late),
                Text(_short(names.structure(p.structure_id), 30)),
                Text(_short(names.referent(p), 30) if p.retained else MISSING),
                Text((p.due or MISSING) if p.retained else MISSING, style=late),
                key=str(p.id),
            )
        rows = [p.id for p in self.shown]
        if keep_id in rows:
            table.move_cursor(row=rows.index(keep_id))
        count = len(self.shown)
        self.query_one("#filter-line", Static).update(
            Content(t("proposals.filter.line", name=t(f"proposals.filter.{self.filter}"), count=count))
        )
        empty = self.query_one("#empty", Static)
        empty.update(Content(t(f"proposals.empty.{self.filter}")))
        empty.display = not self.shown
        table.display = bool(self.shown)
        self._show_detail()

    def _show_detail(self) -> None:
        current = self._current()
        detail = self.query_one("#detail", Static)
        if current is None:
            detail.update("")
            return
        names = Names(self.project)
        author = names.structure(current.structure_id)
        if current.participant_id:
            author = t("proposals.detail.person_of", person=names.person(current.participant_id), structure=author)
        parts = [t("proposals.detail.line", number=current.id, text=current.text, author=author, source=names.source(current))]
        if current.reason:
            parts.append(t("proposals.detail.reason", reason=current.reason))
        if current.retained and current.status_reason:
            parts.append(t("proposals.detail.status_reason", reason=current.status_reason))
        detail.update(Content("\n".join(parts)))

    def _fill_structures(self) -> None:
        table = self.query_one("#structures", DataTable)
        table.clear()
        for line in tallies(self.project):
            table.add_row(
                Text(line.name),
                Text(str(line.proposed), justify="right"),
                Text(str(line.retained), justify="right", style="bold green" if line.retained else ""),
                Text(str(line.not_retained), justify="right"),
                Text(str(line.under_study), justify="right"),
                Text(str(line.done), justify="right"),
                key=str(line.structure_id),
            )

    def _fill_history(self) -> None:
        rows = [
            HistoryRow(
                label=point.title,
                first=float(point.commitment.share) if point.commitment.share is not None else None,
                first_text=point.commitment.percent,
                second=float(point.implementation.share) if point.implementation.share is not None else None,
                second_text=point.implementation.percent,
            )
            for point in history(self.project)
        ]
        self.query_one(ShareHistoryChart).set_history(
            rows,
            self.project.threshold,
            (t("proposals.gauge.title"), t("proposals.implemented.title")),
            t("proposals.history.empty"),
        )

    def _current(self) -> Proposal | None:
        """The highlighted proposal; None unless the list is in view."""
        if self.query_one(TabbedContent).active != "tab-proposals":
            return None
        table = self.query_one("#proposals", DataTable)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "proposals":
            self._show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "proposals":
            self.action_edit()

    # Actions --------------------------------------------------------------------------
    def action_tab(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane
        if pane == "tab-proposals":
            self.query_one("#proposals", DataTable).focus()

    def action_next_filter(self) -> None:
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        self.action_tab("tab-proposals")
        self.refresh_all()

    def action_new(self) -> None:
        def recorded(made: Proposal | None) -> None:
            if made is not None:
                if self.filter == "due":
                    self.filter = "workshop"
                self.refresh_all(keep_id=made.id)

        self.app.push_screen(ProposalModal(self.project, self.workshop_id, self.item_id, source=""), recorded)

    def action_decide(self, decision: str) -> None:
        current = self._current()
        if current is None:
            return
        if decision == Decision.NOT_RETAINED:

            def answered(reason: str | None) -> None:
                if reason is None:
                    return
                self._decide(current.id, decision, reason)

            self.app.push_screen(
                PromptModal(t("proposals.decide.why_not", text=_short(current.text, 120)), current.reason, t("proposals.decide.reason_placeholder")),
                answered,
            )
            return
        self._decide(current.id, decision, current.reason if current.decision == decision else "")

    def _decide(self, proposal_id: int, decision: str, reason: str) -> None:
        done = self.app.attempt(decide, self.project, proposal_id, decision, reason, on=self.today, workshop_id=self.workshop_id)
        if done is not None:
            self.refresh_all(keep_id=proposal_id)

    def action_follow_up(self) -> None:
        current = self._current()
        if current is None:
            return
        if not current.retained:
            self.notify(Content(t("proposals.error.not_retained_follow_up")), severity="warning")
            return

        def saved(result: Proposal | None) -> None:
            if result is not None:
                self.refresh_all(keep_id=result.id)

        self.app.push_screen(FollowUpModal(self.project, proposal(self.project, current.id), self.today), saved)

    def action_edit(self) -> None:
        current = self._current()
        if current is None:
            return

        def answered(text: str | None) -> None:
            if text is None:
                return
            if self.app.attempt(edit_proposal, self.project, current.id, text=text) is not None:
                self.refresh_all(keep_id=current.id)

        self.app.push_screen(PromptModal(t("proposals.edit.prompt"), current.text), answered)

    def action_remove(self) -> None:
        current = self._current()
        if current is None:
            return

        def removed() -> bool:
            remove_proposal(self.project, current.id)
            return True

        def answered(sure: bool | None) -> None:
            if sure and self.app.attempt(removed):
                self.refresh_all()

        self.app.push_screen(ConfirmModal(t("proposals.remove.confirm", text=_short(current.text, 120)), t("proposals.key.remove")), answered)


def open_commitments(project: Project, workshop_id: int, item_id: int) -> CommitmentsScreen:
    return CommitmentsScreen(project, workshop_id, item_id)


register_exercise_screen("commitments", open_commitments)
