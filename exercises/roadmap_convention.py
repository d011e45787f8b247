"""What the roadmap brings to the draft convention.

Under the "Objet", the common objectives the parties set themselves (the shared
objectives and their operational objectives). In the annexes, the roadmap
itself: the actions with their referent, calendar and state, pilot subjects
first, and the key milestones. Under the financial modalities, what each party
said it would put into which action (a start, not their settlement).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises import item_state, means, periods
from exercises.roadmap import TABLE, RoadmapState, plan
from exercises.roadmap_follow import (
    MISSING,
    follow,
    proposals_by_id,
    referent_names,
    state_label,
)
from workshop.convention.parts import Part, PartContent, items_of_kind
from workshop.i18n import t
from workshop.minutes.blocks import Block, Paragraph, Run, bullets, cell_lines, table

if TYPE_CHECKING:
    from workshop.project import Project


def latest_plan(project: Project) -> tuple[int, RoadmapState] | None:
    """The agenda item and the roadmap of the latest workshop that worked on it."""
    for item in reversed(items_of_kind(project, "roadmap")):
        doc = item_state.load(project, TABLE, item.id)
        if doc is not None:
            state = RoadmapState.from_doc(doc)
            if state.objectives or state.actions or state.milestones:
                return item.id, state
    return None


def convention_parts(project: Project) -> list[PartContent]:
    found = latest_plan(project)
    if found is None:
        return []
    item_id, state = found
    parts: list[PartContent] = []
    if state.objectives:
        parts.append(PartContent.of(Part.PURPOSE, _objectives(state), [item_id], order=20))
    if state.actions or state.milestones:
        from workshop.minutes.typography import long_date

        day = project.today()
        annex = t("roadmap.convention.annex", actions=len(state.actions), milestones=len(state.milestones), date=long_date(day))
        parts.append(PartContent.of(Part.ANNEXES, _roadmap(project, state, day), [item_id], annexes=(annex,), order=10))
    funding = _means(project, state)
    if funding:
        parts.append(PartContent.of(Part.FINANCES, funding, [item_id], order=110, settles=False))
    return parts


def _objectives(state: RoadmapState) -> list[Block]:
    lines = []
    for objective, below in plan(state):
        operational = [operational.text for operational, _ in below]
        lines.append(t("roadmap.convention.objective", objective=objective.text, operational=" ; ".join(operational)) if operational else objective.text)
    return [Paragraph.of(t("roadmap.convention.objectives_intro")), bullets(lines)]


def _roadmap(project: Project, state: RoadmapState, day: str) -> list[Block]:
    names = {s.id: s.name for s in project.structures()}
    people = {p.id: p for p in project.participants()}
    by_id = proposals_by_id(project)
    blocks: list[Block] = [Paragraph.of(Run(t("roadmap.convention.heading"), bold=True))]
    rows = []
    for action in state.ordered_actions():
        followed = follow(action, by_id, day)
        who, _ = referent_names(followed.referent, people, names)
        span = t("roadmap.screen.span", start=periods.format_date(followed.start) or "…", end=periods.format_date(followed.end) or "…")
        label = t("roadmap.timeline.pilot_label", text=action.text) if action.pilot else action.text
        rows.append([label, who, span, state_label(followed)])
    if rows:
        header = [t("roadmap.col.action"), t("roadmap.col.referent"), t("roadmap.convention.col_calendar"), t("roadmap.col.state")]
        blocks.append(table(header, rows))
    if state.milestones:
        milestones = [
            [periods.format_date(m.date), m.text, ", ".join(names.get(sid, MISSING) for sid in m.structure_ids) or MISSING]
            for m in state.milestones
        ]
        blocks.append(table([t("roadmap.col.date"), t("roadmap.col.milestone"), t("roadmap.col.actors")], milestones))
    return blocks


def _means(project: Project, state: RoadmapState) -> list[Block]:
    names = {s.id: s.name for s in project.structures()}
    by_structure: dict[int, list[str]] = {}
    for action in state.ordered_actions():
        for resource in action.resources:
            if resource.structure_id:
                line = t("roadmap.convention.means_for", what=means.describe(resource), action=action.text)
                by_structure.setdefault(resource.structure_id, []).append(line)
    if not by_structure:
        return []
    order = {s.id: n for n, s in enumerate(project.structures())}
    rows = [[names.get(sid, MISSING), cell_lines(lines)] for sid, lines in sorted(by_structure.items(), key=lambda kv: order.get(kv[0], 99))]
    return [Paragraph.of(t("roadmap.convention.means_intro")), table([t("roadmap.col.structure"), t("roadmap.col.resources")], rows)]
