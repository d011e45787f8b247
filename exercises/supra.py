"""Objectif supra: the one sentence that says what the structures pursue together.

Steps (DESIGN §3.4.3): each person or structure drafts alone in a hidden
contribution round; the drafts are revealed and crossed (recurring words);
the facilitator writes one sentence with the room, every version kept; the
sentence is checked against five criteria; a consent round adopts it, or an
objection sends it back to writing.

State: one document per agenda item in the `supra` table. Every function saves
at once, so the exercise resumes at the same step after a crash.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from exercises import item_state
from exercises.wording import RecurringWord, recurring_words
from workshop.errors import NotFound, ValidationError
from workshop.i18n import language, t
from workshop.phrases import phrase
from workshop.text import clean_line

if TYPE_CHECKING:
    from workshop.project import Project
    from workshop.proposals.proposal import Proposal
    from workshop.rounds.model import Round
    from workshop.rounds.tally import RoundResult

TABLE = "supra"
MAX_SENTENCE = 1000
MAX_INDICATOR = 300
SCALE_MET = 3.5  # mean of a 1–5 scale round from which a criterion counts as met

OWNER_DRAFTS = "supra:drafts"
OWNER_CONSENT = "supra:consent"
OWNER_CRITERION = "supra:criterion:"  # + criterion

# How a member structure took part in a consent round.
PRESENT = "present"
PROXY = "proxy"


class Step(StrEnum):
    DRAFTS = "drafts"
    CROSSING = "crossing"
    SENTENCE = "sentence"
    CONSENT = "consent"
    ADOPTED = "adopted"


STEPS = list(Step)


class Criterion(StrEnum):
    PRECISE = "precise"
    APPROVED = "approved"
    MEASURABLE = "measurable"
    TIMEBOUND = "timebound"
    REALISTIC = "realistic"


# Checked from the data entered; the others by the facilitator or a scale round.
FROM_DATA = (Criterion.MEASURABLE, Criterion.TIMEBOUND)
JUDGED = (Criterion.PRECISE, Criterion.APPROVED, Criterion.REALISTIC)


@dataclass
class Version:
    text: str
    at: float
    restored_from: int | None = None  # index of the version it copies


@dataclass
class ConsentAttempt:
    round_id: int
    version: int  # index of the version put to consent
    passed: bool | None = None  # None while the round runs, or when it was abandoned
    counts: dict[str, int] = field(default_factory=dict)
    reservations: list[str] = field(default_factory=list)
    objections: list[str] = field(default_factory=list)
    handling: str = ""  # how the objections were handled, written by the facilitator
    at: float = 0.0
    # Who took part (structure id as str -> "present" | "proxy") and the member
    # structures of that day: see `supra_adoption`. Empty in attempts stored before.
    took_part: dict[str, str] = field(default_factory=dict)
    members: list[int] = field(default_factory=list)


@dataclass
class Judgement:
    met: bool
    source: str  # "facilitator" | "round"
    version: int  # the version it was judged on
    mean: float | None = None
    round_id: int = 0


@dataclass(frozen=True)
class CriterionCheck:
    criterion: Criterion
    met: bool | None  # None: not checked yet
    source: str  # "data", "facilitator", "round", "consent" or ""
    stale: bool = False  # judged on an earlier version of the sentence
    mean: float | None = None


@dataclass(frozen=True)
class Approval:
    """Who approved the adopted sentence, and who is still awaited."""

    members: tuple[int, ...]  # the member structures when it was adopted
    took_part: dict[int, str]  # structure id -> PRESENT | PROXY, in the consent round
    confirmed: dict[int, str]  # structure id -> ISO date of its later confirmation

    @property
    def awaiting(self) -> list[int]:
        return [s for s in self.members if s not in self.took_part and s not in self.confirmed]

    @property
    def complete(self) -> bool:
        return not self.awaiting


@dataclass
class Draft:
    text: str
    author: str  # a person's or a structure's name ("" when unknown)
    structure_id: int = 0
    participant_id: int = 0


@dataclass
class SupraState:
    item_id: int
    workshop_id: int
    step: str = Step.DRAFTS.value
    by_structure: bool = False
    drafts_round_id: int = 0
    versions: list[Version] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    deadline: str = ""
    judgements: dict[str, Judgement] = field(default_factory=dict)
    criterion_rounds: dict[str, int] = field(default_factory=dict)
    consents: list[ConsentAttempt] = field(default_factory=list)
    adopted_version: int | None = None
    adopted_at: float | None = None
    # Later confirmations by member structures absent from the consent:
    # [{"structure_id", "on": ISO date, "version"}] (see `supra_adoption.confirm`).
    confirmations: list[dict[str, Any]] = field(default_factory=list)

    @property
    def current(self) -> Version | None:
        return self.versions[-1] if self.versions else None

    @property
    def sentence(self) -> str:
        return self.versions[-1].text if self.versions else ""

    @property
    def adopted(self) -> bool:
        return self.step == Step.ADOPTED and self.adopted_version is not None

    @property
    def open_consent(self) -> ConsentAttempt | None:
        if self.consents and self.consents[-1].passed is None and self.step == Step.CONSENT:
            return self.consents[-1]
        return None

    def to_doc(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> SupraState:
        data = dict(doc)
        data["versions"] = [Version(**v) for v in doc.get("versions", [])]
        data["judgements"] = {k: Judgement(**v) for k, v in doc.get("judgements", {}).items()}
        data["consents"] = [ConsentAttempt(**c) for c in doc.get("consents", [])]
        data["criterion_rounds"] = dict(doc.get("criterion_rounds", {}))
        data["indicators"] = list(doc.get("indicators", []))
        data["confirmations"] = [dict(c) for c in doc.get("confirmations", [])]
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in names})


# Storage ------------------------------------------------------------------------------
def load(project: Project, item_id: int) -> SupraState:
    """The exercise's state on this agenda item (a fresh one when nothing was done yet)."""
    doc = item_state.load(project, TABLE, item_id)
    if doc is not None:
        return SupraState.from_doc(doc)
    item = project.agenda_item(item_id)
    return SupraState(item_id=item_id, workshop_id=item.workshop_id)


