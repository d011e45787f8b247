"""The shared values in the minutes (retained, understood differently, all of them ranked) and in
the synthesis (the values retained as the common foundation)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises import item_state
from exercises.values import TABLE, Names, Value, ValuesState, ranked, ranks
from workshop.i18n import t
from workshop.minutes.blocks import Block, Heading, Paragraph, Run, table
from workshop.minutes.outcomes import Adopted, Decided, Outcomes

if TYPE_CHECKING:
    from workshop.project import Project


def section(project: Project, item_id: int) -> list[Block]:
    """The item's part of the minutes: the values retained, where structures read one differently,
    then every value proposed, ranked when a vote took place."""
    data = item_state.load(project, TABLE, item_id)
    if data is None:
        return []
    current = ValuesState.from_dict(data)
    if not current.values:
        return []
    names = Names(project)
    blocks: list[Block] = []
    retained = current.retained()
    rank_of = ranks(current)
    blocks.append(Heading(3, t("values.minutes.retained")))
    if retained:
        rows = [[v.label, v.definition or "—", _points(v, current.voted)] for v in retained]
        blocks.append(table([t("values.col.value"), t("values.col.definition"), t("values.col.points")], rows))
    else:
        blocks.append(Paragraph.of(Run(t("values.minutes.none_retained"), italic=True)))
    divergences = [
        [v.label, names.structure(int(sid)), note] for v in retained for sid, note in sorted(v.divergences.items(), key=lambda kv: names.structure(int(kv[0])))
    ]
    if divergences:
        blocks.append(Heading(3, t("values.minutes.divergences")))
        blocks.append(table([t("values.col.value"), t("values.col.structure"), t("values.col.divergence")], divergences))
    blocks.append(Heading(3, t("values.minutes.all")))
    order = ranked(current) if current.voted else current.values
    rows = []
    for v in order:
        rows.append(
            [
                str(rank_of[v.id]) if current.voted else "",
                v.label,
                _points(v, current.voted),
                names.proposers(v),
                t("values.minutes.yes") if v.retained else "",
            ]
        )
    header = [t("values.col.rank"), t("values.col.value"), t("values.col.points"), t("values.col.proposed_by"), t("values.col.retained")]
    blocks.append(table(header, rows))
    return blocks


def _points(value: Value, voted: bool) -> str:
    if not voted:
        return ""
    return f"{value.points:g}"


def outcomes(project: Project, item_id: int) -> Outcomes:
    found = Outcomes()
    data = item_state.load(project, TABLE, item_id)
    if data is None:
        return found
    current = ValuesState.from_dict(data)
    retained = current.retained()
    if not retained:
        return found
    labels = [v.label for v in retained]
    found.adopted.append(Adopted(t("values.minutes.adopted"), (", ".join(labels),)))
    key = "values.minutes.decided_voted" if current.voted else "values.minutes.decided"
    decision = t(key, values=", ".join(labels), count=len(retained), proposed=len(current.values))
    found.decisions.append(Decided(t("values.minutes.adopted"), decision))
    return found
