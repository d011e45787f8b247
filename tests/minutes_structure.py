"""Reading the exported minutes back: the same outline from the .docx, the .md and the blocks.

An outline is a list of (kind, text) with kind in "h0".."h6", "p", "ul", "ol",
"table"; text is whitespace-normalised (a table's text is its rows, cells
joined by " | ", rows by " // "). The contents read as a list of the headings
they name; a table's caption is the paragraph before it; the .md's front matter
is read apart (`front_matter`).
"""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt

from workshop.minutes.blocks import Block, BulletList, Contents, Facts, Heading, Notes, Paragraph, Table
from workshop.minutes.notes import LINK_SCHEMES, NoteCode, NoteHeading, NoteItem, NoteParagraph, parse_notes
from workshop.minutes.safe_text import xml_safe

Outline = list[tuple[str, str]]


def norm(text: str) -> str:
    return " ".join(xml_safe(text).split())


def _table_text(rows: list[list[str]]) -> str:
    return " // ".join(" | ".join(norm(cell) for cell in row) for row in rows)


def _runs_text(runs) -> str:
    return "".join(r.text + (f" ({r.link})" if r.link and not r.link.startswith(LINK_SCHEMES) else "") for r in runs)


def outline_of_blocks(blocks: list[Block]) -> Outline:
    out: Outline = []
    level = 0
    headings = [b for b in blocks if isinstance(b, Heading)]
    for block in blocks:
        if isinstance(block, Heading):
            level = block.level
            out.append((f"h{block.level}", norm(block.text)))
        elif isinstance(block, Paragraph):
            out.append(("p", norm(block.text)))
        elif isinstance(block, BulletList):
            out += [("ol" if block.ordered else "ul", norm(item)) for item in block.items]
        elif isinstance(block, Table):
            if block.caption:
                out.append(("p", norm(block.caption)))
            width = block.width
            rows = [list(r) + [""] * (width - len(r)) for r in (block.header, *block.rows)]
            if block.total:
                rows.append(list(block.total) + [""] * (width - len(block.total)))
            out.append(("table", _table_text(rows)))
        elif isinstance(block, Facts):
            out.append(("table", _table_text([[label, value] for label, value in block.items])))
        elif isinstance(block, Contents):
            out.append(("p", norm(block.title)))
            out += [("ul", norm(h.text)) for h in headings if 1 <= h.level <= block.levels]
        elif isinstance(block, Notes):
            for note in parse_notes(block.markdown, below=level):
                if isinstance(note, NoteHeading):
                    out.append((f"h{note.level}", norm(note.text)))
                elif isinstance(note, NoteItem):
                    out.append(("p" if note.continued else "ol" if note.ordered else "ul", norm(_runs_text(note.runs))))
                elif isinstance(note, NoteParagraph):
                    out.append(("p", norm(_runs_text(note.runs))))
                elif isinstance(note, NoteCode):
                    out.append(("p", norm(note.text)))
                elif isinstance(note, Table):
                    out.append(("table", _table_text([list(note.header), *map(list, note.rows)])))
    return [(kind, text) for kind, text in out if text or kind == "table"]


def outline_of_docx(path: Path) -> Outline:
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    document = docx.Document(str(path))
    out: Outline = []
    for item in document.iter_inner_content():
        if isinstance(item, DocxTable):
            out.append(("table", _table_text([[cell.text for cell in row.cells] for row in item.rows])))
            continue
        assert isinstance(item, DocxParagraph)
        style = item.style.name
        if style == "Title":
            kind = "h0"
        elif style.startswith("Heading "):
            kind = "h" + style.split()[1]
        elif style.startswith("List Bullet") or style.startswith("toc "):
            kind = "ul"
        elif style.startswith("List Number"):
            kind = "ol"
        else:
            kind = "p"
        out.append((kind, norm(item.text)))
    return [(kind, text) for kind, text in out if text or kind == "table"]


def md_parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def _inline_text(token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "html_inline":
            assert child.content == "<br>", f"raw HTML from user text: {child.content!r}"
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
        else:
            parts.append(child.content)
    return "".join(parts)


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """The .md's YAML front matter (one `key: "value"` a line) and the body after it."""
    assert text.startswith("---\n"), "the .md starts with its front matter"
    head, _, body = text[4:].partition("\n---\n")
    fields = {}
    for line in head.split("\n"):
        key, _, value = line.partition(": ")
        assert value.startswith('"') and value.endswith('"'), line
        fields[key] = value[1:-1]
    return fields, body


def outline_of_markdown(text: str) -> Outline:
    if text.startswith("---\n"):
        text = front_matter(text)[1]
    out: Outline = []
    lists: list[str] = []
    heading = None
    table: list[list[str]] | None = None
    for token in md_parser().parse(text):
        kind = token.type
        if kind == "heading_open":
            heading = "h" + str(int(token.tag[1:]) - 1)
        elif kind == "heading_close":
            heading = None
        elif kind == "bullet_list_open":
            lists.append("ul")
        elif kind == "ordered_list_open":
            lists.append("ol")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            token_list = lists[-1]
            out.append((token_list, "\0pending"))
        elif kind == "table_open":
            table = []
        elif kind == "tr_open":
            table.append([])
        elif kind == "table_close":
            if table and not any(cell.strip() for cell in table[0]) and out and out[-1][0] == "h0":
                table = table[1:]  # the header block, under the title, is a table with blank header cells
            out.append(("table", _table_text(table)))
            table = None
        elif kind in ("fence", "code_block"):
            out.append(("p", norm(token.content)))
        elif kind == "html_block":
            raise AssertionError(f"raw HTML block from user text: {token.content!r}")
        elif kind == "hr":
            raise AssertionError("a thematic break appeared")
        elif kind == "inline":
            text_ = _inline_text(token)
            if table is not None:
                table[-1].append(text_)
            elif heading:
                out.append((heading, norm(text_)))
            elif out and out[-1][1] == "\0pending":
                out[-1] = (out[-1][0], norm(text_))
            else:
                out.append(("p", norm(text_)))
    return [(kind, "" if text == "\0pending" else text) for kind, text in out if (text and text != "\0pending") or kind == "table"]
