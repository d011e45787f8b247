"""A project and its journal (#19): one small write per change, and every guarantee of DESIGN §5.

The file and the journal that extends it: a change costs an append of its own
documents; a journal that does not belong to the file (a copy without it, an
old journal beside a restored backup, a file edited by hand) is never replayed
and is named; a compaction cut short at any step leaves the old project or the
new one; projects written before the journal open without loss.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import workshop.journal as journal_module
import workshop.projectfile as projectfile
import workshop.storage as storage_module
from tests.disk import abandon, rewrite_journal
from workshop.errors import JournalProblem, ProjectDamaged, StorageError, ValidationError
from workshop.journal import journal_path, read_journal
from workshop.library import ProjectLibrary, summarise
from workshop.project import Project
from workshop.storage import backup_path, load_project, read_project_file
from workshop.store import open_without_journal, restore_backup

DATA = Path(__file__).with_name("data")


def names(path: Path) -> list[str]:
    return [doc["name"] for doc in read_project_file(path).get("structures", {}).values()]


def records_of(path: Path) -> list[dict[str, Any]]:
    return [json.loads(payload) for payload in read_journal(journal_path(path)).records]


def meta_on_file(path: Path) -> dict[str, Any]:
    return next(iter(json.loads(path.read_bytes())["meta"].values()))


# One small write per change --------------------------------------------------------------------
def test_a_change_costs_its_own_documents_whatever_the_size_of_the_project(project: Project) -> None:
    notes = project.store.table("notes")
    with project.batch():
        for n in range(2000):
            notes.insert({"n": n, "text": "Un long texte de notes. " * 10})
    path = project.path
    file_before = os.stat(path)
    journal_size = journal_path(path).stat().st_size
    project.add_structure("Les Tilleuls")
    assert journal_path(path).stat().st_size - journal_size < 400  # the file is about 600 kB
    after = os.stat(path)
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (file_before.st_ino, file_before.st_size, file_before.st_mtime_ns)
    assert records_of(path)[-1] == {
        "put": {"_issued_ids": {"1": read_project_file(path)["_issued_ids"]["1"]}, "structures": {"1": {"name": "Les Tilleuls", "kind": "association", "member": True}}},
        "counts": {"_issued_ids": 1, "structures": 1},
    }


def test_each_kind_of_table_write_records_exactly_the_documents_it_touched(project: Project) -> None:
    table = project.store.table("things")
    table.insert_multiple([{"n": n, "tag": "a" if n % 2 else "b"} for n in range(1, 7)])
    path = project.path

    def last() -> dict[str, Any]:
        return records_of(path)[-1]

    table.update({"seen": True}, lambda doc: doc["tag"] == "a")
    assert sorted(last()["put"]["things"]) == ["1", "3", "5"] and "del" not in last()
    table.update({"x": 1}, lambda doc: False, doc_ids=[2])  # as in TinyDB, ids choose and the condition is not looked at
    assert list(last()["put"]["things"]) == ["2"] and table.get(doc_id=2)["x"] == 1
    table.update_multiple([({"y": 1}, lambda doc: doc["n"] == 4), ({"z": 1}, lambda doc: doc["n"] == 6)])
    assert sorted(last()["put"]["things"]) == ["4", "6"]
    table.update(lambda doc: doc.update(w=2), doc_ids=[1, 99])
    assert list(last()["put"]["things"]) == ["1"]
    table.upsert({"n": 3, "up": True}, lambda doc: doc["n"] == 3)
    assert list(last()["put"]["things"]) == ["3"]
    table.remove(lambda doc: doc["n"] > 4)
    assert last() == {"del": {"things": ["5", "6"]}, "counts": {"things": 4}}
    records = len(records_of(path))
    table.update({"never": 1}, lambda doc: False)  # nothing matched: nothing written
    assert len(records_of(path)) == records
    table.truncate()
    assert last() == {"del": {"things": ["1", "2", "3", "4"]}, "counts": {"things": 0}}
    assert read_project_file(path)["things"] == {}


def test_a_table_dropped_around_the_tables_is_written_whole(project: Project) -> None:
    project.store.table("notes").insert({"t": "x"})
    project.add_structure("Gardée")
    before = project.path.read_bytes()
    project.store.db.drop_table("notes")
    assert project.path.read_bytes() != before
    assert "notes" not in read_project_file(project.path) and names(project.path) == ["Gardée"]


def test_a_batch_undoes_changes_made_in_place_inside_documents(project: Project) -> None:
    table = project.store.table("things")
    doc_id = table.insert({"items": [1, 2], "nested": {"deep": [1]}})
    other = table.insert({"n": 1})
    with pytest.raises(ValidationError):
        with project.batch():
            table.update(lambda doc: (doc["items"].append(3), doc["nested"]["deep"].clear()), doc_ids=[doc_id])
            table.remove(doc_ids=[other])
            table.insert({"n": 2})
            raise ValidationError("error.invalid")
    assert table.get(doc_id=doc_id) == {"items": [1, 2], "nested": {"deep": [1]}}
    assert table.get(doc_id=other) == {"n": 1} and len(table) == 2
    assert not project.store.storage.pending
    assert read_project_file(project.path)["things"] == {str(doc_id): {"items": [1, 2], "nested": {"deep": [1]}}, str(other): {"n": 1}}


def test_a_single_write_that_fails_halfway_is_undone(project: Project) -> None:
    table = project.store.table("things")
    first, second = table.insert({"n": 1}), table.insert({"n": 2})

    def halfway(doc: dict[str, Any]) -> None:
        doc["n"] += 10
        if doc["n"] > 11:
            raise RuntimeError("a bug in the middle of an update")

    with pytest.raises(RuntimeError):
        table.update(halfway)
    assert [table.get(doc_id=i)["n"] for i in (first, second)] == [1, 2]
    assert not project.store.storage.pending


def test_a_value_json_cannot_hold_is_undone_and_later_changes_are_saved(project: Project) -> None:
    table = project.store.table("things")
    doc_id = table.insert({"n": 1})
    with pytest.raises(TypeError):
        table.update({"bad": {1, 2}}, doc_ids=[doc_id])
    assert table.get(doc_id=doc_id) == {"n": 1}
    project.add_structure("Après")
    assert read_project_file(project.path)["things"] == {str(doc_id): {"n": 1}} and names(project.path) == ["Après"]


# A journal that does not belong to the file ----------------------------------------------------
def test_a_copy_made_without_its_journal_is_named_incomplete(project: Project, tmp_path: Path) -> None:
    project.add_structure("Dans le journal")
    copy = tmp_path / "copie" / "projet.atelier"
    copy.parent.mkdir()
    shutil.copy2(project.path, copy)  # the file alone, while the project is open
    with pytest.raises(JournalProblem) as caught:
        Project.open(copy)
    assert caught.value.kind == "missing" and caught.value.usable == []
    message = caught.value.message()
    assert str(copy) in message and str(journal_path(copy)) in message and "incomplet" in message
    assert not journal_path(copy).exists()
    assert "incomplet" in summarise(copy).problem  # the home screen says so too
    shutil.copy2(journal_path(project.path), journal_path(copy))  # copied as the message asks
    with Project.open(copy) as opened:
        assert [s.name for s in opened.structures()] == ["Dans le journal"]


def test_a_closed_project_is_one_file_that_copies_alone(project: Project, tmp_path: Path) -> None:
    project.add_structure("Fermée")
    project.close()
    assert not journal_path(project.path).exists()
    assert meta_on_file(project.path)["journal"]["follows"] is False
    copy = tmp_path / "seule.atelier"
    shutil.copy2(project.path, copy)
    with Project.open(copy) as opened:
        assert [s.name for s in opened.structures()] == ["Fermée"]


def test_an_old_journal_beside_a_restored_backup_is_never_replayed(project: Project) -> None:
    project.add_structure("Première")
    path = project.path
    project.close()
    again = Project.open(path)
    again.add_structure("Seconde")  # the first change: the file is written whole, the previous one kept as backup
    again.add_structure("Troisième")
    shutil.copy2(backup_path(path), path.with_name("ancienne.atelier"))
    abandon(again)  # a crash: the journal holds "Troisième"
    assert read_journal(journal_path(path)).records
    os.replace(path.with_name("ancienne.atelier"), path)  # an older copy put back by hand
    journal_before = journal_path(path).read_bytes()
    with pytest.raises(JournalProblem) as caught:
        Project.open(path)
    assert caught.value.kind == "foreign"
    assert "ne prolonge pas" in caught.value.message()
    assert journal_path(path).read_bytes() == journal_before  # left as it is


def test_a_file_edited_by_hand_under_its_journal_is_never_replayed_on(project: Project) -> None:
    project.add_structure("Avant")
    path = project.path
    abandon(project)
    edited = path.read_bytes().replace(b'"Coop\xc3\xa9ration test"', b'"Renomm\xc3\xa9e"')
    assert edited != path.read_bytes()
    path.write_bytes(edited)  # the same generation, other bytes
    with pytest.raises(JournalProblem) as caught:
        Project.open(path)
    assert caught.value.kind == "foreign"


def test_the_journal_of_another_project_is_never_replayed(tmp_path: Path) -> None:
    first, second = tmp_path / "a.atelier", tmp_path / "b.atelier"
    for path in (first, second):
        project = Project.create(path, path.stem)
        project.add_structure(f"De {path.stem}")
        abandon(project)
    shutil.copy2(journal_path(first), journal_path(second))
    with pytest.raises(JournalProblem) as caught:
        Project.open(second)
    assert caught.value.kind == "foreign"


def test_a_damaged_journal_names_the_change_and_keeps_what_precedes_it(project: Project) -> None:
    for name in ("Un", "Deux", "Trois"):
        project.add_structure(name)
    path = project.path
    abandon(project)
    raw = bytearray(journal_path(path).read_bytes())
    second = raw.index(b"Deux")
    raw[second] = ord("d")  # a bit flipped by the disk in the middle of the journal
    journal_path(path).write_bytes(bytes(raw))
    with pytest.raises(JournalProblem) as caught:
        Project.open(path)
    error = caught.value
    assert error.kind == "damaged" and error.params["record"] == 2 and len(error.usable) == 1
    assert "somme de contrôle" in error.message() and "n° 2" in error.message()
    assert journal_path(path).read_bytes() == bytes(raw)
    aside = open_without_journal(path)
    assert journal_path(aside).read_bytes() == bytes(raw)  # set aside as it was, with its file
    with Project.open(path) as opened:
        assert [s.name for s in opened.structures()] == ["Un"]


def test_a_record_whose_counts_disagree_with_the_file_is_damage(project: Project) -> None:
    project.add_structure("Un")
    project.add_structure("Deux")
    path = project.path
    project.close()
    again = Project.open(path)
    again.add_structure("Trois")  # the first change: the file is written whole, with the three
    again.add_structure("Quatre")  # in the journal: four structures after it
    abandon(again)
    data = json.loads(path.read_bytes())
    del data["structures"]["1"]  # a record lost from the file, its inventory stamped again
    next(iter(data["meta"].values()))["tables"]["structures"] -= 1
    raw = json.dumps(data).encode()
    path.write_bytes(raw)
    journal = read_journal(journal_path(path))
    # The journal bound again to the edited file: only the counts can tell.
    rewrite_journal(path, journal.generation, journal.records)
    with pytest.raises(JournalProblem) as caught:
        Project.open(path)
    assert caught.value.kind == "damaged" and "compte 3 fiche(s) au lieu des 4" in caught.value.message()


def test_an_unreadable_journal_is_refused_clearly(project: Project) -> None:
    path = project.path
    project.add_structure("Un")
    abandon(project)
    journal_path(path).unlink()
    journal_path(path).mkdir()
    with pytest.raises(JournalProblem) as caught:
        Project.open(path)
    assert caught.value.kind == "unreadable" and str(journal_path(path)) in caught.value.message()


@pytest.mark.parametrize("kind", ["missing", "foreign"])
def test_opening_without_the_journal_sets_everything_aside_and_loses_nothing(project: Project, kind: str) -> None:
    project.add_structure("Dans le fichier")
    project.close()
    path = project.path
    again = Project.open(path)
    again.add_structure("Au début")  # the first change: the file is written whole
    again.add_structure("Dans le journal")
    abandon(again)
    file_bytes, journal_bytes = path.read_bytes(), journal_path(path).read_bytes()
    if kind == "missing":
        journal_path(path).unlink()
    else:
        journal_path(path).write_bytes(journal_bytes.replace(b'"generation":"', b'"generation":"x', 1))
    with pytest.raises(JournalProblem):
        Project.open(path)
    aside = open_without_journal(path)
    assert aside.parent == path.parent and aside.name.startswith("projet.atelier.set-aside-")
    assert aside.read_bytes() == file_bytes
    assert journal_path(aside).exists() == (kind == "foreign")
    assert not journal_path(path).exists()
    with Project.open(path) as opened:
        assert [s.name for s in opened.structures()] == ["Au début", "Dans le fichier"]
    # What was set aside is a project again once the journal is put back beside its file.
    if kind == "missing":
        journal_path(aside).write_bytes(journal_bytes)
        assert names(aside) == ["Dans le fichier", "Au début", "Dans le journal"]


def test_opening_without_the_journal_refuses_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "p.atelier"
    path.write_bytes(b"{")
    with pytest.raises(ProjectDamaged):
        open_without_journal(path)
    assert path.read_bytes() == b"{"


def test_restoring_the_backup_sets_the_damaged_file_and_its_journal_aside(project: Project) -> None:
    project.add_structure("Sauvée")
    path = project.path
    project.close()
    with Project.open(path) as again:
        again.add_structure("Perdue avec le fichier")
        abandon(again)
    path.write_bytes(b"garbage")
    moved = restore_backup(path)
    assert moved.read_bytes() == b"garbage" and journal_path(moved).exists()
    assert not journal_path(path).exists()
    with Project.open(path) as restored:
        assert [s.name for s in restored.structures()] == ["Sauvée"]


def test_a_backup_reads_with_its_journal_or_alone(project: Project) -> None:
    project.add_structure("Un")
    path = project.path
    project.close()
    backup = backup_path(path)
    assert names(backup) == ["Un"]  # the previous file and the journal that extended it
    assert load_project(backup, backup=True).journal is not None
    journal_path(backup).unlink()  # a backup's journal lost: the backup is its file alone
    assert [d["name"] for d in load_project(backup, backup=True).data.get("structures", {}).values()] == []
    with pytest.raises(JournalProblem):
        read_project_file(backup)  # as a project it is incomplete


@pytest.mark.parametrize("left", ["closed", "crashed"])
def test_the_library_deletes_a_project_with_its_journals(library: ProjectLibrary, left: str) -> None:
    project = library.create("À jeter")
    project.add_structure("Un")
    path = project.path
    project.close()  # the file, and its backup with the session's journal
    assert journal_path(backup_path(path)).exists()
    if left == "crashed":
        again = Project.open(path)
        again.add_structure("Deux")
        again.add_structure("Trois")
        abandon(again)  # the file, its journal, and its backup
        assert journal_path(path).exists()
    library.delete(path)
    assert sorted(p.name for p in library.folder.iterdir()) == []


def test_the_listing_dates_a_project_by_its_latest_change(library: ProjectLibrary) -> None:
    project = library.create("Daté")
    project.add_structure("Un")
    os.utime(project.path, (1_000_000, 1_000_000))
    assert summarise(project.path).modified == journal_path(project.path).stat().st_mtime
    project.close()


# Compactions ------------------------------------------------------------------------------------
def test_opening_and_closing_without_a_change_writes_nothing(project: Project) -> None:
    project.add_structure("Un")
    path = project.path
    project.close()
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in path.parent.iterdir() if p.is_file()}
    with Project.open(path) as again:
        assert [s.name for s in again.structures()] == ["Un"]
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in path.parent.iterdir() if p.is_file()}
    assert after == before


def test_a_journal_left_by_a_crash_is_folded_into_the_file_when_opened(project: Project) -> None:
    project.add_structure("Un")
    project.add_structure("Deux")
    path = project.path
    abandon(project)
    with open(journal_path(path), "ab") as handle:
        handle.write(b"0000004f 12")  # and a torn last record
    with Project.open(path) as again:
        assert [s.name for s in again.structures()] == ["Deux", "Un"]
        assert read_journal(journal_path(path)).records == []  # folded: a new, empty journal
        assert sorted(doc["name"] for doc in json.loads(path.read_bytes())["structures"].values()) == ["Deux", "Un"]
        again.add_structure("Trois")
    assert names(path) == ["Un", "Deux", "Trois"]


def test_the_journal_is_folded_into_the_file_past_its_bound(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage_module, "JOURNAL_BOUND", 2000)
    monkeypatch.setattr(storage_module, "JOURNAL_RATIO", 0.0)
    notes = project.store.table("notes")
    for n in range(40):
        notes.insert({"n": n, "text": "x" * 100})
        assert journal_path(project.path).stat().st_size < 2000 + 400
    on_file = json.loads(project.path.read_bytes())
    assert len(on_file["notes"]) > 30  # compacted along the way
    assert len(read_project_file(project.path)["notes"]) == 40


def test_a_failed_compaction_past_the_bound_loses_nothing(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage_module, "JOURNAL_BOUND", 500)
    monkeypatch.setattr(storage_module, "JOURNAL_RATIO", 0.0)
    real_mkstemp = projectfile.tempfile.mkstemp
    notes = project.store.table("notes")
    with monkeypatch.context() as broken:
        broken.setattr(projectfile.tempfile, "mkstemp", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
        for n in range(10):
            notes.insert({"n": n, "text": "x" * 100})  # saved in the journal; the compaction waits
        assert not project.store.storage.pending
    assert projectfile.tempfile.mkstemp is real_mkstemp
    notes.insert({"n": 10})
    assert len(json.loads(project.path.read_bytes())["notes"]) == 11
    assert len(read_project_file(project.path)["notes"]) == 11


def test_a_compaction_gives_the_file_a_new_generation_and_names_what_it_folded(project: Project) -> None:
    project.add_structure("Un")
    path = project.path
    before = meta_on_file(path)["journal"]
    journal = read_journal(journal_path(path))
    project.close()
    after = meta_on_file(path)["journal"]
    assert after["generation"] != before["generation"] and after["follows"] is False
    assert after["folds"] == {"generation": before["generation"], "records": len(journal.records), "tail": f"{journal.tail:08x}"}
    assert meta_on_file(path)["format"] == 2 and meta_on_file(path)["tables"]["structures"] == 1


# A compaction cut short at every step -------------------------------------------------------------
class Crash(BaseException):
    """The process dies here: nothing after it reaches the disk."""


CUT = ("replace", "unlink", "link", "fsync", "write", "pwrite", "ftruncate", "fchmod", "open", "mkstemp")


def crash_at(monkeypatch: pytest.MonkeyPatch, step: int) -> list[str]:
    """The `step`-th file system call fails as a kill would, and every later one too."""
    calls: list[str] = []
    real = {name: getattr(os, name) for name in CUT if name != "mkstemp"}
    real_mkstemp = projectfile.tempfile.mkstemp

    def wrap(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            if len(calls) >= step:
                raise Crash(name)
            return function(*args, **kwargs)

        return call

    for name, function in real.items():
        monkeypatch.setattr(os, name, wrap(name, function))
    monkeypatch.setattr(projectfile.tempfile, "mkstemp", wrap("mkstemp", real_mkstemp))
    return calls


@pytest.mark.parametrize("moment", ["first change", "close", "bound", "open after a crash"])
def test_a_compaction_cut_short_at_any_step_leaves_the_old_project_or_the_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, moment: str
) -> None:
    step = 1
    while True:
        path = tmp_path / f"{moment}-{step}" / "p.atelier"
        path.parent.mkdir()
        project = Project.create(path, "Étapes")
        project.add_structure("Un")
        if moment != "first change":
            project.close()
            project = Project.open(path)
            project.add_structure("Deux")
        if moment == "open after a crash":
            abandon(project)
        if moment == "first change":
            project.close()
            project = Project.open(path)  # a file closed cleanly: its journal starts with the next change
        old = sorted(names(path))
        new = sorted([*old, "Trois"]) if moment in ("first change", "bound") else old
        with monkeypatch.context() as patched:
            if moment == "bound":
                patched.setattr(storage_module, "JOURNAL_BOUND", 1)
                patched.setattr(storage_module, "JOURNAL_RATIO", 0.0)
            calls = crash_at(patched, step)
            finished = True
            try:
                if moment in ("first change", "bound"):
                    project.add_structure("Trois")
                elif moment == "close":
                    project.close()
                else:
                    project = Project.open(path)
            except Crash:
                finished = False
        # What the kill leaves: the OS closes the files and frees the locks.
        abandon(project)
        found = sorted(names(path))  # never JournalProblem, never ProjectDamaged
        assert found in (old, new), (moment, step, calls)
        with Project.open(path) as reopened:
            assert sorted(s.name for s in reopened.structures()) == found
        if finished:
            assert found == new
            break
        step += 1
    assert step > 5, "the compaction made its file system calls"


# Projects written before the journal ----------------------------------------------------------------
def test_a_project_written_before_the_journal_opens_and_is_converted_without_loss(tmp_path: Path) -> None:
    """tests/data/before-journal.atelier was written by the version before #19 (format 1)."""
    path = tmp_path / "ancien.atelier"
    shutil.copy2(DATA / "before-journal.atelier", path)
    original = json.loads(path.read_bytes())
    assert next(iter(original["meta"].values()))["format"] == 1 and "journal" not in next(iter(original["meta"].values()))
    with Project.open(path) as project:
        assert [s.name for s in project.structures()] == ["La Passerelle", "Les Tilleuls"]
        assert json.loads(path.read_bytes()) == original  # opening writes nothing
        project.rename("Coopération convertie")  # the first change writes the file in the new format
    converted = json.loads(path.read_bytes())
    meta = next(iter(converted["meta"].values()))
    assert meta["format"] == 2 and meta["journal"]["follows"] is False and meta["name"] == "Coopération convertie"
    for table, docs in original.items():
        if table != "meta":
            assert converted[table] == docs, table  # every record as it was, ballots and removed ids included
    old_meta = next(iter(original["meta"].values()))
    assert {k: v for k, v in meta.items() if k not in ("name", "format", "journal")} == {k: v for k, v in old_meta.items() if k not in ("name", "format")}
    assert load_project(backup_path(path), backup=True).data["participants"] == original["participants"]


