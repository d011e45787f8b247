"""The FFOM (SWOT) exercise, step by step, without a screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from exercises import securing, swot, swot_answers, swot_compare, swot_weigh
from exercises.fills.rounds import contribute_all, vote_all
from exercises.swot import ALL_QUADRANTS, UNSORTED, Quadrant, Scope, Source, Step
from workshop.errors import ValidationError
from workshop.i18n import set_language
from workshop.minutes.blocks import Heading, Paragraph, Table
from workshop.project import Project
from workshop.proposals import proposal, proposals
from workshop.registry import get_exercise
from workshop.rounds import contribute, finish_turn, get_round

STRENGTH, WEAKNESS, OPPORTUNITY, THREAT = (q.value for q in Quadrant)
TRICKY = "[red]Zoé[/] [/ [0]"


class Room:
    """A small cooperation: two member structures, an external funder, five people."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.jardins = project.add_structure("Les Jardins")
        self.ehpad = project.add_structure("EHPAD Les Tilleuls", "establishment")
        self.funder = project.add_structure("Département", "funder", member=False)
        project.set_promoter(self.jardins.id)
        self.zoe = project.add_participant("Zoé Martin", self.jardins.id, "direction")
        self.karim = project.add_participant("Karim Benali", self.jardins.id)
        self.marc = project.add_participant("Marc Lefèvre", self.ehpad.id, "direction")
        self.nadia = project.add_participant("Nadia Haddad", self.ehpad.id, "manager")
        self.claire = project.add_participant("Claire Fontaine", self.funder.id)
        self.workshop = project.add_workshop("Atelier 1", "2026-10-12")
        self.item = project.add_agenda_item(self.workshop.id, "swot", "Diagnostic", 50)

    def says(self, round_id: int, said: dict[int, list[str]]) -> None:
        contribute_all(self.project, round_id, lambda voter: said.get(voter, []))


@pytest.fixture
def room(project: Project) -> Iterator[Room]:
    yield Room(project)


def entry(project: Project, item_id: int, text: str) -> swot.Entry:
    return next(e for e in swot.state(project, item_id).entries if e.text == text)


# Scope -------------------------------------------------------------------------------------
def test_a_new_diagnosis_is_of_the_cooperation_project(room: Room) -> None:
    current = swot.state(room.project, room.item.id)
    assert current.scope == Scope.PROJECT and current.step == Step.SCOPE
    assert [a.structure_id for a in current.analyses] == [0]
    assert swot.subject(room.project, current.analysis()) == "le projet de coopération"


def test_each_structure_in_turn_analyses_every_member_and_no_external_actor(room: Room) -> None:
    current = swot.choose_scope(room.project, room.item.id, Scope.EACH)
    assert {a.structure_id for a in current.analyses} == {room.jardins.id, room.ehpad.id}
    first = current.current
    assert swot.show_analysis(room.project, room.item.id, 1).current != first
    assert swot.show_analysis(room.project, room.item.id, 1).current == first  # round and round


def test_one_structure_and_the_scope_is_fixed_once_the_grid_has_entries(room: Room) -> None:
    current = swot.choose_scope(room.project, room.item.id, Scope.STRUCTURE, room.ehpad.id)
    assert [a.structure_id for a in current.analyses] == [room.ehpad.id]
    swot.add_entry(room.project, room.item.id, STRENGTH, "Une équipe stable")
    with pytest.raises(ValidationError) as refused:
        swot.choose_scope(room.project, room.item.id, Scope.PROJECT)
    assert refused.value.key == "swot.error.scope_has_entries"
    assert swot.state(room.project, room.item.id).analyses[0].structure_id == room.ehpad.id


