"""save-append and save-growth: one durable change on a project of three years, against the bare minimum.

The project: the reference project at 36 full-day workshops (a cooperation
followed monthly for three years, about 10 MB), built here.

save-append: one change through `Project` (a note on an agenda item: the
validation, TinyDB, the journal record of the touched document, its frame,
write, fsync) against the floor, measured in the same run: one `os.write` of
the very bytes the change appended to the journal, to a file open for
appending, then `fsync`. Why the floor is fair: a durable change cannot cost
less than writing its own bytes and waiting for the disk; the floor pays
exactly that, with the same bytes, so the ratio is what Atelier adds around
it. Target: 3 x.

save-growth: the time per change (median) while filling an exercise of a
new workshop, each change saved on its own as in a live workshop, in the
36-workshop project, over the same in a project of one workshop (built the
same way: its 2nd workshop is filled where the large one fills its 37th). Why
it is fair: the same seeded changes, measured the same way; only the size of
the project differs, so 1.0 means its size no longer matters. The two are
filled in turns, a few times each, so that the machine's load (the fsync's
cost drifts with the neighbours) weighs on both alike. Target: 1.2 x.

Also printed, for the note of #19: opening the 36-workshop project (reading
and checking it: nothing is written), the first change after opening (it
writes the file whole, with the journal's binding), closing (the journal
folded into the file), and opening after a crash (a journal of 200 changes
folded into the file while opening). Then the same as a facilitator meets
them, each a fresh `atelier` process run headless to its first screen and
out, as `startup` runs it (bench_startup.py), medians of a few runs: the
start to the home screen with the 36-workshop project in the data folder
(the listing reads it) beside the start with the demo alone, `atelier open`
of it, and `atelier open` of it after a crash (its journal folded while
opening, and the file written whole again when the app leaves).
"""

from __future__ import annotations

import compileall
import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reference

from workshop.journal import journal_path
from workshop.project import Project
from workshop.store import ProjectStore, ProjectTable

APPEND_TARGET = 3.0
GROWTH_TARGET = 1.2
WORKSHOPS = 36
TRIALS = 61
CRASHED_CHANGES = 200
APP_RUNS = 5  # fresh `atelier` processes per figure measured in the app
GROWTH_ROUNDS = 5  # workshops added and filled in each project, in turns


class FillTiming:
    """Times each durable change made while filling one workshop, under a name.

    The callers' batches are switched off meanwhile, so every change is saved
    on its own, as when a facilitator types during a live workshop.
    """

    def __init__(self) -> None:
        self.samples: dict[str, list[float]] = {}

    def under(self, name: str):
        @contextlib.contextmanager
        def timer(project: Project, number: int) -> Iterator[None]:
            samples = self.samples.setdefault(name, [])
            real_batch = ProjectStore.batch
            real_update = ProjectTable._update_table

            def timed_update(table: ProjectTable, updater: object) -> None:
                started = time.perf_counter()
                real_update(table, updater)
                samples.append(time.perf_counter() - started)

            ProjectStore.batch = lambda store: contextlib.nullcontext()
            ProjectTable._update_table = timed_update
            try:
                yield
            finally:
                ProjectStore.batch = real_batch
                ProjectTable._update_table = real_update

        return timer


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def crash(path: Path, items: list[int], changes: int) -> int:
    """Leave `path` as a kill would after `changes` changes: the journal stays; its size."""
    crashed = Project.open(path)
    for n in range(changes):
        crashed.update_agenda_item(items[n % len(items)], notes=f"Avant l'arrêt brutal, n° {n}")
    crashed.store.storage._close_journal()  # killed: the journal stays, the OS frees the lock
    crashed.store._lock.release()
    return journal_path(path).stat().st_size


def in_the_app(folder: Path, path: Path, items: list[int]) -> list[str]:
    """The start, `atelier open`, and `atelier open` after a crash, as fresh processes: lines to print."""
    import bench_startup

    from workshop.demo import ensure_demo

    for package in ("workshop", "screens", "exercises"):
        compileall.compile_dir(bench_startup.ROOT / package, quiet=1)
    demo_only, with_large = folder / "demo-only", folder / "data"
    ensure_demo(demo_only)
    ensure_demo(with_large)
    project = with_large / path.name
    os.replace(path, project)
    cache = str(folder / "cache")

    def run(*args: str, expected: str, before=None) -> tuple[float, float]:
        walls, cpus = [], []
        for _ in range(APP_RUNS):
            if before is not None:
                before()
            wall, cpu, shown = bench_startup.timed(bench_startup.OURS, *args, cache=cache)
            assert shown == expected, shown
            walls.append(wall)
            cpus.append(cpu)
        return statistics.median(walls), statistics.median(cpus)

    run("--data-dir", str(with_large), expected="HomeScreen")  # warms the disk cache and the user cache
    alone = run("--data-dir", str(demo_only), expected="HomeScreen")
    listed = run("--data-dir", str(with_large), expected="HomeScreen")
    opened = run("--data-dir", str(with_large), "open", str(project), expected=PROJECT_SCREEN)
    journal_sizes: list[int] = []
    after_crash = run(
        "--data-dir", str(with_large), "open", str(project), expected=PROJECT_SCREEN,
        before=lambda: journal_sizes.append(crash(project, items, CRASHED_CHANGES)),
    )

    def ms(figure: tuple[float, float]) -> str:
        return f"{figure[0] * 1000:.0f} ms wall ({figure[1] * 1000:.0f} ms CPU)"

    return [
        f"  in the app, whole `atelier` processes (medians of {APP_RUNS}): start to the home screen with the"
        f" {WORKSHOPS}-workshop project listed {ms(listed)}, with the demo alone {ms(alone)};",
        f"  `atelier open` of it {ms(opened)}; after a crash (a journal of {CRASHED_CHANGES} changes,"
        f" {statistics.median(journal_sizes) / 1e3:.0f} kB, folded at opening, the file written whole again at leaving)"
        f" {ms(after_crash)}",
    ]


