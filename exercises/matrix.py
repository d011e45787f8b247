"""Qui fait quoi: the responsibility matrix of the cooperation's actions.

Rows are actions (or functions), columns are actors: the project's member
structures and external actors. A cell holds one role (pilot, contributor,
consulted, informed), optionally the level at which the actor is engaged
(political, technical, operational), the means it puts in (staff time, money,
premises, skills: seed 003's "moyens de participation") and, for a contributor,
how the pilot works with it: leading the action with it ("conduire avec") or
entrusting it with a part ("déléguer / confier à", seed 004). Live checks flag
what the room should discuss; each structure then confirms its commitments.

State: one document per agenda item in the `matrix` table, saved at every change.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from exercises import item_state
from workshop.errors import NotFound, ValidationError
from workshop.i18n import t
from workshop.phrases import phrase
from workshop.text import clean_line

if TYPE_CHECKING:
    from workshop.model import Structure
    from workshop.project import Project
    from workshop.rounds.model import Round

TABLE = "matrix"
MAX_LABEL = 200
DEFAULT_PILOT_LIMIT = 3
OWNER_CONFIRM = "matrix:confirm"


class Role(StrEnum):
    PILOT = "pilot"
    CONTRIBUTOR = "contributor"
    CONSULTED = "consulted"
    INFORMED = "informed"


class Level(StrEnum):
    POLITICAL = "political"
    TECHNICAL = "technical"
    OPERATIONAL = "operational"


LEVELS: list[Level | None] = [None, *Level]  # the order a key cycles through


class Means(StrEnum):
    """What an actor puts into an action."""

    STAFF_TIME = "staff_time"
    MONEY = "money"
    PREMISES = "premises"
    SKILLS = "skills"


class Mode(StrEnum):
    """How the pilot works with a contributor."""

    WITH = "with"  # leads the action together with it
    DELEGATED = "delegated"  # entrusts it with (part of) the implementation


MODES: list[Mode | None] = [None, *Mode]  # the order a key cycles through


class CheckKind(StrEnum):
    NO_PILOT = "no_pilot"
    MANY_PILOTS = "many_pilots"
    IDLE_ACTOR = "idle_actor"
    OVERLOADED = "overloaded"
    EXTERNAL_PILOT = "external_pilot"


# Problems must be solved; the others are flagged for discussion only.
PROBLEMS = (CheckKind.NO_PILOT, CheckKind.MANY_PILOTS, CheckKind.IDLE_ACTOR)


@dataclass
class Action:
    id: int
    label: str
    source: str = "typed"  # "typed", "proposal" or "objective"
    source_id: int = 0  # the proposal's id, or the APT entry's id
    source_item_id: int = 0  # for an objective: the APT agenda item it comes from


@dataclass
class Cell:
    role: str
    level: str = ""
    means: list[str] = field(default_factory=list)  # Means values, in Means order
    mode: str = ""  # a Mode value; contributors only


@dataclass
class Confirmation:
    how: str  # "facilitator" or "round"
    at: float
    fingerprint: str  # the actor's roles when confirmed: a later change shows
    round_id: int = 0


@dataclass(frozen=True)
class Actor:
    id: int  # the structure id
    name: str
    member: bool


@dataclass(frozen=True)
class Check:
    kind: CheckKind
    action_id: int = 0
    structure_id: int = 0
    count: int = 0

    @property
    def problem(self) -> bool:
        return self.kind in PROBLEMS


@dataclass
class MatrixState:
    item_id: int
    workshop_id: int
    actions: list[Action] = field(default_factory=list)
    actor_order: list[int] = field(default_factory=list)  # structure ids, in column order
    removed_actors: list[int] = field(default_factory=list)  # structures left out of this matrix
    cells: dict[str, Cell] = field(default_factory=dict)  # "action_id:structure_id" -> Cell
    confirmations: dict[str, Confirmation] = field(default_factory=dict)  # structure id (str) -> Confirmation
    pilot_limit: int = DEFAULT_PILOT_LIMIT
    next_action_id: int = 1
    confirm_round_id: int = 0

    def to_doc(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> MatrixState:
        data = dict(doc)
        data["actions"] = [Action(**a) for a in doc.get("actions", [])]
        data["cells"] = {k: Cell(**{**c, "means": list(c.get("means", []))}) for k, c in doc.get("cells", {}).items()}
        data["confirmations"] = {k: Confirmation(**c) for k, c in doc.get("confirmations", {}).items()}
        data["actor_order"] = list(doc.get("actor_order", []))
        data["removed_actors"] = list(doc.get("removed_actors", []))
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in names})

    def cell(self, action_id: int, structure_id: int) -> Cell | None:
        return self.cells.get(cell_key(action_id, structure_id))

    def action(self, action_id: int) -> Action:
        for action in self.actions:
            if action.id == action_id:
                return action
        raise NotFound("matrix.error.no_such_action")


def cell_key(action_id: int, structure_id: int) -> str:
    return f"{action_id}:{structure_id}"


# Storage ---------------------------------------------------------------------------------
def load(project: Project, item_id: int) -> MatrixState:
    doc = item_state.load(project, TABLE, item_id)
    if doc is not None:
        return MatrixState.from_doc(doc)
    item = project.agenda_item(item_id)
    return MatrixState(item_id=item_id, workshop_id=item.workshop_id)


def _save(project: Project, state: MatrixState) -> MatrixState:
    # One document per agenda item, its id the item's: a direct lookup, no scan.
    item_state.save(project, TABLE, state.item_id, state.to_doc(), fresh=True)
    return state


def _now(project: Project, now: float | None) -> float:
    """`now` when given, else the project's clock (the only source of "now")."""
    return project.clock.now() if now is None else now


