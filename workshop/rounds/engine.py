"""Running a round: who votes, in which order, and saving every ballot as it is cast.

A round is one document of the `rounds` table; its ballots and contributions
live inside it. Its stored shape (what a reader of project files may check):

- `workshop_id`, `item_id` (0 for a round on no agenda item): integers;
- `spec`: the settings (`RoundSpec.to_doc`): `question`, `mode` (contribution,
  dot, scale, consent, single), `options` (texts), `secret`, `hidden`, `budget`,
  `cap`, `shuffle`, `by_structure`, `one_structure_one_voice`, `auto_reveal`
  (booleans and integers), `owner` (text), `batch_size` (integer; 0 = 3);
- `voters`: participant ids in turn order (structure ids when `by_structure`);
- `turns`: {voter id as text: "pending" | "taken" | "proxy" | "skipped"};
- `status`: "open" | "closed"; `revealed`: boolean;
- `ballots`: open rounds `{choice, reason, structure_id, voter, proxy}`; secret
  rounds `{choice, reason, structure_id}` with `structure_id` null unless the
  tag cannot single anyone out (see `batching.py`). `choice`: dot, a list of
  points per option; scale, 1–5; single, an option index; consent, an answer;
  null is a blank ballot;
- `contributions`: `{id, text, participant_id, structure_id, proxy}`; in a
  secret (anonymous) round only `{id, text}`, with random ids;
- `turn_ids`: ids of the contributions typed during the current turn (open and
  hidden rounds only: an anonymous round never writes them);
- `pooled`: secret rounds weighted "one structure, one voice": {option value as
  text: exact fraction as text ("7/6")}, the weighted sum of the untagged ballots;
- `unsaved`: secret rounds: voters whose turn the running app holds in memory,
  not yet written (they vote again if the app stops);
- `next_id`: the next contribution id of an open round;
- `on_screen`: true while the round is on the projected screen (reopening the
  project goes back to it).

Secret rounds. Voters vote in a known order and the file says who has taken
their turn, so a ballot written alone, or with its voter's structure, could be
matched to its voter by anyone comparing two copies of the file. A secret
round's ballots (and an anonymous round's contributions) are therefore held in
memory (`held.py`) and written in shuffled batches that single nobody out
(`batching.py`). What is written at each turn is only who is waiting for their
batch. After a crash, those voters are pending again and vote again
(`lost_turns` names them, so that the screen can say so).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

from workshop.errors import NotFound, ValidationError
from workshop.i18n import t
from workshop.model import Participant
from workshop.project import Project
from workshop.rounds import batching
from workshop.rounds.batching import MIN_BATCH
from workshop.rounds.held import Held, HeldTurn, held, holding, release
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

_random = random.SystemRandom()  # secret positions, ids and shuffles must not be predictable


# Reading -------------------------------------------------------------------------------
def _stored_doc(project: Project, round_id: int) -> Any:
    doc = project.store.table(ROUNDS).get(doc_id=round_id) if round_id else None
    if doc is None:
        raise NotFound("error.not_found", what=ROUNDS, id=round_id)
    return doc


def _stored(project: Project, round_id: int) -> dict[str, Any]:
    """A copy of the round as written in the file, to change and save.

    The file may leave out the lists of ballots and contributions (the project's
    checks require neither, see workshop/validation.py): they start empty."""
    copied: dict[str, Any] = _copy_json(dict(_stored_doc(project, round_id)))
    copied.setdefault("ballots", [])
    copied.setdefault("contributions", [])
    return copied


def _copy_json(value: Any) -> Any:
    """A deep copy of JSON data (dicts, lists, scalars): what `copy.deepcopy` does, without its memo.

    A round holds no tuple: its writers store lists (`_new_doc`, `batching.apply`),
    and phrases are dicts of texts and phrases (workshop/phrases.py)."""
    kind = type(value)
    if kind is dict:
        return {key: _copy_json(inner) for key, inner in value.items()}
    if kind is list:
        return [_copy_json(inner) for inner in value]
    return value


def round_view(project: Project, round_id: int) -> dict[str, Any]:
    """The round as this app knows it: the file, plus what it holds in memory
    placed as the last batch would place it (in memory only, never written)."""
    doc = _stored(project, round_id)
    kept = held(project, round_id)
    if kept is not None:
        flush = batching.plan(doc, kept.turns, _structures(project, doc), final=True)
        if flush is not None:
            batching.apply(doc, flush, None)
        doc["contributions"] += [{"id": c["id"], "text": c["text"]} for c in kept.typing]
    return doc


def _overlay(round_: Round, kept: Held | None) -> Round:
    if kept is not None:
        for turn in kept.turns:
            round_.turns[turn.voter] = turn.state
            round_.ballot_count += turn.ballot is not None
            round_.contribution_count += len(turn.texts)
        round_.contribution_count += len(kept.typing)
        round_.held = len(kept.turns)
    return round_


def get_round(project: Project, round_id: int) -> Round:
    """The round as this app knows it (turns held in memory count as taken)."""
    return _overlay(Round.from_doc(_stored_doc(project, round_id), round_id), held(project, round_id))


def rounds_of(
    project: Project, workshop_id: int, item_id: int | None = None, owner: str | None = None
) -> list[Round]:
    """The rounds of a workshop (of one agenda item, of one owner), oldest first."""

    def matches(value: Mapping[str, Any]) -> bool:  # a tinydb QueryLike: its argument is named `value`
        if value.get("workshop_id") != workshop_id:
            return False
        if item_id is not None and value.get("item_id") != item_id:
            return False
        return owner is None or value["spec"].get("owner", "") == owner  # the file's checks require a spec, not an owner

    docs = project.store.table(ROUNDS).search(matches)
    return sorted((_overlay(Round.from_doc(doc, doc.doc_id), held(project, doc.doc_id)) for doc in docs), key=lambda r: r.id)


def mark_on_screen(project: Project, round_id: int, shown: bool) -> None:
    """The round is on the projected screen (or has left it): a restart goes back to it."""
    if bool(_stored_doc(project, round_id).get("on_screen")) != shown:
        project.store.table(ROUNDS).update({"on_screen": shown}, doc_ids=[round_id])


def round_on_screen(project: Project) -> Round | None:
    """The unfinished round that was on screen when the app stopped, if any (the newest)."""
    docs = project.store.table(ROUNDS).search(lambda doc: bool(doc.get("on_screen")))
    found = [_overlay(Round.from_doc(doc, doc.doc_id), held(project, doc.doc_id)) for doc in docs]
    unfinished = [r for r in found if not (r.done and r.revealed)]
    return max(unfinished, key=lambda r: r.id, default=None)


def contributions(project: Project, round_id: int) -> list[Contribution]:
    """Every contribution of a round, in stored order (random order in anonymous rounds).

    Contributions an anonymous round still holds in memory come last."""
    return [Contribution.from_doc(c) for c in round_view(project, round_id)["contributions"]]


def turn_contributions(project: Project, round_id: int) -> list[Contribution]:
    """The contributions typed during the current turn, in typing order (still correctable)."""
    doc = _stored_doc(project, round_id)
    kept = held(project, round_id)
    if _anonymous(doc):
        current = _current(doc, kept)
        typed = kept.typed_by(current) if kept is not None and current is not None else []
        return [Contribution(c["id"], c["text"], None, None) for c in typed]
    by_id = {c["id"]: c for c in doc.get("contributions", [])}
    return [Contribution.from_doc(by_id[i]) for i in doc.get("turn_ids", []) if i in by_id]


def ballots(project: Project, round_id: int) -> list[dict[str, Any]]:
    """The ballots (copies), those held in memory included. Secret ones carry no voter."""
    return round_view(project, round_id)["ballots"]


def lost_turns(project: Project, round_id: int) -> list[int]:
    """Voters whose turn an earlier run of the app held but never wrote: they vote again."""
    doc = _stored_doc(project, round_id)
    kept = held(project, round_id)
    mine: set[int] = set()
    if kept is not None:
        mine = kept.voters()
        if kept.typing and kept.typing_voter is not None:
            mine.add(kept.typing_voter)
    return [
        v for v in doc.get("unsaved", [])
        if v not in mine and doc["turns"].get(str(v)) == TurnState.PENDING.value
    ]


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


def _structures(project: Project, doc: dict[str, Any]) -> Callable[[int], int | None]:
    """voter -> the structure id it counts for (itself in a structure round; None when unknown)."""
    if doc["spec"].get("by_structure"):
        return lambda voter: voter
    cache: dict[int, int | None] = {}

    def of(voter: int) -> int | None:
        if voter not in cache:
            try:
                cache[voter] = project.participant(voter).structure_id
            except NotFound:
                cache[voter] = None
        return cache[voter]

    return of


# Starting ------------------------------------------------------------------------------
def clean_text(text: str, what: str | None = "contribution") -> str:
    """Text as a person typed it, per the text policy (workshop.text): one line, control
    characters made visible; refused when far too long, or when nothing visible is left
    (the refusal names `what`; `what` None: the text may be empty).

    Markup-like brackets and emoji are kept as typed: screens show them
    literally, the minutes escape them.
    """
    return clean_line(
        text, empty=f"rounds.error.{what}_empty" if what is not None else None, too_long="rounds.error.too_long", limit=MAX_TEXT
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
        raise ValidationError(f"rounds.error.{what}_invalid", limit=MAX_BUDGET, least=MIN_BATCH) from None
    least = MIN_BATCH if what == "batch" else 1
    if not least <= value <= MAX_BUDGET:
        raise ValidationError(f"rounds.error.{what}_invalid", limit=MAX_BUDGET, least=MIN_BATCH)
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
    batch_size = int(spec.batch_size or 0)
    if batch_size and not MIN_BATCH <= batch_size <= MAX_BUDGET:
        raise ValidationError("rounds.error.batch_invalid", least=MIN_BATCH, limit=MAX_BUDGET)
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
        batch_size=batch_size if spec.secret else 0,
        question_phrase=dict(spec.question_phrase or {}),
        option_phrases=[dict(p) for p in spec.option_phrases] if len(spec.option_phrases) == len(options) else [],
    )


def _voters(project: Project, workshop_id: int, spec: RoundSpec) -> list[int]:
    """Voter keys in turn order."""
    present: list[Participant] = project.present(workshop_id)
    if spec.by_structure:
        voters = list(dict.fromkeys(p.structure_id for p in present))
    else:
        voters = [p.id for p in present]
    if spec.shuffle:
        _random.shuffle(voters)
    return voters


def _new_doc(workshop_id: int, item_id: int, spec: RoundSpec, voters: list[int]) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "workshop_id": workshop_id,
        "item_id": item_id,
        "spec": spec.to_doc(),
        "voters": voters,
        "turns": {str(v): TurnState.PENDING.value for v in voters},
        "status": RoundStatus.OPEN.value,
        "revealed": False,
        "ballots": [],
        "contributions": [],
        "next_id": 1,
    }
    if spec.secret:
        doc["unsaved"] = []
        if spec.mode.is_vote and spec.one_structure_one_voice and not spec.by_structure:
            doc["pooled"] = {}
    else:
        doc["turn_ids"] = []
    return doc


def start_round(project: Project, workshop_id: int, item_id: int, spec: RoundSpec) -> Round:
    """Check the settings, list the voters (present participants) and save the round."""
    project.workshop(workshop_id)
    if item_id:
        item = project.agenda_item(item_id)
        if item.workshop_id != workshop_id:
            raise NotFound("error.not_found", what="agenda", id=item_id)
    spec = _check_spec(spec)
    voters = _voters(project, workshop_id, spec)
    if not voters:
        raise ValidationError("rounds.error.nobody_present")
    round_id = project.store.table(ROUNDS).insert(_new_doc(workshop_id, item_id, spec, voters))
    return get_round(project, round_id)


def started(round_: Round) -> bool:
    """Someone has taken a turn, been skipped, or typed: the settings can no longer change."""
    return bool(round_.ballot_count or round_.contribution_count) or any(
        state is not TurnState.PENDING for state in round_.turns.values()
    )


def change_settings(project: Project, round_id: int, spec: RoundSpec) -> Round:
    """New settings for a round nobody has voted in yet (the voters are listed again)."""
    round_ = get_round(project, round_id)
    if started(round_) or held(project, round_id) is not None:
        raise ValidationError("rounds.error.already_started")
    if not round_.is_open:
        raise ValidationError("rounds.error.closed")
    spec = _check_spec(spec)
    voters = _voters(project, round_.workshop_id, spec)
    if not voters:
        raise ValidationError("rounds.error.nobody_present")
    doc = _new_doc(round_.workshop_id, round_.item_id, spec, voters)
    doc["on_screen"] = bool(_stored_doc(project, round_id).get("on_screen"))
    return _save(project, round_id, doc)


def remove_round(project: Project, round_id: int) -> None:
    get_round(project, round_id)
    project.store.table(ROUNDS).remove(doc_ids=[round_id])
    release(project, round_id)


# Saving --------------------------------------------------------------------------------
def _anonymous(doc: dict[str, Any]) -> bool:
    """Secret rounds (votes, and contribution rounds marked anonymous) go through batches."""
    return bool(doc["spec"].get("secret"))


def _save(project: Project, round_id: int, doc: dict[str, Any]) -> Round:
    if _anonymous(doc):
        kept = held(project, round_id)
        waiting = kept.voters() if kept is not None else set()
        if kept is not None and kept.typing and kept.typing_voter is not None:
            waiting.add(kept.typing_voter)
        doc["unsaved"] = [v for v in doc["voters"] if v in waiting]
        doc.pop("turn_ids", None)

    def replace(stored: MutableMapping[str, Any]) -> None:
        stored.clear()
        stored.update(doc)

    project.store.table(ROUNDS).update(replace, doc_ids=[round_id])
    return get_round(project, round_id)


def _settle(project: Project, round_id: int, doc: dict[str, Any]) -> Round:
    """Save a secret round after its held turns (or its status) changed: write a batch
    when it is safe, and everything held once the round is revealed or closed, or
    when nobody can vote after the held turns (a skipped voter may still be called back)."""
    kept = held(project, round_id)
    turns = _turns(doc, kept)
    if not any(state == TurnState.PENDING.value for state in turns.values()) and doc["spec"].get("auto_reveal"):
        doc["revealed"] = True
    if kept is not None and kept.turns:
        nobody_after = not any(state in (TurnState.PENDING.value, TurnState.SKIPPED.value) for state in turns.values())
        final = bool(doc.get("revealed")) or doc.get("status") == RoundStatus.CLOSED.value or nobody_after
        flush = batching.plan(doc, kept.turns, _structures(project, doc), final=final)
        if flush is not None:
            batching.apply(doc, flush, _random)
            written = {id(turn) for turn in flush.turns}
            kept.turns = [turn for turn in kept.turns if id(turn) not in written]
    if kept is not None and kept.empty:
        release(project, round_id)
    return _save(project, round_id, doc)


def _check_open(doc: dict[str, Any]) -> None:
    if doc.get("status") == RoundStatus.CLOSED.value:
        raise ValidationError("rounds.error.closed")


def _turns(doc: dict[str, Any], kept: Held | None) -> dict[str, str]:
    turns = dict(doc["turns"])
    if kept is not None:
        for turn in kept.turns:
            turns[str(turn.voter)] = turn.state.value
    return turns


def _state(doc: dict[str, Any], kept: Held | None, voter: int) -> TurnState:
    state = doc["turns"].get(str(voter))
    if state is None:
        raise ValidationError("rounds.error.not_a_voter")
    if kept is not None:
        return kept.state_of(voter) or TurnState(state)
    return TurnState(state)


def _current(doc: dict[str, Any], kept: Held | None) -> int | None:
    if doc.get("status") == RoundStatus.CLOSED.value:
        return None
    turns = _turns(doc, kept)
    return next((v for v in doc["voters"] if turns[str(v)] == TurnState.PENDING.value), None)


def _end_turn(doc: dict[str, Any], voter: int, state: TurnState) -> None:
    """An open round's turn is over (secret rounds go through `_settle`)."""
    doc["turns"][str(voter)] = state.value
    doc["turn_ids"] = []
    if _current(doc, None) is None and doc["spec"].get("auto_reveal"):
        doc["revealed"] = True


