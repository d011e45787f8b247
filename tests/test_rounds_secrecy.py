"""The disk attack (#14): copies of the project file, its journal, its backup and its
temporary files, taken between any two voters of a secret round, must not give a ballot away.

Voters sit in structures of 1, 2 and 3 people; every voter casts a ballot no one
else casts, so a ballot that could be told apart would name its voter. After each
ballot the test copies every file beside the project (the file, its journal, the
backup and the backup's journal) and it catches every temporary file at the
moment it is moved into place (its fullest state). A journal keeps every change
since the file was last written whole, so each copy stands for every state a
reader can rebuild from it: the file, then the file with the journal's first
record, the first two, and so on. Then:

- no state differs from an earlier one by fewer than k ballots (k = 3): a copy
  never shows one ballot, or two, arriving;
- no file keeps the ballots in the order they were cast;
- no structure tag stands for fewer than k ballots, in a state or between two;
- killed after any ballot (SIGKILL, in a separate process) and finished by a new
  session, the round gives the results of the uninterrupted run.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import select
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import workshop.projectfile as projectfile
from workshop.journal import MAGIC, JournalFile, apply_record, decode_record, journal_path, parse_journal, read_journal
from workshop.project import Project
from workshop.rounds import RoundMode, RoundSpec, cast, get_round, results, reveal, start_round

K = 3
HELPER = Path(__file__).with_name("rounds_kill_worker.py")
ROOT = Path(__file__).resolve().parents[1]
OPTIONS = ["Accueil", "Mobilité", "Santé", "Culture", "Emploi", "Logement"]
# Twelve different ballots of 3 points (at most 2 per option): each names its voter.
BALLOTS = [
    [2, 1, 0, 0, 0, 0], [0, 2, 1, 0, 0, 0], [0, 0, 2, 1, 0, 0], [0, 0, 0, 2, 1, 0],
    [0, 0, 0, 0, 2, 1], [1, 0, 0, 0, 0, 2], [1, 1, 1, 0, 0, 0], [0, 1, 1, 1, 0, 0],
    [0, 0, 1, 1, 1, 0], [0, 0, 0, 1, 1, 1], [1, 0, 1, 0, 1, 0], [0, 1, 0, 1, 0, 1],
]
SIZES = {"Solo A": 1, "Solo B": 1, "Duo A": 2, "Duo B": 2, "Trio A": 3, "Trio B": 3}


def build(path: Path, weighted: bool, shuffle: bool) -> tuple[int, dict[int, list[int]], dict[str, int]]:
    with Project.create(path, "Coopération") as project:
        structures = {}
        for name, size in SIZES.items():
            structure = project.add_structure(name)
            structures[name] = structure.id
            for n in range(size):
                project.add_participant(f"{name} {n + 1}", structure.id)
        workshop = project.add_workshop("Atelier")
        item = project.add_agenda_item(workshop.id, "free", "Vote")
        spec = RoundSpec(
            "Priorités ?", RoundMode.DOT, options=OPTIONS, secret=True, budget=3, cap=2,
            one_structure_one_voice=weighted, shuffle=shuffle,
        )
        round_ = start_round(project, workshop.id, item.id, spec)
        plan = dict(zip(round_.voters, BALLOTS, strict=True))
        return round_.id, plan, structures


class Copies:
    """Every state of the project a reader could have rebuilt from a copy, in the order
    they first appeared (a backup is a copy of a state seen before)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.states: list[bytes] = []
        self.files: set[str] = set()  # the names of the files copied, to check that the journal was among them

    def add(self, state: Any) -> None:
        encoded = json.dumps(state, sort_keys=True).encode()
        if encoded not in self.states:
            self.states.append(encoded)

    def add_project(self, path: Path) -> None:
        """The file, then the file with each record of its journal applied in turn."""
        if not path.exists():
            return
        self.files.add(path.name)
        self.add(projectfile.parse_project_file(path))
        journal = read_journal(journal_path(path))
        if journal is not None:
            self.files.add(journal_path(path).name)
            self.add_journal(journal)

    def add_journal(self, journal: JournalFile) -> None:
        """The states the journal holds, replayed on the file it extends (the project's or the backup's)."""
        for path in (self.path, projectfile.backup_path(self.path)):
            if path.exists():
                data = projectfile.parse_project_file(path)
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                if journal.extends(projectfile.Binding.of(data).generation, digest):
                    for number, payload in enumerate(journal.records, start=1):
                        apply_record(data, decode_record(payload, number), number)
                        self.add(data)
                    return
        assert journal.records == [], "a journal with changes, beside no file it extends"

    def take(self) -> None:
        """The backup (older), the file, then a temporary file a write may have left (newer)."""
        self.add_project(projectfile.backup_path(self.path))
        self.add_project(self.path)
        for leftover in self.path.parent.glob(f".{self.path.name}*.tmp"):
            self.add_temporary(leftover.read_bytes())

    def add_temporary(self, raw: bytes) -> None:
        if raw.startswith(MAGIC):
            self.add_journal(parse_journal(raw))
        else:
            self.add(json.loads(raw))

    def catch_temporary_files(self, monkeypatch: pytest.MonkeyPatch) -> None:
        real_replace = os.replace

        def replace(src: Any, dst: Any) -> None:
            self.add_temporary(Path(src).read_bytes())
            real_replace(src, dst)

        monkeypatch.setattr(projectfile.os, "replace", replace)


