"""What the supra objective exercise gives the synthesis: the adopted objective and each consent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from exercises import item_state
from workshop.i18n import t
from workshop.minutes.outcomes import Adopted, Decided, Outcomes
from workshop.minutes.typography import long_date

if TYPE_CHECKING:
    from exercises.supra import SupraState
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


def _counts(counts: dict[str, int]) -> str:
    from exercises.supra import _answer_label

    return ", ".join(t("supra.minutes.count", answer=_answer_label(k), count=v) for k, v in counts.items() if v)


def outcomes(project: Project, item_id: int) -> Outcomes:
    from exercises.supra import TABLE, SupraState

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
