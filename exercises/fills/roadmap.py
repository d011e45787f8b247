"""A realistic roadmap for the demo project and the benchmark's reference project.

Loaded by whoever fills them (`exercises.fills.demo_fill`, `exercises.fills.reference_fill`);
the roadmap exercise never imports this module. The stakes go through a
contribution round, as in a live workshop; the rest through the exercise's own
functions.
"""

from __future__ import annotations

import datetime
import random
from typing import TYPE_CHECKING, Any

from exercises import roadmap, roadmap_actions, roadmap_objectives
from exercises.means import MeansKind
from exercises.roadmap import Step
from workshop.proposals import Referent, Status, proposals

if TYPE_CHECKING:
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project

# The demo's structures, by their names in workshop/demo.py.
JARDINS, EHPAD, PASSERELLE, CC, CD = (
    "Les Jardins de Montreuil",
    "EHPAD Les Tilleuls",
    "Centre social La Passerelle",
    "Communauté de communes du Val d'Orge",
    "Conseil départemental",
)
DEMO_STAKES = {
    JARDINS: ["Faire vivre nos jardins toute l'année avec de nouveaux publics", "Sortir de la course aux appels à projets annuels"],
    EHPAD: ["Ouvrir l'établissement sur la vie du quartier", "Rompre l'isolement de nos résidents entre deux visites des familles"],
    PASSERELLE: ["Toucher les personnes âgées isolées que nous ne voyons jamais", "Partager nos locaux et nos bénévoles au lieu de tout porter seuls"],
    CC: ["Une offre de lien social lisible dans chaque commune", "Coordonner les financements du territoire"],
    CD: ["Des actions contre l'isolement des personnes âgées qui se mesurent"],
}
# (text, the stakes it gathers as (structure, index in DEMO_STAKES))
DEMO_SHARED = [
    ("Rompre l'isolement des personnes âgées du territoire", [(EHPAD, 1), (PASSERELLE, 0), (CD, 0)]),
    ("Ouvrir nos lieux et partager nos moyens", [(JARDINS, 0), (EHPAD, 0), (PASSERELLE, 1)]),
    ("Des financements et une offre lisibles et durables", [(JARDINS, 1), (CC, 0), (CC, 1)]),
]
# (objective, shared stakes by index, [operational objectives])
DEMO_OBJECTIVES = [
    (
        "Créer, dans les communes où nous agissons, des lieux de lien social ouverts aux habitants âgés",
        [0, 1],
        ["Ouvrir un premier lieu partagé au jardin de l'EHPAD d'ici l'été 2027", "Repérer et accompagner 50 personnes âgées isolées par an"],
    ),
    ("Bâtir ensemble un financement commun et durable", [2], ["Déposer un dossier de financement commun en 2027"]),
]
# Each action: operational objective (index), text or a retained proposal's text, pilot, start, end
# (None: the proposal's due date, as the commitment tracker has it),
# referent ("p", name) / ("s", structure), skills, resources [(kind, structure, amount, text)], partners.
DEMO_ACTIONS: list[dict[str, Any]] = [
    {
        "under": 0,
        "proposal": "Ouvrir un jardin partagé entre l'EHPAD et le centre social",
        "pilot": True,
        "start": "11/2026",
        "end": None,  # the due date the tracker already has
        "skills": "Jardinage adapté aux personnes âgées ; animation de groupe",
        "resources": [(MeansKind.STAFF_TIME, JARDINS, "10", "animatrice jardin, une demi-journée par semaine"), (MeansKind.PREMISES, EHPAD, "", "le terrain derrière l'établissement")],
        "partners": [],
        "matrix": "Ouvrir un jardin partagé entre l'EHPAD et le centre social",
    },
    {
        "under": 0,
        "text": "Aménager le jardin : bacs surélevés et allées accessibles en fauteuil",
        "pilot": True,
        "start": "03/2027",
        "end": "05/2027",
        "referent": ("p", "Karim Benali"),
        "skills": "Aménagement accessible",
        "resources": [(MeansKind.MONEY, CC, "8000", "bacs, allées, outils"), (MeansKind.STAFF_TIME, PASSERELLE, "4", "chantier avec les bénévoles")],
        "partners": [CD],
    },
    {
        "under": 1,
        "proposal": "Mutualiser le planning des minibus pour les sorties",
        "start": "10/2026",
        "end": None,
        "skills": "Planification des transports",
        "resources": [(MeansKind.OTHER, EHPAD, "", "minibus 9 places, deux sorties par mois")],
        "partners": [],
        "matrix": "Mutualiser le planning des minibus pour les sorties",
    },
    {
        "under": 1,
        "text": "Former les équipes au repérage de l'isolement",
        "start": "01/2027",
        "end": "04/2027",
        "referent": ("p", "Nadia Haddad"),
        "skills": "Animation de formation ; connaissance du public âgé",
        "resources": [(MeansKind.STAFF_TIME, EHPAD, "6", "formatrice interne"), (MeansKind.MONEY, CC, "1500", "supports et repas")],
        "partners": [CD],
    },
    {
        "under": 1,
        "proposal": "Créer un annuaire partagé des professionnels du territoire",
        "start": "10/2026",
        "end": None,
        "skills": "Recueil et mise à jour de données",
        "resources": [(MeansKind.CONTACTS, PASSERELLE, "", "le réseau des partenaires du centre social")],
        "partners": [],
        "matrix": "Créer un annuaire partagé des professionnels du territoire",
    },
    {
        "under": 2,
        "text": "Monter le dossier de financement commun pour l'appel à projets du Département",
        "start": "02/2027",
        "end": "09/2027",
        "referent": ("p", "Julien Roux"),
        "skills": "Montage de dossiers de financement",
        "resources": [(MeansKind.STAFF_TIME, CC, "8", "chargé de mission")],
        "partners": [CD],
    },
]
DEMO_MILESTONES = [
    ("Inauguration du jardin partagé", "15/06/2027", [JARDINS, EHPAD, PASSERELLE]),
    ("Dépôt du dossier de financement commun", "09/2027", [CC, CD]),
    ("Premier bilan annuel de la feuille de route", "12/2027", [JARDINS, EHPAD, PASSERELLE, CC]),
]


