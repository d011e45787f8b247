"""The exercise registry: the built-in exercises, listed here, plus those other packages declare.

A built-in exercise is one line of `BUILTIN`: its kind and the module whose
`EXERCISE` declares it (a subclass of `workshop.exercise.Exercise`), always
`exercises.<kind>_exercise`. Asking for one kind imports that module and the
exercise's own modules it imports, no other exercise's: nothing is found by
importing a whole package, and nothing registers itself as a side effect of
being imported.

Other packages add exercises through the `atelier.exercises` entry-point group,
each entry pointing at an `Exercise` instance. Entry points are read (once, and
importing `importlib.metadata` costs) only when something this version does
not know is met: a kind or a table that is not built in, or the full list of
what a facilitator may choose from (`exercises()`).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import cache

from workshop.exercise import Exercise

ENTRY_POINT_GROUP = "atelier.exercises"

# Kind -> the module declaring it (its `EXERCISE`).
BUILTIN: dict[str, str] = {
    "free": "exercises.free_exercise",
    "swot": "exercises.swot_exercise",
    "apt": "exercises.apt_exercise",
    "values": "exercises.values_exercise",
    "supra": "exercises.supra_exercise",
    "stakeholders": "exercises.stakeholders_exercise",
    "matrix": "exercises.matrix_exercise",
    "governance": "exercises.governance_exercise",
    "securing": "exercises.securing_exercise",
    "commitments": "exercises.commitments_exercise",
    "roadmap": "exercises.roadmap_exercise",
    "fairness": "exercises.fairness_exercise",
}


@cache
def _builtin(kind: str) -> Exercise:
    exercise = getattr(importlib.import_module(BUILTIN[kind]), "EXERCISE", None)
    if not isinstance(exercise, Exercise) or exercise.kind != kind:
        raise TypeError(f"{BUILTIN[kind]}.EXERCISE does not declare the exercise {kind!r}")
    return exercise


@cache
def _third_party() -> dict[str, Exercise]:
    """The exercises other packages declare, by kind; a built-in kind is never replaced."""
    from importlib.metadata import entry_points

    found: dict[str, Exercise] = {}
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        exercise = entry.load()
        if isinstance(exercise, Exercise) and exercise.kind not in BUILTIN and exercise.kind not in found:
            found[exercise.kind] = exercise
    return found


def builtin_exercises() -> list[Exercise]:
    """Every built-in exercise (imports each one's module, and nothing else)."""
    return [_builtin(kind) for kind in BUILTIN]


def exercises() -> list[Exercise]:
    """Every installed exercise, the free item first, then in a stable order (reads the entry points)."""
    every = [*builtin_exercises(), *_third_party().values()]
    return sorted(every, key=lambda e: (getattr(e, "order", 100), e.kind))


def exercise_kinds() -> set[str]:
    """Every installed kind (reads the entry points)."""
    return set(BUILTIN) | set(_third_party())


def is_installed(kind: str) -> bool:
    """Whether an exercise of `kind` exists; entry points are read only for a kind not built in."""
    return kind in BUILTIN or kind in _third_party()


def get_exercise(kind: str) -> Exercise:
    """The exercise of `kind` (loading that one only); KeyError when no installed exercise has it."""
    if kind in BUILTIN:
        return _builtin(kind)
    return _third_party()[kind]


def exercises_of(kinds: Iterable[str]) -> list[Exercise]:
    """The built-in exercises and, among `kinds` (those a project uses), the installed third-party
    ones: what may hold a project's data. A kind no installed exercise has is left out."""
    found = builtin_exercises()
    for kind in sorted(set(kinds) - set(BUILTIN)):
        exercise = _third_party().get(kind)
        if exercise is not None:
            found.append(exercise)
    return found


def exercise_of_table(table: str) -> Exercise | None:
    """The third-party exercise keeping `table` (a table no built-in one has), or None."""
    for exercise in _third_party().values():
        if table in (exercise.state_table, exercise.record_table):
            return exercise
    return None
