"""A project is created with its first record (the meta): a storage created and
closed before any change was made leaves nothing on disk, rather than a file
without a meta table (which every later open refuses as damaged) and its backup."""

from __future__ import annotations

from pathlib import Path

from workshop.storage import DurableStorage


def test_a_storage_created_then_closed_without_a_change_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    storage = DurableStorage(path, create=True)
    assert not storage.pending
    storage.close()
    assert list(tmp_path.iterdir()) == []

