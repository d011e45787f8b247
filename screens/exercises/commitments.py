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
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from exercises import commitments_exercise
from screens.exercises.base import ExerciseScreen
from screens.formatting import format_date
from screens.modals.confirm import ConfirmModal
from screens.modals.follow_up import FollowUpModal
from screens.modals.pick_one import PickOneModal
from screens.modals.prompt import PromptModal
from screens.modals.proposal import ProposalModal
from screens.tables import Column, ColumnLayout
from screens.widgets.gauge import Segment, Share, StackedGauge, StackedReading
from screens.widgets.key_bar import KeyBar
from screens.widgets.share_history import HistoryRow, ShareHistoryChart
from workshop.i18n import t
from workshop.proposals import (
    CommitmentGauge,
    Decision,
    Proposal,
    commitment,
    decide,
    due_since_last,
    edit_proposal,
    history,
    per_structure,
    proposal,
    proposals,
    remove_proposal,
    threshold_as_of,
    today,
    unknown_author,
)
from workshop.proposals.gauge import percent_text
from workshop.proposals.labels import MISSING, Names, decision_label, status_label

if TYPE_CHECKING:
    from screens.app_base import AtelierBase
    from workshop.project import Project

FILTERS = ("workshop", "due", "all", "unknown")
DECISION_STYLES = {
    Decision.RETAINED.value: "bold green",
    Decision.NOT_RETAINED.value: "bold red",
    Decision.UNDER_STUDY.value: "yellow",
    Decision.UNDECIDED.value: "dim",
}
SHORT_TEXT = 60
COMPACT_BELOW_HEIGHT = 34
# The bar's segments: a glyph each, so that it reads without colour.
SEGMENTS = (
    ("done", "█", "$success"),
    ("open", "▓", "$accent"),
    ("pending", "░", "$text-muted"),
    ("not_retained", "×", "$error"),
    ("dropped", "/", "$warning"),
)


