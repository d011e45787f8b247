"""A structure that authored proposals cannot be removed, whichever module asks first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


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
    # Record a proposal without importing workshop.proposals in this module's namespace.
    importlib.import_module("workshop.proposals").record_proposal(project, "Un potager partagé", s.id)
    sys.modules.pop("workshop.proposals.guard", None)
    from workshop import project as project_module
    project_module.structure_guards.clear()
    try:
        project.remove_structure(s.id)
    except ValidationError:
        print("refused")
    else:
        print("removed")
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "refused"
