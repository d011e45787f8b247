"""When a secret round's held turns reach the file, and in what form: batches that single nobody out.

The threat is a reader of the project file who can copy it (and its backup, and
its temporary files) between any two voters: a participant at the laptop during
a break, or the facilitator. Voters vote in a known order and the file says who
has taken their turn, so any write that adds one ballot gives that ballot away.
Hence:

- Ballots (and an anonymous round's contributions) are written in batches of at
  least k voters (`batch_size`, 3 by default, never below 2), each inserted at a
  random place in the list: the difference between two copies is always the
  sum of k ballots or more, and no file keeps the order in which they were cast.
- A batch waits while fewer than k voters could still vote after it, so that
  the round never ends on a batch smaller than k (unless it had fewer than k
  voters, or people were skipped and the round was ended without them).
- A ballot carries its structure only when k ballots or more of that structure
  arrive in the same batch (and enough of its people are left to make the next
  such group): a structure tag never points at fewer than k people.
- "One structure, one voice" needs each structure's ballots together. A
  structure with a tag has them all tagged. The ballots of a structure too small
  to be tagged wait until the whole structure has voted; then they are written
  untagged and only their weighted sum is added to `pooled` (the sum over every
  such structure, per option, as exact fractions), which itself only grows by
  k ballots or more at a time. So the weighted result can be recomputed from
  the file at any moment, and after a crash the voters of the lost batch vote
  again and the result is the one the uninterrupted round would have given.

The price is that a crash sends more people back to vote: up to one batch, or
in a weighted round, every voter of a structure that has not finished voting.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from workshop.rounds.held import HeldTurn
from workshop.rounds.model import RoundMode, TurnState

DEFAULT_BATCH = 3
MIN_BATCH = 2
_WAITING = (TurnState.PENDING.value, TurnState.SKIPPED.value)  # could still vote (a skipped voter can be called back)


def batch_size(spec: dict[str, Any]) -> int:
    return max(MIN_BATCH, int(spec.get("batch_size") or DEFAULT_BATCH))


@dataclass
class Flush:
    """The turns written together, the structure written on each ballot, the weighted sum added."""

    turns: list[HeldTurn]
    tags: dict[int, int | None] = field(default_factory=dict)  # voter -> structure written on their ballot
    pooled: dict[str, Fraction] = field(default_factory=dict)


def plan(
    doc: dict[str, Any], turns: list[HeldTurn], structure_of: Callable[[int], int | None], final: bool
) -> Flush | None:
    """The batch to write now, or None while writing would single someone out.

    `final`: nobody can vote after these turns (or the round is being closed or
    revealed): everything held is written, as safely as the rest allows.
    """
    if not turns:
        return None
    spec = doc["spec"]
    k = batch_size(spec)
    if not final and len(turns) < k:
        return None
    vote = spec["mode"] != RoundMode.CONTRIBUTION.value
    tagging = vote and not spec.get("by_structure")
    weighted = tagging and bool(spec.get("one_structure_one_voice"))
    holding = {turn.voter for turn in turns}
    still_open: Counter[int | None] = Counter()  # per structure: voters who could vote after this batch
    on_disk: Counter[int | None] = Counter()  # per structure: voters whose turn is written
    for voter in doc["voters"]:
        if voter in holding:
            continue
        state = doc["turns"].get(str(voter))
        if state in _WAITING:
            still_open[structure_of(voter) if tagging else None] += 1
        else:
            on_disk[structure_of(voter) if tagging else None] += 1
    could = sum(still_open.values())
    if not final and 0 < could < k:
        return None
    tagged_on_disk = Counter(b.get("structure_id") for b in doc["ballots"] if b.get("structure_id") is not None)

    def leaves_safe(count: int) -> bool:
        return count == 0 or count >= k

    groups: dict[int | None, list[HeldTurn]] = defaultdict(list)
    for turn in turns:
        groups[turn.structure_id if tagging else None].append(turn)
    tagged: dict[int, list[HeldTurn]] = {}
    pooled: dict[int | None, list[HeldTurn]] = {}
    for sid, members in groups.items():
        fits = len(members) >= k and leaves_safe(still_open[sid])
        if sid is None:
            pooled[sid] = members
        elif weighted:
            if tagged_on_disk[sid]:
                if not (fits or final):
                    return None  # its tag is on disk: the rest of it must come as a group
                tagged[sid] = members
            elif fits and not on_disk[sid]:
                tagged[sid] = members
            elif still_open[sid] and not final:
                return None  # its weight is known only once all of it has voted
            else:
                pooled[sid] = members
        elif fits and tagged_on_disk[sid] == on_disk[sid]:
            tagged[sid] = members
        else:
            pooled[sid] = members
    untagged = sum(len(m) for m in pooled.values())
    # A tag is a detail the results can do without: drop the smallest ones until the
    # untagged part is safe. With weighting, only a structure complete with this
    # batch and not yet tagged can join the pooled sum.
    movable = [
        sid for sid in tagged
        if not weighted or (not tagged_on_disk[sid] and not still_open[sid])
    ]
    while not leaves_safe(untagged) and movable:
        smallest = min(movable, key=lambda s: (len(tagged[s]), s))
        movable.remove(smallest)
        members = tagged.pop(smallest)
        pooled[smallest] = members
        untagged += len(members)
    if not final and not leaves_safe(untagged):
        return None
    flush = Flush(list(turns))
    for sid, members in tagged.items():
        for turn in members:
            flush.tags[turn.voter] = sid
    if weighted:
        for sid, members in pooled.items():
            shares = [[turn] for turn in members] if sid is None else [members]  # an unknown structure: one voter
            for share in shares:
                weight = Fraction(1, len(share))
                for turn in share:
                    for value, count in ballot_counts(spec, turn.ballot).items():
                        flush.pooled[value] = flush.pooled.get(value, Fraction(0)) + count * weight
    return flush


def apply(doc: dict[str, Any], flush: Flush, rng: random.Random | None) -> None:
    """Write the batch into the round's document; `rng` None appends (a view kept in memory)."""
    for turn in flush.turns:
        doc["turns"][str(turn.voter)] = turn.state.value
        if turn.ballot is not None:
            ballot = {"choice": turn.ballot["choice"], "reason": turn.ballot.get("reason", "")}
            ballot["structure_id"] = flush.tags.get(turn.voter)
            _insert(doc["ballots"], ballot, rng)
        for text in turn.texts:
            _insert(doc["contributions"], {"id": text["id"], "text": text["text"]}, rng)
    if flush.pooled:
        stored = doc.setdefault("pooled", {})
        for value, add in flush.pooled.items():
            stored[value] = str(Fraction(stored.get(value, "0")) + add)


def _insert(items: list[dict[str, Any]], record: dict[str, Any], rng: random.Random | None) -> None:
    if rng is None:
        items.append(record)
    else:
        items.insert(rng.randrange(len(items) + 1), record)


def ballot_counts(spec: dict[str, Any], ballot: dict[str, Any] | None) -> dict[str, Fraction]:
    """What one ballot adds to each option, keyed by the option's value as text (blank: nothing)."""
    choice = (ballot or {}).get("choice")
    if choice is None:
        return {}
    if spec["mode"] == RoundMode.DOT.value:
        return {str(index): Fraction(points) for index, points in enumerate(choice) if points}
    return {str(choice): Fraction(1)}


def pooled_counts(doc: dict[str, Any]) -> dict[str, Fraction]:
    return {value: Fraction(text) for value, text in doc.get("pooled", {}).items()}


__all__ = ["DEFAULT_BATCH", "MIN_BATCH", "Flush", "apply", "ballot_counts", "batch_size", "plan", "pooled_counts"]
