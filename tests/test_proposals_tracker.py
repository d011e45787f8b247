"""Recording proposals, deciding, following up across workshops, per-structure counts."""

from __future__ import annotations

import pytest

from workshop.errors import ValidationError
from workshop.project import Project
from workshop.proposals import (
    Decision,
    Referent,
    Status,
    commitment_gauge,
    decide,
    due_since_last,
    follow_up,
    history,
    implementation_gauge,
    proposal,
    proposals,
    record_proposal,
    tallies,
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

    gauge = commitment_gauge(project)
    assert (gauge.retained, gauge.not_retained, gauge.under_study, gauge.undecided) == (3, 1, 0, 1)
    assert gauge.kept
    assert implementation_gauge(project, "2027-02-01").done == 2

    points = history(project)
    assert [p.workshop_id for p in points] == [w1, w2, w3]
    first, second, third = points
    assert (first.commitment.retained, first.commitment.under_study) == (2, 1)
    assert first.implementation.done == 0
    assert (second.commitment.retained, second.commitment.under_study) == (3, 0)
    assert second.implementation.done == 2
    assert third.implementation.late == 1  # ids[1] due 2027-01-10, still to do


def test_per_structure_counts(project: Project, coop: dict[str, int]) -> None:
    for n in range(3):
        record_proposal(project, f"A{n}", coop["a"])
    b1 = record_proposal(project, "B1", coop["b"])
    b2 = record_proposal(project, "B2", coop["b"])
    a = proposals(project)[0]
    decide(project, a.id, "retained")
    decide(project, b1.id, "retained")
    decide(project, b2.id, "not_retained", "Non")
    follow_up(project, b1.id, status="done")
    lines = {t.structure_id: t for t in tallies(project)}
    assert len(lines) == 3  # a structure with no proposal is listed too
    assert (lines[coop["a"]].proposed, lines[coop["a"]].retained, lines[coop["a"]].undecided) == (3, 1, 2)
    assert (lines[coop["b"]].retained, lines[coop["b"]].not_retained, lines[coop["b"]].done) == (1, 1, 1)
    assert lines[coop["c"]].proposed == 0


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
