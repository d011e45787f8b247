"""A small cooperation for the roadmap and fairness tests: three member structures, one
external actor, two workshops (January and March 2027) each with a roadmap and a
fairness item, the first also with the supra objective, APT and the matrix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from exercises import supra
from workshop.model import Role, StructureKind
from workshop.project import Project
from workshop.rounds import cast

TRICKY = "[red]Zoé[/] [/ | # *x*"  # markup, an unclosed tag, Markdown table and heading characters


@dataclass
class Cooperation:
    project: Project
    a: int  # structure ids
    b: int
    c: int
    external: int
    people: dict[str, int]
    first: int  # workshop ids
    second: int
    supra_item: int
    apt_item: int
    matrix_item: int
    roadmap_1: int  # agenda item ids
    fairness_1: int
    roadmap_2: int
    fairness_2: int


def build(path: Path) -> Cooperation:
    project = Project.create(path, "Coopération de test")
    a = project.add_structure("Les Ateliers du Canal", StructureKind.ASSOCIATION).id
    b = project.add_structure("Foyer Bellevue", StructureKind.ESTABLISHMENT).id
    c = project.add_structure(TRICKY, StructureKind.ASSOCIATION).id
    external = project.add_structure("Conseil départemental", StructureKind.FUNDER, member=False).id
    project.set_promoter(a)
    people = {
        "Anne": project.add_participant("Anne Martin", a, Role.DIRECTION).id,
        "Alex": project.add_participant("Alex Petit", a, Role.STAFF).id,
        "Bruno": project.add_participant("Bruno Roy", b, Role.DIRECTION).id,
        "Chloé": project.add_participant("Chloé Sow", c, Role.MANAGER).id,
        "Xavier": project.add_participant("Xavier Dumas", external, Role.MANAGER).id,
    }
    first = project.add_workshop("Atelier de janvier", "2027-01-10").id
    second = project.add_workshop("Atelier de mars", "2027-03-10").id
    supra_item = project.add_agenda_item(first, "supra", "Objectif supra").id
    apt_item = project.add_agenda_item(first, "apt", "Attraits, peurs, tentations").id
    matrix_item = project.add_agenda_item(first, "matrix", "Qui fait quoi").id
    roadmap_1 = project.add_agenda_item(first, "roadmap", "Feuille de route").id
    fairness_1 = project.add_agenda_item(first, "fairness", "Équilibre ressenti").id
    roadmap_2 = project.add_agenda_item(second, "roadmap", "Feuille de route, suite").id
    fairness_2 = project.add_agenda_item(second, "fairness", "Équilibre ressenti, suite").id
    return Cooperation(project, a, b, c, external, people, first, second, supra_item, apt_item, matrix_item, roadmap_1, fairness_1, roadmap_2, fairness_2)


def adopt_supra(project: Project, item_id: int, sentence: str) -> None:
    """The sentence written and adopted by a consent round where everyone agrees."""
    supra.write_sentence(project, item_id, sentence, now=1.0)
    started = supra.start_consent(project, item_id, now=2.0)
    for voter in started.voters:
        cast(project, started.id, voter, "agree")
    supra.record_consent_round(project, item_id, started.id, now=3.0)
