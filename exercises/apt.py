"""Attractions, fears, temptations (attraits / peurs / tentations, APT).

For each group whose view is mapped (stakeholder groups, or the structures
themselves), the room lists what attracts it in the cooperation, what it fears,
and what may tempt it. Items are weighted by a round so the discussion starts
with what weighs most. The grid then gives, at once, the three outputs of the
method: every attraction an objective (objectives plan), every fear a risk with
its mitigation and owner (risk plan), every temptation a rule of good relational
conduct tied to a shared value (relational charter): see `apt_outputs`. The
balance of the three per group gives a reading of its dynamics: `apt_balance`.
This module holds the state and the first three steps (groups, grid, weighting).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from exercises import item_state
from workshop.errors import NotFound, ValidationError
from workshop.i18n import t
from workshop.model import Role
from workshop.phrases import Phrase, keys_starting, phrase, recognise, say
from workshop.text import clean_line

if TYPE_CHECKING:
    from workshop.project import Project
    from workshop.rounds import Round

TABLE = "apt"
CONTRIBUTE_OWNER = "apt:contribute"
WEIGH_OWNER = "apt:weigh"
MAX_TEXT = 500
MAX_OPTIONS = 35  # a secret ballot gives each option one key: 1–9 then a–z


class Step(StrEnum):
    GROUPS = "groups"
    GRID = "grid"
    WEIGH = "weigh"
    OUTPUTS = "outputs"
    BALANCE = "balance"


STEPS = tuple(Step)


class Category(StrEnum):
    ATTRACTION = "attraction"
    FEAR = "fear"
    TEMPTATION = "temptation"


CATEGORIES = tuple(Category)


class GroupMode(StrEnum):
    STAKEHOLDERS = "stakeholders"
    STRUCTURES = "structures"


class Perspective(StrEnum):
    """Who speaks about the group: itself, the others, or not known (typed by the facilitator)."""

    UNKNOWN = ""
    SELF = "self"
    OTHERS = "others"


class Dynamic(StrEnum):
    COOPERATIVE = "cooperative"  # pulled by attractions, held by trust
    OPPORTUNIST = "opportunist"  # pushed by temptation, held back by fear
    INDIVIDUALIST = "individualist"  # pushed by fear, brought back by attractions
    MIXED = "mixed"  # no single feeling leads
    EMPTY = "empty"


# The default stakeholder groups, and the roles whose holders speak for each. The
# source (seed 002) maps service providers and beneficiaries besides the people of
# the structures: whoever offers a (pooled) service and whoever receives it see
# the cooperation differently. No role speaks for them by default.
DEFAULT_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("directions", (Role.DIRECTION.value,)),
    ("managers", (Role.MANAGER.value,)),
    ("staff", (Role.STAFF.value,)),
    ("users", (Role.USER.value,)),
    ("board", (Role.BOARD.value, Role.CHAIR.value)),
    ("providers", ()),
    ("beneficiaries", ()),
)


@dataclass
class Group:
    id: int
    label: str
    structure_id: int = 0  # set when the groups are the structures
    roles: list[str] = field(default_factory=list)  # stakeholder groups: the roles that belong to it
    # A default group's name is the app's: its catalog key, so that it reads in either language.
    label_key: str = ""

    @property
    def label_phrase(self) -> str | Phrase:
        """The name as a phrase parameter (`workshop.phrases`): the key of a default name, else the text."""
        return phrase(self.label_key) if self.label_key else self.label


@dataclass
class Item:
    id: int
    group_id: int
    category: str
    text: str
    participant_id: int | None = None  # who said it (None: typed by the facilitator, or secret)
    structure_id: int | None = None
    perspective: str = Perspective.UNKNOWN.value
    weight: float | None = None  # points from a weighting round; None until weighed
    # The output this item becomes (objective, risk or rule), as the group wrote it.
    output: str = ""
    mitigation: str = ""  # fears
    owner: str = ""  # fears
    value_item_id: int = 0  # temptations: the shared value the rule serves
    value_id: int = 0
    value_label: str = ""
    proposal_ids: list[int] = field(default_factory=list)


@dataclass
class AptState:
    item_id: int
    workshop_id: int
    step: str = Step.GROUPS.value
    group_mode: str = GroupMode.STAKEHOLDERS.value
    groups: list[Group] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    next_id: int = 1
    contribution_rounds: dict[str, list[Any]] = field(default_factory=dict)  # round id -> [group id, category]
    collected_rounds: list[int] = field(default_factory=list)
    weigh_rounds: dict[str, list[int]] = field(default_factory=dict)  # round id -> item ids in option order
    weighed_rounds: list[int] = field(default_factory=list)
    mirror: bool = False

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AptState:
        data = dict(data)
        data["groups"] = [_group(g) for g in data.get("groups", [])]
        data["items"] = [Item(**i) for i in data.get("items", [])]
        return cls(**data)

    def to_dict(self) -> dict[str, Any]:
        # By hand rather than dataclasses.asdict: this runs on every change, and asdict deep-copies.
        data = dict(vars(self))
        data["groups"] = [dict(vars(g), roles=list(g.roles)) for g in self.groups]
        data["items"] = [dict(vars(i), proposal_ids=list(i.proposal_ids)) for i in self.items]
        data["contribution_rounds"] = {k: list(v) for k, v in self.contribution_rounds.items()}
        data["weigh_rounds"] = {k: list(v) for k, v in self.weigh_rounds.items()}
        data["collected_rounds"] = list(self.collected_rounds)
        data["weighed_rounds"] = list(self.weighed_rounds)
        return data

    def _new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def group(self, group_id: int) -> Group:
        for group in self.groups:
            if group.id == group_id:
                return group
        raise NotFound("apt.error.no_group", id=group_id)

    def item(self, item_id: int) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise NotFound("apt.error.no_item", id=item_id)

    def items_of(self, group_id: int, category: str | None = None) -> list[Item]:
        """A group's items, weightiest first (unweighed ones keep their order)."""
        found = [i for i in self.items if i.group_id == group_id and (category is None or i.category == category)]
        order = {c.value: n for n, c in enumerate(CATEGORIES)}
        return sorted(found, key=lambda i: (order.get(i.category, 9), -(i.weight or 0)))

    def of_category(self, category: str) -> list[Item]:
        groups = {g.id: n for n, g in enumerate(self.groups)}
        found = [i for i in self.items if i.category == category]
        return sorted(found, key=lambda i: (groups.get(i.group_id, 99), -(i.weight or 0)))

    def group_of_author(self, participant_role: str | None, structure_id: int | None) -> int:
        """The group a person speaks from: their structure, or the group holding their role."""
        for group in self.groups:
            if group.structure_id and structure_id and group.structure_id == structure_id:
                return group.id
            if participant_role and participant_role in group.roles:
                return group.id
        return 0


