"""One text policy for every field: hypothesis over hostile Unicode, saved and read back.

Every public function of the core and the exercises that takes a person's text
is fed control characters, bidi overrides, zero-width characters, noncharacters,
lone surrogates, line breaks and very long texts. What it stores, read back
from the file through the loader, must follow the policy (workshop/text.py):

- no character that acts on a terminal or a file survives raw;
- a single-line field holds no line break, tab or double space, and every
  visible character typed is there, in order (forbidden ones as their stand-ins);
- a multi-line field keeps its lines;
- a field with nothing visible is refused like an empty one (or stored empty
  where empty is allowed).

The expected values come from the oracle below, written from the policy's
statement, not from workshop.text. ATELIER_TEXT_EXAMPLES sets the number of
examples per field (120 by default).
"""

from __future__ import annotations

import itertools
import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.errors import ValidationError
from workshop.project import Project
from workshop.projectfile import read_project_file

EXAMPLES = int(os.environ.get("ATELIER_TEXT_EXAMPLES", "120"))

# The oracle ------------------------------------------------------------------------------
BREAKS = "\r\n\x0b\x0c\x85\u2028\u2029"
FILLERS = "\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5\u180e"


def stand_in(char: str) -> str:
    """What the policy says a character becomes (line breaks and tab aside)."""
    code = ord(char)
    if code < 0x20 and char not in BREAKS and char != "\t":
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0x80 <= code <= 0x9F and code != 0x85:
        return "\ufffd"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069 or 0xFFF9 <= code <= 0xFFFB:
        return "\ufffd"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return char


def shows(char: str) -> bool:
    """A character that shows something on its own."""
    if char.isspace() or char in FILLERS:
        return False
    return unicodedata.category(char) not in ("Cf", "Mn", "Me", "Zs", "Zl", "Zp", "Cc")


def seen(text: str) -> list[str]:
    """The visible characters of a typed text, as the policy keeps them."""
    return [c for c in map(stand_in, text) if shows(c)]


def typed_lines(text: str) -> list[list[str]]:
    import re

    return [seen(line) for line in re.split("\r\n|[" + BREAKS + "]", text)]


def _no_raw(stored: str) -> None:
    for char in stored:
        assert stand_in(char) == char, f"raw {char!r} stored"
        assert not 0xD800 <= ord(char) <= 0xDFFF


def check_line(typed: str, stored: str) -> None:
    _no_raw(stored)
    assert not any(c in stored for c in BREAKS + "\t"), repr(stored)
    assert "  " not in stored and stored == stored.strip(), repr(stored)
    assert [c for c in stored if shows(c)] == seen(typed)


def check_block(typed: str, stored: str) -> None:
    _no_raw(stored)
    assert not any(c in stored for c in "\r\x0b\x0c\x85\u2028\u2029"), repr(stored)

    def trimmed(rows: list[list[str]]) -> list[list[str]]:
        while rows and not rows[0]:
            rows = rows[1:]
        while rows and not rows[-1]:
            rows = rows[:-1]
        return rows

    assert trimmed([[c for c in row if shows(c)] for row in stored.split("\n")]) == trimmed(typed_lines(typed))


# Hostile text ------------------------------------------------------------------------------
HOSTILE = [
    "\x00", "\x07", "\x08", "\x1b", "\x1b[31m", "\x1b]0;titre\x07", "\x7f", "\x85", "\x9b", "\x1c",
    "\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200b", "\u200c", "\u200d", "\u2060", "\ufe0f", "\ufeff",
    "\u00ad", "\ufffe", "\uffff", "\ufdd0", "\U0001fffe", "\U0010ffff", "\ud800", "\udfff", "\ufff9",
    "\r\n", "\r", "\n", "\x0b", "\x0c", "\t", "\u2028", "\u2029", " ", "  ", "\u00a0", "\u3000",
    "\u3164", "\u2800", "\u0301", "\u0338", "👨\u200d👩\u200d👧", "❤\ufe0f", "👋🏽", "🇫🇷",
    "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
    "[red]", "[/", "[bold]Zoé[/]", "<script>alert(1)</script>", "*gras*", "# titre", "| a |", "é", "Zoé", "עברית", "漢字",
]
piece = st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(exclude_categories=()), max_size=4))
hostile_text = st.one_of(
    st.lists(piece, max_size=14).map("".join),
    st.builds(lambda p, n: p * n, piece, st.integers(1, 3000)),  # very long
)


