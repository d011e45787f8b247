"""How a proposal's fields read in the interface and the minutes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop.errors import NotFound
from workshop.i18n import t
from workshop.proposals.proposal import Proposal, Status

if TYPE_CHECKING:
    from workshop.project import Project

MISSING = "—"


def decision_label(decision: str) -> str:
    return t(f"proposals.decision.{decision or 'undecided'}")


def status_label(item: Proposal, today: str = "") -> str:
    """The implementation status of a retained proposal ("—" otherwise)."""
    if not item.retained:
        return MISSING
    text = t(f"proposals.status.{item.status}")
    if item.status == Status.DROPPED and item.status_reason:
        text = t("proposals.with_reason", text=text, reason=item.status_reason)
    if today and item.is_late(today):
        text = t("proposals.late_status", text=text)
    return text


class Names:
    """The names a list of proposals refers to, read once."""

    def __init__(self, project: Project) -> None:
        self.structures = {s.id: s.name for s in project.structures()}
        self.people = {p.id: p.name for p in project.participants()}
        self.workshops = {w.id: w.title for w in project.workshops()}
        self.items: dict[int, str] = {}
        self._project = project

    def structure(self, structure_id: int) -> str:
        return self.structures.get(structure_id, MISSING) if structure_id else MISSING

    def author(self, item: Proposal) -> str:
        """The proposing structure; says so when it is unknown (old data) rather than "—"."""
        return self.structures.get(item.structure_id) or t("proposals.author_unknown")

    def author_known(self, item: Proposal) -> bool:
        return item.structure_id in self.structures

    def person(self, participant_id: int) -> str:
        if not participant_id:
            return MISSING
        return self.people.get(participant_id, t("proposals.person_removed"))

    def workshop(self, workshop_id: int) -> str:
        return self.workshops.get(workshop_id, MISSING) if workshop_id else MISSING

    def referent(self, item: Proposal) -> str:
        if item.referent_participant_id:
            return self.person(item.referent_participant_id)
        if item.referent_structure_id:
            return self.structure(item.referent_structure_id)
        return MISSING

    def source(self, item: Proposal) -> str:
        """Where it came up: the agenda item's title, else the exercise, else "typed"."""
        if item.item_id:
            if item.item_id not in self.items:
                try:
                    self.items[item.item_id] = self._project.agenda_item(item.item_id).title
                except NotFound:  # the item was removed since
                    self.items[item.item_id] = ""
            if self.items[item.item_id]:
                return self.items[item.item_id]
        return source_label(item.source)


def source_label(source: str) -> str:
    if not source:
        return t("proposals.source.direct")
    from workshop.registry import BUILTIN, get_exercise, is_installed

    if source in BUILTIN:
        return get_exercise(source).title
    key = f"proposals.source.{source}"
    text = t(key)
    if text != key:
        return text  # a feature of the core (a round…)
    return get_exercise(source).title if is_installed(source) else source
