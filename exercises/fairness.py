"""The fairness balance (équilibre ressenti): what each structure brings, what it gains, how fair it feels.

All along the cooperation each structure should feel that what it puts in
(money, staff time, premises, skills, contacts…) is fair against what it gets
out of it; the sources ask to check it regularly and, where it is lost, to agree
on adjustments. Steps:

1. what each structure brings, quantified where possible (or taken from the
   resources it provides to the roadmap's actions);
2. what each structure gains: the benefits it named (its APT attractions, its
   stakeholder sheet's stakes and hoped-for gains, its stakes in the roadmap), or typed;
3. each structure rates the balance it feels, 1 to 5, in a scale round with one
   turn per structure, secret by default: the room then sees how many feel it is
   unfair, not who. A structure may say so afterwards (its declared rating), and
   an open round names each one;
4. the picture, per structure, and for each structure that feels it is unfair
   (1 or 2) the adjustment actions agreed, which can become action proposals;
5. the history of the felt balance, check after check.

State: one document per agenda item in the `fairness` table. A later check
starts from the nearest earlier one (what is brought and gained carries over;
the felt balance is asked again), so each workshop's minutes keep their own.
This module holds the state and steps 3 to 5; the two sides of the balance
(steps 1 and 2) are in `fairness_sides`, the minutes in `fairness_minutes`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from exercises import item_state
from exercises.means import Means
from exercises.typed_text import one_line
from workshop.errors import NotFound, ValidationError
from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.model import Structure
    from workshop.project import Project
    from workshop.rounds import Round


class _Entry(Protocol):
    """An entry of a state's list, found by its id."""

    @property
    def id(self) -> int: ...


E = TypeVar("E", bound=_Entry)

KIND = TABLE = "fairness"
FELT_OWNER = "fairness:felt"
UNFAIR_MAX = 2  # a felt balance of 1 or 2 out of 5: the structure feels it is unfair
SCALE = (1, 2, 3, 4, 5)
MAX_TEXT = 500


class Step(StrEnum):
    BRINGS = "brings"
    GAINS = "gains"
    FELT = "felt"
    PICTURE = "picture"  # the picture, and the adjustments for whoever feels it is unfair
    HISTORY = "history"


STEPS = tuple(Step)


@dataclass
class Brought(Means):
    """One thing a structure brings to the cooperation."""

    id: int = 0
    source_ref: str = ""  # "roadmap:<item>:<action>:<index>" when taken from the roadmap's resources


class BenefitSource(StrEnum):
    TYPED = "typed"
    APT = "apt"  # an attraction the structure named (attraits / peurs / tentations)
    STAKEHOLDER = "stakeholder"  # its sheet among the stakeholders to mobilise: its stakes, its hoped-for gains
    STAKE = "stake"  # one of its stakes in the roadmap


@dataclass
class Benefit:
    id: int
    structure_id: int
    text: str
    source: str = BenefitSource.TYPED.value
    source_ref: str = ""  # where it was taken from, so it is never taken twice


@dataclass
class Check:
    """One felt-balance round and what it published."""

    round_id: int
    secret: bool
    counts: dict[str, int] = field(default_factory=dict)  # "1".."5" -> how many structures
    ratings: dict[str, int] = field(default_factory=dict)  # structure id -> rating (open rounds only)
    mean: float | None = None
    answered: int = 0  # structures that rated (blank ballots aside)
    voters: int = 0  # structures that had a turn
    took_part: list[int] = field(default_factory=list)  # structures that voted (who, never what)
    recorded: bool = False
    at: float = 0.0


@dataclass
class Adjustment:
    id: int
    structure_id: int  # the structure that feels the balance is unfair
    text: str
    proposal_id: int = 0  # when recorded as an action proposal
    item_id: int = 0  # the fairness item where it was agreed


