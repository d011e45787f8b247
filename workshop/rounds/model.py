"""The records of a round: its settings, its turns, its contributions.

A round (tour de table) passes the keyboard from voter to voter. One round is one
TinyDB document in the `rounds` table; its ballots and contributions live inside
it (`engine.py` describes the stored shape, `batching.py` how secret ballots
reach it).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any

# Keys that pick an option, in order: no visible cursor is needed (DESIGN §3.3).
OPTION_KEYS = "123456789abcdefghijklmnopqrstuvwxyz"
MAX_OPTIONS = len(OPTION_KEYS)
MAX_TEXT = 20_000  # a contribution, an option, a reason, a question
MAX_BUDGET = 99
SCALE_VALUES = (1, 2, 3, 4, 5)


class RoundMode(StrEnum):
    CONTRIBUTION = "contribution"
    DOT = "dot"
    SCALE = "scale"
    CONSENT = "consent"
    SINGLE = "single"

    @property
    def is_vote(self) -> bool:
        return self is not RoundMode.CONTRIBUTION


class ConsentAnswer(StrEnum):
    AGREE = "agree"
    RESERVATION = "reservation"  # can live with it
    OBJECTION = "objection"
    ABSTAIN = "abstain"

    @property
    def takes_reason(self) -> bool:
        return self in (ConsentAnswer.RESERVATION, ConsentAnswer.OBJECTION)


CONSENT_ANSWERS = tuple(ConsentAnswer)


class TurnState(StrEnum):
    PENDING = "pending"
    TAKEN = "taken"  # voted, or finished contributing
    PROXY = "proxy"  # the facilitator voted on the voter's behalf
    SKIPPED = "skipped"  # absent when their turn came


class RoundStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


def default_budget(option_count: int) -> int:
    """A third of the options, at least 3, at most 10: the usual dot-vote rule."""
    return max(3, min(10, math.ceil(option_count / 3)))


def default_cap(budget: int) -> int:
    """Half the budget (rounded up): nobody puts every point on one option."""
    return max(1, math.ceil(budget / 2))


def option_key(index: int) -> str:
    return OPTION_KEYS[index]


def option_index(key: str) -> int | None:
    index = OPTION_KEYS.find(key.lower()) if len(key) == 1 else -1
    return index if index >= 0 else None


@dataclass
class RoundSpec:
    question: str
    mode: RoundMode
    options: list[str] = field(default_factory=list)  # dot / single; scale and consent have fixed options
    secret: bool = False  # votes: ballots stored unlinkable to voters; only who has voted is kept
    hidden: bool = True  # contribution rounds: hidden until the facilitator reveals
    budget: int = 0  # dot vote: points per person (0 = sensible default)
    cap: int = 0  # dot vote: max points per option (0 = sensible default)
    shuffle: bool = False  # voters shuffled instead of agenda order
    by_structure: bool = False  # one turn per present structure instead of per person
    one_structure_one_voice: bool = False  # weighting of results
    auto_reveal: bool = False  # reveal results when everyone has voted
    owner: str = ""  # "" = free round from the cockpit; else e.g. "values:vote"
    batch_size: int = 0  # secret rounds: voters written together (0 = 3; see rounds/batching.py)
    # What the app worded (an exercise's question, its options) is also kept as phrases
    # (`workshop.phrases`): a round is then read in the current language.
    question_phrase: dict[str, Any] = field(default_factory=dict)
    option_phrases: list[dict[str, Any]] = field(default_factory=list)

    def to_doc(self) -> dict[str, Any]:
        doc = asdict(self)
        doc["mode"] = RoundMode(self.mode).value
        doc["options"] = list(self.options)
        return doc

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> RoundSpec:
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in doc.items() if k in names}
        values["mode"] = RoundMode(values["mode"])
        values["options"] = list(values.get("options", []))
        spec = cls(**values)
        _say_worded(spec)
        return spec


def _say_worded(spec: RoundSpec) -> None:
    """The question and options the app worded, in the current language (see `workshop.phrases`)."""
    from workshop.phrases import recognise, say

    if spec.question_phrase:
        spec.question = say(spec.question_phrase)
    elif spec.owner:  # saved before phrases: the wording is recognised, when it is the app's
        found = recognise(spec.question, _question_keys(), {"group": _group_keys()})
        if found is not None:
            spec.question = say(found)
    if spec.option_phrases and len(spec.option_phrases) == len(spec.options):
        spec.options = [say(p) for p in spec.option_phrases]
    elif spec.owner and spec.options:
        nested = {"label": ("apt.round.option",), "group": _group_keys(), "category": _category_keys()}
        worded = [recognise(option, ("rounds.numbered", "apt.round.option"), nested) for option in spec.options]
        spec.options = [say(p) if p is not None else option for p, option in zip(worded, spec.options, strict=True)]


def _question_keys() -> tuple[str, ...]:
    from workshop.phrases import keys_starting

    return tuple(
        k
        for k in keys_starting("values.round.", "apt.round.", "supra.drafts.", "supra.criterion.", "matrix.confirm.")
        if "question" in k
    )


def _group_keys() -> tuple[str, ...]:
    from workshop.phrases import keys_starting

    return keys_starting("apt.group.")


def _category_keys() -> tuple[str, ...]:
    from workshop.phrases import keys_starting

    return tuple(k for k in keys_starting("apt.category.") if k.endswith(".short"))


@dataclass
class Round:
    """A round as stored. `voters` are participant ids, or structure ids when
    `spec.by_structure`; `turns` says where each voter stands."""

    id: int
    workshop_id: int
    item_id: int
    spec: RoundSpec
    voters: list[int]
    turns: dict[int, TurnState]
    status: RoundStatus = RoundStatus.OPEN
    revealed: bool = False
    ballot_count: int = 0
    contribution_count: int = 0
    held: int = 0  # secret rounds: turns this app holds in memory until their batch is written

    @property
    def mode(self) -> RoundMode:
        return self.spec.mode

    @property
    def is_open(self) -> bool:
        return self.status is RoundStatus.OPEN

    @property
    def done(self) -> bool:
        """Every voter has taken their turn or been skipped, or the round is closed."""
        return self.status is RoundStatus.CLOSED or all(s is not TurnState.PENDING for s in self.turns.values())

    @property
    def current(self) -> int | None:
        """The voter whose turn it is: the first pending one in order."""
        if self.status is RoundStatus.CLOSED:
            return None
        return next((v for v in self.voters if self.turns[v] is TurnState.PENDING), None)

    @property
    def progress(self) -> tuple[int, int]:
        """(turns taken, voters): skipped voters count as not taken."""
        taken = sum(1 for s in self.turns.values() if s in (TurnState.TAKEN, TurnState.PROXY))
        return taken, len(self.voters)

    @property
    def handled(self) -> int:
        """Voters whose turn is over (taken, proxied or skipped)."""
        return sum(1 for s in self.turns.values() if s is not TurnState.PENDING)

    def state_of(self, voter: int) -> TurnState:
        return self.turns[voter]

    @property
    def options(self) -> list[str]:
        return list(self.spec.options)

    @classmethod
    def from_doc(cls, doc: dict[str, Any], doc_id: int) -> Round:
        turns = {int(k): TurnState(v) for k, v in doc.get("turns", {}).items()}
        return cls(
            id=doc_id,
            workshop_id=doc["workshop_id"],
            item_id=doc["item_id"],
            spec=RoundSpec.from_doc(doc["spec"]),
            voters=list(doc["voters"]),
            turns=turns,
            status=RoundStatus(doc.get("status", RoundStatus.OPEN)),
            revealed=bool(doc.get("revealed", False)),
            ballot_count=len(doc.get("ballots", [])),
            contribution_count=len(doc.get("contributions", [])),
        )


@dataclass(frozen=True)
class Contribution:
    id: int
    text: str
    participant_id: int | None  # None in secret rounds and rounds by structure
    structure_id: int | None  # None in anonymous rounds
    proxy: bool = False

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> Contribution:
        return cls(
            id=doc["id"],
            text=doc["text"],
            participant_id=doc.get("participant_id"),
            structure_id=doc.get("structure_id"),
            proxy=bool(doc.get("proxy", False)),
        )
