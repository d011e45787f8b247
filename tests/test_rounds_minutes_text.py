"""What the minutes print for each round (`workshop.rounds.minutes`): the line in its
sequence's table, the round in full in annex A, the decisions by consent in the
synthesis. Every expected text is worked out by hand from the ballots below and
the catalog's wording (French unless said).

The room: Abeille (Albert, Alice), Moulin (Marc), Zèbre (Zack, Zia, Zoé), in
this turn order. The workshop has two items, "Ouverture" then "Priorités".
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.rounds_room import seat_people
from workshop.i18n import set_language
from workshop.minutes.blocks import BulletList, Heading, Paragraph, Run, Table
from workshop.project import Project
from workshop.rounds import (
    RoundMode,
    RoundSpec,
    cast,
    contribute,
    finish_turn,
    get_round,
    results,
    reveal,
    skip,
    start_round,
)
from workshop.rounds.minutes import (
    HeldRound,
    annex_rounds,
    consent_decision,
    describe,
    format_count,
    format_share,
    held_rounds,
    item_rounds,
    mode_label,
    outcome_label,
    outcomes,
    result_summary,
    round_blocks,
    structure_table,
    unit_label,
)


@pytest.fixture
def room(project: Project) -> dict[str, Any]:
    structures, people = seat_people(project)
    workshop = project.add_workshop("Atelier")
    opening = project.add_agenda_item(workshop.id, "free", "Ouverture")
    priorities = project.add_agenda_item(workshop.id, "free", "Priorités")
    return {"w": workshop.id, "items": (opening.id, priorities.id), "s": structures, "p": people}


def start(project: Project, room: dict[str, Any], item: int, mode: RoundMode, question: str, **settings: Any) -> int:
    return start_round(project, room["w"], room["items"][item], RoundSpec(question, mode, **settings)).id


def vote(project: Project, room: dict[str, Any], round_id: int, ballots: dict[str, Any]) -> None:
    for name, choice in ballots.items():
        if isinstance(choice, tuple):
            cast(project, round_id, room["p"][name], choice[0], reason=choice[1])
        else:
            cast(project, round_id, room["p"][name], choice)


def dot_round(project: Project, room: dict[str, Any], item: int = 1, **settings: Any) -> int:
    rid = start(project, room, item, RoundMode.DOT, "Où s'installer ?", options=["Lyon", "Nantes", "Brest", "Caen"], budget=3, cap=2, **settings)
    vote(project, room, rid, {
        "Albert": [2, 1, 0, 0], "Alice": [0, 1, 2, 0], "Marc": [1, 0, 2, 0], "Zack": [0, 0, 0, 1], "Zia": [1, 1, 1, 0],
    })
    skip(project, rid, room["p"]["Zoé"])
    # Lyon 2+1+1 = 4, Nantes 1+1+1 = 3, Brest 2+2+1 = 5, Caen 1: 13 points, Zoé skipped
    return rid


def consent_round(project: Project, room: dict[str, Any], item: int = 0, question: str = "Adopter la charte ?", **settings: Any) -> int:
    rid = start(project, room, item, RoundMode.CONSENT, question, **settings)
    vote(project, room, rid, {
        "Albert": ("objection", "Trop cher"), "Alice": "agree", "Marc": ("reservation", "Le calendrier"),
        "Zack": "agree", "Zia": "abstain", "Zoé": "agree",
    })
    return rid


def one(project: Project, room: dict[str, Any], round_id: int) -> HeldRound:
    workshop = project.workshop(room["w"])
    return next(h for h in held_rounds(project, workshop) if h.round.id == round_id)


def text_of(blocks: list[Any]) -> list[Any]:
    """Each block as what it says: headings and paragraphs as text, lists as items, tables whole."""
    said: list[Any] = []
    for block in blocks:
        if isinstance(block, Heading):
            said.append((block.level, block.text))
        elif isinstance(block, Paragraph):
            said.append(block.text)
        elif isinstance(block, BulletList):
            said.append(list(block.items))
        elif isinstance(block, Table):
            said.append((block.caption, block.header, block.rows, block.total))
    return said


# Figures --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "in_french", "in_english"),
    [
        (3, "3", "3"), (3.0, "3", "3"), (0, "0", "0"), (1.5, "1,5", "1.5"), (2.1, "2,1", "2.1"),
        (1.166667, "1,17", "1.17"), (0.333333, "0,33", "0.33"), (2.001, "2", "2"), (12.25, "12,25", "12.25"),
    ],
)
def test_a_count_is_said_whole_or_to_two_decimals(value: float, in_french: str, in_english: str) -> None:
    # (not named `french`: that is the fixture that sets the language back for each test)
    assert format_count(value) == in_french
    set_language("en")
    assert format_count(value) == in_english


def test_a_share_is_a_whole_percentage() -> None:
    assert [format_share(s) for s in (5 / 13, 1.0, 0.0, 0.076923)] == ["38 %", "100 %", "0 %", "8 %"]
    set_language("en")
    assert format_share(5 / 13) == "38%"


def test_labels_of_modes_outcomes_and_units(project: Project, room: dict[str, Any]) -> None:
    rid = dot_round(project, room)
    assert mode_label(get_round(project, rid)) == "Vote par points"
    assert mode_label(results(project, rid)) == "Vote par points"
    assert unit_label(results(project, rid)) == "Points"
    assert unit_label(results(project, consent_round(project, room))) == "Voix"
    assert [outcome_label(p) for p in (True, False, None)] == [
        "Adoptée : aucune objection", "Non adoptée : objection", "Pas de décision (aucune réponse)",
    ]


# One line per round, in its sequence ---------------------------------------------------------------------
def test_each_sequence_lists_its_rounds_numbered_in_the_agenda_s_order(project: Project, room: dict[str, Any]) -> None:
    dot = dot_round(project, room, item=1)  # started first, but its item comes second
    consent = consent_round(project, room, item=0)
    ideas = start(project, room, 0, RoundMode.CONTRIBUTION, "Des idées ?")
    for name, text in (("Albert", "Un local"), ("Alice", "Une navette")):
        contribute(project, ideas, room["p"][name], text)
        finish_turn(project, ideas, room["p"][name])
    scale = start(project, room, 0, RoundMode.SCALE, "Confiance ?")
    vote(project, room, scale, {"Albert": 4, "Alice": 3, "Zack": None})
    empty = start(project, room, 1, RoundMode.SINGLE, "Quel jour ?", options=["Lundi", "Mardi"])
    workshop = project.workshop(room["w"])
    opening, priorities = (project.agenda_item(i) for i in room["items"])
    [first] = item_rounds(project, workshop, opening)
    assert first.caption == "Tours de table de cette séquence (détail en annexe A)"
    assert first.header == ("Tour", "Question", "Mode", "Participation", "Résultat")
    assert first.rows == (
        ("A.1", "Adopter la charte ?", "Consentement", "6/6", "Non adoptée : objection"),
        ("A.2", "Des idées ?", "Tour de contributions", "2/6", "2 contribution(s)"),
        ("A.3", "Confiance ?", "Échelle de 1 à 5", "3/6", "moyenne 3,5 sur 5"),
    )
    [second] = item_rounds(project, workshop, priorities)
    assert second.rows == (
        ("A.4", "Où s'installer ?", "Vote par points", "5/6", "Brest (5 pts) ; Lyon (4 pts) ; Nantes (3 pts)"),
        ("A.5", "Quel jour ?", "Choix unique", "0/6", "aucun bulletin"),
    )
    assert item_rounds(project, workshop, None) == []
    assert [h.round.id for h in held_rounds(project, workshop)] == [consent, ideas, scale, dot, empty]


def test_a_sequence_without_rounds_has_no_table(project: Project, room: dict[str, Any]) -> None:
    consent_round(project, room, item=0)
    workshop = project.workshop(room["w"])
    assert item_rounds(project, workshop, project.agenda_item(room["items"][1])) == []


def test_the_line_of_a_vote_names_its_three_best_options_with_votes(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, 0, RoundMode.SINGLE, "Quel lieu ?", options=["Lyon", "Nantes", "Brest"])
    vote(project, room, rid, {"Albert": 2, "Alice": 2, "Marc": 0})
    assert result_summary(one(project, room, rid)) == "Brest (2 voix) ; Lyon (1 voix)"  # Nantes had none


def test_the_line_of_a_round_with_only_blank_ballots_says_nothing_more(project: Project, room: dict[str, Any]) -> None:
    single = start(project, room, 0, RoundMode.SINGLE, "Quel lieu ?", options=["Lyon", "Nantes"])
    vote(project, room, single, {"Albert": None})
    scale = start(project, room, 0, RoundMode.SCALE, "Confiance ?")
    vote(project, room, scale, {"Albert": None})
    assert result_summary(one(project, room, single)) == "—"
    assert result_summary(one(project, room, scale)) == "—"


def test_the_line_of_a_round_whose_results_cannot_be_read(project: Project, room: dict[str, Any]) -> None:
    rid = dot_round(project, room)
    round_ = get_round(project, rid)
    held = HeldRound("A.1", project.agenda_item(room["items"][1]), round_, None)
    assert result_summary(held) == "—"


def test_a_weighted_line_says_fractions(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, 0, RoundMode.SINGLE, "Quel lieu ?", options=["x", "y"], one_structure_one_voice=True)
    vote(project, room, rid, {"Zack": 0, "Zia": 0, "Zoé": 1, "Albert": 0, "Alice": 1, "Marc": 1})
    # x 2/3 + 1/2 = 7/6, y 1/3 + 1/2 + 1 = 11/6
    assert result_summary(one(project, room, rid)) == "y (1,83 voix) ; x (1,17 voix)"


# A round in full, in annex A --------------------------------------------------------------------------
def test_a_dot_vote_in_full(project: Project, room: dict[str, Any]) -> None:
    rid = dot_round(project, room, secret=False)
    cast(project, rid, room["p"]["Zoé"], [0, 0, 1, 0], proxy=True)  # the facilitator votes for Zoé
    reveal(project, rid)
    # Brest 6, Lyon 4, Nantes 3, Caen 1: 14 points
    assert text_of(round_blocks(project, get_round(project, rid), number="A.2")) == [
        (3, "A.2 — Où s'installer ?"),
        "Mode : Vote par points (3 points par personne, 2 au plus par option) · vote à main levée · 6 sur 6 ont pris part. Par procuration : Zoé",
        (
            "Résultats, du plus au moins choisi (points)",
            ("Option", "Points", "Part"),
            (("Brest", "6", "43 %"), ("Lyon", "4", "29 %"), ("Nantes", "3", "21 %"), ("Caen", "1", "7 %")),
            ("Total", "14", "100 %"),
        ),
        (
            "Répartition par structure, dans l'ordre des résultats (points)",
            ("Option", "Abeille (2 bulletins)", "Moulin (1 bulletin)", "Zèbre (3 bulletins)", "Total"),
            (("Brest", "2", "2", "2", "6"), ("Lyon", "2", "1", "1", "4"), ("Nantes", "2", "0", "1", "3"), ("Caen", "0", "0", "1", "1")),
            ("Total", "6", "3", "5", "14"),
        ),
    ]


def test_labels_in_a_round_s_description_are_bold(project: Project, room: dict[str, Any]) -> None:
    rid = dot_round(project, room)
    cast(project, rid, room["p"]["Zoé"], [0, 0, 1, 0], proxy=True)
    paragraph = describe(project, get_round(project, rid), results(project, rid))
    assert [run.text for run in paragraph.runs if run.bold] == ["Mode : ", "Par procuration : "]


def test_a_secret_weighted_round_says_so_and_who_did_not_take_part(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, 0, RoundMode.SINGLE, "Quel lieu ?", options=["x", "y"], secret=True, one_structure_one_voice=True)
    vote(project, room, rid, {"Albert": 0, "Alice": 1, "Marc": 1})
    skip(project, rid, room["p"]["Zack"])
    paragraph = describe(project, get_round(project, rid), results(project, rid))
    assert paragraph.text == (
        "Mode : Choix unique · vote secret · une structure, une voix · 3 sur 6 ont pris part. N'ont pas pris part : Zack"
    )
    assert [run.text for run in paragraph.runs if run.bold] == ["Mode : ", "N'ont pas pris part : "]


def test_a_closed_round_names_everyone_who_did_not_take_part(project: Project, room: dict[str, Any]) -> None:
    from workshop.rounds import close_round

    rid = start(project, room, 0, RoundMode.SCALE, "Confiance ?")
    vote(project, room, rid, {"Albert": 4})
    skip(project, rid, room["p"]["Alice"])
    close_round(project, rid)
    paragraph = describe(project, get_round(project, rid), results(project, rid))
    assert paragraph.text == (
        "Mode : Échelle de 1 à 5 · vote à main levée · 1 sur 6 ont pris part. N'ont pas pris part : Alice, Marc, Zack, Zia, Zoé"
    )


def test_a_round_by_structure_says_so(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, 0, RoundMode.SCALE, "Confiance ?", by_structure=True)
    for voter, value in zip(get_round(project, rid).voters, (4, 2, 5), strict=True):
        cast(project, rid, voter, value)
    round_ = get_round(project, rid)
    blocks = text_of(round_blocks(project, round_))
    assert blocks[0] == (3, "Confiance ?")  # no number outside annex A
    assert blocks[1] == "Mode : Échelle de 1 à 5 · vote à main levée · un tour par structure · 3 sur 3 ont pris part"
    assert blocks[2] == "Résultats non révélés pendant l'atelier."
    caption, header, rows, total = blocks[3]
    assert (caption, header) == ("Résultats, du plus au moins choisi (voix)", ("Option", "Voix", "Part"))
    assert rows[1] == ("2 · Plutôt pas", "1", "33 %") and total == ("Total", "3", "100 %")
    assert blocks[4] == "Moyenne : 3,67"  # (4 + 2 + 5) / 3


def test_the_not_revealed_note_is_in_italics(project: Project, room: dict[str, Any]) -> None:
    rid = dot_round(project, room)
    note = next(b for b in round_blocks(project, get_round(project, rid)) if isinstance(b, Paragraph) and "révélés" in b.text)
    assert note.runs == (Run("Résultats non révélés pendant l'atelier.", italic=True),)


def test_a_round_with_no_point_given_has_no_share_in_its_total(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, 0, RoundMode.SINGLE, "Quel lieu ?", options=["Lyon", "Nantes"])
    vote(project, room, rid, {"Albert": None})
    reveal(project, rid)
    table = [b for b in round_blocks(project, get_round(project, rid)) if isinstance(b, Table)][0]
    assert table.rows == (("Lyon", "0", "0 %"), ("Nantes", "0", "0 %"))
    assert table.total == ("Total", "0", "—")


def test_a_consent_round_in_full(project: Project, room: dict[str, Any]) -> None:
    rid = consent_round(project, room)
    reveal(project, rid)
    blocks = text_of(round_blocks(project, get_round(project, rid), number="A.1"))
    assert blocks[0] == (3, "A.1 — Adopter la charte ?")
    assert blocks[1] == "Mode : Consentement · vote à main levée · 6 sur 6 ont pris part"
    assert blocks[2][2] == (
        ("D'accord", "3", "50 %"), ("Je peux vivre avec (réserve)", "1", "17 %"), ("Objection", "1", "17 %"), ("Abstention", "1", "17 %"),
    )
    assert blocks[3] == [
        "Décision : Non adoptée : objection",
        "Objection : Trop cher",
        "Je peux vivre avec (réserve) : Le calendrier",
    ]
    assert blocks[4][1] == ("Option", "Abeille (2 bulletins)", "Moulin (1 bulletin)", "Zèbre (3 bulletins)", "Total")
    assert len(blocks) == 5


def test_a_secret_breakdown_of_part_of_the_ballots_says_the_rest_is_withheld(project: Project, room: dict[str, Any]) -> None:
    # Zèbre's three ballots came together (tagged); Abeille's and Moulin's came untagged:
    # the breakdown shows Zèbre alone and must say why the others are missing.
    rid = start(project, room, 0, RoundMode.SINGLE, "Quel lieu ?", options=["x", "y"], secret=True)
    vote(project, room, rid, {"Zack": 0, "Zia": 1, "Zoé": 0, "Albert": 1, "Alice": 1, "Marc": 0})
    result = results(project, rid)
    assert [s.name for s in result.per_structure] == ["Zèbre"]
    table, note = structure_table(result)
    assert isinstance(table, Table) and table.header == ("Option", "Zèbre (3 bulletins)", "Total")
    assert table.rows == (("x", "2", "2"), ("y", "1", "1"))  # x 3, y 3: x first, as in the results
    assert isinstance(note, Paragraph)
    assert note.runs == (Run("Certaines structures ne sont pas détaillées : leur résultat révélerait un vote secret.", italic=True),)


def test_a_contribution_round_in_full_names_the_authors_of_an_open_round(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, 0, RoundMode.CONTRIBUTION, "Des idées ?")
    for name, text in (("Albert", "Un local"), ("Alice", "Une navette")):
        contribute(project, rid, room["p"][name], text)
        finish_turn(project, rid, room["p"][name])
    assert text_of(round_blocks(project, get_round(project, rid), number="A.3")) == [
        (3, "A.3 — Des idées ?"),
        "Mode : Tour de contributions · 2 sur 6 ont pris part",
        ["Un local (Albert)", "Une navette (Alice)"],
    ]


def test_an_anonymous_round_names_no_author(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, 0, RoundMode.CONTRIBUTION, "Des idées ?", secret=True)
    for voter in get_round(project, rid).voters:
        contribute(project, rid, voter, "Idée")
        finish_turn(project, rid, voter)
    blocks = text_of(round_blocks(project, get_round(project, rid)))
    assert blocks[2] == ["Idée"] * 6


def test_a_contribution_round_by_structure_and_one_without_contributions(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, 0, RoundMode.CONTRIBUTION, "Des idées ?", by_structure=True)
    first = get_round(project, rid).voters[0]
    contribute(project, rid, first, "Un local")
    assert text_of(round_blocks(project, get_round(project, rid)))[2] == ["Un local"]  # by structure: no person to name
    empty = start(project, room, 0, RoundMode.CONTRIBUTION, "Rien ?")
    assert len(round_blocks(project, get_round(project, empty))) == 2  # heading, description


# Annex A --------------------------------------------------------------------------------------------
def test_annex_a_gives_every_round_of_the_workshop_once(project: Project, room: dict[str, Any]) -> None:
    dot_round(project, room, item=1)
    consent_round(project, room, item=0)
    workshop = project.workshop(room["w"])
    annex = annex_rounds(project, workshop, None)
    headings = [(b.level, b.text) for b in annex if isinstance(b, Heading)]
    assert headings == [(2, "Annexe A — Tours de table, un par un"), (3, "A.1 — Adopter la charte ?"), (3, "A.2 — Où s'installer ?")]
    assert isinstance(annex[1], Paragraph) and annex[1].text.startswith("Chaque tour de table de l'atelier")
    assert annex_rounds(project, workshop, project.agenda_item(room["items"][0])) == []  # only once, at the end


def test_no_annex_without_rounds(project: Project, room: dict[str, Any]) -> None:
    assert annex_rounds(project, project.workshop(room["w"]), None) == []


def test_each_workshop_s_minutes_give_its_own_rounds(project: Project, room: dict[str, Any]) -> None:
    consent_round(project, room, item=0)
    other = project.add_workshop("Atelier 2")
    item = project.add_agenda_item(other.id, "free", "Suite")
    rid = start_round(project, other.id, item.id, RoundSpec("Et ensuite ?", RoundMode.SCALE)).id
    first = project.workshop(room["w"])
    second = project.workshop(other.id)
    assert [h.round.spec.question for h in held_rounds(project, first)] == ["Adopter la charte ?"]
    assert [h.round.id for h in held_rounds(project, second)] == [rid]
    assert [h.number for h in held_rounds(project, second)] == ["A.1"]
    assert [h.round.spec.question for h in held_rounds(project, first)] == ["Adopter la charte ?"]


# Decisions by consent, in the synthesis -------------------------------------------------------------------
def test_a_decision_by_consent_says_its_counts(project: Project, room: dict[str, Any]) -> None:
    blocked = consent_round(project, room)
    passed = start(project, room, 0, RoundMode.CONSENT, "Garder le lieu ?")
    vote(project, room, passed, {"Albert": "agree", "Alice": "reservation", "Marc": "agree"})
    undecided = start(project, room, 0, RoundMode.CONSENT, "Changer de date ?")
    vote(project, room, undecided, {"Albert": "abstain"})
    assert consent_decision(results(project, blocked)) == (
        "non adoptée, objection (d'accord : 3, réserve : 1, objection : 1, abstention : 1) ; à retravailler"
    )
    assert consent_decision(results(project, passed)) == "adoptée sans objection (d'accord : 2, réserve : 1)"
    assert consent_decision(results(project, undecided)) == "pas de décision (aucune réponse)"
    set_language("en")
    assert consent_decision(results(project, passed)) == "adopted with no objection (agree: 2, reservation: 1)"


def test_a_weighted_decision_says_fractions(project: Project, room: dict[str, Any]) -> None:
    rid = start(project, room, 0, RoundMode.CONSENT, "Adopter ?", one_structure_one_voice=True)
    vote(project, room, rid, {"Zack": "agree", "Zia": "agree", "Zoé": "reservation", "Marc": "agree"})
    # Zèbre: agree 2/3, reservation 1/3; Moulin: agree 1
    assert consent_decision(results(project, rid)) == "adoptée sans objection (d'accord : 1,67, réserve : 0,33)"


def test_the_synthesis_gives_the_free_consent_rounds_that_were_answered(project: Project, room: dict[str, Any]) -> None:
    consent_round(project, room, item=1, question="Adopter la charte ?")
    start(project, room, 0, RoundMode.CONSENT, "Sans réponse ?")  # no ballot: nothing decided
    owned = consent_round(project, room, item=0, question="Charte de l'exercice ?", owner="governance:consent")
    dot_round(project, room)
    passed = start(project, room, 0, RoundMode.CONSENT, "Garder le lieu ?")
    vote(project, room, passed, {"Albert": "agree"})
    found = outcomes(project, project.workshop(room["w"]))
    assert [(d.subject, d.decision) for d in found.decisions] == [
        ("Garder le lieu ?", "adoptée sans objection (d'accord : 1)"),
        ("Adopter la charte ?", "non adoptée, objection (d'accord : 3, réserve : 1, objection : 1, abstention : 1) ; à retravailler"),
    ]
    assert results(project, owned).ballots == 6  # answered, but its exercise reports it


def test_a_secret_breakdown_says_so_only_when_something_is_withheld(project: Project, room: dict[str, Any]) -> None:
    project.add_participant("Aline", room["s"]["Abeille"])
    rid = start(project, room, 0, RoundMode.SINGLE, "Quel lieu ?", options=["x", "y"], secret=True)
    z, a = room["s"]["Zèbre"], room["s"]["Abeille"]

    def breakdown(choices: list[tuple[int, int | None]]) -> list[Any]:
        ballots = [{"choice": c, "reason": "", "structure_id": s} for c, s in choices]
        turns = {str(v): "taken" for v in get_round(project, rid).voters}  # everyone has voted
        project.store.table("rounds").update({"ballots": ballots, "turns": turns}, doc_ids=[rid])
        return text_of(structure_table(results(project, rid)))

    # every ballot tagged, both structures mixed: all is shown, nothing to say
    shown = breakdown([(0, z), (1, z), (1, z), (0, a), (1, a), (0, a)])
    assert [block[1] for block in shown] == [("Option", "Abeille (3 bulletins)", "Zèbre (3 bulletins)", "Total")]
    # Zèbre unanimous: withheld, and said (the rest, with one untagged ballot, is mixed)
    shown = breakdown([(1, z), (1, z), (1, z), (0, a), (1, a), (0, a), (0, None)])
    assert shown[0][1] == ("Option", "Abeille (3 bulletins)", "Total")
    assert shown[1:] == ["Certaines structures ne sont pas détaillées : leur résultat révélerait un vote secret."]
    # both unanimous: no table at all, and the minutes say why
    assert breakdown([(1, z), (1, z), (1, z), (0, a), (0, a), (0, a)]) == [
        "Aucune structure n'est détaillée : chaque résultat révélerait un vote secret."
    ]


def test_a_round_outside_the_agenda_comes_last_in_annex_a_only(project: Project, room: dict[str, Any]) -> None:
    free = start_round(project, room["w"], 0, RoundSpec("Hors programme ?", RoundMode.SCALE)).id  # from the cockpit
    consent_round(project, room, item=1)
    workshop = project.workshop(room["w"])
    assert [(h.number, h.round.spec.question, h.item) for h in held_rounds(project, workshop)] == [
        ("A.1", "Adopter la charte ?", project.agenda_item(room["items"][1])),
        ("A.2", "Hors programme ?", None),
    ]
    assert held_rounds(project, workshop)[1].round.id == free
    assert [row[1] for table in (item_rounds(project, workshop, project.agenda_item(i)) for i in room["items"]) for t in table for row in t.rows] == ["Adopter la charte ?"]
    headings = [b.text for b in annex_rounds(project, workshop, None) if isinstance(b, Heading)]
    assert headings[1:] == ["A.1 — Adopter la charte ?", "A.2 — Hors programme ?"]


def test_a_round_whose_results_cannot_be_read_keeps_its_number_and_says_so(
    project: Project, room: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import workshop.rounds.minutes as rounds_minutes
    from workshop.errors import NotFound

    broken = consent_round(project, room, item=0, question="Illisible ?")
    consent_round(project, room, item=0)

    def results_or_not(project_: Project, round_id: int) -> Any:
        if round_id == broken:
            raise NotFound("error.not_found", what="rounds", id=round_id)
        return results(project_, round_id)

    monkeypatch.setattr(rounds_minutes, "results", results_or_not)
    workshop = project.workshop(room["w"])
    [table] = item_rounds(project, workshop, project.agenda_item(room["items"][0]))
    assert table.rows == (
        ("A.1", "Illisible ?", "Consentement", "—", "—"),
        ("A.2", "Adopter la charte ?", "Consentement", "6/6", "Non adoptée : objection"),
    )
    headings = [b.text for b in annex_rounds(project, workshop, None) if isinstance(b, Heading)]
    assert headings[1:] == ["A.2 — Adopter la charte ?"]  # nothing to say of the other in full
    assert [d.subject for d in outcomes(project, workshop).decisions] == ["Adopter la charte ?"]
