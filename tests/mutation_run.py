"""mutmut, taught to mutate properties and context managers too.

mutmut 3 leaves every decorated function alone except static and class methods:
its trampoline (the function that calls the original or the active mutant) has
to be a plain function. In the core that skips the logic that matters most: the
commitment gauge's verdicts (`kept`, `committed_reached`, `needed`,
`reachable`…) are properties, and so are the rounds' states and the timer's
display. A property (or a context manager) is a plain function wrapped once, so
it can have a trampoline: the copies of the original and of each mutant are
written without the decorator, and the decorator wraps the trampoline.

Used by `make mutation` (tests/mutation_score.py) in place of the `mutmut`
command; the arguments are mutmut's: `python tests/mutation_run.py run NAME…`.
"""

from __future__ import annotations

import sys

import libcst as cst
from libcst.metadata import PositionProvider

# Decorators that wrap a plain function once and keep nothing else of it.
WRAPPERS = {"property", "contextmanager", "contextlib.contextmanager", "cached_property", "functools.cached_property"}


def _name(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_name(node.value)}.{node.attr.value}"
    return ""


def wrapped_once(node: cst.CSTNode) -> bool:
    """A function with a single decorator that only wraps it (`@property`, `@contextmanager`)."""
    return (
        isinstance(node, cst.FunctionDef)
        and len(node.decorators) == 1
        and _name(node.decorators[0].decorator) in WRAPPERS
    )


def teach(file_mutation) -> None:
    """Patch mutmut's mutation of a file (before it runs)."""
    visitor = file_mutation.MutationVisitor
    skip = visitor._skip_node_and_children
    arrange = file_mutation.function_trampoline_arrangement

    def skip_node_and_children(self, node: cst.CSTNode) -> bool:
        if wrapped_once(node):
            position = self.get_metadata(PositionProvider, node, None)
            if position and position.start.line in self._ignored_node_lines:
                return skip(self, node)  # `# pragma: no mutate` on it: mutmut records and skips it
            return node.name.value in file_mutation.NEVER_MUTATE_FUNCTION_NAMES
        return skip(self, node)

    def function_trampoline_arrangement(function: cst.FunctionDef, mutants, class_name):
        if not wrapped_once(function):
            return arrange(function, mutants, class_name)
        declarations, nodes, assignments, names = arrange(function.with_changes(decorators=[]), mutants, class_name)
        trampoline, *copies = nodes
        trampoline = trampoline.with_changes(decorators=[*function.decorators, *trampoline.decorators])
        return declarations, [trampoline, *copies], assignments, names

    visitor._skip_node_and_children = skip_node_and_children
    file_mutation.function_trampoline_arrangement = function_trampoline_arrangement


def main() -> None:
    from mutmut.mutation import file_mutation

    teach(file_mutation)
    from mutmut.__main__ import cli

    sys.argv[0] = "mutmut"
    cli()


if __name__ == "__main__":
    main()