def _short(text: str, limit: int = SHORT_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_segments(gauge: CommitmentGauge) -> tuple[Segment, ...]:
    counts = {"done": gauge.done, "open": gauge.open, "pending": gauge.pending, "not_retained": gauge.not_retained, "dropped": gauge.dropped}
    return tuple(Segment(counts[name], glyph, t(f"proposals.legend.{name}"), style) for name, glyph, style in SEGMENTS)


def threshold_label(gauge: CommitmentGauge) -> str:
    if not gauge.stated:
        return t("proposals.bar.threshold") + " " + gauge.threshold_percent
    return t("proposals.gauge.target_short", threshold=gauge.threshold_percent, needed=gauge.needed, stated=gauge.stated)


def commitment_reading(gauge: CommitmentGauge) -> StackedReading:
    """The tracker's gauge: the verdict, the two shares over the stated proposals, the bar."""
    situation = gauge.situation()
    return StackedReading(
        title=t("proposals.gauge.title"),
        shares=(
            Share(gauge.committed_percent, gauge.committed_line(), gauge.committed_reached),
            Share(gauge.implemented_percent, gauge.implemented_line(), gauge.kept),
        ),
        segments=bar_segments(gauge),
        threshold=gauge.threshold,
        threshold_label=threshold_label(gauge),
        verdict=situation[0],
        reached=gauge.kept,
        details=tuple(line for line in (*situation[1:2], gauge.secondary_line() if gauge.stated else "", gauge.follow_up_text() if gauge.stated else "") if line),
    )


class CommitmentsScreen(ExerciseScreen):
    CSS_PATH = "commitments.tcss"
    BINDINGS = [
        Binding("escape", "close", "common.back"),
        Binding("n", "new", "proposals.key.new"),
        Binding("r", "decide('retained')", "proposals.key.retained"),
        Binding("x", "decide('not_retained')", "proposals.key.not_retained"),
        Binding("e", "decide('under_study')", "proposals.key.under_study"),
        Binding("u", "decide('')", "proposals.key.undecided", show=False),
        Binding("s", "follow_up", "proposals.key.follow_up"),
        Binding("o", "author", "proposals.key.author", show=False),
        Binding("f", "next_filter", "proposals.key.filter"),
        # Priority: the table's own Enter would hide it from the key bar.
        Binding("enter", "edit", "proposals.key.edit", priority=True),
        Binding("delete", "remove", "proposals.key.remove"),
        Binding("1", "tab('tab-proposals')", "proposals.tab.list", show=False),
        Binding("2", "tab('tab-structures')", "proposals.tab.structures", show=False),
        Binding("3", "tab('tab-history')", "proposals.tab.history", show=False),
    ]

    exercise = commitments_exercise.EXERCISE

    def __init__(self, project: Project, workshop_id: int, item_id: int = 0) -> None:
        super().__init__(project, workshop_id, item_id)
        self.filter = "workshop"
        self.shown: list[Proposal] = []

    # Layout -----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        yield StackedGauge(id="commitment")
        yield Static(id="notes", classes="hint", markup=False)
        with TabbedContent(id="tabs"):
            with TabPane(t("proposals.tab.list"), id="tab-proposals"):
                yield Static(id="unknown", markup=False)
                yield Static(id="filter-line", markup=False)
                yield DataTable(id="proposals", cursor_type="row", zebra_stripes=True)
                yield Static(id="empty", classes="hint", markup=False)
                yield Static(id="detail", markup=False)
            with TabPane(t("proposals.tab.structures"), id="tab-structures"):
                yield DataTable(id="structures", cursor_type="row", zebra_stripes=True)
                yield Static(Content(t("proposals.structures.hint")), classes="hint", id="structures-hint")
            with TabPane(t("proposals.tab.history"), id="tab-history"):
                with VerticalScroll():
                    yield ShareHistoryChart(id="history")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#proposals", DataTable)
        # At 80 columns the referent and the due date give way (the detail line
        # under the list gives them), then the structure; the decision stays.
        self.proposal_columns = ColumnLayout(
            [
                Column("number", t("proposals.col.number"), 3),
                Column("text", t("proposals.col.text"), 18, flexible=True, weight=3),
                Column("decision", t("proposals.col.decision"), 11),
                Column("status", t("proposals.col.status"), 20),  # "En cours (en retard)" whole
                Column("structure", t("proposals.col.structure"), 12, flexible=True, gives_way=1, weight=1),
                Column("referent", t("proposals.col.referent"), 14, gives_way=3),
                Column("due", t("proposals.col.due"), 10, gives_way=2),
            ]
        )
        self.proposal_columns.apply(table, self.size.width)
        structures = self.query_one("#structures", DataTable)
        for column in ("structure", "stated", "retained", "implemented", "not_retained", "pending", "retained_share"):
            structures.add_column(t(f"proposals.col.{column}"), key=column)
        # Proposals of unknown structure first: the tracker asks for their structure.
        # Then, at the next workshop, what fell due since the last one.
        if unknown_author(self.project):
            self.filter = "unknown"
            self.notify(t("proposals.unknown.notice"), markup=False, severity="warning")
        elif due_since_last(self.project, self.workshop_id):
            self.filter = "due"
        else:
            self.filter = "workshop"
        self.refresh_all()
        table.focus()

    def on_screen_resume(self) -> None:
        # Proposals typed from another screen (the cockpit's tool) show at once.
        if self.is_mounted:
            self.refresh_all()

    def on_atelier_base_change_undone(self, message: AtelierBase.ChangeUndone) -> None:
        # Ctrl+Z brought something back: show it, on the proposal it concerns.
        number = message.step.params.get("number")
        if number and self.filter == "due":
            self.filter = "all"
        self.refresh_all(keep_id=number if isinstance(number, int) else None)

    def on_resize(self) -> None:
        if self.is_mounted and self.proposal_columns.apply(self.query_one("#proposals", DataTable), self.size.width):
            self.refresh_all()
        compact = self.size.height < COMPACT_BELOW_HEIGHT
        self.query_one(StackedGauge).set_class(compact, "-compact")
        self.set_class(compact, "-compact")

    @property
    def today(self) -> str:
        return today(self.project)

    # Refreshing ---------------------------------------------------------------------
    def refresh_all(self, keep_id: int | None = None) -> None:
        every = proposals(self.project)
        self.commitment = commitment(self.project)
        self.query_one(StackedGauge).show(commitment_reading(self.commitment))
        notes = [t("proposals.threshold.label") + threshold_as_of(self.project).text(format_date), *self.commitment.notes(), CommitmentGauge.rule_text()]
        self.query_one("#notes", Static).update(Content("\n".join(notes)))
        unknown = len(unknown_author(self.project))
        banner = self.query_one("#unknown", Static)
        banner.update(Content(t("proposals.unknown.banner", count=unknown)) if unknown else "")
        banner.display = bool(unknown)
        self._fill_list(every, keep_id)
        self._fill_structures()
        self._fill_history()

    def _filtered(self, every: list[Proposal]) -> list[Proposal]:
        if self.filter == "workshop":
            return [p for p in every if p.workshop_id == self.workshop_id]
        if self.filter == "due":
            return due_since_last(self.project, self.workshop_id)
        if self.filter == "unknown":
            known = {s.id for s in self.project.structures()}
            return [p for p in every if p.structure_id not in known]
        return every

    def _fill_list(self, every: list[Proposal], keep_id: int | None) -> None:
        table = self.query_one("#proposals", DataTable)
        if keep_id is None and self.shown and 0 <= table.cursor_row < len(self.shown):
            keep_id = self.shown[table.cursor_row].id
        self.shown = self._filtered(every)
        names = Names(self.project)
        today = self.today
        promoter = self.project.promoter_id
        table.clear()
        for p in self.shown:
            late = "bold red" if p.is_late(today) else ""
            values = {
                "number": Text(str(p.id)),
                "text": Text(p.text),
                "decision": Text(decision_label(p.decision), style=DECISION_STYLES.get(p.decision, "")),
                "status": Text(status_label(p, today), style=late),
                "structure": self._author_cell(names, p, promoter),
                "referent": Text(names.referent(p) if p.retained else MISSING),
                "due": Text((p.due or MISSING) if p.retained else MISSING, style=late),
            }
            table.add_row(*self.proposal_columns.cells(values), key=str(p.id))
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
        self.refresh_bindings()

    @staticmethod
    def _author_cell(names: Names, item: Proposal, promoter: int) -> Text:
        if not names.author_known(item):
            return Text("? " + names.author(item), style="bold yellow")
        cell = Text(_short(names.author(item), 30))
        if promoter and item.structure_id == promoter:
            cell.append(" ★", style="bold")
        return cell

    def _show_detail(self) -> None:
        current = self._current()
        detail = self.query_one("#detail", Static)
        if current is None:
            detail.update("")
            return
        names = Names(self.project)
        author = names.author(current)
        if current.participant_id:
            author = t("proposals.detail.person_of", person=names.person(current.participant_id), structure=author)
        parts = [t("proposals.detail.line", number=current.id, text=current.text, author=author, source=names.source(current))]
        if current.reason:
            parts.append(t("proposals.detail.reason", reason=current.reason))
        if current.retained:
            parts.append(t("proposals.detail.follow_up", referent=names.referent(current), due=current.due or MISSING))
        if current.retained and current.status_reason:
            parts.append(t("proposals.detail.status_reason", reason=current.status_reason))
        detail.update(Content("\n".join(parts)))

    def _fill_structures(self) -> None:
        table = self.query_one("#structures", DataTable)
        table.clear()
        threshold = self.project.threshold
        for line in per_structure(self.project):
            if line.unknown:
                name = Text("? " + t("proposals.author_unknown"), style="bold yellow")
            elif line.promoter:
                name = Text(_short(line.name, 30) + " ★", style="dim")
            else:
                name = Text(_short(line.name, 30))
            share = line.retained_share
            table.add_row(
                name,
                Text(str(line.stated), justify="right"),
                Text(str(line.retained), justify="right", style="bold green" if line.retained else ""),
                Text(str(line.implemented), justify="right"),
                Text(str(line.not_retained), justify="right", style="bold red" if line.not_retained else ""),
                Text(str(line.pending), justify="right"),
                Text(percent_text(share, threshold) if share is not None else MISSING, justify="right"),
                key=str(line.structure_id),
            )

    def _fill_history(self) -> None:
        rows = []
        for point in history(self.project):
            gauge = point.gauge
            text = t(
                "proposals.history.row",
                committed=t("proposals.minutes.share_of", share=gauge.committed_percent, part=gauge.retained, whole=gauge.stated),
                implemented=t("proposals.minutes.share_of", share=gauge.implemented_percent, part=gauge.done, whole=gauge.stated),
                threshold=gauge.threshold_percent,
            ) if gauge.stated else t("proposals.verdict.none_stated")
            rows.append(HistoryRow(label=point.title, segments=bar_segments(gauge), threshold=gauge.threshold, text=text))
        self.query_one(ShareHistoryChart).set_history(rows, t("proposals.history.empty"))

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
            self.refresh_bindings()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "proposals":
            self.action_edit()

    # What the keys can do -------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys act on the highlighted proposal: offered only when there is one, and
        a decision only when it would change something."""
        if not self.is_mounted:
            return True
        if action in ("decide", "follow_up", "edit", "remove", "author"):
            current = self._current()
            if current is None:
                return False
            if action == "decide":
                wanted = str(parameters[0])
                # "Not retained" stays offered on a refused proposal: its reason can be rewritten.
                return current.decision != wanted or wanted == Decision.NOT_RETAINED
            if action == "follow_up":
                return current.retained
        if action == "tab":
            return self.query_one(TabbedContent).active != parameters[0]
        return True

    def on_tabbed_content_tab_activated(self, _event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()

    # Actions --------------------------------------------------------------------------
    def action_tab(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane
        if pane == "tab-proposals":
            self.query_one("#proposals", DataTable).focus()

    def action_next_filter(self) -> None:
        offered = [f for f in FILTERS if f != "unknown" or unknown_author(self.project)]
        index = offered.index(self.filter) if self.filter in offered else -1
        self.filter = offered[(index + 1) % len(offered)]
        self.action_tab("tab-proposals")
        self.refresh_all()

    def action_author(self) -> None:
        """Give (or correct) the structure that stated the highlighted proposal."""
        current = self._current()
        if current is None:
            return
        choices = [(s.name, s.id) for s in self.project.structures()]

        def chosen(structure_id: int | None) -> None:
            if structure_id is None:
                return
            # The person stays when they belong to that structure.
            people = {p.id: p.structure_id for p in self.project.participants()}
            person = current.participant_id if people.get(current.participant_id) == structure_id else 0
            if self.app.attempt(edit_proposal, self.project, current.id, structure_id=structure_id, participant_id=person) is not None:
                if self.filter == "unknown" and not unknown_author(self.project):
                    self.filter = "workshop"
                self.refresh_all(keep_id=current.id)

        self.app.push_screen(PickOneModal(t("proposals.unknown.ask", text=_short(current.text, 120)), choices), chosen)

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
            # The reason is required: the core refuses an empty one and the
            # question stays open with the message inside it.
            def save(reason: str) -> Proposal:
                return decide(self.project, current.id, decision, reason, on=self.today, workshop_id=self.workshop_id)

            question = t("proposals.decide.why_not", text=_short(current.text, 120))
            prompt = PromptModal(question, current.reason, t("proposals.decide.reason_placeholder"), save=save)
            self.app.push_screen(prompt, lambda done: self.refresh_all(keep_id=current.id))
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
            self.notify(t("proposals.error.not_retained_follow_up"), markup=False, severity="warning")
            return

        def saved(result: Proposal | None) -> None:
            if result is not None:
                self.refresh_all(keep_id=result.id)

        self.app.push_screen(FollowUpModal(self.project, proposal(self.project, current.id), self.today), saved)

    def action_edit(self) -> None:
        current = self._current()
        if current is None:
            return

        def save(text: str) -> Proposal:
            return edit_proposal(self.project, current.id, text=text)

        prompt = PromptModal(t("proposals.edit.prompt"), current.text, save=save)
        self.app.push_screen(prompt, lambda done: self.refresh_all(keep_id=current.id))

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
