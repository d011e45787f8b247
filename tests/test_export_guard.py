"""An export writes minutes only: never a project, its backup, its lock or its copies.

`atelier export g.atelier --md g.atelier --force` used to exit 0 having replaced
the project with Markdown. Every output flag and every kind of protected target
is tried here, with and without --force, and the export is all or nothing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import workshop.minutes.export as export_module
from workshop.cli import main
from workshop.lock import machine_lock_path
from workshop.project import Project
from workshop.projectfile import backup_path

FLAGS = ("--md", "--docx", "--register")


def export(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["export", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def saved_twice(demo_path: Path) -> Path:
    """The demo project with a backup (a second save made it)."""
    with Project.open(demo_path) as project:
        project.rename("Coopération du Val d'Orge")
    assert backup_path(demo_path).exists()
    return demo_path


def _targets(project: Path) -> dict[str, Path]:
    """Every kind of file an export must refuse, made for real beside the project."""
    folder = project.parent
    other = folder / "autre.atelier"
    shutil.copyfile(project, other)
    disguised = folder / "projet-deguise.md"  # a project whatever its name says
    shutil.copyfile(project, disguised)
    damaged = folder / f"{project.name}.damaged-20261012-101010"
    shutil.copyfile(project, damaged)
    rescue = folder / "demo-rescue-20261012-101010.atelier"
    shutil.copyfile(project, rescue)
    hard = folder / "lien-dur.md"
    os.link(project, hard)
    soft = folder / "lien.md"
    soft.symlink_to(project)
    lock = folder / f"{project.name}.lock"
    lock.touch()
    other_backup = folder / "autre.atelier.bak"
    shutil.copyfile(project, other_backup)
    return {
        "another project's backup": other_backup,
        "itself": project,
        "backup": backup_path(project),
        "lock": lock,
        "machine lock": machine_lock_path(project),
        "another project": other,
        "a project under another name": disguised,
        "a damaged copy": damaged,
        "a rescue copy": rescue,
        "a hard link to it": hard,
        "a symbolic link to it": soft,
        "a project's name, not there yet": folder / "nouveau.atelier",
    }


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("flag", FLAGS)
def test_no_flag_ever_writes_over_a_project_file(
    saved_twice: Path, flag: str, force: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    for kind, target in _targets(saved_twice).items():
        folder_before = _snapshot(saved_twice.parent)
        args = [str(saved_twice), flag, str(target), *(["--force"] if force else [])]
        code, out, err = export(capsys, *args)
        assert code == 2, (kind, err)
        assert err.startswith("Export refusé : "), (kind, err)
        assert "--force" not in err  # the message never points at the destructive option
        assert "Rien n'a été écrit" in err
        assert out == ""
        assert _snapshot(saved_twice.parent) == folder_before, kind  # nothing written, nothing removed


def test_the_message_names_what_the_target_is(saved_twice: Path, capsys: pytest.CaptureFixture[str]) -> None:
    targets = _targets(saved_twice)
    expected = {
        "itself": "est le projet exporté lui-même",
        "backup": "est la sauvegarde du projet exporté (.bak)",
        "lock": "est le verrou du projet exporté",
        "machine lock": "est le verrou du projet exporté",
        "another project": "est un projet Atelier",
        "another project's backup": "est la sauvegarde d'un projet (.bak)",
        "a project under another name": "est un projet Atelier",
        "a damaged copy": "est la copie d'un projet endommagé",
        "a rescue copy": "est une copie de secours d'un projet",
        "a hard link to it": "est le projet exporté lui-même",
        "a symbolic link to it": "est le projet exporté lui-même",
    }
    for kind, words in expected.items():
        _code, _out, err = export(capsys, str(saved_twice), "--md", str(targets[kind]), "--force")
        assert words in err, (kind, err)


def test_english_refusal(saved_twice: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = export(capsys, str(saved_twice), "--docx", str(saved_twice), "--lang", "en", "--force")
    assert code == 2
    assert err.strip() == (
        f"Export refused: {saved_twice} is the exported project itself. An export writes minutes only and "
        "never replaces a project file: choose another file name. Nothing was written."
    )


@pytest.mark.parametrize("protected_flag", FLAGS)
def test_one_protected_target_refuses_the_whole_export(
    saved_twice: Path, tmp_path: Path, protected_flag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = {"--md": tmp_path / "cr.md", "--docx": tmp_path / "cr.docx", "--register": tmp_path / "registre.docx"}
    outputs[protected_flag] = backup_path(saved_twice)
    args = [str(saved_twice)]
    for flag, path in outputs.items():
        args += [flag, str(path)]
    code, _out, err = export(capsys, *args, "--force")
    assert code == 2, err
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".md", ".docx")]


def test_the_default_names_beside_the_project_are_never_projects(saved_twice: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stem = "Cooperation-du-Val-d-Orge-2026-10-12-Atelier-1-Poser-les-fondations"
    decoy = saved_twice.parent / f"{stem}.md"
    shutil.copyfile(saved_twice, decoy)  # a project copied under the minutes' own name
    before = decoy.read_bytes()
    code, _out, err = export(capsys, str(saved_twice), "--force")
    assert code == 2, err
    assert decoy.read_bytes() == before
    assert not (saved_twice.parent / f"{stem}.docx").exists()


def test_a_folder_as_target_is_refused_before_anything_is_written(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "dossier.md"
    folder.mkdir()
    code, _out, err = export(capsys, str(demo_path), "--docx", str(tmp_path / "cr.docx"), "--md", str(folder), "--force")
    assert code == 1
    assert "est un dossier" in err
    assert not (tmp_path / "cr.docx").exists()


# All or nothing ---------------------------------------------------------------------------
def test_a_failure_while_placing_the_second_file_takes_the_first_back(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    md, out_docx = out / "cr.md", out / "cr.docx"
    md.write_text("mon ancien compte rendu", encoding="utf-8")
    real_replace = os.replace

    def failing_replace(src: str, dst: object) -> None:
        if str(dst) == str(out_docx):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(export_module.os, "replace", failing_replace)
    code, _out, err = export(capsys, str(demo_path), "--md", str(md), "--docx", str(out_docx), "--force")
    assert code == 1
    assert "Écriture impossible" in err and "cr.docx" in err
    assert md.read_text(encoding="utf-8") == "mon ancien compte rendu"  # the replaced file is back
    assert not out_docx.exists()
    assert sorted(p.name for p in out.iterdir()) == ["cr.md"]  # no temporary file left


def test_a_failure_while_writing_a_file_places_none(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import workshop.minutes.docx_writer as docx_writer

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx_writer, "write_docx", full_disk)
    out = tmp_path / "out"
    out.mkdir()
    code, _out, err = export(capsys, str(demo_path), "--md", str(out / "cr.md"), "--docx", str(out / "cr.docx"))
    assert code == 1, err
    assert list(out.iterdir()) == []


def test_a_new_file_placed_before_a_refusal_is_removed(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    md, out_docx = tmp_path / "cr.md", tmp_path / "cr.docx"
    real_link = os.link

    def docx_appears_meanwhile(src: str, dst: object) -> None:
        if str(dst) == str(out_docx):
            out_docx.write_text("écrit par quelqu'un d'autre entre-temps", encoding="utf-8")
        real_link(src, dst)

    monkeypatch.setattr(export_module.os, "link", docx_appears_meanwhile)
    code, _out, err = export(capsys, str(demo_path), "--md", str(md), "--docx", str(out_docx))
    assert code == 1 and "existe déjà" in err
    assert not md.exists()  # the first file was taken back
    assert out_docx.read_text(encoding="utf-8") == "écrit par quelqu'un d'autre entre-temps"


# The app's export dialog ------------------------------------------------------------------
async def test_the_export_dialog_refuses_a_project_file_without_asking_to_replace_it(
    saved_twice: Path, tmp_path: Path
) -> None:
    from textual.widgets import Input, Static

    from screens.app import AtelierApp
    from screens.modals.confirm import ConfirmModal
    from screens.modals.export import ExportModal
    from workshop.library import ProjectLibrary

    decoy = saved_twice.parent / "compte-rendu.md"
    shutil.copyfile(saved_twice, decoy)  # a project under the name the minutes would take
    folder_before = _snapshot(saved_twice.parent)
    app = AtelierApp(library=ProjectLibrary(tmp_path / "data"), project_path=saved_twice)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        modal = ExportModal(app.project, app.project.workshops()[0].id)
        app.push_screen(modal)
        await pilot.pause()
        modal.query_one("#folder", Input).value = str(saved_twice.parent)
        modal.query_one("#name", Input).value = "compte-rendu"
        await pilot.pause()
        await pilot.click("#export")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is modal  # no question about replacing: the dialog stays, with the reason
        assert not isinstance(app.screen, ConfirmModal)
        status = str(modal.query_one(".dialog-error", Static).render())  # said inside the dialog
        assert status.startswith(f"Export refusé : {decoy} est un projet Atelier.")
        assert "--force" not in status
    assert _snapshot(saved_twice.parent) == folder_before
