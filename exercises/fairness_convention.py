"""What the fairness balance brings to the draft convention: under the financial
modalities, what each party brings and gains, the balance each felt at the latest
check and the adjustments agreed (a start for the allocation of resources and the
compensation of charges, not their settlement)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises import item_state, means
from exercises.fairness import TABLE, FairnessState, balances
from exercises.fairness_minutes import rating_text
from workshop.convention.parts import Part, PartContent, items_of_kind
from workshop.i18n import t
from workshop.minutes.blocks import Block, Paragraph, bullets, cell_lines, table

if TYPE_CHECKING:
    from workshop.project import Project

MISSING = "—"


def convention_parts(project: Project) -> list[PartContent]:
    for item in reversed(items_of_kind(project, "fairness")):
        doc = item_state.load(project, TABLE, item.id)
        if doc is None:
            continue
        state = FairnessState.from_doc(doc)
        if not (state.brought or state.benefits):
            continue
        return [PartContent.of(Part.FINANCES, _blocks(project, state), [item.id], order=120, settles=False)]
    return []


def _blocks(project: Project, state: FairnessState) -> list[Block]:
    rows = []
    for balance in balances(project, state):
        if not (balance.brought or balance.benefits):
            continue
        felt = rating_text(balance.rating, balance.declared) if balance.rating is not None else MISSING
        rows.append([balance.name, means.summary(list(balance.brought)) or MISSING, cell_lines([b.text for b in balance.benefits]), felt])
    header = [t("fairness.col.structure"), t("fairness.col.brings"), t("fairness.col.gains"), t("fairness.col.felt")]
    blocks: list[Block] = [Paragraph.of(t("fairness.convention.intro")), table(header, rows)]
    adjustments = [t("fairness.convention.adjustment", name=b.name, text=a.text) for b in balances(project, state) for a in b.adjustments]
    if adjustments:
        blocks.append(Paragraph.of(t("fairness.convention.adjustments")))
        blocks.append(bullets(adjustments))
    return blocks
