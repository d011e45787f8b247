"""The fairness balance's section of the minutes: per structure, the picture, the felt
balance and its adjustments, and how each structure's felt balance evolved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises import means
from exercises.fairness import (
    SCALE,
    UNFAIR_MAX,
    FairnessState,
    HistoryPoint,
    StructureBalance,
    balances,
    history,
    unfair_count,
)
from workshop.i18n import language, t
from workshop.minutes.blocks import Block, Heading, Paragraph, Run, cell_lines, table

if TYPE_CHECKING:
    from workshop.model import Workshop
    from workshop.project import Project

MISSING = "—"
BAR = "■"
BAR_WIDTH = 6  # the longest bar of the picture, in squares
FULL, EMPTY = "●", "○"


def section(project: Project, workshop: Workshop, state: FairnessState) -> list[Block]:
    found = balances(project, state)
    if not (state.brought or state.benefits or state.check or state.declared):
        return [Paragraph.of(Run(t("fairness.minutes.empty"), italic=True))]
    blocks: list[Block] = []
    blocks += _per_structure(found)
    blocks += _picture(found)
    blocks += _felt(state)
    blocks += _adjustments(project, state, found)
    blocks += _history(project, workshop)
    return blocks


def rating_text(rating: int | None, declared: bool = False) -> str:
    """"●●○○○ 2/5" (and "said aloud" for a declared rating); "—" when unknown."""
    if rating is None:
        return MISSING
    text = t("fairness.rating", dots=FULL * rating + EMPTY * (SCALE[-1] - rating), rating=rating, top=SCALE[-1])
    return t("fairness.rating_declared", text=text) if declared else text


def brought_summary(balance: StructureBalance) -> str:
    return means.summary(list(balance.brought))


def _per_structure(found: list[StructureBalance]) -> list[Block]:
    rows = []
    for balance in found:
        rows.append(
            [
                balance.name,
                cell_lines([means.describe(b) for b in balance.brought]),
                cell_lines([b.text for b in balance.benefits]),
                rating_text(balance.rating, balance.declared),
            ]
        )
    header = [t(f"fairness.col.{c}") for c in ("structure", "brings", "gains", "felt")]
    return [Heading(3, t("fairness.minutes.per_structure")), table(header, rows)]


def bar(count: int, top: int) -> str:
    """A row of squares as long as `count` is against the largest `top` (one at least when > 0)."""
    if count <= 0 or top <= 0:
        return ""
    return BAR * max(1, round(BAR_WIDTH * count / top))


def _picture(found: list[StructureBalance]) -> list[Block]:
    top = max([len(b.brought) for b in found] + [len(b.benefits) for b in found] + [0])
    if not top:
        return []
    rows = []
    for balance in found:
        brings = " ".join(p for p in (bar(len(balance.brought), top), str(len(balance.brought))) if p)
        total = brought_summary(balance)
        if total:
            brings = f"{brings}\n{total}"
        gains = " ".join(p for p in (bar(len(balance.benefits), top), str(len(balance.benefits))) if p)
        felt = rating_text(balance.rating, balance.declared)
        if balance.flagged:
            felt = t("fairness.flagged_mark", text=felt)
        rows.append([balance.name, brings, gains, felt])
    header = [t(f"fairness.col.{c}") for c in ("structure", "brings_count", "gains_count", "felt")]
    return [
        Heading(3, t("fairness.minutes.picture")),
        table(header, rows),
        Paragraph.of(Run(t("fairness.minutes.picture_note", low=UNFAIR_MAX), italic=True)),
    ]


def format_mean(mean: float) -> str:
    """3.25 → "3,25", 3.5 → "3,5", 4.0 → "4" (French decimal comma)."""
    text = f"{mean:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if language() == "fr" else text


def _felt(state: FairnessState) -> list[Block]:
    check = state.check
    blocks: list[Block] = [Heading(3, t("fairness.minutes.felt"))]
    if check is None or not check.recorded:
        blocks.append(Paragraph.of(Run(t("fairness.minutes.no_round"), italic=True)))
    else:
        how = t("fairness.minutes.secret") if check.secret else t("fairness.minutes.open")
        blocks.append(Paragraph.of(t("fairness.minutes.round", how=how, answered=check.answered, voters=check.voters)))
        spread = " · ".join(t("fairness.minutes.count", rating=value, count=check.counts.get(str(value), 0)) for value in SCALE)
        blocks.append(Paragraph.of(Run(t("fairness.minutes.spread"), bold=True), spread))
        if check.mean is not None:
            blocks.append(Paragraph.of(Run(t("fairness.minutes.mean"), bold=True), t("fairness.minutes.mean_value", mean=format_mean(check.mean), top=SCALE[-1])))
        unfair = unfair_count(check)
        key = "fairness.minutes.unfair" if unfair else "fairness.minutes.none_unfair"
        blocks.append(Paragraph.of(Run(t(key, count=unfair, low=UNFAIR_MAX), bold=True)))
        if check.secret:
            blocks.append(Paragraph.of(Run(t("fairness.minutes.secret_note"), italic=True)))
    if state.declared:
        blocks.append(Paragraph.of(Run(t("fairness.minutes.declared"), italic=True)))
    return blocks


def _adjustments(project: Project, state: FairnessState, found: list[StructureBalance]) -> list[Block]:
    concerned = [b for b in found if b.flagged or b.adjustments]
    if not concerned:
        return []
    from workshop.proposals import proposals
    from workshop.proposals.labels import decision_label, status_label

    by_id = {p.id: p for p in proposals(project)}
    rows = []
    for balance in concerned:
        lines = []
        for adjustment in balance.adjustments:
            line = adjustment.text
            if adjustment.item_id and adjustment.item_id != state.item_id:
                line = t("fairness.minutes.agreed_earlier", text=line)
            carried = by_id.get(adjustment.proposal_id)
            if carried is not None:
                standing = status_label(carried) if carried.retained else decision_label(carried.decision)
                line = t("fairness.minutes.as_proposal", text=line, number=carried.id, state=standing)
            lines.append(line)
        rows.append([balance.name, rating_text(balance.rating, balance.declared), cell_lines(lines, t("fairness.minutes.none_agreed"))])
    header = [t(f"fairness.col.{c}") for c in ("structure", "felt", "adjustments")]
    return [Heading(3, t("fairness.minutes.adjustments")), table(header, rows)]


def rating_short(rating: int, declared: bool = False) -> str:
    """"2/5", marked when said aloud ("2/5 *") and when it feels unfair ("⚠ 2/5")."""
    text = t("fairness.rating_short", rating=rating, top=SCALE[-1])
    if declared:
        text = t("fairness.rating_short_declared", text=text)
    return t("fairness.flagged_mark", text=text) if rating <= UNFAIR_MAX else text


def history_cell(point: HistoryPoint, structure_id: int) -> str:
    known = point.ratings.get(structure_id)
    if known is not None:
        return rating_short(*known)
    return t("fairness.minutes.secret_cell") if structure_id in point.kept_secret else MISSING


def _history(project: Project, workshop: Workshop) -> list[Block]:
    """One row per check (the history grows downwards), one column per structure."""
    points = history(project, workshop.id)
    if len(points) < 2 and not (points and points[0].ratings):
        return []
    from workshop.minutes.typography import long_date

    named = {sid for p in points for sid in p.ratings} | {sid for p in points for sid in p.kept_secret}
    order = [s for s in project.structures() if s.member or s.id in named]
    header = [t("fairness.col.check"), *(s.name for s in order), t("fairness.minutes.mean_row"), t("fairness.minutes.unfair_row", low=UNFAIR_MAX)]
    rows = [
        [
            long_date(point.date) if point.date else point.title,
            *(history_cell(point, s.id) for s in order),
            format_mean(point.mean) if point.mean is not None else MISSING,
            str(point.unfair) if point.answered else MISSING,
        ]
        for point in points
    ]
    return [
        Heading(3, t("fairness.minutes.history")),
        table(header, rows),
        Paragraph.of(Run(t("fairness.minutes.history_legend", low=UNFAIR_MAX), italic=True)),
    ]
