"""Each exercise's section reaches the .docx, table by table, on the demo's run workshop.

The expected content comes from the exercises themselves (`minutes_section`),
so this checks the whole path: exercise → description → Word document.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from workshop.cli import main
from workshop.minutes.blocks import Heading, Table
from workshop.minutes.safe_text import xml_safe
from workshop.project import Project
from workshop.proposals import proposals
from workshop.registry import get_exercise

EXERCISE_KINDS = ("swot", "values", "apt", "supra", "matrix", "securing", "roadmap", "fairness")


def _norm(text: str) -> str:
    return " ".join(xml_safe(text).split())


@pytest.fixture(params=["fr", "en"])
def exported(request: pytest.FixtureRequest, demo_path: Path, tmp_path: Path) -> tuple[Project, docx.document.Document]:
    out = tmp_path / "cr.docx"
    assert main(["export", str(demo_path), "--workshop", "1", "--docx", str(out), "--lang", request.param]) == 0
    return Project.open(demo_path), docx.Document(str(out))


def _docx_tables(document) -> list[list[list[str]]]:
    return [[[_norm(cell.text) for cell in row.cells] for row in t.rows] for t in document.tables]


@pytest.mark.parametrize("kind", EXERCISE_KINDS)
def test_exercise_section_is_in_the_docx(exported, kind: str) -> None:
    project, document = exported
    try:
        workshop = project.workshop(1)
        item = next(i for i in project.agenda(workshop.id) if i.kind == kind)
        blocks = get_exercise(kind).minutes_section(project, workshop, item)
    finally:
        project.close()
    tables = [b for b in blocks if isinstance(b, Table)]
    headings = [b for b in blocks if isinstance(b, Heading)]
    assert tables, f"the demo's {kind} section has no table"
    docx_headings = {_norm(p.text) for p in document.paragraphs if p.style.name.startswith("Heading")}
    for heading in headings:
        assert _norm(heading.text) in docx_headings
    docx_tables = _docx_tables(document)
    for block in tables:
        expected = [[_norm(c) for c in block.header]] + [[_norm(c) for c in row] for row in block.rows]
        assert expected in docx_tables, f"{kind}: table {block.header} missing from the .docx"


def test_the_workshops_proposals_and_the_register(exported, demo_path: Path, tmp_path: Path) -> None:
    project, document = exported
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
