"""FFOM (SWOT): forces, faiblesses, opportunités, menaces — the diagnosis before anything else.

Steps: the facilitator chooses what is analysed (the cooperation project, one
structure, or each structure in turn); the room fills a four-quadrant grid by
keyboard rounds (hidden until revealed, one quadrant at a time or all four at
once) or the facilitator types entries; entries are moved, edited and merged
(every author kept); a dot vote per quadrant weighs what matters most and the
weightiest are retained. Then, for each retained weakness and threat, the room
says how far cooperation can be an answer (`swot_answers`), and when each
structure did its own analysis, the analyses are compared (`swot_compare`).

Forces and weaknesses describe the organisation as it is before the project
(internal); opportunities and threats come from outside. This module holds the
state and the first two steps (scope, grid); the weighing is in `swot_weigh`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from exercises import item_state
from exercises.typed_text import one_line
from workshop.errors import NotFound, ValidationError
from workshop.i18n import t
from workshop.names import name_key

if TYPE_CHECKING:
    from workshop.project import Project
    from workshop.rounds import Round

TABLE = "swot"
CONTRIBUTE_OWNER = "swot:contribute"
WEIGH_OWNER = "swot:weigh"
ANSWER_OWNER = "swot:answer"
MAX_TEXT = 500
MAX_OPTIONS = 35  # a secret ballot gives each option one key: 1–9 then a–z
DEFAULT_RETAINED = 3  # per quadrant, proposed after a vote; the facilitator adjusts
ALL_QUADRANTS = "*"  # a round on the four quadrants at once
BY_AUTHOR = 0  # a round whose contributions go to each author's own structure


class Step(StrEnum):
    SCOPE = "scope"
    GRID = "grid"
    WEIGH = "weigh"
    ANSWERS = "answers"
    COMPARE = "compare"


STEPS = tuple(Step)


class Quadrant(StrEnum):
    STRENGTH = "strength"
    WEAKNESS = "weakness"
    OPPORTUNITY = "opportunity"
    THREAT = "threat"


QUADRANTS = tuple(Quadrant)
INTERNAL = (Quadrant.STRENGTH, Quadrant.WEAKNESS)
TO_ANSWER = (Quadrant.WEAKNESS, Quadrant.THREAT)
UNSORTED = ""  # an entry of a four-quadrant round typed without its quadrant's number


class Scope(StrEnum):
    PROJECT = "project"  # the cooperation project itself
    STRUCTURE = "structure"  # one structure
    EACH = "each"  # each member structure in turn, its own analysis


@dataclass
class Source:
    """An entry as someone wrote it; every one is kept through merges."""

    text: str
    participant_id: int | None = None
    structure_id: int | None = None


@dataclass
class Entry:
    id: int
    analysis_id: int
    quadrant: str  # a Quadrant value, or UNSORTED
    text: str
    sources: list[Source] = field(default_factory=list)
    by_facilitator: bool = False
    hidden: bool = False  # from a hidden round, until the facilitator reveals its quadrant
    weight: float | None = None  # points of the latest dot vote on its quadrant
    voters: int = 0  # how many ballots gave it any point
    retained: bool = False

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entry:
        data = dict(data)
        data["sources"] = [Source(**s) for s in data.get("sources", [])]
        return cls(**data)


@dataclass
class Answer:
    """How far cooperation can answer a weakness or a threat, in the room's words."""

    id: int
    entry_id: int
    text: str
    participant_id: int | None = None
    structure_id: int | None = None
    proposal_ids: list[int] = field(default_factory=list)
    element_ids: list[int] = field(default_factory=list)


@dataclass
class Analysis:
    id: int
    structure_id: int = 0  # 0: the cooperation project


