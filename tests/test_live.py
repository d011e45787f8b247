"""Driving a workshop: actual start and time spent recorded, current item and timer persisted."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.clock import FakeClock
from workshop.errors import ValidationError
from workshop.live import SKIP_SECONDS, LiveWorkshop
from workshop.project import Project


@pytest.fixture
def workshop_id(project: Project) -> int:
    workshop = project.add_workshop("Atelier test", "2027-01-15")
    project.update_workshop(workshop.id, start_time="14:00")
    for title, minutes in (("Accueil", 20), ("Valeurs", 45), ("Clôture", 10)):
        project.add_agenda_item(workshop.id, "free", title, minutes)
    return workshop.id


@pytest.fixture
def live(project: Project, workshop_id: int, clock: FakeClock) -> LiveWorkshop:
    return LiveWorkshop(project, workshop_id, clock)


def titles(live: LiveWorkshop) -> list[str]:
    return [item.title for item in live.agenda()]


def test_the_first_item_is_current_until_another_is_chosen(live: LiveWorkshop) -> None:
    assert live.current().title == "Accueil"
    assert live.position() == (1, 3)
    assert live.next_item().title == "Valeurs"
    assert live.reading().display == "20:00"


def test_start_records_the_actual_start_and_the_current_item(live: LiveWorkshop, clock: FakeClock) -> None:
    live.start()
    item = live.current()
    assert item.actual_start == clock.now()
    assert live.workshop.current_item_id == item.id
    assert live.reading().running
    clock.advance(60)
    live.pause()
    live.start()  # resuming keeps the first start
    assert live.current().actual_start == clock.now() - 60


def test_pause_records_the_time_spent_so_far(live: LiveWorkshop, clock: FakeClock) -> None:
    live.toggle()
    clock.advance(90)
    live.toggle()
    assert live.current().actual_seconds == pytest.approx(90)
    assert not live.reading().running


def test_next_records_the_time_spent_and_the_workshop_flows_on(live: LiveWorkshop, clock: FakeClock) -> None:
    live.start()
    clock.advance(300)
    first = live.current()
    live.step(+1)
    left = live.project.agenda_item(first.id)
    assert left.actual_seconds == pytest.approx(300)
    assert left.timer_state.started_at is None  # paused when left
    current = live.current()
    assert current.title == "Valeurs"
    assert current.actual_start == clock.now()  # started at once: its timer was running
    assert live.reading().running


def test_going_back_changes_nothing_of_the_earlier_items_time_nor_finishes_the_later(live: LiveWorkshop, clock: FakeClock) -> None:
    live.start()
    clock.advance(300)
    live.step(+1)  # forward to a fresh item: the workshop flows on, its timer starts
    first = live.agenda()[0]
    assert first.actual_seconds == pytest.approx(300)
    clock.advance(120)
    live.step(-1)  # back: the later item pauses with its time, the earlier one does not restart
    agenda = live.agenda()
    assert agenda[1].actual_seconds == pytest.approx(120)
    assert live.current().title == "Accueil"
    assert not live.reading().running
    clock.advance(600)
    assert live.reading().elapsed == pytest.approx(300)
    assert live.agenda()[0].actual_seconds == pytest.approx(300), "its recorded duration is unchanged"
    timings = {timing.item.title: timing for timing in live.schedule().items}
    later = timings[agenda[1].title]
    assert not later.done and later.interrupted, "a later item is not ticked as done"
    # Forward again to the interrupted item: it does not restart by itself either.
    live.step(+1)
    assert not live.reading().running
    assert live.reading().elapsed == pytest.approx(120)

def test_moving_while_paused_starts_nothing(live: LiveWorkshop, clock: FakeClock) -> None:
    live.step(+1)
    clock.advance(30)
    assert live.current().title == "Valeurs"
    assert live.current().actual_start is None
    assert not live.reading().running
    assert all(item.actual_seconds is None for item in live.agenda())


def test_an_item_left_within_seconds_of_its_start_counts_as_skipped(live: LiveWorkshop, clock: FakeClock) -> None:
    live.start()
    clock.advance(400)
    live.step(+1)  # Valeurs starts
    clock.advance(SKIP_SECONDS - 2)
    live.step(+1)  # ...and is left at once: skipped
    valeurs = live.agenda()[1]
    assert valeurs.actual_start is None
    assert valeurs.actual_seconds is None
    assert valeurs.timer_state.elapsed_before == 0
    assert live.current().title == "Clôture"
    assert live.reading().running


def test_the_ends_of_the_agenda_stay_put(live: LiveWorkshop) -> None:
    assert live.step(-1).title == "Accueil"
    live.step(+1)
    live.step(+1)
    assert live.step(+1).title == "Clôture"
    assert live.next_item() is None
    assert live.position() == (3, 3)


def test_an_item_of_another_workshop_is_refused(live: LiveWorkshop, project: Project) -> None:
    other = project.add_workshop("Autre atelier")
    stranger = project.add_agenda_item(other.id, "free", "Ailleurs", 5)
    with pytest.raises(ValidationError):
        live.go_to(stranger.id)


def test_adjust_is_saved(live: LiveWorkshop, project: Project, project_path: Path, clock: FakeClock) -> None:
    live.adjust(+1)
    live.adjust(+1)
    live.adjust(-1)
    assert live.reading().display == "21:00"
    assert live.current().timer_state.extra_seconds == 60


def test_the_bell_is_due_once_and_remembered(live: LiveWorkshop, clock: FakeClock) -> None:
    live.start()
    clock.advance(20 * 60 + 1)
    assert live.bell_due()
    assert not live.bell_due()
    assert live.current().timer_state.bell_rung


def test_current_item_and_running_timer_survive_a_restart(
    project: Project, project_path: Path, workshop_id: int, clock: FakeClock
) -> None:
    live = LiveWorkshop(project, workshop_id, clock)
    live.start()
    clock.advance(200)
    live.step(+1)
    clock.advance(100)
    live.adjust(+1)
    project.close()  # the app is killed: everything was already on disk

    clock.advance(500)
    with Project.open(project_path) as reopened:
        again = LiveWorkshop(reopened, workshop_id, FakeClock(clock.now()))
        assert again.current().title == "Valeurs"
        reading = again.reading()
        assert reading.running
        assert reading.elapsed == pytest.approx(600)
        assert reading.display == "36:00"  # 45 + 1 - 10 min
        assert again.agenda()[0].actual_seconds == pytest.approx(200)


def test_an_empty_agenda_is_harmless(project: Project, clock: FakeClock) -> None:
    empty = project.add_workshop("Vide")
    live = LiveWorkshop(project, empty.id, clock)
    assert live.current() is None
    assert live.reading() is None
    assert live.position() == (0, 0)
    live.toggle()
    live.adjust(1)
    assert live.step(1) is None
    assert not live.bell_due()
    assert live.schedule().items == []


def test_a_removed_current_item_falls_back_to_the_first(live: LiveWorkshop, project: Project) -> None:
    live.step(+1)
    project.remove_agenda_item(live.current().id)
    assert live.current().title == "Accueil"


def test_notes_are_saved_on_the_current_item(live: LiveWorkshop) -> None:
    live.step(+1)
    live.set_notes("- **Important** : [red]Zoé[/]")
    assert live.agenda()[1].notes == "- **Important** : [red]Zoé[/]"


def test_a_new_planned_duration_applies_to_a_saved_timer(live: LiveWorkshop, project: Project, clock: FakeClock) -> None:
    live.start()
    live.adjust(+1)
    clock.advance(60)
    project.update_agenda_item(live.current().id, planned_minutes=30)  # changed while preparing
    assert live.reading().display == "30:00"  # 30 + 1 - 1
    assert live.reading().extra == 60


def test_minutes_taken_mid_item_count_the_running_timer(
    live: LiveWorkshop, project: Project, workshop_id: int, clock: FakeClock
) -> None:
    from workshop.minutes.blocks import Table
    from workshop.minutes.builder import build_minutes

    live.start()
    clock.advance(7 * 60)
    live.pause()  # saved: 7 min
    live.start()
    clock.advance(5 * 60)  # running, nothing saved since: 12 min spent now
    blocks = build_minutes(project, project.workshop(workshop_id), clock)
    agenda = next(b for b in blocks if isinstance(b, Table) and b.header[:2] == ("N°", "Séquence"))
    assert agenda.rows[0][1] == "Accueil" and agenda.rows[0][-1] == "12 min"
    stored = project.agenda(workshop_id)[0]
    assert stored.actual_seconds == 7 * 60, "building the minutes changes nothing in the project"
