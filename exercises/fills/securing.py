"""Filled elements to secure for the demo and the reference project.

Loaded by whoever fills them (`exercises.fills.demo_fill`, `exercises.fills.reference_fill`):
the exercise module never imports this one. Elements are taken from the earlier
exercises (`securing_sources`) or typed, then followed up, as in the room.
"""

from __future__ import annotations

import datetime
import random
from typing import TYPE_CHECKING

from exercises import securing, securing_sources
from workshop.proposals import Referent

if TYPE_CHECKING:
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project

# Taken from the diagnosis and the APT risks, by their text: (text, responsible, due date).
DEMO_TAKEN = [
    ("La baisse des subventions de fonctionnement", "Sophie Laurent", "2026-11-15"),
    ("Une trésorerie fragile en fin d'année", "Les Jardins de Montreuil", "2027-01-15"),
    ("Être absorbé par la plus grosse structure", "", "2026-11-30"),
    ("Perdre l'identité de leur association", "Hélène Dubois", "2026-12-01"),
]
# Typed by the facilitator: (text, responsible person or structure, due date, notes).
DEMO_TYPED = [
    ("Obtenir l'accord de chaque conseil d'administration sur la démarche", "Hélène Dubois", "2026-11-20", ""),
    (
        "Vérifier les règles de TVA avant toute refacturation entre structures",
        "EHPAD Les Tilleuls",
        "2027-02-01",
        "Consulter l'expert-comptable de chaque structure.",
    ),
    ("Informer les salariés de chaque structure du projet", "Karim Benali", "2026-10-30", ""),
    ("Désigner la structure qui portera le poste de coordination", "Communauté de communes du Val d'Orge", "2026-12-07", ""),
]
# Where they stood later: (text, state, day, reason).
DEMO_PROGRESS = [
    ("Informer les salariés de chaque structure du projet", "secured", "2026-10-28", ""),
    ("Obtenir l'accord de chaque conseil d'administration sur la démarche", "in_progress", "2026-11-05", ""),
    ("Désigner la structure qui portera le poste de coordination", "abandoned", "2026-11-25", "Le poste n'est pas financé en 2027 : la question reviendra."),
]


def _referent(project: Project, name: str) -> Referent | None:
    people = {p.name: p.id for p in project.participants()}
    structures = {s.name: s.id for s in project.structures()}
    if name in people:
        return Referent.participant(people[name])
    if name in structures:
        return Referent.structure(structures[name])
    return None


def fill_demo(project: Project, workshop: Workshop, item: AgendaItem) -> None:
    with project.batch():
        offered = {c.text: c for c in securing_sources.candidates(project, workshop.id)}
        keys = [offered[text].key for text, _, _ in DEMO_TAKEN if text in offered]
        for element in securing_sources.take(project, item.id, keys):
            name, due = next((n, d) for text, n, d in DEMO_TAKEN if text == element.text)
            if name:
                securing.update_element(project, element.id, referent=_referent(project, name), due=due)
            else:  # the responsible person the group named for the risk stays
                securing.update_element(project, element.id, due=due)
        for text, name, due, notes in DEMO_TYPED:
            securing.add_element(project, text, item_id=item.id, referent=_referent(project, name), due=due, notes=notes)
        by_text = {e.text: e.id for e in securing.elements(project)}
        for text, state, day, reason in DEMO_PROGRESS:
            if text in by_text:
                securing.update_element(project, by_text[text], state=state, reason=reason, on=day)


# The reference project: what every workshop's exercises bring up, plus typed
# elements, and the follow-up of earlier ones.
REFERENCE_TYPED = [
    "Obtenir l'accord des conseils d'administration",
    "Vérifier les règles fiscales des refacturations",
    "Informer les représentants du personnel",
    "Choisir la forme juridique du groupement",
    "Prévoir le budget de la coordination",
    "Recenser les conventions en cours avec les financeurs",
]


def fill_reference(project: Project, workshop: Workshop, item: AgendaItem, rng: random.Random) -> None:
    day = workshop.date or project.today()
    people = project.present(workshop.id) or project.participants()
    structures = project.structures()
    with project.batch():
        # Earlier elements now due are followed up: most secured, some in progress, a few abandoned.
        for earlier in securing.elements(project):
            if earlier.workshop_id == workshop.id or not earlier.is_open:
                continue
            if earlier.due and earlier.due <= day:
                roll = rng.random()
                if roll < 0.6:
                    securing.update_element(project, earlier.id, state="secured", on=day)
                elif roll < 0.9:
                    securing.update_element(project, earlier.id, state="in_progress", on=day)
                else:
                    securing.update_element(project, earlier.id, state="abandoned", reason="Devenu sans objet", on=day)
        offered = securing_sources.candidates(project, workshop.id)
        chosen = rng.sample(offered, min(len(offered), 6))
        made = securing_sources.take(project, item.id, [c.key for c in chosen])
        for text in rng.sample(REFERENCE_TYPED, 3):
            made.append(securing.add_element(project, text, item_id=item.id))
        base = datetime.date.fromisoformat(day)
        for element in made:
            referent = Referent.participant(rng.choice(people).id) if rng.random() < 0.7 else Referent.structure(rng.choice(structures).id)
            due = (base + datetime.timedelta(days=rng.randint(10, 90))).isoformat()
            securing.update_element(project, element.id, referent=referent, due=due)