# The grid ----------------------------------------------------------------------------------
def test_the_facilitator_types_entries_kept_literally(room: Room) -> None:
    added = swot.add_entry(room.project, room.item.id, WEAKNESS, f"  {TRICKY}\u202e\x1b  ")
    # Trimmed, brackets kept; control and bidi characters shown as stand-ins (the core's text policy).
    assert added.text == f"{TRICKY}\ufffd\u241b"
    current = swot.state(room.project, room.item.id)
    assert current.step == Step.GRID
    assert [e.text for e in current.entries_of(current.analysis().id, WEAKNESS)] == [f"{TRICKY}\ufffd\u241b"]
    with pytest.raises(ValidationError):
        swot.add_entry(room.project, room.item.id, WEAKNESS, "   ")
    with pytest.raises(ValidationError):
        swot.add_entry(room.project, room.item.id, WEAKNESS, "x" * (swot.MAX_TEXT + 1))


def test_move_an_entry_to_another_quadrant_drops_its_points(room: Room) -> None:
    wrong = swot.add_entry(room.project, room.item.id, STRENGTH, "La baisse des subventions")
    swot_weigh.record_weights(room.project, room.item.id, {wrong.id: (5.0, 3)})
    assert entry(room.project, room.item.id, "La baisse des subventions").retained
    moved = swot.move_entry(room.project, room.item.id, wrong.id, THREAT)
    assert moved.quadrant == THREAT
    assert moved.weight is None and moved.voters == 0 and not moved.retained
    current = swot.state(room.project, room.item.id)
    assert [e.id for e in current.entries_of(current.analysis().id, THREAT)] == [wrong.id]
    assert current.entries_of(current.analysis().id, STRENGTH) == []


def test_merge_keeps_every_author_and_wording(room: Room) -> None:
    started = swot.start_contribution_round(room.project, room.item.id, WEAKNESS, hidden=False)
    room.says(started.id, {room.zoe.id: ["Des locaux trop petits"], room.marc.id: ["Manque de place"]})
    swot.collect_contributions(room.project, room.item.id, started.id)
    typed = swot.add_entry(room.project, room.item.id, WEAKNESS, "Salles exiguës")
    ids = [entry(room.project, room.item.id, t).id for t in ("Des locaux trop petits", "Manque de place")] + [typed.id]
    merged = swot.merge_entries(room.project, room.item.id, ids, "Des locaux trop petits pour tous")
    current = swot.state(room.project, room.item.id)
    assert [e.text for e in current.entries] == ["Des locaux trop petits pour tous"]
    assert [(s.text, s.participant_id, s.structure_id) for s in merged.sources] == [
        ("Des locaux trop petits", room.zoe.id, room.jardins.id),
        ("Manque de place", room.marc.id, room.ehpad.id),
        ("Salles exiguës", None, None),
    ]
    assert not merged.by_facilitator  # people proposed it, not only the facilitator
    with pytest.raises(ValidationError):
        swot.merge_entries(room.project, room.item.id, [merged.id], "seul")


def test_merge_adds_points_and_carries_the_answers(room: Room) -> None:
    a = swot.add_entry(room.project, room.item.id, THREAT, "Fin des contrats aidés")
    b = swot.add_entry(room.project, room.item.id, THREAT, "Moins d'emplois aidés")
    swot_weigh.record_weights(room.project, room.item.id, {a.id: (4.0, 2), b.id: (3.0, 2)})
    answer = swot_answers.add_answer(room.project, room.item.id, b.id, "Un poste partagé")
    merged = swot.merge_entries(room.project, room.item.id, [a.id, b.id], "La fin des contrats aidés")
    assert merged.weight == 7.0 and merged.voters == 4
    assert swot.state(room.project, room.item.id).answer(answer.id).entry_id == merged.id


def test_merge_refuses_entries_of_two_structures(room: Room) -> None:
    current = swot.choose_scope(room.project, room.item.id, Scope.EACH)
    first, second = current.analyses
    a = swot.add_entry(room.project, room.item.id, STRENGTH, "Une équipe", first.id)
    b = swot.add_entry(room.project, room.item.id, STRENGTH, "Une équipe", second.id)
    with pytest.raises(ValidationError) as refused:
        swot.merge_entries(room.project, room.item.id, [a.id, b.id], "Une équipe")
    assert refused.value.key == "swot.error.merge_across_analyses"


