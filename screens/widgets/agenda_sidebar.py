"""The agenda beside the live item: planned and actual start times, ahead or behind.

Fed with `workshop.schedule.Schedule` values (`show`); rows are updated in place
and only when their text changes, so refreshing it every second costs little.

Each row's second line is three short columns under one legend (planned start,
actual start, time spent): at 80 columns the sidebar has 27 cells, and the
words "prévu … réel …" on every row cut off the actual time. A time spent is
plain, a planned duration is in brackets; the marks ▶ ✓ ‖ say current, done
and interrupted without colour.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from screens.formatting import format_date
from workshop.i18n import t
from workshop.schedule import ItemTiming, Schedule, clock_time

NO_TIME = "  —  "  # in place of a time: as wide as "14:05"

class AgendaRow(Static):
    """One agenda item: its title (shown literally), then its planned and actual start."""

    def __init__(self, item_id: int) -> None:
        super().__init__("", markup=False)
        self.item_id = item_id
        self.text = ""


class AgendaSidebar(Vertical):
    DEFAULT_CSS = """
    AgendaSidebar {
        width: 36%;
        min-width: 30;
        max-width: 48;
        height: 1fr;
        border-right: vkey $panel-lighten-2;
        padding: 0 1;
    }
    AgendaSidebar #agenda-heading { text-style: bold; color: $accent; }
    AgendaSidebar #agenda-legend { color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    AgendaSidebar .times { color: $text-muted; }
    AgendaSidebar #agenda-rows { height: 1fr; scrollbar-size-vertical: 1; }
    AgendaSidebar AgendaRow {
        height: 2;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    AgendaSidebar AgendaRow.-done { color: $text-muted; }
    AgendaSidebar AgendaRow.-current { background: $accent 30%; text-style: bold; }
    AgendaSidebar #agenda-drift { height: auto; margin-top: 1; text-style: bold; }
    AgendaSidebar #agenda-drift.-behind { color: $error; }
    AgendaSidebar #agenda-drift.-ahead { color: $success; }
    AgendaSidebar #agenda-drift.-idle { color: $text-muted; text-style: none; }
    """

    _scrolled_to = 0  # the current item's row was last brought into view

    def compose(self) -> ComposeResult:
        yield Static(Content(t("cockpit.agenda_heading")), id="agenda-heading")
        yield Static(Content(t("cockpit.agenda_legend")), id="agenda-legend")
        with VerticalScroll(id="agenda-rows", can_focus=False):
            pass
        yield Static("", id="agenda-drift", markup=False)

    def show(self, schedule: Schedule, has_start_time: bool = True) -> None:
        container = self.query_one("#agenda-rows", VerticalScroll)
        rows = list(container.query_children(AgendaRow))
        if [row.item_id for row in rows] != [timing.item.id for timing in schedule.items]:
            container.remove_children()
            rows = [AgendaRow(timing.item.id) for timing in schedule.items]
            container.mount_all(rows)
        for row, timing in zip(rows, schedule.items, strict=True):
            marker = "▶" if timing.current else ("✓" if timing.done else ("‖" if timing.interrupted else " "))
            times = _times(timing)
            text = f"{marker} {timing.item.title}\n  {times}"
            if text != row.text:
                row.text = text
                row.update(Content.assemble(f"{marker} ", timing.item.title, "\n", (f"  {times}", "dim")))
            row.set_class(timing.current, "-current")
            row.set_class(timing.done, "-done")
            if timing.current and timing.item.id != self._scrolled_to:
                self._scrolled_to = timing.item.id
                self.call_after_refresh(row.scroll_visible, animate=False)
        self._show_drift(schedule, has_start_time)

    def _show_drift(self, schedule: Schedule, has_start_time: bool) -> None:
        drift = self.query_one("#agenda-drift", Static)
        if schedule.drift is None and schedule.run_earlier:
            day = schedule.day.isoformat() if schedule.day else ""
            text = t("cockpit.run_earlier", date=format_date(day))
        elif schedule.drift is None:
            text = t("cockpit.not_running") if has_start_time else t("cockpit.no_start_time")
        elif schedule.behind:
            text = t("cockpit.behind", duration=_duration(schedule.drift_minutes))
        elif schedule.ahead:
            text = t("cockpit.ahead", duration=_duration(schedule.drift_minutes))
        else:
            text = t("cockpit.on_time")
        drift.update(Content(text))
        drift.set_class(schedule.behind, "-behind")
        drift.set_class(schedule.ahead, "-ahead")
        drift.set_class(schedule.drift is None, "-idle")


def _duration(minutes: int) -> str:
    """'12 min', or '4 h 05' from an hour on."""
    if minutes < 60:
        return t("cockpit.duration_minutes", minutes=minutes)
    hours, rest = divmod(minutes, 60)
    return t("cockpit.duration_hours", hours=hours, minutes=rest)


def _times(timing: ItemTiming) -> str:
    """'14:00  14:05  22 min': planned start, actual start, time spent; or the
    planned duration in brackets, '14:20    —    (45 min)', for an item not run."""
    planned = clock_time(timing.planned_start) if timing.planned_start is not None else NO_TIME
    actual = clock_time(timing.actual_start) if timing.actual_start is not None else NO_TIME
    if timing.spent > 0:
        duration = _duration(round(timing.spent / 60))
    else:
        duration = t("cockpit.planned_duration", duration=_duration(timing.item.planned_minutes))
    return f"{planned}  {actual}  {duration}"
