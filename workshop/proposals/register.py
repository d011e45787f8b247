"""The project's whole register of action proposals, as blocks for `atelier export --register`.

Other follow-ups the project keeps across workshops (the elements to secure…)
add their part after the proposals: a module appends `fn(project, day) -> blocks`
to `register_parts` when it is imported. The exercises are imported before the
register is built, so an exercise module can register its part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from workshop.i18n import t
from workshop.minutes.blocks import Block, Heading, Paragraph, table
from workshop.minutes.builder import format_date
from workshop.proposals.labels import MISSING, Names, decision_label, status_label
from workshop.proposals.minutes import commitment_blocks
from workshop.proposals.tracker import proposals_as_of, today

if TYPE_CHECKING:
    from workshop.project import Project

register_parts: list[Callable[[Project, str], list[Block]]] = []

COLUMNS = ("number", "text", "structure", "person", "workshop", "date", "decision", "reason", "referent", "due", "status")


def register_blocks(project: Project, day: str = "") -> list[Block]:
    """A heading, the commitment as of `day` (today by the project's clock), and
    one table of every proposal stated by then, as it stood that day."""
    day = day or today(project)
    every = proposals_as_of(project, day)
    names = Names(project)
    promoter = project.promoter_id
    rows = [
        [
            str(p.id),
            p.text,
            t("proposals.minutes.promoter_mark", name=names.author(p)) if promoter and p.structure_id == promoter else names.author(p),
            names.person(p.participant_id),
            names.workshop(p.workshop_id),
            format_date(p.date) if p.date else MISSING,
            decision_label(p.decision),
            p.reason or MISSING,
            names.referent(p) if p.retained else MISSING,
            (format_date(p.due) if p.due else MISSING) if p.retained else MISSING,
            status_label(p, day),
        ]
        for p in every
    ]
    blocks: list[Block] = [
        Heading(1, t("proposals.register.heading", project=project.name)),
        Paragraph.of(t("proposals.register.as_of", date=format_date(day), count=len(every))),
        *commitment_blocks(project, day),
        Heading(3, t("proposals.register.list")),
        table([t(f"proposals.col.{c}") for c in COLUMNS], rows),
    ]
    from workshop.registry import exercise_kinds

    exercise_kinds()  # importing the exercises registers their parts
    for part in register_parts:
        blocks += part(project, day)
    return blocks