def _clean_label(text: str) -> str:
    return clean_line(text, empty="matrix.error.label_empty", too_long="matrix.error.label_too_long", limit=MAX_LABEL)


# Actors (columns) ------------------------------------------------------------------------
def actors(project: Project, state: MatrixState, structures: list[Structure] | None = None) -> list[Actor]:
    """The columns: the project's structures in this matrix's order; new structures join at the end."""
    known = {s.id: s for s in (structures if structures is not None else project.structures())}
    removed = set(state.removed_actors)
    ordered = [sid for sid in state.actor_order if sid in known and sid not in removed]
    seen = set(ordered)
    ordered += [sid for sid in known if sid not in seen and sid not in removed]
    return [Actor(sid, known[sid].name, known[sid].member) for sid in ordered]


def _column_ids(project: Project, state: MatrixState) -> list[int]:
    return [a.id for a in actors(project, state)]


def add_external_actor(project: Project, item_id: int, name: str, kind: str = "other") -> Actor:
    """A new external actor (outside the cooperation), added to the project and to this matrix."""
    with project.batch():
        state = load(project, item_id)
        order = _column_ids(project, state)  # before adding: the new actor goes last
        structure = project.add_structure(name, kind, member=False)
        _save(project, replace(state, actor_order=[*order, structure.id]))
    return Actor(structure.id, structure.name, False)


def include_actor(project: Project, item_id: int, structure_id: int) -> MatrixState:
    """Bring back a structure left out of this matrix."""
    project.structure(structure_id)
    state = load(project, item_id)
    removed = [sid for sid in state.removed_actors if sid != structure_id]
    order = [sid for sid in state.actor_order if sid != structure_id] + [structure_id]
    return _save(project, replace(state, removed_actors=removed, actor_order=order))


def remove_actor(project: Project, item_id: int, structure_id: int) -> MatrixState:
    """Leave a structure out of this matrix (its roles here go too; the structure stays in the project)."""
    state = load(project, item_id)
    cells = {k: c for k, c in state.cells.items() if not k.endswith(f":{structure_id}")}
    confirmations = {k: c for k, c in state.confirmations.items() if k != str(structure_id)}
    removed = sorted({*state.removed_actors, structure_id})
    order = [sid for sid in _column_ids(project, state) if sid != structure_id]
    with project.undo.step("actor_removed", name=_actor_name(project, structure_id)):
        return _save(project, replace(state, cells=cells, confirmations=confirmations, removed_actors=removed, actor_order=order))


def rename_actor(project: Project, item_id: int, structure_id: int, name: str) -> Actor:
    """Rename the structure itself (the project shares the name)."""
    structure = project.update_structure(structure_id, name=name)
    return Actor(structure.id, structure.name, structure.member)