def _new_id(doc: dict[str, Any], kept: Held | None) -> int:
    if _anonymous(doc):
        # Random ids: the order of typing cannot be read back from them.
        taken = {c["id"] for c in doc["contributions"]}
        if kept is not None:
            taken |= {c["id"] for c in kept.typing}
            taken |= {c["id"] for turn in kept.turns for c in turn.texts}
        while True:
            candidate = _random.randrange(1, 2**31)
            if candidate not in taken:
                return candidate
    # `next_id` may be missing (the file's checks do not require it) or behind the
    # contributions (a file edited elsewhere): an id already used would make the
    # project fail its checks at the next opening.
    new_id = max(int(doc.get("next_id", 1)), 1 + max((c["id"] for c in doc["contributions"]), default=0))
    doc["next_id"] = new_id + 1
    return new_id


# Contribution rounds -------------------------------------------------------------------
def contribute(project: Project, round_id: int, voter: int, text: str, proxy: bool = False) -> Contribution:
    """Save one contribution of the voter whose turn it is.

    In an anonymous round it is held in memory until the voter's batch is written."""
    doc = _stored(project, round_id)
    _check_open(doc)
    spec = RoundSpec.from_doc(doc["spec"])
    if spec.mode is not RoundMode.CONTRIBUTION:
        raise ValidationError("rounds.error.wrong_mode")
    kept = held(project, round_id)
    if _state(doc, kept, voter) is not TurnState.PENDING:
        raise ValidationError("rounds.error.already_taken")
    if _current(doc, kept) != voter:
        raise ValidationError("rounds.error.not_their_turn")
    text = clean_text(text)
    if spec.secret:
        kept = holding(project, round_id)
        if kept.typing_voter != voter:
            kept.typing_voter, kept.typing = voter, []
        first = not kept.typing
        kept.typing.append({"id": _new_id(doc, kept), "text": text})
        if first:
            _save(project, round_id, doc)  # only who is typing: nothing of what
        return Contribution(kept.typing[-1]["id"], text, None, None)
    record: dict[str, Any] = {
        "id": _new_id(doc, kept),
        "text": text,
        "participant_id": None if spec.by_structure else voter,
        "structure_id": _structures(project, doc)(voter),
        "proxy": bool(proxy),
    }
    doc["contributions"].append(record)
    doc["turn_ids"] = [*doc.get("turn_ids", []), record["id"]]
    _save(project, round_id, doc)
    return Contribution.from_doc(record)


