"""Parties prenantes à mobiliser: who to involve in the cooperation, why, and how.

Each stakeholder is a member structure, an external actor already in the
project, or a potential partner not in it yet. For each, the group writes what
is at stake for it, what it risks losing without the project, what it can hope
to gain, the support it could bring (financial, subcontractor, technical,
symbolic, other), how to contact it and the form its participation would take
(convention, charter, other). Each is rated from 1 to 5 on its motivation and
on what it could bring; the map (`stakeholders_map`) places them on those two
axes. A stakeholder marked "to mobilise" joins the project as an external
actor in one key.

Steps: identify (the facilitator's keyboard, the project's structures, or a
contribution round), characterise, map, mobilise. State: one document per
agenda item in the `stakeholders` table, saved at every change. Each
stakeholder's sheet, its ratings and its joining the project: `stakeholders_sheet`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from exercises import item_state
from exercises.typed_text import one_line
from workshop.errors import NotFound, ValidationError
from workshop.i18n import t
from workshop.model import StructureKind
from workshop.names import name_key

if TYPE_CHECKING:
    from workshop.model import Structure
    from workshop.project import Project
    from workshop.rounds import Round

KIND = TABLE = "stakeholders"
OWNER_NAMES = "stakeholders:names"
MAX_NAME = 120
MAX_TEXT = 1000
RATINGS = (1, 2, 3, 4, 5)  # 0: not rated yet
HIGH = 3  # from this rating up, a motivation or a contribution counts as high on the map
# A contribution "CAF : finance les familles" names the stakeholder, then says why.
NAME_SEPARATORS = (" : ", ": ", " — ", " – ", " - ")


class Step(StrEnum):
    IDENTIFY = "identify"
    CHARACTERISE = "characterise"
    MAP = "map"
    MOBILISE = "mobilise"


STEPS = tuple(Step)


class Category(StrEnum):
    MEMBER = "member"  # a member structure of the cooperation
    EXTERNAL = "external"  # an external actor already in the project
    POTENTIAL = "potential"  # a potential partner, not in the project yet


class Support(StrEnum):
    FINANCIAL = "financial"
    SUBCONTRACTOR = "subcontractor"
    TECHNICAL = "technical"
    SYMBOLIC = "symbolic"
    OTHER = "other"


class Participation(StrEnum):
    CONVENTION = "convention"
    CHARTER = "charter"
    OTHER = "other"


class Quadrant(StrEnum):
    """Where the map places a stakeholder, and what the group does about it."""

    ENGAGE = "engage"  # motivated, can bring much: involve actively
    CONVINCE = "convince"  # can bring much, little motivated: convince
    ASSOCIATE = "associate"  # motivated, can bring little: associate, keep informed
    MONITOR = "monitor"  # neither: keep an eye on


@dataclass
class Stakeholder:
    id: int
    name: str
    category: str = Category.POTENTIAL.value
    structure_id: int = 0  # the project's structure it is (members, external actors, added ones)
    kind: str = StructureKind.OTHER.value  # the kind it gets when added as a structure
    stakes: str = ""  # what is at stake for it
    losses: str = ""  # what it risks losing without the project
    gains: str = ""  # what it can hope to gain by taking part
    supports: list[str] = field(default_factory=list)  # Support values
    support_note: str = ""
    contact: str = ""  # how to contact it (who, through whom, which channel)
    participation: str = ""  # a Participation value, "" when not chosen
    participation_note: str = ""
    motivation: int = 0
    contribution: int = 0
    to_mobilise: bool = False
    proposed_by: list[int] = field(default_factory=list)  # participant ids, from the names round

    @property
    def rated(self) -> bool:
        return bool(self.motivation and self.contribution)

    @property
    def characterised(self) -> int:
        """How many of the three questions about motivation have an answer (stakes, losses, gains)."""
        return sum(1 for text in (self.stakes, self.losses, self.gains) if text)

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Stakeholder:
        names = set(cls.__dataclass_fields__)
        data = {k: v for k, v in doc.items() if k in names}
        data["supports"] = list(doc.get("supports", []))
        data["proposed_by"] = list(doc.get("proposed_by", []))
        return cls(**data)


@dataclass
class StakeholdersState:
    item_id: int
    workshop_id: int
    step: str = Step.IDENTIFY.value
    stakeholders: list[Stakeholder] = field(default_factory=list)
    next_id: int = 1
    names_rounds: list[int] = field(default_factory=list)
    collected_rounds: list[int] = field(default_factory=list)

    def to_doc(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> StakeholdersState:
        names = set(cls.__dataclass_fields__)
        data = {k: v for k, v in doc.items() if k in names}
        data["stakeholders"] = [Stakeholder.from_doc(s) for s in doc.get("stakeholders", [])]
        data["names_rounds"] = list(doc.get("names_rounds", []))
        data["collected_rounds"] = list(doc.get("collected_rounds", []))
        return cls(**data)

    def stakeholder(self, stakeholder_id: int) -> Stakeholder:
        for stakeholder in self.stakeholders:
            if stakeholder.id == stakeholder_id:
                return stakeholder
        raise NotFound("stakeholders.error.no_such", id=stakeholder_id)

    def number(self, stakeholder_id: int) -> int:
        """Its number on the map and in the lists: its place in the list, from 1."""
        for index, stakeholder in enumerate(self.stakeholders, start=1):
            if stakeholder.id == stakeholder_id:
                return index
        return 0


# Storage ---------------------------------------------------------------------------------
def load(project: Project, item_id: int) -> StakeholdersState:
    doc = item_state.load(project, TABLE, item_id)
    if doc is not None:
        return StakeholdersState.from_doc(doc)
    item = project.agenda_item(item_id)
    return StakeholdersState(item_id=item_id, workshop_id=item.workshop_id)


def save(project: Project, state: StakeholdersState) -> StakeholdersState:
    item_state.save(project, TABLE, state.item_id, state.to_doc(), fresh=True)
    return state


def set_step(project: Project, item_id: int, step: Step | str) -> StakeholdersState:
    return save(project, replace(load(project, item_id), step=Step(step).value))


# Text ------------------------------------------------------------------------------------
def clean_name(text: str) -> str:
    return one_line(text, MAX_NAME, "stakeholders.error.name_empty", "stakeholders.error.name_too_long")


def clean_text(text: str) -> str:
    return one_line(text, MAX_TEXT, None, "stakeholders.error.text_too_long")


def display_name(stakeholder: Stakeholder, structures: dict[int, Structure]) -> str:
    """The structure's current name when it is one of the project's, else the name typed."""
    structure = structures.get(stakeholder.structure_id)
    return structure.name if structure is not None else stakeholder.name


def structures_by_id(project: Project) -> dict[int, Structure]:
    return {s.id: s for s in project.structures()}


def refuse_duplicate(state: StakeholdersState, name: str, structures: dict[int, Structure], exclude: int = 0) -> None:
    key = name_key(name)
    for other in state.stakeholders:
        if other.id != exclude and name_key(display_name(other, structures)) == key:
            raise ValidationError("stakeholders.error.duplicate", name=display_name(other, structures))


# Identify --------------------------------------------------------------------------------
def add_stakeholder(
    project: Project,
    item_id: int,
    name: str,
    category: Category | str = Category.POTENTIAL,
    kind: StructureKind | str = StructureKind.OTHER,
    proposed_by: Iterable[int] = (),
) -> Stakeholder:
    """A potential partner typed by the facilitator (members and external actors come from the project)."""
    name = clean_name(name)
    category = Category(category)
    if category is not Category.POTENTIAL:
        raise ValidationError("stakeholders.error.use_structures")
    state = load(project, item_id)
    refuse_duplicate(state, name, structures_by_id(project))
    added = Stakeholder(state.next_id, name, category.value, kind=StructureKind(kind).value, proposed_by=list(proposed_by))
    save(project, replace(state, stakeholders=[*state.stakeholders, added], next_id=added.id + 1))
    return added


def importable(project: Project, item_id: int) -> int:
    """How many of the project's structures `import_structures` would list or link."""
    listed = {s.structure_id for s in load(project, item_id).stakeholders if s.structure_id}
    return sum(1 for structure in project.structures() if structure.id not in listed)


