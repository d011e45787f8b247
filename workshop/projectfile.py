"""The project on disk: reading and checking it (file and journal), writing the file atomically.

Kept apart from the TinyDB storage so that listing projects (the home screen)
imports neither TinyDB nor the lock machinery.

A project is its file, `<name>.atelier`, plus, while it is open (or after a
crash), its journal `<name>.atelier.journal` (`workshop.journal`): the changes
made since the file was last written whole. Reading a project reads the file,
checks that the journal beside it extends exactly that file, replays it, and
checks the result.

The file is written whole to a temporary file in the same folder, flushed and
fsynced, moved into place with `os.replace`, and the folder is fsynced: the
file on disk is always the old state or the new one. The previous version is
kept as `<name>.bak` (a hard link, so it costs no copy), with the journal that
extended it as `<name>.bak.journal`: the backup is the previous file and its
changes, read by the same rules.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workshop.errors import JournalProblem, ProjectDamaged
from workshop.journal import JournalDamage, JournalFile, apply_record, decode_record, journal_path, read_journal
from workshop.strict_json import DuplicateKey, strict_json

FILE_MODE = 0o600  # project files hold personal data: owner only
TEMP_SUFFIX = ".tmp"
SNIFF_BYTES = 4096
# TinyDB's layout as it starts on disk: {"<table>": {} or {"<integer id>": {…, whatever
# the indentation, after an optional byte-order mark. A truncated project still starts so.
_PROJECT_START = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"(?:[^"\\]|\\.)*"\s*:\s*\{\s*(?:\}|"\d+"\s*:\s*\{)')
META = "meta"
JOURNAL_FIELD = "journal"  # the meta record's field binding the file to its journal (see `Binding`)
INVENTORY = "tables"  # workshop.validation.INVENTORY
READ_ATTEMPTS = 3  # a reader racing the app's compaction reads the new file and journal again

def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def temp_prefix(path: Path) -> str:
    """Temporary files of `path` start with this; leftovers of a crash are removed on open."""
    return f".{path.name}."


def looks_like_project(path: Path) -> bool:
    """True when the file's first bytes are those of a project file, whatever its name."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    return _PROJECT_START.match(head) is not None


def read_project_file(path: Path, records: bool = True) -> dict[str, Any]:
    """Read a project (its file and journal) and check everything it holds.

    ProjectDamaged names what is wrong (JournalProblem when it is the journal).
    `records=False` checks the layout, meta and inventory only (the home
    screen's listing, see `workshop.validation.validate`). Nothing is ever
    written here.
    """
    return load_project(path, records).data


@dataclass(frozen=True)
class Binding:
    """What a project file's meta record says of its journal.

    `generation`: a random id given to each version of the file written whole
    (None in files written before the journal). `follows`: a journal holds
    changes made after this file (it was open, or is being): without it the
    project is incomplete. `folds`: the journal this file absorbed when it was
    written ({generation, records, tail}): found beside it after a crash, that
    journal is already in the file.
    """

    generation: str | None = None
    follows: bool = False
    folds: dict[str, Any] | None = None

    @classmethod
    def of(cls, data: dict[str, Any]) -> Binding:
        record = meta_record(data)
        found = record.get(JOURNAL_FIELD) if record is not None else None
        if not isinstance(found, dict):
            return cls()
        return cls(found.get("generation"), bool(found.get("follows")), found.get("folds"))

    def folded(self, journal: JournalFile) -> bool:
        """True when this file already holds everything `journal` held."""
        folds = self.folds
        return (
            folds is not None
            and journal.generation == folds.get("generation")
            and len(journal.records) == folds.get("records")
            and f"{journal.tail:08x}" == folds.get("tail")
        )


@dataclass
class LoadedProject:
    """A project as read: its data, and what its file and journal were."""

    data: dict[str, Any]
    binding: Binding
    digest: str  # SHA-256 of the file's bytes
    size: int  # of the file
    journal: JournalFile | None  # the journal extending the file, replayed; None when none does


def meta_record(data: dict[str, Any]) -> dict[str, Any] | None:
    meta = data.get(META)
    if not isinstance(meta, dict) or not meta:
        return None
    record = meta[min(meta, key=lambda key: int(key) if key.isdigit() else 0)]
    return record if isinstance(record, dict) else None


