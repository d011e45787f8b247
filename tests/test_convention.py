"""The draft convention: every part present, filled from each exercise where it has data,
"to decide" where it has none; the clauses and the hidden-issues checklist."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from exercises import governance, supra
from workshop.convention import settings as convention_settings
from workshop.convention.builder import build_convention, statuses
from workshop.convention.export import export_convention
from workshop.convention.parts import ARTICLES, Part
from workshop.convention.settings import ISSUE_KEYS, Clause
from workshop.errors import ValidationError
from workshop.i18n import set_language, t
from workshop.minutes.blocks import BulletList, Heading, Paragraph, Table
from workshop.minutes.markdown_writer import render_markdown
from workshop.model import StructureKind
from workshop.project import Project

DAY = "2026-11-02"
ARTICLE_TITLES = [t(f"convention.part.{part.value}") for part in ARTICLES]


def _headings(blocks: list) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Heading)]


def _section(blocks: list, title: str) -> list:
    """The blocks under the level-1 heading that contains `title`, up to the next level-1 heading."""
    start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1 and title in b.text)
    end = next((i for i in range(start + 1, len(blocks)) if isinstance(blocks[i], Heading) and blocks[i].level == 1), len(blocks))
    return blocks[start + 1 : end]


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


def test_an_empty_project_has_every_part_each_saying_what_to_decide(project: Project) -> None:
    blocks = build_convention(project, DAY)
    headings = _headings(blocks)
    assert headings[0] == "Projet de convention de coopération"
    expected = ["Entre les parties", *[f"Article {n} — {title}" for n, title in enumerate(ARTICLE_TITLES, 1)]]
    expected += ["Points de vigilance avant signature", "Annexes", "Signatures"]
    assert [h for h in headings[1:] if h in expected] == expected
    for title in ["Entre les parties", *ARTICLE_TITLES]:
        section = _section(blocks, title)
        lead = section[0]
        assert isinstance(lead, Paragraph) and lead.text.startswith("À décider"), title
        assert isinstance(section[1], BulletList) and section[1].items, title
    issues = next(b for b in _section(blocks, "Points de vigilance") if isinstance(b, Table))
    assert len(issues.rows) == len(ISSUE_KEYS) and {row[2] for row in issues.rows} == {"à vérifier"}
    assert {row[0] for row in issues.rows} == {"Social", "Fiscal", "Économique", "Financier"}
    assert any("261 B" in row[1] for row in issues.rows)
    annexes = _texts(_section(blocks, "Annexes"))
    assert "Feuille de route du projet : à établir" in annexes and "aucune proposition d'action" in annexes
    assert "Document de travail" in _texts(blocks[:4]) and "conseil juridique" in _texts(blocks[:4])


def test_the_demo_fills_each_part_from_its_exercise(demo_path: Path) -> None:
    with Project.open(demo_path) as project:
        blocks = build_convention(project, DAY)
        text = _texts(blocks)
    parties = _texts(_section(blocks, "Entre les parties"))
    assert "Les Jardins de Montreuil | Association" in parties and "Conseil départemental" not in parties  # members only
    purpose = _texts(_section(blocks, "Objet et objectifs communs"))
    assert "adopté par consentement" in purpose and "communes où nous agissons" in purpose and "31/12/2028" in purpose
    values = _texts(_section(blocks, "Valeurs partagées"))
    assert "Solidarité | Quand une structure traverse une difficulté" in values
    assert "La présidence tourne chaque année entre les structures | Équité entre structures" in values  # the charter
    roles = _texts(_section(blocks, "Rôles et engagements"))
    assert "Mutualiser le planning des minibus pour les sorties | EHPAD Les Tilleuls | Centre social La Passerelle" in roles
    # The means each party puts in, in the matrix's words, and summed up per party.
    assert "Ouvrir un jardin partagé entre l'EHPAD et le centre social — pilote, niveau opérationnel ; moyens : temps de personnel, locaux" in roles
    assert "Moyens apportés à la coopération : temps de personnel, locaux, compétences" in roles
    partners = _texts(_section(blocks, "Articulation avec les partenaires"))
    assert "Caisse d'allocations familiales | financier" in partners and "Lycée agricole" not in partners
    gov = _texts(_section(blocks, "Gouvernance"))
    assert "Zoé Martin (Les Jardins de Montreuil)" in gov and "Comité de pilotage" in gov
    assert "Instances de la coopération" in gov and "pas encore adoptées par consentement" in gov  # the assembly
    finances = _section(blocks, "Modalités financières")
    assert "Soutiens financiers envisagés" in _texts(finances)
    assert "Communauté de communes du Val d'Orge : Créer un annuaire partagé des professionnels du territoire" in _texts(finances)
    assert any(isinstance(b, Paragraph) and b.text.startswith("À décider") for b in finances)  # offers do not settle it
    duration = _texts(_section(blocks, "Durée, révision et sortie"))
    assert "trois ans à compter de sa signature" in duration and "avenant" in duration
    assert "Sortie et adhésion\nÀ décider" in duration  # only the clause not written is left to decide
    assert _texts(_section(blocks, "Règlement des différends")).startswith("À décider")
    issues = next(b for b in _section(blocks, "Points de vigilance") if isinstance(b, Table))
    assert ("Social", t("convention.issue.social_dialogue"), "vérifié", "CSE de l'EHPAD informé le 5 novembre ; réunion d'équipe prévue aux Jardins.") in issues.rows
    # The annexes hold the roadmap's tables first, then the table of the workshops' minutes.
    minutes = next(b for b in _section(blocks, "Annexes") if isinstance(b, Table) and b.header[0] == t("convention.annexes.col_workshop"))
    assert "Feuille de route du projet, état au" in _texts(_section(blocks, "Annexes"))
    assert minutes.rows[0][0] == "Atelier 1 — Poser les fondations" and "Gouvernance" in minutes.rows[0][2]
    assert "Atelier 2" not in text  # the planned workshop produced nothing


def _supra(project: Project, workshop_id: int, sentence: str, adopt: bool) -> None:
    from workshop.rounds import cast

    item = project.add_agenda_item(workshop_id, "supra", "Objectif")
    supra.write_sentence(project, item.id, sentence, now=1.0)
    if adopt:
        started = supra.start_consent(project, item.id, now=2.0)
        for voter in started.voters:
            cast(project, started.id, voter, "agree")
        supra.record_consent_round(project, item.id, started.id)


@pytest.fixture
def small(project: Project) -> tuple[Project, int]:
    structure = project.add_structure("Les Jardins", StructureKind.ASSOCIATION)
    project.add_participant("Zoé", structure.id)
    return project, project.add_workshop("Atelier", "2026-10-01").id


def test_the_latest_adopted_objective_wins_and_an_unadopted_one_is_marked(small: tuple[Project, int]) -> None:
    project, workshop_id = small
    _supra(project, workshop_id, "Un premier objectif adopté", adopt=True)
    _supra(project, workshop_id, "Un objectif en discussion", adopt=False)
    purpose = _texts(_section(build_convention(project, DAY), "Objet et objectifs communs"))
    assert "Un premier objectif adopté" in purpose and "en discussion" not in purpose
    later = project.add_workshop("Atelier suivant", "2026-11-01").id
    _supra(project, later, "Le nouvel objectif adopté", adopt=True)
    assert "Le nouvel objectif adopté" in _texts(_section(build_convention(project, DAY), "Objet et objectifs communs"))


def test_an_objective_never_adopted_is_printed_as_still_to_validate(small: tuple[Project, int]) -> None:
    project, workshop_id = small
    _supra(project, workshop_id, "Rompre l'isolement", adopt=False)
    purpose = _texts(_section(build_convention(project, DAY), "Objet et objectifs communs"))
    assert purpose.startswith("Objectif en discussion, pas encore adopté") and "Rompre l'isolement" in purpose
    assert "Les indicateurs qui mesureront" in purpose and "L'échéance de l'objectif reste à fixer." in purpose


def test_duration_is_settled_only_when_its_three_clauses_are_written(project: Project) -> None:
    convention_settings.set_clause(project, Clause.DURATION, "Trois ans.")
    part = next(s for s in statuses(project) if s.part is Part.DURATION)
    assert part.begun and not part.settled
    section = _texts(_section(build_convention(project, DAY), "Durée, révision et sortie"))
    assert section.startswith("Durée\nTrois ans.") and "Révision\nÀ décider" in section and "Sortie et adhésion\nÀ décider" in section
    convention_settings.set_clause(project, Clause.REVISION, "Par avenant.")
    convention_settings.set_clause(project, Clause.EXIT, "Préavis de six mois.\nLes engagements en cours sont tenus.")
    part = next(s for s in statuses(project) if s.part is Part.DURATION)
    assert part.settled
    section = _section(build_convention(project, DAY), "Durée, révision et sortie")
    assert "À décider" not in _texts(section)
    assert [b.text for b in section if isinstance(b, Paragraph)][-2:] == ["Préavis de six mois.", "Les engagements en cours sont tenus."]
    convention_settings.set_clause(project, Clause.EXIT, "   ")  # emptied: back to "to decide"
    assert "Sortie et adhésion\nÀ décider" in _texts(_section(build_convention(project, DAY), "Durée, révision et sortie"))


def test_settings_refuse_what_they_do_not_know_or_cannot_hold(project: Project) -> None:
    with pytest.raises(ValidationError, match="no_such_clause"):
        convention_settings.set_clause(project, "preamble", "x")
    with pytest.raises(ValidationError, match="clause_too_long"):
        convention_settings.set_clause(project, Clause.DISPUTES, "x" * 4001)
    with pytest.raises(ValidationError, match="no_such_issue"):
        convention_settings.check_issue(project, "weather", True)
    with pytest.raises(ValidationError, match="note_too_long"):
        convention_settings.note_issue(project, "vat", "x" * 1001)
    convention_settings.note_issue(project, "vat", "Avis de l'expert-comptable\r\n  demandé ")
    convention_settings.check_issue(project, "vat", True)
    check = convention_settings.load(project).issue("vat")
    assert check.checked and check.note == "Avis de l'expert-comptable\ndemandé"


def test_governance_bodies_are_the_governance_part_with_their_adoption(small: tuple[Project, int]) -> None:
    project, workshop_id = small
    item = project.add_agenda_item(workshop_id, "governance", "Gouvernance").id
    members = tuple(s.id for s in project.structures())
    sheet = governance.BodySheet("Comité de pilotage", "project", True, "Orienter", members, rule="majority", majority="2/3")
    governance.add_body(project, item, sheet)
    gov = _section(build_convention(project, DAY), "Gouvernance")
    assert [b.text for b in gov if isinstance(b, Heading)] == ["Instances de la phase projet", "Comité de pilotage"]
    lines = next(b for b in gov if isinstance(b, BulletList)).items
    assert "Décisions : à la majorité qualifiée (2/3 des voix au moins)" in lines and "Quorum : à décider" in lines
    assert not any(isinstance(b, Paragraph) and b.text.startswith("À décider") for b in gov)


def test_hostile_text_stays_text_in_both_outputs(small: tuple[Project, int], tmp_path: Path) -> None:
    project, _ = small
    hostile = "# Titre\n| a | b |\n[lien](http://x) \x0b\x1b[31m fin"
    convention_settings.set_clause(project, Clause.DISPUTES, hostile)
    convention_settings.note_issue(project, "vat", "<w:p>&amp;</w:p> | ---")
    blocks = build_convention(project, DAY)
    markdown = render_markdown(blocks)
    assert "\n# Titre" not in markdown and "\\# Titre" in markdown
    target = export_convention(project, tmp_path / "c.docx", day=DAY)
    document = docx.Document(str(target))
    texts = [p.text for p in document.paragraphs]
    # What would act on the terminal is made visible when typed (the core's text
    # policy: ESC shows as ␛, a vertical tab breaks the line); the rest stays literal.
    assert "| a | b |" in texts and "[lien](http://x)" in texts and "␛[31m fin" in texts
    assert "\x1b" not in convention_settings.load(project).clause(Clause.DISPUTES)
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    assert "<w:p>&amp;</w:p> | ---" in cells


def test_the_docx_has_every_part_with_real_word_styles(demo_path: Path, tmp_path: Path) -> None:
    with Project.open(demo_path) as project:
        target = export_convention(project, tmp_path / "convention.docx", day=DAY)
    document = docx.Document(str(target))
    styles = {(p.style.name, p.text) for p in document.paragraphs}
    assert ("Title", "Projet de convention de coopération") in styles
    heading_1 = [text for style, text in styles if style == "Heading 1"]
    for title in ARTICLE_TITLES + ["Entre les parties", "Points de vigilance avant signature", "Annexes", "Signatures"]:
        assert any(title in h for h in heading_1), title
    assert all(table.style.name == "Compact Table" for table in document.tables)  # the documents' one table style
    assert document.core_properties.title == "Projet de convention — Coopération du Val d'Orge (démo)"
    assert document.core_properties.language == "fr-FR"


def test_english_draft(demo_path: Path) -> None:
    set_language("en")
    with Project.open(demo_path) as project:
        blocks = build_convention(project, DAY)
    headings = _headings(blocks)
    assert headings[0] == "Draft cooperation agreement" and "Article 5 — Governance" in headings
    assert "Drawn up from the following workshops: “Atelier 1 — Poser les fondations” of 12 October 2026." in _texts(blocks)
