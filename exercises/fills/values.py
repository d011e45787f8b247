"""Filled results of the values exercise for the demo and the reference project.

Both go through the rounds engine (contributions and ballots) and the exercise's
own functions, as a facilitator would in the room.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from exercises import values
from exercises.fills.rounds import contribute_all, spread, vote_all
from exercises.values import Step

if TYPE_CHECKING:
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project

# What each demo participant names, by name (a person absent from the workshop says nothing).
DEMO_PROPOSALS = {
    "Zoé Martin": ["Solidarité", "Confiance"],
    "Karim Benali": ["Entraide", "Respect des personnes"],
    "Hélène Dubois": ["Transparence"],
    "Marc Lefèvre": ["Qualité de l'accompagnement", "La confiance"],
    "Nadia Haddad": ["Bientraitance", "Respect des personnes"],
    "Paul Girard": ["Écoute"],
    "Sophie Laurent": ["Solidarité", "Ouverture"],
    "Théo Moreau": ["Convivialité", "Entraide"],
    "Aïcha Diallo": ["Équité entre structures", "Transparence"],
    "Julien Roux": ["Ancrage territorial", "Équité"],
    "Claire Fontaine": ["Qualité du service rendu"],
}
# Label kept <- the labels merged into it.
DEMO_MERGES = {
    "Solidarité": ["Entraide"],
    "Confiance": ["La confiance"],
    "Respect des personnes": ["Bientraitance"],
    "Équité entre structures": ["Équité"],
    "Qualité de l'accompagnement": ["Qualité du service rendu"],
}
# Each person's dots, most wanted first.
DEMO_PREFERENCES = {
    "Zoé Martin": ["Solidarité", "Confiance"],
    "Karim Benali": ["Respect des personnes", "Solidarité"],
    "Hélène Dubois": ["Transparence", "Équité entre structures"],
    "Marc Lefèvre": ["Qualité de l'accompagnement", "Confiance"],
    "Nadia Haddad": ["Respect des personnes", "Qualité de l'accompagnement"],
    "Sophie Laurent": ["Confiance", "Solidarité"],
    "Théo Moreau": ["Solidarité", "Convivialité"],
    "Aïcha Diallo": ["Équité entre structures", "Transparence"],
    "Julien Roux": ["Confiance", "Équité entre structures"],
    "Claire Fontaine": ["Qualité de l'accompagnement", "Transparence"],
}
DEMO_DEFINITIONS = {
    "Confiance": "Nous partageons nos informations sans arrière-pensée et tenons ce que nous annonçons.",
    "Solidarité": "Quand une structure traverse une difficulté, les autres l'aident avant de compter.",
    "Qualité de l'accompagnement": "Chaque décision commune se mesure à ce qu'elle change pour les personnes accompagnées.",
    "Équité entre structures": "Chaque structure pèse dans les décisions, quelle que soit sa taille.",
    "Respect des personnes": "Les usagers et les salariés sont associés aux choix qui les concernent.",
    "Transparence": "Les comptes et les arbitrages de la coopération sont connus de tous.",
}
DEMO_DIVERGENCES = {
    ("Équité entre structures", "Communauté de communes du Val d'Orge"): "Pour la collectivité, l'équité tient aussi compte des moyens apportés par chacun.",
    ("Confiance", "EHPAD Les Tilleuls"): "L'EHPAD souhaite que les engagements de confiance soient aussi écrits dans la convention.",
}
DEMO_RETAINED = 6


def fill_demo(project: Project, workshop: Workshop, item: AgendaItem) -> None:
    people = {p.id: p.name for p in project.participants()}
    structures = {s.name: s.id for s in project.structures()}
    with project.batch():
        started = values.start_contribution_round(project, item.id, hidden=True)
        contribute_all(project, started.id, lambda voter: DEMO_PROPOSALS.get(people.get(voter, ""), []))
        values.collect_contributions(project, item.id, started.id)
        _merge(project, item.id, DEMO_MERGES)
        vote = values.start_vote(project, item.id)
        labels = [v.label for v in values.state(project, item.id).values]

        def points(voter: int, options: int, budget: int, cap: int) -> list[int]:
            wanted = [labels.index(label) for label in DEMO_PREFERENCES.get(people.get(voter, ""), []) if label in labels]
            return spread(wanted, options, budget, cap)

        vote_all(project, vote.id, points)
        values.collect_votes(project, item.id)
        values.retain_top(project, item.id, DEMO_RETAINED)
        for value in values.state(project, item.id).retained():
            if value.label in DEMO_DEFINITIONS:
                values.set_definition(project, item.id, value.id, DEMO_DEFINITIONS[value.label])
            for (label, structure), note in DEMO_DIVERGENCES.items():
                if label == value.label and structure in structures:
                    values.set_divergence(project, item.id, value.id, structures[structure], note)
        values.set_step(project, item.id, Step.DONE)


def _merge(project: Project, item_id: int, merges: dict[str, list[str]]) -> None:
    for keep, others in merges.items():
        by_label = {v.label: v.id for v in values.state(project, item_id).values}
        ids = [by_label[label] for label in [keep, *others] if label in by_label]
        if len(ids) >= 2:
            values.merge_values(project, item_id, ids, keep)


# The reference project: ~60 contributions, a dot vote of every present person.
REFERENCE_VALUES = {
    "Solidarité": ["Entraide", "Soutien mutuel"],
    "Confiance": ["Loyauté"],
    "Transparence": ["Clarté des comptes"],
    "Respect des personnes": ["Bientraitance", "Dignité"],
    "Équité": ["Égalité entre structures"],
    "Qualité du service": ["Qualité de l'accompagnement"],
    "Ouverture": ["Accueil inconditionnel"],
    "Coopération": ["Travail en commun"],
    "Innovation sociale": ["Expérimentation"],
    "Ancrage territorial": ["Proximité"],
    "Participation des usagers": ["Pouvoir d'agir"],
    "Laïcité": [],
    "Sobriété": ["Bon usage de l'argent public"],
    "Convivialité": [],
    "Engagement": ["Militantisme"],
    "Responsabilité": [],
    "Écoute": ["Bienveillance"],
    "Autonomie des structures": ["Indépendance"],
    "Professionnalisme": [],
    "Humilité": [],
}


def fill_reference(project: Project, workshop: Workshop, item: AgendaItem, rng: random.Random) -> None:
    words = [(label, keep) for keep, others in REFERENCE_VALUES.items() for label in [keep, *others]]
    structures = [s.id for s in project.structures() if s.member]
    with project.batch():
        started = values.start_contribution_round(project, item.id, hidden=True)

        def proposals(voter: int) -> list[str]:
            return [label for label, _ in rng.sample(words, rng.choice((2, 2, 3)))]

        contribute_all(project, started.id, proposals)
        values.collect_contributions(project, item.id, started.id)
        present = {v.label for v in values.state(project, item.id).values}
        _merge(project, item.id, {keep: others for keep, others in REFERENCE_VALUES.items() if keep in present})
        # A synonym whose main word nobody proposed is renamed to it.
        state = values.state(project, item.id)
        labels = {v.label for v in state.values}
        for value in state.values:
            keep = next((k for label, k in words if label == value.label), value.label)
            if keep != value.label and keep not in labels:
                values.edit_value(project, item.id, value.id, keep)
                labels.add(keep)
        vote = values.start_vote(project, item.id)
        count = len(values.state(project, item.id).values)
        favourites = rng.sample(range(count), min(count, 6))

        def points(voter: int, options: int, budget: int, cap: int) -> list[int]:
            wanted = rng.sample(favourites, min(3, len(favourites))) + rng.sample(range(options), min(3, options))
            return spread(list(dict.fromkeys(wanted)), options, budget, rng.randint(1, cap))

        vote_all(project, vote.id, points)
        values.collect_votes(project, item.id)
        values.retain_top(project, item.id, 5)
        for n, value in enumerate(values.state(project, item.id).retained()):
            values.set_definition(project, item.id, value.id, f"Ce que « {value.label} » engage concrètement pour nos structures (définition {n + 1}).")
            if structures and n % 2 == 0:
                values.set_divergence(project, item.id, value.id, rng.choice(structures), "Une nuance de compréhension notée en séance.")
        values.set_step(project, item.id, Step.DONE)
