"""The who-does-what grid driven from the keyboard, on the demo project."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from exercises import matrix, matrix_minutes
from screens.app import AtelierApp
from screens.exercises.matrix import MatrixScreen
from screens.registry import exercise_screen
from screens.round import RoundScreen
from workshop.library import ProjectLibrary
from workshop.rounds import cast, get_round


def _setup(app: AtelierApp) -> tuple[int, int]:
    project = app.project
    assert project is not None
    workshop = project.workshops()[1]  # the planned workshop: an empty grid
    item = next(i for i in project.agenda(workshop.id) if i.kind == "matrix")
    return workshop.id, item.id


async def test_registered_for_the_cockpit() -> None:
    assert exercise_screen("matrix") is MatrixScreen


async def test_fill_a_grid_from_the_keyboard(demo_path: Path, library: ProjectLibrary, clock) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        workshop_id, item_id = _setup(app)
        project = app.project
        app.push_screen(MatrixScreen(project, workshop_id, item_id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MatrixScreen)
        assert screen.query_one("#matrix-empty", Static).display
        # Add two actions, one with a name that looks like markup.
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"[red]Accueil[/]", "enter")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Transport", "enter")
        await pilot.pause()
        state = matrix.load(project, item_id)
        assert [a.label for a in state.actions] == ["[red]Accueil[/]", "Transport"]
        columns = matrix.actors(project, state)
        grid = screen.query_one("#grid", DataTable)
        assert grid.row_count == 2 and len(grid.columns) == len(columns) + 1
        # Second row, first actor: pilot, then the level, then the next actor contributes.
        grid.move_cursor(row=1, column=1)
        await pilot.press("p", "l", "right", "2")
        await pilot.pause()
        state = matrix.load(project, item_id)
        first, second = state.actions
        assert state.cell(second.id, columns[0].id).role == "pilot"
        assert state.cell(second.id, columns[0].id).level == "political"
        assert state.cell(second.id, columns[1].id).role == "contributor"
        assert str(grid.get_cell(str(second.id), str(columns[0].id))) == "P·pol"
        checks = str(screen.query_one("#checks", Static).render())
        assert "[red]Accueil[/]" in checks and "pas de pilote" in checks
        # Up to the first row: two pilots are flagged, then one is cleared.
        await pilot.press("up", "1", "left", "1")
        await pilot.pause()
        assert "2 pilotes" in str(screen.query_one("#checks", Static).render())
        await pilot.press("space")
        await pilot.pause()
        state = matrix.load(project, item_id)
        assert state.cell(first.id, columns[0].id) is None
        # Confirm the first actor on its word: the header shows it.
        await pilot.press("k")
        await pilot.pause()
        assert matrix.confirmation_status(matrix.load(project, item_id), columns[0].id) == "confirmed"
        assert str(grid.columns[next(iter(k for k in grid.columns if k.value == str(columns[0].id)))].label).startswith("✓")
        # Move the second row up; rename it.
        await pilot.press("down", "shift+up")
        await pilot.pause()
        assert [a.label for a in matrix.load(project, item_id).actions] == ["Transport", "[red]Accueil[/]"]
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("ctrl+a", *"Navette", "enter")
        await pilot.pause()
        # An external actor joins as the last column.
        await pilot.press("x")
        await pilot.pause()
        await pilot.press(*"Caisse d'allocations", "enter")
        await pilot.pause()
        columns = matrix.actors(project, matrix.load(project, item_id))
        assert columns[-1].name == "Caisse d'allocations" and not columns[-1].member
        assert len(grid.columns) == len(columns) + 1
        # A confirmation round, one voice per structure present: those who agree are confirmed.
        await pilot.press("K")
        await pilot.pause()
        assert isinstance(app.screen, RoundScreen)
        started = get_round(project, matrix.load(project, item_id).confirm_round_id)
        for voter in started.voters:
            cast(project, started.id, voter, "agree")
        await pilot.press("f9")
        await pilot.pause()
        assert app.screen is screen
        state = matrix.load(project, item_id)
        assert all(matrix.confirmation_status(state, voter) == "confirmed" for voter in started.voters)
        assert state.confirmations[str(started.voters[0])].how == "round"


async def test_a_large_grid_scrolls_with_the_action_column_fixed(tmp_path: Path, library: ProjectLibrary) -> None:
    from workshop.project import Project

    path = tmp_path / "big.atelier"
    with Project.create(path, "Grande grille") as project, project.batch():
        odd_names = ["[/", "جمعية الحي", "[bold]Gras", "🌱 Jardin"]
        for n in range(12):
            project.add_structure(odd_names[n] if n < len(odd_names) else f"Structure {n:02d}")
        workshop = project.add_workshop("Atelier")
        item = project.add_agenda_item(workshop.id, "matrix", "Qui fait quoi")
        for n in range(40):
            action = matrix.add_action(project, item.id, f"Action {n:02d}")
            matrix.set_role(project, item.id, action.id, project.structures()[n % 12].id, "pilot")
    app = AtelierApp(library=library, project_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(MatrixScreen(app.project, workshop.id, item.id))
        await pilot.pause()
        grid = app.screen.query_one("#grid", DataTable)
        assert grid.fixed_columns == 1
        labels = [str(column.label) for column in grid.columns.values()]
        assert any(label.endswith("[/") for label in labels) and any("[bold]" in label for label in labels)
        await pilot.press(*["right"] * 12, *["down"] * 39)
        await pilot.pause()
        assert grid.cursor_coordinate.row == 39 and grid.cursor_coordinate.column == 12
        assert grid.scroll_x > 0 and grid.scroll_y > 0
        await pilot.press("3")
        await pilot.pause()
        state = matrix.load(app.project, item.id)
        assert state.cell(state.actions[39].id, matrix.actors(app.project, state)[11].id).role == "consulted"


async def test_tiny_terminal_does_not_crash(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        project = app.project
        workshop = project.workshops()[0]
        item = next(i for i in project.agenda(workshop.id) if i.kind == "matrix")
        app.push_screen(MatrixScreen(project, workshop.id, item.id))
        await pilot.pause()
        for size in ((10, 5), (40, 12), (200, 60)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.markdown.startswith("# Qui fait quoi")


async def test_means_and_relation_to_the_pilot_from_the_keyboard(demo_path: Path, library: ProjectLibrary, clock) -> None:
    from screens.modals.pick_many import PickManyModal
    from workshop.minutes.blocks import Table

    app = AtelierApp(library=library, project_path=demo_path, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        workshop_id, item_id = _setup(app)
        project = app.project
        app.push_screen(MatrixScreen(project, workshop_id, item_id))
        await pilot.pause()
        screen = app.screen
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Mutualiser la paie", "enter")
        await pilot.pause()
        columns = matrix.actors(project, matrix.load(project, item_id))
        grid = screen.query_one("#grid", DataTable)
        grid.move_cursor(row=0, column=1)
        await pilot.press("p", "right", "w")  # no role yet: refused with a message, nothing saved
        await pilot.pause()
        action = matrix.load(project, item_id).actions[0]
        assert matrix.load(project, item_id).cell(action.id, columns[1].id) is None
        await pilot.press("c", "w")  # contributor, led with the pilot
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, PickManyModal)
        await pilot.press("space", "down", "space", "ctrl+s")  # staff time, money
        await pilot.pause()
        assert app.screen is screen
        cell = matrix.load(project, item_id).cell(action.id, columns[1].id)
        assert (cell.role, cell.mode, cell.means) == ("contributor", "with", ["staff_time", "money"])
        assert str(grid.get_cell(str(action.id), str(columns[1].id))) == "C ⇄ t€"
        detail = str(screen.query_one("#current", Static).render())
        assert detail == f"Contributeur ; conduit avec le pilote ; moyens : temps de personnel, financement — Mutualiser la paie × {columns[1].name}"
        await pilot.press("w")  # next: the pilot entrusts it with the implementation
        await pilot.pause()
        assert matrix.load(project, item_id).cell(action.id, columns[1].id).mode == "delegated"
        assert "⇠" in str(screen.query_one("#legend", Static).render())
        blocks = matrix_minutes.minutes_blocks(project, item_id)
        means = [b for b in blocks if isinstance(b, Table)][1]
        assert means.rows == (("Mutualiser la paie", columns[1].name, "contributeur", "mise en œuvre confiée par le pilote", "temps de personnel, financement"),)
        assert any(getattr(b, "text", "") == "Moyens et façon de travailler non précisés pour 1 autre(s) pilote(s) ou contributeur(s)." for b in blocks)