# The project and its fields ---------------------------------------------------------------
@dataclass
class Room:
    project: Project
    structure: int
    participant: int
    workshop: int
    free_item: int
    values_item: int
    value_id: int
    apt_item: int
    group_id: int
    fear_id: int
    attraction_id: int
    temptation_id: int
    supra_item: int
    matrix_item: int
    action_id: int
    actor_id: int
    proposal_id: int
    retained_id: int
    round_id: int
    contribution_id: int
    counter: itertools.count
    swot_item: int = 0
    entry_id: int = 0
    answer_id: int = 0
    element_id: int = 0
    stakeholders_item: int = 0
    stakeholder_id: int = 0
    consent_round: int = 0


def make_room(path: Path) -> Room:
    from exercises import apt, matrix, values
    from workshop.proposals import tracker
    from workshop.rounds import RoundMode, RoundSpec, contribute, start_round

    project = Project.create(path, "Politique du texte")
    s = project.add_structure("Alpha")
    p = project.add_participant("Anne", s.id)
    w = project.add_workshop("Atelier", date="2026-10-12")
    free = project.add_agenda_item(w.id, "free", "Libre")
    v_item = project.add_agenda_item(w.id, "values", "Valeurs")
    value = values.add_value(project, v_item.id, "Confiance")
    a_item = project.add_agenda_item(w.id, "apt", "APT")
    group = apt.add_group(project, a_item.id, "Groupe témoin")
    fear = apt.add_item(project, a_item.id, group.id, "fear", "Perdre la main")
    attraction = apt.add_item(project, a_item.id, group.id, "attraction", "Mutualiser")
    temptation = apt.add_item(project, a_item.id, group.id, "temptation", "Tout piloter")
    u_item = project.add_agenda_item(w.id, "supra", "Supra")
    m_item = project.add_agenda_item(w.id, "matrix", "Qui fait quoi")
    action = matrix.add_action(project, m_item.id, "Coordonner")
    actor = matrix.add_external_actor(project, m_item.id, "Mairie")
    x = tracker.record_proposal(project, "Une navette", s.id)
    y = tracker.record_proposal(project, "Un site commun", s.id)
    tracker.decide(project, y.id, "retained")
    r = start_round(project, w.id, free.id, RoundSpec("Vos idées ?", RoundMode.CONTRIBUTION))
    c = contribute(project, r.id, p.id, "Première idée")
    room = Room(
        project, s.id, p.id, w.id, free.id, v_item.id, value.id, a_item.id, group.id, fear.id, attraction.id,
        temptation.id, u_item.id, m_item.id, action.id, actor.id, x.id, y.id, r.id, c.id, itertools.count(1),
    )
    from exercises import securing, swot, swot_answers

    room.swot_item = project.add_agenda_item(w.id, "swot", "FFOM").id
    room.entry_id = swot.add_entry(project, room.swot_item, "weakness", "Peu de bénévoles").id
    room.answer_id = swot_answers.add_answer(project, room.swot_item, room.entry_id, "Mutualiser").id
    room.element_id = securing.add_element(project, "Accord des CA", w.id).id
    from exercises import stakeholders

    room.stakeholders_item = project.add_agenda_item(w.id, "stakeholders", "Parties prenantes").id
    room.stakeholder_id = stakeholders.add_stakeholder(project, room.stakeholders_item, "CAF").id
    return room


def _swot(data: dict[str, Any], room: Room, key: str, record_id: int) -> dict[str, Any]:
    return next(e for e in state(data, "swot", room.swot_item)[key] if e["id"] == record_id)


def last(table: dict[str, Any]) -> dict[str, Any]:
    return table[max(table, key=int)]


def state(data: dict[str, Any], table: str, item_id: int) -> dict[str, Any]:
    return data[table][str(item_id)]


def _apt_item(data: dict[str, Any], room: Room, item: int) -> dict[str, Any]:
    return next(i for i in state(data, "apt", room.apt_item)["items"] if i["id"] == item)


def _new_consent_round(room: Room) -> None:
    from workshop.rounds import RoundMode, RoundSpec, start_round

    room.consent_round = start_round(room.project, room.workshop, room.free_item, RoundSpec("D'accord ?", RoundMode.CONSENT)).id


def _object(room: Room, reason: str) -> None:
    from workshop.rounds import cast

    cast(room.project, room.consent_round, room.participant, "objection", reason)


def _new_option_round(room: Room, option: str) -> None:
    from workshop.rounds import RoundMode, RoundSpec, start_round

    start_round(room.project, room.workshop, room.free_item, RoundSpec("Lequel ?", RoundMode.SINGLE, ["Ωmega fixe", option]))


