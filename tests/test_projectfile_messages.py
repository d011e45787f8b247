"""What the person is told when a project or its journal cannot be read: which
file, which change, where in the journal (the byte a person or a support
technician looks at with a hex viewer), and that nothing was changed. And what
looking at a file to tell whether it is a project costs and says."""

from __future__ import annotations

import builtins
import errno
import os
from pathlib import Path

import pytest

import workshop.projectfile as projectfile
from tests.disk import abandon, frame_start
from workshop.errors import JournalProblem, ProjectDamaged
from workshop.journal import journal_path
from workshop.project import Project
from workshop.projectfile import SNIFF_BYTES, looks_like_project, parse_project_file
from workshop.storage import read_project_file


def test_a_damaged_journal_names_the_project_the_journal_the_change_and_its_byte(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
    again = Project.open(path)
    for name in ("Deux", "Trois", "Quatre"):
        again.add_structure(name)  # "Deux" goes into the file (the first change writes it whole)
    abandon(again)  # a crash: the journal holds "Trois" and "Quatre"
    raw = bytearray(journal_path(path).read_bytes())
    raw[raw.index(b"Trois")] = ord("t")  # a bit flipped by the disk in the first change
    journal_path(path).write_bytes(bytes(raw))
    offset = frame_start(bytes(raw), 1)
    with pytest.raises(JournalProblem) as caught:
        read_project_file(path)
    error = caught.value
    assert error.kind == "damaged"
    assert error.params["path"] == str(path) and error.params["journal"] == str(journal_path(path))
    assert error.params["record"] == 1
    assert error.params["problem"] == f"le changement n° 1 ne correspond plus à sa somme de contrôle (octet {offset})."
    message = error.message()
    assert str(path) in message and str(journal_path(path)) in message
    assert f"(octet {offset})" in message and "None" not in message


def test_a_project_file_that_is_not_json_is_named_in_the_message(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    path.write_bytes(b'{"meta": {"1": {"name": "Coop')  # cut short
    with pytest.raises(ProjectDamaged) as caught:
        parse_project_file(path)
    assert caught.value.key == "error.project_not_json"
    assert caught.value.params["path"] == str(path)
    assert str(path) in caught.value.message()
    assert path.read_bytes() == b'{"meta": {"1": {"name": "Coop'  # left as it is


def test_a_path_that_cannot_be_read_is_not_taken_for_a_project(tmp_path: Path) -> None:
    folder = tmp_path / "dossier.atelier"
    folder.mkdir()
    assert looks_like_project(folder) is False
    assert looks_like_project(tmp_path / "absent.atelier") is False


def test_telling_a_project_reads_its_head_only_however_big_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "export.md"
    big.write_bytes(b'{"meta": {"1": {"name": "x"}}, "notes": {"1": {"text": "' + b"a" * 2_000_000 + b'"}}}')
    read: list[int] = []
    real_open = builtins.open

    def counting_open(*args, **kwargs):
        handle = real_open(*args, **kwargs)
        real_read = handle.read

        def counted(*size: int) -> bytes:
            data = real_read(*size)
            read.append(len(data))
            return data

        handle.read = counted
        return handle

    monkeypatch.setattr(projectfile, "open", counting_open, raising=False)
    assert looks_like_project(big) is True
    assert 0 < sum(read) <= SNIFF_BYTES  # a few kilobytes, not the two megabytes


def test_an_unreadable_project_says_which_file_and_the_systems_reason(tmp_path: Path) -> None:
    folder = tmp_path / "dossier.atelier"
    folder.mkdir()
    with pytest.raises(ProjectDamaged) as caught:
        read_project_file(folder)
    assert caught.value.key == "error.project_unreadable"
    assert caught.value.params == {"path": str(folder), "reason": os.strerror(errno.EISDIR)}
    assert caught.value.message() == f"Impossible de lire le projet {folder} : {os.strerror(errno.EISDIR)}"


def test_an_unreadable_journal_says_which_files_and_the_systems_reason(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
    journal_path(path).mkdir()
    with pytest.raises(JournalProblem) as caught:
        read_project_file(path)
    error = caught.value
    assert error.kind == "unreadable" and error.key == "error.journal_unreadable"
    assert error.params == {"path": str(path), "journal": str(journal_path(path)), "reason": os.strerror(errno.EISDIR)}
    assert f"{journal_path(path)} du projet {path} : {os.strerror(errno.EISDIR)}." in error.message()


@pytest.mark.parametrize("content", [b"", b" \n\t "])
def test_an_empty_project_file_is_named_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "projet.atelier"
    path.write_bytes(content)
    with pytest.raises(ProjectDamaged) as caught:
        read_project_file(path)
    assert caught.value.key == "error.project_empty" and caught.value.params == {"path": str(path)}
    assert path.read_bytes() == content
