"""Control characters a journal record holds (written by an older version or
another tool) are made visible when the project is read, exactly as those of the
file: a name replayed from the journal reaches neither the terminal nor the
minutes raw."""

from __future__ import annotations

import json
from pathlib import Path

from tests.disk import abandon, rewrite_journal
from workshop.journal import journal_path, read_journal
from workshop.project import Project
from workshop.storage import read_project_file


def test_a_name_replayed_from_the_journal_has_its_control_characters_made_visible(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
    crashed = Project.open(path)
    crashed.add_structure("Deux")  # into the file (the first change after opening writes it whole)
    crashed.add_structure("Trois")  # the journal's one record
    abandon(crashed)
    journal = read_journal(journal_path(path))
    assert journal is not None and len(journal.records) == 1
    record = json.loads(journal.records[0])
    (doc,) = record["put"]["structures"].values()
    doc["name"] = "\x1b[31mTrois\x07"
    rewrite_journal(path, journal.generation, [json.dumps(record).encode()])  # the escape as JSON writes it: \u001b
    names = sorted(doc["name"] for doc in read_project_file(path)["structures"].values())
    assert names == ["Deux", "Un", "␛[31mTrois␇"]
    with Project.open(path) as project:
        assert sorted(s.name for s in project.structures()) == ["Deux", "Un", "␛[31mTrois␇"]