def move_actor(project: Project, item_id: int, structure_id: int, delta: int) -> MatrixState:
    state = load(project, item_id)
    order = _column_ids(project, state)
    if structure_id not in order:
        return state
    index = order.index(structure_id)
    target = max(0, min(len(order) - 1, index + delta))
    order.insert(target, order.pop(index))
    return _save(project, replace(state, actor_order=order))


# Actions (rows) --------------------------------------------------------------------------
def add_action(
    project: Project, item_id: int, label: str, source: str = "typed", source_id: int = 0, after: int | None = None
) -> Action:
    """A new row; after the row `after` when given, else at the end."""
    label = _clean_label(label)
    state = load(project, item_id)
    action = Action(state.next_action_id, label, source, source_id)
    actions = list(state.actions)
    index = next((i + 1 for i, a in enumerate(actions) if a.id == after), len(actions))
    actions.insert(index, action)
    _save(project, replace(state, actions=actions, next_action_id=action.id + 1))
    return action


def rename_action(project: Project, item_id: int, action_id: int, label: str) -> Action:
    label = _clean_label(label)
    state = load(project, item_id)
    renamed = replace(state.action(action_id), label=label)
    actions = [renamed if a.id == action_id else a for a in state.actions]
    _save(project, replace(state, actions=actions))
    return renamed


def move_action(project: Project, item_id: int, action_id: int, delta: int) -> MatrixState:
    state = load(project, item_id)
    actions = list(state.actions)
    index = next((i for i, a in enumerate(actions) if a.id == action_id), None)
    if index is None:
        raise NotFound("matrix.error.no_such_action")
    target = max(0, min(len(actions) - 1, index + delta))
    actions.insert(target, actions.pop(index))
    return _save(project, replace(state, actions=actions))


def remove_action(project: Project, item_id: int, action_id: int) -> MatrixState:
    state = load(project, item_id)
    action = state.action(action_id)
    actions = [a for a in state.actions if a.id != action_id]
    cells = {k: c for k, c in state.cells.items() if not k.startswith(f"{action_id}:")}
    with project.undo.step("action_removed", action=action.label):
        return _save(project, replace(state, actions=actions, cells=cells))


def retained_proposals(project: Project) -> list[tuple[int, str]]:
    """(proposal id, text) of the action proposals the promoter retained; empty without proposals."""
    from workshop.proposals import proposals

    return [(p.id, p.text) for p in proposals(project) if p.retained]


def apt_objectives(project: Project, workshop_id: int) -> list[tuple[int, int, str]]:
    """(APT agenda item id, entry id, text) of the objectives plan written in this workshop's
    attractions / fears / temptations exercise; empty when that exercise is not installed."""
    try:
        from exercises import apt, apt_outputs

        plan, load_apt = apt_outputs.objectives_plan, apt.state
    except (ImportError, AttributeError):
        return []
    found: list[tuple[int, int, str]] = []
    for agenda_item in project.agenda(workshop_id):
        if agenda_item.kind != "apt":
            continue
        for objective in plan(load_apt(project, agenda_item.id)):
            found.append((agenda_item.id, objective.item.id, objective.text))
    return found


def importable(project: Project, item_id: int) -> int:
    """How many rows `import_proposals` would add now."""
    state = load(project, item_id)
    proposals_in = {a.source_id for a in state.actions if a.source == "proposal"}
    objectives_in = {(a.source_item_id, a.source_id) for a in state.actions if a.source == "objective"}
    objectives = [
        1 for apt_item_id, entry_id, text in apt_objectives(project, state.workshop_id)
        if (apt_item_id, entry_id) not in objectives_in and text.strip()
    ]
    return len(objectives) + sum(1 for proposal_id, _ in retained_proposals(project) if proposal_id not in proposals_in)


def import_proposals(project: Project, item_id: int) -> int:
    """Add a row for every retained action proposal, and every objective of the workshop's
    objectives plan, not yet in the matrix; how many were added."""
    state = load(project, item_id)
    proposals_in = {a.source_id for a in state.actions if a.source == "proposal"}
    objectives_in = {(a.source_item_id, a.source_id) for a in state.actions if a.source == "objective"}
    added = 0
    with project.batch():
        for apt_item_id, entry_id, text in apt_objectives(project, state.workshop_id):
            if (apt_item_id, entry_id) in objectives_in or not text.strip():
                continue
            action = add_action(project, item_id, text[:MAX_LABEL], source="objective", source_id=entry_id)
            _link_objective(project, item_id, action.id, apt_item_id)
            added += 1
        for proposal_id, text in retained_proposals(project):
            if proposal_id in proposals_in:
                continue
            add_action(project, item_id, text[:MAX_LABEL], source="proposal", source_id=proposal_id)
            added += 1
    return added


