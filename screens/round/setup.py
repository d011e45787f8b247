"""Setting up a free round from the cockpit: question, mode, options and rules.

Unfinished rounds of the same agenda item are offered first, to be resumed.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from screens.round.text import literal
from screens.widgets.line_input import LineInput
from workshop.errors import AtelierError
from workshop.i18n import t
from workshop.project import Project
from workshop.rounds import RoundMode, RoundSpec, parse_count, parse_options, rounds_of, start_round

MODES = [RoundMode.CONTRIBUTION, RoundMode.DOT, RoundMode.SINGLE, RoundMode.SCALE, RoundMode.CONSENT]


class RoundSetupModal(ModalScreen[int | None]):
    """Dismisses with the id of the round to run (new or resumed), or None."""

    CSS_PATH = "setup.tcss"
    BINDINGS = [
        Binding("escape", "cancel", t("common.cancel")),
        Binding("f5", "start", t("rounds.setup.start")),
    ]

    def __init__(self, project: Project, workshop_id: int, item_id: int, owner: str = "", run: bool = False) -> None:
        super().__init__()
        self.run = run  # open the round screen once a round is chosen
        self.project = project
        self.workshop_id = workshop_id
        self.item_id = item_id
        self.owner = owner

    def compose(self) -> ComposeResult:
        unfinished = [
            r for r in rounds_of(self.project, self.workshop_id, self.item_id) if not (r.done and r.revealed)
        ]
        with Vertical(id="setup"):
            yield Static(Content.styled(t("rounds.setup.title"), "bold"), id="setup-title")
            with VerticalScroll(id="setup-fields"):
                for round_ in unfinished[-3:]:
                    yield Button(
                        Content.assemble(t("rounds.setup.resume") + " ", literal(round_.spec.question)),
                        id=f"resume-{round_.id}",
                        classes="resume",
                    )
                yield Label(t("rounds.setup.question"))
                yield LineInput(id="question", placeholder=t("rounds.setup.question_placeholder"))
                yield Label(t("rounds.setup.mode"))
                yield Select(
                    [(t(f"rounds.mode.{m.value}"), m.value) for m in MODES],
                    value=RoundMode.DOT.value,
                    allow_blank=False,
                    id="mode",
                )
                yield Label(t("rounds.setup.options"), id="options-label")
                yield TextArea(id="options", soft_wrap=True, show_line_numbers=False)
                with Horizontal(id="counts"):
                    with Vertical():
                        yield Label(t("rounds.setup.budget"))
                        yield LineInput(id="budget", placeholder=t("rounds.setup.default"), type="integer")
                    with Vertical():
                        yield Label(t("rounds.setup.cap"))
                        yield LineInput(id="cap", placeholder=t("rounds.setup.default"), type="integer")
                yield Checkbox(t("rounds.setup.secret"), id="secret")
                yield Checkbox(t("rounds.setup.hidden"), value=True, id="hidden")
                yield Checkbox(t("rounds.setup.shuffle"), id="shuffle")
                yield Checkbox(t("rounds.setup.by_structure"), id="by_structure")
                yield Checkbox(t("rounds.setup.weighting"), id="weighting")
                yield Checkbox(t("rounds.setup.auto_reveal"), id="auto_reveal")
            with Horizontal(id="setup-buttons"):
                yield Button(t("common.cancel"), id="cancel")
                yield Button(t("rounds.setup.start") + " (F5)", variant="primary", id="start")

    def on_mount(self) -> None:
        self.query_one("#question", Input).focus()
        self.sync_fields()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.sync_fields()

    def mode(self) -> RoundMode:
        return RoundMode(self.query_one("#mode", Select).value)

    def sync_fields(self) -> None:
        mode = self.mode()
        with_options = mode in (RoundMode.DOT, RoundMode.SINGLE)
        self.query_one("#options-label").display = with_options
        self.query_one("#options").display = with_options
        self.query_one("#counts").display = mode is RoundMode.DOT
        self.query_one("#hidden").display = mode is RoundMode.CONTRIBUTION
        for name in ("weighting", "auto_reveal"):
            self.query_one(f"#{name}").display = mode.is_vote

    def spec(self) -> RoundSpec:
        mode = self.mode()
        checked = {box.id: box.value for box in self.query(Checkbox)}
        budget = cap = 0
        if mode is RoundMode.DOT:
            budget = parse_count(self.query_one("#budget", Input).value, "budget")
            cap = parse_count(self.query_one("#cap", Input).value, "cap")
        options = parse_options(self.query_one("#options", TextArea).text) if mode in (RoundMode.DOT, RoundMode.SINGLE) else []
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
        )

    def action_start(self) -> None:
        try:
            spec = self.spec()
        except AtelierError as error:
            self.notify(Content(error.message()), severity="warning")
            return
        round_ = self.app.attempt(start_round, self.project, self.workshop_id, self.item_id, spec)
        if round_ is not None:
            self.chosen(round_.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter goes on to the next field; F5 or the button starts the round.
        event.stop()
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
        if self.run:
            from screens.round.screen import RoundScreen

            app.push_screen(RoundScreen(self.project, round_id))
