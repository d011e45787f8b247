"""The APT exercise in the minutes: the grid, the three plans and the balance; the detail in an annex.

The sequence shows the grid as one table (groups × feelings, each item once with
its weight and how many times it was said), the objectives plan, the risk plan
and the relational charter (identical lines merged: the same risk and mitigation
with two owners is one line), and the balance per group. Who said what, and
from which perspective, goes to the annexes. The synthesis gets the charter's
rules and the mitigations with their owners.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises.apt import CATEGORIES, AptState, Item
from exercises.apt_balance import balance
from exercises.apt_outputs import charter, objectives_plan, risk_plan
from workshop.i18n import t
from workshop.minutes.blocks import Block, Heading, table
from workshop.minutes.outcomes import Action, Adopted, Outcomes, few
from workshop.names import name_key

if TYPE_CHECKING:
    from workshop.project import Project


def _weight(value: float) -> str:
    return f"{value:g}"


def _cell(items: list[Item]) -> str:
    """Each item once (same words, any case), weightiest first, else as said: 'text (12 pts, ×3)'."""
    merged: dict[str, list[Item]] = {}
    for item in items:
        merged.setdefault(name_key(item.text), []).append(item)
    entries: list[tuple[float, int, str, float | None, int]] = []
    for same in merged.values():
        weights = [i.weight for i in same if i.weight is not None]
        total = sum(weights) if weights else None
        entries.append((-(total or 0), len(entries), same[0].text, total, len(same)))
    entries.sort()
    parts = []
    for _, _, text, total, count in entries:
        details = []
        if total is not None:
            details.append(t("apt.minutes.point" if total <= 1 else "apt.minutes.points", points=_weight(total)))
        if count > 1:
            details.append(t("apt.minutes.times", count=count))
        parts.append(t("apt.minutes.item_detail", text=text, details=", ".join(details)) if details else text)
    return t("minutes.semicolon").join(parts)


def _unique(rows: list[list[str]], merge_last: bool = False) -> list[list[str]]:
    """Identical lines once; with `merge_last`, lines equal but for their last cell share one line."""
    found: dict[tuple[str, ...], list[str]] = {}
    for row in rows:
        key = tuple(name_key(c) for c in (row[:-1] if merge_last else row))
        if key not in found:
            found[key] = list(row)
        elif merge_last and row[-1] and row[-1] not in found[key][-1].split(", "):
            found[key][-1] = ", ".join(part for part in (found[key][-1], row[-1]) if part)
    return list(found.values())


def section(project: Project, current: AptState) -> list[Block]:
    if not current.items:
        return []
    blocks: list[Block] = [Heading(3, t("apt.minutes.grid"))]
    rows = []
    for group in current.groups:
        cells = [_cell(current.items_of(group.id, category)) for category in CATEGORIES]
        if any(cells):
            rows.append([group.label, *cells])
    caption = t("apt.minutes.grid_caption_weighed" if any(i.weight is not None for i in current.items) else "apt.minutes.grid_caption")
    if current.weighed_rounds:
        caption = t("apt.minutes.weighing_caption", caption=caption, rounds=len(current.weighed_rounds))
    header = [t("apt.col.group"), *(t(f"apt.category.{c.value}.plural") for c in CATEGORIES)]
    blocks.append(table(header, rows, caption=caption))

    objectives = _unique([[o.group, o.item.text, o.text] for o in objectives_plan(current)])
    if objectives:
        blocks.append(Heading(3, t("apt.minutes.objectives")))
        blocks.append(table([t("apt.col.group"), t("apt.col.attraction"), t("apt.col.objective")], objectives))
    risks = _unique(
        [[r.group, r.risk, r.mitigation or t("apt.minutes.to_define"), r.owner or t("apt.minutes.to_define")] for r in risk_plan(current)],
        merge_last=True,
    )
    if risks:
        blocks.append(Heading(3, t("apt.minutes.risks")))
        blocks.append(table([t("apt.col.group"), t("apt.col.risk"), t("apt.col.mitigation"), t("apt.col.owner")], risks))
    rules = _unique([[r.group, r.item.text, r.rule, r.value or "—"] for r in charter(project, current)], merge_last=True)
    if rules:
        blocks.append(Heading(3, t("apt.minutes.charter")))
        blocks.append(table([t("apt.col.group"), t("apt.col.temptation"), t("apt.col.rule"), t("apt.col.value")], rules))

    blocks.append(Heading(3, t("apt.minutes.balance")))
    rows = []
    for reading in balance(current):
        if not sum(reading.counts.values()):
            continue
        cells = [reading.group.label]
        for category in CATEGORIES:
            count = reading.counts[category]
            if reading.weighed:
                cells.append(t("apt.minutes.count_weight", count=count, weight=_weight(reading.scores[category])))
            else:
                cells.append(str(count))
        cells.append(t(f"apt.dynamic.{reading.dynamic.value}"))
        rows.append(cells)
    header = [t("apt.col.group"), *(t(f"apt.category.{c.value}.plural") for c in CATEGORIES), t("apt.col.reading")]
    blocks.append(table(header, rows, caption=t("apt.minutes.reading_note")))
    return blocks


def annex(project: Project, current: AptState) -> list[Block]:
    """Every item of the grid with who said it (and from where: the group itself or the others)."""
    if not current.items:
        return []
    names = {p.id: p.name for p in project.participants()}
    weighed = any(i.weight is not None for i in current.items)
    blocks: list[Block] = []
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
            row = [t(f"apt.category.{item.category}.short"), item.text, names.get(item.participant_id or 0, "") or "—"]
            if current.mirror:
                row.append(t(f"apt.perspective.{item.perspective or 'unknown'}"))
            if weighed:
                row.append("" if item.weight is None else _weight(item.weight))
            rows.append(row)
        blocks.append(table(header, rows, caption=t("apt.minutes.annex_caption", group=group.label)))
    return blocks


def outcomes(project: Project, current: AptState) -> Outcomes:
    found = Outcomes()
    rules: list[str] = []
    for rule in charter(project, current):
        if name_key(rule.rule) not in {name_key(r) for r in rules}:
            rules.append(rule.rule)
    if rules:
        found.adopted.append(Adopted(t("apt.minutes.charter"), tuple(rules)))
    people = {name_key(p.name): p for p in project.participants()}
    structures = {s.id: s.name for s in project.structures()}
    by_name = {name_key(s.name): s.name for s in project.structures()}
    actions: dict[str, list[str]] = {}
    order: list[str] = []
    for risk in risk_plan(current):
        if not risk.mitigation:
            continue
        key = name_key(risk.mitigation)
        if key not in actions:
            actions[key] = [risk.mitigation]
            order.append(key)
        if risk.owner and risk.owner not in actions[key][1:]:
            actions[key].append(risk.owner)
    for key in order:
        mitigation, *owners = actions[key]
        people_of = [people.get(name_key(o)) for o in owners]
        structure_names = []
        for owner, person in zip(owners, people_of, strict=True):
            name = structures.get(person.structure_id, "") if person is not None else by_name.get(name_key(owner), "")
            if name and name not in structure_names:
                structure_names.append(name)
        who = few([o for o in owners if name_key(o) not in by_name])
        found.actions.append(Action(mitigation, who, few(structure_names), "", t("apt.minutes.state_planned")))
    return found
