"""The governance section of the minutes: the leader, the bodies, their rules and how they were adopted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises.governance import (
    Body,
    GovernanceState,
    Names,
    Status,
    leader_text,
    rule_label,
)
from workshop.i18n import t
from workshop.minutes.blocks import Block, Heading, Paragraph, Run, bullets, table

if TYPE_CHECKING:
    from workshop.minutes.outcomes import Outcomes
    from workshop.project import Project


def minutes_blocks(project: Project, state: GovernanceState) -> list[Block]:
    if not state.bodies and not state.leader_structure and not state.team_chosen:
        return [Paragraph.of(Run(t("governance.minutes.empty"), italic=True))]
    names = Names(project)
    blocks: list[Block] = leadership_blocks(state, names)
    if not state.bodies:
        return blocks + [Paragraph.of(Run(t("governance.minutes.no_bodies"), italic=True))]
    blocks.append(Heading(3, t("governance.minutes.bodies")))
    blocks.append(bodies_table(state, names))
    blocks.append(Heading(3, t("governance.minutes.rules")))
    blocks.append(rules_table(state))
    blocks.append(calling_table(state))
    blocks += consent_blocks(state)
    return blocks


def leadership_blocks(state: GovernanceState, names: Names) -> list[Block]:
    blocks: list[Block] = []
    leader = leader_text(state, names)
    line: list[str | Run] = [Run(t("governance.minutes.leader"), bold=True), leader or t("governance.to_decide")]
    if state.leader_means:
        line.append(t("governance.minutes.leader_means", means=state.leader_means))
    blocks.append(Paragraph.of(*line))
    if state.team_chosen:
        team = ", ".join(n for n in (names.structure(s) for s in state.team_structures) if n)
        rotation = state.rotation or t("governance.to_decide")
        blocks.append(Paragraph.of(Run(t("governance.minutes.team"), bold=True), t("governance.minutes.team_line", team=team, rotation=rotation)))
    else:
        blocks.append(Paragraph.of(Run(t("governance.minutes.team"), bold=True), t("governance.minutes.no_team")))
    return blocks


def bodies_table(state: GovernanceState, names: Names) -> Block:
    rows = [
        [
            body.name,
            t("governance.minutes.phase_status", phase=t(f"governance.phase.{body.phase}"), status=t("governance.mandatory" if body.mandatory else "governance.optional")),
            body.purpose or t("governance.to_decide"),
            names.members(body) or t("governance.to_decide"),
            body.frequency or t("governance.to_decide"),
        ]
        for body in state.bodies
    ]
    header = ["col_body", "col_phase", "col_purpose", "col_members", "col_frequency"]
    return table([t(f"governance.minutes.{h}") for h in header], rows)


def rules_table(state: GovernanceState) -> Block:
    rows = [[body.name, rule_label(body), body.quorum or t("governance.to_decide"), outcome(body)] for body in state.bodies]
    header = ["col_body", "col_rule", "col_quorum", "col_consent"]
    return table([t(f"governance.minutes.{h}") for h in header], rows)


def calling_table(state: GovernanceState) -> Block:
    rows = [[body.name, body.convened or t("governance.to_decide"), body.referral or t("governance.to_decide")] for body in state.bodies]
    header = ["col_body", "col_convened", "col_referral"]
    return table([t(f"governance.minutes.{h}") for h in header], rows)


def outcome(body: Body) -> str:
    """Where the body's rules stand after the consent rounds."""
    finished = [c for c in body.consents if c.passed is not None]
    if body.status == Status.ADOPTED and body.adopted_in and not finished:
        return t("governance.outcome.adopted_earlier", workshop=body.adopted_in)
    if body.status == Status.ADOPTED:
        return t("governance.outcome.adopted", number=len(finished))
    if body.status == Status.CONSENT:
        return t("governance.outcome.running")
    if finished and finished[-1].passed is False:
        return t("governance.outcome.objected", number=len(finished))
    if finished:
        return t("governance.outcome.reopened")
    return t("governance.outcome.not_submitted")


def consent_blocks(state: GovernanceState) -> list[Block]:
    """Each consent round, body by body: its outcome, counts, reservations, objections and what followed."""
    blocks: list[Block] = []
    for body in state.bodies:
        finished = [c for c in body.consents if c.passed is not None]
        if not finished:
            continue
        if not blocks:
            blocks.append(Heading(3, t("governance.minutes.consents")))
        for number, attempt in enumerate(finished, start=1):
            result = t("governance.minutes.passed" if attempt.passed else "governance.minutes.objected")
            counts = ", ".join(t("governance.minutes.count", answer=t(f"rounds.consent.{k}"), count=v) for k, v in attempt.counts.items() if v)
            line = t("governance.minutes.consent_line", body=body.name, number=number, outcome=result)
            blocks.append(Paragraph.of(Run(line, bold=True), f" ({counts})" if counts else ""))
            if attempt.reservations:
                blocks.append(Paragraph.of(t("governance.minutes.reservations")))
                blocks.append(bullets(list(attempt.reservations)))
            if attempt.objections:
                blocks.append(Paragraph.of(t("governance.minutes.objections")))
                blocks.append(bullets(list(attempt.objections)))
            if attempt.passed is False:
                handling = attempt.handling or t("governance.minutes.handling_pending")
                blocks.append(Paragraph.of(Run(t("governance.minutes.handling"), italic=True), handling))
    return blocks


def outcomes(project: Project, state: GovernanceState) -> Outcomes:
    """The synthesis's decisions: each body whose rules went to consent here, and where they stand.
    (Who leads the project is in the governance part: it is not a vote of the day.)"""
    from workshop.minutes.outcomes import Decided, Outcomes

    found = Outcomes()
    for body in state.bodies:
        if any(c.passed is not None for c in body.consents) or body.status == Status.CONSENT:
            found.decisions.append(Decided(t("governance.decided.rules", body=body.name), outcome(body)))
    return found
