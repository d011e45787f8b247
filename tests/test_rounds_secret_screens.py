"""Secret rounds on the shared screen (#14) and rounds when the disk says no (#13), with Pilot.

- The screen scan: the same shape of keys on different options (blank, over the
  cap, over the budget, no such key included) must leave every rendered screen
  identical, styles and all; an open round, for contrast, must not.
- 80×24 with 35 options: the voter's name, the counter and the keys stay on screen.
- Room time: a 12-person secret dot vote from the values exercise costs each
  voter two keys beyond their points and the facilitator three.
- A full disk: a contribution and a ballot are counted once whatever is pressed,
  the screen says they wait for the disk, and the round moves on by itself once
  the app's retry has saved them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from exercises import values
from screens.app import AtelierApp
from screens.exercises.values import ValuesScreen
from screens.modals.confirm import ConfirmModal
from screens.round import RoundScreen
from screens.round.ballot import BallotTurn
from screens.round.contribution import ContributionTurn
from screens.round.handoff import HandOff
from screens.round.results import ResultsView
from screens.round.save_pending import SavePending
from screens.round.setup import RoundSetupModal
from tests.disk import fill_disk, on_disk
from tests.screen_text import flat_text, screen_text, settle
from workshop.i18n import t
from workshop.library import ProjectLibrary
from workshop.project import Project
from workshop.rounds import RoundMode, RoundSpec, get_round, results, rounds_of, start_round


def build(path: Path, people: int = 4) -> tuple[int, int]:
    with Project.create(path, "Coopération") as project:
        structures = [project.add_structure(name) for name in ("Alpha", "Bêta", "Gamma")]
        for n in range(people):
            project.add_participant(f"Personne {n + 1:02d}", structures[n % 3].id)
        workshop = project.add_workshop("Atelier")
        item = project.add_agenda_item(workshop.id, "free", "Point")
        return workshop.id, item.id


def new_round(path: Path, spec: RoundSpec) -> int:
    with Project.open(path) as project:
        workshop = project.workshops()[0]
        return start_round(project, workshop.id, project.agenda(workshop.id)[0].id, spec).id


def styled_screen(app: AtelierApp) -> tuple:
    """Every cell of the screen with its style: what the room sees, colours included."""
    return tuple(
        tuple((segment.text, str(segment.style)) for segment in strip)
        for strip in app.screen._compositor.render_strips()
    )


# The screen scan -------------------------------------------------------------------------------
# Letters stand for options, different in each plan; other keys are pressed as they are.
SCANS = {
    "dot": (
        RoundSpec("Priorités ?", RoundMode.DOT, options=list("VWXYZ"), secret=True, budget=4, cap=2),
        # n is a key that adds nothing, for a different reason in each plan: over the cap
        # (x again) or the budget, no such option (q), no blank vote in a dot vote (0).
        # Two points on x, n, one on y taken back, n, the budget spent, n, all cleared,
        # one point, Enter with points left (asked again), Enter.
        "x x n y backspace n y w z n delete x enter enter",
        [
            {"x": "1", "y": "2", "w": "3", "z": "4", "n": "1"},
            {"x": "5", "y": "4", "w": "1", "z": "2", "n": "q"},
            {"x": "3", "y": "1", "w": "5", "z": "2", "n": "0"},
        ],
    ),
    "single": (
        RoundSpec("Lequel ?", RoundMode.SINGLE, options=["Lait", "Pain", "Miel", "Thé"], secret=True),
        "x y backspace q x delete y enter",
        [{"x": "1", "y": "2"}, {"x": "0", "y": "4"}, {"x": "3", "y": "0"}],  # 0: a blank vote
    ),
    "scale": (
        RoundSpec("D'accord ?", RoundMode.SCALE, secret=True),
        "x y backspace q x enter",
        [{"x": "5", "y": "1"}, {"x": "0", "y": "3"}, {"x": "2", "y": "0"}],
    ),
    "consent": (
        RoundSpec("Adopter ?", RoundMode.CONSENT, secret=True),
        "x 0 q enter r enter",
        [{"x": "1"}, {"x": "3"}, {"x": "4"}],
    ),
}


async def scan(path: Path, library: ProjectLibrary, spec: RoundSpec, shape: str, keys: dict[str, str]) -> list[tuple]:
    """The screens the room sees while the first voter plays `shape` with these option keys."""
    rid = new_round(path, spec)
    app = AtelierApp(library=library, project_path=path)
    screens: list[tuple] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(RoundScreen(app.project, rid))
        await settle(pilot)
        for key in ["enter", *shape.split()]:
            await pilot.press(keys.get(key, key))
            await settle(pilot)
            screens.append(styled_screen(app))
            if spec.secret:
                text = screen_text(app)
                assert "●" not in text and "▶" not in text
    return screens


@pytest.mark.parametrize("mode", list(SCANS))
async def test_a_secret_turn_looks_the_same_whatever_the_keys(tmp_path: Path, library: ProjectLibrary, mode: str) -> None:
    path = tmp_path / "p.atelier"
    build(path)
    spec, shape, plans = SCANS[mode]
    first, *others = [await scan(path, library, spec, shape, keys) for keys in plans]
    steps = ["enter", *shape.split()]
    for plan, screens in zip(plans[1:], others, strict=True):
        for step, (mine, theirs) in enumerate(zip(first, screens, strict=True)):
            assert mine == theirs, f"{mode}: after '{steps[step]}' the screen depends on the option ({plan})"


async def test_an_open_turn_shows_the_choice_so_the_scan_sees_it(tmp_path: Path, library: ProjectLibrary) -> None:
    """The scan has teeth: in an open round the same keys on other options look different."""
    path = tmp_path / "p.atelier"
    build(path)
    spec = RoundSpec("Lequel ?", RoundMode.SINGLE, options=["Lait", "Pain", "Miel"])
    first = await scan(path, library, spec, "x", {"x": "1"})
    second = await scan(path, library, spec, "x", {"x": "2"})
    assert first[0] == second[0] and first[1] != second[1]


async def test_voters_see_no_facilitator_key_and_ctrl_q_asks_first(tmp_path: Path, library: ProjectLibrary) -> None:
    path = tmp_path / "p.atelier"
    build(path)
    rid = new_round(path, RoundSpec("Lequel ?", RoundMode.SINGLE, options=["Lait", "Pain"], secret=True))
    app = AtelierApp(library=library, project_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(RoundScreen(app.project, rid))
        await settle(pilot)
        for step in ("hand-off", "turn"):
            text = screen_text(app)
            for key in ("f2", "f3", "f4", "f5", "f9", "f10", "^q", t("common.quit")):
                assert key not in text, f"{key} on the {step} screen"
            await pilot.press("enter")
            await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmModal) and app.is_running
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, RoundScreen)
        assert isinstance(app.screen.query_one(BallotTurn), BallotTurn)
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not app.is_running


# 80×24 -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("question", ["Nos priorités ?", "Parmi toutes ces pistes d'action, lesquelles voulez-vous voir engagées dès la première année de la coopération ?"])
async def test_35_options_at_80x24_keep_name_counter_and_keys(tmp_path: Path, library: ProjectLibrary, question: str) -> None:
    path = tmp_path / "p.atelier"
    build(path)
    options = [f"Piste {n + 1:02d} : un libellé assez long pour être coupé" for n in range(35)]
    rid = new_round(path, RoundSpec(question, RoundMode.DOT, options=options, secret=True, budget=10, cap=3))
    app = AtelierApp(library=library, project_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(RoundScreen(app.project, rid))
        await settle(pilot)
        await pilot.press("enter", "z", "z")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        text = "\n".join(lines)
        flat = flat_text(app)
        assert "Personne 01" in text
        assert t("rounds.dot.used", used=2, budget=10, cap=3) in text
        assert "Entrée : valider et passer le clavier" in flat
        # Every option key is on screen, with the start of its label.
        for n in range(35):
            key = "123456789abcdefghijklmnopqrstuvwxyz"[n]
            assert f" {key}  Piste {n + 1:02d}" in text, f"option {key} is not on screen"
        assert len(lines) == 24


# Room time ----------------------------------------------------------------------------------------------
async def test_a_12_person_secret_dot_vote_from_the_values_exercise(tmp_path: Path, library: ProjectLibrary) -> None:
    """DESIGN §6: each voter presses at most 2 keys beyond their points, the facilitator 3."""
    path = tmp_path / "p.atelier"
    with Project.create(path, "Coopération") as project:
        structures = [project.add_structure(f"Structure {n}") for n in range(4)]
        for n in range(12):
            project.add_participant(f"Personne {n + 1:02d}", structures[n % 4].id)
        workshop = project.add_workshop("Atelier")
        item = project.add_agenda_item(workshop.id, "values", "Valeurs")
        for label in ("Confiance", "Solidarité", "Transparence", "Équité", "Proximité", "Innovation"):
            values.add_value(project, item.id, label)
        values.set_step(project, item.id, values.Step.MERGE)
        workshop_id, item_id = workshop.id, item.id
    app = AtelierApp(library=library, project_path=path)
    facilitator = voters_extra = points = 0
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ValuesScreen(app.project, workshop_id, item_id))
        await settle(pilot)

        async def press(key: str) -> None:
            await pilot.press(key)
            await settle(pilot)

        await press("v")  # the exercise proposes its vote: secret, its options, budget and cap
        facilitator += 1
        screen = app.screen
        assert isinstance(screen, RoundScreen)
        spec = screen.round.spec
        assert spec.secret and spec.options[0] == "Confiance" and (spec.budget, spec.cap) == (3, 2)
        for n in range(12):
            await press("enter")  # takes the keyboard
            for key in ("1", "2", "3") if n % 2 else ("4", "4", "6"):
                await press(key)
                points += 1
            await press("enter")  # passes the keyboard
            voters_extra += 2
        await press("f2")  # reveal
        facilitator += 1
        assert screen.query_one(ResultsView)
        await press("enter")  # back to the exercise, the points read into the values
        facilitator += 1
        assert isinstance(app.screen, ValuesScreen)
        state = values.state(app.project, item_id)
        assert state.voted
        assert {v.label: v.points for v in state.values} == {
            "Confiance": 6, "Solidarité": 6, "Transparence": 6, "Équité": 12, "Proximité": 0, "Innovation": 6,
        }
    assert points == 36
    assert voters_extra / 12 <= 2 and facilitator <= 3


# F5: the settings before the first voter; the set-up reads without colour ----------------------------------
async def test_settings_change_before_the_first_voter_only(tmp_path: Path, library: ProjectLibrary) -> None:
    path = tmp_path / "p.atelier"
    build(path)
    rid = new_round(path, RoundSpec("Priorités ?", RoundMode.DOT, options=["a", "b", "c"], secret=True, owner="values:vote"))
    app = AtelierApp(library=library, project_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(RoundScreen(app.project, rid))
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        setup = app.screen
        assert isinstance(setup, RoundSetupModal)
        text = screen_text(app)
        assert "[x] " + t("rounds.setup.secret") in text and "[ ] " + t("rounds.setup.shuffle") in text
        assert setup.query_one("#mode").disabled and setup.query_one("#options").read_only  # the exercise's
        setup.query_one("#secret").value = False
        setup.query_one("#budget").value = "2"
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, RoundScreen)
        spec = get_round(app.project, rid).spec
        assert not spec.secret and spec.budget == 2 and spec.options == ["a", "b", "c"] and spec.owner == "values:vote"
        assert on_disk(path)["rounds"][str(rid)]["on_screen"]  # still resumed after a crash
        assert t("rounds.open") in flat_text(app)
        await pilot.press("enter", "1", "enter", "enter")
        await settle(pilot)
        await pilot.press("f5")  # someone has voted: the settings stay
        await settle(pilot)
        assert isinstance(app.screen, RoundScreen)


async def test_a_free_round_from_the_cockpit_starts_with_question_options_and_f5(tmp_path: Path, library: ProjectLibrary) -> None:
    path = tmp_path / "p.atelier"
    workshop_id, item_id = build(path)
    app = AtelierApp(library=library, project_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(RoundSetupModal(app.project, workshop_id, item_id, run=RoundScreen))
        await settle(pilot)
        await pilot.press(*"Quelle priorité ?", "enter", *"Lait", "enter", *"Pain", "f5")
        await settle(pilot)
        [round_] = rounds_of(app.project, workshop_id)
        assert round_.spec.options == ["Lait", "Pain"] and round_.spec.secret  # a dot vote is secret unless unticked
        assert isinstance(app.screen, RoundScreen)


# A full disk ---------------------------------------------------------------------------------------------
def stored(path: Path, round_id: int) -> dict:
    return on_disk(path)["rounds"][str(round_id)]


async def test_a_contribution_is_saved_once_and_the_turn_goes_on_by_itself(
    tmp_path: Path, library: ProjectLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.atelier"
    build(path)
    rid = new_round(path, RoundSpec("Nos valeurs ?", RoundMode.CONTRIBUTION, hidden=True))
    app = AtelierApp(library=library, project_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = RoundScreen(app.project, rid)
        app.push_screen(screen)
        await settle(pilot)
        await pilot.press("enter", *"Confiance")
        await settle(pilot)
        with monkeypatch.context() as broken:
            fill_disk(broken)
            for _ in range(3):  # Enter, again and again, as people do when nothing seems to happen
                await pilot.press("enter")
                await settle(pilot)
            assert screen.query_one(SavePending)
            assert t("rounds.save_pending.title") in screen_text(app)
            await pilot.press(*"x", "ctrl+d", "enter")  # nothing a voter presses changes anything
            await settle(pilot)
            app.retry_pending_save()  # still full
            await settle(pilot)
            assert screen.query_one(SavePending)
        assert stored(path, rid)["contributions"] == []
        app.retry_pending_save()  # there is room again
        await settle(pilot)
        turn = screen.query_one(ContributionTurn)  # the same voter goes on, the field empty
        assert turn.query_one("Input").value == ""
        assert t("rounds.contribution.count", count=1) in screen_text(app)
        assert [c["text"] for c in stored(path, rid)["contributions"]] == ["Confiance"]
        await pilot.press("ctrl+d")
        await settle(pilot)
        second = get_round(app.project, rid).voters[1]
        assert screen.query_one(HandOff).voter_name == app.project.participant(second).name


@pytest.mark.parametrize("secret", [False, True])
async def test_a_ballot_is_saved_once_and_the_round_moves_on_by_itself(
    tmp_path: Path, library: ProjectLibrary, monkeypatch: pytest.MonkeyPatch, secret: bool
) -> None:
    path = tmp_path / "p.atelier"
    build(path)
    rid = new_round(path, RoundSpec("Lequel ?", RoundMode.SINGLE, options=["Lait", "Pain"], secret=secret))
    app = AtelierApp(library=library, project_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = RoundScreen(app.project, rid)
        app.push_screen(screen)
        await settle(pilot)
        if secret:  # four voters: the last ballot writes the batch of four, and that write fails
            for key in ("enter", "1", "enter", "enter", "2", "enter", "enter", "1", "enter"):
                await pilot.press(key)
                await settle(pilot)
        with monkeypatch.context() as broken:
            fill_disk(broken)
            await pilot.press("enter", "1", "enter")
            await settle(pilot)
            assert screen.query_one(SavePending)
            for key in ("enter", "2", "enter", "enter", "1", "enter"):
                await pilot.press(key)
                await settle(pilot)
            assert screen.query_one(SavePending)
        assert stored(path, rid)["ballots"] == []
        app.retry_pending_save()
        await settle(pilot)
        if secret:
            assert t("rounds.waiting.votes", count=4) in flat_text(app)
            text = screen_text(app)  # the facilitator's key bar is back, without F5 once people have voted
            assert "f2 " + t("rounds.key.reveal") in text and "f5" not in text
        else:
            following = get_round(app.project, rid).voters[1]
            assert screen.query_one(HandOff).voter_name == app.project.participant(following).name
        assert len(stored(path, rid)["ballots"]) == (4 if secret else 1)
        assert results(app.project, rid).ballots == (4 if secret else 1)


# Reopening the project ---------------------------------------------------------------------------------
async def test_reopening_goes_back_to_the_round_on_screen_and_its_exercise(tmp_path: Path, library: ProjectLibrary) -> None:
    from screens.cockpit import CockpitScreen

    path = tmp_path / "p.atelier"
    with Project.create(path, "Coopération") as project:
        structure = project.add_structure("Alpha")
        for n in range(3):
            project.add_participant(f"Personne {n + 1:02d}", structure.id)
        workshop = project.add_workshop("Atelier")
        item = project.add_agenda_item(workshop.id, "values", "Valeurs")
        for label in ("Confiance", "Solidarité", "Équité"):
            values.add_value(project, item.id, label)
        values.set_step(project, item.id, values.Step.MERGE)
        item_id = item.id
    app = AtelierApp(library=library, project_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(ValuesScreen(app.project, workshop.id, item_id))
        await settle(pilot)
        await pilot.press("v", "enter", "1", "2", "3", "enter")
        await settle(pilot)
        assert isinstance(app.screen, RoundScreen)
    # The app stopped during the round (quit, crash): the project opens on the same round,
    # over the values exercise and its workshop's cockpit; the first ballot is cast again.
    again = AtelierApp(library=library, project_path=path)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, RoundScreen)
        kinds = [type(screen) for screen in again.screen_stack]
        assert kinds[-3:] == [CockpitScreen, ValuesScreen, RoundScreen]
        for _ in range(3):
            await pilot.press("enter", "1", "2", "3", "enter")
            await settle(pilot)
        await pilot.press("f2", "enter")
        await settle(pilot)
        assert isinstance(again.screen, ValuesScreen)
        state = values.state(again.project, item_id)
        assert state.voted and sum(v.points for v in state.values) == 9  # the exercise took the results
    # Left on purpose (the round is over): the project opens as usual.
    third = AtelierApp(library=library, project_path=path)
    async with third.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not isinstance(third.screen, RoundScreen)


async def test_a_paused_round_does_not_come_back_by_itself(tmp_path: Path, library: ProjectLibrary) -> None:
    path = tmp_path / "p.atelier"
    build(path)
    rid = new_round(path, RoundSpec("Lequel ?", RoundMode.SINGLE, options=["Lait", "Pain"], secret=True))
    app = AtelierApp(library=library, project_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.push_screen(RoundScreen(app.project, rid))
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
    again = AtelierApp(library=library, project_path=path)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not isinstance(again.screen, RoundScreen)
