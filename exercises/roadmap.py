"""The roadmap (feuille de route): from shared stakes to dated actions, in nine steps.

The path the sources give, one step after the other, each one revisitable:

1. each structure states its own stakes in the cooperation (a hidden
   contribution round, one turn per structure);
2. the stakes are crossed (the words that recur from one structure to another
   are highlighted, as for the supra objective's drafts) and grouped into
   shared stakes;
3. the shared stakes become shared objectives, which serve the adopted supra
   objective;
4. each shared objective is broken down into intermediate operational objectives;
5. each operational objective gets its actions: new ones, or retained action
   proposals taken from the commitment tracker (the proposal and the action are
   then one item: its state is the proposal's implementation status);
6–9. for each action: the skills it needs, the resources and means (and who
   provides them), the external partners to mobilise, its calendar (start, end)
   and its referent.

Milestones (a date, the actors involved) and pilot subjects (actions shown
first) complete the plan; the timeline shows it by month.

State: one document per agenda item in the `roadmap` table. A roadmap item of a
later workshop starts from the nearest earlier one (the plan is followed
workshop after workshop), so the minutes of each workshop keep the plan as it
stood then. This module holds the state and steps 1 and 2; the objectives
(steps 3 and 4) are in `roadmap_objectives`, the actions in `roadmap_actions`,
their follow-up in `roadmap_follow`, the timeline in `roadmap_timeline`, the
minutes in `roadmap_minutes`, what the core asks of the exercise in `roadmap_exercise`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from exercises import item_state
from exercises.means import Means
from exercises.typed_text import one_line
from exercises.wording import RecurringWord, recurring_words
from workshop.errors import NotFound
from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.project import Project
    from workshop.rounds import Round


class _Entry(Protocol):
    """An entry of a state's list, found by its id."""

    @property
    def id(self) -> int: ...


E = TypeVar("E", bound=_Entry)

KIND = TABLE = "roadmap"
STAKES_OWNER = "roadmap:stakes"
MAX_TEXT = 500


class Step(StrEnum):
    STAKES = "stakes"  # 1
    SHARED = "shared"  # 2
    OBJECTIVES = "objectives"  # 3
    OPERATIONAL = "operational"  # 4
    ACTIONS = "actions"  # 5
    SKILLS = "skills"  # 6
    RESOURCES = "resources"  # 7
    PARTNERS = "partners"  # 8
    CALENDAR = "calendar"  # 9
    MILESTONES = "milestones"
    TIMELINE = "timeline"  # the plan by month, and the follow-up


STEPS = tuple(Step)
NINE_STEPS = STEPS[:9]


@dataclass
class Stake:
    id: int
    structure_id: int
    text: str
    round_id: int = 0  # the contribution round it came from (0: typed by the facilitator)


@dataclass
class SharedStake:
    id: int
    text: str
    stake_ids: list[int] = field(default_factory=list)  # the structures' stakes it gathers


@dataclass
class Objective:
    """A shared objective (step 3), translating shared stakes."""

    id: int
    text: str
    shared_ids: list[int] = field(default_factory=list)


@dataclass
class Operational:
    """An intermediate operational objective (step 4), under one shared objective."""

    id: int
    objective_id: int
    text: str


@dataclass
class Action:
    id: int
    operational_id: int
    text: str
    proposal_id: int = 0  # a retained action proposal this action carries (one item, not two)
    pilot: bool = False  # a pilot subject: launched first, to show the cooperation works
    matrix_item_id: int = 0  # the who-does-what row this action is (its agenda item, its row)
    matrix_action_id: int = 0
    skills: str = ""
    resources: list[Means] = field(default_factory=list)
    partner_ids: list[int] = field(default_factory=list)  # external actors to mobilise (structure ids)
    start: str = ""  # ISO date, YYYY-MM or YYYY
    end: str = ""
    referent_participant_id: int = 0
    referent_structure_id: int = 0
    # The action's own follow-up; an action carrying a proposal follows the proposal's.
    status: str = "to_do"
    status_reason: str = ""
    log: list[dict[str, str]] = field(default_factory=list)  # [{"on": ISO date, "status": value}]

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Action:
        data = dict(doc)
        data["resources"] = [Means(**m) for m in doc.get("resources", [])]
        data["partner_ids"] = list(doc.get("partner_ids", []))
        data["log"] = [dict(e) for e in doc.get("log", [])]
        return cls(**data)


