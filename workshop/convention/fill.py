"""The draft convention's clauses and checklist, filled for the demo and the reference project.

Loaded by whoever builds them (`workshop.demo`, `tests/bench/reference.py`), as
a facilitator would fill them from the convention screen: some clauses agreed,
others left to decide, a few points checked.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from workshop.convention.settings import ISSUE_KEYS, Clause, check_issue, note_issue, set_clause

if TYPE_CHECKING:
    from workshop.project import Project

DEMO_CLAUSES = {
    Clause.DURATION: "La convention est conclue pour trois ans à compter de sa signature par la dernière des parties.\n"
    "Elle se renouvelle par décision de l'assemblée des membres, trois mois avant son terme.",
    Clause.REVISION: "Toute modification fait l'objet d'un avenant adopté par l'assemblée des membres à la majorité des deux tiers.",
}
DEMO_ISSUES = {
    "social_dialogue": (True, "CSE de l'EHPAD informé le 5 novembre ; réunion d'équipe prévue aux Jardins."),
    "vat": (False, "L'EHPAD est assujetti pour une partie de ses activités : rendez-vous avec l'expert-comptable le 20 novembre."),
    "article_261b": (False, "À étudier si les membres créent un groupement de moyens."),
    "secondment": (True, "Aucune mise à disposition de personnel prévue pendant la phase projet."),
}


def fill_demo(project: Project) -> None:
    with project.batch():
        for clause, text in DEMO_CLAUSES.items():
            set_clause(project, clause, text)
        for key, (checked, note) in DEMO_ISSUES.items():
            check_issue(project, key, checked)
            note_issue(project, key, note)


def fill_reference(project: Project, rng: random.Random) -> None:
    with project.batch():
        set_clause(project, Clause.DURATION, "Trois ans, renouvelable par décision de l'assemblée des membres.")
        if rng.random() < 0.5:
            set_clause(project, Clause.DISPUTES, "Tout désaccord est d'abord porté devant le comité de pilotage, puis confié à un médiateur choisi ensemble.")
        for key in rng.sample(list(ISSUE_KEYS), 3):
            check_issue(project, key, True)
            note_issue(project, key, "Vérifié avec l'expert-comptable.")