def load_project(path: Path, records: bool = True, backup: bool = False) -> LoadedProject:
    """Read a project file, replay the journal that extends it, check the result.

    `backup`: read a backup, for which a missing, older or foreign journal
    only means the backup is the file alone. Raises FileNotFoundError,
    ProjectDamaged (JournalProblem when the journal is missing, foreign or damaged).
    """
    import hashlib  # when a project is read, not at start-up

    from workshop.validation import check_project, stamp_inventory

    for attempt in range(READ_ATTEMPTS):
        before = _identity(path)
        raw = _read(path)
        data = parse_project_bytes(raw, path)
        check_project(data, path, records=False)  # the file's own layout, meta and inventory
        binding = Binding.of(data)
        digest = hashlib.sha256(raw).hexdigest()
        try:
            journal = _journal_of(path, binding, digest, backup)
        except JournalProblem:
            if attempt + 1 < READ_ATTEMPTS and _identity(path) != before:
                continue  # the file was replaced meanwhile (the app compacted it): read both again
            raise
        break
    if journal is not None:
        replay(data, journal, path)
        stamp_inventory(data)  # what the file said, updated change by change by the records' own counts
    check_project(data, path, records)
    record = meta_record(data)
    if record is not None:
        # Stamped on each file as it is written (workshop.storage.project_payload), never kept
        # in memory: a record of the meta document then carries no stale copy of them.
        record.pop(JOURNAL_FIELD, None)
        record.pop(INVENTORY, None)
    return LoadedProject(data, binding, digest, len(raw), journal)


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)


def _journal_of(path: Path, binding: Binding, digest: str, backup: bool) -> JournalFile | None:
    """The journal that extends the file (None when none does); JournalProblem when it cannot be told."""
    journal_file = journal_path(path)
    try:
        journal = read_journal(journal_file)
    except JournalDamage as damage:
        found = damage.journal
        if found is not None and not found.extends(binding.generation, digest):
            if backup:
                return None  # not the backup's: the backup is its file alone
            raise journal_problem(path, "foreign") from None
        raise journal_problem(path, "damaged", damage) from None
    except OSError as error:
        problem = JournalProblem(
            "error.journal_unreadable", path=str(path), journal=str(journal_file), reason=error.strerror or str(error)
        )
        problem.kind = "unreadable"
        raise problem from error
    if journal is None:
        if binding.follows and not backup:
            raise journal_problem(path, "missing")
        return None
    if journal.extends(binding.generation, digest):
        return journal
    if journal.headless or backup or binding.folded(journal):
        # It holds nothing (created, then a crash before its first record), or it is already
        # in the file (a compaction cut short after writing it), or it is not the backup's.
        return None
    raise journal_problem(path, "foreign")


def journal_problem(path: Path, kind: str, damage: JournalDamage | None = None, usable: list[bytes] | None = None) -> JournalProblem:
    from workshop.i18n import t

    params: dict[str, Any] = {"path": str(path), "journal": str(journal_path(path))}
    if kind == "damaged" and damage is not None:
        params["problem"] = t(f"journal.damage.{damage.kind}", record=damage.record, offset=damage.offset, **damage.params)
        params["record"] = damage.record
        if usable is None and damage.journal is not None:
            usable = damage.journal.records
    error = JournalProblem(f"error.journal_{kind}", **params)
    error.kind = kind
    error.usable = list(usable or [])
    return error


def replay(data: dict[str, Any], journal: JournalFile, path: Path) -> None:
    """Apply the journal's records to the file's data; JournalProblem at the first that cannot be."""
    from workshop.text import may_hold_forbidden, visible_in

    for number, payload in enumerate(journal.records, start=1):
        try:
            record = decode_record(payload, number)
            if may_hold_forbidden(payload.decode("utf-8")):
                visible_in(record)
            apply_record(data, record, number)
        except JournalDamage as damage:
            raise journal_problem(path, "damaged", damage, journal.records[: number - 1]) from None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as error:
        raise ProjectDamaged("error.project_unreadable", path=str(path), reason=error.strerror or str(error)) from error


def parse_project_file(path: Path) -> Any:
    """The JSON of a project file alone (no journal), unchecked; ProjectDamaged when it is not JSON at all."""
    return parse_project_bytes(_read(path), path)


