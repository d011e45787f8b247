"""Checking a whole project when it is read: tables, records, references, inventory.

A project file that fails is never opened for writing: `check_project` raises
ProjectDamaged naming what is wrong and where (table, record, field), and the
file is left as it is. Nothing here reads or writes bytes: it takes the parsed
data, whatever stored it.

What makes a file self-evidently incomplete. A table that older versions did
not have is simply absent, and reads as empty; a table that was lost must not
read as empty (the finding: a project without its `participants` table showed
0 participants, and one change later its backup had lost them too). So every
save records the project's table inventory in its `meta` record: how many
records each table held (`stamp_inventory`, called by the storage on every
write). On reading, a table the inventory lists with records that is missing,
or holds a different number of records, is a damaged file. Files written before
the inventory existed are checked against `_issued_ids` instead (the highest id
each table ever gave): a table that gave ids and is gone was lost. References
that can never dangle in a healthy file (a participant's structure, an agenda
item's workshop, a proposal's author, the promoter) are checked too; those that
may legitimately dangle (a removed participant still named in an old round)
are left to the code that reads them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop.errors import AtelierError, ProjectDamaged
from workshop.i18n import t
from workshop.schema import (
    ISO_DATE,
    TIME_OF_DAY,
    Anything,
    Boolean,
    Choice,
    Consistency,
    Context,
    Either,
    Finding,
    Integer,
    ListOf,
    MapOf,
    Null,
    Number,
    Obj,
    Reference,
    Shaped,
    TableSchema,
    Text,
    rule_of,
)

if TYPE_CHECKING:
    from workshop.exercise import Exercise
    from workshop.model import Record

META = "meta"
ISSUED_IDS = "_issued_ids"  # workshop.store.ISSUED_IDS
INVENTORY = "tables"  # the meta record's field holding {table: record count}
FORMAT_VERSION = 2  # workshop.store.FORMAT_VERSION: the newest format this version reads
SHOWN_FINDINGS = 3  # findings spelled out in the message; the others are counted
# What a record reader raises on data of the wrong shape that the schema let through:
# damage, said as such. Any other error is a defect of the reader and propagates.
READER_FAILURES = (AtelierError, KeyError, IndexError, TypeError, ValueError, AttributeError)


def stamp_inventory(data: dict[str, Any]) -> None:
    """Record in the meta record how many records each table holds (call before every save)."""
    meta = data.get(META)
    if not isinstance(meta, dict) or not meta:
        return
    record = meta[min(meta, key=lambda key: int(key) if key.isdigit() else 0)]
    if isinstance(record, dict):
        record[INVENTORY] = {name: len(table) for name, table in data.items() if isinstance(table, dict)}


def check_project(data: Any, path: Path | str, records: bool = True) -> None:
    """Raise ProjectDamaged when the project does not validate; its message names the problems."""
    findings = validate(data, records)
    if findings:
        raise damaged(path, findings)


def damaged(path: Path | str, findings: list[Finding]) -> ProjectDamaged:
    shown = [f.message() for f in findings[:SHOWN_FINDINGS]]
    problems = " ".join(shown)
    if len(findings) > SHOWN_FINDINGS:
        problems += " " + t("schema.more", count=len(findings) - SHOWN_FINDINGS)
    error = ProjectDamaged("error.project_invalid", path=str(path), problems=problems)
    error.findings = findings
    return error


def validate(data: Any, records: bool = True) -> list[Finding]:
    """Every problem of a parsed project file; [] when it can be opened.

    `records=False` is the home screen's listing, the first thing `atelier`
    shows (DESIGN §6): the layout, the meta record and the inventory (a lost
    table, a lost record) only. The records themselves need the models and
    the exercises imported; they are checked when the project is opened, which
    names the problem and offers the backup.
    """
    if not isinstance(data, dict):
        return [Finding("schema.not_a_project")]
    findings: list[Finding] = []
    if not _layout(data, findings):
        return findings
    _meta_and_inventory(data, findings)
    if findings or not records:
        return findings  # tables missing or the wrong size: their records tell nothing more
    schemas = dict(table_schemas())
    for name in data:
        if name not in schemas:
            other = other_schema(name)
            if other is not None:
                schemas[name] = other
    for name, table in data.items():
        schema = schemas.get(name)
        if schema is None:
            continue  # a table this version does not read
        valid, consistency = schema.record.valid, schema.consistency
        for doc_id, doc in table.items():
            ctx = Context(name, doc_id)
            # The plain test first; a record that fails it is walked again to say where.
            if (valid(doc) or schema.record.check(doc, (), ctx)) and consistency is not None:
                consistency(doc_id, doc, ctx)
            findings.extend(ctx.findings)
    if findings:
        return findings  # references are followed between records known to be whole
    for name, schema in schemas.items():
        for doc_id, doc in data.get(name, {}).items():
            for reference in schema.references:
                _check_reference(name, doc_id, doc, reference, data, findings)
    return findings


def _layout(data: dict[str, Any], findings: list[Finding]) -> bool:
    """TinyDB's layout: {table: {"<integer id>": {record}}}; and a meta record."""
    for name, table in data.items():
        if not isinstance(table, dict):
            findings.append(Finding("schema.not_a_table", name))
            continue
        for doc_id, doc in table.items():
            if not (doc_id.isascii() and doc_id.isdigit() and len(doc_id) < 19):
                findings.append(Finding("schema.bad_id", name, doc_id))
            elif not isinstance(doc, dict):
                findings.append(Finding("schema.not_a_record", name, doc_id))
    if not findings and not data.get(META):
        findings.append(Finding("schema.required_table", META))
    return not findings