def _held_text(kept: Held | None, contribution_id: int) -> dict[str, Any] | None:
    if kept is None:
        return None
    for item in [*kept.typing, *(c for turn in kept.turns for c in turn.texts)]:
        if item["id"] == contribution_id:
            return item
    return None


def edit_contribution(project: Project, round_id: int, contribution_id: int, text: str) -> Contribution:
    text = clean_text(text)
    item = _held_text(held(project, round_id), contribution_id)
    if item is not None:
        item["text"] = text
        return Contribution(contribution_id, text, None, None)
    doc = _stored(project, round_id)
    for record in doc["contributions"]:
        if record["id"] == contribution_id:
            record["text"] = text
            _save(project, round_id, doc)
            return Contribution.from_doc(record)
    raise NotFound("error.not_found", what="contribution", id=contribution_id)


def remove_contribution(project: Project, round_id: int, contribution_id: int) -> None:
    kept = held(project, round_id)
    if _held_text(kept, contribution_id) is not None:
        assert kept is not None
        kept.typing = [c for c in kept.typing if c["id"] != contribution_id]
        for turn in kept.turns:
            turn.texts = [c for c in turn.texts if c["id"] != contribution_id]
        if kept.empty:
            release(project, round_id)
        if not kept.typing:
            # The typist took back all they typed (as in an open round, nothing of their turn
            # remains): the file no longer names them as waiting (`unsaved`; a restart would
            # report their turn lost), and with nothing held the settings may change again.
            _save(project, round_id, _stored(project, round_id))
        return
    doc = _stored(project, round_id)
    kept_items = [c for c in doc["contributions"] if c["id"] != contribution_id]
    if len(kept_items) == len(doc["contributions"]):
        raise NotFound("error.not_found", what="contribution", id=contribution_id)
    doc["contributions"] = kept_items
    if "turn_ids" in doc:
        doc["turn_ids"] = [i for i in doc["turn_ids"] if i != contribution_id]
    _save(project, round_id, doc)


