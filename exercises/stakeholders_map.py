"""The map of stakeholders: motivation up, possible contribution across.

One picture, two renderings. `text_map` draws it in characters for the shared
screen (it reads at 80×24: each stakeholder is its number in the list, the
legend beside it gives the names); `grid_rows` gives the same grid as table
rows for the minutes, with the names in the cells. The middle lines split the
map into four readings (`stakeholders.quadrant`): involve, convince, associate,
keep an eye on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from exercises.stakeholders import (
    HIGH,
    RATINGS,
    Quadrant,
    Stakeholder,
    StakeholdersState,
    quadrant,
)
from workshop.i18n import t

LOW_COLUMNS = [r for r in RATINGS if r < HIGH]
HIGH_COLUMNS = [r for r in RATINGS if r >= HIGH]
MIN_CELL, MAX_CELL = 5, 14
EMPTY = "·"


@dataclass(frozen=True)
class Mark:
    """Where a stakeholder's number is drawn: line, first and past-last column."""

    line: int
    start: int
    end: int
    stakeholder_id: int


@dataclass(frozen=True)
class Picture:
    lines: tuple[str, ...]
    marks: tuple[Mark, ...]

    @property
    def width(self) -> int:
        return max((len(line) for line in self.lines), default=0)


def placed(state: StakeholdersState) -> dict[tuple[int, int], list[Stakeholder]]:
    """(motivation, contribution) -> the stakeholders rated so, in list order."""
    cells: dict[tuple[int, int], list[Stakeholder]] = {}
    for stakeholder in state.stakeholders:
        if stakeholder.rated:
            cells.setdefault((stakeholder.motivation, stakeholder.contribution), []).append(stakeholder)
    return cells


def unplaced(state: StakeholdersState) -> list[Stakeholder]:
    return [s for s in state.stakeholders if not s.rated]


def by_quadrant(state: StakeholdersState) -> dict[Quadrant, list[Stakeholder]]:
    found: dict[Quadrant, list[Stakeholder]] = {q: [] for q in Quadrant}
    for stakeholder in state.stakeholders:
        where = quadrant(stakeholder)
        if where is not None:
            found[where].append(stakeholder)
    return found


def cell_width_for(width: int) -> int:
    """The widest cell that lets the map fit in `width` columns."""
    return max(MIN_CELL, min(MAX_CELL, (width - 7) // len(RATINGS)))


def text_map(state: StakeholdersState, cell: int = 7, row_height: int = 1) -> Picture:
    """The map in characters, `5 * cell + 7` columns wide and `5 * row_height + 8` lines high.

    Each motivation takes `row_height` lines (more on a projector): a crowded
    cell goes on to the next line of its row before it sums up the rest as '+n'.
    """
    cell = max(MIN_CELL, cell)
    row_height = max(1, row_height)
    cells = placed(state)
    left, right = len(LOW_COLUMNS) * cell, len(HIGH_COLUMNS) * cell
    width = 7 + left + right
    lines: list[str] = []
    marks: list[Mark] = []
    lines.append(_fit(t("stakeholders.map.motivation_axis"), width))
    lines.append("      " + _centre(t("stakeholders.quadrant.associate"), left) + "│" + _centre(t("stakeholders.quadrant.engage"), right))
    for motivation in reversed(RATINGS):
        if motivation == HIGH - 1:
            lines.append("   ──┼" + "─" * left + "┼" + "─" * right)
        rows = [f"{motivation:>3}  │"] + ["     │"] * (row_height - 1)
        for contribution in RATINGS:
            contents = _cell(cells.get((motivation, contribution), []), state, cell, row_height)
            for offset, (text, drawn) in enumerate(contents):
                if contribution == HIGH:
                    rows[offset] += "│"
                start = len(rows[offset])
                for column, length, stakeholder_id in drawn:
                    marks.append(Mark(len(lines) + offset, start + column, start + column + length, stakeholder_id))
                rows[offset] += text
        lines.extend(row.rstrip() for row in rows)
    lines.append("     └" + "─" * left + "┴" + "─" * right)
    numbers = "".join(f"{r:<{cell}}" for r in LOW_COLUMNS) + " " + "".join(f"{r:<{cell}}" for r in HIGH_COLUMNS)
    lines.append("      " + numbers.rstrip())
    lines.append("      " + _centre(t("stakeholders.quadrant.monitor"), left) + "│" + _centre(t("stakeholders.quadrant.convince"), right))
    lines.append(_fit(t("stakeholders.map.contribution_axis"), width).rjust(width))
    return Picture(tuple(lines), tuple(marks))


def _cell(people: list[Stakeholder], state: StakeholdersState, width: int, height: int) -> list[tuple[str, list[tuple[int, int, int]]]]:
    """The numbers of the people in one cell over `height` lines, as many as fit, then '+n';
    for each line its text and where each number is on it."""
    lines: list[tuple[str, list[tuple[int, int, int]]]] = []
    numbers = [(str(state.number(s.id)), s.id) for s in people]
    index = 0
    for line_number in range(height):
        last = line_number == height - 1
        text = EMPTY if not numbers and line_number == 0 else ""
        drawn: list[tuple[int, int, int]] = []
        while index < len(numbers):
            number, stakeholder_id = numbers[index]
            rest = len(numbers) - index - 1
            room = width - 1 - len(text) - (len(f"+{rest}") + 1 if rest and last else 0)
            if len(number) > room:
                if last:
                    text += f"+{len(numbers) - index}"
                    index = len(numbers)
                break
            drawn.append((len(text), len(number), stakeholder_id))
            text += number + " "
            index += 1
        lines.append((f"{text:<{width}}"[:width], drawn))
    return lines


def _centre(text: str, width: int) -> str:
    return _fit(text, width).center(width)


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def grid_rows(state: StakeholdersState, name_of: Callable[[Stakeholder], str]) -> list[list[str]]:
    """The map as table rows for the minutes: one row per motivation, 5 first; names in the cells."""
    cells = placed(state)
    rows = []
    for motivation in reversed(RATINGS):
        row = [str(motivation)]
        for contribution in RATINGS:
            row.append("\n".join(name_of(s) for s in cells.get((motivation, contribution), [])))
        rows.append(row)
    return rows
