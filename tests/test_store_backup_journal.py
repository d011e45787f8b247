"""The backup is the previous file with the journal that extended it. A journal
beside the backup that is not its own (foreign, or damaged and not its own) only
means the backup is its file alone; its own journal damaged is damage, reported,
never dropped in silence (the backup is what a person falls back on)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.errors import JournalProblem
from workshop.journal import journal_path
from workshop.project import Project
from workshop.storage import backup_path, load_project


def names(data: dict) -> list[str]:
    return sorted(doc["name"] for doc in data.get("structures", {}).values())


def closed_with_a_backup(path: Path) -> Path:
    """A project closed after two changes: its backup is the file before them, with the journal holding them."""
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
        project.add_structure("Deux")
    backup = backup_path(path)
    assert names(load_project(backup, backup=True).data) == ["Deux", "Un"]
    return backup


def another_projects_journal(tmp_path: Path) -> bytes:
    other = tmp_path / "autre" / "autre.atelier"
    other.parent.mkdir()
    project = Project.create(other, "Autre")
    project.add_structure("Ailleurs")
    raw = journal_path(other).read_bytes()
    project.close()
    return raw


@pytest.mark.parametrize("damaged", [False, True], ids=["whole", "damaged"])
def test_a_journal_not_its_own_beside_the_backup_leaves_the_backup_its_file_alone(
    tmp_path: Path, damaged: bool
) -> None:
    backup = closed_with_a_backup(tmp_path / "projet.atelier")
    raw = another_projects_journal(tmp_path)
    if damaged:
        position = raw.index(b"Ailleurs")
        raw = (
            raw[:position] + b"a" + raw[position + 1 :] + b'0000000a 00000000\n{"put":{}}\n'
        )  # damage before more data
    journal_path(backup).write_bytes(raw)
    loaded = load_project(backup, backup=True)
    assert loaded.journal is None and names(loaded.data) == []
    assert journal_path(backup).read_bytes() == raw  # left as it was


def test_the_backups_own_journal_damaged_is_reported(tmp_path: Path) -> None:
    backup = closed_with_a_backup(tmp_path / "projet.atelier")
    raw = bytearray(journal_path(backup).read_bytes())
    raw[raw.index(b"Un")] = ord("u")  # a bit flipped in the first change, the second after it
    journal_path(backup).write_bytes(bytes(raw))
    with pytest.raises(JournalProblem) as caught:
        load_project(backup, backup=True)
    assert caught.value.kind == "damaged" and caught.value.params["record"] == 1