def _link_objective(project: Project, item_id: int, action_id: int, apt_item_id: int) -> None:
    state = load(project, item_id)
    actions = [replace(a, source_item_id=apt_item_id) if a.id == action_id else a for a in state.actions]
    _save(project, replace(state, actions=actions))


def propose_action(project: Project, item_id: int, action_id: int, structure_id: int) -> Action:
    """Record a typed row as an action proposal made by this structure (for the 60 % tracker)."""
    from workshop.proposals import record_proposal

    state = load(project, item_id)
    action = state.action(action_id)
    if action.source == "proposal":
        raise ValidationError("matrix.error.already_proposal")
    with project.batch():
        proposal = record_proposal(project, action.label, structure_id, workshop_id=state.workshop_id, item_id=item_id, source="matrix")
        linked = replace(action, source="proposal", source_id=proposal.id)
        _save(project, replace(state, actions=[linked if a.id == action_id else a for a in state.actions]))
    return linked


# Cells -------------------------------------------------------------------------------------
def set_role(
    project: Project, item_id: int, action_id: int, structure_id: int, role: Role | str | None, level: Level | str | None = None
) -> MatrixState:
    """Set (or clear, with None) the role of an actor in an action; the level is kept unless given."""
    state = load(project, item_id)
    action = state.action(action_id)
    key = cell_key(action_id, structure_id)
    cells = dict(state.cells)
    if role is None or role == "":
        cells.pop(key, None)
    else:
        previous = cells.get(key)
        if level is None:
            kept = previous.level if previous else ""
        else:
            kept = Level(level).value if level else ""
        value = Role(role).value
        means = list(previous.means) if previous else []
        # Led with or entrusted by the pilot: a contributor's relation only.
        mode = previous.mode if previous and value == Role.CONTRIBUTOR else ""
        cells[key] = Cell(value, kept, means, mode)
    with project.undo.step("cell", action=action.label, actor=_actor_name(project, structure_id)):
        return _save(project, replace(state, cells=cells))


def set_means(project: Project, item_id: int, action_id: int, structure_id: int, means: list[Means | str]) -> MatrixState:
    """What the actor puts into the action (staff time, money, premises, skills); [] clears."""
    state = load(project, item_id)
    previous = state.cell(action_id, structure_id)
    if previous is None:
        raise ValidationError("matrix.error.means_need_role")
    chosen = {Means(m).value for m in means}
    cells = dict(state.cells)
    cells[cell_key(action_id, structure_id)] = replace(previous, means=[m.value for m in Means if m.value in chosen])
    return _save(project, replace(state, cells=cells))


def set_mode(project: Project, item_id: int, action_id: int, structure_id: int, mode: Mode | str | None) -> MatrixState:
    """Whether the pilot leads the action with this contributor or entrusts it with a part."""
    state = load(project, item_id)
    previous = state.cell(action_id, structure_id)
    if previous is None or previous.role != Role.CONTRIBUTOR:
        raise ValidationError("matrix.error.mode_needs_contributor")
    cells = dict(state.cells)
    cells[cell_key(action_id, structure_id)] = replace(previous, mode=Mode(mode).value if mode else "")
    return _save(project, replace(state, cells=cells))


def next_mode(mode: str) -> Mode | None:
    """The relation after this one in the cycle none → led with → entrusted → none."""
    current = Mode(mode) if mode else None
    return MODES[(MODES.index(current) + 1) % len(MODES)]


def set_level(project: Project, item_id: int, action_id: int, structure_id: int, level: Level | str | None) -> MatrixState:
    state = load(project, item_id)
    previous = state.cell(action_id, structure_id)
    if previous is None:
        raise ValidationError("matrix.error.level_needs_role")
    cells = dict(state.cells)
    cells[cell_key(action_id, structure_id)] = replace(previous, level=Level(level).value if level else "")
    label = state.action(action_id).label
    with project.undo.step("cell", action=label, actor=_actor_name(project, structure_id)):
        return _save(project, replace(state, cells=cells))


