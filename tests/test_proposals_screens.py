"""The commitment tracker and the proposal entry, driven with the keyboard."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select, Static

from screens.app import AtelierApp
from screens.exercises.commitments import CommitmentsScreen
from screens.modals.follow_up import FollowUpModal
from screens.modals.pick_one import PickOneModal
from screens.modals.prompt import PromptModal
from screens.modals.proposal import ProposalModal
from screens.registry import exercise_screen, tools
from screens.widgets.gauge import StackedBar, StackedGauge, segment_widths
from screens.widgets.share_history import ShareHistoryChart
from tests.commitment_example import build_example
from workshop.clock import FakeClock
from workshop.i18n import set_language
from workshop.library import ProjectLibrary
from workshop.project import Project
from workshop.proposals import due_since_last, proposal, proposals, record_proposal, unknown_author


def _clock(year: int, month: int, day: int) -> FakeClock:
    return FakeClock(time.mktime((year, month, day, 15, 0, 0, 0, 0, -1)))


def _text(widget: Static) -> str:
    return str(widget.render())


def _verdict(screen: CommitmentsScreen) -> str:
    return _text(screen.query_one(StackedGauge).query_one(".gauge-verdict", Static))


def _lines(screen: CommitmentsScreen) -> list[str]:
    """The two shares' lines: committed, implemented."""
    return [_text(line) for line in screen.query_one(StackedGauge).query(".gauge-line").results(Static)]


def fr(text: str) -> str:
    return text.replace(" %", "\u00a0%")


def _make_project(path: Path) -> None:
    with Project.create(path, "Coop") as project:
        a = project.add_structure("[red]Zoé[/] asso")
        b = project.add_structure("[/")
        project.add_participant("Zoé 🌱", a.id)
        project.add_participant("نادية", b.id)
        w1 = project.add_workshop("Atelier 1", "2026-10-12")
        project.add_agenda_item(w1.id, "free", "Discussion")
        project.add_agenda_item(w1.id, "commitments", "Engagement")
        project.add_workshop("Atelier 2", "2026-12-07")


async def _open(app: AtelierApp, pilot, workshop_index: int = 0) -> CommitmentsScreen:
    await pilot.pause()
    workshop = app.project.workshops()[workshop_index]
    items = [i for i in app.project.agenda(workshop.id) if i.kind == "commitments"]
    factory = exercise_screen("commitments")
    assert factory is not None
    app.push_screen(factory(app.project, workshop.id, items[0].id if items else 0))
    await pilot.pause()
    assert isinstance(app.screen, CommitmentsScreen)
    return app.screen


async def test_type_decide_and_see_the_verdict(tmp_path: Path, library: ProjectLibrary) -> None:
    path = tmp_path / "coop.atelier"
    _make_project(path)
    app = AtelierApp(library=library, project_path=path, clock=_clock(2026, 10, 12))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot)
        assert "pas encore de verdict" in _verdict(screen)
        structures = app.project.structures()
        for n, text in enumerate(["Mutualiser les achats", "Un annuaire [b]commun", "Une navette"]):
            await pilot.press("n")
            await pilot.pause()
            modal = app.screen
            assert isinstance(modal, ProposalModal)
            modal.query_one("#text", Input).value = text
            modal.query_one("#structure", Select).value = structures[n % 2].id
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, CommitmentsScreen)
        made = proposals(app.project)
        assert [p.text for p in made] == ["Mutualiser les achats", "Un annuaire [b]commun", "Une navette"]
        assert all(p.source == "" and p.item_id for p in made)
        table = screen.query_one("#proposals", DataTable)
        assert table.row_count == 3

        # Retain the first, refuse the second (a reason is required), study the third.
        table.move_cursor(row=0)
        await pilot.press("r")
        table.move_cursor(row=1)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, PromptModal)
        await pilot.press("enter")  # no reason: refused, nothing saved, the question stays open
        await pilot.pause()
        assert proposal(app.project, made[1].id).decision == ""
        assert isinstance(app.screen, PromptModal)
        assert "motif" in str(app.screen.query_one(".dialog-error").render())
        await pilot.press(*"Trop cher", "enter")
        await pilot.pause()
        table.move_cursor(row=2)
        await pilot.press("e")
        await pilot.pause()
        decisions = [p.decision for p in proposals(app.project)]
        assert decisions == ["retained", "not_retained", "under_study"]
        assert proposal(app.project, made[1].id).reason == "Trop cher"
        assert _verdict(screen) == fr("Engagement pas encore tenu : 0 % mises en œuvre < 60 %")
        assert _lines(screen) == [
            fr("Retenues : 33 % (1 sur 3) — encore 1 à retenir."),
            fr("Mises en œuvre : 0 % (0 sur 3) — encore 2 à mettre en œuvre."),
        ]
        assert "Base : toutes les propositions énoncées" in _text(screen.query_one("#notes", Static))
        # The detail line shows the typed text literally.
        table.move_cursor(row=1)
        await pilot.pause()
        detail = _text(screen.query_one("#detail", Static))
        assert "Un annuaire [b]commun" in detail and "[/" in detail and "Trop cher" in detail

        table.move_cursor(row=2)
        await pilot.press("r")
        await pilot.pause()
        # Two of three retained: committed, but nothing implemented yet: not kept.
        assert _lines(screen)[0] == fr("Retenues : 67 % (2 sur 3) ≥ 60 %.")
        assert _verdict(screen).startswith("Engagement pas encore tenu")


