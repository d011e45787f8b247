"""What the round shows while a save is failing (full disk, read-only folder).

What was just entered is kept in memory and counted once: the panel says so,
takes every key the voter presses without doing anything, and the round moves
on by itself once the app's retry (or a facilitator's action) has saved it.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from workshop.i18n import t


class SavePending(Vertical):
    def __init__(self, retry_seconds: int) -> None:
        super().__init__(classes="save-pending")
        self.retry_seconds = retry_seconds

    def compose(self) -> ComposeResult:
        yield Static(Content(t("rounds.save_pending.title")), classes="save-pending-title")
        yield Static(Content(t("rounds.save_pending.body", seconds=self.retry_seconds)), classes="save-pending-body")
        yield Static(Content(t("rounds.save_pending.hint")), classes="hint")

    def take_key(self, event: events.Key) -> bool:
        # Keys a voter presses while waiting change nothing (and are not passed on).
        return event.key in ("enter", "space", "backspace", "delete") or event.is_printable
