"""A small room for the rounds engine's core tests: six people present in three
structures (Alpha 3, Bêta 2, Gamma 1), a seventh absent, one workshop and one agenda item."""

from __future__ import annotations

from dataclasses import dataclass

from workshop.model import Attendance
from workshop.project import Project
from workshop.rounds import RoundMode, RoundSpec, start_round


@dataclass
class Room:
    project: Project
    workshop: int
    item: int
    alpha: int  # structure ids
    beta: int
    gamma: int
    people: dict[str, int]  # a1 a2 a3 (Alpha), b1 b2 (Bêta), b3 (Bêta, absent), c1 (Gamma)

    def start(self, mode: RoundMode, **settings: object) -> int:
        question = str(settings.pop("question", "Quelle priorité ?"))
        spec = RoundSpec(question=question, mode=mode, **settings)
        return start_round(self.project, self.workshop, self.item, spec).id


def make_room(project: Project) -> Room:
    alpha = project.add_structure("Alpha").id
    beta = project.add_structure("Bêta").id
    gamma = project.add_structure("Gamma").id
    people = {
        "a1": project.add_participant("Anne", alpha).id,
        "a2": project.add_participant("Arthur", alpha).id,
        "a3": project.add_participant("Aya", alpha).id,
        "b1": project.add_participant("Bruno", beta).id,
        "b2": project.add_participant("Béa", beta).id,
        "b3": project.add_participant("Basile", beta).id,
        "c1": project.add_participant("Chloé", gamma).id,
    }
    workshop = project.add_workshop("Atelier 1").id
    project.set_attendance(workshop, people["b3"], Attendance.ABSENT)
    item = project.add_agenda_item(workshop, "free", "Point libre").id
    return Room(project, workshop, item, alpha, beta, gamma, people)