def test_an_answered_entry_is_not_removed(room: Room) -> None:
    threat = swot.add_entry(room.project, room.item.id, THREAT, "Baisse des dotations")
    swot_answers.add_answer(room.project, room.item.id, threat.id, "Répondre ensemble aux appels à projets")
    with pytest.raises(ValidationError):
        swot.remove_entry(room.project, room.item.id, threat.id)
    other = swot.add_entry(room.project, room.item.id, THREAT, "Autre")
    swot.remove_entry(room.project, room.item.id, other.id)
    assert [e.text for e in swot.state(room.project, room.item.id).entries] == ["Baisse des dotations"]


# Rounds ------------------------------------------------------------------------------------
def test_a_quadrant_round_stays_hidden_until_its_quadrant_is_revealed(room: Room) -> None:
    project, item = room.project, room.item.id
    forces = swot.start_contribution_round(project, item, STRENGTH, hidden=True)
    room.says(forces.id, {room.zoe.id: ["Une équipe expérimentée"], room.marc.id: ["Un minibus adapté"]})
    threats = swot.start_contribution_round(project, item, THREAT, hidden=True)
    room.says(threats.id, {room.nadia.id: ["Des recrutements difficiles"]})
    swot.collect_contributions(project, item)
    current = swot.state(project, item)
    analysis = current.analysis().id
    assert swot.hidden_count(current, analysis) == 3
    swot.reveal(project, item, STRENGTH)
    current = swot.state(project, item)
    assert [e.hidden for e in current.entries_of(analysis, STRENGTH)] == [False, False]
    assert [e.hidden for e in current.entries_of(analysis, THREAT)] == [True]
    swot.collect_contributions(project, item)  # a round is collected once
    assert len(swot.state(project, item).entries) == 3
    swot.reveal(project, item, None)
    assert swot.hidden_count(swot.state(project, item), analysis) == 0


def test_an_open_round_is_shown_at_once(room: Room) -> None:
    started = swot.start_contribution_round(room.project, room.item.id, OPPORTUNITY, hidden=False)
    room.says(started.id, {room.karim.id: ["Un appel à projets"]})
    current = swot.collect_contributions(room.project, room.item.id, started.id)
    assert [(e.quadrant, e.hidden) for e in current.entries] == [(OPPORTUNITY, False)]


def test_a_four_quadrant_round_sorts_by_number_and_keeps_the_rest_to_sort(room: Room) -> None:
    started = swot.start_contribution_round(room.project, room.item.id, ALL_QUADRANTS, hidden=True)
    assert "1 force, 2 faiblesse, 3 opportunité, 4 menace" in get_round(room.project, started.id).spec.question
    room.says(
        started.id,
        {
            room.zoe.id: ["1: Une équipe soudée", "2) Peu de temps", "3 - Un appel à projets", "4. La fin des contrats aidés"],
            room.marc.id: ["3.5 postes vacants", "Un local à partager", "4 : la fin des contrats aidés"],
        },
    )
    current = swot.collect_contributions(room.project, room.item.id, started.id)
    by_quadrant = {q: [e.text for e in current.entries_of(current.analysis().id, q)] for q in (STRENGTH, WEAKNESS, OPPORTUNITY, THREAT, UNSORTED)}
    assert by_quadrant == {
        STRENGTH: ["Une équipe soudée"],
        WEAKNESS: ["Peu de temps"],
        OPPORTUNITY: ["Un appel à projets"],
        THREAT: ["la fin des contrats aidés"],  # the same words twice: one entry, in the first wording, two authors
        UNSORTED: ["3.5 postes vacants", "Un local à partager"],
    }
    twice = entry(room.project, room.item.id, "la fin des contrats aidés")
    # Voters go in the project's order: the EHPAD's people before the Jardins'.
    assert [(s.participant_id, s.text) for s in twice.sources] == [
        (room.marc.id, "la fin des contrats aidés"),
        (room.zoe.id, "La fin des contrats aidés"),
    ]
    with pytest.raises(ValidationError):  # nothing to weigh or retain before it is sorted
        swot_weigh.set_retained(room.project, room.item.id, entry(room.project, room.item.id, "Un local à partager").id, True)


