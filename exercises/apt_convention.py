"""What the attractions / fears / temptations exercise brings to the draft convention:
the charter of relational practices, each rule tied to the shared value it serves."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises import item_state
from exercises.apt import TABLE, AptState, Category
from exercises.apt_outputs import charter
from workshop.convention.parts import Part, PartContent, items_of_kind
from workshop.i18n import t
from workshop.minutes.blocks import Block, Heading, Paragraph, table

if TYPE_CHECKING:
    from workshop.project import Project


def convention_parts(project: Project) -> list[PartContent]:
    for item in reversed(items_of_kind(project, "apt")):
        doc = item_state.load(project, TABLE, item.id)
        if doc is None:
            continue
        state = AptState.from_dict(doc)
        if not state.of_category(Category.TEMPTATION):
            continue
        rules = charter(project, state)
        blocks: list[Block] = [
            Heading(2, t("apt.convention.charter")),
            Paragraph.of(t("apt.convention.intro")),
            table([t("apt.convention.col_rule"), t("apt.convention.col_value")], [[r.rule, r.value or "—"] for r in rules]),
        ]
        return [PartContent.of(Part.VALUES, blocks, [item.id], order=20)]
    return []
