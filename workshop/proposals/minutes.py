"""The minutes' section on action proposals: this workshop's proposals and their
decisions, the two gauges and their verdicts, the follow-up, the history and the
count per structure."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop.i18n import t
from workshop.minutes.blocks import Block, Heading, Paragraph, Run, table
from workshop.minutes.contributors import PROPOSALS, contribute
from workshop.proposals.by_structure import tallies
from workshop.proposals.gauge import CommitmentGauge, ImplementationGauge, history
from workshop.proposals.labels import MISSING, Names, decision_label, status_label
from workshop.proposals.proposal import Proposal
from workshop.proposals.tracker import due_since_last, previous_workshop, proposals, today

if TYPE_CHECKING:
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project


def proposals_section(project: Project, workshop: Workshop, item: AgendaItem | None = None) -> list[Block]:
    if item is not None:
        return []
    every = proposals(project)
    if not every:
        return []
    names = Names(project)
    day = workshop.date or today()
    blocks: list[Block] = [Heading(2, t("proposals.minutes.heading"))]
    blocks += _this_workshop(project, workshop, every, names)
    blocks += _gauges(project, every, today())
    blocks += _follow_up(project, workshop, every, names, day)
    blocks += _history(project, workshop)
    blocks += _per_structure(project)
    return blocks


def _this_workshop(project: Project, workshop: Workshop, every: list[Proposal], names: Names) -> list[Block]:
    made = [p for p in every if p.workshop_id == workshop.id]
    blocks: list[Block] = [Heading(3, t("proposals.minutes.made"))]
    if not made:
        return blocks + [Paragraph.of(t("proposals.minutes.none_made"))]
    rows = [
        [
            str(p.id),
            p.text,
            names.structure(p.structure_id),
            names.person(p.participant_id),
            names.source(p),
            decision_label(p.decision),
            p.reason or MISSING,
        ]
        for p in made
    ]
    header = [t(f"proposals.col.{c}") for c in ("number", "text", "structure", "person", "source", "decision", "reason")]
    gauge = CommitmentGauge.of(made, project.threshold)
    return blocks + [table(header, rows), Paragraph.of(t("proposals.minutes.made_counts", counts=gauge.counts_text()))]


def _gauges(project: Project, every: list[Proposal], day: str) -> list[Block]:
    commitment = CommitmentGauge.of(every, project.threshold)
    implementation = ImplementationGauge.of(every, project.threshold, day)
    return [
        Heading(3, t("proposals.minutes.gauges", date=day)),
        Paragraph.of(Run(t("proposals.gauge.title") + " — ", bold=True), Run(commitment.verdict(), bold=True)),
        Paragraph.of(commitment.counts_text()),
        Paragraph.of(Run(commitment.rule_text(), italic=True)),
        Paragraph.of(Run(t("proposals.implemented.title") + " — ", bold=True), Run(implementation.verdict(), bold=True)),
        Paragraph.of(implementation.counts_text()),
        Paragraph.of(Run(t("proposals.implemented.rule"), italic=True)),
    ]


def follow_up_rows(project: Project, workshop: Workshop, every: list[Proposal]) -> list[Proposal]:
    """What the minutes of `workshop` follow: due by then, closed since the previous
    workshop, and what was retained in it."""
    before = previous_workshop(project, workshop.id)
    since = before.date if before is not None else ""
    until = workshop.date or "9999-12-31"
    chosen = {p.id: p for p in due_since_last(project, workshop.id)}
    for p in every:
        if not p.retained:
            continue
        closed_since = p.status_on and since < p.status_on <= until and p.status not in ("to_do", "in_progress")
        if closed_since or p.workshop_id == workshop.id:
            chosen.setdefault(p.id, p)
    return sorted(chosen.values(), key=lambda p: (p.due or "9999", p.id))


def _follow_up(project: Project, workshop: Workshop, every: list[Proposal], names: Names, day: str) -> list[Block]:
    rows = follow_up_rows(project, workshop, every)
    blocks: list[Block] = [Heading(3, t("proposals.minutes.follow_up"))]
    if not rows:
        return blocks + [Paragraph.of(t("proposals.minutes.nothing_due"))]
    header = [t(f"proposals.col.{c}") for c in ("number", "text", "structure", "referent", "due", "status")]
    body = [
        [str(p.id), p.text, names.structure(p.structure_id), names.referent(p), p.due or MISSING, status_label(p, day)]
        for p in rows
    ]
    late = sum(1 for p in rows if p.is_late(day))
    blocks.append(table(header, body))
    if late:
        blocks.append(Paragraph.of(Run(t("proposals.minutes.late_count", count=late), bold=True)))
    return blocks


def _history(project: Project, workshop: Workshop) -> list[Block]:
    points = []
    for point in history(project):
        points.append(point)
        if point.workshop_id == workshop.id:
            break
    header = [t(f"proposals.col.{c}") for c in ("workshop", "date", "commitment", "implemented")]
    rows = [
        [
            p.title,
            p.date or MISSING,
            t("proposals.minutes.share_of", share=p.commitment.percent, part=p.commitment.retained, whole=p.commitment.decided),
            t("proposals.minutes.share_of", share=p.implementation.percent, part=p.implementation.done, whole=p.implementation.retained),
        ]
        for p in points
    ]
    return [Heading(3, t("proposals.minutes.history")), table(header, rows)]


def _per_structure(project: Project) -> list[Block]:
    header = [t(f"proposals.col.{c}") for c in ("structure", "proposed", "retained", "not_retained", "under_study", "done")]
    rows = [
        [s.name, str(s.proposed), str(s.retained), str(s.not_retained), str(s.under_study), str(s.done)]
        for s in tallies(project)
    ]
    return [Heading(3, t("proposals.minutes.per_structure")), table(header, rows)]


contribute(PROPOSALS, proposals_section)
