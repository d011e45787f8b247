"""Each exercise's section reaches the .docx, on the demo's run workshop.

The expected content is what the demo typed into each exercise (its *_fill.py
module) and the criteria of the catalog, written out here: a section that loses
a table, puts it under another sequence or drops a cell fails, whatever the
exercise's own minutes function says.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from workshop.cli import main
from workshop.minutes.safe_text import xml_safe
from workshop.project import Project
from workshop.proposals import proposals


def _norm(text: str) -> str:
    return " ".join(xml_safe(text).split())


@pytest.fixture(params=["fr", "en"])
def exported(request: pytest.FixtureRequest, demo_path: Path, tmp_path: Path) -> tuple[str, docx.document.Document]:
    out = tmp_path / "cr.docx"
    assert main(["export", str(demo_path), "--workshop", "1", "--docx", str(out), "--lang", request.param]) == 0
    return request.param, docx.Document(str(out))


def _docx_tables(document) -> list[list[list[str]]]:
    return [[[_norm(cell.text) for cell in row.cells] for row in t.rows] for t in document.tables]


def _sections(document) -> dict[str, list[list[list[str]]]]:
    """The tables under each numbered sequence ("2", "3"…), up to the next level-2 heading."""
    found: dict[str, list[list[list[str]]]] = {}
    current: str | None = None
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            paragraph = Paragraph(element, document)
            if paragraph.style.name == "Heading 2":
                number = re.match(r"(\d+)\. ", paragraph.text)
                current = number.group(1) if number else None
                if current:
                    found[current] = []
        elif element.tag.endswith("}tbl") and current:
            table = DocxTable(element, document)
            found[current].append([[_norm(cell.text) for cell in row.cells] for row in table.rows])
    return found


# The demo's workshop 1, sequence by sequence: its number on the agenda, and texts
# the demo typed into that exercise (exercises/<kind>_fill.py) or the catalog's
# names for it, each of which must be a table cell's content, or part of one.
SEQUENCES = {
    "swot": ("2", ["Une petite équipe, beaucoup de temps partiels", "La baisse des subventions de fonctionnement"]),
    "values": ("3", ["Solidarité", "Quand une structure traverse une difficulté, les autres l'aident avant de compter."]),
    "supra": ("4", [{"fr": "Précis et spécifique", "en": "Precise and specific"}]),
    "apt": ("6", ["Peser davantage face aux financeurs", "Accaparer la présidence du futur groupement"]),
    "matrix": ("7", ["Nommer un référent coopération dans chaque structure"]),
    "securing": ("10", ["Informer les salariés de chaque structure du projet"]),
    "roadmap": ("12", ["Toucher les personnes âgées isolées que nous ne voyons jamais", "Ouvrir un premier lieu partagé au jardin de l'EHPAD"]),
    "fairness": ("13", ["Défrayer l'EHPAD au kilomètre"]),
}


@pytest.mark.parametrize("kind", list(SEQUENCES))
def test_exercise_section_is_in_the_docx(exported, kind: str) -> None:
    lang, document = exported
    number, texts = SEQUENCES[kind]
    sections = _sections(document)
    assert sections.get(number), f"sequence {number} ({kind}) has no table in the .docx"
    cells = [cell for table in sections[number] for row in table for cell in row]
    for text in texts:
        wanted = _norm(text[lang] if isinstance(text, dict) else text)
        assert any(wanted in cell for cell in cells), f"{kind}: {wanted!r} is not in a table of sequence {number}"
    if kind == "swot":
        # A weakness: the internal row, the difficulties' column, under its quadrant's name.
        header = {"fr": ["", "Atouts", "Difficultés"], "en": ["", "Assets", "Difficulties"]}[lang]
        internal, weaknesses = {"fr": ("Interne", "Faiblesses"), "en": ("Internal", "Weaknesses")}[lang]
        grids = [table for table in sections[number] if table[0] == header]
        assert grids, "the FFOM grid is not in its section"
        row = next(row for row in grids[0] if row[0].startswith(internal))
        assert row[2].startswith(weaknesses) and texts[0] in row[2]


def test_the_workshops_proposals_and_the_register(exported, demo_path: Path, tmp_path: Path) -> None:
    _lang, document = exported
    project = Project.open(demo_path)
    try:
        texts = {_norm(p.text) for p in proposals(project, 1)}
        every = {_norm(p.text) for p in proposals(project)}
    finally:
        project.close()
    assert texts
    cells = {cell for table in _docx_tables(document) for row in table for cell in row}
    assert texts <= cells
    register = tmp_path / "registre.docx"
    assert main(["export", str(demo_path), "--register", str(register)]) == 0
    register_cells = {cell for table in _docx_tables(docx.Document(str(register))) for row in table for cell in row}
    assert every <= register_cells
