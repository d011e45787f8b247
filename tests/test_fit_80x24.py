"""80×24 holds what a facilitator needs: every screen of the demo, rendered at 80
columns by 24 lines, shows the fields that carry information whole (times,
durations, ahead or behind, counters, the selected row's full title), and the
whole key bar.

Each state is built once for two checks: `assert_fits` runs on the key-truth
walk's first look at it (tests/test_key_truth.py, at 80×24 too).

Expected values come from the demo's own data and the test's arithmetic (start
time plus the planned minutes before), never from the screens' formatting code.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from screens.app import AtelierApp
from screens.widgets.key_bar import KeyBar
from tests.app_states import DONE, PLANNED, STATES, TODAY, item, workshop
from tests.screen_text import screen_text

Expect = Callable[[AtelierApp], list[str]]


def _hhmm(start: str, minutes: int) -> str:
    hours, mins = (int(part) for part in start.split(":"))
    total = hours * 60 + mins + minutes
    return f"{total // 60:02d}:{total % 60:02d}"


def _local(instant: float) -> str:
    return datetime.datetime.fromtimestamp(instant).strftime("%H:%M")


def _minutes(count: int) -> str:
    return f"{count} min" if count < 60 else f"{count // 60} h {count % 60:02d}"


def plan_rows(which: int) -> Expect:
    """Every item's planned start time and duration, the total, the selected item whole."""

    def expect(app: AtelierApp) -> list[str]:
        chosen = workshop(app, which)
        items = app.project.agenda(chosen.id)
        found, offset = [], 0
        for entry in items:
            found.append(f"{_hhmm(chosen.start_time, offset)}")
            found.append(_minutes(entry.planned_minutes))
            offset += entry.planned_minutes
        found.append(f"{len(items)} étapes · durée totale {_minutes(offset)} · fin prévue {_hhmm(chosen.start_time, offset)}")
        found.append(items[0].title)  # the selected item, whole, in the detail line
        return found

    return expect


def last_item_whole(app: AtelierApp) -> list[str]:
    return [app.project.agenda(workshop(app, DONE).id)[-1].title + " ·"]


def workshops_tab(app: AtelierApp) -> list[str]:
    found = []
    for chosen in app.project.workshops():
        day = datetime.date.fromisoformat(chosen.date)
        found += [f"{day.day:02d}/{day.month:02d}/{day.year}", chosen.start_time]
    first = app.project.workshops()[0]
    found.append(first.title + " ·")  # the selected workshop whole, with its place after it
    found.append(first.place)
    return found


def attendance(app: AtelierApp) -> list[str]:
    chosen = workshop(app, PLANNED)
    absent = sum(1 for status in chosen.attendance.values() if status == "absent")
    present = len(app.project.participants()) - absent
    return [f"Présent·es : {present} · absent·es : {absent}"]


def october_times(app: AtelierApp) -> list[str]:
    """Each row in view gives planned start, actual start and time spent, uncut."""
    chosen = workshop(app, DONE)
    rows = []
    offset = 0
    for entry in app.project.agenda(chosen.id):
        rows.append(f"{_hhmm(chosen.start_time, offset)}  {_local(entry.actual_start)}  {_minutes(round(entry.actual_seconds / 60))}")
        offset += entry.planned_minutes
    # The sidebar scrolls to the current (last) item: the last six rows at least are in view.
    return rows[-6:] + [f"Étape {len(rows)} sur {len(rows)}", "Mené le 12/10/2026"]


def running_today(app: AtelierApp) -> list[str]:
    items = app.project.agenda(workshop(app, TODAY).id)
    return [f"Étape 2 sur {len(items)}", "En cours", "En avance de", f"Ensuite : {items[2].title}"]


def matrix_cell(app: AtelierApp) -> list[str]:
    from exercises import matrix

    state = matrix.load(app.project, item(app, DONE, "matrix").id)
    action = state.actions[1]
    return [f"{action.label} × Les Jardins de Montreuil"]


DECISIONS = {"": "Non décidée", "retained": "Retenue", "not_retained": "Non retenue", "under_study": "À l'étude"}


def commitments_late(app: AtelierApp) -> list[str]:
    """Each row in view: its number, then its decision in full (the text gives way)."""
    screen = app.screen
    table = screen.query_one("#proposals")
    in_view = screen.shown[: table.size.height - 1]
    return [f"{p.id} " for p in in_view] + [DECISIONS[p.decision] for p in in_view]


def waiting(app: AtelierApp) -> list[str]:
    return ["4 personne(s) sur 11 ont pris leur tour", "Pas de tour pour : Marc Lefèvre"]


def supra_adopted(app: AtelierApp) -> list[str]:
    return ["☑ oui Précis et spécifique", "Échéance : 31/12/2028", "Consentement sur la version 4 : adoptée."]


def values_define(app: AtelierApp) -> list[str]:
    return ["Quand une structure traverse une difficulté, les autres l'aident avant de compter."]


EXPECTED: dict[str, Expect] = {
    "project-workshops": workshops_tab,
    "plan-agenda": plan_rows(DONE),
    "plan-agenda-last": last_item_whole,
    "plan-attendance": attendance,
    "cockpit-run-in-october": october_times,
    "cockpit-today-running": running_today,
    "matrix-cell": matrix_cell,
    "commitments-list": commitments_late,
    "round-waiting": waiting,
    "supra-adopted": supra_adopted,
    "values-define": values_define,
}


def flat(text: str) -> str:
    return " ".join(text.split())


def assert_fits(app: AtelierApp, name: str) -> None:
    """The state `name`, as the walk just left it at 80×24: the whole key bar, and the
    information its screen carries whole (`EXPECTED`).

    Called by the key-truth walk (tests/test_key_truth.py) on its first look at each
    state: building a state costs about half a second of CPU, so both checks share it.
    """
    text = screen_text(app)
    lines = text.splitlines()
    assert len(lines) == 24 and all(len(line) <= 80 for line in lines)
    # The whole key bar, on its own lines at the bottom.
    bar = app.screen.query_one(KeyBar)
    shown = flat(" ".join(lines[bar.region.y : bar.region.bottom]))
    for entry in bar.entries if bar.display and bar.region.height else ():  # hidden from voters in a round
        assert f"{entry.display} {entry.description}" in shown, entry
    if name in EXPECTED:
        whole = flat(text)
        for expected in EXPECTED[name](app):
            assert flat(expected) in whole, f"{expected!r} is not whole on screen"
        # A time is never cut: no "08:…" or "réel 0…".
        assert not re.search(r"\d\d:\d?…|\d…", text)


def test_every_state_with_expectations_is_a_state_of_the_walk() -> None:
    assert set(EXPECTED) <= set(STATES), set(EXPECTED) - set(STATES)


def test_the_expected_times_are_the_tests_own_arithmetic() -> None:
    assert _hhmm("09:30", 95) == "11:05" and _minutes(62) == "1 h 02" and _minutes(45) == "45 min"
