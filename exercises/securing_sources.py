"""Where elements to secure can be taken from: what earlier exercises of the project brought up.

- FFOM: the weaknesses and threats (retained ones first);
- APT: each fear as the risk the group wrote, with its mitigation, and its owner
  as the responsible person when the name is one of the project's;
- supra objective: each criterion checked and not met;
- who does what: each action without a pilot.

Every candidate has a stable key; an element keeps it, so nothing is taken twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from exercises import item_state
from exercises.securing_labels import Names, source_label
from workshop.i18n import t
from workshop.names import name_key

if TYPE_CHECKING:
    from exercises.securing import Element
    from workshop.model import AgendaItem
    from workshop.project import Project


@dataclass(frozen=True)
class Candidate:
    key: str
    origin: str  # an exercise kind
    text: str  # as it reads now, in the current language
    context: str  # where it comes from, as people read it
    detail: dict[str, Any] = field(default_factory=dict)  # what the element keeps to say where it comes from
    text_key: str = ""  # the app's words ("Find a pilot for …"), kept as a key for any language
    text_params: dict[str, str] = field(default_factory=dict)
    referent_participant_id: int = 0
    referent_structure_id: int = 0
    retained: bool = False  # weighed as important where it comes from


def candidates(project: Project, workshop_id: int, include_taken: bool = False) -> list[Candidate]:
    """What this workshop and the earlier ones offer, not yet taken (unless `include_taken`)."""
    from exercises.securing import taken_keys

    workshops = project.workshops()
    ids = [w.id for w in workshops]
    upto = ids[: ids.index(workshop_id) + 1] if workshop_id in ids else ids
    readers = {"swot": _from_swot, "apt": _from_apt, "supra": _from_supra, "matrix": _from_matrix}
    found: dict[str, list[Candidate]] = {kind: [] for kind in readers}
    for wid in upto:
        for item in project.agenda(wid):
            reader = readers.get(item.kind)
            if reader is not None:
                found[item.kind] += reader(project, item)
    every = [c for kind in readers for c in found[kind]]
    if include_taken:
        return every
    taken = taken_keys(project)
    return [c for c in every if c.key not in taken]


def take(project: Project, item_id: int, keys: list[str]) -> list[Element]:
    """List the chosen candidates as elements to secure, listed on this agenda item."""
    from exercises.securing import add_element
    from workshop.proposals import Referent

    item = project.agenda_item(item_id)
    wanted = set(keys)
    chosen = [c for c in candidates(project, item.workshop_id) if c.key in wanted]
    made: list[Element] = []
    with project.batch():
        for candidate in chosen:
            referent = Referent(candidate.referent_participant_id, candidate.referent_structure_id)
            made.append(
                add_element(
                    project,
                    candidate.text,
                    item_id=item_id,
                    origin=candidate.origin,
                    origin_key=candidate.key,
                    origin_detail=candidate.detail,
                    text_key=candidate.text_key,
                    text_params=candidate.text_params,
                    referent=referent,
                )
            )
    return made


# Readers, one per exercise -------------------------------------------------------------------
def _from_swot(project: Project, item: AgendaItem) -> list[Candidate]:
    from exercises.swot import TABLE, TO_ANSWER, SwotState

    data = item_state.load(project, TABLE, item.id)
    if data is None:
        return []
    current = SwotState.from_dict(data)
    names = Names(project)
    found = []
    for analysis in current.analyses:
        for quadrant in TO_ANSWER:
            entries = [e for e in current.entries_of(analysis.id, quadrant) if not e.hidden]
            detail = {"quadrant": quadrant.value, "structure_id": analysis.structure_id}
            context = source_label("swot", detail, names)
            for entry in sorted(entries, key=lambda e: not e.retained):
                found.append(Candidate(f"swot:{item.id}:{entry.id}", "swot", entry.text, context, detail, retained=entry.retained))
    return found


def _from_apt(project: Project, item: AgendaItem) -> list[Candidate]:
    from exercises.apt import TABLE, AptState
    from exercises.apt_outputs import risk_plan

    data = item_state.load(project, TABLE, item.id)
    if data is None:
        return []
    found = []
    people = {name_key(p.name): p.id for p in project.participants()}
    structures = {name_key(s.name): s.id for s in project.structures()}
    names = Names(project)
    for risk in risk_plan(AptState.from_dict(data)):
        owner = name_key(risk.owner) if risk.owner else ""
        person, structure = people.get(owner, 0), structures.get(owner, 0) if owner not in people else 0
        # The owner the group named is the responsible when the project knows them; else a note.
        detail = {"group": risk.group, "mitigation": risk.mitigation, "owner": "" if person or structure else risk.owner}
        detail = {k: v for k, v in detail.items() if v}
        found.append(
            Candidate(
                f"apt:{item.id}:{risk.item.id}",
                "apt",
                risk.risk,
                source_label("apt", detail, names),
                detail,
                referent_participant_id=person,
                referent_structure_id=structure,
                retained=bool(risk.item.weight),
            )
        )
    return found


def _from_supra(project: Project, item: AgendaItem) -> list[Candidate]:
    from exercises.supra import TABLE, SupraState, criteria

    data = item_state.load(project, TABLE, item.id)
    if data is None:
        return []
    current = SupraState.from_doc(data)
    if not current.versions:
        return []
    context = t("securing.from.supra")
    return [
        Candidate(
            f"supra:{item.id}:{check.criterion.value}",
            "supra",
            t(f"securing.from_supra.{check.criterion.value}"),
            context,
            text_key=f"securing.from_supra.{check.criterion.value}",
        )
        for check in criteria(current)
        if check.met is False
    ]


def _from_matrix(project: Project, item: AgendaItem) -> list[Candidate]:
    from exercises.matrix import TABLE, CheckKind, MatrixState, actors, checks

    data = item_state.load(project, TABLE, item.id)
    if data is None:
        return []
    current = MatrixState.from_doc(data)
    labels = {a.id: a.label for a in current.actions}
    context = t("securing.from.matrix")
    found = []
    for check in checks(current, actors(project, current)):
        if check.kind == CheckKind.NO_PILOT:
            params = {"action": labels.get(check.action_id, "")}
            key = "securing.from_matrix.no_pilot"
            found.append(Candidate(f"matrix:{item.id}:{check.action_id}", "matrix", t(key, **params), context, text_key=key, text_params=params))
    return found
