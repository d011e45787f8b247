"""Removing asks first, with the safe answer as Enter's; Ctrl+Z brings back the last
removal or decision, and the key bar says what it would undo."""

from __future__ import annotations

from pathlib import Path

from screens.modals.confirm import ConfirmModal
from screens.widgets.key_bar import KeyBar
from tests.app_states import DONE, Walk, exercise, item, press
from tests.screen_text import flat_text
from workshop.proposals import proposal, proposals


def bar(app) -> str:
    return " ".join(f"{e.display} {e.description}" for e in app.screen.query_one(KeyBar).entries)


async def test_a_removal_asks_with_its_keys_enter_keeps_and_ctrl_z_brings_back(tmp_path: Path) -> None:
    walk = Walk.make(tmp_path)
    app = walk.app
    async with app.run_test(size=(80, 24)) as pilot:
        await walk.go(pilot, lambda app, pilot: press(pilot, "2"))
        people = len(app.project.participants())
        assert "^z" not in bar(app), "nothing to undo yet: the key is not offered"
        await press(pilot, "delete")
        dialog = app.screen
        assert isinstance(dialog, ConfirmModal)
        text = flat_text(app)
        assert "Annuler (Échap)" in text and "Retirer (O)" in text, "the buttons name their keys"
        assert "o Retirer" in bar(app) and "Échap Annuler" in bar(app)
        await press(pilot, "enter")  # the safe choice is the default
        assert len(app.project.participants()) == people
        await press(pilot, "delete", "o")
        assert len(app.project.participants()) == people - 1
        assert "^z Annuler le retrait" in bar(app)
        await press(pilot, "ctrl+z")
        assert len(app.project.participants()) == people
        assert "Aïcha Diallo" in flat_text(app), "the list shows the person again"
        assert "^z" not in bar(app)


async def test_a_decision_then_a_removal_are_undone_in_turn_from_the_tracker(tmp_path: Path) -> None:
    walk = Walk.make(tmp_path)
    app = walk.app
    async with app.run_test(size=(80, 24)) as pilot:
        await walk.go(pilot, lambda app, pilot: exercise(app, pilot, DONE, "commitments"))
        first = proposals(app.project, item(app, DONE, "commitments").workshop_id)[0]
        assert first.decision == ""
        await press(pilot, "r")
        assert proposal(app.project, first.id).decision == "retained"
        assert "^z Annuler la décision" in bar(app)
        await press(pilot, "delete", "o")
        assert first.id not in [p.id for p in proposals(app.project)]
        assert "^z Annuler le retrait" in bar(app)
        await press(pilot, "ctrl+z")
        assert proposal(app.project, first.id).decision == "retained"
        assert f"N° {first.id} — {first.text}" in flat_text(app), "the list and its detail show it again"
        await press(pilot, "ctrl+z")
        assert proposal(app.project, first.id).decision == ""
        assert any("Décision annulée" in str(n.message) for n in app._notifications)


async def test_a_matrix_cell_is_undone_and_the_grid_redrawn(tmp_path: Path) -> None:
    walk = Walk.make(tmp_path)
    app = walk.app
    async with app.run_test(size=(80, 24)) as pilot:
        await walk.go(pilot, lambda app, pilot: exercise(app, pilot, DONE, "matrix", "right"))
        from exercises import matrix

        item_id = item(app, DONE, "matrix").id
        state = matrix.load(app.project, item_id)
        first, jardins = state.actions[0].id, matrix.actors(app.project, state)[0].id
        assert state.cell(first, jardins).role == "pilot"
        await press(pilot, "i")  # informed
        assert matrix.load(app.project, item_id).cell(first, jardins).role == "informed"
        assert "^z Annuler (case)" in bar(app)
        await press(pilot, "ctrl+z")
        assert matrix.load(app.project, item_id).cell(first, jardins).role == "pilot"
        assert "Pilote, niveau politique ; moyens : temps de personnel — Nommer un référent coopération" in flat_text(app)
