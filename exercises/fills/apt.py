"""Filled results of the APT exercise for the demo and the reference project.

Contributions and ballots go through the rounds engine; the facilitator's typing,
the outputs and the proposals through the exercise's own functions.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from exercises import apt, apt_outputs
from exercises.apt import Category, Step
from exercises.fills.rounds import contribute_all, spread, vote_all

if TYPE_CHECKING:
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project

A, F, T = Category.ATTRACTION, Category.FEAR, Category.TEMPTATION

# The demo's contribution round: the directions' fears, in the words of each person present.
DEMO_ROUND = (
    "directions",
    F,
    {
        "Zoé Martin": ["Perdre la main sur nos projets associatifs"],
        "Marc Lefèvre": ["Être absorbé par la plus grosse structure"],
        "Sophie Laurent": ["Passer plus de temps en réunions qu'auprès des équipes"],
        "Karim Benali": ["Qu'ils décident entre eux sans consulter les équipes"],
        "Julien Roux": ["Que chaque direction défende d'abord son budget"],
    },
)
# What the facilitator typed from the room's discussion: (group, feeling, text).
DEMO_TYPED = [
    ("providers", A, "Un service commun de paie plus fiable que chacun seul"),
    ("providers", F, "Porter seuls les erreurs du service commun"),
    ("beneficiaries", A, "Des bulletins de paie et des commandes sans retard"),
    ("beneficiaries", F, "Un service lointain qui ne connaît plus nos équipes"),
    ("directions", A, "Peser davantage face aux financeurs"),
    ("directions", A, "Mutualiser les fonctions support (paie, achats)"),
    ("directions", T, "Accaparer la présidence du futur groupement"),
    ("managers", A, "Accéder à de nouvelles compétences"),
    ("managers", F, "Voir leur périmètre de décision se réduire"),
    ("managers", T, "Garder l'information pour rester indispensables"),
    ("staff", A, "De meilleures conditions de travail"),
    ("staff", F, "Mobilité imposée entre sites"),
    ("staff", F, "Charge de travail accrue pendant la transition"),
    ("users", A, "Un parcours plus simple entre les structures"),
    ("users", F, "Perdre leurs interlocuteurs habituels"),
    ("board", A, "Un projet associatif renforcé sur le territoire"),
    ("board", F, "Perdre l'identité de leur association"),
    ("board", T, "Manipuler les votes du comité de pilotage"),
]
# Each present person's dots on the fears, most heavy first (by text).
DEMO_WEIGHTS = {
    "Zoé Martin": ["Perdre l'identité de leur association", "Mobilité imposée entre sites"],
    "Karim Benali": ["Charge de travail accrue pendant la transition", "Mobilité imposée entre sites"],
    "Hélène Dubois": ["Perdre l'identité de leur association", "Perdre la main sur nos projets associatifs"],
    "Marc Lefèvre": ["Être absorbé par la plus grosse structure", "Perdre leurs interlocuteurs habituels"],
    "Nadia Haddad": ["Voir leur périmètre de décision se réduire", "Charge de travail accrue pendant la transition"],
    "Sophie Laurent": ["Perdre leurs interlocuteurs habituels", "Perdre la main sur nos projets associatifs"],
    "Théo Moreau": ["Mobilité imposée entre sites", "Charge de travail accrue pendant la transition"],
    "Aïcha Diallo": ["Perdre l'identité de leur association", "Être absorbé par la plus grosse structure"],
    "Julien Roux": ["Que chaque direction défende d'abord son budget", "Perdre leurs interlocuteurs habituels"],
    "Claire Fontaine": ["Perdre leurs interlocuteurs habituels", "Être absorbé par la plus grosse structure"],
}
DEMO_OBJECTIVES = {
    "Peser davantage face aux financeurs": "Négocier ensemble un contrat pluriannuel avec le département d'ici fin 2027",
    "Mutualiser les fonctions support (paie, achats)": "Un service commun de paie et d'achats pour les quatre structures",
    "Un parcours plus simple entre les structures": "Un guichet d'accueil unique pour les familles",
}
DEMO_RISKS = {
    "Perdre l'identité de leur association": ("Chaque conseil d'administration garde la main sur son projet associatif", "Hélène Dubois"),
    "Mobilité imposée entre sites": ("Aucune mobilité sans volontariat ; accord écrit avec les représentants du personnel", "Marc Lefèvre"),
    "Charge de travail accrue pendant la transition": ("Renfort temporaire financé par la mutualisation", "Sophie Laurent"),
    "Perdre leurs interlocuteurs habituels": ("Un référent nommé par famille pendant toute la transition", "Nadia Haddad"),
    "Être absorbé par la plus grosse structure": ("Une voix par structure au comité de pilotage", "Julien Roux"),
    "Que chaque direction défende d'abord son budget": ("Des arbitrages budgétaires à livre ouvert", "Zoé Martin"),
    "Perdre la main sur nos projets associatifs": ("Les projets propres à chaque structure restent hors du périmètre commun", "Sophie Laurent"),
    "Passer plus de temps en réunions qu'auprès des équipes": ("Un comité court et mensuel, ordre du jour envoyé une semaine avant", "Camille Petit"),
    "Qu'ils décident entre eux sans consulter les équipes": ("Un temps d'échange avec les équipes avant chaque décision structurante", "Nadia Haddad"),
    "Voir leur périmètre de décision se réduire": ("Des délégations écrites pour chaque cadre dans l'organisation cible", "Marc Lefèvre"),
}
DEMO_RULES = {
    "Accaparer la présidence du futur groupement": ("La présidence tourne chaque année entre les structures", "Équité entre structures"),
    "Garder l'information pour rester indispensables": ("Les comptes rendus et tableaux de bord sont partagés à tous", "Transparence"),
    "Manipuler les votes du comité de pilotage": ("Les décisions se prennent par consentement, objections motivées", "Confiance"),
}
DEMO_PROPOSALS = ["Une voix par structure au comité de pilotage", "Un référent nommé par famille pendant toute la transition"]


def fill_demo(project: Project, workshop: Workshop, item: AgendaItem) -> None:
    people = {p.id: p.name for p in project.participants()}
    with project.batch():
        state = apt.state(project, item.id)
        # The default stakeholder groups, by their key (labels follow the language).
        group = {key: g.id for (key, _), g in zip(apt.DEFAULT_GROUPS, state.groups, strict=False)}  # groups added later are not the demo's
        label, category, said = DEMO_ROUND
        started = apt.start_contribution_round(project, item.id, group[label], category)
        contribute_all(project, started.id, lambda voter: said.get(people.get(voter, ""), []))
        apt.collect_contributions(project, item.id, started.id)
        for label, category, text in DEMO_TYPED:
            apt.add_item(project, item.id, group[label], category, text)
        apt.set_mirror(project, item.id, True)
        vote = apt.start_weighting_round(project, item.id, category=F)
        fears = [i.text for i in apt.state(project, item.id).items if i.id in vote_items(project, item.id, vote.id)]

        def points(voter: int, options: int, budget: int, cap: int) -> list[int]:
            wanted = [fears.index(text) for text in DEMO_WEIGHTS.get(people.get(voter, ""), []) if text in fears]
            return spread(wanted, options, budget, cap)

        vote_all(project, vote.id, points)
        apt.collect_weights(project, item.id, vote.id)
        _outputs(project, workshop, item)
        apt.set_step(project, item.id, Step.BALANCE)


def vote_items(project: Project, item_id: int, round_id: int) -> list[int]:
    """The item ids of a weighting round, in its options' order."""
    return list(apt.state(project, item_id).weigh_rounds[str(round_id)])


