"""Shared purpose before detailed objectives (seed 002, principle n°2): the supra
objective runs before the APT in the demo and the reference agendas, and the APT
guide says why."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bench.reference import DAY
from workshop.project import Project


def _before(kinds: list[str], first: str, then: str) -> bool:
    return kinds.index(first) < kinds.index(then)


def test_the_demo_runs_the_supra_objective_before_the_apt(demo_path: Path) -> None:
    with Project.open(demo_path) as project:
        for workshop in project.workshops():
            kinds = [item.kind for item in project.agenda(workshop.id)]
            assert _before(kinds, "supra", "apt"), workshop.title


def test_the_reference_day_runs_the_supra_objective_before_the_apt() -> None:
    assert _before([kind for kind, _, _ in DAY], "supra", "apt")


@pytest.mark.parametrize(("lang", "words"), [("fr", "Après l'objectif supra, pas avant"), ("en", "After the higher objective, not before")])
def test_the_apt_guide_says_why(lang: str, words: str) -> None:
    guide = (Path(__file__).resolve().parents[1] / "exercises" / "guides" / f"apt.{lang}.md").read_text(encoding="utf-8")
    assert words in guide
