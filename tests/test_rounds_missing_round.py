"""A round that does not exist (removed, or never made) is refused with an error that names it."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from tests.rounds_room import make_room
from workshop.errors import NotFound
from workshop.i18n import catalog, set_language
from workshop.project import Project
from workshop.rounds import RoundMode, get_round, remove_round


@pytest.mark.parametrize("round_id", [0, 99])
def test_an_unknown_round_is_named_in_the_refusal(project: Project, round_id: int) -> None:
    with pytest.raises(NotFound) as error:
        get_round(project, round_id)
    assert (error.value.key, error.value.params) == ("error.not_found", {"what": "rounds", "id": round_id})


def test_a_removed_round_is_refused(project: Project) -> None:
    room = make_room(project)
    rid = room.start(RoundMode.SCALE)
    remove_round(project, rid)
    with pytest.raises(NotFound) as error:
        get_round(project, rid)
    assert error.value.params == {"what": "rounds", "id": rid}


def test_the_refusal_says_what_was_not_found_in_words(project: Project) -> None:
    with pytest.raises(NotFound) as error:
        get_round(project, 99)
    set_language("en")  # the `french` fixture sets French back
    assert error.value.message() == "Not found (round #99)."


def test_the_refusal_in_french_names_a_round_as_a_round(project: Project) -> None:
    with pytest.raises(NotFound) as error:
        get_round(project, 99)
    assert error.value.message() == "Élément introuvable (tour de table n° 99)."


def _constant(root: Path, path: Path, node: ast.expr) -> str:
    """A table name written as a literal or as a module constant (ROUNDS, TABLE) of `path`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    assert isinstance(node, ast.Name) and node.id.isupper(), f"{path}: a table named by {ast.dump(node)}"
    name = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
    value = getattr(importlib.import_module(name), node.id)
    assert isinstance(value, str)
    return value


def _calls(tree: ast.AST) -> list[ast.AST]:
    """The nodes of `tree`, those of mutmut's mutants left out (`x_f__mutmut_3`: under mutation
    testing the sources read here are the mutated ones, their originals named `…__mutmut_orig`)."""
    found: list[ast.AST] = []
    pending = [tree]
    while pending:
        node = pending.pop()
        name = getattr(node, "name", "")
        if (
            isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and "__mutmut_" in name
            and not name.endswith("__mutmut_orig")
        ):
            continue
        found.append(node)
        pending.extend(ast.iter_child_nodes(node))
    return found


def test_every_table_a_record_is_looked_for_in_is_said_in_words() -> None:
    # The `what=` of every `NotFound(…)` in the code, and the tables `Project._get` is asked for.
    root = Path(__file__).resolve().parents[1]
    tables: set[str] = set()
    for path in [*root.glob("workshop/**/*.py"), *root.glob("exercises/*.py")]:
        for node in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            if getattr(node.func, "id", None) == "NotFound":
                tables |= {
                    _constant(root, path, k.value)
                    for k in node.keywords
                    if k.arg == "what" and not (isinstance(k.value, ast.Name) and k.value.id == "table")
                }
            elif getattr(node.func, "attr", None) == "_get" and path.name == "project.py":
                tables.add(_constant(root, path, node.args[0]))
    assert {"rounds", "structures", "participants", "agenda", "securing", "contribution"} <= tables
    for language in ("fr", "en"):
        missing = sorted(table for table in tables if f"record.{table}" not in catalog(language))
        assert missing == [], f"{language}: tables named raw in 'not found' messages: {missing}"
