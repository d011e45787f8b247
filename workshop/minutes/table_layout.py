"""Column widths that never cut a word, as low a table as they can make, and when to turn the page.

A word processor breaks a word inside a cell only when the word is wider than
the cell. So each column first gets the width of its widest unbreakable piece
(a word, or the part of a hyphenated word up to its hyphen), measured with the
real advance widths of the table font (`font_widths`: Calibri / Carlito) at the
table's size, bold in the header and the totals. The rest of the page is then
given out step by step where it saves the most lines of the table's height,
lines counted the way a word processor wraps words (`_share`). A table whose
pieces do not fit side by side on a portrait page goes landscape.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from workshop.minutes import font_widths

TWIPS_PER_POINT = 20
CELL_MARGIN = 60  # twips: the left and the right margin of a cell (the table style's)
CELL_MARGINS = 2 * CELL_MARGIN
SAFETY = 1.06  # renderers round glyph positions; a word that just fits must not be cut
SLACK = 40  # twips, for the same reason
LINE_SAFETY = 1.0  # counting lines: the widths as measured (a wrong guess costs a line, never a cut word)
STEPS = 16  # how finely the spare width is given out
LOOKAHEAD = 4  # steps a column may take at once to save a line
GREEDY_ROWS, GREEDY_COLUMNS = 42, 6  # larger tables skip the step-by-step search
SAMPLE_ROWS = 80  # rows the search looks at in a long table (the longest ones among them)
# Breaks happen at spaces, and after a hyphen followed by a letter ("Saint-|Aubin").
_HYPHEN = re.compile(r"(?<=[^\W\d_]-)(?=[^\W\d_])")


@dataclass(frozen=True)
class TableLayout:
    widths: tuple[int, ...]  # twips
    landscape: bool


@lru_cache(maxsize=65536)
def _piece_units(piece: str, bold: bool) -> int:
    table = font_widths.BOLD if bold else font_widths.REGULAR
    average = font_widths.AVERAGE
    return sum(table.get(ord(ch), average) for ch in piece)


@lru_cache(maxsize=65536)
def _word_units(word: str, bold: bool) -> int:
    """The widest piece of a word that a line can never break."""
    if "-" not in word:
        return _piece_units(word, bold)
    return max(_piece_units(piece, bold) for piece in _HYPHEN.split(word))


def to_twips(units: float, size: float) -> int:
    return int(units * size * TWIPS_PER_POINT / font_widths.UNITS)


def text_twips(text: str, size: float, bold: bool = False) -> int:
    """The width of a text on one line."""
    return to_twips(_piece_units(text, bold), size)


_Cell = tuple[tuple[int, ...], ...]  # lines of word widths (font units)


def _measure(text: str, bold: bool) -> _Cell:
    lines = []
    for line in text.split("\n"):
        words = line.split()
        if words:
            lines.append(tuple(_piece_units(w, bold) for w in words))
    return tuple(lines)


def _lines(cell: _Cell, room: int, space: int) -> int:
    """How many lines a cell takes in a column `room` font units wide (words wrapped greedily)."""
    count = 0
    for words in cell:
        count += 1
        used = words[0]
        for word in words[1:]:
            if used + space + word <= room:
                used += space + word
            else:
                count += 1
                used = word
    return count or 1


@lru_cache(maxsize=65536)
def _pieces(text: str, bold: bool) -> int:
    """The widest unbreakable piece of a cell's text."""
    if bold:
        return max(map(_bold_word_units, text.split()), default=0)
    return max(map(_regular_word_units, text.split()), default=0)


def _regular_word_units(word: str) -> int:
    return _word_units(word, False)


def _bold_word_units(word: str) -> int:
    return _word_units(word, True)


