"""The project's journal: the changes made since the project file was last written whole.

Rewriting the whole project file on every change costs the size of the project
(8 MB after three years of monthly workshops). So a change is appended to
`<project>.journal` instead, as one record, and fsynced: its cost is the
change's own size. The project file is rewritten whole ("compacted", see
`workshop.storage`) when the project is opened, when it is closed, and when the
journal grows past a bound; a project closed cleanly is again a single file.

The file: `MAGIC`, then frames. A frame is `LLLLLLLL CCCCCCCC\\n` (the payload's
length and CRC-32, eight hex digits each), the payload (UTF-8 JSON), and `\\n`.
The CRCs are chained (each starts from the previous frame's): a frame copied
from another journal, or two frames swapped, fail their check.

- The first frame is the header: `{"journal": 1, "generation": G, "main": H}`,
  binding the journal to the exact project file it extends: that file's
  generation (a random id written in its meta record at each compaction) and
  the SHA-256 of its bytes. A journal beside a file it does not extend (a
  restored backup, an older copy, a file edited by hand) is never replayed.
- Each other frame is one durable change: `{"put": {table: {id: document}},
  "del": {table: [id]}, "counts": {table: n}}`: the documents the change
  touched, whole, and how many records each touched table holds afterwards
  (checked on replay: the inventory of `workshop.validation`, per change).

A write cut short by a crash leaves a torn last frame: shorter than its length
says, or with bytes that never reached the disk (zeros). It was never
acknowledged, and it is dropped when the journal is read. A frame that fails
its check anywhere else is damage, reported (`JournalDamage`), never skipped.

What a record reveals of a secret round: a record holds whole documents as they
are after the change, never how they changed. A secret round's document only
ever changes by a batch of k ballots or more, each already at a random place in
its list (`workshop.rounds.batching`), so a record adds nothing a copy of the
file taken between two voters would not show, and the records kept until the
next compaction are exactly such copies.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workshop.strict_json import strict_json

JOURNAL_SUFFIX = ".journal"
MAGIC = b"ATELIER JOURNAL\n"
FORMAT = 1  # the newest journal format this version reads
PREFIX_BYTES = 18  # "LLLLLLLL CCCCCCCC\n"
_PREFIX = re.compile(rb"([0-9a-f]{8}) ([0-9a-f]{8})\n")
FILE_MODE = 0o600
TEMP_SUFFIX = ".tmp"  # workshop.projectfile.TEMP_SUFFIX: leftovers are removed on open


def journal_path(path: Path) -> Path:
    """The journal of a project file (of a backup too: `x.atelier.bak.journal`)."""
    return path.with_name(path.name + JOURNAL_SUFFIX)


def frame(payload: bytes, previous: int) -> tuple[bytes, int]:
    """The bytes of one frame, and its CRC (the next frame's starting value)."""
    crc = zlib.crc32(payload, previous)
    return b"%08x %08x\n" % (len(payload), crc) + payload + b"\n", crc


class JournalDamage(Exception):
    """The journal cannot be read past record `record` (0: its header), found at byte `offset`.

    `kind` says why, as a catalog suffix (`journal.damage.<kind>`). When the
    header could be read, `journal` is the journal up to the damage: its
    binding, and the records before the damaged one (they read whole).
    """

    def __init__(self, kind: str, record: int = 0, offset: int = 0, **params: Any) -> None:
        super().__init__(kind, record, offset)
        self.kind = kind
        self.record = record
        self.offset = offset
        self.journal: JournalFile | None = None
        self.params = params


@dataclass
class JournalFile:
    """A journal as read: its binding, its records (payloads), where its last whole frame ends."""

    generation: str | None  # of the project file it extends
    main: str  # SHA-256 of that file's bytes, hex
    records: list[bytes] = field(default_factory=list)
    end: int = 0  # offset just after the last whole frame
    tail: int = 0  # CRC of the last whole frame (the header's when there is no record)
    torn: bool = False  # a torn last frame was dropped
    size: int = 0  # the file's size as read
    # Its header never reached the disk whole (a crash just after it was created): it holds
    # no change, since every record is fsynced, and the header with it.
    headless: bool = False

    def extends(self, generation: str | None, digest: str) -> bool:
        """True when this journal was started on exactly that project file."""
        return not self.headless and self.generation == generation and self.main == digest


def parse_journal(raw: bytes) -> JournalFile:
    """Read a journal's bytes; JournalDamage when it is not whole up to a torn last frame."""
    if not raw.startswith(MAGIC):
        if MAGIC.startswith(raw.rstrip(b"\x00")):
            return JournalFile(None, "", headless=True, size=len(raw))  # its start never reached the disk
        raise JournalDamage("magic")
    position = len(MAGIC)
    try:
        header = _frame_at(raw, position, 0)
    except JournalDamage:
        raise JournalDamage("header", 0, position) from None
    if header is None:
        return JournalFile(None, "", headless=True, size=len(raw))
    payload, crc, position = header
    journal = _header(payload)
    journal.tail = crc
    journal.size = len(raw)
    while position < len(raw):
        journal.end = position
        try:
            found = _frame_at(raw, position, journal.tail)
        except JournalDamage as damage:
            damage.record = len(journal.records) + 1
            damage.journal = journal
            raise
        if found is None:
            journal.torn = True
            return journal
        payload, crc, next_position = found
        journal.records.append(payload)
        journal.tail = crc
        position = next_position
    journal.end = position
    return journal


def _frame_at(raw: bytes, position: int, previous: int) -> tuple[bytes, int, int] | None:
    """The frame at `position`: (payload, crc, end), or None when it is a torn last frame."""
    size = len(raw)
    match = _PREFIX.fullmatch(raw, position, position + PREFIX_BYTES)
    if match is None:
        if len(raw[position:].rstrip(b"\x00")) < PREFIX_BYTES:
            return None  # the last write stopped in its prefix, or the rest of it never reached the disk (zeros)
        raise JournalDamage("frame", offset=position)
    length, crc = int(match[1], 16), int(match[2], 16)
    end = position + PREFIX_BYTES + length + 1
    if end > size:
        return None  # cut short
    payload = raw[position + PREFIX_BYTES : end - 1]
    if raw[end - 1] != 0x0A or zlib.crc32(payload, previous) != crc:
        if end == size:
            return None  # the last write's bytes did not all reach the disk
        raise JournalDamage("checksum", offset=position)
    return payload, crc, end


def _header(payload: bytes) -> JournalFile:
    try:
        header = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise JournalDamage("header") from None
    if not isinstance(header, dict) or type(header.get("journal")) is not int:
        raise JournalDamage("header")
    if header["journal"] > FORMAT:
        raise JournalDamage("newer", found=header["journal"], known=FORMAT)
    generation, main = header.get("generation"), header.get("main")
    if not (generation is None or isinstance(generation, str)) or not isinstance(main, str):
        raise JournalDamage("header")
    return JournalFile(generation, main)


def read_journal(path: Path) -> JournalFile | None:
    """The journal at `path` as read (None when there is none); JournalDamage, OSError."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    return parse_journal(raw)


# Applying records -----------------------------------------------------------------------------
def decode_record(payload: bytes, number: int) -> dict[str, Any]:
    """One record's JSON, its shape checked; JournalDamage("record") when it cannot be applied."""
    try:
        record = strict_json(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise JournalDamage("record", number) from None
    if not _well_formed(record):
        raise JournalDamage("record", number)
    return record


def _well_formed(record: Any) -> bool:
    if not isinstance(record, dict) or set(record) - {"put", "del", "counts"}:
        return False
    put, removed, counts = record.get("put", {}), record.get("del", {}), record.get("counts")
    if not (isinstance(put, dict) and isinstance(removed, dict) and isinstance(counts, dict)):
        return False
    if not all(isinstance(docs, dict) and all(isinstance(doc, dict) for doc in docs.values()) for docs in put.values()):
        return False
    if not all(isinstance(ids, list) and all(isinstance(i, str) for i in ids) for ids in removed.values()):
        return False
    if set(counts) != set(put) | set(removed):
        return False
    return all(type(count) is int for count in counts.values())


def apply_record(data: dict[str, Any], record: dict[str, Any], number: int) -> None:
    """Apply one decoded record to the project's tables; JournalDamage("count") when a
    touched table then holds another number of records than the record says."""
    for table, ids in record.get("del", {}).items():
        docs = data.get(table)
        if isinstance(docs, dict):
            for doc_id in ids:
                docs.pop(doc_id, None)
    for table, docs in record.get("put", {}).items():
        target = data.setdefault(table, {})
        if not isinstance(target, dict):
            raise JournalDamage("record", number)
        target.update(docs)
    for table, count in record["counts"].items():
        found = len(data.get(table, {}))
        if found != count:
            raise JournalDamage("count", number, table=table, found=found, count=count)


def encode_record(data: dict[str, Any], changed: dict[str, set[str]]) -> bytes:
    """The record of a change: every touched document whole (or its removal), and the counts."""
    put: dict[str, dict[str, Any]] = {}
    removed: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    for table, ids in changed.items():
        docs = data.get(table, {})
        for doc_id in sorted(ids, key=_id_order):
            if doc_id in docs:
                put.setdefault(table, {})[doc_id] = docs[doc_id]
            else:
                removed.setdefault(table, []).append(doc_id)
        counts[table] = len(docs)
    record: dict[str, Any] = {}
    if put:
        record["put"] = put
    if removed:
        record["del"] = removed
    record["counts"] = counts
    return dump_json(record)


def _id_order(doc_id: str) -> tuple[int, str]:
    return (len(doc_id), doc_id)


# Compact UTF-8 JSON. No check for circular references (a tenth of the time of writing a
# whole project): JSON data read from a file has none, and one made by a bug ends in
# RecursionError all the same, turned into the ValueError of a value JSON cannot hold.
_UTF8 = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
_ASCII = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"), check_circular=False)


def dump_json(value: Any) -> bytes:
    """Compact UTF-8 JSON; TypeError or ValueError for a value JSON cannot hold."""
    try:
        text = _UTF8.encode(value)
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:
            # A lone surrogate (pasted from a broken clipboard) has no UTF-8 form:
            # JSON's \\u escapes keep it exactly, and the file stays valid UTF-8.
            return _ASCII.encode(value).encode("ascii")
    except RecursionError as error:
        raise ValueError("a value nested too deep, or inside itself") from error


# Writing --------------------------------------------------------------------------------------
def header_bytes(generation: str | None, digest: str) -> tuple[bytes, int]:
    """The start of a new journal bound to the file of that generation and digest; and its CRC."""
    payload = dump_json({"journal": FORMAT, "generation": generation, "main": digest})
    data, crc = frame(payload, 0)
    return MAGIC + data, crc


class JournalWriter:
    """Appends records to a journal, each on disk (fsync) before `append` returns.

    A failed append (full disk) is cut off again, so that the journal never
    holds a torn frame before a whole one; when even that fails, `broken` is
    set and the storage writes the project whole instead.
    """

    def __init__(self, path: Path, fd: int, journal: JournalFile) -> None:
        self.path = path
        self._fd = fd
        self.generation = journal.generation
        self.end = journal.end
        self.tail = journal.tail
        self.records = len(journal.records)
        self.broken = False

    @classmethod
    def resume(cls, path: Path, journal: JournalFile) -> JournalWriter:
        """Append to a journal that was read (its torn tail, if any, cut off first)."""
        fd = os.open(path, os.O_WRONLY)
        try:
            if journal.size != journal.end:
                os.ftruncate(fd, journal.end)
                os.fsync(fd)
        except BaseException:
            os.close(fd)
            raise
        return cls(path, fd, journal)

    def append(self, payload: bytes) -> None:
        """Write one record and fsync it; OSError when it is not durably in the project's journal."""
        data, crc = frame(payload, self.tail)
        try:
            written = 0
            while written < len(data):
                written += os.pwrite(self._fd, data[written:], self.end + written)
            os.fsync(self._fd)
            self._check_in_place()
        except BaseException as error:
            try:
                os.ftruncate(self._fd, self.end)
                os.fsync(self._fd)
            except OSError:
                self.broken = True
            if isinstance(error, FileNotFoundError):
                self.broken = True  # the journal is no longer where the project is: the next save writes it whole
            raise
        self.end += len(data)
        self.tail = crc
        self.records += 1

    def _check_in_place(self) -> None:
        """The file written is still the project's journal (its folder was not removed: a USB key pulled out)."""
        here, written = os.stat(self.path), os.fstat(self._fd)
        if (here.st_dev, here.st_ino) != (written.st_dev, written.st_ino):
            raise FileNotFoundError(2, "the journal was replaced", str(self.path))

    def close(self) -> None:
        if self._fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = -1


def prepare_journal(path: Path, generation: str | None, digest: str) -> tuple[str, JournalFile]:
    """Write a new, empty journal to a temporary file beside `path` (owner-only).

    Returns the temporary file's name (to move into place with `os.replace`)
    and what the journal holds. Not fsynced: the first record's fsync makes
    its header durable with it, and until then a journal whose header did not
    reach the disk reads as holding nothing (`JournalFile.headless`), which it does.
    """
    head, crc = header_bytes(generation, digest)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        written = 0
        while written < len(head):
            written += os.write(fd, head[written:])
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    os.close(fd)
    return name, JournalFile(generation, digest, [], len(head), crc, False, len(head))
