"""A journal beside the project that was started on another version of the file
and is damaged besides (a torn copy of an old journal, a sector gone bad) is
named for what matters first: it does not extend this file, so none of its
changes, even the ones before the damage, may be replayed on it. The person is
told which files, and "open without the journal" keeps the file alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.disk import crash_with_three_records, frame_start
from workshop.errors import JournalProblem
from workshop.journal import journal_path
from workshop.project import Project
from workshop.storage import read_project_file
from workshop.store import open_without_journal


def test_a_damaged_journal_of_another_file_is_named_foreign_and_never_replayed(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
    older = tmp_path / "ancienne.atelier"
    shutil.copy2(path, older)  # the file as it was closed
    crash_with_three_records(path)
    raw = bytearray(journal_path(path).read_bytes())
    raw[frame_start(bytes(raw), 2) + 20] ^= 0x01  # a bit flipped inside the second record (not the last: no torn tail)
    journal_path(path).write_bytes(bytes(raw))
    older.replace(path)  # an older copy of the file put back under the journal
    with pytest.raises(JournalProblem) as caught:
        read_project_file(path)
    problem = caught.value
    assert problem.kind == "foreign" and problem.key == "error.journal_foreign"
    assert problem.params == {"path": str(path), "journal": str(journal_path(path))}
    assert problem.usable == []  # not even the record before the damage: it belongs to another file
    assert f"Le journal {journal_path(path)} ne prolonge pas le fichier du projet {path} :" in problem.message()
    open_without_journal(path)
    assert [doc["name"] for doc in read_project_file(path)["structures"].values()] == ["Un"]
