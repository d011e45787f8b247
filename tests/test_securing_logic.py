"""Elements to secure: the list, who and when, the follow-up across workshops, where they come from."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from exercises import apt, apt_outputs, matrix, securing, securing_labels, securing_sources, supra, swot, swot_weigh
from exercises.securing import State
from workshop.errors import ValidationError
from workshop.i18n import set_language
from workshop.minutes.blocks import Heading, Paragraph, Table
from workshop.project import Project
from workshop.proposals import Referent
from workshop.proposals.register import register_blocks
from workshop.registry import get_exercise

TRICKY = "[red]Zoé[/] [/"


class Follow:
    """Two structures, three people, three workshops a month apart, an elements item in each."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.jardins = project.add_structure("Les Jardins")
        self.ehpad = project.add_structure("EHPAD Les Tilleuls")
        self.zoe = project.add_participant("Zoé Martin", self.jardins.id)
        self.marc = project.add_participant("Marc Lefèvre", self.ehpad.id)
        self.nadia = project.add_participant(TRICKY, self.ehpad.id)
        self.first = project.add_workshop("Atelier 1", "2026-10-12")
        self.second = project.add_workshop("Atelier 2", "2026-11-16")
        self.third = project.add_workshop("Atelier 3", "2026-12-14")
        self.items = [project.add_agenda_item(w.id, "securing", "À sécuriser", 30) for w in (self.first, self.second, self.third)]

    def add(self, text: str, workshop: int = 0, **kwargs) -> securing.Element:
        return securing.add_element(self.project, text, item_id=self.items[workshop].id, **kwargs)


@pytest.fixture
def follow(project: Project) -> Iterator[Follow]:
    yield Follow(project)


# The list --------------------------------------------------------------------------------
def test_an_element_has_who_when_state_and_notes(follow: Follow) -> None:
    made = follow.add(
        f"  Obtenir l'accord des CA {TRICKY}\x07 ", referent=Referent.participant(follow.zoe.id), due="20/11/2026", notes="Voir avec  la présidente"
    )
    stored = securing.element(follow.project, made.id)
    assert stored.text == f"Obtenir l'accord des CA {TRICKY}\u2407"  # the bell shown as its picture (workshop.text)
    assert (stored.referent_participant_id, stored.referent_structure_id) == (follow.zoe.id, 0)
    assert (stored.due, stored.state, stored.notes) == ("2026-11-20", "to_secure", "Voir avec la présidente")
    assert (stored.workshop_id, stored.item_id, stored.date) == (follow.first.id, follow.items[0].id, "2026-10-12")
    assert stored.origin == "" and stored.log == [{"on": "2026-10-12", "state": "to_secure"}]


def test_refused_input_changes_nothing(follow: Follow) -> None:
    made = follow.add("Informer les salariés")
    for bad in (
        {"text": "  "},
        {"due": "31/02/2026"},
        {"referent": Referent(follow.zoe.id, follow.jardins.id)},
        {"state": "abandoned"},  # without a reason
        {"notes": "x" * (securing.MAX_NOTES + 1)},
    ):
        with pytest.raises(ValidationError):
            securing.update_element(follow.project, made.id, **bad)
    assert securing.element(follow.project, made.id) == made
    with pytest.raises(ValidationError):
        follow.add("")


def test_state_changes_are_logged_and_a_reason_belongs_to_the_abandonment(follow: Follow) -> None:
    made = follow.add("Choisir la forme juridique")
    securing.update_element(follow.project, made.id, state="in_progress", on="2026-10-20")
    securing.update_element(follow.project, made.id, state="abandoned", reason="Sans objet", on="2026-11-02")
    stored = securing.element(follow.project, made.id)
    assert (stored.state, stored.state_reason, stored.state_on) == ("abandoned", "Sans objet", "2026-11-02")
    assert [e["state"] for e in stored.log] == ["to_secure", "in_progress", "abandoned"]
    assert stored.state_on_day("2026-10-25") == "in_progress" and stored.state_on_day("2026-10-12") == "to_secure"
    reopened = securing.update_element(follow.project, made.id, state="to_secure", on="2026-11-10")
    assert reopened.state_reason == ""


def test_a_structure_responsible_for_an_element_is_not_removed(follow: Follow) -> None:
    follow.add("Vérifier les règles de TVA", referent=Referent.structure(follow.ehpad.id))
    other = follow.project.add_structure("Sans rôle")
    follow.project.remove_structure(other.id)
    # Its people must go first anyway; once they have, the element still holds it.
    for person in (follow.marc, follow.nadia):
        follow.project.remove_participant(person.id)
    with pytest.raises(ValidationError) as refused:
        follow.project.remove_structure(follow.ehpad.id)
    assert refused.value.key == "securing.error.structure_responsible"


