"""The roadmap over time: the months of the plan, the table by period of the minutes, and
the text Gantt on screen at 80×24 and 250×70 (scrolling sideways for a long plan)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import DataTable

from exercises import roadmap, roadmap_actions, roadmap_objectives
from exercises.roadmap_timeline import Granularity, Mark, granularity, period_table, timeline
from screens.app import AtelierApp
from screens.exercises.roadmap import RoadmapScreen
from tests.roadmap_project import TRICKY, Cooperation, build
from tests.screen_text import screen_text, settle
from workshop.clock import FakeClock
from workshop.i18n import set_language
from workshop.library import ProjectLibrary


@pytest.fixture
def coop(tmp_path: Path) -> Iterator[Cooperation]:
    built = build(tmp_path / "coop.atelier")
    with built.project:
        yield built


def _actions(coop: Cooperation, spans: list[tuple[str, str, str]], item_id: int | None = None) -> list[int]:
    item = item_id or coop.roadmap_1
    objective = roadmap_objectives.add_objective(coop.project, item, "Objectif")
    operational = roadmap_objectives.add_operational(coop.project, item, objective.id, "Objectif opérationnel")
    ids = []
    for text, start, end in spans:
        action = roadmap_actions.add_action(coop.project, item, operational.id, text)
        roadmap_actions.set_calendar(coop.project, item, action.id, start, end)
        ids.append(action.id)
    return ids


def test_the_timeline_covers_the_plan_month_by_month(coop: Cooperation) -> None:
    first, only_end, only_start, undated = _actions(
        coop,
        [("Jardin", "11/2026", "02/2027"), ("Dossier", "", "2027-04-15"), ("Formation", "03/2027", ""), ("Sans date", "", "")],
    )
    roadmap_actions.set_pilot(coop.project, coop.roadmap_1, only_start, True)
    roadmap_actions.add_milestone(coop.project, coop.roadmap_1, "Inauguration", "15/05/2027")
    line = timeline(coop.project, roadmap.load(coop.project, coop.roadmap_1), "2027-01-20")
    assert line.months == ((2026, 11), (2026, 12), (2027, 1), (2027, 2), (2027, 3), (2027, 4), (2027, 5))
    assert line.today == 2
    rows = {row.label: row for row in line.rows}
    assert [row.label for row in line.rows] == ["Formation", "Jardin", "Dossier", "Inauguration"]  # the pilot subject first
    assert rows["Jardin"].marks == ("run", "run", "run", "run", "", "", "")
    assert rows["Dossier"].marks[5] == Mark.END and rows["Formation"].marks[4] == Mark.START
    assert rows["Inauguration"].milestone and rows["Inauguration"].marks[6] == Mark.MILESTONE
    assert [a.id for a in line.undated] == [undated]
    assert rows["Jardin"].entry_id == first and not rows["Jardin"].late
    assert [r.late for r in timeline(coop.project, roadmap.load(coop.project, coop.roadmap_1), "2027-03-01").rows if r.label == "Jardin"] == [True]


def test_an_action_ending_in_a_year_runs_to_its_december(coop: Cooperation) -> None:
    _actions(coop, [("Bilan de l'année", "10/2027", "2027")])
    line = timeline(coop.project, roadmap.load(coop.project, coop.roadmap_1), "2027-01-20")
    assert line.months == ((2027, 10), (2027, 11), (2027, 12)) and line.rows[0].marks == ("run", "run", "run")


def test_a_plan_without_dates_has_no_months(coop: Cooperation) -> None:
    _actions(coop, [("Sans date", "", "")])
    line = timeline(coop.project, roadmap.load(coop.project, coop.roadmap_1), "2027-01-20")
    assert line.empty and len(line.undated) == 1 and line.today is None


@pytest.mark.parametrize(("months", "unit"), [(1, Granularity.MONTH), (12, Granularity.MONTH), (13, Granularity.QUARTER), (36, Granularity.QUARTER), (37, Granularity.YEAR)])
def test_the_minutes_period_keeps_the_table_within_twelve_columns(months: int, unit: Granularity) -> None:
    assert granularity(months) is unit


def test_the_table_by_period_groups_months_into_quarters(coop: Cooperation) -> None:
    _actions(coop, [("Jardin", "11/2026", "02/2027"), ("Bilan", "2027-12-01", "2027-12-20")])
    roadmap_actions.add_milestone(coop.project, coop.roadmap_1, TRICKY, "05/2027")
    grid = period_table(timeline(coop.project, roadmap.load(coop.project, coop.roadmap_1), "2027-01-20"))
    assert grid.unit is Granularity.QUARTER
    assert grid.periods == ("T4 2026", "T1 2027", "T2 2027", "T3 2027", "T4 2027")
    assert grid.rows == (
        ("Jardin", ("■", "■", "", "", "")),
        ("Bilan", ("", "", "", "", "■")),
        (f"◆ {TRICKY}", ("", "", "◆", "", "")),
    )
    set_language("en")
    assert period_table(timeline(coop.project, roadmap.load(coop.project, coop.roadmap_1), "2027-01-20")).periods[0] == "Q4 2026"


def test_a_short_plan_is_shown_by_month(coop: Cooperation) -> None:
    _actions(coop, [("Jardin", "03/2027", "05/2027")])
    grid = period_table(timeline(coop.project, roadmap.load(coop.project, coop.roadmap_1), "2027-01-20"))
    assert grid.periods == ("mars 2027", "avr. 2027", "mai 2027")


# The text Gantt on screen -------------------------------------------------------------------------------
def _clock(day: str) -> FakeClock:
    import datetime

    moment = datetime.datetime.fromisoformat(day + "T10:00:00")
    return FakeClock(moment.timestamp())


async def _open_timeline(app: AtelierApp, pilot, item_id: int, workshop_id: int) -> RoadmapScreen:
    await pilot.pause()
    app.push_screen(RoadmapScreen(app.project, workshop_id, item_id))
    await settle(pilot)
    await pilot.press("g")
    await settle(pilot)
    assert isinstance(app.screen, RoadmapScreen) and app.screen.step == "timeline"
    return app.screen


def _long_plan(path: Path) -> Cooperation:
    coop = build(path)
    _actions(
        coop,
        [
            (TRICKY, "01/2027", "06/2027"),
            ("Ouvrir un jardin partagé entre l'EHPAD et le centre social", "03/2027", "12/2027"),
            ("Évaluer la coopération", "01/2029", "12/2029"),
        ],
    )
    roadmap_actions.add_milestone(coop.project, coop.roadmap_1, "Bilan final", "12/2029")
    coop.project.close()
    return coop


async def test_the_gantt_reads_at_80x24_and_scrolls_sideways_for_a_long_plan(tmp_path: Path, library: ProjectLibrary) -> None:
    coop = _long_plan(tmp_path / "long.atelier")
    app = AtelierApp(library=library, project_path=coop.project.path, clock=_clock("2027-02-10"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_timeline(app, pilot, coop.roadmap_1, coop.first)
        text = screen_text(app)
        lines = text.splitlines()
        assert len(lines) == 24 and all(len(line) <= 80 for line in lines)
        # The first column stays; the labels are there, literally, and the months start at January 2027.
        assert "[red]Zoé[/]" in text and "Ouvrir un jardin" in text and "◆ Bilan final" in text
        header = next(line for line in lines if "jan " in line and "fév " in line)
        assert header.index("jan ") > header.index("Action ou jalon")
        assert "2027" in text and "déc " in text
        # Thirty-six months do not fit: the last year is out of sight until the months scroll.
        gantt = screen.query_one("#gantt", DataTable)
        assert gantt.max_scroll_x > 0 and gantt.scroll_x == 0
        years = lines[lines.index(header) + 1]
        assert "2027" in years and "2029" not in years
        await pilot.press("right")  # a quarter further
        await settle(pilot)
        assert gantt.scroll_x == 3 * 4
        for _ in range(12):
            await pilot.press("right")
        await settle(pilot)
        assert gantt.scroll_x == gantt.max_scroll_x
        scrolled = screen_text(app).splitlines()
        header = next(line for line in scrolled if "jan " in line and "déc " in line)
        assert "2029" in scrolled[scrolled.index(header) + 1]
        # Scrolled, the first column is still there, and the last milestone in view.
        assert any(line.startswith("◆ Bilan final") and line.rstrip().endswith("◆") for line in scrolled)


async def test_the_gantt_at_250x70_shows_the_whole_plan(tmp_path: Path, library: ProjectLibrary) -> None:
    coop = _long_plan(tmp_path / "long.atelier")
    app = AtelierApp(library=library, project_path=coop.project.path, clock=_clock("2027-02-10"))
    async with app.run_test(size=(250, 70)) as pilot:
        screen = await _open_timeline(app, pilot, coop.roadmap_1, coop.first)
        text = screen_text(app)
        gantt = screen.query_one("#gantt", DataTable)
        assert gantt.max_scroll_x == 0  # 36 months of 4 cells and the labels fit in 250 columns
        assert "2027" in text and "2028" in text and "2029" in text
        # The labels get room: the long action reads whole.
        assert "Ouvrir un jardin partagé entre l'EHPAD et le centre social" in text
        # Today's month is marked in the header (reverse), the late rows with ⚠.
        assert "de janv. 2027 à déc. 2029".lower() in text.lower()


async def test_the_next_workshop_opens_on_the_timeline_and_says_what_is_late(tmp_path: Path, library: ProjectLibrary) -> None:
    coop = build(tmp_path / "coop.atelier")
    _actions(coop, [("Dossier déposé", "", "02/2027"), ("Jardin", "01/2027", "09/2027")])
    coop.project.close()
    app = AtelierApp(library=library, project_path=coop.project.path, clock=_clock("2027-03-10"))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.push_screen(RoadmapScreen(app.project, coop.second, coop.roadmap_2))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RoadmapScreen) and screen.step == "timeline"
        assert not app._notifications, "said once, on the screen, not in a toast over it"
        text = screen_text(app)
        assert "⚠ Dossier déposé" in text and "⚠ 1 action(s) en retard : Dossier déposé" in text
