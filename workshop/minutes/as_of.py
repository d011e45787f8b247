"""The project as it stood at the end of a workshop: what its minutes are computed from.

Every figure of a workshop's minutes (counts, gauges, late actions, the follow-up
of proposals) is read from this copy, so exporting old minutes again gives the
same document: later workshops, their agenda, their rounds and next steps are
left out; proposals made later are left out and the others are rewound to that
day (`workshop.proposals.as_of`); next steps keep the status they had. One day
is the cut-off everywhere: the workshop's date (today for an undated workshop).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workshop.minutes.snapshot import frozen_project

if TYPE_CHECKING:
    from workshop.model import Workshop
    from workshop.project import Project

# Tables whose documents belong to one workshop (by "workshop_id").
PER_WORKSHOP = ("agenda", "rounds", "next_steps")


@dataclass(frozen=True)
class AsOf:
    project: Project  # read-only, as it stood
    day: str  # the cut-off, ISO date


def cut_off(project: Project, workshop: Workshop) -> str:
    """The last day the minutes of `workshop` report: its date, else today (by the project's clock)."""
    return workshop.date or project.today()


def as_of(project: Project, workshop: Workshop) -> AsOf:
    """A read-only copy of `project` at the end of `workshop` (documents shared, never changed)."""
    from workshop.next_steps import NextStep
    from workshop.proposals.as_of import changes_as_of

    day = cut_off(project, workshop)
    data: dict[str, Any] = dict(project.store.storage.read())
    order = [w.id for w in project.workshops()]
    kept = set(order[: order.index(workshop.id) + 1]) if workshop.id in order else set(order)
    data["workshops"] = {key: doc for key, doc in data.get("workshops", {}).items() if int(key) in kept}
    for table in PER_WORKSHOP:
        if table in data:
            data[table] = {key: doc for key, doc in data[table].items() if doc.get("workshop_id") in kept}
    if "proposals" in data:
        rewound = {}
        for key, doc in data["proposals"].items():
            if doc.get("workshop_id") and doc["workshop_id"] not in kept:
                continue
            changes = changes_as_of(doc, day, int(key))
            if changes is not None:
                rewound[key] = {**doc, **changes}
        data["proposals"] = rewound
    if "next_steps" in data:
        steps = {}
        for key, doc in data["next_steps"].items():
            step = NextStep.from_doc(doc, int(key))
            steps[key] = {**doc, "status": step.status_on(day), "log": [e for e in step.log if e.get("on", "") <= day]}
        data["next_steps"] = steps
    then = frozen_project(project.path, data)
    then.clock = project.clock
    return AsOf(then, day)
