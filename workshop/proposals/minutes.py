"""The minutes' section on action proposals, as the project stood on the workshop's date.

This workshop's proposals and their decisions; the commitment (threshold in
force, verdict, committed and implemented shares, what is still due); the
follow-up of retained actions; the history up to this workshop; the figures per
structure. Everything is measured at the end of the workshop's date, so the
minutes of an old workshop never change (a workshop without a date: as things
stand now). For the synthesis: the promoter's decisions of the day and the
proposals retained, as actions (`outcomes`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop.i18n import t
from workshop.minutes.blocks import Block, Heading, Paragraph, Run, table
from workshop.minutes.contributors import PROPOSALS, contribute
from workshop.minutes.outcomes import Action, Decided, Outcomes, add_source, proposal_key
from workshop.minutes.typography import long_date
from workshop.proposals.by_structure import per_structure
from workshop.proposals.gauge import CommitmentGauge, commitment, percent_text
from workshop.proposals.history import history
from workshop.proposals.labels import MISSING, Names, decision_label, status_label
from workshop.proposals.proposal import OPEN_STATUSES, Decision, Proposal
from workshop.proposals.threshold import threshold_as_of
from workshop.proposals.tracker import (
    due_since_last,
    previous_workshop,
    proposals_as_of,
    today,
)

if TYPE_CHECKING:
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project


def proposals_section(project: Project, workshop: Workshop, item: AgendaItem | None = None) -> list[Block]:
    if item is not None:
        return []
    as_of = workshop.date or None
    every = proposals_as_of(project, as_of)
    if not every:
        return []
    names = Names(project)
    day = as_of or today(project)
    blocks: list[Block] = [Heading(1, t("proposals.minutes.heading"))]  # a part of its own, in the contents
    blocks += _this_workshop(project, workshop, every, names)
    blocks += commitment_blocks(project, as_of)
    blocks += _follow_up(project, workshop, every, names, day)
    blocks += _history(project, workshop)
    blocks += _per_structure(project, as_of)
    return blocks


def _this_workshop(project: Project, workshop: Workshop, every: list[Proposal], names: Names) -> list[Block]:
    made = [p for p in every if p.workshop_id == workshop.id]
    blocks: list[Block] = [Heading(2, t("proposals.minutes.made"))]
    if not made:
        return blocks + [Paragraph.of(t("proposals.minutes.none_made"))]
    promoter = project.promoter_id
    rows = [
        [
            str(p.id),
            p.text,
            _author(names, p, promoter),
            names.person(p.participant_id),
            names.source(p),
            decision_label(p.decision),
            p.reason or MISSING,
        ]
        for p in made
    ]
    header = [t(f"proposals.col.{c}") for c in ("number", "text", "structure", "person", "source", "decision", "reason")]
    gauge = CommitmentGauge.of(made, project.threshold, promoter, set(names.structures))
    counts = t("proposals.minutes.made_counts", stated=gauge.stated, counts=gauge.counts_text())
    return blocks + [table(header, rows), Paragraph.of(counts)]


def _author(names: Names, item: Proposal, promoter: int) -> str:
    author = names.author(item)
    return t("proposals.minutes.promoter_mark", name=author) if promoter and item.structure_id == promoter else author


def commitment_blocks(project: Project, as_of: str | None, level: int = 2) -> list[Block]:
    """The commitment at the end of `as_of` (now when None): threshold in force,
    verdict, target, both shares, the stacked counts and how they are counted.
    Also used by the register (under a heading of `level`)."""
    gauge = commitment(project, as_of)
    threshold = threshold_as_of(project, as_of)
    date = long_date(as_of) if as_of else long_date(today(project))
    blocks: list[Block] = [
        Heading(level, t("proposals.minutes.gauges", date=date)),
        Paragraph.of(Run(t("proposals.threshold.label"), bold=True), threshold.text(long_date)),
    ]
    situation = gauge.situation()
    blocks.append(Paragraph.of(Run(situation[0], bold=True)))
    blocks += [Paragraph.of(line) for line in situation[1:]]
    if gauge.stated:
        blocks.append(Paragraph.of(gauge.secondary_line()))
        header = [t(f"proposals.bar.{c}") for c in ("done", "open", "pending", "not_retained", "dropped", "stated")]
        row = [str(n) for n in (gauge.done, gauge.open, gauge.pending, gauge.not_retained, gauge.dropped, gauge.stated)]
        blocks.append(table(header, [row]))
        blocks.append(Paragraph.of(gauge.follow_up_text()))
    blocks += [Paragraph.of(Run(note, bold=True)) for note in gauge.notes()]
    blocks.append(Paragraph.of(Run(gauge.rule_text(), italic=True)))
    return blocks


def follow_up_rows(project: Project, workshop: Workshop, every: list[Proposal]) -> list[Proposal]:
    """What the minutes of `workshop` follow: due by then, closed since the previous
    workshop, and what was retained in it (`every`: the proposals as of its date)."""
    before = previous_workshop(project, workshop.id)
    since = before.date if before is not None else ""
    until = workshop.date or "9999-12-31"
    chosen = {p.id: p for p in due_since_last(project, workshop.id, every)}
    for p in every:
        if not p.retained:
            continue
        closed_since = p.status_on and since < p.status_on <= until and p.status not in OPEN_STATUSES
        if closed_since or p.workshop_id == workshop.id:
            chosen.setdefault(p.id, p)
    return sorted(chosen.values(), key=lambda p: (p.due or "9999", p.id))


def _follow_up(project: Project, workshop: Workshop, every: list[Proposal], names: Names, day: str) -> list[Block]:
    rows = follow_up_rows(project, workshop, every)
    blocks: list[Block] = [Heading(2, t("proposals.minutes.follow_up"))]
    if not rows:
        return blocks + [Paragraph.of(t("proposals.minutes.nothing_due"))]
    header = [t(f"proposals.col.{c}") for c in ("number", "text", "structure", "referent", "due", "status")]
    body = [
        [str(p.id), p.text, names.author(p), names.referent(p), long_date(p.due) if p.due else MISSING, status_label(p, day)]
        for p in rows
    ]
    late = [p for p in rows if p.is_late(day)]
    blocks.append(table(header, body))
    # The commitment's follow-up line leaves the promoter's own out: say so when counts differ.
    own = sum(1 for p in late if project.promoter_id and p.structure_id == project.promoter_id)
    if own:
        text = t("proposals.minutes.late_count_promoter", count=len(late), own=own, counted=len(late) - own)
        blocks.append(Paragraph.of(Run(text, bold=True)))
    elif late:
        blocks.append(Paragraph.of(Run(t("proposals.minutes.late_count", count=len(late)), bold=True)))
    return blocks


def _history(project: Project, workshop: Workshop) -> list[Block]:
    header = [t(f"proposals.col.{c}") for c in ("workshop", "date", "threshold", "commitment", "implemented")]
    rows = [
        [
            point.title,
            long_date(point.date) if point.date else MISSING,
            point.gauge.threshold_percent,
            share_of(point.gauge.committed_percent, point.gauge.retained, point.gauge.stated),
            share_of(point.gauge.implemented_percent, point.gauge.done, point.gauge.stated),
        ]
        for point in history(project, until=workshop.id)
    ]
    return [
        Heading(2, t("proposals.minutes.history")),
        table(header, rows),
        Paragraph.of(Run(t("proposals.minutes.history_rule"), italic=True)),
    ]


def share_of(percent: str, part: int, whole: int) -> str:
    return t("proposals.minutes.share_of", share=percent, part=part, whole=whole) if whole else MISSING


def _per_structure(project: Project, as_of: str | None) -> list[Block]:
    threshold = threshold_as_of(project, as_of).value
    header = [t(f"proposals.col.{c}") for c in ("structure", "stated", "retained", "implemented", "not_retained", "pending", "retained_share")]
    rows = []
    for line in per_structure(project, as_of):
        if line.promoter:
            name = t("proposals.minutes.promoter_mark", name=line.name)
        elif line.unknown:
            name = t("proposals.author_unknown")
        else:
            name = line.name
        share = percent_text(line.retained_share, threshold) if line.retained_share is not None else MISSING
        rows.append(
            [name, str(line.stated), str(line.retained), str(line.implemented), str(line.not_retained), str(line.pending), share]
        )
    return [
        Heading(2, t("proposals.minutes.per_structure")),
        table(header, rows),
        Paragraph.of(Run(t("proposals.minutes.per_structure_rule"), italic=True)),
    ]


def _carried_by(project: Project, names: Names, item: Proposal) -> tuple[str, str]:
    """(person, structure) carrying a retained proposal."""
    if item.referent_participant_id:
        person = next((p for p in project.participants() if p.id == item.referent_participant_id), None)
        return names.person(item.referent_participant_id), names.structure(person.structure_id) if person else ""
    if item.referent_structure_id:
        return "", names.structure(item.referent_structure_id)
    return "", ""


def outcomes(project: Project, workshop: Workshop) -> Outcomes:
    """The promoter's decisions taken in this workshop; the proposals retained become actions.

    `project` is the project as it stood at the end of the workshop (`workshop.minutes.as_of`)."""
    found = Outcomes()
    decided = [p for p in proposals_as_of(project, workshop.date or None) if p.decided_workshop_id == workshop.id and p.decision]
    if not decided:
        return found
    day = workshop.date or today(project)
    names = Names(project)
    retained = [p for p in decided if p.decision == Decision.RETAINED]
    refused = [p for p in decided if p.decision == Decision.NOT_RETAINED]
    studied = [p for p in decided if p.decision == Decision.UNDER_STUDY]
    counts = t("proposals.minutes.decided", retained=len(retained), not_retained=len(refused), under_study=len(studied))
    found.decisions.append(Decided(t("proposals.minutes.decided_subject"), counts))
    for p in refused:
        subject = t("proposals.minutes.decided_proposal", text=p.text, structure=names.author(p))
        found.decisions.append(Decided(subject, t("proposals.minutes.decided_not_retained", reason=p.reason or MISSING)))
    for p in studied:
        subject = t("proposals.minutes.decided_proposal", text=p.text, structure=names.author(p))
        found.decisions.append(Decided(subject, t("proposals.minutes.decided_under_study")))
    for p in retained:
        who, structure = _carried_by(project, names, p)
        found.actions.append(Action(p.text, who, structure, p.due, status_label(p, day), key=proposal_key(p.id)))
    return found


contribute(PROPOSALS, proposals_section)
add_source(outcomes)

__all__ = ["commitment_blocks", "follow_up_rows", "outcomes", "proposals_section", "share_of"]
