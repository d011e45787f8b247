"""The who-does-what matrix in the minutes: the grid with its legend before it (on a
landscape page), what is left to settle, the means and ways of working; in the
annexes, what each structure commits to (`annex_blocks`); and for the synthesis, who confirmed the split of roles and
what each pilot leads (`outcomes`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises.matrix import (
    Actor,
    MatrixState,
    Role,
    actors,
    cell_details,
    cell_text,
    check_text,
    checks,
    commitments_of,
    confirmation_status,
    legend,
    load,
)
from workshop.i18n import t
from workshop.minutes.blocks import Block, Paragraph, Run, bullets, table
from workshop.minutes.outcomes import Action, Decided, Outcomes

if TYPE_CHECKING:
    from workshop.project import Project

ACTIVE = (Role.PILOT, Role.CONTRIBUTOR)


def minutes_blocks(project: Project, item_id: int) -> list[Block]:
    state = load(project, item_id)
    columns = actors(project, state)
    if not state.actions:
        return [Paragraph.of(Run(t("matrix.minutes.empty"), italic=True))]
    header = [t("matrix.minutes.col_action"), *[a.name for a in columns]]
    rows = [[action.label, *[cell_text(state.cell(action.id, a.id)) for a in columns]] for action in state.actions]
    # The legend comes before the grid, as its caption; the grid wants a landscape page.
    blocks: list[Block] = [table(header, rows, caption=legend(), wide=True)]
    found = checks(state, columns)
    if found:
        blocks.append(Paragraph.of(Run(t("matrix.minutes.checks"), bold=True), keep_with_next=True))
        blocks.append(bullets([check_text(c, state, columns) for c in found]))
    else:
        blocks.append(Paragraph.of(Run(t("matrix.minutes.checks_ok"), bold=True)))
    blocks += _means(state, columns)
    return blocks


def annex_blocks(project: Project, item_id: int) -> list[Block]:
    """What each structure commits to, action by action: the grid read column by column, for the annexes."""
    state = load(project, item_id)
    if not state.actions:
        return []
    columns = actors(project, state)
    blocks: list[Block] = [Paragraph.of(Run(t("matrix.minutes.per_structure"), bold=True), keep_with_next=True)]
    for actor in columns:
        status = confirmation_status(state, actor.id)
        mark = t(f"matrix.minutes.status_{status}") if status else t("matrix.minutes.status_unconfirmed")
        blocks.append(Paragraph.of(Run(actor.name, bold=True), t("matrix.minutes.actor_status", status=mark), keep_with_next=True))
        lines = [
            t("matrix.minutes.commitment", action=action.label, details=cell_details(cell))
            for role, cell, action in commitments_of(state, actor.id)
            if role in ACTIVE
        ]
        others = [action.label for role, _, action in commitments_of(state, actor.id) if role not in ACTIVE]
        if others:
            lines.append(t("matrix.minutes.kept_informed", count=len(others)))
        blocks.append(bullets(lines) if lines else Paragraph.of(Run(t("matrix.minutes.no_role"), italic=True)))
    return blocks


def _means(state: MatrixState, columns: list[Actor]) -> list[Block]:
    """One row per cell whose means or relation to the pilot were said; how many
    pilots and contributors have not said theirs yet."""
    rows: list[list[str]] = []
    unsaid = 0
    for action in state.actions:
        for actor in columns:
            cell = state.cell(action.id, actor.id)
            if cell is None or (cell.role not in ACTIVE and not cell.means):
                continue
            if not cell.means and not cell.mode:
                unsaid += 1
                continue
            rows.append(
                [
                    action.label,
                    actor.name,
                    t(f"matrix.role.{cell.role}"),
                    t(f"matrix.mode.{cell.mode}") if cell.mode else "—",
                    ", ".join(t(f"matrix.means.{m}") for m in cell.means) or t("matrix.minutes.means_none"),
                ]
            )
    if not rows:
        return []
    header = [t(f"matrix.minutes.col_{c}") for c in ("action", "actor", "role", "mode", "means")]
    blocks: list[Block] = [table(header, rows, caption=t("matrix.minutes.means").rstrip(" :"))]
    if unsaid:
        blocks.append(Paragraph.of(Run(t("matrix.minutes.means_unsaid", count=unsaid), italic=True)))
    return blocks


def outcomes(project: Project, item_id: int) -> Outcomes:
    """Who confirmed the split of roles (a decision), and what each pilot leads (actions)."""
    found = Outcomes()
    state = load(project, item_id)
    if not state.actions:
        return found
    columns = actors(project, state)
    status = {actor.id: confirmation_status(state, actor.id) for actor in columns}
    confirmed = [a.name for a in columns if status[a.id] == "confirmed"]
    changed = [a.name for a in columns if status[a.id] == "changed"]
    waiting = [a.name for a in columns if not status[a.id] and a.member]
    separator = t("minutes.semicolon")
    parts = []
    if confirmed:
        parts.append(t("matrix.minutes.confirmed_by", names=", ".join(confirmed)))
    if changed:
        parts.append(t("matrix.minutes.changed_for", names=", ".join(changed)))
    if waiting:
        parts.append(t("matrix.minutes.waiting_for", names=", ".join(waiting)))
    decision = separator.join(parts) or t("matrix.minutes.nobody_confirmed")
    found.decisions.append(Decided(t("matrix.minutes.decided"), decision))
    # One line per pilot: what it leads (the detail per action is in the sequence's grid).
    led: dict[int, list[str]] = {}
    without: list[str] = []
    for action in state.actions:
        pilots = [a.id for a in columns if (cell := state.cell(action.id, a.id)) is not None and cell.role == Role.PILOT]
        if not pilots:
            without.append(action.label)
        for pilot in pilots:
            led.setdefault(pilot, []).append(action.label)
    for actor in columns:
        if actor.id in led:
            key = "matrix.minutes.state_confirmed" if status[actor.id] == "confirmed" else "matrix.minutes.state_to_confirm"
            what = t("matrix.minutes.leads", actions=separator.join(led[actor.id]))
            found.actions.append(Action(what, "", actor.name, "", t(key)))
    if without:
        what = t("matrix.minutes.no_pilot_for", actions=separator.join(without))
        found.actions.append(Action(what, "", "", "", t("matrix.minutes.state_no_pilot")))
    return found
