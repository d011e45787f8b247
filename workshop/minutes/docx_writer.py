"""The minutes as a Word document (.docx), with real Word styles.

The package is python-docx's own default template (styles Title, Heading 1–9,
List Bullet / List Number, Quote, Table Grid; its numbering definitions), read
as data: the body, the numbering instances, the hyperlink relationships and the
document properties are written as WordprocessingML text and zipped. Importing
python-docx and lxml, setting styles by name paragraph by paragraph and
`Table.cell()` lookups are what made a full-day workshop slow to export; the
tests read every document back with python-docx.

Every piece of text goes through `xml_safe` (characters XML forbids become
U+FFFD) and is XML-escaped, so nothing a person typed can break the document.
"""

from __future__ import annotations

import datetime
import importlib.util
import re
import zipfile
from functools import cache
from pathlib import Path
from typing import IO

from workshop.minutes.blocks import Block, BulletList, Heading, Notes, Paragraph, Run, Table
from workshop.minutes.notes import LINK_SCHEMES, NoteBlock, NoteCode, NoteHeading, NoteItem, NoteParagraph, parse_notes
from workshop.minutes.safe_text import xml_safe

TABLE_STYLE = "Table Grid"
# A4 with 2.5 cm margins (the template is US Letter), in twentieths of a point.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 11906, 16838, 1418
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
CODE_FONT = "Consolas"
LANG_TAGS = {"fr": "fr-FR", "en": "en-GB"}
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
SECTION = (
    f'<w:sectPr><w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
    f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" w:header="709" w:footer="709" w:gutter="0"/>'
    '<w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr>'
)

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def write_docx(blocks: list[Block], target: IO[bytes], title: str = "", lang: str = "fr") -> None:
    """Write the minutes to an open binary file."""
    template = _template()
    writer = _BodyWriter(template)
    body = writer.render(blocks)
    parts = dict(template.parts)
    document = template.parts["word/document.xml"].decode("utf-8")
    head = document[: document.index("<w:body>")]
    parts["word/document.xml"] = f"{head}<w:body>{body}{SECTION}</w:body></w:document>".encode()
    if writer.new_nums:
        numbering = template.parts["word/numbering.xml"].decode("utf-8")
        cut = numbering.rindex("</w:numbering>")
        parts["word/numbering.xml"] = (numbering[:cut] + "".join(writer.new_nums) + numbering[cut:]).encode()
    if writer.links:
        rels = template.parts["word/_rels/document.xml.rels"].decode("utf-8")
        cut = rels.rindex("</Relationships>")
        added = "".join(
            f'<Relationship Id="{rel_id}" Type="{HYPERLINK}" Target="{_attribute(url)}" TargetMode="External"/>'
            for url, rel_id in writer.links.items()
        )
        parts["word/_rels/document.xml.rels"] = (rels[:cut] + added + rels[cut:]).encode()
    parts["word/styles.xml"] = template.styles_for(LANG_TAGS.get(lang, lang))
    parts["docProps/core.xml"] = _core_properties(title, LANG_TAGS.get(lang, lang))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as package:
        for name in template.order:
            # The template's big style parts compress fast at level 1; the body at the default.
            level = 1 if len(parts[name]) > 100_000 and name != "word/document.xml" else 6
            package.writestr(name, parts[name], compresslevel=level)


def _escape(text: str) -> str:
    return xml_safe(text).translate(_ESCAPES)


def _attribute(text: str) -> str:
    return xml_safe(text).replace("\n", " ").translate(_ATTRIBUTE_ESCAPES)


def _core_properties(title: str, lang: str) -> bytes:
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{_escape(' '.join(title.split())[:255])}</dc:title><dc:creator>Atelier</dc:creator>"
        f"<dc:language>{lang}</dc:language><cp:lastModifiedBy>Atelier</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


class _Template:
    """python-docx's default document, read once: its parts, style ids and list numbering."""

    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as package:
            self.order = package.namelist()
            self.parts = {name: package.read(name) for name in self.order}
        styles = self.parts["word/styles.xml"].decode("utf-8")
        self._styles = styles
        # name (lower case) -> style id; scanning only the style openings keeps this fast.
        self.style_ids = {
            name.lower(): style_id
            for style_id, name in re.findall(r'<w:style [^>]*w:styleId="([^"]+)"[^>]*>\s*<w:name w:val="([^"]+)"', styles)
        }
        self._style_nums: dict[str, str] = {}
        numbering = self.parts["word/numbering.xml"].decode("utf-8")
        self.abstract_of = dict(re.findall(r'<w:num w:numId="(\d+)"[^>]*>\s*<w:abstractNumId w:val="(\d+)"', numbering))
        self.max_num = max((int(n) for n in self.abstract_of), default=0)
        rels = self.parts["word/_rels/document.xml.rels"].decode("utf-8")
        self.max_rel = max((int(n) for n in re.findall(r'Id="rId(\d+)"', rels)), default=0)

    def style_id(self, name: str) -> str:
        return self.style_ids.get(name.lower(), "")

    def style_num(self, name: str) -> str:
        """The numbering instance a list style points at ('' when none)."""
        key = name.lower()
        if key not in self._style_nums:
            number = ""
            style_id = self.style_ids.get(key)
            if style_id:
                start = self._styles.find(f'w:styleId="{style_id}"')
                end = self._styles.find("</w:style>", start)
                found = re.search(r'<w:numId w:val="(\d+)"', self._styles[start:end])
                number = found.group(1) if found else ""
            self._style_nums[key] = number
        return self._style_nums[key]

    @cache  # noqa: B019 - one template for the whole process
    def styles_for(self, lang: str) -> bytes:
        # The spelling language of the whole document (the template says en-US).
        defaults = re.sub(
            r'(<w:docDefaults>.*?<w:lang w:val=")[^"]*(")', lambda m: m.group(1) + lang + m.group(2), self._styles, count=1, flags=re.S
        )
        return defaults.encode("utf-8")


