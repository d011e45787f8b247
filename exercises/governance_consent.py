"""Adopting a body's rules by consent: the round, its outcome, and the way back to editing.

The rules are put to a consent round word for word (`governance.rules_text`).
No objection: they are adopted as read. An objection: the body goes back to
writing, the objections are kept with the attempt, and the facilitator notes
how the room handled them. A round nobody took a position in decides nothing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from exercises.governance import (
    Body,
    ConsentAttempt,
    GovernanceState,
    Names,
    Status,
    load,
    rule_label,
    rules_text,
    save,
)
from exercises.typed_text import one_line
from workshop.errors import NotFound, ValidationError
from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.project import Project
    from workshop.rounds import Round

OWNER_CONSENT = "governance:consent"


def _now(project: Project, now: float | None) -> float:
    """`now` when given, else the project's clock (the only source of "now")."""
    return project.clock.now() if now is None else now


def consent_question(body: Body) -> str:
    """One line for the round (its screen, the minutes' list of rounds): the body and its decision rules.

    The whole rules, word for word, are kept with the attempt; the facilitator
    shows them on the governance screen before handing the keyboard round.
    """
    to_decide = t("governance.to_decide")
    return t(
        "governance.consent.question",
        name=body.name,
        rule=rule_label(body),
        quorum=body.quorum or to_decide,
        frequency=body.frequency or to_decide,
    )


def start_consent(project: Project, item_id: int, body_id: int, now: float | None = None) -> Round:
    """The consent round on a body's rules as they stand; the running one if already started."""
    from workshop.rounds import RoundMode, RoundSpec, get_round, start_round

    state = load(project, item_id)
    body = state.body(body_id)
    if body.open_consent is not None:
        return get_round(project, body.open_consent.round_id)
    if body.adopted:
        raise ValidationError("governance.error.adopted", name=body.name)
    if not body.has_members:
        raise ValidationError("governance.error.no_members", name=body.name)
    text = rules_text(body, Names(project))
    spec = RoundSpec(question=consent_question(body), mode=RoundMode.CONSENT, by_structure=state.by_structure, owner=OWNER_CONSENT)
    with project.batch():
        started = start_round(project, state.workshop_id, item_id, spec)
        attempt = ConsentAttempt(started.id, text, at=_now(project, now))
        changed = replace(body, status=Status.CONSENT.value, consents=[*body.consents, attempt])
        save(project, state.with_body(changed))
    return started


def _attempt_index(state: GovernanceState, round_id: int) -> tuple[int, int]:
    for body in state.bodies:
        for index, attempt in enumerate(body.consents):
            if attempt.round_id == round_id:
                return body.id, index
    raise ValidationError("governance.error.consent_not_started")


def record_consent(
    project: Project,
    item_id: int,
    round_id: int,
    passed: bool,
    counts: dict[str, int] | None = None,
    reservations: list[str] | None = None,
    objections: list[str] | None = None,
    now: float | None = None,
) -> GovernanceState:
    """The outcome: adopted when no objection stands, else back to editing."""
    state = load(project, item_id)
    body_id, index = _attempt_index(state, round_id)
    body = state.body(body_id)
    attempt = replace(
        body.consents[index],
        passed=bool(passed),
        counts=dict(counts or {}),
        reservations=[r for r in (reservations or []) if r],
        objections=[o for o in (objections or []) if o],
        at=_now(project, now),
    )
    consents = list(body.consents)
    consents[index] = attempt
    if passed:
        changed = replace(body, consents=consents, status=Status.ADOPTED.value, adopted_rules=attempt.rules, adopted_in="")
    else:
        changed = replace(body, consents=consents, status=Status.DRAFT.value, adopted_rules="", adopted_in="")
    return save(project, state.with_body(changed))


def record_consent_round(project: Project, item_id: int, round_id: int, now: float | None = None) -> GovernanceState:
    """Read a finished consent round from the rounds engine and record what it decided."""
    from workshop.rounds import ConsentAnswer, get_round, results

    result = results(project, round_id)
    if result.passed is None:
        # Nobody took a position (all abstained, or nobody voted): no decision, back to editing.
        state = load(project, item_id)
        body_id, _ = _attempt_index(state, round_id)
        return abandon_consent(project, item_id, body_id) if get_round(project, round_id).done else state
    reservations = [text for answer, text in result.reasons if answer == ConsentAnswer.RESERVATION]
    objections = [text for answer, text in result.reasons if answer == ConsentAnswer.OBJECTION]
    counts = {str(k): int(round(v)) for k, v in dict(result.consent or {}).items()}
    return record_consent(project, item_id, round_id, bool(result.passed), counts, reservations, objections, now)


def abandon_consent(project: Project, item_id: int, body_id: int) -> GovernanceState:
    """Stop a running consent round without a decision; the body goes back to editing."""
    from workshop.rounds import close_round, get_round

    state = load(project, item_id)
    body = state.body(body_id)
    attempt = body.open_consent
    if attempt is None:
        return state
    with project.batch():
        if get_round(project, attempt.round_id).is_open:
            close_round(project, attempt.round_id)
        return save(project, state.with_body(replace(body, status=Status.DRAFT.value)))


def note_handling(project: Project, item_id: int, body_id: int, text: str) -> GovernanceState:
    """How the room handled the objections of the body's last objected consent round."""
    state = load(project, item_id)
    body = state.body(body_id)
    objected = [i for i, c in enumerate(body.consents) if c.passed is False]
    if not objected:
        raise ValidationError("governance.error.no_objection", name=body.name)
    handling = one_line(text, 1000, None, "governance.error.too_long")
    consents = list(body.consents)
    consents[objected[-1]] = replace(consents[objected[-1]], handling=handling)
    return save(project, state.with_body(replace(body, consents=consents)))


def reopen(project: Project, item_id: int, body_id: int) -> GovernanceState:
    """Back to editing adopted rules (to amend them): the consent stays in the history."""
    state = load(project, item_id)
    body = state.body(body_id)
    if not body.adopted:
        return state
    return save(project, state.with_body(replace(body, status=Status.DRAFT.value, adopted_rules="", adopted_in="")))


def sync_rounds(project: Project, item_id: int) -> GovernanceState:
    """Record the consent rounds that ended while the screen was away (a crash, a restart)."""
    from workshop.rounds import get_round

    state = load(project, item_id)
    for body in state.bodies:
        attempt = body.open_consent
        if attempt is None:
            continue
        try:
            ended = get_round(project, attempt.round_id)
        except NotFound:  # a round removed meanwhile: the body goes back to editing
            state = save(project, load(project, item_id).with_body(replace(body, status=Status.DRAFT.value)))
            continue
        if ended.done:
            state = record_consent_round(project, item_id, ended.id)
    return state
