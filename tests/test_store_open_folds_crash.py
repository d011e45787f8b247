"""What a crash left in the journal goes into the file when the project is opened
again, whether or not the crash also tore a last record: the file alone then
holds every change acknowledged before the crash, and the journal starts empty.
(A copy of the file made after that open is complete.)"""

from __future__ import annotations

import json
from pathlib import Path

from tests.disk import abandon
from workshop.journal import journal_path, read_journal
from workshop.project import Project


def names_in_file_alone(path: Path) -> list[str]:
    return sorted(doc["name"] for doc in json.loads(path.read_bytes()).get("structures", {}).values())


def test_whole_records_left_by_a_crash_are_folded_into_the_file_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
    crashed = Project.open(path)
    crashed.add_structure("Deux")  # the first change writes the file whole
    crashed.add_structure("Trois")  # these two are in the journal only, whole (no torn record)
    crashed.add_structure("Quatre")
    abandon(crashed)
    journal = read_journal(journal_path(path))
    assert journal is not None and len(journal.records) == 2 and not journal.torn
    assert names_in_file_alone(path) == ["Deux", "Un"]
    with Project.open(path) as again:
        assert names_in_file_alone(path) == ["Deux", "Quatre", "Trois", "Un"]
        reopened = read_journal(journal_path(path))
        assert reopened is not None and reopened.records == []
        assert sorted(s.name for s in again.structures()) == ["Deux", "Quatre", "Trois", "Un"]