# Follow-up across workshops --------------------------------------------------------------
def test_late_is_open_after_the_due_date(follow: Follow) -> None:
    made = follow.add("Informer les salariés", due="2026-10-30")
    assert not made.is_late("2026-10-30") and made.is_late("2026-10-31")
    securing.update_element(follow.project, made.id, state="in_progress", on="2026-10-20")
    assert [e.id for e in securing.late(follow.project, "2026-11-16")] == [made.id]
    securing.update_element(follow.project, made.id, state="secured", on="2026-11-01")
    assert securing.late(follow.project, "2026-11-16") == []


def test_each_workshop_reviews_what_fell_due_since_the_last_one_and_what_is_still_late(follow: Follow) -> None:
    early = follow.add("Due before workshop 2, done", due="2026-10-30")
    late = follow.add("Due before workshop 2, still open", due="2026-11-01")
    later = follow.add("Due before workshop 3", due="2026-12-01")
    follow.add("No due date")
    securing.update_element(follow.project, early.id, state="secured", on="2026-10-29")
    assert [e.id for e in securing.due_since_last(follow.project, follow.second.id)] == [early.id, late.id]
    # At the third workshop: what fell due since the second, and the one still late from before.
    assert [e.id for e in securing.due_since_last(follow.project, follow.third.id)] == [late.id, later.id]


def test_the_list_as_it_stood_on_a_past_day(follow: Follow) -> None:
    first = follow.add("Listé au premier atelier", due="2026-11-01")
    follow.add("Listé au deuxième", 1)
    securing.update_element(follow.project, first.id, state="secured", on="2026-11-20")
    then = securing.as_of(follow.project, "2026-11-16")
    assert [(e.text, e.state) for e in then] == [("Listé au premier atelier", "to_secure"), ("Listé au deuxième", "to_secure")]
    assert [e.text for e in securing.as_of(follow.project, "2026-10-12")] == ["Listé au premier atelier"]


def test_open_elements_as_action_rows_as_of_a_date(follow: Follow) -> None:
    a = follow.add("Obtenir l'accord des CA", referent=Referent.participant(follow.nadia.id), due="2026-11-10")
    b = follow.add("Vérifier les règles de TVA", referent=Referent.structure(follow.ehpad.id), due="2027-01-15")
    c = follow.add("Informer les salariés", due="2026-10-30")
    securing.update_element(follow.project, c.id, state="secured", on="2026-11-01")
    securing.update_element(follow.project, b.id, state="in_progress", on="2026-11-20")
    rows = securing_labels.open_actions(follow.project, "2026-11-16")
    assert [(r.what, r.who, r.structure, r.due, r.state, r.late, r.element_id) for r in rows] == [
        ("Obtenir l'accord des CA", TRICKY, "EHPAD Les Tilleuls", "2026-11-10", "À sécuriser (en retard)", True, a.id),
        ("Vérifier les règles de TVA", "", "EHPAD Les Tilleuls", "2027-01-15", "À sécuriser", False, b.id),
    ]
    # On 2026-10-20 the third one was still open and not yet late.
    assert [r.element_id for r in securing_labels.open_actions(follow.project, "2026-10-20")] == [c.id, a.id, b.id]


# Where elements come from ----------------------------------------------------------------
def _sources(follow: Follow) -> None:
    """A diagnosis, an APT grid, a supra objective and a matrix in the first workshop."""
    project, workshop = follow.project, follow.first.id
    diagnosis = project.add_agenda_item(workshop, "swot", "Diagnostic", 40)
    weakness = swot.add_entry(project, diagnosis.id, "weakness", "Des locaux trop petits")
    swot.add_entry(project, diagnosis.id, "threat", "La fin des contrats aidés")
    swot.add_entry(project, diagnosis.id, "strength", "Une équipe")  # not something to secure
    swot_weigh.set_retained(project, diagnosis.id, weakness.id, True)
    grid = project.add_agenda_item(workshop, "apt", "APT", 60)
    group = apt.state(project, grid.id).groups[0]
    fear = apt.add_item(project, grid.id, group.id, "fear", "Perdre notre identité")
    apt_outputs.set_risk(project, grid.id, fear.id, mitigation="Chaque CA garde son projet", owner="zoé martin")
    other = apt.add_item(project, grid.id, group.id, "fear", "Être absorbé")
    apt_outputs.set_risk(project, grid.id, other.id, owner="Camille (animatrice)")
    objective = project.add_agenda_item(workshop, "supra", "Supra", 45)
    supra.write_sentence(project, objective.id, "Rompre l'isolement des habitants âgés")
    supra.judge(project, objective.id, "precise", True)
    who = project.add_agenda_item(workshop, "matrix", "Qui fait quoi", 45)
    action = matrix.add_action(project, who.id, "Un annuaire partagé")
    piloted = matrix.add_action(project, who.id, "Un planning commun")
    matrix.set_role(project, who.id, piloted.id, follow.jardins.id, "pilot")
    assert action.id != piloted.id


