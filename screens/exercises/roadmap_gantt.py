"""The roadmap's timeline as a text Gantt: one row per action (then per milestone), one
column of three cells per month.

Drawn in a DataTable whose first column (what) stays put while the months scroll
sideways (←/→), so a plan of several years reads at 80 columns; the header gives
each month and, on January and the first month, its year. Today's month is marked.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from exercises.roadmap_timeline import Mark, Timeline, TimelineRow
from workshop.i18n import t
from workshop.proposals import Status

MONTH_WIDTH = 4
LABEL_WIDTH = (18, 40)  # the first column when the months scroll: at least, at most (a quarter of the screen between)
WIDE_LABEL = 70  # the first column when every month fits: what is left, up to this
STATUS_STYLES = {
    Status.TO_DO.value: "bold bright_blue",
    Status.IN_PROGRESS.value: "bold yellow",
    Status.DONE.value: "bold green",
    Status.DROPPED.value: "grey50",
    "": "grey50",  # a proposal not retained (yet)
}
LATE_STYLE = "bold red"
TODAY_STYLE = "on grey23"


class GanttTable(DataTable):
    """The timeline's table: ←/→ scroll a quarter, Maj+←/→ a year, Home/End to either end."""

    BINDINGS = [
        Binding("right", "scroll_months(3)", show=False),
        Binding("left", "scroll_months(-3)", show=False),
        Binding("shift+right", "scroll_months(12)", show=False),
        Binding("shift+left", "scroll_months(-12)", show=False),
        Binding("end", "scroll_months(10000)", show=False),
        Binding("home", "scroll_months(-10000)", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", fixed_columns=1, header_height=2, cell_padding=0)

    def action_scroll_months(self, months: int) -> None:
        target = max(0, min(self.max_scroll_x, self.scroll_x + months * MONTH_WIDTH))
        self.scroll_to(x=target, animate=False)


def label_width(screen_width: int, months: int) -> int:
    """The first column: what the months leave when they all fit, else a quarter of the screen."""
    left = screen_width - 4 - months * MONTH_WIDTH
    if left >= LABEL_WIDTH[1]:
        return min(WIDE_LABEL, left)
    return max(LABEL_WIDTH[0], min(LABEL_WIDTH[1], screen_width // 4))


def _label(row: TimelineRow, width: int) -> Text:
    if row.milestone:
        label = Text("◆ ", style="bold magenta")
    elif row.late:
        label = Text("⚠ ", style=LATE_STYLE)
    elif row.pilot:
        label = Text("★ ", style="bold yellow")
    else:
        label = Text("  ")
    label.append(row.label)
    label.truncate(width - 1, overflow="ellipsis")
    label.append(" ")
    return label


def _cell(row: TimelineRow, mark: str, today: bool) -> Text:
    style = LATE_STYLE if row.late else STATUS_STYLES.get(row.status, "")
    if mark == Mark.RUN:
        cell = Text("█" * MONTH_WIDTH, style=style)
    elif mark == Mark.START:
        cell = Text("▶".ljust(MONTH_WIDTH), style=style)
    elif mark == Mark.END:
        cell = Text("◀".rjust(MONTH_WIDTH), style=style)
    elif mark == Mark.MILESTONE:
        cell = Text(" ◆  ", style="bold magenta")
    else:
        cell = Text(" ·  " if today else " " * MONTH_WIDTH, style="grey50")
    if today:
        cell.stylize(TODAY_STYLE)
    return cell


def _header(year: int, month: int, first: bool, today: bool) -> Text:
    name = t(f"periods.initial.{month}")
    year_line = str(year) if first or month == 1 else ""
    header = Text(f"{name:<{MONTH_WIDTH}}\n{year_line:<{MONTH_WIDTH}}")
    if today:
        header.stylize("reverse bold")
    return header


def fill_gantt(table: DataTable, line: Timeline, screen_width: int) -> list[tuple[str, int]]:
    """Draw the timeline in `table`; returns what each row is: ("a", action id) or ("m", milestone id)."""
    table.clear(columns=True)
    width = label_width(screen_width, len(line.months))
    table.add_column(Text(t("roadmap.col.what"), style="bold"), width=width, key="what")
    for index, (year, month) in enumerate(line.months):
        table.add_column(_header(year, month, index == 0, index == line.today), width=MONTH_WIDTH, key=f"{year}-{month}")
    rows: list[tuple[str, int]] = []
    for row in line.rows:
        cells = [_cell(row, mark, index == line.today) for index, mark in enumerate(row.marks)]
        table.add_row(_label(row, width), *cells)
        rows.append(("m" if row.milestone else "a", row.entry_id))
    return rows
