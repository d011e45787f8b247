"""The minutes as a Word document (.docx), with real Word styles.

The package is python-docx's own default template (styles Title, Heading 1–9,
List Bullet / List Number, Quote, Caption; its numbering definitions), read as
data, plus the styles the minutes need ("Table Text", "Compact Table", "toc 1",
"toc 2"), a running header and a footer "page X / Y". The body (`docx_body`),
the numbering instances, the hyperlink relationships and the document
properties are written as WordprocessingML text and zipped. Importing
python-docx and lxml, setting styles by name paragraph by paragraph and
`Table.cell()` lookups are what made a full-day workshop slow to export; the
tests read every document back with python-docx and render it with LibreOffice.

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

from workshop.i18n import t
from workshop.minutes.blocks import Block, DocumentInfo
from workshop.minutes.docx_body import LANDSCAPE_WIDTH, PORTRAIT_WIDTH, BodyWriter, escape
from workshop.minutes.safe_text import xml_safe
from workshop.minutes.table_layout import CELL_MARGIN

LANG_TAGS = {"fr": "fr-FR", "en": "en-GB"}
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HYPERLINK = f"{RELS}/hyperlink"
HEADER_REL, FOOTER_REL = "rIdAtelierHeader", "rIdAtelierFooter"
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})

# Styles added to the template's: restyling them in Word restyles every table and the contents.
EXTRA_STYLES = (
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="Table Text"/>'
    '<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    '<w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>'
    '<w:style w:type="table" w:customStyle="1" w:styleId="CompactTable"><w:name w:val="Compact Table"/>'
    '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
    '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>'
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>'
    '<w:top w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/><w:left w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
    '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/><w:right w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
    '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
    '</w:tblBorders><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tblPr/>'
    '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="DCE6F1"/></w:tcPr></w:tblStylePr></w:style>'
    '<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
    '<w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{width}"/></w:tabs>'
    '<w:spacing w:before="120" w:after="0"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="TOC2"><w:name w:val="toc 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
    '<w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{width}"/></w:tabs>'
    '<w:spacing w:before="0" w:after="0"/><w:ind w:left="284"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="TOC3"><w:name w:val="toc 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
    '<w:uiPriority w:val="39"/><w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{width}"/></w:tabs>'
    '<w:spacing w:before="0" w:after="0"/><w:ind w:left="567"/></w:pPr></w:style>'
)


def write_docx(blocks: list[Block], target: IO[bytes], info: DocumentInfo | None = None) -> None:
    """Write the document to an open binary file."""
    info = info or DocumentInfo(title="")
    template = _template()
    numbering = _Numbering(template)
    width = LANDSCAPE_WIDTH if info.landscape else PORTRAIT_WIDTH
    writer = BodyWriter(
        template.style_id, numbering.restart, numbering.link_id, HEADER_REL, FOOTER_REL, all_landscape=info.landscape
    )
    body = writer.render(blocks)
    parts = dict(template.parts)
    document = template.parts["word/document.xml"].decode("utf-8")
    head = document[: document.index("<w:body>")]
    parts["word/document.xml"] = f"{head}<w:body>{body}{writer.final_section()}</w:body></w:document>".encode()
    if numbering.new_nums:
        text = template.parts["word/numbering.xml"].decode("utf-8")
        cut = text.rindex("</w:numbering>")
        parts["word/numbering.xml"] = (text[:cut] + "".join(numbering.new_nums) + text[cut:]).encode()
    rels = template.parts["word/_rels/document.xml.rels"].decode("utf-8")
    cut = rels.rindex("</Relationships>")
    added = [
        f'<Relationship Id="{HEADER_REL}" Type="{RELS}/header" Target="header1.xml"/>',
        f'<Relationship Id="{FOOTER_REL}" Type="{RELS}/footer" Target="footer1.xml"/>',
    ]
    added += [
        f'<Relationship Id="{rel_id}" Type="{HYPERLINK}" Target="{_attribute(url)}" TargetMode="External"/>'
        for url, rel_id in numbering.links.items()
    ]
    parts["word/_rels/document.xml.rels"] = (rels[:cut] + "".join(added) + rels[cut:]).encode()
    parts["word/header1.xml"] = _header(info.header or info.title, width)
    parts["word/footer1.xml"] = _footer(width)
    parts["[Content_Types].xml"] = template.content_types
    parts["word/settings.xml"] = template.settings
    parts["word/styles.xml"] = template.styles_for(LANG_TAGS.get(info.lang, info.lang), width)
    parts["docProps/core.xml"] = _core_properties(info)
    order = [name for name in template.order if name != "docProps/thumbnail.jpeg"] + ["word/header1.xml", "word/footer1.xml"]
    parts["_rels/.rels"] = template.package_rels
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as package:
        for name in order:
            # The template's big style parts compress fast at level 1; the body at the default.
            level = 1 if len(parts[name]) > 100_000 and name != "word/document.xml" else 6
            package.writestr(name, parts[name], compresslevel=level)


def _attribute(text: str) -> str:
    return xml_safe(text).replace("\n", " ").translate(_ATTRIBUTE_ESCAPES)


def _header(text: str, width: int) -> bytes:
    line = " ".join(text.split())
    return (
        f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:hdr {_W}>"
        '<w:p><w:pPr><w:pStyle w:val="Header"/><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="A6A6A6"/></w:pBdr>'
        f'<w:tabs><w:tab w:val="clear" w:pos="4680"/><w:tab w:val="clear" w:pos="9360"/><w:tab w:val="right" w:pos="{width}"/></w:tabs></w:pPr>'
        f'<w:r><w:rPr><w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        "</w:hdr>"
    ).encode()


def _footer(width: int) -> bytes:
    """ "page X / Y" with PAGE and NUMPAGES fields, right-aligned."""
    look = '<w:rPr><w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>'

    def text(value: str) -> str:
        return f'<w:r>{look}<w:t xml:space="preserve">{escape(value)}</w:t></w:r>' if value else ""

    def field(name: str) -> str:
        return f'<w:fldSimple w:instr=" {name} "><w:r>{look}<w:t>1</w:t></w:r></w:fldSimple>'

    pattern = t("document.page_of")  # "page {page} / {pages}"
    runs = []
    for piece in re.split(r"(\{page\}|\{pages\})", pattern):
        if piece == "{page}":
            runs.append(field("PAGE"))
        elif piece == "{pages}":
            runs.append(field("NUMPAGES"))
        else:
            runs.append(text(piece))
    return (
        f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:ftr {_W}>"
        '<w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="right"/></w:pPr>'
        f"{''.join(runs)}</w:p></w:ftr>"
    ).encode()


def _core_properties(info: DocumentInfo) -> bytes:
    dates = ""
    if info.written is not None:
        when = datetime.datetime.fromtimestamp(info.written, datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        dates = (
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        )

    def one_line(text: str) -> str:
        return escape(" ".join(text.split())[:255])

    lang = LANG_TAGS.get(info.lang, info.lang)
    keywords = one_line(", ".join(info.keywords))
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{one_line(info.title)}</dc:title><dc:subject>{one_line(info.subject)}</dc:subject>"
        f"<dc:creator>{one_line(info.author or 'Atelier')}</dc:creator><cp:keywords>{keywords}</cp:keywords>"
        f"<dc:language>{lang}</dc:language><cp:lastModifiedBy>Atelier</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f"{dates}</cp:coreProperties>"
    ).encode()


class _Numbering:
    """The list instances and hyperlinks one document adds to the template's."""

    def __init__(self, template: _Template) -> None:
        self.template = template
        self.new_nums: list[str] = []
        self.links: dict[str, str] = {}  # URL -> relationship id
        self._next_num = template.max_num
        self._next_rel = template.max_rel

    def restart(self, style_name: str, start: int) -> int:
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
            for style_id, name in re.findall(r'<w:style [^>]*w:styleId="([^"]+)"[^>]*>\s*<w:name w:val="([^"]+)"', styles + EXTRA_STYLES)
        }
        self._style_nums: dict[str, str] = {}
        numbering = self.parts["word/numbering.xml"].decode("utf-8")
        self.abstract_of = dict(re.findall(r'<w:num w:numId="(\d+)"[^>]*>\s*<w:abstractNumId w:val="(\d+)"', numbering))
        self.max_num = max((int(n) for n in self.abstract_of), default=0)
        rels = self.parts["word/_rels/document.xml.rels"].decode("utf-8")
        self.max_rel = max((int(n) for n in re.findall(r'Id="rId(\d+)"', rels)), default=0)
        types = self.parts["[Content_Types].xml"].decode("utf-8")
        cut = types.rindex("</Types>")
        overrides = "".join(
            f'<Override PartName="/word/{name}1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{name}+xml"/>'
            for name in ("header", "footer")
        )
        self.content_types = (types[:cut] + overrides + types[cut:]).encode()
        settings = self.parts["word/settings.xml"].decode("utf-8")
        # Word refreshes the table of contents (and its page numbers) when it opens the document.
        self.settings = settings.replace("<w:defaultTabStop", '<w:updateFields w:val="true"/><w:defaultTabStop', 1).encode()
        package_rels = self.parts["_rels/.rels"].decode("utf-8")
        # The template's thumbnail pictures another document: left out.
        self.package_rels = re.sub(r"<Relationship [^>]*thumbnail[^>]*/>", "", package_rels).encode()

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
    def styles_for(self, lang: str, width: int) -> bytes:
        # The spelling language of the whole document (the template says en-US).
        styles = re.sub(
            r'(<w:docDefaults>.*?<w:lang w:val=")[^"]*(")', lambda m: m.group(1) + lang + m.group(2), self._styles, count=1, flags=re.S
        )
        # Body text a little tighter than the template's (10 pt, 6 pt after, 1.1 lines), a smaller title.
        styles = styles.replace('<w:spacing w:after="200" w:line="276" w:lineRule="auto"/>', '<w:spacing w:after="120" w:line="264" w:lineRule="auto"/>', 1)
        styles = styles.replace('<w:sz w:val="22"/>\n        <w:szCs w:val="22"/>', '<w:sz w:val="20"/>\n        <w:szCs w:val="20"/>', 1)
        # Less room above a part's heading (24 pt in the template).
        heading = styles.find('w:styleId="Heading1"')
        if heading >= 0:
            end = styles.find("</w:style>", heading)
            styles = styles[:heading] + styles[heading:end].replace('w:before="480"', 'w:before="280"') + styles[end:]
        for name in ("Heading2", "Heading3"):
            heading = styles.find(f'w:styleId="{name}"')
            if heading >= 0:
                end = styles.find("</w:style>", heading)
                styles = styles[:heading] + styles[heading:end].replace('w:before="200"', 'w:before="160"') + styles[end:]
        title = styles.find('w:styleId="Title"')
        if title >= 0:
            end = styles.find("</w:style>", title)
            styles = styles[:title] + styles[title:end].replace('w:val="52"', 'w:val="34"').replace('w:after="300"', 'w:after="160"') + styles[end:]
        cut = styles.rindex("</w:styles>")
        return (styles[:cut] + EXTRA_STYLES.replace("{width}", str(width)).replace("{CELL_MARGIN}", str(CELL_MARGIN)) + styles[cut:]).encode("utf-8")


@cache
def _template() -> _Template:
    spec = importlib.util.find_spec("docx")  # finds python-docx without importing it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("python-docx is not installed")
    return _Template(Path(next(iter(spec.submodule_search_locations))) / "templates" / "default.docx")
