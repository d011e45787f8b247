"""The supra objective run end to end on the shared screen, on the demo project."""

from __future__ import annotations

from pathlib import Path

from textual.screen import Screen
from textual.widgets import OptionList, Static

from exercises import supra
from exercises.supra import Criterion, Step
from screens.app import AtelierApp
from screens.exercises.supra import SupraScreen
from screens.exercises.supra_versions import VersionsModal
from screens.modals.confirm import ConfirmModal
from screens.registry import exercise_screen
from screens.round import RoundScreen
from workshop.library import ProjectLibrary
from workshop.proposals import proposals
from workshop.rounds import cast, contribute, finish_turn, get_round


def _item(app: AtelierApp, workshop_index: int) -> tuple[int, int]:
    workshop = app.project.workshops()[workshop_index]
    item = next(i for i in app.project.agenda(workshop.id) if i.kind == "supra")
    return workshop.id, item.id


async def _back_from_round(app: AtelierApp, pilot) -> None:
    """The round was played (driven through the engine here); the facilitator leaves its screen."""
    assert isinstance(app.screen, RoundScreen)
    await pilot.press("f9")
    await pilot.pause()
    assert isinstance(app.screen, SupraScreen)


def _text(screen: Screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_registered_for_the_cockpit() -> None:
    assert exercise_screen("supra") is SupraScreen


async def test_supra_end_to_end(demo_path: Path, library: ProjectLibrary, clock) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        project = app.project
        workshop_id, item_id = _item(app, 1)  # the planned workshop: nothing done yet
        app.push_screen(SupraScreen(project, workshop_id, item_id))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SupraScreen) and screen.view == "drafts"
        # Per structure, then start the hidden drafts round.
        await pilot.press("u", "enter")
        await pilot.pause()
        state = supra.load(project, item_id)
        assert state.by_structure and state.drafts_round_id
        started = get_round(project, state.drafts_round_id)
        texts = ["Rompre l'isolement des [b]familles[/b]", "Les familles et l'isolement", "Un guichet commun 🙂"]
        # Three structures draft; the round still waits for the others' turns (below).
        for voter, text in zip(started.voters, texts, strict=False):
            contribute(project, started.id, voter, text)
            finish_turn(project, started.id, voter)
        await _back_from_round(app, pilot)
        assert "3 brouillon(s)" in _text(screen, "#drafts-status")
        # The round still waits for its last turns: crossing asks first.
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.view == "drafts" and get_round(project, started.id).is_open
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        # Crossing: the recurring words are highlighted with styles, the text stays literal.
        assert screen.view == "crossing" and supra.load(project, item_id).step == Step.CROSSING
        words = _text(screen, "#words")
        assert "familles ×2" in words and "isolement ×2" in words
        options = screen.query_one("#draft-list", OptionList)
        first = options.get_option_at_index(0).prompt
        assert "[b]familles[/b]" in first.plain
        assert any("reverse" in str(span.style) for span in first.spans)
        # A concrete action in a draft becomes its structure's action proposal.
        await pilot.press("!")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        made = [p for p in proposals(project) if p.item_id == item_id]
        assert len(made) == 1 and made[0].source == "supra" and made[0].text == supra.drafts(project, item_id)[0].text
        assert made[0].structure_id == supra.drafts(project, item_id)[0].structure_id
        # Enter on a draft starts the sentence from it.
        await pilot.press("enter")
        await pilot.pause()
        assert screen.view == "sentence"
        assert supra.load(project, item_id).sentence == supra.drafts(project, item_id)[0].text
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"D'ici 2028, rompre ensemble l'isolement des familles", "enter")
        await pilot.pause()
        state = supra.load(project, item_id)
        assert len(state.versions) == 2 and state.sentence.startswith("D'ici 2028")
        # History: bring back version 1.
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, VersionsModal)
        await pilot.press("down", "enter")
        await pilot.pause()
        state = supra.load(project, item_id)
        assert len(state.versions) == 3 and state.versions[-1].restored_from == 0
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("enter")  # the newest is first: restoring it changes nothing
        await pilot.pause()
        await pilot.press("h", "down", "enter")
        await pilot.pause()
        assert supra.load(project, item_id).sentence.startswith("D'ici 2028")
        # Indicators, deadline, judged criteria.
        await pilot.press("i")
        await pilot.pause()
        await pilot.press(*"Familles accompagnées", "enter")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press(*"12/2028", "enter")
        await pilot.pause()
        await pilot.press("p", "r")
        await pilot.pause()
        checks = {c.criterion: c.met for c in supra.criteria(supra.load(project, item_id))}
        assert checks[Criterion.MEASURABLE] and checks[Criterion.TIMEBOUND]
        assert checks[Criterion.PRECISE] and checks[Criterion.REALISTIC] and checks[Criterion.APPROVED] is None
        assert "12/2028" in _text(screen, "#sentence-data")
        # Consent: an objection sends the sentence back.
        await pilot.press("c")
        await pilot.pause()
        state = supra.load(project, item_id)
        assert state.step == Step.CONSENT
        consent = get_round(project, state.consents[-1].round_id)
        for n, voter in enumerate(consent.voters):
            cast(project, consent.id, voter, "objection" if n == 0 else "agree", "Trop [vague]" if n == 0 else "")
        await _back_from_round(app, pilot)
        state = supra.load(project, item_id)
        assert state.step == Step.SENTENCE and state.consents[-1].objections == ["Trop [vague]"]
        assert "Trop [vague]" in _text(screen, "#consent-history")
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*"Périmètre resserré", "enter")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("end", *" dans nos communes", "enter")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        state = supra.load(project, item_id)
        consent = get_round(project, state.consents[-1].round_id)
        for voter in consent.voters:
            cast(project, consent.id, voter, "agree")
        await _back_from_round(app, pilot)
        state = supra.load(project, item_id)
        assert state.adopted and state.sentence.endswith("dans nos communes")
        assert state.consents[0].handling == "Périmètre resserré"
        assert "adoptée" in _text(screen, "#consent-history")
        # Adopted: writing is refused with a message, not a crash.
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"autre", "enter")
        await pilot.pause()
        assert supra.load(project, item_id).sentence.endswith("dans nos communes")


