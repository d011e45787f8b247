"""Shared values (valeurs communes): name, merge, vote, retain, define together.

Steps: each person names the values that matter to them for this cooperation (a
contribution round, or the facilitator's keyboard); the facilitator merges
duplicates and synonyms, keeping who proposed what; a dot vote ranks them; the
facilitator retains the top ones; the group writes what each retained value
means, and notes where structures understand it differently. The retained values
feed the relational charter of the APT exercise.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from exercises import item_state
from workshop.errors import NotFound, ValidationError
from workshop.i18n import t
from workshop.names import name_key
from workshop.phrases import phrase
from workshop.text import clean_line

if TYPE_CHECKING:
    from workshop.project import Project
    from workshop.rounds import Round

KIND = TABLE = "values"
CONTRIBUTE_OWNER = "values:contribute"
VOTE_OWNER = "values:vote"
MAX_LABEL = 120
MAX_TEXT = 2000


class Step(StrEnum):
    CONTRIBUTE = "contribute"
    MERGE = "merge"
    VOTE = "vote"
    DEFINE = "define"
    DONE = "done"


STEPS = tuple(Step)


@dataclass
class Source:
    """One wording as someone proposed it; kept through merges."""

    text: str
    participant_id: int | None = None
    structure_id: int | None = None


@dataclass
class Value:
    id: int
    label: str
    sources: list[Source] = field(default_factory=list)
    by_facilitator: bool = False
    points: float = 0.0
    voters: int = 0
    retained: bool = False
    definition: str = ""
    divergences: dict[str, str] = field(default_factory=dict)  # structure id (str) -> note

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Value:
        data = dict(data)
        data["sources"] = [Source(**s) for s in data.get("sources", [])]
        return cls(**data)


@dataclass
class ValuesState:
    item_id: int
    workshop_id: int
    step: str = Step.CONTRIBUTE.value
    values: list[Value] = field(default_factory=list)
    next_id: int = 1
    contribution_rounds: list[int] = field(default_factory=list)
    collected_rounds: list[int] = field(default_factory=list)
    vote_round: int = 0
    vote_options: list[int] = field(default_factory=list)  # value ids, in the ballot's option order
    voted: bool = False

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ValuesState:
        data = dict(data)
        data["values"] = [Value.from_dict(v) for v in data.get("values", [])]
        return cls(**data)

    def to_dict(self) -> dict[str, Any]:
        # By hand rather than dataclasses.asdict: this runs on every change, and asdict deep-copies.
        data = dict(vars(self))
        data["values"] = [
            dict(vars(v), sources=[dict(vars(s)) for s in v.sources], divergences=dict(v.divergences)) for v in self.values
        ]
        for key in ("contribution_rounds", "collected_rounds", "vote_options"):
            data[key] = list(data[key])
        return data

    def value(self, value_id: int) -> Value:
        for value in self.values:
            if value.id == value_id:
                return value
        raise NotFound("values.error.no_value", id=value_id)

    def retained(self) -> list[Value]:
        """The retained values, most voted first."""
        return [v for v in ranked(self) if v.retained]


# State ------------------------------------------------------------------------------
def state(project: Project, item_id: int) -> ValuesState:
    data = item_state.load(project, TABLE, item_id)
    if data is not None:
        return ValuesState.from_dict(data)
    item = project.agenda_item(item_id)
    return ValuesState(item_id=item_id, workshop_id=item.workshop_id)


def _save(project: Project, current: ValuesState) -> ValuesState:
    item_state.save(project, TABLE, current.item_id, current.to_dict(), fresh=True)
    return current


def set_step(project: Project, item_id: int, step: str) -> ValuesState:
    current = state(project, item_id)
    current.step = Step(step).value
    return _save(project, current)


def _label(text: str) -> str:
    return clean_line(text, empty="values.error.label_empty", too_long="values.error.label_too_long", limit=MAX_LABEL)


def _text(text: str) -> str:
    return clean_line(text, empty=None, too_long="values.error.text_too_long", limit=MAX_TEXT)


def _check_unique(current: ValuesState, label: str, exclude: Iterable[int] = ()) -> None:
    key = name_key(label)
    excluded = set(exclude)
    for value in current.values:
        if value.id not in excluded and name_key(value.label) == key:
            raise ValidationError("values.error.duplicate", label=value.label)


# Step 1: contributions --------------------------------------------------------------
def add_proposals(project: Project, item_id: int, proposals: Iterable[Source]) -> ValuesState:
    """Add what people proposed; the same word twice (case, accents aside) is one value."""
    current = state(project, item_id)
    _add_sources(current, proposals)
    return _save(project, current)


def _add_sources(current: ValuesState, proposals: Iterable[Source]) -> None:
    by_key = {name_key(v.label): v for v in current.values}
    for source in proposals:
        try:
            label = _label(source.text)
        except ValidationError:
            continue  # an empty contribution proposes nothing
        source = Source(label, source.participant_id, source.structure_id)
        existing = by_key.get(name_key(label))
        if existing is not None:
            existing.sources.append(source)
            continue
        value = Value(current.next_id, label, [source])
        current.next_id += 1
        current.values.append(value)
        by_key[name_key(label)] = value


def add_value(project: Project, item_id: int, label: str) -> Value:
    """The facilitator adds a value from the keyboard."""
    current = state(project, item_id)
    label = _label(label)
    _check_unique(current, label)
    value = Value(current.next_id, label, [Source(label)], by_facilitator=True)
    current.next_id += 1
    current.values.append(value)
    _save(project, current)
    return value


def start_contribution_round(project: Project, item_id: int, hidden: bool = True) -> Round:
    from workshop.rounds import RoundMode, RoundSpec, start_round

    current = state(project, item_id)
    spec = RoundSpec(
        t("values.round.contribute_question"),
        RoundMode.CONTRIBUTION,
        hidden=hidden,
        owner=CONTRIBUTE_OWNER,
        question_phrase=phrase("values.round.contribute_question"),
    )
    with project.batch():
        started = start_round(project, current.workshop_id, item_id, spec)
        current = state(project, item_id)
        current.contribution_rounds.append(started.id)
        _save(project, current)
    return started


def collect_contributions(project: Project, item_id: int, round_id: int | None = None) -> ValuesState:
    """Turn a contribution round's contributions into values (each round once)."""
    from workshop.rounds import contributions

    current = state(project, item_id)
    pending = [round_id] if round_id else current.contribution_rounds
    for rid in pending:
        if rid in current.collected_rounds:
            continue
        found = contributions(project, rid)
        _add_sources(current, (Source(c.text, c.participant_id, c.structure_id) for c in found))
        current.collected_rounds.append(rid)
    if current.values and current.step == Step.CONTRIBUTE:
        current.step = Step.MERGE.value
    return _save(project, current)