async def test_proposal_tool_records_the_agenda_item(tmp_path: Path, library: ProjectLibrary) -> None:
    path = tmp_path / "coop.atelier"
    _make_project(path)
    app = AtelierApp(library=library, project_path=path, clock=_clock(2026, 10, 12))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        tool = next(tool for tool in tools() if tool.action == "proposal")
        assert tool.key == "a"
        workshop = app.project.workshops()[0]
        item = app.project.agenda(workshop.id)[0]
        app.push_screen(tool.factory(app.project, workshop.id, item.id))
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ProposalModal)
        # No structure: refused with a message, the typed text kept.
        await pilot.press(*"Former ensemble", "enter")
        await pilot.pause()
        assert app.screen is modal
        assert proposals(app.project) == []
        assert modal.query_one("#text", Input).value == "Former ensemble"
        # Choosing a person chooses their structure.
        person = app.project.participants()[0]
        modal.query_one("#person", Select).value = person.id
        await pilot.pause()
        assert modal.query_one("#structure", Select).value == person.structure_id
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not modal
        (made,) = proposals(app.project)
        assert (made.item_id, made.workshop_id, made.participant_id) == (item.id, workshop.id, person.id)
        assert made.structure_id == person.structure_id
        assert made.source == ""  # a free item: typed directly


async def test_next_workshop_opens_on_what_is_due(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=_clock(2026, 12, 7))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot, workshop_index=1)
        planned = app.project.workshops()[1]
        due = due_since_last(app.project, planned.id)
        assert screen.filter == "due"
        assert [p.id for p in screen.shown] == [p.id for p in due]
        table = screen.query_one("#proposals", DataTable)
        statuses = [str(table.get_row_at(n)[3]) for n in range(table.row_count)]
        assert any("en retard" in s for s in statuses)
        assert any(s == "Mise en œuvre" for s in statuses)
        assert _verdict(screen).startswith("Engagement pas encore tenu")
        assert "à mettre en œuvre" in _lines(screen)[1]
        # F cycles the filter: all, then this workshop (nothing yet in the planned one).
        await pilot.press("f")
        assert screen.filter == "all" and len(screen.shown) == len(proposals(app.project))
        await pilot.press("f")
        await pilot.pause()
        assert screen.filter == "workshop" and screen.shown == []
        assert screen.query_one("#empty").display


