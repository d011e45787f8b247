"""Rounds on screen, driven with the keyboard as in the room (Textual Pilot)."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Static

from screens.app import AtelierApp
from screens.round import RoundScreen
from screens.round.handoff import HandOff
from screens.round.results import ResultsView
from screens.round.setup import RoundSetupModal
from workshop.i18n import t
from workshop.library import ProjectLibrary
from workshop.project import Project
from workshop.rounds import (
    RoundMode,
    RoundSpec,
    contributions,
    get_round,
    results,
    rounds_of,
    start_round,
    voter_label,
)

ODD = ["[bold]gras", "[/", "🌱 écologie", "[0]"]


def build(path: Path) -> tuple[int, int]:
    """Four present voters in three structures, names that look like markup."""
    with Project.create(path, "Coopération") as project:
        a = project.add_structure("[red]Alpha[/]")
        b = project.add_structure("Bêta")
        c = project.add_structure("Gamma")
        for name, structure in (("Zoé Martin", a), ("[/", a), ("Béa 🌱", b), ("Karim", c)):
            project.add_participant(name, structure.id)
        workshop = project.add_workshop("Atelier")
        item = project.add_agenda_item(workshop.id, "free", "Point")
        return workshop.id, item.id


def new_round(path: Path, spec: RoundSpec) -> int:
    with Project.open(path) as project:
        workshop = project.workshops()[0]
        item = project.agenda(workshop.id)[0]
        return start_round(project, workshop.id, item.id, spec).id


def screen_lines(app: AtelierApp) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app: AtelierApp) -> str:
    return "\n".join(screen_lines(app))


async def open_round(app: AtelierApp, pilot, round_id: int) -> RoundScreen:
    await pilot.pause()
    screen = RoundScreen(app.project, round_id)
    app.push_screen(screen)
    await pilot.pause()
    return screen


# A full secret dot vote --------------------------------------------------------------------
async def test_secret_dot_vote_never_shows_a_choice(tmp_path: Path, library: ProjectLibrary) -> None:
    path = tmp_path / "p.atelier"
    build(path)
    rid = new_round(path, RoundSpec("Priorités ?", RoundMode.DOT, options=list("VWXYZ"), secret=True, budget=4, cap=2))
    # The same shape of key presses on different options: the screens must be identical.
    # Third press hits the cap, backspace takes back a point, the last two spend the budget.
    plans = [
        ["1", "1", "1", "2", "backspace", "3", "3", "enter"],
        ["4", "4", "4", "5", "backspace", "2", "2", "enter"],
        ["5", "5", "5", "1", "backspace", "4", "4", "enter"],
        ["2", "2", "2", "3", "backspace", "1", "1", "enter"],
    ]
    expected = {"V": 4, "W": 4, "X": 2, "Y": 4, "Z": 2}
    app = AtelierApp(library=library, project_path=path)
    seen: dict[int, list[tuple]] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_round(app, pilot, rid)
        round_ = get_round(app.project, rid)

        def snapshot(voter_index: int) -> tuple:
            name, structure = voter_label(app.project, round_, round_.voters[voter_index])
            progress = t("rounds.progress", taken=voter_index, total=4, handled=voter_index)
            lines = [
                "<PROGRESS>" if progress in line else
                " ".join(line.replace(structure, "<STRUCTURE>").replace(name, "<NAME>").split())
                for line in screen_lines(app)
            ]
            options = [w.render() for w in screen.query(".ballot-options").results(Static) if w.parent.display]
            spans = [(c.plain, tuple(c.spans)) for c in options]
            return tuple(lines), tuple(spans)

        for index, plan in enumerate(plans):
            assert isinstance(screen.query_one(HandOff), HandOff)
            snaps = [snapshot(index)]
            await pilot.press("enter")  # the voter takes the keyboard
            await pilot.pause()
            snaps.append(snapshot(index))
            for key in plan:
                await pilot.press(key)
                await pilot.pause()
                text = screen_text(app)
                assert "●" not in text and "▶" not in text
                snaps.append(snapshot(index))
            seen[index] = snaps
        for index in (1, 2, 3):
            for step, (first, other) in enumerate(zip(seen[0][:-1], seen[index][:-1], strict=True)):
                # Only for the message (the assert compares the whole snapshots): screens of
                # different heights still show where they part.
                diff = [(a, b) for a, b in zip(first[0], other[0], strict=False) if a != b]
                assert first == other, f"voter {index} step {step}: the screen depends on the choice: {diff}"
        # All voted: results hidden until the facilitator reveals them.
        text = screen_text(app)
        assert t("rounds.waiting.hint") in text
        assert results(app.project, rid).ballots == 4
        await pilot.press("f2")
        await pilot.pause()
        assert screen.query_one(ResultsView)
        counts = {o.label: o.count for o in results(app.project, rid).options}
        assert counts == expected
        text = screen_text(app)
        assert "V" in text and "4 · 25 %" in text
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, RoundScreen)
    stored = json.loads(path.read_text(encoding="utf-8"))["rounds"][str(rid)]
    assert all(set(b) == {"choice", "reason", "structure_id"} for b in stored["ballots"])


# Consent with an objection (open) ----------------------------------------------------------
async def test_consent_round_with_objection_and_correction(tmp_path: Path, library: ProjectLibrary) -> None:
    path = tmp_path / "p.atelier"
    build(path)
    rid = new_round(path, RoundSpec("Adopter la charte ?", RoundMode.CONSENT, auto_reveal=True))
    app = AtelierApp(library=library, project_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_round(app, pilot, rid)
        # 1: agree after correcting an objection; 2: objection with a reason; 3: reservation; 4: abstain
        keys = [
            ["enter", "3", "backspace", "1", "enter"],
            ["enter", "3", "enter", *"[bold]non[/", "enter"],
            ["enter", "2", "enter", "enter"],
            ["enter", "4", "enter"],
        ]
        for plan in keys:
            for key in plan:
                await pilot.press(key)
                await pilot.pause()
        assert screen.query_one(ResultsView)  # revealed automatically
        text = screen_text(app)
        assert t("rounds.outcome.blocked") in text
        assert "[bold]non[/" in text
        result = results(app.project, rid)
        assert result.passed is False
        assert result.consent == {"agree": 1, "reservation": 1, "objection": 1, "abstain": 1}
        assert result.reasons == [("objection", "[bold]non[/")]


# Resume after the app is closed mid-round --------------------------------------------------
async def test_round_resumes_at_the_same_voter_after_a_restart(tmp_path: Path, library: ProjectLibrary) -> None:
    path = tmp_path / "p.atelier"
    build(path)
    rid = new_round(path, RoundSpec("Q ?", RoundMode.SINGLE, options=["Oui", "Non"], secret=True))
    app = AtelierApp(library=library, project_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_round(app, pilot, rid)
        for key in ("enter", "1", "enter", "enter", "2"):  # voter 2 has picked but not confirmed
            await pilot.press(key)
            await pilot.pause()
        round_ = get_round(app.project, rid)
        assert screen.round.current == round_.voters[1]
        first = voter_label(app.project, round_, round_.voters[0])[0]
    # The app is gone (as after a crash); open the same file in a new app. The first
    # ballot waited for its batch of three: that voter takes their turn again, and the screen says so.
    again = AtelierApp(library=library, project_path=path)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, RoundScreen), "the project reopens on the round that was on screen"
        handoff = screen.query_one(HandOff)
        assert handoff.voter_name == first
        text = " ".join(screen_text(again).split())
        assert t("rounds.lost_turn", names=first).split("(")[0].strip() in text
        assert t("rounds.progress", taken=0, total=4, handled=0) in screen_text(again)
        for key in ("enter", "1", "enter", "enter", "2", "enter"):
            await pilot.press(key)
            await pilot.pause()
        result = results(again.project, rid)
        assert result.ballots == 2  # nothing lost, nobody twice
        assert len(result.participants) == 2
        assert t("rounds.lost_turn", names=first)[:20] not in screen_text(again)  # they have voted again


# Contributions, skip and proxy -------------------------------------------------------------
async def test_hidden_contributions_with_skip_and_proxy(tmp_path: Path, library: ProjectLibrary) -> None:
    path = tmp_path / "p.atelier"
    build(path)
    rid = new_round(path, RoundSpec("Nos valeurs ?", RoundMode.CONTRIBUTION, hidden=True))
    app = AtelierApp(library=library, project_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_round(app, pilot, rid)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # empty: refused with a message
        await pilot.pause()
        assert any(t("rounds.error.contribution_empty") in str(n.message) for n in app._notifications)
        for text in ODD:
            await pilot.press(*text)
            await pilot.press("enter")
            await pilot.pause()
        assert "gras" not in screen_text(app)  # hidden until revealed
        await pilot.press(*"doublon", "enter", "ctrl+z")  # taken back before passing the keyboard
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert screen.query_one(HandOff)
        await pilot.press("f3")  # the second person is absent
        await pilot.pause()
        await pilot.press("f4")  # the facilitator types for the third
        await pilot.pause()
        await pilot.press("enter", *"par procuration", "enter", "ctrl+d")
        await pilot.pause()
        await pilot.press("enter", *"x" * 30, "enter", "ctrl+d")
        await pilot.pause()
        round_ = get_round(app.project, rid)
        assert round_.done and not round_.revealed
        assert [c.text for c in contributions(app.project, rid)] == [*ODD, "par procuration", "x" * 30]
        await pilot.press("f2")
        await pilot.pause()
        text = screen_text(app)
        for shown in ("[bold]gras", "[/", "🌱 écologie", "[0]", "par procuration"):
            assert shown in text, text
        result = results(app.project, rid)
        assert len(result.skipped) == 1 and len(result.proxies) == 1


# Setting up a free round -------------------------------------------------------------------
async def test_setup_refuses_bad_input_then_starts(tmp_path: Path, library: ProjectLibrary) -> None:
    path = tmp_path / "p.atelier"
    workshop_id, item_id = build(path)
    app = AtelierApp(library=library, project_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        from screens.registry import tools

        tool = next(tool for tool in tools() if tool.action == "round")
        app.push_screen(tool.factory(app.project, workshop_id, item_id))
        await pilot.pause()
        assert isinstance(app.screen, RoundSetupModal)
        await pilot.press(*"Quelle priorité ?")
        await pilot.press("f5")  # dot vote without options
        await pilot.pause()
        assert rounds_of(app.project, workshop_id) == []
        assert isinstance(app.screen, RoundSetupModal), "the set-up stays open"
        assert t("rounds.error.no_options") in str(app.screen.query_one(".dialog-error").render())
        assert not app._notifications, "said once, inside the dialog"
        app.screen.query_one("#options").text = "Lait\nPain\n[/"
        app.screen.query_one("#budget").value = "0"
        await pilot.press("f5")
        await pilot.pause()
        assert rounds_of(app.project, workshop_id) == []
        app.screen.query_one("#budget").value = "5"
        await pilot.press("f5")
        await pilot.pause()
        [round_] = rounds_of(app.project, workshop_id)
        assert round_.spec.options == ["Lait", "Pain", "[/"] and round_.spec.budget == 5
        assert isinstance(app.screen, RoundScreen)


async def test_round_screen_survives_tiny_and_big_terminals(tmp_path: Path, library: ProjectLibrary) -> None:
    path = tmp_path / "p.atelier"
    build(path)
    for size in ((10, 5), (200, 60)):
        rid = new_round(path, RoundSpec("Q ?", RoundMode.DOT, options=[f"option {i}" for i in range(30)]))
        app = AtelierApp(library=library, project_path=path)
        async with app.run_test(size=size) as pilot:
            screen = await open_round(app, pilot, rid)
            for key in ("enter", "a", "b", "enter", "enter"):
                await pilot.press(key)
                await pilot.pause()
            await pilot.press("f10")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
            await pilot.press("f2")
            await pilot.pause()
            assert screen.query_one(ResultsView)


async def test_odd_texts_are_shown_literally(tmp_path: Path, library: ProjectLibrary) -> None:
    path = tmp_path / "p.atelier"
    build(path)
    rid = new_round(path, RoundSpec("[b]Q[/b] ?", RoundMode.CONTRIBUTION, hidden=False))
    texts = ["y" * 10_000, "a\x07b\x1b[31m", "[bold]gras", "[/", "🌱"]
    with Project.open(path) as project:
        from workshop.rounds import contribute, finish_turn

        voter = get_round(project, rid).current
        for text in texts:
            contribute(project, rid, voter, text)
        finish_turn(project, rid, voter)
    app = AtelierApp(library=library, project_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_round(app, pilot, rid)
        await pilot.press("enter")  # the next voter sees the open list
        await pilot.pause()
        await pilot.pause()
        text = screen_text(app)
        assert "[b]Q[/b] ?" in text
        for shown in ("a␇b␛[31m", "[bold]gras", "• [/", "🌱", "yyyy"):
            assert shown in text, text


async def test_open_single_choice_and_scale_by_structure(tmp_path: Path, library: ProjectLibrary) -> None:
    path = tmp_path / "p.atelier"
    build(path)
    single = new_round(path, RoundSpec("Lequel ?", RoundMode.SINGLE, options=["Lait", "[i]Pain"]))
    scale = new_round(path, RoundSpec("Accord ?", RoundMode.SCALE, by_structure=True, secret=True))
    app = AtelierApp(library=library, project_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_round(app, pilot, single)
        text = screen_text(app)
        for key in ("f2", "f3", "f4", "f10", "^q"):
            assert key not in text  # voters see only their own keys (F1 lists the others)
        await pilot.press("enter", "2")
        await pilot.pause()
        text = screen_text(app)
        assert "▶ [i]Pain" in text  # open: the choice is shown
        await pilot.press("backspace", "0", "enter")  # corrected to a blank vote
        await pilot.pause()
        assert results(app.project, single).blank == 1
        await pilot.press("f9")  # pause the round
        await pilot.pause()
        assert not isinstance(app.screen, RoundScreen)
        screen = await open_round(app, pilot, scale)
        # One turn per structure: the hand-off names the structure.
        assert screen.query_one(HandOff).voter_name == "[red]Alpha[/]"
        for key in ("enter", "5", "enter", "enter", "4", "enter", "f3"):
            await pilot.press(key)
            await pilot.pause()
        result = results(app.project, scale)
        assert result.mean == 4.5 and len(result.skipped) == 1
        assert result.per_structure == []  # secret, one voter per structure