def test_each_structure_in_turn_sends_each_contribution_to_its_authors_structure(room: Room) -> None:
    project, item = room.project, room.item.id
    current = swot.choose_scope(project, item, Scope.EACH)
    started = swot.start_contribution_round(project, item, WEAKNESS, hidden=False)
    assert "votre propre structure" in get_round(project, started.id).spec.question
    room.says(started.id, {room.zoe.id: ["Des locaux trop petits"], room.marc.id: ["Des recrutements difficiles"], room.claire.id: ["Peu de lien"]})
    current = swot.collect_contributions(project, item, started.id)
    of = {a.structure_id: [e.text for e in current.entries_of(a.id)] for a in current.analyses}
    on_screen = current.analysis().structure_id
    assert of[room.jardins.id][0] == "Des locaux trop petits"
    assert of[room.ehpad.id][0] == "Des recrutements difficiles"
    # The funder has no analysis of its own: what its person said goes to the one on screen.
    assert "Peu de lien" in of[on_screen]


def test_contributions_added_without_a_round_keep_their_authors(room: Room) -> None:
    said = [Source("1: Une équipe", room.zoe.id, room.jardins.id), Source("   ", room.marc.id, room.ehpad.id)]
    current = swot.add_contributions(room.project, room.item.id, ALL_QUADRANTS, said)
    assert [(e.quadrant, e.text, e.sources[0].participant_id) for e in current.entries] == [(STRENGTH, "Une équipe", room.zoe.id)]


# Weighing ----------------------------------------------------------------------------------
def _three_weaknesses(room: Room) -> list[int]:
    texts = ["Peu de temps", "Des locaux trop petits", "Une trésorerie fragile"]
    return [swot.add_entry(room.project, room.item.id, WEAKNESS, text).id for text in texts]


@pytest.mark.parametrize("secret", [False, True])
def test_a_dot_vote_per_quadrant_weighs_and_retains_the_weightiest(room: Room, secret: bool) -> None:
    project, item = room.project, room.item.id
    _three_weaknesses(room)
    swot.add_entry(project, item, STRENGTH, "Une équipe")
    vote = swot_weigh.start_weighing(project, item, WEAKNESS, secret=secret, budget=3)
    spec = get_round(project, vote.id).spec
    assert spec.secret is secret and spec.options == ["Peu de temps", "Des locaux trop petits", "Une trésorerie fragile"]
    assert swot.state(project, item).step == Step.WEIGH
    # Everyone gives 2 points to the premises, 1 to cash; nobody to time.
    vote_all(project, vote.id, lambda voter, n, budget, cap: [0, 2, 1])
    current = swot_weigh.collect_weights(project, item, vote.id)
    weights = {e.text: (e.weight, e.voters, e.retained) for e in current.entries_of(current.analysis().id, WEAKNESS)}
    assert weights == {
        "Des locaux trop petits": (10.0, 5, True),
        "Une trésorerie fragile": (5.0, 5, True),
        "Peu de temps": (0.0, 0, False),  # no point, not retained, whatever the count
    }
    assert [e.text for e in current.entries_of(current.analysis().id, WEAKNESS)][0] == "Des locaux trop petits"
    assert current.entries_of(current.analysis().id, STRENGTH)[0].weight is None  # other quadrants untouched
    assert vote.id in current.weighed_rounds


def test_a_second_vote_keeps_what_the_facilitator_retained(room: Room) -> None:
    project, item = room.project, room.item.id
    ids = _three_weaknesses(room)
    swot_weigh.set_retained(project, item, ids[0], True)
    swot_weigh.record_weights(project, item, {ids[1]: (9.0, 4), ids[2]: (1.0, 1)})
    current = swot.state(project, item)
    assert [e.id for e in current.entries if e.retained] == [ids[0]]