def _save(project: Project, state: SupraState) -> SupraState:
    # One document per agenda item, its id the item's: a direct lookup, no scan.
    item_state.save(project, TABLE, state.item_id, state.to_doc(), fresh=True)
    return state


save_state = _save  # for the exercise's other modules (adoption)


def _now(project: Project, now: float | None) -> float:
    """`now` when given, else the project's clock (the only source of "now")."""
    return project.clock.now() if now is None else now


# Step 1: individual drafts -------------------------------------------------------------
def choose_unit(project: Project, item_id: int, by_structure: bool) -> SupraState:
    """Draft per person (False) or per structure (True); fixed once the drafts round started."""
    state = load(project, item_id)
    if state.drafts_round_id:
        raise ValidationError("supra.error.drafts_started")
    return _save(project, replace(state, by_structure=bool(by_structure)))


def start_drafts(project: Project, item_id: int) -> Round:
    """The hidden contribution round where everyone drafts; the existing one if already started."""
    from workshop.rounds import RoundMode, RoundSpec, get_round, start_round

    state = load(project, item_id)
    if state.drafts_round_id:
        return get_round(project, state.drafts_round_id)
    spec = RoundSpec(
        question=t("supra.drafts.question"),
        question_phrase=phrase("supra.drafts.question"),
        mode=RoundMode.CONTRIBUTION,
        hidden=True,
        by_structure=state.by_structure,
        owner=OWNER_DRAFTS,
    )
    with project.batch():
        started = start_round(project, state.workshop_id, item_id, spec)
        _save(project, replace(state, drafts_round_id=started.id, step=Step.DRAFTS.value))
    return started


def drafts(project: Project, item_id: int) -> list[Draft]:
    """The drafts written in the drafts round, with their author's name."""
    state = load(project, item_id)
    if not state.drafts_round_id:
        return []
    from workshop.rounds import contributions

    people = {p.id: p.name for p in project.participants()}
    structures = {s.id: s.name for s in project.structures()}
    found: list[Draft] = []
    for contribution in contributions(project, state.drafts_round_id):
        text = (contribution.text or "").strip()
        if not text:
            continue
        structure_id = contribution.structure_id or 0
        if state.by_structure or not contribution.participant_id:
            author = structures.get(structure_id, "")
        else:
            author = people.get(contribution.participant_id, "")
        participant_id = 0 if state.by_structure else (contribution.participant_id or 0)
        found.append(Draft(text, author, structure_id, participant_id))
    return found