def _group(data: dict[str, Any]) -> Group:
    group = Group(**data)
    if not group.label_key and not group.structure_id:
        # Saved before default names were keys: a default name in either language is recognised.
        found = recognise(group.label, keys_starting("apt.group."))
        if found is not None:
            group.label_key = found["key"]
    if group.label_key:
        group.label = t(group.label_key)
    return group


# State -------------------------------------------------------------------------------------
def state(project: Project, item_id: int) -> AptState:
    data = item_state.load(project, TABLE, item_id)
    if data is not None:
        return AptState.from_dict(data)
    item = project.agenda_item(item_id)
    current = AptState(item_id=item_id, workshop_id=item.workshop_id)
    current.groups = _stakeholder_groups(current)
    return current


def save(project: Project, current: AptState) -> AptState:
    """Store the exercise's state on its agenda item."""
    item_state.save(project, TABLE, current.item_id, current.to_dict(), fresh=True)
    return current


def set_step(project: Project, item_id: int, step: str) -> AptState:
    current = state(project, item_id)
    current.step = Step(step).value
    return save(project, current)


def set_mirror(project: Project, item_id: int, on: bool) -> AptState:
    current = state(project, item_id)
    current.mirror = bool(on)
    return save(project, current)


def clean(text: str, what: str = "text") -> str:
    """Typed text on one line, per the text policy: empty refused unless `what` is "optional", length capped."""
    empty = None if what == "optional" else "apt.error.text_empty"
    return clean_line(text, empty=empty, too_long="apt.error.text_too_long", limit=MAX_TEXT)


