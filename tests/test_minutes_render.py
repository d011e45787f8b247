"""The documents as LibreOffice lays them out: no word cut in a cell, the synthesis on two pages.

The reference minutes (workshop 10, in French and in English), the demo's minutes,
the register and the demo's draft convention are converted to PDF once per test run (`rendered`, shared by
the xdist workers), with the metric-compatible fonts of Word's defaults. Every
word of the PDF's text (`pdftotext`) must be a word of the .docx, or a part of
one at a hyphen: a fragment of a cut word ("Associatio", "n") is not. Without
LibreOffice the check is skipped with a message; `.ci/run` installs it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from html import unescape
from pathlib import Path

import pytest

from tests.conftest import built_once
from workshop.i18n import set_language

DOCUMENTS = ("reference-fr", "reference-en", "demo-fr", "register-fr", "convention-fr")
SYNTHESIS_PAGES = 2
MAIN_PART_PAGES = 20
_EDGE = " \t\n.,;:!?«»()[]\"'’…*"
_BREAKS = re.compile(r"[-/–—]")
_FOOTER = re.compile(r"\s*(page|Page) \d+ / \d+\s*")
_LEADER = re.compile(r"\.{3,}\s*\d*\s*$")  # the contents' dot leaders and page numbers


def _tools() -> tuple[str, str]:
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if not soffice or not pdftotext:
        pytest.skip(
            "LibreOffice (soffice) or pdftotext is missing: the render check did not run. "
            "Install libreoffice-writer-nogui, poppler-utils, fonts-crosextra-carlito and fonts-crosextra-caladea "
            "(`.ci/run` does it)."
        )
    return soffice, pdftotext


def _export(reference: Path, demo: Path, folder: Path) -> list[Path]:
    from workshop.minutes.command import latest_held
    from workshop.minutes.export import ExportTargets, export_minutes, write_blocks
    from workshop.minutes.snapshot import open_snapshot
    from workshop.proposals.register import register_blocks, register_info

    written = []
    project = open_snapshot(reference)
    workshop = latest_held(project, project.workshops())
    for lang in ("fr", "en"):
        set_language(lang)
        written += export_minutes(project, workshop, ExportTargets(docx=folder / f"reference-{lang}.docx"), force=True)
    set_language("fr")
    demo_project = open_snapshot(demo)
    written += export_minutes(demo_project, latest_held(demo_project, demo_project.workshops()), ExportTargets(docx=folder / "demo-fr.docx"), force=True)
    # The register as of the reference's last workshop: late actions show.
    day = workshop.date
    written += write_blocks(register_blocks(project, day), ExportTargets(docx=folder / "register-fr.docx"), force=True, info=register_info(project, day))
    # The draft convention, assembled from the demo (every part, the checklist of hidden issues).
    from workshop.convention.export import export_convention

    written.append(export_convention(demo_project, folder / "convention-fr.docx", force=True, day=demo_project.today()))
    return written


@pytest.fixture(scope="session")
def rendered(shared_folder: Path, reference_path: Path) -> Path:
    """A folder with each document as .docx and .pdf, converted in one LibreOffice run."""
    soffice, _ = _tools()

    def build(folder: Path) -> None:
        from workshop.demo import build_demo

        folder.mkdir(exist_ok=True)
        demo = folder / "demo.atelier"
        build_demo(demo)
        documents = _export(reference_path, demo, folder)
        documents.append(_too_narrow(folder / "demo-fr.docx", folder / "narrow.docx"))
        profile = (folder / "profile").absolute().as_uri()
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *map(str, documents)],
            check=True,
            capture_output=True,
            timeout=600,
        )

    return built_once(shared_folder, "rendered", build)


def docx_words(path: Path) -> set[str]:
    """Every word of a .docx (body, running header, footer), and its parts at hyphens."""
    with zipfile.ZipFile(path) as package:
        xml = " ".join(
            package.read(name).decode("utf-8")
            for name in package.namelist()
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name)
        )
    xml = re.sub(r"<w:(tab|br)/>|</w:p>", " ", xml)
    text = unescape(" ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)))
    words = _parts(text, joined=True)
    # pdftotext may drop a no-break space ("60 %" read as "60%", "57 500 €" as "57500 €"):
    # every reading, without either kind of no-break space or without both, is a word of the document.
    for dropped in (("\u00a0",), ("\u202f",), ("\u00a0", "\u202f")):
        reading = text
        for space in dropped:
            reading = reading.replace(space, "")
        words |= _parts(reading, joined=True)
    return words


def _parts(text: str, joined: bool = False) -> set[str]:
    found = set()
    for token in text.split():
        token = token.strip(_EDGE)
        if joined and "-" in token:
            found.add(token.replace("-", "").strip(_EDGE))  # pdftotext joins a word broken at its hyphen
        for part in _BREAKS.split(token):  # a line may break after a hyphen or a slash
            part = part.strip(_EDGE)
            if any(ch.isalnum() for ch in part):
                found.add(part)
    return found


def pdf_pages(path: Path) -> list[str]:
    _, pdftotext = _tools()
    # -raw: the text as drawn, line by line; without it pdftotext joins a word broken at
    # a hyphen with whatever line comes next, another cell's text included.
    text = subprocess.run([pdftotext, "-raw", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def cut_words(docx: Path, pdf: Path) -> list[tuple[str, str]]:
    """(fragment, its line) for every word of the PDF that is not a word of the .docx."""
    known = docx_words(docx)
    found = []
    for page in pdf_pages(pdf):
        for line in page.split("\n"):
            if _FOOTER.fullmatch(line):
                continue
            line = _LEADER.sub("", line)
            found += [(part, line) for part in sorted(_parts(line)) if part not in known]
    return found


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_word_is_cut_in_the_rendered_documents(rendered: Path, name: str) -> None:
    assert cut_words(rendered / f"{name}.docx", rendered / f"{name}.pdf") == []


def _too_narrow(source: Path, target: Path) -> Path:
    """The demo's minutes with every column 500 twips wide: words must be cut there."""
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w") as out:
        for name in package.namelist():
            data = package.read(name)
            if name == "word/document.xml":
                data = re.sub(rb'<w:tcW w:w="\d+" w:type="dxa"/>', b'<w:tcW w:w="500" w:type="dxa"/>', data)
                data = re.sub(rb'<w:gridCol w:w="\d+"/>', b'<w:gridCol w:w="500"/>', data)
                data = re.sub(rb'<w:tblW w:w="\d+" w:type="dxa"/>', b'<w:tblW w:w="0" w:type="auto"/>', data)  # no stretching back
            out.writestr(name, data)
    return target


