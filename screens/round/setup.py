"""Setting up a round: a free one from the cockpit, or the settings of one not started yet.

A free round: the question, its kind, the options, then F5 (Enter in the
question goes straight to the options). Unfinished rounds of the same agenda
item are offered first, to be resumed. An exercise's vote starts at once with
the exercise's own proposal; before the first voter, F5 on the round screen
brings it back here, every setting filled in: the kind, the options and the
one-turn-per-structure rule belong to the exercise and stay as they are.

Checkboxes read `[x]` / `[ ]`: on a projector, colour alone does not tell.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from screens.modals.dialog import REFUSED, Dialog
from screens.round.text import literal
from screens.widgets.checkbox import Checkbox
from screens.widgets.key_bar import KeyBar
from screens.widgets.line_input import LineInput
from workshop.i18n import t
from workshop.project import Project
from workshop.rounds import (
    DEFAULT_BATCH,
    Round,
    RoundMode,
    RoundSpec,
    change_settings,
    parse_count,
    parse_options,
    rounds_of,
    start_round,
)

MODES = [RoundMode.CONTRIBUTION, RoundMode.DOT, RoundMode.SINGLE, RoundMode.SCALE, RoundMode.CONSENT]
WITH_OPTIONS = (RoundMode.DOT, RoundMode.SINGLE)


def secret_by_default(mode: RoundMode) -> bool:
    """Votes are secret unless they decide (consent: an objection is discussed with its author)."""
    return mode in (RoundMode.DOT, RoundMode.SINGLE, RoundMode.SCALE)


Tick = Checkbox  # the app's check box: `[x]` or `[ ]` whatever the colours


class RoundSetupModal(Dialog["int | None"]):
    """Dismisses with the id of the round to run (new, resumed or changed), or None."""

    CSS_PATH = "setup.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "common.cancel"),
        Binding("f5", "start", "rounds.setup.start"),
    ]

    def __init__(
        self,
        project: Project,
        workshop_id: int,
        item_id: int,
        owner: str = "",
        run: Callable[[Project, int], Screen[Any]] | None = None,
        editing: Round | None = None,
    ) -> None:
        super().__init__()
        self.run = run  # the screen to open on the round once one is chosen (the round screen), if any
        self.project = project
        self.workshop_id = workshop_id
        self.item_id = item_id
        self.owner = owner
        self.editing = editing
        self.secret_touched = editing is not None  # the facilitator's choice outweighs the default

    @classmethod
    def for_round(cls, project: Project, round_: Round) -> RoundSetupModal:
        """The settings of a round nobody has voted in yet, to change them."""
        return cls(project, round_.workshop_id, round_.item_id, owner=round_.spec.owner, editing=round_)

    @property
    def locked(self) -> bool:
        """An exercise's round: its kind and options are the exercise's."""
        return self.editing is not None and bool(self.editing.spec.owner)

    def compose(self) -> ComposeResult:
        spec = self.editing.spec if self.editing is not None else None
        mode = spec.mode if spec is not None else RoundMode.DOT
        title = t("rounds.setup.title_edit") if spec is not None else t("rounds.setup.title")
        with Vertical(id="setup"):
            yield Static(Content.styled(title, "bold"), id="setup-title")
            with VerticalScroll(id="setup-fields"):
                if spec is None:
                    unfinished = [
                        r for r in rounds_of(self.project, self.workshop_id, self.item_id) if not (r.done and r.revealed)
                    ]
                    for round_ in unfinished[-3:]:
                        yield Button(
                            Content.assemble(t("rounds.setup.resume") + " ", literal(round_.spec.question)),
                            id=f"resume-{round_.id}",
                            classes="resume",
                        )
                with Horizontal(classes="row"):
                    yield Label(t("rounds.setup.question"))
                    yield LineInput(
                        spec.question if spec else "", id="question", placeholder=t("rounds.setup.question_placeholder"),
                        compact=True,
                    )
                with Horizontal(classes="row", id="mode-row"):
                    yield Label(t("rounds.setup.mode"))
                    yield Select(
                        [(t(f"rounds.mode.{m.value}"), m.value) for m in MODES],
                        value=mode.value,
                        allow_blank=False,
                        id="mode",
                        disabled=self.locked,
                        compact=True,
                    )
                yield Label(t("rounds.setup.options"), id="options-label")
                yield TextArea(
                    "\n".join(spec.options) if spec else "", id="options", soft_wrap=True, show_line_numbers=False,
                    read_only=self.locked, compact=True,
                )
                with Horizontal(classes="row", id="counts"):
                    yield Label(t("rounds.setup.budget"))
                    yield LineInput(
                        str(spec.budget) if spec and spec.budget else "", id="budget",
                        placeholder=t("rounds.setup.default"), type="integer", compact=True,
                    )
                    yield Label(t("rounds.setup.cap"), classes="second")
                    yield LineInput(
                        str(spec.cap) if spec and spec.cap else "", id="cap",
                        placeholder=t("rounds.setup.default"), type="integer", compact=True,
                    )
                secret = spec.secret if spec is not None else secret_by_default(mode)
                with Horizontal(classes="row"):
                    yield Tick(t("rounds.setup.secret"), value=secret, id="secret", compact=True)
                    yield Label(t("rounds.setup.batch"), id="batch-label")
                    batch = str(spec.batch_size) if spec and spec.batch_size else ""
                    yield LineInput(batch, id="batch", placeholder=str(DEFAULT_BATCH), type="integer", compact=True)
                yield Tick(t("rounds.setup.hidden"), value=spec.hidden if spec else True, id="hidden", compact=True)
                yield Tick(t("rounds.setup.shuffle"), value=bool(spec and spec.shuffle), id="shuffle", compact=True)
                yield Tick(
                    t("rounds.setup.by_structure"), value=bool(spec and spec.by_structure), id="by_structure",
                    disabled=self.locked, compact=True,
                )
                yield Tick(t("rounds.setup.weighting"), value=bool(spec and spec.one_structure_one_voice), id="weighting", compact=True)
                yield Tick(t("rounds.setup.auto_reveal"), value=bool(spec and spec.auto_reveal), id="auto_reveal", compact=True)
            yield self.error_line()
            with Horizontal(id="setup-buttons"):
                yield Button(t("common.cancel"), id="cancel", compact=True)
                start = t("rounds.setup.apply") if spec is not None else t("rounds.setup.start")
                yield Button(start + " (F5)", variant="primary", id="start", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#question", Input).focus()
        self.sync_fields()

    def on_select_changed(self, event: Select.Changed) -> None:
        if not self.secret_touched:
            self.query_one("#secret", Tick).value = secret_by_default(self.mode())
        self.sync_fields()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "secret" and event.checkbox.has_focus:
            self.secret_touched = True
        self.sync_fields()

    def mode(self) -> RoundMode:
        return RoundMode(str(self.query_one("#mode", Select).value))  # never blank: allow_blank=False

    def sync_fields(self) -> None:
        mode = self.mode()
        with_options = mode in WITH_OPTIONS
        self.query_one("#options-label").display = with_options
        self.query_one("#options").display = with_options
        self.query_one("#counts").display = mode is RoundMode.DOT
        self.query_one("#hidden").display = mode is RoundMode.CONTRIBUTION
        secret = self.query_one("#secret", Tick)
        secret.label = t("rounds.setup.secret") if mode.is_vote else t("rounds.setup.anonymous")
        for name in ("#batch-label", "#batch"):
            self.query_one(name).display = secret.value
        for name in ("weighting", "auto_reveal"):
            self.query_one(f"#{name}").display = mode.is_vote

    def spec(self) -> RoundSpec:
        mode = self.mode()
        checked = {box.id: box.value for box in self.query(Tick)}
        budget = cap = batch = 0
        if mode is RoundMode.DOT:
            budget = parse_count(self.query_one("#budget", Input).value, "budget")
            cap = parse_count(self.query_one("#cap", Input).value, "cap")
        if checked.get("secret"):
            batch = parse_count(self.query_one("#batch", Input).value, "batch")
        options = parse_options(self.query_one("#options", TextArea).text) if mode in WITH_OPTIONS else []
        return RoundSpec(
            question=self.query_one("#question", Input).value,
            mode=mode,
            options=options,
            secret=bool(checked.get("secret")),
            hidden=bool(checked.get("hidden")),
            budget=budget,
            cap=cap,
            shuffle=bool(checked.get("shuffle")),
            by_structure=bool(checked.get("by_structure")),
            one_structure_one_voice=bool(checked.get("weighting")),
            auto_reveal=bool(checked.get("auto_reveal")),
            owner=self.owner,
            batch_size=batch,
        )

    def action_start(self) -> None:
        spec = self.attempt(self.spec)
        if spec is REFUSED:
            return
        if self.editing is not None:
            if self.attempt(change_settings, self.project, self.editing.id, spec) is not REFUSED:
                self.dismiss(self.editing.id)
            return
        round_ = self.attempt(start_round, self.project, self.workshop_id, self.item_id, spec)
        if round_ is not REFUSED:
            self.chosen(round_.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter goes on: from the question straight to the options; F5 or the button starts.
        event.stop()
        if event.input.id == "question" and self.query_one("#options").display:
            self.query_one("#options", TextArea).focus()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button.id or ""
        if button == "start":
            self.action_start()
        elif button == "cancel":
            self.dismiss(None)
        elif button.startswith("resume-"):
            self.chosen(int(button.removeprefix("resume-")))

    def chosen(self, round_id: int) -> None:
        app = self.app
        self.dismiss(round_id)
        if self.run is not None:
            app.push_screen(self.run(self.project, round_id))