def _meta_and_inventory(data: dict[str, Any], findings: list[Finding]) -> None:
    meta = data[META]
    first = min(meta, key=int)
    ctx = Context(META, first)
    if not META_RECORD.check(meta[first], (), ctx):
        findings.extend(ctx.findings)
        return
    record = meta[first]
    if record.get("format", FORMAT_VERSION) > FORMAT_VERSION:
        findings.append(Finding("schema.newer_format", META, first, "format", {"found": record["format"], "known": FORMAT_VERSION}))
        return
    inventory = record.get(INVENTORY)
    if inventory is not None:
        for name, count in inventory.items():
            table = data.get(name)
            if table is None:
                if count:
                    findings.append(Finding("schema.table_missing", name, params={"count": count}))
            elif len(table) != count:
                findings.append(Finding("schema.count", name, params={"found": len(table), "count": count}))
        return
    # Written before the inventory: a table that gave ids once existed.
    for issued in data.get(ISSUED_IDS, {}).values():
        for name, highest in issued.items():
            if isinstance(highest, int) and highest > 0 and name not in data and name != META:
                findings.append(Finding("schema.table_missing_issued", name))


def _check_reference(
    table: str, doc_id: str, doc: dict[str, Any], reference: Reference, data: dict[str, Any], findings: list[Finding]
) -> None:
    target_id = doc.get(reference.field)
    if target_id and str(target_id) not in data.get(reference.target, {}):
        findings.append(
            Finding("schema.reference", table, doc_id, reference.field, {"target": reference.target, "id": str(target_id)})
        )


# The tables ----------------------------------------------------------------------------------
META_RECORD = Obj(
    {
        "name": Text(),
        "format": Integer(low=1),
        "promoter_id": Integer(low=0),
        "threshold": Integer(1, 100),
        "created": Number(),
        INVENTORY: MapOf(Integer(low=0)),
        # The file's binding to its journal (workshop.projectfile.Binding).
        "journal": Obj(
            {
                "generation": Either(Text(), Null()),
                "follows": Boolean(),
                "folds": Either(
                    Null(),
                    Obj({"generation": Either(Text(), Null()), "records": Integer(low=0), "tail": Text()}, required=("records", "tail")),
                ),
            },
            required=("follows",),
        ),
    }
)


@cache
def core_schemas() -> dict[str, TableSchema]:
    from workshop.model import (
        AgendaItem,
        Attendance,
        MinutesStatus,
        Participant,
        Role,
        Structure,
        StructureKind,
        TimerState,
        Workshop,
    )
    from workshop.next_steps import NextStep, StepStatus

    return {
        META: TableSchema(META, META_RECORD, (Reference("promoter_id", "structures"),)),
        ISSUED_IDS: TableSchema(ISSUED_IDS, MapOf(Integer(low=0))),
        "structures": TableSchema("structures", rule_of(Structure, {"kind": Choice(StructureKind)})),
        "participants": TableSchema(
            "participants",
            rule_of(Participant, {"role": Choice(Role)}),
            (Reference("structure_id", "structures"),),
        ),
        "workshops": TableSchema(
            "workshops",
            rule_of(
                Workshop,
                {
                    "date": ISO_DATE,
                    "start_time": TIME_OF_DAY,
                    "attendance": MapOf(Choice(Attendance), ids=True),
                    "current_item_id": Integer(low=0),
                    "minutes_status": Choice(MinutesStatus),
                    "next_meeting_date": ISO_DATE,
                    "next_meeting_time": TIME_OF_DAY,
                },
            ),
        ),
        # Next steps: a workshop's go with it, a structure carrying one is never removed.
        "next_steps": TableSchema(
            "next_steps",
            rule_of(
                NextStep,
                {
                    "due": ISO_DATE,
                    "status": Choice(StepStatus),
                    "position": Integer(low=0),
                    "log": ListOf(Obj({"on": ISO_DATE, "status": Choice(StepStatus)})),
                },
            ),
            (Reference("workshop_id", "workshops"), Reference("structure_id", "structures")),
        ),
        "agenda": TableSchema(
            "agenda",
            rule_of(
                AgendaItem,
                {
                    "planned_minutes": Integer(1, 24 * 60),
                    "position": Integer(low=0),
                    "timer": rule_of(TimerState, extra=False, skip=()),
                },
            ),
            (Reference("workshop_id", "workshops"),),
        ),
    }


