"""A proposal as it stood at the end of a given day, for the minutes of that day's workshop.

`Proposal.as_of` replays the decision, its reason and the status from the dated
log. The minutes need the rest of the follow-up as it stood too: who carried it
and by when, where the decision was taken, why it was dropped. Referents and due
dates are logged when they change (`tracker.follow_up`); a proposal saved before
they were logged keeps its current ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any, TypeVar

from workshop.proposals.proposal import Proposal

# The fields the minutes rewind; the others (text, author, workshop) never change with time.
REWOUND = (
    "decision",
    "reason",
    "decided_on",
    "decided_workshop_id",
    "status",
    "status_reason",
    "status_on",
    "referent_participant_id",
    "referent_structure_id",
    "due",
    "log",
)

T = TypeVar("T")


def as_of(item: Proposal, day: str) -> Proposal | None:
    """`item` as it stood at the end of `day` (ISO date); None if it was not stated yet."""
    then = item.as_of(day)
    if then is None:
        return None
    entries = sorted(
        ((entry.get("on", ""), n, entry) for n, entry in enumerate(item.log) if entry.get("on", "") <= day), key=lambda x: x[:2]
    )
    log = [entry for _, _, entry in entries]
    decided = [entry for entry in log if "decision" in entry]
    changed = [entry for entry in log if "status" in entry]
    same_decision = then.decision == item.decision and (item.decided_on or item.date or "") <= day
    if decided:
        decided_on = decided[-1].get("on", "") if then.decision else ""
        decided_workshop = decided[-1].get("workshop_id", item.decided_workshop_id if same_decision else 0)
    else:  # data older than the log: the current decision, if it had been taken by then
        decided_on = item.decided_on if same_decision and then.decision else ""
        decided_workshop = item.decided_workshop_id if same_decision else 0
    same_status = then.status == item.status
    if changed:
        status_on = changed[-1].get("on", "")
        status_reason = changed[-1].get("reason", item.status_reason if same_status else "")
    else:
        status_on = item.status_on if same_status and (item.status_on or "") <= day else ""
        status_reason = item.status_reason if same_status else ""
    referent = _last(item.log, log, "referent", [item.referent_participant_id, item.referent_structure_id], [0, 0])
    return replace(
        then,
        decided_on=decided_on,
        decided_workshop_id=decided_workshop,
        status_on=status_on,
        status_reason=status_reason,
        referent_participant_id=int(referent[0] or 0),
        referent_structure_id=int(referent[1] or 0),
        due=_last(item.log, log, "due", item.due, ""),
        log=log,
    )


def _last(full_log: list[dict[str, Any]], log: list[dict[str, Any]], key: str, current: T, before: T) -> T:
    """The last logged value of `key` by then; the current value when the key was never logged."""
    if not any(key in entry for entry in full_log):
        return current
    value = before
    for entry in log:
        if key in entry:
            value = entry[key]
    return value


def changes_as_of(doc: Mapping[str, Any], day: str, doc_id: int = 0) -> dict[str, Any] | None:
    """What differs in a stored proposal at the end of `day` (None: not stated yet), to merge into its document."""
    then = as_of(Proposal.from_doc(dict(doc), doc_id), day)
    return {name: getattr(then, name) for name in REWOUND} if then is not None else None


def proposals_as_of(items: Iterable[Proposal], day: str) -> list[Proposal]:
    return [found for found in (as_of(item, day) for item in items) if found is not None]