@cache
def _template() -> _Template:
    spec = importlib.util.find_spec("docx")  # finds python-docx without importing it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("python-docx is not installed")
    return _Template(Path(next(iter(spec.submodule_search_locations))) / "templates" / "default.docx")


class _BodyWriter:
    def __init__(self, template: _Template) -> None:
        self.template = template
        self.parts: list[str] = []
        self.level = 0
        self.new_nums: list[str] = []
        self.links: dict[str, str] = {}  # URL -> relationship id
        self._next_num = template.max_num
        self._next_rel = template.max_rel

    # Styles, numbering and links --------------------------------------------------------
    def style(self, name: str) -> str:
        return self.template.style_id(name)

    def restart_numbering(self, style_name: str, start: int) -> int:
        """A new list instance of a numbered style, so that each list counts from `start`."""
        abstract = self.template.abstract_of.get(self.template.style_num(style_name))
        if abstract is None:
            return 0
        self._next_num += 1
        self.new_nums.append(
            f'<w:num w:numId="{self._next_num}"><w:abstractNumId w:val="{abstract}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>'
        )
        return self._next_num

    def link_id(self, url: str) -> str:
        if url not in self.links:
            self._next_rel += 1
            self.links[url] = f"rId{self._next_rel}"
        return self.links[url]

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
        columns = _column_widths(block, width)
        grid = "".join(f'<w:gridCol w:w="{column}"/>' for column in columns)
        cell_starts = [f'<w:tc><w:tcPr><w:tcW w:w="{column}" w:type="dxa"/></w:tcPr>' for column in columns]
        parts = [
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.style(TABLE_STYLE)}"/><w:tblW w:w="5000" w:type="pct"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>",
            # The header row repeats at the top of every page the table spans.
            "<w:tr><w:trPr><w:tblHeader/></w:trPr>",
        ]
        header = list(block.header) + [""] * (width - len(block.header))
        for index, cell in enumerate(header):
            parts.append(f"{cell_starts[index]}{_cell_paragraph(_run_xml(Run(cell, bold=True)))}</w:tc>")
        parts.append("</w:tr>")
        for row in block.rows:
            parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for index in range(width):
                text = row[index] if index < len(row) else ""
                parts.append(f"{cell_starts[index]}{_cell_paragraph(_run_xml(Run(text)) if text else '')}</w:tc>")
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
                # As in the .md: a heading is its text (no emphasis, no link).
                self.heading(block.level, _run_xml(Run(block.text)))
            elif isinstance(block, NoteParagraph):
                self.paragraph("Quote" if block.quote else "", self.runs(block.runs))
            elif isinstance(block, NoteCode):
                self.paragraph("", _run_xml(Run(block.text, code=True)))
            elif isinstance(block, Table):
                self.table(block)


CHAR_WIDTH, CELL_PADDING = 140, 260  # twips: a wide 11 pt character (fonts differ), a cell's margins


def _column_widths(block: Table, width: int, sample: int = 200) -> list[int]:
    """Column widths (twips) sharing the text width by what each column holds.

    Each column first gets room for its longest word (up to 18 characters), so
    that short columns (numbers, times) do not break their words; the rest of
    the width goes to the columns with long texts.
    """
    rows = [block.header, *block.rows[:sample]]
    minimum, wanted = [], []
    for index in range(width):
        cells = [row[index] for row in rows if index < len(row) and row[index]]
        longest_word = max((len(word) for cell in cells for word in cell.split()), default=1)
        mean = sum(min(len(cell), 200) for cell in cells) / len(cells) if cells else 1
        minimum.append(min(longest_word, 18) * CHAR_WIDTH + CELL_PADDING)
        wanted.append(max(minimum[-1], min(mean, 60) * CHAR_WIDTH + CELL_PADDING))
    if sum(minimum) >= TEXT_WIDTH:
        return [int(TEXT_WIDTH * m / sum(minimum)) for m in minimum]
    spare = TEXT_WIDTH - sum(minimum)
    growth = [w - m for w, m in zip(wanted, minimum)]
    if sum(growth) <= spare:  # everything fits: share what is left in proportion
        return [int(TEXT_WIDTH * w / sum(wanted)) for w in wanted]
    return [int(m + spare * g / sum(growth)) for m, g in zip(minimum, growth)]


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
