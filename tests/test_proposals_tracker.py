"""Recording proposals, deciding, following up across workshops, per-structure counts."""

from __future__ import annotations

import time

import pytest

from workshop.clock import FakeClock
from workshop.errors import ValidationError
from workshop.project import Project
from workshop.proposals import (
    CommitmentGauge,
    Decision,
    Referent,
    Status,
    ThresholdInForce,
    commitment,
    decide,
    due_since_last,
    edit_proposal,
    follow_up,
    history,
    per_structure,
    proposal,
    proposals,
    record_proposal,
    threshold_as_of,
    today,
    unknown_author,
)


@pytest.fixture
def coop(project: Project) -> dict[str, int]:
    a = project.add_structure("[red]Jardins[/]")
    b = project.add_structure("EHPAD Les Tilleuls", "establishment")
    c = project.add_structure("Conseil départemental", "funder", member=False)
    zoe = project.add_participant("Zoé Martin", a.id)
    marc = project.add_participant("Marc Lefèvre", b.id)
    w1 = project.add_workshop("Atelier 1", "2026-10-12")
    w2 = project.add_workshop("Atelier 2", "2026-12-07")
    w3 = project.add_workshop("Atelier 3", "2027-02-01")
    item = project.add_agenda_item(w1.id, "free", "Discussion")
    return {"a": a.id, "b": b.id, "c": c.id, "zoe": zoe.id, "marc": marc.id, "w1": w1.id, "w2": w2.id, "w3": w3.id, "item": item.id}


def test_record_from_anywhere(project: Project, coop: dict[str, int]) -> None:
    typed = record_proposal(project, "  Un  référent\tunique ", coop["a"], workshop_id=coop["w1"])
    from_person = record_proposal(project, "Mutualiser la paie", 0, participant_id=coop["marc"], item_id=coop["item"], source="apt")
    assert typed.text == "Un référent unique"
    assert typed.date == "2026-10-12"  # the workshop's date
    assert typed.source == ""
    assert from_person.structure_id == coop["b"]  # the person's structure
    assert from_person.workshop_id == coop["w1"]  # from the agenda item
    assert from_person.source == "apt"
    assert [p.id for p in proposals(project, coop["w1"])] == [typed.id, from_person.id]
    assert proposals(project, coop["w2"]) == []
    assert proposal(project, typed.id) == typed


def test_bad_proposals_are_refused(project: Project, coop: dict[str, int]) -> None:
    with pytest.raises(ValidationError) as error:
        record_proposal(project, "   ", coop["a"])
    assert error.value.key == "proposals.error.no_text"
    with pytest.raises(ValidationError) as error:
        record_proposal(project, "Une idée", 0)
    assert error.value.key == "proposals.error.no_structure"
    assert "structure" in error.value.message()
    with pytest.raises(ValidationError) as error:
        record_proposal(project, "Une idée", coop["a"], participant_id=coop["marc"])
    assert error.value.key == "proposals.error.person_elsewhere"
    assert proposals(project) == []


def test_decisions(project: Project, coop: dict[str, int]) -> None:
    p = record_proposal(project, "Idée", coop["a"])
    with pytest.raises(ValidationError) as error:
        decide(project, p.id, "not_retained", "  ")
    assert error.value.key == "proposals.error.reason_required"
    assert proposal(project, p.id).decision == Decision.UNDECIDED
    decided = decide(project, p.id, "not_retained", "Hors budget", on="2026-10-12")
    assert (decided.decision, decided.reason) == ("not_retained", "Hors budget")
    assert decide(project, p.id, Decision.UNDER_STUDY).decision == "under_study"
    with pytest.raises(ValueError):
        decide(project, p.id, "maybe")


def test_follow_up_rules(project: Project, coop: dict[str, int]) -> None:
    p = record_proposal(project, "Idée", coop["a"], workshop_id=coop["w1"])
    with pytest.raises(ValidationError) as error:
        follow_up(project, p.id, due="2026-11-01")
    assert error.value.key == "proposals.error.not_retained_follow_up"
    decide(project, p.id, "retained", on="2026-10-12")
    p = follow_up(project, p.id, referent=Referent.participant(coop["zoe"]), due="01/11/2026")
    assert (p.referent_participant_id, p.due, p.status) == (coop["zoe"], "2026-11-01", "to_do")
    # A due date in the past is allowed, and flagged late.
    assert p.is_late("2026-11-23")
    assert not p.is_late("2026-10-30")
    with pytest.raises(ValidationError) as error:
        follow_up(project, p.id, status="dropped")
    assert error.value.key == "proposals.error.drop_reason_required"
    p = follow_up(project, p.id, status="dropped", reason="Plus de financement", on="2026-11-20")
    assert (p.status, p.status_reason) == ("dropped", "Plus de financement")
    assert not p.is_late("2026-11-23")
    p = follow_up(project, p.id, referent=project.structure(coop["c"]), status=Status.IN_PROGRESS)
    assert (p.referent_structure_id, p.referent_participant_id, p.status_reason) == (coop["c"], 0, "")


