"""A journal found beside a file it does not extend is ignored only when the file
says it absorbed exactly that journal: same generation, same number of records,
same last checksum (`Binding.folded`). Anything else is a foreign journal,
refused by name: a journal holding one change more than the file absorbed must
never be dropped in silence, and a file that absorbed no journal at all (a
rescue copy, a restored backup) absorbed none of them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.disk import abandon, frame_start
from workshop.errors import JournalProblem
from workshop.journal import journal_path, parse_journal, read_journal
from workshop.project import Project
from workshop.storage import load_project, new_generation, project_payload, read_project_file


def names(data: dict) -> list[str]:
    return [doc["name"] for doc in data.get("structures", {}).values()]


def crashed_with_two_records(path: Path) -> None:
    """The project at `path` as a crash leaves it: its file ("Un", "Deux"), and a journal holding "Trois" then "Quatre"."""
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
    again = Project.open(path)
    again.add_structure("Deux")  # the first change: the file is written whole, then the journal holds it
    again.add_structure("Trois")
    again.add_structure("Quatre")
    abandon(again)  # a crash: no last save, no compaction



def test_a_journal_with_a_change_more_than_the_file_absorbed_is_refused_never_dropped(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    crashed_with_two_records(path)
    raw = journal_path(path).read_bytes()
    journal = read_journal(journal_path(path))
    assert journal is not None and len(journal.records) == 2
    # The project as the file and the journal's first record make it.
    first = tmp_path / "premier" / "projet.atelier"
    first.parent.mkdir()
    shutil.copy2(path, first)
    journal_path(first).write_bytes(raw[: frame_start(raw, 2)])
    data = load_project(first).data
    assert names(data) == ["Un", "Deux", "Trois"]
    # A file that says it absorbed that journal up to its first record only.
    absorbed = parse_journal(raw[: frame_start(raw, 2)])
    folds = {"generation": journal.generation, "records": 1, "tail": f"{absorbed.tail:08x}"}
    path.write_bytes(project_payload(data, new_generation(), False, folds))
    # Beside it, the whole journal: "Quatre" is in it and not in the file.
    with pytest.raises(JournalProblem) as caught:
        read_project_file(path)
    assert caught.value.kind == "foreign"
    assert journal_path(path).read_bytes() == raw  # left as it was, for the person to recover


def test_the_journal_the_file_absorbed_whole_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    crashed_with_two_records(path)
    journal = read_journal(journal_path(path))
    assert journal is not None
    data = load_project(path).data
    folds = {"generation": journal.generation, "records": 2, "tail": f"{journal.tail:08x}"}
    path.write_bytes(project_payload(data, new_generation(), False, folds))
    assert names(read_project_file(path)) == ["Un", "Deux", "Trois", "Quatre"]


def test_a_file_that_absorbed_no_journal_refuses_the_journal_of_another_version(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    crashed_with_two_records(path)
    # A rescue copy of the project, put where the project was: it names no journal it absorbed.
    with Project.create(tmp_path / "autre.atelier", "Coopération") as other:
        other.add_structure("Ailleurs")
        path.write_bytes(other.store.storage.payload())
    with pytest.raises(JournalProblem) as caught:
        read_project_file(path)
    assert caught.value.kind == "foreign"