@dataclass
class SwotState:
    item_id: int
    workshop_id: int
    step: str = Step.SCOPE.value
    scope: str = Scope.PROJECT.value
    analyses: list[Analysis] = field(default_factory=list)
    current: int = 0  # the analysis on screen (each structure in turn)
    entries: list[Entry] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    next_id: int = 1
    contribution_rounds: dict[str, list[Any]] = field(default_factory=dict)  # round id -> [analysis id or BY_AUTHOR, quadrant or "*"]
    collected_rounds: list[int] = field(default_factory=list)
    weigh_rounds: dict[str, list[int]] = field(default_factory=dict)  # round id -> entry ids in option order
    weighed_rounds: list[int] = field(default_factory=list)
    answer_rounds: dict[str, int] = field(default_factory=dict)  # round id -> the entry it answers
    answered_rounds: list[int] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SwotState:
        data = dict(data)
        data["analyses"] = [Analysis(**a) for a in data.get("analyses", [])]
        data["entries"] = [Entry.from_dict(e) for e in data.get("entries", [])]
        data["answers"] = [Answer(**a) for a in data.get("answers", [])]
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in names})

    def to_dict(self) -> dict[str, Any]:
        # By hand rather than dataclasses.asdict: this runs on every change, and asdict deep-copies.
        data = dict(vars(self))
        data["analyses"] = [dict(vars(a)) for a in self.analyses]
        data["entries"] = [dict(vars(e), sources=[dict(vars(s)) for s in e.sources]) for e in self.entries]
        data["answers"] = [dict(vars(a), proposal_ids=list(a.proposal_ids), element_ids=list(a.element_ids)) for a in self.answers]
        data["contribution_rounds"] = {k: list(v) for k, v in self.contribution_rounds.items()}
        data["weigh_rounds"] = {k: list(v) for k, v in self.weigh_rounds.items()}
        data["answer_rounds"] = dict(self.answer_rounds)
        for key in ("collected_rounds", "weighed_rounds", "answered_rounds"):
            data[key] = list(data[key])
        return data

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def analysis(self, analysis_id: int | None = None) -> Analysis:
        """The analysis `analysis_id`, or the one on screen."""
        wanted = self.current if analysis_id is None else analysis_id
        for analysis in self.analyses:
            if analysis.id == wanted:
                return analysis
        if analysis_id is None and self.analyses:
            return self.analyses[0]
        raise NotFound("swot.error.no_analysis", id=wanted)

    def analysis_of_structure(self, structure_id: int | None) -> Analysis | None:
        return next((a for a in self.analyses if structure_id and a.structure_id == structure_id), None)

    def entry(self, entry_id: int) -> Entry:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise NotFound("swot.error.no_entry", id=entry_id)

    def answer(self, answer_id: int) -> Answer:
        for answer in self.answers:
            if answer.id == answer_id:
                return answer
        raise NotFound("swot.error.no_answer", id=answer_id)

    def entries_of(self, analysis_id: int, quadrant: str | None = None) -> list[Entry]:
        """An analysis's entries (of one quadrant), weightiest first; unweighed ones keep their order."""
        found = [e for e in self.entries if e.analysis_id == analysis_id and (quadrant is None or e.quadrant == quadrant)]
        return sorted(found, key=lambda e: -(e.weight or 0))

    def answers_to(self, entry_id: int) -> list[Answer]:
        return [a for a in self.answers if a.entry_id == entry_id]


# State ---------------------------------------------------------------------------------------
def state(project: Project, item_id: int) -> SwotState:
    data = item_state.load(project, TABLE, item_id)
    if data is not None:
        return SwotState.from_dict(data)
    item = project.agenda_item(item_id)
    current = SwotState(item_id=item_id, workshop_id=item.workshop_id)
    current.analyses = [Analysis(current.new_id(), 0)]
    current.current = current.analyses[0].id
    return current


def save(project: Project, current: SwotState) -> SwotState:
    item_state.save(project, TABLE, current.item_id, current.to_dict(), fresh=True)
    return current


def set_step(project: Project, item_id: int, step: str) -> SwotState:
    current = state(project, item_id)
    current.step = Step(step).value
    return save(project, current)


def clean(text: str | None, optional: bool = False) -> str:
    return one_line(text, MAX_TEXT, None if optional else "swot.error.text_empty", "swot.error.text_too_long")


def subject(project: Project, analysis: Analysis) -> str:
    """What an analysis is about: a structure's name, or the cooperation project."""
    if not analysis.structure_id:
        return t("swot.subject.project")
    try:
        return project.structure(analysis.structure_id).name
    except NotFound:  # a structure removed since: the analysis still reads
        return t("swot.subject.removed")


# Step 1: scope -------------------------------------------------------------------------------
def choose_scope(project: Project, item_id: int, scope: str, structure_id: int = 0) -> SwotState:
    """The cooperation project, one structure (`structure_id`), or each member structure."""
    current = state(project, item_id)
    chosen = Scope(scope)
    if chosen == Scope.STRUCTURE:
        project.structure(structure_id)
        wanted = [structure_id]
    elif chosen == Scope.EACH:
        wanted = [s.id for s in project.structures() if s.member]
        if len(wanted) < 2:
            raise ValidationError("swot.error.each_needs_two")
    else:
        wanted = [0]
    if [a.structure_id for a in current.analyses] == wanted and current.scope == chosen:
        return current
    if current.entries:
        raise ValidationError("swot.error.scope_has_entries", count=len(current.entries))
    current.scope = chosen.value
    current.analyses = [Analysis(current.new_id(), sid) for sid in wanted]
    current.current = current.analyses[0].id
    return save(project, current)


