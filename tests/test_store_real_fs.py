"""A real full disk and a real read-only folder, not simulated.

Root ignores file permissions, so the conditions are made by the kernel: a
small tmpfs mounted in a private mount namespace (`unshare --mount`) exercises.fills up
for real (ENOSPC), is enlarged, then remounted read-only (EROFS) and back.
Skipped where mounting is not allowed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent(
    """
    import subprocess, sys
    from pathlib import Path
    from workshop.errors import StorageError
    from workshop.i18n import set_language
    from workshop.project import Project
    from workshop.storage import read_project_file

    set_language("fr")
    folder = Path(sys.argv[1])
    def mount(*options):
        subprocess.run(["mount", *options], check=True)

    mount("-t", "tmpfs", "-o", "size=128k", "tmpfs", str(folder))
    path = folder / "projet.atelier"
    project = Project.create(path, "Disque plein")
    notes = project.store.table("notes")

    # Fill the disk for real.
    written = 0
    try:
        while True:
            notes.insert({"n": written, "text": "é" * 4000})
            written += 1
    except StorageError as error:
        message = error.message()
    assert "disque est plein" in message, message
    assert written > 3
    on_disk = read_project_file(path)  # the file is whole: the last good state
    assert len(on_disk["notes"]) == written, (len(on_disk["notes"]), written)
    assert project.store.storage.pending
    try:
        notes.insert({"n": written + 1, "text": "encore"})  # typed while the disk is full
        raise SystemExit("a save on a full disk did not fail")
    except StorageError:
        pass
    print("full-ok")

    # Space is back: one retry saves everything that was kept in memory.
    mount("-o", "remount,size=4m", str(folder))
    project.store.storage.retry()
    assert len(read_project_file(path)["notes"]) == written + 2
    assert not project.store.storage.pending
    print("space-back-ok")

    # A read-only folder (a write-protected USB key). The kernel refuses to make
    # a file system read-only while files are open for writing, so the project
    # is closed first, then opened on the read-only folder.
    project.close()
    mount("-o", "remount,ro", str(folder))
    reopened = Project.open(path)  # opening works: reading needs no writing
    assert reopened.name == "Disque plein"
    try:
        reopened.add_structure("Pendant")
        raise SystemExit("a save on a read-only folder did not fail")
    except StorageError as error:
        assert "lecture seule" in error.message(), error.message()
    assert reopened.structures()[0].name == "Pendant"  # kept in memory
    mount("-o", "remount,rw", str(folder))
    reopened.add_structure("Après")  # the folder is writable again: both are saved
    assert [s["name"] for s in read_project_file(path)["structures"].values()] == ["Pendant", "Après"]
    reopened.close()

    # Leaving a project while its folder is read-only: a rescue copy elsewhere.
    mount("-o", "remount,ro", str(folder))
    last = Project.open(path)
    try:
        last.add_structure("Sauvée ailleurs")
    except StorageError:
        pass
    try:
        last.close()
        raise SystemExit("closing on a read-only folder did not report the unsaved change")
    except StorageError as error:
        assert "secours" in error.message(), error.message()
    print("read-only-ok")
    """
)


def test_a_real_full_disk_and_a_real_read_only_folder(tmp_path: Path) -> None:
    unshare = shutil.which("unshare")
    if unshare is None or shutil.which("mount") is None:
        pytest.skip("unshare/mount not available")
    probe = subprocess.run([unshare, "--mount", "true"], capture_output=True)
    if probe.returncode:
        pytest.skip("mount namespaces not allowed here")
    folder = tmp_path / "mnt"
    folder.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    done = subprocess.run(
        [unshare, "--mount", "--propagation", "private", sys.executable, "-c", SCRIPT, str(folder)],
        capture_output=True, text=True, cwd=ROOT, env={"HOME": str(home), "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"},
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.split() == ["full-ok", "space-back-ok", "read-only-ok"]
    rescues = list(home.glob("*.atelier"))
    assert len(rescues) == 1  # the change made on the read-only folder was rescued
    rescued = json.loads(rescues[0].read_text(encoding="utf-8"))
    assert [s["name"] for s in rescued["structures"].values()] == ["Pendant", "Après", "Sauvée ailleurs"]
