"""Realistic supra-objective results for the demo project and the benchmark's reference project.

Both go through the rounds engine, as a live workshop would: the drafts round,
a scale round on one criterion, and consent rounds (one objection, then adoption).
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from exercises import supra
from exercises.supra import Criterion, Step

if TYPE_CHECKING:
    from workshop.model import AgendaItem, Workshop
    from workshop.project import Project

# One draft per present person of the demo, in the project's order of people.
DEMO_DRAFTS = [
    "Rompre l'isolement des personnes âgées du Val d'Orge en ouvrant nos jardins et nos activités à tous.",
    "Que les habitants isolés trouvent près de chez eux un lieu pour jardiner, se rencontrer et être accompagnés.",
    "Faire du Val d'Orge un territoire où personne ne reste seul, grâce à des lieux de lien partagés entre nos structures.",
    "Offrir aux résidents de l'EHPAD et aux habitants âgés du territoire des activités partagées hors les murs.",
    "Coordonner nos accompagnements pour que chaque personne âgée isolée ait un interlocuteur connu.",
    "Créer ensemble des lieux de rencontre entre générations dans chaque commune du Val d'Orge.",
    "Accompagner les familles et les personnes âgées isolées avec un accueil commun et des activités partagées.",
    "Rendre visible sur le territoire une offre commune de lien social pour les habitants isolés.",
    "Que l'intercommunalité et les associations portent ensemble un plan contre l'isolement des habitants âgés d'ici 2028.",
    "Mesurer et réduire l'isolement des personnes âgées sur le territoire, avec des indicateurs suivis chaque année.",
]

DEMO_VERSIONS = [
    "Rompre l'isolement des habitants âgés du Val d'Orge.",
    "Rompre ensemble l'isolement des habitants âgés du Val d'Orge grâce à des lieux de lien partagés.",
    "D'ici fin 2028, que chaque habitant âgé isolé du Val d'Orge trouve près de chez lui un lieu de lien social porté ensemble par nos structures.",
]
DEMO_ADOPTED = (
    "D'ici fin 2028, que chaque habitant âgé isolé des communes où nous agissons trouve près de chez lui "
    "un lieu de lien social porté ensemble par nos structures."
)
DEMO_OBJECTION = "« Chaque habitant du Val d'Orge » est hors de portée : visons d'abord les communes où nous sommes présents."
DEMO_HANDLING = "La phrase a été resserrée sur les communes où les structures agissent déjà ; l'extension sera rediscutée en 2027."
DEMO_INDICATORS = [
    "Nombre d'habitants âgés isolés accompagnés chaque année",
    "Nombre de communes disposant d'un lieu de lien partagé",
]


def _run_drafts(project: Project, item_id: int, texts: list[str]) -> None:
    from workshop.rounds import contribute, finish_turn

    started = supra.start_drafts(project, item_id)
    for voter, text in zip(started.voters, texts, strict=False):  # the voters past the texts pass
        contribute(project, started.id, voter, text)
        finish_turn(project, started.id, voter)


def _run_consent(
    project: Project, item_id: int, answers: dict[int, tuple[str, str]], now: float
) -> supra.SupraState:
    """Consent round on the current sentence: `answers` by voter position, the rest agree."""
    from workshop.rounds import cast

    started = supra.start_consent(project, item_id, now=now)
    for position, voter in enumerate(started.voters):
        answer, reason = answers.get(position, ("agree", ""))
        cast(project, started.id, voter, answer, reason)
    return supra.record_consent_round(project, item_id, started.id, now=now + 300)


def _run_scale(project: Project, item_id: int, criterion: Criterion, values: list[int]) -> None:
    from workshop.rounds import cast, results

    started = supra.start_criterion_round(project, item_id, criterion)
    for voter, value in zip(started.voters, values, strict=False):  # the voters past the values pass
        cast(project, started.id, voter, value)
    supra.record_criterion_round(project, item_id, criterion, supra.scale_mean(results(project, started.id)), started.id)


def fill_demo(project: Project, workshop: Workshop, item: AgendaItem) -> None:
    at = item.actual_start or 0.0
    _run_drafts(project, item.id, DEMO_DRAFTS)
    supra.go_to_step(project, item.id, Step.CROSSING)
    for minute, text in enumerate(DEMO_VERSIONS, start=10):
        supra.write_sentence(project, item.id, text, now=at + minute * 60)
    for indicator in DEMO_INDICATORS:
        supra.add_indicator(project, item.id, indicator)
    supra.set_deadline(project, item.id, "31/12/2028")
    supra.judge(project, item.id, Criterion.PRECISE, True)
    state = _run_consent(project, item.id, {3: ("objection", DEMO_OBJECTION), 4: ("reservation", "Le calendrier est serré.")}, at + 20 * 60)
    objected = state.consents[-1].round_id
    supra.note_handling(project, item.id, objected, DEMO_HANDLING)
    supra.write_sentence(project, item.id, DEMO_ADOPTED, now=at + 30 * 60)
    supra.judge(project, item.id, Criterion.PRECISE, True)
    _run_scale(project, item.id, Criterion.REALISTIC, [4, 5, 4, 3, 4, 5, 4, 4, 5, 4])
    _run_consent(project, item.id, {4: ("reservation", "Prévoir les moyens humains côté EHPAD.")}, at + 38 * 60)


DRAFT_OPENINGS = ("Ensemble,", "D'ici 2030,", "Sur notre territoire,", "Pour les habitants,", "Avec nos partenaires,", "")
DRAFT_VERBS = ("rendre accessible", "coordonner", "garantir", "renforcer", "simplifier", "développer")
DRAFT_OBJECTS = (
    "l'accompagnement des familles",
    "l'accès aux droits des personnes âgées",
    "l'insertion des jeunes du territoire",
    "le lien social entre générations",
    "les parcours des personnes en situation de handicap",
    "l'offre de services de proximité",
)
DRAFT_ENDS = ("dans chaque commune.", "grâce à nos structures réunies.", "sans laisser personne de côté.", "avec un guichet commun.", ".")


def fill_reference(project: Project, workshop: Workshop, item: AgendaItem, rng: random.Random) -> None:
    """About one draft per person, several versions, one objection, then adoption."""
    at = item.actual_start or 0.0
    voters = len(project.present(workshop.id))
    texts = [
        " ".join(p for p in (rng.choice(DRAFT_OPENINGS), rng.choice(DRAFT_VERBS), rng.choice(DRAFT_OBJECTS), rng.choice(DRAFT_ENDS)) if p)
        for _ in range(voters)
    ]
    _run_drafts(project, item.id, texts)
    supra.go_to_step(project, item.id, Step.CROSSING)
    words = [w.shown for w in supra.crossing(project, item.id)[:4]] or ["coopération"]
    for number in range(rng.randint(3, 6)):
        supra.write_sentence(project, item.id, f"D'ici {2028 + number % 3}, {rng.choice(DRAFT_VERBS)} {' et '.join(words[: number % 3 + 1])} {rng.choice(DRAFT_OBJECTS)}.", now=at + 600 + number * 120)
    supra.add_indicator(project, item.id, "Nombre de personnes accompagnées par an")
    if rng.random() < 0.7:
        supra.add_indicator(project, item.id, "Part des communes couvertes")
    supra.set_deadline(project, item.id, f"{rng.randint(2027, 2030)}")
    supra.judge(project, item.id, Criterion.PRECISE, True)
    objector = rng.randrange(max(voters, 1))
    state = _run_consent(project, item.id, {objector: ("objection", "Le périmètre reste trop large pour nos moyens.")}, at + 1800)
    supra.note_handling(project, item.id, state.consents[-1].round_id, "Périmètre resserré avant le second tour.")
    supra.write_sentence(project, item.id, state.sentence.rstrip(".") + ", d'abord dans les communes où nous agissons.", now=at + 2100)
    _run_scale(project, item.id, Criterion.REALISTIC, [rng.randint(3, 5) for _ in range(voters)])
    reservations = {rng.randrange(max(voters, 1)): ("reservation", "Les moyens restent à préciser.")}
    _run_consent(project, item.id, reservations, at + 2400)
