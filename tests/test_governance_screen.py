"""Governance on the shared screen: bodies, leader, and the consent loop, driven with the keyboard."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Select, SelectionList, Static

from exercises import governance
from exercises.governance import Status
from screens.app import AtelierApp
from screens.exercises.governance import GovernanceScreen
from screens.modals.body import BodyModal, LeaderModal, TeamModal
from screens.modals.prompt import PromptModal
from screens.registry import exercise_screen
from screens.round import RoundScreen
from tests.screen_text import column, screen_text, settle
from workshop.library import ProjectLibrary
from workshop.rounds import cast, get_round


def _item(app: AtelierApp, workshop_index: int) -> tuple[int, int]:
    workshop = app.project.workshops()[workshop_index]
    item = next(i for i in app.project.agenda(workshop.id) if i.kind == "governance")
    return workshop.id, item.id


async def _back_from_round(app: AtelierApp, pilot) -> None:
    assert isinstance(app.screen, RoundScreen)
    await pilot.press("f9")
    await settle(pilot)
    assert isinstance(app.screen, GovernanceScreen)


def _rules(app: AtelierApp) -> str:
    return str(app.screen.query_one("#rules", Static).render())


async def test_registered_for_the_cockpit() -> None:
    assert exercise_screen("governance") is GovernanceScreen


async def test_a_body_written_objected_reworked_then_adopted(demo_path: Path, library: ProjectLibrary, clock) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        project = app.project
        workshop_id, item_id = _item(app, 1)
        app.push_screen(GovernanceScreen(project, workshop_id, item_id))
        await settle(pilot)
        screen = app.screen
        assert "Aucune instance" in screen_text(app)
        # A new body: a majority with a threshold nobody can read is refused in the form.
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, BodyModal)
        form.query_one("#name", Input).value = "Comité [de] pilotage"
        form.query_one("#rule", Select).value = "majority"
        form.query_one("#majority", Input).value = "un tiers"
        form.query_one("#structures", SelectionList).select_all()
        form.query_one("#frequency", Input).value = "tous les mois"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and "Seuil de majorité non compris" in str(form.query_one("#form-error", Static).render())
        form.query_one("#majority", Input).value = "2/3"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        body = governance.load(project, item_id).bodies[0]
        assert body.name == "Comité [de] pilotage" and body.majority == "2/3" and len(body.structures) == len(project.structures())
        assert column(screen.query_one(DataTable), 0) == ["Comité [de] pilotage"]
        assert "À préciser : rôle, quorum, convocation, saisine" in " ".join(_rules(app).split())
        # Consent: an objection sends the rules back to writing.
        await pilot.press("c")
        await settle(pilot)
        state = governance.load(project, item_id)
        attempt = state.bodies[0].consents[-1]
        consent = get_round(project, attempt.round_id)
        for number, voter in enumerate(consent.voters):
            cast(project, consent.id, voter, "objection" if number == 0 else "agree", "Pas de [quorum]" if number == 0 else "")
        await _back_from_round(app, pilot)
        body = governance.load(project, item_id).bodies[0]
        assert body.status == Status.DRAFT and body.consents[-1].objections == ["Pas de [quorum]"]
        assert "Pas de [quorum]" in _rules(app) and "✗ objection" in column(screen.query_one(DataTable), 4)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, PromptModal)
        await pilot.press(*"Quorum ajouté", "enter")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#quorum", Input).value = "la moitié des structures"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        consent = get_round(project, governance.load(project, item_id).bodies[0].consents[-1].round_id)
        for voter in consent.voters:
            cast(project, consent.id, voter, "agree")
        await _back_from_round(app, pilot)
        body = governance.load(project, item_id).bodies[0]
        assert body.adopted and "Quorum : la moitié des structures" in body.adopted_rules
        assert body.consents[0].handling == "Quorum ajouté"
        assert "Règles adoptées par consentement (tour 2)" in " ".join(_rules(app).split())
        # Adopted: Enter explains instead of editing, and the key bar no longer offers C.
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert not screen.check_action("consent", ()) and screen.check_action("reopen", ())
        await pilot.press("o")
        await settle(pilot)
        assert governance.load(project, item_id).bodies[0].status == Status.DRAFT


async def test_leader_team_and_typical_bodies(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        project = app.project
        workshop_id, item_id = _item(app, 1)
        app.push_screen(GovernanceScreen(project, workshop_id, item_id))
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert len(governance.load(project, item_id).bodies) == 4
        # The leader form opens on the promoter.
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LeaderModal)
        assert app.screen.query_one("#structure", Select).value == project.promoter_id
        app.screen.query_one("#means", Input).value = "un jour par semaine"
        await pilot.press("ctrl+s")
        await settle(pilot)
        state = governance.load(project, item_id)
        assert state.leader_structure == project.promoter_id and state.leader_means == "un jour par semaine"
        assert "Leader : Les Jardins de Montreuil" in screen_text(app)
        # A team of one is refused in the form, which stays open.
        await pilot.press("g")
        await settle(pilot)
        team = app.screen
        assert isinstance(team, TeamModal)
        team.query_one("#chosen").value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is team and "au moins deux structures" in str(team.query_one("#form-error", Static).render())
        team.query_one("#team", SelectionList).select_all()
        team.query_one("#rotation", Input).value = "tous les six mois"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert governance.load(project, item_id).team_chosen
        assert "Équipe tournante" in screen_text(app)


async def test_resumes_a_round_ended_during_a_crash_and_survives_sizes(demo_path: Path, library: ProjectLibrary) -> None:
    from exercises import governance_consent
    from workshop.project import Project

    with Project.open(demo_path) as project:
        workshop = project.workshops()[0]
        item_id = next(i.id for i in project.agenda(workshop.id) if i.kind == "governance")
        assembly = next(b for b in governance.load(project, item_id).bodies if not b.adopted)
        started = governance_consent.start_consent(project, item_id, assembly.id)
        for voter in started.voters:
            cast(project, started.id, voter, "agree")
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(GovernanceScreen(app.project, workshop.id, item_id))
        await settle(pilot)
        assert governance.load(app.project, item_id).body(assembly.id).adopted
        for size in ((10, 5), (40, 12), (200, 50), (80, 24)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
        assert isinstance(app.screen, GovernanceScreen)
        await pilot.press("f1")
        await settle(pilot)
        assert app.screen.markdown.startswith("# Gouvernance")


async def test_p_takes_up_the_previous_workshop(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        workshop_id, item_id = _item(app, 1)
        app.push_screen(GovernanceScreen(app.project, workshop_id, item_id))
        await settle(pilot)
        screen = app.screen
        assert screen.check_action("carry", ())
        await pilot.press("p")
        await settle(pilot)
        assert column(screen.query_one(DataTable), 0) == ["Comité de pilotage", "Groupe projet", "Assemblée des membres"]
        assert column(screen.query_one(DataTable), 4)[0] == "✓ adoptées"
        assert "Règles adoptées lors de l'atelier « Atelier 1 — Poser les fondations »" in " ".join(_rules(app).split())
        assert not screen.check_action("carry", ())
