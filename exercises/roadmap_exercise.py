"""The roadmap as the core sees it (`workshop.exercise`): its table, its minutes, what it gives the
synthesis, its part of the draft convention, the structures it names, and the actions gone late
that the cockpit announces."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from exercises import item_state, roadmap_convention, roadmap_follow, roadmap_minutes
from exercises.roadmap import KIND, TABLE, RoadmapState, latest
from workshop.exercise import Exercise
from workshop.i18n import t
from workshop.minutes.outcomes import Outcomes

if TYPE_CHECKING:
    from workshop.convention.parts import PartContent
    from workshop.minutes.blocks import Block
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project


class Roadmap(Exercise):
    kind = KIND
    order = 60
    default_minutes = 90
    state_table = TABLE
    state_type = RoadmapState

    def minutes_section(self, project: Project, workshop: Workshop, item: AgendaItem) -> list[Block]:
        doc = item_state.load(project, TABLE, item.id)
        if doc is None:
            return []
        return roadmap_minutes.section(project, workshop, RoadmapState.from_doc(doc))

    def outcomes(self, project: Project, workshop: Workshop, item: AgendaItem) -> Outcomes:
        doc = item_state.load(project, TABLE, item.id)
        return Outcomes() if doc is None else roadmap_minutes.outcomes(project, workshop, RoadmapState.from_doc(doc))

    def convention_parts(self, project: Project) -> list[PartContent]:
        return roadmap_convention.convention_parts(project)

    def structure_guard(self, project: Project, structure_id: int) -> tuple[str, dict[str, Any]] | None:
        """A structure named in a roadmap is not removed from the project silently."""
        for doc in project.store.table(TABLE).all():
            state = RoadmapState.from_doc(doc)
            named = {s.structure_id for s in state.stakes}
            for action in state.actions:
                named.update(action.partner_ids)
                named.add(action.referent_structure_id)
                named.update(m.structure_id for m in action.resources)
            for milestone in state.milestones:
                named.update(milestone.structure_ids)
            if structure_id in named:
                return "roadmap.error.structure_in_roadmap", {}
        return None

    def cockpit_notice(self, project: Project, workshop_id: int, today: str) -> str | None:
        """At the start of a workshop: the roadmap's actions still open after their end."""
        state = latest(project, workshop_id)
        late = roadmap_follow.late(project, state, today) if state is not None else []
        if not late:
            return None
        here = next((i for i in project.agenda(workshop_id) if i.kind == KIND), None)
        if here is None:
            return t("roadmap.notice.late_no_item", count=len(late), exercise=self.title)
        return t("roadmap.notice.late", count=len(late), item=here.title)


EXERCISE = Roadmap()
