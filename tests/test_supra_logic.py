"""The supra objective's logic: recurring words, versions, criteria, the consent loop."""

from __future__ import annotations

from dataclasses import replace

import pytest

from exercises import supra, supra_exercise, supra_minutes
from exercises.supra import ConsentAttempt, Criterion, Step
from exercises.wording import recurring_words, word_key, word_spans
from workshop.errors import ValidationError
from workshop.minutes.blocks import BulletList, Paragraph, Table
from workshop.project import Project


@pytest.fixture
def item_id(project: Project) -> int:
    workshop = project.add_workshop("Atelier")
    return project.add_agenda_item(workshop.id, "supra", "Objectif supra").id


# Recurring words ----------------------------------------------------------------------
def test_recurring_words_ignore_stop_words_and_merge_plurals() -> None:
    drafts = [
        "Garantir l'accès aux soins pour les familles du territoire",
        "Un territoire où chaque famille trouve un accompagnement",
        "Coordonner nos structures pour les familles isolées du territoire",
        "Make the territory a place where families find care",
    ]
    found = {w.key: w for w in recurring_words(drafts)}
    assert found["territoire"].drafts == 3
    assert found["famille"].drafts == 3  # "familles" and "famille" merged
    assert found["famille"].shown == "familles"
    assert "les" not in found and "pour" not in found and "the" not in found
    assert "soin" not in found  # only one draft
    ordered = recurring_words(drafts)
    assert ordered[0].drafts >= ordered[-1].drafts


def test_recurring_words_count_a_draft_once_and_ignore_accents_and_case() -> None:
    drafts = ["Santé, santé, SANTÉ !", "la sante d'abord"]
    [word] = recurring_words(drafts)
    assert word.key == "sante" and word.drafts == 2 and word.occurrences == 4


def test_word_keys_keep_short_words_and_double_s() -> None:
    assert word_key("ans") == "ans"
    assert word_key("access") == "access"
    assert word_key("Réseaux") == "reseau"


def test_word_spans_point_at_the_recurring_words() -> None:
    text = "[red]Les territoires[/] et le territoire"
    spans = word_spans(text, {"territoire"})
    assert [text[s:e] for s, e, _ in spans] == ["territoires", "territoire"]


# Versions --------------------------------------------------------------------------------
def test_every_version_is_kept_and_an_earlier_one_can_be_restored(project: Project, item_id: int) -> None:
    supra.write_sentence(project, item_id, "D'ici 2028, un guichet commun", now=100.0)
    supra.write_sentence(project, item_id, "  D'ici 2028,   un guichet commun  ", now=110.0)  # same text
    supra.write_sentence(project, item_id, "D'ici 2028, un guichet commun pour les familles", now=200.0)
    state = supra.restore_version(project, item_id, 0, now=300.0)
    assert [v.text for v in state.versions] == [
        "D'ici 2028, un guichet commun",
        "D'ici 2028, un guichet commun pour les familles",
        "D'ici 2028, un guichet commun",
    ]
    assert state.versions[-1].restored_from == 0 and state.versions[-1].at == 300.0
    assert supra.load(project, item_id).sentence == "D'ici 2028, un guichet commun"
    with pytest.raises(ValidationError):
        supra.restore_version(project, item_id, 7)
    with pytest.raises(ValidationError):
        supra.write_sentence(project, item_id, "   ")


def test_the_state_survives_reopening_the_project(project_path, item_id: int, project: Project) -> None:
    supra.write_sentence(project, item_id, "[red]Zoé[/] et nous", now=1.0)
    supra.add_indicator(project, item_id, "Nombre de familles accueillies")
    project.close()
    with Project.open(project_path) as reopened:
        state = supra.load(reopened, item_id)
        assert state.sentence == "[red]Zoé[/] et nous"
        assert state.indicators == ["Nombre de familles accueillies"]
        assert state.step == Step.SENTENCE


# Criteria --------------------------------------------------------------------------------------
def _checks(project: Project, item_id: int) -> dict[Criterion, supra.CriterionCheck]:
    return {c.criterion: c for c in supra.criteria(supra.load(project, item_id))}


def test_measurable_and_timebound_come_from_the_data(project: Project, item_id: int) -> None:
    supra.write_sentence(project, item_id, "Un objectif", now=1.0)
    checks = _checks(project, item_id)
    assert checks[Criterion.MEASURABLE].met is False and checks[Criterion.TIMEBOUND].met is False
    supra.add_indicator(project, item_id, "Taux de recours")
    supra.set_deadline(project, item_id, "30/06/2028")
    checks = _checks(project, item_id)
    assert checks[Criterion.MEASURABLE].met and checks[Criterion.TIMEBOUND].met
    assert supra.load(project, item_id).deadline == "2028-06-30"
    supra.remove_indicator(project, item_id, 0)
    assert _checks(project, item_id)[Criterion.MEASURABLE].met is False
    with pytest.raises(ValidationError):
        supra.judge(project, item_id, Criterion.MEASURABLE, True)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("2028-06-30", "2028-06-30"), ("06/2028", "2028-06"), ("2028-6", "2028-06"), ("2028", "2028"), ("", "")],
)
def test_deadline_forms(typed: str, stored: str) -> None:
    assert supra.parse_deadline(typed) == stored


@pytest.mark.parametrize("typed", ["bientôt", "13/2028", "31/02/2028", "99"])
def test_bad_deadlines_are_refused(typed: str) -> None:
    with pytest.raises(ValidationError):
        supra.parse_deadline(typed)


