"""The journal file (workshop/journal.py): frames, checksums, the torn last record, damage, appends."""

from __future__ import annotations

import errno
import json
import os
import stat
import zlib
from pathlib import Path

import pytest

import workshop.journal as journal_module
from workshop.journal import (
    FORMAT,
    MAGIC,
    JournalDamage,
    JournalFile,
    JournalWriter,
    apply_record,
    decode_record,
    encode_record,
    frame,
    header_bytes,
    parse_journal,
    prepare_journal,
    read_journal,
)

DIGEST = "ab" * 32
RECORDS = [
    b'{"put":{"structures":{"1":{"name":"Les Tilleuls"}}},"counts":{"structures":1}}',
    b'{"put":{"structures":{"2":{"name":"La Passerelle"}}},"counts":{"structures":2}}',
    b'{"del":{"structures":["1"]},"counts":{"structures":1}}',
]


def journal_bytes(records: list[bytes] = RECORDS, generation: str | None = "g1") -> tuple[bytes, list[int]]:
    """A journal holding `records`, built here by the format's own definition; and where each frame starts."""
    header = json.dumps({"journal": 1, "generation": generation, "main": DIGEST}, separators=(",", ":")).encode()
    crc = zlib.crc32(header)
    raw = MAGIC + b"%08x %08x\n" % (len(header), crc) + header + b"\n"
    starts = []
    for payload in records:
        starts.append(len(raw))
        crc = zlib.crc32(payload, crc)
        raw += b"%08x %08x\n" % (len(payload), crc) + payload + b"\n"
    return raw, starts


# Reading ---------------------------------------------------------------------------------------
def test_a_whole_journal_reads_back_its_binding_and_records() -> None:
    raw, starts = journal_bytes()
    journal = parse_journal(raw)
    assert (journal.generation, journal.main) == ("g1", DIGEST)
    assert journal.records == RECORDS
    assert journal.end == journal.size == len(raw)
    assert not journal.torn
    assert journal.tail == int(raw[starts[-1] + 9 : starts[-1] + 17], 16)
    assert journal.extends("g1", DIGEST)
    assert not journal.extends("g2", DIGEST) and not journal.extends("g1", "cd" * 32)


def test_a_journal_without_records_ends_after_its_header() -> None:
    raw, _ = journal_bytes([])
    journal = parse_journal(raw)
    assert journal.records == [] and journal.end == len(raw) and not journal.torn
    assert journal.tail == zlib.crc32(raw[len(MAGIC) + 18 : -1])


def test_our_frames_are_the_format_this_test_describes() -> None:
    raw, _ = journal_bytes()
    head, crc = header_bytes("g1", DIGEST)
    rebuilt = head
    for payload in RECORDS:
        data, crc = frame(payload, crc)
        rebuilt += data
    assert rebuilt == raw


def test_a_journal_of_an_older_file_may_have_no_generation() -> None:
    raw, _ = journal_bytes(generation=None)
    assert parse_journal(raw).extends(None, DIGEST)


