"""Helper of test_store_kill.py: a process that forks writers to be killed.

Started once with a project path, it imports the store and then, for each line
`go START` on stdin, forks a writer. The writer prints `start PID`, opens the
project and applies numbered changes (`{"n": N}` in table `changes`), alone or
in batches, printing `ack N` after each change is durably saved. It never
stops by itself: the test kills it with SIGKILL. When the writer is gone this
process prints `reaped`.
"""

from __future__ import annotations

import os
import random
import sys

import filelock  # noqa: F401 - imported once here, not in every forked writer

from workshop.store import ProjectStore


def writer(path: str, start: int) -> None:
    os.write(1, f"start {os.getpid()}\n".encode())
    rng = random.Random(start)
    store = ProjectStore.open(path)
    changes = store.table("changes")
    counter = store.table("counter")
    n = start
    while True:
        size = rng.choice((1, 1, 1, 3))
        if size == 1:
            changes.insert({"n": n, "text": "é" * rng.randrange(0, 200)})
        else:
            with store.batch():
                for k in range(size):
                    changes.insert({"n": n + k, "text": "✓"})
                counter.upsert({"key": "last", "n": n + size - 1}, lambda doc: doc.get("key") == "last")
        n += size
        os.write(1, f"ack {n - 1}\n".encode())


def main() -> None:
    path = sys.argv[1]
    for line in sys.stdin:
        command, start = line.split()
        assert command == "go"
        pid = os.fork()
        if pid == 0:
            try:
                writer(path, int(start))
            finally:
                os._exit(1)
        os.waitpid(pid, 0)
        os.write(1, b"reaped\n")


if __name__ == "__main__":
    main()
