"""Only the project's own errors become user messages; a defect is said, logged, never disguised (#20.5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from screens import failures
from screens.app import AtelierApp
from screens.project import ProjectScreen
from workshop.errors import NotFound
from workshop.library import ProjectLibrary
from workshop.project import Project
from workshop.schema import Context
from workshop.validation import _record_reader


def messages(app: AtelierApp) -> list[tuple[str, str]]:
    return [(str(n.message), n.severity) for n in app._notifications]


def broken_action(*_args: object) -> None:
    raise ZeroDivisionError("a planted defect")


async def test_a_user_mistake_is_a_warning_and_a_defect_is_said_as_such_and_logged(
    project_path: Path, library: ProjectLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.create(project_path, "Projet") as created:
        workshop_id = created.add_workshop("Atelier 1").id
    app = AtelierApp(library=library, project_path=project_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProjectScreen)
        # The project's own error: a warning that says what to do, nothing logged.
        assert app.attempt(app.project.add_structure, "   ") is None
        await pilot.pause()
        assert messages(app)[-1] == ("Le nom ne peut pas être vide.", "warning")
        assert not failures.log_path().exists() or "planted" not in failures.log_path().read_text()
        # Under the suite a defect fails the test that met it.
        with pytest.raises(ZeroDivisionError):
            app.attempt(broken_action)
        # In the app it is said to be a defect, with the log that holds its traceback.
        monkeypatch.delenv(failures.STRICT_VARIABLE)
        assert app.attempt(broken_action) is None
        await pilot.pause()
        text, severity = messages(app)[-1]
        assert severity == "error"
        assert "ZeroDivisionError" in text and "défaut d'Atelier" in text and "pas une erreur de saisie" in text
        log = failures.log_path()
        assert str(log) in text
        logged = log.read_text(encoding="utf-8")
        assert "ZeroDivisionError: a planted defect" in logged and "broken_action" in logged
        # A ValueError is not a typing mistake either (an enum value the screen built wrongly).
        assert app.attempt(app.project.update_workshop, workshop_id, minutes_status="final") is None
        await pilot.pause()
        assert messages(app)[-1][1] == "error" and "ValueError" in messages(app)[-1][0]
        assert isinstance(app.screen, ProjectScreen) and app.is_running


def test_a_defect_that_cannot_be_logged_is_still_said(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setattr(failures, "log_path", lambda: blocked / "atelier.log")  # a file where a folder should be
    text = failures.describe(RuntimeError("x"))
    assert "RuntimeError" in text and "défaut d'Atelier" in text and "Détails" not in text


def test_a_reader_that_meets_damage_says_damage_and_a_reader_with_a_defect_fails() -> None:
    class Damaged:
        @classmethod
        def from_doc(cls, doc: dict, doc_id: int) -> None:
            return doc["missing"]

    class Defective:
        @classmethod
        def from_doc(cls, doc: dict, doc_id: int) -> None:
            raise ZeroDivisionError

    ctx = Context("table", "1")
    _record_reader(Damaged)("1", {}, ctx)
    assert [f.key for f in ctx.findings] == ["schema.unreadable"]
    with pytest.raises(ZeroDivisionError):
        _record_reader(Defective)("1", {}, Context("table", "1"))


@pytest.mark.parametrize(
    "module, lookup",
    [
        ("exercises.values", "value"),
        ("exercises.apt", "item"),
        ("exercises.swot", "entry"),
        ("exercises.swot", "answer"),
        ("exercises.roadmap", "action"),
        ("exercises.roadmap", "milestone"),
        ("exercises.fairness", "benefit"),
        ("exercises.governance", "body"),
        ("exercises.stakeholders", "stakeholder"),
        ("exercises.matrix", "action"),
    ],
)
def test_an_entry_removed_meanwhile_is_not_found_which_screens_take_as_nothing_selected(
    project: Project, module: str, lookup: str
) -> None:
    """Screens catch NotFound alone when the row under the cursor has gone: any other error is a defect."""
    import importlib

    exercise = importlib.import_module(module)
    item = project.add_agenda_item(project.add_workshop("Atelier").id, module.rpartition(".")[2], "Exercice")  # the kind
    read = getattr(exercise, "load", None) or exercise.state
    state = read(project, item.id)
    with pytest.raises(NotFound):
        getattr(state, lookup)(987654)