def show_analysis(project: Project, item_id: int, delta: int) -> SwotState:
    """Each structure in turn: go to the next (or previous) structure's analysis."""
    current = state(project, item_id)
    ids = [a.id for a in current.analyses]
    index = ids.index(current.current) if current.current in ids else 0
    current.current = ids[(index + delta) % len(ids)]
    return save(project, current)


# Step 2: the grid ----------------------------------------------------------------------------
def _analysis_id(current: SwotState, analysis_id: int | None) -> int:
    return current.analysis(analysis_id).id


def add_entry(project: Project, item_id: int, quadrant: str, text: str, analysis_id: int | None = None) -> Entry:
    """The facilitator types an entry into a quadrant (of the analysis on screen by default)."""
    current = state(project, item_id)
    entry = Entry(current.new_id(), _analysis_id(current, analysis_id), Quadrant(quadrant).value, clean(text), by_facilitator=True)
    entry.sources = [Source(entry.text)]
    current.entries.append(entry)
    if current.step == Step.SCOPE:
        current.step = Step.GRID.value
    save(project, current)
    return entry


def edit_entry(project: Project, item_id: int, entry_id: int, text: str) -> Entry:
    current = state(project, item_id)
    entry = current.entry(entry_id)
    entry.text = clean(text)
    save(project, current)
    return entry


def move_entry(project: Project, item_id: int, entry_id: int, quadrant: str) -> Entry:
    """Put an entry in another quadrant. Its points came from a vote among its old
    neighbours: they do not carry over, nor does its retention."""
    current = state(project, item_id)
    entry = current.entry(entry_id)
    target = Quadrant(quadrant).value
    if target != entry.quadrant:
        entry.quadrant = target
        entry.weight = None
        entry.voters = 0
        entry.retained = False
    save(project, current)
    return entry


def remove_entry(project: Project, item_id: int, entry_id: int) -> SwotState:
    current = state(project, item_id)
    current.entry(entry_id)
    answered = current.answers_to(entry_id)
    if answered:
        raise ValidationError("swot.error.entry_has_answers", count=len(answered))
    if any(e == entry_id and int(rid) not in current.answered_rounds for rid, e in current.answer_rounds.items()):
        raise ValidationError("swot.error.entry_being_answered")
    current.entries = [e for e in current.entries if e.id != entry_id]
    return save(project, current)


def merge_entries(project: Project, item_id: int, entry_ids: list[int], text: str) -> Entry:
    """Merge two or more entries of one analysis under `text`, in the first one's quadrant.

    Every author and wording is kept; points add up; the answers of each follow.
    """
    current = state(project, item_id)
    ids = list(dict.fromkeys(entry_ids))
    if len(ids) < 2:
        raise ValidationError("swot.error.merge_needs_two")
    merged = [current.entry(i) for i in ids]
    if len({e.analysis_id for e in merged}) > 1:
        raise ValidationError("swot.error.merge_across_analyses")
    keep = merged[0]
    keep.text = clean(text)
    for other in merged[1:]:
        keep.sources.extend(other.sources)
        keep.by_facilitator = keep.by_facilitator and other.by_facilitator
        keep.hidden = keep.hidden and other.hidden
        if other.weight is not None:
            keep.weight = (keep.weight or 0) + other.weight
        keep.voters += other.voters
        keep.retained = keep.retained or other.retained
    for answer in current.answers:
        if answer.entry_id in ids:
            answer.entry_id = keep.id
    for rid, entry_id in current.answer_rounds.items():
        if entry_id in ids:
            current.answer_rounds[rid] = keep.id  # a round still answering a merged entry answers the merge
    current.entries = [e for e in current.entries if e.id == keep.id or e.id not in ids]
    save(project, current)
    return keep


def reveal(project: Project, item_id: int, quadrant: str | None = None, analysis_id: int | None = None) -> SwotState:
    """Show the hidden entries of one quadrant (None: every quadrant, and what waits to be sorted)."""
    current = state(project, item_id)
    wanted = _analysis_id(current, analysis_id)
    for entry in current.entries:
        if entry.analysis_id == wanted and (quadrant is None or entry.quadrant == quadrant):
            entry.hidden = False
    return save(project, current)


def hidden_count(current: SwotState, analysis_id: int, quadrant: str | None = None) -> int:
    return sum(1 for e in current.entries if e.hidden and e.analysis_id == analysis_id and (quadrant is None or e.quadrant == quadrant))


