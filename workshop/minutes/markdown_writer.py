"""The minutes as Markdown (CommonMark with GFM tables).

Literal text is escaped so that it stays text; the facilitator's notes are
parsed (`notes.parse_notes`) and written back from the same blocks the .docx
writer uses, so both documents carry the same content. A heading of level n is
written with n + 1 `#` (the title is `#`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from workshop.minutes.blocks import (
    Block,
    BulletList,
    Contents,
    DocumentInfo,
    Facts,
    Heading,
    Notes,
    PageBreak,
    Paragraph,
    Run,
    Table,
)
from workshop.minutes.notes import LINK_SCHEMES, NoteBlock, NoteCode, NoteHeading, NoteItem, NoteParagraph, parse_notes
from workshop.minutes.safe_text import md_cell, md_inline, md_line_start, md_one_line, md_paragraph, xml_safe

_BACKTICKS = re.compile(r"`+")
_URL_SPECIALS = re.compile(r"([\\()<>])")
LANG_TAGS = {"fr": "fr-FR", "en": "en-GB"}
_SPACES = set("\t\n\x0b\x0c\r \xa0\u1680\u202f\u205f\u3000")


def render_markdown(blocks: list[Block], info: DocumentInfo | None = None) -> str:
    body = _Writer().render(blocks)
    return front_matter(info) + body if info is not None else body


def front_matter(info: DocumentInfo) -> str:
    """YAML front matter: title, date, language (what pandoc and static site tools read)."""
    fields = [("title", info.title), ("subject", info.subject), ("author", info.author), ("date", info.date), ("lang", LANG_TAGS.get(info.lang, info.lang))]
    if info.keywords:
        fields.append(("keywords", ", ".join(info.keywords)))
    lines = ["---"] + [f"{name}: {_yaml(value)}" for name, value in fields if value] + ["---", ""]
    return "\n".join(lines) + "\n"


def _yaml(text: str) -> str:
    # One double-quoted line; Markdown specials escaped too, since pandoc reads the values as Markdown.
    line = md_inline(" ".join(xml_safe(text).split()))
    return '"' + line.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Writer:
    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.level = 0  # the last heading's level: notes' headings go below it
        self.last_marker = ""  # the previous top-level list's marker, when the previous block was a list

    def render(self, blocks: list[Block]) -> str:
        headings = [b for b in blocks if isinstance(b, Heading)]
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
                if block.caption:
                    self.chunks.append(_runs((Run(block.caption, italic=True),)))
                self.chunks.append(_table(block))
            elif isinstance(block, Facts):
                self.chunks.append(_facts(block))
            elif isinstance(block, Contents):
                marker = self._contents(block, headings)
            elif isinstance(block, PageBreak):
                pass
            elif isinstance(block, Notes):
                marker = self._notes(parse_notes(block.markdown, below=self.level))
            self.last_marker = marker
        return "\n\n".join(chunk for chunk in self.chunks if chunk) + "\n"

    def _contents(self, block: Contents, headings: list[Heading]) -> str:
        """The contents as a nested list of the section titles (the .md has no pages)."""
        self.chunks.append(_runs((Run(block.title, bold=True),)))
        marker = self._marker(False)
        lines = []
        for heading in headings:
            if 1 <= heading.level <= block.levels:
                indent = "  " * (heading.level - 1)
                lines.append(f"{indent}{marker if heading.level == 1 else '-'} {md_line_start(md_one_line(heading.text))}")
        if lines:
            self.chunks.append("\n".join(lines))
            return marker
        return ""

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
    parts: list[str] = []
    merged = _merged(runs)
    for index, run in enumerate(merged):
        after = merged[index + 1].text[:1] if index + 1 < len(merged) else ""
        parts.append(_run(run, parts[-1][-1] if parts else "", after))
    lines = [line.strip(" \t") for line in "".join(parts).split("\n")]
    return ("\\\n" + continuation).join(md_line_start(line) for line in lines if line.strip())


def _merged(runs: tuple[Run, ...]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and not run.code and replace(merged[-1], text="") == replace(run, text=""):
            merged[-1] = replace(run, text=merged[-1].text + run.text)
        else:
            merged.append(run)
    return merged


def _is_space(ch: str) -> bool:
    # CommonMark's Unicode whitespace, as markdown-it reads it.
    return ch in _SPACES or "\u2000" <= ch <= "\u200a"


def _is_punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


# Punctuation that `md_inline` leaves as it is: it may stay inside emphasis.
_PLAIN_PUNCT = set(".,:;?%»«()'’\"…—–-/°+=@$€§")


def _flanking_ok(punct: str, beside: str) -> bool:
    """Whether a delimiter next to `punct` (inside) and `beside` (outside) still opens or closes."""
    return punct in _PLAIN_PUNCT and (not beside or _is_space(beside) or _is_punct(beside))


def _edges(text: str, before: str = "", after: str = "") -> tuple[str, str, str]:
    """Split off what must stay outside the emphasis marks: whitespace, and punctuation
    at an edge where a mark beside it would not open or close.

    CommonMark opens emphasis on `*` followed by a letter, or by punctuation when
    whitespace or punctuation is before it (and the other way round to close):
    "**60 %**" closes at the end of a line or before a space, not before a
    letter. `before` and `after` are the characters around the run ("" at the
    edge of a line or a cell).
    """
    start, end = 0, len(text)
    while start < end:
        ch = text[start]
        outside = text[start - 1] if start else before
        if not (_is_space(ch) or (_is_punct(ch) and not _flanking_ok(ch, outside))):
            break
        start += 1
    while end > start:
        ch = text[end - 1]
        outside = text[end] if end < len(text) else after
        if not (_is_space(ch) or (_is_punct(ch) and not _flanking_ok(ch, outside))):
            break
        end -= 1
    return text[:start], text[start:end], text[end:]


def _run(run: Run, before: str, after: str = "") -> str:
    text = xml_safe(run.text)
    if run.code:
        body = " ".join(text.split("\n"))
        ticks = "`" * (1 + max((len(m) for m in _BACKTICKS.findall(body)), default=0))
        pad = " " if body.startswith("`") or body.endswith("`") or not body.strip() else ""
        out = f"{ticks}{pad}{body}{pad}{ticks}"
    else:
        emphasis = run.bold or run.italic
        lead, core, trail = _edges(text, before, after) if emphasis else ("", text, "")
        # Right after another run's closing `*`, an opening one would merge with it.
        emphasis = emphasis and bool(core) and before != "*"
        mark = "*" * ((2 if run.bold else 0) + (1 if run.italic else 0)) if emphasis else ""
        out = f"{md_inline(lead)}{mark}{md_inline(core)}{mark}{md_inline(trail)}"
    if run.link and _web(run.link):
        return f"[{out}]({_url(run.link)})"
    if run.link:
        # Other targets (relative paths…) are written as text, as in the .docx.
        return f"{out} ({md_inline(xml_safe(run.link))})"
    return out


def _web(url: str) -> bool:
    return url.startswith(LINK_SCHEMES)


def _url(url: str) -> str:
    return _URL_SPECIALS.sub(r"\\\1", xml_safe(url).replace(" ", "%20").replace("\n", "%0A"))


def _table(block: Table) -> str:
    width = block.width
    if width == 0:
        return ""

    def line(cells: tuple[str, ...], strong: bool = False) -> str:
        padded = list(cells) + [""] * (width - len(cells))
        return "| " + " | ".join(_cell(cell, strong) for cell in padded) + " |"

    rows = [line(block.header), "| " + " | ".join(["---"] * width) + " |"]
    rows += [line(row) for row in block.rows]
    if block.total:
        rows.append(line(block.total, strong=True))
    return "\n".join(rows)


def _cell(text: str, strong: bool = False) -> str:
    if not strong or not text.strip():
        return md_cell(text)
    return _run(Run(" ".join(xml_safe(text).split()), bold=True), "", "")


def _facts(block: Facts) -> str:
    """A table without header (blank header cells: how GFM and pandoc write one)."""
    if not block.items:
        return ""
    rows = ["|  |  |", "| --- | --- |"]
    rows += [f"| {_cell(label, strong=True)} | {md_cell(value)} |" for label, value in block.items]
    return "\n".join(rows)
