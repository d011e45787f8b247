"""The roadmap's and the fairness balance's sections of the minutes: the same in the
description, the .docx and the .md, in French and in English, user text literal,
and old minutes that never change when a later workshop moves the plan on."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from exercises import fairness, fairness_sides, roadmap, roadmap_actions, roadmap_objectives
from tests.minutes_structure import norm, outline_of_blocks, outline_of_docx, outline_of_markdown
from tests.roadmap_project import TRICKY, Cooperation, adopt_supra, build
from workshop.i18n import set_language
from workshop.minutes.blocks import Heading, Table
from workshop.minutes.builder import build_minutes
from workshop.minutes.export import ExportTargets, export_minutes
from workshop.project import Project
from workshop.proposals import Referent, decide, follow_up, record_proposal
from workshop.registry import get_exercise
from workshop.rounds import cast, skip


def _fill(path: Path) -> Cooperation:
    """Two workshops of roadmap and fairness work, with text that could break a document."""
    coop = build(path)
    project = coop.project
    adopt_supra(project, coop.supra_item, "Un lieu de lien dans chaque commune")
    stake = roadmap.add_stake(project, coop.roadmap_1, coop.c, TRICKY)
    other = roadmap.add_stake(project, coop.roadmap_1, coop.a, "Rompre l'isolement")
    shared = roadmap.add_shared(project, coop.roadmap_1, "Rompre l'isolement | ensemble", [stake.id, other.id])
    objective = roadmap_objectives.add_objective(project, coop.roadmap_1, "# Des lieux de lien", [shared.id])
    operational = roadmap_objectives.add_operational(project, coop.roadmap_1, objective.id, "Un lieu d'ici l'été")
    made = record_proposal(project, "Un minibus partagé", coop.b, workshop_id=coop.first)
    decide(project, made.id, "retained", on="2027-01-10")
    carried = roadmap_actions.take_proposal(project, coop.roadmap_1, operational.id, made.id)
    own = roadmap_actions.add_action(project, coop.roadmap_1, operational.id, "[/ Former les bénévoles")
    roadmap_actions.set_pilot(project, coop.roadmap_1, own.id, True)
    roadmap_actions.set_calendar(project, coop.roadmap_1, own.id, "01/2027", "02/2027", on="2027-01-10")
    roadmap_actions.set_calendar(project, coop.roadmap_1, carried.id, "02/2027", "2028-06", on="2027-01-10")
    roadmap_actions.set_referent(project, coop.roadmap_1, own.id, Referent.participant(coop.people["Chloé"]))
    roadmap_actions.set_skills(project, coop.roadmap_1, own.id, "Animation *de* groupe")
    roadmap_actions.add_resource(project, coop.roadmap_1, own.id, "money", coop.a, "1500", "supports | repas")
    roadmap_actions.set_partners(project, coop.roadmap_1, own.id, [coop.external])
    roadmap_actions.add_milestone(project, coop.roadmap_1, "Inauguration", "06/2027", [coop.a, coop.c])
    fairness_sides.add_brought(project, coop.fairness_1, coop.c, "staff_time", "12", TRICKY)
    fairness_sides.add_benefit(project, coop.fairness_1, coop.b, "Des sorties | pour les résidents")
    _felt(project, coop.fairness_1, {coop.a: 4, coop.b: 2, coop.c: 3}, secret=False)
    entry = fairness.add_adjustment(project, coop.fairness_1, coop.b, "Défrayer le foyer")
    fairness.propose_adjustment(project, coop.fairness_1, entry.id)
    return coop


def _felt(project: Project, item_id: int, ratings: dict[int, int], secret: bool) -> None:
    started = fairness.start_felt_round(project, item_id, secret=secret)
    for voter in started.voters:
        if voter in ratings:
            cast(project, started.id, voter, ratings[voter])
        else:
            skip(project, started.id, voter)
    fairness.record_felt_round(project, item_id, now=1.0)


def _section(project: Project, item_id: int) -> list:
    item = project.agenda_item(item_id)
    return get_exercise(item.kind).minutes_section(project, project.workshop(item.workshop_id), item)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_both_sections_read_the_same_in_the_docx_and_the_markdown(tmp_path: Path, lang: str) -> None:
    coop = _fill(tmp_path / "coop.atelier")
    set_language(lang)
    with coop.project as project:
        workshop = project.workshop(coop.first)
        blocks = build_minutes(project, workshop)
        targets = ExportTargets(tmp_path / "cr.docx", tmp_path / "cr.md")
        export_minutes(project, workshop, targets)
        sections = _section(project, coop.roadmap_1) + _section(project, coop.fairness_1)
    expected = outline_of_blocks(blocks)
    assert outline_of_docx(targets.docx) == expected
    assert outline_of_markdown(targets.markdown.read_text(encoding="utf-8")) == expected
    # Every heading and table of the two sections is in the .docx, cell for cell.
    document = docx.Document(str(targets.docx))
    headings = {norm(p.text) for p in document.paragraphs if p.style.name.startswith("Heading")}
    tables = [[[norm(c.text) for c in row.cells] for row in table.rows] for table in document.tables]
    for block in sections:
        if isinstance(block, Heading):
            assert norm(block.text) in headings
        if isinstance(block, Table):
            assert [[norm(c) for c in block.header], *[[norm(c) for c in row] for row in block.rows]] in tables
    # Nothing untranslated, and the user's text kept literally.
    markdown = targets.markdown.read_text(encoding="utf-8")
    assert "roadmap." not in markdown and "fairness." not in markdown and "means." not in markdown
    cells = {cell for table in tables for row in table for cell in row}
    assert norm(TRICKY) in cells and "[/ Former les bénévoles" in " ".join(cells)
    assert any("Rompre l'isolement | ensemble" in cell for cell in cells)
    words = {"fr": ("Étape 1 — Les enjeux de chaque structure", "Calendrier par", "Équilibre ressenti"),
             "en": ("Step 1 — Each structure's stakes", "Calendar by", "Felt balance")}[lang]
    flat = " ".join(headings) + " ".join(cells)
    assert all(word in flat for word in words)


def test_the_roadmap_section_keeps_every_link(tmp_path: Path) -> None:
    coop = _fill(tmp_path / "coop.atelier")
    with coop.project as project:
        blocks = _section(project, coop.roadmap_1)
    actions = next(b for b in blocks if isinstance(b, Table) and b.header[:2] == ("Action", "Objectif opérationnel"))
    rows = {row[0]: row for row in actions.rows}
    pilot = rows["★ [/ Former les bénévoles"]
    assert pilot[1:6] == ("Un lieu d'ici l'été", "Chloé Sow", "01/2027", "02/2027", "À faire")
    carried = rows["Un minibus partagé"]
    assert "proposition n° 1" in carried[6]
    assert list(rows) == ["★ [/ Former les bénévoles", "Un minibus partagé"]  # the pilot subject first
    objectives = next(b for b in blocks if isinstance(b, Table) and b.header[0] == "Objectif partagé")
    assert objectives.rows == (("# Des lieux de lien", "Rompre l'isolement | ensemble", "Un lieu d'ici l'été"),)
    calendar = next(b for b in blocks if isinstance(b, Table) and b.header[0] == "Action ou jalon")
    assert calendar.header[1:] == ("T1 2027", "T2 2027", "T3 2027", "T4 2027", "T1 2028", "T2 2028")
    texts = [b.text for b in blocks if hasattr(b, "text")]
    assert any("Un lieu de lien dans chaque commune" in text for text in texts)


def test_old_minutes_never_change_and_the_history_shows_the_evolution(tmp_path: Path) -> None:
    coop = _fill(tmp_path / "coop.atelier")
    with coop.project as project:
        january = project.workshop(coop.first)
        before = build_minutes(project, january)
        # March: the plan moves on, the felt balance is asked again, a structure says its rating.
        action = next(a for a in roadmap.load(project, coop.roadmap_2).actions if a.pilot)
        roadmap_actions.set_status(project, coop.roadmap_2, action.id, "done", on="2027-03-10")
        roadmap_actions.edit_action(project, coop.roadmap_2, action.id, text="Formation faite")
        _felt(project, coop.fairness_2, {coop.a: 3, coop.c: 1}, secret=True)  # the foyer absent from the round
        fairness.declare(project, coop.fairness_2, coop.c, 1)
        follow_up(project, 1, status="done", on="2027-03-10")  # the minibus, in the tracker
        # January's minutes as they stood (the proposal's state read on the workshop's date).
        assert build_minutes(project, january) == before
        march = _section(project, coop.fairness_2)
        march_roadmap = _section(project, coop.roadmap_2)
    history = next(b for b in march if isinstance(b, Table) and b.header[0] == "Atelier")
    # One row per check, one column per structure (the project's order): the history grows downwards.
    assert history.header == ("Atelier", TRICKY, "Foyer Bellevue", "Les Ateliers du Canal", "Moyenne", "Structures à 2 ou moins")
    assert history.rows == (
        ("10 janvier 2027", "3/5", "⚠ 2/5", "4/5", "3", "1"),
        ("10 mars 2027", "⚠ 1/5 *", "—", "secret", "2", "1"),
    )
    # The March roadmap follows up what fell due since January.
    start = next(n for n, b in enumerate(march_roadmap) if isinstance(b, Heading) and b.text == "Suivi depuis l'atelier précédent")
    table = next(b for b in march_roadmap[start:] if isinstance(b, Table))
    assert table.rows == (("Formation faite", "Chloé Sow", "02/2027", "Mise en œuvre"),)
