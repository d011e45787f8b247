"""Adoption of the supra objective by every member structure (seed 003: "approuvé par
l'ensemble des parties prenantes"): awaiting an absent structure, then completed."""

from __future__ import annotations

import pytest

from exercises import supra, supra_adoption, supra_minutes
from exercises.supra import Criterion
from workshop.errors import ValidationError
from workshop.i18n import set_language
from workshop.minutes.blocks import Paragraph
from workshop.model import Attendance
from workshop.project import Project
from workshop.rounds import cast, get_round


@pytest.fixture
def room(project: Project) -> dict[str, int]:
    """Three member structures and a funder; the only person of "Centre social" is absent."""
    ids = {}
    for key, name, member in (("a", "Jardins [b]", True), ("b", "EHPAD", True), ("c", "Centre social", True), ("d", "Département", False)):
        ids[key] = project.add_structure(name, member=member).id
        ids[key + "1"] = project.add_participant(f"Personne {key}", ids[key]).id
    workshop = project.add_workshop("Atelier 1", "2026-10-12")
    project.set_attendance(workshop.id, ids["c1"], Attendance.ABSENT)
    ids["workshop"] = workshop.id
    ids["item"] = project.add_agenda_item(workshop.id, "supra", "Objectif supra").id
    supra.write_sentence(project, ids["item"], "D'ici 2028, un guichet commun", now=1.0)
    return ids


def _adopt(project: Project, room: dict[str, int], proxy_for: str = "b") -> supra.SupraState:
    started = supra.start_consent(project, room["item"], now=2.0)
    assert set(get_round(project, started.id).voters) == {room["a1"], room["b1"], room["d1"]}  # c1 is absent
    for voter in get_round(project, started.id).voters:
        cast(project, started.id, voter, "agree", proxy=voter == room[proxy_for + "1"])
    return supra.record_consent_round(project, room["item"], started.id, now=3.0)


def _minutes(project: Project, room: dict[str, int], as_of: str | None) -> list[str]:
    return [b.text for b in supra_minutes.minutes_blocks(project, room["item"], as_of) if isinstance(b, Paragraph)]


def test_adopted_by_those_present_awaiting_the_absent_structure(project: Project, room: dict[str, int]) -> None:
    state = _adopt(project, room)
    assert state.adopted  # the consent passed in the room
    approval = supra_adoption.approval(project, state)
    assert set(approval.members) == {room["a"], room["b"], room["c"]}  # the funder is not a member
    assert approval.took_part == {room["a"]: "present", room["b"]: "proxy", room["d"]: "present"}
    assert approval.awaiting == [room["c"]] and not approval.complete
    checks = {c.criterion: c for c in supra.criteria(state, approval)}
    assert checks[Criterion.APPROVED].met is None and checks[Criterion.APPROVED].source == "consent_awaiting"
    paragraphs = _minutes(project, room, "2026-10-12")
    assert paragraphs[0] == "Objectif adopté par les présents : D'ici 2028, un guichet commun"
    assert "Adopté par les présents, en attente de : Centre social." in paragraphs
    assert "Structures membres : Centre social (attendue) ; EHPAD (par procuration) ; Jardins [b] (présente)." in paragraphs


def test_a_later_confirmation_completes_the_adoption(project: Project, room: dict[str, int]) -> None:
    _adopt(project, room)
    with pytest.raises(ValidationError) as error:
        supra_adoption.confirm(project, room["item"], room["a"], "2026-11-20")
    assert error.value.key == "supra.error.confirm_not_awaited"
    with pytest.raises(ValidationError):
        supra_adoption.confirm(project, room["item"], room["c"], "le 20 novembre")  # not a date
    state = supra_adoption.confirm(project, room["item"], room["c"], "20/11/2026")
    approval = supra_adoption.approval(project, state)
    assert approval.complete and approval.confirmed == {room["c"]: "2026-11-20"}
    assert {c.criterion: c.met for c in supra.criteria(state, approval)}[Criterion.APPROVED] is True
    now = _minutes(project, room, None)
    assert now[0] == "Objectif adopté : D'ici 2028, un guichet commun"
    assert "Adopté par toutes les structures membres." in now
    assert any("Centre social (accord confirmé le 20 novembre 2026)" in p for p in now)
    # The minutes of the consent's workshop keep what was true on its date.
    assert "Adopté par les présents, en attente de : Centre social." in _minutes(project, room, "2026-10-12")
    with pytest.raises(ValidationError):
        supra_adoption.confirm(project, room["item"], room["c"], "2026-11-21")  # no longer awaited
    set_language("en")
    assert "Adopted by every member structure." in _minutes(project, room, None)


def test_nothing_to_confirm_before_adoption(project: Project, room: dict[str, int]) -> None:
    with pytest.raises(ValidationError) as error:
        supra_adoption.confirm(project, room["item"], room["c"])
    assert error.value.key == "supra.error.confirm_not_adopted"


def test_a_new_consent_needs_new_confirmations(project: Project, room: dict[str, int]) -> None:
    _adopt(project, room)
    supra_adoption.confirm(project, room["item"], room["c"], "2026-11-20")
    supra.reopen(project, room["item"])
    supra.write_sentence(project, room["item"], "D'ici 2029, un guichet commun", now=4.0)
    state = _adopt(project, room)
    assert supra_adoption.approval(project, state).awaiting == [room["c"]]


def test_the_confirmation_is_dated_by_the_project_clock(project: Project, room: dict[str, int]) -> None:
    import time

    from workshop.clock import FakeClock

    _adopt(project, room)
    project.clock = FakeClock(time.mktime((2031, 5, 4, 15, 0, 0, 0, 0, -1)))
    state = supra_adoption.confirm(project, room["item"], room["c"])
    assert supra_adoption.approval(project, state).confirmed == {room["c"]: "2031-05-04"}


def test_a_voter_skipped_in_the_consent_did_not_take_part(project: Project, room: dict[str, int]) -> None:
    from workshop.rounds import skip

    started = supra.start_consent(project, room["item"], now=2.0)
    skip(project, started.id, room["a1"])  # present on the list, but gone when their turn came
    cast(project, started.id, room["b1"], "agree")
    cast(project, started.id, room["d1"], "agree")
    state = supra.record_consent_round(project, room["item"], started.id, now=3.0)
    approval = supra_adoption.approval(project, state)
    assert approval.took_part == {room["b"]: "present", room["d"]: "present"}
    assert set(approval.awaiting) == {room["a"], room["c"]}