def test_candidates_from_every_earlier_exercise(follow: Follow) -> None:
    _sources(follow)
    found = securing_sources.candidates(follow.project, follow.first.id)
    assert [(c.origin, c.text) for c in found] == [
        ("swot", "Des locaux trop petits"),
        ("swot", "La fin des contrats aidés"),
        ("apt", "Perdre notre identité"),
        ("apt", "Être absorbé"),
        ("supra", "Rendre l'objectif supra mesurable : fixer ses indicateurs"),
        ("supra", "Donner une échéance à l'objectif supra"),
        ("matrix", "Trouver un pilote pour « Un annuaire partagé »"),
    ]
    identity, absorbed = found[2], found[3]
    assert identity.referent_participant_id == follow.zoe.id  # the owner's name is one of the project's people
    assert identity.detail == {"group": "Directions", "mitigation": "Chaque CA garde son projet"}
    assert absorbed.referent_participant_id == 0 and absorbed.detail["owner"] == "Camille (animatrice)"
    assert found[0].retained and not found[1].retained
    assert found[0].context == "FFOM · Faiblesse · le projet de coopération"


def test_a_later_workshop_offers_what_earlier_ones_brought_up_and_each_is_taken_once(follow: Follow) -> None:
    _sources(follow)
    project = follow.project
    offered = securing_sources.candidates(project, follow.second.id)
    assert len(offered) == 7
    made = securing_sources.take(project, follow.items[1].id, [offered[0].key, offered[2].key])
    assert [(e.text, e.origin, e.workshop_id, e.origin_detail) for e in made] == [
        ("Des locaux trop petits", "swot", follow.second.id, {"quadrant": "weakness", "structure_id": 0}),
        ("Perdre notre identité", "apt", follow.second.id, {"group": "Directions", "mitigation": "Chaque CA garde son projet"}),
    ]
    assert made[1].referent_participant_id == follow.zoe.id and made[1].notes == ""
    assert [c.key for c in securing_sources.candidates(project, follow.second.id)] == [c.key for c in offered if c.key not in {offered[0].key, offered[2].key}]
    assert securing_sources.take(project, follow.items[1].id, [offered[0].key]) == []
    with pytest.raises(ValidationError):
        securing.add_element(project, "again", origin="swot", origin_key=offered[0].key)


def test_an_earlier_workshop_does_not_offer_what_came_later(follow: Follow) -> None:
    project = follow.project
    later = project.add_agenda_item(follow.second.id, "swot", "Diagnostic", 40)
    swot.add_entry(project, later.id, "threat", "Plus tard")
    assert securing_sources.candidates(project, follow.first.id) == []


def test_hidden_diagnosis_entries_are_not_offered(follow: Follow) -> None:
    from exercises.fills.rounds import contribute_all

    project = follow.project
    diagnosis = project.add_agenda_item(follow.first.id, "swot", "Diagnostic", 40)
    started = swot.start_contribution_round(project, diagnosis.id, "threat", hidden=True)
    contribute_all(project, started.id, lambda voter: ["Pas encore révélée"])
    swot.collect_contributions(project, diagnosis.id, started.id)
    assert securing_sources.candidates(project, follow.first.id) == []
    swot.reveal(project, diagnosis.id, "threat")
    assert [c.text for c in securing_sources.candidates(project, follow.first.id)] == ["Pas encore révélée"]


