"""Small rooms for the rounds' core tests.

- `make_room`: six people present in three structures (Alpha 3, Bêta 2, Gamma 1),
  a seventh absent, one workshop and one agenda item;
- `PEOPLE` and `seat_people`: three structures of unequal size (Zèbre 3,
  Abeille 2, Moulin 1), for the tallies and the minutes' wording.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.disk import on_disk
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


def stored(path: Path, round_id: int) -> dict[str, Any]:
    """The round as written in the project file."""
    return on_disk(path)["rounds"][str(round_id)]


PEOPLE = {"Zèbre": ("Zack", "Zia", "Zoé"), "Abeille": ("Albert", "Alice"), "Moulin": ("Marc",)}


def seat_people(project: Project) -> tuple[dict[str, int], dict[str, int]]:
    """The structures of `PEOPLE` and their people: (structure ids by name, participant ids by name)."""
    structures = {name: project.add_structure(name).id for name in PEOPLE}
    people = {person: project.add_participant(person, structures[name]).id for name, names in PEOPLE.items() for person in names}
    return structures, people
