"""Realistic who-does-what grids for the demo project and the benchmark's reference project."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from exercises.matrix import (
    Action,
    Cell,
    Confirmation,
    Level,
    MatrixState,
    Means,
    Mode,
    Role,
    _save,
    actors,
    cell_key,
    fingerprint,
    load,
)

if TYPE_CHECKING:
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project

P, C, V, I = Role.PILOT, Role.CONTRIBUTOR, Role.CONSULTED, Role.INFORMED
POL, TEC, OPE = Level.POLITICAL, Level.TECHNICAL, Level.OPERATIONAL

# Columns of the demo (workshop/demo.py): Jardins, EHPAD, Centre social, Communauté de communes,
# Conseil départemental (external). Each row: label, then one (role, level) or None per column.
DEMO_ROWS: list[tuple[str, list[tuple[Role, Level | None] | None]]] = [
    ("Nommer un référent coopération dans chaque structure", [(P, POL), (C, POL), (C, POL), (C, POL), None]),
    ("Mutualiser le planning des minibus pour les sorties", [(I, None), (P, OPE), (C, OPE), (I, None), None]),
    ("Créer un annuaire partagé des professionnels du territoire", [(C, TEC), None, (P, TEC), (C, TEC), (V, TEC)]),
    ("Ouvrir un jardin partagé entre l'EHPAD et le centre social", [(P, OPE), (C, OPE), (C, OPE), (I, None), None]),
    ("Tenir une réunion trimestrielle des directions", [(C, POL), (C, POL), (C, POL), (P, POL), (I, POL)]),
    ("Tenir un point d'information commun pour les familles", [None, (V, None), (P, OPE), (P, TEC), (I, None)]),
    ("Former ensemble les équipes à l'accueil des familles", [(C, TEC), (C, TEC), (C, OPE), None, (V, None)]),
    ("Évaluer la coopération chaque année", [(C, POL), (V, None), (V, None), (C, TEC), (P, TEC)]),
]

# What some actors put in, and how the pilot works with its contributors:
# (row number, column number) -> (means, relation to the pilot).
STAFF, MONEY, PREMISES, SKILLS = Means.STAFF_TIME, Means.MONEY, Means.PREMISES, Means.SKILLS
DEMO_MEANS = {
    (1, 0): ([STAFF], None),
    (2, 1): ([STAFF, PREMISES], None),
    (2, 2): ([STAFF], Mode.WITH),
    (3, 2): ([STAFF, SKILLS], None),
    (3, 0): ([SKILLS], Mode.DELEGATED),
    (3, 3): ([MONEY], Mode.WITH),
    (4, 0): ([PREMISES, STAFF], None),
    (4, 1): ([PREMISES], Mode.WITH),
    (4, 2): ([STAFF], Mode.DELEGATED),
    (8, 0): ([SKILLS], Mode.WITH),
    (8, 3): ([STAFF, MONEY], Mode.DELEGATED),
}


def fill_demo(project: Project, workshop: Workshop, item: AgendaItem) -> None:
    from workshop.demo import STRUCTURES

    state = load(project, item.id)
    by_name = {a.name: a.id for a in actors(project, state)}
    # The demo's own order (promoter first, the external actor last), not the alphabetical one.
    columns = [by_name[name] for name, _, _ in STRUCTURES if name in by_name]
    columns += [sid for sid in by_name.values() if sid not in columns]
    cells: dict[str, Cell] = {}
    actions: list[Action] = []
    for number, (label, roles) in enumerate(DEMO_ROWS, start=1):
        actions.append(Action(number, label))
        for column, (structure_id, entry) in enumerate(zip(columns, roles, strict=False)):  # columns past the demo's roles stay empty
            if entry is not None:
                role, level = entry
                means, mode = DEMO_MEANS.get((number, column), ([], None))
                cells[cell_key(number, structure_id)] = Cell(
                    role.value, level.value if level else "", [m.value for m in Means if m in means], mode.value if mode else ""
                )
    state = MatrixState(item.id, item.workshop_id, actions, columns, [], cells, {}, next_action_id=len(actions) + 1)
    at = (item.actual_start or 0.0) + 35 * 60
    # The first three structures confirmed their commitments; the others will next time.
    for structure_id in columns[:3]:
        state.confirmations[str(structure_id)] = Confirmation("facilitator", at, fingerprint(state, structure_id))
    _save(project, state)


OBJECTS = (
    "l'accueil des familles",
    "le transport des usagers",
    "la formation des bénévoles",
    "les achats de fournitures",
    "la communication commune",
    "le site internet partagé",
    "la réponse aux appels à projets",
    "le suivi des parcours",
    "les locaux mutualisés",
    "la paie et la comptabilité",
    "l'évaluation annuelle",
    "le recrutement des saisonniers",
    "la veille réglementaire",
    "les permanences d'accès aux droits",
    "la restauration collective",
    "le plan de formation commun",
)
VERBS = ("Coordonner", "Mutualiser", "Organiser", "Piloter", "Harmoniser", "Évaluer")


def fill_reference(project: Project, workshop: Workshop, item: AgendaItem, rng: random.Random, rows: int = 20) -> None:
    """About 20 actions × the project's actors, nearly every action with one pilot."""
    state = load(project, item.id)
    columns = actors(project, state)
    ids = [a.id for a in columns]
    members = [a.id for a in columns if a.member] or ids
    actions: list[Action] = []
    cells: dict[str, Cell] = {}
    for number in range(1, rows + 1):
        label = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        actions.append(Action(number, label))
        if rng.random() > 0.1:  # a few actions still wait for their pilot
            pilot = rng.choice(members if rng.random() > 0.1 else ids)
            cells[cell_key(number, pilot)] = Cell(P.value, rng.choice([POL, TEC, OPE]).value)
        for structure_id in ids:
            key = cell_key(number, structure_id)
            if key in cells or rng.random() < 0.45:
                continue
            role = rng.choice([C, C, V, I])
            level = rng.choice(["", POL.value, TEC.value, OPE.value])
            cells[key] = Cell(role.value, level)
    state = MatrixState(item.id, item.workshop_id, actions, ids, [], cells, {}, next_action_id=rows + 1)
    at = item.actual_start or 0.0
    for structure_id in ids:
        if rng.random() < 0.7:
            state.confirmations[str(structure_id)] = Confirmation(rng.choice(["facilitator", "round"]), at, fingerprint(state, structure_id))
    _save(project, state)
