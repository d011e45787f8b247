"""What the shared values bring to the draft convention: the values the parties share, and what each means."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises import item_state
from exercises.values import TABLE, Names, ValuesState
from workshop.convention.parts import Part, PartContent, items_of_kind
from workshop.i18n import t
from workshop.minutes.blocks import Block, Paragraph, Run, bullets, table

if TYPE_CHECKING:
    from workshop.project import Project


def convention_parts(project: Project) -> list[PartContent]:
    for item in reversed(items_of_kind(project, "values")):
        doc = item_state.load(project, TABLE, item.id)
        if doc is None:
            continue
        state = ValuesState.from_dict(doc)
        retained = state.retained()
        if not retained:
            continue
        blocks: list[Block] = [Paragraph.of(t("values.convention.intro"))]
        rows = [[v.label, v.definition or t("values.convention.to_define")] for v in retained]
        blocks.append(table([t("values.col.value"), t("values.convention.col_meaning")], rows))
        names = Names(project)
        differences = [
            t("values.convention.divergence", value=v.label, structure=names.structure(int(sid)), note=note)
            for v in retained
            for sid, note in v.divergences.items()
        ]
        if differences:
            blocks.append(Paragraph.of(Run(t("values.convention.divergences"), italic=True)))
            blocks.append(bullets(differences))
        return [PartContent.of(Part.VALUES, blocks, [item.id], order=10)]
    return []
