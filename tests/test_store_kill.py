"""The promise of DESIGN §5: a change acknowledged survives `kill -9`.

A writer applies numbered changes through the store (each appended to the
journal) and is killed with SIGKILL at random moments, more than 200 times:
while opening, between changes, in the middle of an append, and in the middle
of a compaction (the journal folded into the file, often here: a small bound,
and the project closed and opened again now and then). After each kill the
project (file and journal) opens and holds every acknowledged change, with no
gap and no duplicate, and its backup is an earlier state of it.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from workshop.project import Project
from workshop.storage import backup_path, load_project, read_project_file
from workshop.store import ProjectStore

KILLS = 220
IN_COMPACTION = 0.35  # the share of kills aimed at a compaction
HELPER = Path(__file__).with_name("store_kill_worker.py")
ROOT = Path(__file__).resolve().parents[1]


class Lines:
    """Lines from a pipe, with a deadline."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""

    def next(self, timeout: float) -> str | None:
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                return None
            chunk = os.read(self.fd, 65536)
            if not chunk:
                raise EOFError("the helper process ended")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()


def numbers(path: Path, backup: bool = False) -> list[int]:
    data = load_project(path, backup=backup).data if backup else read_project_file(path)  # raises if damaged
    return sorted(doc["n"] for doc in data.get("changes", {}).values())


def test_acknowledged_changes_survive_sigkill_at_random_moments(tmp_path: Path) -> None:
    path = tmp_path / "kill.atelier"
    with Project.create(path, "Kill loop") as project:
        padding = project.store.table("padding")
        with project.batch():
            for index in range(300):  # a file of some size: a compaction takes a few milliseconds
                padding.insert({"index": index, "text": "Remplissage " * 40})
    rng = random.Random(20261123)
    helper = subprocess.Popen(
        [sys.executable, str(HELPER), str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT, bufsize=0,
    )
    lines = Lines(helper.stdout.fileno())
    next_n = 0
    acked_total = 0
    killed_with_acks = 0
    killed_in_compaction = 0
    try:
        for kill in range(KILLS):
            helper.stdin.write(f"go {next_n}\n".encode())
            line = lines.next(timeout=30)
            assert line and line.startswith("start "), line
            pid = int(line.split()[1])
            acked = next_n - 1
            compacting = False

            def read(line: str | None) -> None:
                nonlocal acked, compacting
                assert line == "compact" or (line and line.startswith("ack ")), line
                compacting = line == "compact"
                if not compacting:
                    acked = int(line.split()[1])

            aim = rng.random()
            if aim < IN_COMPACTION:
                # In the middle of a compaction: the first one (at open, after the last kill),
                # or a later one (the journal past its bound, or the project closed).
                for _ in range(rng.choice((1, 2, 2, 3, 4))):
                    read(lines.next(timeout=30))
                    while not compacting:
                        read(lines.next(timeout=30))
                delay = rng.uniform(0, 0.008)
            elif aim < 0.8:
                # Between writes or in the middle of an append: once a first change is saved
                # (on a loaded machine a fixed delay may end before the writer got that far).
                while acked < next_n:
                    read(lines.next(timeout=30))
                delay = rng.uniform(0, 0.03)
            else:
                delay = rng.uniform(0, 0.01)  # while opening
            deadline = time.monotonic() + delay
            while (left := deadline - time.monotonic()) > 0:
                line = lines.next(timeout=left)
                if line is None:
                    break
                read(line)
            os.kill(pid, signal.SIGKILL)
            while (line := lines.next(timeout=30)) != "reaped":
                read(line)  # printed before the kill: acknowledged (or a compaction begun)
            killed_in_compaction += compacting
            found = numbers(path)
            assert found == list(range(len(found))), f"kill {kill}: a gap or a duplicate"
            assert len(found) > acked, f"kill {kill}: change {acked} was acknowledged but is lost"
            if acked >= next_n:
                killed_with_acks += 1
                acked_total += acked - next_n + 1
            if backup_path(path).exists():
                older = numbers(backup_path(path), backup=True)
                assert older == found[: len(older)], "the backup is not an earlier version"
            next_n = len(found)
            if kill % 50 == 0:
                # The lock died with the writer; opening removes the crash's leftovers.
                with ProjectStore.open(path) as store:
                    assert len(store.table("changes")) == next_n
                assert not list(tmp_path.glob(".*.tmp"))
    finally:
        helper.kill()
        helper.wait()
    assert killed_with_acks > KILLS // 3, "too few kills happened after a change was saved"
    assert acked_total > KILLS
    assert killed_in_compaction >= KILLS // 10, f"only {killed_in_compaction} kills in the middle of a compaction"
    print(f"{killed_with_acks} kills after a change was saved, {killed_in_compaction} in the middle of a compaction, {acked_total} acks")
    json.loads(path.read_text(encoding="utf-8"))
