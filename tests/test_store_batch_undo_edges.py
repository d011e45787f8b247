"""A batch that fails is undone, whatever its block did before failing.

The undo (`DurableStorage._rollback`) puts back each document the batch
touched as it was before the batch: it must do so even when the block removed
again a record it had just added, or dropped the table it had written to, and
it must end with the block's own error, never one of its own. A retry asked
for inside a batch saves nothing before the batch ends (what the batch did is
not yet a change: it may still be undone).
"""

from __future__ import annotations

import errno
import os

import pytest

from workshop.errors import StorageError, ValidationError
from workshop.journal import JournalWriter
from workshop.project import Project
from workshop.storage import read_project_file


def _full(writer: JournalWriter, payload: bytes) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def names_on_disk(project: Project) -> list[str]:
    return [doc["name"] for doc in read_project_file(project.path).get("structures", {}).values()]


def test_a_record_added_then_removed_in_a_failed_batch_ends_with_the_blocks_error(project: Project) -> None:
    project.add_structure("Avant")
    things = project.store.table("things")
    kept = things.insert({"n": 1})
    with pytest.raises(ValidationError):
        with project.batch():
            added = things.insert({"n": 2})
            things.remove(doc_ids=[added])
            raise ValidationError("error.invalid")
    assert [doc.doc_id for doc in things.all()] == [kept]
    assert not project.store.storage.pending
    project.add_structure("Après")
    on_disk = read_project_file(project.path)
    assert on_disk["things"] == {str(kept): {"n": 1}}
    assert names_on_disk(project) == ["Avant", "Après"]


def test_a_table_written_then_dropped_in_a_failed_batch_ends_with_the_blocks_error(project: Project) -> None:
    project.add_structure("Avant")
    with pytest.raises(ValidationError):
        with project.batch():
            project.store.table("brouillon").insert({"n": 1})
            project.store.db.drop_table("brouillon")
            raise ValidationError("error.invalid")
    assert project.store.table("brouillon").all() == []
    assert [s.name for s in project.structures()] == ["Avant"]
    project.add_structure("Après")
    on_disk = read_project_file(project.path)
    assert not on_disk.get("brouillon")
    assert names_on_disk(project) == ["Avant", "Après"]


def test_a_retry_inside_a_batch_that_then_fails_saves_nothing_of_the_batch(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as full:
        full.setattr(JournalWriter, "append", _full)
        with pytest.raises(StorageError):
            project.add_structure("En attente")  # kept in memory, its save failed
    with pytest.raises(ValidationError):
        with project.batch():
            project.add_structure("Annulée")
            project.store.storage.retry()  # the disk has room again, but the batch is not over
            assert names_on_disk(project) == []
            raise ValidationError("error.invalid")
    assert names_on_disk(project) == []
    assert [s.name for s in project.structures()] == ["En attente"]
    assert project.store.storage.pending
    project.store.storage.retry()
    assert names_on_disk(project) == ["En attente"]