def _actor_name(project: Project, structure_id: int) -> str:
    try:
        return project.structure(structure_id).name
    except NotFound:
        return ""


def next_level(level: str) -> Level | None:
    """The level after this one in the cycle none → political → technical → operational → none."""
    current = Level(level) if level else None
    return LEVELS[(LEVELS.index(current) + 1) % len(LEVELS)]


def set_pilot_limit(project: Project, item_id: int, limit: int) -> MatrixState:
    if not 1 <= int(limit) <= 99:
        raise ValidationError("matrix.error.pilot_limit")
    return _save(project, replace(load(project, item_id), pilot_limit=int(limit)))


# Checks ------------------------------------------------------------------------------------
def checks(state: MatrixState, columns: list[Actor]) -> list[Check]:
    """What the room should look at, problems first, in grid order."""
    found: list[Check] = []
    column_ids = [a.id for a in columns]
    pilots_of: dict[int, int] = {sid: 0 for sid in column_ids}
    roles_of: dict[int, int] = {sid: 0 for sid in column_ids}
    for action in state.actions:
        pilots = 0
        for sid in column_ids:
            cell = state.cell(action.id, sid)
            if cell is None:
                continue
            roles_of[sid] += 1
            if cell.role == Role.PILOT:
                pilots += 1
                pilots_of[sid] += 1
        if pilots == 0:
            found.append(Check(CheckKind.NO_PILOT, action_id=action.id))
        elif pilots > 1:
            found.append(Check(CheckKind.MANY_PILOTS, action_id=action.id, count=pilots))
    if state.actions:
        found += [Check(CheckKind.IDLE_ACTOR, structure_id=sid) for sid in column_ids if roles_of[sid] == 0]
    found += [
        Check(CheckKind.OVERLOADED, structure_id=sid, count=pilots_of[sid])
        for sid in column_ids
        if pilots_of[sid] > state.pilot_limit
    ]
    for actor in columns:
        if not actor.member and pilots_of[actor.id]:
            found.append(Check(CheckKind.EXTERNAL_PILOT, structure_id=actor.id, count=pilots_of[actor.id]))
    return sorted(found, key=lambda c: not c.problem)


def check_text(check: Check, state: MatrixState, columns: list[Actor]) -> str:
    names = {a.id: a.name for a in columns}
    action = next((a.label for a in state.actions if a.id == check.action_id), "")
    return t(
        f"matrix.check.{check.kind.value}",
        action=action,
        actor=names.get(check.structure_id, ""),
        count=check.count,
        limit=state.pilot_limit,
    )


# Confirmation -------------------------------------------------------------------------------
def fingerprint(state: MatrixState, structure_id: int) -> str:
    """A short digest of an actor's roles: a confirmation holds only while they are unchanged."""
    parts = []
    for action in state.actions:
        cell = state.cell(action.id, structure_id)
        if cell is not None:
            part = f"{action.id}={cell.role}/{cell.level}/{action.label}"
            if cell.means or cell.mode:
                # Only then: confirmations given before means existed stay valid.
                part += f"/{','.join(cell.means)}/{cell.mode}"
            parts.append(part)
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:12]


def confirm(project: Project, item_id: int, structure_id: int, how: str = "facilitator", round_id: int = 0, now: float | None = None) -> MatrixState:
    """A structure confirms its commitments as the grid shows them now."""
    project.structure(structure_id)
    state = load(project, item_id)
    confirmations = dict(state.confirmations)
    confirmations[str(structure_id)] = Confirmation(how, _now(project, now), fingerprint(state, structure_id), round_id)
    return _save(project, replace(state, confirmations=confirmations))


def unconfirm(project: Project, item_id: int, structure_id: int) -> MatrixState:
    state = load(project, item_id)
    confirmations = {k: c for k, c in state.confirmations.items() if k != str(structure_id)}
    return _save(project, replace(state, confirmations=confirmations))


def confirmation_status(state: MatrixState, structure_id: int) -> str:
    """"confirmed", "changed" (roles changed since), or "" (not confirmed)."""
    confirmation = state.confirmations.get(str(structure_id))
    if confirmation is None:
        return ""
    return "confirmed" if confirmation.fingerprint == fingerprint(state, structure_id) else "changed"


