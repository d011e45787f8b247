"""The minutes as Markdown (CommonMark with GFM tables).

Literal text is escaped so that it stays text; the facilitator's notes are
parsed (`notes.parse_notes`) and written back from the same blocks the .docx
writer uses, so both documents carry the same content. A heading of level n is
written with n + 1 `#` (the title is `#`).
"""

from __future__ import annotations

import re

from workshop.minutes.blocks import Block, BulletList, Heading, Notes, Paragraph, Run, Table
from workshop.minutes.notes import LINK_SCHEMES, NoteBlock, NoteCode, NoteHeading, NoteItem, NoteParagraph, parse_notes
from workshop.minutes.safe_text import md_cell, md_inline, md_line_start, md_one_line, md_paragraph, xml_safe

_BACKTICKS = re.compile(r"`+")
_URL_SPECIALS = re.compile(r"([\\()<>])")


def render_markdown(blocks: list[Block]) -> str:
    return _Writer().render(blocks)


class _Writer:
    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.level = 0  # the last heading's level: notes' headings go below it
        self.last_marker = ""  # the previous top-level list's marker, when the previous block was a list

    def render(self, blocks: list[Block]) -> str:
        for block in blocks:
            marker = ""
            if isinstance(block, Heading):
                self.level = block.level
                self.chunks.append("#" * (block.level + 1) + " " + md_one_line(block.text))
            elif isinstance(block, Paragraph):
                self.chunks.append(_runs(block.runs))
            elif isinstance(block, BulletList):
                marker = self._list(block)
            elif isinstance(block, Table):
                self.chunks.append(_table(block))
            elif isinstance(block, Notes):
                marker = self._notes(parse_notes(block.markdown, below=self.level))
            self.last_marker = marker
        return "\n\n".join(chunk for chunk in self.chunks if chunk) + "\n"

    def _marker(self, ordered: bool) -> str:
        # Two lists in a row with the same marker would merge into one list.
        first, other = (".", ")") if ordered else ("-", "*")
        return other if self.last_marker == first else first

    def _list(self, block: BulletList) -> str:
        marker = self._marker(block.ordered)
        lines = []
        for number, item in enumerate(block.items, start=1):
            prefix = f"{number}{marker} " if block.ordered else f"{marker} "
            lines.append(prefix + md_paragraph(item, continuation=" " * len(prefix)))
        self.chunks.append("\n".join(lines))
        return marker if block.items else ""

    def _notes(self, notes: list[NoteBlock]) -> str:
        widths: list[int] = []  # content offset added by each open list level
        markers: list[str] = []  # marker of each open list level
        top_marker = ""
        tight = False  # the previous chunk is a list item line the next item joins
        for block in notes:
            if isinstance(block, NoteItem):
                del widths[block.depth :], markers[block.depth :]
                if block.continued:
                    tight = False
                    indent = " " * sum(widths)
                    self.chunks.append(indent + _runs(block.runs, continuation=indent))
                    continue
                if block.first and block.depth == 1:
                    tight = False
                if block.first or len(markers) < block.depth:
                    if block.depth == 1:
                        top_marker = self._marker(block.ordered)
                        self.last_marker = top_marker
                    marker = top_marker if block.depth == 1 else ("." if block.ordered else "-")
                    markers[block.depth - 1 :] = [marker]
                marker = markers[block.depth - 1]
                prefix = f"{block.number}{marker} " if block.ordered else f"{marker} "
                indent = " " * sum(widths[: block.depth - 1])
                widths[block.depth - 1 :] = [len(prefix)]
                line = indent + prefix + _runs(block.runs, continuation=indent + " " * len(prefix))
                if tight:
                    self.chunks[-1] += "\n" + line  # a tight list: one item per line
                else:
                    self.chunks.append(line)
                tight = True
                continue
            widths, markers, top_marker, tight = [], [], "", False
            self.last_marker = ""
            if isinstance(block, NoteHeading):
                self.chunks.append("#" * (block.level + 1) + " " + md_one_line(block.text))
            elif isinstance(block, NoteParagraph):
                text = _runs(block.runs, continuation="> " if block.quote else "")
                self.chunks.append(("> " + text) if block.quote and text else text)
            elif isinstance(block, NoteCode):
                fence = "`" * max(3, 1 + max((len(m) for m in _BACKTICKS.findall(block.text)), default=0))
                self.chunks.append(f"{fence}\n{block.text}\n{fence}")
            elif isinstance(block, Table):
                self.chunks.append(_table(block))
        return top_marker


def _runs(runs: tuple[Run, ...], continuation: str = "") -> str:
    text = "".join(_run(run) for run in runs)
    lines = [line.strip(" \t") for line in text.split("\n")]
    return ("\\\n" + continuation).join(md_line_start(line) for line in lines if line)


def _run(run: Run) -> str:
    text = xml_safe(run.text)
    if run.code:
        body = " ".join(text.split("\n"))
        ticks = "`" * (1 + max((len(m) for m in _BACKTICKS.findall(body)), default=0))
        pad = " " if body.startswith("`") or body.endswith("`") or not body.strip() else ""
        lead, core, trail = "", f"{ticks}{pad}{body}{pad}{ticks}", ""
    else:
        stripped = text.strip()
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :] if stripped else ""
        mark = "*" * ((2 if run.bold else 0) + (1 if run.italic else 0)) if stripped else ""
        core = f"{mark}{md_inline(stripped)}{mark}"
    if run.link and _web(run.link) and core:
        return f"{lead}[{core}]({_url(run.link)}){trail}"
    if run.link and not _web(run.link):
        # Other targets (relative paths…) are written as text, as in the .docx.
        return f"{lead}{core}{trail} ({md_inline(xml_safe(run.link))})"
    return f"{lead}{core}{trail}"


def _web(url: str) -> bool:
    return url.startswith(LINK_SCHEMES)


def _url(url: str) -> str:
    return _URL_SPECIALS.sub(r"\\\1", xml_safe(url).replace(" ", "%20").replace("\n", "%0A"))


def _table(block: Table) -> str:
    width = max([len(block.header), *(len(row) for row in block.rows)])
    if width == 0:
        return ""

    def line(cells: tuple[str, ...]) -> str:
        padded = list(cells) + [""] * (width - len(cells))
        return "| " + " | ".join(md_cell(cell) for cell in padded) + " |"

    rows = [line(block.header), "| " + " | ".join(["---"] * width) + " |"]
    rows += [line(row) for row in block.rows]
    return "\n".join(rows)
