"""Plug-ins are declared, not discovered by importing everything (issue #20, point 7).

Loading one exercise (or its screen) loads that one only: no other exercise,
no demo or reference fill, and no entry-point scan (`importlib.metadata`)
while every kind met is built in. Another package's exercise is found through
its entry point, read only when a kind or a table this version does not know
is met; its table is then checked like the built-in ones.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from workshop import registry
from workshop.exercise import Exercise
from workshop.registry import BUILTIN

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import json, sys
{load}
print(json.dumps(sorted(sys.modules)))
"""


def loaded_after(load: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", PROBE.format(load=load)], capture_output=True, text=True, cwd=ROOT, check=True)
    import json

    return set(json.loads(done.stdout))


def of_other_kinds(modules: set[str], package: str, kind: str) -> set[str]:
    """The modules of `package` that belong to another built-in kind than `kind` (its own helpers
    are `<package>.<kind>_…`; shared helpers belong to no kind)."""
    return {
        m
        for m in modules
        for other in BUILTIN
        if other != kind and (m == f"{package}.{other}" or m.startswith(f"{package}.{other}_"))
    }


def own_parts(kind: str) -> set[str]:
    """The exercise's model, minutes and convention modules, those of them it has (free and
    commitments have none: their declaration is all there is)."""
    names = (kind, f"{kind}_minutes", f"{kind}_convention")
    return {f"exercises.{name}" for name in names if (ROOT / "exercises" / f"{name}.py").is_file()}


def test_every_built_in_exercise_is_declared_by_its_own_module() -> None:
    assert BUILTIN == {kind: f"exercises.{kind}_exercise" for kind in BUILTIN}
    assert own_parts("matrix") == {"exercises.matrix", "exercises.matrix_minutes", "exercises.matrix_convention"}
    assert own_parts("free") == set()


@pytest.mark.parametrize("kind", sorted(BUILTIN))
def test_loading_one_exercise_loads_only_it(kind: str) -> None:
    modules = loaded_after(f"from workshop.registry import get_exercise; get_exercise({kind!r})")
    # Its declaration imports its parts at once (no import waiting in a method to break a circle)…
    assert {f"exercises.{kind}_exercise", *own_parts(kind)} <= modules
    # …and nothing of another exercise.
    assert of_other_kinds(modules, "exercises", kind) == set()
    assert {m for m in modules if m == "exercises.fills" or m.startswith("exercises.fills.")} == set()
    # No entry-point scan for a built-in kind. (Under mutation testing the mutated core imports
    # mutmut, which reads its own version with importlib.metadata: that one is the harness's.)
    assert "importlib.metadata" not in modules or "mutmut" in modules


@pytest.mark.parametrize("kind", ["swot", "roadmap"])
def test_opening_one_exercise_screen_loads_only_its_screen(kind: str) -> None:
    modules = loaded_after(f"from screens.registry import exercise_screen; exercise_screen({kind!r})")
    assert f"screens.exercises.{kind}" in modules
    assert of_other_kinds(modules, "screens.exercises", kind) == set()
    assert of_other_kinds(modules, "exercises", kind) == set()
    assert {m for m in modules if m.startswith("screens.tools.")} == set()


def test_exporting_minutes_reads_no_entry_point(tmp_path: Path) -> None:
    # Every table of the demo is built in: checking and writing it never scans the installed packages.
    modules = loaded_after(
        "from pathlib import Path; from workshop.demo import ensure_demo; "
        f"from workshop.minutes.snapshot import open_snapshot; p = ensure_demo(Path({str(tmp_path)!r})); "
        "[m for m in list(sys.modules) if m == 'importlib.metadata' and sys.modules.pop(m)]; "
        "from workshop.minutes.builder import build_minutes; project = open_snapshot(p); "
        "build_minutes(project, project.workshops()[0])"
    )
    assert "importlib.metadata" not in modules or "mutmut" in modules


# Another package's exercise ---------------------------------------------------------------------
@dataclass
class ProbeState:
    item_id: int
    words: list[str]

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> ProbeState:
        return cls(doc["item_id"], list(doc.get("words", [])))


class ProbeExercise(Exercise):
    kind = "probe"
    state_table = "probe_states"
    state_type = ProbeState


class FakeEntry:
    name = "probe"

    def load(self) -> Exercise:
        return ProbeExercise()


@pytest.fixture
def probe_installed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A package declaring the `probe` exercise; yields the groups whose entry points were read."""
    import importlib.metadata

    from workshop import validation

    read: list[str] = []

    def entry_points(group: str) -> list[FakeEntry]:
        read.append(group)
        return [FakeEntry()] if group == registry.ENTRY_POINT_GROUP else []

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    for cached in (registry._third_party, validation.other_schema):
        cached.cache_clear()
    yield read
    for cached in (registry._third_party, validation.other_schema):
        cached.cache_clear()


def test_a_built_in_kind_never_reads_the_entry_points(probe_installed: list[str]) -> None:
    assert registry.get_exercise("swot").kind == "swot"
    assert registry.is_installed("apt")
    assert probe_installed == []


def test_an_unknown_kind_is_found_through_its_entry_point(probe_installed: list[str]) -> None:
    assert registry.get_exercise("probe").kind == "probe"
    assert registry.is_installed("probe") and not registry.is_installed("nothing")
    assert "probe" in {e.kind for e in registry.exercises()}
    assert probe_installed == [registry.ENTRY_POINT_GROUP]  # read once


def test_an_unknown_table_is_checked_by_the_exercise_keeping_it(probe_installed: list[str]) -> None:
    from workshop.validation import validate

    def project(words: Any) -> dict[str, Any]:
        return {
            "meta": {"1": {"name": "P", "format": 1, "tables": {"meta": 1, "probe_states": 1}}},
            "probe_states": {"3": {"item_id": 3, "words": words}},
        }

    assert validate(project(["un", "deux"])) == []
    findings = validate(project("pas une liste"))
    assert [(f.table, f.record, f.field, f.key) for f in findings] == [("probe_states", "3", "words", "schema.type")]