@pytest.mark.parametrize("cut", range(1, 40))
def test_a_torn_last_record_is_dropped_wherever_the_write_stopped(cut: int) -> None:
    raw, starts = journal_bytes()
    last = starts[-1]
    size = len(raw) - last
    torn = raw[: last + cut * size // 40]
    journal = parse_journal(torn)
    assert journal.records == RECORDS[:-1]
    assert journal.torn
    assert journal.end == last and journal.size == len(torn)


def test_a_journal_cut_between_records_is_whole() -> None:
    raw, starts = journal_bytes()
    journal = parse_journal(raw[: starts[-1]])
    assert journal.records == RECORDS[:-1] and not journal.torn


def test_a_last_record_whose_bytes_never_reached_the_disk_is_dropped() -> None:
    raw, starts = journal_bytes()
    last = starts[-1]
    zeros = raw[:last] + bytes(len(raw) - last)
    assert parse_journal(zeros).records == RECORDS[:-1] and parse_journal(zeros).torn
    # Its prefix written, the rest of its block zeros: the checksum fails at the end of the file.
    half_zero = raw[: last + 20] + bytes(len(raw) - last - 20)
    assert parse_journal(half_zero).records == RECORDS[:-1]
    # A file extended by zeros after its last whole record.
    assert parse_journal(raw + bytes(100)).records == RECORDS


def test_a_last_record_with_a_wrong_byte_is_dropped_as_torn() -> None:
    raw, starts = journal_bytes()
    spoiled = bytearray(raw)
    spoiled[starts[-1] + 25] ^= 0x01
    journal = parse_journal(bytes(spoiled))
    assert journal.records == RECORDS[:-1] and journal.torn


def test_a_few_stray_bytes_at_the_end_are_a_torn_prefix() -> None:
    raw, _ = journal_bytes()
    assert parse_journal(raw + b"0000002").records == RECORDS


def _damage(raw: bytes) -> JournalDamage:
    with pytest.raises(JournalDamage) as caught:
        parse_journal(raw)
    return caught.value


def test_a_record_that_fails_its_checksum_before_the_end_is_damage_never_skipped() -> None:
    raw, starts = journal_bytes()
    spoiled = bytearray(raw)
    spoiled[starts[1] + 25] ^= 0x01
    damage = _damage(bytes(spoiled))
    assert (damage.kind, damage.record, damage.offset) == ("checksum", 2, starts[1])
    assert damage.journal is not None and damage.journal.records == RECORDS[:1]
    assert damage.journal.generation == "g1"


def test_a_record_without_its_end_of_line_before_the_end_is_damage() -> None:
    raw, starts = journal_bytes()
    spoiled = bytearray(raw)
    spoiled[starts[2] - 1] = ord("x")
    damage = _damage(bytes(spoiled))
    assert (damage.kind, damage.record) == ("checksum", 2)


def test_records_swapped_or_taken_from_another_journal_fail_the_chain() -> None:
    raw, starts = journal_bytes()
    swapped = raw[: starts[0]] + raw[starts[1] : starts[2]] + raw[starts[0] : starts[1]] + raw[starts[2] :]
    assert _damage(swapped).kind == "checksum"
    other, other_starts = journal_bytes([b'{"counts":{}}', *RECORDS])
    spliced = raw[: starts[1]] + other[other_starts[1] : other_starts[2]] + raw[starts[1] :]
    assert _damage(spliced).record == 2


def test_an_unreadable_prefix_before_more_data_is_damage() -> None:
    raw, starts = journal_bytes()
    for spoiled_prefix in (b"zzzzzzzz 00000000\n", bytes(18)):
        spoiled = raw[: starts[1]] + spoiled_prefix + raw[starts[1] + 18 :]
        damage = _damage(spoiled)
        assert (damage.kind, damage.record, damage.offset) == ("frame", 2, starts[1])


def test_a_file_that_is_not_a_journal_is_refused() -> None:
    raw, _ = journal_bytes()
    assert _damage(b'{"meta": {}}').kind == "magic"
    assert _damage(raw[1:]).kind == "magic"
    assert _damage(MAGIC[:5] + b"x").kind == "magic"


@pytest.mark.parametrize("cut", [0, 1, len(MAGIC) - 1, len(MAGIC), len(MAGIC) + 10, len(MAGIC) + 18, -2])
def test_a_journal_whose_header_never_reached_the_disk_holds_nothing(cut: int) -> None:
    """Created and not fsynced, then a crash: no record can have been saved after it (each one
    is fsynced, and the header with it)."""
    raw, _ = journal_bytes([])
    for torn in (raw[:cut], raw[:cut] + bytes(len(raw) - len(raw[:cut])), bytes(len(raw))):
        journal = parse_journal(torn)
        assert journal.headless and journal.records == [] and journal.generation is None
        assert not journal.extends(None, "")


@pytest.mark.parametrize(
    "header",
    [
        b"not json",
        b"\xff\xfe",
        b"[1]",
        b'{"journal": "1", "generation": "g", "main": "x"}',
        b'{"journal": true, "generation": "g", "main": "x"}',
        b'{"generation": "g", "main": "x"}',
        b'{"journal": 1, "generation": 7, "main": "x"}',
        b'{"journal": 1, "generation": "g"}',
        b'{"journal": 1, "generation": "g", "main": null}',
    ],
)
def test_a_header_that_does_not_bind_the_journal_is_damage(header: bytes) -> None:
    raw = MAGIC + b"%08x %08x\n" % (len(header), zlib.crc32(header)) + header + b"\n"
    damage = _damage(raw)
    assert (damage.kind, damage.record) == ("header", 0)
    assert damage.journal is None


def test_a_header_that_fails_its_checksum_before_more_data_is_damage() -> None:
    raw, starts = journal_bytes()
    spoiled = bytearray(raw)
    spoiled[len(MAGIC) + 25] ^= 0x01
    damage = _damage(bytes(spoiled))
    assert (damage.kind, damage.record, damage.offset) == ("header", 0, len(MAGIC))
    assert damage.journal is None


def test_a_journal_of_a_newer_format_is_refused_with_both_formats() -> None:
    header = json.dumps({"journal": FORMAT + 1, "generation": "g", "main": DIGEST}).encode()
    raw = MAGIC + b"%08x %08x\n" % (len(header), zlib.crc32(header)) + header + b"\n"
    damage = _damage(raw)
    assert damage.kind == "newer" and damage.params == {"found": FORMAT + 1, "known": FORMAT}


def test_read_journal_reads_a_file_and_says_when_there_is_none(tmp_path: Path) -> None:
    raw, _ = journal_bytes()
    (tmp_path / "p.atelier.journal").write_bytes(raw)
    assert read_journal(tmp_path / "p.atelier.journal").records == RECORDS
    assert read_journal(tmp_path / "none.journal") is None


# Records ---------------------------------------------------------------------------------------
def test_a_record_is_applied_removals_first_then_the_documents_then_checked() -> None:
    data = {"structures": {"1": {"name": "A"}, "2": {"name": "B"}}, "meta": {"1": {"name": "P"}}}
    record = decode_record(b'{"put":{"structures":{"2":{"name":"B2"},"3":{"name":"C"}}},"del":{"structures":["1","9"]},"counts":{"structures":2}}', 1)
    apply_record(data, record, 1)
    assert data["structures"] == {"2": {"name": "B2"}, "3": {"name": "C"}}
    apply_record(data, decode_record(b'{"put":{"notes":{"1":{"t":"x"}}},"del":{"gone":["1"]},"counts":{"notes":1,"gone":0}}', 2), 2)
    assert data["notes"] == {"1": {"t": "x"}} and "gone" not in data


def test_a_record_whose_counts_disagree_is_damage_naming_the_table() -> None:
    data = {"structures": {"1": {"name": "A"}}}
    record = decode_record(b'{"put":{"structures":{"2":{"name":"B"}}},"counts":{"structures":3}}', 4)
    with pytest.raises(JournalDamage) as caught:
        apply_record(data, record, 4)
    assert caught.value.kind == "count" and caught.value.record == 4
    assert caught.value.params == {"table": "structures", "found": 2, "count": 3}


def test_a_record_into_a_table_that_is_not_one_is_damage() -> None:
    with pytest.raises(JournalDamage) as caught:
        apply_record({"structures": [1]}, decode_record(b'{"put":{"structures":{"1":{}}},"counts":{"structures":1}}', 1), 1)
    assert caught.value.kind == "record"


@pytest.mark.parametrize(
    "payload",
    [
        b"\xff",
        b"{",
        b"[]",
        b'{"put":{},"counts":{},"extra":1}',
        b'{"put":[],"counts":{}}',
        b'{"del":[],"counts":{}}',
        b'{"put":{}}',
        b'{"put":{},"counts":[]}',
        b'{"put":{"t":[]},"counts":{"t":0}}',
        b'{"put":{"t":{"1":"doc"}},"counts":{"t":1}}',
        b'{"del":{"t":"1"},"counts":{"t":0}}',
        b'{"del":{"t":[1]},"counts":{"t":0}}',
        b'{"put":{"t":{"1":{}}},"counts":{}}',
        b'{"put":{"t":{"1":{}}},"counts":{"t":1,"u":0}}',
        b'{"put":{"t":{"1":{}}},"counts":{"t":true}}',
        b'{"put":{"t":{"1":{}}},"counts":{"t":1.0}}',
        b'{"put":{"t":{"1":{},"1":{}}},"counts":{"t":1}}',
    ],
)
def test_a_record_without_the_shape_of_a_change_is_damage(payload: bytes) -> None:
    with pytest.raises(JournalDamage) as caught:
        decode_record(payload, 7)
    assert (caught.value.kind, caught.value.record) == ("record", 7)


def test_a_change_is_recorded_as_the_touched_documents_whole_with_the_counts() -> None:
    data = {"structures": {str(i): {"name": f"S{i}"} for i in (1, 2, 9, 10)}, "meta": {"1": {"name": "P"}}}
    payload = encode_record(data, {"structures": {"10", "9", "3"}})
    assert json.loads(payload) == {
        "put": {"structures": {"9": {"name": "S9"}, "10": {"name": "S10"}}},
        "del": {"structures": ["3"]},
        "counts": {"structures": 4},
    }
    assert list(json.loads(payload)["put"]["structures"]) == ["9", "10"]  # in the order of the ids
    assert json.loads(encode_record(data, {"gone": {"1"}})) == {"del": {"gone": ["1"]}, "counts": {"gone": 0}}
    assert json.loads(encode_record(data, {"meta": {"1"}})) == {"put": {"meta": {"1": {"name": "P"}}}, "counts": {"meta": 1}}


def test_a_recorded_change_is_utf8_and_keeps_a_lone_surrogate_exactly() -> None:
    payload = encode_record({"t": {"1": {"name": "Zoé"}}}, {"t": {"1"}})
    assert "Zoé".encode() in payload
    payload = encode_record({"t": {"1": {"name": "a\ud800b"}}}, {"t": {"1"}})
    payload.decode("ascii")
    assert json.loads(payload)["put"]["t"]["1"]["name"] == "a\ud800b"


def test_a_value_json_cannot_hold_is_refused_when_recorded() -> None:
    with pytest.raises(TypeError):
        encode_record({"t": {"1": {"bad": {1, 2}}}}, {"t": {"1"}})


# Writing ---------------------------------------------------------------------------------------
def new_journal(tmp_path: Path) -> tuple[Path, JournalWriter]:
    path = tmp_path / "p.atelier.journal"
    name, fresh = prepare_journal(path, "g1", DIGEST)
    os.replace(name, path)
    return path, JournalWriter.resume(path, fresh)


def test_a_prepared_journal_is_owner_only_and_holds_its_binding_only(tmp_path: Path) -> None:
    path = tmp_path / "p.atelier.journal"
    name, fresh = prepare_journal(path, "g1", DIGEST)
    assert Path(name).parent == tmp_path and Path(name).name.startswith(".p.atelier.journal.") and name.endswith(".tmp")
    assert stat.S_IMODE(os.stat(name).st_mode) == 0o600
    read = parse_journal(Path(name).read_bytes())
    assert (read.generation, read.main, read.records) == ("g1", DIGEST, [])
    assert (fresh.end, fresh.tail, fresh.size) == (read.end, read.tail, read.size)


def test_a_journal_that_cannot_be_prepared_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal_module.os, "write", lambda fd, data: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    with pytest.raises(OSError):
        prepare_journal(tmp_path / "p.atelier.journal", "g1", DIGEST)
    assert list(tmp_path.iterdir()) == []


def test_appended_records_read_back_in_order(tmp_path: Path) -> None:
    path, writer = new_journal(tmp_path)
    for payload in RECORDS:
        writer.append(payload)
    assert writer.records == 3 and writer.end == path.stat().st_size
    read = parse_journal(path.read_bytes())
    assert read.records == RECORDS and read.tail == writer.tail
    writer.close()
    writer.close()  # twice is harmless
    again = JournalWriter.resume(path, read)
    again.append(b'{"counts":{}}')
    assert parse_journal(path.read_bytes()).records == [*RECORDS, b'{"counts":{}}']
    again.close()


def test_resuming_a_journal_cuts_its_torn_tail_first(tmp_path: Path) -> None:
    path, writer = new_journal(tmp_path)
    writer.append(RECORDS[0])
    writer.close()
    with open(path, "ab") as handle:
        handle.write(b"0000004f 1234")  # a write cut short by a crash
    read = parse_journal(path.read_bytes())
    assert read.torn
    writer = JournalWriter.resume(path, read)
    assert path.stat().st_size == read.end
    writer.append(RECORDS[1])
    assert parse_journal(path.read_bytes()).records == RECORDS[:2]
    writer.close()


def test_a_failed_append_is_cut_off_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, writer = new_journal(tmp_path)
    writer.append(RECORDS[0])
    before = path.read_bytes()
    real_pwrite = os.pwrite

    def half_then_full(fd: int, data: bytes, offset: int) -> int:
        real_pwrite(fd, data[: len(data) // 2], offset)
        raise OSError(errno.ENOSPC, "full")

    with monkeypatch.context() as broken:
        broken.setattr(journal_module.os, "pwrite", half_then_full)
        with pytest.raises(OSError):
            writer.append(RECORDS[1])
    assert path.read_bytes() == before
    assert writer.records == 1 and not writer.broken
    writer.append(RECORDS[1])
    assert parse_journal(path.read_bytes()).records == RECORDS[:2]


def test_a_short_write_is_finished_before_the_record_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, writer = new_journal(tmp_path)
    real_pwrite = os.pwrite
    monkeypatch.setattr(journal_module.os, "pwrite", lambda fd, data, offset: real_pwrite(fd, data[:7], offset))
    writer.append(RECORDS[0])
    assert parse_journal(path.read_bytes()).records == RECORDS[:1]


def test_an_append_whose_fsync_fails_is_cut_off_and_not_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, writer = new_journal(tmp_path)
    size = path.stat().st_size
    real_fsync = os.fsync
    calls = []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 1:
            raise OSError(errno.EIO, "io")
        real_fsync(fd)

    monkeypatch.setattr(journal_module.os, "fsync", fsync)
    with pytest.raises(OSError):
        writer.append(RECORDS[0])
    assert path.stat().st_size == size and writer.records == 0 and writer.end == size and not writer.broken


def test_when_even_cutting_off_fails_the_journal_is_broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, writer = new_journal(tmp_path)
    monkeypatch.setattr(journal_module.os, "pwrite", lambda *a: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    monkeypatch.setattr(journal_module.os, "ftruncate", lambda *a: (_ for _ in ()).throw(OSError(errno.EIO, "io")))
    with pytest.raises(OSError):
        writer.append(RECORDS[0])
    assert writer.broken


def test_an_append_to_a_journal_no_longer_in_its_place_fails(tmp_path: Path) -> None:
    path, writer = new_journal(tmp_path)
    path.unlink()  # the folder removed (a USB key pulled out): the write reaches nothing anyone can read
    with pytest.raises(FileNotFoundError):
        writer.append(RECORDS[0])
    assert writer.broken
    _, other = new_journal(tmp_path)  # another file now stands where it was
    with pytest.raises(FileNotFoundError):
        writer.append(RECORDS[0])
    other.close()


def test_the_journal_file_as_a_whole(tmp_path: Path) -> None:
    """A journal written by the writer, torn by hand, read: the last whole record is the end."""
    path, writer = new_journal(tmp_path)
    for payload in RECORDS:
        writer.append(payload)
    writer.close()
    raw = path.read_bytes()
    path.write_bytes(raw[:-5])
    read = read_journal(path)
    assert isinstance(read, JournalFile) and read.records == RECORDS[:2] and read.torn


def test_a_value_inside_itself_is_refused_like_any_value_json_cannot_hold() -> None:
    doc: dict = {"name": "boucle"}
    doc["self"] = doc
    with pytest.raises(ValueError):
        encode_record({"t": {"1": doc}}, {"t": {"1"}})