# Minutes and register --------------------------------------------------------------------
def test_minutes_list_who_and_when_as_it_stood_at_the_end_of_the_workshop(follow: Follow) -> None:
    project = follow.project
    a = follow.add("Informer les salariés", referent=Referent.participant(follow.marc.id), due="2026-10-30", notes=TRICKY)
    b = follow.add("Vérifier les règles de TVA", 1, referent=Referent.structure(follow.ehpad.id), due="2027-01-15")
    securing.update_element(project, a.id, state="secured", on="2026-12-01")
    blocks = get_exercise("securing").minutes_section(project, follow.second, follow.items[1])
    intro, listed, counts = blocks
    assert intro.text == "1 élément(s) listé(s) lors de cet atelier ; la liste ci-dessous est celle du projet au 16 novembre 2026."
    assert listed.header == ("N°", "Élément à sécuriser", "Responsable", "Échéance", "État")
    assert listed.rows == (
        (
            str(a.id),
            f"Informer les salariés\nOrigine : Saisi directement\nNotes : {TRICKY}",
            "Marc Lefèvre (EHPAD Les Tilleuls)",
            "30 octobre 2026",
            "À sécuriser (en retard)",
        ),
        (str(b.id), "Vérifier les règles de TVA\nOrigine : Saisi directement", "EHPAD Les Tilleuls", "15 janvier 2027", "À sécuriser"),
    )
    assert counts.text == "2 élément(s) : 2 à sécuriser, 0 en cours, 0 sécurisé(s), 0 abandonné(s) ; 1 en retard."
    # The third workshop's minutes see it secured; the first one's do not list the second's.
    later = get_exercise("securing").minutes_section(project, follow.third, follow.items[2])[1]
    assert later.rows[-1][4] == "Sécurisé"
    first = get_exercise("securing").minutes_section(project, follow.first, follow.items[0])[1]
    assert [row[1].splitlines()[0] for row in first.rows] == ["Informer les salariés"]


def test_minutes_in_english(follow: Follow) -> None:
    follow.add("Inform the staff", due="2026-10-30")
    set_language("en")
    intro, listed, _counts = get_exercise("securing").minutes_section(follow.project, follow.second, follow.items[1])
    assert listed.header[:2] == ("No.", "Element to secure")
    assert listed.rows[0][4] == "To secure (late)"
    assert listed.rows[0][1] == "Inform the staff\nOrigin: Typed directly"
    assert intro.text.endswith("as of 16 November 2026.")


def test_nothing_listed_says_so(follow: Follow) -> None:
    blocks = get_exercise("securing").minutes_section(follow.project, follow.first, follow.items[0])
    assert [b.text for b in blocks] == ["Aucun élément à sécuriser n'a encore été listé."]


def test_the_register_lists_every_element_after_the_proposals(follow: Follow) -> None:
    follow.add("Informer les salariés", referent=Referent.participant(follow.zoe.id), due="2026-10-30")
    blocks = register_blocks(follow.project, "2026-11-16")
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert headings[-1] == "Éléments à sécuriser"
    table = [b for b in blocks if isinstance(b, Table)][-1]
    assert table.rows == (
        (
            "1",
            "Informer les salariés\nOrigine : Saisi directement\nListé lors de : Atelier 1",
            "Zoé Martin (Les Jardins)",
            "30 octobre 2026",
            "À sécuriser (en retard)",
        ),
    )
    assert isinstance(blocks[-1], Paragraph)


def test_an_empty_list_adds_nothing_to_the_register(follow: Follow) -> None:
    assert "Éléments à sécuriser" not in [b.text for b in register_blocks(follow.project, "2026-11-16") if isinstance(b, Heading)]


@pytest.mark.parametrize("state", [s.value for s in State])
def test_every_state_has_a_label_in_both_languages(state: str) -> None:
    from workshop.i18n import t

    for lang in ("fr", "en"):
        set_language(lang)
        assert t(f"securing.state.{state}") != f"securing.state.{state}"


def test_where_an_element_comes_from_and_the_apps_words_read_in_the_readers_language(follow: Follow) -> None:
    _sources(follow)
    project = follow.project
    offered = {c.origin + ":" + c.text: c for c in securing_sources.candidates(project, follow.first.id)}
    keys = [offered["swot:Des locaux trop petits"].key, offered["apt:Être absorbé"].key]
    keys.append(next(c.key for c in offered.values() if c.origin == "matrix"))
    securing_sources.take(project, follow.items[0].id, keys)
    set_language("en")
    _intro, listed, _counts = get_exercise("securing").minutes_section(project, follow.first, follow.items[0])
    cells = [row[1].splitlines() for row in listed.rows]
    assert ["Des locaux trop petits", "Origin: SWOT · Weakness · the cooperation project"] in cells
    assert ["Être absorbé", "Origin: APT · risk · Directions", "Intended owner: Camille (animatrice)."] in cells
    assert ["Find a pilot for “Un annuaire partagé”", "Origin: Who does what · action without a pilot"] in cells
    # Rewritten by someone, the words are theirs and stay as written in every language.
    pilot = next(e for e in securing.elements(project) if e.origin == "matrix")
    securing.update_element(project, pilot.id, text="Find a pilot for “Un annuaire partagé”")
    assert securing.element(project, pilot.id).text_key  # unchanged words: still the app's
    securing.update_element(project, pilot.id, text="Ask the Département to pilot the directory")
    set_language("fr")
    assert securing_sources_text(project, pilot.id) == "Ask the Département to pilot the directory"


def securing_sources_text(project: Project, element_id: int) -> str:
    return securing.element_text(securing.element(project, element_id))
