"""The project's whole register of action proposals, as blocks for `atelier export --register`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop.i18n import t
from workshop.minutes.blocks import Block, Heading, Paragraph, table
from workshop.proposals.gauge import CommitmentGauge, ImplementationGauge
from workshop.proposals.labels import MISSING, Names, decision_label, status_label
from workshop.proposals.tracker import proposals, today

if TYPE_CHECKING:
    from workshop.project import Project

COLUMNS = ("number", "text", "structure", "person", "workshop", "date", "decision", "reason", "referent", "due", "status")


def register_blocks(project: Project, day: str = "") -> list[Block]:
    """A heading, the two verdicts, and one table of every proposal of the project."""
    day = day or today()
    every = proposals(project)
    names = Names(project)
    rows = [
        [
            str(p.id),
            p.text,
            names.structure(p.structure_id),
            names.person(p.participant_id),
            names.workshop(p.workshop_id),
            p.date or MISSING,
            decision_label(p.decision),
            p.reason or MISSING,
            names.referent(p) if p.retained else MISSING,
            (p.due or MISSING) if p.retained else MISSING,
            status_label(p, day),
        ]
        for p in every
    ]
    commitment = CommitmentGauge.of(every, project.threshold)
    implementation = ImplementationGauge.of(every, project.threshold, day)
    return [
        Heading(1, t("proposals.register.heading", project=project.name)),
        Paragraph.of(t("proposals.register.as_of", date=day, count=len(every))),
        Paragraph.of(commitment.verdict()),
        Paragraph.of(implementation.verdict()),
        table([t(f"proposals.col.{c}") for c in COLUMNS], rows),
    ]
