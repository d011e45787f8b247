"""No keystroke lost into the wrong place.

For every dialog that checks what is typed: provoke each of its refusals; the
dialog stays open, says why inside itself and keeps the focus in a field; then a
sentence full of the screen's shortcut letters (r, e, x, n, d, o…) is typed and
the dialog cancelled: nothing else changed in the project, and the screen below
is the one the dialog was opened from.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widgets import Input, Select, TextArea

from exercises import fairness, roadmap, swot
from screens.app import AtelierApp
from screens.widgets.checkbox import Checkbox
from tests.app_states import DONE, TODAY, State, Walk, at_step, cockpit, exercise, on_retained, plan, press
from tests.screen_text import flat_text, settle
from workshop.i18n import t

# What was typed after the refused reason in the commitment tracker: every letter
# here is a shortcut of some screen below (r retained, x not retained, e under
# study, n new, d, o…).
SENTENCE = "Coût RH trop élevé pour les petites structures, on revoit en décembre"

Fill = Callable[[Screen], None]


def fields(**values: str) -> Fill:
    """Set the dialog's inputs (by id; "" for the first Input) as a person would have typed them."""

    def fill(dialog: Screen) -> None:
        for name, value in values.items():
            field = dialog.query_one(f"#{name}" if name else "Input")
            if isinstance(field, TextArea):
                field.text = value
            elif isinstance(field, Checkbox):
                field.value = value == "on"
            elif isinstance(field, Select):
                field.value = value or Select.NULL
            else:
                assert isinstance(field, Input)
                field.value = value

    return fill


@dataclass(frozen=True)
class Refusal:
    fill: Fill
    submit: str  # the key that hands the dialog's content to the core
    says: str  # catalog key of the message


@dataclass(frozen=True)
class Case:
    open: State
    refusals: tuple[Refusal, ...]


CASES: dict[str, Case] = {
    "new-project": Case(lambda app, pilot: press(pilot, "escape", "n"), (Refusal(fields(**{"": "   "}), "enter", "error.name_empty"),)),
    "structure": Case(
        lambda app, pilot: press(pilot, "1", "a"),
        (Refusal(fields(name=""), "enter", "error.name_empty"), Refusal(fields(name="  "), "ctrl+s", "error.name_empty")),
    ),
    "participant": Case(
        lambda app, pilot: press(pilot, "2", "a"),
        (
            Refusal(fields(name=""), "ctrl+s", "error.name_empty"),
            Refusal(fields(name="Inès Garnier", structure=""), "enter", "error.participant_needs_structure"),
        ),
    ),
    "workshop": Case(
        lambda app, pilot: press(pilot, "3", "a"),
        (
            Refusal(fields(title=""), "ctrl+s", "error.name_empty"),
            Refusal(fields(title="Atelier 3", date="le 31 février"), "enter", "error.date_invalid"),
            Refusal(fields(date="", start_time="25h"), "enter", "error.time_invalid"),
        ),
    ),
    "agenda-item": Case(
        lambda app, pilot: plan(app, pilot, DONE, "a"),
        (Refusal(fields(title=""), "ctrl+s", "error.name_empty"), Refusal(fields(title="Bilan", minutes="0"), "ctrl+s", "error.minutes_invalid")),
    ),
    "proposal": Case(
        lambda app, pilot: cockpit(app, pilot, TODAY, "a"),
        (
            Refusal(fields(text=""), "ctrl+s", "proposals.error.no_text"),
            Refusal(fields(text="Un minibus partagé", structure=""), "enter", "proposals.error.no_structure"),
        ),
    ),
    "follow-up": Case(
        lambda app, pilot: on_retained(app, pilot, "s"),
        (
            Refusal(fields(due="bientôt"), "ctrl+s", "error.date_invalid"),
            Refusal(fields(due="", status="dropped", reason=""), "ctrl+s", "proposals.error.drop_reason_required"),
        ),
    ),
    "reason-not-retained": Case(
        lambda app, pilot: exercise(app, pilot, DONE, "commitments", "x"),
        (Refusal(fields(**{"": ""}), "enter", "proposals.error.reason_required"),),
    ),
    "edit-proposal": Case(
        lambda app, pilot: exercise(app, pilot, DONE, "commitments", "enter"),
        (Refusal(fields(**{"": " "}), "enter", "proposals.error.no_text"),),
    ),
    "new-value": Case(
        lambda app, pilot: exercise(app, pilot, TODAY, "values", "a"),
        (Refusal(fields(**{"": ""}), "enter", "values.error.label_empty"),),
    ),
    "apt-group": Case(
        lambda app, pilot: exercise(app, pilot, TODAY, "apt", "a"),
        (Refusal(fields(**{"": "  "}), "enter", "apt.error.text_empty"),),
    ),
    "matrix-action": Case(
        lambda app, pilot: exercise(app, pilot, TODAY, "matrix", "n"),
        (Refusal(fields(**{"": ""}), "enter", "matrix.error.label_empty"),),
    ),
    "supra-deadline": Case(
        lambda app, pilot: exercise(app, pilot, DONE, "supra", "o", "d"),
        (Refusal(fields(**{"": "un jour"}), "enter", "supra.error.deadline"),),
    ),
    "round-setup": Case(
        lambda app, pilot: cockpit(app, pilot, TODAY, "r"),
        (
            Refusal(fields(question="Quelle priorité ?", options=""), "f5", "rounds.error.no_options"),
            Refusal(fields(options="Transport\nAccueil", budget="-3"), "f5", "rounds.error.budget_invalid"),
        ),
    ),
    "swot-entry": Case(
        at_step(swot, "swot", "grid", "a"),
        (Refusal(fields(**{"": "  "}), "enter", "swot.error.text_empty"),),
    ),
    "swot-answer": Case(
        at_step(swot, "swot", "answers", "a"),
        (Refusal(fields(**{"": ""}), "enter", "swot.error.text_empty"),),
    ),
    "securing-element": Case(
        lambda app, pilot: exercise(app, pilot, TODAY, "securing", "n"),
        (
            Refusal(fields(text=" "), "ctrl+s", "securing.error.text_empty"),
            Refusal(fields(text="La convention de mise à disposition", due="fin mars"), "enter", "error.date_invalid"),
        ),
    ),
    "stakeholder": Case(
        lambda app, pilot: exercise(app, pilot, TODAY, "stakeholders", "a"),
        (Refusal(fields(name=""), "ctrl+s", "stakeholders.error.name_empty"),),
    ),
    "governance-body": Case(
        lambda app, pilot: exercise(app, pilot, TODAY, "governance", "n"),
        (
            Refusal(fields(name=""), "ctrl+s", "governance.error.name_empty"),
            Refusal(fields(name="Comité de pilotage", rule="majority", majority="la plupart"), "ctrl+s", "governance.error.majority"),
        ),
    ),
    "roadmap-objective": Case(
        at_step(roadmap, "roadmap", "objectives", "a"),
        (Refusal(fields(text=""), "ctrl+s", "roadmap.error.text_empty"),),
    ),
    "roadmap-milestone": Case(
        at_step(roadmap, "roadmap", "milestones", "a"),
        (
            Refusal(fields(text="Convention signée"), "ctrl+s", "roadmap.error.milestone_needs_date"),
            Refusal(fields(date="l'an prochain"), "enter", "roadmap.error.milestone_date"),
            Refusal(fields(text="", date="03/2027"), "ctrl+s", "roadmap.error.text_empty"),
        ),
    ),
    "fairness-benefit": Case(
        at_step(fairness, "fairness", "gains", "a"),
        (Refusal(fields(line="Être reconnus par le département"), "ctrl+s", "plan.error.choose_structure"),),
    ),
    "next-step": Case(
        lambda app, pilot: plan(app, pilot, DONE, "s", "a"),
        (
            Refusal(fields(text=" "), "ctrl+s", "next_steps.error.no_text"),
            Refusal(fields(text="Réserver la salle", due="31/02/2027"), "enter", "error.date_invalid"),
        ),
    ),
    "export": Case(
        lambda app, pilot: cockpit(app, pilot, DONE, "x"),
        (Refusal(fields(docx="off", md="off"), "ctrl+s", "export.no_format"),),
    ),
}


