"""Demo and reference results live in `exercises.fills`, apart from the exercises, which never import them."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

from exercises.fills import FILLS, demo_fill, reference_fill
from workshop.project import Project
from workshop.registry import BUILTIN

ROOT = Path(__file__).resolve().parents[1]


def test_loading_every_exercise_loads_no_fill() -> None:
    code = (
        "import sys; from workshop.registry import builtin_exercises; builtin_exercises(); "
        "print(sorted(m for m in sys.modules if m == 'exercises.fills' or m.startswith('exercises.fills.') or m.endswith('_fill')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


def test_every_fill_is_of_a_built_in_exercise() -> None:
    assert set(FILLS) <= set(BUILTIN)
    assert set(BUILTIN) - set(FILLS) == {"free"}


def test_a_fill_gives_the_item_its_results(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.atelier", "P") as project:
        for n in range(3):
            structure = project.add_structure(f"S{n}")
            project.add_participant(f"P{n}", structure.id)
        workshop = project.add_workshop("A", "2026-10-12")
        item = project.add_agenda_item(workshop.id, "swot", "Diagnostic")
        assert project.store.table("rounds").all() == []
        reference_fill("swot")(project, workshop, item, random.Random(1))
        assert project.store.table("rounds").all() != []
        other = project.add_agenda_item(workshop.id, "commitments", "Engagements")
        demo_fill("commitments")(project, workshop, other)
        assert len(project.store.table("proposals")) == 8  # the demo's eight proposals


def test_an_exercise_with_nothing_to_fill_is_left_as_planned(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p.atelier", "P") as project:
        workshop = project.add_workshop("A", "2026-10-12")
        item = project.add_agenda_item(workshop.id, "free", "Accueil")
        before = project.store.db.storage.read()
        demo_fill("free")(project, workshop, item)
        reference_fill("free")(project, workshop, item, random.Random(1))
        assert project.store.db.storage.read() == before