def test_a_vote_needs_two_revealed_entries_and_fits_the_keys(room: Room) -> None:
    project, item = room.project, room.item.id
    swot.add_entry(project, item, THREAT, "Une seule menace")
    with pytest.raises(ValidationError) as refused:
        swot_weigh.start_weighing(project, item, THREAT)
    assert refused.value.key == "swot.error.weigh_needs_two"
    started = swot.start_contribution_round(project, item, THREAT, hidden=True)
    room.says(started.id, {room.zoe.id: ["Une autre"]})
    swot.collect_contributions(project, item, started.id)
    with pytest.raises(ValidationError) as refused:
        swot_weigh.start_weighing(project, item, THREAT)
    assert refused.value.key == "swot.error.weigh_hidden"
    for n in range(swot.MAX_OPTIONS):
        swot.add_entry(project, item, OPPORTUNITY, f"Opportunité {n}")
    swot.add_entry(project, item, OPPORTUNITY, "Une de trop")
    with pytest.raises(ValidationError) as refused:
        swot_weigh.start_weighing(project, item, OPPORTUNITY)
    assert refused.value.key == "swot.error.weigh_too_many"


def test_ballot_labels_stay_unique_when_two_entries_read_alike(room: Room) -> None:
    current = swot.choose_scope(room.project, room.item.id, Scope.PROJECT)
    a = swot.add_entry(room.project, room.item.id, STRENGTH, "Une équipe")
    b = swot.add_entry(room.project, room.item.id, STRENGTH, "Une équipe")
    current = swot.state(room.project, room.item.id)
    assert swot_weigh.option_labels([current.entry(a.id), current.entry(b.id)]) == ["Une équipe", "Une équipe (2)"]


# Answers -----------------------------------------------------------------------------------
def _retained_threat(room: Room) -> swot.Entry:
    threat = swot.add_entry(room.project, room.item.id, THREAT, "La baisse des subventions")
    swot_weigh.set_retained(room.project, room.item.id, threat.id, True)
    return threat


def test_only_retained_weaknesses_and_threats_are_put_to_the_room(room: Room) -> None:
    project, item = room.project, room.item.id
    threat = _retained_threat(room)
    strength = swot.add_entry(project, item, STRENGTH, "Une équipe")
    swot_weigh.set_retained(project, item, strength.id, True)
    swot.add_entry(project, item, WEAKNESS, "Pas retenue")
    assert [e.id for e in swot_answers.to_answer(swot.state(project, item))] == [threat.id]


def test_the_room_answers_in_a_round_with_its_authors(room: Room) -> None:
    project, item = room.project, room.item.id
    threat = _retained_threat(room)
    started = swot_answers.start_answer_round(project, item, threat.id)
    question = get_round(project, started.id).spec.question
    assert question.startswith("Dans quelle mesure la coopération peut-elle être une solution à cette menace")
    assert "La baisse des subventions" in question
    room.says(started.id, {room.zoe.id: ["Répondre ensemble aux appels à projets"], room.marc.id: [TRICKY]})
    current = swot_answers.collect_answers(project, item, started.id)
    swot_answers.collect_answers(project, item, started.id)
    assert [(a.text, a.participant_id, a.structure_id) for a in swot.state(project, item).answers] == [
        (TRICKY, room.marc.id, room.ehpad.id),
        ("Répondre ensemble aux appels à projets", room.zoe.id, room.jardins.id),
    ]
    assert current.step == Step.ANSWERS


def test_an_answer_becomes_an_action_proposal_of_its_authors_structure(room: Room) -> None:
    project, item = room.project, room.item.id
    threat = _retained_threat(room)
    answer = swot_answers.add_answer(project, item, threat.id, "Mutualiser un poste", participant_id=room.marc.id)
    made = swot_answers.record_proposal(project, item, answer.id)
    assert (made.text, made.structure_id, made.participant_id) == ("Mutualiser un poste", room.ehpad.id, room.marc.id)
    assert (made.source, made.item_id, made.workshop_id, made.date) == ("swot", item, room.workshop.id, "2026-10-12")
    assert swot.state(project, item).answer(answer.id).proposal_ids == [made.id]
    assert proposal(project, made.id).text == "Mutualiser un poste"


