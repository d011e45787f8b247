"""The promise of DESIGN §5: a change acknowledged survives `kill -9`.

A writer applies numbered changes through the store and is killed with SIGKILL
at random moments, more than 200 times. After each kill the project file opens
and holds every acknowledged change, with no gap and no duplicate.
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
from workshop.storage import backup_path, read_project_file
from workshop.store import ProjectStore

KILLS = 220
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


def numbers(path: Path) -> list[int]:
    data = read_project_file(path)  # raises if the file is damaged
    return sorted(doc["n"] for doc in data.get("changes", {}).values())


def test_acknowledged_changes_survive_sigkill_at_random_moments(tmp_path: Path) -> None:
    path = tmp_path / "kill.atelier"
    Project.create(path, "Kill loop").close()
    rng = random.Random(20261123)
    helper = subprocess.Popen(
        [sys.executable, str(HELPER), str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT, bufsize=0,
    )
    lines = Lines(helper.stdout.fileno())
    next_n = 0
    acked_total = 0
    killed_with_acks = 0
    try:
        for kill in range(KILLS):
            helper.stdin.write(f"go {next_n}\n".encode())
            line = lines.next(timeout=30)
            assert line and line.startswith("start "), line
            pid = int(line.split()[1])
            # Random moments: while opening, or after the first save, between
            # writes or in the middle of one.
            acked = next_n - 1
            if rng.random() < 0.75:
                line = lines.next(timeout=30)
                assert line and line.startswith("ack "), line
                acked = int(line.split()[1])
                delay = rng.uniform(0, 0.05)
            else:
                delay = rng.uniform(0, 0.01)
            deadline = time.monotonic() + delay
            while (left := deadline - time.monotonic()) > 0:
                line = lines.next(timeout=left)
                if line is None:
                    break
                acked = int(line.split()[1])
            os.kill(pid, signal.SIGKILL)
            while (line := lines.next(timeout=30)) != "reaped":
                assert line and line.startswith("ack "), line
                acked = int(line.split()[1])  # printed before the kill: acknowledged
            found = numbers(path)
            assert found == list(range(len(found))), f"kill {kill}: a gap or a duplicate"
            assert len(found) > acked, f"kill {kill}: change {acked} was acknowledged but is lost"
            if acked >= next_n:
                killed_with_acks += 1
                acked_total += acked - next_n + 1
            backup = backup_path(path)
            if backup.exists():
                older = numbers(backup)
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
    assert killed_with_acks > KILLS // 2, "too few kills happened after a change was saved"
    assert acked_total > KILLS
    json.loads(path.read_text(encoding="utf-8"))
