"""One writer per project, even where the project's folder cannot hold a lock file.

The read-only folder is a real one: a tmpfs remounted read-only in a private
mount namespace (root ignores file permissions), as in test_store_real_fs.py.
Two real Atelier processes then try to open the same project there.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import workshop.lock as lock_module
from workshop.errors import ProjectLocked, ProjectUnlockable
from workshop.lock import ProjectLock, lock_path, machine_lock_path
from workshop.project import Project

ROOT = Path(__file__).resolve().parents[1]


def _unshare() -> str:
    unshare = shutil.which("unshare")
    if unshare is None or shutil.which("mount") is None:
        pytest.skip("unshare/mount not available")
    if subprocess.run([unshare, "--mount", "true"], capture_output=True).returncode:
        pytest.skip("mount namespaces not allowed here")
    return unshare


# The first instance opens the project and holds it until told to leave; the
# second tries while it holds it, then again once it has gone.
TWO_INSTANCES = textwrap.dedent(
    """
    import subprocess, sys
    from pathlib import Path
    from workshop.project import Project

    folder = Path(sys.argv[1])
    def mount(*options):
        subprocess.run(["mount", *options], check=True)

    mount("-t", "tmpfs", "-o", "size=1m", "tmpfs", str(folder))
    path = folder / "projet.atelier"
    Project.create(path, "Clé protégée").close()
    mount("-o", "remount,ro", str(folder))

    HOLD = '''
    import sys
    from workshop.project import Project
    project = Project.open(sys.argv[1])
    print("held", project.store._lock.beside, flush=True)
    sys.stdin.readline()
    project.close()
    '''
    TRY = '''
    import sys
    from workshop.errors import ProjectLocked
    from workshop.i18n import set_language
    from workshop.project import Project
    set_language("fr")
    try:
        Project.open(sys.argv[1]).close()
    except ProjectLocked as error:
        print("refused:", error.message())
    else:
        print("opened")
    '''
    first = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    print("first:", first.stdout.readline().strip())
    second = subprocess.run([sys.executable, "-c", TRY, str(path)], capture_output=True, text=True)
    print("second:", second.stdout.strip(), second.stderr.strip())
    third = subprocess.run([sys.executable, "-c", TRY, str(path)], capture_output=True, text=True)
    print("third:", third.stdout.strip(), third.stderr.strip())
    first.stdin.write("\\n")
    first.stdin.close()
    first.wait()
    after = subprocess.run([sys.executable, "-c", TRY, str(path)], capture_output=True, text=True)
    print("after:", after.stdout.strip(), after.stderr.strip())
    """
)


def test_two_instances_on_a_read_only_folder_never_both_write(tmp_path: Path) -> None:
    unshare = _unshare()
    folder = tmp_path / "mnt"
    folder.mkdir()
    done = subprocess.run(
        [unshare, "--mount", "--propagation", "private", sys.executable, "-c", TWO_INSTANCES, str(folder)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
        env={"HOME": str(tmp_path), "TMPDIR": str(tmp_path), "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = dict(line.strip().split(": ", 1) for line in done.stdout.splitlines() if ": " in line)
    assert lines["first"] == "held False"  # the read-only folder held no lock: the machine lock does the work
    assert lines["second"].startswith("refused: Ce projet est déjà ouvert dans un autre Atelier"), done.stdout
    assert lines["third"].startswith("refused:"), done.stdout  # a third instance too
    assert lines["after"] == "opened", done.stdout  # the first one gone, the project opens again


def test_a_second_opener_is_refused_by_the_machine_lock_alone(project_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Project.create(project_path, "P").close()
    # The folder cannot hold a lock file (as a read-only folder): only the machine lock is left.
    monkeypatch.setattr(lock_module, "lock_path", lambda path: Path("/proc/atelier-no-such-folder") / "x.lock")
    first = Project.open(project_path)
    try:
        with pytest.raises(ProjectLocked) as refused:
            Project.open(project_path)
        assert "déjà ouvert dans un autre Atelier" in refused.value.message()
        assert machine_lock_path(project_path.resolve()).exists()
    finally:
        first.close()
    Project.open(project_path).close()  # released with the first


def test_the_lock_beside_the_project_alone_still_refuses_a_second_opener(
    project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Project.create(project_path, "P").close()
    monkeypatch.setattr(lock_module, "machine_lock_folder", lambda: Path("/proc/atelier-no-such-folder"))
    with Project.open(project_path):
        assert lock_path(project_path.resolve()).exists()
        with pytest.raises(ProjectLocked):
            Project.open(project_path)


def test_a_project_no_lock_can_protect_is_not_opened(project_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Project.create(project_path, "P").close()
    before = project_path.read_bytes()
    monkeypatch.setattr(lock_module, "machine_lock_folder", lambda: Path("/proc/atelier-no-such-folder"))
    monkeypatch.setattr(lock_module, "lock_path", lambda path: Path("/proc/atelier-no-such-folder") / "x.lock")
    with pytest.raises(ProjectUnlockable) as refused:
        Project.open(project_path)
    assert refused.value.message().startswith("Impossible de réserver le projet")
    assert project_path.read_bytes() == before


def test_the_machine_lock_is_keyed_by_the_real_path(tmp_path: Path) -> None:
    real = tmp_path / "a" / "projet.atelier"
    real.parent.mkdir()
    link = tmp_path / "lien"
    link.symlink_to(real.parent)
    assert machine_lock_path(link / "projet.atelier") == machine_lock_path(real)
    assert machine_lock_path(tmp_path / "autre.atelier") != machine_lock_path(real)
    assert "projet" not in machine_lock_path(real).name  # the project's name does not leak into /tmp


def test_a_machine_lock_folder_opened_to_others_is_not_trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "shared-locks"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    monkeypatch.setattr(lock_module, "machine_lock_folder", lambda: shared)
    project = tmp_path / "p.atelier"
    project.write_text("{}")
    lock = ProjectLock(project)
    lock.acquire()
    try:
        assert not list(shared.iterdir())  # nothing taken in a folder anyone may change
        assert lock.beside
    finally:
        lock.release()
