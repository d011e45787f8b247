"""save: writing the whole reference project durably (a compaction), against the bare minimum.

Since #19 a change is appended to the project's journal (see save-append); the
project file is written whole only when the journal is folded into it: at the
first change after opening, at closing, and when the journal outgrows the file.
This figure is the cost of that whole write, a compaction, on the reference
project (10 full-day workshops): what closing a project costs, and what the
change that crosses the journal's bound costs.

The floor, measured in the same run on the same data: `json.dumps` of the
whole project, write to a temporary file, fsync, `os.replace`. Ours is
`DurableStorage._compact`, folding a journal of one change: the same JSON with
its meta record stamped (table inventory, journal binding), its SHA-256 (the
new journal is bound to it), the temporary file fsynced, a new empty journal
written and fsynced, the previous file and its journal linked as the backup,
the replaces and the folder's fsync.

Why the floor is fair: it is the least any atomic, durable rewrite of the same
bytes costs (serialise, write, fsync, rename); what ours adds is what makes a
crash at any moment leave the old project or the new one (the journal bound to
the exact file, the folder fsync) and keeps the previous version as backup.

The figure that used to follow it, save-flat (time per change over the growth
of the file, 1st and 10th workshop), measured how a change's cost followed the
file's size; a change no longer writes the file, so save-growth replaces it
(bench_save_append.py).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reference

from workshop.project import Project

TARGET = 1.3
TRIALS = 21


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
        reference.build_reference(path)
        floor_path = Path(folder) / "floor.json"
        ours: list[float] = []
        floor: list[float] = []
        with Project.open(path) as project:
            storage = project.store.storage
            data = storage.read()
            items = [item.id for w in project.workshops() for item in project.agenda(w.id)]
            for trial in range(TRIALS):
                # A journal to fold, as at closing or past the bound (the change itself is not timed).
                project.update_agenda_item(items[trial % len(items)], notes=f"Note revue n° {trial}")
                started = time.perf_counter()
                storage._compact(follows=True)
                ours.append(time.perf_counter() - started)
                started = time.perf_counter()
                floor_save(data, floor_path)
                floor.append(time.perf_counter() - started)
            size = path.stat().st_size
    ratio = statistics.median(ours) / statistics.median(floor)
    print(f"save: {ratio:.2f} x (target <= {TARGET:g} x)")
    print(
        f"  one compaction {statistics.median(ours) * 1000:.1f} ms, floor {statistics.median(floor) * 1000:.1f} ms,"
        f" reference project {size / 1e6:.2f} MB"
    )


if __name__ == "__main__":
    main()