def test_an_answer_nobody_signed_is_proposed_by_the_structure_analysed(room: Room) -> None:
    project, item = room.project, room.item.id
    swot.choose_scope(project, item, Scope.STRUCTURE, room.ehpad.id)
    threat = _retained_threat(room)
    answer = swot_answers.add_answer(project, item, threat.id, "Un groupement d'employeurs")
    assert swot_answers.answer_author(project, swot.state(project, item), answer.id) == (room.ehpad.id, 0)
    made = swot_answers.record_proposal(project, item, answer.id, structure_id=room.jardins.id)
    assert made.structure_id == room.jardins.id and made.participant_id == 0


def test_an_answer_becomes_an_element_to_secure(room: Room) -> None:
    from workshop.proposals import Referent

    project, item = room.project, room.item.id
    threat = _retained_threat(room)
    answer = swot_answers.add_answer(project, item, threat.id, "Un poste d'encadrant partagé", participant_id=room.zoe.id)
    element = swot_answers.record_element(
        project, item, answer.id, "Financer un poste partagé", Referent.participant(room.karim.id), due="20/11/2026", notes="Piste : le fonds départemental"
    )
    stored = securing.element(project, element.id)
    assert (stored.text, stored.referent_participant_id, stored.due, stored.notes) == (
        "Financer un poste partagé", room.karim.id, "2026-11-20", "Piste : le fonds départemental"
    )
    assert (stored.origin, stored.item_id, stored.workshop_id) == ("swot", item, room.workshop.id)
    assert stored.origin_detail == {"quadrant": "threat", "structure_id": 0, "answer_to": "La baisse des subventions"}
    assert swot.state(project, item).answer(answer.id).element_ids == [element.id]
    with pytest.raises(ValidationError):  # the same answer is taken once
        swot_answers.record_element(project, item, answer.id)
    with pytest.raises(ValidationError):  # and it stays in the minutes
        swot_answers.remove_answer(project, item, answer.id)


# Comparison --------------------------------------------------------------------------------
def test_comparison_shows_what_structures_share_and_what_is_their_own(room: Room) -> None:
    project, item = room.project, room.item.id
    current = swot.choose_scope(project, item, Scope.EACH)
    of = {a.structure_id: a.id for a in current.analyses}
    swot.add_entry(project, item, WEAKNESS, "Des locaux vieillissants", of[room.ehpad.id])
    swot.add_entry(project, item, WEAKNESS, "Peu de temps pour la coordination", of[room.jardins.id])
    swot.add_entry(project, item, WEAKNESS, "peu de temps pour la COORDINATION", of[room.ehpad.id])
    swot.add_entry(project, item, WEAKNESS, "Des locaux trop petits", of[room.jardins.id])
    swot.add_entry(project, item, OPPORTUNITY, "Un appel à projets", of[room.ehpad.id])
    compared = swot_compare.comparison(project, item)
    assert compared.possible
    rows = [(r.quadrant, r.text, r.structures) for r in compared.entries]
    ehpad, jardins = room.ehpad.id, room.jardins.id
    order = tuple(s.id for s in project.structures() if s.id in (ehpad, jardins))
    assert rows == [
        (WEAKNESS, "peu de temps pour la COORDINATION", order),  # as the first structure in the project's order wrote it
        (WEAKNESS, "Des locaux vieillissants", (ehpad,)),  # then each one's own, structure by structure
        (WEAKNESS, "Des locaux trop petits", (jardins,)),
        (OPPORTUNITY, "Un appel à projets", (ehpad,)),
    ]
    # Different words, one theme: "locaux" recurs; the shared entry's words are not counted again.
    assert [(w.quadrant, w.word, set(w.structures)) for w in compared.words] == [(WEAKNESS, "locaux", {ehpad, jardins})]


