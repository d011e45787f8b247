"""The agenda beside the live item: planned and actual start times, ahead or behind.

Fed with `workshop.schedule.Schedule` values (`show`); rows are updated in place
and only when their text changes, so refreshing it every second costs little.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from workshop.i18n import t
from workshop.schedule import Schedule, clock_time

BLANK_TIME = "  ·  "


class AgendaRow(Static):
    """One agenda item: marker, planned start, actual start, title (shown literally)."""

    def __init__(self, item_id: int) -> None:
        super().__init__("", markup=False)
        self.item_id = item_id
        self.text = ""


class AgendaSidebar(Vertical):
    DEFAULT_CSS = """
    AgendaSidebar {
        width: 36;
        height: 1fr;
        border-right: vkey $panel-lighten-2;
        padding: 0 1;
    }
    AgendaSidebar #agenda-heading { text-style: bold; color: $accent; }
    AgendaSidebar #agenda-columns { color: $text-muted; }
    AgendaSidebar #agenda-rows { height: 1fr; scrollbar-size-vertical: 1; }
    AgendaSidebar AgendaRow {
        height: 1;
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
        columns = f"  {t('cockpit.col_planned'):<5.5} {t('cockpit.col_actual'):<5.5}  {t('cockpit.col_item')}"
        yield Static(Content(columns), id="agenda-columns")
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
        for row, timing in zip(rows, schedule.items):
            marker = "▶" if timing.current else ("✓" if timing.done else " ")
            planned = clock_time(timing.planned_start) or BLANK_TIME
            actual = clock_time(timing.actual_start) or BLANK_TIME
            text = f"{marker} {planned} {actual}  {timing.item.title}"
            if text != row.text:
                row.text = text
                row.update(Content(text))
            row.set_class(timing.current, "-current")
            row.set_class(timing.done, "-done")
            if timing.current and timing.item.id != self._scrolled_to:
                self._scrolled_to = timing.item.id
                self.call_after_refresh(row.scroll_visible, animate=False)
        self._show_drift(schedule, has_start_time)

    def _show_drift(self, schedule: Schedule, has_start_time: bool) -> None:
        drift = self.query_one("#agenda-drift", Static)
        if schedule.drift is None:
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
