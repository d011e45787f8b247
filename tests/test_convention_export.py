"""Writing the draft convention: the minutes' safety rules, the command line, and the rendered pages."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from workshop.cli import main
from workshop.convention.export import ProjectFileTarget, export_convention
from workshop.convention.parts import ARTICLES
from workshop.errors import ExportError
from workshop.i18n import t
from workshop.minutes.export import OutputExists
from workshop.project import Project

DAY = "2026-11-02"


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder of its own for what is written (the demo project lives in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def export(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_never_over_a_project_file_even_with_force(demo_path: Path, tmp_path: Path) -> None:
    original = demo_path.read_bytes()
    with Project.open(demo_path) as project:
        for target in (
            demo_path,
            demo_path.with_name(demo_path.name + ".bak"),
            demo_path.with_name(demo_path.name + ".lock"),
            tmp_path / "autre.ATELIER",
        ):
            with pytest.raises(ProjectFileTarget):
                export_convention(project, target, force=True, project_path=demo_path)
        # A project under another name, and links to this one, are refused too.
        disguised = tmp_path / "projet.docx"
        shutil.copy(demo_path, disguised)
        link = tmp_path / "lien.docx"
        link.symlink_to(demo_path)
        hard = tmp_path / "dur.docx"
        os.link(demo_path, hard)
        for target in (disguised, link, hard):
            with pytest.raises(ProjectFileTarget):
                export_convention(project, target, force=True, project_path=demo_path)
    assert demo_path.read_bytes() == original and disguised.read_bytes() == original


def test_no_silent_overwrite_and_nothing_half_written(demo_path: Path, out: Path) -> None:
    target = out / "convention.docx"
    target.write_bytes(b"mine")
    with Project.open(demo_path) as project:
        with pytest.raises(OutputExists):
            export_convention(project, target, day=DAY)
        assert target.read_bytes() == b"mine"
        export_convention(project, target, force=True, day=DAY)
        with pytest.raises(ExportError, match="folder_missing"):
            export_convention(project, out / "absent" / "c.docx", day=DAY)
        with pytest.raises(ExportError, match="is_folder"):
            export_convention(project, out, force=True, day=DAY)
    assert docx.Document(str(target)).paragraphs[0].text == "Projet de convention de coopération"
    assert sorted(p.name for p in out.iterdir()) == ["convention.docx"]  # no temporary file left
    assert (target.stat().st_mode & 0o777) == 0o600  # names people: owner only, like the minutes


def test_command_line_writes_only_the_convention(demo_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = out / "convention.docx"
    code, said, err = export(capsys, str(demo_path), "--convention", str(target))
    assert code == 0, err
    assert str(target) in said and sorted(p.name for p in out.iterdir()) == ["convention.docx"]
    assert sorted(p.suffix for p in demo_path.parent.iterdir() if p.suffix in (".docx", ".md")) == []  # no minutes beside the project
    headings = [p.text for p in docx.Document(str(target)).paragraphs if p.style.name == "Heading 1"]
    assert len([h for h in headings if h.startswith("Article")]) == len(ARTICLES)


def test_command_line_errors(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "convention.docx"
    target.write_bytes(b"mine")
    code, _out, err = export(capsys, str(demo_path), "--convention", str(target))
    assert code == 1 and "convention.docx" in err and target.read_bytes() == b"mine"
    code, _out, err = export(capsys, str(demo_path), "--convention", str(target), "--force")
    assert code == 0, err
    original = demo_path.read_bytes()
    code, _out, err = export(capsys, str(demo_path), "--convention", str(demo_path), "--force")
    assert code == 2 and "fichier de projet" in err and demo_path.read_bytes() == original
    code, _out, err = export(capsys, str(tmp_path / "absent.atelier"), "--convention", str(tmp_path / "x.docx"))
    assert code == 2 and "absent.atelier" in err
    code, _out, err = export(capsys, str(demo_path), "--convention", str(tmp_path / "nope" / "x.docx"))
    assert code == 1 and "nope" in err
    same = tmp_path / "meme.docx"
    code, _out, err = export(capsys, str(demo_path), "--docx", str(same), "--convention", str(same))
    assert code == 1 and not same.exists()


def test_with_the_minutes_nothing_is_written_when_one_target_is_refused(demo_path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taken = out / "convention.docx"
    taken.write_bytes(b"mine")
    minutes = out / "cr.md"
    code, _out, _err = export(capsys, str(demo_path), "--md", str(minutes), "--convention", str(taken))
    assert code == 1 and not minutes.exists() and taken.read_bytes() == b"mine"
    code, _said, err = export(capsys, str(demo_path), "--md", str(minutes), "--convention", str(out / "c.docx"), "--register", str(out / "r.docx"))
    assert code == 0, err
    assert {p.name for p in out.iterdir()} == {"convention.docx", "cr.md", "c.docx", "r.docx"}


def test_english_command_line(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "agreement.docx"
    code, _out, err = export(capsys, str(demo_path), "--convention", str(target), "--lang", "en")
    assert code == 0, err
    assert docx.Document(str(target)).paragraphs[0].text == "Draft cooperation agreement"


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_every_part_and_the_tables_keep_their_words(demo_path: Path, tmp_path: Path) -> None:
    with Project.open(demo_path) as project:
        target = export_convention(project, tmp_path / "convention.docx", day=DAY)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(target)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "convention.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    for title in [t(f"convention.part.{part.value}") for part in ARTICLES] + ["Entre les parties", "Annexes", "Signatures"]:
        assert title in flat, title
    assert "Document de travail" in flat and "61 B" in flat
    # A word of a table cell is never broken across lines (no hyphen-less split of a long name).
    for word in ("Communauté", "Passerelle", "l'expert-comptable", "Montreuil", "départemental"):
        assert word in flat, word
    pages = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert 4 <= int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:"))) <= 12
