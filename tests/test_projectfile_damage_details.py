"""Details of damage that decide what a person keeps: a journal change that does
not apply keeps every change before it (and only those) for "open without the
journal"; a key written twice in the file is named; a failed whole write names
the project and the reason; a temporary file a crash left mid-write sits beside
the project, where the next opening removes it."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

import workshop.projectfile as projectfile
from tests.disk import abandon, crash_with_three_records, rewrite_journal
from workshop.errors import JournalProblem, ProjectDamaged, StorageError
from workshop.project import Project
from workshop.storage import read_project_file
from workshop.store import open_without_journal


def names(data: dict) -> list[str]:
    return sorted(doc["name"] for doc in data.get("structures", {}).values())


def test_a_change_that_does_not_apply_keeps_exactly_the_changes_before_it(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
    journal = crash_with_three_records(path)
    # The journal written again, bound to the same file, its second record saying a wrong count.
    second = json.loads(journal.records[1])
    second["counts"]["structures"] += 1
    records = [journal.records[0], json.dumps(second).encode(), journal.records[2]]
    rewrite_journal(path, journal.generation, records)
    with pytest.raises(JournalProblem) as caught:
        read_project_file(path)
    problem = caught.value
    assert problem.kind == "damaged" and problem.params["record"] == 2
    assert problem.usable == [records[0]]
    open_without_journal(path)
    assert names(read_project_file(path)) == ["Deux", "Trois", "Un"]  # the first record's change, no more


def test_a_key_written_twice_is_named(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
    text = path.read_text(encoding="utf-8")
    doubled = text.replace('"name":"Un"', '"name":"Un","name":"Deux"', 1)
    assert doubled != text
    path.write_text(doubled, encoding="utf-8")
    with pytest.raises(ProjectDamaged) as caught:
        read_project_file(path)
    assert caught.value.key == "error.project_invalid"
    assert "la clé « name » apparaît deux fois" in caught.value.message()


def test_a_failed_whole_write_names_the_project_and_why(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    project.add_structure("Un")
    with monkeypatch.context() as broken:
        broken.setattr(projectfile.tempfile, "mkstemp", full)
        with pytest.raises(StorageError) as caught:
            project.store.db.drop_table("brouillon_vide")  # a no-op for TinyDB: nothing to write
            project.store.table("brouillon").insert({"n": 1})
            project.store.db.drop_table("brouillon")  # a change around the tables: written whole
    assert caught.value.params == {"path": str(project.path), "reason": "le disque est plein"}


class Crash(BaseException):
    """The process dies here."""


def test_a_temporary_file_left_by_a_crash_is_beside_the_project_and_removed_at_the_next_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
    crashed = Project.open(path)

    real_replace, real_unlink = os.replace, os.unlink
    dead: list[bool] = []

    def replace(src: object, dst: object) -> None:
        if dead or Path(str(dst)) == path:
            dead.append(True)
            raise Crash()  # killed as the new file was about to take the project's name
        real_replace(src, dst)

    def unlink(name: object, *args: object, **kwargs: object) -> None:
        if dead:
            raise Crash()  # nothing after the kill happens: no cleanup
        real_unlink(name, *args, **kwargs)

    with monkeypatch.context() as dying:
        dying.setattr(projectfile.os, "replace", replace)
        dying.setattr(projectfile.os, "unlink", unlink)
        with pytest.raises(Crash):
            crashed.add_structure("Deux")  # the first change: the file written whole, killed before its rename
    abandon(crashed)
    left = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert all(p.name.startswith(".projet.atelier.") for p in left)
    new_versions = [p for p in left if p.read_bytes().startswith(b"{") and b'"Deux"' in p.read_bytes()]
    assert len(new_versions) == 1  # the new version of the file, whole, beside the project
    with Project.open(path) as again:
        assert [s.name for s in again.structures()] == ["Un"]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
