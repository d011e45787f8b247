"""One writer per project: a lock file beside the project file.

The lock is an OS file lock (`filelock`): it is released when the process ends,
even by `kill -9`, so a crash never leaves a project locked.
"""

from __future__ import annotations

from pathlib import Path

from workshop.errors import ProjectLocked


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class ProjectLock:
    """Holds `<project>.lock` while the project is open; a second holder is refused."""

    def __init__(self, path: Path) -> None:
        from filelock import FileLock  # imported when a project is opened, not at start-up

        self.path = path
        self._lock = FileLock(str(lock_path(path)), timeout=0, mode=0o600)

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def acquire(self) -> None:
        from filelock import Timeout

        try:
            self._lock.acquire(timeout=0)
        except Timeout as error:
            raise ProjectLocked(path=str(self.path)) from error
        except OSError:
            # A read-only folder cannot hold a lock file; opening still works,
            # and the first save will report the folder as read-only.
            pass

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()
