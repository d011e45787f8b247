"""Elements to secure as the core sees it (`workshop.exercise`): its records, its minutes, what it
gives the synthesis, its part of the register, the structures responsible, and the elements gone
late that the cockpit announces."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from exercises import securing_minutes
from exercises.securing import TABLE, Element, late
from workshop.exercise import Exercise
from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.minutes.blocks import Block
    from workshop.minutes.outcomes import Outcomes
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project


class Securing(Exercise):
    kind = "securing"
    record_table = TABLE
    record_type = Element
    order = 45  # after who-does-what, before the commitments
    default_minutes = 30

    def minutes_section(self, project: Project, workshop: Workshop, item: AgendaItem) -> list[Block]:
        return securing_minutes.section(project, workshop, item)

    def outcomes(self, project: Project, workshop: Workshop, item: AgendaItem) -> Outcomes:
        return securing_minutes.outcomes(project, workshop, item)

    def structure_guard(self, project: Project, structure_id: int) -> tuple[str, dict[str, Any]] | None:
        """A structure responsible for elements is not removed from the project silently."""
        count = sum(1 for doc in project.store.table(TABLE).all() if doc.get("referent_structure_id") == structure_id)
        return ("securing.error.structure_responsible", {"count": count}) if count else None

    def register_part(self, project: Project, day: str) -> list[Block]:
        """The register of the project (`atelier export --register`) lists the elements after the proposals."""
        return securing_minutes.register_part(project, day)

    def cockpit_notice(self, project: Project, workshop_id: int, today: str) -> str | None:
        """At the start of a workshop: the elements still open after their due date."""
        found = late(project, today)
        if not found:
            return None
        here = next((i for i in project.agenda(workshop_id) if i.kind == self.kind), None)
        if here is None:
            return t("securing.notice.late_no_item", count=len(found), exercise=self.title)
        return t("securing.notice.late", count=len(found), item=here.title)


EXERCISE = Securing()
