"""Reading a project back: what the home screen's listing checks (the layout, the
meta record, the inventory: fast, without the models) and what opening checks
(every record too); and a journal whose start never reached the disk, which
holds nothing and is no reason to refuse the project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.disk import abandon
from workshop.errors import ProjectDamaged
from workshop.journal import MAGIC, journal_path, read_journal
from workshop.project import Project
from workshop.storage import read_project_file


def names(data: dict) -> list[str]:
    return sorted(doc["name"] for doc in data.get("structures", {}).values())


def test_the_listing_leaves_the_records_to_the_opening(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Les Tilleuls")
    data = json.loads(path.read_bytes())
    next(iter(data["structures"].values()))["member"] = "oui"  # a record edited by hand, wrongly
    path.write_text(json.dumps(data), encoding="utf-8")
    listed = read_project_file(path, records=False)
    assert names(listed) == ["Les Tilleuls"]
    with pytest.raises(ProjectDamaged) as caught:
        read_project_file(path)
    assert caught.value.key == "error.project_invalid"
    with pytest.raises(ProjectDamaged):
        Project.open(path)


@pytest.mark.parametrize("left", [b"", b"\x00" * 64, MAGIC[:7]], ids=["empty", "zeros", "cut"])
def test_a_journal_whose_start_never_reached_the_disk_is_no_reason_to_refuse(tmp_path: Path, left: bytes) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
    again = Project.open(path)
    again.add_structure("Deux")  # the first change: the file written whole, a new journal beside it
    abandon(again)  # a crash before the journal's header reached the disk
    journal_path(path).write_bytes(left)
    journal = read_journal(journal_path(path))
    assert journal is not None and journal.headless
    assert names(read_project_file(path)) == ["Deux", "Un"]
    with Project.open(path) as reopened:
        assert sorted(s.name for s in reopened.structures()) == ["Deux", "Un"]
        reopened.add_structure("Trois")
    assert names(read_project_file(path)) == ["Deux", "Trois", "Un"]
