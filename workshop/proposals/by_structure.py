"""Per structure: how many of its proposals were retained, so everyone sees theirs count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from workshop.proposals.proposal import Decision, Status

if TYPE_CHECKING:
    from workshop.project import Project


@dataclass(frozen=True)
class StructureTally:
    structure_id: int
    name: str
    member: bool
    proposed: int = 0
    retained: int = 0
    not_retained: int = 0
    under_study: int = 0
    undecided: int = 0
    done: int = 0


def tallies(project: Project, workshop_id: int | None = None) -> list[StructureTally]:
    """One line per structure of the project (those with no proposal too), in the
    project's order."""
    from workshop.proposals.tracker import proposals

    counts: dict[int, dict[str, int]] = {}
    for item in proposals(project, workshop_id):
        line = counts.setdefault(item.structure_id, {})
        line["proposed"] = line.get("proposed", 0) + 1
        field = {
            Decision.RETAINED.value: "retained",
            Decision.NOT_RETAINED.value: "not_retained",
            Decision.UNDER_STUDY.value: "under_study",
        }.get(item.decision, "undecided")
        line[field] = line.get(field, 0) + 1
        if item.retained and item.status == Status.DONE:
            line["done"] = line.get("done", 0) + 1
    return [StructureTally(s.id, s.name, s.member, **counts.get(s.id, {})) for s in project.structures()]