PROJECT_SCREEN = "ProjectScreen"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="atelier-bench-append-") as folder:
        path = Path(folder) / "three-years.atelier"
        built = timed(lambda: reference.build_reference(path, workshops=WORKSHOPS))
        size = path.stat().st_size
        small_path = reference.build_reference(Path(folder) / "one-workshop.atelier", workshops=1)
        small_size = small_path.stat().st_size
        timing = FillTiming()
        with Project.open(path) as large, Project.open(small_path) as small:
            for turn in range(GROWTH_ROUNDS):
                pair = [(small, "small"), (large, "large")]
                for project, name in pair if turn % 2 else reversed(pair):
                    reference.add_workshop_and_fill_its_first_exercise(project, timing.under(name))

        opening = timed(lambda: Project.open(path).close())  # nothing to fold, nothing written
        project = Project.open(path)
        items = [item.id for w in project.workshops() for item in project.agenda(w.id)]
        first_change = timed(lambda: project.update_agenda_item(items[0], notes="Première note de la séance"))
        journal = journal_path(path)
        floor_path = Path(folder) / "floor.journal"
        floor_fd = os.open(floor_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        ours: list[float] = []
        floor: list[float] = []
        record_sizes: list[int] = []
        try:
            for trial in range(TRIALS):
                before = journal.stat().st_size
                ours.append(timed(lambda n=trial: project.update_agenda_item(items[n % len(items)], notes=f"Note revue n° {n}")))
                with open(journal, "rb") as handle:
                    handle.seek(before)
                    appended = handle.read()
                record_sizes.append(len(appended))

                def floor_append(data: bytes = appended) -> None:
                    os.write(floor_fd, data)
                    os.fsync(floor_fd)

                floor.append(timed(floor_append))
        finally:
            os.close(floor_fd)
        closing = timed(project.close)

        journal_size = crash(path, items, CRASHED_CHANGES)
        reopening = timed(lambda: Project.open(path).close())
        app_lines = in_the_app(Path(folder), path, items)

    ratio = statistics.median(ours) / statistics.median(floor)
    print(f"save-append: {ratio:.2f} x (target <= {APPEND_TARGET:g} x)")
    print(
        f"  one change {statistics.median(ours) * 1000:.2f} ms, floor {statistics.median(floor) * 1000:.2f} ms"
        f" (the change's {statistics.median(record_sizes):.0f} bytes appended and fsynced);"
        f" project of {WORKSHOPS} workshops, {size / 1e6:.2f} MB"
    )
    first, last = timing.samples["small"], timing.samples["large"]
    growth = statistics.median(last) / statistics.median(first)
    print(f"save-growth: {growth:.2f} x (target <= {GROWTH_TARGET:g} x)")
    print(
        f"  per change (median) while filling an exercise: project of 1 workshop ({small_size / 1e6:.2f} MB)"
        f" {statistics.median(first) * 1000:.2f} ms ({len(first)} changes), project of {WORKSHOPS} workshops"
        f" {statistics.median(last) * 1000:.2f} ms ({len(last)} changes); means"
        f" {statistics.mean(first) * 1000:.2f} ms and {statistics.mean(last) * 1000:.2f} ms"
    )
    print(
        f"  {WORKSHOPS}-workshop project ({size / 1e6:.2f} MB, built in {built:.0f} s): open {opening:.2f} s (nothing written),"
        f" first change {first_change * 1000:.0f} ms (the file written whole), close {closing * 1000:.0f} ms (the journal folded),"
        f" open after a crash {reopening:.2f} s (a journal of {CRASHED_CHANGES} changes, {journal_size / 1e3:.0f} kB, folded)"
    )
    for line in app_lines:
        print(line)


if __name__ == "__main__":
    main()
