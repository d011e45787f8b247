"""A journal record whose frame reads whole (its checksum matches) but which does
not hold a change (another tool's JSON, a bug of an older version) is damage
named by its number: the person is told from which change on nothing can be read
back, and "open without the journal" keeps every change before it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.disk import abandon, rewrite_journal
from workshop.errors import JournalProblem
from workshop.journal import journal_path, read_journal
from workshop.project import Project
from workshop.storage import read_project_file
from workshop.store import open_without_journal


@pytest.mark.parametrize("foreign", [b'{"put": 3}', b"pas du JSON", b'{"put": {}, "counts": {}, "put": {}}'])
def test_a_whole_record_that_is_no_change_is_named_by_its_number(tmp_path: Path, foreign: bytes) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
    crashed = Project.open(path)
    for name in ("Deux", "Trois", "Quatre"):
        crashed.add_structure(name)  # "Deux" into the file (first change); two records in the journal
    abandon(crashed)
    journal = read_journal(journal_path(path))
    assert journal is not None and len(journal.records) == 2
    # Written again, bound to the same file, its second record replaced, each frame with a right checksum.
    rewrite_journal(path, journal.generation, [journal.records[0], foreign])
    with pytest.raises(JournalProblem) as caught:
        read_project_file(path)
    problem = caught.value
    assert problem.kind == "damaged" and problem.params["record"] == 2
    assert "le changement n° 2 n'a pas la forme d'un changement." in problem.message()
    assert "Les changements à partir du n° 2 ne peuvent pas être relus." in problem.message()
    assert problem.usable == [journal.records[0]]
    open_without_journal(path)
    assert sorted(doc["name"] for doc in read_project_file(path)["structures"].values()) == ["Deux", "Trois", "Un"]
