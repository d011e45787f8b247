"""The project file's own bookkeeping (the journal binding and the table
inventory, stamped in its meta record each time the file is written) is read
from the file but never kept in the project's memory: the settings the
facilitator sees are the settings, and a change of them journals no stale copy
of the binding of a file that has since been replaced."""

from __future__ import annotations

import json
from pathlib import Path

from workshop.journal import decode_record, journal_path, read_journal
from workshop.project import Project
from workshop.storage import read_project_file

SETTINGS = {"name", "format", "promoter_id", "threshold", "created"}  # what Project.create writes


def _closed_project(path: Path) -> None:
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")


def test_the_settings_read_back_hold_none_of_the_files_bookkeeping(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    _closed_project(path)
    on_disk = next(iter(json.loads(path.read_bytes())["meta"].values()))
    assert {"journal", "tables"} <= set(on_disk)  # the file carries them
    assert set(next(iter(read_project_file(path)["meta"].values()))) == SETTINGS
    with Project.open(path) as project:
        assert set(project.meta) == SETTINGS


def test_a_change_of_the_settings_journals_the_settings_alone(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    _closed_project(path)
    project = Project.open(path)
    try:
        project.add_structure("Deux")  # the first change after opening writes the file whole
        project.rename("Coopération 2")  # this one goes to the journal
        journal = read_journal(journal_path(path))
        assert journal is not None
        puts = [decode_record(payload, number).get("put", {}) for number, payload in enumerate(journal.records, 1)]
        metas = [doc for put in puts for doc in put.get("meta", {}).values()]
        assert len(metas) == 1
        assert set(metas[0]) == SETTINGS and metas[0]["name"] == "Coopération 2"
    finally:
        project.close()
