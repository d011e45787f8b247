"""Filled results of the built-in exercises: the demo project's and the benchmark's reference.

Not part of any exercise: loading an exercise (to open a project, check a file,
write minutes) never loads these. Each module here fills one exercise's agenda
item through the exercise's own functions and the rounds engine:
`fill_demo(project, workshop, item)` and, seeded, `fill_reference(project,
workshop, item, rng)`. An exercise without a module here (the free item, or one
installed by another package) leaves its items as they were planned.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import random

    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project

# Exercise kind -> the module filling it.
FILLS: dict[str, str] = {
    "apt": "exercises.fills.apt",
    "commitments": "exercises.fills.commitments",
    "fairness": "exercises.fills.fairness",
    "governance": "exercises.fills.governance",
    "matrix": "exercises.fills.matrix",
    "roadmap": "exercises.fills.roadmap",
    "securing": "exercises.fills.securing",
    "stakeholders": "exercises.fills.stakeholders",
    "supra": "exercises.fills.supra",
    "swot": "exercises.fills.swot",
    "values": "exercises.fills.values",
}


def demo_fill(kind: str) -> Callable[[Project, Workshop, AgendaItem], None]:
    """What gives the demo's held workshop realistic results for an item of `kind`."""
    found = _function(kind, "fill_demo")

    def fill(project: Project, workshop: Workshop, item: AgendaItem) -> None:
        if found is not None:
            with project.batch():
                found(project, workshop, item)

    return fill


def reference_fill(kind: str) -> Callable[[Project, Workshop, AgendaItem, random.Random], None]:
    """What fills the reference project's item of `kind` (DESIGN §6), deterministically from `rng`."""
    found = _function(kind, "fill_reference")

    def fill(project: Project, workshop: Workshop, item: AgendaItem, rng: random.Random) -> None:
        if found is not None:
            with project.batch():
                found(project, workshop, item, rng)

    return fill


def _function(kind: str, name: str) -> Callable[..., Any] | None:
    module = FILLS.get(kind)
    return None if module is None else getattr(importlib.import_module(module), name)
