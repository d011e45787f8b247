"""Action proposals and the 60 % commitment: the tracker as an agenda item.

Proposals are recorded from every exercise through `workshop.proposals`; this
item is the moment the promoter decides on them in front of everyone and the
group reviews what was due. The minutes section is the proposals contributor's
(`workshop.proposals.minutes`), so this exercise adds nothing of its own there.
"""

from __future__ import annotations

import datetime
import random
from typing import TYPE_CHECKING

from workshop.exercise import Exercise
from workshop.proposals import (
    Referent,
    decide,
    follow_up,
    proposals,
    record_proposal,
    today,
)

if TYPE_CHECKING:
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project


def _shift(day: str, days: int) -> str:
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=days)).isoformat()


# (text, structure index, person index in that structure or -1, agenda kind it came from,
#  decision, reason, referent: ("p", person index in the proposing structure) / ("s", structure
#  index), due in days, status)
DEMO_PROPOSALS = [
    ("Nommer un référent coopération dans chaque structure", 0, 0, "values", "retained", "", ("p", 0), 21, "done"),
    ("Mutualiser le planning des minibus pour les sorties", 1, 1, "apt", "retained", "", ("s", 1), 34, "done"),
    ("Créer un annuaire partagé des professionnels du territoire", 2, 0, "apt", "retained", "", ("p", 1), 40, "to_do"),
    ("Organiser une formation commune à l'accueil des familles", 2, 1, "supra", "under_study", "", None, 0, ""),
    ("Acheter ensemble un logiciel de dossier usager", 1, 0, "matrix", "not_retained", "Les contrats en cours courent jusqu'en 2028.", None, 0, ""),
    ("Ouvrir un jardin partagé entre l'EHPAD et le centre social", 0, 1, "apt", "retained", "", ("s", 0), 120, "to_do"),
    ("Tenir une réunion trimestrielle des directions", 3, 0, "supra", "retained", "", ("p", 0), 70, "to_do"),
    ("Demander un financement commun pour un poste de coordination", 4, 0, "", "under_study", "À étudier avec le budget 2027.", None, 0, ""),
]


class Commitments(Exercise):
    kind = "commitments"
    order = 50
    default_minutes = 30

    def fill_demo(self, project: Project, workshop: Workshop, item: AgendaItem) -> None:
        structures = project.structures()
        people = {s.id: [p for p in project.participants() if p.structure_id == s.id] for s in structures}
        agenda = project.agenda(workshop.id)
        day = workshop.date or today(project)
        # The demo's structures in the order they were created, whatever the sort order.
        ordered = sorted(structures, key=lambda s: s.id)
        with project.batch():
            for text, s_index, p_index, kind, decision, reason, referent, due_in, status in DEMO_PROPOSALS:
                structure = ordered[s_index % len(ordered)]
                members = people.get(structure.id, [])
                person = members[p_index % len(members)].id if members and p_index >= 0 else 0
                source_item = next((i for i in agenda if kind and i.kind == kind), item)
                made = record_proposal(
                    project,
                    text,
                    structure.id,
                    person,
                    workshop_id=workshop.id,
                    item_id=source_item.id,
                    source=source_item.kind if source_item.kind != self.kind else "",
                )
                decide(project, made.id, decision, reason, on=day, workshop_id=workshop.id)
                if decision != "retained":
                    continue
                if referent is not None:
                    who, index = referent
                    chosen = (
                        Referent.participant(members[index % len(members)].id)
                        if who == "p" and members
                        else Referent.structure(ordered[index % len(ordered)].id if who == "s" else structure.id)
                    )
                    follow_up(project, made.id, referent=chosen, due=_shift(day, due_in), on=day)
                if status != "to_do":
                    follow_up(project, made.id, status=status, on=_shift(day, max(1, due_in - 5)))

    def fill_reference(self, project: Project, workshop: Workshop, item: AgendaItem, rng: random.Random) -> None:
        structures = project.structures()
        everyone = project.participants()
        if not structures:
            return
        day = workshop.date or today(project)
        present = project.present(workshop.id) or everyone
        with project.batch():
            # What was retained before is followed up: some done, some started, a few dropped.
            for earlier in proposals(project):
                if earlier.workshop_id == workshop.id or not earlier.retained:
                    continue
                if earlier.status in ("to_do", "in_progress") and earlier.due and earlier.due <= day:
                    roll = rng.random()
                    if roll < 0.6:
                        follow_up(project, earlier.id, status="done", on=day)
                    elif roll < 0.9:
                        follow_up(project, earlier.id, status="in_progress", on=day)
                    else:
                        follow_up(project, earlier.id, status="dropped", reason=rng.choice(DROP_REASONS), on=day)
            for earlier in proposals(project):
                if earlier.decision == "under_study" and rng.random() < 0.5:
                    decide(project, earlier.id, "retained", on=day, workshop_id=workshop.id)
            for _ in range(15):
                author = rng.choice(present) if present else None
                structure_id = author.structure_id if author else rng.choice(structures).id
                text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"
                made = record_proposal(
                    project,
                    text,
                    structure_id,
                    author.id if author else 0,
                    workshop_id=workshop.id,
                    item_id=item.id,
                    source=rng.choice(("", "apt", "supra", "matrix", "round")),
                )
                roll = rng.random()
                if roll < 0.65:
                    decide(project, made.id, "retained", on=day, workshop_id=workshop.id)
                    referent = (
                        Referent.participant(rng.choice(everyone).id)
                        if everyone and rng.random() < 0.7
                        else Referent.structure(rng.choice(structures).id)
                    )
                    follow_up(project, made.id, referent=referent, due=_shift(day, rng.randint(14, 120)), on=day)
                elif roll < 0.85:
                    decide(project, made.id, "not_retained", rng.choice(REFUSAL_REASONS), on=day, workshop_id=workshop.id)
                else:
                    decide(project, made.id, "under_study", on=day, workshop_id=workshop.id)


VERBS = ("Mutualiser", "Organiser", "Créer", "Partager", "Former ensemble à", "Mettre en place", "Évaluer", "Coordonner")
OBJECTS = (
    "les achats de fournitures",
    "un accueil commun des familles",
    "le transport des usagers",
    "une astreinte partagée",
    "un annuaire des partenaires",
    "les remplacements d'été",
    "une lettre d'information commune",
    "la prévention des chutes",
    "un comité des usagers",
    "les formations obligatoires",
)
REFUSAL_REASONS = ("Hors du périmètre du projet", "Pas de budget cette année", "Déjà prévu par le département", "Risque juridique à lever d'abord")
DROP_REASONS = ("Le financement n'a pas été obtenu", "Remplacée par une autre action", "Le partenaire s'est retiré")


EXERCISE = Commitments()