@dataclass
class Milestone:
    id: int
    text: str
    date: str = ""  # ISO date, YYYY-MM or YYYY
    structure_ids: list[int] = field(default_factory=list)  # the actors involved


@dataclass
class RoadmapState:
    item_id: int
    workshop_id: int
    step: str = Step.STAKES.value
    stakes: list[Stake] = field(default_factory=list)
    shared: list[SharedStake] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    operational: list[Operational] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    next_id: int = 1
    stake_rounds: list[int] = field(default_factory=list)
    collected_rounds: list[int] = field(default_factory=list)
    supra_item_id: int = 0  # the adopted supra objective the shared objectives serve
    supra_text: str = ""  # its sentence when it was linked: these minutes keep it as it was
    carried_from: int = 0  # the earlier roadmap item this one started from

    def to_doc(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> RoadmapState:
        data = dict(doc)
        data["stakes"] = [Stake(**s) for s in doc.get("stakes", [])]
        data["shared"] = [SharedStake(**s) for s in doc.get("shared", [])]
        data["objectives"] = [Objective(**o) for o in doc.get("objectives", [])]
        data["operational"] = [Operational(**o) for o in doc.get("operational", [])]
        data["actions"] = [Action.from_doc(a) for a in doc.get("actions", [])]
        data["milestones"] = [Milestone(**m) for m in doc.get("milestones", [])]
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in names})

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def _find(self, items: list[E], entry_id: int, key: str) -> E:
        for entry in items:
            if entry.id == entry_id:
                return entry
        raise NotFound(f"roadmap.error.no_{key}", id=entry_id)

    def stake(self, stake_id: int) -> Stake:
        return self._find(self.stakes, stake_id, "stake")

    def shared_stake(self, shared_id: int) -> SharedStake:
        return self._find(self.shared, shared_id, "shared")

    def objective(self, objective_id: int) -> Objective:
        return self._find(self.objectives, objective_id, "objective")

    def operational_objective(self, operational_id: int) -> Operational:
        return self._find(self.operational, operational_id, "operational")

    def action(self, action_id: int) -> Action:
        return self._find(self.actions, action_id, "action")

    def milestone(self, milestone_id: int) -> Milestone:
        return self._find(self.milestones, milestone_id, "milestone")

    def operational_of(self, objective_id: int) -> list[Operational]:
        return [o for o in self.operational if o.objective_id == objective_id]

    def actions_of(self, operational_id: int) -> list[Action]:
        return [a for a in self.actions if a.operational_id == operational_id]

    def ordered_actions(self) -> list[Action]:
        """Pilot subjects first, then in the order of the plan (objective, operational objective)."""
        rank = {}
        for objective_index, objective in enumerate(self.objectives):
            for operational_index, operational in enumerate(self.operational_of(objective.id)):
                rank[operational.id] = (objective_index, operational_index)
        return sorted(
            self.actions,
            key=lambda a: (not a.pilot, rank.get(a.operational_id, (len(self.objectives), 0)), self.actions.index(a)),
        )

    def structures_sharing(self, shared: SharedStake) -> list[int]:
        """The structures whose stakes a shared stake gathers, in the order they appear."""
        by_id = {s.id: s for s in self.stakes}
        return list(dict.fromkeys(by_id[i].structure_id for i in shared.stake_ids if i in by_id))


