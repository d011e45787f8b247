"""Facilitator notes: Markdown parsed once into blocks both writers render alike.

The notes keep their emphasis, lists, links, quotes and code; their headings are
demoted below the heading they sit under (`below`), so a `# Title` in the notes
of an agenda item never competes with the minutes' own sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from workshop.minutes.blocks import Run, Table
from workshop.minutes.safe_text import xml_safe

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Links to these become hyperlinks; others (relative paths…) are written as "text (target)".
LINK_SCHEMES = ("http://", "https://", "mailto:")
MAX_HEADING = 5  # Markdown writes level n with n + 1 `#` and has six levels; the .docx follows the same cap


@dataclass(frozen=True)
class NoteParagraph:
    runs: tuple[Run, ...]
    quote: bool = False


@dataclass(frozen=True)
class NoteItem:
    """One paragraph of a list item; `first` starts a new list (numbering restarts)."""

    runs: tuple[Run, ...]
    ordered: bool
    depth: int  # 1 = top level
    number: int = 1  # its number, in an ordered list
    first: bool = False
    continued: bool = False  # a further paragraph of the same item: no bullet of its own


@dataclass(frozen=True)
class NoteCode:
    text: str


@dataclass(frozen=True)
class NoteHeading:
    level: int
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


NoteBlock = NoteHeading | NoteParagraph | NoteItem | NoteCode | Table


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # No raw HTML: a `<script>` in the notes stays visible text.
    return MarkdownIt("commonmark", {"html": False}).enable("table")


# Notes without any of these are plain paragraphs: they need no parser (markdown-it
# costs a fifth of a headless export's time). Anything that could be Markdown,
# or whitespace other than spaces and newlines, goes through markdown-it; no-break
# spaces (French typography puts them before ":") are text to CommonMark.
_MAYBE_MARKDOWN = re.compile(r"[\\`*_\[\]<>!#|&~]|^ *(?:[-+=]|\d{1,9}[.)])|^ {4}|[^\S \n\u00a0\u202f]", re.M)


def parse_notes(markdown: str, below: int = 0) -> list[NoteBlock]:
    """The notes as blocks; their headings start at level `below + 1`."""
    return list(_parse(markdown, below))


@lru_cache(maxsize=256)  # the .md and the .docx of one export parse the same notes
def _parse(markdown: str, below: int) -> tuple[NoteBlock, ...]:
    text = xml_safe(markdown)
    if not text.strip():
        return ()
    if not _MAYBE_MARKDOWN.search(text):
        return tuple(_plain_paragraphs(text))
    return tuple(_Converter(below).convert(_parser().parse(text)))


def _plain_paragraphs(text: str) -> list[NoteBlock]:
    """What CommonMark makes of text without any markup: paragraphs, soft and hard breaks."""
    blocks: list[NoteBlock] = []
    for chunk in re.split(r"\n(?: *\n)+", text):
        lines = chunk.split("\n")
        parts: list[str] = []
        for index, line in enumerate(lines):
            content = line.strip(" ")
            if not content:
                continue
            if parts:
                parts.append("\n" if lines[index - 1].endswith("  ") else " ")
            parts.append(content)
        # markdown-it trims a paragraph of every kind of space at its ends (no-break ones too).
        paragraph = "".join(parts).strip()
        if paragraph:
            blocks.append(NoteParagraph((Run(paragraph),)))
    return blocks


def demoted(level: int, below: int) -> int:
    return min(MAX_HEADING, max(1, below + level))


@dataclass
class _OpenList:
    """A list the converter is inside of."""

    ordered: bool
    number: int  # the number of the current (or next) item
    first_pending: bool = True  # no item paragraph written yet: the next one starts the list
    paragraphs: int = 0  # paragraphs written in the current item


class _Converter:
    def __init__(self, below: int) -> None:
        self.below = below
        self.blocks: list[NoteBlock] = []
        self.lists: list[_OpenList] = []  # one per open list, innermost last
        self.quote = 0
        self.table: list[list[str]] | None = None
        self.heading: int | None = None

    def convert(self, tokens: list[Token]) -> list[NoteBlock]:
        for token in tokens:
            kind = token.type
            if kind == "heading_open":
                self.heading = int(token.tag[1:])
            elif kind == "heading_close":
                self.heading = None
            elif kind in ("bullet_list_open", "ordered_list_open"):
                start = int(token.attrs.get("start", 1) or 1) if kind == "ordered_list_open" else 1
                self.lists.append(_OpenList(kind == "ordered_list_open", start))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind == "list_item_open":
                self.lists[-1].paragraphs = 0
            elif kind == "list_item_close":
                self.lists[-1].number += 1
            elif kind == "blockquote_open":
                self.quote += 1
            elif kind == "blockquote_close":
                self.quote -= 1
            elif kind in ("fence", "code_block"):
                self.blocks.append(NoteCode(token.content.rstrip("\n")))
            elif kind == "table_open":
                self.table = []
            elif kind == "tr_open" and self.table is not None:
                self.table.append([])
            elif kind == "table_close" and self.table is not None:
                rows = self.table or [[]]
                width = max(len(r) for r in rows)
                padded = [tuple(r + [""] * (width - len(r))) for r in rows]
                self.blocks.append(Table(padded[0], tuple(padded[1:])))
                self.table = None
            elif kind == "inline":
                self._inline(token)
        return self.blocks

    def _inline(self, token: Token) -> None:
        runs = _runs(token.children or [])
        if self.table is not None:
            self.table[-1].append("".join(r.text for r in runs))
        elif self.heading is not None:
            self.blocks.append(NoteHeading(demoted(self.heading, self.below), runs))
        elif self.lists:
            current = self.lists[-1]
            first = current.first_pending and not current.paragraphs
            self.blocks.append(NoteItem(runs, current.ordered, len(self.lists), current.number, first, current.paragraphs > 0))
            current.first_pending = False
            current.paragraphs += 1
        else:
            self.blocks.append(NoteParagraph(runs, quote=self.quote > 0))


def _runs(children: list[Token]) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = 0
    link = ""

    def add(text: str, code: bool = False, href: str | None = None) -> None:
        target = link if href is None else href
        run = Run(text, bold=bold > 0, italic=italic > 0, code=code, link=target)
        if runs and not code and not runs[-1].code and (runs[-1].bold, runs[-1].italic, runs[-1].link) == (run.bold, run.italic, run.link):
            runs[-1] = Run(runs[-1].text + text, run.bold, run.italic, False, run.link)
        else:
            runs.append(run)

    for child in children:
        kind = child.type
        if kind in ("text", "text_special"):
            add(child.content)
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            add("\n")
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "code_inline":
            add(child.content, code=True)
        elif kind == "link_open":
            link = str(child.attrs.get("href", ""))
        elif kind == "link_close":
            link = ""
        elif kind == "image":
            add(child.content or str(child.attrs.get("src", "")), href=str(child.attrs.get("src", "")))
        else:
            add(child.content)
    return tuple(r for r in runs if r.text)
