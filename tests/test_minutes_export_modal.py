"""The export dialog: proposes safe names, never overwrites silently, reports the paths."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from screens.app import AtelierApp
from screens.modals.confirm import ConfirmModal
from screens.modals.export import ExportModal
from screens.registry import tools
from tests.minutes_structure import front_matter
from tests.screen_text import flat_text, settle
from workshop.library import ProjectLibrary


def _static_text(modal: ExportModal, selector: str) -> str:
    return str(modal.query_one(selector, Static).render())


async def _open_modal(pilot, app: AtelierApp, folder: Path) -> ExportModal:
    workshop = app.project.workshops()[0]
    modal = ExportModal(app.project, workshop.id)
    app.push_screen(modal)
    await pilot.pause()
    modal.query_one("#folder", Input).value = str(folder)
    await pilot.pause()
    return modal


async def test_the_cockpit_tool_is_registered() -> None:
    tool = next(tool for tool in tools() if tool.action == "export")
    assert tool.key == "x"


async def test_export_writes_both_files_and_reports_them(demo_path: Path, library: ProjectLibrary, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        modal = await _open_modal(pilot, app, out)
        stem = modal.query_one("#name", Input).value
        assert "Atelier-1" in stem and "/" not in stem
        modal.action_export()
        await app.workers.wait_for_complete()
        await pilot.pause()
        docx, md = out / f"{stem}.docx", out / f"{stem}.md"
        assert docx.exists() and md.exists()
        status = _static_text(modal, "#status")
        assert str(docx) in status and str(md) in status
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportModal)


async def test_an_existing_file_is_replaced_only_after_confirmation(demo_path: Path, library: ProjectLibrary, tmp_path: Path) -> None:
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        modal = await _open_modal(pilot, app, tmp_path)
        stem = modal.query_one("#name", Input).value
        md = tmp_path / f"{stem}.md"
        md.write_text("mine", encoding="utf-8")

        modal.action_export()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert str(md) in str(app.screen.query_one("#question", Static).render())
        await pilot.press("escape")  # keep mine
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert md.read_text(encoding="utf-8") == "mine"
        assert not (tmp_path / f"{stem}.docx").exists()

        modal.action_export()
        await pilot.pause()
        await pilot.press("y")  # now replace
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert front_matter(md.read_text(encoding="utf-8"))[1].lstrip().startswith("# ")
        assert (tmp_path / f"{stem}.docx").exists()


async def test_a_typed_name_cannot_leave_the_folder(demo_path: Path, library: ProjectLibrary, tmp_path: Path) -> None:
    out = tmp_path / "a" / "b"
    out.mkdir(parents=True)
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        modal = await _open_modal(pilot, app, out)
        modal.query_one("#name", Input).value = "../../[red]x[/]"
        await pilot.pause()
        modal.action_export()
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = sorted(p.name for p in out.iterdir())
        assert written == ["red-x.docx", "red-x.md"]
        assert sorted(p.name for p in tmp_path.iterdir() if p.is_file() and p.suffix in (".md", ".docx")) == []


async def test_a_missing_folder_is_reported_not_a_crash(demo_path: Path, library: ProjectLibrary, tmp_path: Path) -> None:
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        modal = await _open_modal(pilot, app, tmp_path / "nowhere")
        modal.action_export()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "nowhere" in _static_text(modal, ".dialog-error"), "the failure is said inside the dialog"
        assert app.screen is modal and modal.written == []


async def test_the_dialog_fits_small_screens(demo_path: Path, library: ProjectLibrary, tmp_path: Path) -> None:
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await _open_modal(pilot, app, tmp_path)
        await settle(pilot)
        assert "Exporter le compte rendu" in flat_text(app)
        await pilot.resize_terminal(10, 5)
        await settle(pilot)
        assert isinstance(app.screen, ExportModal)  # still open, nothing typed lost
        assert app.screen.query_one("#folder", Input).value == str(tmp_path)
