"""What the governance exercise brings to the draft convention: its "Gouvernance" part (seed 000).

The leader and the rotating team, then each body under its phase with its rules
as adopted by consent; rules not adopted yet are printed as they stand, marked
as still to be validated, and whatever they do not say yet is "to decide".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises.governance import Names, Phase, latest_with_bodies, rules_lines
from exercises.governance_minutes import leadership_blocks
from workshop.convention.parts import Part, PartContent
from workshop.i18n import t
from workshop.minutes.blocks import Block, Heading, Paragraph, Run, bullets

if TYPE_CHECKING:
    from workshop.project import Project


def convention_parts(project: Project) -> list[PartContent]:
    state = latest_with_bodies(project)
    if state is None:
        return []
    names = Names(project)
    blocks: list[Block] = leadership_blocks(state, names)
    if not state.bodies:
        blocks.append(Paragraph.of(Run(t("governance.convention.no_bodies"), italic=True)))
    for phase in Phase:
        bodies = [b for b in state.bodies if b.phase == phase]
        if not bodies:
            continue
        blocks.append(Heading(2, t(f"governance.convention.phase.{phase.value}")))
        for body in bodies:
            blocks.append(Heading(3, body.name))
            if not body.adopted:
                blocks.append(Paragraph.of(Run(t("governance.convention.not_adopted"), italic=True)))
            blocks.append(bullets([t("governance.rules_line", label=label, value=value) for label, value in rules_lines(body, names)]))
    return [PartContent.of(Part.GOVERNANCE, blocks, [state.item_id])]