def _option(data: dict[str, Any]) -> str:
    return last(data["rounds"])["spec"]["options"][1]


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # "line": may be empty; "required": refused when nothing visible; "block": multi-line
    write: Callable[[Room, str], object]
    read: Callable[[dict[str, Any], Room], str]
    prepare: Callable[[Room], object] | None = None  # what the write needs, made before it


def _fields() -> list[Field]:
    from exercises import (
        apt,
        apt_outputs,
        matrix,
        securing,
        stakeholders,
        stakeholders_sheet,
        supra,
        swot,
        swot_answers,
        values,
    )
    from exercises.stakeholders_sheet import Sheet
    from workshop.proposals import tracker
    from workshop.rounds import RoundMode, RoundSpec, contribute, edit_contribution, start_round

    P = Project
    return [
        Field("project name", "required", lambda r, x: P.rename(r.project, x), lambda d, r: last(d["meta"])["name"]),
        Field("structure added", "required", lambda r, x: r.project.add_structure(x), lambda d, r: last(d["structures"])["name"]),
        Field("structure renamed", "required", lambda r, x: r.project.update_structure(r.structure, name=x),
              lambda d, r: d["structures"][str(r.structure)]["name"]),
        Field("participant added", "required", lambda r, x: r.project.add_participant(x, r.structure),
              lambda d, r: last(d["participants"])["name"]),
        Field("participant renamed", "required", lambda r, x: r.project.update_participant(r.participant, name=x),
              lambda d, r: d["participants"][str(r.participant)]["name"]),
        Field("workshop added", "required", lambda r, x: r.project.add_workshop(x), lambda d, r: last(d["workshops"])["title"]),
        Field("workshop title", "required", lambda r, x: r.project.update_workshop(r.workshop, title=x),
              lambda d, r: d["workshops"][str(r.workshop)]["title"]),
        Field("workshop place", "line", lambda r, x: r.project.update_workshop(r.workshop, place=x),
              lambda d, r: d["workshops"][str(r.workshop)]["place"]),
        Field("workshop facilitator", "line", lambda r, x: r.project.add_workshop("Un autre", facilitator=x),
              lambda d, r: last(d["workshops"])["facilitator"]),
        Field("next steps", "block", lambda r, x: r.project.update_workshop(r.workshop, next_steps=x),
              lambda d, r: d["workshops"][str(r.workshop)]["next_steps"]),
        Field("agenda item added", "required", lambda r, x: r.project.add_agenda_item(r.workshop, "free", x),
              lambda d, r: last(d["agenda"])["title"]),
        Field("agenda item title", "required", lambda r, x: r.project.update_agenda_item(r.free_item, title=x),
              lambda d, r: d["agenda"][str(r.free_item)]["title"]),
        Field("item notes", "block", lambda r, x: r.project.update_agenda_item(r.free_item, notes=x),
              lambda d, r: d["agenda"][str(r.free_item)]["notes"]),
        # Rounds
        Field("round question", "required",
              lambda r, x: start_round(r.project, r.workshop, r.free_item, RoundSpec(x, RoundMode.CONTRIBUTION)),
              lambda d, r: last(d["rounds"])["spec"]["question"]),
        Field("round option", "required", _new_option_round, lambda d, r: _option(d)),
        Field("contribution", "required", lambda r, x: contribute(r.project, r.round_id, r.participant, x),
              lambda d, r: d["rounds"][str(r.round_id)]["contributions"][-1]["text"]),
        Field("contribution edited", "required", lambda r, x: edit_contribution(r.project, r.round_id, r.contribution_id, x),
              lambda d, r: d["rounds"][str(r.round_id)]["contributions"][0]["text"]),
        Field("objection reason", "line", _object, lambda d, r: last(d["rounds"])["ballots"][0]["reason"], _new_consent_round),
        # Action proposals
        Field("proposal", "required", lambda r, x: tracker.record_proposal(r.project, x, r.structure),
              lambda d, r: last(d["proposals"])["text"]),
        Field("proposal edited", "required", lambda r, x: tracker.edit_proposal(r.project, r.proposal_id, text=x),
              lambda d, r: d["proposals"][str(r.proposal_id)]["text"]),
        Field("not retained because", "required", lambda r, x: tracker.decide(r.project, r.proposal_id, "not_retained", x),
              lambda d, r: d["proposals"][str(r.proposal_id)]["reason"]),
        Field("dropped because", "required",
              lambda r, x: tracker.follow_up(r.project, r.retained_id, status="dropped", reason=x),
              lambda d, r: d["proposals"][str(r.retained_id)]["status_reason"]),
        # Shared values
        Field("value renamed", "required", lambda r, x: values.edit_value(r.project, r.values_item, r.value_id, x),
              lambda d, r: state(d, "values", r.values_item)["values"][0]["label"]),
        Field("value definition", "line", lambda r, x: values.set_definition(r.project, r.values_item, r.value_id, x),
              lambda d, r: state(d, "values", r.values_item)["values"][0]["definition"]),
        Field("value divergence", "line",
              lambda r, x: values.set_divergence(r.project, r.values_item, r.value_id, r.structure, x),
              lambda d, r: state(d, "values", r.values_item)["values"][0]["divergences"].get(str(r.structure), "")),
        # Attractions, fears, temptations
        Field("APT group", "required", lambda r, x: apt.rename_group(r.project, r.apt_item, r.group_id, x),
              lambda d, r: next(g for g in state(d, "apt", r.apt_item)["groups"] if g["id"] == r.group_id)["label"]),
        Field("APT item", "required", lambda r, x: apt.edit_item(r.project, r.apt_item, r.fear_id, x),
              lambda d, r: _apt_item(d, r, r.fear_id)["text"]),
        Field("APT objective", "line", lambda r, x: apt_outputs.set_objective(r.project, r.apt_item, r.attraction_id, x),
              lambda d, r: _apt_item(d, r, r.attraction_id)["output"]),
        Field("APT mitigation", "line", lambda r, x: apt_outputs.set_risk(r.project, r.apt_item, r.fear_id, mitigation=x),
              lambda d, r: _apt_item(d, r, r.fear_id)["mitigation"]),
        Field("APT owner", "line", lambda r, x: apt_outputs.set_risk(r.project, r.apt_item, r.fear_id, owner=x),
              lambda d, r: _apt_item(d, r, r.fear_id)["owner"]),
        Field("APT rule", "line", lambda r, x: apt_outputs.set_rule(r.project, r.apt_item, r.temptation_id, rule=x),
              lambda d, r: _apt_item(d, r, r.temptation_id)["output"]),
        # Shared higher objective
        Field("supra sentence", "required", lambda r, x: supra.write_sentence(r.project, r.supra_item, x),
              lambda d, r: state(d, "supra", r.supra_item)["versions"][-1]["text"]),
        Field("supra indicator", "required", lambda r, x: supra.add_indicator(r.project, r.supra_item, x),
              lambda d, r: state(d, "supra", r.supra_item)["indicators"][-1]),
        # Who does what
        Field("matrix action", "required", lambda r, x: matrix.rename_action(r.project, r.matrix_item, r.action_id, x),
              lambda d, r: state(d, "matrix", r.matrix_item)["actions"][0]["label"]),
        Field("matrix actor", "required", lambda r, x: matrix.rename_actor(r.project, r.matrix_item, r.actor_id, x),
              lambda d, r: d["structures"][str(r.actor_id)]["name"]),
        # FFOM and the elements to secure
        Field("FFOM entry", "required", lambda r, x: swot.edit_entry(r.project, r.swot_item, r.entry_id, x),
              lambda d, r: _swot(d, r, "entries", r.entry_id)["text"]),
        Field("FFOM answer", "required", lambda r, x: swot_answers.edit_answer(r.project, r.swot_item, r.answer_id, x),
              lambda d, r: _swot(d, r, "answers", r.answer_id)["text"]),
        Field("element to secure", "required", lambda r, x: securing.update_element(r.project, r.element_id, text=x),
              lambda d, r: d["securing"][str(r.element_id)]["text"]),
        Field("element notes", "line", lambda r, x: securing.update_element(r.project, r.element_id, notes=x),
              lambda d, r: d["securing"][str(r.element_id)]["notes"]),
        # Stakeholders
        Field("stakeholder", "required", lambda r, x: stakeholders.add_stakeholder(r.project, r.stakeholders_item, x),
              lambda d, r: state(d, "stakeholders", r.stakeholders_item)["stakeholders"][-1]["name"]),
        Field("stakeholder stakes", "line",
              lambda r, x: stakeholders_sheet.describe(r.project, r.stakeholders_item, r.stakeholder_id, Sheet("CAF", "other", stakes=x)),
              lambda d, r: state(d, "stakeholders", r.stakeholders_item)["stakeholders"][0]["stakes"]),
    ]


