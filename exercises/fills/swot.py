"""Filled FFOM results for the demo and the reference project.

Loaded by whoever fills them (`exercises.fills.demo_fill`, `exercises.fills.reference_fill`):
the exercise module never imports this one. Contributions and ballots go
through the rounds engine, everything else through the exercise's functions,
as a facilitator would in the room.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from exercises import swot, swot_answers, swot_weigh
from exercises.fills.rounds import contribute_all, spread, vote_all
from exercises.swot import ALL_QUADRANTS, Quadrant, Scope, Step
from workshop.proposals import Referent

if TYPE_CHECKING:
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project

S, W, O, T = Quadrant.STRENGTH, Quadrant.WEAKNESS, Quadrant.OPPORTUNITY, Quadrant.THREAT

# The demo: each member structure analyses itself in one four-quadrant round, each
# idea starting with its quadrant's number. Hélène forgot the number once.
DEMO_SAID = {
    "Zoé Martin": [
        "1: Une équipe d'encadrants techniques expérimentée",
        "2: Des locaux trop petits pour accueillir plus de monde",
        "3: L'appel à projets départemental sur le lien social",
        "4: La fin annoncée des contrats aidés",
    ],
    "Karim Benali": [
        "1: Des jardins ouverts aux habitants toute l'année",
        "2: Peu de temps pour la coordination avec les partenaires",
        "4: La fin annoncée des contrats aidés",
    ],
    "Hélène Dubois": [
        "1: Un conseil d'administration très engagé",
        "2: Une trésorerie fragile en fin d'année",
        "Des bénévoles prêts à donner un coup de main ailleurs",
    ],
    "Marc Lefèvre": [
        "1: Une équipe soignante stable",
        "2: Des résidents de plus en plus coupés de la vie du quartier",
        "3: Le projet de maison de santé voisine",
        "4: Des difficultés à recruter des aides-soignantes",
    ],
    "Nadia Haddad": [
        "1: Un minibus adapté aux personnes à mobilité réduite",
        "2: Peu d'activités hors les murs",
        "4: Des difficultés à recruter des aides-soignantes",
        "4: Des tarifs d'hébergement sous pression",
    ],
    "Sophie Laurent": [
        "1: Une bonne connaissance des familles du quartier",
        "2: Une petite équipe, beaucoup de temps partiels",
        "3: Le nouveau contrat de ville",
        "4: La baisse des subventions de fonctionnement",
    ],
    "Théo Moreau": [
        "1: Des bénévoles nombreux et fidèles",
        "2: Peu de temps pour la coordination avec les partenaires",
        "3: L'appel à projets départemental sur le lien social",
    ],
    "Aïcha Diallo": [
        "2: Des locaux vieillissants",
        "4: La baisse des subventions de fonctionnement",
        "4: La concurrence entre associations pour les mêmes financements",
    ],
    "Julien Roux": [
        "1: Une vision d'ensemble du territoire",
        "2: Peu de moyens humains dédiés au lien social",
        "3: L'appel à projets départemental sur le lien social",
        "4: La baisse des dotations de l'État",
    ],
}
# Sorted with the room afterwards: (text, quadrant).
DEMO_SORTED = [("Des bénévoles prêts à donner un coup de main ailleurs", S)]
# Dot votes on the weaknesses and threats of each structure: the order the room favours.
DEMO_FAVOURITES = {
    ("Les Jardins de Montreuil", W): ["Des locaux trop petits pour accueillir plus de monde", "Une trésorerie fragile en fin d'année"],
    ("EHPAD Les Tilleuls", W): ["Des résidents de plus en plus coupés de la vie du quartier", "Peu d'activités hors les murs"],
    ("EHPAD Les Tilleuls", T): ["Des difficultés à recruter des aides-soignantes", "Des tarifs d'hébergement sous pression"],
    ("Centre social La Passerelle", W): ["Une petite équipe, beaucoup de temps partiels", "Des locaux vieillissants"],
    ("Centre social La Passerelle", T): ["La baisse des subventions de fonctionnement"],
}
DEMO_RETAIN_COUNT = 1  # the weightiest weakness and threat of each structure
# A single entry cannot be voted on: the room retains it by hand.
DEMO_RETAINED_BY_HAND = [
    ("Les Jardins de Montreuil", "La fin annoncée des contrats aidés"),
    ("Communauté de communes du Val d'Orge", "Peu de moyens humains dédiés au lien social"),
]
# What cooperation can do: (entry text, answer, who said it, what it becomes).
# What it becomes: ("proposal", None) or ("element", (referent name, due date, notes)) or None.
DEMO_ANSWERS: list[tuple[str, str, str, tuple[str, Any] | None]] = [
    (
        "Des locaux trop petits pour accueillir plus de monde",
        "Partager les salles du centre social et de l'EHPAD selon un planning commun",
        "Sophie Laurent",
        ("proposal", None),
    ),
    (
        "La fin annoncée des contrats aidés",
        "Un poste d'encadrant partagé entre les Jardins et le centre social",
        "Zoé Martin",
        ("element", ("Zoé Martin", "2026-11-20", "Piste : le fonds de soutien départemental à l'emploi associatif.")),
    ),
    (
        "Des résidents de plus en plus coupés de la vie du quartier",
        "Ouvrir les ateliers du centre social et des jardins aux résidents",
        "Marc Lefèvre",
        ("proposal", None),
    ),
    (
        "Des difficultés à recruter des aides-soignantes",
        "Un groupement d'employeurs pour partager les remplacements",
        "Nadia Haddad",
        ("element", ("EHPAD Les Tilleuls", "2027-01-31", "Vérifier les conventions collectives de chacun avant d'avancer.")),
    ),
    (
        "La baisse des subventions de fonctionnement",
        "Répondre ensemble aux appels à projets plutôt que chacun de son côté",
        "Aïcha Diallo",
        ("proposal", None),
    ),
    (
        "Peu de moyens humains dédiés au lien social",
        "S'appuyer sur les équipes des associations, dans le cadre d'une convention",
        "Julien Roux",
        None,
    ),
]


def fill_demo(project: Project, workshop: Workshop, item: AgendaItem) -> None:
    people = {p.id: p.name for p in project.participants()}
    by_name = {p.name: p for p in project.participants()}
    structures = {s.name: s.id for s in project.structures()}
    with project.batch():
        swot.choose_scope(project, item.id, Scope.EACH)
        started = swot.start_contribution_round(project, item.id, ALL_QUADRANTS, hidden=True)
        contribute_all(project, started.id, lambda voter: DEMO_SAID.get(people.get(voter, ""), []))
        current = swot.collect_contributions(project, item.id, started.id)
        for analysis in current.analyses:
            swot.reveal(project, item.id, None, analysis.id)
        for text, quadrant in DEMO_SORTED:
            entry = next(e for e in swot.state(project, item.id).entries if e.text == text)
            swot.move_entry(project, item.id, entry.id, quadrant)
        for (structure, quadrant), favourites in DEMO_FAVOURITES.items():
            _weigh(project, item.id, structures[structure], quadrant, favourites, people)
        for structure, text in DEMO_RETAINED_BY_HAND:
            entry = _entry(project, item.id, text, structures[structure])
            swot_weigh.set_retained(project, item.id, entry.id, True)
        for text, answer_text, who, becomes in DEMO_ANSWERS:
            entry = _entry(project, item.id, text)
            person = by_name.get(who)
            answer = swot_answers.add_answer(project, item.id, entry.id, answer_text, person.id if person else None)
            if becomes is None:
                continue
            kind, detail = becomes
            if kind == "proposal":
                swot_answers.record_proposal(project, item.id, answer.id)
            else:
                name, due, notes = detail
                referent = Referent.participant(by_name[name].id) if name in by_name else Referent.structure(structures[name])
                swot_answers.record_element(project, item.id, answer.id, referent=referent, due=due, notes=notes)
        swot.show_analysis(project, item.id, 0)
        swot.set_step(project, item.id, Step.COMPARE)


def _entry(project: Project, item_id: int, text: str, structure_id: int = 0) -> swot.Entry:
    current = swot.state(project, item_id)
    return next(
        e for e in current.entries if e.text == text and (not structure_id or current.analysis(e.analysis_id).structure_id == structure_id)
    )


def _weigh(project: Project, item_id: int, structure_id: int, quadrant: Quadrant, favourites: list[str], people: dict[int, str]) -> None:
    current = swot.state(project, item_id)
    analysis = current.analysis_of_structure(structure_id)
    assert analysis is not None
    while swot.state(project, item_id).current != analysis.id:
        swot.show_analysis(project, item_id, 1)
    vote = swot_weigh.start_weighing(project, item_id, quadrant, secret=quadrant == T)
    labels = [swot.state(project, item_id).entry(i).text for i in swot.state(project, item_id).weigh_rounds[str(vote.id)]]
    wanted = [labels.index(text) for text in favourites if text in labels]

    def points(voter: int, options: int, budget: int, cap: int) -> list[int]:
        # Most follow the room's favourites; one in three starts from the other end.
        order = wanted + [n for n in range(options) if n not in wanted]
        return spread(order if voter % 3 else list(reversed(order)), options, budget, cap)

    vote_all(project, vote.id, points)
    swot_weigh.collect_weights(project, item_id, vote.id)
    current = swot.state(project, item_id)
    ranked = [e for e in current.entries_of(analysis.id, quadrant.value)]
    for n, entry in enumerate(ranked):
        swot_weigh.set_retained(project, item_id, entry.id, n < DEMO_RETAIN_COUNT)


# The reference project: each structure's own analysis, in one four-quadrant round,
# a dot vote per quadrant on the busiest analysis, answers, proposals and elements.
REFERENCE_WORDS = {
    S: ["Une équipe expérimentée", "Des bénévoles fidèles", "Un ancrage fort dans le quartier", "Des locaux adaptés",
        "Une bonne réputation auprès des familles", "Un réseau de partenaires solide", "Une gestion financière saine"],
    W: ["Peu de temps pour la coordination", "Des locaux trop petits", "Une trésorerie fragile", "Des postes difficiles à pourvoir",
        "Une communication peu visible", "Des outils informatiques vieillissants", "Une forte dépendance aux subventions"],
    O: ["Un appel à projets départemental", "Le nouveau contrat de ville", "Une maison de santé en projet",
        "Des habitants prêts à s'engager", "Une fondation intéressée par le territoire", "La rénovation du centre-bourg"],
    T: ["La baisse des subventions", "La fin des contrats aidés", "Des difficultés de recrutement",
        "La concurrence pour les mêmes financements", "Le vieillissement des bénévoles", "Une réforme des tarifs"],
}
REFERENCE_ANSWERS = [
    "Mutualiser un poste entre plusieurs structures",
    "Répondre ensemble aux appels à projets",
    "Partager des locaux selon un planning commun",
    "Créer un groupement d'employeurs",
    "Former ensemble les nouveaux bénévoles",
]


def fill_reference(project: Project, workshop: Workshop, item: AgendaItem, rng: random.Random) -> None:
    with project.batch():
        members = [s for s in project.structures() if s.member]
        if len(members) >= 2:
            swot.choose_scope(project, item.id, Scope.EACH)
        quadrants = list(swot.QUADRANTS)
        started = swot.start_contribution_round(project, item.id, ALL_QUADRANTS, hidden=True)

        def said(voter: int) -> list[str]:
            picked = rng.sample(quadrants, rng.randint(2, 4))
            return [f"{quadrants.index(q) + 1}: {rng.choice(REFERENCE_WORDS[q])}" for q in picked]

        contribute_all(project, started.id, said)
        current = swot.collect_contributions(project, item.id, started.id)
        for analysis in current.analyses:
            swot.reveal(project, item.id, None, analysis.id)
        # The room weighs each quadrant of the busiest analysis.
        busiest = max(current.analyses, key=lambda a: len(current.entries_of(a.id)))
        while swot.state(project, item.id).current != busiest.id:
            swot.show_analysis(project, item.id, 1)

        def points(voter: int, options: int, budget: int, cap: int) -> list[int]:
            return spread(rng.sample(range(options), min(options, 3)), options, budget, rng.randint(1, cap))

        for quadrant in quadrants:
            if len(swot.state(project, item.id).entries_of(busiest.id, quadrant.value)) < 2:
                continue
            vote = swot_weigh.start_weighing(project, item.id, quadrant, secret=rng.random() < 0.5)
            vote_all(project, vote.id, points)
            swot_weigh.collect_weights(project, item.id, vote.id)
        # Answers to what was retained; some become proposals or elements to secure.
        people = project.present(workshop.id) or project.participants()
        for entry in swot_answers.to_answer(swot.state(project, item.id)):
            for _ in range(rng.randint(1, 2)):
                author = rng.choice(people)
                answer = swot_answers.add_answer(project, item.id, entry.id, rng.choice(REFERENCE_ANSWERS), author.id)
                roll = rng.random()
                if roll < 0.4:
                    swot_answers.record_proposal(project, item.id, answer.id)
                elif roll < 0.6:
                    due = f"{workshop.date[:4]}-12-{rng.randint(10, 28)}" if workshop.date else ""
                    swot_answers.record_element(project, item.id, answer.id, referent=Referent.participant(author.id), due=due)
        swot.set_step(project, item.id, Step.COMPARE if len(members) >= 2 else Step.ANSWERS)