def test_judged_criteria_go_stale_when_the_sentence_changes(project: Project, item_id: int) -> None:
    supra.write_sentence(project, item_id, "Version une", now=1.0)
    supra.judge(project, item_id, Criterion.PRECISE, True)
    supra.record_criterion_round(project, item_id, Criterion.REALISTIC, 2.4, round_id=9)
    checks = _checks(project, item_id)
    assert checks[Criterion.PRECISE].met is True and checks[Criterion.PRECISE].source == "facilitator"
    assert checks[Criterion.REALISTIC].met is False and checks[Criterion.REALISTIC].mean == 2.4
    supra.write_sentence(project, item_id, "Version deux", now=2.0)
    checks = _checks(project, item_id)
    assert checks[Criterion.PRECISE].stale and checks[Criterion.PRECISE].met is None
    supra.restore_version(project, item_id, 0, now=3.0)  # the same words again: still judged
    assert _checks(project, item_id)[Criterion.PRECISE].met is True
    supra.judge(project, item_id, Criterion.PRECISE, None)
    assert _checks(project, item_id)[Criterion.PRECISE].met is None


# Consent loop ----------------------------------------------------------------------------------
def _open_consent(project: Project, item_id: int, round_id: int) -> None:
    """A consent attempt as `start_consent` records it, without the rounds engine."""
    state = supra.load(project, item_id)
    attempt = ConsentAttempt(round_id, len(state.versions) - 1, at=5.0)
    supra._save(project, replace(state, consents=[*state.consents, attempt], step=Step.CONSENT.value))


def test_an_objection_sends_the_sentence_back_then_consent_adopts(project: Project, item_id: int) -> None:
    supra.write_sentence(project, item_id, "Première phrase", now=1.0)
    _open_consent(project, item_id, 11)
    with pytest.raises(ValidationError):
        supra.write_sentence(project, item_id, "Pendant le tour", now=2.0)
    state = supra.record_consent(
        project, item_id, 11, passed=False, counts={"agree": 5, "objection": 1}, objections=["Trop vague pour [b]nous[/b]"]
    )
    assert state.step == Step.SENTENCE and not state.adopted
    assert _checks(project, item_id)[Criterion.APPROVED].met is False
    supra.write_sentence(project, item_id, "Deuxième phrase, plus précise", now=3.0)
    assert _checks(project, item_id)[Criterion.APPROVED].met is None  # a new sentence, not yet put to consent
    _open_consent(project, item_id, 12)
    state = supra.record_consent(project, item_id, 12, passed=True, counts={"agree": 5, "reservation": 1}, reservations=["Le calendrier"])
    assert state.adopted and state.step == Step.ADOPTED and state.adopted_version == 1
    assert [c.passed for c in state.consents] == [False, True]
    assert state.consents[0].objections == ["Trop vague pour [b]nous[/b]"]
    assert _checks(project, item_id)[Criterion.APPROVED].met is True
    with pytest.raises(ValidationError):
        supra.write_sentence(project, item_id, "Après adoption", now=4.0)
    with pytest.raises(ValidationError):
        supra.go_to_step(project, item_id, Step.SENTENCE)
    supra.reopen(project, item_id)
    assert supra.load(project, item_id).step == Step.SENTENCE


def test_adoption_only_through_consent(project: Project, item_id: int) -> None:
    supra.write_sentence(project, item_id, "Une phrase", now=1.0)
    with pytest.raises(ValidationError):
        supra.go_to_step(project, item_id, Step.ADOPTED)
    with pytest.raises(ValidationError):
        supra.go_to_step(project, item_id, Step.CONSENT)


def test_split_reasons() -> None:
    reservations, objections = supra.split_reasons([("objection", "non"), ("reservation", "bof"), ("agree", "")])
    assert reservations == ["bof"] and objections == ["non"]


# Minutes ----------------------------------------------------------------------------------
def test_minutes_carry_sentence_indicators_criteria_and_consent_history(project: Project, item_id: int) -> None:
    supra.write_sentence(project, item_id, "Première # phrase", now=1.0)
    _open_consent(project, item_id, 11)
    supra.record_consent(project, item_id, 11, passed=False, counts={"agree": 3, "objection": 1}, objections=["Pas daté"])
    supra.note_handling(project, item_id, 11, "Échéance ajoutée")
    supra.write_sentence(project, item_id, "D'ici 2028 | un guichet commun", now=2.0)
    supra.add_indicator(project, item_id, "Familles accueillies")
    supra.set_deadline(project, item_id, "2028")
    _open_consent(project, item_id, 12)
    supra.record_consent(project, item_id, 12, passed=True, counts={"agree": 4}, reservations=["Moyens humains"])
    blocks = supra_exercise.EXERCISE.minutes_section(project, project.workshops()[0], project.agenda_item(item_id))
    paragraphs = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert any(p.endswith("D'ici 2028 | un guichet commun") and p.startswith("Objectif adopté") for p in paragraphs)
    assert any("2 version(s)" in p for p in paragraphs)
    assert any("Échéance ajoutée" in p for p in paragraphs)
    lists = [b.items for b in blocks if isinstance(b, BulletList)]
    assert ("Familles accueillies",) in lists and ("Pas daté",) in lists and ("Moyens humains",) in lists
    [criteria_table] = [b for b in blocks if isinstance(b, Table)]
    assert len(criteria_table.rows) == 5
    assert all(row[1].startswith("✓") for row in criteria_table.rows if row[0].startswith(("Mesurable", "Daté", "Approuvé")))


def test_minutes_of_an_item_not_run(project: Project, item_id: int) -> None:
    blocks = supra_minutes.minutes_blocks(project, item_id)
    assert len(blocks) == 1 and "non réalisé" in blocks[0].text