# Step 2: crossing ----------------------------------------------------------------------
def crossing(project: Project, item_id: int) -> list[RecurringWord]:
    """The words that recur across the drafts, most shared first."""
    return recurring_words([d.text for d in drafts(project, item_id)])


def propose_from_draft(project: Project, item_id: int, draft: Draft, text: str | None = None) -> Proposal:
    """A concrete action found in a draft, recorded as its structure's action proposal."""
    from workshop.proposals import record_proposal

    if not draft.structure_id:
        raise ValidationError("supra.error.draft_without_structure")
    return record_proposal(
        project,
        text if text is not None else draft.text,
        draft.structure_id,
        participant_id=draft.participant_id,
        item_id=item_id,
        source="supra",
    )


# Moving between steps --------------------------------------------------------------------
def go_to_step(project: Project, item_id: int, step: Step | str) -> SupraState:
    """Move the facilitator's view to a step. Adoption happens only through consent."""
    step = Step(step)
    state = load(project, item_id)
    if state.adopted and step != Step.ADOPTED:
        raise ValidationError("supra.error.adopted")
    if step == Step.ADOPTED and not state.adopted:
        raise ValidationError("supra.error.adopt_by_consent")
    if step == Step.CONSENT and state.open_consent is None:
        raise ValidationError("supra.error.consent_not_started")
    if step == Step.CROSSING:
        if not state.drafts_round_id:
            raise ValidationError("supra.error.no_drafts")
        from workshop.rounds import close_round, get_round, reveal

        # Crossing shows every draft at once; people not reached no longer get a turn.
        with project.batch():
            if get_round(project, state.drafts_round_id).is_open:
                close_round(project, state.drafts_round_id)
            reveal(project, state.drafts_round_id)
            return _save(project, replace(state, step=step.value))
    # Leaving an unfinished consent round keeps it as abandoned (passed None), not as a decision.
    return _save(project, replace(state, step=step.value))


# Step 3: one sentence together -----------------------------------------------------------
def _clean_sentence(text: str) -> str:
    return clean_line(text, empty="supra.error.sentence_empty", too_long="supra.error.sentence_too_long", limit=MAX_SENTENCE)


def write_sentence(project: Project, item_id: int, text: str, now: float | None = None) -> SupraState:
    """A new version of the shared sentence (nothing new when the text did not change)."""
    text = _clean_sentence(text)
    state = load(project, item_id)
    if state.adopted:
        raise ValidationError("supra.error.adopted")
    if state.open_consent is not None:
        raise ValidationError("supra.error.consent_running")
    if state.sentence == text:
        return state
    versions = [*state.versions, Version(text, _now(project, now))]
    return _save(project, replace(state, versions=versions, step=Step.SENTENCE.value))


def restore_version(project: Project, item_id: int, index: int, now: float | None = None) -> SupraState:
    """Bring back an earlier version: it becomes the newest, and the history keeps them all."""
    state = load(project, item_id)
    if not 0 <= index < len(state.versions):
        raise ValidationError("supra.error.no_such_version", number=index + 1)
    if state.adopted:
        raise ValidationError("supra.error.adopted")
    if state.open_consent is not None:
        raise ValidationError("supra.error.consent_running")
    if index == len(state.versions) - 1:
        return state
    restored = Version(state.versions[index].text, _now(project, now), restored_from=index)
    return _save(project, replace(state, versions=[*state.versions, restored], step=Step.SENTENCE.value))


# Indicators and deadline -------------------------------------------------------------------
def add_indicator(project: Project, item_id: int, text: str) -> SupraState:
    cleaned = clean_line(
        text, empty="supra.error.indicator_empty", too_long="supra.error.indicator_too_long", limit=MAX_INDICATOR
    )
    state = load(project, item_id)
    _refuse_if_adopted(state)
    return _save(project, replace(state, indicators=[*state.indicators, cleaned]))


def remove_indicator(project: Project, item_id: int, index: int) -> SupraState:
    state = load(project, item_id)
    _refuse_if_adopted(state)
    if not 0 <= index < len(state.indicators):
        return state
    indicators = [x for i, x in enumerate(state.indicators) if i != index]
    with project.undo.step("indicator_removed", text=state.indicators[index]):
        return _save(project, replace(state, indicators=indicators))


