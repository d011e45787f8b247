"""The draft convention in the app: from the cockpit's export dialog to a written .docx."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
from textual.widgets import Button, Input, Static, TextArea

from screens.app import AtelierApp
from screens.convention import ConventionScreen
from screens.modals.convention_export import ConventionExportModal
from screens.modals.export import ExportModal
from screens.modals.text import TextModal
from screens.project import ProjectScreen
from tests.screen_text import column, settle
from workshop.convention import settings as convention_settings
from workshop.convention.settings import Clause
from workshop.library import ProjectLibrary


async def _open_convention(app: AtelierApp, pilot) -> ConventionScreen:
    screen = app.screen
    assert isinstance(screen, ProjectScreen)
    screen.open_workshop(app.project.workshops()[0].id)
    await settle(pilot)
    await pilot.press("l")
    await settle(pilot)
    await pilot.press("x")
    await settle(pilot)
    assert isinstance(app.screen, ExportModal)
    app.screen.query_one("#convention", Button).press()
    await settle(pilot)
    assert isinstance(app.screen, ConventionScreen)
    return app.screen


async def test_tick_annotate_write_a_clause_and_export(demo_path: Path, library: ProjectLibrary, clock) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        project = app.project
        screen = await _open_convention(app, pilot)
        table = screen.query_one("#convention")
        states = column(table, 2)
        assert states[0].startswith("✓ Atelier 1") and states[7] == "… à décider"  # Art. 1 filled, Art. 8 to decide
        # The disputes clause: Enter opens it, Ctrl+S saves the lines as typed.
        rows = column(table, 1)
        table.move_cursor(row=rows.index("Règlement des différends", 8))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TextModal)
        app.screen.query_one(TextArea).text = "D'abord le comité de pilotage.\nPuis un médiateur choisi ensemble."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert convention_settings.load(project).clause(Clause.DISPUTES) == "D'abord le comité de pilotage.\nPuis un médiateur choisi ensemble."
        assert column(table, 2)[7].startswith("✓")
        # A point to check: Space ticks it, Enter annotates it.
        vat = next(i for i, label in enumerate(column(table, 1)) if label.startswith("TVA"))
        table.move_cursor(row=vat)
        await pilot.press("space")
        await settle(pilot)
        assert convention_settings.load(project).issue("vat").checked and column(table, 0)[vat].startswith("☑")
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one(TextArea).text = "x" * 1001
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TextModal) and "trop longue" in str(app.screen.query_one("#form-error", Static).render())
        app.screen.query_one(TextArea).text = "Vu avec [l'expert]"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert convention_settings.load(project).issue("vat").note == "Vu avec [l'expert]"
        # Export: the dialog proposes a safe name beside the project, then writes it in a worker.
        await pilot.press("x")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ConventionExportModal)
        modal.query_one("#folder", Input).value = str(demo_path.parent)
        modal.query_one("#name", Input).value = "../../convention finale"
        modal.action_export()
        await app.workers.wait_for_complete()
        await settle(pilot)
        target = demo_path.parent / "convention-finale.docx"
        assert target.exists()
        texts = [p.text for p in docx.Document(str(target)).paragraphs]
        assert "Puis un médiateur choisi ensemble." in texts
        assert "Projet de convention exporté" in str(modal.query_one("#status", Static).render())


async def test_a_project_file_is_refused_before_any_question(demo_path: Path, library: ProjectLibrary, clock) -> None:
    disguised = demo_path.parent / "projet.docx"
    shutil.copy(demo_path, disguised)
    original = disguised.read_bytes()
    app = AtelierApp(library=library, project_path=demo_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await _open_convention(app, pilot)
        await pilot.press("x")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ConventionExportModal)
        modal.query_one("#folder", Input).value = str(demo_path.parent)
        modal.query_one("#name", Input).value = "projet"
        modal.action_export()
        await settle(pilot)
        assert app.screen is modal  # no "replace?" question: refused outright
        assert "fichier de projet" in str(modal.query_one(".dialog-error", Static).render())  # said inside the dialog
        await app.workers.wait_for_complete()
        assert disguised.read_bytes() == original
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        for size in ((10, 5), (40, 12), (200, 50)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
        assert app.screen is screen