@cache
def feature_schemas() -> dict[str, TableSchema]:
    """Rounds, action proposals and the draft convention's settings: the core's features with tables of their own."""
    from workshop.proposals.proposal import Decision, Proposal, Status
    from workshop.rounds.model import MAX_OPTIONS, RoundSpec, RoundStatus, TurnState

    ballot = Obj(
        {"choice": Anything(), "reason": Text(), "structure_id": Either(Integer(), Null()), "voter": Integer(), "proxy": Boolean()},
        required=("choice",),
    )
    contribution = Obj(
        {
            "id": Integer(),
            "text": Text(),
            "participant_id": Either(Integer(), Null()),
            "structure_id": Either(Integer(), Null()),
            "proxy": Boolean(),
        },
        required=("id", "text"),
    )
    spec = rule_of(
        RoundSpec,
        {"options": ListOf(Text()), "budget": Integer(0, 99), "cap": Integer(0, 99), "batch_size": Integer(0, 99)},
        skip=(),
    )
    round_doc = Obj(
        {
            "workshop_id": Integer(),
            "item_id": Integer(low=0),
            "spec": spec,
            "voters": ListOf(Integer()),
            "turns": MapOf(Choice(TurnState), ids=True),
            "status": Choice(RoundStatus),
            "revealed": Boolean(),
            "taggable": ListOf(Integer()),
            "ballots": ListOf(ballot),
            "contributions": ListOf(contribution, unique="id"),
            "turn_ids": ListOf(Integer()),
            "contributors": MapOf(Integer(low=0), ids=True),
            "next_id": Integer(low=1),
            # Secret rounds written in batches (rounds/engine.py, rounds/batching.py).
            "pooled": MapOf(Shaped("fraction", _is_fraction)),
            "unsaved": ListOf(Integer()),
            "on_screen": Boolean(),
        },
        required=("workshop_id", "item_id", "spec", "voters", "turns"),
    )

    def round_consistency(doc_id: str, doc: dict[str, Any], ctx: Context) -> None:
        voters = doc["voters"]
        if len(set(voters)) != len(voters):
            ctx.add("schema.duplicate", ("voters",), id=str(next(v for v in voters if voters.count(v) > 1)))
        turns = doc["turns"]
        for voter in voters:
            if str(voter) not in turns:
                ctx.add("schema.turn_missing", ("turns",), id=str(voter))
                return
        spec_doc = doc["spec"]
        if len(spec_doc.get("options", [])) > MAX_OPTIONS:
            ctx.add("schema.range", ("spec", "options"), value=len(spec_doc["options"]), low=0, high=MAX_OPTIONS)
            return
        fits = _choice_test(spec_doc)
        for index, ballot in enumerate(doc.get("ballots", [])):
            if not fits(ballot["choice"]):
                ctx.add("schema.ballot", ("ballots", index, "choice"))
                return

    log_entry = Obj({"on": Text(), "decision": Choice(Decision), "status": Choice(Status)})
    proposal = rule_of(
        Proposal,
        {
            "decision": Choice(Decision),
            "status": Choice(Status),
            "log": ListOf(log_entry),
            "date": ISO_DATE,
            "due": ISO_DATE,
            "decided_on": ISO_DATE,
            "status_on": ISO_DATE,
        },
    )
    from workshop.convention.settings import ConventionSettings, IssueCheck

    convention = Obj(
        {"clauses": MapOf(Text()), "issues": MapOf(rule_of(IssueCheck, extra=False, skip=()))},
        required=(),
    )

    def convention_consistency(doc_id: str, doc: dict[str, Any], ctx: Context) -> None:
        try:
            ConventionSettings.from_doc(doc)
        except (TypeError, ValueError, AttributeError) as error:
            ctx.add("schema.unreadable", (), reason=type(error).__name__)

    return {
        "convention": TableSchema("convention", convention, consistency=convention_consistency),
        "rounds": TableSchema("rounds", round_doc, consistency=round_consistency),
        "proposals": TableSchema(
            "proposals",
            proposal,
            (Reference("structure_id", "structures"), Reference("referent_structure_id", "structures")),
        ),
    }