def set_deadline(project: Project, item_id: int, text: str) -> SupraState:
    """The deadline: a date (2027-06-30, 30/06/2027), a month (06/2027) or a year (2027); empty clears it."""
    state = load(project, item_id)
    _refuse_if_adopted(state)
    return _save(project, replace(state, deadline=parse_deadline(text)))


def parse_deadline(text: str) -> str:
    text = (text or "").strip()
    if not text:
        return ""
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{4})|(\d{4})-(\d{1,2})", text)
    if match:
        month, year = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        if 1 <= int(month) <= 12:
            return f"{int(year):04d}-{int(month):02d}"
    if re.fullmatch(r"\d{4}", text) and 2000 <= int(text) <= 2100:
        return text
    raise ValidationError("supra.error.deadline", text=text)


def format_deadline(deadline: str) -> str:
    """The stored deadline as people read it: 31/12/2028, 12/2028 or 2028 in French."""
    if language() != "fr" or not deadline:
        return deadline
    parts = deadline.split("-")
    return "/".join(reversed(parts))


def _refuse_if_adopted(state: SupraState) -> None:
    if state.adopted:
        raise ValidationError("supra.error.adopted")


# Criteria ----------------------------------------------------------------------------------
def judge(project: Project, item_id: int, criterion: Criterion | str, met: bool | None) -> SupraState:
    """The facilitator ticks (True), flags (False) or clears (None) a criterion judged by the room."""
    criterion = Criterion(criterion)
    if criterion in FROM_DATA:
        raise ValidationError("supra.error.criterion_from_data")
    state = load(project, item_id)
    judgements = dict(state.judgements)
    if met is None:
        judgements.pop(criterion.value, None)
    else:
        judgements[criterion.value] = Judgement(bool(met), "facilitator", max(len(state.versions) - 1, 0))
    return _save(project, replace(state, judgements=judgements))


def start_criterion_round(project: Project, item_id: int, criterion: Criterion | str) -> Round:
    """A 1–5 scale round on one criterion of the current sentence."""
    from workshop.rounds import RoundMode, RoundSpec, start_round

    criterion = Criterion(criterion)
    if criterion in FROM_DATA:
        raise ValidationError("supra.error.criterion_from_data")
    state = load(project, item_id)
    if not state.sentence:
        raise ValidationError("supra.error.sentence_empty")
    spec = RoundSpec(
        question=t(f"supra.criterion.{criterion.value}.question"),
        question_phrase=phrase(f"supra.criterion.{criterion.value}.question"),
        mode=RoundMode.SCALE,
        secret=True,  # each judges alone: nobody aligns on the first hands raised (the guide)
        owner=OWNER_CRITERION + criterion.value,
    )
    with project.batch():
        started = start_round(project, state.workshop_id, item_id, spec)
        rounds = {**state.criterion_rounds, criterion.value: started.id}
        _save(project, replace(state, criterion_rounds=rounds))
    return started


def record_criterion_round(project: Project, item_id: int, criterion: Criterion | str, mean: float | None, round_id: int = 0) -> SupraState:
    """A scale round's mean decides the criterion (met from SCALE_MET); None when nobody answered."""
    criterion = Criterion(criterion)
    state = load(project, item_id)
    if mean is None:
        return state
    judgements = dict(state.judgements)
    judgements[criterion.value] = Judgement(mean >= SCALE_MET, "round", max(len(state.versions) - 1, 0), round(mean, 2), round_id)
    return _save(project, replace(state, judgements=judgements))


def scale_mean(result: RoundResult) -> float | None:
    """The mean answer of a scale round's result (None when nobody answered)."""
    return result.mean