def _outputs(project: Project, workshop: Workshop, item: AgendaItem) -> None:
    offered = {v.label: v for v in apt_outputs.charter_values(project, workshop.id)}
    by_text = {i.text: i.id for i in apt.state(project, item.id).items}
    for text, objective in DEMO_OBJECTIVES.items():
        apt_outputs.set_objective(project, item.id, by_text[text], objective)
    for text, (mitigation, owner) in DEMO_RISKS.items():
        apt_outputs.set_risk(project, item.id, by_text[text], mitigation=mitigation, owner=owner)
    for text, (rule, value) in DEMO_RULES.items():
        apt_outputs.set_rule(project, item.id, by_text[text], rule=rule, value=offered.get(value, False))
    mitigations = {m: t for t, (m, _) in DEMO_RISKS.items()}
    for proposal in DEMO_PROPOSALS:
        apt_outputs.record_proposal(project, item.id, by_text[mitigations[proposal]])


# The reference project: ~80 items, most from contribution rounds, weighed by one dot vote per feeling.
REFERENCE_WORDS = {
    A: ["Mutualiser les achats", "Peser face aux financeurs", "Partager les compétences", "Un meilleur service rendu",
        "De nouvelles ressources", "Des parcours sans rupture", "Rompre l'isolement", "Sécuriser les emplois"],
    F: ["Perdre son autonomie", "Être absorbé", "Dégrader les conditions de travail", "Dégrader le service rendu",
        "Perdre son identité", "Une charge de travail accrue", "Des décisions prises sans nous", "La mobilité imposée"],
    T: ["Accaparer le pouvoir", "Manipuler les autres à son avantage", "Retenir l'information",
        "Faire cavalier seul", "Capter les financements", "Imposer ses méthodes"],
}


