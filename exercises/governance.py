"""Gouvernance: the bodies that steer the project phase and then the cooperation.

For each body, mandatory or optional: its name, what it is for, its members
(structures and/or people), how often it meets, how it decides (consent,
majority with its threshold, unanimity), its quorum, and how and why it is
called on. The project has a leader (a structure, a person) and, when the
group chooses it, a small governance team that rotates. Each body's rules are
adopted by a consent round; an objection sends them back to editing, and the
minutes keep every attempt (`governance_consent`). The bodies make the
"Gouvernance" part of the draft convention (seed 000).

State: one document per agenda item in the `governance` table, saved at every change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from exercises import item_state
from exercises.typed_text import one_line
from workshop.errors import NotFound, ValidationError
from workshop.i18n import language, t
from workshop.names import name_key

if TYPE_CHECKING:
    from workshop.project import Project

KIND = TABLE = "governance"
MAX_NAME = 120
MAX_TEXT = 1000


class Phase(StrEnum):
    PROJECT = "project"  # the project phase: preparing the cooperation
    COOPERATION = "cooperation"  # the cooperation once agreed


class DecisionRule(StrEnum):
    CONSENT = "consent"
    MAJORITY = "majority"
    UNANIMITY = "unanimity"


class Status(StrEnum):
    DRAFT = "draft"  # being written (or back to writing after an objection)
    CONSENT = "consent"  # a consent round on its rules is running
    ADOPTED = "adopted"


@dataclass
class ConsentAttempt:
    round_id: int
    rules: str  # the rules as put to consent, word for word
    passed: bool | None = None  # None while the round runs, or when it ended without a decision
    counts: dict[str, int] = field(default_factory=dict)
    reservations: list[str] = field(default_factory=list)
    objections: list[str] = field(default_factory=list)
    handling: str = ""  # what the room did about the objections
    at: float = 0.0


@dataclass
class Body:
    id: int
    name: str
    phase: str = Phase.PROJECT.value
    mandatory: bool = True
    purpose: str = ""
    structures: list[int] = field(default_factory=list)  # member structures
    people: list[int] = field(default_factory=list)  # participants sitting in their own name
    other_members: str = ""  # members who are neither (a service users' representative…)
    frequency: str = ""
    rule: str = DecisionRule.CONSENT.value
    majority: str = ""  # the threshold of a majority rule: "1/2", "2/3", "60 %"
    quorum: str = ""
    convened: str = ""  # how it is called on: who convenes it, with what notice
    referral: str = ""  # why it is called on: the matters brought before it
    status: str = Status.DRAFT.value
    consents: list[ConsentAttempt] = field(default_factory=list)
    adopted_rules: str = ""
    adopted_in: str = ""  # carried over from an earlier workshop where it was adopted: that workshop

    @property
    def adopted(self) -> bool:
        return self.status == Status.ADOPTED

    @property
    def open_consent(self) -> ConsentAttempt | None:
        if self.status == Status.CONSENT and self.consents and self.consents[-1].passed is None:
            return self.consents[-1]
        return None

    @property
    def has_members(self) -> bool:
        return bool(self.structures or self.people or self.other_members)

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Body:
        names = set(cls.__dataclass_fields__)
        data = {k: v for k, v in doc.items() if k in names}
        data["structures"] = list(doc.get("structures", []))
        data["people"] = list(doc.get("people", []))
        data["consents"] = [ConsentAttempt(**c) for c in doc.get("consents", [])]
        return cls(**data)


@dataclass
class GovernanceState:
    item_id: int
    workshop_id: int
    bodies: list[Body] = field(default_factory=list)
    next_id: int = 1
    leader_structure: int = 0  # the structure that leads the project
    leader_person: int = 0  # the person who embodies it, when named
    leader_means: str = ""  # the time and means the leader gives itself
    team_chosen: bool = False  # a small governance team that rotates, rather than one leader
    team_structures: list[int] = field(default_factory=list)
    rotation: str = ""  # how the team rotates
    by_structure: bool = False  # consent rounds: one turn per structure rather than per person

    def to_doc(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> GovernanceState:
        names = set(cls.__dataclass_fields__)
        data = {k: v for k, v in doc.items() if k in names}
        data["bodies"] = [Body.from_doc(b) for b in doc.get("bodies", [])]
        data["team_structures"] = list(doc.get("team_structures", []))
        return cls(**data)

    def body(self, body_id: int) -> Body:
        for body in self.bodies:
            if body.id == body_id:
                return body
        raise NotFound("governance.error.no_such_body", id=body_id)

    def with_body(self, changed: Body) -> GovernanceState:
        return replace(self, bodies=[changed if b.id == changed.id else b for b in self.bodies])


# Storage ---------------------------------------------------------------------------------
def load(project: Project, item_id: int) -> GovernanceState:
    doc = item_state.load(project, TABLE, item_id)
    if doc is not None:
        return GovernanceState.from_doc(doc)
    item = project.agenda_item(item_id)
    return GovernanceState(item_id=item_id, workshop_id=item.workshop_id)


def save(project: Project, state: GovernanceState) -> GovernanceState:
    item_state.save(project, TABLE, state.item_id, state.to_doc(), fresh=True)
    return state


# Text ------------------------------------------------------------------------------------
def _clean(text: str, empty_key: str | None = None, limit: int = MAX_TEXT) -> str:
    return one_line(text, limit, empty_key, "governance.error.too_long")


_FRACTION = re.compile(r"^(\d{1,2})\s*/\s*(\d{1,2})$")
_PERCENT = re.compile(r"^(\d{1,2}(?:[.,]\d{1,2})?)\s*%?$")


def parse_majority(text: str) -> str:
    """The threshold of a majority as stored: '1/2' (simple), '2/3', '3/4', '60 %'.

    Accepted: 'simple', a fraction, a percentage; the threshold must be at least
    half and less than all (all is unanimity).
    """
    typed = " ".join((text or "").split())
    lowered = typed.lower()
    if lowered in ("", "simple", "majorité simple", "simple majority", "1/2", "50", "50 %", "50%"):
        return "1/2"
    fraction = _FRACTION.match(lowered)
    if fraction:
        numerator, denominator = int(fraction.group(1)), int(fraction.group(2))
        if denominator and Fraction(1, 2) <= Fraction(numerator, denominator) < 1:
            reduced = Fraction(numerator, denominator)
            return f"{reduced.numerator}/{reduced.denominator}"
        raise ValidationError("governance.error.majority", text=typed)
    percent = _PERCENT.match(lowered)
    if percent:
        value = float(percent.group(1).replace(",", "."))
        if 50 <= value < 100:
            shown = f"{value:g}".replace(".", ",") if language() == "fr" else f"{value:g}"
            return "1/2" if value == 50 else f"{shown} %"
    raise ValidationError("governance.error.majority", text=typed)


def rule_label(body: Body) -> str:
    """'à la majorité des 2/3 des voix', 'au consentement (…)', 'à l'unanimité'."""
    if body.rule == DecisionRule.MAJORITY:
        if body.majority in ("", "1/2"):
            return t("governance.rule.majority_simple")
        return t("governance.rule.majority_of", threshold=body.majority)
    return t(f"governance.rule.{body.rule}")


