"""Running a round: who votes, in which order, and saving every ballot as it is cast.

Secrecy of stored ballots. TinyDB document ids grow with each insert and voters
vote in a known order, so a ballot stored as its own document (or carrying a
time) could be matched to its voter. A secret round therefore keeps its ballots
inside the round's own document, each inserted at a random position of the
list, with no voter, no time and no id. What is kept is who has taken their turn
(`turns`), never what they chose. The voter's structure is written on a secret
ballot only when the structure has at least two voters in the round, and only
once two of them have voted: until then it is held in memory (`held_tags`), so
that the file never shows a structure's tag on a single person's ballot. A
ballot with no structure belongs to a structure with a single ballot, which is
all the "one structure, one voice" weighting needs.

Each secret save is written twice so that the backup file (`.bak`, the previous
version) holds the same state: comparing the backup with the project file cannot
single out the ballot just cast.

A contribution round keeps the ids of the contributions typed during the current
turn, so the voter (or a restarted app) can correct them until they pass the
keyboard; the list is emptied when the turn ends.
"""

from __future__ import annotations

import copy
import random
from typing import Any

from workshop.errors import NotFound, ValidationError
from workshop.i18n import t
from workshop.model import Participant
from workshop.project import Project
from workshop.rounds import held_tags
from workshop.rounds.model import (
    CONSENT_ANSWERS,
    MAX_BUDGET,
    MAX_OPTIONS,
    MAX_TEXT,
    SCALE_VALUES,
    ConsentAnswer,
    Contribution,
    Round,
    RoundMode,
    RoundSpec,
    RoundStatus,
    TurnState,
    default_budget,
    default_cap,
)
from workshop.text import clean_line, has_visible, one_line, split_lines

ROUNDS = "rounds"

_random = random.SystemRandom()  # secret positions and shuffles must not be predictable


# Reading -------------------------------------------------------------------------------
def _doc(project: Project, round_id: int) -> dict[str, Any]:
    doc = project.store.table(ROUNDS).get(doc_id=round_id) if round_id else None
    if doc is None:
        raise NotFound("error.not_found", what=ROUNDS, id=round_id)
    return copy.deepcopy(dict(doc))


def get_round(project: Project, round_id: int) -> Round:
    doc = project.store.table(ROUNDS).get(doc_id=round_id) if round_id else None
    if doc is None:
        raise NotFound("error.not_found", what=ROUNDS, id=round_id)
    return Round.from_doc(doc, round_id)


def rounds_of(
    project: Project, workshop_id: int, item_id: int | None = None, owner: str | None = None
) -> list[Round]:
    """The rounds of a workshop (of one agenda item, of one owner), oldest first."""

    def matches(doc: dict[str, Any]) -> bool:
        if doc.get("workshop_id") != workshop_id:
            return False
        if item_id is not None and doc.get("item_id") != item_id:
            return False
        return owner is None or doc.get("spec", {}).get("owner", "") == owner

    docs = project.store.table(ROUNDS).search(matches)
    return sorted((Round.from_doc(doc, doc.doc_id) for doc in docs), key=lambda r: r.id)


def contributions(project: Project, round_id: int) -> list[Contribution]:
    """Every contribution of a round, in stored order (random order in secret rounds)."""
    doc = project.store.table(ROUNDS).get(doc_id=round_id) if round_id else None
    if doc is None:
        raise NotFound("error.not_found", what=ROUNDS, id=round_id)
    return [Contribution.from_doc(c) for c in doc.get("contributions", [])]


def turn_contributions(project: Project, round_id: int) -> list[Contribution]:
    """The contributions typed during the current turn, in typing order (still correctable)."""
    doc = _doc(project, round_id)
    by_id = {c["id"]: c for c in doc.get("contributions", [])}
    return [Contribution.from_doc(by_id[i]) for i in doc.get("turn_ids", []) if i in by_id]


