"""Adoption of the supra objective by every member structure (seed 003: "approuvé par
l'ensemble des parties prenantes").

A consent round adopts the sentence for those in the room. It is adopted by all
only when every member structure took part: a person of it voted in the round
(present), a proxy vote was entered for it, or it confirmed later, which the
facilitator records with its date. Until then the objective reads "adopted by
those present, awaiting: …", on screen and in the minutes.

Who took part is read from the round's turns (kept in secret rounds too: only
the ballots are unlinkable) and stored with the consent attempt, with the member
structures of that day, so later changes to the project do not rewrite it: the
consent round's outcome records them (`supra.record_consent`, `supra.participation`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from exercises import supra
from exercises.supra import Approval, ConsentAttempt, SupraState, member_ids, participation
from workshop.errors import ValidationError
from workshop.i18n import t
from workshop.typed_dates import check_date

if TYPE_CHECKING:
    from workshop.project import Project


@dataclass(frozen=True)
class Confirmation:
    structure_id: int
    on: str  # ISO date
    version: int  # the adopted version it confirms


def adopted_attempt(state: SupraState) -> ConsentAttempt | None:
    """The passed consent attempt that adopted the current adopted version."""
    if not state.adopted:
        return None
    for attempt in reversed(state.consents):
        if attempt.passed and attempt.version == state.adopted_version:
            return attempt
    return None


def approval(project: Project, state: SupraState, as_of: str | None = None) -> Approval | None:
    """Who approved the adopted sentence (None while it is not adopted). With `as_of`
    (ISO date), only confirmations recorded by then count. Attempts stored before
    participation was recorded are read from their round and today's members."""
    attempt = adopted_attempt(state)
    if attempt is None:
        return None
    if attempt.members:
        members = tuple(attempt.members)
        took_part = {int(k): v for k, v in attempt.took_part.items()}
    else:
        members = tuple(member_ids(project))
        took_part = participation(project, attempt.round_id)
    confirmed = {
        c.structure_id: c.on
        for c in confirmations(state)
        if c.version == state.adopted_version and (as_of is None or c.on <= as_of)
    }
    return Approval(members, took_part, confirmed)


def confirmations(state: SupraState) -> list[Confirmation]:
    return [Confirmation(int(c["structure_id"]), str(c["on"]), int(c["version"])) for c in state.confirmations]


def confirm(project: Project, item_id: int, structure_id: int, on: str = "") -> SupraState:
    """Record that a member structure absent from the consent approved the adopted
    sentence later, on `on` (ISO or French date; today by the project's clock)."""
    state = supra.load(project, item_id)
    current = approval(project, state)
    if current is None:
        raise ValidationError("supra.error.confirm_not_adopted")
    structure = project.structure(structure_id)
    if structure_id not in current.awaiting:
        raise ValidationError("supra.error.confirm_not_awaited", name=structure.name)
    day = check_date(on) or project.today()
    entry = {"structure_id": structure_id, "on": day, "version": state.adopted_version}
    return supra.save_state(project, replace(state, confirmations=[*state.confirmations, entry]))


def status_line(project: Project, state: SupraState, as_of: str | None = None) -> str:
    """"Adopted by all member structures" or "adopted by those present, awaiting: …"; "" before adoption."""
    found = approval(project, state, as_of)
    if found is None:
        return ""
    if found.complete:
        return t("supra.adoption.complete")
    names = {s.id: s.name for s in project.structures()}
    awaited = ", ".join(names.get(s, t("supra.adoption.removed")) for s in found.awaiting)
    return t("supra.adoption.awaiting", names=awaited)


def participation_line(
    project: Project, state: SupraState, as_of: str | None = None, format_date: Callable[[str], str] = str
) -> str:
    """Each member structure and how it took part: present, by proxy, confirmed on a date."""
    found = approval(project, state, as_of)
    if found is None:
        return ""
    names = {s.id: s.name for s in project.structures()}
    parts = []
    for structure_id in found.members:
        name = names.get(structure_id, t("supra.adoption.removed"))
        if structure_id in found.took_part:
            how = t(f"supra.adoption.{found.took_part[structure_id]}")
        elif structure_id in found.confirmed:
            how = t("supra.adoption.confirmed_on", date=format_date(found.confirmed[structure_id]))
        else:
            how = t("supra.adoption.awaited")
        parts.append(t("supra.adoption.member", name=name, how=how))
    return t("supra.adoption.members", list=t("supra.adoption.separator").join(parts))
