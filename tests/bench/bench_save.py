"""save: one durable change in the reference project, against the bare minimum.

The floor, measured in the same run on the same data: `json.dumps` of the whole
project, write to a temporary file, fsync, `os.replace`. Ours is one change
through `Project` (validation, TinyDB, our storage: temporary file, fsync,
backup link, replace, folder fsync).

Also printed: the time per change while filling the 1st and the 10th workshop
of the reference project, against the ratio of the data sizes. "Flat" means
the 10th workshop costs no more per change than its larger file explains.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reference  # noqa: E402

import workshop.storage as storage_module  # noqa: E402
from workshop.project import Project  # noqa: E402

TARGET = 1.3
FLAT_TARGET = 1.0
TRIALS = 41


class FillTiming:
    """Times the durable saves made while filling one workshop."""

    def __init__(self) -> None:
        self.per_change: dict[int, float] = {}
        self.size: dict[int, float] = {}

    @contextlib.contextmanager
    def __call__(self, project: Project, number: int) -> Iterator[None]:
        saves = 0
        real = storage_module.write_atomically

        def counted(*args: object, **kwargs: object) -> None:
            nonlocal saves
            saves += 1
            real(*args, **kwargs)  # type: ignore[arg-type]

        storage_module.write_atomically = counted  # type: ignore[assignment]
        size_before = project.path.stat().st_size
        started = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - started
            storage_module.write_atomically = real
        self.per_change[number] = elapsed / max(saves, 1)
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
        f"  per change while filling workshop {first}: {timing.per_change[first] * 1000:.2f} ms,"
        f" workshop {last}: {timing.per_change[last] * 1000:.2f} ms (x{time_ratio:.2f});"
        f" data {timing.size[first] / 1e6:.2f} MB -> {timing.size[last] / 1e6:.2f} MB (x{size_ratio:.2f})"
    )
    print(f"save-flat: {time_ratio / size_ratio:.2f} x (target <= {FLAT_TARGET:g} x)")


if __name__ == "__main__":
    main()
