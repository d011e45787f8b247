"""The minutes as a Word document (.docx), with real Word styles.

python-docx provides the package: its default template (styles Title,
Heading 1–9, List Bullet / List Number, Quote, Table Grid), the numbering part,
hyperlink relationships and saving. The body is written as WordprocessingML
text and parsed once: setting styles by name paragraph by paragraph and
`Table.cell()` lookups are python-docx's slow paths, and a full-day workshop
has thousands of paragraphs and table cells.

Every piece of text goes through `xml_safe` (characters XML forbids become
U+FFFD) and is XML-escaped, so nothing a person typed can break the document.
"""

from __future__ import annotations

import datetime
from typing import IO, TYPE_CHECKING

from workshop.minutes.blocks import Block, BulletList, Heading, Notes, Paragraph, Run, Table
from workshop.minutes.notes import LINK_SCHEMES, NoteBlock, NoteCode, NoteHeading, NoteItem, NoteParagraph, parse_notes
from workshop.minutes.safe_text import xml_safe

if TYPE_CHECKING:
    from docx.document import Document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NAMESPACES = f'xmlns:w="{W}" xmlns:r="{R}"'

TABLE_STYLE = "Table Grid"
# A4 with 2.5 cm margins (the template is US Letter), in twentieths of a point.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 11906, 16838, 1418
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
CODE_FONT = "Consolas"
LANG_TAGS = {"fr": "fr-FR", "en": "en-GB"}

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def write_docx(blocks: list[Block], target: IO[bytes], title: str = "", lang: str = "fr") -> None:
    """Write the minutes to an open binary file."""
    import docx

    document = docx.Document()
    writer = _BodyWriter(document)
    body_xml = writer.render(blocks)
    _replace_body(document, body_xml)
    _set_page_and_language(document, lang)
    properties = document.core_properties
    properties.title = xml_safe(title)[:255]
    properties.language = LANG_TAGS.get(lang, lang)
    properties.author = "Atelier"
    properties.created = properties.modified = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    document.save(target)


def _escape(text: str) -> str:
    return xml_safe(text).translate(_ESCAPES)