def _is_fraction(text: str) -> bool:
    """An exact weighted sum as the rounds store it: "7/6", "3", never negative."""
    from fractions import Fraction

    try:
        return Fraction(text) >= 0
    except (ValueError, ZeroDivisionError):
        return False


def _choice_test(spec: dict[str, Any]) -> Callable[[Any], bool]:
    """Whether a stored ballot's choice is as the round's mode stores it (see rounds.engine.check_choice)."""
    from workshop.rounds.model import CONSENT_ANSWERS, SCALE_VALUES, RoundMode

    mode = spec["mode"]
    count = len(spec.get("options", []))
    if mode == RoundMode.DOT:
        return lambda choice: (
            isinstance(choice, list) and len(choice) == count and all(type(points) is int and points >= 0 for points in choice)
        )
    if mode == RoundMode.SCALE:
        return lambda choice: choice is None or (type(choice) is int and choice in SCALE_VALUES)
    if mode == RoundMode.SINGLE:
        return lambda choice: choice is None or (type(choice) is int and 0 <= choice < count)
    if mode == RoundMode.CONSENT:
        answers = {answer.value for answer in CONSENT_ANSWERS}
        return lambda choice: type(choice) is str and choice in answers
    return lambda choice: False  # a contribution round holds no ballots


@cache
def exercise_schemas() -> dict[str, TableSchema]:
    """The tables of the built-in exercises: one state document per agenda item, its id the item's."""
    from workshop.registry import builtin_exercises

    found: dict[str, TableSchema] = {}
    for exercise in builtin_exercises():
        found.update(_exercise_tables(exercise))
    return found


@cache
def other_schema(table: str) -> TableSchema | None:
    """The schema of a table no built-in part keeps: a third-party exercise's, or None
    (a table this version does not read). Reads the entry points the first time."""
    from workshop.registry import exercise_of_table

    exercise = exercise_of_table(table)
    return None if exercise is None else _exercise_tables(exercise).get(table)


def _exercise_tables(exercise: Any) -> dict[str, TableSchema]:
    found: dict[str, TableSchema] = {}
    table = getattr(exercise, "state_table", "")
    state_type = getattr(exercise, "state_type", None)
    if table and state_type is not None:
        # Unknown fields pass the rules: the reader below refuses those it cannot take.
        found[table] = TableSchema(table, rule_of(state_type, skip=()), consistency=_state_reader(exercise, state_type))
    table = getattr(exercise, "record_table", "")
    record_type = getattr(exercise, "record_type", None)
    if table and record_type is not None:
        found[table] = TableSchema(table, rule_of(record_type), consistency=_record_reader(record_type))
    return found


def _record_reader(record_type: type[Record]) -> Consistency:
    def consistency(doc_id: str, doc: dict[str, Any], ctx: Context) -> None:
        try:
            record_type.from_doc(doc, int(doc_id))
        except READER_FAILURES as error:  # damage, said as such
            ctx.add("schema.unreadable", (), reason=type(error).__name__)

    return consistency


def _state_reader(exercise: Exercise, state_type: type) -> Consistency:
    """The exercise's own reader, run on each state: what the rules miss, it refuses;
    then the exercise's own look at what its fields point at (`state_problems`)."""
    # The exercises' state classes read a document with `from_doc` or (older ones) `from_dict`.
    read = getattr(state_type, "from_doc", None) or getattr(state_type, "from_dict", None)
    if read is None:
        raise TypeError(f"{state_type.__name__} has neither from_doc nor from_dict")

    def consistency(doc_id: str, doc: dict[str, Any], ctx: Context) -> None:
        if doc.get("item_id") != int(doc_id):
            ctx.add("schema.item_mismatch", ("item_id",), id=doc_id)
            return
        try:
            state = read(doc)
        except READER_FAILURES as error:  # damage, said as such
            ctx.add("schema.unreadable", (), reason=type(error).__name__)
            return
        for field_name in exercise.state_problems(state):
            ctx.add("schema.points_at_nothing", (field_name,))

    return consistency


def table_schemas() -> dict[str, TableSchema]:
    return {**core_schemas(), **feature_schemas(), **exercise_schemas()}