FIELDS = _fields()
REFUSALS_ALLOWED = ("values.error.duplicate", "stakeholders.error.duplicate", "apt.error.group_exists", "rounds.error.duplicate_option", "rounds.error.too_long")


@pytest.mark.parametrize("field", FIELDS, ids=[f.name for f in FIELDS])
def test_every_text_field_follows_the_policy_once_saved_and_read_back(
    field: Field, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What is checked is what the file holds, not that it reached the platter:
    # thousands of fsyncs would only measure the disk (test_store_* test those).
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    room = make_room(tmp_path / "texte.atelier")

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(hostile_text)
    def typed(text: str) -> None:
        if field.prepare is not None:
            field.prepare(room)
        before = room.project.path.read_bytes()
        try:
            field.write(room, text)
        except ValidationError as refused:
            assert room.project.path.read_bytes() == before  # a refusal changes nothing
            if refused.key in REFUSALS_ALLOWED or "too_long" in refused.key:
                return
            assert field.kind == "required" and not seen(text), (refused.key, text)
            return
        if field.kind == "required":
            assert seen(text), f"accepted a text with nothing visible: {text!r}"
        stored = field.read(read_project_file(room.project.path), room)  # read back through the loader
        if field.kind == "block":
            check_block(text, stored)
        else:
            check_line(text, stored)

    try:
        typed()
    finally:
        room.project.close()


# The findings of #13, one by one ----------------------------------------------------------------
def test_escape_sequences_are_kept_visibly(project: Project) -> None:
    structure = project.add_structure("\x1b[31mRouge\x1b[0m")
    assert structure.name == "␛[31mRouge␛[0m"


def test_nul_vt_ff_are_treated_the_same_in_every_field(project: Project) -> None:
    workshop = project.add_workshop("Titre\x00\x0bsuite", place="Salle\x00\x0c2")
    assert workshop.title == "Titre␀ suite"
    assert workshop.place == "Salle␀ 2"


def test_a_noncharacter_is_replaced(project: Project) -> None:
    assert project.add_structure("A\ufffeB").name == "A\ufffdB"


def test_a_pasted_windows_line_is_joined_not_cut(project: Project) -> None:
    assert project.add_structure("ligne1\r\nligne2").name == "ligne1 ligne2"
    assert project.add_structure("Tab\x0bvertical").name == "Tab vertical"


def test_a_family_emoji_keeps_its_joiners(project: Project) -> None:
    family = "La 👨\u200d👩\u200d👧 Maison"
    assert project.add_structure(family).name == family


@pytest.mark.parametrize("invisible", ["\u200b\u200b", "\u200d", "\u3164", "\u2800\u00a0", "\ufeff\u2060", "\u0301"])
def test_invisible_names_are_refused_like_empty_ones(project: Project, invisible: str) -> None:
    with pytest.raises(ValidationError) as refused:
        project.add_structure(invisible)
    assert refused.value.message() == "Le nom ne peut pas être vide."


def test_notes_keep_their_lines_and_their_markdown(project: Project) -> None:
    w = project.add_workshop("A")
    item = project.add_agenda_item(w.id, "free", "Libre")
    notes = project.update_agenda_item(item.id, notes="- un\r\n- **deux**\r\n\r\n<script>x</script>\x1b").notes
    assert notes == "- un\n- **deux**\n\n<script>x</script>␛"


def test_a_separator_control_is_an_option_character_not_a_line_break(project: Project) -> None:
    # Python's splitlines and strip take \x1c–\x1e for line breaks and spaces; the policy does not.
    from workshop.rounds import RoundMode, RoundSpec, parse_options, start_round

    s = project.add_structure("A")
    project.add_participant("Anne", s.id)
    w = project.add_workshop("W")
    options = parse_options("Un\x1cdeux\r\n\x1e\nTrois")
    started = start_round(project, w.id, 0, RoundSpec("Lequel ?", RoundMode.SINGLE, options))
    assert started.options == ["Un␜deux", "␞", "Trois"]


def test_no_forbidden_character_is_printable() -> None:
    # has_forbidden and visible skip their searches for a text Python calls printable: that
    # shortcut holds only if no forbidden code point is printable. Every code point is looked at.
    from workshop.text import _FORBIDDEN_ASTRAL, _FORBIDDEN_BMP, has_forbidden, visible

    forbidden = [chr(c) for c in range(0x110000) if _FORBIDDEN_BMP.match(chr(c)) or _FORBIDDEN_ASTRAL.match(chr(c))]
    assert len(forbidden) > 2000  # the controls, the noncharacters of every plane, the surrogates…
    assert [hex(ord(c)) for c in forbidden if c.isprintable()] == []
    for char in ("\x1b", "\u202e", "\U0001fffe", "\x9b"):
        assert has_forbidden(f"abc{char}déf") and visible(f"abc{char}déf") != f"abc{char}déf"
    assert not has_forbidden("Les Jardins — café, 9\u202f%") and visible("Les Jardins") == "Les Jardins"
