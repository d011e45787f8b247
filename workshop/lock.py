"""One writer per project: a lock beside the project file, and one on this computer.

The locks are OS file locks (`filelock`): they are released when the process
ends, even by `kill -9`, so a crash never leaves a project locked.

Two locks, because either alone can be missing:

- `<project>.lock`, beside the project, is what another computer sharing the
  folder (a network drive) sees. A read-only folder (a write-protected USB key,
  a folder of another user) cannot hold it.
- the machine lock, in a private folder of the system's temporary folder, named
  after a hash of the project's real path, is what another Atelier of the same
  user on this computer sees whatever the project's folder allows. It is taken
  always, not only when the first fails: a folder that was writable when one
  Atelier opened the project may be read-only when a second one tries, and the
  two must still meet on a common lock.

A second Atelier is refused when it finds either lock held (ProjectLocked). When
neither can be taken at all, the project is not opened (ProjectUnlockable):
without a lock nobody could tell two writers apart.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from workshop.errors import ProjectLocked, ProjectUnlockable


def lock_path(path: Path) -> Path:
    """The lock beside the project."""
    return path.with_name(path.name + ".lock")


def machine_lock_folder() -> Path:
    """The private folder of this user's machine locks (not created here)."""
    import tempfile  # when a project is opened, not at start-up (the home screen imports lock_path)

    return Path(tempfile.gettempdir()) / f"atelier-locks-{_user_key()}"


def machine_lock_path(path: Path) -> Path:
    """The machine lock of a project: its real path, hashed (no name leaks into /tmp)."""
    import hashlib

    real = os.path.realpath(path)
    digest = hashlib.sha256(real.encode("utf-8", "surrogatepass")).hexdigest()[:40]
    return machine_lock_folder() / f"{digest}.lock"


def _user_key() -> str:
    getuid = getattr(os, "getuid", None)
    if getuid is not None:
        return str(getuid())
    import getpass

    return getpass.getuser()


def _private_folder(folder: Path) -> bool:
    """Create the machine-lock folder owner-only; refuse one someone else made or opened up."""
    import stat

    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False  # a symbolic link or a file planted under our name
    getuid = getattr(os, "getuid", None)
    if getuid is not None and (info.st_uid != getuid() or info.st_mode & 0o022):
        return False  # another user's folder could hand our lock to anyone
    return True


class ProjectLock:
    """Holds the project's locks while it is open; a second holder is refused."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._locks: list[Any] = []  # the filelock.FileLock objects held

    @property
    def held(self) -> bool:
        return any(lock.is_locked for lock in self._locks)

    @property
    def beside(self) -> bool:
        """True when the lock beside the project is held (other computers see it)."""
        return any(Path(lock.lock_file) == lock_path(self.path) and lock.is_locked for lock in self._locks)

    def acquire(self) -> None:
        """Take every lock that can be taken; ProjectLocked when another Atelier holds one."""
        from filelock import FileLock, Timeout

        candidates: list[Path] = []
        if _private_folder(machine_lock_folder()):
            candidates.append(machine_lock_path(self.path))
        candidates.append(lock_path(self.path))
        try:
            for candidate in candidates:
                # A new object each time: filelock shares one object per path within
                # a process otherwise, and a second opener there must be refused too.
                lock = FileLock(
                    str(candidate),
                    timeout=0,
                    mode=0o600,
                    thread_local=False,  # opened on one thread, maybe closed on another
                    is_singleton=False,
                    # A soft lock is a marker file: it would outlive a `kill -9` and
                    # keep the project locked for ever. Without flock, the other lock serves.
                    fallback_to_soft=False,
                )
                try:
                    lock.acquire(timeout=0)
                except Timeout as error:
                    raise ProjectLocked(path=str(self.path)) from error
                except OSError:
                    continue  # this place cannot hold a lock (read-only folder): the other one does
                self._locks.append(lock)
        except BaseException:
            self.release()
            raise
        if not self._locks:
            raise ProjectUnlockable(path=str(self.path))

    def release(self) -> None:
        locks, self._locks = self._locks, []
        for lock in reversed(locks):
            with contextlib.suppress(OSError):
                lock.release()