def ballots_in(state: bytes, round_id: int) -> tuple[list[dict], dict]:
    """The round's ballots and document in one state (none before the round was started)."""
    doc = json.loads(state).get("rounds", {}).get(str(round_id), {"ballots": [], "voters": []})
    return doc["ballots"], doc


def key(ballot: dict) -> str:
    return json.dumps(ballot["choice"])


def check_states(states: list[bytes], round_id: int, cast_order: list[list[int]], small: set[int]) -> None:
    parsed = [ballots_in(state, round_id) for state in states]
    for ballots, doc in parsed:
        tags = Counter(b["structure_id"] for b in ballots if b["structure_id"] is not None)
        assert all(count >= K for count in tags.values()), f"a tag names fewer than {K} ballots: {tags}"
        assert not small & set(tags), "a structure of fewer than k people is named on a ballot"
        assert set(doc.get("unsaved", [])) <= set(doc["voters"])
    for (before, doc_before), (after, doc_after) in itertools.combinations(parsed, 2):
        old, new = Counter(map(key, before)), Counter(map(key, after))
        assert not old - new, "a ballot disappeared from the file"
        added = sum((new - old).values())
        assert added == 0 or added >= K, f"two copies differ by {added} ballot(s)"
        old_tags = Counter(b["structure_id"] for b in before if b["structure_id"] is not None)
        new_tags = Counter(b["structure_id"] for b in after if b["structure_id"] is not None)
        for sid in new_tags:
            assert new_tags[sid] - old_tags[sid] in (0,) or new_tags[sid] - old_tags[sid] >= K
        if (doc_before.get("pooled") or {}) != (doc_after.get("pooled") or {}):
            untagged_added = sum(1 for b in after if b["structure_id"] is None) - sum(1 for b in before if b["structure_id"] is None)
            assert untagged_added >= K, "the weighted sum changed with fewer than k ballots"
    final = [b["choice"] for b in parsed[-1][0]]
    assert sorted(map(json.dumps, final)) == sorted(map(json.dumps, cast_order)), "every ballot is in the final file"
    assert final != cast_order, "the file keeps the ballots in the order they were cast"


def by_hand(plan: dict[int, list[int]], path: Path, weighted: bool) -> dict[str, float]:
    """The expected points per option, computed here from the ballots and the structures."""
    with Project.open(path) as project:
        structure = {voter: project.participant(voter).structure_id for voter in plan}
    members: dict[int, list[list[int]]] = {}
    for voter, ballot in plan.items():
        members.setdefault(structure[voter], []).append(ballot)
    totals = [0.0] * len(OPTIONS)
    for ballots in members.values():
        weight = 1 / len(ballots) if weighted else 1
        for ballot in ballots:
            for index, points in enumerate(ballot):
                totals[index] += points * weight
    return {label: round(total, 6) for label, total in zip(OPTIONS, totals, strict=True)}


def rounded(options: dict[str, float]) -> dict[str, float]:
    return {label: round(count, 6) for label, count in options.items()}


def summary(project: Project, round_id: int) -> dict:
    outcome = results(project, round_id)
    return {
        "options": {o.label: o.count for o in outcome.options},
        "ballots": outcome.ballots,
        "per_structure": {s.name: [o.count for o in s.options] for s in outcome.per_structure},
    }


def uninterrupted(path: Path, round_id: int, plan: dict[int, list[int]]) -> tuple[dict, list[list[int]]]:
    order = []
    with Project.open(path) as project:
        while (voter := get_round(project, round_id).current) is not None:
            cast(project, round_id, voter, plan[voter])
            order.append(plan[voter])
        reveal(project, round_id)
        return summary(project, round_id), order


