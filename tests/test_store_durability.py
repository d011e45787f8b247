"""The project on disk: durable changes, backup, permissions, damage, lock, failures.

What is "on disk" is what a reader gets from the file and its journal
(`read_project_file`): a change is in the journal when its method returns, and
in the file itself from the next compaction (close, open).
"""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from tinydb.table import Document

import workshop.journal as journal_module
import workshop.projectfile as storage_module
from workshop.errors import ProjectDamaged, ProjectLocked, StorageError, ValidationError
from workshop.i18n import set_language
from workshop.journal import JournalWriter, journal_path
from workshop.library import ProjectLibrary
from workshop.project import Project
from workshop.storage import backup_path, load_project, read_project_file
from workshop.store import restore_backup

ROOT = Path(__file__).resolve().parents[1]


def on_disk(path: Path) -> dict:
    """The project as a reader finds it: the file, and the journal replayed (a backup's, when it has one)."""
    if path.name.endswith(".bak"):
        return load_project(path, backup=True).data
    return read_project_file(path)


def names_on_disk(path: Path) -> list[str]:
    return [doc["name"] for doc in on_disk(path).get("structures", {}).values()]


# Saving --------------------------------------------------------------------------------
def test_every_change_is_on_disk_when_the_method_returns(project: Project) -> None:
    project.add_structure("Les Tilleuls")
    assert names_on_disk(project.path) == ["Les Tilleuls"]
    project.add_structure("La Passerelle")
    assert names_on_disk(project.path) == ["Les Tilleuls", "La Passerelle"]


def test_a_change_appends_to_the_journal_and_leaves_the_file_alone(project: Project) -> None:
    project.add_structure("Les Tilleuls")
    file_before = project.path.read_bytes()
    journal_before = journal_path(project.path).read_bytes()
    project.add_structure("La Passerelle")
    assert project.path.read_bytes() == file_before
    journal = journal_path(project.path).read_bytes()
    assert journal.startswith(journal_before)
    added = journal[len(journal_before):]
    assert b"La Passerelle" in added and b"Les Tilleuls" not in added  # the change's document, not the project
    project.close()
    assert not journal_path(project.path).exists()  # closed: one file again
    assert names_on_disk(project.path) == ["Les Tilleuls", "La Passerelle"]
    assert [doc["name"] for doc in json.loads(project.path.read_bytes())["structures"].values()] == ["Les Tilleuls", "La Passerelle"]


def test_file_journal_and_backup_are_owner_only(project: Project) -> None:
    project.add_structure("A")
    project.add_structure("B")
    path = project.path
    for found in (path, journal_path(path), backup_path(path)):
        assert stat.S_IMODE(found.stat().st_mode) == 0o600, found
    project.close()
    for found in (path, backup_path(path), journal_path(backup_path(path))):
        assert stat.S_IMODE(found.stat().st_mode) == 0o600, found


def test_files_made_readable_by_others_are_owner_only_again_when_opened(project: Project) -> None:
    project.add_structure("A")
    path = project.path
    os.chmod(path, 0o644)
    os.chmod(journal_path(path), 0o644)
    # Left as after a crash (a project handed over open), then opened.
    project.store.storage._close_journal()
    project.store._lock.release()
    with Project.open(path) as again:
        for found in (path, journal_path(path), backup_path(path), journal_path(backup_path(path))):
            assert stat.S_IMODE(found.stat().st_mode) == 0o600, found
        assert [s.name for s in again.structures()] == ["A"]


def test_the_backup_is_the_project_as_it_was_at_the_last_compaction(project: Project) -> None:
    project.add_structure("Première")
    path = project.path
    project.close()
    # Closed: the backup (the previous file and its journal) holds everything too.
    assert names_on_disk(backup_path(path)) == ["Première"]
    with Project.open(path) as again:
        again.add_structure("Seconde")
        # Open: the backup is the project as it was opened.
        assert names_on_disk(backup_path(path)) == ["Première"]
    assert names_on_disk(backup_path(path)) == ["Première", "Seconde"]
    assert backup_path(path).stat().st_ino != path.stat().st_ino