# Step 1: the groups ----------------------------------------------------------------------------
def _stakeholder_groups(current: AptState) -> list[Group]:
    return [Group(current._new_id(), t(f"apt.group.{key}"), 0, list(roles), f"apt.group.{key}") for key, roles in DEFAULT_GROUPS]


def use_stakeholder_groups(project: Project, item_id: int) -> AptState:
    """The editable default list: directions, middle managers, staff, service users, board."""
    current = state(project, item_id)
    _refuse_if_filled(current)
    current.groups = _stakeholder_groups(current)
    current.group_mode = GroupMode.STAKEHOLDERS.value
    return save(project, current)


def use_structures(project: Project, item_id: int) -> AptState:
    """Map the view of each member structure instead of stakeholder groups."""
    current = state(project, item_id)
    _refuse_if_filled(current)
    members = [s for s in project.structures() if s.member]
    current.groups = [Group(current._new_id(), s.name, s.id) for s in members]
    current.group_mode = GroupMode.STRUCTURES.value
    return save(project, current)


def _refuse_if_filled(current: AptState) -> None:
    if current.items:
        raise ValidationError("apt.error.groups_have_items", count=len(current.items))


def add_group(project: Project, item_id: int, label: str) -> Group:
    current = state(project, item_id)
    label = clean(label)
    if any(g.label.casefold() == label.casefold() for g in current.groups):
        raise ValidationError("apt.error.group_exists", label=label)
    group = Group(current._new_id(), label)
    current.groups.append(group)
    save(project, current)
    return group


def rename_group(project: Project, item_id: int, group_id: int, label: str) -> Group:
    current = state(project, item_id)
    group = current.group(group_id)
    label = clean(label)
    if any(g.id != group_id and g.label.casefold() == label.casefold() for g in current.groups):
        raise ValidationError("apt.error.group_exists", label=label)
    group.label = label
    group.label_key = ""  # renamed: the group's name is now the group's own
    save(project, current)
    return group


def remove_group(project: Project, item_id: int, group_id: int) -> AptState:
    current = state(project, item_id)
    group = current.group(group_id)
    count = len(current.items_of(group_id))
    if count:
        raise ValidationError("apt.error.group_has_items", label=group.label, count=count)
    current.groups = [g for g in current.groups if g.id != group_id]
    with project.undo.step("apt_group_removed", label=group.label):
        return save(project, current)


def move_group(project: Project, item_id: int, group_id: int, delta: int) -> AptState:
    current = state(project, item_id)
    group = current.group(group_id)
    index = current.groups.index(group)
    target = max(0, min(len(current.groups) - 1, index + delta))
    current.groups.insert(target, current.groups.pop(index))
    return save(project, current)


# Step 2: the grid -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Said:
    """One item as someone said it (a contribution, or the facilitator's keyboard)."""

    text: str
    participant_id: int | None = None
    structure_id: int | None = None


def add_item(
    project: Project,
    item_id: int,
    group_id: int,
    category: str,
    text: str,
    perspective: str = Perspective.UNKNOWN.value,
) -> Item:
    """The facilitator types an item into the grid."""
    current = state(project, item_id)
    current.group(group_id)
    item = Item(current._new_id(), group_id, Category(category).value, clean(text), perspective=Perspective(perspective).value)
    current.items.append(item)
    if current.step == Step.GROUPS:
        current.step = Step.GRID.value
    save(project, current)
    return item


def add_said(project: Project, item_id: int, group_id: int, category: str, said: Iterable[Said]) -> AptState:
    """Add what people said about a group; each is marked as seen from itself or from the others."""
    current = state(project, item_id)
    _add_said(project, current, group_id, Category(category).value, said)
    return save(project, current)