def test_follow_up_across_workshops(project: Project, coop: dict[str, int]) -> None:
    w1, w2, w3 = coop["w1"], coop["w2"], coop["w3"]
    ids = [record_proposal(project, f"Action {n}", coop["a" if n % 2 else "b"], workshop_id=w1).id for n in range(5)]
    decide(project, ids[0], "retained", on="2026-10-12")
    decide(project, ids[1], "retained", on="2026-10-12")
    decide(project, ids[2], "not_retained", "Déjà fait ailleurs", on="2026-10-12")
    decide(project, ids[3], "under_study", on="2026-10-12")
    decide(project, ids[3], "retained", on="2026-12-07", workshop_id=w2)  # decided at workshop 2
    follow_up(project, ids[0], due="2026-11-15")  # falls due between workshops 1 and 2
    follow_up(project, ids[1], due="2027-01-10")  # between 2 and 3
    follow_up(project, ids[3], due="2026-09-01")  # already past: late until done

    # At workshop 2 the tracker opens on what fell due since workshop 1, and what is late.
    assert [p.id for p in due_since_last(project, w2)] == [ids[3], ids[0]]
    follow_up(project, ids[0], status="done", on="2026-12-07")
    follow_up(project, ids[3], status="done", on="2026-12-07")
    # At workshop 3: ids[1] fell due; the done ones are not listed again.
    assert [p.id for p in due_since_last(project, w3)] == [ids[1]]

    gauge = commitment(project, "2027-02-01")
    assert (gauge.retained, gauge.not_retained, gauge.pending, gauge.stated) == (3, 1, 1, 5)
    assert gauge.done == 2 and gauge.late == 1  # ids[1] due 2027-01-10, still to do
    assert gauge.kept is False  # 2 of 5 implemented

    first, second, third = history(project)
    assert [p.workshop_id for p in (first, second, third)] == [w1, w2, w3]
    assert (first.gauge.retained, first.gauge.under_study, first.gauge.done) == (2, 1, 0)
    assert (second.gauge.retained, second.gauge.under_study, second.gauge.done) == (3, 0, 2)
    assert third.gauge.late == 1


def test_history_is_rebuilt_at_each_workshop_date(project: Project, coop: dict[str, int]) -> None:
    """Later decisions, status changes and threshold changes never alter an earlier point."""
    w1, w2, w3 = coop["w1"], coop["w2"], coop["w3"]
    first = record_proposal(project, "Mutualiser la paie", coop["b"], workshop_id=w1)
    second = record_proposal(project, "Un annuaire", coop["b"], workshop_id=w1)
    later = record_proposal(project, "Une navette", coop["a"], workshop_id=w2)  # stated at workshop 2
    decide(project, first.id, "retained", on="2026-10-12")
    decide(project, second.id, "under_study", on="2026-10-12")
    follow_up(project, first.id, status="in_progress", on="2026-11-02")
    follow_up(project, first.id, status="done", on="2026-12-20")  # after workshop 2
    decide(project, second.id, "retained", on="2026-12-07")
    follow_up(project, second.id, status="dropped", reason="Plus de budget", on="2027-01-15")
    decide(project, later.id, "retained", on="2027-02-01")
    project.set_threshold(70, on="2026-12-10")

    points = {p.workshop_id: p.gauge for p in history(project)}
    one, two, three = points[w1], points[w2], points[w3]
    assert (one.stated, one.retained, one.done, one.pending, one.threshold) == (2, 1, 0, 1, 60)
    assert (two.stated, two.retained, two.in_progress, two.done, two.threshold) == (3, 2, 1, 0, 60)
    assert (three.stated, three.retained, three.done, three.dropped, three.threshold) == (3, 2, 1, 1, 70)
    # The same figures whatever day they are read: a decision reversed later changes nothing before it.
    decide(project, first.id, "not_retained", "Finalement non", on="2027-03-01")
    assert history(project)[1].gauge == two
    assert commitment(project, "2026-11-30") == CommitmentGauge(to_do=0, in_progress=1, under_study=1, threshold=60, promoter_set=False)
    # Only the workshops up to the one asked for.
    assert [p.workshop_id for p in history(project, until=w2)] == [w1, w2]