async def test_follow_up_form(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=_clock(2026, 12, 7))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await _open(app, pilot, workshop_index=1)
        table = screen.query_one("#proposals", DataTable)
        late = next(n for n, p in enumerate(screen.shown) if p.status == "to_do")
        target = screen.shown[late].id
        table.move_cursor(row=late)
        await pilot.press("s")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, FollowUpModal)
        modal.query_one("#status", Select).value = "dropped"
        await pilot.press("ctrl+s")  # dropped without a reason: refused
        await pilot.pause()
        assert app.screen is modal
        modal.query_one("#reason", Input).value = "Le partenaire s'est retiré"
        modal.query_one("#due", Input).value = "01/11/2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CommitmentsScreen)
        saved = proposal(app.project, target)
        assert (saved.status, saved.status_reason, saved.due) == ("dropped", "Le partenaire s'est retiré", "2026-11-01")
        # A proposal that is not retained has no follow-up.
        await pilot.press("f")
        await pilot.pause()
        refused = next(n for n, p in enumerate(screen.shown) if not p.retained)
        table.move_cursor(row=refused)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, CommitmentsScreen)


async def test_tracker_survives_tiny_and_huge_sizes(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=_clock(2026, 12, 7))
    async with app.run_test(size=(200, 60)) as pilot:
        screen = await _open(app, pilot, workshop_index=0)
        assert not screen.query_one(StackedGauge).has_class("-compact")
        for size in ((80, 24), (40, 12), (10, 5)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert screen.query_one(StackedGauge).has_class("-compact")
        for key in ("3", "2", "1"):
            await pilot.press(key)
            await pilot.pause()


async def test_an_exercise_opens_the_entry_prefilled(tmp_path: Path, library: ProjectLibrary) -> None:
    path = tmp_path / "coop.atelier"
    _make_project(path)
    app = AtelierApp(library=library, project_path=path, clock=_clock(2026, 10, 12))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        workshop = app.project.workshops()[0]
        item = app.project.agenda(workshop.id)[0]
        person = app.project.participants()[-1]
        modal = ProposalModal(app.project, workshop.id, item.id, source="apt", text="Une charte [i]commune", participant_id=person.id)
        app.push_screen(modal)
        await pilot.pause()
        assert modal.query_one("#structure", Select).value == person.structure_id
        await pilot.press("ctrl+s")
        await pilot.pause()
        (made,) = proposals(app.project)
        assert (made.text, made.source, made.participant_id) == ("Une charte [i]commune", "apt", person.id)


async def test_decision_keys_act_only_on_the_list(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=_clock(2026, 10, 12))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open(app, pilot, workshop_index=0)
        assert screen.filter == "workshop"
        before = [p.decision for p in proposals(app.project)]
        await pilot.press("2", "r", "e")
        await pilot.pause()
        assert [p.decision for p in proposals(app.project)] == before
        await pilot.press("1")
        await pilot.pause()
        table = screen.query_one("#proposals", DataTable)
        table.move_cursor(row=4)  # "not retained" in the demo
        await pilot.press("u")
        await pilot.pause()
        assert proposals(app.project)[4].decision == ""


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_the_example_in_the_tracker(tmp_path: Path, library: ProjectLibrary, lang: str) -> None:
    set_language(lang)
    path = tmp_path / "example.atelier"
    with Project.create(path, "Exemple") as project:
        build_example(project)
    app = AtelierApp(library=library, project_path=path, clock=_clock(2026, 10, 12))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot)
        if lang == "fr":
            assert _verdict(screen) == fr("Engagement pas encore tenu : 0 % mises en œuvre < 60 %")
            assert _lines(screen) == [
                fr("Retenues : 15 % (6 sur 40) — encore 18 à retenir."),
                fr("Mises en œuvre : 0 % (0 sur 40) — encore 24 à mettre en œuvre."),
            ]
            details = " ".join(_text(d) for d in screen.query(".gauge-detail").results(Static))
            assert fr("Pour le tenir, 60 % des 40 propositions énoncées par les parties prenantes, soit 24, doivent être mises en œuvre.") in details
            legend = _text(screen.query_one(".gauge-legend", Static))
            assert "▓ retenues 6" in legend and "░ en attente 30" in legend and "× non retenues 4" in legend
            assert "█" not in legend  # nothing implemented: no empty segment in the legend
            assert fr("┃ Seuil 60 % : 24 sur 40") in legend
            assert "2 proposition(s) du porteur lui-même" in _text(screen.query_one("#notes", Static))
        else:
            assert _verdict(screen) == "Commitment not kept yet: 0% implemented < 60%"
            assert _lines(screen) == [
                "Retained: 15% (6 of 40) — 18 more must be retained.",
                "Implemented: 0% (0 of 40) — 24 more must be implemented.",
            ]
        # The bar: 6 retained, 30 pending, 4 not retained of 40, threshold at 60 %; readable without colour.
        bar = screen.query_one(StackedBar)
        glyphs = "".join(glyph for glyph, _ in bar.cells(80))
        assert glyphs.count("▓") == 12 and glyphs.count("×") == 8
        assert glyphs.count("░") + glyphs.count("┃") == 60 and glyphs[48] == "┃"
        assert "█" not in glyphs


