"""The fairness balance on the shared screen (Pilot): the felt-balance round through the
rounds screen (secret by default), ratings said aloud, adjustments made proposals,
forms that stay open on refused input, literal names, every size."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select, Static

from exercises import fairness
from screens.app import AtelierApp
from screens.exercises.fairness import FairnessScreen
from screens.modals.form import FormModal
from screens.modals.pick_one import PickOneModal
from screens.modals.proposal import ProposalModal
from screens.round import RoundScreen
from tests.roadmap_project import TRICKY, build
from tests.screen_text import flat_text, screen_text, settle, table_rows
from workshop.clock import FakeClock
from workshop.library import ProjectLibrary
from workshop.project import Project
from workshop.proposals import proposals
from workshop.rounds import cast, get_round


def _clock(day: str) -> FakeClock:
    return FakeClock(datetime.datetime.fromisoformat(day + "T10:00:00").timestamp())


@pytest.fixture
def coop_path(tmp_path: Path) -> Path:
    coop = build(tmp_path / "coop.atelier")
    coop.project.close()
    return coop.project.path


def _ids(project: Project) -> tuple[dict[str, int], int, int, int]:
    structures = {s.name: s.id for s in project.structures()}
    first, second = (w.id for w in project.workshops())
    item = next(i.id for i in project.agenda(first) if i.kind == "fairness")
    later = next(i.id for i in project.agenda(second) if i.kind == "fairness")
    return structures, first, item, later


async def _open(app: AtelierApp, pilot, workshop_id: int, item_id: int) -> FairnessScreen:
    await pilot.pause()
    app.push_screen(FairnessScreen(app.project, workshop_id, item_id))
    await settle(pilot)
    assert isinstance(app.screen, FairnessScreen)
    return app.screen


def _rows(screen: FairnessScreen) -> list[list[str]]:
    return table_rows(screen.query_one("#table", DataTable))


async def test_the_felt_balance_round_is_secret_by_default_and_names_nobody(coop_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=coop_path, clock=_clock("2027-01-10"))
    async with app.run_test(size=(80, 24)) as pilot:
        project = app.project
        structures, first, item, _ = _ids(project)
        screen = await _open(app, pilot, first, item)
        await pilot.press("3")
        await settle(pilot)
        assert screen.step == "felt" and "Il sera secret" in flat_text(app)
        # One key starts it, secret, one turn per structure: the rounds screen takes the keyboard.
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, RoundScreen)
        check = fairness.load(project, item).check
        started = get_round(project, check.round_id)
        assert started.spec.secret and started.spec.by_structure
        ratings = {structures["Les Ateliers du Canal"]: 4, structures["Foyer Bellevue"]: 2, structures[TRICKY]: 1, structures["Conseil départemental"]: 5}
        for voter in started.voters:
            cast(project, started.id, voter, ratings[voter])
        await pilot.press("f9")  # the facilitator leaves the round screen
        await settle(pilot)
        assert app.screen is screen
        # Back on the exercise: what the round published, and nobody named.
        text = flat_text(app)
        assert "4 structure(s) sur 4 ont répondu" in text and "Moyenne : 3 / 5" in text
        assert "2 structure(s) ressentent un déséquilibre" in text and "Qui le souhaite peut le dire (D)" in text
        assert [row[1] for row in _rows(screen)] == ["secret", "secret", "secret", "secret"]
        assert TRICKY in screen_text(app)
        # The foyer says its rating aloud: it is named, and flagged.
        names = [row[0] for row in _rows(screen)]
        screen.query_one("#table", DataTable).move_cursor(row=names.index("Foyer Bellevue"))
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, PickOneModal)
        await pilot.press("down", "enter")  # 2 · Plutôt pas
        await settle(pilot)
        assert fairness.load(project, item).rating(structures["Foyer Bellevue"]) == (2, True)
        assert _rows(screen)[names.index("Foyer Bellevue")][1] == "●●○○○ 2/5 (dit en séance)"
        # Once started, the round stays secret.
        await pilot.press("v")
        await settle(pilot)
        assert app.screen is not screen  # the confirmation before running it again
        await pilot.press("escape")
        await settle(pilot)


async def test_an_open_round_when_the_facilitator_says_so(coop_path: Path, library: ProjectLibrary, monkeypatch: pytest.MonkeyPatch) -> None:
    app = AtelierApp(library=library, project_path=coop_path, clock=_clock("2027-01-10"))

    def play(screen: FairnessScreen, round_id: int, done) -> None:
        for voter in get_round(screen.project, round_id).voters:
            cast(screen.project, round_id, voter, 2)
        done(None)

    monkeypatch.setattr(FairnessScreen, "run_round", play)
    async with app.run_test(size=(100, 40)) as pilot:
        project = app.project
        _, first, item, _ = _ids(project)
        screen = await _open(app, pilot, first, item)
        await pilot.press("3", "o")
        await settle(pilot)
        assert "Il sera à main levée" in flat_text(app)
        await pilot.press("v")
        await settle(pilot)
        screen.sync_round()
        screen.reload()
        await settle(pilot)
        check = fairness.load(project, item).check
        assert not check.secret and len(check.ratings) == 4
        assert all(row[1] == "●●○○○ 2/5" for row in _rows(screen))
        await pilot.press("4")
        await settle(pilot)
        assert all(row[3] == "⚠ ●●○○○ 2/5" for row in _rows(screen))


async def test_brought_gains_adjustments_and_a_proposal(coop_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=coop_path, clock=_clock("2027-01-10"))
    async with app.run_test(size=(80, 24)) as pilot:
        project = app.project
        structures, first, item, _ = _ids(project)
        foyer = structures["Foyer Bellevue"]
        screen = await _open(app, pilot, first, item)
        # Step 1: what the foyer brings; an amount that is not one keeps the form open with the reason.
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormModal)
        form.query_one("#kind", Select).value = "money"
        form.query_one("#structure", Select).value = foyer
        form.query_one("#amount", Input).value = "douze mille"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and "n'est pas un montant" in str(form.query_one("#form-error", Static).render())
        form.query_one("#amount", Input).value = "12 000"
        form.query_one("#text", Input).value = TRICKY
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert _rows(screen) == [["Foyer Bellevue", "Argent", f"12\u202f000 € {TRICKY}"]]
        # Step 2: what it gains.
        await pilot.press("2", "a")
        await settle(pilot)
        app.screen.query_one("#structure", Select).value = foyer
        app.screen.query_one("#line", Input).value = "Des sorties pour les résidents"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert fairness.load(project, item).benefits[0].text == "Des sorties pour les résidents"
        # It says the balance feels unfair; step 4 flags it; an adjustment is agreed and proposed.
        fairness.declare(project, item, foyer, 1)
        await pilot.press("4")
        await settle(pilot)
        names = [row[0] for row in _rows(screen)]
        row = _rows(screen)[names.index("Foyer Bellevue")]
        assert row[1].startswith("■") and row[3] == "⚠ ●○○○○ 1/5"
        screen.query_one("#table", DataTable).move_cursor(row=names.index("Foyer Bellevue"))
        await pilot.press("a")
        await settle(pilot)
        assert app.screen.query_one("#structure", Select).value == foyer  # the highlighted structure
        app.screen.query_one("#line", Input).value = "Défrayer le foyer au kilomètre"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, ProposalModal) and modal.query_one("#text", Input).value == "Défrayer le foyer au kilomètre"
        await pilot.press("ctrl+s")
        await settle(pilot)
        (made,) = proposals(project)
        assert (made.structure_id, made.source) == (foyer, "fairness")
        assert fairness.load(project, item).adjustments[0].proposal_id == made.id
        assert f"(proposition n° {made.id})" in flat_text(app)


async def test_the_history_step_at_80x24(coop_path: Path, library: ProjectLibrary) -> None:
    with Project.open(coop_path) as project:
        structures, first, item, later = _ids(project)
        for item_id, values in ((item, (4, 2, 3)), (later, (4, 3, 2))):
            started = fairness.start_felt_round(project, item_id, secret=False)
            by_name = dict(zip(("Les Ateliers du Canal", "Foyer Bellevue", TRICKY), values, strict=True))
            for voter in started.voters:
                name = project.structure(voter).name
                cast(project, started.id, voter, by_name.get(name, 5))
            fairness.record_felt_round(project, item_id, now=1.0)
        second = project.workshops()[1].id
    app = AtelierApp(library=library, project_path=coop_path, clock=_clock("2027-03-10"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot, second, later)
        await pilot.press("5")
        await settle(pilot)
        rows = {row[0]: row[1:] for row in _rows(screen)}
        assert rows["Foyer Bellevue"] == ["⚠ 2/5", "3/5"]
        assert rows[TRICKY] == ["3/5", "⚠ 2/5"]
        assert "10/01/2027" in screen_text(app) and "10/03/2027" in screen_text(app)


@pytest.mark.parametrize("step", [s.value for s in fairness.STEPS])
async def test_every_step_survives_small_and_large_terminals(demo_path: Path, library: ProjectLibrary, step: str) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=_clock("2026-12-07"))
    async with app.run_test(size=(200, 50)) as pilot:
        done = app.project.workshops()[0]
        item = next(i for i in app.project.agenda(done.id) if i.kind == "fairness")
        screen = await _open(app, pilot, done.id, item.id)
        screen.action_goto(step)
        await settle(pilot)
        for size in ((80, 24), (40, 12), (10, 5), (250, 70)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert app.screen is screen
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        lines = screen_text(app).splitlines()
        assert len(lines) == 24 and "Retour" in lines[-1] + lines[-2]


async def test_every_step_speaks_english_with_no_key_left_untranslated(demo_path: Path, library: ProjectLibrary) -> None:
    from workshop.i18n import set_language

    set_language("en")
    app = AtelierApp(library=library, project_path=demo_path, clock=_clock("2026-12-07"))
    async with app.run_test(size=(120, 40)) as pilot:
        done = app.project.workshops()[0]
        item = next(i for i in app.project.agenda(done.id) if i.kind == "fairness")
        screen = await _open(app, pilot, done.id, item.id)
        seen = []
        for step in fairness.STEPS:
            screen.action_goto(step.value)
            await settle(pilot)
            text = screen_text(app)
            assert "fairness." not in text and "means." not in text, step
            seen.append(text)
        assert any("Round (secret): 4 structure(s) of 5 answered." in " ".join(s.split()) for s in seen)


async def test_a_round_finished_while_away_is_recorded_not_run_again(coop_path: Path, library: ProjectLibrary) -> None:
    with Project.open(coop_path) as project:
        _, first, item, _ = _ids(project)
        started = fairness.start_felt_round(project, item)
        for voter in started.voters:
            cast(project, started.id, voter, 4)
    app = AtelierApp(library=library, project_path=coop_path, clock=_clock("2027-01-10"))
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot, first, item)
        check = fairness.load(app.project, item).check
        assert check.recorded and check.round_id == started.id and check.counts["4"] == 4
        await pilot.press("3")
        await settle(pilot)
        assert "4 structure(s) sur 4 ont répondu" in flat_text(app)


async def test_v_on_a_round_already_finished_records_it_rather_than_starting_another(coop_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=coop_path, clock=_clock("2027-01-10"))
    async with app.run_test(size=(80, 24)) as pilot:
        project = app.project
        _, first, item, _ = _ids(project)
        screen = await _open(app, pilot, first, item)
        await pilot.press("3")
        await settle(pilot)
        # The round was played to its end elsewhere (another screen, before a restart).
        started = fairness.start_felt_round(project, item)
        for voter in started.voters:
            cast(project, started.id, voter, 3)
        screen.reload()
        await pilot.press("v")
        await settle(pilot)
        assert app.screen is screen
        check = fairness.load(project, item).check
        assert check.round_id == started.id and check.recorded and check.counts["3"] == 4
