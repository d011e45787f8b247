"""The description of the minutes: a flat list of blocks both writers render.

Every `str` in a block is literal text (what a person typed): the writers escape
it so it can never add a heading, break a table or start a list. Only `Notes`
carries Markdown on purpose (the facilitator's notes), and the writers parse it.
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

    @classmethod
    def of(cls, *parts: str | Run) -> Paragraph:
        """`Paragraph.of(Run("Lieu : ", bold=True), place)`: plain strings become plain runs."""
        return cls(tuple(p if isinstance(p, Run) else Run(p) for p in parts))

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


@dataclass(frozen=True)
class Notes:
    """Markdown written by the facilitator; its emphasis, lists and links are kept."""

    markdown: str


Block = Heading | Paragraph | BulletList | Table | Notes


def table(header: list[str] | tuple[str, ...], rows: list[list[str]] | list[tuple[str, ...]]) -> Table:
    return Table(tuple(header), tuple(tuple(str(c) for c in row) for row in rows))


def bullets(items: list[str], ordered: bool = False) -> BulletList:
    return BulletList(tuple(items), ordered)


def cell_lines(items: list[str], empty: str = "—") -> str:
    """Several entries in one table cell, one per line, each marked so that they read apart."""
    if not items:
        return empty
    if len(items) == 1:
        return items[0]
    return "\n".join(f"• {item}" for item in items)
