"""How an element to secure reads on screen and in the minutes: who, which structure, state, origin;
the open ones as rows of an actions table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from exercises.securing import OPEN_STATES, Element, as_of, element_text
from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.project import Project

MISSING = "—"


def state_label(item: Element, day: str = "") -> str:
    """The element's state; "(late)" when still open after its due date on `day`."""
    text = t(f"securing.state.{item.state}")
    if item.state == "abandoned" and item.state_reason:
        text = t("securing.with_reason", text=text, reason=item.state_reason)
    if day and item.is_late(day):
        text = t("securing.late_state", text=text)
    return text


def origin_label(item: Element, names: Names) -> str:
    """Where it comes from, as people read it ("FFOM · Faiblesse · EHPAD Les Tilleuls")."""
    return source_label(item.origin, item.origin_detail, names)


def source_label(origin: str, detail: dict[str, Any], names: Names) -> str:
    if origin == "swot":
        quadrant = t(f"swot.quadrant.{detail.get('quadrant') or 'unsorted'}.one")
        subject = names.structure(detail["structure_id"]) if detail.get("structure_id") else t("swot.subject.project")
        if detail.get("answer_to"):
            return t("swot.origin.answer", quadrant=quadrant.lower(), text=detail["answer_to"], subject=subject)
        return t("securing.from.swot", quadrant=quadrant, subject=subject)
    if origin == "apt":
        return t("securing.from.apt", group=detail.get("group", MISSING))
    if origin in ("supra", "matrix"):
        return t(f"securing.from.{origin}")
    return t(f"securing.origin.{origin or 'typed'}")


def source_notes(item: Element) -> list[str]:
    """What the source said that is worth keeping with the element (an APT risk's mitigation, its owner)."""
    lines = []
    if item.origin_detail.get("mitigation"):
        lines.append(t("securing.notes.mitigation", text=item.origin_detail["mitigation"]))
    if item.origin_detail.get("owner"):
        lines.append(t("securing.notes.owner", name=item.origin_detail["owner"]))
    return lines


class Names:
    """The names elements refer to, read once."""

    def __init__(self, project: Project) -> None:
        self.structures = {s.id: s.name for s in project.structures()}
        self.people = {p.id: (p.name, p.structure_id) for p in project.participants()}
        self.workshops = {w.id: w.title for w in project.workshops()}

    def structure(self, structure_id: int) -> str:
        return self.structures.get(structure_id, MISSING) if structure_id else MISSING

    def person(self, participant_id: int) -> str:
        if not participant_id:
            return MISSING
        return self.people[participant_id][0] if participant_id in self.people else t("securing.person_removed")

    def referent(self, item: Element) -> str:
        """Who is responsible: the person, else the structure, else "—"."""
        if item.referent_participant_id:
            return self.person(item.referent_participant_id)
        if item.referent_structure_id:
            return self.structure(item.referent_structure_id)
        return MISSING

    def referent_structure(self, item: Element) -> str:
        """The structure that answers for it: the person's own, or the structure named."""
        if item.referent_participant_id:
            known = self.people.get(item.referent_participant_id)
            return self.structure(known[1]) if known else MISSING
        return self.structure(item.referent_structure_id)

    def workshop(self, workshop_id: int) -> str:
        return self.workshops.get(workshop_id, MISSING) if workshop_id else MISSING


@dataclass(frozen=True)
class ActionRow:
    """An open element as a line of an actions table: what, who, which structure, by when, state."""

    what: str
    who: str  # the responsible person ("" when a structure is responsible)
    structure: str  # that person's structure, or the responsible structure ("—" when nobody yet)
    due: str  # ISO date, "" when none was set
    state: str  # the state's label (with "late" when it is)
    late: bool
    element_id: int


def open_actions(project: Project, day: str = "") -> list[ActionRow]:
    """The elements still open at the end of `day` (default today by the project's clock), as action
    rows, soonest due first."""
    day = day or project.today()
    names = Names(project)
    rows = []
    for item in sorted(as_of(project, day), key=lambda e: (e.due or "9999", e.id)):
        if item.state not in OPEN_STATES:
            continue
        rows.append(
            ActionRow(
                what=element_text(item),
                who=names.person(item.referent_participant_id) if item.referent_participant_id else "",
                structure=names.referent_structure(item),
                due=item.due,
                state=state_label(item, day),
                late=item.is_late(day),
                element_id=item.id,
            )
        )
    return rows
