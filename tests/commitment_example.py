"""The issue's example of the 60 % commitment, built in a project for several tests.

40 proposals stated by the stakeholders: 6 retained, 4 not retained, 20 under
study, 10 not looked at; plus 2 by the promoter, retained and implemented, which
must not count. Read the source's way: 15 % retained, 0 % implemented, not kept.
"""

from __future__ import annotations

from workshop.project import Project
from workshop.proposals import decide, follow_up, record_proposal

DAY = "2026-10-12"


def build_example(project: Project) -> int:
    """Fill `project` with the example; returns the workshop's id."""
    promoter = project.add_structure("Porteur")
    b = project.add_structure("EHPAD")
    c = project.add_structure("Centre social")
    project.set_promoter(promoter.id)
    workshop = project.add_workshop("Atelier 1", DAY)
    project.add_agenda_item(workshop.id, "commitments", "Engagement")
    with project.batch():
        for n in range(2):
            own = record_proposal(project, f"Idée du porteur {n}", promoter.id, workshop_id=workshop.id)
            decide(project, own.id, "retained", on=DAY)
            follow_up(project, own.id, status="done", on=DAY)
        for n in range(40):
            made = record_proposal(project, f"Proposition {n}", (b, c)[n % 2].id, workshop_id=workshop.id)
            if n < 6:
                decide(project, made.id, "retained", on=DAY)
            elif n < 10:
                decide(project, made.id, "not_retained", "Hors périmètre", on=DAY)
            elif n < 30:
                decide(project, made.id, "under_study", on=DAY)
    return workshop.id
