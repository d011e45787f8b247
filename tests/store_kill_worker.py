"""Helper of test_store_kill.py: a process that forks writers to be killed.

Started once with a project path, it imports the store and then, for each line
`go START` on stdin, forks a writer. The writer prints `start PID`, opens the
project and applies numbered changes (`{"n": N}` in table `changes`), alone or
in batches, printing `ack N` after each change is durably saved. The journal is
folded into the file often (a small bound), and every 60 changes the writer
closes the project and opens it again: it prints `compact` as each compaction
begins, so that the test can kill it in the middle of one. It never stops by
itself: the test kills it with SIGKILL. When the writer is gone this process
prints `reaped`.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import filelock  # noqa: F401 - imported once here, not in every forked writer

import workshop.storage as storage
from workshop.store import ProjectStore

# A compaction every few changes (the project is padded to about 150 kB by the test): a
# kill aimed at one waits for a handful of writes, not dozens (the writes are what the
# test spends its time on), while kills still land between changes and in appends.
storage.JOURNAL_BOUND = 2048
storage.JOURNAL_RATIO = 0.01
REOPEN_EVERY = 60


def announce_compactions() -> None:
    real = storage.DurableStorage._compact

    def compact(self: storage.DurableStorage, follows: bool) -> None:
        os.write(1, b"compact\n")
        real(self, follows)

    storage.DurableStorage._compact = compact


def writer(path: str, start: int) -> None:
    os.write(1, f"start {os.getpid()}\n".encode())
    announce_compactions()
    rng = random.Random(start)
    store = ProjectStore.open(path)
    n = start
    while True:
        changes = store.table("changes")
        counter = store.table("counter")
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
        if rng.randrange(REOPEN_EVERY) == 0:
            store.close()  # a compaction, the journal removed
            store = ProjectStore.open(path)


def main() -> None:
    path = sys.argv[1]
    # Read once here (nothing is written): what opening imports on first use (the
    # checks of every exercise's records) is then imported once, not in every forked
    # writer, where it took most of a writer's life before its first change.
    storage.read_project_file(Path(path))
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
