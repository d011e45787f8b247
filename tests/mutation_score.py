"""The mutation score of the core, per module, and the survivors nobody explained.

`make mutation` runs mutmut (configured in pyproject.toml, `[tool.mutmut]`) then
this script, from the repository root, with the virtual environment's Python:

    python tests/mutation_score.py            # read mutants/ and print the scores
    python tests/mutation_score.py --run      # run mutmut first (what changed since the last run)
    python tests/mutation_score.py --run workshop.timer   # run it again on one module

A mutant that survives is a change to the code that no test noticed. Each one
is either killed by a new test or listed in tests/mutation_equivalents.md with
the reason it cannot change what the program does (an equivalent mutant). A
survivor is matched to the list by its module, its function and the lines it
changes, not by mutmut's number (which moves when the code above it changes).

The script exits with 1 when a module has more than 10 % of its mutants
surviving (equivalent ones included) or a survivor is not explained; stale
entries of the list (no longer surviving) are printed so that they get removed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENTS = ROOT / "tests" / "mutation_equivalents.md"
MAX_SURVIVING = 0.10

# The modules of issue #20, as mutmut names them (dotted, without `.py`).
MODULES = [
    "workshop.storage",
    "workshop.projectfile",
    "workshop.strict_json",
    "workshop.rounds.engine",
    "workshop.rounds.batching",
    "workshop.rounds.held",
    "workshop.rounds.tally",
    "workshop.rounds.model",
    "workshop.rounds.minutes",
    "workshop.proposals.gauge",
    "workshop.timer",
    "workshop.minutes.safe_text",
    "workshop.minutes.export",
]

# mutmut's exit codes (mutmut/stats.py): what counts as killed, surviving or not run.
KILLED = {1, 3, 24, -24, 36, 37, 152, 255, -9, -11}
SURVIVED = {0}
NO_TESTS = {5, 33}
CLASS_SEPARATOR = "ǁ"


@dataclass(frozen=True)
class Change:
    """A mutant as a person reads it: where, and the lines it changes."""

    module: str
    function: str  # "format_duration", "Countdown.elapsed"
    removed: tuple[str, ...]
    added: tuple[str, ...]

    def describe(self) -> str:
        lines = [f"### {self.module}: {self.function}"]
        lines += [f"    - {line}" for line in self.removed]
        lines += [f"    + {line}" for line in self.added]
        return "\n".join(lines)


@dataclass
class Score:
    module: str
    total: int = 0
    killed: int = 0
    survived: list[str] = field(default_factory=list)
    no_tests: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)

    @property
    def not_run(self) -> int:
        return len(self.pending)

    @property
    def surviving(self) -> int:
        return len(self.survived) + len(self.no_tests)

    @property
    def share(self) -> float:
        return self.surviving / self.total if self.total else 0.0


def function_of(mutant: str) -> tuple[str, str]:
    """(module, readable function) of a mutant name such as
    `workshop.timer.xǁCountdownǁelapsed__mutmut_3`."""
    mangled = mutant.partition("__mutmut_")[0]
    module, _, key = mangled.rpartition(".")
    if CLASS_SEPARATOR in key:
        _, cls, name = key.split(CLASS_SEPARATOR)
        return module, f"{cls}.{name}"
    return module, key.removeprefix("x_")


def _normal(line: str) -> str:
    return " ".join(line.split())


def change_of(mutant: str, path: str) -> Change:
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    diff = get_diff_for_mutant(mutant, path=path).splitlines()
    removed = tuple(_normal(line[1:]) for line in diff if line.startswith("-") and not line.startswith("---"))
    added = tuple(_normal(line[1:]) for line in diff if line.startswith("+") and not line.startswith("+++"))
    module, function = function_of(mutant)
    return Change(module, function, removed, added)


_HEADING = re.compile(r"^### (?P<module>[\w.]+): (?P<function>[\w.]+)\s*$")


def read_equivalents(text: str) -> dict[Change, str]:
    """The listed equivalent mutants and the reason given for each.

    An entry is a `### module: function` heading, the removed (`    - `) and added
    (`    + `) lines, then the reason in the following paragraph."""
    found: dict[Change, str] = {}
    current: dict | None = None

    def close() -> None:
        if current is not None:
            change = Change(current["module"], current["function"], tuple(current["removed"]), tuple(current["added"]))
            reason = " ".join(current["reason"]).strip()
            if not reason:
                raise SystemExit(f"{EQUIVALENTS.name}: no reason given for {change.module}: {change.function}")
            found[change] = reason

    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading:
            close()
            current = {**heading.groupdict(), "removed": [], "added": [], "reason": []}
        elif line.startswith("#"):
            close()
            current = None
        elif current is not None and line.startswith("    - "):
            current["removed"].append(_normal(line[6:]))
        elif current is not None and line.startswith("    + "):
            current["added"].append(_normal(line[6:]))
        elif current is not None and line.strip():
            current["reason"].append(line.strip())
    close()
    return found


def read_scores() -> tuple[dict[str, Score], dict[str, str]]:
    """Scores per module from mutmut's meta files, and each mutant's source path."""
    scores = {module: Score(module) for module in MODULES}
    paths: dict[str, str] = {}
    for module in MODULES:
        meta = ROOT / "mutants" / (module.replace(".", "/") + ".py.meta")
        if not meta.exists():
            continue
        data = json.loads(meta.read_text(encoding="utf-8"))
        score = scores[module]
        for mutant, code in data["exit_code_by_key"].items():
            paths[mutant] = module.replace(".", "/") + ".py"
            score.total += 1
            if code in KILLED:
                score.killed += 1
            elif code in SURVIVED:
                score.survived.append(mutant)
            elif code in NO_TESTS:
                score.no_tests.append(mutant)
            else:
                score.pending.append(mutant)
    return scores, paths


def refresh_data_files() -> None:
    """Copy the core's changed data files (catalogs, styles) into mutants/.

    mutmut copies a file of `source_paths` into mutants/ only when it is missing
    there, and writes again only the Python ones: a catalog edited since the first
    run stayed old in the copy, and the tests that read it failed there."""
    for source in (ROOT / "workshop").rglob("*"):
        if not source.is_file() or source.suffix in {".py", ".pyc"} or "__pycache__" in source.parts:
            continue
        target = ROOT / "mutants" / source.relative_to(ROOT)
        if target.parent.is_dir() and (not target.exists() or target.read_bytes() != source.read_bytes()):
            shutil.copy2(source, target)


def run_mutmut(modules: list[str] | None, max_children: int, survivors: bool = False, pending: bool = False) -> None:
    """Run mutmut: on everything not checked yet (or changed since), or again on `modules`.

    Results are kept in mutants/ between runs: a run without modules only tests the
    mutants of functions that changed since the last run. With `survivors`, only
    the mutants that survived the last run (of `modules`, or of every module) are
    run again: the quick check after writing tests that should kill them. With
    `pending`, only the mutants not run yet (a run that was stopped)."""
    refresh_data_files()
    mutmut = [sys.executable, str(ROOT / "tests" / "mutation_run.py")]  # mutmut, properties included
    if survivors or pending:
        scores, _ = read_scores()
        chosen = [module for module in modules or MODULES]
        names = [name for module in chosen for name in scores[module].survived + scores[module].no_tests] if survivors else []
        names += [name for module in chosen for name in scores[module].pending] if pending else []
        if not names:
            return
        batches = [names]
    else:
        batches = [[f"{module}.*"] for module in modules] if modules else [[]]
    for names in batches:
        print(f"== mutmut run {' '.join(names) if len(names) < 5 else f'{len(names)} mutants'}", flush=True)
        done = subprocess.run([*mutmut, "run", "--max-children", str(max_children), *names], cwd=ROOT, stdout=subprocess.DEVNULL)
        if done.returncode:
            command = " ".join([*mutmut, "run", *names])
            raise SystemExit(f"mutmut failed (exit {done.returncode}); run it again to see why: {command}")


def report(modules: list[str]) -> int:
    scores, paths = read_scores()
    equivalents = read_equivalents(EQUIVALENTS.read_text(encoding="utf-8")) if EQUIVALENTS.exists() else {}
    used: Counter[Change] = Counter()
    unexplained: list[tuple[str, Change]] = []
    failed = False
    print(f"{'module':32} {'mutants':>7} {'killed':>7} {'equiv.':>7} {'unexpl.':>7} {'no test':>7} {'surviving':>9}")
    for module in modules:
        score = scores[module]
        if not score.total:
            print(f"{module:32} {'not run':>7}")
            failed = True
            continue
        explained = 0
        for mutant in score.survived + score.no_tests:
            change = change_of(mutant, paths[mutant])
            if change in equivalents:
                used[change] += 1
                explained += 1
            else:
                unexplained.append((mutant, change))
        over = score.share > MAX_SURVIVING
        failed |= over or explained < score.surviving or bool(score.not_run)
        mark = "  > 10 %" if over else ""
        pending = f"  ({score.not_run} not run)" if score.not_run else ""
        print(
            f"{module:32} {score.total:7} {score.killed:7} {explained:7} {len(score.survived) + len(score.no_tests) - explained:7}"
            f" {len(score.no_tests):7} {score.share:8.1%}{mark}{pending}"
        )
    if unexplained:
        print(f"\n{len(unexplained)} surviving mutants are neither killed nor listed in {EQUIVALENTS.relative_to(ROOT)}:")
        for mutant, change in unexplained:
            print(f"\n{change.describe()}\n    ({mutant}; mutmut show {mutant})")
    if any(scores[m].no_tests for m in modules):
        print("\n'no test': no test reaches the function, or it is new since mutmut mapped the tests (--fresh-stats).")
    stale = [change for change in equivalents if change.module in modules and change not in used]
    if stale:
        print(f"\nListed as equivalent but no longer surviving (remove them from {EQUIVALENTS.name}):")
        for change in stale:
            print(change.describe())
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--run", action="store_true", help="run mutmut first")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    parser.add_argument(
        "--fresh-stats",
        action="store_true",
        help="run the whole suite again to map tests to functions (mutmut only maps new tests, not new functions)",
    )
    parser.add_argument("--survivors", action="store_true", help="with --run: run only the last run's survivors again")
    parser.add_argument("--pending", action="store_true", help="with --run: run only the mutants not run yet (after a stopped run)")
    parser.add_argument("modules", nargs="*", help="dotted module names (default: all of them)")
    args = parser.parse_args(argv)
    modules = args.modules or MODULES
    unknown = [m for m in modules if m not in MODULES]
    if unknown:
        parser.error(f"not a module of the mutation run: {', '.join(unknown)}")
    os.chdir(ROOT)
    if args.fresh_stats:
        (ROOT / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
    if args.run:
        run_mutmut(args.modules, args.max_children, survivors=args.survivors, pending=args.pending)
    return report(modules)


if __name__ == "__main__":
    sys.exit(main())