def test_a_project_of_the_new_format_is_refused_by_the_older_check(tmp_path: Path) -> None:
    """Format 2 tells an older Atelier (format 1) to refuse the file rather than miss its journal."""
    from workshop import validation

    path = tmp_path / "p.atelier"
    Project.create(path, "P").close()
    data = json.loads(path.read_bytes())
    findings = validation.validate(data, records=False)
    assert findings == []
    next(iter(data["meta"].values()))["format"] = 3
    assert [f.key for f in validation.validate(data, records=False)] == ["schema.newer_format"]


# Readers while the app writes -------------------------------------------------------------------------
def test_a_reader_racing_a_compaction_reads_the_new_file_and_journal(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """`atelier export` reads the project while the app may be folding its journal into the file."""
    project.add_structure("Un")
    project.add_structure("Deux")
    real_read_journal = projectfile.read_journal
    raced = []

    def read_journal_after_a_compaction(path: Path) -> Any:
        if not raced:
            raced.append(path)
            project.store.storage._compact(follows=True)  # between the reader's file and its journal
        return real_read_journal(path)

    monkeypatch.setattr(projectfile, "read_journal", read_journal_after_a_compaction)
    assert names(project.path) == ["Un", "Deux"]
    assert raced


def test_a_reader_that_keeps_losing_the_race_is_told_so(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    project.add_structure("Un")
    path = project.path
    abandon(project)
    journal_path(path).write_bytes(journal_path(path).read_bytes().replace(b'"generation":"', b'"generation":"x', 1))
    changes = iter(range(100))
    calls = []
    real = projectfile.read_journal
    monkeypatch.setattr(projectfile, "_identity", lambda p: next(changes))  # the file replaced again and again
    monkeypatch.setattr(projectfile, "read_journal", lambda p: (calls.append(p), real(p))[1])
    with pytest.raises(JournalProblem):
        read_project_file(path)
    assert len(calls) == projectfile.READ_ATTEMPTS


def test_a_foreign_journal_is_not_retried_when_the_file_did_not_change(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    project.add_structure("Un")
    path = project.path
    abandon(project)
    journal_path(path).write_bytes(journal_path(path).read_bytes().replace(b'"generation":"', b'"generation":"x', 1))
    calls = []
    real = projectfile.read_journal
    monkeypatch.setattr(projectfile, "read_journal", lambda p: (calls.append(p), real(p))[1])
    with pytest.raises(JournalProblem):
        read_project_file(path)
    assert len(calls) == 1


# When the folder refuses writes at opening ----------------------------------------------------------
def _crashed_with_a_torn_journal(project: Project) -> Path:
    project.add_structure("Un")
    project.add_structure("Deux")
    path = project.path
    abandon(project)
    with open(journal_path(path), "ab") as handle:
        handle.write(b"0000004f 12")
    return path


def test_a_folder_that_refuses_new_files_keeps_the_journal_going(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """The journal left by a crash cannot be folded (no new file can be written): it is appended to, its torn end cut first."""
    path = _crashed_with_a_torn_journal(project)
    file_before = path.read_bytes()
    monkeypatch.setattr(projectfile.tempfile, "mkstemp", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    again = Project.open(path)
    assert sorted(s.name for s in again.structures()) == ["Deux", "Un"]
    again.add_structure("Trois")  # appended to the journal as it was
    assert names(path) == ["Un", "Deux", "Trois"] and path.read_bytes() == file_before
    again.close()  # the last compaction fails too: nothing is lost, the journal holds it
    assert path.read_bytes() == file_before and journal_path(path).exists()
    monkeypatch.undo()
    with Project.open(path) as later:
        assert sorted(s.name for s in later.structures()) == ["Deux", "Trois", "Un"]


def test_a_folder_that_refuses_every_write_opens_and_says_so_at_the_first_change(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _crashed_with_a_torn_journal(project)
    journal_before = journal_path(path).read_bytes()
    refuse = lambda *a, **k: (_ for _ in ()).throw(OSError(errno.EROFS, "read-only"))  # noqa: E731
    monkeypatch.setattr(projectfile.tempfile, "mkstemp", refuse)
    real_open = os.open
    monkeypatch.setattr(journal_module.os, "open", lambda p, flags, *a: refuse() if flags & os.O_WRONLY else real_open(p, flags, *a))
    again = Project.open(path)
    assert sorted(s.name for s in again.structures()) == ["Deux", "Un"]
    with pytest.raises(StorageError) as caught:
        again.add_structure("Trois")
    assert "lecture seule" in caught.value.message()
    assert again.store.storage.pending and journal_path(path).read_bytes() == journal_before
    monkeypatch.undo()
    again.store.storage.retry()  # the folder writable again: the project is written whole
    assert not again.store.storage.pending
    assert names(path) == ["Deux", "Trois", "Un"] or sorted(names(path)) == ["Deux", "Trois", "Un"]
    again.close()


def test_a_file_that_says_a_journal_follows_gets_a_new_one_when_the_old_was_folded(project: Project) -> None:
    """A compaction cut short just after writing the file: the old journal is beside it, folded."""
    project.add_structure("Un")
    path = project.path
    storage = project.store.storage
    stale = journal_path(path).read_bytes()
    storage._compact(follows=True)
    abandon(project)
    journal_path(path).write_bytes(stale)  # as if the new journal had not been put in place
    with Project.open(path) as again:
        assert read_journal(journal_path(path)).extends(meta_on_file(path)["journal"]["generation"], hashlib.sha256(path.read_bytes()).hexdigest())
        again.add_structure("Deux")  # appended to a journal bound to this file, no compaction
        assert names(path) == ["Un", "Deux"]


def test_a_batch_keeps_the_state_from_before_its_first_change_of_a_document(project: Project) -> None:
    table = project.store.table("things")
    doc_id = table.insert({"n": 1})
    with pytest.raises(ValidationError):
        with project.batch():
            table.update({"n": 2}, doc_ids=[doc_id])
            table.update({"n": 3}, doc_ids=[doc_id])
            raise ValidationError("error.invalid")
    assert table.get(doc_id=doc_id) == {"n": 1}


def test_a_change_inside_a_nested_batch_that_is_caught_stays(project: Project) -> None:
    """As before the journal: only the outermost batch undoes; what its block chose to catch is kept."""
    table = project.store.table("things")
    with project.batch():
        try:
            with project.batch():
                table.insert({"n": 1})
                raise ValidationError("error.invalid")
        except ValidationError:
            pass
        table.insert({"n": 2})
    assert sorted(doc["n"] for doc in read_project_file(project.path)["things"].values()) == [1, 2]


def test_save_as_carries_on_with_a_journal_in_the_new_place(project: Project, tmp_path: Path) -> None:
    project.add_structure("Un")
    old = project.path
    target = tmp_path / "ailleurs"
    target.mkdir()
    new = project.save_as(target)
    assert new == target / old.name and journal_path(new).exists()
    assert meta_on_file(new)["journal"]["follows"] is True
    project.add_structure("Deux")
    assert names(new) == ["Un", "Deux"] and names(old) == ["Un"]
    project.close()
    assert not journal_path(new).exists() and names(new) == ["Un", "Deux"]


def test_save_as_refuses_a_place_where_a_journal_already_lies(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "autre.atelier"
    journal_path(target).write_bytes(b"ATELIER JOURNAL\n")
    with pytest.raises(ValidationError) as caught:
        project.save_as(target)
    assert caught.value.key == "error.project_exists"