def start_confirm_round(project: Project, item_id: int) -> Round:
    """A consent round, one turn per structure present: each confirms its commitments or objects."""
    from workshop.rounds import RoundMode, RoundSpec, start_round

    state = load(project, item_id)
    spec = RoundSpec(
        question=t("matrix.confirm.question"),
        mode=RoundMode.CONSENT,
        by_structure=True,
        owner=OWNER_CONFIRM,
        question_phrase=phrase("matrix.confirm.question"),
    )
    with project.batch():
        started = start_round(project, state.workshop_id, item_id, spec)
        _save(project, replace(state, confirm_round_id=started.id))
    return started


def record_confirm_round(project: Project, item_id: int, round_id: int, now: float | None = None) -> list[int]:
    """Confirm every structure that did not object in the confirmation round; their ids."""
    confirmed = confirming_structures(project, round_id)
    with project.batch():
        for structure_id in confirmed:
            confirm(project, item_id, structure_id, how="round", round_id=round_id, now=now)
    return confirmed


def confirming_structures(project: Project, round_id: int) -> list[int]:
    """Structures that agreed (possibly with a reservation) in a by-structure consent round.

    A secret round says only whether anyone objected: without an objection every
    structure that took part confirmed; with one, nobody's answer can be told."""
    from workshop.rounds import results

    outcome = results(project, round_id)
    if outcome.secret:
        return list(outcome.participants) if outcome.passed else []
    return [entry.structure_id for entry in outcome.per_structure if entry.passed]


# Summaries ------------------------------------------------------------------------------------
def commitments_of(state: MatrixState, structure_id: int) -> list[tuple[Role, Cell, Action]]:
    """What one actor does: (role, its cell, action), pilots first, then in role order."""
    found: list[tuple[Role, Cell, Action]] = []
    for action in state.actions:
        cell = state.cell(action.id, structure_id)
        if cell is not None:
            found.append((Role(cell.role), cell, action))
    order = list(Role)
    return sorted(found, key=lambda entry: order.index(entry[0]))


MODE_MARKS = {Mode.WITH.value: "⇄", Mode.DELEGATED.value: "⇠"}


def cell_text(cell: Cell | None) -> str:
    """What a cell shows: the role letter, the level's short form, how the pilot works
    with a contributor (⇄ led with, ⇠ entrusted), the means' short forms."""
    if cell is None:
        return ""
    text = t(f"matrix.letter.{cell.role}")
    if cell.level:
        text += f"·{t(f'matrix.level_short.{cell.level}')}"
    if cell.mode:
        text += f" {MODE_MARKS[cell.mode]}"
    if cell.means:
        text += " " + "".join(t(f"matrix.means_short.{m}") for m in cell.means)
    return text


def cell_details(cell: Cell) -> str:
    """The cell in words: "contributor, technical level; led with the pilot; means: money, premises"."""
    parts = [t(f"matrix.role.{cell.role}")]
    if cell.level:
        parts[0] = t("matrix.details.role_level", role=parts[0], level=t(f"matrix.level.{cell.level}"))
    if cell.mode:
        parts.append(t(f"matrix.mode.{cell.mode}"))
    if cell.means:
        parts.append(t("matrix.details.means", means=", ".join(t(f"matrix.means.{m}") for m in cell.means)))
    return t("matrix.details.separator").join(parts)


def legend() -> str:
    roles = ", ".join(t("matrix.legend_item", letter=t(f"matrix.letter.{r.value}"), name=t(f"matrix.role.{r.value}")) for r in Role)
    levels = ", ".join(t("matrix.legend_item", letter=t(f"matrix.level_short.{lv.value}"), name=t(f"matrix.level.{lv.value}")) for lv in Level)
    modes = ", ".join(t("matrix.legend_item", letter=MODE_MARKS[m.value], name=t(f"matrix.mode.{m.value}")) for m in Mode)
    means = ", ".join(t("matrix.legend_item", letter=t(f"matrix.means_short.{m.value}"), name=t(f"matrix.means.{m.value}")) for m in Means)
    return t("matrix.legend", roles=roles, levels=levels, modes=modes, means=means)
