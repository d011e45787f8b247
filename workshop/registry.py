"""The exercise registry: built-in modules of `exercises/`, plus third-party ones.

A built-in exercise is any module of the `exercises` package with a module-level
`EXERCISE`. Other packages add theirs through the `atelier.exercises` entry-point
group, each entry pointing at an `Exercise` instance.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import Callable

from workshop.exercise import Exercise

ENTRY_POINT_GROUP = "atelier.exercises"


@cache
def _builtin() -> dict[str, Exercise]:
    import exercises

    found: dict[str, Exercise] = {}
    for module_info in sorted(pkgutil.iter_modules(exercises.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"exercises.{module_info.name}")
        exercise = getattr(module, "EXERCISE", None)
        if isinstance(exercise, Exercise):
            found[exercise.kind] = exercise
    return found


@cache
def _registry() -> dict[str, Exercise]:
    # importlib.metadata is slow to import: only read entry points when a
    # list of every exercise, or a kind that is not built in, is asked for.
    from importlib.metadata import entry_points

    found = dict(_builtin())
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        exercise = entry.load()
        if isinstance(exercise, Exercise) and exercise.kind not in found:
            found[exercise.kind] = exercise
    return found


def exercises() -> list[Exercise]:
    """Every exercise, the free item first, then in a stable order."""
    ordered = sorted(_registry().values(), key=lambda e: (getattr(e, "order", 100), e.kind))
    return ordered


def exercise_kinds() -> set[str]:
    return set(_registry())


def get_exercise(kind: str) -> Exercise:
    """The exercise of `kind`; KeyError when no installed exercise has it."""
    builtin = _builtin()
    if kind in builtin:
        return builtin[kind]
    return _registry()[kind]


def demo_fill(kind: str) -> Callable[..., None]:
    """What fills the demo's results for `kind`: `fill_demo(project, workshop, item)`."""
    return _fill(get_exercise(kind), "fill_demo")


def reference_fill(kind: str) -> Callable[..., None]:
    """What fills the reference project for `kind`: `fill_reference(project, workshop, item, rng)`."""
    return _fill(get_exercise(kind), "fill_reference")


def _fill(exercise: Exercise, name: str) -> Callable[..., None]:
    """The exercise's own method when it overrides it; else the function of the same name
    in the module beside it, `<module>_fill` (which the exercise itself never imports)."""
    method = getattr(exercise, name)
    if getattr(type(exercise), name) is not getattr(Exercise, name):
        return method
    module_name = f"{type(exercise).__module__}_fill"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        return method
    return getattr(module, name, method)