def ballots(project: Project, round_id: int) -> list[dict[str, Any]]:
    """The stored ballots (copies). Secret ones carry no voter."""
    return _doc(project, round_id).get("ballots", [])


def voter_label(project: Project, round_: Round, voter: int) -> tuple[str, str]:
    """(name, structure name) of a voter; a structure round names the structure only."""
    try:
        if round_.spec.by_structure:
            return project.structure(voter).name, ""
        person = project.participant(voter)
        try:
            structure = project.structure(person.structure_id).name
        except NotFound:
            structure = ""
        return person.name, structure
    except NotFound:
        return t("rounds.unknown_voter"), ""


def structure_of(project: Project, round_: Round, voter: int) -> int | None:
    if round_.spec.by_structure:
        return voter
    try:
        return project.participant(voter).structure_id
    except NotFound:
        return None


# Starting ------------------------------------------------------------------------------
def clean_text(text: str, what: str = "contribution", required: bool = True) -> str:
    """Text as a person typed it, per the text policy (workshop.text): one line, control
    characters made visible; refused when nothing visible is left or far too long.

    Markup-like brackets and emoji are kept as typed: screens show them
    literally, the minutes escape them.
    """
    return clean_line(
        text, empty=f"rounds.error.{what}_empty" if required else None, too_long="rounds.error.too_long", limit=MAX_TEXT
    )


def parse_options(text: str) -> list[str]:
    """Options typed one per line (lines with nothing visible dropped)."""
    lines = (one_line(line) for line in split_lines(text or ""))
    return [line for line in lines if has_visible(line)]


def parse_count(text: str, what: str) -> int:
    """A budget or a cap typed by the facilitator; empty means the default (0)."""
    text = (text or "").strip()
    if not text:
        return 0
    try:
        value = int(text)
    except ValueError:
        raise ValidationError(f"rounds.error.{what}_invalid", limit=MAX_BUDGET) from None
    if not 1 <= value <= MAX_BUDGET:
        raise ValidationError(f"rounds.error.{what}_invalid", limit=MAX_BUDGET)
    return value


def _check_spec(spec: RoundSpec) -> RoundSpec:
    mode = RoundMode(spec.mode)
    question = clean_text(spec.question, "question")
    options: list[str] = []
    budget = cap = 0
    if mode in (RoundMode.DOT, RoundMode.SINGLE):
        options = [clean_text(o, "option") for o in spec.options if has_visible(one_line(o or ""))]
        if not options:
            raise ValidationError("rounds.error.no_options")
        if len(options) < 2:
            raise ValidationError("rounds.error.too_few_options")
        if len(options) > MAX_OPTIONS:
            raise ValidationError("rounds.error.too_many_options", limit=MAX_OPTIONS)
        seen: set[str] = set()
        for option in options:
            key = " ".join(option.casefold().split())
            if key in seen:
                raise ValidationError("rounds.error.duplicate_option", option=option)
            seen.add(key)
    if mode is RoundMode.DOT:
        if spec.budget < 0 or spec.budget > MAX_BUDGET:
            raise ValidationError("rounds.error.budget_invalid", limit=MAX_BUDGET)
        if spec.cap < 0 or spec.cap > MAX_BUDGET:
            raise ValidationError("rounds.error.cap_invalid", limit=MAX_BUDGET)
        budget = spec.budget or default_budget(len(options))
        cap = min(spec.cap or default_cap(budget), budget)
    return RoundSpec(
        question=question,
        mode=mode,
        options=options,
        secret=bool(spec.secret),
        hidden=bool(spec.hidden),
        budget=budget,
        cap=cap,
        shuffle=bool(spec.shuffle),
        by_structure=bool(spec.by_structure),
        one_structure_one_voice=bool(spec.one_structure_one_voice),
        auto_reveal=bool(spec.auto_reveal),
        owner=spec.owner or "",
    )