def rule_short(body: Body) -> str:
    """'consentement', 'majorité 2/3', 'unanimité': the rule in a table cell."""
    if body.rule == DecisionRule.MAJORITY:
        return t("governance.rule_short.majority", threshold=body.majority or "1/2")
    return t(f"governance.rule_short.{body.rule}")


# Bodies ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BodySheet:
    """What the body form holds."""

    name: str
    phase: str = Phase.PROJECT.value
    mandatory: bool = True
    purpose: str = ""
    structures: tuple[int, ...] = ()
    people: tuple[int, ...] = ()
    other_members: str = ""
    frequency: str = ""
    rule: str = DecisionRule.CONSENT.value
    majority: str = ""
    quorum: str = ""
    convened: str = ""
    referral: str = ""

    @classmethod
    def of(cls, body: Body) -> BodySheet:
        return cls(
            body.name,
            body.phase,
            body.mandatory,
            body.purpose,
            tuple(body.structures),
            tuple(body.people),
            body.other_members,
            body.frequency,
            body.rule,
            body.majority,
            body.quorum,
            body.convened,
            body.referral,
        )


def _checked_fields(project: Project, state: GovernanceState, sheet: BodySheet, exclude: int = 0) -> dict[str, Any]:
    name = _clean(sheet.name, "governance.error.name_empty", MAX_NAME)
    key = name_key(name)
    for other in state.bodies:
        if other.id != exclude and name_key(other.name) == key:
            raise ValidationError("governance.error.duplicate", name=other.name)
    rule = DecisionRule(sheet.rule or DecisionRule.CONSENT)
    majority = parse_majority(sheet.majority) if rule is DecisionRule.MAJORITY else ""
    known_structures = {s.id for s in project.structures()}
    known_people = {p.id for p in project.participants()}
    structures = [sid for sid in dict.fromkeys(sheet.structures) if sid in known_structures]
    people = [pid for pid in dict.fromkeys(sheet.people) if pid in known_people]
    return {
        "name": name,
        "phase": Phase(sheet.phase or Phase.PROJECT).value,
        "mandatory": bool(sheet.mandatory),
        "purpose": _clean(sheet.purpose),
        "structures": structures,
        "people": people,
        "other_members": _clean(sheet.other_members),
        "frequency": _clean(sheet.frequency),
        "rule": rule.value,
        "majority": majority,
        "quorum": _clean(sheet.quorum),
        "convened": _clean(sheet.convened),
        "referral": _clean(sheet.referral),
    }


