"""Why a save failed, said in the person's words: each system error a disk, a USB
key or a network folder gives, through a change to the project (the file system's
fsync fails as the save reaches the disk)."""

from __future__ import annotations

import errno
import os

import pytest

from workshop.errors import StorageError
from workshop.project import Project


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "le disque est plein"),
        (errno.EDQUOT, "le disque est plein"),  # a quota reached is a full disk for the person
        (errno.EFBIG, "le disque est plein"),
        (errno.EROFS, "le dossier est en lecture seule"),
        (errno.EACCES, "l'accès au dossier est refusé"),
        (errno.EPERM, "l'accès au dossier est refusé"),
        (errno.ENOENT, "le dossier n'existe plus (clé USB retirée ?)"),
        (errno.EIO, "erreur de lecture ou d'écriture du disque"),
        (errno.ENOMEM, "Cannot allocate memory"),  # no words of ours: the system's
    ],
)
def test_a_failed_save_says_why_in_words(project: Project, monkeypatch: pytest.MonkeyPatch, code: int, reason: str) -> None:
    def fail(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    with monkeypatch.context() as broken, pytest.raises(StorageError) as failed:
        broken.setattr(os, "fsync", fail)  # undone before the project closes (its close saves)
        project.add_structure("Les Tilleuls")
    assert failed.value.params["reason"] == reason
    assert failed.value.params["path"] == str(project.path)