def criteria(state: SupraState, approval: Approval | None = None) -> list[CriterionCheck]:
    """The five criteria, in the order the guide gives them. `approval` (from
    `supra_adoption.approval`): "approved by all" is met only when no member
    structure is still awaited."""
    current = len(state.versions) - 1
    checks: list[CriterionCheck] = []
    for criterion in Criterion:
        if criterion == Criterion.MEASURABLE:
            checks.append(CriterionCheck(criterion, bool(state.indicators), "data"))
            continue
        if criterion == Criterion.TIMEBOUND:
            checks.append(CriterionCheck(criterion, bool(state.deadline), "data"))
            continue
        if criterion == Criterion.APPROVED:
            consent = _consent_on(state, current)
            if consent and approval is not None and not approval.complete:
                checks.append(CriterionCheck(criterion, None, "consent_awaiting"))
                continue
            if consent is not None:
                checks.append(CriterionCheck(criterion, consent, "consent"))
                continue
        judgement = state.judgements.get(criterion.value)
        if judgement is None:
            checks.append(CriterionCheck(criterion, None, ""))
        elif _changed_since(state, judgement.version):
            checks.append(CriterionCheck(criterion, None, judgement.source, stale=True, mean=judgement.mean))
        else:
            checks.append(CriterionCheck(criterion, judgement.met, judgement.source, mean=judgement.mean))
    return checks


def _changed_since(state: SupraState, version: int) -> bool:
    if not 0 <= version < len(state.versions):
        return True
    return state.versions[version].text != state.sentence


def _consent_on(state: SupraState, version: int) -> bool | None:
    """What the last finished consent round on this exact sentence said."""
    for attempt in reversed(state.consents):
        if attempt.passed is None:
            continue
        if 0 <= attempt.version < len(state.versions) and state.versions[attempt.version].text == state.sentence:
            return attempt.passed
        return None
    return None


# Step 5: adoption by consent -------------------------------------------------------------------
def start_consent(project: Project, item_id: int, now: float | None = None) -> Round:
    """The consent round on the current sentence."""
    from workshop.rounds import RoundMode, RoundSpec, get_round, start_round

    state = load(project, item_id)
    _refuse_if_adopted(state)
    if not state.sentence:
        raise ValidationError("supra.error.sentence_empty")
    if state.open_consent is not None:
        return get_round(project, state.open_consent.round_id)
    spec = RoundSpec(question=state.sentence, mode=RoundMode.CONSENT, owner=OWNER_CONSENT)
    with project.batch():
        started = start_round(project, state.workshop_id, item_id, spec)
        attempt = ConsentAttempt(started.id, len(state.versions) - 1, at=_now(project, now))
        _save(project, replace(state, consents=[*state.consents, attempt], step=Step.CONSENT.value))
    return started


def record_consent(
    project: Project,
    item_id: int,
    round_id: int,
    passed: bool,
    counts: dict[str, int] | None = None,
    reservations: list[str] | None = None,
    objections: list[str] | None = None,
    now: float | None = None,
) -> SupraState:
    """The consent round's outcome: adopted when no objection stands, else back to writing."""
    state = load(project, item_id)
    index = next((i for i, c in enumerate(state.consents) if c.round_id == round_id), None)
    if index is None:
        raise ValidationError("supra.error.consent_not_started")
    attempt = replace(
        state.consents[index],
        passed=bool(passed),
        counts=dict(counts or {}),
        reservations=[r for r in (reservations or []) if r],
        objections=[o for o in (objections or []) if o],
        at=_now(project, now),
    )
    attempt = with_participation(project, attempt)
    consents = list(state.consents)
    consents[index] = attempt
    if passed:
        state = replace(state, consents=consents, step=Step.ADOPTED.value, adopted_version=attempt.version, adopted_at=attempt.at)
    else:
        state = replace(state, consents=consents, step=Step.SENTENCE.value, adopted_version=None, adopted_at=None)
    return _save(project, state)


def record_consent_round(project: Project, item_id: int, round_id: int, now: float | None = None) -> SupraState:
    """Read a finished consent round from the rounds engine and record its outcome."""
    from workshop.rounds import results

    result = results(project, round_id)
    if result.passed is None:
        # Nobody took a position (all abstained, or nobody voted): no decision, back to writing.
        from workshop.rounds import get_round

        return abandon_consent(project, item_id) if get_round(project, round_id).done else load(project, item_id)
    reservations, objections = split_reasons(result.reasons)
    counts = {str(k): int(round(v)) for k, v in dict(result.consent or {}).items()}
    return record_consent(project, item_id, round_id, bool(result.passed), counts, reservations, objections, now)


