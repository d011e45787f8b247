"""The roadmap on the shared screen (Pilot): the nine steps walked from the keyboard, forms
that stay open on refused input, the link to the tracker, literal text, every size."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select, Static

from exercises import matrix, roadmap, roadmap_follow
from exercises.fills.rounds import contribute_all
from screens.app import AtelierApp
from screens.cockpit import CockpitScreen
from screens.exercises.roadmap import RoadmapScreen
from screens.modals.form import FormModal
from screens.modals.help import HelpModal
from screens.modals.pick_one import PickOneModal
from screens.widgets.check_list import CheckList
from tests.roadmap_project import TRICKY, Cooperation, adopt_supra, build
from tests.screen_text import flat_text, screen_text, settle, table_rows
from workshop.clock import FakeClock
from workshop.library import ProjectLibrary
from workshop.proposals import decide, proposal, record_proposal


def _clock(day: str) -> FakeClock:
    return FakeClock(datetime.datetime.fromisoformat(day + "T10:00:00").timestamp())


@pytest.fixture
def coop_path(tmp_path: Path) -> Path:
    coop = build(tmp_path / "coop.atelier")
    adopt_supra(coop.project, coop.supra_item, "Un lieu de lien dans chaque commune")
    made = record_proposal(coop.project, "Un minibus partagé", coop.b, workshop_id=coop.first)
    decide(coop.project, made.id, "retained", on="2027-01-10")
    coop.project.close()
    return coop.project.path


def _ids(path: Path) -> Cooperation:
    """The cooperation's ids, read again (the file was built then closed)."""
    from workshop.project import Project

    with Project.open(path) as project:
        structures = {s.name: s.id for s in project.structures()}
        people = {p.name.split()[0]: p.id for p in project.participants()}
        first, second = (w.id for w in project.workshops())
        items = {i.title: i.id for w in (first, second) for i in project.agenda(w)}
    return Cooperation(
        project,  # closed: only the ids are used
        structures["Les Ateliers du Canal"],
        structures["Foyer Bellevue"],
        structures[TRICKY],
        structures["Conseil départemental"],
        people,
        first,
        second,
        items["Objectif supra"],
        items["Attraits, peurs, tentations"],
        items["Qui fait quoi"],
        items["Feuille de route"],
        items["Équilibre ressenti"],
        items["Feuille de route, suite"],
        items["Équilibre ressenti, suite"],
    )


@pytest.fixture
def room(monkeypatch: pytest.MonkeyPatch) -> dict[int, list[str]]:
    """The stakes each structure types when the round screen would hand the keyboard around."""
    texts: dict[int, list[str]] = {}

    def play(screen: RoadmapScreen, round_id: int, done) -> None:
        contribute_all(screen.project, round_id, lambda voter: texts.get(voter, []))
        done(None)

    monkeypatch.setattr(RoadmapScreen, "run_round", play)
    return texts


async def _open(app: AtelierApp, pilot, workshop_id: int, item_id: int) -> RoadmapScreen:
    await pilot.pause()
    app.push_screen(RoadmapScreen(app.project, workshop_id, item_id))
    await settle(pilot)
    assert isinstance(app.screen, RoadmapScreen)
    return app.screen


async def _save_form(pilot, values: dict[str, str] | None = None) -> None:
    form = pilot.app.screen
    assert isinstance(form, FormModal)
    for selector, value in (values or {}).items():
        form.query_one(selector, Input).value = value
    await pilot.press("ctrl+s")
    await settle(pilot)


def _table(screen: RoadmapScreen) -> list[list[str]]:
    return table_rows(screen.query_one("#table", DataTable))


