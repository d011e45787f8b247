"""The project's register of action proposals, for the steering committee (`atelier export --register`).

Landscape pages: the commitment on top as it stands on the register's day
(`commitment_blocks`), then the proposals stated by then, as they stood that day,
grouped by where they stand (late first, then in progress, to do, under study,
undecided, done, dropped, not retained), each group in workshop order, in tables
of seven columns at most; then every workshop's next steps.

Other follow-ups the project keeps across workshops (the elements to secure…)
add their part after the proposals: the exercise keeping them declares it
(`Exercise.register_part`, level-1 headings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop.i18n import language, t
from workshop.minutes.blocks import Block, DocumentInfo, Heading, facts, table
from workshop.minutes.typography import long_date
from workshop.proposals.labels import MISSING, Names
from workshop.proposals.minutes import commitment_blocks
from workshop.proposals.proposal import Decision, Proposal, Status
from workshop.proposals.threshold import threshold_as_of
from workshop.proposals.tracker import proposals_as_of, today

if TYPE_CHECKING:
    from workshop.project import Project

# Where a proposal stands, in the order the register lists them.
STATES = ("late", "in_progress", "to_do", "under_study", "undecided", "done", "dropped", "not_retained")
COLUMNS = ("number", "text", "structure", "workshop", "referent", "due", "detail")


def state_of(item: Proposal, day: str) -> str:
    if item.retained:
        return "late" if item.is_late(day) else item.status
    return item.decision or "undecided"


def register_info(project: Project, day: str = "") -> DocumentInfo:
    day = day or today(project)
    title = t("proposals.register.heading", project=project.name)
    header = " · ".join((project.name, t("proposals.register.short"), long_date(day)))
    return DocumentInfo(
        title=title, subject=project.name, lang=language(), date=day, header=header, landscape=True,
        written=project.clock.now(),
    )


def register_blocks(project: Project, day: str = "") -> list[Block]:
    """A header block, the commitment, and the proposals grouped by state, then the next steps.

    As of `day` (today by the project's clock): proposals stated by then, as they stood that day."""
    day = day or today(project)
    every = proposals_as_of(project, day)
    names = Names(project)
    order = {w.id: n for n, w in enumerate(project.workshops())}
    dates = {w.id: w.date for w in project.workshops()}
    promoter = names.structure(project.promoter_id) if project.promoter_id else ""
    threshold = threshold_as_of(project, day).value
    blocks: list[Block] = [
        Heading(0, t("proposals.register.heading", project=project.name)),
        facts(
            [
                (t("proposals.register.fact_as_of"), long_date(day)),
                (t("proposals.register.fact_promoter"), promoter),
                (t("proposals.register.fact_threshold"), t("proposals.percent", value=threshold)),
                (t("proposals.register.fact_count"), str(len(every))),
            ]
        ),
        *commitment_blocks(project, day, level=1),
    ]
    grouped: dict[str, list[Proposal]] = {state: [] for state in STATES}
    for item in every:
        grouped.setdefault(state_of(item, day), []).append(item)
    header = [t(f"proposals.register.col.{c}") for c in COLUMNS]
    for state in STATES:
        found = sorted(grouped[state], key=lambda p: (order.get(p.workshop_id, len(order)), p.due or "", p.id))
        if not found:
            continue
        rows = [
            [
                str(p.id),
                p.text,
                _author(names, p, project.promoter_id),
                _workshop(names, p, dates),
                names.referent(p) if p.retained else MISSING,
                long_date(p.due) if p.retained and p.due else MISSING,
                _detail(p, day),
            ]
            for p in found
        ]
        blocks.append(Heading(1, t(f"proposals.register.state.{state}", count=len(found))))
        blocks.append(table(header, rows))
    from workshop.registry import exercises_of

    for exercise in exercises_of(project.kinds_used()):
        blocks += exercise.register_part(project, day)
    blocks += _next_steps(project, day, order, dates)
    return blocks


def _author(names: Names, item: Proposal, promoter: int) -> str:
    author = names.author(item)
    return t("proposals.minutes.promoter_mark", name=author) if promoter and item.structure_id == promoter else author


def _workshop(names: Names, item: Proposal, dates: dict[int, str]) -> str:
    if not item.workshop_id:
        return MISSING
    return t("proposals.register.workshop", title=names.workshop(item.workshop_id), date=long_date(dates.get(item.workshop_id, "")))


def _detail(item: Proposal, day: str) -> str:
    """What the state alone does not say: why it was not retained or dropped, how late it is."""
    if item.decision == Decision.NOT_RETAINED:
        return item.reason or MISSING
    if item.retained and item.status == Status.DROPPED:
        return item.status_reason or MISSING
    if item.retained and item.status == Status.DONE and item.status_on:
        return t("proposals.register.done_on", date=long_date(item.status_on))
    if item.retained and item.is_late(day):
        return t("proposals.register.late_since", date=long_date(item.due))
    return MISSING


def _next_steps(project: Project, day: str, order: dict[int, int], dates: dict[int, str]) -> list[Block]:
    from workshop.minutes.next_steps import step_owner, step_state
    from workshop.next_steps import StepStatus, next_steps

    steps = next_steps(project)
    if not steps:
        return []
    titles = {w.id: w.title for w in project.workshops()}
    steps.sort(key=lambda s: (s.status == StepStatus.DONE, order.get(s.workshop_id, len(order)), s.due or "", s.position))
    rows = []
    for step in steps:
        who, structure = step_owner(project, step)
        workshop = t("proposals.register.workshop", title=titles.get(step.workshop_id, MISSING), date=long_date(dates.get(step.workshop_id, "")))
        rows.append([step.text, who or MISSING, structure or MISSING, workshop, long_date(step.due) if step.due else MISSING, step_state(step, day)])
    header = [t(f"proposals.register.step_col.{c}") for c in ("what", "who", "structure", "workshop", "due", "state")]
    return [Heading(1, t("proposals.register.next_steps", count=len(steps))), table(header, rows)]
