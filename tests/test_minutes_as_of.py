"""Figures as of the workshop: old minutes never change when later workshops take place.

The minutes of workshop 1 exported from the full reference project (10 workshops:
later decisions on workshop 1's proposals, their follow-up, next steps done
since) must equal those exported from a copy in which only workshop 1 took place.
"""

from __future__ import annotations

from pathlib import Path

from tests.bench.reference import build_reference
from tests.conftest import built_once
from workshop.minutes.as_of import as_of
from workshop.minutes.blocks import Table
from workshop.minutes.builder import build_minutes, document_info
from workshop.minutes.markdown_writer import render_markdown
from workshop.minutes.snapshot import open_snapshot
from workshop.next_steps import next_steps
from workshop.project import Project
from workshop.proposals import decide, follow_up, proposals, record_proposal
from workshop.proposals.as_of import as_of as proposal_as_of


def _first_minutes(path: Path) -> str:
    project = open_snapshot(path)
    first = project.workshops()[0]
    return render_markdown(build_minutes(project, first), document_info(project, first))


def test_minutes_of_workshop_1_are_the_same_whatever_came_after(reference_path: Path, shared_folder: Path) -> None:
    alone = built_once(shared_folder, "reference-1.atelier", lambda path: build_reference(path, workshops=1))
    full = open_snapshot(reference_path)
    # What happened since: workshop 1's proposals were followed up, its next steps done.
    later = [p for p in proposals(full) if p.workshop_id == full.workshops()[0].id and len(p.log) > 2]
    assert later and all(s.done for s in next_steps(full, full.workshops()[0].id))
    assert _first_minutes(reference_path) == _first_minutes(alone)


def test_late_actions_are_counted_on_the_workshop_day_everywhere(reference_path: Path) -> None:
    project = open_snapshot(reference_path)
    # A workshop before the last one with late actions on its day (the ninth, in the reference).
    ninth = project.workshops()[8]
    blocks = build_minutes(project, ninth)
    then = as_of(project, ninth).project
    late = [p for p in proposals(then) if p.is_late(ninth.date)]
    assert late and len(late) < len([p for p in proposals(project) if p.is_late(project.workshops()[-1].date)])
    own = [p for p in late if p.structure_id == project.promoter_id]
    assert own and len(own) < len(late)  # the promoter's own late actions are left out of the commitment
    # The gauge's count and the follow-up's count agree on the day, and say why they differ.
    text = render_markdown(blocks)
    assert f"en retard {len(late) - len(own)}" in text  # the follow-up line of the commitment
    assert f"{len(late)} action(s) en retard, dont {len(own)} du porteur" in text
    follow = next(b for b in blocks if isinstance(b, Table) and b.header[-1] == "État" and "Référent" in b.header)
    assert sum("(en retard)" in row[-1] for row in follow.rows) == len(late)


def test_a_proposal_as_it_stood(project: Project) -> None:
    a = project.add_structure("A")
    zoe = project.add_participant("Zoé", a.id)
    first = project.add_workshop("Atelier 1", "2026-10-12")
    made = record_proposal(project, "Mutualiser", a.id, workshop_id=first.id)
    decide(project, made.id, "under_study", on="2026-10-12", workshop_id=first.id)
    decide(project, made.id, "retained", on="2026-12-07")
    follow_up(project, made.id, referent=project.participant(zoe.id), due="2027-01-31", on="2026-12-07")
    follow_up(project, made.id, status="dropped", reason="Financement refusé", on="2027-02-01")
    current = proposals(project)[0]
    then = proposal_as_of(current, "2026-10-12")
    assert (then.decision, then.decided_workshop_id, then.referent_participant_id, then.due, then.status) == ("under_study", first.id, 0, "", "to_do")
    middle = proposal_as_of(current, "2026-12-31")
    assert (middle.decision, middle.referent_participant_id, middle.due, middle.status, middle.status_reason) == ("retained", zoe.id, "2027-01-31", "to_do", "")
    assert proposal_as_of(current, "2027-02-02").status_reason == "Financement refusé"
    assert proposal_as_of(current, "2026-10-11") is None  # not made yet