def add_body(project: Project, item_id: int, sheet: BodySheet) -> Body:
    state = load(project, item_id)
    body = Body(state.next_id, **_checked_fields(project, state, sheet))
    save(project, replace(state, bodies=[*state.bodies, body], next_id=body.id + 1))
    return body


def update_body(project: Project, item_id: int, body_id: int, sheet: BodySheet) -> Body:
    """New rules for a body in writing; refused while they are put to consent or once adopted."""
    state = load(project, item_id)
    body = state.body(body_id)
    _refuse_if_settled(body)
    changed = replace(body, **_checked_fields(project, state, sheet, exclude=body_id))
    save(project, state.with_body(changed))
    return changed


def _refuse_if_settled(body: Body) -> None:
    if body.open_consent is not None:
        raise ValidationError("governance.error.consent_running", name=body.name)
    if body.adopted:
        raise ValidationError("governance.error.adopted", name=body.name)


def remove_body(project: Project, item_id: int, body_id: int) -> GovernanceState:
    state = load(project, item_id)
    body = state.body(body_id)
    if body.open_consent is not None:
        raise ValidationError("governance.error.consent_running", name=body.name)
    return save(project, replace(state, bodies=[b for b in state.bodies if b.id != body_id]))


def move_body(project: Project, item_id: int, body_id: int, delta: int) -> GovernanceState:
    state = load(project, item_id)
    state.body(body_id)
    bodies = list(state.bodies)
    index = next(i for i, b in enumerate(bodies) if b.id == body_id)
    target = max(0, min(len(bodies) - 1, index + delta))
    bodies.insert(target, bodies.pop(index))
    return save(project, replace(state, bodies=bodies))


# The usual bodies, to start from: (catalog key, phase, mandatory, rule).
TYPICAL_BODIES = (
    ("steering", Phase.PROJECT, True, DecisionRule.CONSENT),
    ("project_team", Phase.PROJECT, False, DecisionRule.CONSENT),
    ("assembly", Phase.COOPERATION, True, DecisionRule.MAJORITY),
    ("monitoring", Phase.COOPERATION, False, DecisionRule.CONSENT),
)


