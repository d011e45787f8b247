"""save: one durable change in the reference project, against the bare minimum.

The floor, measured in the same run on the same data: `json.dumps` of the whole
project, write to a temporary file, fsync, `os.replace`. Ours is one change
through `Project` (validation, TinyDB, our storage: temporary file, fsync,
backup link, replace, folder fsync).

Also printed: the time per change while filling the first exercise of the 1st
and of the 10th workshop of the reference project (each change saved on its
own), against the ratio of the data sizes: `save-flat` is the time ratio over
the size ratio; at most 1 means the 10th workshop costs no more per change than
its larger file explains.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reference

from workshop.project import Project
from workshop.storage import DurableStorage
from workshop.store import ProjectTable

TARGET = 1.3
FLAT_TARGET = 1.0
TRIALS = 41


class FillTiming:
    """Times each durable change made while filling one workshop.

    Batches are switched off meanwhile, so every change is saved on its own,
    as when a facilitator types during a live workshop.
    """

    def __init__(self) -> None:
        self.per_change: dict[int, float] = {}
        self.changes: dict[int, int] = {}
        self.size: dict[int, float] = {}

    @contextlib.contextmanager
    def __call__(self, project: Project, number: int) -> Iterator[None]:
        samples: list[float] = []
        real_batch = DurableStorage.batch
        real_update = ProjectTable._update_table

        def timed_update(table: ProjectTable, updater: object) -> None:
            started = time.perf_counter()
            real_update(table, updater)  # type: ignore[arg-type]
            samples.append(time.perf_counter() - started)

        DurableStorage.batch = lambda storage: contextlib.nullcontext()  # type: ignore[method-assign,assignment,return-value]
        ProjectTable._update_table = timed_update  # type: ignore[method-assign,assignment]
        size_before = project.path.stat().st_size
        try:
            yield
        finally:
            DurableStorage.batch = real_batch  # type: ignore[method-assign]
            ProjectTable._update_table = real_update  # type: ignore[method-assign]
        self.per_change[number] = statistics.median(samples)
        self.changes[number] = len(samples)
        self.size[number] = (size_before + project.path.stat().st_size) / 2


def floor_save(data: dict, path: Path) -> None:
    payload = json.dumps(data).encode("utf-8")
    tmp = path.with_name(path.name + ".floor.tmp")
    with open(tmp, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="atelier-bench-save-") as folder:
        path = Path(folder) / "reference.atelier"
        timing = FillTiming()
        reference.build_reference(path, timed=(1, reference.WORKSHOPS), timer=timing)
        floor_path = Path(folder) / "floor.json"
        ours: list[float] = []
        floor: list[float] = []
        with Project.open(path) as project:
            items = [item.id for w in project.workshops() for item in project.agenda(w.id)]
            data = project.store.storage.read()
            for trial in range(TRIALS):
                started = time.perf_counter()
                project.update_agenda_item(items[trial % len(items)], notes=f"Note revue n° {trial}")
                ours.append(time.perf_counter() - started)
                started = time.perf_counter()
                floor_save(data, floor_path)
                floor.append(time.perf_counter() - started)
        size = path.stat().st_size
    ratio = statistics.median(ours) / statistics.median(floor)
    print(f"save: {ratio:.2f} x (target <= {TARGET:g} x)")
    print(
        f"  one change {statistics.median(ours) * 1000:.1f} ms, floor {statistics.median(floor) * 1000:.1f} ms,"
        f" reference project {size / 1e6:.2f} MB"
    )
    first, last = 1, reference.WORKSHOPS
    time_ratio = timing.per_change[last] / timing.per_change[first]
    size_ratio = timing.size[last] / timing.size[first]
    print(
        f"  per change (median) while filling workshop {first}: {timing.per_change[first] * 1000:.2f} ms"
        f" ({timing.changes[first]} changes), workshop {last}: {timing.per_change[last] * 1000:.2f} ms"
        f" ({timing.changes[last]} changes) (x{time_ratio:.2f});"
        f" data {timing.size[first] / 1e6:.2f} MB -> {timing.size[last] / 1e6:.2f} MB (x{size_ratio:.2f})"
    )
    print(f"save-flat: {time_ratio / size_ratio:.2f} x (target <= {FLAT_TARGET:g} x)")


if __name__ == "__main__":
    main()