def test_comparison_gathers_the_workshops_single_structure_diagnoses(room: Room) -> None:
    project = room.project
    swot.choose_scope(project, room.item.id, Scope.STRUCTURE, room.jardins.id)
    other = project.add_agenda_item(room.workshop.id, "swot", "Diagnostic de l'EHPAD", 30)
    swot.choose_scope(project, other.id, Scope.STRUCTURE, room.ehpad.id)
    assert not swot_compare.comparison(project, room.item.id).possible  # nothing written yet
    swot.add_entry(project, room.item.id, THREAT, "La fin des contrats aidés")
    swot.add_entry(project, other.id, THREAT, "La fin des contrats aidés")
    compared = swot_compare.comparison(project, other.id)
    assert [r.structures for r in compared.entries] == [tuple(s.id for s in project.structures() if s.member)]


def test_a_single_analysis_is_not_compared(room: Room) -> None:
    swot.add_entry(room.project, room.item.id, STRENGTH, "Une équipe")
    assert not swot_compare.comparison(room.project, room.item.id).possible


# Minutes -----------------------------------------------------------------------------------
def _filled(room: Room) -> None:
    project, item = room.project, room.item.id
    swot.choose_scope(project, item, Scope.EACH)
    started = swot.start_contribution_round(project, item, ALL_QUADRANTS, hidden=True)
    room.says(
        started.id,
        {
            room.zoe.id: ["1: Une équipe soudée", "2: Peu de temps", f"2: {TRICKY}"],
            room.marc.id: ["2: Peu de temps", "4: Des recrutements difficiles", "Sans numéro"],
        },
    )
    current = swot.collect_contributions(project, item, started.id)
    for analysis in current.analyses:
        swot.reveal(project, item, None, analysis.id)
    jardins = current.analysis_of_structure(room.jardins.id)
    while swot.state(project, item).current != jardins.id:
        swot.show_analysis(project, item, 1)
    vote = swot_weigh.start_weighing(project, item, WEAKNESS)
    options = get_round(project, vote.id).spec.options
    vote_all(project, vote.id, lambda voter, n, budget, cap: [1 if o == "Peu de temps" else 0 for o in options])
    swot_weigh.collect_weights(project, item, vote.id)
    weakness = next(e for e in swot.state(project, item).entries if e.text == "Peu de temps" and e.analysis_id == jardins.id)
    answer = swot_answers.add_answer(project, item, weakness.id, "Une coordination partagée", room.zoe.id)
    swot_answers.record_proposal(project, item, answer.id)
    swot_answers.record_element(project, item, answer.id, due="2026-11-20")


def test_minutes_show_the_grid_as_a_two_by_two_table_with_weights(room: Room) -> None:
    _filled(room)
    blocks = get_exercise("swot").minutes_section(room.project, room.workshop, room.project.agenda_item(room.item.id))
    assert isinstance(blocks[0], Paragraph) and "chaque structure à tour de rôle" in blocks[0].text
    grids = [b for b in blocks if isinstance(b, Table) and b.header == ("", "Atouts", "Difficultés")]
    assert len(grids) == 2  # one per structure
    jardins = grids[[h.text for h in blocks if isinstance(h, Heading)].index("Grille FFOM : Les Jardins")]
    (internal, strengths, weaknesses), (external, opportunities, threats) = jardins.rows
    assert internal == "Interne (avant le projet)" and external == "Externe"
    assert strengths == "Forces\n• Une équipe soudée"
    # No-break spaces keep "5 pt(s) ★" together on one line of the document.
    assert weaknesses.splitlines() == ["Faiblesses", "• Peu de temps\u00a0— 5\u00a0pt(s)\u00a0★", f"• {TRICKY}\u00a0— 0\u00a0pt(s)"]
    assert opportunities == "Opportunités\n—" and threats == "Menaces\n—"