@dataclass
class FairnessState:
    item_id: int
    workshop_id: int
    step: str = Step.BRINGS.value
    brought: list[Brought] = field(default_factory=list)
    benefits: list[Benefit] = field(default_factory=list)
    check: Check | None = None
    declared: dict[str, int] = field(default_factory=dict)  # structure id -> the rating it said aloud
    adjustments: list[Adjustment] = field(default_factory=list)
    next_id: int = 1
    carried_from: int = 0

    def to_doc(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> FairnessState:
        data = dict(doc)
        data["brought"] = [Brought(**b) for b in doc.get("brought", [])]
        data["benefits"] = [Benefit(**b) for b in doc.get("benefits", [])]
        data["check"] = Check(**doc["check"]) if doc.get("check") else None
        data["declared"] = {str(k): int(v) for k, v in doc.get("declared", {}).items()}
        data["adjustments"] = [Adjustment(**a) for a in doc.get("adjustments", [])]
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in names})

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def _find(self, items: list[E], entry_id: int, key: str) -> E:
        for entry in items:
            if entry.id == entry_id:
                return entry
        raise NotFound(f"fairness.error.no_{key}", id=entry_id)

    def brought_item(self, entry_id: int) -> Brought:
        return self._find(self.brought, entry_id, "brought")

    def benefit(self, entry_id: int) -> Benefit:
        return self._find(self.benefits, entry_id, "benefit")

    def adjustment(self, entry_id: int) -> Adjustment:
        return self._find(self.adjustments, entry_id, "adjustment")

    def rating(self, structure_id: int) -> tuple[int | None, bool]:
        """(rating, declared): what the structure said aloud wins over the open round."""
        declared = self.declared.get(str(structure_id))
        if declared is not None:
            return declared, True
        if self.check is not None and str(structure_id) in self.check.ratings:
            return self.check.ratings[str(structure_id)], False
        return None, False

    def kept_secret(self, structure_id: int) -> bool:
        """The structure voted in a secret round and did not say its rating aloud."""
        check = self.check
        return bool(check and check.recorded and check.secret and structure_id in check.took_part and self.rating(structure_id)[0] is None)

    def flagged(self, structure_id: int) -> bool:
        rating, _ = self.rating(structure_id)
        return rating is not None and rating <= UNFAIR_MAX


# Storage ---------------------------------------------------------------------------------
def load(project: Project, item_id: int) -> FairnessState:
    """The balance on this agenda item; nothing saved yet, it starts from the nearest
    earlier check (what is brought and gained, the adjustments), the felt balance asked anew."""
    doc = item_state.load(project, TABLE, item_id)
    if doc is not None:
        return FairnessState.from_doc(doc)
    item = project.agenda_item(item_id)
    for earlier in item_state.items_before(project, item_id, KIND):
        found = item_state.load(project, TABLE, earlier.id)
        if found is None:
            continue
        carried = FairnessState.from_doc(found)
        return FairnessState(
            item_id=item_id,
            workshop_id=item.workshop_id,
            step=Step.FELT.value,
            brought=carried.brought,
            benefits=carried.benefits,
            adjustments=carried.adjustments,
            next_id=carried.next_id,
            carried_from=earlier.id,
        )
    return FairnessState(item_id=item_id, workshop_id=item.workshop_id)


def save(project: Project, state: FairnessState) -> FairnessState:
    item_state.save(project, TABLE, state.item_id, state.to_doc(), fresh=True)
    return state


def set_step(project: Project, item_id: int, step: str) -> FairnessState:
    state = load(project, item_id)
    state.step = Step(step).value
    return save(project, state)


def clean(text: str, empty_key: str = "fairness.error.text_empty") -> str:
    """One line of typed text, made safe to keep (the exercises' shared policy)."""
    return one_line(text, MAX_TEXT, empty_key or None, "fairness.error.text_too_long")


def structures(project: Project, state: FairnessState) -> list[Structure]:
    """Whose balance is read: the member structures, and any other one with entries here or
    that took part in the felt-balance round."""
    named = {b.structure_id for b in state.brought} | {b.structure_id for b in state.benefits}
    named |= {int(k) for k in state.declared}
    if state.check is not None:
        named |= {int(k) for k in state.check.ratings} | set(state.check.took_part)
    return [s for s in project.structures() if s.member or s.id in named]