def import_structures(project: Project, item_id: int) -> int:
    """Every structure of the project not listed yet joins the list: members, then external actors."""
    state = load(project, item_id)
    listed = {s.structure_id for s in state.stakeholders if s.structure_id}
    keys = {name_key(s.name) for s in state.stakeholders if not s.structure_id}
    added: list[Stakeholder] = []
    next_id = state.next_id
    for structure in project.structures():
        if structure.id in listed:
            continue
        if name_key(structure.name) in keys:
            # Typed as a potential partner before it joined the project: link it rather than list it twice.
            state = _link(state, name_key(structure.name), structure)
            continue
        category = Category.MEMBER if structure.member else Category.EXTERNAL
        added.append(Stakeholder(next_id, structure.name, category.value, structure.id, structure.kind))
        next_id += 1
    save(project, replace(state, stakeholders=[*state.stakeholders, *added], next_id=next_id))
    return len(added)


def _link(state: StakeholdersState, key: str, structure: Structure) -> StakeholdersState:
    category = Category.MEMBER if structure.member else Category.EXTERNAL
    linked = [
        replace(s, structure_id=structure.id, category=category.value, name=structure.name)
        if not s.structure_id and name_key(s.name) == key
        else s
        for s in state.stakeholders
    ]
    return replace(state, stakeholders=linked)


