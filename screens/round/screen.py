"""A round on the projected screen: hand-offs, turns, then the results.

The screen always shows what the round says: on opening (or reopening after a
crash) it goes to the hand-off of the first voter who has not taken their turn,
and names the voters a crash sent back to vote. Facilitator controls use
function keys, which a participant typing an answer will not hit by accident;
they are listed by F1 and, between turns, in the key bar, never on a voter's
screen. When a save fails the round waits, keys do nothing, and it moves on by
itself once the save succeeds: what was entered is counted once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Static

from screens.app_base import AtelierBase
from screens.round.ballot import BallotTurn
from screens.round.choice import ChoiceTurn
from screens.round.consent import ConsentTurn
from screens.round.contribution import ContributionTurn
from screens.round.dot import DotTurn
from screens.round.handoff import HandOff
from screens.round.redraw import redraw
from screens.round.results import ResultsView
from screens.round.save_pending import SavePending
from screens.round.text import literal
from screens.widgets.key_bar import KeyBar
from workshop.i18n import t
from workshop.project import Project
from workshop.rounds import (
    DEFAULT_BATCH,
    Round,
    RoundMode,
    RoundResult,
    TurnState,
    cast,
    close_round,
    finish_turn,
    get_round,
    lost_turns,
    mark_on_screen,
    recall,
    results,
    reveal,
    skip,
    started,
    voter_label,
)
from workshop.rounds.minutes import mode_label

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.await_complete import AwaitComplete

TURNS: dict[RoundMode, type[BallotTurn]] = {
    RoundMode.DOT: DotTurn,
    RoundMode.SINGLE: ChoiceTurn,
    RoundMode.SCALE: ChoiceTurn,
    RoundMode.CONSENT: ConsentTurn,
}


class Stage(Container, can_focus=True):
    """Where the hand-off, the turns and the results take turns. It keeps the focus
    (a focus change redraws the footer) and hands each key to what it shows."""

    def on_key(self, event: events.Key) -> None:
        if not self.has_focus:
            return
        for child in self.children:
            handle = getattr(child, "take_key", None)
            if child.display and handle is not None:
                if handle(event):
                    event.stop()
                    event.prevent_default()
                return


class Waiting(Vertical):
    """Everyone has had their turn; the results wait for the facilitator."""

    def __init__(self, text: str) -> None:
        super().__init__(classes="waiting")
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(literal(self.text), classes="waiting-text")  # names typed by people
        yield Static(Content(t("rounds.waiting.hint")), classes="hint")


class RoundScreen(Screen[RoundResult | None]):
    app = getters.app(AtelierBase)  # self.app typed as Atelier's (and checked when read)
    CSS_PATH = "round.tcss"
    ALLOWS_UNDO = False  # Ctrl+Z is for the facilitator, not for the voters' keyboard
    BINDINGS = [
        Binding("f2", "reveal", "rounds.key.reveal"),
        Binding("f3", "skip", "rounds.key.skip"),
        Binding("f4", "proxy", "rounds.key.proxy"),
        Binding("f5", "settings", "rounds.key.settings"),
        Binding("f6", "recall", "rounds.key.recall"),
        Binding("f9", "leave", "rounds.key.leave"),
        Binding("f10", "finish", "rounds.key.finish"),
        # The app's own Ctrl+Q gives way to this one (AtelierBase.check_action).
        Binding("ctrl+q", "quit_app", "common.quit", show=False, priority=True),
    ]
    CONFIRMS_QUIT = True

    def __init__(self, project: Project, round_id: int) -> None:
        super().__init__()
        self.project = project
        self.round_id = round_id
        self.round: Round = get_round(project, round_id)
        self.proxy = False  # the facilitator enters the current turn on the voter's behalf
        self.in_turn: int | None = None  # the voter who has the keyboard (past the hand-off)
        self.handoff: HandOff | None = None
        self.ballot: BallotTurn | None = None
        self.lost: list[int] = []  # voters a crash sent back to vote (their batch was never written)
        self.lost_notice = ""

    def compose(self) -> ComposeResult:
        yield Header()
        # One widget for the question, the mode, the progress and any notice: the
        # fewer widgets, the cheaper each turn's change of screen.
        yield Static(id="round-head")
        yield Stage(id="stage")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.attempt(mark_on_screen, self.project, self.round_id, True)
        self.lost = self.app.attempt(lost_turns, self.project, self.round_id) or []
        if self.lost:
            names = ", ".join(voter_label(self.project, self.round, v)[0] for v in self.lost)
            key = "rounds.lost_turn" if len(self.lost) == 1 else "rounds.lost_turns"
            self.lost_notice = t(key, names=names)
        self.show_state()

    def help_markdown(self) -> str:
        return t("rounds.help")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Facilitator keys are offered only where they act: nothing to skip once
        everyone has had a turn, nothing but closing once the results are shown."""
        if not self.is_mounted:
            return True
        round_ = self.round
        current = round_.current
        if action in ("skip", "proxy"):
            return current is not None
        if action == "recall":
            return round_.is_open and any(s is TurnState.SKIPPED for s in round_.turns.values())
        if action == "reveal":
            return not round_.revealed
        if action == "leave":
            return not (round_.done and round_.revealed)  # on the results, F10 (or Enter) closes
        if action == "settings":
            # Settings change only before anyone has voted; hidden afterwards.
            return not started(round_) and round_.is_open
        return True

    def mode_line(self) -> str:
        spec = self.round.spec
        parts = [mode_label(self.round)]
        if spec.mode is RoundMode.DOT:
            parts.append(t("rounds.dot.rule", budget=spec.budget, cap=spec.cap))
        if spec.mode.is_vote:
            parts.append(t("rounds.secret") if spec.secret else t("rounds.open"))
            if spec.one_structure_one_voice and not spec.by_structure:
                parts.append(t("rounds.weighted"))
        else:
            if spec.hidden:
                parts.append(t("rounds.contribution.hidden_mode"))
            if spec.secret:
                parts.append(t("rounds.contribution.anonymous_mode"))
        return " · ".join(parts)

    # What to show ---------------------------------------------------------------------
    def reload(self) -> Round:
        self.round = get_round(self.project, self.round_id)
        self.lost = [v for v in self.lost if self.round.turns.get(v) is TurnState.PENDING]
        redraw(self.query_one("#round-head", Static), self.head_content())
        self.refresh_bindings()
        return self.round

    def head_content(self) -> Content:
        """The question, the mode, who has taken their turn, and why some vote again."""
        taken, total = self.round.progress
        progress = t("rounds.progress", taken=taken, total=total, handled=self.round.handled)
        if self.round.held:
            # How many ballots wait for their batch: a count of voters, never of choices.
            progress += " · " + t("rounds.progress_held", count=self.round.held, size=self.round.spec.batch_size or DEFAULT_BATCH)
        lines = [
            literal(self.round.spec.question, "bold"),
            Content.styled(self.mode_line(), "$text-muted"),
            Content.styled(progress, "$text-muted"),
        ]
        if self.lost:
            lines.append(Content.styled(self.lost_notice, "bold $warning"))
        return Content("\n").join(lines)

    @property
    def save_pending(self) -> bool:
        return self.project.store.storage.pending

    def show(self, widget: Widget) -> None:
        """Put `widget` on the stage. The hand-off and the ballot stay mounted for
        the whole round and are only hidden: nothing is rebuilt between voters."""
        stage = self.query_one("#stage", Stage)
        keep = (self.handoff, self.ballot)
        for child in list(stage.children):
            if child is widget:
                continue
            if child in keep:
                child.display = False
            else:
                child.remove()
        widget.display = True
        if widget.parent is None:
            stage.mount(widget)
        # Voters see only their own keys (on their screen); the bar returns between turns.
        bar = not isinstance(widget, (HandOff, BallotTurn, ContributionTurn))
        self.query_one(KeyBar).display = bar
        if bar:
            self.refresh_bindings()  # F5 goes once someone has voted
        if not isinstance(widget, ContributionTurn) and not stage.has_focus:
            stage.focus()

    def show_state(self) -> None:
        round_ = self.reload()
        if self.save_pending:
            self.show(SavePending(self.app_retry_seconds()))
            return
        self.in_turn = None
        current = round_.current
        if current is not None:
            name, structure = voter_label(self.project, round_, current)
            if self.handoff is None:
                self.handoff = HandOff(name, structure, proxy=self.proxy)
            else:
                self.handoff.show_voter(name, structure, proxy=self.proxy)
            self.show(self.handoff)
        elif not round_.revealed and (round_.spec.mode.is_vote or round_.spec.hidden):
            self.show(self.waiting())
        else:
            result = self.app.attempt(results, self.project, self.round_id)
            if result is not None:
                self.show(ResultsView(self.project, round_, result))

    def waiting(self) -> Widget:
        """Whose turns are over, and — never "everyone" when some were passed — who had none."""
        round_ = self.round
        taken, total = round_.progress
        count = round_.ballot_count if round_.spec.mode.is_vote else round_.contribution_count
        kind = "votes" if round_.spec.mode.is_vote else "contributions"
        if taken == total:
            return Waiting(t(f"rounds.waiting.{kind}", count=count))
        text = t(f"rounds.waiting.{kind}_missing", taken=taken, total=total, count=count)
        missing = [voter_label(self.project, round_, v)[0] for v in round_.voters if round_.turns[v] in (TurnState.SKIPPED, TurnState.PENDING)]
        return Waiting(text + "\n" + t("rounds.waiting.not_taken", names=", ".join(missing)))

    def start_turn(self) -> None:
        round_ = self.round
        voter = round_.current
        if voter is None:
            return
        self.in_turn = voter
        name, structure = voter_label(self.project, round_, voter)
        if round_.spec.mode is RoundMode.CONTRIBUTION:
            self.show(ContributionTurn(self.project, round_, voter, name, structure, proxy=self.proxy))
        elif self.ballot is None:
            self.ballot = TURNS[round_.spec.mode](round_.spec, name, structure, proxy=self.proxy)
            self.show(self.ballot)
        else:
            self.ballot.start(name, structure, proxy=self.proxy)
            self.show(self.ballot)

    def turn_over(self) -> None:
        self.proxy = False
        if self.ballot is not None:
            self.ballot.reset()  # nothing of this ballot stays, even hidden
            self.ballot.refresh_ballot()
        self.show_state()

    def app_retry_seconds(self) -> int:
        from screens.app_base import RETRY_SAVE_SECONDS

        return RETRY_SAVE_SECONDS

    def turn_ended(self) -> None:
        """After confirming a turn, whatever happened: the turn is over once the round
        has it (written, or kept in memory while a save fails); otherwise (a refused
        ballot) the voter keeps the keyboard."""
        voter = self.in_turn
        if voter is None:
            return
        if self.reload().turns.get(voter) is TurnState.PENDING:
            return
        self.turn_over()

    # Messages from the stage ------------------------------------------------------------
    def on_hand_off_acknowledged(self, event: HandOff.Acknowledged) -> None:
        event.stop()
        self.start_turn()

    def on_ballot_turn_ballot_confirmed(self, event: BallotTurn.BallotConfirmed) -> None:
        event.stop()
        if self.in_turn is None:
            return
        self.app.attempt(cast, self.project, self.round_id, self.in_turn, event.choice, event.reason, proxy=self.proxy)
        self.turn_ended()

    def on_contribution_turn_turn_finished(self, event: ContributionTurn.TurnFinished) -> None:
        event.stop()
        if self.in_turn is None:
            return
        self.app.attempt(finish_turn, self.project, self.round_id, self.in_turn, proxy=self.proxy)
        self.turn_ended()

    def on_contribution_turn_save_failed(self, event: ContributionTurn.SaveFailed) -> None:
        """A contribution is counted but not on disk yet: the turn waits for the disk."""
        event.stop()
        self.reload()
        self.show(SavePending(self.app_retry_seconds()))

    def on_atelier_base_pending_save_written(self, event: object) -> None:
        """The app's retry saved what was waiting: the round moves on by itself."""
        if self.save_pending or not self.is_current:
            return
        voter = self.in_turn
        if voter is not None and self.reload().current == voter and self.round.mode is RoundMode.CONTRIBUTION:
            self.start_turn()  # the same voter goes on typing, their contribution counted
        else:
            self.turn_over()

    # Facilitator keys -----------------------------------------------------------------
    def action_skip(self) -> None:
        voter = self.round.current
        if voter is None:
            return
        self.app.attempt(skip, self.project, self.round_id, voter)
        if self.reload().turns.get(voter) is TurnState.SKIPPED:
            name = voter_label(self.project, self.round, voter)[0]
            self.notify(t("rounds.skipped", name=name), markup=False)
            self.turn_over()

    def action_proxy(self) -> None:
        if self.round.current is None:
            return
        self.proxy = not self.proxy
        self.notify(t("rounds.proxy_on" if self.proxy else "rounds.proxy_off"), markup=False)
        if self.in_turn is None:
            self.show_state()
        else:
            self.start_turn()  # the same voter's turn, started again with the badge

    def action_recall(self) -> None:
        skipped = [v for v in self.round.voters if self.round.turns[v] is TurnState.SKIPPED]
        if not skipped or not self.round.is_open:
            self.notify(t("rounds.nobody_skipped"), markup=False)
            return
        for voter in skipped:
            if self.app.attempt(recall, self.project, self.round_id, voter) is None:
                break
        else:
            self.notify(t("rounds.recalled", count=len(skipped)), markup=False)
        self.turn_over()

    def action_reveal(self) -> None:
        if not self.round.done:
            self.confirm(t("rounds.confirm_reveal_early", left=self.pending_count()), self.close_and_reveal)
            return
        if self.app.attempt(reveal, self.project, self.round_id) is not None:
            self.show_state()

    def close_and_reveal(self) -> None:
        if self.app.attempt(close_round, self.project, self.round_id) is not None:
            self.app.attempt(reveal, self.project, self.round_id)
        self.proxy = False
        self.show_state()

    def action_finish(self) -> None:
        if self.round.current is not None:
            self.confirm(t("rounds.confirm_close", left=self.pending_count()), self.close_now)
            return
        if self.round.held:
            # Ballots still held (skipped voters could have been called back): written now.
            self.app.attempt(close_round, self.project, self.round_id)
        self.dismiss(self.app.attempt(results, self.project, self.round_id))

    def close_now(self) -> None:
        self.app.attempt(close_round, self.project, self.round_id)
        self.proxy = False
        self.show_state()

    def action_leave(self) -> None:
        """Leave the round as it is; it resumes at the same voter's hand-off."""
        self.dismiss(None)

    def dismiss(self, result: RoundResult | None = None) -> AwaitComplete:
        # Left on purpose: reopening the project no longer comes back here.
        # (Quitting, or a crash, leaves the mark: the project reopens on this round.)
        self.app.attempt(mark_on_screen, self.project, self.round_id, False)
        return super().dismiss(result)

    def action_settings(self) -> None:
        """Change the round's settings before the first voter (a prefilled set-up)."""
        from screens.round.setup import RoundSetupModal

        if started(self.reload()) or not self.round.is_open:
            return

        def changed(round_id: int | None) -> None:
            if round_id is not None:
                self.round = get_round(self.project, self.round_id)
                self.ballot = None
                if self.handoff is not None:
                    self.handoff.remove()
                    self.handoff = None
                stage = self.query_one("#stage", Stage)
                stage.remove_children()
                self.proxy = False
            self.show_state()

        self.app.push_screen(RoundSetupModal.for_round(self.project, self.round), changed)

    def action_quit_app(self) -> None:
        """Ctrl+Q during a round: the facilitator confirms (a voter may press it)."""
        question = t("rounds.confirm_quit")
        if self.round.held:
            question += "\n\n" + t("rounds.confirm_quit_held", count=self.round.held)

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.quit_now()

        from screens.modals.confirm import ConfirmModal

        self.app.push_screen(ConfirmModal(question, t("common.quit")), answered)

    def pending_count(self) -> int:
        return sum(1 for s in self.round.turns.values() if s is TurnState.PENDING)

    def confirm(self, question: str, then: Callable[[], object]) -> None:
        from screens.modals.confirm import ConfirmModal

        def answered(yes: bool | None) -> None:
            if yes:
                then()

        self.app.push_screen(ConfirmModal(question, t("common.yes")), answered)

    def on_results_view_finished(self, event: ResultsView.Finished) -> None:
        event.stop()
        self.dismiss(self.app.attempt(results, self.project, self.round_id))
