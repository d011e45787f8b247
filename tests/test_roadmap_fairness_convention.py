"""What the roadmap and the fairness balance bring to the draft convention: the common
objectives, the roadmap as an annex, and under the financial modalities what each
party brings, gains and felt (never settling that article on its own)."""

from __future__ import annotations

from pathlib import Path

from exercises import fairness, fairness_sides, roadmap_actions, roadmap_objectives
from tests.roadmap_project import TRICKY, build
from workshop.convention.builder import build_convention, statuses
from workshop.convention.parts import Part
from workshop.minutes.blocks import BulletList, Heading, Paragraph, Table
from workshop.proposals import Referent


def _texts(blocks: list) -> str:
    found = []
    for block in blocks:
        if isinstance(block, (Paragraph, Heading)):
            found.append(block.text)
        elif isinstance(block, BulletList):
            found.extend(block.items)
        elif isinstance(block, Table):
            found.extend(" | ".join(row) for row in (block.header, *block.rows))
    return "\n".join(found)


def test_the_draft_takes_the_latest_roadmap_and_balance(tmp_path: Path) -> None:
    coop = build(tmp_path / "coop.atelier")
    with coop.project as project:
        before = _texts(build_convention(project, "2027-03-10"))
        assert "Feuille de route du projet : à établir" in before
        objective = roadmap_objectives.add_objective(project, coop.roadmap_1, "Des lieux de lien")
        operational = roadmap_objectives.add_operational(project, coop.roadmap_1, objective.id, TRICKY)
        action = roadmap_actions.add_action(project, coop.roadmap_1, operational.id, "Ouvrir le jardin")
        roadmap_actions.set_pilot(project, coop.roadmap_1, action.id, True)
        roadmap_actions.set_calendar(project, coop.roadmap_1, action.id, "03/2027", "06/2027")
        roadmap_actions.set_referent(project, coop.roadmap_1, action.id, Referent.participant(coop.people["Bruno"]))
        roadmap_actions.add_resource(project, coop.roadmap_1, action.id, "money", coop.a, "8000", "bacs")
        roadmap_actions.add_milestone(project, coop.roadmap_1, "Inauguration", "06/2027", [coop.a])
        # March moves the plan on: the draft reads the latest roadmap.
        roadmap_actions.edit_action(project, coop.roadmap_2, action.id, text="Ouvrir le jardin partagé")
        fairness_sides.add_brought(project, coop.fairness_1, coop.b, "staff_time", "6", "accueil")
        fairness_sides.add_benefit(project, coop.fairness_1, coop.b, "Des sorties pour les résidents")
        fairness.declare(project, coop.fairness_1, coop.b, 2)
        fairness.add_adjustment(project, coop.fairness_1, coop.b, "Défrayer le foyer")
        blocks = build_convention(project, "2027-03-10")
        text = _texts(blocks)
        finances = next(s for s in statuses(project) if s.part is Part.FINANCES)
    assert "Des lieux de lien — objectifs opérationnels : " + TRICKY in text
    assert "★ Ouvrir le jardin partagé | Bruno Roy | 03/2027 → 06/2027 | À faire" in text
    assert "06/2027 | Inauguration | Les Ateliers du Canal" in text
    assert "Feuille de route du projet, état au" in text and "1 action(s), 1 jalon(s)" in text
    assert "Feuille de route du projet : à établir" not in text
    assert "Les Ateliers du Canal | Argent : 8\u202f000 € (bacs), pour « Ouvrir le jardin partagé »" in text
    assert "Foyer Bellevue | 6 j | Des sorties pour les résidents | ●●○○○ 2/5 (dit en séance)" in text
    assert "Foyer Bellevue : Défrayer le foyer" in text
    assert not finances.settled and finances.begun  # the parties still settle the financial modalities