# Step 2: merge and edit ---------------------------------------------------------------
def merge_values(project: Project, item_id: int, value_ids: list[int], label: str) -> Value:
    """Merge two or more values into one under `label`; every proposer is kept."""
    current = state(project, item_id)
    ids = list(dict.fromkeys(value_ids))
    if len(ids) < 2:
        raise ValidationError("values.error.merge_needs_two")
    merged = [current.value(i) for i in ids]
    label = _label(label)
    _check_unique(current, label, exclude=ids)
    keep = merged[0]
    keep.label = label
    for other in merged[1:]:
        keep.sources.extend(other.sources)
        keep.by_facilitator = keep.by_facilitator and other.by_facilitator
        keep.points += other.points
        keep.voters += other.voters
        keep.retained = keep.retained or other.retained
        if not keep.definition:
            keep.definition = other.definition
        for sid, note in other.divergences.items():
            keep.divergences.setdefault(sid, note)
    current.values = [v for v in current.values if v.id == keep.id or v.id not in ids]
    with project.undo.step("values_merged", label=label):
        _save(project, current)
    return keep


def edit_value(project: Project, item_id: int, value_id: int, label: str) -> Value:
    current = state(project, item_id)
    value = current.value(value_id)
    label = _label(label)
    _check_unique(current, label, exclude=[value_id])
    value.label = label
    _save(project, current)
    return value


def remove_value(project: Project, item_id: int, value_id: int) -> ValuesState:
    current = state(project, item_id)
    removed = current.value(value_id)
    current.values = [v for v in current.values if v.id != value_id]
    with project.undo.step("value_removed", label=removed.label):
        return _save(project, current)


# Step 3: vote and retain -----------------------------------------------------------------
def start_vote(project: Project, item_id: int, budget: int = 0, secret: bool = True) -> Round:
    """A dot vote over the values as they stand after merging: secret, with the usual
    budget and cap (the guide's proposal; F5 in the round changes it before anyone votes)."""
    from workshop.rounds import RoundMode, RoundSpec, start_round

    current = state(project, item_id)
    if len(current.values) < 2:
        raise ValidationError("values.error.vote_needs_two")
    spec = RoundSpec(
        t("values.round.vote_question"),
        RoundMode.DOT,
        options=[v.label for v in current.values],
        secret=secret,
        budget=budget,
        owner=VOTE_OWNER,
        question_phrase=phrase("values.round.vote_question"),
    )
    with project.batch():
        started = start_round(project, current.workshop_id, item_id, spec)
        current.vote_round = started.id
        current.vote_options = [v.id for v in current.values]
        current.step = Step.VOTE.value
        _save(project, current)
    return started