def fill_demo(project: Project, workshop: Workshop, item: AgendaItem) -> None:
    with project.batch():
        _fill_demo(project, workshop, item)


def _fill_demo(project: Project, workshop: Workshop, item: AgendaItem) -> None:
    from exercises.fills.rounds import contribute_all

    structure = {s.name: s.id for s in project.structures()}
    person = {p.name: p.id for p in project.participants()}
    day = workshop.date
    started = roadmap.start_stakes_round(project, item.id)
    by_id = {sid: name for name, sid in structure.items()}
    contribute_all(project, started.id, lambda voter: DEMO_STAKES.get(by_id.get(voter, ""), []))
    state = roadmap.collect_stakes(project, item.id, started.id)
    stake_of = {}
    for name, texts in DEMO_STAKES.items():
        for index, text in enumerate(texts):
            found = next((s for s in state.stakes if s.structure_id == structure.get(name) and s.text == text), None)
            if found is not None:
                stake_of[(name, index)] = found.id
    shared_ids = [
        roadmap.add_shared(project, item.id, text, [stake_of[key] for key in keys if key in stake_of]).id for text, keys in DEMO_SHARED
    ]
    operational_ids = []
    for text, shared, below in DEMO_OBJECTIVES:
        objective = roadmap_objectives.add_objective(project, item.id, text, [shared_ids[i] for i in shared])
        operational_ids += [roadmap_objectives.add_operational(project, item.id, objective.id, line).id for line in below]
    retained = {p.text: p for p in proposals(project) if p.retained}
    rows = {r.label: r for r in roadmap_actions.matrix_rows(project, workshop.id)}
    for plan in DEMO_ACTIONS:
        under = operational_ids[plan["under"]]
        if "proposal" in plan:
            if plan["proposal"] not in retained:
                continue
            carried = retained[plan["proposal"]]
            action = roadmap_actions.take_proposal(project, item.id, under, carried.id)
        else:
            action = roadmap_actions.add_action(project, item.id, under, plan["text"])
        if plan.get("pilot"):
            roadmap_actions.set_pilot(project, item.id, action.id, True)
        end = plan["end"] if plan["end"] is not None else carried.due
        roadmap_actions.set_calendar(project, item.id, action.id, plan["start"], end, on=day)
        if "referent" in plan:
            who, name = plan["referent"]
            referent = Referent.participant(person[name]) if who == "p" else Referent.structure(structure[name])
            roadmap_actions.set_referent(project, item.id, action.id, referent, on=day)
        roadmap_actions.set_skills(project, item.id, action.id, plan["skills"])
        for kind, provider, amount, text in plan["resources"]:
            roadmap_actions.add_resource(project, item.id, action.id, kind, structure.get(provider, 0), amount, text)
        partners = [structure[name] for name in plan["partners"] if name in structure]
        if partners:
            roadmap_actions.set_partners(project, item.id, action.id, partners)
        row = rows.get(plan.get("matrix", ""))
        if row is not None:
            roadmap_actions.link_matrix_row(project, item.id, action.id, row.item_id, row.action_id)
    for text, date, actors in DEMO_MILESTONES:
        roadmap_actions.add_milestone(project, item.id, text, date, [structure[name] for name in actors if name in structure])
    roadmap.set_step(project, item.id, Step.TIMELINE)