def test_minutes_carry_the_answers_and_what_they_became(room: Room) -> None:
    _filled(room)
    project = room.project
    made = proposals(project)[0]
    element = securing.elements(project)[0]
    blocks = get_exercise("swot").minutes_section(project, room.workshop, project.agenda_item(room.item.id))
    answers = next(b for b in blocks if isinstance(b, Table) and b.header[1] == "Réponse de la coopération")
    assert answers.rows == (
        (
            "Faiblesse : Peu de temps",
            "Une coordination partagée",
            "Zoé Martin",
            f"Proposition d'action n° {made.id} (Non décidée)\nÉlément à sécuriser n° {element.id} (—, 20 novembre 2026)",
        ),
    )
    assert any(isinstance(b, Paragraph) and "1 devenue(s) proposition(s)" in b.text for b in blocks)
    compared = next(b for b in blocks if isinstance(b, Table) and b.header[-1] == "Partagé ?")
    assert ("Faiblesse", "Peu de temps", "EHPAD Les Tilleuls, Les Jardins", "par 2 sur 2") in compared.rows
    authors = next(b for b in blocks if isinstance(b, Table) and b.header[-1] == "Proposé par")
    assert ("Les Jardins", "Faiblesse", TRICKY, "0", "Zoé Martin") in authors.rows


def test_minutes_in_english(room: Room) -> None:
    _filled(room)
    set_language("en")
    blocks = get_exercise("swot").minutes_section(room.project, room.workshop, room.project.agenda_item(room.item.id))
    grids = [b for b in blocks if isinstance(b, Table) and b.header == ("", "Assets", "Difficulties")]
    assert grids and grids[0].rows[0][0] == "Internal (before the project)"
    assert any(isinstance(b, Heading) and b.text == "Cooperation, an answer to the weaknesses and threats?" for b in blocks)


def test_a_diagnosis_left_untouched_says_only_its_scope(room: Room) -> None:
    swot.choose_scope(room.project, room.item.id, Scope.STRUCTURE, room.ehpad.id)
    blocks = get_exercise("swot").minutes_section(room.project, room.workshop, room.project.agenda_item(room.item.id))
    assert [b.text for b in blocks] == ["Périmètre de l'analyse : la structure EHPAD Les Tilleuls"]


def test_a_round_still_going_is_not_collected_so_nothing_typed_later_is_lost(room: Room) -> None:
    project, item = room.project, room.item.id
    started = swot.start_contribution_round(project, item, STRENGTH, hidden=False)
    first, *others = get_round(project, started.id).voters
    contribute(project, started.id, first, "Une équipe")
    finish_turn(project, started.id, first)
    assert swot.collect_contributions(project, item).entries == []  # left half-way (a crash, Escape…)
    contribute(project, started.id, others[0], "Un minibus")
    for voter in others:
        finish_turn(project, started.id, voter)
    current = swot.collect_contributions(project, item)
    assert [e.text for e in current.entries] == ["Une équipe", "Un minibus"]


def test_an_entry_being_answered_in_a_round_keeps_its_answers_through_a_merge(room: Room) -> None:
    project, item = room.project, room.item.id
    threat = _retained_threat(room)
    twin = swot.add_entry(project, item, THREAT, "Moins de subventions")
    started = swot_answers.start_answer_round(project, item, threat.id)
    with pytest.raises(ValidationError) as refused:
        swot.remove_entry(project, item, threat.id)
    assert refused.value.key == "swot.error.entry_being_answered"
    merged = swot.merge_entries(project, item, [twin.id, threat.id], "La baisse des subventions")
    room.says(started.id, {room.zoe.id: ["Répondre ensemble aux appels à projets"]})
    current = swot_answers.collect_answers(project, item, started.id)
    assert [(a.entry_id, a.text) for a in current.answers] == [(merged.id, "Répondre ensemble aux appels à projets")]


def test_a_structure_with_its_own_diagnosis_is_not_removed(room: Room) -> None:
    project = room.project
    current = swot.choose_scope(project, room.item.id, Scope.EACH)
    for person in (room.marc, room.nadia):
        project.remove_participant(person.id)
    swot.add_entry(project, room.item.id, STRENGTH, "Une équipe", current.analysis_of_structure(room.jardins.id).id)
    project.remove_structure(room.ehpad.id)  # analysed, but nothing written: nothing lost
    for person in (room.zoe, room.karim):
        project.remove_participant(person.id)
    with pytest.raises(ValidationError) as refused:
        project.remove_structure(room.jardins.id)
    assert refused.value.key == "swot.error.structure_analysed"