def parse_project_bytes(raw: bytes, path: Path) -> Any:
    """The JSON of a project file's bytes, unchecked; ProjectDamaged when it is not JSON at all.

    Every text in it is made visible per the text policy (workshop.text): a
    control character an older version or another tool left in a name reaches
    neither the terminal nor the minutes raw. The file itself is not changed.
    """
    if not raw.strip():
        raise ProjectDamaged("error.project_empty", path=str(path))
    try:
        # utf-8-sig: a file saved by hand with a byte-order mark is still read.
        text = raw.decode("utf-8-sig")
        data = strict_json(text)
    except DuplicateKey as error:
        from workshop.schema import Finding
        from workshop.validation import damaged

        raise damaged(path, [Finding("schema.duplicate_key", params={"key": error.key})]) from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise ProjectDamaged("error.project_not_json", path=str(path), reason=str(error)[:200]) from error
    from workshop.text import may_hold_forbidden, visible_in

    if may_hold_forbidden(text):
        visible_in(data)
    return data


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some platforms cannot open a folder; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomically(path: Path, payload: bytes, keep_backup: bool = True) -> None:
    """Write `payload` to `path` so that a crash leaves the old file or the new one."""
    tmp_name = _write_temporary(path, payload)
    try:
        if keep_backup and path.exists():
            _keep_as_backup(path, with_journal=False)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(path.parent)


def replace_project_file(path: Path, payload: bytes, new_journal: str | None, journal_extends: bool) -> bool:
    """Put `payload` in place of the project file, and `new_journal` in place of its journal.

    `new_journal`: a temporary journal (`workshop.journal.prepare_journal`)
    bound to `payload`, or None to end with no journal. `journal_extends`:
    the journal beside the current file extends it (it goes to the backup with it).
    The order makes every crash leave the old project or the new one:

    1. the new file is written to a temporary file and fsynced;
    2. the current file becomes the backup (a hard link), with its journal;
    3. the new file replaces the current one: from here on, the new file is
       the project, and it names the old journal as folded (ignored if found);
    4. the new journal replaces the old one (or the old one is removed); the
       folder is fsynced.

    OSError when the project did not change (before 3; the temporary files are
    removed). Returns False when step 4 failed (the old journal, folded, stays).
    """
    try:
        tmp_name = _write_temporary(path, payload)
    except BaseException:
        _discard(new_journal)
        raise
    try:
        if path.exists():
            _keep_as_backup(path, with_journal=journal_extends)
        os.replace(tmp_name, path)
    except BaseException:
        _discard(tmp_name)
        _discard(new_journal)
        raise
    try:
        if new_journal is not None:
            os.replace(new_journal, journal_path(path))
        else:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(journal_path(path))
    except OSError:
        _discard(new_journal)
        _fsync_dir(path.parent)
        return False
    _fsync_dir(path.parent)
    return True


def place_journal(path: Path, new_journal: str) -> None:
    """Move a prepared journal into place as the journal of `path` (OSError: it was not)."""
    try:
        os.replace(new_journal, journal_path(path))
    except BaseException:
        _discard(new_journal)
        raise
    _fsync_dir(path.parent)


def _discard(name: str | None) -> None:
    if name is not None:
        with contextlib.suppress(OSError):
            os.unlink(name)


def _write_temporary(path: Path, payload: bytes) -> str:
    """`payload` in an owner-only temporary file beside `path`, fsynced; its name."""
    fd, tmp_name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        _discard(tmp_name)
        raise
    return tmp_name


def _keep_as_backup(path: Path, with_journal: bool) -> None:
    """The current file becomes the backup; its journal too when it extends it (else the backup has none)."""
    backup = backup_path(path)
    _owner_only(path)  # it becomes the backup: a file that arrived readable by others stays so no longer
    _link_backup(path, backup)
    if with_journal and journal_path(path).exists():
        _owner_only(journal_path(path))
        _link_backup(journal_path(path), journal_path(backup))
    else:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(journal_path(backup))


def _owner_only(path: Path) -> None:
    try:
        if os.stat(path).st_mode & 0o077:
            os.chmod(path, FILE_MODE)
    except OSError:
        pass  # not ours to change (another owner): the copy made below is owner-only anyway


def _link_backup(source: Path, backup: Path) -> None:
    tmp_backup = backup.with_name(temp_prefix(backup) + "link" + TEMP_SUFFIX)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp_backup)
    try:
        try:
            os.link(source, tmp_backup)
        except OSError:
            # File systems without hard links (FAT USB keys): fall back to a copy,
            # owner-only from the start and on disk before it replaces the old backup.
            payload = source.read_bytes()
            fd = os.open(tmp_backup, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp_backup, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_backup)
        raise
    # When the backup already is a link to `source` (a crash after the backup was linked and
    # before the file or journal was replaced), rename() succeeds without doing anything
    # (POSIX: both names refer to the same file) and the temporary link stays.
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp_backup)


def remove_leftovers(path: Path) -> None:
    """Remove temporary files a crash left beside `path` (call only while holding its lock).

    Those of its journal and its backup's start with the same prefix.
    """
    for owner in (path, backup_path(path)):
        prefix = temp_prefix(owner)
        for leftover in owner.parent.glob(f"{glob.escape(prefix)}*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                leftover.unlink()
