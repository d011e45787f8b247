"""The synthesis's decisions and actions from the later exercises: elements to secure, the roadmap, governance.

What must be done before the group meets again is in the synthesis, once; what is due
later is counted there and detailed in its exercise's part.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from exercises import governance, governance_consent, roadmap_actions, roadmap_objectives, securing
from exercises.governance import BodySheet
from tests.roadmap_project import Cooperation, build
from workshop.minutes.blocks import Block, Heading, Paragraph, Table
from workshop.minutes.builder import build_minutes
from workshop.project import Project
from workshop.proposals import Referent, decide, follow_up, record_proposal
from workshop.rounds import cast, get_round


def synthesis(project: Project, workshop_id: int) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]], str]:
    """(decision rows, action rows, the synthesis's paragraphs) of a workshop's minutes."""
    blocks: list[Block] = build_minutes(project, project.workshop(workshop_id))
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1)
    end = next(i for i, b in enumerate(blocks) if i > start and isinstance(b, Heading) and b.level == 1)
    decisions: list[tuple[str, ...]] = []
    actions: list[tuple[str, ...]] = []
    texts: list[str] = []
    for block in blocks[start:end]:
        if isinstance(block, Table) and block.header[0] == "Action":
            actions += [tuple(row) for row in block.rows]
        elif isinstance(block, Table) and block.header[0] == "Sujet":
            decisions += [tuple(row) for row in block.rows]
        elif isinstance(block, Paragraph):
            texts.append(block.text)
    return decisions, actions, "\n".join(texts)


@pytest.fixture
def coop(tmp_path: Path) -> Iterator[Cooperation]:
    built = build(tmp_path / "coop.atelier")
    with built.project:
        # The January workshop meets again on 10 March.
        built.project.update_workshop(built.first, next_meeting_date="2027-03-10")
        yield built


def test_elements_listed_here_and_due_before_the_next_meeting_are_actions_the_others_are_counted(coop: Cooperation) -> None:
    project = coop.project
    item = project.add_agenda_item(coop.first, "securing", "À sécuriser").id
    anne = coop.people["Anne"]
    securing.add_element(project, "Informer les salariés", item_id=item, referent=Referent.participant(anne), due="2027-02-01")
    securing.add_element(project, "Choisir la forme juridique", item_id=item, referent=Referent.structure(coop.b), due="2027-06-30")
    securing.add_element(project, "Nommer un référent", item_id=item)  # no date yet: to see to now
    done = securing.add_element(project, "Vérifier les assurances", item_id=item, due="2027-02-15")
    securing.update_element(project, done.id, state="secured")
    elsewhere = project.add_agenda_item(coop.second, "securing", "À sécuriser, suite").id
    securing.add_element(project, "Listé en mars", item_id=elsewhere, due="2027-02-20")

    _, actions, text = synthesis(project, coop.first)
    assert ("Informer les salariés", "Anne Martin", "Les Ateliers du Canal", "1er février 2027", "À sécuriser") in actions
    assert ("Nommer un référent", "—", "—", "—", "À sécuriser") in actions
    listed = [row[0] for row in actions]
    assert "Choisir la forme juridique" not in listed  # due after the next meeting
    assert "Vérifier les assurances" not in listed  # secured on the day
    assert "Listé en mars" not in listed  # another workshop's
    assert "Dus après la prochaine réunion, détaillés dans leur partie : 1 élément(s) à sécuriser." in text


def _retained(coop: Cooperation, text: str, due: str) -> int:
    made = record_proposal(coop.project, text, coop.b, workshop_id=coop.first)
    decide(coop.project, made.id, "retained", on="2027-01-10", workshop_id=coop.first)  # live: the proposals list it too
    follow_up(coop.project, made.id, referent=Referent.participant(coop.people["Bruno"]), due=due)
    return made.id


def test_the_roadmap_gives_what_is_due_before_the_next_meeting_and_a_carried_proposal_once(coop: Cooperation) -> None:
    project = coop.project
    objective = roadmap_objectives.add_objective(project, coop.roadmap_1, "Rompre l'isolement")
    operational = roadmap_objectives.add_operational(project, coop.roadmap_1, objective.id, "Un lieu partagé")
    carried = _retained(coop, "Un annuaire partagé", "2027-02-28")
    roadmap_actions.take_proposal(project, coop.roadmap_1, operational.id, carried)
    soon = roadmap_actions.add_action(project, coop.roadmap_1, operational.id, "Visiter les lieux")
    roadmap_actions.set_calendar(project, coop.roadmap_1, soon.id, "2027-01", "2027-02")
    roadmap_actions.set_referent(project, coop.roadmap_1, soon.id, Referent.structure(coop.a))
    later = roadmap_actions.add_action(project, coop.roadmap_1, operational.id, "Ouvrir le lieu")
    roadmap_actions.set_calendar(project, coop.roadmap_1, later.id, "2027-04", "2027-09")
    finished = roadmap_actions.add_action(project, coop.roadmap_1, operational.id, "Trouver une salle")
    roadmap_actions.set_calendar(project, coop.roadmap_1, finished.id, "2027-01", "2027-01")
    roadmap_actions.set_status(project, coop.roadmap_1, finished.id, "done", on="2027-01-10")

    _, actions, text = synthesis(project, coop.first)
    listed = [row[0] for row in actions]
    assert listed.count("Un annuaire partagé") == 1  # the roadmap's line and the proposal's are one
    assert ("Un annuaire partagé", "Bruno Roy", "Foyer Bellevue", "28 février 2027") == actions[listed.index("Un annuaire partagé")][:4]
    assert ("Visiter les lieux", "—", "Les Ateliers du Canal", "février 2027") == actions[listed.index("Visiter les lieux")][:4]
    assert "Ouvrir le lieu" not in listed and "Trouver une salle" not in listed
    assert "1 action(s) de la feuille de route" in text


def test_the_rules_a_body_took_to_consent_are_a_decision_of_the_day(project: Project) -> None:
    structures = [project.add_structure(name).id for name in ("Les Jardins", "EHPAD Les Tilleuls")]
    for number, structure in enumerate(structures):
        project.add_participant(f"Personne {number}", structure)
    workshop = project.add_workshop("Atelier 2", "2026-12-07")
    item = project.add_agenda_item(workshop.id, "governance", "Nos instances").id
    steering = governance.add_body(project, item, BodySheet("Comité de pilotage", structures=tuple(structures)))
    governance.add_body(project, item, BodySheet("Groupe projet", structures=tuple(structures)))  # never submitted
    started = governance_consent.start_consent(project, item, steering.id, now=100.0)
    for voter in get_round(project, started.id).voters:
        cast(project, started.id, voter, "agree")
    governance_consent.record_consent_round(project, item, started.id, now=200.0)

    decisions, _, _ = synthesis(project, workshop.id)
    assert ("Règles de fonctionnement : Comité de pilotage", "adoptées par consentement (tour 1)") in decisions
    assert not any("Groupe projet" in subject for subject, _ in decisions)