def _voters(project: Project, workshop_id: int, spec: RoundSpec) -> tuple[list[int], dict[int, int]]:
    """Voter keys in turn order, and how many present people each structure has."""
    present: list[Participant] = project.present(workshop_id)
    people: dict[int, int] = {}
    for person in present:
        people[person.structure_id] = people.get(person.structure_id, 0) + 1
    if spec.by_structure:
        voters = list(dict.fromkeys(p.structure_id for p in present))
    else:
        voters = [p.id for p in present]
    if spec.shuffle:
        _random.shuffle(voters)
    return voters, people


def start_round(project: Project, workshop_id: int, item_id: int, spec: RoundSpec) -> Round:
    """Check the settings, list the voters (present participants) and save the round."""
    project.workshop(workshop_id)
    if item_id:
        item = project.agenda_item(item_id)
        if item.workshop_id != workshop_id:
            raise NotFound("error.not_found", what="agenda", id=item_id)
    spec = _check_spec(spec)
    voters, people = _voters(project, workshop_id, spec)
    if not voters:
        raise ValidationError("rounds.error.nobody_present")
    # Secret rounds name the structure on a ballot only where it has two voters or more.
    if spec.secret and not spec.by_structure:
        taggable = sorted(sid for sid, n in people.items() if n >= 2)
    else:
        taggable = []
    doc = {
        "workshop_id": workshop_id,
        "item_id": item_id,
        "spec": spec.to_doc(),
        "voters": voters,
        "turns": {str(v): TurnState.PENDING.value for v in voters},
        "status": RoundStatus.OPEN.value,
        "revealed": False,
        "taggable": taggable,
        "ballots": [],
        "contributions": [],
        "turn_ids": [],
        "contributors": {},  # secret contribution rounds: people who contributed, per structure
        "next_id": 1,
    }
    round_id = project.store.table(ROUNDS).insert(doc)
    return get_round(project, round_id)


def remove_round(project: Project, round_id: int) -> None:
    get_round(project, round_id)
    project.store.table(ROUNDS).remove(doc_ids=[round_id])
    held_tags.forget(project, round_id)


# Saving --------------------------------------------------------------------------------
def _save(project: Project, round_id: int, doc: dict[str, Any], seal: bool = False) -> Round:
    project.store.table(ROUNDS).update(doc, doc_ids=[round_id])
    if seal:
        # Write the same state again: the backup (previous version) then matches it.
        storage = project.store.storage
        storage.write(storage.read())
    return get_round(project, round_id)


def _check_open(doc: dict[str, Any]) -> None:
    if doc.get("status") == RoundStatus.CLOSED.value:
        raise ValidationError("rounds.error.closed")


def _state(doc: dict[str, Any], voter: int) -> TurnState:
    state = doc["turns"].get(str(voter))
    if state is None:
        raise ValidationError("rounds.error.not_a_voter")
    return TurnState(state)


def _current(doc: dict[str, Any]) -> int | None:
    return next((v for v in doc["voters"] if doc["turns"][str(v)] == TurnState.PENDING.value), None)


def _end_turn(doc: dict[str, Any], voter: int, state: TurnState) -> None:
    doc["turns"][str(voter)] = state.value
    doc["turn_ids"] = []
    if _current(doc) is None:
        _strip_lonely_tags(doc)
        if doc["spec"].get("auto_reveal"):
            doc["revealed"] = True


def _strip_lonely_tags(doc: dict[str, Any]) -> None:
    """A secret round over: no stored structure may stand for a single voter."""
    if not doc["spec"].get("secret") or doc["spec"].get("by_structure"):
        return
    counts: dict[int, int] = {}
    for ballot in doc["ballots"]:
        sid = ballot.get("structure_id")
        if sid is not None:
            counts[sid] = counts.get(sid, 0) + 1
    for ballot in doc["ballots"]:
        if ballot.get("structure_id") is not None and counts[ballot["structure_id"]] < 2:
            ballot["structure_id"] = None
    contributors = {int(k): v for k, v in doc.get("contributors", {}).items()}
    for item in doc["contributions"]:
        sid = item.get("structure_id")
        if sid is not None and contributors.get(sid, 0) < 2:
            item["structure_id"] = None