def layout(
    header: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    portrait: int,
    landscape: int,
    size: float,
    total: tuple[str, ...] = (),
    wide: bool = False,
) -> TableLayout:
    """Widths (twips) for a table on a page `portrait` twips wide (or `landscape`)."""
    width = max([len(header), len(total), *(len(r) for r in rows)])
    padding = CELL_MARGINS + SLACK

    def cell(row: tuple[str, ...], index: int) -> str:
        return row[index] if index < len(row) else ""

    minimum = []
    for index in range(width):
        piece = max(
            [_pieces(cell(header, index), True), _pieces(cell(total, index), True)]
            + [_pieces(cell(row, index), False) for row in rows if cell(row, index)]
        )
        minimum.append(int(to_twips(piece, size) * SAFETY) + padding)
    turn = wide or sum(minimum) > portrait
    page = landscape if turn else portrait
    if sum(minimum) >= page:  # even the words do not fit: shrink in proportion (a very long word)
        widths = [max(1, page * low // sum(minimum)) for low in minimum]
        widths[-1] += page - sum(widths)
        return TableLayout(tuple(widths), turn)
    sample = _sample(rows)
    grid = [[_measure(cell(header, i), True) for i in range(width)]]
    grid += [[_measure(cell(row, i), False) for i in range(width)] for row in sample]
    if total:
        grid.append([_measure(cell(total, i), True) for i in range(width)])
    return TableLayout(tuple(_share(grid, minimum, page, size)), turn)


def _sample(rows: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    if len(rows) <= SAMPLE_ROWS:
        return rows
    # The longest rows decide the widths; a spread of the others keeps the typical ones in view.
    by_length = sorted(rows, key=lambda row: -sum(len(c) for c in row))
    step = len(rows) // (SAMPLE_ROWS // 2)
    return tuple(by_length[: SAMPLE_ROWS // 2]) + rows[::step][: SAMPLE_ROWS // 2]


def _share(grid: list[list[_Cell]], minimum: list[int], page: int, size: float) -> list[int]:
    """The widths, among a few ways of sharing the page, that make the table lowest.

    When every cell fits on one line side by side, the page is shared in
    proportion to the longest lines. Otherwise the candidates are: giving the
    spare width step by step where it saves the most lines (`_greedy`), and
    sharing it so that a given share of each column's cells (half, three
    quarters, nine in ten, all) fits on one line. Heights are counted the way a
    word processor wraps words.
    """
    space = font_widths.REGULAR[32]
    scale = size * TWIPS_PER_POINT * LINE_SAFETY / font_widths.UNITS  # font units -> twips
    one_line = [
        sorted(int(max((sum(words) + space * (len(words) - 1) for words in row[i]), default=0) * scale) + CELL_MARGINS for row in grid)
        for i in range(len(minimum))
    ]
    longest = [max(low, found[-1]) for low, found in zip(minimum, one_line, strict=True)]
    if sum(longest) <= page:
        return _fill(longest, minimum, page)  # one line per row: nothing to gain elsewhere
    cache: dict[tuple[int, int], list[int]] = {}

    def column_lines(index: int, twips: int) -> list[int]:
        key = (index, twips)
        if key not in cache:
            room = int((twips - CELL_MARGINS) / scale)
            cache[key] = [_lines(row[index], room, space) if row[index] else 1 for row in grid]
        return cache[key]

    def height(widths: list[int]) -> int:
        return sum(map(max, *(column_lines(i, w) for i, w in enumerate(widths)))) if len(widths) > 1 else sum(column_lines(0, widths[0]))

    # The step-by-step search is worth its time on the tables people read first (a few
    # columns, tens of rows); the long tables of the annexes share the page by their lines.
    candidates = [_greedy(minimum, page, column_lines)] if len(grid) <= GREEDY_ROWS and len(minimum) <= GREEDY_COLUMNS else []
    for share in (0.5, 0.75, 0.9):
        want = [max(low, found[min(len(found) - 1, int(len(found) * share))]) for low, found in zip(minimum, one_line, strict=True)]
        candidates.append(_fill(want, minimum, page))
    candidates.append(_fill(longest, minimum, page))
    return min(candidates, key=height)


def _fill(want: list[int], minimum: list[int], page: int) -> list[int]:
    """`want` brought to the page's width: the spare shared in proportion, or the growth cut back."""
    if sum(want) <= page:
        total = sum(want)
        widths = [w + (page - total) * w // total for w in want]
    else:
        spare = page - sum(minimum)
        growth = sum(w - low for w, low in zip(want, minimum, strict=True))
        widths = [low + (w - low) * spare // growth if growth else low for w, low in zip(want, minimum, strict=True)]
    widths[-1] += page - sum(widths)
    return widths


def _greedy(minimum: list[int], page: int, column_lines: Callable[[int, int], list[int]]) -> list[int]:
    """Give the spare width, step by step, where it saves the most lines of the table's height.

    A step goes to one column (up to `LOOKAHEAD` steps at once), or to two when
    a row's line is only saved by widening both; when no step saves a line any
    more, what is left is shared in proportion to the widths.
    """
    columns = len(minimum)
    widths = list(minimum)
    if columns == 1:
        return [page]
    lines = [column_lines(i, widths[i]) for i in range(columns)]
    spare = page - sum(widths)
    step = max(spare // STEPS, 20)
    while spare >= step:
        reach = min(LOOKAHEAD, spare // step)
        # The tallest cell of each row among the other columns, one list per column (and per pair).
        others = [list(map(max, *(lines[:i] + lines[i + 1 :]))) if columns > 2 else lines[1 - i] for i in range(columns)]
        current = sum(map(max, others[0], lines[0]))
        trials = {i: [column_lines(i, widths[i] + k * step) for k in range(1, reach + 1)] for i in range(columns)}
        best: tuple[tuple[int, int], ...] = ()
        best_rate = 0.0
        for index in range(columns):
            for k in range(1, reach + 1):
                saved = current - sum(map(max, others[index], trials[index][k - 1]))
                if saved > 0 and saved / k > best_rate:
                    best, best_rate = ((index, k),), saved / k
        if not best:
            for first in range(columns):
                for second in range(first + 1, columns):
                    rest = [lines[i] for i in range(columns) if i not in (first, second)]
                    for k in range(1, reach // 2 + 1):
                        found = sum(map(max, trials[first][k - 1], trials[second][k - 1], *rest))
                        saved = current - found
                        if saved > 0 and saved / (2 * k) > best_rate:
                            best, best_rate = ((first, k), (second, k)), saved / (2 * k)
        if not best:
            break  # no width left saves a line
        for index, k in best:
            widths[index] += k * step
            lines[index] = trials[index][k - 1]
            spare -= k * step
    total = sum(widths)
    widths = [w + spare * w // total for w in widths]
    widths[-1] += page - sum(widths)
    return widths
