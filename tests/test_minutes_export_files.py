"""Exporting the minutes to files (workshop/minutes/export.py), through its own
functions: the names, the refusals before anything is written, all or nothing."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from workshop.clock import FakeClock
from workshop.errors import ExportError
from workshop.minutes.export import (
    ExportTargets,
    Output,
    OutputExists,
    default_stem,
    existing,
    export_minutes,
    place_file,
    place_files,
    targets_in,
)
from workshop.minutes.protected import ProtectedTarget
from workshop.project import Project


@pytest.fixture
def workshop(project: Project):
    return project.add_workshop("Atelier 1", "2031-03-04", "Mairie", "Camille")


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.startswith("."))


def test_names_come_from_the_project_and_the_workshop(project: Project, workshop, tmp_path: Path) -> None:
    assert default_stem(project, workshop) == "Cooperation-test-2031-03-04-Atelier-1"
    nothing = project.add_workshop("///")
    project.rename("…")
    assert default_stem(project, nothing) == "compte-rendu"
    both = targets_in(tmp_path, "../../etc/passwd")
    assert (both.docx, both.markdown) == (tmp_path / "etc-passwd.docx", tmp_path / "etc-passwd.md")
    assert targets_in(tmp_path, "***").paths == [tmp_path / "compte-rendu.docx", tmp_path / "compte-rendu.md"]
    assert targets_in(tmp_path, "cr", docx=False).paths == [tmp_path / "cr.md"]
    assert targets_in(tmp_path, "cr", markdown=False).paths == [tmp_path / "cr.docx"]


def test_an_export_writes_both_files_owner_only(project: Project, workshop, tmp_path: Path) -> None:
    targets = targets_in(tmp_path, "cr")
    assert sorted(export_minutes(project, workshop, targets)) == [tmp_path / "cr.docx", tmp_path / "cr.md"]
    assert existing(targets) == targets.paths
    assert 'title: "Compte rendu — Atelier 1"' in (tmp_path / "cr.md").read_text(encoding="utf-8")
    assert (tmp_path / "cr.docx").read_bytes()[:2] == b"PK"
    for path in targets.paths:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []


def test_an_existing_file_is_never_replaced_without_force(project: Project, workshop, tmp_path: Path) -> None:
    targets = targets_in(tmp_path, "cr")
    (tmp_path / "cr.docx").write_bytes(b"earlier")
    with pytest.raises(OutputExists):
        export_minutes(project, workshop, targets)
    assert (tmp_path / "cr.docx").read_bytes() == b"earlier"
    assert not (tmp_path / "cr.md").exists(), "half an export: the .md was written before the .docx was refused"
    export_minutes(project, workshop, targets, force=True)
    assert (tmp_path / "cr.docx").read_bytes()[:2] == b"PK"
    assert leftovers(tmp_path) == []


def test_a_file_that_appears_during_the_export_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "cr.md"

    def write(handle) -> None:
        target.write_text("arrived meanwhile", encoding="utf-8")  # after the check, before the move
        handle.write(b"ours")

    with pytest.raises(OutputExists):
        place_files([Output(tmp_path / "a.md", lambda h: h.write(b"a")), Output(target, write)])
    assert target.read_text(encoding="utf-8") == "arrived meanwhile"
    assert not (tmp_path / "a.md").exists(), "the first file was taken back"
    assert leftovers(tmp_path) == []


def test_the_open_project_is_named_as_such_when_refused(project: Project, workshop, tmp_path: Path) -> None:
    with pytest.raises(ProtectedTarget) as refused:
        export_minutes(project, workshop, ExportTargets(markdown=project.path), force=True, protect=project.path)
    assert refused.value.kind == "open"
    alias = tmp_path / "alias.md"
    os.link(project.path, alias)  # the same file under another name: only `protect` tells
    with pytest.raises(ProtectedTarget) as refused:
        export_minutes(project, workshop, ExportTargets(markdown=alias), force=True, protect=project.path)
    assert refused.value.kind == "open"


def test_refusals_come_before_anything_is_written(project: Project, workshop, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportError):
        export_minutes(project, workshop, ExportTargets(docx=out / "x.docx", markdown=out / "x.docx"))
    with pytest.raises(ExportError):
        export_minutes(project, workshop, ExportTargets(docx=out / "x.docx", markdown=out / "missing" / "x.md"))
    (out / "dossier.md").mkdir()
    with pytest.raises(ExportError):
        export_minutes(project, workshop, ExportTargets(docx=out / "x.docx", markdown=out / "dossier.md"), force=True)
    assert os.listdir(out) == ["dossier.md"]


def test_a_running_item_is_timed_by_the_clock_given(tmp_path: Path) -> None:
    from workshop.live import LiveWorkshop

    with Project.create(tmp_path / "p.atelier", "Coopération", clock=FakeClock()) as project:
        workshop = project.add_workshop("Atelier", "2031-03-04")
        project.add_agenda_item(workshop.id, "free", "Accueil", 20)
        LiveWorkshop(project, workshop.id).start()
        later = FakeClock(project.clock.now() + 12 * 60)  # the export's clock: 12 minutes into the item
        export_minutes(project, workshop, targets_in(tmp_path, "cr", docx=False), clock=later)
    agenda_row = next(line for line in (tmp_path / "cr.md").read_text(encoding="utf-8").splitlines() if "Accueil" in line and "|" in line)
    assert agenda_row.rstrip(" |").endswith("12 min"), agenda_row


def test_replacing_with_force_puts_back_the_old_files_when_a_later_move_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "cr.docx", tmp_path / "cr.md"
    first.write_bytes(b"old docx")
    second.write_bytes(b"old md")
    real_replace = os.replace

    def replace(source, target) -> None:
        if Path(target) == second and str(source).endswith(".tmp"):
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(ExportError) as refused:
        place_files([Output(first, lambda h: h.write(b"new docx")), Output(second, lambda h: h.write(b"new md"))], force=True)
    assert refused.value.params == {"path": str(second), "reason": "No space left on device"}
    assert (first.read_bytes(), second.read_bytes()) == (b"old docx", b"old md")
    assert leftovers(tmp_path) == [], "a hidden second name of the old minutes stayed behind"


def test_an_error_without_a_system_message_is_still_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def replace(source, target) -> None:
        raise OSError("the network folder went away")  # no errno, no strerror

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(ExportError) as refused:
        place_files([Output(tmp_path / "cr.md", lambda h: h.write(b"x"))], force=True)
    assert refused.value.params["reason"] == "the network folder went away"


def test_place_file_writes_one_file(tmp_path: Path) -> None:
    place_file(tmp_path / "one.md", lambda h: h.write(b"x"))
    assert (tmp_path / "one.md").read_bytes() == b"x"
    with pytest.raises(OutputExists):
        place_file(tmp_path / "one.md", lambda h: h.write(b"y"))
    place_file(tmp_path / "one.md", lambda h: h.write(b"y"), force=True)
    assert (tmp_path / "one.md").read_bytes() == b"y"


def test_a_full_disk_while_writing_leaves_nothing_and_says_why(tmp_path: Path) -> None:
    def full(handle) -> None:
        handle.write(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError) as refused:
        place_files([Output(tmp_path / "a.md", lambda h: h.write(b"a")), Output(tmp_path / "b.md", full)])
    assert refused.value.params == {"path": str(tmp_path / "b.md"), "reason": "No space left on device"}
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads the synced paths from /proc")
def test_the_files_then_their_folder_reach_the_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[tuple[str, bool]] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append((os.readlink(f"/proc/self/fd/{fd}"), (tmp_path / "a.md").exists()))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    place_files([Output(tmp_path / "a.md", lambda h: h.write(b"a"))])
    assert synced[-1] == (str(tmp_path), True), synced
    assert any(target != str(tmp_path) for target, _ in synced[:-1])


def test_blocks_are_written_under_the_title_or_the_info_given(tmp_path: Path) -> None:
    from workshop.minutes.blocks import DocumentInfo, Heading
    from workshop.minutes.export import write_blocks

    blocks = [Heading(1, "Une section")]
    write_blocks(blocks, ExportTargets(markdown=tmp_path / "untitled.md"))
    assert "title:" not in (tmp_path / "untitled.md").read_text(encoding="utf-8")  # no title given, none invented
    write_blocks(blocks, ExportTargets(markdown=tmp_path / "a.md"), title="Registre des propositions")
    assert 'title: "Registre des propositions"' in (tmp_path / "a.md").read_text(encoding="utf-8")
    write_blocks(blocks, ExportTargets(markdown=tmp_path / "b.md"), info=DocumentInfo(title="Convention", author="Camille"))
    assert 'author: "Camille"' in (tmp_path / "b.md").read_text(encoding="utf-8")
    with pytest.raises(OutputExists):
        write_blocks(blocks, ExportTargets(markdown=tmp_path / "a.md"), title="Autre")
    write_blocks(blocks, ExportTargets(markdown=tmp_path / "a.md"), title="Autre", force=True)
    assert 'title: "Autre"' in (tmp_path / "a.md").read_text(encoding="utf-8")


def without_hard_links(monkeypatch: pytest.MonkeyPatch) -> None:
    """A FAT USB key: os.link fails with EPERM."""

    def link(source, target) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", link)


def test_without_hard_links_an_existing_file_is_refused_or_replaced_and_put_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    without_hard_links(monkeypatch)
    first, second = tmp_path / "cr.docx", tmp_path / "cr.md"
    place_files([Output(tmp_path / "new.md", lambda h: h.write(b"new"))])  # nothing there: moved into place
    assert (tmp_path / "new.md").read_bytes() == b"new"
    first.write_bytes(b"old docx")
    with pytest.raises(OutputExists) as refused:
        place_files([Output(first, lambda h: h.write(b"new"))])
    assert refused.value.params["path"] == str(first)
    place_files([Output(first, lambda h: h.write(b"new docx"))], force=True)
    assert first.read_bytes() == b"new docx" and leftovers(tmp_path) == []
    second.write_bytes(b"old md")
    real_replace = os.replace

    def replace(source, target) -> None:
        if Path(target) == second and str(source).endswith(".tmp"):
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(ExportError):
        place_files([Output(first, lambda h: h.write(b"newer")), Output(second, lambda h: h.write(b"new md"))], force=True)
    assert (first.read_bytes(), second.read_bytes()) == (b"new docx", b"old md")
    assert leftovers(tmp_path) == []


def test_the_old_file_keeps_its_name_until_the_new_one_replaces_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A name taken for the second link (another export at the same instant) is no
    # reason to move the old file aside: a crash then would leave no file at all.
    target = tmp_path / "cr.md"
    target.write_bytes(b"old")
    real_link, real_replace = os.link, os.replace
    taken = [True]
    present: list[bool] = []

    def link(source, name) -> None:
        assert Path(name).parent == tmp_path, f"a second name of the minutes outside their folder: {name}"
        if taken:
            taken.pop()
            raise FileExistsError(17, "File exists")
        real_link(source, name)

    def replace(source, name) -> None:
        if Path(name) == target:
            present.append(target.exists())
        real_replace(source, name)

    monkeypatch.setattr(os, "link", link)
    monkeypatch.setattr(os, "replace", replace)
    place_files([Output(target, lambda h: h.write(b"new"))], force=True)
    assert target.read_bytes() == b"new" and present == [True]
    assert leftovers(tmp_path) == []


def test_a_take_back_that_fails_does_not_hide_why_the_export_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    second.write_bytes(b"there before")
    real_unlink = os.unlink

    def unlink(name) -> None:
        if Path(name) == first:
            raise OSError(5, "Input/output error")
        real_unlink(name)

    monkeypatch.setattr(os, "unlink", unlink)
    with pytest.raises(OutputExists) as refused:
        place_files([Output(first, lambda h: h.write(b"a")), Output(second, lambda h: h.write(b"b"))])
    assert refused.value.params["path"] == str(second)


def test_a_temporary_file_that_cannot_be_made_names_the_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def refuse(name, *args, **kwargs):
        if str(name).endswith(".tmp"):
            raise OSError(13, "Permission denied")
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(ExportError) as refused:
        place_files([Output(tmp_path / "cr.md", lambda h: h.write(b"x"))])
    assert refused.value.params == {"path": str(tmp_path / "cr.md"), "reason": "Permission denied"}