# Storage ---------------------------------------------------------------------------------
def load(project: Project, item_id: int) -> RoadmapState:
    """The roadmap on this agenda item. Nothing saved yet: it starts from the nearest
    earlier roadmap (the plan followed from workshop to workshop), or empty."""
    doc = item_state.load(project, TABLE, item_id)
    if doc is not None:
        return RoadmapState.from_doc(doc)
    item = project.agenda_item(item_id)
    for earlier in item_state.items_before(project, item_id, KIND):
        found = item_state.load(project, TABLE, earlier.id)
        if found is None:
            continue
        carried = RoadmapState.from_doc(found)
        carried.item_id, carried.workshop_id, carried.carried_from = item_id, item.workshop_id, earlier.id
        carried.stake_rounds, carried.collected_rounds = [], []
        carried.step = Step.TIMELINE.value if carried.actions else carried.step
        return carried
    return RoadmapState(item_id=item_id, workshop_id=item.workshop_id)


def save(project: Project, state: RoadmapState) -> RoadmapState:
    item_state.save(project, TABLE, state.item_id, state.to_doc(), fresh=True)
    return state


def set_step(project: Project, item_id: int, step: str) -> RoadmapState:
    """Any step can be visited again, in any order."""
    state = load(project, item_id)
    state.step = Step(step).value
    return save(project, state)


def clean(text: str, empty_key: str = "roadmap.error.text_empty", limit: int = MAX_TEXT) -> str:
    """One line of typed text, made safe to keep (the exercises' shared policy): empty
    refused (unless `empty_key` is ""), length capped."""
    return one_line(text, limit, empty_key or None, "roadmap.error.text_too_long")


# Step 1: each structure's stakes ------------------------------------------------------------
def start_stakes_round(project: Project, item_id: int) -> Round:
    """A hidden contribution round, one turn per structure present: each writes its stakes."""
    from workshop.rounds import RoundMode, RoundSpec, start_round

    state = load(project, item_id)
    spec = RoundSpec(t("roadmap.round.stakes_question"), RoundMode.CONTRIBUTION, hidden=True, by_structure=True, owner=STAKES_OWNER)
    with project.batch():
        started = start_round(project, state.workshop_id, item_id, spec)
        state.stake_rounds.append(started.id)
        save(project, state)
    return started


def running_stakes_round(project: Project, item_id: int) -> Round | None:
    """The stakes round still going on this item, if any (to resume it rather than start another)."""
    from workshop.rounds import get_round

    state = load(project, item_id)
    for round_id in reversed(state.stake_rounds):
        if round_id in state.collected_rounds:
            continue
        try:
            found = get_round(project, round_id)
        except NotFound:
            continue
        if not found.done:
            return found
    return None


def collect_stakes(project: Project, item_id: int, round_id: int | None = None) -> RoadmapState:
    """The stakes written in this item's finished rounds, each round once."""
    from workshop.rounds import contributions, get_round

    state = load(project, item_id)
    pending = [round_id] if round_id else list(state.stake_rounds)
    for rid in pending:
        if rid in state.collected_rounds or rid not in state.stake_rounds:
            continue
        try:
            if not get_round(project, rid).done:
                continue  # still going: what is typed after now would be lost
            found_stakes = contributions(project, rid)
        except NotFound:  # the round was removed: nothing to collect from it
            state.collected_rounds.append(rid)
            continue
        for found in found_stakes:
            text = one_line(found.text, len(found.text or "") + 1, None, "roadmap.error.text_too_long")[:MAX_TEXT]
            if text and found.structure_id:
                state.stakes.append(Stake(state.new_id(), found.structure_id, text, rid))
        state.collected_rounds.append(rid)
    return save(project, state)


def add_stake(project: Project, item_id: int, structure_id: int, text: str) -> Stake:
    """A stake typed by the facilitator for a structure (e.g. sent by one absent today)."""
    project.structure(structure_id)
    state = load(project, item_id)
    stake = Stake(state.new_id(), structure_id, clean(text))
    state.stakes.append(stake)
    save(project, state)
    return stake


def edit_stake(project: Project, item_id: int, stake_id: int, text: str) -> Stake:
    state = load(project, item_id)
    stake = state.stake(stake_id)
    stake.text = clean(text)
    save(project, state)
    return stake