def add_typical_bodies(project: Project, item_id: int) -> int:
    """The usual bodies of a cooperation as drafts to adapt; those already listed are skipped."""
    state = load(project, item_id)
    taken = {name_key(b.name) for b in state.bodies}
    bodies = list(state.bodies)
    next_id = state.next_id
    for key, phase, mandatory, rule in TYPICAL_BODIES:
        name = t(f"governance.typical.{key}.name")
        if name_key(name) in taken:
            continue
        bodies.append(
            Body(
                next_id,
                name,
                phase.value,
                mandatory,
                purpose=t(f"governance.typical.{key}.purpose"),
                frequency=t(f"governance.typical.{key}.frequency"),
                rule=rule.value,
                majority="1/2" if rule is DecisionRule.MAJORITY else "",
                referral=t(f"governance.typical.{key}.referral"),
            )
        )
        next_id += 1
    save(project, replace(state, bodies=bodies, next_id=next_id))
    return next_id - state.next_id


def missing(body: Body) -> list[str]:
    """What the rules of a body do not say yet (catalog suffixes of the fields), in form order."""
    found = []
    if not body.purpose:
        found.append("purpose")
    if not body.has_members:
        found.append("members")
    for name in ("frequency", "quorum", "convened", "referral"):
        if not getattr(body, name):
            found.append(name)
    return found


# Starting from an earlier workshop --------------------------------------------------------------
def earlier(project: Project, item_id: int) -> GovernanceState | None:
    """The governance worked on most recently before this agenda item (bodies, leader or team)."""
    from workshop.convention.parts import items_of_kind

    items = items_of_kind(project, KIND)
    position = next((i for i, item in enumerate(items) if item.id == item_id), len(items))
    for item in reversed(items[:position]):
        doc = item_state.load(project, TABLE, item.id)
        if doc is not None:
            found = GovernanceState.from_doc(doc)
            if found.bodies or found.leader_structure or found.team_chosen:
                return found
    return None


def carry_over(project: Project, item_id: int) -> GovernanceState:
    """Start from the governance of the previous workshop: its leader, team and bodies.

    Rules adopted there stay adopted (the minutes say where); the others come
    back in writing. The consent rounds stay in that workshop's minutes.
    """
    state = load(project, item_id)
    if state.bodies or state.leader_structure or state.team_chosen:
        raise ValidationError("governance.error.carry_not_empty")
    source = earlier(project, item_id)
    if source is None:
        raise ValidationError("governance.error.nothing_to_carry")
    from workshop.convention.builder import workshop_label

    where = workshop_label(project.workshop(source.workshop_id))
    bodies = [
        replace(
            body,
            consents=[],
            status=Status.ADOPTED.value if body.adopted else Status.DRAFT.value,
            adopted_rules=body.adopted_rules if body.adopted else "",
            adopted_in=(body.adopted_in or where) if body.adopted else "",
        )
        for body in source.bodies
    ]
    carried = replace(
        state,
        bodies=bodies,
        next_id=source.next_id,
        leader_structure=source.leader_structure,
        leader_person=source.leader_person,
        leader_means=source.leader_means,
        team_chosen=source.team_chosen,
        team_structures=list(source.team_structures),
        rotation=source.rotation,
        by_structure=source.by_structure,
    )
    return save(project, carried)


# Leader and governance team -----------------------------------------------------------------
def set_leader(project: Project, item_id: int, structure_id: int, person_id: int = 0, means: str = "") -> GovernanceState:
    """The leader of the project: a structure, the person who embodies it, the means it gives itself."""
    if structure_id:
        project.structure(structure_id)
    if person_id:
        person = project.participant(person_id)
        if structure_id and person.structure_id != structure_id:
            raise ValidationError("governance.error.leader_person_elsewhere", name=person.name)
        structure_id = structure_id or person.structure_id
    state = load(project, item_id)
    return save(project, replace(state, leader_structure=structure_id, leader_person=person_id, leader_means=_clean(means)))


