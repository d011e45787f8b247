"""The minutes section, the register blocks, and the exercise's demo and reference fills."""

from __future__ import annotations

import random
from pathlib import Path

from workshop.minutes.blocks import Heading, Paragraph, Table
from workshop.minutes.contributors import PROPOSALS, contributions
from workshop.project import Project
from workshop.proposals import commitment_gauge, decide, follow_up, proposals, record_proposal
from workshop.proposals.register import register_blocks
from workshop.registry import get_exercise


def _texts(blocks: list) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(block.text)
        elif isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, Table):
            parts.append(" | ".join(block.header))
            parts.extend(" | ".join(row) for row in block.rows)
    return "\n".join(parts)


def _setup(project: Project) -> tuple[int, int, int]:
    a = project.add_structure("[bold]Jardins")
    b = project.add_structure("EHPAD | Tilleuls")
    zoe = project.add_participant("Zoé 🌱", a.id)
    w1 = project.add_workshop("Atelier 1", "2026-10-12")
    w2 = project.add_workshop("Atelier 2", "2026-12-07")
    kept = record_proposal(project, "Référent [/unique]", a.id, zoe.id, workshop_id=w1.id)
    refused = record_proposal(project, "Logiciel commun", b.id, workshop_id=w1.id, source="apt")
    later = record_proposal(project, "Jardin partagé", b.id, workshop_id=w2.id)
    decide(project, kept.id, "retained", on="2026-10-12", workshop_id=w1.id)
    decide(project, refused.id, "not_retained", "Contrats en cours", on="2026-10-12")
    follow_up(project, kept.id, referent=project.participant(zoe.id), due="2026-11-15", on="2026-10-12")
    decide(project, later.id, "under_study", on="2026-12-07")
    return w1.id, w2.id, kept.id


def test_minutes_section_content(project: Project) -> None:
    w1, w2, _ = _setup(project)
    blocks = contributions(PROPOSALS, project, project.workshop(w1))
    assert isinstance(blocks[0], Heading) and blocks[0].level == 2
    assert {b.level for b in blocks if isinstance(b, Heading)} == {2, 3}
    tables = [b for b in blocks if isinstance(b, Table)]
    made = tables[0]
    assert made.header[1] == "Proposition"
    assert [row[1] for row in made.rows] == ["Référent [/unique]", "Logiciel commun"]  # literal user text
    assert made.rows[1][5:] == ("Non retenue", "Contrats en cours")
    assert made.rows[0][2:4] == ("[bold]Jardins", "Zoé 🌱")
    text = _texts(blocks)
    assert "Engagement tenu : 50 %" not in text
    assert "Sous le seuil (50 % < 60 %) : encore 1 proposition retenue nécessaire" in text
    assert "ne comptent pas" in text  # how "under study" counts is stated
    assert "Suivi des actions retenues" in text
    assert "Historique" in text and "Propositions par structure" in text
    assert "proposals." not in text  # every label found in the catalog
    # Called for one agenda item, the whole-workshop section adds nothing.
    from workshop.proposals.minutes import proposals_section

    item = project.add_agenda_item(w1, "commitments", "Engagement")
    assert proposals_section(project, project.workshop(w1), item) == []


def test_minutes_of_the_next_workshop_show_what_was_due(project: Project) -> None:
    _, w2, kept = _setup(project)
    blocks = contributions(PROPOSALS, project, project.workshop(w2))
    follow = next(b for b in blocks if isinstance(b, Table) and "Échéance" in b.header)
    row = next(r for r in follow.rows if r[0] == str(kept))
    assert row[3:] == ("Zoé 🌱", "2026-11-15", "À faire (en retard)")
    assert "1 action(s) en retard." in _texts(blocks)
    history = next(b for b in blocks if isinstance(b, Table) and b.header[0] == "Atelier")
    assert [r[0] for r in history.rows] == ["Atelier 1", "Atelier 2"]
    assert history.rows[0][2] == "50 % (1/2)"
    assert history.rows[1][3] == "0 % (0/1)"


def test_no_proposal_no_section(project: Project) -> None:
    workshop = project.add_workshop("Vide", "2026-10-12")
    assert contributions(PROPOSALS, project, workshop) == []


def test_register_blocks(project: Project) -> None:
    _setup(project)
    blocks = register_blocks(project, day="2026-11-23")
    assert isinstance(blocks[0], Heading) and "Registre" in blocks[0].text
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) == 1
    register = tables[0]
    assert register.header == (
        "N°", "Proposition", "Structure", "Personne", "Atelier", "Date", "Décision", "Motif", "Référent", "Échéance", "État",
    )
    assert len(register.rows) == 3
    assert "proposals." not in _texts(blocks)
    first, second, third = register.rows
    assert first[1:] == (
        "Référent [/unique]", "[bold]Jardins", "Zoé 🌱", "Atelier 1", "2026-10-12", "Retenue", "—", "Zoé 🌱", "2026-11-15",
        "À faire (en retard)",
    )
    assert second[6:] == ("Non retenue", "Contrats en cours", "—", "—", "—")
    assert third[6] == "À l'étude"


def test_demo_fill(demo_path: Path) -> None:
    with Project.open(demo_path) as project:
        made = proposals(project)
        assert 7 <= len(made) <= 10
        assert len({p.structure_id for p in made}) >= 4
        gauge = commitment_gauge(project)
        assert gauge.kept and gauge.under_study >= 1 and gauge.not_retained >= 1
        assert any(p.status == "done" for p in made)
        planned = project.workshops()[-1]
        from workshop.proposals import due_since_last

        assert due_since_last(project, planned.id)


def test_reference_fill_is_deterministic(tmp_path: Path) -> None:
    def build(path: Path) -> list[tuple]:
        with Project.create(path, "Réf") as project:
            for n in range(3):
                s = project.add_structure(f"S{n}")
                project.add_participant(f"P{n}", s.id)
            exercise = get_exercise("commitments")
            rng = random.Random(7)
            for n, day in enumerate(("2026-01-10", "2026-03-10", "2026-06-10")):
                workshop = project.add_workshop(f"A{n}", day)
                item = project.add_agenda_item(workshop.id, "commitments", "Engagement")
                exercise.fill_reference(project, workshop, item, rng)
            made = proposals(project)
            assert len(made) == 45
            assert any(p.status == "done" for p in made)
            return [(p.text, p.decision, p.status, p.due) for p in made]

    assert build(tmp_path / "a.atelier") == build(tmp_path / "b.atelier")
