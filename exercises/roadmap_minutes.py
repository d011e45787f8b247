"""The roadmap's section of the minutes: the path from stakes to actions, the calendar, the follow-up.

Everything is read as it stood at the end of the workshop: the item's own state
(a later workshop works on its own copy) and the proposals' decisions and
statuses on the workshop's date.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises import means, periods
from exercises.roadmap import RoadmapState, crossing, plan, stakes_by_structure
from exercises.roadmap_actions import matrix_row_of
from exercises.roadmap_follow import (
    MISSING,
    due_by,
    follow,
    proposals_by_id,
    referent_names,
    state_label,
)
from exercises.roadmap_timeline import period_table, timeline
from workshop.i18n import t
from workshop.minutes.blocks import Block, Heading, Paragraph, Run, cell_lines, table

if TYPE_CHECKING:
    from workshop.minutes.outcomes import Outcomes
    from workshop.model import Participant, Workshop
    from workshop.project import Project

WORDS_SHOWN = 12
WIDE_PERIODS = 6  # a calendar wider than this many periods rather goes on a landscape page


def section(project: Project, workshop: Workshop, state: RoadmapState) -> list[Block]:
    if not (state.stakes or state.objectives or state.actions or state.milestones):
        return [Paragraph.of(Run(t("roadmap.minutes.empty"), italic=True))]
    day = workshop.date or project.today()
    names = {s.id: s.name for s in project.structures()}
    people = {p.id: p for p in project.participants()}
    blocks: list[Block] = []
    if state.supra_text:
        blocks.append(Paragraph.of(Run(t("roadmap.minutes.supra"), bold=True), state.supra_text))
    blocks += _stakes(project, state, names)
    blocks += _objectives(state)
    blocks += _actions(project, state, names, people, day)
    blocks += _details(state, names)
    blocks += _milestones(state, names)
    blocks += _calendar(project, state, day)
    blocks += _follow_up(project, workshop, state, names, people, day)
    return blocks


def _stakes(project: Project, state: RoadmapState, names: dict[int, str]) -> list[Block]:
    blocks: list[Block] = []
    grouped = stakes_by_structure(project, state)
    if grouped:
        blocks.append(Heading(3, t("roadmap.minutes.stakes")))
        rows = [[names.get(sid, MISSING), cell_lines([s.text for s in stakes])] for sid, stakes in grouped]
        blocks.append(table([t("roadmap.col.structure"), t("roadmap.col.stakes")], rows))
    if state.shared:
        blocks.append(Heading(3, t("roadmap.minutes.shared")))
        rows = [
            [shared.text, ", ".join(names.get(sid, MISSING) for sid in state.structures_sharing(shared)) or MISSING]
            for shared in state.shared
        ]
        blocks.append(table([t("roadmap.col.shared"), t("roadmap.col.shared_by")], rows))
        words = crossing(state)[:WORDS_SHOWN]
        if words:
            listed = ", ".join(t("roadmap.minutes.word", word=w.shown, count=w.drafts) for w in words)
            blocks.append(Paragraph.of(Run(t("roadmap.minutes.words"), italic=True), listed))
    return blocks


def _objectives(state: RoadmapState) -> list[Block]:
    if not state.objectives:
        return []
    shared = {s.id: s.text for s in state.shared}
    rows = []
    for objective, below in plan(state):
        rows.append(
            [
                objective.text,
                cell_lines([shared[i] for i in objective.shared_ids if i in shared]),
                cell_lines([operational.text for operational, _ in below]),
            ]
        )
    header = [t("roadmap.col.objective"), t("roadmap.col.from_shared"), t("roadmap.col.operational")]
    return [Heading(3, t("roadmap.minutes.objectives")), table(header, rows)]


def _actions(project: Project, state: RoadmapState, names: dict[int, str], people: dict[int, Participant], day: str) -> list[Block]:
    if not state.actions:
        return []
    by_id = proposals_by_id(project)
    operational = {o.id: o.text for o in state.operational}
    rows = []
    for action in state.ordered_actions():
        followed = follow(action, by_id, day, as_of=day)
        who, _ = referent_names(followed.referent, people, names)
        links = []
        if action.proposal_id:
            links.append(t("roadmap.minutes.proposal_link", number=action.proposal_id))
        row = matrix_row_of(project, action)
        if row is not None:
            links.append(t("roadmap.minutes.matrix_link", pilot=row.pilot or MISSING))
        rows.append(
            [
                t("roadmap.timeline.pilot_label", text=action.text) if action.pilot else action.text,
                operational.get(action.operational_id, MISSING),
                who,
                periods.format_date(followed.start) or MISSING,
                periods.format_date(followed.end) or MISSING,
                state_label(followed),
                cell_lines(links),
            ]
        )
    header = [t(f"roadmap.col.{c}") for c in ("action", "operational_short", "referent", "start", "end", "state", "links")]
    blocks: list[Block] = [Heading(3, t("roadmap.minutes.actions")), table(header, rows)]
    if any(a.pilot for a in state.actions):
        blocks.append(Paragraph.of(Run(t("roadmap.minutes.pilot_note"), italic=True)))
    return blocks


def _details(state: RoadmapState, names: dict[int, str]) -> list[Block]:
    described = [a for a in state.ordered_actions() if a.skills or a.resources or a.partner_ids]
    if not described:
        return []
    rows = []
    for action in described:
        resources = []
        for item in action.resources:
            line = means.describe(item)
            if item.structure_id:
                line = t("roadmap.minutes.provided_by", what=line, structure=names.get(item.structure_id, MISSING))
            resources.append(line)
        rows.append(
            [
                action.text,
                action.skills or MISSING,
                cell_lines(resources),
                ", ".join(names.get(sid, MISSING) for sid in action.partner_ids) or MISSING,
            ]
        )
    header = [t(f"roadmap.col.{c}") for c in ("action", "skills", "resources", "partners")]
    blocks: list[Block] = [Heading(3, t("roadmap.minutes.details")), table(header, rows)]
    every = [m for a in state.actions for m in a.resources]
    total = means.summary([m for m in every if m.kind in (k.value for k in means.QUANTIFIED)])
    if total:
        blocks.append(Paragraph.of(Run(t("roadmap.minutes.means_total"), bold=True), total))
    return blocks


def _milestones(state: RoadmapState, names: dict[int, str]) -> list[Block]:
    if not state.milestones:
        return []
    rows = [
        [periods.format_date(m.date), m.text, ", ".join(names.get(sid, MISSING) for sid in m.structure_ids) or MISSING]
        for m in state.milestones
    ]
    header = [t("roadmap.col.date"), t("roadmap.col.milestone"), t("roadmap.col.actors")]
    return [Heading(3, t("roadmap.minutes.milestones")), table(header, rows)]


def _calendar(project: Project, state: RoadmapState, day: str) -> list[Block]:
    line = timeline(project, state, day)
    blocks: list[Block] = []
    if not line.empty:
        grid = period_table(line)
        header = [t("roadmap.col.what"), *grid.periods]
        blocks.append(Heading(3, t(f"roadmap.minutes.calendar_{grid.unit.value}")))
        blocks.append(table(header, [[label, *cells] for label, cells in grid.rows]))
        blocks.append(Paragraph.of(Run(t("roadmap.minutes.calendar_legend"), italic=True)))
    if line.undated:
        blocks.append(Paragraph.of(Run(t("roadmap.minutes.undated", count=len(line.undated)), bold=True), ", ".join(a.text for a in line.undated)))
    return blocks


def _follow_up(
    project: Project, workshop: Workshop, state: RoadmapState, names: dict[int, str], people: dict[int, Participant], day: str
) -> list[Block]:
    due = due_by(project, state, workshop, day, as_of=day)
    if not due:
        return []
    rows = []
    for action, followed in due:
        who, _ = referent_names(followed.referent, people, names)
        rows.append([action.text, who, periods.format_date(followed.end), state_label(followed)])
    header = [t("roadmap.col.action"), t("roadmap.col.referent"), t("roadmap.col.end"), t("roadmap.col.state")]
    blocks: list[Block] = [Heading(3, t("roadmap.minutes.follow_up")), table(header, rows)]
    late = sum(1 for _, followed in due if followed.late)
    if late:
        blocks.append(Paragraph.of(Run(t("roadmap.minutes.late", count=late), bold=True)))
    return blocks


def outcomes(project: Project, workshop: Workshop, state: RoadmapState) -> Outcomes:
    """The synthesis's actions: what the plan asks before the next meeting (due by then, or late),
    pilot subjects first; a sentence counts the others, which the roadmap's section lists. An
    action that carries a retained proposal is that proposal's line (same key)."""
    from workshop.minutes.outcomes import Action, Outcomes, proposal_key

    day = workshop.date or project.today()
    horizon = max(workshop.next_meeting_date, day)  # no meeting fixed yet: what is due by today, or late
    by_id = proposals_by_id(project)
    people = {p.id: p for p in project.participants()}
    names = {s.id: s.name for s in project.structures()}
    found = Outcomes()
    later = 0
    for action in state.ordered_actions():
        followed = follow(action, by_id, day, as_of=day)
        if followed.status and not followed.open:
            continue  # done or dropped: the roadmap's section says so
        if not followed.late and not (followed.end and periods.last_day(followed.end) <= horizon):
            later += 1
            continue
        who, structure = referent_names(followed.referent, people, names)
        carried = by_id.get(action.proposal_id) if action.proposal_id else None
        # A day as the synthesis writes days; the promise's own date when the action carries one.
        end = carried.due if carried is not None and carried.due else followed.end
        text = t("roadmap.timeline.pilot_label", text=action.text) if action.pilot else action.text
        key = proposal_key(action.proposal_id) if carried is not None else f"roadmap:{action.id}"
        full_day = len(end) == len("2027-03-15")
        found.actions.append(
            Action(
                text,
                "" if who == structure else who,
                structure,
                due=end if full_day else "",
                state=state_label(followed),
                key=key,
                due_text="" if full_day or not end else period_words(end),
            )
        )
    if later:
        found.later.append(t("roadmap.minutes.synthesis_later", count=later))
    return found


def period_words(stored: str) -> str:
    """A month or a year as a sentence writes it: "mai 2027", "2027"."""
    if len(stored) == len("2027-05"):
        return periods.month_name(int(stored[:4]), int(stored[5:7]), short=False)
    return stored
