"""APT step 4: the three outputs of the grid, and the action proposals raised from them.

Every attraction becomes an objective, every fear a risk with its mitigation and
owner, every temptation a rule of good relational conduct tied to a shared value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from exercises.apt import AptState, Category, Item, clean, save, state
from workshop.errors import ValidationError
from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.project import Project


def _of_kind(current: AptState, apt_item_id: int, category: Category) -> Item:
    item = current.item(apt_item_id)
    if item.category != category:
        raise ValidationError(f"apt.error.not_{category.value}")
    return item


def set_objective(project: Project, item_id: int, apt_item_id: int, text: str) -> Item:
    current = state(project, item_id)
    item = _of_kind(current, apt_item_id, Category.ATTRACTION)
    item.output = clean(text, "optional")
    save(project, current)
    return item


def set_risk(
    project: Project, item_id: int, apt_item_id: int, risk: str | None = None, mitigation: str | None = None, owner: str | None = None
) -> Item:
    current = state(project, item_id)
    item = _of_kind(current, apt_item_id, Category.FEAR)
    if risk is not None:
        item.output = clean(risk, "optional")
    if mitigation is not None:
        item.mitigation = clean(mitigation, "optional")
    if owner is not None:
        item.owner = clean(owner, "optional")
    save(project, current)
    return item


def set_rule(
    project: Project, item_id: int, apt_item_id: int, rule: str | None = None, value: SharedValueRef | None | bool = False
) -> Item:
    """The rule of conduct a temptation becomes; `value` ties it to a shared value (None unties)."""
    current = state(project, item_id)
    item = _of_kind(current, apt_item_id, Category.TEMPTATION)
    if rule is not None:
        item.output = clean(rule, "optional")
    if value is None:
        item.value_item_id = item.value_id = 0
        item.value_label = ""
    elif isinstance(value, SharedValueRef):
        item.value_item_id, item.value_id, item.value_label = value.item_id, value.value_id, value.label
    save(project, current)
    return item


@dataclass(frozen=True)
class SharedValueRef:
    item_id: int
    value_id: int
    label: str


def charter_values(project: Project, workshop_id: int) -> list[SharedValueRef]:
    """The shared values a rule can serve: those retained by the values exercise."""
    from exercises.values import shared_values

    return [SharedValueRef(v.item_id, v.value_id, v.label) for v in shared_values(project, workshop_id)]


@dataclass(frozen=True)
class Objective:
    item: Item
    group: str
    text: str


@dataclass(frozen=True)
class Risk:
    item: Item
    group: str
    risk: str
    mitigation: str
    owner: str


@dataclass(frozen=True)
class Rule:
    item: Item
    group: str
    rule: str
    value: str


def objectives_plan(current: AptState) -> list[Objective]:
    """Every attraction becomes an objective (its own words until the group rewrites it)."""
    return [Objective(i, current.group(i.group_id).label, i.output or i.text) for i in current.of_category(Category.ATTRACTION)]


def risk_plan(current: AptState) -> list[Risk]:
    """Every fear becomes one risk, with its mitigation and owner once the group sets them."""
    return [
        Risk(i, current.group(i.group_id).label, i.output or i.text, i.mitigation, i.owner) for i in current.of_category(Category.FEAR)
    ]


def charter(project: Project, current: AptState) -> list[Rule]:
    """Every temptation becomes a rule of good relational conduct, tied to a shared value."""
    live = {(v.item_id, v.value_id): v.label for v in charter_values(project, current.workshop_id)}
    rules = []
    for i in current.of_category(Category.TEMPTATION):
        value = live.get((i.value_item_id, i.value_id), i.value_label) if i.value_id else ""
        rules.append(Rule(i, current.group(i.group_id).label, i.output or t("apt.output.rule_default", text=i.text), value))
    return rules


def proposal_text(current: AptState, apt_item_id: int) -> str:
    """What to record as an action proposal for an item's output."""
    item = current.item(apt_item_id)
    if item.category == Category.FEAR:
        return item.mitigation or item.output or item.text
    return item.output or item.text


def proposal_author(project: Project, current: AptState, apt_item_id: int) -> tuple[int, int]:
    """(structure, person) to suggest for a proposal: who said the item, else its group's structure, else the promoter."""
    item = current.item(apt_item_id)
    structure = item.structure_id or current.group(item.group_id).structure_id or project.promoter_id
    return structure or 0, item.participant_id or 0


def link_proposal(project: Project, item_id: int, apt_item_id: int, proposal_id: int) -> Item:
    """Remember that an action proposal was recorded from this item (the tracker holds the proposal)."""
    current = state(project, item_id)
    item = current.item(apt_item_id)
    if proposal_id not in item.proposal_ids:
        item.proposal_ids.append(proposal_id)
    save(project, current)
    return item


def record_proposal(project: Project, item_id: int, apt_item_id: int, text: str | None = None, structure_id: int = 0) -> int:
    """Record an action proposal raised here for the commitment tracker; returns its id."""
    from workshop.proposals import record_proposal as record

    current = state(project, item_id)
    current.item(apt_item_id)  # an unknown item raises NotFound here
    text = clean(text if text is not None else proposal_text(current, apt_item_id))
    suggested, person = proposal_author(project, current, apt_item_id)
    with project.batch():
        proposal = record(
            project, text, structure_id or suggested, participant_id=person, workshop_id=current.workshop_id, item_id=item_id, source="apt"
        )
        link_proposal(project, item_id, apt_item_id, proposal.id)
    return proposal.id