@pytest.mark.parametrize(("weighted", "shuffle"), [(False, False), (True, False), (True, True), (False, True)])
def test_copies_taken_between_voters_give_no_ballot_away(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, weighted: bool, shuffle: bool
) -> None:
    path = tmp_path / "projet.atelier"
    round_id, plan, structures = build(path, weighted, shuffle)
    small = {sid for name, sid in structures.items() if SIZES[name] < K}
    copies = Copies(path)
    copies.catch_temporary_files(monkeypatch)
    order = []
    with Project.open(path) as project:
        copies.take()
        while (voter := get_round(project, round_id).current) is not None:
            cast(project, round_id, voter, plan[voter])
            order.append(plan[voter])
            copies.take()
        reveal(project, round_id)
        copies.take()
        outcome = summary(project, round_id)
    check_states(copies.states, round_id, order, small)
    assert "projet.atelier.journal" in copies.files  # the changes were read from the journal
    assert rounded(outcome["options"]) == by_hand(plan, path, weighted)
    assert outcome["ballots"] == 12


def test_the_attack_fails_on_a_file_written_ballot_by_ballot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The check itself catches a leak: here the held batch is written after every ballot."""
    from workshop.rounds import batching

    monkeypatch.setattr(batching, "DEFAULT_BATCH", 1)
    monkeypatch.setattr(batching, "MIN_BATCH", 1)
    path = tmp_path / "projet.atelier"
    round_id, plan, structures = build(path, weighted=False, shuffle=False)
    copies = Copies(path)
    order = []
    with Project.open(path) as project:
        while (voter := get_round(project, round_id).current) is not None:
            cast(project, round_id, voter, plan[voter])
            order.append(plan[voter])
            copies.take()
    with pytest.raises(AssertionError, match="differ by 1 ballot|names fewer than"):
        check_states(copies.states, round_id, order, set())


# Killed after each ballot ----------------------------------------------------------------------
class Worker:
    def __init__(self, path: Path, round_id: int, plan_path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(HELPER), str(path), str(round_id), str(plan_path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT, bufsize=0,
        )
        self.buffer = b""

    def send(self, line: str) -> None:
        self.process.stdin.write((line + "\n").encode())

    def line(self, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        fd = self.process.stdout.fileno()
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError("the helper did not answer")
            chunk = os.read(fd, 65536)
            if not chunk:
                raise EOFError("the helper process ended")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()

    def session(self) -> list[int]:
        self.send("session")
        line = self.line()
        assert line.startswith("ready "), line
        return json.loads(line.removeprefix("ready "))

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


def test_killed_after_any_ballot_the_round_gives_the_uninterrupted_results(tmp_path: Path) -> None:
    """#13: with "one structure, one voice", a kill used to change the results (A = 6 instead of 3)."""
    reference_path = tmp_path / "reference.atelier"
    round_id, plan, structures = build(reference_path, weighted=True, shuffle=False)
    expected, order = uninterrupted(reference_path, round_id, plan)
    assert rounded(expected["options"]) == by_hand(plan, reference_path, weighted=True)
    small = {sid for name, sid in structures.items() if SIZES[name] < K}
    for kill_after in range(1, len(plan) + 1):
        path = tmp_path / f"kill-{kill_after}.atelier"
        rid, voter_plan, _ = build(path, weighted=True, shuffle=False)
        assert voter_plan == plan
        plan_path = tmp_path / "plan.json"
        plan_path.write_text(json.dumps(plan))
        copies = Copies(path)
        worker = Worker(path, rid, plan_path)
        try:
            assert worker.session() == []
            for _ in range(kill_after):
                worker.send("vote")
                line = worker.line()
                assert line.startswith("ack "), line
                copies.take()
            # The session is killed between two voters.
            session_pid = subprocess.run(["pgrep", "-P", str(worker.process.pid)], capture_output=True, text=True).stdout.split()
            assert session_pid, "the session is running"
            os.kill(int(session_pid[0]), signal.SIGKILL)
            assert worker.line() == "reaped"
            copies.take()
            at_kill = projectfile.read_project_file(path)["rounds"][str(rid)]
            # The voters sent back are those whose batch had not been written, and the engine names them.
            assert worker.session() == at_kill["unsaved"]
            assert len(at_kill["ballots"]) + len(at_kill["unsaved"]) == kill_after
            worker.send("finish")
            line = worker.line()
            assert line.startswith("results "), line
            assert worker.line() == "reaped"
            copies.take()
            assert json.loads(line.removeprefix("results ")) == expected, f"killed after ballot {kill_after}"
            assert projectfile.read_project_file(path)["rounds"][str(rid)]["unsaved"] == []
        finally:
            worker.close()
        check_states(copies.states, rid, order, small)

