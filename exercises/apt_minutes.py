"""The APT exercise's section of the minutes: grid, weights, the three plans, the balance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises.apt import CATEGORIES, AptState
from exercises.apt_balance import balance
from exercises.apt_outputs import charter, objectives_plan, risk_plan
from workshop.i18n import t
from workshop.minutes.blocks import Block, Heading, Paragraph, Run, table

if TYPE_CHECKING:
    from workshop.project import Project


def section(project: Project, current: AptState) -> list[Block]:
    if not current.items:
        return []
    names = {p.id: p.name for p in project.participants()}
    blocks: list[Block] = [Heading(3, t("apt.minutes.grid"))]
    weighed = any(i.weight is not None for i in current.items)
    if current.weighed_rounds:
        blocks.append(Paragraph.of(Run(t("apt.minutes.weighing", rounds=len(current.weighed_rounds)), italic=True)))
    for group in current.groups:
        items = current.items_of(group.id)
        if not items:
            continue
        header = [t("apt.col.feeling"), t("apt.col.item"), t("apt.col.said_by")]
        if current.mirror:
            header.append(t("apt.col.perspective"))
        if weighed:
            header.append(t("apt.col.weight"))
        rows = []
        for item in items:
            row = [t(f"apt.category.{item.category}.short"), item.text, names.get(item.participant_id or 0, "")]
            if current.mirror:
                row.append(t(f"apt.perspective.{item.perspective or 'unknown'}"))
            if weighed:
                row.append("" if item.weight is None else f"{item.weight:g}")
            rows.append(row)
        blocks.append(Paragraph.of(Run(group.label, bold=True)))
        blocks.append(table(header, rows))

    objectives = objectives_plan(current)
    if objectives:
        blocks.append(Heading(3, t("apt.minutes.objectives")))
        blocks.append(
            table(
                [t("apt.col.group"), t("apt.col.attraction"), t("apt.col.objective")],
                [[o.group, o.item.text, o.text] for o in objectives],
            )
        )
    risks = risk_plan(current)
    if risks:
        blocks.append(Heading(3, t("apt.minutes.risks")))
        blocks.append(
            table(
                [t("apt.col.group"), t("apt.col.risk"), t("apt.col.mitigation"), t("apt.col.owner")],
                [[r.group, r.risk, r.mitigation or t("apt.minutes.to_define"), r.owner or t("apt.minutes.to_define")] for r in risks],
            )
        )
    rules = charter(project, current)
    if rules:
        blocks.append(Heading(3, t("apt.minutes.charter")))
        blocks.append(
            table(
                [t("apt.col.group"), t("apt.col.temptation"), t("apt.col.rule"), t("apt.col.value")],
                [[r.group, r.item.text, r.rule, r.value or "—"] for r in rules],
            )
        )

    blocks.append(Heading(3, t("apt.minutes.balance")))
    rows = []
    for reading in balance(current):
        if not sum(reading.counts.values()):
            continue
        cells = [reading.group.label]
        for category in CATEGORIES:
            count = reading.counts[category]
            if reading.weighed:
                cells.append(t("apt.minutes.count_weight", count=count, weight=f"{reading.scores[category]:g}"))
            else:
                cells.append(str(count))
        cells.append(t(f"apt.dynamic.{reading.dynamic.value}"))
        rows.append(cells)
    header = [t("apt.col.group"), *(t(f"apt.category.{c.value}.plural") for c in CATEGORIES), t("apt.col.reading")]
    blocks.append(table(header, rows))
    blocks.append(Paragraph.of(Run(t("apt.minutes.reading_note"), italic=True)))
    return blocks

