"""When the journal is folded into the file: once it is larger than the file
(times JOURNAL_RATIO) and than JOURNAL_BOUND, never before, and not when it is
exactly as large. Before that, each change costs its own record only; folding
earlier would rewrite a large project at every change."""

from __future__ import annotations

from pathlib import Path

import pytest

import workshop.storage as storage_module
from workshop.journal import journal_path, read_journal
from workshop.project import Project
from workshop.storage import read_project_file


def journal_records(path: Path) -> int:
    journal = read_journal(journal_path(path))
    assert journal is not None
    return len(journal.records)


def test_a_journal_smaller_than_a_large_file_is_not_folded(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage_module, "JOURNAL_BOUND", 0)  # the file's size alone decides (ratio 1)
    path = project.path
    notes = project.store.table("notes")
    with project.batch():
        for n in range(100):
            notes.insert({"n": n, "text": "x" * 200})  # one record larger than the file: folded
    assert journal_records(path) == 0
    file_bytes = path.read_bytes()
    assert len(file_bytes) > 20_000
    for n in range(10):
        notes.insert({"n": 100 + n, "text": "y" * 200})  # about 3 kB of journal in all
    assert path.read_bytes() == file_bytes  # the file was not rewritten for them
    assert journal_records(path) == 10
    compactions = 0
    for n in range(200):  # about 60 kB more: past the file's size, more than once
        before = journal_records(path)
        notes.insert({"n": 110 + n, "text": "z" * 200})
        after = journal_records(path)
        if after == 0:
            compactions += 1
        else:
            assert after == before + 1
        assert journal_path(path).stat().st_size <= path.stat().st_size + 400  # never much past the file
    assert 1 <= compactions <= 3
    assert len(read_project_file(path)["notes"]) == 310


def test_a_journal_exactly_as_large_as_the_bound_is_not_folded_yet(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage_module, "JOURNAL_RATIO", 0.0)  # the bound alone decides
    path = project.path
    things = project.store.table("things")
    doc_id = things.insert({"value": "...."})
    things.update({"value": "aaaa"}, doc_ids=[doc_id])
    size_one = journal_path(path).stat().st_size
    things.update({"value": "bbbb"}, doc_ids=[doc_id])
    size_two = journal_path(path).stat().st_size
    step = size_two - size_one  # each of these changes appends a record of the same size
    records = journal_records(path)
    monkeypatch.setattr(storage_module, "JOURNAL_BOUND", size_two + step)
    things.update({"value": "cccc"}, doc_ids=[doc_id])  # the journal reaches the bound exactly
    assert journal_path(path).stat().st_size == size_two + step
    assert journal_records(path) == records + 1  # not folded: it is not past the bound
    things.update({"value": "dddd"}, doc_ids=[doc_id])  # past it
    assert journal_records(path) == 0
    assert read_project_file(path)["things"] == {str(doc_id): {"value": "dddd"}}