def set_team(project: Project, item_id: int, chosen: bool, structure_ids: Iterable[int] = (), rotation: str = "") -> GovernanceState:
    """A rotating governance team, when the group prefers it to one leader (or besides it)."""
    known = {s.id for s in project.structures()}
    members = [sid for sid in dict.fromkeys(structure_ids) if sid in known]
    rotation = _clean(rotation)
    if chosen and len(members) < 2:
        raise ValidationError("governance.error.team_too_small")
    state = load(project, item_id)
    return save(project, replace(state, team_chosen=bool(chosen), team_structures=members, rotation=rotation))


def set_by_structure(project: Project, item_id: int, by_structure: bool) -> GovernanceState:
    """Consent rounds with one turn per structure (the parties) or per person."""
    state = load(project, item_id)
    if any(b.open_consent is not None for b in state.bodies):
        raise ValidationError("governance.error.unit_while_running")
    return save(project, replace(state, by_structure=bool(by_structure)))


# Reading -----------------------------------------------------------------------------------------
class Names:
    """Structure and people names, looked up once."""

    def __init__(self, project: Project) -> None:
        self.structures = {s.id: s.name for s in project.structures()}
        self.people = {p.id: p.name for p in project.participants()}
        self.person_structure = {p.id: p.structure_id for p in project.participants()}

    def structure(self, structure_id: int) -> str:
        return self.structures.get(structure_id, "")

    def person(self, person_id: int) -> str:
        name = self.people.get(person_id, "")
        structure = self.structure(self.person_structure.get(person_id, 0))
        return f"{name} ({structure})" if name and structure else name

    def members(self, body: Body) -> str:
        """Everyone who sits in the body, on one line: structures, people, others."""
        parts = [self.structure(s) for s in body.structures if self.structure(s)]
        parts += [self.person(p) for p in body.people if self.person(p)]
        if body.other_members:
            parts.append(body.other_members)
        return ", ".join(parts)


def rules_lines(body: Body, names: Names) -> list[tuple[str, str]]:
    """(label, value) of a body's rules, as read out for consent and printed in the convention."""
    to_decide = t("governance.to_decide")
    rule = rule_label(body)
    return [
        (t("governance.field.phase"), t(f"governance.phase.{body.phase}") + " · " + t("governance.mandatory" if body.mandatory else "governance.optional")),
        (t("governance.field.purpose"), body.purpose or to_decide),
        (t("governance.field.members"), names.members(body) or to_decide),
        (t("governance.field.frequency"), body.frequency or to_decide),
        (t("governance.field.rule"), rule),
        (t("governance.field.quorum"), body.quorum or to_decide),
        (t("governance.field.convened"), body.convened or to_decide),
        (t("governance.field.referral"), body.referral or to_decide),
    ]


def rules_text(body: Body, names: Names) -> str:
    """The rules as one text: what a consent round is asked, and what it adopts."""
    lines = [body.name] + [t("governance.rules_line", label=label, value=value) for label, value in rules_lines(body, names)]
    return "\n".join(lines)


def leader_text(state: GovernanceState, names: Names) -> str:
    if not state.leader_structure and not state.leader_person:
        return ""
    who = names.person(state.leader_person) if state.leader_person else names.structure(state.leader_structure)
    return who


def latest_with_bodies(project: Project) -> GovernanceState | None:
    """The most recent governance of the project that has bodies or a leader (for the convention)."""
    from workshop.convention.parts import items_of_kind

    for item in reversed(items_of_kind(project, KIND)):
        doc = item_state.load(project, TABLE, item.id)
        if doc is not None:
            state = GovernanceState.from_doc(doc)
            if state.bodies or state.leader_structure or state.team_chosen:
                return state
    return None
