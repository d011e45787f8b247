"""A contribution turn: the voter types one idea per line, each saved on Enter.

Hidden rounds keep every contribution off the screen until the facilitator
reveals them all at once (no anchoring): the field is masked (Ctrl+T shows what
is being typed) and only the number saved is shown. Open rounds list the
round's contributions as they come.

A contribution is counted once, whatever is pressed while a save fails: once
the round has it (written, or kept in memory), the field is emptied, and the
round screen waits for the disk (`SaveFailed`).
"""

from __future__ import annotations

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from screens.app_base import AtelierBase
from screens.round.text import literal
from screens.typed_first import typed_first
from screens.widgets.line_input import LineInput
from workshop.i18n import t
from workshop.project import Project
from workshop.rounds import Round, contribute, contributions, remove_contribution, turn_contributions


class ContributionTurn(Vertical):
    app = getters.app(AtelierBase)  # self.app typed as Atelier's (and checked when read)
    BINDINGS = [
        # Priority: the field's own Ctrl+D (delete right) and Ctrl+Z (undo) must not win.
        Binding("ctrl+d", "finish", "rounds.contribution.finish_key", priority=True),
        Binding("ctrl+z", "withdraw_last", "rounds.contribution.withdraw_key", priority=True),
        Binding("ctrl+t", "toggle_mask", "rounds.contribution.mask_key", show=False, priority=True),
    ]

    class TurnFinished(Message):
        """The voter passes the keyboard."""

    class SaveFailed(Message):
        """What was typed is counted but not on disk yet: the round waits for the disk."""

    def __init__(self, project: Project, round_: Round, voter: int, name: str, structure: str, proxy: bool = False) -> None:
        super().__init__(classes="turn")
        self.project = project
        self.round = round_
        self.voter = voter
        self.voter_name = name
        self.structure = structure
        self.proxy = proxy
        self.hidden = round_.spec.hidden

    def compose(self) -> ComposeResult:
        parts: list = [literal(self.voter_name, "bold")]
        if self.structure:
            parts += [" — ", literal(self.structure)]
        if self.proxy:
            parts += ["  ", (t("rounds.turn.proxy_badge"), "bold $warning")]
        yield Static(Content.assemble(*parts), classes="turn-voter")
        yield LineInput(password=self.hidden, placeholder=t("rounds.contribution.placeholder"), classes="contribution-input")
        yield Static(classes="contribution-count")
        if not self.hidden:
            yield VerticalScroll(classes="contribution-list")
        yield Static(Content(t("rounds.contribution.hint_hidden" if self.hidden else "rounds.contribution.hint_open")), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.refresh_list()

    def focus(self, scroll_visible: bool = True) -> ContributionTurn:
        self.query_one(Input).focus(scroll_visible)
        return self

    def refresh_list(self) -> None:
        mine = self.app.attempt(turn_contributions, self.project, self.round.id) or []
        self.query_one(".contribution-count", Static).update(
            Content(t("rounds.contribution.count", count=len(mine)))
        )
        if not self.hidden:
            box = self.query_one(".contribution-list", VerticalScroll)
            box.remove_children()
            items = self.app.attempt(contributions, self.project, self.round.id) or []
            box.mount_all(Static(Content.assemble("• ", literal(c.text)), classes="contribution") for c in items)
            box.call_after_refresh(box.scroll_end, animate=False)

    def mine(self) -> int:
        return len(self.app.attempt(turn_contributions, self.project, self.round.id) or [])

    def submit(self, text: str) -> bool:
        """Save what is in the field; True when the round has it (even waiting for the disk)."""
        before = self.mine()
        self.app.attempt(contribute, self.project, self.round.id, self.voter, text, proxy=self.proxy)
        counted = self.mine() > before
        if counted:
            self.query_one(Input).value = ""  # never submitted twice
            self.refresh_list()
        if self.project.store.storage.pending:
            self.post_message(self.SaveFailed())
            return False
        return counted

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit(event.value)

    @typed_first
    def action_finish(self) -> None:
        text = self.query_one(Input).value
        # What is still in the field counts: nothing typed is lost.
        if text.strip() and not self.submit(text):
            return
        self.post_message(self.TurnFinished())

    def action_withdraw_last(self) -> None:
        mine = self.app.attempt(turn_contributions, self.project, self.round.id) or []
        if mine:
            self.app.attempt(remove_contribution, self.project, self.round.id, mine[-1].id)
            self.refresh_list()
            if self.project.store.storage.pending:
                self.post_message(self.SaveFailed())

    def action_toggle_mask(self) -> None:
        field = self.query_one(Input)
        field.password = not field.password
