"""No import circle among Atelier's modules, not even one closed by an import inside a function.

An import written inside a function ("lazy") runs as surely as one at the top
of the module, only later: when it closes a circle, the circle is there all the
same, and the order modules happen to be loaded in decides whether a name is
found. The graph below has an edge for every import the code runs, wherever it
is written; imports under `if TYPE_CHECKING:` are left out (they never run, and
a type annotation naming a module's neighbour is no circle).

The last circle, the application and its screens, went when the screens were
typed against `screens.app_base.AtelierBase`, which opens no screen: only
`screens.app.AtelierApp` imports the screens it opens.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("workshop", "exercises", "screens")



def modules(root: Path, packages: tuple[str, ...] = PACKAGES) -> dict[str, Path]:
    """Every module of `packages` under `root`, by dotted name (a package by its own name)."""
    found: dict[str, Path] = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement under `node` that can run: in functions too, not under `if TYPE_CHECKING:`."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.Import, ast.ImportFrom)):
            yield child
        elif isinstance(child, ast.If) and _type_checking(child.test):
            for branch in child.orelse:  # the `else:` of `if TYPE_CHECKING:` is what runs
                yield from _imports(ast.Module(body=[branch], type_ignores=[]))
        else:
            yield from _imports(child)


def _targets(name: str, path: Path, statement: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The dotted names an import statement of module `name` asks for."""
    if isinstance(statement, ast.Import):
        yield from (alias.name for alias in statement.names)
        return
    base = statement.module or ""
    if statement.level:
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        package = package[: len(package) - (statement.level - 1)]
        base = ".".join([*package, base] if base else package)
    for alias in statement.names:
        yield f"{base}.{alias.name}"  # a submodule, else a name of `base` (found below)


def import_graph(known: Mapping[str, Path]) -> dict[str, set[str]]:
    """Module -> the modules of `known` it imports (the nearest known module of each dotted name)."""
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for statement in _imports(tree):
            for target in _targets(name, path, statement):
                while target and target not in known:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def circles(graph: Mapping[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph[module]):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(graph)))
    try:
        for module in sorted(graph):
            if module not in index:
                visit(module)
    finally:
        sys.setrecursionlimit(limit)
    return sorted(found, key=sorted)


def described(component: frozenset[str], graph: Mapping[str, set[str]]) -> str:
    edges = [f"    {a} -> {b}" for a in sorted(component) for b in sorted(graph[a] & component)]
    return "\n".join([f"  {len(component)} modules: {', '.join(sorted(component))}", *edges])


def test_no_import_circle() -> None:
    graph = import_graph(modules(ROOT))
    found = circles(graph)
    assert not found, "Import circles (an edge per import, in functions too):\n" + "\n".join(described(c, graph) for c in found)


# The graph itself: what it counts as an import --------------------------------------------
def _package(root: Path, files: dict[str, str]) -> dict[str, set[str]]:
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    return import_graph(modules(root, ("pkg",)))


@pytest.mark.parametrize(
    "b_imports_a, circle",
    [
        ("from pkg import a\n", True),  # at the top
        ("def f():\n    from pkg.a import X\n    return X\n", True),  # inside a function: still a circle
        ("class C:\n    def m(self):\n        from . import a\n", True),  # relative, in a method
        ("def f():\n    import pkg.a\n", True),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import X\n", False),  # never runs
        ("import typing\nif typing.TYPE_CHECKING:\n    pass\nelse:\n    from pkg import a\n", True),  # the else runs
        ("from pkg import c\n", False),
    ],
)
def test_the_graph_counts_every_import_that_runs(tmp_path: Path, b_imports_a: str, circle: bool) -> None:
    graph = _package(tmp_path, {"pkg/__init__.py": "", "pkg/a.py": "from pkg.b import Y\nX = 1\n", "pkg/b.py": b_imports_a, "pkg/c.py": ""})
    assert circles(graph) == ([frozenset({"pkg.a", "pkg.b"})] if circle else [])


def test_a_longer_circle_is_one_component(tmp_path: Path) -> None:
    graph = _package(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/a.py": "from pkg import b\n",
            "pkg/b.py": "def f():\n    from pkg import c\n",
            "pkg/c.py": "from pkg.a import *\n",
            "pkg/d.py": "from pkg import a\n",  # imports the circle, is not in it
        },
    )
    assert circles(graph) == [frozenset({"pkg.a", "pkg.b", "pkg.c"})]
