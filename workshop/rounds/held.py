"""What a running Atelier holds in memory for a secret round, and never writes as such.

A secret round's ballots (and an anonymous round's contributions) reach the
file in shuffled batches of several voters (see `batching.py`). Until its batch
is written, a voter's ballot lives only here, with the voter's structure; the
file says only that this voter is waiting for their batch (`unsaved`). When the
app stops, what is held is gone: those voters are pending again in the file and
vote again.

The contributions an anonymous voter types during their turn are held here too
(`typing`), so that nothing on disk links those texts to the person at the
keyboard.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Any

from workshop.project import Project
from workshop.rounds.model import TurnState


@dataclass
class HeldTurn:
    """One voter's finished turn, waiting for its batch."""

    voter: int
    state: TurnState  # TAKEN or PROXY
    structure_id: int | None
    ballot: dict[str, Any] | None = None  # vote rounds: {"choice", "reason"}
    texts: list[dict[str, Any]] = field(default_factory=list)  # contribution rounds: [{"id", "text"}]


@dataclass
class Held:
    turns: list[HeldTurn] = field(default_factory=list)
    typing_voter: int | None = None
    typing: list[dict[str, Any]] = field(default_factory=list)  # [{"id", "text"}] of the current turn

    @property
    def empty(self) -> bool:
        return not self.turns and not self.typing

    def voters(self) -> set[int]:
        return {turn.voter for turn in self.turns}

    def state_of(self, voter: int) -> TurnState | None:
        return next((turn.state for turn in self.turns if turn.voter == voter), None)

    def typed_by(self, voter: int) -> list[dict[str, Any]]:
        return self.typing if self.typing_voter == voter else []


# project -> round id -> what is held. Weak: a closed project lets go of its rounds.
_held: weakref.WeakKeyDictionary[Project, dict[int, Held]] = weakref.WeakKeyDictionary()


def held(project: Project, round_id: int) -> Held | None:
    """What this app holds for the round, if anything."""
    rounds = _held.get(project)
    return rounds.get(round_id) if rounds else None


def holding(project: Project, round_id: int) -> Held:
    """What this app holds for the round, created when nothing is held yet."""
    return _held.setdefault(project, {}).setdefault(round_id, Held())


def release(project: Project, round_id: int) -> None:
    """Nothing more is held for the round (written, or the round removed)."""
    rounds = _held.get(project)
    if rounds is not None:
        rounds.pop(round_id, None)


__all__ = ["Held", "HeldTurn", "held", "holding", "release"]
