"""A realistic fairness balance for the demo project and the benchmark's reference project.

Loaded by whoever fills them (`exercises.fills.demo_fill`, `exercises.fills.reference_fill`);
the fairness exercise never imports this module. The felt balance goes through
a scale round by structure, as in a live workshop.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from exercises import fairness, fairness_sides
from exercises.fairness import Step
from exercises.means import MeansKind

if TYPE_CHECKING:
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project

JARDINS, EHPAD, PASSERELLE, CC = (
    "Les Jardins de Montreuil",
    "EHPAD Les Tilleuls",
    "Centre social La Passerelle",
    "Communauté de communes du Val d'Orge",
)
# (structure, kind, amount, words): what each one says it brings, beyond the roadmap's resources.
DEMO_BROUGHT = [
    (JARDINS, MeansKind.STAFF_TIME, "12", "coordination du projet par la directrice"),
    (JARDINS, MeansKind.SKILLS, "", "animation d'ateliers de jardinage adapté"),
    (EHPAD, MeansKind.PREMISES, "", "salle d'activités, deux après-midi par mois"),
    (PASSERELLE, MeansKind.STAFF_TIME, "8", "accueil et animation des habitants"),
    (PASSERELLE, MeansKind.PREMISES, "", "salle polyvalente pour les réunions"),
    (CC, MeansKind.SKILLS, "", "montage de dossiers de financement"),
]
DEMO_BENEFITS = [
    (EHPAD, "Des sorties régulières pour les résidents"),
    (CC, "Une offre de lien social à présenter aux élus des communes"),
    (JARDINS, "Un public nouveau et régulier pour les jardins"),
]
# The felt balance in the secret round, by structure; the external actor does not take part.
DEMO_FELT = {JARDINS: 4, EHPAD: 2, PASSERELLE: 3, CC: 4}
DEMO_DECLARED = {EHPAD: 2}  # after the round, the EHPAD said it aloud
# Agreed, not yet made proposals: the demo's commitment figures stay those of its own proposals.
DEMO_ADJUSTMENTS = [
    (EHPAD, "Défrayer l'EHPAD au kilomètre pour les sorties en minibus", False),
    (EHPAD, "Tenir une réunion de coordination sur deux à l'EHPAD plutôt qu'au centre social", False),
]


def fill_demo(project: Project, workshop: Workshop, item: AgendaItem) -> None:
    with project.batch():
        _fill_demo(project, workshop, item)


def _fill_demo(project: Project, workshop: Workshop, item: AgendaItem) -> None:
    from workshop.rounds import cast, skip

    structure = {s.name: s.id for s in project.structures()}
    fairness_sides.import_brought(project, item.id)
    for name, kind, amount, text in DEMO_BROUGHT:
        fairness_sides.add_brought(project, item.id, structure[name], kind, amount, text)
    fairness_sides.import_benefits(project, item.id)
    for name, text in DEMO_BENEFITS:
        fairness_sides.add_benefit(project, item.id, structure[name], text)
    started = fairness.start_felt_round(project, item.id, secret=True)
    names = {sid: name for name, sid in structure.items()}
    for voter in started.voters:
        rating = DEMO_FELT.get(names.get(voter, ""))
        if rating is None:
            skip(project, started.id, voter)
        else:
            cast(project, started.id, voter, rating)
    fairness.record_felt_round(project, item.id, now=(item.actual_start or 0.0) + 20 * 60)
    for name, rating in DEMO_DECLARED.items():
        fairness.declare(project, item.id, structure[name], rating)
    for name, text, propose in DEMO_ADJUSTMENTS:
        entry = fairness.add_adjustment(project, item.id, structure[name], text)
        if propose:
            fairness.propose_adjustment(project, item.id, entry.id)
    fairness.set_step(project, item.id, Step.PICTURE)


def fill_reference(project: Project, workshop: Workshop, item: AgendaItem, rng: random.Random) -> None:
    """What is brought and gained the first time (then carried); at every workshop a felt-balance
    round, secret or open in turn, a declared rating and an adjustment where one feels it unfair."""
    from workshop.rounds import cast

    state = fairness.load(project, item.id)
    members = [s.id for s in project.structures() if s.member]
    if not state.carried_from:
        fairness_sides.import_brought(project, item.id)
        for structure_id in members:
            for _ in range(rng.randint(1, 3)):
                kind = rng.choice(list(MeansKind))
                amount = str(rng.randint(1, 30) * (500 if kind == MeansKind.MONEY else 1)) if kind in (MeansKind.MONEY, MeansKind.STAFF_TIME) else ""
                fairness_sides.add_brought(project, item.id, structure_id, kind, amount, rng.choice(("coordination", "accueil", "locaux", "réseau", "")) or "apport")
        fairness_sides.import_benefits(project, item.id)
        for structure_id in members:
            fairness_sides.add_benefit(project, item.id, structure_id, rng.choice(("Des usagers mieux accompagnés", "Une visibilité accrue", "Des coûts partagés", "Un réseau élargi")))
    number = len(fairness.history(project, workshop.id))
    started = fairness.start_felt_round(project, item.id, secret=number % 2 == 0)
    ratings = {}
    for voter in started.voters:
        ratings[voter] = rng.choice((1, 2, 3, 3, 4, 4, 5))
        cast(project, started.id, voter, ratings[voter])
    fairness.record_felt_round(project, item.id, now=item.actual_start or 0.0)
    unfair = [sid for sid, rating in ratings.items() if rating <= fairness.UNFAIR_MAX and sid in members]
    if unfair:
        chosen = rng.choice(unfair)
        fairness.declare(project, item.id, chosen, ratings[chosen])
        entry = fairness.add_adjustment(project, item.id, chosen, rng.choice(("Répartir autrement les frais de déplacement", "Alterner le lieu des réunions", "Revoir la clé de répartition des coûts")))
        if rng.random() < 0.5:
            fairness.propose_adjustment(project, item.id, entry.id)
    fairness.set_step(project, item.id, Step.PICTURE)
