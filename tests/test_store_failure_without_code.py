"""A save that fails with an error carrying no system code (a network folder's
driver, a library in between) is said with that error's own words: never one of
our reasons, which would name a cause (a full disk, a refused access) that is
not the one."""

from __future__ import annotations

import pytest

from workshop.errors import StorageError
from workshop.project import Project


def test_a_failed_save_without_a_system_code_says_the_errors_own_words(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(fd: int) -> None:
        raise OSError("le lecteur réseau ne répond plus")

    with monkeypatch.context() as broken, pytest.raises(StorageError) as failed:
        broken.setattr("os.fsync", fail)
        project.add_structure("Les Tilleuls")
    assert failed.value.params == {"path": str(project.path), "reason": "le lecteur réseau ne répond plus"}
    assert failed.value.key == "error.storage"
    assert "le lecteur réseau ne répond plus" in failed.value.message()