# The reference project -----------------------------------------------------------------------------
STAKE_WORDS = (
    "l'isolement des personnes âgées",
    "l'accès aux droits des familles",
    "la mutualisation de nos locaux",
    "des financements stables",
    "le recrutement de bénévoles",
    "la formation de nos équipes",
    "la visibilité de nos actions",
    "les transports des usagers",
)
STAKE_VERBS = ("Réduire", "Améliorer", "Garantir", "Développer", "Partager", "Sécuriser")
ACTION_VERBS = ("Organiser", "Mettre en place", "Former à", "Coordonner", "Évaluer", "Mutualiser")
ACTION_OBJECTS = (
    "un accueil commun des familles",
    "le transport partagé des usagers",
    "une permanence d'accès aux droits",
    "un fichier commun des bénévoles",
    "une formation au repérage de l'isolement",
    "une lettre d'information commune",
    "un tableau de bord partagé",
    "des achats groupés",
)


def _month(day: str, months: int) -> str:
    start = datetime.date.fromisoformat(day)
    index = start.year * 12 + start.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def fill_reference(project: Project, workshop: Workshop, item: AgendaItem, rng: random.Random) -> None:
    """The first roadmap item builds the plan from a stakes round; each later one (carried
    over) follows it up: statuses move on, a few actions and a milestone are added."""
    from exercises.fills.rounds import contribute_all

    day = workshop.date or project.today()
    state = roadmap.load(project, item.id)
    members = [s.id for s in project.structures() if s.member]
    people = [p.id for p in project.participants()]
    if not state.carried_from:
        started = roadmap.start_stakes_round(project, item.id)
        contribute_all(
            project,
            started.id,
            lambda voter: [f"{rng.choice(STAKE_VERBS)} {rng.choice(STAKE_WORDS)}" for _ in range(rng.randint(1, 3))],
        )
        state = roadmap.collect_stakes(project, item.id, started.id)
        for number in range(3):
            chosen = rng.sample([s.id for s in state.stakes], min(3, len(state.stakes)))
            shared = roadmap.add_shared(project, item.id, f"{rng.choice(STAKE_VERBS)} ensemble {STAKE_WORDS[number]}", chosen)
            objective = roadmap_objectives.add_objective(project, item.id, f"Objectif partagé {number + 1} : {shared.text.lower()}", [shared.id])
            for sub in range(2):
                roadmap_objectives.add_operational(project, item.id, objective.id, f"Objectif opérationnel {number + 1}.{sub + 1}")
        state = roadmap.load(project, item.id)
    operational = [o.id for o in state.operational]
    if not operational:
        return
    taken = roadmap_actions.available_proposals(project, state)
    for proposal in taken[: rng.randint(1, 3)]:
        action = roadmap_actions.take_proposal(project, item.id, rng.choice(operational), proposal.id)
        _plan_action(project, item.id, action.id, day, rng, members, people)
    for _ in range(rng.randint(2, 4)):
        action = roadmap_actions.add_action(project, item.id, rng.choice(operational), f"{rng.choice(ACTION_VERBS)} {rng.choice(ACTION_OBJECTS)}")
        _plan_action(project, item.id, action.id, day, rng, members, people)
    for action in roadmap.load(project, item.id).actions:
        if action.proposal_id or action.status not in (Status.TO_DO, Status.IN_PROGRESS) or not action.start:
            continue
        if action.start <= day[:7] and rng.random() < 0.5:
            following = Status.DONE if action.status == Status.IN_PROGRESS else Status.IN_PROGRESS
            roadmap_actions.set_status(project, item.id, action.id, following, on=day)
    roadmap_actions.add_milestone(project, item.id, f"Point d'étape {len(state.milestones) + 1}", _month(day, rng.randint(2, 8)), rng.sample(members, min(2, len(members))))
    roadmap.set_step(project, item.id, Step.TIMELINE)


def _plan_action(project: Project, item_id: int, action_id: int, day: str, rng: random.Random, members: list[int], people: list[int]) -> None:
    start = rng.randint(0, 6)
    roadmap_actions.set_calendar(project, item_id, action_id, _month(day, start), _month(day, start + rng.randint(1, 9)), on=day)
    if people:
        roadmap_actions.set_referent(project, item_id, action_id, Referent.participant(rng.choice(people)), on=day)
    roadmap_actions.set_skills(project, item_id, action_id, rng.choice(("Animation", "Gestion de projet", "Connaissance du public", "Comptabilité")))
    if members:
        kind = rng.choice(list(MeansKind))
        amount = rng.randint(1, 20) * (500 if kind == MeansKind.MONEY else 1)
        roadmap_actions.add_resource(project, item_id, action_id, kind, rng.choice(members), str(amount), "")
    if rng.random() < 0.2:
        roadmap_actions.set_pilot(project, item_id, action_id, True)