def abandon_consent(project: Project, item_id: int) -> SupraState:
    """Stop the running consent round without a decision and go back to writing."""
    state = load(project, item_id)
    attempt = state.open_consent
    if attempt is None:
        return state
    from workshop.rounds import close_round

    with project.batch():
        close_round(project, attempt.round_id)
        return _save(project, replace(state, step=Step.SENTENCE.value))


def split_reasons(reasons: list[tuple[str, str]] | None) -> tuple[list[str], list[str]]:
    reservations: list[str] = []
    objections: list[str] = []
    for answer, text in reasons or []:
        answer = str(answer)
        if "object" in answer:
            objections.append(text or "")
        elif "reserv" in answer or "live" in answer:
            reservations.append(text or "")
    return reservations, objections


def participation(project: Project, round_id: int) -> dict[int, str]:
    """The structures that took part in a round: a person of theirs voted (present)
    or a proxy vote was entered for them. Skipped and pending voters did not."""
    from workshop.rounds import TurnState, get_round

    try:
        held = get_round(project, round_id)
    except NotFound:  # a round removed since: nobody is known to have taken part
        return {}
    structure_of = {p.id: p.structure_id for p in project.participants()}
    took_part: dict[int, str] = {}
    for voter, state in held.turns.items():
        if state not in (TurnState.TAKEN, TurnState.PROXY):
            continue
        structure_id = voter if held.spec.by_structure else structure_of.get(voter, 0)
        if not structure_id:
            continue
        how = PRESENT if state is TurnState.TAKEN else PROXY
        if took_part.get(structure_id) != PRESENT:  # someone present outweighs a proxy
            took_part[structure_id] = how
    return took_part


def member_ids(project: Project) -> list[int]:
    return [s.id for s in project.structures() if s.member]


def with_participation(project: Project, attempt: ConsentAttempt) -> ConsentAttempt:
    """The attempt with who took part and the member structures of today, stored with it."""
    took_part = participation(project, attempt.round_id)
    return replace(attempt, took_part={str(k): v for k, v in took_part.items()}, members=member_ids(project))


def note_handling(project: Project, item_id: int, round_id: int, text: str) -> SupraState:
    """How the room handled the objections of one consent round (for the minutes)."""
    state = load(project, item_id)
    handling = clean_line(text, empty=None, too_long="supra.error.sentence_too_long", limit=MAX_SENTENCE)
    consents = [replace(c, handling=handling) if c.round_id == round_id else c for c in state.consents]
    return _save(project, replace(state, consents=consents))


def reopen(project: Project, item_id: int) -> SupraState:
    """Undo an adoption made by mistake: back to writing, the consent kept in the history."""
    state = load(project, item_id)
    if not state.adopted:
        return state
    return _save(project, replace(state, step=Step.SENTENCE.value, adopted_version=None, adopted_at=None))


def sync_rounds(project: Project, item_id: int) -> SupraState:
    """Record the outcome of rounds that finished while the screen was away (e.g. a crash)."""
    state = load(project, item_id)
    if state.open_consent is None and not state.criterion_rounds:
        return state
    from workshop.rounds import get_round, results

    if state.open_consent is not None:
        opened = get_round(project, state.open_consent.round_id)
        if opened.done:
            state = record_consent_round(project, item_id, opened.id)
    for name, round_id in state.criterion_rounds.items():
        judgement = state.judgements.get(name)
        if judgement is not None and judgement.round_id == round_id:
            continue
        finished = get_round(project, round_id)
        if finished.done:
            state = record_criterion_round(project, item_id, name, scale_mean(results(project, round_id)), round_id)
    return state


__all__ = [
    "ConsentAttempt",
    "Criterion",
    "CriterionCheck",
    "Draft",
    "Step",
    "SupraState",
    "Version",
    "abandon_consent",
    "add_indicator",
    "choose_unit",
    "criteria",
    "crossing",
    "drafts",
    "format_deadline",
    "go_to_step",
    "judge",
    "load",
    "note_handling",
    "propose_from_draft",
    "record_consent",
    "record_consent_round",
    "record_criterion_round",
    "remove_indicator",
    "reopen",
    "restore_version",
    "scale_mean",
    "set_deadline",
    "start_consent",
    "start_criterion_round",
    "start_drafts",
    "sync_rounds",
    "write_sentence",
]