_PREFIX = re.compile(r"^\s*([1-4])\s*[:).\-]\s*(?!\d)(.+)$", re.DOTALL)


def sort_by_number(text: str) -> tuple[str, str]:
    """(quadrant, text) of a contribution to a four-quadrant round: "3: …" is an opportunity.

    Without a number the entry waits to be sorted (UNSORTED). "3.5 posts" is not a number prefix.
    """
    match = _PREFIX.match(text or "")
    if match is None:
        return UNSORTED, text
    return QUADRANTS[int(match.group(1)) - 1].value, match.group(2)


def round_question(project: Project, current: SwotState, quadrant: str) -> str:
    """The question a contribution round asks, about the analysis on screen (or each one's own structure)."""
    if current.scope == Scope.EACH:
        about = t("swot.round.own_structure")
    else:
        about = subject(project, current.analysis())
    if quadrant == ALL_QUADRANTS:
        return t("swot.round.question_all", subject=about)
    return t(f"swot.round.question_{Quadrant(quadrant).value}", subject=about)


def start_contribution_round(project: Project, item_id: int, quadrant: str, hidden: bool = True) -> Round:
    """A contribution round on one quadrant, or on the four at once (`ALL_QUADRANTS`).

    With each structure in turn, everyone speaks of their own structure: each
    contribution lands in its author's structure's analysis.
    """
    from workshop.rounds import RoundMode, RoundSpec, start_round

    current = state(project, item_id)
    if quadrant != ALL_QUADRANTS:
        quadrant = Quadrant(quadrant).value
    target = BY_AUTHOR if current.scope == Scope.EACH else current.analysis().id
    spec = RoundSpec(round_question(project, current, quadrant), RoundMode.CONTRIBUTION, hidden=hidden, owner=CONTRIBUTE_OWNER)
    with project.batch():
        started = start_round(project, current.workshop_id, item_id, spec)
        current.contribution_rounds[str(started.id)] = [target, quadrant]
        if current.step == Step.SCOPE:
            current.step = Step.GRID.value
        save(project, current)
    return started


def collect_contributions(project: Project, item_id: int, round_id: int | None = None) -> SwotState:
    """Put a finished round's contributions in the grid (each round once, once it is over).

    From a hidden round they stay hidden until the facilitator reveals them,
    quadrant by quadrant or all at once.
    """
    from workshop.rounds import contributions, get_round

    current = state(project, item_id)
    pending = [str(round_id)] if round_id else list(current.contribution_rounds)
    for rid in pending:
        if int(rid) in current.collected_rounds or rid not in current.contribution_rounds:
            continue
        held = get_round(project, int(rid))
        if not held.done:
            continue  # still going round: collected once everyone has had their turn
        target, quadrant = current.contribution_rounds[rid]
        hidden = held.spec.hidden
        for contribution in contributions(project, int(rid)):
            _add_contribution(current, target, quadrant, contribution.text, contribution.participant_id, contribution.structure_id, hidden)
        current.collected_rounds.append(int(rid))
    return save(project, current)


def _add_contribution(
    current: SwotState, target: int, quadrant: str, text: str, participant_id: int | None, structure_id: int | None, hidden: bool
) -> None:
    if quadrant == ALL_QUADRANTS:
        quadrant, text = sort_by_number(text)
    try:
        cleaned = clean(text)
    except ValidationError:
        return  # an empty contribution says nothing
    if target == BY_AUTHOR:
        own = current.analysis_of_structure(structure_id)
        # Someone from outside the analysed structures speaks of the one on screen.
        analysis_id = own.id if own is not None else current.analysis().id
    else:
        analysis_id = target
    source = Source(cleaned, participant_id, structure_id)
    key = name_key(cleaned)
    same = next((e for e in current.entries if e.analysis_id == analysis_id and e.quadrant == quadrant and name_key(e.text) == key), None)
    if same is not None:
        same.sources.append(source)  # the same words twice are one entry, with both authors
        return
    current.entries.append(Entry(current.new_id(), analysis_id, quadrant, cleaned, [source], hidden=hidden))


def add_contributions(
    project: Project, item_id: int, quadrant: str, said: Iterable[Source], hidden: bool = False, analysis_id: int | None = None
) -> SwotState:
    """What people said, added without a round (`quadrant` may be `ALL_QUADRANTS`)."""
    current = state(project, item_id)
    target = BY_AUTHOR if analysis_id == BY_AUTHOR else _analysis_id(current, analysis_id)
    for source in said:
        _add_contribution(current, target, quadrant, source.text, source.participant_id, source.structure_id, hidden)
    return save(project, current)