def test_a_drop_then_retained_again_is_dated(project: Project, coop: dict[str, int]) -> None:
    item = record_proposal(project, "Idée", coop["a"], date="2026-10-01")
    decide(project, item.id, "retained", on="2026-10-01")
    follow_up(project, item.id, status="dropped", reason="Non", on="2026-10-05")
    decide(project, item.id, "under_study", on="2026-10-06")
    decide(project, item.id, "retained", on="2026-10-20")
    assert proposal(project, item.id).status == "to_do"
    assert proposal(project, item.id).as_of("2026-10-10").status == "dropped"
    assert proposal(project, item.id).as_of("2026-10-21").status == "to_do"


def test_old_records_without_a_log_count_from_their_dates(project: Project, coop: dict[str, int]) -> None:
    project.store.table("proposals").insert(
        {"text": "Ancienne", "structure_id": coop["a"], "date": "2026-01-10", "decision": "retained",
         "decided_on": "2026-02-01", "status": "done", "status_on": "2026-03-01"}
    )
    (old,) = proposals(project)
    assert old.as_of("2026-01-31").decision == "" and old.as_of("2026-02-01").decision == "retained"
    assert old.as_of("2026-02-15").status == "to_do" and old.as_of("2026-03-01").status == "done"
    assert old.as_of("2026-01-09") is None


def test_late_only_after_the_due_day(project: Project, coop: dict[str, int]) -> None:
    item = record_proposal(project, "Idée", coop["a"], date="2026-10-01")
    decide(project, item.id, "retained", on="2026-10-01")
    item = follow_up(project, item.id, due="2026-11-15")
    assert not item.is_late("2026-11-15")  # the due day itself: not late yet
    assert item.is_late("2026-11-16")
    assert commitment(project, "2026-11-15").late == 0
    assert commitment(project, "2026-11-16").late == 1


def test_the_clock_is_the_only_source_of_today(project: Project, coop: dict[str, int]) -> None:
    # A day far from the real one: a "today" read from the system would not give it.
    project.clock = FakeClock(time.mktime((2031, 5, 4, 15, 0, 0, 0, 0, -1)))
    assert today(project) == "2031-05-04"
    item = record_proposal(project, "Idée", coop["a"])
    assert item.date == "2031-05-04" and item.created == project.clock.now()
    item = decide(project, item.id, "retained")
    assert (item.decided_on, item.log[-1]["on"]) == ("2031-05-04", "2031-05-04")
    item = follow_up(project, item.id, status="in_progress", due="2031-05-03")
    assert (item.status_on, item.log[-1]["on"]) == ("2031-05-04", "2031-05-04")
    assert commitment(project).late == 1  # late as of the clock's day
    project.set_threshold(80)
    assert project.threshold_changes[-1]["on"] == "2031-05-04"


def test_the_promoters_own_proposals_do_not_count(project: Project, coop: dict[str, int]) -> None:
    project.set_promoter(coop["a"])
    own = record_proposal(project, "Notre idée", coop["a"])
    theirs = record_proposal(project, "Leur idée", coop["b"])
    funder = record_proposal(project, "Idée du financeur", coop["c"])  # an external actor is a stakeholder too
    decide(project, own.id, "retained")
    follow_up(project, own.id, status="done")
    decide(project, theirs.id, "retained")
    gauge = commitment(project)
    assert (gauge.stated, gauge.retained, gauge.done, gauge.undecided, gauge.promoter_own) == (2, 1, 0, 1, 1)
    assert gauge.kept is False  # the promoter's own implemented idea does not keep the promise
    lines = {line.structure_id: line for line in per_structure(project)}
    assert lines[coop["a"]].promoter and (lines[coop["a"]].stated, lines[coop["a"]].implemented) == (1, 1)
    assert not lines[coop["b"]].promoter and lines[coop["b"]].retained == 1
    assert lines[coop["c"]].stated == 1 and funder.structure_id == coop["c"]