# Step 3: the felt balance, a scale round by structure ------------------------------------------------
def start_felt_round(project: Project, item_id: int, secret: bool = True) -> Round:
    """Each structure present rates, 1 to 5, how fair the balance feels to it. Secret by
    default: the results say how many feel it is unfair, not which."""
    from workshop.rounds import RoundMode, RoundSpec, start_round

    state = load(project, item_id)
    spec = RoundSpec(t("fairness.round.question"), RoundMode.SCALE, secret=bool(secret), by_structure=True, owner=FELT_OWNER)
    with project.batch():
        started = start_round(project, state.workshop_id, item_id, spec)
        state.check = Check(started.id, bool(secret), voters=len(started.voters))
        state.step = Step.FELT.value
        save(project, state)
    return started


def record_felt_round(project: Project, item_id: int, now: float | None = None) -> FairnessState:
    """Read the finished felt-balance round: the count of each rating, the mean, and (open
    rounds only) each structure's rating. A round still going is left alone."""
    from workshop.rounds import get_round, results

    state = load(project, item_id)
    check = state.check
    if check is None:
        raise ValidationError("fairness.error.no_round")
    if not get_round(project, check.round_id).done:
        return state
    outcome = results(project, check.round_id)
    counts = {str(int(o.value)): int(round(o.count)) for o in outcome.options}
    ratings: dict[str, int] = {}
    for entry in outcome.per_structure:
        chosen = [int(o.value) for o in entry.options if o.count]
        if len(chosen) == 1:
            ratings[str(entry.structure_id)] = chosen[0]
    check.counts, check.ratings, check.mean = counts, ratings, outcome.mean
    check.answered, check.recorded = sum(counts.values()), True
    check.took_part = list(outcome.participants)
    check.at = project.clock.now() if now is None else now
    return save(project, state)


def declare(project: Project, item_id: int, structure_id: int, rating: int | None) -> FairnessState:
    """The rating a structure says aloud (after a secret round, or for one absent from it);
    None withdraws it."""
    project.structure(structure_id)
    state = load(project, item_id)
    if rating is None:
        state.declared.pop(str(structure_id), None)
    else:
        if int(rating) not in SCALE:
            raise ValidationError("fairness.error.rating", low=SCALE[0], high=SCALE[-1])
        state.declared[str(structure_id)] = int(rating)
    return save(project, state)


def unfair_count(check: Check | None) -> int:
    """How many structures rated the balance 1 or 2 in the round (whoever they are)."""
    if check is None:
        return 0
    return sum(count for value, count in check.counts.items() if int(value) <= UNFAIR_MAX)


# Step 4: adjustments for whoever feels it is unfair ------------------------------------------------
def add_adjustment(project: Project, item_id: int, structure_id: int, text: str) -> Adjustment:
    """An adjustment agreed for a structure that feels the balance is unfair."""
    project.structure(structure_id)
    state = load(project, item_id)
    entry = Adjustment(state.new_id(), structure_id, clean(text), item_id=item_id)
    state.adjustments.append(entry)
    save(project, state)
    return entry


def edit_adjustment(project: Project, item_id: int, entry_id: int, text: str) -> Adjustment:
    state = load(project, item_id)
    entry = state.adjustment(entry_id)
    entry.text = clean(text)
    save(project, state)
    return entry


def remove_adjustment(project: Project, item_id: int, entry_id: int) -> FairnessState:
    state = load(project, item_id)
    state.adjustment(entry_id)
    state.adjustments = [a for a in state.adjustments if a.id != entry_id]
    return save(project, state)


def link_proposal(project: Project, item_id: int, entry_id: int, proposal_id: int) -> Adjustment:
    """Remember that the adjustment was recorded as an action proposal (the tracker holds it)."""
    state = load(project, item_id)
    entry = state.adjustment(entry_id)
    entry.proposal_id = proposal_id
    save(project, state)
    return entry