def test_the_check_sees_a_cut_word(rendered: Path) -> None:
    """What the check catches: columns too narrow for their words (the writer's widths overridden)."""
    found = cut_words(rendered / "narrow.docx", rendered / "narrow.pdf")
    assert found


def _page_of(pages: list[str], line: str) -> int:
    return next(number for number, text in enumerate(pages, start=1) if line in text.split("\n"))


@pytest.mark.parametrize(("name", "contents", "annexes"), [("reference-fr", "Sommaire", "Annexes"), ("reference-en", "Contents", "Annexes")])
def test_synthesis_and_main_part_fit_their_pages(rendered: Path, name: str, contents: str, annexes: str) -> None:
    pages = pdf_pages(rendered / f"{name}.pdf")
    # The synthesis (after the header block) ends on page 2: the contents start a new page.
    assert _page_of(pages, contents) <= SYNTHESIS_PAGES + 1
    # Everything before the annexes, at most 20 pages.
    assert _page_of(pages, annexes) - 1 <= MAIN_PART_PAGES


def _sizes(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], check=True, capture_output=True, text=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def test_wide_tables_turn_the_page(rendered: Path) -> None:
    if not shutil.which("pdfinfo"):
        pytest.skip("pdfinfo (poppler-utils) is missing")
    register = _sizes(rendered / "register-fr.pdf")
    assert register and all(w > h for w, h in register)  # the register: every page landscape
    minutes = _sizes(rendered / "reference-fr.pdf")
    assert any(w > h for w, h in minutes) and minutes[0][0] < minutes[0][1]  # the matrix goes landscape, page 1 does not


def test_running_header_and_page_numbers(rendered: Path) -> None:
    pages = pdf_pages(rendered / "reference-fr.pdf")
    total = len(pages)
    for number, page in enumerate(pages, start=1):
        lines = [line for line in page.split("\n") if line.strip()]
        assert lines[0] == "Coopération de référence · Atelier 10 — journée de co-construction · 21 septembre 2027"
        assert f"page {number} / {total}" in lines