class _BodyWriter:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.parts: list[str] = []
        self.level = 0
        self._style_ids: dict[str, str] = {}
        self._numbering = None

    # Styles and numbering ------------------------------------------------------------
    def style(self, name: str) -> str:
        """The style id of a template style (ids are not always the name without spaces)."""
        style_id = self._style_ids.get(name)
        if style_id is None:
            try:
                style_id = self.document.styles[name].style_id
            except KeyError:
                style_id = ""
            self._style_ids[name] = style_id
        return style_id

    def restart_numbering(self, style_name: str, start: int) -> int:
        """A new list instance of a numbered style, so that each list counts from `start`."""
        from docx.oxml.ns import qn
        from docx.oxml.parser import parse_xml

        numbering = self.document.part.numbering_part.element
        style = self.document.styles[style_name].element
        num_ids = style.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        if not num_ids:
            return 0
        abstract = numbering.xpath(f'./w:num[@w:numId="{num_ids[0]}"]/w:abstractNumId/@w:val')
        if not abstract:
            return 0
        used = [int(n) for n in numbering.xpath("./w:num/@w:numId")]
        new_id = max(used, default=0) + 1
        num = parse_xml(
            f'<w:num {NAMESPACES} w:numId="{new_id}"><w:abstractNumId w:val="{abstract[0]}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
        )
        last = numbering.findall(qn("w:num"))
        if last:
            last[-1].addnext(num)
        else:
            numbering.append(num)
        return new_id

    def link_id(self, url: str) -> str:
        from docx.opc.constants import RELATIONSHIP_TYPE

        return self.document.part.relate_to(xml_safe(url), RELATIONSHIP_TYPE.HYPERLINK, is_external=True)

    # Blocks ----------------------------------------------------------------------------
    def render(self, blocks: list[Block]) -> str:
        for block in blocks:
            if isinstance(block, Heading):
                self.level = block.level
                self.heading(block.level, _run_xml(Run(block.text)))
            elif isinstance(block, Paragraph):
                self.paragraph("", self.runs(block.runs))
            elif isinstance(block, BulletList):
                self.bullet_list(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Notes):
                self.notes(parse_notes(block.markdown, below=self.level))
        return "".join(self.parts)

    def heading(self, level: int, runs_xml: str) -> None:
        self.paragraph("Title" if level == 0 else f"Heading {min(level, 9)}", runs_xml)

    def paragraph(self, style_name: str, runs_xml: str, numbering: str = "") -> None:
        properties = ""
        style_id = self.style(style_name) if style_name else ""
        if style_id or numbering:
            style = f'<w:pStyle w:val="{style_id}"/>' if style_id else ""
            properties = f"<w:pPr>{style}{numbering}</w:pPr>"
        self.parts.append(f"<w:p>{properties}{runs_xml}</w:p>")

    def bullet_list(self, block: BulletList) -> None:
        style_name = "List Number" if block.ordered else "List Bullet"
        numbering = ""
        if block.ordered and block.items:
            numbering = _num_pr(self.restart_numbering(style_name, 1))
        for item in block.items:
            self.paragraph(style_name, _run_xml(Run(item)), numbering)

    def runs(self, runs: tuple[Run, ...]) -> str:
        out = []
        for run in runs:
            if run.link and run.link.startswith(LINK_SCHEMES):
                out.append(f'<w:hyperlink r:id="{self.link_id(run.link)}">{_run_xml(run, link=True)}</w:hyperlink>')
            elif run.link:
                # Not a web or mail address (a relative path…): the text, then the target.
                out.append(_run_xml(run) + _run_xml(Run(f" ({run.link})")))
            else:
                out.append(_run_xml(run))
        return "".join(out)

    def table(self, block: Table) -> None:
        width = max([len(block.header), *(len(row) for row in block.rows)])
        if width == 0:
            return
        column = TEXT_WIDTH // width
        grid = "".join(f'<w:gridCol w:w="{column}"/>' for _ in range(width))
        cell_start = f'<w:tc><w:tcPr><w:tcW w:w="{column}" w:type="dxa"/></w:tcPr>'
        parts = [
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.style(TABLE_STYLE)}"/><w:tblW w:w="5000" w:type="pct"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>",
            # The header row repeats at the top of every page the table spans.
            "<w:tr><w:trPr><w:tblHeader/></w:trPr>",
        ]
        header = list(block.header) + [""] * (width - len(block.header))
        for cell in header:
            parts.append(f"{cell_start}{_cell_paragraph(_run_xml(Run(cell, bold=True)))}</w:tc>")
        parts.append("</w:tr>")
        for row in block.rows:
            parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for index in range(width):
                text = row[index] if index < len(row) else ""
                parts.append(f"{cell_start}{_cell_paragraph(_run_xml(Run(text)) if text else '')}</w:tc>")
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        if self.parts and self.parts[-1].endswith("</w:tbl>"):
            # Word merges two tables that touch: keep an empty paragraph between them.
            self.parts.append("<w:p/>")
        self.parts.append("".join(parts))

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
                    numbering[depth] = _num_pr(self.restart_numbering(style_name, block.number))
                self.paragraph(style_name, self.runs(block.runs), numbering.get(depth, "") if block.ordered else "")
                continue
            numbering = {}
            if isinstance(block, NoteHeading):
                self.heading(block.level, self.runs(block.runs))
            elif isinstance(block, NoteParagraph):
                self.paragraph("Quote" if block.quote else "", self.runs(block.runs))
            elif isinstance(block, NoteCode):
                self.paragraph("", _run_xml(Run(block.text, code=True)))
            elif isinstance(block, Table):
                self.table(block)


def _num_pr(num_id: int) -> str:
    return f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>' if num_id else ""


def _cell_paragraph(runs_xml: str) -> str:
    return f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>{runs_xml}</w:p>'


def _run_xml(run: Run, link: bool = False) -> str:
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
    for number, line in enumerate(_escape(run.text).split("\n")):
        if number:
            pieces.append("<w:br/>")
        for part_number, part in enumerate(line.split("\t")):
            if part_number:
                pieces.append("<w:tab/>")
            if part:
                pieces.append(f'<w:t xml:space="preserve">{part}</w:t>')
    return f"<w:r>{rpr}{''.join(pieces)}</w:r>" if pieces else ""


def _replace_body(document: Document, body_xml: str) -> None:
    from docx.oxml.parser import parse_xml

    body = document.element.body
    new_body = parse_xml(f"<w:body {NAMESPACES}>{body_xml}</w:body>")
    section = body.sectPr
    for child in list(new_body):
        if section is not None:
            section.addprevious(child)
        else:
            body.append(child)


def _set_page_and_language(document: Document, lang: str) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Twips

    section = document.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    section.left_margin = section.right_margin = Twips(MARGIN)
    section.top_margin = section.bottom_margin = Twips(MARGIN)
    # The spelling language of the whole document (the template says en-US).
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for element in defaults.iter(qn("w:lang")):
            element.set(qn("w:val"), LANG_TAGS.get(lang, lang))