def _add_said(project: Project, current: AptState, group_id: int, category: str, said: Iterable[Said]) -> None:
    current.group(group_id)
    roles = {p.id: p.role for p in project.participants()}
    for entry in said:
        try:
            text = clean(entry.text)
        except ValidationError:
            continue
        author_group = current.group_of_author(roles.get(entry.participant_id or 0), entry.structure_id)
        if not author_group:
            perspective = Perspective.UNKNOWN
        elif author_group == group_id:
            perspective = Perspective.SELF
        else:
            perspective = Perspective.OTHERS
        current.items.append(
            Item(current._new_id(), group_id, category, text, entry.participant_id, entry.structure_id, perspective.value)
        )
    if current.step == Step.GROUPS:
        current.step = Step.GRID.value


def edit_item(project: Project, item_id: int, apt_item_id: int, text: str) -> Item:
    current = state(project, item_id)
    item = current.item(apt_item_id)
    item.text = clean(text)
    save(project, current)
    return item


def move_item(project: Project, item_id: int, apt_item_id: int, group_id: int | None = None, category: str | None = None) -> Item:
    """Put an item in another cell of the grid (another group, another feeling)."""
    current = state(project, item_id)
    item = current.item(apt_item_id)
    if group_id is not None:
        current.group(group_id)
        item.group_id = group_id
    if category is not None and Category(category).value != item.category:
        item.category = Category(category).value
        item.output = item.mitigation = item.owner = ""
        item.value_item_id = item.value_id = 0
        item.value_label = ""
    save(project, current)
    return item


def set_perspective(project: Project, item_id: int, apt_item_id: int, perspective: str) -> Item:
    current = state(project, item_id)
    item = current.item(apt_item_id)
    item.perspective = Perspective(perspective).value
    save(project, current)
    return item


def remove_item(project: Project, item_id: int, apt_item_id: int) -> AptState:
    current = state(project, item_id)
    removed = current.item(apt_item_id)
    current.items = [i for i in current.items if i.id != apt_item_id]
    with project.undo.step("apt_item_removed", text=removed.text):
        return save(project, current)


def mirror(current: AptState, group_id: int, category: str | None = None) -> tuple[list[Item], list[Item], list[Item]]:
    """A group seen by itself, by the others, and by no one known (typed by the facilitator)."""
    items = current.items_of(group_id, category)
    return (
        [i for i in items if i.perspective == Perspective.SELF],
        [i for i in items if i.perspective == Perspective.OTHERS],
        [i for i in items if i.perspective == Perspective.UNKNOWN],
    )


def contribution_phrase(current: AptState, group_id: int, category: str) -> Phrase:
    return phrase(f"apt.round.question_{Category(category).value}", group=current.group(group_id).label_phrase)


def contribution_question(current: AptState, group_id: int, category: str) -> str:
    return say(contribution_phrase(current, group_id, category))


def start_contribution_round(project: Project, item_id: int, group_id: int, category: str, hidden: bool = True) -> Round:
    """A contribution round filling one cell of the grid: one group, one feeling."""
    from workshop.rounds import RoundMode, RoundSpec, start_round

    current = state(project, item_id)
    worded = contribution_phrase(current, group_id, category)
    spec = RoundSpec(say(worded), RoundMode.CONTRIBUTION, hidden=hidden, owner=CONTRIBUTE_OWNER, question_phrase=worded)
    with project.batch():
        started = start_round(project, current.workshop_id, item_id, spec)
        current.contribution_rounds[str(started.id)] = [group_id, Category(category).value]
        if current.step == Step.GROUPS:
            current.step = Step.GRID.value
        save(project, current)
    return started


def collect_contributions(project: Project, item_id: int, round_id: int | None = None) -> AptState:
    """Put the contributions of this item's rounds in their cells (each round once)."""
    from workshop.rounds import contributions

    current = state(project, item_id)
    pending = [str(round_id)] if round_id else list(current.contribution_rounds)
    for rid in pending:
        if int(rid) in current.collected_rounds or rid not in current.contribution_rounds:
            continue
        group_id, category = current.contribution_rounds[rid]
        found = contributions(project, int(rid))
        _add_said(project, current, group_id, category, (Said(c.text, c.participant_id, c.structure_id) for c in found))
        current.collected_rounds.append(int(rid))
    return save(project, current)