def remove_stake(project: Project, item_id: int, stake_id: int) -> RoadmapState:
    """The stake goes, and leaves the shared stakes that gathered it."""
    state = load(project, item_id)
    state.stake(stake_id)
    state.stakes = [s for s in state.stakes if s.id != stake_id]
    for shared in state.shared:
        shared.stake_ids = [i for i in shared.stake_ids if i != stake_id]
    return save(project, state)


def stakes_by_structure(project: Project, state: RoadmapState) -> list[tuple[int, list[Stake]]]:
    """(structure id, its stakes), in the project's order of structures."""
    order = {s.id: n for n, s in enumerate(project.structures())}
    grouped: dict[int, list[Stake]] = {}
    for stake in state.stakes:
        grouped.setdefault(stake.structure_id, []).append(stake)
    return sorted(grouped.items(), key=lambda pair: order.get(pair[0], len(order)))


# Step 2: shared stakes, by crossing -----------------------------------------------------------
def crossing(state: RoadmapState) -> list[RecurringWord]:
    """The words that recur from one structure's stakes to another's, most shared first.

    The supra objective's crossing, with one "draft" per structure: a word counts
    once per structure that uses it, so a word only one structure repeats is not shared.
    """
    texts: dict[int, list[str]] = {}
    for stake in state.stakes:
        texts.setdefault(stake.structure_id, []).append(stake.text)
    return recurring_words([" ".join(parts) for parts in texts.values()])


def _stake_ids(state: RoadmapState, stake_ids: list[int]) -> list[int]:
    ids = list(dict.fromkeys(stake_ids))
    for stake_id in ids:
        state.stake(stake_id)
    return ids


def add_shared(project: Project, item_id: int, text: str, stake_ids: list[int]) -> SharedStake:
    """A shared stake the room words, gathering some of the structures' stakes."""
    state = load(project, item_id)
    shared = SharedStake(state.new_id(), clean(text), _stake_ids(state, stake_ids))
    state.shared.append(shared)
    save(project, state)
    return shared


def edit_shared(project: Project, item_id: int, shared_id: int, text: str | None = None, stake_ids: list[int] | None = None) -> SharedStake:
    state = load(project, item_id)
    shared = state.shared_stake(shared_id)
    if text is not None:
        shared.text = clean(text)
    if stake_ids is not None:
        shared.stake_ids = _stake_ids(state, stake_ids)
    save(project, state)
    return shared


def gather(project: Project, item_id: int, shared_id: int, stake_ids: list[int]) -> SharedStake:
    """Add stakes to an existing shared stake."""
    state = load(project, item_id)
    shared = state.shared_stake(shared_id)
    return edit_shared(project, item_id, shared_id, stake_ids=[*shared.stake_ids, *stake_ids])


def remove_shared(project: Project, item_id: int, shared_id: int) -> RoadmapState:
    """The shared stake goes; the objectives that translated it keep their other links."""
    state = load(project, item_id)
    state.shared_stake(shared_id)
    state.shared = [s for s in state.shared if s.id != shared_id]
    for objective in state.objectives:
        objective.shared_ids = [i for i in objective.shared_ids if i != shared_id]
    return save(project, state)


def plan(state: RoadmapState) -> list[tuple[Objective, list[tuple[Operational, list[Action]]]]]:
    """The tree of the plan: each shared objective, its operational objectives, their actions."""
    return [
        (objective, [(operational, state.actions_of(operational.id)) for operational in state.operational_of(objective.id)])
        for objective in state.objectives
    ]


# Reading the plan from elsewhere (the fairness balance, the convention) -------------------------------
def latest(project: Project, workshop_id: int) -> RoadmapState | None:
    """The roadmap as it stood at the end of this workshop: its last roadmap item's, or
    the nearest earlier one's; None when no roadmap was worked on by then."""
    for agenda_item in reversed(item_state.items_up_to(project, workshop_id, KIND)):
        doc = item_state.load(project, TABLE, agenda_item.id)
        if doc is not None:
            return RoadmapState.from_doc(doc)
    return None
