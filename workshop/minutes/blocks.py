"""The description of the minutes: a flat list of blocks both writers render.

Every `str` in a block is literal text (what a person typed): the writers escape
it so it can never add a heading, break a table or start a list. Only `Notes`
carries Markdown on purpose (the facilitator's notes), and the writers parse it.

How a block is laid out on paper (column widths, landscape pages, page breaks)
is the .docx writer's business; a block only says what it holds and, where the
reader needs it, what belongs together (a table and its caption).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False  # inline code (facilitator notes)
    link: str = ""  # a URL: the run is the text of a hyperlink (facilitator notes)


@dataclass(frozen=True)
class Heading:
    level: int  # 0 = document title, 1–3 = sections
    text: str


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    keep_with_next: bool = False  # a label that introduces what follows stays on its page

    @classmethod
    def of(cls, *parts: str | Run, keep_with_next: bool = False) -> Paragraph:
        """`Paragraph.of(Run("Lieu : ", bold=True), place)`: plain strings become plain runs."""
        return cls(tuple(p if isinstance(p, Run) else Run(p) for p in parts), keep_with_next)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)
    # Said before the table and kept on its page: what it shows, its unit, its legend.
    caption: str = ""
    total: tuple[str, ...] = ()  # a last row of totals, set apart
    wide: bool = False  # rather on a landscape page (a matrix, a register)

    @property
    def width(self) -> int:
        return max([len(self.header), len(self.total), *(len(row) for row in self.rows)])


@dataclass(frozen=True)
class Facts:
    """Label and value pairs: the header block of the minutes."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Contents:
    """The table of contents: the headings of levels 1 to `levels`, with their pages."""

    title: str
    levels: int = 2


@dataclass(frozen=True)
class PageBreak:
    """What follows starts on a new page (the .md has no pages: it writes nothing)."""


@dataclass(frozen=True)
class Notes:
    """Markdown written by the facilitator; its emphasis, lists and links are kept."""

    markdown: str


Block = Heading | Paragraph | BulletList | Table | Facts | Contents | PageBreak | Notes


@dataclass(frozen=True)
class DocumentInfo:
    """What a document says about itself: properties, running header, language."""

    title: str
    subject: str = ""
    author: str = ""
    lang: str = "fr"
    date: str = ""  # ISO date of what the document reports (the workshop's day)
    header: str = ""  # the running header at the top of every page
    landscape: bool = False  # every page landscape (the register)
    keywords: tuple[str, ...] = ()
    written: float | None = None  # when it is written, by the project's clock (None: not said)


def table(
    header: list[str] | tuple[str, ...],
    rows: list[list[str]] | list[tuple[str, ...]],
    caption: str = "",
    total: list[str] | tuple[str, ...] = (),
    wide: bool = False,
) -> Table:
    return Table(
        tuple(header),
        tuple(tuple(str(c) for c in row) for row in rows),
        caption=caption,
        total=tuple(str(c) for c in total),
        wide=wide,
    )


LINE_CHARACTERS = 95  # characters on one line across a portrait table, at the table text's size


def table_lines(table: Table) -> int:
    """About how many lines a table's rows take: a row's tallest cell, at least its text spread over one line's width."""
    lines = 0
    for row in table.rows:
        tallest = max((cell.count("\n") + 1 for cell in row), default=1)
        spread = -(-sum(len(cell) for cell in row) // LINE_CHARACTERS)
        lines += max(tallest, spread, 1)
    return lines


def bullets(items: list[str], ordered: bool = False) -> BulletList:
    return BulletList(tuple(items), ordered)


def cell_lines(items: list[str], empty: str = "—") -> str:
    """Several entries in one table cell, one per line, each marked so that they read apart."""
    if not items:
        return empty
    if len(items) == 1:
        return items[0]
    return "\n".join(f"• {item}" for item in items)


def facts(items: list[tuple[str, str]]) -> Facts:
    return Facts(tuple((label, value) for label, value in items if value))
