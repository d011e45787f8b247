"""The supra objective in the minutes (the objective, its indicators and deadline, the criteria, how
it was reached) and in the synthesis (the adopted objective and each consent)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises import item_state
from exercises.supra import TABLE, ConsentAttempt, CriterionCheck, SupraState, criteria, drafts, load
from exercises.supra_adoption import approval as approval_of
from exercises.supra_adoption import participation_line, status_line
from workshop.errors import NotFound
from workshop.i18n import language, t
from workshop.minutes.blocks import Block, Paragraph, Run, bullets, table
from workshop.minutes.outcomes import Adopted, Decided, Outcomes
from workshop.minutes.typography import long_date

if TYPE_CHECKING:
    from workshop.project import Project


def deadline_text(deadline: str) -> str:
    """A deadline in the documents' date format: a day, a month ('décembre 2028') or a year."""
    if not deadline:
        return ""
    parts = deadline.split("-")
    if len(parts) == 3:
        return long_date(deadline)
    if len(parts) == 2 and parts[1].isdigit():
        months = t("minutes.months").split(",")
        month = int(parts[1])
        if len(months) == 12 and 1 <= month <= 12:
            return t("supra.minutes.month_year", month=months[month - 1].strip(), year=parts[0])
    return deadline


def format_mean(mean: float) -> str:
    text = f"{mean:.1f}"
    return text.replace(".", ",") if language() == "fr" else text


def _mark(check: CriterionCheck) -> str:
    if check.stale:
        return t("supra.check.stale")
    if check.met is None:
        return t("supra.check.unknown")
    return t("supra.check.met") if check.met else t("supra.check.not_met")


def minutes_blocks(project: Project, item_id: int, as_of: str | None = None) -> list[Block]:
    """The objective, its indicators and deadline, the criteria, how it was reached.
    `as_of` (ISO date): later confirmations by absent structures are left out."""
    state = load(project, item_id)
    if not state.versions and not state.drafts_round_id:
        return [Paragraph.of(Run(t("supra.minutes.not_run"), italic=True))]
    blocks: list[Block] = []
    approval = approval_of(project, state, as_of)
    if state.adopted and state.adopted_version is not None:
        adopted = state.versions[state.adopted_version].text
        label = "supra.minutes.adopted" if approval is None or approval.complete else "supra.minutes.adopted_present"
        blocks.append(Paragraph.of(Run(t(label), bold=True), adopted))
        blocks.append(Paragraph.of(Run(status_line(project, state, as_of), bold=True)))
        blocks.append(Paragraph.of(participation_line(project, state, as_of, long_date)))
    elif state.sentence:
        blocks.append(Paragraph.of(Run(t("supra.minutes.not_adopted"), bold=True), state.sentence))
    else:
        blocks.append(Paragraph.of(Run(t("supra.minutes.no_sentence"), italic=True)))
    if state.indicators:
        blocks.append(Paragraph.of(Run(t("supra.minutes.indicators"), bold=True)))
        blocks.append(bullets(list(state.indicators)))
    else:
        blocks.append(Paragraph.of(Run(t("supra.minutes.indicators"), bold=True), t("supra.minutes.none")))
    blocks.append(Paragraph.of(Run(t("supra.minutes.deadline"), bold=True), deadline_text(state.deadline) or t("supra.minutes.none")))
    rows = []
    for check in criteria(state, approval):
        how = t(f"supra.source.{check.source}") if check.source else ""
        if check.mean is not None and check.source == "round":
            how = t("supra.source.round_mean", mean=format_mean(check.mean))
        rows.append([t(f"supra.criterion.{check.criterion.value}"), _mark(check), how])
    blocks.append(table([t("supra.minutes.col_criterion"), t("supra.minutes.col_check"), t("supra.minutes.col_how")], rows))
    try:
        count = len(drafts(project, item_id))
    except NotFound:  # the drafts round may be gone; the rest of the minutes stands
        count = 0
    unit = t("supra.minutes.unit_structure") if state.by_structure else t("supra.minutes.unit_person")
    blocks.append(Paragraph.of(t("supra.minutes.history", versions=len(state.versions), drafts=count, unit=unit)))
    finished = [c for c in state.consents if c.passed is not None]
    for number, attempt in enumerate(finished, start=1):
        version = attempt.version + 1
        outcome = t("supra.minutes.consent_passed") if attempt.passed else t("supra.minutes.consent_objected")
        counts = ", ".join(t("supra.minutes.count", answer=_answer_label(k), count=v) for k, v in attempt.counts.items() if v)
        line = t("supra.minutes.consent", number=number, version=version, outcome=outcome)
        blocks.append(Paragraph.of(Run(line, bold=True), f" ({counts})" if counts else ""))
        if attempt.reservations:
            blocks.append(Paragraph.of(t("supra.minutes.reservations")))
            blocks.append(bullets(list(attempt.reservations)))
        if attempt.objections:
            blocks.append(Paragraph.of(t("supra.minutes.objections")))
            blocks.append(bullets(list(attempt.objections)))
        if not attempt.passed:
            handling = attempt.handling or _default_handling(state, attempt)
            blocks.append(Paragraph.of(Run(t("supra.minutes.handling"), italic=True), handling))
    return blocks


def _answer_label(answer: str) -> str:
    key = f"supra.answer.{answer}"
    label = t(key)
    return answer if label == key else label


def _default_handling(state: SupraState, attempt: ConsentAttempt) -> str:
    later = [i for i, v in enumerate(state.versions) if i > attempt.version]
    if later:
        return t("supra.minutes.handled_rewritten", version=later[-1] + 1)
    return t("supra.minutes.handled_pending")


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(t("supra.minutes.count", answer=_answer_label(k), count=v) for k, v in counts.items() if v)


def outcomes(project: Project, item_id: int) -> Outcomes:
    data = item_state.load(project, TABLE, item_id)
    found = Outcomes()
    if data is None:
        return found
    state: SupraState = SupraState.from_doc(data)
    what = t("supra.minutes.objective")
    if state.adopted and state.adopted_version is not None:
        text = state.versions[state.adopted_version].text
        if state.deadline:
            text = t("supra.minutes.with_deadline", text=text, deadline=deadline_text(state.deadline))
        found.adopted.append(Adopted(what, (text,)))
    finished = [c for c in state.consents if c.passed is not None]
    for attempt in finished:
        version = attempt.version + 1
        counts = _counts(attempt.counts)
        subject = t("supra.minutes.decided_version", version=version)
        if attempt.passed:
            found.decisions.append(Decided(subject, t("supra.minutes.decided_adopted", counts=counts)))
            continue
        later = [i for i in range(len(state.versions)) if i > attempt.version]
        follow = attempt.handling or (
            t("supra.minutes.handled_rewritten", version=later[-1] + 1) if later else t("supra.minutes.handled_pending")
        )
        found.decisions.append(Decided(subject, t("supra.minutes.decided_objected", counts=counts, follow=follow)))
    if state.versions and not state.adopted and not finished:
        subject = t("supra.minutes.decided_version", version=len(state.versions))
        found.decisions.append(Decided(subject, t("supra.minutes.decided_pending")))
    return found
