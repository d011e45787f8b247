"""A key written twice in an object of the project file is named as the one
written twice, wherever it stands in its object (not the object's first key),
in a message that names the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.errors import ProjectDamaged
from workshop.project import Project
from workshop.storage import read_project_file
from workshop.strict_json import DuplicateKey, strict_json


def test_the_key_written_twice_is_the_one_named(tmp_path: Path) -> None:
    path = tmp_path / "projet.atelier"
    with Project.create(path, "Coopération") as project:
        project.add_structure("Un")
    text = path.read_text(encoding="utf-8")
    doubled = text.replace('"kind":"association"', '"kind":"association","kind":"entreprise"', 1)
    assert doubled != text and doubled.index('"name":"Un"') < doubled.index('"kind"')
    path.write_text(doubled, encoding="utf-8")
    with pytest.raises(ProjectDamaged) as caught:
        read_project_file(path)
    assert caught.value.params["path"] == str(path)
    assert caught.value.message().startswith(f"Le fichier du projet {path} est endommagé : ")
    assert "la clé « kind » apparaît deux fois" in caught.value.message()
    assert "« name »" not in caught.value.message()


def test_strict_json_names_the_repeated_key_after_others() -> None:
    with pytest.raises(DuplicateKey) as caught:
        strict_json('{"a": 1, "b": 2, "c": 3, "b": 4}')
    assert caught.value.key == "b"
    assert strict_json('{"a": 1, "b": {"a": 2}}') == {"a": 1, "b": {"a": 2}}  # the same key in two objects is no repeat