def finish_turn(project: Project, round_id: int, voter: int, proxy: bool = False) -> Round:
    """The voter passes the keyboard: their contributions are final."""
    doc = _stored(project, round_id)
    _check_open(doc)
    if doc["spec"]["mode"] != RoundMode.CONTRIBUTION.value:
        raise ValidationError("rounds.error.wrong_mode")
    kept = held(project, round_id)
    if _state(doc, kept, voter) is not TurnState.PENDING:
        raise ValidationError("rounds.error.already_taken")
    state = TurnState.PROXY if proxy else TurnState.TAKEN
    if _anonymous(doc):
        kept = holding(project, round_id)
        texts = list(kept.typed_by(voter))
        if kept.typing_voter == voter:
            kept.typing_voter, kept.typing = None, []
        kept.turns.append(HeldTurn(voter, state, None, texts=texts))
        return _settle(project, round_id, doc)
    _end_turn(doc, voter, state)
    return _save(project, round_id, doc)


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
            kept = clean_text(reason, None)
        return answer.value, kept
    raise ValidationError("rounds.error.wrong_mode")


def cast(
    project: Project, round_id: int, voter: int, choice: Any, reason: str = "", proxy: bool = False
) -> Round:
    """Record a final ballot: the voter has passed the keyboard; nobody votes twice.

    An open ballot is written at once. A secret one is held in memory until its
    batch can be written (see `batching.py`). A proxy vote (entered by the
    facilitator) may also be given for a voter who was skipped.
    """
    doc = _stored(project, round_id)
    _check_open(doc)
    spec = RoundSpec.from_doc(doc["spec"])
    if not spec.mode.is_vote:
        raise ValidationError("rounds.error.wrong_mode")
    kept = held(project, round_id)
    state = _state(doc, kept, voter)
    if state is not TurnState.PENDING and not (proxy and state is TurnState.SKIPPED):
        raise ValidationError("rounds.error.already_taken")
    stored, kept_reason = check_choice(spec, choice, reason)
    structure_id = _structures(project, doc)(voter)
    new_state = TurnState.PROXY if proxy else TurnState.TAKEN
    if spec.secret:
        ballot = {"choice": stored, "reason": kept_reason}
        holding(project, round_id).turns.append(HeldTurn(voter, new_state, structure_id, ballot))
        return _settle(project, round_id, doc)
    doc["ballots"].append(
        {"choice": stored, "reason": kept_reason, "structure_id": structure_id, "voter": voter, "proxy": bool(proxy)}
    )
    _end_turn(doc, voter, new_state)
    return _save(project, round_id, doc)