async def test_the_nine_steps_from_the_keyboard(coop_path: Path, library: ProjectLibrary, room: dict[int, list[str]]) -> None:
    ids = _ids(coop_path)
    room.update({ids.a: ["Rompre l'isolement des habitants"], ids.b: ["L'isolement des résidents", TRICKY]})
    app = AtelierApp(library=library, project_path=coop_path, clock=_clock("2027-01-10"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot, ids.first, ids.roadmap_1)
        project = app.project
        assert screen.step == "stakes"
        # Step 1: the round, one turn per structure; the stakes come back literally.
        await pilot.press("r")
        await settle(pilot)
        assert sorted(row[1] for row in _table(screen)) == sorted(["Rompre l'isolement des habitants", "L'isolement des résidents", TRICKY])
        assert TRICKY in screen_text(app)
        # A stake typed for an absent structure: an empty text is refused, the form stays open and says why.
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        form.query_one("#structure", Select).value = ids.c
        await _save_form(pilot, {"#line": "   "})
        assert app.screen is form and "Écrivez d'abord le texte" in str(form.query_one("#form-error", Static).render())
        await _save_form(pilot, {"#line": "Mutualiser nos locaux"})
        assert app.screen is screen and len(roadmap.load(project, ids.roadmap_1).stakes) == 4
        # Step 2: the recurring word is named; two stakes marked and pooled into a shared stake.
        await pilot.press("2")
        await settle(pilot)
        assert screen.step == "shared" and "isolement (2)" in flat_text(app)
        assert TRICKY in [row[2] for row in _table(screen)]  # highlighted words, the text still literal
        await pilot.press("space", "down", "space", "m")
        await settle(pilot)
        await _save_form(pilot, {"#line": "Rompre l'isolement, ensemble"})
        state = roadmap.load(project, ids.roadmap_1)
        (shared,) = state.shared
        assert shared.text == "Rompre l'isolement, ensemble" and len(shared.stake_ids) == 2
        assert "E1" in [row[3] for row in _table(screen)]
        # Step 3: an objective ticked to the shared stake, serving the supra objective.
        await pilot.press("3")
        await settle(pilot)
        assert "Un lieu de lien dans chaque commune" in flat_text(app)
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one("#text", Input).value = "Des lieux de lien"
        checks = app.screen.query_one("#links", CheckList)
        checks.focus()
        await pilot.press("space")
        await _save_form(pilot)
        (objective,) = roadmap.load(project, ids.roadmap_1).objectives
        assert objective.shared_ids == [shared.id]
        # Step 4: an operational objective under it.
        await pilot.press("4", "a")
        await settle(pilot)
        await _save_form(pilot, {"#text": "Un lieu partagé d'ici l'été"})
        (operational,) = roadmap.load(project, ids.roadmap_1).operational
        assert operational.objective_id == objective.id
        # Step 5: a new action, a retained proposal (one item), a pilot subject, a matrix row.
        await pilot.press("5", "a")
        await settle(pilot)
        await _save_form(pilot, {"#text": "Former les bénévoles"})
        await pilot.press("p")
        await settle(pilot)
        app.screen.query_one("#proposal", Select).value = 1
        await _save_form(pilot)
        actions = roadmap.load(project, ids.roadmap_1).actions
        assert [(a.text, a.proposal_id) for a in actions] == [("Former les bénévoles", 0), ("Un minibus partagé", 1)]
        table = screen.query_one("#table", DataTable)
        table.move_cursor(row=1)
        await pilot.press("asterisk")
        await settle(pilot)
        assert _table(screen)[0][0] == "★ Un minibus partagé"  # the pilot subject first
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, PickOneModal)
        await pilot.press("enter")  # the first choice: add it to this workshop's matrix
        await settle(pilot)
        carried = roadmap.load(project, ids.roadmap_1).action(actions[1].id)
        assert matrix.load(project, ids.matrix_item).action(carried.matrix_action_id).source_id == 1
        # Step 6: the skills of the highlighted action.
        await pilot.press("6", "enter")
        await settle(pilot)
        await _save_form(pilot, {"#line": "Conduite de minibus"})
        assert roadmap.load(project, ids.roadmap_1).action(actions[1].id).skills == "Conduite de minibus"
        # Step 7: a resource; an amount that is not one is refused in the form.
        await pilot.press("7", "a")
        await settle(pilot)
        form = app.screen
        form.query_one("#kind", Select).value = "money"
        form.query_one("#structure", Select).value = ids.a
        await _save_form(pilot, {"#amount": "beaucoup", "#text": "carburant"})
        assert app.screen is form and "n'est pas un montant" in str(form.query_one("#form-error", Static).render())
        await _save_form(pilot, {"#amount": "1 200 €"})
        resource = roadmap.load(project, ids.roadmap_1).action(actions[1].id).resources[0]
        assert (resource.kind, resource.structure_id, resource.amount, resource.text) == ("money", ids.a, 1200.0, "carburant")
        # The means the matrix noted on the action's row are taken up with I.
        matrix.set_role(project, ids.matrix_item, carried.matrix_action_id, ids.b, "pilot")
        matrix.set_means(project, ids.matrix_item, carried.matrix_action_id, ids.b, ["staff_time"])
        await pilot.press("i")
        await settle(pilot)
        taken = roadmap.load(project, ids.roadmap_1).action(actions[1].id).resources
        assert [(m.kind, m.structure_id) for m in taken] == [("money", ids.a), ("staff_time", ids.b)]
        # Step 8: the external actor ticked, and a new one.
        await pilot.press("8", "enter")
        await settle(pilot)
        await pilot.press("space")
        await _save_form(pilot, {"#new": "CAF de l'Essonne"})
        partners = roadmap.load(project, ids.roadmap_1).action(actions[1].id).partner_ids
        assert partners[0] == ids.external and project.structure(partners[1]).name == "CAF de l'Essonne"
        # Step 9: the calendar and the state of the proposal's action go to the tracker too.
        await pilot.press("9", "enter")
        await settle(pilot)
        form = app.screen
        await _save_form(pilot, {"#start": "03/2027", "#end": "02/2027"})
        assert app.screen is form and "avant le début" in str(form.query_one("#form-error", Static).render())
        form.query_one("#status", Select).value = "in_progress"
        await _save_form(pilot, {"#end": "06/2027"})
        carried_proposal = proposal(project, 1)
        assert (carried_proposal.due, carried_proposal.status) == ("2027-06-30", "in_progress")
        assert _table(screen)[0][1:3] == ["03/2027", "06/2027"]
        # Milestones, then the timeline.
        await pilot.press("j", "a")
        await settle(pilot)
        await _save_form(pilot, {"#text": "Inauguration", "#date": "15/06/2027"})
        await pilot.press("g")
        await settle(pilot)
        text = screen_text(app)
        assert "★ Un minibus part" in text and "◆ Inauguration" in text and "mar " in text
        # F1 shows the guide.
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpModal)