async def test_resumes_at_the_saved_step_and_survives_small_sizes(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        workshop_id, item_id = _item(app, 0)  # the demo's run workshop: adopted
        app.push_screen(SupraScreen(app.project, workshop_id, item_id))
        await pilot.pause()
        screen = app.screen
        assert screen.view == "sentence"
        assert "communes où nous agissons" in _text(screen, "#sentence-text")
        for size in ((10, 5), (30, 10), (200, 60)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert screen.view == "crossing"
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen.markdown.startswith("# Objectif supra")


async def test_after_a_crash_the_screen_resumes_at_the_saved_step(demo_path: Path, library: ProjectLibrary) -> None:
    from workshop.project import Project

    # Before the "crash": drafts crossed, a sentence put to consent, every ballot cast.
    with Project.open(demo_path) as project:
        workshop = project.workshops()[1]
        item_id = next(i.id for i in project.agenda(workshop.id) if i.kind == "supra")
        started = supra.start_drafts(project, item_id)
        contribute(project, started.id, started.voters[0], "Un territoire solidaire")
        finish_turn(project, started.id, started.voters[0])
        supra.go_to_step(project, item_id, Step.CROSSING)
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(SupraScreen(app.project, workshop.id, item_id))
        await pilot.pause()
        assert app.screen.view == "crossing"
        supra.write_sentence(app.project, item_id, "Un territoire solidaire d'ici 2028", now=1.0)
        consent = supra.start_consent(app.project, item_id, now=2.0)
        for voter in consent.voters:
            cast(app.project, consent.id, voter, "agree")
    app = AtelierApp(library=library, project_path=demo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(SupraScreen(app.project, workshop.id, item_id))
        await pilot.pause()
        assert app.screen.view == "sentence"
        assert supra.load(app.project, item_id).adopted  # the finished round was recorded on opening


async def test_adoption_awaits_an_absent_structure_then_its_later_agreement(demo_path: Path, library: ProjectLibrary, clock) -> None:
    from screens.modals.pick_one import PickOneModal
    from screens.modals.prompt import PromptModal
    from workshop.model import Attendance
    from workshop.project import Project

    with Project.open(demo_path) as project:
        workshop = project.workshops()[1]
        julien = next(p for p in project.participants() if p.name == "Julien Roux")  # the only one of his structure
        project.set_attendance(workshop.id, julien.id, Attendance.ABSENT)
        item_id = next(i for i in project.agenda(workshop.id) if i.kind == "supra").id
        supra.write_sentence(project, item_id, "D'ici 2028, un guichet commun", now=1.0)
        started = supra.start_consent(project, item_id, now=2.0)
        for voter in get_round(project, started.id).voters:
            cast(project, started.id, voter, "agree")
        absent = project.structure(julien.structure_id).name
    app = AtelierApp(library=library, project_path=demo_path, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(SupraScreen(app.project, workshop.id, item_id))
        await pilot.pause()
        screen = app.screen
        box = screen.query_one("#sentence-text", Static)
        assert supra.load(app.project, item_id).adopted
        assert box.border_subtitle == f"Adopté par les présents, en attente de : {absent}"
        assert box.has_class("awaiting") and not box.has_class("adopted")
        assert f"{absent} (attendue)" in _text(screen, "#consent-history")
        assert "☐ à voir Approuvé par toutes les parties" in _text(screen, "#criteria")
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, PickOneModal)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)
        await pilot.press("ctrl+a", "ctrl+k", *"20/12/2026", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert box.border_subtitle == "Adopté par toutes les structures membres"
        assert box.has_class("adopted")
        assert f"{absent} (accord confirmé le 20/12/2026)" in _text(screen, "#consent-history")
        assert "☑ oui Approuvé par toutes les parties" in _text(screen, "#criteria")