def test_segment_widths_are_proportional_and_keep_small_segments() -> None:
    assert segment_widths([6, 0, 30, 4], 80) == [12, 0, 60, 8]
    assert segment_widths([1, 1, 1], 10) == [4, 3, 3]
    assert sum(segment_widths([1, 999], 20)) == 20 and segment_widths([1, 999], 20)[0] == 1  # 1 of 1000 still shows
    assert segment_widths([0, 0], 10) == [0, 0]


async def test_a_proposal_without_a_known_structure_is_flagged_and_asked(tmp_path: Path, library: ProjectLibrary) -> None:
    path = tmp_path / "coop.atelier"
    _make_project(path)
    with Project.open(path) as project:
        # Written before a structure was required: no author.
        project.store.table("proposals").insert({"text": "Une idée d'avant", "decision": "retained", "date": "2026-09-01"})
        record_proposal(project, "Une idée récente", project.structures()[0].id)
    app = AtelierApp(library=library, project_path=path, clock=_clock(2026, 10, 12))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open(app, pilot)
        assert screen.filter == "unknown"
        assert [p.text for p in screen.shown] == ["Une idée d'avant"]
        banner = screen.query_one("#unknown", Static)
        assert banner.display and "1 proposition(s) sans structure connue" in _text(banner)
        table = screen.query_one("#proposals", DataTable)
        assert str(table.get_row_at(0)[4]) == "? Structure inconnue"
        await pilot.press("o")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, PickOneModal)
        target = app.project.structures()[1]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert unknown_author(app.project) == []
        assert proposals(app.project)[0].structure_id == target.id
        assert not screen.query_one("#unknown", Static).display
        assert screen.filter == "workshop"


async def test_per_structure_and_history_tabs(demo_path: Path, library: ProjectLibrary) -> None:
    app = AtelierApp(library=library, project_path=demo_path, clock=_clock(2026, 12, 7))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(app, pilot, workshop_index=1)
        await pilot.press("2")
        await pilot.pause()
        table = screen.query_one("#structures", DataTable)
        rows = {str(table.get_row_at(n)[0]): [str(c) for c in table.get_row_at(n)[1:]] for n in range(table.row_count)}
        assert rows["Les Jardins de Montreuil ★"][:3] == ["3", "2", "1"]  # the promoter, for the record
        # The EHPAD's answer in the FFOM diagnosis became a proposal, still to decide.
        assert rows["EHPAD Les Tilleuls"] == ["4", "1", "1", "1", "2", fr("25 %")]
        await pilot.press("3")
        await pilot.pause()
        chart = screen.query_one(ShareHistoryChart)
        assert [row.label for row in chart.rows] == [w.title for w in app.project.workshops()]
        first, second = chart.rows[:2]  # October, December (then the workshop of the day)
        # Seven stated in the tracker and APT, three more from the FFOM answers (undecided).
        assert first.text == fr("retenues 30 % (3 sur 10) · mises en œuvre 0 % (0 sur 10) · seuil 60 %")
        assert second.text == fr("retenues 30 % (3 sur 10) · mises en œuvre 10 % (1 sur 10) · seuil 60 %")
        assert [s.count for s in first.segments] == [0, 3, 6, 1, 0]
