"""Governance: bodies and their rules, the leader and the team, and adoption by consent."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exercises import governance, governance_consent
from exercises.governance import BodySheet, DecisionRule, Phase, Status
from exercises.governance_minutes import minutes_blocks
from workshop.errors import ValidationError
from workshop.i18n import set_language
from workshop.minutes.blocks import Paragraph, Table
from workshop.model import StructureKind
from workshop.project import Project
from workshop.rounds import cast, get_round


@pytest.fixture
def item(project: Project) -> int:
    for name in ("Les Jardins", "EHPAD Les Tilleuls", "Centre social"):
        structure = project.add_structure(name, StructureKind.ASSOCIATION)
        project.add_participant(f"Direction {name}", structure.id)
        project.add_participant(f"Équipe {name}", structure.id)
    workshop = project.add_workshop("Atelier 2", "2026-12-07")
    return project.add_agenda_item(workshop.id, "governance", "Nos instances").id


def _members(project: Project) -> tuple[int, ...]:
    return tuple(s.id for s in project.structures())


def _steering(project: Project, **changes) -> BodySheet:
    sheet = BodySheet(
        "Comité de pilotage", Phase.PROJECT.value, True, "Oriente le projet", _members(project), (), "", "tous les deux mois",
        DecisionRule.CONSENT.value, "", "deux structures sur trois", "par le leader, quinze jours avant", "les choix d'orientation",
    )
    return replace(sheet, **changes)


def _vote(project: Project, round_id: int, answers: dict[int, tuple[str, str]]) -> None:
    started = get_round(project, round_id)
    for position, voter in enumerate(started.voters):
        answer, reason = answers.get(position, ("agree", ""))
        cast(project, round_id, voter, answer, reason)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("", "1/2"), ("simple", "1/2"), ("Majorité simple", "1/2"), ("2/3", "2/3"), ("4 / 6", "2/3"), ("3/4", "3/4"), ("60", "60 %"), ("60 %", "60 %"), ("66,5%", "66,5 %"), ("50 %", "1/2")],
)
def test_a_majority_threshold_is_read_as_people_write_it(typed: str, stored: str) -> None:
    assert governance.parse_majority(typed) == stored


@pytest.mark.parametrize("typed", ["1/3", "3/3", "100", "49 %", "deux tiers", "5/0", "2/3 des présents"])
def test_a_threshold_below_half_or_at_unanimity_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError, match="majority"):
        governance.parse_majority(typed)


def test_a_body_needs_a_name_of_its_own_and_a_readable_majority(project: Project, item: int) -> None:
    governance.add_body(project, item, _steering(project))
    with pytest.raises(ValidationError, match="name_empty"):
        governance.add_body(project, item, _steering(project, name="  "))
    with pytest.raises(ValidationError, match="duplicate"):
        governance.add_body(project, item, _steering(project, name="comité  de PILOTAGE"))
    with pytest.raises(ValidationError, match="majority"):
        governance.add_body(project, item, _steering(project, name="Assemblée", rule="majority", majority="un tiers"))
    assembly = governance.add_body(project, item, _steering(project, name="Assemblée", rule="majority", majority="2/3", structures=(*_members(project), 999)))
    assert assembly.majority == "2/3" and assembly.structures == list(_members(project))  # an unknown structure is dropped
    assert governance.rule_label(assembly) == "à la majorité qualifiée (2/3 des voix au moins)"
    # The threshold means nothing for another rule: it is not kept.
    team = governance.add_body(project, item, _steering(project, name="Groupe", majority="2/3"))
    assert team.majority == ""


def test_an_objection_sends_the_rules_back_to_editing_and_consent_then_adopts_them(project: Project, item: int) -> None:
    body = governance.add_body(project, item, _steering(project))
    started = governance_consent.start_consent(project, item, body.id, now=100.0)
    assert governance.load(project, item).body(body.id).status == Status.CONSENT
    with pytest.raises(ValidationError, match="consent_running"):
        governance.update_body(project, item, body.id, _steering(project, quorum="toutes"))
    _vote(project, started.id, {1: ("objection", "Le quorum laisse décider sans l'EHPAD"), 2: ("reservation", "Fréquence faible")})
    state = governance_consent.record_consent_round(project, item, started.id, now=200.0)
    objected = state.body(body.id)
    assert objected.status == Status.DRAFT and not objected.adopted
    assert objected.consents[0].passed is False and objected.consents[0].objections == ["Le quorum laisse décider sans l'EHPAD"]
    assert objected.consents[0].reservations == ["Fréquence faible"]
    governance_consent.note_handling(project, item, body.id, "Quorum : toutes les structures")
    governance.update_body(project, item, body.id, _steering(project, quorum="toutes les structures"))
    second = governance_consent.start_consent(project, item, body.id, now=300.0)
    _vote(project, second.id, {})
    adopted = governance_consent.record_consent_round(project, item, second.id).body(body.id)
    assert adopted.adopted and "Quorum : toutes les structures" in adopted.adopted_rules
    assert adopted.consents[0].handling == "Quorum : toutes les structures" and adopted.consents[1].passed is True
    with pytest.raises(ValidationError, match="adopted"):
        governance.update_body(project, item, body.id, _steering(project, quorum="aucun"))
    with pytest.raises(ValidationError, match="adopted"):
        governance_consent.start_consent(project, item, body.id)
    reopened = governance_consent.reopen(project, item, body.id).body(body.id)
    assert reopened.status == Status.DRAFT and len(reopened.consents) == 2
    governance.update_body(project, item, body.id, _steering(project, quorum="aucun"))


def test_the_rules_put_to_consent_are_kept_word_for_word(project: Project, item: int) -> None:
    body = governance.add_body(project, item, _steering(project, other_members="un représentant des [b]usagers[/b]"))
    started = governance_consent.start_consent(project, item, body.id)
    rules = governance.load(project, item).body(body.id).consents[0].rules
    assert rules.splitlines()[0] == "Comité de pilotage"
    assert "Membres : Centre social, EHPAD Les Tilleuls, Les Jardins, un représentant des [b]usagers[/b]" in rules
    assert "Quorum : deux structures sur trois" in rules
    assert "« Comité de pilotage »" in get_round(project, started.id).spec.question


def test_a_round_where_nobody_takes_a_position_decides_nothing(project: Project, item: int) -> None:
    body = governance.add_body(project, item, _steering(project))
    started = governance_consent.start_consent(project, item, body.id)
    for voter in started.voters:
        cast(project, started.id, voter, "abstain")
    after = governance_consent.record_consent_round(project, item, started.id).body(body.id)
    assert after.status == Status.DRAFT and after.consents[0].passed is None and not get_round(project, started.id).is_open


def test_a_consent_round_needs_members_and_can_be_stopped(project: Project, item: int) -> None:
    empty = governance.add_body(project, item, _steering(project, structures=()))
    with pytest.raises(ValidationError, match="no_members"):
        governance_consent.start_consent(project, item, empty.id)
    body = governance.add_body(project, item, _steering(project, name="Autre"))
    started = governance_consent.start_consent(project, item, body.id)
    assert governance_consent.start_consent(project, item, body.id).id == started.id  # resumed, not doubled
    stopped = governance_consent.abandon_consent(project, item, body.id).body(body.id)
    assert stopped.status == Status.DRAFT and not get_round(project, started.id).is_open


def test_a_round_ended_while_the_screen_was_away_is_recorded(project: Project, item: int) -> None:
    body = governance.add_body(project, item, _steering(project))
    started = governance_consent.start_consent(project, item, body.id)
    _vote(project, started.id, {})
    assert governance.load(project, item).body(body.id).status == Status.CONSENT
    assert governance_consent.sync_rounds(project, item).body(body.id).adopted


def test_consent_by_structure_gives_one_turn_per_structure(project: Project, item: int) -> None:
    body = governance.add_body(project, item, _steering(project))
    governance.set_by_structure(project, item, True)
    started = governance_consent.start_consent(project, item, body.id)
    assert started.spec.by_structure and sorted(started.voters) == sorted(_members(project))
    with pytest.raises(ValidationError, match="unit_while_running"):
        governance.set_by_structure(project, item, False)


def test_the_leader_and_the_rotating_team(project: Project, item: int) -> None:
    jardins, ehpad, centre = (s.id for s in sorted(project.structures(), key=lambda s: s.id))
    someone_else = next(p for p in project.participants() if p.structure_id == ehpad)
    with pytest.raises(ValidationError, match="leader_person_elsewhere"):
        governance.set_leader(project, item, jardins, someone_else.id)
    state = governance.set_leader(project, item, 0, someone_else.id, "  un jour par   semaine ")
    assert (state.leader_structure, state.leader_person, state.leader_means) == (ehpad, someone_else.id, "un jour par semaine")
    with pytest.raises(ValidationError, match="team_too_small"):
        governance.set_team(project, item, True, [jardins])
    state = governance.set_team(project, item, True, [jardins, centre, 404], "tous les six mois")
    assert state.team_structures == [jardins, centre] and state.rotation == "tous les six mois"


def test_nothing_to_take_up_in_a_first_workshop(project: Project, item: int) -> None:
    with pytest.raises(ValidationError, match="nothing_to_carry"):
        governance.carry_over(project, item)


def test_typical_bodies_are_added_once(project: Project, item: int) -> None:
    assert governance.add_typical_bodies(project, item) == 4
    assert governance.add_typical_bodies(project, item) == 0
    names = [b.name for b in governance.load(project, item).bodies]
    assert names == ["Comité de pilotage", "Groupe projet", "Assemblée des membres", "Comité de suivi"]
    assert governance.missing(governance.load(project, item).bodies[0]) == ["members", "quorum", "convened"]


def test_minutes_give_the_bodies_their_rules_and_the_consent_outcome(project: Project, item: int) -> None:
    body = governance.add_body(project, item, _steering(project))
    governance.add_body(project, item, _steering(project, name="Assemblée", rule="unanimity", quorum="", convened=""))
    started = governance_consent.start_consent(project, item, body.id)
    _vote(project, started.id, {0: ("objection", "Trop [rare]")})
    governance_consent.record_consent_round(project, item, started.id)
    blocks = minutes_blocks(project, governance.load(project, item))
    tables = [b for b in blocks if isinstance(b, Table)]
    bodies, rules, calling = tables
    assert [row[0] for row in bodies.rows] == ["Comité de pilotage", "Assemblée"]
    assert rules.header == ("Instance", "Décisions", "Quorum", "Règles")
    assert rules.rows[0][3] == "objection au tour 1 : à reprendre"
    assert rules.rows[1] == ("Assemblée", "à l'unanimité", "à décider", "pas encore soumises au consentement")
    assert calling.rows[1][1] == "à décider"
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert "Comité de pilotage, tour 1 : objection, règles reprises (D'accord : 5, Objection : 1)" in texts
    assert any(b for b in blocks if getattr(b, "items", None) == ("Trop [rare]",))


def test_english_labels(project: Project, item: int) -> None:
    set_language("en")
    body = governance.add_body(project, item, _steering(project, rule="majority", majority="3/4"))
    assert governance.rule_label(body) == "by qualified majority (at least 3/4 of the votes)"
    assert governance.rule_short(body) == "majority 3/4"


def test_what_would_act_on_the_terminal_never_reaches_the_rules(project: Project, item: int) -> None:
    body = governance.add_body(project, item, _steering(project, name="Comité\x1b[2J", quorum="la moitié\u202e\r\ndes membres"))
    # Shown as their stand-ins, one line (the core's text policy, workshop/text.py).
    assert body.name == "Comité\u241b[2J" and body.quorum == "la moitié\ufffd des membres"


def test_a_structure_sitting_in_a_body_or_leading_is_not_removed_silently(project: Project, item: int) -> None:
    jardins, ehpad, centre = (s.id for s in sorted(project.structures(), key=lambda s: s.id))
    for person in [p for p in project.participants()]:
        project.remove_participant(person.id)
    governance.add_body(project, item, _steering(project, structures=(ehpad,)))
    governance.set_leader(project, item, jardins)
    with pytest.raises(ValidationError, match="structure_in_body") as refused:
        project.remove_structure(ehpad)
    assert "Comité de pilotage" in refused.value.message()
    with pytest.raises(ValidationError, match="structure_leads"):
        project.remove_structure(jardins)
    project.remove_structure(centre)  # in no body, leading nothing
    assert {s.id for s in project.structures()} == {jardins, ehpad}


def test_the_next_workshop_takes_up_the_governance_where_it_was_left(demo_path) -> None:
    with Project.open(demo_path) as project:
        first, second = project.workshops()[:2]  # run in October, planned in December (then the workshop of the day)
        item = next(i.id for i in project.agenda(second.id) if i.kind == "governance")
        earlier_item = next(i.id for i in project.agenda(first.id) if i.kind == "governance")
        state = governance.carry_over(project, item)
        before = governance.load(project, earlier_item)
        assert [b.name for b in state.bodies] == [b.name for b in before.bodies]
        assert (state.leader_structure, state.leader_person, state.team_structures) == (before.leader_structure, before.leader_person, before.team_structures)
        steering, team, assembly = state.bodies
        assert steering.adopted and not steering.consents and steering.adopted_rules == before.bodies[0].adopted_rules
        assert steering.adopted_in == "« Atelier 1 — Poser les fondations » du 12 octobre 2026"
        assert assembly.status == Status.DRAFT and not assembly.adopted_in
        rules = next(b for b in minutes_blocks(project, state) if isinstance(b, Table) and b.header[-1] == "Règles")
        assert rules.rows[0][3] == "adoptées lors de l'atelier « Atelier 1 — Poser les fondations » du 12 octobre 2026"
        with pytest.raises(ValidationError, match="carry_not_empty"):
            governance.carry_over(project, item)
        # Amending carried rules: reopened, they are no longer "adopted earlier".
        reopened = governance_consent.reopen(project, item, steering.id).body(steering.id)
        assert reopened.status == Status.DRAFT and not reopened.adopted_in
        # The earlier workshop's record is untouched.
        assert governance.load(project, earlier_item) == before