def start_names_round(project: Project, item_id: int, hidden: bool = True) -> Round:
    """A contribution round: each person names the actors worth mobilising (one per contribution)."""
    from workshop.rounds import RoundMode, RoundSpec, start_round

    state = load(project, item_id)
    spec = RoundSpec(t("stakeholders.round.question"), RoundMode.CONTRIBUTION, hidden=hidden, owner=OWNER_NAMES)
    with project.batch():
        started = start_round(project, state.workshop_id, item_id, spec)
        save(project, replace(state, names_rounds=[*state.names_rounds, started.id]))
    return started


def split_contribution(text: str) -> tuple[str, str]:
    """'CAF : finance les familles' → ('CAF', 'finance les familles'); a long name is cut at a word."""
    text = one_line(text, 10**6, None, "stakeholders.error.text_too_long")
    name, why = text, ""
    for separator in NAME_SEPARATORS:
        head, found, tail = text.partition(separator)
        if found and head.strip():
            name, why = head.strip(), tail.strip()
            break
    if len(name) > MAX_NAME:
        cut = name[: MAX_NAME - 1].rsplit(" ", 1)[0] or name[: MAX_NAME - 1]
        why = " ".join(p for p in (name, why) if p)
        name = cut + "…"
    return name, why[:MAX_TEXT]


def collect_names(project: Project, item_id: int, round_id: int) -> StakeholdersState:
    """The names round's contributions join the list (once; a name said twice keeps both proposers)."""
    from workshop.rounds import contributions

    state = load(project, item_id)
    if round_id in state.collected_rounds:
        return state
    structures = structures_by_id(project)
    by_key = {name_key(display_name(s, structures)): s for s in state.stakeholders}
    stakeholders = list(state.stakeholders)
    next_id = state.next_id
    for contribution in contributions(project, round_id):
        name, why = split_contribution(contribution.text)
        if not name:
            continue
        who = [contribution.participant_id] if contribution.participant_id else []
        known = by_key.get(name_key(name))
        if known is not None:
            index = stakeholders.index(known)
            stakes = known.stakes or why
            merged = replace(known, proposed_by=[*known.proposed_by, *[p for p in who if p not in known.proposed_by]], stakes=stakes)
            stakeholders[index] = merged
            by_key[name_key(name)] = merged
            continue
        added = Stakeholder(next_id, name, Category.POTENTIAL.value, stakes=why, proposed_by=who)
        next_id += 1
        stakeholders.append(added)
        by_key[name_key(name)] = added
    state = replace(state, stakeholders=stakeholders, next_id=next_id, collected_rounds=[*state.collected_rounds, round_id])
    return save(project, state)


def collect_pending(project: Project, item_id: int) -> StakeholdersState:
    """Collect the names rounds that ended while the screen was away (a crash, a restart)."""
    from workshop.rounds import get_round

    state = load(project, item_id)
    for round_id in state.names_rounds:
        if round_id in state.collected_rounds:
            continue
        try:
            ended = get_round(project, round_id)
        except NotFound:
            continue
        if ended.done:
            state = collect_names(project, item_id, round_id)
    return state