def test_content_is_utf8_and_literal(project: Project) -> None:
    name = "Zoé [red]Œuvre[/] 🌱 مرحبا"
    project.add_structure(name)
    for raw in (journal_path(project.path).read_bytes(), None):
        if raw is None:
            project.close()
            raw = project.path.read_bytes()
        assert name.encode("utf-8") in raw  # written as UTF-8, not \\u escapes
        with pytest.raises(UnicodeDecodeError):
            raw.decode("ascii")
    with Project.open(project.path) as again:
        assert [s.name for s in again.structures()] == [name]


def test_batch_saves_once_at_the_end(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    records = []
    real = JournalWriter.append
    monkeypatch.setattr(JournalWriter, "append", lambda writer, payload: (records.append(payload), real(writer, payload)))
    with project.batch():
        project.add_structure("A")
        project.add_structure("B")
        assert names_on_disk(project.path) == []
    assert len(records) == 1
    assert names_on_disk(project.path) == ["A", "B"]


def test_a_batch_that_fails_is_undone_in_memory_and_on_disk(project: Project) -> None:
    project.add_structure("Avant")
    with pytest.raises(ValidationError):
        with project.batch():
            project.add_structure("Pendant")
            project.add_participant("Zoé", 0)  # refused: no structure
    assert [s.name for s in project.structures()] == ["Avant"]
    assert names_on_disk(project.path) == ["Avant"]
    project.add_structure("Après")  # the store still works, ids keep growing
    assert names_on_disk(project.path) == ["Avant", "Après"]


def test_a_value_json_cannot_hold_is_refused_without_poisoning_later_saves(project: Project) -> None:
    with pytest.raises(TypeError):
        project.store.table("notes").insert({"bad": {1, 2}})
    project.add_structure("Encore possible")
    assert names_on_disk(project.path) == ["Encore possible"]
    assert "notes" not in on_disk(project.path) or not on_disk(project.path)["notes"]


def test_no_temporary_files_are_left_behind(project: Project) -> None:
    for i in range(5):
        project.add_structure(f"S{i}")
    leftovers = [p.name for p in project.path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_leftovers_of_a_crash_are_removed_when_the_project_is_opened(project: Project) -> None:
    path = project.path
    project.close()
    crumbs = [
        path.parent / f".{path.name}.abc123.tmp",
        path.parent / f".{path.name}.bak.link.tmp",
        path.parent / f".{path.name}.journal.x1y2.tmp",
        path.parent / f".{path.name}.bak.journal.link.tmp",
    ]
    for crumb in crumbs:
        crumb.write_bytes(b'{"half": ')
    other = path.parent / ".other.atelier.x.tmp"
    other.write_bytes(b"")
    with Project.open(path):
        pass
    assert not any(c.exists() for c in crumbs)
    assert other.exists()  # another project's files are not ours to remove


def test_a_backup_already_linked_to_the_file_leaves_no_temporary_link(project: Project) -> None:
    """Found by the kill loop: killed after the file and its journal were linked as the backup
    and before they were replaced, the next compaction links them again onto the same files;
    rename() then does nothing (both names are one file) and the temporary link stayed."""
    project.add_structure("Un")
    project.add_structure("Deux")  # in the journal
    path = project.path
    project.store.storage._close_journal()  # killed: the journal stays, the OS frees the lock
    project.store._lock.release()
    for name in (path, journal_path(path)):  # the crash came right after step 2 of the compaction
        backup = backup_path(path) if name == path else journal_path(backup_path(path))
        backup.unlink(missing_ok=True)
        os.link(name, backup)
    with Project.open(path) as reopened:  # the journal is folded: the same file and journal linked again
        assert [s.name for s in reopened.structures()] == ["Deux", "Un"]
        assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert sorted(load_project(backup_path(path), backup=True).data["structures"]) == ["1", "2"]


def test_in_place_table_writes_keep_tinydb_semantics(project: Project) -> None:
    table = project.store.table("things")
    ids = table.insert_multiple([{"n": i} for i in range(5)])
    assert ids == [1, 2, 3, 4, 5]
    table.update({"seen": True}, doc_ids=[2])
    table.remove(doc_ids=[1])
    table.remove(lambda doc: doc["n"] == 4)
    table.upsert({"n": 3, "x": 1}, lambda doc: doc["n"] == 3)
    assert table.insert({"n": 6}) == 6
    with pytest.raises(ValueError):
        table.insert(Document({"n": 9}, doc_id=2))  # an id in use is refused
    expected = {"2": {"n": 1, "seen": True}, "3": {"n": 2}, "4": {"n": 3, "x": 1}, "6": {"n": 6}}
    assert on_disk(project.path)["things"] == expected
    table.truncate()
    assert on_disk(project.path)["things"] == {}


# Damaged files ---------------------------------------------------------------------------
DAMAGE = {
    "empty": (b"", "error.project_empty"),
    "blank": (b"  \n", "error.project_empty"),
    "truncated": (None, "error.project_not_json"),
    "garbage": (b"\x00\xff\xfe garbage \x89PNG", "error.project_not_json"),
    "not_utf8": ('{"meta": {"1": {"name": "\xe9"}}}'.encode("latin-1"), "error.project_not_json"),
    "deep": (b"[" * 100_000, "error.project_not_json"),
    "list": (b"[1, 2, 3]", "error.project_invalid"),
    "table_is_list": (b'{"meta": [1]}', "error.project_invalid"),
    "doc_is_string": (b'{"meta": {"1": "x"}}', "error.project_invalid"),
    "id_not_a_number": (b'{"meta": {"one": {"name": "x"}}}', "error.project_invalid"),
}


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_a_damaged_file_is_refused_clearly_and_left_untouched(project: Project, case: str) -> None:
    project.add_structure("Sauvée")
    project.add_structure("Perdue")
    path = project.path
    good = path.read_bytes()
    project.close()
    payload, key = DAMAGE[case]
    if payload is None:
        payload = good[: len(good) // 2]
    path.write_bytes(payload)
    with pytest.raises(ProjectDamaged) as caught:
        Project.open(path)
    assert caught.value.key == key
    assert str(path) in caught.value.message()
    assert path.read_bytes() == payload  # untouched
    # The lock was released: once restored, the project opens at once.
    moved = restore_backup(path)
    assert moved.read_bytes() == payload
    with Project.open(path) as restored:
        # The backup is the previous file with the journal that extended it: nothing was lost.
        assert [s.name for s in restored.structures()] == ["Perdue", "Sauvée"]
    set_language("en")
    assert "damaged" in caught.value.message() or "cannot" in caught.value.message() or "empty" in caught.value.message() or "not an Atelier" in caught.value.message()


def test_a_file_with_a_byte_order_mark_still_opens(project: Project) -> None:
    project.add_structure("Avec BOM")
    path = project.path
    project.close()
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    with Project.open(path) as again:
        assert [s.name for s in again.structures()] == ["Avec BOM"]


def test_restore_backup_twice_keeps_both_damaged_copies(project: Project) -> None:
    project.add_structure("A")
    project.add_structure("B")
    path = project.path
    project.close()
    path.write_bytes(b"broken once")
    first = restore_backup(path)
    path.write_bytes(b"broken twice")
    second = restore_backup(path)
    assert first != second
    assert first.read_bytes() == b"broken once" and second.read_bytes() == b"broken twice"


def test_restore_backup_refuses_without_a_usable_backup(tmp_path: Path) -> None:
    path = tmp_path / "seul.atelier"
    path.write_bytes(b"garbage")
    with pytest.raises(ProjectDamaged) as caught:
        restore_backup(path)
    assert caught.value.key == "error.no_backup"
    backup_path(path).write_bytes(b"also garbage")
    with pytest.raises(ProjectDamaged):
        restore_backup(path)
    assert path.read_bytes() == b"garbage"


def test_the_home_screen_listing_marks_a_damaged_project(library: ProjectLibrary) -> None:
    good = library.create("Bonne")
    good.close()
    (library.folder / "abimee.atelier").write_bytes(b"{")
    summaries = {s.name: s for s in library.summaries()}
    assert summaries["Bonne"].problem == ""
    assert "abimee.atelier" in summaries["abimee"].problem


# One writer per project -----------------------------------------------------------------------
def test_a_second_opener_is_refused(project: Project) -> None:
    with pytest.raises(ProjectLocked) as caught:
        Project.open(project.path)
    assert str(project.path) in caught.value.message()
    project.add_structure("Toujours là")  # the first opener is not disturbed
    project.close()
    with Project.open(project.path) as again:
        assert [s.name for s in again.structures()] == ["Toujours là"]


def test_a_second_process_is_refused_and_a_killed_holder_frees_the_project(project: Project) -> None:
    path = project.path
    project.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from workshop.project import Project
            p = Project.open({str(path)!r})
            print("ready", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(ProjectLocked):
            Project.open(path)
        with pytest.raises(ProjectLocked):
            ProjectLibrary(path.parent).delete(path)
        assert path.exists()
        refused = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(f"""
                from workshop.errors import ProjectLocked
                from workshop.project import Project
                try:
                    Project.open({str(path)!r})
                except ProjectLocked as error:
                    print(error.message())
            """)],
            capture_output=True, text=True, cwd=ROOT, check=True,
        )
        assert "déjà ouvert" in refused.stdout
    finally:
        holder.kill()
        holder.wait()
    with Project.open(path):  # the OS released the lock of the killed process
        pass


# Full disk, read-only folder (simulated: root ignores permissions) -------------------------------
def _fail(code: int):
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("code", "where", "reason"),
    [
        (errno.ENOSPC, "pwrite", "le disque est plein"),  # half a record written, then cut off again
        (errno.EIO, "fsync", "erreur de lecture"),
        # Even cutting the half record off fails: the journal is left aside and
        # the project is written whole, which the folder refuses too.
        (errno.EROFS, "mkstemp", "lecture seule"),
        (errno.EACCES, "replace", "accès au dossier est refusé"),
    ],
)
def test_a_failed_save_keeps_the_data_and_the_next_save_writes_everything(
    project: Project, monkeypatch: pytest.MonkeyPatch, code: int, where: str, reason: str
) -> None:
    project.add_structure("Avant")
    good_file = project.path.read_bytes()
    good_journal = journal_path(project.path).read_bytes()
    real_pwrite = os.pwrite

    def half_then_full(fd: int, data: bytes, offset: int) -> int:
        real_pwrite(fd, data[: len(data) // 2], offset)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as broken:
        if where == "fsync":
            broken.setattr(journal_module.os, "fsync", _fail(code))
        else:
            broken.setattr(journal_module.os, "pwrite", half_then_full)
        if where in ("mkstemp", "replace"):
            broken.setattr(journal_module.os, "ftruncate", _fail(errno.EIO))
            with pytest.raises(StorageError):
                project.add_structure("Pendant la panne")
            assert project.store.storage._journal.broken
            if where == "mkstemp":
                broken.setattr(storage_module.tempfile, "mkstemp", _fail(code))
            else:
                broken.setattr(storage_module.os, "replace", _fail(code))
            with pytest.raises(StorageError) as caught:
                project.store.storage.retry()
        else:
            with pytest.raises(StorageError) as caught:
                project.add_structure("Pendant la panne")
            assert journal_path(project.path).read_bytes() == good_journal  # cut off again: no torn record
        assert reason in caught.value.message()
        assert str(project.path) in caught.value.message()
        assert project.store.storage.pending
        assert project.path.read_bytes() == good_file  # the file on disk is the old state, intact
        assert names_on_disk(project.path) == ["Avant"]  # and so is the project, journal included
        assert [s.name for s in project.structures()] == ["Avant", "Pendant la panne"]  # nothing typed is lost
        with pytest.raises(StorageError):
            project.add_structure("Encore en panne")
    leftovers = [p.name for p in project.path.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    project.add_structure("Après")  # space is back: one save writes everything
    assert not project.store.storage.pending
    assert names_on_disk(project.path) == ["Avant", "Pendant la panne", "Encore en panne", "Après"]
    project.close()
    with Project.open(project.path) as again:
        assert [s.name for s in again.structures()] == ["Après", "Avant", "Encore en panne", "Pendant la panne"]


def _appends_fail(monkeypatch: pytest.MonkeyPatch, code: int = errno.ENOSPC) -> None:
    monkeypatch.setattr(JournalWriter, "append", lambda writer, payload: _fail(code)())


def test_retry_saves_pending_changes_without_a_new_change(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as broken:
        _appends_fail(broken)
        with pytest.raises(StorageError):
            project.add_structure("En attente")
        with pytest.raises(StorageError):
            project.store.storage.retry()
    assert names_on_disk(project.path) == []
    project.store.storage.retry()
    assert names_on_disk(project.path) == ["En attente"]


def test_a_batch_after_a_failed_save_that_fails_keeps_the_earlier_pending_change(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as broken:
        _appends_fail(broken)
        with pytest.raises(StorageError):
            project.add_structure("En attente")
    with pytest.raises(ValidationError):
        with project.batch():
            project.add_structure("Annulée")
            project.add_participant("Zoé", 0)
    assert [s.name for s in project.structures()] == ["En attente"]
    assert project.store.storage.pending
    project.store.storage.retry()
    assert names_on_disk(project.path) == ["En attente"]


def test_closing_when_the_last_save_fails_writes_a_rescue_copy(
    project: Project, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    path = project.path
    real_replace = os.replace

    def replace_elsewhere_only(src: object, dst: object) -> None:
        if Path(str(dst)).parent == path.parent:
            raise OSError(errno.EROFS, "read-only")
        real_replace(src, dst)

    monkeypatch.setattr(storage_module.os, "replace", replace_elsewhere_only)
    _appends_fail(monkeypatch, errno.EROFS)
    with pytest.raises(StorageError):
        project.add_structure("À sauver")
    with pytest.raises(StorageError) as caught:
        project.close()
    assert caught.value.key == "storage.rescued"
    rescue = Path(caught.value.params["rescue"])
    assert rescue.parent == tmp_path / "home"
    assert names_on_disk(rescue) == ["À sauver"]
    assert not journal_path(rescue).exists()  # a rescue copy is one whole file
    assert stat.S_IMODE(rescue.stat().st_mode) == 0o600
    monkeypatch.undo()
    with Project.open(path):  # the lock was released anyway
        pass


def test_a_missing_folder_gives_a_clear_message(project: Project, tmp_path: Path) -> None:
    # A USB key pulled out: the folder is gone (the open journal would take writes that reach nothing).
    import shutil

    shutil.rmtree(project.path.parent)
    with pytest.raises(StorageError) as caught:
        project.add_structure("Perdue ?")
    assert "n'existe plus" in caught.value.message()
    with pytest.raises(StorageError):
        project.store.storage.retry()
    project.path.parent.mkdir()
    project.add_structure("Retrouvée")
    assert names_on_disk(project.path) == ["Perdue ?", "Retrouvée"]


def test_read_project_file_reports_unreadable_as_damaged(tmp_path: Path) -> None:
    folder = tmp_path / "dossier.atelier"
    folder.mkdir()
    with pytest.raises(ProjectDamaged) as caught:
        read_project_file(folder)
    assert caught.value.key == "error.project_unreadable"


def test_without_hard_links_the_backup_is_an_owner_only_copy(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(*args: object) -> None:
        raise OSError(errno.EPERM, "no hard links on this file system")

    monkeypatch.setattr(storage_module.os, "link", no_links)
    project.add_structure("A")
    path = project.path
    before, journal_before = path.read_bytes(), journal_path(path).read_bytes()
    project.close()
    backup = backup_path(path)
    assert backup.read_bytes() == before
    assert journal_path(backup).read_bytes() == journal_before
    assert names_on_disk(backup) == ["A"]
    for copy, original in ((backup, path), (journal_path(backup), None)):
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        if original is not None:
            assert copy.stat().st_ino != original.stat().st_ino


def test_a_removed_records_id_is_never_given_again(project: Project) -> None:
    structure = project.add_structure("Les Tilleuls")
    first = project.add_participant("Zoé", structure.id)
    last = project.add_participant("Karim", structure.id)
    workshop = project.add_workshop("Atelier 1")
    project.set_attendance(workshop.id, last.id, "absent")
    project.remove_participant(last.id)
    path = project.path
    project.close()
    with Project.open(path) as again:  # TinyDB alone would give `last.id` again here
        newcomer = again.add_participant("Nadia", structure.id)
        assert newcomer.id not in (first.id, last.id)
        assert again.workshop(workshop.id).status_of(newcomer.id) == "present"


def test_a_lone_surrogate_never_reaches_the_file_raw(tmp_path) -> None:
    from workshop.project import Project

    path = tmp_path / "s.atelier"
    with Project.create(path, "P") as project:
        # Typed (a broken clipboard): replaced visibly by the text policy.
        project.add_structure("Les Jardins \ud800 de Montreuil")
        # Stored by a path that bypasses the policy: still a valid UTF-8 file.
        project.store.table("notes").insert({"text": "brut \udc00"})
    path.read_bytes().decode("utf-8")
    with Project.open(path) as project:
        assert project.structures()[0].name == "Les Jardins \ufffd de Montreuil"
        assert project.store.table("notes").all()[0]["text"] == "brut \ufffd"  # read back visibly
