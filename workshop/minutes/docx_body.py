"""The body of a .docx: blocks as WordprocessingML text, in portrait and landscape sections.

Pages: A4, 2 cm margins. A table whose words cannot all stand side by side on a
portrait page (`table_layout`) is set on landscape pages, together with the
heading it belongs to; consecutive landscape parts share their pages. Every
table uses the "Compact Table" style with its paragraphs in "Table Text" (9 pt),
fixed column widths from `table_layout`, a header row repeated on each page,
rows that never split, and a caption kept on the page of its table.

The table of contents lists the headings with PAGEREF fields to bookmarks on
them: LibreOffice and Word both compute the page numbers (see `contents`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from workshop.minutes.blocks import (
    Block,
    BulletList,
    Contents,
    Facts,
    Heading,
    Notes,
    PageBreak,
    Paragraph,
    Run,
    Table,
    table_lines,
)
from workshop.minutes.notes import LINK_SCHEMES, NoteBlock, NoteCode, NoteHeading, NoteItem, NoteParagraph, parse_notes
from workshop.minutes.safe_text import xml_safe
from workshop.minutes.table_layout import CELL_MARGIN, CELL_MARGINS, TableLayout, layout, text_twips

# A4 with 2 cm margins left and right, 1.6 cm top and bottom, in twentieths of a point.
PAGE_SHORT, PAGE_LONG, MARGIN, MARGIN_TOP = 11906, 16838, 1134, 907
PORTRAIT_WIDTH = PAGE_SHORT - 2 * MARGIN
LANDSCAPE_WIDTH = PAGE_LONG - 2 * MARGIN
HEADER_DISTANCE = 397
TABLE_SIZE = 9  # points: "Table Text"
SMALL_TABLE = 15  # lines (`table_lines`): a table this short is kept on one page
CODE_FONT = "Consolas"
TABLE_STYLE, TABLE_TEXT, CAPTION = "Compact Table", "Table Text", "Caption"
HEADER_FILL = "DCE6F1"
TOTAL_FILL = "F2F2F2"

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_NUMBER = re.compile(r"^[−+-]?[\d\u00a0\u202f ]*[\d][\d\u00a0\u202f ,.]*(?:\s?[%h])?$")


def escape(text: str) -> str:
    return xml_safe(text).translate(_ESCAPES)


def section_properties(landscape: bool, header_rel: str = "", footer_rel: str = "", new_page: bool = True) -> str:
    references = ""
    if header_rel:
        references += f'<w:headerReference w:type="default" r:id="{header_rel}"/>'
    if footer_rel:
        references += f'<w:footerReference w:type="default" r:id="{footer_rel}"/>'
    kind = "" if new_page else '<w:type w:val="continuous"/>'
    size = (
        f'<w:pgSz w:w="{PAGE_LONG}" w:h="{PAGE_SHORT}" w:orient="landscape"/>'
        if landscape
        else f'<w:pgSz w:w="{PAGE_SHORT}" w:h="{PAGE_LONG}"/>'
    )
    return (
        f"<w:sectPr>{references}{kind}{size}"
        f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN}" w:bottom="{MARGIN_TOP}" w:left="{MARGIN}" '
        f'w:header="{HEADER_DISTANCE}" w:footer="{HEADER_DISTANCE}" w:gutter="0"/>'
        '<w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>'
    )


@dataclass
class _Unit:
    """A heading and what follows it, up to the next heading: laid out on one orientation."""

    blocks: list[Block] = field(default_factory=list)
    landscape: bool = False
    has_content: bool = False


class BodyWriter:
    """Blocks → the XML of `<w:body>` (without its final section properties: see `final_section`)."""

    def __init__(
        self,
        style_id: Callable[[str], str],
        numbering: Callable[[str, int], int],
        link_id: Callable[[str], str],
        header_rel: str = "",
        footer_rel: str = "",
        all_landscape: bool = False,
    ) -> None:
        self.style = style_id  # style name -> id
        self.restart_numbering = numbering  # (style name, start) -> numId
        self.link_id = link_id  # url -> relationship id
        self.header_rel, self.footer_rel = header_rel, footer_rel
        self.all_landscape = all_landscape
        self.parts: list[str] = []
        self.level = 0
        self.landscape = all_landscape
        self.page_break = False  # the next paragraph starts a new page
        self.bookmarks: dict[int, str] = {}  # id(heading) -> bookmark name
        self.toc: list[tuple[int, str, str]] = []  # (level, text, bookmark) of the headings the contents list
        self._layouts: dict[int, TableLayout] = {}
        self._bookmark_number = 0

    # The document --------------------------------------------------------------------------
    def render(self, blocks: list[Block]) -> str:
        self._prepare(blocks)
        units = self._units(blocks)
        for unit in units:
            if unit.landscape != self.landscape:
                self._end_section()
                self.landscape = unit.landscape
            for block in unit.blocks:
                self._block(block)
        return "".join(self.parts)

    def final_section(self) -> str:
        return section_properties(self.landscape, self.header_rel, self.footer_rel)

    def _prepare(self, blocks: list[Block]) -> None:
        levels = max((b.levels for b in blocks if isinstance(b, Contents)), default=0)
        for block in blocks:
            if isinstance(block, Table):
                portrait = LANDSCAPE_WIDTH if self.all_landscape else PORTRAIT_WIDTH
                self._layouts[id(block)] = layout(
                    block.header, block.rows, portrait, LANDSCAPE_WIDTH, TABLE_SIZE, block.total, block.wide
                )
            elif isinstance(block, Heading) and 1 <= block.level <= levels:
                self._bookmark_number += 1
                name = f"_Toc{self._bookmark_number:05d}"
                self.bookmarks[id(block)] = name
                self.toc.append((block.level, block.text, name))

    def _units(self, blocks: list[Block]) -> list[_Unit]:
        units: list[_Unit] = [_Unit()]
        for block in blocks:
            if isinstance(block, (Heading, Contents, PageBreak)) and units[-1].has_content:
                units.append(_Unit())
            unit = units[-1]
            unit.blocks.append(block)
            if not isinstance(block, Heading):
                unit.has_content = True
            if isinstance(block, Table) and self._layouts[id(block)].landscape:
                unit.landscape = True
                # What follows a wide table goes back to portrait pages.
                units.append(_Unit(has_content=True))
        units = [unit for unit in units if unit.blocks]
        if self.all_landscape:
            for unit in units:
                unit.landscape = True
        # A unit holding only headings (a part's title) goes with what follows it.
        for index in range(len(units) - 2, -1, -1):
            if not units[index].has_content:
                units[index].landscape = units[index + 1].landscape
        return units

    def _end_section(self) -> None:
        """Close the current section with an empty paragraph carrying its properties."""
        if not self.parts:
            return
        properties = section_properties(self.landscape, self.header_rel, self.footer_rel)
        self.parts.append(f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/>{properties}</w:pPr></w:p>')
        self.page_break = False  # a section break starts a new page already

    def _block(self, block: Block) -> None:
        if isinstance(block, Heading):
            self.level = block.level
            self.heading(block)
        elif isinstance(block, Paragraph):
            self.paragraph("", self.runs(block.runs), keep_next=block.keep_with_next)
        elif isinstance(block, BulletList):
            self.bullet_list(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Facts):
            self.facts(block)
        elif isinstance(block, Contents):
            self.contents(block)
        elif isinstance(block, PageBreak):
            if self.parts:
                self.page_break = True
        elif isinstance(block, Notes):
            self.notes(parse_notes(block.markdown, below=self.level))

    # Paragraphs --------------------------------------------------------------------------------
    def heading(self, block: Heading) -> None:
        style = "Title" if block.level == 0 else f"Heading {min(block.level, 9)}"
        runs = run_xml(Run(block.text))
        bookmark = self.bookmarks.get(id(block))
        if bookmark:
            number = bookmark[4:].lstrip("0") or "0"
            runs = f'<w:bookmarkStart w:id="{number}" w:name="{bookmark}"/>{runs}<w:bookmarkEnd w:id="{number}"/>'
        self.paragraph(style, runs)

    def paragraph(self, style_name: str, runs_xml: str, numbering: str = "", keep_next: bool = False, extra: str = "") -> None:
        style_id = self.style(style_name) if style_name else ""
        properties = f'<w:pStyle w:val="{style_id}"/>' if style_id else ""
        if keep_next:
            properties += "<w:keepNext/>"
        if self.page_break:
            properties += "<w:pageBreakBefore/>"
            self.page_break = False
        properties += numbering + extra
        self.parts.append(f"<w:p><w:pPr>{properties}</w:pPr>{runs_xml}</w:p>" if properties else f"<w:p>{runs_xml}</w:p>")

    def bullet_list(self, block: BulletList) -> None:
        style_name = "List Number" if block.ordered else "List Bullet"
        numbering = ""
        if block.ordered and block.items:
            numbering = num_pr(self.restart_numbering(style_name, 1))
        for item in block.items:
            self.paragraph(style_name, run_xml(Run(item)), numbering)

    def runs(self, runs: tuple[Run, ...]) -> str:
        out = []
        for run in runs:
            if run.link and run.link.startswith(LINK_SCHEMES):
                out.append(f'<w:hyperlink r:id="{self.link_id(run.link)}">{run_xml(run, link=True)}</w:hyperlink>')
            elif run.link:
                # Not a web or mail address (a relative path…): the text, then the target.
                out.append(run_xml(run) + run_xml(Run(f" ({run.link})")))
            else:
                out.append(run_xml(run))
        return "".join(out)

    def _flush_page_break(self) -> None:
        """A table cannot carry "page break before": an empty paragraph does it."""
        if self.page_break:
            self.page_break = False
            self.parts.append('<w:p><w:pPr><w:pageBreakBefore/><w:spacing w:before="0" w:after="0"/></w:pPr></w:p>')

    # Tables --------------------------------------------------------------------------------------
    def table(self, block: Table) -> None:
        width = block.width
        if width == 0:
            return
        if block.caption:
            self.paragraph(CAPTION, run_xml(Run(block.caption)), keep_next=True)
        elif self.parts and self.parts[-1].endswith("</w:tbl>"):
            # Word merges two tables that touch: keep an empty paragraph between them.
            self.parts.append("<w:p/>")
        self._flush_page_break()
        widths = self._layouts[id(block)].widths
        numeric = [_numeric_column(block, index) for index in range(width)]
        keep = table_lines(block) <= SMALL_TABLE  # a short table stays on one page
        parts = [self._table_start(widths, header=True)]
        parts.append(self._row(block.header, widths, numeric, header=True, keep=True))
        last = len(block.rows) - 1
        for number, row in enumerate(block.rows):
            parts.append(self._row(row, widths, numeric, keep=keep and (number < last or bool(block.total))))
        if block.total:
            parts.append(self._row(block.total, widths, numeric, total=True))
        parts.append("</w:tbl>")
        self.parts.append("".join(parts))

    def _table_start(self, widths: tuple[int, ...] | list[int], header: bool) -> str:
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        look = "04A0" if header else "0480"
        first_row = "1" if header else "0"
        return (
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.style(TABLE_STYLE)}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            '<w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
            f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
            f'<w:tblLook w:val="{look}" w:firstRow="{first_row}" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        )

    def _row(
        self,
        cells: tuple[str, ...],
        widths: tuple[int, ...] | list[int],
        numeric: list[bool],
        header: bool = False,
        total: bool = False,
        keep: bool = False,
    ) -> str:
        properties = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
        out = [f"<w:tr><w:trPr>{properties}</w:trPr>"]
        fill = HEADER_FILL if header else TOTAL_FILL if total else ""
        shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        style_id = self.style(TABLE_TEXT)
        for index, width in enumerate(widths):
            text = cells[index] if index < len(cells) else ""
            paragraph = f'<w:pStyle w:val="{style_id}"/>' if style_id else ""
            if keep:
                paragraph += "<w:keepNext/>"
            if numeric[index]:
                paragraph += '<w:jc w:val="right"/>'
            runs = run_xml(Run(text, bold=header or total)) if text else ""
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr><w:p><w:pPr>{paragraph}</w:pPr>{runs}</w:p></w:tc>')
        out.append("</w:tr>")
        return "".join(out)

    def facts(self, block: Facts) -> None:
        """The header block: labels in bold on the left, values on the right, no header row."""
        if not block.items:
            return
        self._flush_page_break()
        page = LANDSCAPE_WIDTH if self.landscape else PORTRAIT_WIDTH
        label = max(text_twips(label, TABLE_SIZE, bold=True) for label, _ in block.items) + CELL_MARGINS + 200
        label = min(label, page // 3)
        widths = (label, page - label)
        style_id = self.style(TABLE_TEXT)
        parts = [self._table_start(widths, header=False)]
        for name, value in block.items:
            parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{widths[0]}" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="{TOTAL_FILL}"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/><w:keepNext/></w:pPr>{run_xml(Run(name, bold=True))}</w:p></w:tc>'
                f'<w:tc><w:tcPr><w:tcW w:w="{widths[1]}" w:type="dxa"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/><w:keepNext/></w:pPr>{run_xml(Run(value))}</w:p></w:tc></w:tr>'
            )
        parts.append("</w:tbl>")
        self.parts.append("".join(parts))

    # The table of contents -------------------------------------------------------------------------
    def contents(self, block: Contents) -> None:
        """Each heading of levels 1–`levels` with a dot leader and a PAGEREF field to its bookmark.

        Not wrapped in a TOC field: LibreOffice shows a TOC field's saved result
        as it is (every page "1" here, since the pages are unknown when writing),
        while it lays out PAGEREF fields with the real pages. Word recomputes
        them too when it opens the document (`updateFields` in the settings).
        """
        self.paragraph("TOC Heading", run_xml(Run(block.title)))
        for level, text, mark in self.toc:
            if level > block.levels:
                continue
            entry = (
                f'<w:hyperlink w:anchor="{mark}" w:history="1">{run_xml(Run(text))}<w:r><w:tab/></w:r></w:hyperlink>'
                '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> PAGEREF {mark} \\h </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
            )
            self.paragraph(f"toc {level}", entry)

    # Facilitator notes -------------------------------------------------------------------------------
    def notes(self, notes: list[NoteBlock]) -> None:
        numbering: dict[int, str] = {}  # depth -> numPr of the open ordered list
        for block in notes:
            if isinstance(block, NoteItem):
                depth = min(block.depth, 3)
                suffix = "" if depth == 1 else f" {depth}"
                if block.continued:
                    self.paragraph(f"List Continue{suffix}", self.runs(block.runs))
                    continue
                style_name = ("List Number" if block.ordered else "List Bullet") + suffix
                if block.ordered and (block.first or depth not in numbering):
                    numbering[depth] = num_pr(self.restart_numbering(style_name, block.number))
                self.paragraph(style_name, self.runs(block.runs), numbering.get(depth, "") if block.ordered else "")
                continue
            numbering = {}
            if isinstance(block, NoteHeading):
                # As in the .md: a heading is its text (no emphasis, no link).
                self.heading(Heading(block.level, block.text))
            elif isinstance(block, NoteParagraph):
                self.paragraph("Quote" if block.quote else "", self.runs(block.runs))
            elif isinstance(block, NoteCode):
                self.paragraph("", run_xml(Run(block.text, code=True)))
            elif isinstance(block, Table):
                self._layouts[id(block)] = layout(
                    block.header, block.rows, LANDSCAPE_WIDTH if self.landscape else PORTRAIT_WIDTH, LANDSCAPE_WIDTH, TABLE_SIZE
                )
                self.table(block)


def _numeric_column(block: Table, index: int) -> bool:
    """A column of figures is right-aligned (its header too)."""
    seen = False
    for row in block.rows:
        cell = row[index] if index < len(row) else ""
        if not cell or cell == "—":
            continue
        if not _NUMBER.match(cell):
            return False
        seen = True
    return seen


def num_pr(num_id: int) -> str:
    return f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>' if num_id else ""


def run_xml(run: Run, link: bool = False) -> str:
    properties = []
    if run.code:
        properties.append(f'<w:rFonts w:ascii="{CODE_FONT}" w:hAnsi="{CODE_FONT}" w:cs="{CODE_FONT}"/>')
    if run.bold:
        properties.append("<w:b/>")
    if run.italic:
        properties.append("<w:i/>")
    if link:
        properties.append('<w:color w:val="0563C1"/><w:u w:val="single"/>')
    rpr = f"<w:rPr>{''.join(properties)}</w:rPr>" if properties else ""
    pieces = []
    for number, line in enumerate(escape(run.text).split("\n")):
        if number:
            pieces.append("<w:br/>")
        for part_number, part in enumerate(line.split("\t")):
            if part_number:
                pieces.append("<w:tab/>")
            if part:
                pieces.append(f'<w:t xml:space="preserve">{part}</w:t>')
    return f"<w:r>{rpr}{''.join(pieces)}</w:r>" if pieces else ""
