"""Round trip: the demo's run workshop exported, read back from the .docx and the .md."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from tests.minutes_structure import front_matter, md_parser, outline_of_blocks, outline_of_docx, outline_of_markdown
from workshop.demo import AGENDA
from workshop.i18n import set_language
from workshop.minutes.blocks import Facts, Table
from workshop.minutes.builder import build_minutes
from workshop.minutes.command import latest_held
from workshop.minutes.export import ExportTargets, export_minutes
from workshop.minutes.snapshot import open_snapshot
from workshop.project import Project

NOTES = """# Ce qui s'est dit

Un tour **très riche** et *apaisé*, voir [le site](https://example.org/coop?a=1&b=2).

- premier point
- second point avec `code`
  1. sous-point numéroté
  2. un autre

1. décision A
2. décision B

> Une citation.
"""


@pytest.fixture
def exported(demo_path: Path, tmp_path: Path) -> tuple[Project, list, Path, Path]:
    with Project.open(demo_path) as project:
        workshop = latest_held(project, project.workshops())
        first = project.agenda(workshop.id)[0]
        project.update_agenda_item(first.id, notes=NOTES)
    project = open_snapshot(demo_path)
    workshop = latest_held(project, project.workshops())
    targets = ExportTargets(tmp_path / "cr.docx", tmp_path / "cr.md")
    export_minutes(project, workshop, targets)
    return project, build_minutes(project, workshop), targets.docx, targets.markdown


def test_docx_and_markdown_carry_the_same_outline_as_the_description(exported) -> None:
    _project, blocks, docx_path, md_path = exported
    expected = outline_of_blocks(blocks)
    assert outline_of_docx(docx_path) == expected
    assert outline_of_markdown(md_path.read_text(encoding="utf-8")) == expected


def test_english_minutes_carry_the_same_outline_too(demo_path: Path, tmp_path: Path) -> None:
    set_language("en")
    project = open_snapshot(demo_path)
    workshop = latest_held(project, project.workshops())
    targets = ExportTargets(tmp_path / "minutes.docx", tmp_path / "minutes.md")
    export_minutes(project, workshop, targets)
    blocks = build_minutes(project, workshop)
    expected = outline_of_blocks(blocks)
    assert outline_of_docx(targets.docx) == expected
    assert outline_of_markdown(targets.markdown.read_text(encoding="utf-8")) == expected
    headings = [text for kind, text in expected if kind.startswith("h")]
    assert "SWOT grid: Les Jardins de Montreuil" in headings
    assert "Cooperation, an answer to the weaknesses and threats?" in headings


def test_docx_uses_word_styles(exported) -> None:
    project, _blocks, docx_path, _md = exported
    document = docx.Document(str(docx_path))
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert styles[0] == ("Title", "Compte rendu — Atelier 1 — Poser les fondations")
    names = {name for name, _ in styles}
    assert {"Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number", "List Number 2", "Quote"} <= names
    assert ("Heading 3", "Ce qui s'est dit") in styles  # the notes' `#` sits below the item heading
    assert {"TOC Heading", "toc 1", "toc 2", "Caption"} <= names
    header_block = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert ["Lieu", "Salle des fêtes de Montreuil"] in header_block
    assert any("Camille Petit (URIOPSS)" in value for _, value in header_block)
    cells = {c.text for table in document.tables for row in table.rows for c in row.cells}
    assert "Envoyer le compte rendu aux structures" in cells  # a next step, in the actions table


def test_docx_keeps_emphasis_and_links(exported) -> None:
    _project, _blocks, docx_path, _md = exported
    document = docx.Document(str(docx_path))
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Un tour"))
    assert [r.text for r in paragraph.runs if r.bold] == ["très riche"]
    assert [r.text for r in paragraph.runs if r.italic] == ["apaisé"]
    links = paragraph.hyperlinks
    assert [(link.text, link.address) for link in links] == [("le site", "https://example.org/coop?a=1&b=2")]
    code = next(p for p in document.paragraphs if p.text.startswith("second point"))
    assert code.runs[-1].font.name == "Consolas"


def test_numbered_lists_restart(exported) -> None:
    _project, _blocks, docx_path, _md = exported
    document = docx.Document(str(docx_path))
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    ids = {p._p.pPr.numPr.numId.val for p in numbered}
    assert [p.text for p in numbered] == ["décision A", "décision B"]
    assert len(ids) == 1  # one list instance, restarted at 1
    numbering = document.part.numbering_part.element
    num = numbering.xpath(f'./w:num[@w:numId="{ids.pop()}"]')[0]
    assert num.xpath("./w:lvlOverride/w:startOverride/@w:val") == ["1"]


def test_tables_have_a_repeating_header_row(exported) -> None:
    _project, _blocks, docx_path, _md = exported
    document = docx.Document(str(docx_path))
    by_header = {tuple(c.text for c in table.rows[0].cells[:2]): table for table in document.tables}
    attendance, agenda = by_header[("Structure", "Présent·e·s")], by_header[("N°", "Séquence")]
    for table in (attendance, agenda):
        assert table.style.name == "Compact Table"
        header = table.rows[0]
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(run.bold for cell in header.cells for p in cell.paragraphs for run in p.runs)
    assert [c.text for c in agenda.rows[0].cells][:3] == ["N°", "Séquence", "Exercice"]
    assert [c.text for c in agenda.rows[1].cells][1] == "Accueil et tour de présentation"
    assert "Paul Girard (Usager·ère)" in [c.text for row in attendance.rows for c in row.cells]
    assert len(agenda.rows) == 1 + len(AGENDA)


def test_markdown_has_tables_lists_and_headings(exported) -> None:
    _project, blocks, _docx, md_path = exported
    text = md_path.read_text(encoding="utf-8")
    tokens = md_parser().parse(text)
    kinds = [t.type for t in tokens]
    # Every table of the description (the header block is one), and no more: typed text never makes a table.
    described_tables = sum(isinstance(block, (Table, Facts)) for block in blocks)
    assert described_tables >= 3  # at least the header block, attendance and agenda
    assert kinds.count("table_open") == described_tables
    assert "ordered_list_open" in kinds and "bullet_list_open" in kinds
    fields, body = front_matter(text)
    assert fields == {
        "title": "Compte rendu — Atelier 1 — Poser les fondations",
        "subject": "Coopération du Val d'Orge (démo)",
        "author": "Camille Petit (URIOPSS)",
        "date": "2026-10-12",
        "lang": "fr-FR",
        "keywords": "compte rendu, Coopération du Val d'Orge (démo)",
    }
    assert body.startswith("\n# Compte rendu — Atelier 1 — Poser les fondations\n")
    assert "<br>" not in text
    assert "#### Ce qui s'est dit" in text
    assert "[le site](https://example.org/coop?a=1&b=2)" in text


def test_english_minutes(demo_path: Path, tmp_path: Path) -> None:
    set_language("en")
    project = open_snapshot(demo_path)
    workshop = latest_held(project, project.workshops())
    export_minutes(project, workshop, ExportTargets(tmp_path / "m.docx", tmp_path / "m.md"))
    fields, text = front_matter((tmp_path / "m.md").read_text(encoding="utf-8"))
    assert fields["lang"] == "en-GB" and fields["date"] == "2026-10-12"
    assert text.startswith("\n# Minutes — ")
    assert "## Summary" in text and "## Attendance" in text and "**Next meeting:** 7 December 2026 at 09:30" in text
    document = docx.Document(str(tmp_path / "m.docx"))
    assert document.core_properties.language == "en-GB"