def test_an_unknown_author_is_refused_and_old_data_is_flagged(project: Project, coop: dict[str, int]) -> None:
    project.set_promoter(coop["a"])
    with pytest.raises(ValidationError) as error:
        record_proposal(project, "Sans auteur", 0)
    assert error.value.key == "proposals.error.no_structure"
    kept = record_proposal(project, "Idée", coop["b"])
    with pytest.raises(ValidationError):
        edit_proposal(project, kept.id, structure_id=0)
    assert proposal(project, kept.id).structure_id == coop["b"]
    # A record written before the rule has no author: flagged, and counted as a stakeholder's.
    project.store.table("proposals").insert({"text": "D'avant", "decision": "retained", "date": "2026-01-01"})
    (orphan,) = unknown_author(project)
    assert orphan.text == "D'avant" and orphan.structure_id == 0
    gauge = commitment(project)
    assert (gauge.stated, gauge.retained, gauge.unknown_author, gauge.promoter_own) == (2, 1, 1, 0)
    assert per_structure(project)[-1].unknown and per_structure(project)[-1].stated == 1
    edit_proposal(project, orphan.id, structure_id=coop["a"])  # it was the promoter's after all
    assert unknown_author(project) == []
    assert commitment(project).promoter_own == 1


def test_threshold_changes_are_confirmed_and_dated(project: Project, coop: dict[str, int]) -> None:
    assert project.threshold == 60 and threshold_as_of(project).since == ""
    project.set_threshold("75 %", on="2026-09-01")  # raising needs no confirmation
    with pytest.raises(ValidationError) as error:
        project.set_threshold(50, on="2026-11-02")
    assert error.value.key == "error.threshold_lower_unconfirmed"
    assert project.threshold == 75
    assert project.threshold_needs_confirmation(50) and not project.threshold_needs_confirmation(65)
    project.set_threshold(50, confirmed=True, on="2026-11-02")
    assert [(c["on"], c["value"], c["previous"]) for c in project.threshold_changes] == [("2026-09-01", 75, 60), ("2026-11-02", 50, 75)]
    assert threshold_as_of(project, "2026-08-31").value == 60
    assert threshold_as_of(project, "2026-10-12") == ThresholdInForce(75, "2026-09-01", 60)
    assert threshold_as_of(project, "2026-11-02") == ThresholdInForce(50, "2026-11-02", 75)
    assert threshold_as_of(project).text() == "50\u00a0%, abaissé le 2026-11-02 (il était de 75\u00a0%). En dessous des 60\u00a0% que demande la méthode."
    project.set_threshold(50, on="2026-12-01")  # unchanged: nothing logged
    assert len(project.threshold_changes) == 2


def test_per_structure_shows_who_is_set_aside(project: Project, coop: dict[str, int]) -> None:
    for n in range(3):
        decide(project, record_proposal(project, f"A{n}", coop["a"]).id, "not_retained", "Non")
    b1 = record_proposal(project, "B1", coop["b"])
    b2 = record_proposal(project, "B2", coop["b"])
    record_proposal(project, "B3", coop["b"])
    decide(project, b1.id, "retained")
    decide(project, b2.id, "retained")
    follow_up(project, b1.id, status="done")
    follow_up(project, b2.id, status="dropped", reason="Plus de partenaire")
    lines = {line.structure_id: line for line in per_structure(project)}
    assert len(lines) == 3  # a structure with no proposal is listed too
    a, b = lines[coop["a"]], lines[coop["b"]]
    assert (a.stated, a.retained, a.implemented, a.not_retained) == (3, 0, 0, 3)
    assert (b.stated, b.retained, b.implemented, b.dropped, b.pending) == (3, 1, 1, 1, 1)
    assert lines[coop["c"]].stated == 0 and lines[coop["c"]].retained_share is None


def test_structure_with_proposals_cannot_be_removed(project: Project, coop: dict[str, int]) -> None:
    record_proposal(project, "Idée", coop["a"])
    p = record_proposal(project, "Autre", coop["b"])
    decide(project, p.id, "retained")
    follow_up(project, p.id, referent=Referent.structure(coop["c"]))
    project.remove_participant(coop["zoe"])
    with pytest.raises(ValidationError) as error:
        project.remove_structure(coop["a"])
    assert error.value.key == "proposals.error.structure_authored"
    assert "[red]Jardins[/]" in error.value.message()
    with pytest.raises(ValidationError) as error:
        project.remove_structure(coop["c"])
    assert error.value.key == "proposals.error.structure_carries"
    assert len(proposals(project)) == 2
    assert len(project.structures()) == 3