# Either kind ---------------------------------------------------------------------------
def skip(project: Project, round_id: int, voter: int) -> Round:
    """The voter is absent when their turn comes."""
    doc = _stored(project, round_id)
    _check_open(doc)
    kept = held(project, round_id)
    if _state(doc, kept, voter) is not TurnState.PENDING:
        raise ValidationError("rounds.error.already_taken")
    if _current(doc, kept) == voter and (doc.get("turn_ids") or (kept is not None and kept.typed_by(voter))):
        raise ValidationError("rounds.error.skip_has_contributions")
    if _anonymous(doc):
        doc["turns"][str(voter)] = TurnState.SKIPPED.value
        return _settle(project, round_id, doc)
    _end_turn(doc, voter, TurnState.SKIPPED)
    return _save(project, round_id, doc)


def recall(project: Project, round_id: int, voter: int) -> Round:
    """A skipped voter is back: their turn comes again (before anyone not yet called)."""
    doc = _stored(project, round_id)
    _check_open(doc)
    kept = held(project, round_id)
    if _state(doc, kept, voter) is not TurnState.SKIPPED:
        raise ValidationError("rounds.error.not_skipped")
    # The voter at the keyboard has been called: once they have written, the recalled
    # voter waits for the end of their turn (taking the keyboard would give them
    # what was written, or wipe what an anonymous voter typed).
    current = _current(doc, kept)
    if current is not None and doc["voters"].index(voter) < doc["voters"].index(current):
        if doc.get("turn_ids") or (kept is not None and kept.typed_by(current)):
            raise ValidationError("rounds.error.recall_during_turn")
    doc["turns"][str(voter)] = TurnState.PENDING.value
    return _save(project, round_id, doc)