def record_votes(project: Project, item_id: int, points: dict[int, tuple[float, int]]) -> ValuesState:
    """Store each value's points and number of voters (value id -> (points, voters))."""
    current = state(project, item_id)
    for value in current.values:
        value.points, value.voters = points.get(value.id, (0.0, 0))
    current.voted = True
    return _save(project, current)


def collect_votes(project: Project, item_id: int) -> ValuesState:
    """Read the dot vote's results into the values: points, and how many people gave any."""
    from workshop.rounds import ballots, results

    current = state(project, item_id)
    if not current.vote_round:
        raise ValidationError("values.error.no_vote")
    outcome = results(project, current.vote_round)
    cast = [b.get("choice") or [] for b in ballots(project, current.vote_round)]
    points: dict[int, tuple[float, int]] = {}
    for option in outcome.options:
        index = int(option.value)
        if index < len(current.vote_options):
            voters = sum(1 for choice in cast if index < len(choice) and choice[index] > 0)
            points[current.vote_options[index]] = (float(option.count), voters)
    return record_votes(project, item_id, points)


def ranked(current: ValuesState) -> list[Value]:
    """Most points first; equal points keep their proposal order."""
    return sorted(current.values, key=lambda v: -v.points)


def ranks(current: ValuesState) -> dict[int, int]:
    """Each value's rank; tied values share it (1, 2, 2, 4)."""
    result: dict[int, int] = {}
    previous: float | None = None
    rank = 0
    for position, value in enumerate(ranked(current), start=1):
        if value.points != previous:
            rank, previous = position, value.points
        result[value.id] = rank
    return result


def tie_at_cut(current: ValuesState, count: int) -> bool:
    """True when keeping the top `count` would split values with equal points."""
    order = ranked(current)
    if not 0 < count < len(order):
        return False
    return order[count - 1].points == order[count].points


def retain_top(project: Project, item_id: int, count: int) -> ValuesState:
    current = state(project, item_id)
    if count < 0:
        raise ValidationError("values.error.retain_count")
    keep = {v.id for v in ranked(current)[:count]}
    for value in current.values:
        value.retained = value.id in keep
    return _save(project, current)


def set_retained(project: Project, item_id: int, value_id: int, retained: bool) -> Value:
    current = state(project, item_id)
    value = current.value(value_id)
    value.retained = retained
    _save(project, current)
    return value


# Step 4: meaning ---------------------------------------------------------------------------
def set_definition(project: Project, item_id: int, value_id: int, text: str) -> Value:
    current = state(project, item_id)
    value = current.value(value_id)
    value.definition = _text(text)
    _save(project, current)
    return value


def set_divergence(project: Project, item_id: int, value_id: int, structure_id: int, text: str) -> Value:
    """What this structure understands differently; empty text removes the note."""
    current = state(project, item_id)
    value = current.value(value_id)
    project.structure(structure_id)
    note = _text(text)
    divergences = dict(value.divergences)
    if note:
        divergences[str(structure_id)] = note
    else:
        divergences.pop(str(structure_id), None)
    value.divergences = divergences
    _save(project, current)
    return value


# For the other exercises ---------------------------------------------------------------------
@dataclass(frozen=True)
class SharedValue:
    item_id: int
    value_id: int
    label: str


def shared_values(project: Project, workshop_id: int) -> list[SharedValue]:
    """The values retained in this workshop, or else in the latest earlier workshop that has some."""
    workshops = project.workshops()
    ids = [w.id for w in workshops]
    if workshop_id in ids:
        ids = ids[: ids.index(workshop_id) + 1]
    for wid in [workshop_id, *reversed([i for i in ids if i != workshop_id])]:
        found: list[SharedValue] = []
        for item in project.agenda(wid):
            if item.kind != KIND:
                continue
            data = item_state.load(project, TABLE, item.id)
            if data is None:
                continue
            for value in ValuesState.from_dict(data).retained():
                found.append(SharedValue(item.id, value.id, value.label))
        if found:
            return found
    return []


# Names, for the screen and the minutes --------------------------------------------------------
class Names:
    """Names of people and structures, for the screen and the minutes, looked up once."""

    def __init__(self, project: Project) -> None:
        self.people = {p.id: p.name for p in project.participants()}
        self.structures = {s.id: s.name for s in project.structures()}

    def person(self, participant_id: int | None) -> str:
        return self.people.get(participant_id or 0, "")

    def structure(self, structure_id: int | None) -> str:
        return self.structures.get(structure_id or 0, "?")

    def proposers(self, value: Value) -> str:
        parts: list[str] = []
        for source in value.sources:
            who = self.person(source.participant_id) or (
                self.structure(source.structure_id) if source.structure_id else t("values.minutes.facilitator")
            )
            if name_key(source.text) != name_key(value.label):
                who = t("values.minutes.as_worded", who=who, text=source.text)
            if who not in parts:
                parts.append(who)
        return ", ".join(parts)
