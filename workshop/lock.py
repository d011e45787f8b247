"""One writer per project: a lock file beside the project file."""

from __future__ import annotations

from pathlib import Path

from workshop.errors import ProjectLocked


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


class ProjectLock:
    """Holds `<project>.lock` while the project is open; a second holder is refused."""

    def __init__(self, path: Path) -> None:
        # Imported here: filelock brings asyncio, which `atelier export` (no lock) need not load.
        from filelock import FileLock

        self.path = path
        self._lock = FileLock(str(lock_path(path)), timeout=0, mode=0o600)

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
