"""Demo and reference data live beside the exercise, which never imports them back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from workshop.registry import demo_fill, get_exercise, reference_fill

ROOT = Path(__file__).resolve().parents[1]


def test_the_new_exercises_do_not_import_their_demo_data() -> None:
    modules = "exercises.swot, exercises.swot_answers, exercises.securing, " + ", ".join(
        f"exercises.{name}"
        for name in (
            "roadmap", "roadmap_objectives", "roadmap_actions", "roadmap_follow", "roadmap_timeline", "roadmap_minutes",
            "roadmap_convention", "fairness", "fairness_sides", "fairness_minutes", "fairness_convention",
        )
    )
    code = f"import sys, {modules}; print(sorted(m for m in sys.modules if m.endswith('_fill')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


def test_the_demo_finds_the_fill_module_beside_the_exercise() -> None:
    from exercises import securing_fill, swot_fill

    assert demo_fill("swot") is swot_fill.fill_demo
    assert reference_fill("swot") is swot_fill.fill_reference
    assert demo_fill("securing") is securing_fill.fill_demo
    assert reference_fill("securing") is securing_fill.fill_reference
    from exercises import fairness_fill, roadmap_fill

    assert demo_fill("roadmap") is roadmap_fill.fill_demo and reference_fill("roadmap") is roadmap_fill.fill_reference
    assert demo_fill("fairness") is fairness_fill.fill_demo and reference_fill("fairness") is fairness_fill.fill_reference


def test_an_exercise_that_fills_itself_keeps_its_own_method() -> None:
    exercise = get_exercise("commitments")
    assert demo_fill("commitments") == exercise.fill_demo
    assert reference_fill("values") == get_exercise("values").fill_reference


def test_an_exercise_with_nothing_to_fill_gets_the_empty_default(tmp_path: Path) -> None:
    from workshop.project import Project

    with Project.create(tmp_path / "p.atelier", "P") as project:
        workshop = project.add_workshop("A", "2026-10-12")
        item = project.add_agenda_item(workshop.id, "free", "Accueil")
        demo_fill("free")(project, workshop, item)  # a free item has no results: nothing happens, nothing fails
        assert project.store.table("rounds").all() == []
