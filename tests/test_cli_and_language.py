"""The `atelier` command: --help, --version, --lang, --data-dir, open; the English interface."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from screens import launch
from screens.app import AtelierApp
from tests.screen_text import screen_text, settle
from workshop import __version__, cli
from workshop.clock import FakeClock
from workshop.i18n import language, set_language
from workshop.library import ProjectLibrary
from workshop.project import Project


def test_help_and_version_exit_cleanly(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for word in ("--lang", "--data-dir", "--version", "open", "demo"):
        assert word in out
    with pytest.raises(SystemExit) as done:
        cli.main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"atelier {__version__}"


def test_unknown_language_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["--lang", "de"])
    assert done.value.code == 2
    assert "de" in capsys.readouterr().err


def test_console_script_help_in_a_real_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "workshop.cli", "--version"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0 and result.stdout.strip() == f"atelier {__version__}"


@pytest.fixture
def no_ui(monkeypatch: pytest.MonkeyPatch) -> list[AtelierApp]:
    """The apps the CLI would have run; the run loop itself is skipped."""
    apps: list[AtelierApp] = []
    monkeypatch.setattr(AtelierApp, "run", lambda self, *args, **kwargs: apps.append(self))
    return apps


def test_lang_en_and_data_dir(tmp_path: Path, no_ui: list[AtelierApp]) -> None:
    assert launch.main(["--lang", "en", "--data-dir", str(tmp_path / "d")]) == 0
    assert language() == "en"
    (app,) = no_ui
    assert app.library.folder == tmp_path / "d"
    assert app.initial_path is None


def test_french_is_the_default(tmp_path: Path, no_ui: list[AtelierApp]) -> None:
    set_language("en")
    assert launch.main(["--data-dir", str(tmp_path)]) == 0
    assert language() == "fr"


def test_open_a_project_file(tmp_path: Path, no_ui: list[AtelierApp], capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ailleurs" / "coop.atelier"
    path.parent.mkdir()
    Project.create(path, "Coop").close()
    assert launch.main(["--data-dir", str(tmp_path / "d"), "open", str(path)]) == 0
    assert no_ui[0].initial_path == path.resolve()
    assert launch.main(["open", str(tmp_path / "missing.atelier")]) == 2
    assert "introuvable" in capsys.readouterr().err
    assert len(no_ui) == 1


async def test_english_interface(tmp_path: Path, library: ProjectLibrary) -> None:
    set_language("en")
    path = tmp_path / "p.atelier"
    with Project.create(path, "Coop") as project:
        project.add_structure("Alpha")
        project.add_workshop("First", "2026-12-07", start_time="09:00")
    app = AtelierApp(library=library, clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Your cooperation projects" in screen_text(app)
        app.open_project(path)
        await settle(pilot)
        text = screen_text(app)
        assert "Structures (1)" in text and "Workshops (1)" in text and "Member" in text
        assert "Commitment threshold: 60%" in text, "English typography: no space before %"
        await pilot.press("3")
        await settle(pilot)
        assert "2026-12-07" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "The agenda is empty" in screen_text(app)
        await pilot.press("f1")
        await settle(pilot)
        assert "Planning the workshop" in app.screen.markdown


def test_the_core_alone_does_not_open_the_interface(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--data-dir", str(tmp_path)]) == 2
    assert "atelier" in capsys.readouterr().err


def test_python_m_workshop_cli_runs_the_headless_export(tmp_path: Path) -> None:
    # `python -m workshop.cli` runs this module as __main__: the export must be found all the same.
    from workshop.project import Project

    with Project.create(tmp_path / "p.atelier", "Coopération") as project:
        workshop = project.add_workshop("Atelier de lancement", "2026-10-12")
    out = tmp_path / "cr.md"
    result = subprocess.run(
        [sys.executable, "-m", "workshop.cli", "export", str(tmp_path / "p.atelier"), "--workshop", str(workshop.id), "--md", str(out)],
        capture_output=True, text=True, timeout=60, check=False, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Atelier de lancement" in out.read_text(encoding="utf-8")
    assert result.stdout.strip() == f"Écrit : {out}"
