"""The minutes section, the register blocks, and the exercise's demo and reference exercises.fills."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from exercises.fills import reference_fill
from tests.commitment_example import build_example
from workshop.i18n import set_language
from workshop.minutes.blocks import Heading, Paragraph, Table
from workshop.minutes.contributors import PROPOSALS, contributions
from workshop.project import Project
from workshop.proposals import commitment, decide, follow_up, proposals, record_proposal
from workshop.proposals.register import register_blocks


def fr(text: str) -> str:
    return text.replace(" %", "\u00a0%")


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
    assert isinstance(blocks[0], Heading) and blocks[0].level == 1  # a part of its own, in the contents
    assert {b.level for b in blocks if isinstance(b, Heading)} == {1, 2}
    tables = [b for b in blocks if isinstance(b, Table)]
    made = tables[0]
    assert made.header[1] == "Proposition"
    assert [row[1] for row in made.rows] == ["Référent [/unique]", "Logiciel commun"]  # literal user text
    assert made.rows[1][5:] == ("Non retenue", "Contrats en cours")
    assert made.rows[0][2:4] == ("[bold]Jardins", "Zoé 🌱")
    text = _texts(blocks)
    # As of workshop 1: 1 retained of 2 stated, 1 not retained, none pending: out of reach.
    assert fr("Engagement non tenu : 0 % mises en œuvre < 60 %, seuil hors d'atteinte") in text
    assert fr("Retenues : 50 % (1 sur 2) — plus aucune proposition en attente : le seuil ne peut plus être atteint.") in text
    assert fr("Mises en œuvre : 0 % (0 sur 2) — il en faudrait encore 2.") in text
    assert "Aucun porteur n'est désigné (réglages du projet) : toutes les propositions comptent." in text
    assert fr("Seuil en vigueur : 60 %, celui de la méthode.") in text
    assert "Base : toutes les propositions énoncées" in text  # how the figures are counted is stated
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
    assert row[3:] == ("Zoé 🌱", "15 novembre 2026", "À faire (en retard)")
    assert "1 action(s) en retard." in _texts(blocks)
    history = next(b for b in blocks if isinstance(b, Table) and b.header[0] == "Atelier")
    assert [r[0] for r in history.rows] == ["Atelier 1", "Atelier 2"]
    assert history.rows[0][1:] == ("12 octobre 2026", fr("60 %"), fr("50 % (1 sur 2)"), fr("0 % (0 sur 2)"))
    assert history.rows[1][3:] == (fr("33 % (1 sur 3)"), fr("0 % (0 sur 3)"))


def test_old_minutes_keep_their_figures(project: Project) -> None:
    """Decisions, statuses and threshold changes after a workshop leave its minutes as they were."""
    w1, _, kept = _setup(project)
    before = _texts(contributions(PROPOSALS, project, project.workshop(w1)))
    follow_up(project, kept, status="done", on="2026-11-10")
    decide(project, proposals(project)[1].id, "retained", on="2026-11-11")
    project.set_threshold(50, confirmed=True, on="2026-11-12")
    assert _texts(contributions(PROPOSALS, project, project.workshop(w1))) == before
    later = _texts(contributions(PROPOSALS, project, project.workshop(project.workshops()[1].id)))
    assert fr("Seuil en vigueur : 50 %, abaissé le 12 novembre 2026 (il était de 60 %). En dessous des 60 % que demande la méthode.") in later
    assert fr("Engagement pas encore tenu : 33 % mises en œuvre < 50 %") in later


def _example(project: Project) -> int:
    return build_example(project)


EXAMPLE_FR = [
    "Engagement pas encore tenu : 0 % mises en œuvre < 60 %",
    "Pour le tenir, 60 % des 40 propositions énoncées par les parties prenantes, soit 24, doivent être mises en œuvre.",
    "Retenues : 15 % (6 sur 40) — encore 18 à retenir.",
    "Mises en œuvre : 0 % (0 sur 40) — encore 24 à mettre en œuvre.",
    "2 proposition(s) du porteur lui-même : listées, mais hors du décompte.",
]
EXAMPLE_EN = [
    "Commitment not kept yet: 0% implemented < 60%",
    "To keep it, 60% of the 40 proposals stated by the stakeholders, that is 24, must be implemented.",
    "Retained: 15% (6 of 40) — 18 more must be retained.",
    "Implemented: 0% (0 of 40) — 24 more must be implemented.",
    "2 proposal(s) by the promoter itself: listed, but not counted.",
]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_example_in_the_minutes_and_the_register(project: Project, lang: str) -> None:
    set_language(lang)
    workshop_id = _example(project)
    expected = [fr(line) for line in EXAMPLE_FR] if lang == "fr" else EXAMPLE_EN
    minutes = _texts(contributions(PROPOSALS, project, project.workshop(workshop_id))).split("\n")
    register = _texts(register_blocks(project, day="2026-10-20")).split("\n")
    for line in expected:
        assert line in minutes
        assert line in register
    kept = "Engagement tenu" if lang == "fr" else "Commitment kept"
    assert not any(line.startswith(kept) for line in minutes + register)
    # The stacked counts: implemented | retained, to implement | pending | not retained | dropped | stated.
    counts = next(b for b in register_blocks(project, day="2026-10-20") if isinstance(b, Table) and len(b.rows) == 1)
    assert counts.rows[0] == ("0", "6", "30", "4", "0", "40")


def test_the_example_exported_to_docx_and_markdown(project: Project, tmp_path: Path) -> None:
    from tests.minutes_structure import outline_of_docx, outline_of_markdown
    from workshop.minutes.export import ExportTargets, export_minutes

    workshop_id = _example(project)
    paths = export_minutes(project, project.workshop(workshop_id), ExportTargets(docx=tmp_path / "cr.docx", markdown=tmp_path / "cr.md"))
    assert len(paths) == 2
    for outline in (outline_of_docx(tmp_path / "cr.docx"), outline_of_markdown((tmp_path / "cr.md").read_text(encoding="utf-8"))):
        text = "\n".join(line for _, line in outline)
        for line in EXAMPLE_FR[:4]:
            assert " ".join(fr(line).split()) in text


def test_no_proposal_no_section(project: Project) -> None:
    workshop = project.add_workshop("Vide", "2026-10-12")
    assert contributions(PROPOSALS, project, workshop) == []


def test_register_blocks(project: Project) -> None:
    _setup(project)
    blocks = register_blocks(project, day="2026-11-23")
    assert isinstance(blocks[0], Heading) and "Registre" in blocks[0].text
    headings = [b.text for b in blocks if isinstance(b, Heading) and b.level == 1]
    # The commitment first, dated; then one group per state, the late ones first.
    assert "23 novembre 2026" in headings[0]
    # The third proposal is stated on 2026-12-07, after the register's date.
    assert headings[1:] == ["Retenues, en retard (1)", "Non retenues (1)"]
    tables = [b for b in blocks if isinstance(b, Table)]
    assert all(len(table.header) <= 7 for table in tables)
    late, refused = tables[-2:]
    assert late.header == ("N°", "Proposition", "Proposée par", "Atelier", "Référent", "Échéance", "Précision")
    assert late.rows == (("1", "Référent [/unique]", "[bold]Jardins", "Atelier 1 (12 octobre 2026)", "Zoé 🌱", "15 novembre 2026", "attendue le 15 novembre 2026"),)
    assert refused.rows[0][6] == "Contrats en cours"
    assert "proposals." not in _texts(blocks)
    later = register_blocks(project, day="2026-12-07")
    studied = next(b for b in later if isinstance(b, Table) and b.rows and b.rows[0][1] == "Jardin partagé")
    assert studied.rows[0][1:4] == ("Jardin partagé", "EHPAD | Tilleuls", "Atelier 2 (7 décembre 2026)")
    assert "À l'étude (1)" in [b.text for b in later if isinstance(b, Heading)]


def test_register_is_landscape_and_dated(project: Project) -> None:
    from workshop.proposals.register import register_info

    info = register_info(project, day="2026-11-23")
    assert info.landscape and info.date == "2026-11-23" and "23 novembre 2026" in info.header


def test_outcomes_are_the_decisions_of_the_day(project: Project) -> None:
    from workshop.minutes.as_of import as_of
    from workshop.proposals.minutes import outcomes

    w1, _, _ = _setup(project)
    then = as_of(project, project.workshop(w1)).project
    found = outcomes(then, then.workshop(w1))
    # "Logiciel commun" was refused without saying in which workshop: not one of this workshop's decisions.
    assert [(d.subject, d.decision) for d in found.decisions] == [
        ("Propositions d'action", "1 retenue(s) (voir les actions), 0 non retenue(s), 0 mise(s) à l'étude"),
    ]
    assert [(a.what, a.who, a.structure, a.due, a.state) for a in found.actions] == [
        ("Référent [/unique]", "Zoé 🌱", "[bold]Jardins", "2026-11-15", "À faire"),
    ]


def test_demo_fill(demo_path: Path) -> None:
    with Project.open(demo_path) as project:
        made = proposals(project)
        assert 10 <= len(made) <= 14  # the tracker's own, APT's and the FFOM answers'
        assert sum(1 for p in made if p.source == "swot") == 3
        assert len({p.structure_id for p in made}) >= 4
        gauge = commitment(project, project.workshops()[-1].date)
        assert gauge.pending >= 1 and gauge.not_retained >= 1 and gauge.promoter_own >= 1
        assert gauge.done >= 1 and gauge.kept is False
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
            rng = random.Random(7)
            for n, day in enumerate(("2026-01-10", "2026-03-10", "2026-06-10")):
                workshop = project.add_workshop(f"A{n}", day)
                item = project.add_agenda_item(workshop.id, "commitments", "Engagement")
                reference_fill("commitments")(project, workshop, item, rng)
            made = proposals(project)
            assert len(made) == 45
            assert any(p.status == "done" for p in made)
            return [(p.text, p.decision, p.status, p.due) for p in made]

    assert build(tmp_path / "a.atelier") == build(tmp_path / "b.atelier")
