"""Governance bodies, filled for the demo project and the benchmark's reference project.

Loaded by whoever fills them (`exercises.fills.demo_fill`, `exercises.fills.reference_fill`):
the exercise module never imports this one. Rules are adopted through real
consent rounds, as in the room: one objection sends a body back to editing.
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import TYPE_CHECKING

from exercises import governance, governance_consent
from exercises.governance import BodySheet, DecisionRule, Phase
from workshop.names import name_key

if TYPE_CHECKING:
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project

MEMBERS = ("Les Jardins de Montreuil", "EHPAD Les Tilleuls", "Centre social La Passerelle", "Communauté de communes du Val d'Orge")
PROJECT_TEAM = ("Karim Benali", "Nadia Haddad", "Théo Moreau", "Julien Roux")
STEERING_OBJECTION = "Avec un quorum de trois structures, le comité pourrait engager des moyens sans la communauté de communes."
STEERING_HANDLING = "Le quorum exige désormais toutes les structures membres dès qu'une décision engage des moyens."
STEERING_RESERVATION = "Deux mois entre deux comités, c'est long au moment de la convention."


def _ids(project: Project) -> tuple[dict[str, int], dict[str, int]]:
    structures = {name_key(s.name): s.id for s in project.structures()}
    people = {name_key(p.name): p.id for p in project.participants()}
    return structures, people


def _consent(project: Project, item_id: int, body_id: int, answers: dict[int, tuple[str, str]], at: float) -> None:
    """A consent round on the body's rules: `answers` by voter position, everyone else agrees."""
    from workshop.rounds import cast

    started = governance_consent.start_consent(project, item_id, body_id, now=at)
    for position, voter in enumerate(started.voters):
        answer, reason = answers.get(position, ("agree", ""))
        cast(project, started.id, voter, answer, reason)
    governance_consent.record_consent_round(project, item_id, started.id, now=at + 240)


def fill_demo(project: Project, workshop: Workshop, item: AgendaItem) -> None:
    structures, people = _ids(project)
    members = tuple(structures[name_key(n)] for n in MEMBERS)
    at = item.actual_start or 0.0
    with project.batch():
        governance.set_leader(
            project, item.id, members[0], people[name_key("Zoé Martin")], "une demi-journée par semaine de la directrice, le secrétariat des Jardins"
        )
        governance.set_team(project, item.id, True, members[:3], "la coordination passe d'une structure à l'autre tous les six mois")
        steering = governance.add_body(
            project,
            item.id,
            BodySheet(
                "Comité de pilotage",
                Phase.PROJECT.value,
                True,
                "Oriente le projet et valide chaque étape jusqu'à la signature de la convention",
                members,
                (),
                "un représentant du Conseil départemental, invité sans voix délibérative",
                "tous les deux mois",
                DecisionRule.CONSENT.value,
                "",
                "trois structures membres sur quatre",
                "par la structure leader, quinze jours à l'avance, ordre du jour joint",
                "les choix d'orientation, le calendrier, l'engagement de moyens",
            ),
        )
        team = governance.add_body(
            project,
            item.id,
            BodySheet(
                "Groupe projet",
                Phase.PROJECT.value,
                False,
                "Prépare les chantiers et les propositions soumises au comité de pilotage",
                (),
                tuple(people[name_key(n)] for n in PROJECT_TEAM),
                "",
                "tous les mois",
                DecisionRule.CONSENT.value,
                "",
                "la moitié de ses membres",
                "par la coordinatrice, par courriel une semaine avant",
                "la préparation des chantiers et des groupes de travail",
            ),
        )
        governance.add_body(
            project,
            item.id,
            BodySheet(
                "Assemblée des membres",
                Phase.COOPERATION.value,
                True,
                "Adopte le budget commun, admet de nouveaux membres, révise la convention",
                members,
                (),
                "",
                "une fois par an au moins",
                DecisionRule.MAJORITY.value,
                "2/3",
                "les deux tiers des structures membres",
                "",
                "le budget, l'entrée ou la sortie d'un membre, la révision de la convention",
            ),
        )
        # The steering committee: an objection on the quorum, rules reworked, then adopted.
        _consent(project, item.id, steering.id, {3: ("objection", STEERING_OBJECTION)}, at + 10 * 60)
        governance_consent.note_handling(project, item.id, steering.id, STEERING_HANDLING)
        reworked = governance.load(project, item.id).body(steering.id)
        quorum = "toutes les structures membres pour engager des moyens, trois sur quatre sinon"
        governance.update_body(project, item.id, steering.id, replace(BodySheet.of(reworked), quorum=quorum))
        _consent(project, item.id, steering.id, {5: ("reservation", STEERING_RESERVATION)}, at + 20 * 60)
        _consent(project, item.id, team.id, {}, at + 30 * 60)


BODY_NAMES = ("Comité de pilotage", "Comité technique", "Assemblée des membres", "Comité de suivi", "Groupe usagers")
FREQUENCIES = ("tous les mois", "tous les deux mois", "chaque trimestre", "deux fois par an", "une fois par an")


def fill_reference(project: Project, workshop: Workshop, item: AgendaItem, rng: random.Random) -> None:
    """Three to five bodies; each but the last put to consent, one objection now and then."""
    member_ids = [s.id for s in project.structures() if s.member]
    people = [p.id for p in project.participants()]
    at = item.actual_start or 0.0
    with project.batch():
        governance.set_leader(project, item.id, member_ids[0])
        if rng.random() < 0.5:
            governance.set_team(project, item.id, True, member_ids[:3], "tous les six mois")
        bodies = []
        for number, name in enumerate(BODY_NAMES[: rng.randint(3, 5)]):
            rule = rng.choice(list(DecisionRule))
            sheet = BodySheet(
                name,
                Phase.PROJECT.value if number < 2 else Phase.COOPERATION.value,
                number % 2 == 0,
                f"Rôle de l'instance « {name} » dans la coopération",
                tuple(rng.sample(member_ids, rng.randint(2, len(member_ids)))),
                tuple(rng.sample(people, rng.randint(0, 3))),
                "",
                rng.choice(FREQUENCIES),
                rule.value,
                rng.choice(("2/3", "simple", "3/4")) if rule is DecisionRule.MAJORITY else "",
                rng.choice(("la moitié des membres", "deux tiers des structures", "")),
                "par la structure leader, quinze jours avant",
                "les décisions qui engagent les membres",
            )
            bodies.append(governance.add_body(project, item.id, sheet))
        voters = len(project.present(workshop.id))
        for number, body in enumerate(bodies[:-1]):
            if rng.random() < 0.3:
                objector = rng.randrange(max(voters, 1))
                _consent(project, item.id, body.id, {objector: ("objection", "Le quorum est trop bas.")}, at + number * 300)
                governance_consent.note_handling(project, item.id, body.id, "Quorum relevé.")
            _consent(project, item.id, body.id, {}, at + number * 300 + 120)