def _secret_structure(doc: dict[str, Any], structure_id: int | None) -> int | None:
    return structure_id if structure_id in doc.get("taggable", []) else None


def _new_id(doc: dict[str, Any]) -> int:
    if doc["spec"].get("secret"):
        # Random ids: the order of typing cannot be read back from them.
        taken = {c["id"] for c in doc["contributions"]}
        while True:
            candidate = _random.randrange(1, 2**31)
            if candidate not in taken:
                return candidate
    new_id = int(doc.get("next_id", 1))
    doc["next_id"] = new_id + 1
    return new_id


def _insert(doc: dict[str, Any], key: str, record: dict[str, Any]) -> None:
    if doc["spec"].get("secret"):
        doc[key].insert(_random.randrange(len(doc[key]) + 1), record)
    else:
        doc[key].append(record)


# Contribution rounds -------------------------------------------------------------------
def contribute(project: Project, round_id: int, voter: int, text: str, proxy: bool = False) -> Contribution:
    """Save one contribution of the voter whose turn it is."""
    doc = _doc(project, round_id)
    _check_open(doc)
    spec = RoundSpec.from_doc(doc["spec"])
    if spec.mode is not RoundMode.CONTRIBUTION:
        raise ValidationError("rounds.error.wrong_mode")
    if _state(doc, voter) is not TurnState.PENDING:
        raise ValidationError("rounds.error.already_taken")
    if _current(doc) != voter:
        raise ValidationError("rounds.error.not_their_turn")
    text = clean_text(text)
    round_ = Round.from_doc(doc, round_id)
    structure_id = structure_of(project, round_, voter)
    record: dict[str, Any] = {"id": _new_id(doc), "text": text}
    if spec.secret:
        record["structure_id"] = None  # tagged when the turn ends, if it is safe (finish_turn)
    else:
        record["participant_id"] = None if spec.by_structure else voter
        record["structure_id"] = structure_id
        record["proxy"] = bool(proxy)
    _insert(doc, "contributions", record)
    doc["turn_ids"] = [*doc.get("turn_ids", []), record["id"]]
    _save(project, round_id, doc, seal=spec.secret)
    return Contribution.from_doc(record)


def edit_contribution(project: Project, round_id: int, contribution_id: int, text: str) -> Contribution:
    doc = _doc(project, round_id)
    text = clean_text(text)
    for record in doc["contributions"]:
        if record["id"] == contribution_id:
            record["text"] = text
            _save(project, round_id, doc, seal=bool(doc["spec"].get("secret")))
            return Contribution.from_doc(record)
    raise NotFound("error.not_found", what="contribution", id=contribution_id)


def remove_contribution(project: Project, round_id: int, contribution_id: int) -> None:
    doc = _doc(project, round_id)
    kept = [c for c in doc["contributions"] if c["id"] != contribution_id]
    if len(kept) == len(doc["contributions"]):
        raise NotFound("error.not_found", what="contribution", id=contribution_id)
    doc["contributions"] = kept
    doc["turn_ids"] = [i for i in doc.get("turn_ids", []) if i != contribution_id]
    _save(project, round_id, doc, seal=bool(doc["spec"].get("secret")))


def finish_turn(project: Project, round_id: int, voter: int, proxy: bool = False) -> Round:
    """The voter passes the keyboard: their contributions are final."""
    doc = _doc(project, round_id)
    _check_open(doc)
    if doc["spec"]["mode"] != RoundMode.CONTRIBUTION.value:
        raise ValidationError("rounds.error.wrong_mode")
    if _state(doc, voter) is not TurnState.PENDING:
        raise ValidationError("rounds.error.already_taken")
    secret = bool(doc["spec"].get("secret"))
    if secret and doc.get("turn_ids"):
        round_ = Round.from_doc(doc, round_id)
        sid = _secret_structure(doc, structure_of(project, round_, voter))
        if sid is not None:
            _tag_contributions(project, round_id, doc, sid, list(doc["turn_ids"]))
    _end_turn(doc, voter, TurnState.PROXY if proxy else TurnState.TAKEN)
    return _save(project, round_id, doc, seal=secret)


