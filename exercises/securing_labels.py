"""How an element to secure reads on screen and in the minutes: who, which structure, state, origin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop.i18n import t

if TYPE_CHECKING:
    from exercises.securing import Element
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


def origin_label(item: Element) -> str:
    if item.origin_label:
        return item.origin_label
    return t(f"securing.origin.{item.origin or 'typed'}")


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