def propose_adjustment(project: Project, item_id: int, entry_id: int, structure_id: int = 0, participant_id: int = 0) -> int:
    """Record the adjustment as an action proposal of the structure concerned (or `structure_id`);
    returns the proposal's id."""
    from workshop.proposals import record_proposal

    state = load(project, item_id)
    entry = state.adjustment(entry_id)
    if entry.proposal_id:
        raise ValidationError("fairness.error.already_proposed", number=entry.proposal_id)
    with project.batch():
        made = record_proposal(
            project,
            entry.text,
            structure_id or entry.structure_id,
            participant_id,
            workshop_id=state.workshop_id,
            item_id=item_id,
            source=KIND,
        )
        link_proposal(project, item_id, entry_id, made.id)
    return made.id


# The picture ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StructureBalance:
    structure_id: int
    name: str
    brought: tuple[Brought, ...]
    benefits: tuple[Benefit, ...]
    rating: int | None
    declared: bool
    flagged: bool
    adjustments: tuple[Adjustment, ...]


def balances(project: Project, state: FairnessState) -> list[StructureBalance]:
    """Per structure: what it brings, what it gains, the balance it feels, the adjustments."""
    found = []
    for structure in structures(project, state):
        rating, declared = state.rating(structure.id)
        found.append(
            StructureBalance(
                structure.id,
                structure.name,
                tuple(b for b in state.brought if b.structure_id == structure.id),
                tuple(b for b in state.benefits if b.structure_id == structure.id),
                rating,
                declared,
                state.flagged(structure.id),
                tuple(a for a in state.adjustments if a.structure_id == structure.id),
            )
        )
    return found


def balance_of(project: Project, workshop_id: int) -> list[StructureBalance]:
    """The balance as it stood at the end of this workshop (its latest check, or the nearest
    earlier one); empty when none was made. For the convention and the synthesis."""
    for agenda_item in reversed(item_state.items_up_to(project, workshop_id, KIND)):
        doc = item_state.load(project, TABLE, agenda_item.id)
        if doc is not None:
            return balances(project, FairnessState.from_doc(doc))
    return []


# Step 5: the history ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class HistoryPoint:
    item_id: int
    workshop_id: int
    title: str
    date: str
    secret: bool
    ratings: dict[int, tuple[int, bool]]  # structure id -> (rating, declared); only those known
    kept_secret: frozenset[int]  # structures that voted in secret and did not say their rating
    mean: float | None
    unfair: int  # structures that rated 1 or 2 in the round
    answered: int


def history(project: Project, workshop_id: int) -> list[HistoryPoint]:
    """Every felt-balance check up to this workshop, in time order."""
    workshops = {w.id: w for w in project.workshops()}
    points = []
    for agenda_item in item_state.items_up_to(project, workshop_id, KIND):
        doc = item_state.load(project, TABLE, agenda_item.id)
        if doc is None:
            continue
        state = FairnessState.from_doc(doc)
        if state.check is None or not state.check.recorded:
            if not state.declared:
                continue
        ratings: dict[int, tuple[int, bool]] = {}
        named = {int(k) for k in state.declared} | ({int(k) for k in state.check.ratings} if state.check else set())
        for structure_id in named:
            rating, declared = state.rating(structure_id)
            if rating is not None:
                ratings[structure_id] = (rating, declared)
        workshop = workshops.get(agenda_item.workshop_id)
        check = state.check if state.check is not None and state.check.recorded else None
        points.append(
            HistoryPoint(
                agenda_item.id,
                agenda_item.workshop_id,
                workshop.title if workshop else "",
                workshop.date if workshop else "",
                bool(check and check.secret),
                ratings,
                frozenset(sid for sid in (check.took_part if check else []) if state.kept_secret(sid)),
                check.mean if check else None,
                unfair_count(check),
                check.answered if check else 0,
            )
        )
    return points