# Step 3: weighting --------------------------------------------------------------------------------
def weighing_scope(current: AptState, category: str | None = None, group_id: int | None = None) -> list[Item]:
    items = [i for i in current.items if (category is None or i.category == category) and (group_id is None or i.group_id == group_id)]
    return items


def option_phrases(current: AptState, items: list[Item]) -> list[Phrase]:
    """Ballot labels for items: the group and the feeling first, unique even when texts repeat."""
    worded: list[Phrase] = []
    seen: set[str] = set()
    for item in items:
        base = phrase(
            "apt.round.option",
            group=current.group(item.group_id).label_phrase,
            category=phrase(f"apt.category.{item.category}.short"),
            text=item.text,
        )
        label, n = base, 2
        while say(label).casefold() in seen:
            label = phrase("rounds.numbered", label=base, number=str(n))
            n += 1
        seen.add(say(label).casefold())
        worded.append(label)
    return worded


def option_labels(current: AptState, items: list[Item]) -> list[str]:
    return [say(p) for p in option_phrases(current, items)]


def start_weighting_round(
    project: Project, item_id: int, category: str | None = None, group_id: int | None = None, budget: int = 0, secret: bool = True
) -> Round:
    """A dot vote over the grid's items (all of them, one feeling, or one group): secret,
    as the guide proposes (fears and temptations are said more freely unseen)."""
    from workshop.rounds import RoundMode, RoundSpec, start_round

    current = state(project, item_id)
    items = weighing_scope(current, category, group_id)
    if len(items) < 2:
        raise ValidationError("apt.error.weigh_needs_two")
    if len(items) > MAX_OPTIONS:
        raise ValidationError("apt.error.weigh_too_many", count=len(items), limit=MAX_OPTIONS)
    worded = weigh_phrase(current, category, group_id)
    options = option_phrases(current, items)
    spec = RoundSpec(
        say(worded),
        RoundMode.DOT,
        options=[say(p) for p in options],
        secret=secret,
        budget=budget,
        owner=WEIGH_OWNER,
        question_phrase=worded,
        option_phrases=options,
    )
    with project.batch():
        started = start_round(project, current.workshop_id, item_id, spec)
        current.weigh_rounds[str(started.id)] = [i.id for i in items]
        current.step = Step.WEIGH.value
        save(project, current)
    return started


def weigh_phrase(current: AptState, category: str | None = None, group_id: int | None = None) -> Phrase:
    """The weighing question, saying what is weighed: one feeling, one group, or both."""
    if group_id is not None and category:
        return phrase(f"apt.round.weigh_group_{Category(category).value}", group=current.group(group_id).label_phrase)
    if group_id is not None:
        return phrase("apt.round.weigh_group", group=current.group(group_id).label_phrase)
    if category:
        return phrase(f"apt.round.weigh_question_{Category(category).value}")
    return phrase("apt.round.weigh_question")


def record_weights(project: Project, item_id: int, points: dict[int, float]) -> AptState:
    """Store the points each item received (apt item id -> points)."""
    current = state(project, item_id)
    for item in current.items:
        if item.id in points:
            item.weight = float(points[item.id])
    return save(project, current)


def collect_weights(project: Project, item_id: int, round_id: int) -> AptState:
    """Read a weighting round's points into its items."""
    from workshop.rounds import results

    current = state(project, item_id)
    ids = current.weigh_rounds.get(str(round_id))
    if ids is None:
        raise ValidationError("apt.error.not_a_weighing", id=round_id)
    points = {ids[int(o.value)]: float(o.count) for o in results(project, round_id).options if int(o.value) < len(ids)}
    for item in current.items:
        if item.id in points:
            item.weight = points[item.id]
    if round_id not in current.weighed_rounds:
        current.weighed_rounds.append(round_id)
    return save(project, current)