def fill_reference(project: Project, workshop: Workshop, item: AgendaItem, rng: random.Random) -> None:
    with project.batch():
        groups = apt.state(project, item.id).groups
        # Five contribution rounds, each filling one feeling of one group, about 14 items each.
        cells = [(g.id, c) for g in groups for c in (A, F, T)]
        for group_id, category in rng.sample(cells, 5):
            started = apt.start_contribution_round(project, item.id, group_id, category)
            words = REFERENCE_WORDS[category]

            def said(voter: int, words: list[str] = words) -> list[str]:
                return [rng.choice(words)] if rng.random() < 0.6 else []

            contribute_all(project, started.id, said)
            apt.collect_contributions(project, item.id, started.id)
        # The facilitator types the rest, so that every cell holds something.
        for group_id, category in cells:
            for _ in range(rng.randint(0, 1) + (1 if not apt.state(project, item.id).items_of(group_id, category) else 0)):
                apt.add_item(project, item.id, group_id, category, rng.choice(REFERENCE_WORDS[category]))
        # One weighting round per group, so each ballot stays within the keys a voter can press.
        # A group with more items than keys is weighed one feeling at a time.
        def points(voter: int, options: int, budget: int, cap: int) -> list[int]:
            return spread(rng.sample(range(options), min(options, 4)), options, budget, rng.randint(1, cap))

        for group in groups:
            scope = apt.weighing_scope(apt.state(project, item.id), group_id=group.id)
            scopes: list[str | None] = [None] if len(scope) <= apt.MAX_OPTIONS else [A, F, T]
            for weighed in scopes:
                if len(apt.weighing_scope(apt.state(project, item.id), weighed, group.id)) < 2:
                    continue
                vote = apt.start_weighting_round(project, item.id, category=weighed, group_id=group.id)
                vote_all(project, vote.id, points)
                apt.collect_weights(project, item.id, vote.id)
        # The outputs, written on the state at once (one save rather than one per item).
        state = apt.state(project, item.id)
        offered = apt_outputs.charter_values(project, workshop.id)
        people = [p.name for p in project.participants()]
        for n, entry in enumerate(state.items):
            if entry.category == A and n % 2:
                entry.output = f"Objectif : {entry.text}"
            elif entry.category == F:
                entry.mitigation = f"Parade à « {entry.text} »"
                entry.owner = rng.choice(people) if people else ""
            elif entry.category == T:
                entry.output = f"Nous nous engageons à ne pas : {entry.text}"
                if offered:
                    value = rng.choice(offered)
                    entry.value_item_id, entry.value_id, entry.value_label = value.item_id, value.value_id, value.label
        state.step = Step.BALANCE.value
        apt.save(project, state)