async def test_the_roadmap_opens_from_the_cockpit(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=_clock("2026-12-07"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        planned = app.project.workshops()[-1]
        item = next(i for i in app.project.agenda(planned.id) if i.kind == "roadmap")
        cockpit = CockpitScreen(app.project, planned.id)
        await app.push_screen(cockpit)
        await settle(pilot)
        cockpit.live.go_to(item.id)
        cockpit.refresh_all()
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RoadmapScreen) and screen.item_id == item.id
        # The demo's plan carried over from October, opened on the timeline with the late actions flagged.
        assert screen.step == "timeline" and "⚠" in screen_text(app)
        late = [a.text for a, _ in roadmap_follow.late(app.project, screen.state, "2026-12-07")]
        assert "Créer un annuaire partagé des professionnels du territoire" in late


@pytest.mark.parametrize("step", [s.value for s in roadmap.STEPS])
async def test_every_step_survives_small_and_large_terminals(demo_path: Path, library: ProjectLibrary, step: str) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=_clock("2026-12-07"))
    async with app.run_test(size=(200, 50)) as pilot:
        done = app.project.workshops()[0]
        item = next(i for i in app.project.agenda(done.id) if i.kind == "roadmap")
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
        item = next(i for i in app.project.agenda(done.id) if i.kind == "roadmap")
        screen = await _open(app, pilot, done.id, item.id)
        seen = []
        for step in roadmap.STEPS:
            screen.action_goto(step.value)
            await settle(pilot)
            text = screen_text(app)
            assert "roadmap." not in text and "means." not in text and "periods." not in text, step
            seen.append(text)
        assert "Step 1: each structure writes its own stakes" in " ".join(seen[0].split())
        assert any("Jan " in s and "Dec " in s for s in seen)  # the timeline's months, in English


async def test_a_stakes_round_finished_while_away_is_collected_when_the_screen_opens(coop_path: Path, library: ProjectLibrary) -> None:
    from workshop.project import Project

    ids = _ids(coop_path)
    with Project.open(coop_path) as project:
        started = roadmap.start_stakes_round(project, ids.roadmap_1)
        contribute_all(project, started.id, lambda voter: ["Un enjeu écrit avant la coupure"] if voter == ids.a else [])
    app = AtelierApp(library=library, project_path=coop_path, clock=_clock("2027-01-10"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot, ids.first, ids.roadmap_1)
        assert [row[1] for row in _table(screen)] == ["Un enjeu écrit avant la coupure"]


async def test_the_cockpit_says_at_once_which_roadmap_actions_are_late(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=_clock("2026-12-07"))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        app.clear_notifications()
        planned = app.project.workshops()[1]  # December's, after the October roadmap
        await app.push_screen(CockpitScreen(app.project, planned.id))
        await settle(pilot)
        # Said in the facilitator's panel, where it stays; not a toast over the countdown.
        notices = " ".join(str(app.screen.query_one("#notices", Static).render()).split())
        assert "⚠ Feuille de route : 1 action(s) en retard, à revoir à l'étape « Notre feuille de route »." in notices
        assert not app._notifications
        # Without a roadmap item on the agenda, the notice says how to review them.
        item = next(i for i in app.project.agenda(planned.id) if i.kind == "roadmap")
        app.project.remove_agenda_item(item.id)
        await app.push_screen(CockpitScreen(app.project, planned.id))
        await settle(pilot)
        notices = " ".join(str(app.screen.query_one("#notices", Static).render()).split())
        assert "⚠ Feuille de route : 1 action(s) en retard ; ajoutez « Feuille de route » au déroulé" in notices