def reveal(project: Project, round_id: int) -> Round:
    """Show the results (or the hidden contributions) to the room.

    What a secret round still holds is written first: the results are public now."""
    doc = _stored(project, round_id)
    kept = held(project, round_id)
    if doc.get("revealed") and (kept is None or not kept.turns):
        return get_round(project, round_id)
    doc["revealed"] = True
    if _anonymous(doc):
        return _settle(project, round_id, doc)
    return _save(project, round_id, doc)


def close_round(project: Project, round_id: int) -> Round:
    """End the round: voters still waiting no longer get a turn.

    What a secret round still holds is written, and so are the contributions an
    anonymous voter was typing (their turn stays unfinished, as in an open round)."""
    doc = _stored(project, round_id)
    kept = held(project, round_id)
    if doc.get("status") == RoundStatus.CLOSED.value and kept is None:
        return get_round(project, round_id)
    doc["status"] = RoundStatus.CLOSED.value
    if "turn_ids" in doc:
        doc["turn_ids"] = []
    if _anonymous(doc):
        if kept is not None and kept.typing:
            for text in kept.typing:
                doc["contributions"].insert(_random.randrange(len(doc["contributions"]) + 1), dict(text))
            kept.typing_voter, kept.typing = None, []
        return _settle(project, round_id, doc)
    return _save(project, round_id, doc)


__all__ = [
    "CONSENT_ANSWERS",
    "ballots",
    "cast",
    "change_settings",
    "check_choice",
    "clean_text",
    "close_round",
    "contribute",
    "contributions",
    "edit_contribution",
    "finish_turn",
    "get_round",
    "lost_turns",
    "mark_on_screen",
    "parse_count",
    "parse_options",
    "recall",
    "remove_contribution",
    "remove_round",
    "reveal",
    "round_view",
    "round_on_screen",
    "rounds_of",
    "skip",
    "start_round",
    "started",
    "structure_of",
    "turn_contributions",
    "voter_label",
]