def project_data(app: AtelierApp) -> str:
    """The open project as stored, or (on the home screen) every project file there is."""
    if app.project is not None:
        return json.dumps(app.project.store.storage.read(), sort_keys=True)
    folders = {app.library.folder, app.initial_path.parent if app.initial_path else app.library.folder}
    files = sorted(path for folder in folders if folder.exists() for path in folder.glob("*.atelier"))
    return json.dumps([[str(path), path.read_text(encoding="utf-8")] for path in files])


@pytest.mark.parametrize("name", list(CASES), ids=list(CASES))
async def test_a_refused_dialog_keeps_the_keys_and_the_project_stays_as_it_was(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    walk = Walk.make(tmp_path)
    app = walk.app
    async with app.run_test(size=(80, 24)) as pilot:
        await walk.go(pilot, case.open)
        dialog = app.screen
        below = app.screen_stack[-2]
        before = project_data(app)
        for refusal in case.refusals:
            refusal.fill(dialog)
            await settle(pilot)
            await pilot.press(refusal.submit)
            await settle(pilot)
            assert app.screen is dialog, f"{refusal.says}: the dialog closed"
            message = t(refusal.says).split("{")[0].strip()
            error = dialog.query_one(".dialog-error")
            assert error.display and message in str(error.render()), f"{refusal.says} not said in the dialog"
            assert message in " ".join(flat_text(app).split()), "the message is on screen, inside the dialog"
            assert not app._notifications, "said once, inside the dialog, not again in a toast"
            assert isinstance(app.focused, (Input, TextArea, Select)), "the focus is in a field"
            assert project_data(app) == before
        await pilot.press(*SENTENCE)
        await settle(pilot)
        assert app.screen is dialog and app.screen_stack[-2] is below
        assert project_data(app) == before, "the typed sentence reached nothing but the dialog"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is below
        assert project_data(app) == before, "nothing else changed in the project"


async def test_typing_in_a_screens_own_field_reaches_none_of_its_shortcuts(tmp_path: Path) -> None:
    """The project's name on the settings tab: letters that are the project
    screen's keys (a add, e edit, p promoter) stay in the field."""
    walk = Walk.make(tmp_path)
    app = walk.app
    async with app.run_test(size=(80, 24)) as pilot:
        await walk.go(pilot, lambda app, pilot: press(pilot, "4"))
        app.screen.query_one("#project-name", Input).focus()
        await settle(pilot)
        field = app.focused
        assert isinstance(field, Input) and field.id == "project-name"
        screen = app.screen
        before = project_data(app)
        field.value = ""
        await pilot.press(*SENTENCE, "delete", "insert")
        await settle(pilot)
        assert app.screen is screen and field.value == SENTENCE
        assert project_data(app) == before
        await pilot.press("escape")  # leaves the field, what was typed is dropped
        await settle(pilot)
        assert app.screen is screen and project_data(app) == before