def earlier(project: Project, item_id: int) -> StakeholdersState | None:
    """The stakeholders list worked on most recently before this agenda item."""
    from workshop.convention.parts import items_of_kind

    items = items_of_kind(project, KIND)
    position = next((i for i, item in enumerate(items) if item.id == item_id), len(items))
    for item in reversed(items[:position]):
        doc = item_state.load(project, TABLE, item.id)
        if doc is not None and doc.get("stakeholders"):
            return StakeholdersState.from_doc(doc)
    return None


def carry_over(project: Project, item_id: int) -> StakeholdersState:
    """Start from the previous workshop's list: every stakeholder with its sheet and ratings."""
    state = load(project, item_id)
    if state.stakeholders:
        raise ValidationError("stakeholders.error.carry_not_empty")
    source = earlier(project, item_id)
    if source is None:
        raise ValidationError("stakeholders.error.nothing_to_carry")
    return save(project, replace(state, stakeholders=list(source.stakeholders), next_id=source.next_id))


def remove_stakeholder(project: Project, item_id: int, stakeholder_id: int) -> StakeholdersState:
    """Out of this list (a structure it became stays in the project)."""
    state = load(project, item_id)
    state.stakeholder(stakeholder_id)
    return save(project, replace(state, stakeholders=[s for s in state.stakeholders if s.id != stakeholder_id]))


def move_stakeholder(project: Project, item_id: int, stakeholder_id: int, delta: int) -> StakeholdersState:
    state = load(project, item_id)
    state.stakeholder(stakeholder_id)
    ordered = list(state.stakeholders)
    index = next(i for i, s in enumerate(ordered) if s.id == stakeholder_id)
    target = max(0, min(len(ordered) - 1, index + delta))
    ordered.insert(target, ordered.pop(index))
    return save(project, replace(state, stakeholders=ordered))


# Reading ------------------------------------------------------------------------------------
def quadrant(stakeholder: Stakeholder) -> Quadrant | None:
    """Where the map places it (None until both ratings are set)."""
    if not stakeholder.rated:
        return None
    motivated = stakeholder.motivation >= HIGH
    able = stakeholder.contribution >= HIGH
    if motivated and able:
        return Quadrant.ENGAGE
    if able:
        return Quadrant.CONVINCE
    if motivated:
        return Quadrant.ASSOCIATE
    return Quadrant.MONITOR


def to_mobilise(state: StakeholdersState) -> list[Stakeholder]:
    return [s for s in state.stakeholders if s.to_mobilise]


def support_label(stakeholder: Stakeholder) -> str:
    """'financier, technique (prêt d'un minibus)': the kinds of support, then the detail."""
    kinds = ", ".join(t(f"stakeholders.support.{s}") for s in stakeholder.supports)
    if stakeholder.support_note:
        return f"{kinds} ({stakeholder.support_note})" if kinds else stakeholder.support_note
    return kinds


def participation_label(stakeholder: Stakeholder) -> str:
    form = t(f"stakeholders.participation.{stakeholder.participation}") if stakeholder.participation else ""
    if stakeholder.participation_note:
        return f"{form} ({stakeholder.participation_note})" if form else stakeholder.participation_note
    return form


def latest_with_stakeholders(project: Project) -> StakeholdersState | None:
    """The most recent stakeholders list of the project that holds anyone (for the convention)."""
    from workshop.convention.parts import items_of_kind

    for item in reversed(items_of_kind(project, KIND)):
        doc = item_state.load(project, TABLE, item.id)
        if doc is not None:
            state = StakeholdersState.from_doc(doc)
            if state.stakeholders:
                return state
    return None


__all__ = [
    "Category",
    "Participation",
    "Quadrant",
    "Stakeholder",
    "StakeholdersState",
    "Step",
    "Support",
    "add_stakeholder",
    "collect_names",
    "collect_pending",
    "import_structures",
    "load",
    "move_stakeholder",
    "quadrant",
    "remove_stakeholder",
    "save",
    "set_step",
    "split_contribution",
    "start_names_round",
    "to_mobilise",
]