def _tag_contributions(project: Project, round_id: int, doc: dict[str, Any], sid: int, ids: list[int]) -> None:
    """Tag one person's contributions with their structure once two people of it have contributed.

    `contributors` counts, per structure, the people whose contributions carry its tag.
    """
    contributors = doc.setdefault("contributors", {})
    if contributors.get(str(sid), 0) >= 2:
        turns = [ids]
    else:
        turns = held_tags.hold(project, round_id, "contributions", sid, tuple(ids))
    wanted = {i for turn in turns for i in turn}
    for item in doc["contributions"]:
        if item["id"] in wanted:
            item["structure_id"] = sid
    if turns:
        contributors[str(sid)] = contributors.get(str(sid), 0) + len(turns)


# Vote rounds ---------------------------------------------------------------------------
def check_choice(spec: RoundSpec, choice: Any, reason: str = "") -> tuple[Any, str]:
    """A ballot's choice in its stored form, and the reason kept (consent only).

    dot: points per option (a list as long as the options, or {index: points});
    scale: 1–5; consent: a ConsentAnswer; single: an option index.
    None is a blank ballot in scale and single rounds.
    """
    mode = RoundMode(spec.mode)
    if mode is RoundMode.DOT:
        if isinstance(choice, dict):
            points = [0] * len(spec.options)
            for index, value in choice.items():
                index = int(index)
                if not 0 <= index < len(points):
                    raise ValidationError("rounds.error.bad_choice")
                points[index] = int(value)
        else:
            points = [int(v) for v in (choice or [])]
            if len(points) != len(spec.options):
                raise ValidationError("rounds.error.bad_choice")
        if any(p < 0 for p in points):
            raise ValidationError("rounds.error.bad_choice")
        if any(p > spec.cap for p in points):
            raise ValidationError("rounds.error.over_cap", cap=spec.cap)
        if sum(points) > spec.budget:
            raise ValidationError("rounds.error.over_budget", budget=spec.budget)
        return points, ""
    if mode is RoundMode.SCALE:
        if choice is None:
            return None, ""
        if isinstance(choice, bool) or int(choice) not in SCALE_VALUES:
            raise ValidationError("rounds.error.bad_choice")
        return int(choice), ""
    if mode is RoundMode.SINGLE:
        if choice is None:
            return None, ""
        if isinstance(choice, bool) or not 0 <= int(choice) < len(spec.options):
            raise ValidationError("rounds.error.bad_choice")
        return int(choice), ""
    if mode is RoundMode.CONSENT:
        try:
            answer = ConsentAnswer(choice)
        except ValueError:
            raise ValidationError("rounds.error.bad_choice") from None
        kept = ""
        if answer.takes_reason:
            kept = clean_text(reason, "reason", required=False)
        return answer.value, kept
    raise ValidationError("rounds.error.wrong_mode")


