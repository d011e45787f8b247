"""`atelier export`: every error has a clear message and a non-zero exit status."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import docx
import pytest

from tests.minutes_structure import front_matter
from workshop.cli import main
from workshop.minutes.blocks import Heading, table
from workshop.project import Project


def export(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_default_writes_both_files_beside_the_project(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = export(capsys, str(demo_path))
    assert code == 0, err
    written = sorted(p.name for p in demo_path.parent.iterdir() if p.suffix in (".docx", ".md"))
    stem = "Cooperation-du-Val-d-Orge-demo-2026-10-12-Atelier-1-Poser-les-fondations"
    assert written == [f"{stem}.docx", f"{stem}.md"]  # the workshop held, not the one planned later
    assert str(demo_path.parent / f"{stem}.md") in out


def test_explicit_outputs_and_workshop_by_title_or_id(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    md = tmp_path / "deux.md"
    code, _out, err = export(capsys, str(demo_path), "--workshop", "organiser", "--md", str(md))
    assert code == 0, err
    assert front_matter(md.read_text(encoding="utf-8"))[1].lstrip().startswith("# Compte rendu — Atelier 2 — S'organiser ensemble")
    assert not (tmp_path / "deux.docx").exists()
    out_docx = tmp_path / "un.docx"
    code, _out, err = export(capsys, str(demo_path), "--workshop", "1", "--docx", str(out_docx))
    assert code == 0, err
    assert docx.Document(str(out_docx)).paragraphs[0].text == "Compte rendu — Atelier 1 — Poser les fondations"


def test_english_minutes(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    md = tmp_path / "m.md"
    code, out, _err = export(capsys, str(demo_path), "--md", str(md), "--lang", "en")
    assert code == 0
    assert front_matter(md.read_text(encoding="utf-8"))[1].lstrip().startswith("# Minutes — ")
    assert out.startswith("Written: ")


def test_missing_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = export(capsys, str(tmp_path / "nope.atelier"))
    assert code == 2
    assert "Projet introuvable" in err and "nope.atelier" in err


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2]", b"\xff\xfe"])
def test_damaged_project_is_left_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    damaged = tmp_path / "abime.atelier"
    damaged.write_bytes(content)
    code, _out, err = export(capsys, str(damaged))
    assert code == 2
    assert "abime.atelier" in err
    assert damaged.read_bytes() == content
    assert not list(tmp_path.glob("*.md"))


def test_a_folder_is_not_a_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = export(capsys, str(tmp_path))
    assert code == 2 and err


def test_unknown_and_ambiguous_workshop(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = export(capsys, str(demo_path), "--workshop", "Atelier 9")
    assert code == 2
    assert "Atelier introuvable" in err and "Poser les fondations" in err
    code, _out, err = export(capsys, str(demo_path), "--workshop", "atelier")
    assert code == 2
    assert "Plusieurs ateliers" in err


def test_project_without_workshop(project_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    Project.create(project_path, "Vide").close()
    code, _out, err = export(capsys, str(project_path))
    assert code == 2
    assert "aucun atelier" in err


def test_an_existing_file_is_never_replaced_without_force(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    md, out_docx = tmp_path / "cr.md", tmp_path / "cr.docx"
    md.write_text("mine", encoding="utf-8")
    code, _out, err = export(capsys, str(demo_path), "--md", str(md), "--docx", str(out_docx))
    assert code == 1
    assert "existe déjà" in err and "--force" in err
    assert md.read_text(encoding="utf-8") == "mine"
    assert not out_docx.exists()  # refused before writing anything
    code, _out, err = export(capsys, str(demo_path), "--md", str(md), "--docx", str(out_docx), "--force")
    assert code == 0, err
    assert front_matter(md.read_text(encoding="utf-8"))[1].lstrip().startswith("# ")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_missing_output_folder(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = export(capsys, str(demo_path), "--md", str(tmp_path / "no" / "cr.md"))
    assert code == 1
    assert "n'existe pas" in err


def test_same_file_twice(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    same = tmp_path / "cr.docx"
    code, _out, err = export(capsys, str(demo_path), "--md", str(same), "--docx", str(same))
    assert code == 1 and err


def test_export_while_the_app_holds_the_project(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Project.open(demo_path):  # holds the lock, as the app does
        code, _out, err = export(capsys, str(demo_path), "--md", str(tmp_path / "cr.md"))
    assert code == 0, err


def test_register_without_its_module(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "workshop.proposals.register", None)  # import fails
    code, _out, err = export(capsys, str(demo_path), "--register", str(tmp_path / "registre.docx"))
    assert code == 1
    assert "registre" in err.lower()
    assert not (tmp_path / "registre.docx").exists()


def test_register_writes_the_blocks_as_docx(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    fake = types.ModuleType("workshop.proposals.register")
    fake.register_blocks = lambda project: [
        Heading(0, f"Registre — {project.name}"),
        table(["Proposition", "Statut"], [["Un | jardin", "retenue"], ["# pas un titre", "à l'étude"]]),
    ]
    monkeypatch.setitem(sys.modules, "workshop.proposals.register", fake)
    register = tmp_path / "registre.docx"
    code, out, err = export(capsys, str(demo_path), "--register", str(register))
    assert code == 0, err
    assert str(register) in out
    document = docx.Document(str(register))
    assert document.paragraphs[0].style.name == "Title"
    assert [c.text for c in document.tables[0].rows[1].cells] == ["Un | jardin", "retenue"]
    assert not list(demo_path.parent.glob("*.md"))  # --register alone writes only the register
    code, _out, err = export(capsys, str(demo_path), "--register", str(register))
    assert code == 1 and "existe déjà" in err


def test_export_does_not_import_textual(demo_path: Path, tmp_path: Path) -> None:
    script = (
        "import sys; from workshop.cli import main; "
        f"code = main(['export', {str(demo_path)!r}, '--md', {str(tmp_path / 'x.md')!r}]); "
        "assert code == 0; assert 'textual' not in sys.modules and 'rich' not in sys.modules, 'UI imported'; "
        "assert 'docx' not in sys.modules, 'docx imported for a Markdown export'"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


def test_a_missing_register_writes_nothing_at_all(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "workshop.proposals.register", None)
    md = tmp_path / "cr.md"
    code, _out, err = export(capsys, str(demo_path), "--md", str(md), "--register", str(tmp_path / "r.docx"))
    assert code == 1 and err
    assert not md.exists()
