"""A structure that something names cannot be removed, whichever module asks first: the guards
are listed (the core's) and declared (each exercise's `structure_guard`), never registered on import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workshop.errors import ValidationError
from workshop.project import Project


def test_guard_applies_without_importing_proposals_first(tmp_path: Path) -> None:
    # A fresh interpreter: only workshop.project is imported before the removal.
    script = f"""
import sys
from workshop.project import Project
from workshop.errors import ValidationError
path = {str(tmp_path / 'p.atelier')!r}
with Project.create(path, "P") as project:
    s = project.add_structure("Les Jardins")
    import importlib
    importlib.import_module("workshop.proposals").record_proposal(project, "Un potager partagé", s.id)
    for name in [m for m in sys.modules if m.startswith(("workshop.proposals", "exercises"))]:
        del sys.modules[name]
    try:
        project.remove_structure(s.id)
    except ValidationError:
        print("refused")
    else:
        print("removed")
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "refused"


def test_an_exercise_declares_its_guard(tmp_path: Path) -> None:
    from exercises import securing
    from workshop.proposals import Referent

    with Project.create(tmp_path / "p.atelier", "P") as project:
        kept = project.add_structure("Les Jardins")
        free = project.add_structure("La Passerelle")
        workshop = project.add_workshop("A", "2026-10-12")
        item = project.add_agenda_item(workshop.id, "securing", "À sécuriser")
        securing.add_element(project, "Le local", workshop.id, item.id, referent=Referent.structure(kept.id))
        with pytest.raises(ValidationError) as refused:
            project.remove_structure(kept.id)
        assert refused.value.key == "securing.error.structure_responsible"
        project.remove_structure(free.id)
        assert [s.name for s in project.structures()] == ["Les Jardins"]
