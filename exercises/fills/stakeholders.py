"""Stakeholders to mobilise, filled for the demo project and the benchmark's reference project.

Loaded by whoever fills them (`exercises.fills.demo_fill`, `exercises.fills.reference_fill`):
the exercise module never imports this one. The names come from a round, as
in the room; the rest through the exercise's own functions.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from exercises import stakeholders, stakeholders_sheet
from exercises.fills.rounds import contribute_all
from exercises.stakeholders import Step, Support
from exercises.stakeholders_sheet import Sheet
from workshop.model import StructureKind

if TYPE_CHECKING:
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project

F, S, T, Y, O = Support.FINANCIAL, Support.SUBCONTRACTOR, Support.TECHNICAL, Support.SYMBOLIC, Support.OTHER

# What people said in the names round, by speaker (the demo's people; others pass).
DEMO_SAID = {
    "Zoé Martin": ["Caisse d'allocations familiales : finance l'accompagnement des familles et l'animation de la vie sociale"],
    "Marc Lefèvre": ["Association Vélo Solidaire du Val : elle transporte déjà des personnes âgées à triporteur"],
    "Sophie Laurent": ["Caisse d'allocations familiales", "Épicerie solidaire La Cagette : lieu de passage des habitants isolés"],
    "Julien Roux": ["Fondation Aînés et Territoires : appel à projets contre l'isolement des aînés"],
    "Théo Moreau": ["Lycée agricole du Val : des élèves pourraient entretenir les jardins partagés"],
}

# name -> (kind, stakes, losses, gains, supports, support note, contact, participation, note, motivation, contribution, to mobilise)
DEMO_SHEETS: dict[str, tuple] = {
    "Les Jardins de Montreuil": (
        StructureKind.ASSOCIATION, "Ouvrir ses jardins à un public plus large et stabiliser ses emplois d'encadrants",
        "Ses financements liés à l'insertion, faute de nouveaux publics", "Une activité reconnue sur tout le territoire",
        [T], "Encadrement technique des chantiers", "Zoé Martin, directrice", "convention", "", 5, 4, False,
    ),
    "EHPAD Les Tilleuls": (
        StructureKind.ESTABLISHMENT, "Rompre l'isolement de ses résidents et ouvrir l'établissement sur le quartier",
        "Son attractivité auprès des familles", "Des activités hors les murs pour les résidents",
        [T, O], "Prêt du minibus adapté, salle d'activité", "Marc Lefèvre, directeur", "convention", "", 4, 4, False,
    ),
    "Centre social La Passerelle": (
        StructureKind.ASSOCIATION, "Toucher les habitants âgés qu'il ne voit jamais", "Sa place d'interlocuteur des familles",
        "Un public nouveau et des bénévoles", [T], "Accueil et animation", "Sophie Laurent, directrice", "convention", "", 5, 3, False,
    ),
    "Communauté de communes du Val d'Orge": (
        StructureKind.AUTHORITY, "Tenir son engagement contre l'isolement inscrit au projet de territoire",
        "La cohérence de son action sociale", "Une action visible dans chaque commune",
        [F, Y], "Subvention de fonctionnement, relais auprès des maires", "Julien Roux, chargé de mission", "convention", "", 3, 5, False,
    ),
    "Conseil départemental": (
        StructureKind.FUNDER, "Son schéma de l'autonomie des personnes âgées", "Rien de direct : d'autres projets existent",
        "Un projet de territoire qui porte ses priorités", [F], "Appel à projets autonomie", "Claire Fontaine, service autonomie",
        "other", "financeur, invité au comité de pilotage", 2, 4, True,
    ),
    "Caisse d'allocations familiales": (
        StructureKind.FUNDER, "L'animation de la vie sociale qu'elle finance", "Des centres sociaux qui peinent à toucher les aînés",
        "Un partenariat exemplaire à présenter", [F], "Prestation d'animation de la vie sociale", "Par la conseillère territoriale, via le centre social",
        "convention", "convention d'articulation", 3, 5, True,
    ),
    "Association Vélo Solidaire du Val": (
        StructureKind.ASSOCIATION, "Développer ses tournées en triporteur", "Ses bénévoles, faute de trajets utiles",
        "Des trajets réguliers et une visibilité", [S, T], "Tournées vers les jardins, deux après-midi par semaine",
        "Par Marc Lefèvre, qui connaît son président", "charter", "", 5, 2, True,
    ),
    "Épicerie solidaire La Cagette": (
        StructureKind.ASSOCIATION, "Son rôle de lieu de passage", "", "Des produits des jardins", [O], "Relais d'information",
        "Sur place, le mardi", "", "", 4, 1, False,
    ),
    "Fondation Aînés et Territoires": (
        StructureKind.FUNDER, "Son appel à projets contre l'isolement", "", "Un projet porté par plusieurs structures", [F, Y], "Jusqu'à 30 000 € sur deux ans",
        "Dossier à déposer avant le 31 janvier", "convention", "convention de financement", 2, 4, False,
    ),
    "Lycée agricole du Val": (
        StructureKind.ESTABLISHMENT, "Des terrains de stage pour ses élèves", "", "Des projets concrets", [T], "Entretien des jardins par les élèves",
        "", "", "", 2, 2, False,
    ),
}


def fill_demo(project: Project, workshop: Workshop, item: AgendaItem) -> None:
    with project.batch():
        stakeholders.import_structures(project, item.id)
        started = stakeholders.start_names_round(project, item.id)
        names = {p.id: p.name for p in project.participants()}
        contribute_all(project, started.id, lambda voter: DEMO_SAID.get(names.get(voter, ""), []))
        stakeholders.collect_names(project, item.id, started.id)
        state = stakeholders.load(project, item.id)
        structures = stakeholders.structures_by_id(project)
        for stakeholder in state.stakeholders:
            name = stakeholders.display_name(stakeholder, structures)
            entry = DEMO_SHEETS.get(name)
            if entry is None:
                continue
            kind, stakes, losses, gains, supports, note, contact, form, form_note, motivation, contribution, mobilise = entry
            sheet = Sheet(
                name, kind.value, stakes or stakeholder.stakes, losses, gains, tuple(s.value for s in supports), note,
                contact, form, form_note, motivation, contribution, mobilise,
            )
            stakeholders_sheet.describe(project, item.id, stakeholder.id, sheet)
        # Those to mobilise are not in the project yet: the room adds them with S, live.
        stakeholders.set_step(project, item.id, Step.MOBILISE)


PARTNER_NAMES = (
    "Caisse d'allocations familiales", "Fondation Horizon Solidaire", "Mission locale", "Office public de l'habitat",
    "Association de transport solidaire", "Agence régionale de santé", "Centre communal d'action sociale",
    "Réseau des épiceries solidaires", "Lycée professionnel", "Maison de l'emploi", "Club des entreprises locales",
)
WHY = ("finance des actions proches", "connaît bien les habitants", "a des locaux disponibles", "peut prêter du personnel", "")


def fill_reference(project: Project, workshop: Workshop, item: AgendaItem, rng: random.Random) -> None:
    """The structures, a names round (about one name per person), sheets and ratings for most."""
    with project.batch():
        stakeholders.import_structures(project, item.id)
        started = stakeholders.start_names_round(project, item.id)

        def said(_voter: int) -> list[str]:
            name = rng.choice(PARTNER_NAMES)
            why = rng.choice(WHY)
            return [f"{name} : {why}" if why else name] if rng.random() < 0.8 else []

        contribute_all(project, started.id, said)
        stakeholders.collect_names(project, item.id, started.id)
        state = stakeholders.load(project, item.id)
        structures = stakeholders.structures_by_id(project)
        forms = ("convention", "charter", "other", "")
        for stakeholder in state.stakeholders:
            supports = tuple(s.value for s in rng.sample(list(Support), rng.randint(0, 2)))
            sheet = Sheet(
                stakeholders.display_name(stakeholder, structures),
                stakeholder.kind,
                stakeholder.stakes or "Trouver sa place dans le projet",
                rng.choice(("Des financements", "Sa place sur le territoire", "")),
                rng.choice(("De nouveaux publics", "Une visibilité", "Des moyens partagés")),
                supports,
                "",
                rng.choice(("Par sa direction", "Par courriel", "")),
                rng.choice(forms),
                "",
                rng.randint(0, 5),
                rng.randint(0, 5),
                rng.random() < 0.3,
            )
            stakeholders_sheet.describe(project, item.id, stakeholder.id, sheet)
        stakeholders.set_step(project, item.id, Step.MAP)
