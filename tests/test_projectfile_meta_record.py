"""A project's meta record is the one with the lowest id, wherever it stands in the
file: the same one the validation checks, and the one whose journal binding is
obeyed. A file edited by hand with a second meta record listed first (saying
that no journal follows) must not hide that the real one says a journal does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.disk import abandon
from workshop.errors import JournalProblem
from workshop.journal import journal_path
from workshop.project import Project
from workshop.storage import read_project_file


def test_the_meta_record_with_the_lowest_id_binds_the_journal(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
    crashed = Project.open(path)
    crashed.add_structure("Deux")  # the file now says a journal follows it
    abandon(crashed)
    journal_path(path).unlink()  # copied without its journal
    data = json.loads(path.read_bytes())
    (first_id, first), *_ = data["meta"].items()
    assert first["journal"]["follows"] is True
    second = json.loads(json.dumps(first))
    second["journal"] = {"generation": None, "follows": False, "folds": None}
    first["tables"]["meta"] = 2
    data["meta"] = {str(int(first_id) + 1): second, first_id: first}  # the higher id listed first
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(JournalProblem) as caught:
        read_project_file(path)
    assert caught.value.kind == "missing"