def cast(
    project: Project, round_id: int, voter: int, choice: Any, reason: str = "", proxy: bool = False
) -> Round:
    """Save a final ballot: the voter has passed the keyboard; nobody votes twice.

    A proxy vote (entered by the facilitator) may also be given for a voter who
    was skipped.
    """
    doc = _doc(project, round_id)
    _check_open(doc)
    spec = RoundSpec.from_doc(doc["spec"])
    if not spec.mode.is_vote:
        raise ValidationError("rounds.error.wrong_mode")
    state = _state(doc, voter)
    if state is not TurnState.PENDING and not (proxy and state is TurnState.SKIPPED):
        raise ValidationError("rounds.error.already_taken")
    stored, kept_reason = check_choice(spec, choice, reason)
    round_ = Round.from_doc(doc, round_id)
    structure_id = structure_of(project, round_, voter)
    ballot: dict[str, Any] = {"choice": stored, "reason": kept_reason}
    if spec.secret:
        ballot["structure_id"] = None
    else:
        ballot["structure_id"] = structure_id
        ballot["voter"] = voter
        ballot["proxy"] = bool(proxy)
    _insert(doc, "ballots", ballot)
    if spec.secret:
        sid = _secret_structure(doc, structure_id)
        if sid is not None:
            _tag_ballots(project, round_id, doc, sid, ballot)
    _end_turn(doc, voter, TurnState.PROXY if proxy else TurnState.TAKEN)
    return _save(project, round_id, doc, seal=spec.secret)


def _tag_ballots(project: Project, round_id: int, doc: dict[str, Any], sid: int, ballot: dict[str, Any]) -> None:
    """Tag a secret ballot with its structure once two ballots of it are cast."""
    if sum(1 for b in doc["ballots"] if b.get("structure_id") == sid) >= 2:
        ballot["structure_id"] = sid
        return
    content = _content(ballot)
    released = held_tags.hold(project, round_id, "ballots", sid, content)
    # Identical ballots are interchangeable: any untagged ballot with the held content will do.
    for wanted in released:
        for candidate in doc["ballots"]:
            if candidate.get("structure_id") is None and _content(candidate) == wanted:
                candidate["structure_id"] = sid
                break


def _content(ballot: dict[str, Any]) -> str:
    """What a ballot says, as a hashable key (choices may be lists)."""
    return repr((ballot["choice"], ballot.get("reason", "")))


# Either kind ---------------------------------------------------------------------------
def skip(project: Project, round_id: int, voter: int) -> Round:
    """The voter is absent when their turn comes."""
    doc = _doc(project, round_id)
    _check_open(doc)
    if _state(doc, voter) is not TurnState.PENDING:
        raise ValidationError("rounds.error.already_taken")
    if doc.get("turn_ids") and _current(doc) == voter:
        raise ValidationError("rounds.error.skip_has_contributions")
    _end_turn(doc, voter, TurnState.SKIPPED)
    return _save(project, round_id, doc)


def recall(project: Project, round_id: int, voter: int) -> Round:
    """A skipped voter is back: their turn comes again (before anyone not yet called)."""
    doc = _doc(project, round_id)
    _check_open(doc)
    if _state(doc, voter) is not TurnState.SKIPPED:
        raise ValidationError("rounds.error.not_skipped")
    doc["turns"][str(voter)] = TurnState.PENDING.value
    return _save(project, round_id, doc)


def reveal(project: Project, round_id: int) -> Round:
    """Show the results (or the hidden contributions) to the room."""
    doc = _doc(project, round_id)
    if doc.get("revealed"):
        return get_round(project, round_id)
    doc["revealed"] = True
    return _save(project, round_id, doc)


def close_round(project: Project, round_id: int) -> Round:
    """End the round: voters still waiting no longer get a turn."""
    doc = _doc(project, round_id)
    if doc.get("status") == RoundStatus.CLOSED.value:
        return get_round(project, round_id)
    doc["status"] = RoundStatus.CLOSED.value
    doc["turn_ids"] = []
    _strip_lonely_tags(doc)
    held_tags.forget(project, round_id)
    return _save(project, round_id, doc, seal=bool(doc["spec"].get("secret")))


__all__ = [
    "CONSENT_ANSWERS",
    "ballots",
    "cast",
    "check_choice",
    "clean_text",
    "close_round",
    "contribute",
    "contributions",
    "edit_contribution",
    "finish_turn",
    "get_round",
    "parse_count",
    "parse_options",
    "recall",
    "remove_contribution",
    "remove_round",
    "reveal",
    "rounds_of",
    "skip",
    "start_round",
    "structure_of",
    "turn_contributions",
    "voter_label",
]
